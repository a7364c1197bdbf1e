"""The indicator workbook (``berichte/kennzahlen.xlsx``) and its German CSV, as bytes.

Sheets: one per level in wide form (one row per area and Stichtag, per indicator a value column
and a rank column), „Alle Werte“ in long form (area, level, Stichtag, indicator, value, unit,
rank, note) for further work, and „Definitionen“ (definition, source and configuration used).
Values are real numbers with number formats, so they sort and filter as numbers in Excel and
LibreOffice Calc; a value that is not shown is „.“ (withheld) or „nicht verfügbar“, as in the profiles, with the reason as a cell comment (wide
sheets) or in the column „Hinweis“ (long sheet). Header rows are frozen and filtered.

Both are written from one table (``qprofil.auswertung.kennzahltabelle.lang``): ``werte`` reads
its rows, ``LANG_SPALTEN`` names the long form's columns once for the sheet and the CSV, and
every cell goes through one writer (``_zelle`` in the workbook, ``_csv_text`` in the CSV) that
knows how a date, a value and a rank are shown. The document kind „kennzahlen“
(``qprofil.dokumente.kennzahlen``) hands the table over; the pipeline writes the bytes through
``Ausgabeordner.schreiben`` like every output (atomically).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from qprofil.ausgabe.schreiber import zip_normalisieren
from qprofil.auswertung.kennzahlen import Fehlend
from qprofil.auswertung.kennzahltabelle import Definition, ebenen_folge, ebenen_titel
from qprofil.zahlen import GEHEIM

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

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


class Wert(NamedTuple):
    """One row of the long table (``qprofil.auswertung.kennzahltabelle.lang``)."""

    raum: str
    raumname: str
    ebene: str
    stichtag: dt.date
    kennzahl: str
    name: str
    wert: float
    einheit: str
    rang: Any
    hinweis: str
    stellen: int
    fehlend: Fehlend | None


def werte(tabelle: pd.DataFrame) -> Iterator[Wert]:
    """The long table's rows: the one place its columns are read, for every sheet and the CSV."""
    return (Wert(*z) for z in zip(*(tabelle[f].tolist() for f in Wert._fields), strict=True))


def mappe(tabelle: pd.DataFrame, defs: Sequence[Definition], titel: str) -> bytes:
    """The workbook of the long table ``tabelle`` as .xlsx bytes."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for ebene in ebenen_folge(sorted(set(tabelle["ebene"].tolist()))):
        _breit(wb.create_sheet(ebenen_titel(ebene)), tabelle[tabelle["ebene"] == ebene], defs)
    _lang(wb.create_sheet("Alle Werte"), tabelle)
    _definitionen(wb.create_sheet("Definitionen"), defs)
    wb.properties.creator = "qprofil"
    wb.properties.title = titel
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


class Zahl(NamedTuple):
    """A value cell: the number (NaN when not shown), its decimals and why it is missing."""

    wert: float
    stellen: int
    fehlend: Fehlend | None
    hinweis: str
    #: The reason as a cell comment (wide sheets; the long form has the column „Hinweis“).
    kommentar: bool = False


class Rang(NamedTuple):
    """A rank cell (empty when the value has no rank)."""

    rang: Any


#: The long form's columns, for the sheet „Alle Werte“ and the CSV: title and width in the
#: workbook. „Schlüssel“ (the indicator's key, for statistics software) is in the CSV only.
LANG_SPALTEN: tuple[tuple[str, float], ...] = (
    ("Raum-Nr.", 10),
    ("Raum", 28),
    ("Ebene", 14),
    ("Stichtag", 11),
    ("Kennzahl", 36),
    ("Schlüssel", 0),
    ("Wert", 12),
    ("Einheit", 9),
    ("Rang", 8),
    ("Hinweis", 60),
)
NUR_CSV = frozenset({"Schlüssel"})
CSV_KOPF = tuple(titel for titel, _ in LANG_SPALTEN)


def _lang_zeile(w: Wert) -> dict[str, object]:
    """One value in long form, by column title (``LANG_SPALTEN``)."""
    return {
        "Raum-Nr.": w.raum,
        "Raum": w.raumname,
        "Ebene": ebenen_titel(w.ebene),
        "Stichtag": w.stichtag,
        "Kennzahl": w.name,
        "Schlüssel": w.kennzahl,
        "Wert": Zahl(w.wert, int(w.stellen), w.fehlend, w.hinweis),
        "Einheit": einheit_text(w.einheit),
        "Rang": Rang(w.rang),
        "Hinweis": w.hinweis,
    }


def _zelle(ws: Worksheet, zeile: int, spalte: int, inhalt: object) -> None:
    """Write one workbook cell: a date, a value (``Zahl``), a rank (``Rang``) or plain text.

    A missing rank leaves the cell out altogether (not even an empty cell).
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment

    if isinstance(inhalt, Rang) and _fehlt(inhalt.rang):
        return
    zelle = ws.cell(zeile, spalte)
    if isinstance(inhalt, Zahl):
        if math.isnan(inhalt.wert):
            zelle.value = fehlt_text(inhalt.fehlend)
            zelle.alignment = Alignment(horizontal="right")
            if inhalt.kommentar:
                zelle.comment = Comment(inhalt.hinweis, "qprofil", width=300, height=80)
        else:
            zelle.value = inhalt.wert
            zelle.number_format = zahlenformat(inhalt.stellen)
    elif isinstance(inhalt, Rang):
        zelle.value = int(inhalt.rang)
        zelle.number_format = RANG_FORMAT
    elif isinstance(inhalt, dt.date):
        zelle.value = inhalt
        zelle.number_format = DATUM_FORMAT
    else:
        zelle.value = inhalt


