"""qprofil survey: the Seniorenbüro form, its agreement with the reader, and reading it back.

The forms are made from the example project (daten/ of the repository); each of the four
offices' forms, filled with the answers of its shipped workbook, must read back to exactly the
data that workbook gives — after openpyxl and after a round trip through LibreOffice Calc.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from qprofil.einlesen import befragung as leser
from qprofil.einlesen.befragung import befragung_lesen, befragungen_lesen, formular_lesen
from qprofil.einlesen.befragungsbogen import (
    ANGABEN_FELDER,
    ANGABEN_FELDER_BUERO,
    ART_WERTE,
    BARRIEREFREI_WERTE,
    EINSCHAETZUNG,
    FORMULAR_VERSION,
    HANDLUNGSFELD_WERTE,
    INFRASTRUKTUR,
    KOPFZEILE,
    META_BLATT,
)
from qprofil.einlesen.quartiere import quartiere_lesen
from qprofil.fehler import Befunde
from qprofil.modell import Befragung

REPO = Path(__file__).resolve().parents[1]
#: Shipped answer workbook → the quarter its form is for.
BUEROS = {
    "seniorenbuero_hombruch.xlsx": "menglinghausen",
    "seniorenbuero_scharnhorst.xlsx": "derne",
    "seniorenbuero_huckarde.xlsx": "jungferntal",
    "seniorenbuero_luetgendortmund.xlsx": "marten",
}


def _projekt(ziel: Path) -> Path:
    """The example project: daten/ linked, only the survey folder copied (imports write there)."""
    ziel.mkdir()
    shutil.copy(REPO / "qprofil.toml", ziel / "qprofil.toml")
    (ziel / "daten").mkdir()
    for eintrag in (REPO / "daten").iterdir():
        if eintrag.name == "befragung":
            shutil.copytree(eintrag, ziel / "daten" / "befragung")
        else:
            (ziel / "daten" / eintrag.name).symlink_to(eintrag)
    return ziel


@pytest.fixture(scope="module")
def formulare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Blank forms of all quarters, written by the command."""
    import sys

    from qprofil.cli import main

    projekt = _projekt(tmp_path_factory.mktemp("survey") / "projekt")
    mp = pytest.MonkeyPatch()
    mp.chdir(projekt)
    mp.setattr(sys, "argv", ["qprofil", "survey", "--all"])
    try:
        main()
    except SystemExit as ende:
        assert not ende.code, ende
    finally:
        mp.undo()
    return projekt / "berichte" / "befragung-ausgang"


@pytest.fixture(scope="module")
def quartiere():  # type: ignore[no-untyped-def]
    return quartiere_lesen(REPO / "daten" / "quartiere.xlsx", Befunde())


def _lesen(pfad: Path, quartiere) -> tuple[Befragung | None, Befunde]:  # type: ignore[no-untyped-def]
    befunde = Befunde()
    ergebnis = None
    with befunde.sammeln():
        ergebnis = befragung_lesen(pfad, quartiere, befunde, pfad.name)
    return ergebnis, befunde


def _ausfuellen(formular: Path, antworten: Path, ziel: Path) -> Path:
    """Fill a blank form with the answers of a shipped workbook, cell by cell as typed there."""
    quelle = openpyxl.load_workbook(antworten)
    wb = openpyxl.load_workbook(formular)
    angaben = {z[0]: z[1] for z in quelle["Angaben"].iter_rows(min_row=5, values_only=True)}
    ws = wb["Angaben"]
    for nr, (feld, _, fest) in enumerate(ANGABEN_FELDER, start=KOPFZEILE + 1):
        assert ws.cell(nr, 1).value == feld
        if not fest:
            ws.cell(nr, 2).value = angaben[feld]
    for blatt in (INFRASTRUKTUR, EINSCHAETZUNG):
        zeilen = list(quelle[blatt.name].iter_rows(min_row=KOPFZEILE + 1, values_only=True))
        assert len(zeilen) <= blatt.zeilen
        for i, zeile in enumerate(zeilen):
            for sp, wert in enumerate(zeile, start=1):
                if blatt is EINSCHAETZUNG and sp == 1:
                    continue  # the Handlungsfeld is printed in the form
                wb[blatt.name].cell(KOPFZEILE + 1 + i, sp).value = wert
    wb.save(ziel)
    return ziel


def _soffice(
    soffice: str, tmp_path: Path, format_: str, ziel: Path, *dateien: Path
) -> subprocess.CompletedProcess[str]:
    """Convert ``dateien`` with LibreOffice headless into ``ziel`` (own user profile in tmp_path)."""
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profil'}",
            "--headless",
            "--convert-to",
            format_,
            "--outdir",
            str(ziel),
            *(str(d) for d in dateien),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _gleich(gelesen: Befragung | None, erwartet: Befragung) -> None:
    assert gelesen is not None
    assert dataclasses.replace(gelesen, datei=erwartet.datei) == erwartet


# ---------------------------------------------------------------------------------------------
# One definition for form and reader
# ---------------------------------------------------------------------------------------------


def test_leser_nimmt_die_spalten_aus_der_definition() -> None:
    assert leser.INVENTAR_SPALTEN == ("Handlungsfeld", "Einrichtung / Angebot", "Art")
    assert leser.INVENTAR_OPTIONAL == (
        "Lage / Anschrift",
        "Anzahl",
        "barrierefrei",
        "Bemerkung",
    )
    assert leser.EINSCHAETZUNG_SPALTEN == ("Handlungsfeld", "Stärken", "Defizite")
    # every value the form offers is one the reader takes
    for wort in BARRIEREFREI_WERTE:
        assert wort in leser.BARRIEREFREI or wort in leser.BARRIEREFREI_UNBEKANNT


