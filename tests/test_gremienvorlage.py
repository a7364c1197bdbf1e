"""Committee drafts: Beratungsfolge rules, and an end-to-end draft for two real example quarters."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from docx_lesen import absaetze, tabelle_mit, tabellen, zeile_mit
from oparl_pruefen import pruefen

from qprofil.dokumente.gremienvorlage import beratungsfolge
from qprofil.projekt import Gremium

REPO = Path(__file__).resolve().parents[1]
GREMIEN = (
    Gremium(
        kuerzel="bv-a", name="Bezirksvertretung A", art="bezirksvertretung", stadtbezirk_nr="01"
    ),
    Gremium(
        kuerzel="bv-b", name="Bezirksvertretung B", art="bezirksvertretung", stadtbezirk_nr="02"
    ),
    Gremium(kuerzel="beirat", name="Seniorenbeirat", art="beirat"),
    Gremium(kuerzel="asag", name="Ausschuss für Soziales, Arbeit und Gesundheit", art="ausschuss"),
    Gremium(kuerzel="rat", name="Rat der Stadt", art="rat"),
)


class _Q:
    def __init__(self, nr: str) -> None:
        self.stadtbezirk_nr = nr


def test_beratungsfolge_nur_betroffene_bezirksvertretungen():
    folge = beratungsfolge(GREMIEN, [_Q("02")], "beschluss")
    assert [b.gremium.kuerzel for b in folge] == ["bv-b", "beirat", "asag", "rat"]
    assert [b.rolle for b in folge] == ["Empfehlung", "Empfehlung", "Vorberatung", "Entscheidung"]
    assert [b.entscheidet for b in folge] == [False, False, False, True]


def test_mitteilung_nur_kenntnisnahme():
    folge = beratungsfolge(GREMIEN, [_Q("01"), _Q("02")], "mitteilung")
    assert {b.rolle for b in folge} == {"Kenntnisnahme"}
    assert not any(b.entscheidet for b in folge)
    assert [b.nr for b in folge] == [1, 2, 3, 4, 5]


def test_auswahl_ohne_rat_entscheidet_das_letzte_gremium():
    folge = beratungsfolge(GREMIEN, [_Q("01")], "beschluss", ["bv-a", "asag"])
    assert [(b.gremium.kuerzel, b.rolle) for b in folge] == [
        ("bv-a", "Empfehlung"),
        ("asag", "Entscheidung"),
    ]


def test_unbekanntes_gremium():
    from qprofil.fehler import UnbekannteAuswahl

    with pytest.raises(UnbekannteAuswahl, match="„bv-x“"):
        beratungsfolge(GREMIEN, [_Q("01")], "beschluss", ["bv-x"])


@pytest.fixture(scope="module")
def beispiel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped example project (daten/, vorlagen/, qprofil.toml)."""
    ziel = tmp_path_factory.mktemp("beispiel")
    shutil.copy(REPO / "qprofil.toml", ziel)
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    return ziel


@pytest.fixture(scope="module")
def entwurf(beispiel: Path) -> Path:
    import subprocess

    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "committee", "menglinghausen", "derne"],
        cwd=beispiel,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    return beispiel / "berichte" / "gremienvorlage_mitteilung_menglinghausen_derne.docx"


def test_entwurf_enthaelt_beratungsfolge_mit_beiden_bezirksvertretungen(entwurf: Path):
    t = tabelle_mit(entwurf, "Gremium")
    gremien = [z[1] for z in t[1:]]
    assert gremien[:2] == ["Bezirksvertretung Hombruch", "Bezirksvertretung Scharnhorst"]
    assert gremien[-1] == "Rat der Stadt"
    assert all(z[3] == "Kenntnisnahme" for z in t[1:])
    assert "Bezirksvertretung Huckarde" not in gremien


