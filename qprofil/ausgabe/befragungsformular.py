"""The survey form for one quarter or one Seniorenbüro (``qprofil survey``), as .xlsx bytes.

Sheets, columns and allowed values come from ``qprofil.einlesen.befragungsbogen``, the
definition the reader uses. The form has: „Anleitung“ (what to do, due date, contact), the
sheets the reader reads („Angaben“, „Infrastruktur“, „Einschätzung“) with drop-down lists,
number and date checks (German input messages and error alerts), protected headers and
prefilled cells, unlocked input cells, print setup (A4 landscape, header row repeated, fit to
width); the hidden sheet „Listen“ with the drop-down entries and the hidden sheet „qprofil“
with the stamp (form version, kind, office, quarters) by which a returned form is recognised.

An office's form (``[befragung] formular_je = "seniorenbuero"``) covers all its quarters:
the office and its quarters prefilled in „Angaben“, a column „Quartier“ (drop-down of the
office's quarters) in front of „Infrastruktur“, one locked row per quarter and Handlungsfeld
in „Einschätzung“.

Written by ``Ausgabeordner.schreiben`` like every output (atomically).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from qprofil.ausgabe.kennzahlmappe import _speichern
from qprofil.ausgabe.schreiber import zip_normalisieren
from qprofil.einlesen.befragungsbogen import (
    ANGABEN,
    ANGABEN_FELDER,
    ANGABEN_FELDER_BUERO,
    EINSCHAETZUNG,
    FORMULAR_VERSION,
    HANDLUNGSFELD_WERTE,
    INFRASTRUKTUR,
    KOPFZEILE,
    LISTEN_BLATT,
    META_BLATT,
    Art,
    Blatt,
    Spalte,
    Stempel,
    stempel_zeilen,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from qprofil.einlesen.befragung import Antworten
    from qprofil.modell import Quartier

KOPF_FARBE = "1F4E79"
EINGABE_FARBE = "FFF9E5"
DATUM_FORMAT = "DD.MM.YYYY"
#: Dates a form accepts (Excel serial numbers of 1.1.2000 and 31.12.2100).
_DATUM_VON = 36526
_DATUM_BIS = 73415


def dateiname(quartier: Quartier) -> str:
    """The form's file name: one workbook per quarter."""
    return f"befragung_{quartier.kuerzel}.xlsx"


_UMSCHRIFT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def buero_dateiname(seniorenbuero: str) -> str:
    """The file name of an office's form, e.g. ``befragung_seniorenbuero-hombruch.xlsx``."""
    wort = re.sub(r"[^a-z0-9]+", "-", seniorenbuero.casefold().translate(_UMSCHRIFT)).strip("-")
    return f"befragung_{wort or 'seniorenbuero'}.xlsx"


def formular(
    quartier: Quartier,
    *,
    stand: dt.date,
    frist: dt.date | None = None,
    kontakt: str = "",
    antworten: Antworten | None = None,
) -> bytes:
    """A quarter's form as .xlsx bytes; ``antworten``: last round's answers prefilled.

    Prefilled answers with more facilities than the form's rows get as many rows as they
    need (the stamp records the number, so the check knows where the table ends).
    """
    zeilen = max(INFRASTRUKTUR.zeilen, len(antworten.inventar) if antworten else 0)
    return _formular(
        "quartier",
        [quartier],
        stand,
        frist,
        kontakt,
        {quartier.kuerzel: antworten} if antworten is not None else {},
        zeilen,
    )


