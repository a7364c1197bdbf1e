"""The Hamburg example: the Statistikamt Nord's „Stadtteilprofile 2014“ workbook as published.

The figures in the profiles are compared with values computed here independently from the raw
workbook: cells read by position (column A name, B population, C under 18, E 65 and older),
Stadtteile from the rows above the block of Bezirke at the end of the sheet.
"""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from docx_lesen import absaetze, tabellen, zeile_mit

REPO = Path(__file__).resolve().parents[1]
BEISPIEL = REPO / "examples" / "hamburg"
MAPPE = BEISPIEL / "daten" / "stadtteilprofile_2014.xlsx"
BEZIRKE = (
    "Hamburg-Mitte",
    "Altona",
    "Eimsbüttel",
    "Hamburg-Nord",
    "Wandsbek",
    "Bergedorf",
    "Harburg",
)
QUARTIERE = {
    "bergedorf": (("Bergedorf", "Lohbrügge"), "Bergedorf"),
    "st-pauli": (("St. Pauli",), "Hamburg-Mitte"),
    "eimsbuettel": (("Eimsbüttel",), "Eimsbüttel"),
}


def _roh() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Stadtteile and Bezirke (plus „Hamburg“): name → (population, under 18, 65+, households,
    one-person households)."""
    ws = openpyxl.load_workbook(MAPPE, read_only=True, data_only=True).active
    zeilen = [
        (r[0], (int(r[1]), int(r[2]), int(r[4]), int(r[12]), int(r[14])))
        for r in ws.iter_rows(min_row=5, values_only=True)
        if r[0]
    ]
    start = next(i for i, (name, _) in enumerate(zeilen) if name == "Hamburg-Mitte")
    return dict(zeilen[:start]), dict(zeilen[start:])


STADTTEILE, OBEN = _roh()


def _prozent(zaehler: int, nenner: int, einheit: str = "\u00a0%") -> str:
    wert = (Decimal(zaehler) / Decimal(nenner) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{wert}".replace(".", ",") + einheit


def _tausender(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _summe(namen: tuple[str, ...], quelle: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    werte = [quelle[n] for n in namen]
    return tuple(sum(w[i] for w in werte) for i in range(5))


def test_rohdaten_wie_erwartet() -> None:
    assert len(STADTTEILE) == 99
    assert list(OBEN) == [*BEZIRKE, "Hamburg"]
    # The Bezirke add up to the city; the Bezirk Bergedorf is not its Stadtteil of that name.
    assert _summe(BEZIRKE, OBEN)[:3] == OBEN["Hamburg"][:3]
    assert OBEN["Bergedorf"][0] > STADTTEILE["Bergedorf"][0]


@pytest.fixture(scope="module")
def gebaut(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    basis = tmp_path_factory.mktemp("hamburg")
    shutil.copytree(
        BEISPIEL, basis / "examples" / "hamburg", ignore=shutil.ignore_patterns("berichte")
    )
    shutil.copytree(REPO / "vorlagen", basis / "vorlagen")
    projekt = basis / "examples" / "hamburg"
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "--all", "--jobs", "1"],
        cwd=projekt,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    assert MAPPE.read_bytes() == (projekt / "daten" / MAPPE.name).read_bytes()  # unchanged
    return projekt / "berichte"


@pytest.mark.parametrize("kuerzel", sorted(QUARTIERE))
def test_kennzahlen_wie_aus_der_rohdatei(gebaut: Path, kuerzel: str) -> None:
    stadtteile, bezirk = QUARTIERE[kuerzel]
    docx = gebaut / f"quartiersprofil_{kuerzel}.docx"
    t = next(t for t in tabellen(docx) if t and t[0][0] == "Kennzahl")
    assert t[0][2] == f"Bezirk {bezirk}"
    drei = (_summe(stadtteile, STADTTEILE), OBEN[bezirk], OBEN["Hamburg"])
    assert zeile_mit(t, "Einwohnerinnen und Einwohner")[1:] == [_tausender(d[0]) for d in drei]
    assert zeile_mit(t, "Anteil unter 18")[1:] == [_prozent(d[1], d[0]) for d in drei]
    assert zeile_mit(t, "Anteil 65 Jahre")[1:] == [_prozent(d[2], d[0]) for d in drei]
    # Altenquotient: 65+ je 100 von 18 bis 64; 18–64 = Bevölkerung − unter 18 − 65+
    assert zeile_mit(t, "Altenquotient")[1:] == [
        _prozent(d[2], d[0] - d[1] - d[2], "") for d in drei
    ]
    sozial = [t for t in tabellen(docx) if t and t[0][0] == "Kennzahl"][1]
    assert zeile_mit(sozial, "Haushalte")[1:] == [_tausender(d[3]) for d in drei]
    assert zeile_mit(sozial, "Anteil Einpersonenhaushalte")[1:] == [
        _prozent(d[4], d[3]) for d in drei
    ]
    for k in ("Durchschnittsalter", "Anteil 80", "Hochaltrigenquote", "Frauenanteil 80"):
        assert zeile_mit(t, k)[1:] == ["nicht verfügbar"] * 3, k
    steckbrief = next(t for t in tabellen(docx) if t and t[0][0] == "Merkmal")
    assert zeile_mit(steckbrief, "Stadtteile")[1] == ", ".join(stadtteile)
    assert zeile_mit(steckbrief, "Bezirk")[1] == bezirk
    text = "\n".join(absaetze(docx))
    assert "Dortmund" not in text
    assert "Quelle: Statistikamt Nord, Stadtteilprofile 2014, Stichtag 31.12.2013" in text
    # the sources list cites the configured source, not a statistics office of the city
    assert (
        "Statistikamt Nord, Stadtteilprofile 2014 (Einwohner nach Alter), Stichtag 31.12.2013."
        in text
    )
    assert "Statistik der Stadt Hamburg" not in text
    assert "keine Grenze bei 80 Jahren" in text
    assert "Nicht verfügbar: Die Statistik hat keine Zahlen zum 31.12.2008." in text