def test_kennzahlen_gleich_denen_der_profile(entwurf: Path, beispiel: Path):
    for name, kuerzel in (("Menglinghausen", "menglinghausen"), ("Derne", "derne")):
        profil = tabelle_mit(beispiel / "berichte" / f"quartiersprofil_{kuerzel}.docx", "Kennzahl")
        vorlage = tabelle_mit(entwurf, name)
        for kennzahl in (
            "Einwohnerinnen und Einwohner",
            "Anteil 65 Jahre und älter",
            "Altenquotient",
        ):
            im_profil = zeile_mit(profil, kennzahl)
            in_vorlage = zeile_mit(vorlage, kennzahl)
            assert in_vorlage[1:] == im_profil[1:], kennzahl


def test_kosten_summiert_und_anlagen(entwurf: Path, beispiel: Path):
    from decimal import Decimal

    from qprofil import zahlen
    from qprofil.einlesen.listen import massnahmen_lesen
    from qprofil.einlesen.quartiere import quartiere_lesen
    from qprofil.fehler import Befunde

    quartiere = quartiere_lesen(beispiel / "daten/quartiere.xlsx", Befunde())
    massnahmen = massnahmen_lesen(beispiel / "daten/massnahmen.xlsx", quartiere, Befunde())
    summe = sum(
        (m.kosten for m in massnahmen if m.quartier in ("menglinghausen", "derne") and m.kosten),
        Decimal(0),
    )
    text = "\n".join(absaetze(entwurf))
    assert zahlen.euro(summe) in text
    assert "Anlage 1: Quartiersprofil Menglinghausen" in text
    assert "Anlage 2: Quartiersprofil Derne" in text
    assert "zur Kenntnis" in text


def test_oparl_json_gueltig(entwurf: Path):
    papier = json.loads(
        entwurf.with_suffix("").with_suffix(".oparl.json").read_text(encoding="utf-8")
    )
    # paper, main file, 2 Anlagen, 2 places, 5 bodies (2 Bezirksvertretungen, Beirat, Ausschuss, Rat)
    assert pruefen(papier) == 1 + 1 + 2 + 2 + 5
    assert papier["type"] == "https://schema.oparl.org/1.1/Paper"
    assert papier["mainFile"]["fileName"] == entwurf.name
    assert papier["mainFile"]["size"] == entwurf.stat().st_size
    import hashlib

    assert papier["mainFile"]["sha512Checksum"] == hashlib.sha512(entwurf.read_bytes()).hexdigest()
    assert [a["fileName"] for a in papier["auxiliaryFile"]] == [
        "quartiersprofil_menglinghausen.docx",
        "quartiersprofil_derne.docx",
    ]
    assert [a["name"] for a in papier["auxiliaryFile"]] == [
        "Anlage 1: Quartiersprofil Menglinghausen",
        "Anlage 2: Quartiersprofil Derne",
    ]
    assert not any(
        c["authoritative"] for c in papier["consultation"]
    )  # a Mitteilung decides nothing
    for objekt in [papier, papier["mainFile"], *papier["consultation"], *papier["location"]]:
        assert objekt["created"] and objekt["modified"]