def test_formular_hat_blaetter_spalten_und_listen_des_lesers(formulare: Path) -> None:
    assert sorted(p.name for p in formulare.glob("*.xlsx")) == sorted(
        f"befragung_{k}.xlsx" for k in BUEROS.values()
    )
    wb = openpyxl.load_workbook(formulare / "befragung_menglinghausen.xlsx")
    assert wb.sheetnames == [
        "Anleitung",
        "Angaben",
        "Infrastruktur",
        "Einschätzung",
        "Listen",
        META_BLATT,
    ]
    assert wb.active.title == "Anleitung"
    assert wb["Listen"].sheet_state == wb[META_BLATT].sheet_state == "hidden"
    for blatt in (INFRASTRUKTUR, EINSCHAETZUNG):
        ws = wb[blatt.name]
        kopf = [c.value for c in ws[KOPFZEILE]]
        assert kopf == [s.name for s in blatt.spalten]
        assert set(leser.INVENTAR_SPALTEN + leser.INVENTAR_OPTIONAL) <= set(
            c.value for c in wb["Infrastruktur"][KOPFZEILE]
        )
    listen = wb["Listen"]
    assert [listen.cell(i, 1).value for i in range(2, 5)] == list(HANDLUNGSFELD_WERTE)
    assert [listen.cell(i, 2).value for i in range(2, 2 + len(ART_WERTE))] == list(ART_WERTE)
    # office, district and quarter prefilled and locked; name and date open
    angaben = wb["Angaben"]
    assert [(angaben.cell(r, 1).value, angaben.cell(r, 2).value) for r in range(5, 8)] == [
        ("Seniorenbüro", "Seniorenbüro Hombruch"),
        ("Stadtbezirk", "Hombruch"),
        ("Quartier", "Menglinghausen"),
    ]
    assert angaben["B7"].protection.locked and not angaben["B8"].protection.locked
    assert not angaben["B9"].protection.locked and angaben["B9"].number_format == "DD.MM.YYYY"
    # stamp
    meta = {z[0]: z[1] for z in wb[META_BLATT].iter_rows(values_only=True)}
    assert meta["Version"] == FORMULAR_VERSION
    assert meta["Quartier"] == "menglinghausen"
    assert meta["Seniorenbüro"] == "Seniorenbüro Hombruch"
    # instruction with due date and contact from qprofil.toml
    anleitung = "\n".join(str(c.value) for c in wb["Anleitung"]["A"] if c.value)
    assert "bis zum 24.03.2017 zurück" in anleitung
    assert "Frau Beispiel, Sozialamt" in anleitung
    assert "Quartier Menglinghausen" in anleitung


