"""The indicator workbook (``berichte/kennzahlen.xlsx``) and its German CSV, as bytes.

Sheets: one per level in wide form (one row per area and Stichtag, per indicator a value column
and a rank column), „Alle Werte“ in long form (area, level, Stichtag, indicator, value, unit,
rank, note) for further work, and „Definitionen“ (definition, source and configuration used).
Values are real numbers with number formats, so they sort and filter as numbers in Excel and
LibreOffice Calc; a value that is not shown is „.“ (withheld) or „nicht verfügbar“, as in the profiles, with the reason as a cell comment (wide
sheets) or in the column „Hinweis“ (long sheet). Header rows are frozen and filtered.

The file is written by ``Ausgabeordner.schreiben`` like every output (atomically).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from typing import TYPE_CHECKING, Any

from qprofil.ausgabe.schreiber import zip_normalisieren
from qprofil.auswertung.kennzahlen import Fehlend
from qprofil.auswertung.kennzahltabelle import (
    Definition,
    definitionen,
    ebenen_folge,
    ebenen_titel,
    lang,
)
from qprofil.zahlen import GEHEIM

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

    from qprofil.auswertung.auswertung import Auswertung

DATUM_FORMAT = "DD.MM.YYYY"
RANG_FORMAT = "0"
KOPF_FARBE = "1F4E79"
#: Fixed document times: two runs on the same data give the same file.
ZEITPUNKT = dt.datetime(2017, 1, 1)


def zahlenformat(stellen: int) -> str:
    """Excel number format with thousands separator and ``stellen`` decimals."""
    return "#,##0" + ("." + "0" * stellen if stellen else "")


def einheit_text(einheit: str) -> str:
    """The unit as shown in a header ("" for counts becomes "Anzahl")."""
    return einheit or "Anzahl"


def mappe(auswertung: Auswertung) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook

    tabelle = lang(auswertung)
    defs = definitionen(auswertung.konfig)
    wb = Workbook()
    wb.remove(wb.active)
    for ebene in ebenen_folge(sorted(set(tabelle["ebene"].tolist()))):
        _breit(wb.create_sheet(ebenen_titel(ebene)), tabelle[tabelle["ebene"] == ebene], defs)
    _lang(wb.create_sheet("Alle Werte"), tabelle)
    _definitionen(wb.create_sheet("Definitionen"), defs)
    wb.properties.creator = "qprofil"
    wb.properties.title = "Kennzahlen aller Räume und Stichtage"
    wb.properties.created = ZEITPUNKT
    wb.properties.modified = ZEITPUNKT
    return zip_normalisieren(_speichern(wb))


def _speichern(wb: Any) -> bytes:
    """The workbook's bytes, with the fixed document times.

    ``Workbook.save`` would set the modification time to now, so that two runs on the same
    figures gave different files; the writer below it keeps the times set here.
    """
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        ExcelWriter(wb, archiv).save()
    return puffer.getvalue()


def _kopf(ws: Worksheet, titel: list[str], breiten: list[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(titel)
    for nr, zelle in enumerate(ws[1], start=1):
        zelle.font = Font(bold=True, color="FFFFFF")
        zelle.fill = PatternFill("solid", fgColor=KOPF_FARBE)
        zelle.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(nr)].width = breiten[nr - 1]
    ws.row_dimensions[1].height = 60


def _fertig(ws: Worksheet, fest_spalten: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = f"{get_column_letter(fest_spalten + 1)}2"
    ws.auto_filter.ref = ws.dimensions


def fehlt_text(fehlend: Fehlend | None) -> str:
    """What stands in place of a value not shown: „.“ (withheld) or „nicht verfügbar“."""
    return fehlend.value if fehlend is not None else GEHEIM


def _wert(
    zelle, wert: float, fehlend: Fehlend | None, stellen: int, hinweis: str, mit_kommentar: bool
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment

    if math.isnan(wert):
        zelle.value = fehlt_text(fehlend)
        zelle.alignment = Alignment(horizontal="right")
        if mit_kommentar:
            zelle.comment = Comment(hinweis, "qprofil", width=300, height=80)
    else:
        zelle.value = wert
        zelle.number_format = zahlenformat(stellen)


def _breit(ws: Worksheet, teil: pd.DataFrame, defs: list[Definition]) -> None:
    """One level in wide form: area, Stichtag, then value and rank of each indicator."""
    titel = ["Raum-Nr.", "Raum", "Stichtag"]
    breiten: list[float] = [10, 28, 11]
    for d in defs:
        titel += [f"{d.name} ({einheit_text(d.einheit)})", f"Rang {d.name}"]
        breiten += [16, 10]
    _kopf(ws, titel, breiten)
    stellen = {d.schluessel: d.stellen for d in defs}
    spalte = {d.schluessel: 4 + 2 * i for i, d in enumerate(defs)}
    teil = teil.sort_values(["raum", "stichtag"], kind="stable")
    zeile = 1
    letzte: tuple[str, dt.date] | None = None
    for raum, name, tag, k, wert, fehlend, hinweis, rang in zip(
        teil["raum"].tolist(),
        teil["raumname"].tolist(),
        teil["stichtag"].tolist(),
        teil["kennzahl"].tolist(),
        teil["wert"].tolist(),
        teil["fehlend"].tolist(),
        teil["hinweis"].tolist(),
        teil["rang"].tolist(),
        strict=True,
    ):
        if (raum, tag) != letzte:
            zeile += 1
            letzte = (raum, tag)
            ws.cell(zeile, 1, raum)
            ws.cell(zeile, 2, name)
            datum = ws.cell(zeile, 3, tag)
            datum.number_format = DATUM_FORMAT
        _wert(ws.cell(zeile, spalte[k]), wert, fehlend, stellen[k], hinweis, True)
        if not _fehlt(rang):
            r = ws.cell(zeile, spalte[k] + 1, int(rang))
            r.number_format = RANG_FORMAT
    _fertig(ws, 3)


def _fehlt(wert: object) -> bool:
    import pandas as pd

    return bool(pd.isna(wert))


def _lang(ws: Worksheet, tabelle: pd.DataFrame) -> None:
    """Every value in long form: one row per area, Stichtag and indicator."""
    _kopf(
        ws,
        ["Raum-Nr.", "Raum", "Ebene", "Stichtag", "Kennzahl", "Wert", "Einheit", "Rang", "Hinweis"],
        [10, 28, 14, 11, 36, 12, 9, 8, 60],
    )
    zeile = 1
    for spalten in zip(
        tabelle["raum"].tolist(),
        tabelle["raumname"].tolist(),
        tabelle["ebene"].map(ebenen_titel).tolist(),
        tabelle["stichtag"].tolist(),
        tabelle["name"].tolist(),
        tabelle["wert"].tolist(),
        tabelle["einheit"].map(einheit_text).tolist(),
        tabelle["rang"].tolist(),
        tabelle["hinweis"].tolist(),
        tabelle["stellen"].tolist(),
        tabelle["fehlend"].tolist(),
        strict=True,
    ):
        raum, name, ebene, tag, kennzahl, wert, einheit, rang, hinweis, stellen, fehlend = spalten
        zeile += 1
        ws.cell(zeile, 1, raum)
        ws.cell(zeile, 2, name)
        ws.cell(zeile, 3, ebene)
        ws.cell(zeile, 4, tag).number_format = DATUM_FORMAT
        ws.cell(zeile, 5, kennzahl)
        _wert(ws.cell(zeile, 6), wert, fehlend, int(stellen), hinweis, False)
        ws.cell(zeile, 7, einheit)
        if not _fehlt(rang):
            ws.cell(zeile, 8, int(rang)).number_format = RANG_FORMAT
        ws.cell(zeile, 9, hinweis)
    _fertig(ws, 2)


def _definitionen(ws: Worksheet, defs: list[Definition]) -> None:
    from openpyxl.styles import Alignment

    _kopf(
        ws,
        ["Kennzahl", "Schlüssel", "Einheit", "Definition und Formel", "Quelle", "Einstellung"],
        [34, 20, 9, 70, 40, 50],
    )
    for d in defs:
        ws.append(
            [d.name, d.schluessel, einheit_text(d.einheit), d.definition, d.quelle, d.einstellung]
        )
    for reihe in ws.iter_rows(min_row=2):
        for zelle in reihe:
            zelle.alignment = Alignment(wrap_text=True, vertical="top")
    hinweis = ws.max_row + 2
    ws.cell(
        hinweis,
        1,
        "Rang: 1 = höchster Wert unter den Räumen derselben Ebene am selben Stichtag; gleiche "
        "Werte teilen sich den besseren Rang. „.“ = geheim gehalten, „nicht verfügbar“ = aus den "
        "Quelldaten nicht berechenbar (Grund im Kommentar der Zelle bzw. in der Spalte „Hinweis“ "
        "des Blatts „Alle Werte“).",
    )
    _fertig(ws, 1)
    ws.auto_filter.ref = f"A1:F{len(defs) + 1}"


CSV_KOPF = (
    "Raum-Nr.",
    "Raum",
    "Ebene",
    "Stichtag",
    "Kennzahl",
    "Schlüssel",
    "Wert",
    "Einheit",
    "Rang",
    "Hinweis",
)


def csv_text(auswertung: Auswertung) -> bytes:
    """The long table as German CSV: ``;``, decimal comma, UTF-8 with BOM, dates TT.MM.JJJJ.

    Values are written with full precision (statistics software rounds itself); a value not
    shown is „.“ or „nicht verfügbar“ with the reason in „Hinweis“.
    """
    tabelle = lang(auswertung)
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(CSV_KOPF)
    for spalten in zip(
        tabelle["raum"].tolist(),
        tabelle["raumname"].tolist(),
        tabelle["ebene"].map(ebenen_titel).tolist(),
        tabelle["stichtag"].tolist(),
        tabelle["name"].tolist(),
        tabelle["kennzahl"].tolist(),
        tabelle["wert"].tolist(),
        tabelle["einheit"].map(einheit_text).tolist(),
        tabelle["rang"].tolist(),
        tabelle["hinweis"].tolist(),
        tabelle["fehlend"].tolist(),
        strict=True,
    ):
        raum, name, ebene, tag, kennzahl, schluessel, wert, einheit, rang, hinweis, fehlend = (
            spalten
        )
        schreiber.writerow(
            [
                raum,
                name,
                ebene,
                f"{tag:%d.%m.%Y}",
                kennzahl,
                schluessel,
                fehlt_text(fehlend) if math.isnan(wert) else _komma(wert),
                einheit,
                "" if _fehlt(rang) else str(int(rang)),
                hinweis,
            ]
        )
    return ("\ufeff" + puffer.getvalue()).encode("utf-8")


def _komma(wert: float) -> str:
    """A float with decimal comma and full precision, no thousands separator ("1234,5")."""
    if wert == int(wert) and abs(wert) < 1e15:
        return str(int(wert))
    return repr(wert).replace(".", ",")
