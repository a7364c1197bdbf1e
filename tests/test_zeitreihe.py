"""The profile's time series: residents and the 65+/80+ shares over all Stichtage.

Köln's real 2005–2012 series (tests/fixtures/koeln/bevoelkerung_2005_2012.csv) for Nippes,
checked against the raw CSV; with only two Stichtage the chart is left out.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from docx_lesen import absaetze, bilder

from qprofil import zahlen

REPO = Path(__file__).resolve().parents[1]
KOELN = REPO / "examples" / "koeln"
REIHE = REPO / "tests" / "fixtures" / "koeln" / "bevoelkerung_2005_2012.csv"
JAHRE = [str(j) for j in range(2005, 2013)]


def _roh(raum: str, jahr: str) -> dict[str, int]:
    with REIHE.open(encoding="utf-8") as f:
        return {
            z["zeile"]: int(float(z["zahl"]))
            for z in csv.DictReader(f)
            if z["tabelle"] == "Einwohner nach Alter" and z["raum_id"] == raum and z["jahr"] == jahr
        }


@pytest.fixture(scope="module")
def nippes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    projekt = tmp_path_factory.mktemp("koeln") / "koeln"
    shutil.copytree(KOELN, projekt, ignore=shutil.ignore_patterns("berichte"))
    shutil.copy(REIHE, projekt / "daten" / "bevoelkerung.csv")
    toml = projekt / "qprofil.toml"
    text = toml.read_text(encoding="utf-8").replace('"../../vorlagen"', f'"{REPO / "vorlagen"}"')
    # Without the map: only the statistics matter here.
    text = text[: text.index("[karte]")] + text[text.index("# Gremienvorlagen") :]
    toml.write_text(text, encoding="utf-8")
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "nippes", "--jobs", "1"],
        cwd=projekt,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    return projekt / "berichte" / "quartiersprofil_nippes.docx"


def test_zeitreihe_nippes_wie_rohdaten(nippes: Path) -> None:
    (alt,) = [b["alt"] for b in bilder(nippes) if b["alt"].startswith("Entwicklung im Quartier")]
    einwohner = []
    anteil_65 = []
    for jahr in JAHRE:
        baender = _roh("501", jahr)
        p = sum(baender.values())
        einwohner.append(f"{jahr} {zahlen.zahl(p)}")
        a65 = (baender["65 - < 75"] + baender["75 und älter"]) / p * 100
        anteil_65.append(f"{jahr} {zahlen.prozent(a65)}")
    assert alt == (
        "Entwicklung im Quartier Nippes – Einwohnerinnen und Einwohner: "
        + ", ".join(einwohner)
        + "; 65 Jahre und älter: "
        + ", ".join(anteil_65)
        + "."
    )  # no 80+ line: Köln has no band „80 und älter“
    text = absaetze(nippes)
    titel = [a for a in text if "Entwicklung 2005–2012: Quartier Nippes" in a]
    assert titel and titel[0].startswith("Abbildung")
    i = text.index(titel[0])
    assert text[i + 1].startswith("Quelle: kleinräumige Bevölkerungsstatistik der Stadt Köln")


def test_ohne_zeitreihe_bei_zwei_stichtagen(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    docx = mini / "berichte" / "quartiersprofil_testdorf.docx"
    assert not [b for b in bilder(docx) if b["alt"].startswith("Entwicklung im Quartier")]
    assert not [a for a in absaetze(docx) if "Entwicklung 2011" in a]