def test_pruefungen_schutz_und_druck(formulare: Path) -> None:
    wb = openpyxl.load_workbook(formulare / "befragung_derne.xlsx")
    ws = wb["Infrastruktur"]
    letzte = KOPFZEILE + INFRASTRUKTUR.zeilen
    regeln = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    hf = regeln[f"A5:A{letzte}"]
    assert (hf.type, hf.formula1, hf.errorStyle) == ("list", "Listen!$A$2:$A$4", "stop")
    assert hf.prompt.startswith("Wählen Sie das Handlungsfeld") and hf.showErrorMessage
    art = regeln[f"C5:C{letzte}"]
    assert art.type == "list" and art.errorStyle == "warning"  # own kinds allowed
    anzahl = regeln[f"E5:E{letzte}"]
    assert (anzahl.type, anzahl.operator, anzahl.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert anzahl.error == "Bitte eine ganze Zahl ab 0 eintragen, z. B. 3."
    bf = regeln[f"F5:F{letzte}"]
    assert (bf.type, bf.formula1) == ("list", '"ja,teilweise,nein,unbekannt"')
    datum = {str(dv.sqref): dv for dv in wb["Angaben"].data_validations.dataValidation}["B9"]
    assert datum.type == "date" and datum.errorTitle == "Ungültige Angabe"
    # protection: header locked, the prepared rows open, nothing below them
    for name in ("Anleitung", "Angaben", "Infrastruktur", "Einschätzung"):
        assert wb[name].protection.sheet, name
    assert ws["A4"].protection.locked
    assert not ws["A5"].protection.locked and not ws[f"G{letzte}"].protection.locked
    assert ws[f"A{letzte + 1}"].protection.locked
    einsch = wb["Einschätzung"]
    assert [einsch.cell(r, 1).value for r in (5, 6, 7)] == list(HANDLUNGSFELD_WERTE)
    assert einsch["A5"].protection.locked and not einsch["B5"].protection.locked
    # print setup
    for blatt in (ws, einsch):
        assert blatt.page_setup.orientation == "landscape"
        assert str(blatt.page_setup.paperSize) == blatt.PAPERSIZE_A4 == "9"
        assert blatt.page_setup.fitToWidth == 1 and blatt.page_setup.fitToHeight == 0
        assert blatt.sheet_properties.pageSetUpPr.fitToPage
        assert blatt.print_title_rows == "$4:$4"


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("datei", sorted(BUEROS))
def test_ausgefuelltes_formular_gibt_die_daten_der_mappe(
    datei: str, formulare: Path, quartiere, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    erwartet, befunde = _lesen(REPO / "daten" / "befragung" / datei, quartiere)
    assert erwartet is not None and not befunde.liste
    form = formulare / f"befragung_{BUEROS[datei]}.xlsx"
    ausgefuellt = _ausfuellen(form, REPO / "daten" / "befragung" / datei, tmp_path / form.name)
    gelesen, befunde = _lesen(ausgefuellt, quartiere)
    assert not befunde.liste, [str(b.meldung) for b in befunde.liste]
    _gleich(gelesen, erwartet)
    assert len(erwartet.inventar) > 10 and len(erwartet.einschaetzungen) == 3


@pytest.mark.parametrize("datei", sorted(BUEROS))
def test_vorbelegtes_formular_gibt_die_daten_der_mappe(
    datei: str, quartiere, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    projekt = _projekt(tmp_path / "p")
    kuerzel = BUEROS[datei]
    aufruf = qprofil("survey", kuerzel, "--vorbelegen", cwd=projekt)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    form = projekt / "berichte" / "befragung-ausgang" / f"befragung_{kuerzel}.xlsx"
    erwartet, _ = _lesen(REPO / "daten" / "befragung" / datei, quartiere)
    gelesen, befunde = _lesen(form, quartiere)
    assert not befunde.liste
    assert erwartet is not None
    _gleich(gelesen, erwartet)
    # prefilled values are the form's list entries (e.g. "Ja " and "HF 1" normalised)
    wb = openpyxl.load_workbook(form)
    for zeile in wb["Infrastruktur"].iter_rows(min_row=5, values_only=True):
        if zeile[0] is None:
            continue
        assert zeile[0] in HANDLUNGSFELD_WERTE
        assert zeile[5] is None or zeile[5] in BARRIEREFREI_WERTE


def test_rundreise_durch_libreoffice_calc(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Filled forms saved by LibreOffice Calc (as offices without Excel do) read back the same."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) fehlt / not installed")
    gefuellt = tmp_path / "gefuellt"
    gefuellt.mkdir()
    for datei, kuerzel in BUEROS.items():
        form = formulare / f"befragung_{kuerzel}.xlsx"
        _ausfuellen(form, REPO / "daten" / "befragung" / datei, gefuellt / form.name)
    ziel = tmp_path / "calc"
    lauf = _soffice(
        soffice, tmp_path, "xlsx:Calc MS Excel 2007 XML", ziel, *sorted(gefuellt.iterdir())
    )
    for datei, kuerzel in BUEROS.items():
        aus_calc = ziel / f"befragung_{kuerzel}.xlsx"
        assert aus_calc.is_file(), lauf.stderr + lauf.stdout
        erwartet, _ = _lesen(REPO / "daten" / "befragung" / datei, quartiere)
        gelesen, befunde = _lesen(aus_calc, quartiere)
        assert not befunde.liste, [b.meldung for b in befunde.liste]
        assert erwartet is not None
        _gleich(gelesen, erwartet)
        # Calc kept the stamp, the protection and the drop-down lists
        wb = openpyxl.load_workbook(aus_calc)
        assert wb[META_BLATT].sheet_state == "hidden"
        assert wb["Infrastruktur"].protection.sheet
        typen = {dv.type for dv in wb["Infrastruktur"].data_validations.dataValidation}
        assert {"list", "whole"} <= typen


# ---------------------------------------------------------------------------------------------
# Wrong entries
# ---------------------------------------------------------------------------------------------


def _falsch(formulare: Path, tmp_path: Path, aendern) -> Path:  # type: ignore[no-untyped-def]
    form = formulare / "befragung_menglinghausen.xlsx"
    wb = openpyxl.load_workbook(
        _ausfuellen(
            form, REPO / "daten" / "befragung" / "seniorenbuero_hombruch.xlsx", tmp_path / "f.xlsx"
        )
    )
    aendern(wb)
    ziel = tmp_path / "falsch.xlsx"
    wb.save(ziel)
    return ziel


def _meldungen(pfad: Path, quartiere) -> list[str]:  # type: ignore[no-untyped-def]
    _, befunde = _lesen(pfad, quartiere)
    return [f"{b.ort}: {b.meldung} – {b.hilfe}" for b in befunde.liste if b.schwere == "Fehler"]


def test_falsche_auswahl_barrierefrei(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["F7"] = "ja (teilweise)"

    (meldung,) = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert meldung.startswith(
        "falsch.xlsx, Blatt „Infrastruktur“, Zeile 7, Spalte „barrierefrei“: "
        "„ja (teilweise)“ ist keine gültige Angabe."
    )


def test_falsches_handlungsfeld_und_anzahl(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["A6"] = "4"
        wb["Infrastruktur"]["E8"] = "drei"

    meldungen = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert len(meldungen) == 2
    assert meldungen[0].startswith(
        "falsch.xlsx, Blatt „Infrastruktur“, Zeile 6, Spalte „Handlungsfeld“: „4“ ist kein "
        "Handlungsfeld."
    )
    assert "Zeile 8, Spalte „Anzahl“" in meldungen[1] and "„drei“" in meldungen[1]


def test_zeile_unter_und_neben_der_tabelle(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unten = KOPFZEILE + INFRASTRUKTUR.zeilen + 3

    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"].cell(unten, 2, "Friseur am Markt")
        wb["Einschätzung"]["E6"] = "noch etwas"

    meldungen = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert any(
        m.startswith(
            f"falsch.xlsx, Blatt „Infrastruktur“, Zeile {unten}: In Zelle B{unten} steht etwas "
            f"unterhalb der Tabelle des Formulars (sie endet in Zeile {unten - 3})."
        )
        for m in meldungen
    ), meldungen
    assert any(
        "Blatt „Einschätzung“, Zeile 6: In Zelle E6 steht etwas neben der Tabelle" in m
        for m in meldungen
    ), meldungen


def test_umbenanntes_blatt(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"].title = "Infrastruktur Menglinghausen"

    meldungen = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert meldungen[0].startswith(
        "falsch.xlsx: Das Blatt „Infrastruktur“ fehlt; wurde es umbenannt?"
    )
    assert "Benennen Sie das Blatt wieder in „Infrastruktur“ um" in meldungen[0]


def test_geaenderte_ueberschrift(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["F4"] = "Barrierefreiheit"

    meldungen = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert meldungen[0] == (
        "falsch.xlsx, Blatt „Infrastruktur“, Zeile 4: In Zelle F4 steht „Barrierefreiheit“ "
        "statt der Überschrift „barrierefrei“. – Die Überschriften des Formulars dürfen nicht "
        "geändert werden; stellen Sie sie wieder her."
    )


def test_alte_version_des_formulars(formulare: Path, quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb[META_BLATT]["B2"] = FORMULAR_VERSION - 1 if FORMULAR_VERSION > 1 else 0

    meldungen = _meldungen(_falsch(formulare, tmp_path, aendern), quartiere)
    assert meldungen[0].startswith(
        f"falsch.xlsx, Blatt „qprofil“: Das Formular hat die Version 0; qprofil liest Version "
        f"{FORMULAR_VERSION}."
    )
    assert "neues Formular erzeugen" in meldungen[0]


# ---------------------------------------------------------------------------------------------
# Import into daten/
# ---------------------------------------------------------------------------------------------


def test_import_ueberschreibt_nur_mit_force_und_behaelt_die_vorige_fassung(
    formulare: Path, quartiere, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    projekt = _projekt(tmp_path / "p")
    ordner = projekt / "daten" / "befragung"
    vorher = (ordner / "seniorenbuero_hombruch.xlsx").read_bytes()
    form = formulare / "befragung_menglinghausen.xlsx"
    ausgefuellt = _ausfuellen(
        form, REPO / "daten" / "befragung" / "seniorenbuero_hombruch.xlsx", tmp_path / form.name
    )

    aufruf = qprofil("survey", "--import", str(ausgefuellt), cwd=projekt)
    assert aufruf.rc == 1
    assert "daten/befragung/seniorenbuero_hombruch.xlsx" in aufruf.err + aufruf.out
    assert "wird nicht überschrieben" in aufruf.err + aufruf.out
    assert (ordner / "seniorenbuero_hombruch.xlsx").read_bytes() == vorher
    assert not (ordner / ".alt").exists()

    aufruf = qprofil("survey", "--import", "--force", str(ausgefuellt), cwd=projekt)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    assert (ordner / "seniorenbuero_hombruch.xlsx").read_bytes() == ausgefuellt.read_bytes()
    (alt,) = (ordner / ".alt").iterdir()
    assert alt.name.startswith("seniorenbuero_hombruch_") and alt.read_bytes() == vorher
    # the survey folder still gives four surveys, and .alt/ is not read
    befunde = Befunde()
    gelesen = befragungen_lesen(ordner, quartiere, befunde)
    assert sorted(gelesen) == sorted(BUEROS.values()) and not befunde.liste
    erwartet, _ = _lesen(REPO / "daten" / "befragung" / "seniorenbuero_hombruch.xlsx", quartiere)
    assert erwartet is not None
    _gleich(gelesen["menglinghausen"], erwartet)


def test_import_eines_fehlerhaften_formulars_aendert_nichts(
    formulare: Path, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    projekt = _projekt(tmp_path / "p")
    ordner = projekt / "daten" / "befragung"
    vorher = {p.name: p.read_bytes() for p in ordner.iterdir()}

    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["F5"] = "ja (teilweise)"

    falsch = _falsch(formulare, tmp_path, aendern)
    aufruf = qprofil("survey", "--import", "--force", str(falsch), cwd=projekt)
    assert aufruf.rc == 1
    assert "„ja (teilweise)“ ist keine gültige Angabe" in aufruf.out + aufruf.err
    assert {p.name: p.read_bytes() for p in ordner.iterdir()} == vorher


def test_ohne_quartier_und_ohne_datei(qprofil, mini: Path) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("survey", cwd=mini)
    assert aufruf.rc == 2 and "Kein Quartier angegeben." in aufruf.err
    aufruf = qprofil("survey", "--import", cwd=mini)
    assert aufruf.rc == 2 and "Keine Datei angegeben." in aufruf.err
    assert not (mini / "berichte" / "befragung-ausgang").exists()


def test_ohne_abschnitt_befragung_in_der_konfiguration(qprofil, mini: Path) -> None:  # type: ignore[no-untyped-def]
    """Defaults: outbox berichte/befragung-ausgang, no due date, no contact on the form."""
    aufruf = qprofil("survey", "--all", cwd=mini)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    (form,) = (mini / "berichte" / "befragung-ausgang").glob("*.xlsx")
    assert not list((mini / "daten").rglob("befragung_*.xlsx"))
    anleitung = "\n".join(
        str(c.value) for c in openpyxl.load_workbook(form)["Anleitung"]["A"] if c.value
    )
    assert "zurück" not in anleitung and "Fragen und Rücksendung" not in anleitung
    # a second run with the same inputs leaves the form alone
    assert "unverändert" in qprofil("survey", "--all", cwd=mini).out


def test_druck_a4_quer_mit_kopfzeile_auf_jeder_seite(formulare: Path, tmp_path: Path) -> None:
    """Printed through LibreOffice: instruction upright, tables landscape, header repeated."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) oder poppler fehlt / not installed")
    _soffice(soffice, tmp_path, "pdf", tmp_path, formulare / "befragung_marten.xlsx")
    pdf = tmp_path / "befragung_marten.pdf"
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "20", str(pdf)], capture_output=True, text=True
    ).stdout
    groessen = re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    seiten = [(round(float(b)), round(float(h))) for b, h in groessen]
    assert seiten[0] == (595, 842)  # Anleitung: A4 hoch
    assert len(seiten) >= 4 and all(s == (842, 595) for s in seiten[1:])  # A4 quer
    texte = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    assert "Quartier Marten" in texte[0] and "bis zum 24.03.2017" in texte[0]
    infrastruktur = [t for t in texte if "Einrichtung / Angebot" in t]
    assert len(infrastruktur) >= 2  # the header row is repeated on every page of the table
    assert "Infrastruktur im Quartier Marten" in infrastruktur[0]


def test_vorbelegen_bei_fehlerhafter_antwortdatei(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """A broken answer file is not prefilled with its faulty rows left out: error, no form."""
    projekt = _projekt(tmp_path / "p")
    datei = projekt / "daten" / "befragung" / "seniorenbuero_hombruch.xlsx"
    wb = openpyxl.load_workbook(datei)
    wb["Infrastruktur"]["F5"] = "ja (teilweise)"
    wb.save(datei)
    aufruf = qprofil("survey", "menglinghausen", "derne", "--vorbelegen", cwd=projekt)
    assert aufruf.rc == 1
    ausgabe = aufruf.out + aufruf.err
    assert (
        "daten/befragung/seniorenbuero_hombruch.xlsx, Blatt „Infrastruktur“, Zeile 5, "
        "Spalte „barrierefrei“: „ja (teilweise)“ ist keine gültige Angabe." in ausgabe
    )
    assert "das Formular wird nicht vorbelegt" in ausgabe
    ausgang = projekt / "berichte" / "befragung-ausgang"
    assert not (ausgang / "befragung_menglinghausen.xlsx").exists()
    assert (ausgang / "befragung_derne.xlsx").is_file()  # the other quarter is not held up


# ---------------------------------------------------------------------------------------------
# One form per Seniorenbüro ([befragung] formular_je = "seniorenbuero")
# ---------------------------------------------------------------------------------------------

#: Office → its quarter and shipped answer workbook in the example project.
BUERO_QUARTIER = {
    "Seniorenbüro Hombruch": ("menglinghausen", "seniorenbuero_hombruch.xlsx"),
    "Seniorenbüro Scharnhorst": ("derne", "seniorenbuero_scharnhorst.xlsx"),
    "Seniorenbüro Huckarde": ("jungferntal", "seniorenbuero_huckarde.xlsx"),
    "Seniorenbüro Lütgendortmund": ("marten", "seniorenbuero_luetgendortmund.xlsx"),
}
QUARTIERSNAME = {
    "menglinghausen": "Menglinghausen",
    "derne": "Derne",
    "jungferntal": "Jungferntal",
    "marten": "Marten",
}
ANTWORTEN = REPO / "daten" / "befragung"


def _buero_projekt(ziel: Path, zuordnung: dict[str, str] | None = None) -> Path:
    """The example project with one form per office; ``zuordnung``: quarter → other office."""
    projekt = _projekt(ziel)
    toml = projekt / "qprofil.toml"
    text = toml.read_text(encoding="utf-8")
    assert "[befragung]\n" in text
    toml.write_text(
        text.replace("[befragung]\n", '[befragung]\nformular_je = "seniorenbuero"\n'),
        encoding="utf-8",
    )
    if zuordnung:
        tabelle = projekt / "daten" / "quartiere.xlsx"
        tabelle.unlink()
        wb = openpyxl.load_workbook(REPO / "daten" / "quartiere.xlsx")
        ws = wb["Quartiere"]
        kopf = [c.value for c in ws[3]]
        for zeile in ws.iter_rows(min_row=4):
            if zeile[0].value in zuordnung:
                zeile[kopf.index("Seniorenbüro")].value = zuordnung[zeile[0].value]
        wb.save(tabelle)
    return projekt


def _survey(projekt: Path, *args: str) -> None:
    import sys

    from qprofil.cli import main

    mp = pytest.MonkeyPatch()
    mp.chdir(projekt)
    mp.setattr(sys, "argv", ["qprofil", "survey", *args])
    try:
        main()
    except SystemExit as ende:
        assert not ende.code, ende
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def buero_formulare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Blank office forms of the example project (one quarter per office)."""
    projekt = _buero_projekt(tmp_path_factory.mktemp("buero") / "projekt")
    _survey(projekt, "--all")
    return projekt / "berichte" / "befragung-ausgang"


@pytest.fixture(scope="module")
def zwei_quartiere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project where Seniorenbüro Hombruch also serves Marten; its blank office forms."""
    projekt = _buero_projekt(
        tmp_path_factory.mktemp("zwei") / "projekt", {"marten": "Seniorenbüro Hombruch"}
    )
    _survey(projekt, "--all")
    return projekt


@pytest.fixture(scope="module")
def quartiere_zwei(zwei_quartiere: Path):  # type: ignore[no-untyped-def]
    return quartiere_lesen(zwei_quartiere / "daten" / "quartiere.xlsx", Befunde())


def _buero_ausfuellen(
    formular: Path, antworten: dict[str, Path], ziel: Path, *, quartier_leer: bool = False
) -> Path:
    """Fill an office's form with shipped answer workbooks (quarter → workbook), as typed there.

    Facilities of all quarters go into one table, each row naming its quarter (with
    ``quartier_leer`` every second row leaves it empty, as an office with one quarter may).
    „Ausgefüllt von“ and the date come from the first workbook.
    """
    wb = openpyxl.load_workbook(formular)
    erste = openpyxl.load_workbook(next(iter(antworten.values())))
    angaben = {z[0]: z[1] for z in erste["Angaben"].iter_rows(min_row=5, values_only=True)}
    ws = wb["Angaben"]
    for nr, (feld, _, fest) in enumerate(ANGABEN_FELDER_BUERO, start=KOPFZEILE + 1):
        assert ws.cell(nr, 1).value == feld
        if not fest:
            ws.cell(nr, 2).value = angaben[feld]
    infra, einsch = wb["Infrastruktur"], wb["Einschätzung"]
    zeile = KOPFZEILE + 1
    for block, (kuerzel, datei) in enumerate(antworten.items()):
        quelle = openpyxl.load_workbook(datei)
        for werte in quelle["Infrastruktur"].iter_rows(min_row=KOPFZEILE + 1, values_only=True):
            if quartier_leer and zeile % 2:
                infra.cell(zeile, 1).value = None
            else:
                infra.cell(zeile, 1).value = QUARTIERSNAME[kuerzel]
            for sp, wert in enumerate(werte, start=2):
                infra.cell(zeile, sp).value = wert
            zeile += 1
        zeilen = list(quelle["Einschätzung"].iter_rows(min_row=KOPFZEILE + 1, values_only=True))
        assert len(zeilen) == 3
        for i, werte in enumerate(zeilen):
            nr = KOPFZEILE + 1 + 3 * block + i
            # quarter and Handlungsfeld are printed in the form, in this order
            assert einsch.cell(nr, 1).value == QUARTIERSNAME[kuerzel]
            assert einsch.cell(nr, 2).value == HANDLUNGSFELD_WERTE[i]
            for sp, wert in enumerate(werte[1:], start=3):
                einsch.cell(nr, sp).value = wert
    wb.save(ziel)
    return ziel


def _formular_lesen(pfad: Path, quartiere):  # type: ignore[no-untyped-def]
    befunde = Befunde()
    stempel, antworten = None, []
    with befunde.sammeln():
        stempel, antworten = formular_lesen(pfad, quartiere, befunde, pfad.name)
    return stempel, antworten, befunde


def _fehler(befunde: Befunde) -> list[str]:
    return [f"{b.ort}: {b.meldung} – {b.hilfe}" for b in befunde.liste if b.schwere == "Fehler"]


def test_buero_formular_aufbau(buero_formulare: Path) -> None:
    assert sorted(p.name for p in buero_formulare.glob("*.xlsx")) == [
        "befragung_seniorenbuero-hombruch.xlsx",
        "befragung_seniorenbuero-huckarde.xlsx",
        "befragung_seniorenbuero-luetgendortmund.xlsx",
        "befragung_seniorenbuero-scharnhorst.xlsx",
    ]
    wb = openpyxl.load_workbook(buero_formulare / "befragung_seniorenbuero-luetgendortmund.xlsx")
    assert wb.sheetnames == [
        "Anleitung",
        "Angaben",
        "Infrastruktur",
        "Einschätzung",
        "Listen",
        META_BLATT,
    ]
    angaben = wb["Angaben"]
    assert [(angaben.cell(r, 1).value, angaben.cell(r, 2).value) for r in range(5, 10)] == [
        ("Seniorenbüro", "Seniorenbüro Lütgendortmund"),
        ("Stadtbezirk", "Lütgendortmund"),
        ("Quartiere", "Marten"),
        ("Ausgefüllt von", None),
        ("Datum", None),
    ]
    assert angaben["B7"].protection.locked and not angaben["B8"].protection.locked
    meta = {z[0]: z[1] for z in wb[META_BLATT].iter_rows(values_only=True)}
    assert meta["Formular je"] == "Seniorenbüro"
    assert meta["Seniorenbüro"] == "Seniorenbüro Lütgendortmund"
    assert meta["Quartiere"] == "marten" and "Quartier" not in meta
    assert meta["Version"] == FORMULAR_VERSION
    infra = wb["Infrastruktur"]
    assert [c.value for c in infra[KOPFZEILE]] == ["Quartier"] + [
        s.name for s in INFRASTRUKTUR.spalten
    ]
    assert infra["A1"].value == "Infrastruktur im Quartier Marten"
    regeln = {str(dv.sqref): dv for dv in infra.data_validations.dataValidation}
    letzte = KOPFZEILE + INFRASTRUKTUR.zeilen
    quartier = regeln[f"A5:A{letzte}"]
    assert (quartier.type, quartier.formula1, quartier.errorStyle) == (
        "list",
        "Listen!$C$2:$C$2",
        "stop",
    )
    assert regeln[f"B5:B{letzte}"].formula1 == "Listen!$A$2:$A$4"  # Handlungsfeld moved right
    assert wb["Listen"]["C2"].value == "Marten" and wb["Listen"]["C3"].value is None
    einsch = wb["Einschätzung"]
    assert [[einsch.cell(r, s).value for s in (1, 2)] for r in (5, 6, 7)] == [
        ["Marten", hf] for hf in HANDLUNGSFELD_WERTE
    ]
    assert einsch["A5"].protection.locked and einsch["B5"].protection.locked
    assert not einsch["C5"].protection.locked
    anleitung = "\n".join(str(c.value) for c in wb["Anleitung"]["A"] if c.value)
    assert "Seniorenbüro Lütgendortmund, Quartier Marten" in anleitung
    assert "Spalte „Quartier“ dürfen Sie leer lassen" in anleitung


@pytest.mark.parametrize("buero", sorted(BUERO_QUARTIER))
def test_buero_formular_gibt_die_daten_der_mappe(
    buero: str, buero_formulare: Path, quartiere, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    """Each example office's form, filled with its answers, reads back to the shipped data."""
    from qprofil.ausgabe.befragungsformular import buero_dateiname

    kuerzel, datei = BUERO_QUARTIER[buero]
    erwartet, befunde = _lesen(ANTWORTEN / datei, quartiere)
    assert erwartet is not None and not befunde.liste
    form = buero_formulare / buero_dateiname(buero)
    # one quarter: the quarter column may stay empty; every second row leaves it so
    ausgefuellt = _buero_ausfuellen(
        form, {kuerzel: ANTWORTEN / datei}, tmp_path / form.name, quartier_leer=True
    )
    stempel, antworten, befunde = _formular_lesen(ausgefuellt, quartiere)
    assert not befunde.liste, _fehler(befunde)
    assert stempel is not None and stempel.art == "seniorenbuero"
    assert stempel.quartiere == (kuerzel,) and stempel.seniorenbuero == buero
    (a,) = antworten
    _gleich(a.befragung, erwartet)
    assert len(erwartet.inventar) > 10 and len(erwartet.einschaetzungen) == 3

    # imported, the office's answers replace the quarter's answer file and read back the same
    projekt = _buero_projekt(tmp_path / "p")
    aufruf = qprofil("survey", "--import", "--force", str(ausgefuellt), cwd=projekt)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    ordner = projekt / "daten" / "befragung"
    (alt,) = (ordner / ".alt").iterdir()
    assert alt.read_bytes() == (ANTWORTEN / datei).read_bytes()
    befunde = Befunde()
    gelesen = befragungen_lesen(ordner, quartiere, befunde)
    assert not befunde.liste, _fehler(befunde)
    assert gelesen[kuerzel].datei == ordner / datei
    _gleich(gelesen[kuerzel], erwartet)


def test_buero_mit_zwei_quartieren_lesen_und_uebernehmen(
    zwei_quartiere: Path, quartiere_zwei, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    """Hombruch serves Menglinghausen and Marten: one form, read back per quarter, imported
    as two answer files only with --force, the previous ones kept."""
    ausgang = zwei_quartiere / "berichte" / "befragung-ausgang"
    assert sorted(p.name for p in ausgang.glob("*.xlsx")) == [
        "befragung_seniorenbuero-hombruch.xlsx",
        "befragung_seniorenbuero-huckarde.xlsx",
        "befragung_seniorenbuero-scharnhorst.xlsx",
    ]
    form = ausgang / "befragung_seniorenbuero-hombruch.xlsx"
    wb = openpyxl.load_workbook(form)
    assert wb["Angaben"]["B7"].value == "Menglinghausen und Marten"
    assert wb["Angaben"]["B6"].value == "Hombruch, Lütgendortmund"
    assert [wb["Listen"].cell(r, 3).value for r in (2, 3)] == ["Menglinghausen", "Marten"]
    assert [wb["Einschätzung"].cell(r, 1).value for r in range(5, 11)] == ["Menglinghausen"] * 3 + [
        "Marten"
    ] * 3
    assert wb["Infrastruktur"]["A1"].value == (
        "Infrastruktur in den Quartieren Menglinghausen und Marten"
    )
    anleitung = "\n".join(str(c.value) for c in wb["Anleitung"]["A"] if c.value)
    assert "Quartiere Menglinghausen und Marten" in anleitung

    dateien = {
        "menglinghausen": ANTWORTEN / "seniorenbuero_hombruch.xlsx",
        "marten": ANTWORTEN / "seniorenbuero_luetgendortmund.xlsx",
    }
    ausgefuellt = _buero_ausfuellen(form, dateien, tmp_path / form.name)
    stempel, antworten, befunde = _formular_lesen(ausgefuellt, quartiere_zwei)
    assert not befunde.liste, _fehler(befunde)
    assert stempel is not None and stempel.quartiere == ("menglinghausen", "marten")
    assert [a.befragung.quartier for a in antworten] == ["menglinghausen", "marten"]
    for a in antworten:
        erwartet, _ = _lesen(dateien[a.befragung.quartier], quartiere_zwei)
        assert erwartet is not None
        # the office's name and who filled it in are the form's, for both quarters
        _gleich(
            a.befragung,
            dataclasses.replace(
                erwartet,
                seniorenbuero="Seniorenbüro Hombruch",
                ausgefuellt_von=antworten[0].ausgefuellt_von,
                datum=antworten[0].datum,
            ),
        )
        assert a.befragung.inventar == erwartet.inventar
        assert a.befragung.einschaetzungen == erwartet.einschaetzungen

    # import: both quarters have answer files, so nothing is written without --force
    ordner = zwei_quartiere / "daten" / "befragung"
    vorher = {p.name: p.read_bytes() for p in ordner.iterdir() if p.is_file()}
    aufruf = qprofil("survey", "--import", str(ausgefuellt), cwd=zwei_quartiere)
    ausgabe = aufruf.out + aufruf.err
    assert aufruf.rc == 1
    assert (
        "daten/befragung/seniorenbuero_hombruch.xlsx: Für das Quartier „menglinghausen“ gibt "
        "es schon diese Antwortdatei; sie wird nicht überschrieben." in ausgabe
    )
    assert "daten/befragung/seniorenbuero_luetgendortmund.xlsx: Für das Quartier „marten“" in (
        ausgabe
    )
    assert "Aus diesem Formular wird bis dahin kein Quartier übernommen." in ausgabe
    assert {p.name: p.read_bytes() for p in ordner.iterdir() if p.is_file()} == vorher
    assert not (ordner / ".alt").exists()

    aufruf = qprofil("survey", "--import", "--force", str(ausgefuellt), cwd=zwei_quartiere)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    alt = {p.name.rsplit("_", 2)[0]: p.read_bytes() for p in (ordner / ".alt").iterdir()}
    assert alt == {
        "seniorenbuero_hombruch": vorher["seniorenbuero_hombruch.xlsx"],
        "seniorenbuero_luetgendortmund": vorher["seniorenbuero_luetgendortmund.xlsx"],
    }
    # the survey folder holds one answer workbook per quarter, read as usual
    befunde = Befunde()
    gelesen = befragungen_lesen(ordner, quartiere_zwei, befunde)
    assert not befunde.liste, _fehler(befunde)
    assert sorted(gelesen) == sorted(QUARTIERSNAME)
    for a in antworten:
        k = a.befragung.quartier
        assert gelesen[k].datei.name == dateien[k].name
        _gleich(gelesen[k], dataclasses.replace(a.befragung, datei=gelesen[k].datei))
    stempel_m = openpyxl.load_workbook(ordner / "seniorenbuero_luetgendortmund.xlsx")[META_BLATT]
    meta = {z[0]: z[1] for z in stempel_m.iter_rows(values_only=True)}
    assert meta["Formular je"] == "Quartier" and meta["Quartier"] == "marten"

    # the same form again: nothing to do
    aufruf = qprofil("survey", "--import", str(ausgefuellt), cwd=zwei_quartiere)
    assert aufruf.rc == 0 and aufruf.out.count("unverändert") == 2, aufruf.out + aufruf.err


def _buero_falsch(zwei_quartiere: Path, tmp_path: Path, aendern) -> Path:  # type: ignore[no-untyped-def]
    form = (
        zwei_quartiere / "berichte" / "befragung-ausgang" / "befragung_seniorenbuero-hombruch.xlsx"
    )
    wb = openpyxl.load_workbook(
        _buero_ausfuellen(
            form,
            {
                "menglinghausen": ANTWORTEN / "seniorenbuero_hombruch.xlsx",
                "marten": ANTWORTEN / "seniorenbuero_luetgendortmund.xlsx",
            },
            tmp_path / "f.xlsx",
        )
    )
    aendern(wb)
    ziel = tmp_path / "falsch.xlsx"
    wb.save(ziel)
    return ziel


def test_buero_formular_falsche_eintraege(
    zwei_quartiere: Path, quartiere_zwei, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A quarter of another office, a row without its quarter, cells beside and below the
    wider table: each named by its cell."""
    infra = INFRASTRUKTUR.zeilen * 2  # 80 rows per quarter

    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["A6"] = "Derne"
        wb["Infrastruktur"]["A9"] = None
        wb["Infrastruktur"]["I7"] = "Notiz"
        wb["Infrastruktur"].cell(KOPFZEILE + infra + 2, 3, "Friseur")
        wb["Einschätzung"]["F5"] = "noch etwas"

    _, _, befunde = _formular_lesen(
        _buero_falsch(zwei_quartiere, tmp_path, aendern), quartiere_zwei
    )
    meldungen = _fehler(befunde)
    assert (
        "falsch.xlsx, Blatt „Infrastruktur“, Zeile 6, Spalte „Quartier“: „Derne“ ist kein "
        "Quartier dieses Formulars („Seniorenbüro Hombruch“). – Wählen Sie eines der Quartiere "
        "dieses Formulars aus der Liste: Menglinghausen, Marten." in meldungen
    ), meldungen
    assert any(
        m.startswith(
            "falsch.xlsx, Blatt „Infrastruktur“, Zeile 9, Spalte „Quartier“: Für welches "
            "Quartier gilt die Zeile?"
        )
        for m in meldungen
    ), meldungen
    assert any(
        m.startswith(
            "falsch.xlsx, Blatt „Infrastruktur“, Zeile 7: In Zelle I7 steht etwas neben der Tabelle"
        )
        for m in meldungen
    ), meldungen
    unten = KOPFZEILE + infra + 2
    assert any(
        f"Zeile {unten}: In Zelle C{unten} steht etwas unterhalb der Tabelle des Formulars "
        f"(sie endet in Zeile {KOPFZEILE + infra})." in m
        for m in meldungen
    ), meldungen
    assert any(
        "Blatt „Einschätzung“, Zeile 5: In Zelle F5 steht etwas neben der Tabelle" in m
        for m in meldungen
    ), meldungen
    assert len(meldungen) == 5, meldungen


def test_buero_formular_geaenderte_einschaetzung_und_ueberschrift(
    zwei_quartiere: Path, quartiere_zwei, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def aendern(wb):  # type: ignore[no-untyped-def]
        wb["Infrastruktur"]["A4"] = "Ort"
        wb["Einschätzung"]["A8"] = "Menglinghausen"  # Marten's first row, quarter changed

    _, _, befunde = _formular_lesen(
        _buero_falsch(zwei_quartiere, tmp_path, aendern), quartiere_zwei
    )
    meldungen = _fehler(befunde)
    assert any(
        m.startswith(
            "falsch.xlsx, Blatt „Infrastruktur“, Zeile 4: In Zelle A4 steht „Ort“ statt der "
            "Überschrift „Quartier“."
        )
        for m in meldungen
    ), meldungen
    assert any(
        m.startswith(
            "falsch.xlsx, Blatt „Einschätzung“, Zeile 8, Spalte „Handlungsfeld“: "
            "Handlungsfeld 1 steht doppelt im Blatt."
        )
        for m in meldungen
    ), meldungen


def test_buero_formular_eines_anderen_bueros_wird_nicht_uebernommen(
    zwei_quartiere: Path, tmp_path: Path, qprofil
) -> None:  # type: ignore[no-untyped-def]
    """The form says Marten belongs to Hombruch; this project's quarter table says
    Lütgendortmund: a German message, nothing written."""
    projekt = _buero_projekt(tmp_path / "p")
    ordner = projekt / "daten" / "befragung"
    vorher = {p.name: p.read_bytes() for p in ordner.iterdir()}
    falsch = _buero_falsch(zwei_quartiere, tmp_path, lambda wb: None)
    aufruf = qprofil("survey", "--import", "--force", str(falsch), cwd=projekt)
    assert aufruf.rc == 1
    assert (
        f"{falsch}, Blatt „Angaben“: Das Formular ist für „Seniorenbüro Hombruch“; das "
        "Quartier Marten gehört laut Quartierstabelle aber zu „Seniorenbüro Lütgendortmund“."
    ) in " ".join((aufruf.out + aufruf.err).split()), aufruf.out + aufruf.err
    assert {p.name: p.read_bytes() for p in ordner.iterdir()} == vorher


def test_buero_formular_im_befragungsordner(zwei_quartiere: Path, quartiere_zwei) -> None:  # type: ignore[no-untyped-def]
    """An office's form put into daten/befragung by hand is named, not read as one quarter."""
    form = (
        zwei_quartiere / "berichte" / "befragung-ausgang" / "befragung_seniorenbuero-hombruch.xlsx"
    )
    (meldung,) = _meldungen(form, quartiere_zwei)
    assert meldung.startswith(
        "befragung_seniorenbuero-hombruch.xlsx: Das ist ein Formular je Seniorenbüro "
        "(„Seniorenbüro Hombruch“, Quartiere menglinghausen, marten)"
    )
    assert "qprofil survey --import DATEI" in meldung


def test_buero_formular_vorbelegt(tmp_path: Path, quartiere_zwei, qprofil) -> None:  # type: ignore[no-untyped-def]
    """--vorbelegen fills an office's form with the last answers of each of its quarters."""
    projekt = _buero_projekt(tmp_path / "p", {"marten": "Seniorenbüro Hombruch"})
    aufruf = qprofil("survey", "marten", "--vorbelegen", cwd=projekt)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    (form,) = (projekt / "berichte" / "befragung-ausgang").glob("*.xlsx")
    assert form.name == "befragung_seniorenbuero-hombruch.xlsx"
    _, antworten, befunde = _formular_lesen(form, quartiere_zwei)
    assert not befunde.liste, _fehler(befunde)
    dateien = {
        "menglinghausen": ANTWORTEN / "seniorenbuero_hombruch.xlsx",
        "marten": ANTWORTEN / "seniorenbuero_luetgendortmund.xlsx",
    }
    for a in antworten:
        erwartet, _ = _lesen(dateien[a.befragung.quartier], quartiere_zwei)
        assert erwartet is not None
        assert a.befragung.inventar == erwartet.inventar
        assert a.befragung.einschaetzungen == erwartet.einschaetzungen
    wb = openpyxl.load_workbook(form)
    quartiere_der_zeilen = [
        z[0] for z in wb["Infrastruktur"].iter_rows(min_row=5, values_only=True) if z[1]
    ]
    assert set(quartiere_der_zeilen) == {"Menglinghausen", "Marten"}


def test_buero_formular_rundreise_durch_libreoffice_calc(
    zwei_quartiere: Path, quartiere_zwei, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) fehlt / not installed")
    gefuellt = tmp_path / "gefuellt"
    gefuellt.mkdir()
    form = (
        zwei_quartiere / "berichte" / "befragung-ausgang" / "befragung_seniorenbuero-hombruch.xlsx"
    )
    ausgefuellt = _buero_ausfuellen(
        form,
        {
            "menglinghausen": ANTWORTEN / "seniorenbuero_hombruch.xlsx",
            "marten": ANTWORTEN / "seniorenbuero_luetgendortmund.xlsx",
        },
        gefuellt / form.name,
    )
    _, erwartet, befunde = _formular_lesen(ausgefuellt, quartiere_zwei)
    assert not befunde.liste and len(erwartet) == 2
    ziel = tmp_path / "calc"
    lauf = _soffice(soffice, tmp_path, "xlsx:Calc MS Excel 2007 XML", ziel, ausgefuellt)
    aus_calc = ziel / form.name
    assert aus_calc.is_file(), lauf.stderr + lauf.stdout
    stempel, gelesen, befunde = _formular_lesen(aus_calc, quartiere_zwei)
    assert not befunde.liste, _fehler(befunde)
    assert stempel is not None and stempel.art == "seniorenbuero"
    assert [dataclasses.replace(a.befragung, datei=ausgefuellt) for a in gelesen] == [
        a.befragung for a in erwartet
    ]
    wb = openpyxl.load_workbook(aus_calc)
    assert wb[META_BLATT].sheet_state == "hidden"
    assert wb["Einschätzung"].protection.sheet
    regeln = {str(dv.sqref): dv for dv in wb["Infrastruktur"].data_validations.dataValidation}
    assert any(dv.formula1 == "Listen!$C$2:$C$3" for dv in regeln.values()), regeln


def test_buero_formular_druck(zwei_quartiere: Path, tmp_path: Path) -> None:
    """Printed: instruction upright, tables landscape with the header on every page."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) oder poppler fehlt / not installed")
    form = (
        zwei_quartiere / "berichte" / "befragung-ausgang" / "befragung_seniorenbuero-hombruch.xlsx"
    )
    _soffice(soffice, tmp_path, "pdf", tmp_path, form)
    pdf = tmp_path / f"{form.stem}.pdf"
    texte = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout.split("\f")
    assert (
        "Seniorenbüro Hombruch, Quartiere" in texte[0] and "Menglinghausen und Marten" in (texte[0])
    )
    infrastruktur = [t for t in texte if "Einrichtung / Angebot" in t]
    assert len(infrastruktur) >= 3  # 160 rows: the header row is repeated on every page
    assert all(t.split()[0:1] != [] and "Quartier" in t for t in infrastruktur)
    assert "Infrastruktur in den Quartieren Menglinghausen und Marten" in infrastruktur[0]
    einschaetzung = "\n".join(t for t in texte if "Stärken" in t)
    assert einschaetzung.count("Menglinghausen") >= 3 and einschaetzung.count("Marten") >= 3


# ---------------------------------------------------------------------------------------------
# Reading once; long answer lists
# ---------------------------------------------------------------------------------------------


def test_antworten_lesen_liest_die_mappe_einmal(quartiere, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from qprofil.einlesen import tabelle

    gelesen: list[str] = []
    echt = tabelle._datei_lesen

    def zaehlen(pfad, name, grenzen):  # type: ignore[no-untyped-def]
        gelesen.append(name)
        return echt(pfad, name, grenzen)

    monkeypatch.setattr(tabelle, "_datei_lesen", zaehlen)
    antworten = leser.antworten_lesen(
        ANTWORTEN / "seniorenbuero_scharnhorst.xlsx", quartiere, Befunde(), "s.xlsx"
    )
    assert gelesen == ["s.xlsx"]
    assert antworten.befragung.quartier == "derne" and len(antworten.inventar) > 10


def test_vorbelegtes_formular_mit_mehr_zeilen_als_vorbereitet(quartiere, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An answer list longer than the 80 rows of a blank form gets the rows it needs."""
    from qprofil.ausgabe.befragungsformular import formular

    antworten = leser.antworten_lesen(
        ANTWORTEN / "seniorenbuero_hombruch.xlsx", quartiere, Befunde()
    )
    lang = dataclasses.replace(antworten, inventar=antworten.inventar * 6)
    assert len(lang.inventar) > INFRASTRUKTUR.zeilen
    ziel = tmp_path / "lang.xlsx"
    ziel.write_bytes(
        formular(quartiere["menglinghausen"], stand=dt.date(2017, 1, 1), antworten=lang)
    )
    gelesen, befunde = _lesen(ziel, quartiere)
    assert not befunde.liste, _fehler(befunde)
    assert gelesen is not None and len(gelesen.inventar) == len(lang.inventar)
    meta = {
        z[0]: z[1] for z in openpyxl.load_workbook(ziel)[META_BLATT].iter_rows(values_only=True)
    }
    assert meta["Zeilen Infrastruktur"] == len(lang.inventar)


def test_buero_formular_nur_teilweise_oder_gar_nicht_ausgefuellt(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """Quarters the office left empty keep their answer files; a blank form is refused."""
    projekt = _buero_projekt(tmp_path / "p", {"marten": "Seniorenbüro Hombruch"})
    _survey(projekt, "marten")
    form = projekt / "berichte" / "befragung-ausgang" / "befragung_seniorenbuero-hombruch.xlsx"
    ordner = projekt / "daten" / "befragung"
    vorher = {p.name: p.read_bytes() for p in ordner.iterdir()}

    aufruf = qprofil("survey", "--import", "--force", str(form), cwd=projekt)
    assert aufruf.rc == 1
    assert "Das Formular enthält keine Antworten; es wird nicht übernommen." in aufruf.out + (
        aufruf.err
    )
    assert {p.name: p.read_bytes() for p in ordner.iterdir()} == vorher

    teilweise = _buero_ausfuellen(
        form, {"menglinghausen": ANTWORTEN / "seniorenbuero_hombruch.xlsx"}, tmp_path / "t.xlsx"
    )
    aufruf = qprofil("survey", "--import", "--force", str(teilweise), cwd=projekt)
    ausgabe = aufruf.out + aufruf.err
    assert aufruf.rc == 0, ausgabe
    assert "Für das Quartier „marten“ enthält das Formular keine Antworten" in ausgabe
    nachher = {p.name: p.read_bytes() for p in ordner.iterdir() if p.is_file()}
    assert (
        nachher["seniorenbuero_luetgendortmund.xlsx"]
        == vorher["seniorenbuero_luetgendortmund.xlsx"]
    )
    assert nachher["seniorenbuero_hombruch.xlsx"] != vorher["seniorenbuero_hombruch.xlsx"]
    assert [p.name.rsplit("_", 2)[0] for p in (ordner / ".alt").iterdir()] == [
        "seniorenbuero_hombruch"
    ]