def test_beschlussvorlage_nur_rat_entscheidet(beispiel: Path, entwurf: Path):
    import subprocess

    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "committee", "jungferntal", "--kind", "beschluss"],
        cwd=beispiel,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    papier = json.loads(
        (beispiel / "berichte/gremienvorlage_beschluss_jungferntal.oparl.json").read_text(
            encoding="utf-8"
        )
    )
    pruefen(papier)
    entscheidend = [c for c in papier["consultation"] if c["authoritative"]]
    assert len(entscheidend) == 1 and entscheidend[0]["role"] == "Entscheidung"
    assert entscheidend[0]["organization"] == [
        "https://ratsinfo.beispiel.de/oparl/v1.1/organization/rat"
    ]
    text = "\n".join(absaetze(beispiel / "berichte/gremienvorlage_beschluss_jungferntal.docx"))
    assert "Der Rat der Stadt beschließt" in text
    assert len(tabellen(beispiel / "berichte/gremienvorlage_beschluss_jungferntal.docx")) >= 2

    # Sums by hand from daten/massnahmen.xlsx, Jungferntal (Nr. 14–20):
    # all with an estimate: 28.000 + 15.000 + 1.200 + 35.000 + 14.500 = 93.700 € (table)
    # to decide (Idee/geplant, estimated): 15.000 + 1.200 + 35.000 + 14.500 = 65.700 €
    # difference 28.000 € = Nr. 14 „in Umsetzung“; Nr. 15 and 20 have no estimate.
    massnahmen = tabelle_mit(
        beispiel / "berichte/gremienvorlage_beschluss_jungferntal.docx", "Priorität"
    )
    assert massnahmen[-1][0] == "Summe der geschätzten Kosten"
    assert massnahmen[-1][3].startswith("93.700\u00a0€")
    finanzen = text.split("Finanzielle Auswirkungen", 1)[1]
    assert "Geschätzte Kosten:65.700\u00a0€" in finanzen
    assert "Die vier zu beschließenden Maßnahmen kosten nach erster Schätzung insgesamt 65.700" in (
        finanzen
    )
    assert "zusammen 93.700\u00a0€. Der Unterschied von 28.000\u00a0€ entfällt auf" in finanzen
    assert "„Attraktivere Libellenwiese“ (in Umsetzung, 28.000\u00a0€)" in finanzen
    # the Rat decides no measure whose costs are open
    beschluss = text.split("Beschlussvorschlag", 1)[1].split("Sachverhalt", 1)[0]
    assert "noch offen" not in beschluss
    assert beschluss.count("geschätzte Kosten:") == 4
    assert "Nicht Teil dieses Beschlusses sind die Maßnahmen „Barrierefreier Umweltpfad“" in (
        beschluss
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) fehlt: sudo apt-get install libreoffice-writer-nogui",
)
def test_oparl_nennt_mit_pdf_auch_die_pdf_dateien(tmp_path: Path):
    """With --pdf the Paper lists the draft's PDF and each Anlage's PDF, with their real bytes."""
    import hashlib
    import subprocess

    ziel = tmp_path / "projekt"
    ziel.mkdir()
    shutil.copy(REPO / "qprofil.toml", ziel)
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    befehl = [sys.executable, "-m", "qprofil", "committee", "jungferntal", "--pdf"]
    aufruf = subprocess.run(befehl, cwd=ziel, capture_output=True, text=True, timeout=900)
    assert aufruf.returncode == 0, aufruf.stderr
    berichte = ziel / "berichte"
    papier = json.loads(
        (berichte / "gremienvorlage_mitteilung_jungferntal.oparl.json").read_text(encoding="utf-8")
    )
    pruefen(papier)
    namen = [a["fileName"] for a in papier["auxiliaryFile"]]
    assert "gremienvorlage_mitteilung_jungferntal.pdf" in namen
    assert "quartiersprofil_jungferntal.docx" in namen
    assert "quartiersprofil_jungferntal.pdf" in namen
    for a in papier["auxiliaryFile"]:
        daten = (berichte / a["fileName"]).read_bytes()
        assert a["size"] == len(daten)
        assert a["sha512Checksum"] == hashlib.sha512(daten).hexdigest()
    pdf = next(a for a in papier["auxiliaryFile"] if a["fileName"].endswith(".pdf"))
    assert pdf["mimeType"] == "application/pdf"

    # Once more without a change: the PDFs are kept, the Paper stays the same.
    vorher = (berichte / "gremienvorlage_mitteilung_jungferntal.oparl.json").read_bytes()
    wieder = subprocess.run(befehl, cwd=ziel, capture_output=True, text=True, timeout=900)
    assert wieder.returncode == 0, wieder.stderr
    assert (berichte / "gremienvorlage_mitteilung_jungferntal.oparl.json").read_bytes() == vorher