def buero_formular(
    quartiere: Sequence[Quartier],
    *,
    stand: dt.date,
    frist: dt.date | None = None,
    kontakt: str = "",
    antworten: Mapping[str, Antworten] | None = None,
) -> bytes:
    """One Seniorenbüro's form for all its ``quartiere`` (Kürzel → last round's answers).

    Sheet „Infrastruktur“ has a column „Quartier“ with a drop-down of the office's quarters
    and the usual rows for each quarter; „Einschätzung“ one prefilled row per quarter and
    Handlungsfeld.
    """
    antworten = dict(antworten or {})
    vorbelegt = sum(len(a.inventar) for a in antworten.values())
    zeilen = max(INFRASTRUKTUR.zeilen * len(quartiere), vorbelegt + INFRASTRUKTUR.zeilen // 4)
    return _formular("seniorenbuero", list(quartiere), stand, frist, kontakt, antworten, zeilen)


def _formular(
    art: Art,
    quartiere: list[Quartier],
    stand: dt.date,
    frist: dt.date | None,
    kontakt: str,
    antworten: dict[str, Antworten],
    zeilen: int,
) -> bytes:
    from openpyxl import Workbook

    erstes = quartiere[0]
    buero = art == "seniorenbuero"
    stempel = Stempel(
        FORMULAR_VERSION,
        erstes.seniorenbuero.name,
        _bezirke(quartiere),
        tuple(q.kuerzel for q in quartiere),
        stand,
        art,
        zeilen,
    )
    infra_blatt, einsch_blatt = stempel.blaetter
    vorne = 1 if buero else 0  # the column „Quartier“ in front
    wb = Workbook()
    wb.remove(wb.active)
    _anleitung(wb.create_sheet("Anleitung"), quartiere, buero, frist, kontakt)
    ein_satz = next(iter(antworten.values()), None)
    _angaben(wb.create_sheet(ANGABEN.name), quartiere, buero, ein_satz)
    infra = wb.create_sheet(INFRASTRUKTUR.name)
    _datenblatt(infra, infra_blatt, _titel_text(infra_blatt, quartiere), len(quartiere))
    zeile = KOPFZEILE + 1
    for q in quartiere:
        a = antworten.get(q.kuerzel)
        for werte in a.inventar if a is not None else ():
            if buero:
                infra.cell(zeile, 1).value = q.name
            for sp, wert in enumerate(werte, start=1 + vorne):
                infra.cell(zeile, sp).value = wert if wert != "" else None
            _hoehe(infra, zeile, infra_blatt)
            zeile += 1
    einsch = wb.create_sheet(EINSCHAETZUNG.name)
    _datenblatt(einsch, einsch_blatt, _titel_text(einsch_blatt, quartiere), len(quartiere))
    from openpyxl.styles import Border, Font, Side

    zeile = KOPFZEILE + 1
    for block, q in enumerate(quartiere):
        a = antworten.get(q.kuerzel)
        for i, hf in enumerate(HANDLUNGSFELD_WERTE, start=1):
            if buero:
                zelle = einsch.cell(zeile, 1, q.name)
                zelle.protection = _gesperrt()
                zelle.font = Font(bold=True)
            zelle = einsch.cell(zeile, 1 + vorne, hf)
            zelle.protection = _gesperrt()
            if block > 0 and i == 1:
                # a heavier line where the next quarter's rows begin
                for sp in range(1, len(einsch_blatt.spalten) + 1):
                    alt = einsch.cell(zeile, sp).border
                    einsch.cell(zeile, sp).border = Border(
                        left=alt.left,
                        right=alt.right,
                        bottom=alt.bottom,
                        top=Side(style="medium", color=KOPF_FARBE),
                    )
            if a is not None and i in a.einschaetzungen:
                for sp, text in enumerate(a.einschaetzungen[i], start=2 + vorne):
                    einsch.cell(zeile, sp).value = text or None
                _hoehe(einsch, zeile, einsch_blatt, mindestens=90)
            zeile += 1
    _listen(wb.create_sheet(LISTEN_BLATT), quartiere if buero else [])
    _meta(wb.create_sheet(META_BLATT), stempel)
    wb.properties.creator = "qprofil"
    wb.properties.title = "Befragung der Seniorenbüros – " + (
        erstes.seniorenbuero.name if buero else erstes.name
    )
    wb.properties.subject = f"Formular Version {FORMULAR_VERSION}"
    wb.properties.keywords = "qprofil-befragung; " + (
        f"seniorenbuero={erstes.seniorenbuero.name}; quartiere={','.join(stempel.quartiere)}"
        if buero
        else f"quartier={erstes.kuerzel}"
    )
    zeit = dt.datetime.combine(stand, dt.time())
    wb.properties.created = zeit
    wb.properties.modified = zeit
    wb.active = 0
    return zip_normalisieren(_speichern(wb))


def _bezirke(quartiere: Sequence[Quartier]) -> str:
    """The Stadtbezirke of the quarters, each once, in order."""
    return ", ".join(dict.fromkeys(q.stadtbezirk for q in quartiere))


def _namen(quartiere: Sequence[Quartier]) -> str:
    """„A“, „A und B“, „A, B und C“."""
    namen = [q.name for q in quartiere]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " und " + namen[-1]


def _titel_text(blatt: Blatt, quartiere: Sequence[Quartier]) -> str:
    """The title of a data sheet: „… im Quartier A“ or „… in den Quartieren A und B“."""
    ort = (
        f"Quartier {quartiere[0].name}"
        if len(quartiere) == 1
        else f"Quartieren {_namen(quartiere)}"
    )
    if blatt.name == INFRASTRUKTUR.name:
        return f"Infrastruktur {'im' if len(quartiere) == 1 else 'in den'} {ort}"
    return f"Einschätzung des Seniorenbüros {'zum' if len(quartiere) == 1 else 'zu den'} {ort}"


def _zeilen_noetig(text: object, breite: float) -> int:
    """Lines a wrapped cell needs at a column width (in characters), roughly."""
    if text is None or text == "":
        return 1
    return sum(max(1, math.ceil(len(teil) / max(breite - 2, 1))) for teil in str(text).split("\n"))


def _hoehe(ws: Worksheet, zeile: int, blatt: Blatt, mindestens: float = 0) -> None:
    """Row height for prefilled, wrapped cells (Calc and Excel keep a row's height on opening)."""
    zeilen = max(
        _zeilen_noetig(ws.cell(zeile, nr).value, s.breite)
        for nr, s in enumerate(blatt.spalten, start=1)
    )
    ws.row_dimensions[zeile].height = max(mindestens, 15 * zeilen + 2)


def _gesperrt():  # type: ignore[no-untyped-def]
    from openpyxl.styles import Protection

    return Protection(locked=True)


def _offen():  # type: ignore[no-untyped-def]
    from openpyxl.styles import Protection

    return Protection(locked=False)


def _schuetzen(ws: Worksheet) -> None:
    """Protect the sheet (no password): headers and prefilled cells locked, inputs open."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


def _drucken(ws: Worksheet, kopf: bool) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    if kopf:
        ws.print_title_rows = f"{KOPFZEILE}:{KOPFZEILE}"
    ws.oddFooter.center.text = "Seite &P von &N"


def _titel(ws: Worksheet, titel: str, anleitung: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws["A1"] = titel
    ws["A1"].font = Font(bold=True, size=14, color=KOPF_FARBE)
    ws["A2"] = anleitung
    ws["A2"].font = Font(italic=True)
    ws["A2"].alignment = Alignment(wrap_text=False)


def _kopfzeile(ws: Worksheet, spalten: tuple[Spalte, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for nr, spalte in enumerate(spalten, start=1):
        zelle = ws.cell(KOPFZEILE, nr, spalte.name)
        zelle.font = Font(bold=True, color="FFFFFF")
        zelle.fill = PatternFill("solid", fgColor=KOPF_FARBE)
        zelle.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(nr)].width = spalte.breite
    ws.row_dimensions[KOPFZEILE].height = 22


def _rahmen():  # type: ignore[no-untyped-def]
    from openpyxl.styles import Border, Side

    linie = Side(style="thin", color="A6A6A6")
    return Border(left=linie, right=linie, top=linie, bottom=linie)


def _validierung(spalte: Spalte, bereich: str, quartiere: int = 0):  # type: ignore[no-untyped-def]
    """The data validation for a column's input cells, with German messages."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if spalte.typ == "quartier":
        dv = DataValidation(type="list", formula1=f"{LISTEN_BLATT}!$C$2:$C${1 + max(1, quartiere)}")
        dv.error = "Bitte wählen Sie das Quartier aus der Liste (die Quartiere Ihres Büros)."
    elif spalte.typ == "handlungsfeld":
        dv = DataValidation(
            type="list", formula1=f"{LISTEN_BLATT}!$A$2:$A${1 + len(HANDLUNGSFELD_WERTE)}"
        )
        dv.error = "Bitte wählen Sie das Handlungsfeld aus der Liste (1, 2 oder 3)."
    elif spalte.typ == "auswahl" and spalte.werte and len(",".join(spalte.werte)) < 250:
        dv = DataValidation(type="list", formula1='"' + ",".join(spalte.werte) + '"')
        dv.error = f"Bitte wählen Sie aus der Liste: {', '.join(spalte.werte)}."
    elif spalte.typ == "auswahl" and spalte.werte:
        dv = DataValidation(type="list", formula1=f"{LISTEN_BLATT}!$B$2:$B${1 + len(spalte.werte)}")
        dv.error = "Die Angabe steht nicht in der Liste. Trotzdem übernehmen?"
    elif spalte.typ == "anzahl":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        dv.error = "Bitte eine ganze Zahl ab 0 eintragen, z. B. 3."
    elif spalte.typ == "datum":
        dv = DataValidation(
            type="date", operator="between", formula1=str(_DATUM_VON), formula2=str(_DATUM_BIS)
        )
        dv.error = "Bitte ein Datum eintragen, z. B. 24.03.2017."
    else:
        dv = DataValidation(type=None)
    dv.errorStyle = "stop" if spalte.streng else "warning"
    dv.errorTitle = "Ungültige Angabe"
    dv.promptTitle = spalte.name[:32]
    dv.prompt = spalte.hinweis
    dv.showErrorMessage = dv.type is not None
    dv.showInputMessage = bool(spalte.hinweis)
    dv.allow_blank = True
    dv.add(bereich)
    return dv


def _datenblatt(ws: Worksheet, blatt: Blatt, titel: str, quartiere: int = 0) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    _titel(ws, titel, blatt.anleitung)
    _kopfzeile(ws, blatt.spalten)
    erste, letzte = KOPFZEILE + 1, KOPFZEILE + blatt.zeilen
    fuellung = PatternFill("solid", fgColor=EINGABE_FARBE)
    for nr, spalte in enumerate(blatt.spalten, start=1):
        buchstabe = get_column_letter(nr)
        for z in range(erste, letzte + 1):
            zelle = ws.cell(z, nr)
            zelle.protection = _offen()
            zelle.fill = fuellung
            zelle.border = _rahmen()
            zelle.alignment = Alignment(wrap_text=True, vertical="top")
            if spalte.typ == "anzahl":
                zelle.number_format = "0"
            elif spalte.typ == "datum":
                zelle.number_format = DATUM_FORMAT
            else:
                zelle.number_format = "@"
        bereich = f"{buchstabe}{erste}:{buchstabe}{letzte}"
        ws.add_data_validation(_validierung(spalte, bereich, quartiere))
    if blatt.name == EINSCHAETZUNG.name:
        for z in range(erste, letzte + 1):
            ws.row_dimensions[z].height = 90
    ws.freeze_panes = f"A{erste}"
    _drucken(ws, kopf=True)
    ws.print_area = f"A1:{get_column_letter(len(blatt.spalten))}{letzte}"
    _schuetzen(ws)


def _angaben(
    ws: Worksheet, quartiere: list[Quartier], buero: bool, antworten: Antworten | None
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    erstes = quartiere[0]
    _titel(ws, ANGABEN.titel, ANGABEN.anleitung)
    _kopfzeile(ws, ANGABEN.spalten)
    vorbelegt = {
        "Seniorenbüro": erstes.seniorenbuero.name,
        "Stadtbezirk": _bezirke(quartiere),
        "Quartier": erstes.name,
        "Quartiere": _namen(quartiere),
    }
    if antworten is not None:
        vorbelegt["Ausgefüllt von"] = antworten.ausgefuellt_von
        vorbelegt["Datum"] = antworten.datum  # type: ignore[assignment]
    felder = ANGABEN_FELDER_BUERO if buero else ANGABEN_FELDER
    for i, (feld, typ, fest) in enumerate(felder, start=KOPFZEILE + 1):
        ws.cell(i, 1, feld).font = Font(bold=True)
        zelle = ws.cell(i, 2, vorbelegt.get(feld) or None)
        zelle.border = _rahmen()
        zelle.alignment = Alignment(vertical="top", wrap_text=True)
        if typ == "datum":
            zelle.number_format = DATUM_FORMAT
        if not fest:
            zelle.protection = _offen()
            zelle.fill = PatternFill("solid", fgColor=EINGABE_FARBE)
            spalte = Spalte(feld, typ, False, 0, f"Bitte tragen Sie „{feld}“ ein.")
            ws.add_data_validation(_validierung(spalte, zelle.coordinate))
        else:
            _hoehe_text(ws, i, zelle.value, ANGABEN.spalten[1].breite)
    _drucken(ws, kopf=False)
    _schuetzen(ws)


def _hoehe_text(ws: Worksheet, zeile: int, text: object, breite: float) -> None:
    if _zeilen_noetig(text, breite) > 1:
        ws.row_dimensions[zeile].height = 15 * _zeilen_noetig(text, breite) + 2


def _anleitung(
    ws: Worksheet,
    quartiere: list[Quartier],
    buero: bool,
    frist: dt.date | None,
    kontakt: str,
) -> None:
    from openpyxl.styles import Alignment, Font

    erstes = quartiere[0]
    ws.column_dimensions["A"].width = 85
    if not buero:
        titel = f"Schriftliche Befragung – {erstes.seniorenbuero.name}, Quartier {erstes.name}"
        schritte = [
            "2. Blatt „Infrastruktur“: Je Einrichtung oder Angebot im Quartier eine Zeile. "
            "Handlungsfeld, Art und barrierefrei wählen Sie aus der Liste (Pfeil an der Zelle).",
            "3. Blatt „Einschätzung“: Je Handlungsfeld Stärken, Defizite und Anmerkungen, "
            "je Punkt eine Zeile in der Zelle (Alt+Eingabe).",
        ]
    else:
        wort = "Quartier" if len(quartiere) == 1 else "Quartiere"
        titel = f"Schriftliche Befragung – {erstes.seniorenbuero.name}, {wort} {_namen(quartiere)}"
        infrastruktur = (
            "Je Einrichtung oder Angebot eine Zeile, für alle Quartiere in derselben Tabelle. "
            "Das Quartier wählen Sie in der ersten Spalte aus der Liste."
            if len(quartiere) > 1
            else "Je Einrichtung oder Angebot im Quartier eine Zeile. Die Spalte „Quartier“ "
            "dürfen Sie leer lassen, Ihr Büro hat ein Quartier."
        )
        schritte = [
            f"2. Blatt „Infrastruktur“: {infrastruktur} Handlungsfeld, Art und barrierefrei "
            "wählen Sie aus der Liste (Pfeil an der Zelle).",
            "3. Blatt „Einschätzung“: Je "
            + ("Quartier und " if len(quartiere) > 1 else "")
            + "Handlungsfeld eine Zeile (sie sind schon beschriftet) für Stärken, Defizite und "
            "Anmerkungen, je Punkt eine Zeile in der Zelle (Alt+Eingabe).",
        ]
    zeilen: list[tuple[str, bool]] = [
        (titel, True),
        ("", False),
        ("So füllen Sie das Formular aus:", True),
        ("1. Blatt „Angaben“: Tragen Sie Ihren Namen und das Datum ein.", False),
        *((s, False) for s in schritte),
        (
            "Bitte nur in die gelben Felder schreiben. Blätter nicht umbenennen, keine Zeilen "
            "oder Spalten einfügen oder löschen; Zeilen unterhalb der Tabelle werden nicht gelesen.",
            False,
        ),
        ("Sie können das Formular mit Excel oder LibreOffice Calc ausfüllen.", False),
        ("", False),
    ]
    if frist is not None:
        zeilen.append((f"Bitte senden Sie das Formular bis zum {frist:%d.%m.%Y} zurück.", True))
    if kontakt:
        zeilen.append((f"Fragen und Rücksendung an: {kontakt}", False))
    for nr, (text, fett) in enumerate(zeilen, start=1):
        zelle = ws.cell(nr, 1, text or None)
        zelle.alignment = Alignment(wrap_text=True, vertical="top")
        # the title is set larger: fewer characters fit in a line; of the text's 11 pt, about
        # 100 characters filled a line of the 85-unit column in Calc's PDF: 90 leaves a margin
        ws.row_dimensions[nr].height = (
            20 * _zeilen_noetig(text, 55) + 2 if nr == 1 else 16 * _zeilen_noetig(text, 90) + 2
        )
        if fett:
            zelle.font = Font(bold=True, size=14 if nr == 1 else 11)
    _drucken(ws, kopf=False)
    ws.page_setup.orientation = "portrait"
    _schuetzen(ws)


def _listen(ws: Worksheet, quartiere: list[Quartier]) -> None:
    from qprofil.einlesen.befragungsbogen import ART_WERTE

    ws["A1"] = "Handlungsfeld"
    ws["B1"] = "Art"
    for i, wert in enumerate(HANDLUNGSFELD_WERTE, start=2):
        ws.cell(i, 1, wert)
    for i, wert in enumerate(ART_WERTE, start=2):
        ws.cell(i, 2, wert)
    if quartiere:
        ws["C1"] = "Quartier"
        for i, q in enumerate(quartiere, start=2):
            ws.cell(i, 3, q.name)
    ws.sheet_state = "hidden"
    _schuetzen(ws)


def _meta(ws: Worksheet, stempel: Stempel) -> None:
    for schluessel_, wert in stempel_zeilen(stempel):
        ws.append([schluessel_, wert])
        if isinstance(wert, dt.date):
            ws.cell(ws.max_row, 2).number_format = DATUM_FORMAT
    ws.sheet_state = "hidden"
    _schuetzen(ws)