def _csv_text(inhalt: object) -> str:
    """The same cell as CSV text: TT.MM.JJJJ, decimal comma with full precision, „.“."""
    if isinstance(inhalt, Zahl):
        return fehlt_text(inhalt.fehlend) if math.isnan(inhalt.wert) else _komma(inhalt.wert)
    if isinstance(inhalt, Rang):
        return "" if _fehlt(inhalt.rang) else str(int(inhalt.rang))
    if isinstance(inhalt, dt.date):
        return f"{inhalt:%d.%m.%Y}"
    return str(inhalt)


def _kopf(ws: Worksheet, titel: Sequence[str], breiten: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(list(titel))
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


def _breit(ws: Worksheet, teil: pd.DataFrame, defs: Sequence[Definition]) -> None:
    """One level in wide form: area, Stichtag, then value and rank of each indicator."""
    titel = ["Raum-Nr.", "Raum", "Stichtag"]
    breiten: list[float] = [10, 28, 11]
    for d in defs:
        titel += [f"{d.name} ({einheit_text(d.einheit)})", f"Rang {d.name}"]
        breiten += [16, 10]
    _kopf(ws, titel, breiten)
    spalte = {d.schluessel: 4 + 2 * i for i, d in enumerate(defs)}
    zeile = 1
    letzte: tuple[str, dt.date] | None = None
    for w in werte(teil.sort_values(["raum", "stichtag"], kind="stable")):
        if (w.raum, w.stichtag) != letzte:
            zeile += 1
            letzte = (w.raum, w.stichtag)
            for nr, inhalt in enumerate((w.raum, w.raumname, w.stichtag), start=1):
                _zelle(ws, zeile, nr, inhalt)
        wert = Zahl(w.wert, int(w.stellen), w.fehlend, w.hinweis, kommentar=True)
        _zelle(ws, zeile, spalte[w.kennzahl], wert)
        _zelle(ws, zeile, spalte[w.kennzahl] + 1, Rang(w.rang))
    _fertig(ws, 3)


def _fehlt(wert: object) -> bool:
    import pandas as pd

    return bool(pd.isna(wert))


def _lang(ws: Worksheet, tabelle: pd.DataFrame) -> None:
    """Every value in long form: one row per area, Stichtag and indicator."""
    spalten = [(t, b) for t, b in LANG_SPALTEN if t not in NUR_CSV]
    _kopf(ws, [t for t, _ in spalten], [b for _, b in spalten])
    for zeile, w in enumerate(werte(tabelle), start=2):
        inhalte = _lang_zeile(w)
        for nr, (titel, _) in enumerate(spalten, start=1):
            _zelle(ws, zeile, nr, inhalte[titel])
    _fertig(ws, 2)


def _definitionen(ws: Worksheet, defs: Sequence[Definition]) -> None:
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


def csv_text(tabelle: pd.DataFrame) -> bytes:
    """The long table as German CSV: ``;``, decimal comma, UTF-8 with BOM, dates TT.MM.JJJJ.

    Values are written with full precision (statistics software rounds itself); a value not
    shown is „.“ or „nicht verfügbar“ with the reason in „Hinweis“.
    """
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(CSV_KOPF)
    for w in werte(tabelle):
        inhalte = _lang_zeile(w)
        schreiber.writerow([_csv_text(inhalte[titel]) for titel in CSV_KOPF])
    return ("\ufeff" + puffer.getvalue()).encode("utf-8")


def _komma(wert: float) -> str:
    """A float with decimal comma and full precision, no thousands separator ("1234,5")."""
    if wert == int(wert) and abs(wert) < 1e15:
        return str(int(wert))
    return repr(wert).replace(".", ",")
