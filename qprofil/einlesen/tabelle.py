"""Reading tables from Excel workbooks and CSV files: the one place for spreadsheet quirks.

Every reader of qprofil gets rows with their Excel row number, so every error can name
file, sheet, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import functools
import hashlib
import io
import json
import math
import re
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qprofil.ausgabe.cache import Cache

from qprofil.fehler import EingabeFehler, FehlendeSpalten, Ort
from qprofil.text import einzeilig, saeubern, schluessel
from qprofil.zahlen import KeineZahl, parse_anzahl, parse_zahl

KOPF_SUCHE_ZEILEN = 20

# Excel stores characters XML cannot hold (vertical tab, escape, …) as _xHHHH_; openpyxl hands
# them over undecoded. A literal "_x" in a cell is stored as _x005F_x.
_EXCEL_MASKE = re.compile(r"_x([0-9A-Fa-f]{4})_")

# Control characters a text export does not contain (tab, line ends, vertical tab, form feed
# and escape do occur): a "CSV" full of them is a binary file.
_BINAER = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")

#: The oldest and the latest year a date in the inputs may have (an Excel date of year 5 or
#: 9999 is a typing error; Python cannot even go five years back from year 1).
FRUEHESTES_JAHR = 1900
SPAETESTES_JAHR = 2100

OLE_KENNUNG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Grenzen:
    """How much of a table qprofil reads at most (docs/grenzen.md).

    A few kilobytes of xlsx can claim a sheet of 17 billion cells or unpack to gigabytes; every
    input is read within these limits, and a file beyond them is an error that names the limit.
    ``schluessel`` is the qprofil.toml section where the limits can be raised (None: fixed).
    """

    zeilen: int = 100_000
    spalten: int = 500
    zellen: int = 2_000_000
    mb: int = 50
    schluessel: str | None = None

    def hilfe(self, feld: str) -> str:
        if self.schluessel:
            return (
                f"Ist die Datei wirklich so groß, erhöhen Sie in qprofil.toml unter "
                f"[{self.schluessel}] den Wert {feld}."
            )
        return "Die Grenze ist fest (docs/grenzen.md); teilen Sie die Datei auf."


#: Zip members of one workbook at most (an xlsx from Excel has a few dozen).
MAX_ZIP_TEILE = 10_000


@dataclass(frozen=True)
class Leser:
    """How tables are read: within which limits, and with which cache for parsed workbooks.

    Passed to every reader. ``cache`` is None where nothing may be written (``check``, tests);
    during ``build`` it is the run's one cache, and an unchanged workbook is never parsed again.
    """

    grenzen: Grenzen = field(default_factory=Grenzen)
    cache: Cache | None = None
    #: The largest photo (width × height) a photo list may name ([grenzen.fotos]).
    max_pixel: int = 110_000_000

    def mit_grenzen(self, grenzen: Grenzen) -> Leser:
        """The same reader with other limits (a statistics source may allow more)."""
        return replace(self, grenzen=grenzen)

    def tabelle(
        self,
        pfad: Path,
        spalten: Sequence[str],
        *,
        blatt: str | None = None,
        optional: Sequence[str] = (),
        anzeige: str | None = None,
    ) -> list[Zeile]:
        """Read a table (xlsx sheet or CSV) whose header row holds ``spalten``.

        The header is searched in the first rows (title lines above it are skipped); columns
        are matched ignoring case and spaces; rows that are entirely empty and footer lines
        (only the first cell filled) after the data are skipped. ``anzeige`` is the file name
        shown in errors.
        """
        zeilen, blatt_name = self.rohzeilen(pfad, blatt=blatt, anzeige=anzeige)
        return _zeilen_mit_kopf(zeilen, spalten, optional, Path(anzeige or str(pfad)), blatt_name)

    def rohzeilen(
        self, pfad: Path, *, blatt: str | None = None, anzeige: str | None = None
    ) -> tuple[list[tuple[object, ...]], str | None]:
        """All rows of an xlsx sheet or CSV file as raw cell values, and the sheet's name."""
        name = anzeige or str(pfad)
        if not pfad.is_file():
            raise EingabeFehler(
                "Die Datei fehlt.",
                Ort(name),
                "Legen Sie sie an oder korrigieren Sie den Pfad in qprofil.toml.",
            )
        if pfad.suffix.lower() == ".csv":
            return _csv_zeilen(pfad, name, self.grenzen), None
        if pfad.suffix.lower() in (".xlsx", ".xlsm"):
            return _xlsx_zeilen(pfad, blatt, name, self)
        if pfad.suffix.lower() == ".xls":
            raise altes_excel_fehler(name)
        raise EingabeFehler(
            f"Das Dateiformat „{pfad.suffix}“ wird nicht unterstützt.",
            Ort(name),
            "Speichern Sie die Tabelle in Excel als .xlsx (oder als CSV mit Semikolon).",
        )

    def mappe(self, pfad: Path, *, anzeige: str | None = None) -> Mappe:
        """All sheets of an xlsx workbook, read once; readers of several sheets take them here.

        The file's bytes are read and checked once, however many sheets are asked for.
        """
        name = anzeige or str(pfad)
        if pfad.suffix.lower() not in (".xlsx", ".xlsm"):
            # the same messages as for a single table (missing file, old .xls, CSV, …)
            zeilen, _ = self.rohzeilen(pfad, anzeige=name)
            return Mappe(name, {"": zeilen})
        if not pfad.is_file():
            self.rohzeilen(pfad, anzeige=name)  # raises „Die Datei fehlt.“
        return Mappe(name, _arbeitsmappe(pfad, name, self))


@dataclass(frozen=True)
class Mappe:
    """The sheets of one workbook as read (title → raw rows), with the name shown in errors."""

    name: str
    blaetter: dict[str, list[tuple[object, ...]]]

    def rohzeilen(self, blatt: str) -> tuple[list[tuple[object, ...]], str]:
        """All rows of a sheet (found ignoring case) as raw cell values, and its exact title."""
        return _blatt_waehlen(self.blaetter, blatt, self.name)

    def tabelle(
        self, spalten: Sequence[str], *, blatt: str, optional: Sequence[str] = ()
    ) -> list[Zeile]:
        """A sheet's table whose header row holds ``spalten`` (like :meth:`Leser.tabelle`)."""
        zeilen, titel = self.rohzeilen(blatt)
        return _zeilen_mit_kopf(zeilen, spalten, optional, Path(self.name), titel)


#: Default limits, no cache.
OHNE_CACHE = Leser()


def tausender(n: int) -> str:
    """A count with German thousands points, for messages."""
    return f"{n:,}".replace(",", ".")


def unsichtbare_zeichen(wert: object) -> list[str]:
    """Control and format characters in a cell (NUL, zero-width space …), as U+XXXX."""
    if not isinstance(wert, str):
        return []
    gefunden = {
        z for z in wert if z not in "\t\n\r" and unicodedata.category(z) in ("Cc", "Cf", "Co")
    }
    return [f"U+{ord(z):04X}" for z in sorted(gefunden)]


@dataclass(frozen=True)
class Zeile:
    """One data row of a table, with its place in the file."""

    datei: Path
    blatt: str | None
    nr: int
    werte: dict[str, object]  # keyed by the expected column name

    def ort(self, spalte: str | None = None) -> Ort:
        """The place of this row (and a column) for error messages."""
        return Ort(self.datei, self.blatt, self.nr, spalte)

    def roh(self, spalte: str) -> object:
        """The raw cell value (None when the column is absent or the cell empty)."""
        return self.werte.get(spalte)

    def text(self, spalte: str) -> str:
        """The cell as clean text (multi-line kept)."""
        return saeubern(_als_text(self.werte.get(spalte)))

    def zeile_text(self, spalte: str) -> str:
        """The cell as clean single-line text."""
        return einzeilig(_als_text(self.werte.get(spalte)))

    def pflicht(self, spalte: str) -> str:
        """The cell as single-line text; an empty cell is an error."""
        wert = self.zeile_text(spalte)
        if not wert:
            raise EingabeFehler(
                "Die Zelle ist leer, hier wird ein Wert gebraucht.",
                self.ort(spalte),
                "Tragen Sie den Wert ein.",
            )
        return wert

    def zahl(self, spalte: str) -> Decimal | None:
        """The cell as a number (German format); None for empty or '.'."""
        try:
            return parse_zahl(self.werte.get(spalte))
        except KeineZahl as err:
            raise self._zahl_fehler(
                spalte,
                err,
                "keine Zahl",
                "Tragen Sie eine Zahl ein, z. B. 1.234 oder 12,5 (‚-‘ für null, ‚.‘ für unbekannt).",
            ) from err

    def anzahl(self, spalte: str, *, punkt: bool = False) -> int | None:
        """The cell as a non-negative whole number; None for empty or '.'.

        ``punkt``: the source writes numbers with a decimal point (``1023101.0``), not German style.
        """
        try:
            return parse_anzahl(self.werte.get(spalte), punkt=punkt)
        except KeineZahl as err:
            raise self._zahl_fehler(
                spalte,
                err,
                "keine ganze Zahl ≥ 0",
                "Tragen Sie eine Anzahl ein, z. B. 1.234 (‚-‘ für null, ‚.‘ für unbekannt).",
            ) from err

    def _zahl_fehler(self, spalte: str, err: KeineZahl, was: str, hilfe: str) -> EingabeFehler:
        """A German error for a cell that is no usable number, naming invisible characters."""
        roh = self.werte.get(spalte)
        text = einzeilig(roh)
        if len(text) > 40:
            text = text[:40] + "…"
        zeichen = unsichtbare_zeichen(roh)
        if zeichen:
            return EingabeFehler(
                f"„{text}“ enthält unsichtbare Steuerzeichen ({', '.join(zeichen)}) und ist "
                f"deshalb {was}.",
                self.ort(spalte),
                "Löschen Sie den Inhalt der Zelle und tippen Sie den Wert neu ein; solche Zeichen "
                "stammen meist aus einem Export oder aus kopiertem Text.",
            )
        if err.grund:
            return EingabeFehler(
                f"„{text}“ ist als Zahl nicht verwendbar: {err.grund}.", self.ort(spalte), hilfe
            )
        return EingabeFehler(f"„{text}“ ist {was}.", self.ort(spalte), hilfe)

    def _jahr_pruefen(self, tag: dt.date, spalte: str) -> dt.date:
        return _jahr_pruefen_ort(tag, self.ort(spalte))

    def datum(self, spalte: str) -> dt.date | None:
        """The cell as a date (Excel date or text TT.MM.JJJJ); None when empty."""
        wert = self.werte.get(spalte)
        if wert is None or (isinstance(wert, str) and not wert.strip()):
            return None
        if isinstance(wert, dt.datetime):
            return self._jahr_pruefen(wert.date(), spalte)
        if isinstance(wert, dt.date):
            return self._jahr_pruefen(wert, spalte)
        text = einzeilig(wert)
        for muster in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
            try:
                return self._jahr_pruefen(dt.datetime.strptime(text, muster).date(), spalte)
            except ValueError:
                continue
        raise EingabeFehler(
            f"„{text}“ ist kein Datum.",
            self.ort(spalte),
            "Schreiben Sie das Datum als TT.MM.JJJJ, z. B. 31.12.2016.",
        )


def _jahr_pruefen_ort(tag: dt.date, ort: Ort) -> dt.date:
    if not FRUEHESTES_JAHR <= tag.year <= SPAETESTES_JAHR:
        raise EingabeFehler(
            f"Das Datum {tag.day:02d}.{tag.month:02d}.{tag.year:04d} ist nicht plausibel "
            f"(Jahr {tag.year}).",
            ort,
            f"Tragen Sie ein Datum zwischen {FRUEHESTES_JAHR} und {SPAETESTES_JAHR} als "
            "TT.MM.JJJJ ein, z. B. 31.12.2016.",
        )
    return tag


def _als_text(wert: object) -> str:
    if wert is None:
        return ""
    if isinstance(wert, float) and wert.is_integer():
        return str(int(wert))
    if isinstance(wert, dt.datetime):
        return wert.strftime("%d.%m.%Y")
    if isinstance(wert, dt.date):
        return wert.strftime("%d.%m.%Y")
    return str(wert)


def altes_excel_fehler(name: str | Path) -> EingabeFehler:
    """The error for a workbook in Excel's old binary format (.xls, Excel 97–2003)."""
    return EingabeFehler(
        "Die Arbeitsmappe ist im alten Excel-Format (.xls, Excel 97–2003) gespeichert; "
        "qprofil liest nur .xlsx.",
        Ort(name),
        "Öffnen Sie sie in Excel und speichern Sie sie über Datei › Speichern unter als "
        "„Excel-Arbeitsmappe (*.xlsx)“; löschen Sie danach die .xls-Datei aus dem Ordner.",
    )


def _zeilen_mit_kopf(
    zeilen: list[tuple[object, ...]],
    spalten: Sequence[str],
    optional: Sequence[str],
    datei: Path,
    blatt: str | None,
) -> list[Zeile]:
    gesucht = {schluessel(s): s for s in (*spalten, *optional)}
    pflicht = {schluessel(s) for s in spalten}
    kopf_nr = None
    beste: tuple[int, set[str]] = (0, set())
    for i, zeile in enumerate(zeilen[:KOPF_SUCHE_ZEILEN]):
        vorhanden = {schluessel(z) for z in zeile if z is not None}
        treffer = pflicht & vorhanden
        if treffer == pflicht:
            kopf_nr = i
            break
        if len(treffer) > beste[0]:
            beste = (len(treffer), vorhanden)
    if kopf_nr is None:
        if not zeilen:
            raise EingabeFehler(
                "Die Tabelle ist leer.",
                Ort(datei, blatt),
                f"Erwartet wird eine Kopfzeile mit den Spalten {_liste(spalten)}.",
            )
        fehlend = [s for s in spalten if schluessel(s) not in beste[1]]
        raise FehlendeSpalten(
            fehlend,
            Ort(datei, blatt),
            "Prüfen Sie, ob die Spalte umbenannt oder gelöscht wurde; die Namen stehen in "
            "docs/eingabedateien.md.",
        )
    index: dict[str, int] = {}
    for j, zelle in enumerate(zeilen[kopf_nr]):
        s = schluessel(zelle)
        if s in gesucht and gesucht[s] not in index:
            index[gesucht[s]] = j
    ergebnis = []
    for i in range(kopf_nr + 1, len(zeilen)):
        zeile = zeilen[i]
        gefuellt = [z for z in zeile if z is not None and str(z).strip() != ""]
        if not gefuellt:
            continue
        werte = {name: (zeile[j] if j < len(zeile) else None) for name, j in index.items()}
        for name, wert in werte.items():
            if isinstance(wert, str) and not wert.strip():
                werte[name] = None
        ergebnis.append(Zeile(datei, blatt, i + 1, werte))
    return ergebnis


def fuehrende_nullen_ergaenzen(nr: str, bekannte: Iterable[str]) -> str | None:
    """The known code that ``nr`` stands for after Excel dropped its leading zeros (911 → 0911).

    None when ``nr`` is no number or not exactly one known code matches.
    """
    if not nr.isdigit():
        return None
    kandidaten = [
        b for b in bekannte if b.isdigit() and len(b) > len(nr) and b.lstrip("0") == nr.lstrip("0")
    ]
    return kandidaten[0] if len(kandidaten) == 1 else None


def ist_fusszeile(zeile: Zeile, spalten: Sequence[str]) -> bool:
    """A footer line after the data: only the first column filled, the others empty."""
    return all(zeile.roh(s) is None for s in spalten[1:])


def _liste(namen: Sequence[str]) -> str:
    return ", ".join(f"„{n}“" for n in namen)


def _xlsx_zeilen(
    pfad: Path, blatt: str | None, name: str, leser: Leser
) -> tuple[list[tuple[object, ...]], str]:
    blaetter = _arbeitsmappe(pfad, name, leser)
    if blatt is None:
        titel = next(iter(blaetter))
        return blaetter[titel], titel
    return _blatt_waehlen(blaetter, blatt, name)


def _blatt_waehlen(
    blaetter: dict[str, list[tuple[object, ...]]], blatt: str, name: str
) -> tuple[list[tuple[object, ...]], str]:
    namen = {schluessel(n): n for n in blaetter}
    if schluessel(blatt) not in namen:
        raise EingabeFehler(
            f"Das Blatt „{blatt}“ fehlt (vorhanden: {_liste(list(blaetter))}).",
            Ort(name),
            f"Benennen Sie das Tabellenblatt in „{blatt}“ um.",
        )
    titel = namen[schluessel(blatt)]
    return blaetter[titel], titel


# ---------------------------------------------------------------------------------------------
# Reading workbooks once
# ---------------------------------------------------------------------------------------------
# openpyxl needs 10–30 ms to open even a small workbook (styles, and every sheet's size is
# parsed on opening); a survey workbook has three sheets, and a city has 170 surveys and photo
# lists. So a workbook is read once, all sheets at a time, and the rows are kept:
# - in this process, for the last few workbooks (the sheets of one workbook are asked for one
#   after another);
# - when the ``Leser`` has a cache (``build``), as JSON in the project's cache under the SHA-256
#   of the file's bytes, so an unchanged workbook is never opened again. ``check`` writes
#   nothing and reads without a cache. Every check on the rows still runs on every build.
# Both are keyed by the content and the limits it was read within: a workbook read under
# raised limits is not handed to a reader with lower ones.

Blaetter = dict[str, list[tuple[object, ...]]]

_ZULETZT: OrderedDict[str, Blaetter] = OrderedDict()
_ZULETZT_MAX = 3
# Bump when what is stored changes.
_FORMAT = "1"


def _arbeitsmappe(pfad: Path, name: str, leser: Leser) -> Blaetter:
    """All sheets of a workbook (title → rows, in workbook order), read once per content."""
    g = leser.grenzen
    daten = _datei_lesen(pfad, name, g)
    kennung = hashlib.sha256(daten).hexdigest()[:40] + f"-{g.zeilen}-{g.spalten}-{g.zellen}-{g.mb}"
    if kennung in _ZULETZT:
        _ZULETZT.move_to_end(kennung)
        return _ZULETZT[kennung]
    cache = leser.cache
    eintrag = f"{kennung}-{_versionen()}.json"
    blaetter = _json_lesen(cache.holen("tabellen", eintrag)) if cache else None
    if blaetter is None:
        # The very bytes that were hashed: a file saved anew meanwhile must not end up in the
        # cache under the old content's hash.
        blaetter = _xlsx_lesen(daten, name, g)
        if cache:
            _json_schreiben(cache, eintrag, blaetter)
    _ZULETZT[kennung] = blaetter
    if len(_ZULETZT) > _ZULETZT_MAX:
        _ZULETZT.popitem(last=False)
    return blaetter


_OS_FEHLER = {
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOENT: "die Datei fehlt",
    errno.EISDIR: "das ist ein Ordner",
    errno.EBUSY: "die Datei ist gesperrt",
    errno.EIO: "Lesefehler des Datenträgers",
}


def _datei_lesen(pfad: Path, name: str, grenzen: Grenzen) -> bytes:
    """The bytes of an input file, after checking its size against the limit."""
    try:
        groesse = pfad.stat().st_size
        if groesse > grenzen.mb * 1_000_000:
            raise EingabeFehler(
                f"Die Datei ist {tausender(groesse // 1_000_000)} MB groß; qprofil liest "
                f"höchstens {tausender(grenzen.mb)} MB je Datei.",
                Ort(name),
                grenzen.hilfe("max_mb"),
            )
        return pfad.read_bytes()
    except OSError as err:
        grund = _OS_FEHLER.get(err.errno or 0, f"Betriebssystemfehler {err.errno}")
        raise EingabeFehler(
            f"Die Datei kann nicht gelesen werden ({grund}).",
            Ort(name),
            "Prüfen Sie, ob sie in einem anderen Programm geöffnet oder gesperrt ist.",
        ) from err


def _ole_fehler(daten: bytes, name: str) -> EingabeFehler:
    """An OLE compound document: an encrypted xlsx or an old .xls under an .xlsx name."""
    verschluesselt = "EncryptedPackage"
    if verschluesselt.encode("utf-16-le") in daten or verschluesselt.encode() in daten:
        return EingabeFehler(
            "Die Arbeitsmappe ist mit einem Kennwort geschützt.",
            Ort(name),
            "Speichern Sie sie in Excel ohne Kennwort (Datei › Informationen › Arbeitsmappe "
            "schützen).",
        )
    return altes_excel_fehler(name)


def _zip_pruefen(daten: bytes, name: str, grenzen: Grenzen) -> None:
    """Check the unpacked size of every zip member before any of it is parsed.

    zipfile never returns more than a member's declared size (a lying header ends in a CRC
    error), so the declared sizes bound what openpyxl can unpack.
    """
    try:
        archiv = zipfile.ZipFile(io.BytesIO(daten))
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # reported by openpyxl's attempt below
    with archiv:
        teile = archiv.infolist()
        if len(teile) > MAX_ZIP_TEILE:
            raise EingabeFehler(
                f"Die Arbeitsmappe besteht aus {tausender(len(teile))} Teilen; qprofil liest "
                f"höchstens {tausender(MAX_ZIP_TEILE)}.",
                Ort(name),
                "So etwas schreibt Excel nicht: Legen Sie die Mappe in Excel neu an.",
            )
        grenze = grenzen.mb * 1_000_000
        summe = 0
        for teil in teile:
            if not teil.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue  # pictures and the like are not unpacked in read-only mode
            summe += teil.file_size
            if teil.file_size > grenze or summe > 2 * grenze:
                raise EingabeFehler(
                    f"Die Arbeitsmappe ist gepackt {tausender(len(daten) // 1000)} kB groß, "
                    f"entpackt aber {tausender(max(teil.file_size, summe) // 1_000_000)} MB "
                    f"(Teil „{teil.filename}“); qprofil entpackt höchstens "
                    f"{tausender(grenzen.mb)} MB je Teil und {tausender(2 * grenzen.mb)} MB je "
                    "Mappe.",
                    Ort(name),
                    "So stark gepackte Mappen schreibt Excel nicht (eine „Zip-Bombe“?): Prüfen "
                    "Sie, woher die Datei stammt. " + grenzen.hilfe("max_mb"),
                )


def _xlsx_lesen(daten: bytes, name: str, grenzen: Grenzen) -> Blaetter:
    # openpyxl uses defusedxml when it is installed (a dependency): XML bombs are refused.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # Password-protected xlsx files and old .xls files are OLE compound documents, not zips.
    if daten[:8] == OLE_KENNUNG:
        raise _ole_fehler(daten, name)
    _zip_pruefen(daten, name, grenzen)
    try:
        mappe = openpyxl.load_workbook(io.BytesIO(daten), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as err:
        hinweis = "Öffnen Sie die Datei in Excel und speichern Sie sie erneut als .xlsx."
        if daten[:5] in (b"<?xml", b"<html", b"<!DOC") or daten[:4] == b"ID;P":
            hinweis = (
                "Die Datei ist eine Text- oder HTML-Datei mit Excel-Endung (ein Export aus "
                "einem anderen Programm?). " + hinweis
            )
        raise EingabeFehler(
            "Die Datei ist keine lesbare Excel-Arbeitsmappe (beschädigt oder falsches Format).",
            Ort(name),
            hinweis,
        ) from err
    except Exception as err:  # defusedxml and lxml raise their own classes on hostile XML
        raise _xml_fehler(err, Ort(name)) from err
    try:
        blaetter: Blaetter = {}
        for ws in mappe.worksheets:
            try:
                umfang = _blatt_umfang(mappe, ws, name, grenzen)
                if umfang is None:
                    blaetter[ws.title] = []
                    continue
                zeilen, spalten = umfang
                blaetter[ws.title] = [
                    tuple(_excel_wert(w) for w in r)
                    for r in ws.iter_rows(
                        min_row=1, max_row=zeilen, min_col=1, max_col=spalten, values_only=True
                    )
                ]
            except EingabeFehler:
                raise
            except Exception as err:  # read-only mode parses the sheet XML only here
                raise _xml_fehler(err, Ort(name, ws.title)) from err
        return blaetter
    finally:
        mappe.close()


_ZELLBEZUG = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _spalte_nr(buchstaben: str) -> int:
    nr = 0
    for b in buchstaben:
        nr = nr * 26 + ord(b) - 64
    return nr


def _spalte_name(nr: int) -> str:
    name = ""
    while nr:
        nr, rest = divmod(nr - 1, 26)
        name = chr(65 + rest) + name
    return name


def _blatt_umfang(mappe: object, ws: object, name: str, grenzen: Grenzen) -> tuple[int, int] | None:
    """Rows and columns up to the last cell that holds something; None for an empty sheet.

    One streaming pass over the sheet XML, before openpyxl reads it: the rows openpyxl then
    builds are bounded by the cells that really hold a value, not by the sheet's claimed
    dimension (a stray cell in XFD1048576 would make it pad 17 billion cells). The same pass
    finds formulas without a stored result: a workbook written by a program and never opened
    in Excel, whose cells openpyxl would read as empty.
    """
    from defusedxml.ElementTree import iterparse

    titel = str(getattr(ws, "title", ""))
    pfad = getattr(ws, "_worksheet_path", None)
    archiv = getattr(mappe, "_archive", None)
    if pfad is None or archiv is None:  # pragma: no cover - openpyxl internals moved
        return None
    max_zeile = max_spalte = 0
    zellen = 0
    ohne_ergebnis: list[str] = []
    zeile = 0
    spalte = 0
    blatt_daten = None
    with archiv.open(pfad) as quelle:
        for ereignis, element in iterparse(quelle, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if ereignis == "start":
                if tag == "sheetData":
                    blatt_daten = element
                elif tag == "row":
                    r = element.get("r")
                    zeile = int(r) if r and r.isdigit() else zeile + 1
                    spalte = 0
                continue
            if tag == "c":
                zellen += 1
                if zellen > grenzen.zellen:
                    raise _zu_gross(
                        name,
                        titel,
                        f"mehr als {tausender(grenzen.zellen)} Zellen",
                        grenzen,
                        "max_zellen",
                    )
                bezug = _ZELLBEZUG.match(element.get("r") or "")
                if bezug:
                    spalte = _spalte_nr(bezug.group(1))
                    zeile = int(bezug.group(2))
                else:
                    spalte += 1
                wert = formel = False
                for kind in element:
                    art = kind.tag.rsplit("}", 1)[-1]
                    # An empty <v/> is a stored empty text only in a text cell (t="str");
                    # openpyxl writes it for every formula it cannot compute.
                    if art == "is" or (art == "v" and (kind.text or element.get("t") == "str")):
                        wert = True
                    elif art == "f":
                        formel = True
                if formel and not wert:
                    ohne_ergebnis.append(f"{_spalte_name(spalte)}{zeile}")
                if wert or formel:
                    max_zeile = max(max_zeile, zeile)
                    max_spalte = max(max_spalte, spalte)
                element.clear()
            elif tag == "row":
                element.clear()
                if blatt_daten is not None:
                    blatt_daten.remove(element)
    if ohne_ergebnis:
        erste = ohne_ergebnis[0]
        m = _ZELLBEZUG.match(erste)
        weitere = len(ohne_ergebnis) - 1
        raise EingabeFehler(
            f"Die Zelle {erste} enthält eine Formel ohne gespeichertes Ergebnis"
            + (f" (und {tausender(weitere)} weitere Zellen)" if weitere else "")
            + ": Die Mappe wurde von einem Programm geschrieben und nie in Excel berechnet, "
            "qprofil sähe dort nur leere Zellen.",
            Ort(name, titel, int(m.group(2)) if m else None, m.group(1) if m else None),
            "Öffnen Sie die Mappe in Excel oder LibreOffice, lassen Sie sie berechnen (F9) und "
            "speichern Sie sie; oder tragen Sie statt der Formel den Wert ein.",
        )
    if not max_zeile:
        return None
    if max_zeile > grenzen.zeilen:
        raise _zu_gross(
            name,
            titel,
            f"{tausender(max_zeile)} Zeilen (höchstens {tausender(grenzen.zeilen)})",
            grenzen,
            "max_zeilen",
            f"{_spalte_name(max_spalte)}{max_zeile}",
        )
    if max_spalte > grenzen.spalten:
        raise _zu_gross(
            name,
            titel,
            f"{tausender(max_spalte)} Spalten (höchstens {tausender(grenzen.spalten)})",
            grenzen,
            "max_spalten",
            f"{_spalte_name(max_spalte)}{max_zeile}",
        )
    if max_zeile * max_spalte > grenzen.zellen:
        raise _zu_gross(
            name,
            titel,
            f"{tausender(max_zeile * max_spalte)} Zellen (höchstens {tausender(grenzen.zellen)})",
            grenzen,
            "max_zellen",
            f"{_spalte_name(max_spalte)}{max_zeile}",
        )
    return max_zeile, max_spalte


def _zu_gross(
    name: str, blatt: str | None, umfang: str, grenzen: Grenzen, feld: str, ende: str = ""
) -> EingabeFehler:
    return EingabeFehler(
        f"Die Tabelle ist zu groß: {umfang}"
        + (f"; die letzte gefüllte Zelle ist {ende}" if ende else "")
        + ".",
        Ort(name, blatt),
        "Oft steht weit unten oder rechts eine vergessene Eingabe: Drücken Sie in Excel "
        "Strg+Ende, löschen Sie die Zeilen und Spalten außerhalb der Tabelle und speichern Sie. "
        + grenzen.hilfe(feld),
    )


@functools.cache
def _versionen() -> str:
    """Part of the cache key: another qprofil or openpyxl may read the same file differently."""
    from importlib.metadata import PackageNotFoundError, version

    from qprofil import __version__

    try:
        openpyxl = version("openpyxl")
    except PackageNotFoundError:  # pragma: no cover - openpyxl is a dependency
        openpyxl = "0"
    return f"q{__version__}-openpyxl{openpyxl}-f{_FORMAT}"


class _NichtSpeicherbar(Exception):
    """A cell value JSON cannot hold exactly: the workbook is then not cached."""


def _nach_json(wert: object) -> object:
    if wert is None or isinstance(wert, str | bool | int):
        return wert
    if isinstance(wert, float) and math.isfinite(wert):
        return wert
    if isinstance(wert, dt.datetime):
        return {"datetime": wert.isoformat()}
    if isinstance(wert, dt.date):
        return {"date": wert.isoformat()}
    if isinstance(wert, dt.time):
        return {"time": wert.isoformat()}
    if isinstance(wert, dt.timedelta):
        return {"timedelta": [wert.days, wert.seconds, wert.microseconds]}
    raise _NichtSpeicherbar


def _aus_json(objekt: dict[str, object]) -> object:
    ((art, wert),) = objekt.items()
    if art == "datetime":
        return dt.datetime.fromisoformat(str(wert))
    if art == "date":
        return dt.date.fromisoformat(str(wert))
    if art == "time":
        return dt.time.fromisoformat(str(wert))
    if art == "timedelta":
        tage, sekunden, mikro = wert  # type: ignore[misc]
        return dt.timedelta(days=tage, seconds=sekunden, microseconds=mikro)
    raise ValueError(art)


def _json_lesen(inhalt: bytes | None) -> Blaetter | None:
    """The cached sheets; None if there are none or the entry is damaged (then read anew)."""
    if inhalt is None:
        return None
    try:
        roh = json.loads(inhalt, object_hook=_aus_json)
        return {titel: [tuple(r) for r in zeilen] for titel, zeilen in roh}
    except (ValueError, TypeError):
        return None


def _json_schreiben(cache: Cache, eintrag: str, blaetter: Blaetter) -> None:
    """Store the sheets; a value JSON cannot hold or a write error just means no cache entry."""
    try:
        inhalt = [
            [titel, [[_nach_json(w) for w in r] for r in zeilen]]
            for titel, zeilen in blaetter.items()
        ]
        # ASCII with escapes: a cell may hold lone surrogates (Excel's _xD83D_ escapes decoded
        # one by one), which UTF-8 cannot encode but JSON escapes carry through.
        cache.ablegen("tabellen", eintrag, json.dumps(inhalt).encode("ascii"))
    except (_NichtSpeicherbar, OSError, ValueError):
        pass


def _xml_fehler(err: BaseException, ort: Ort) -> EingabeFehler:
    """Broken XML, or XML that defusedxml refused (entity definitions, as in an XML bomb)."""
    from defusedxml import DefusedXmlException

    ursache: BaseException | None = err
    while ursache is not None and not isinstance(ursache, DefusedXmlException):
        ursache = ursache.__cause__ or ursache.__context__
    if ursache is not None:
        return EingabeFehler(
            "Die Arbeitsmappe enthält gefährliches XML (Entity-Definitionen wie in einer "
            "„XML-Bombe“) und wird nicht gelesen.",
            ort,
            "Excel schreibt so etwas nie: Prüfen Sie, woher die Datei stammt, und legen Sie sie "
            "in Excel neu an.",
        )
    return EingabeFehler(
        "Die Arbeitsmappe enthält ungültiges XML (beschädigt oder nicht von Excel geschrieben).",
        ort,
        "Öffnen Sie die Datei in Excel und speichern Sie sie erneut als .xlsx.",
    )


def _excel_wert(wert: object) -> object:
    """A cell value with Excel's _xHHHH_ escapes decoded (the text is cleaned later)."""
    if isinstance(wert, str) and "_x" in wert:
        text = _EXCEL_MASKE.sub(lambda m: chr(int(m.group(1), 16)), wert)
        # The escapes are UTF-16 code units: an emoji comes as a pair (_xD83D__xDE00_) that
        # must become one character. A lone half stays (and is removed when cleaned).
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return wert


def _csv_zeilen(pfad: Path, name: str, grenzen: Grenzen) -> list[tuple[object, ...]]:
    daten = _datei_lesen(pfad, name, grenzen)
    text = None
    # Excel's "Unicode-Text" is UTF-16 with a byte order mark (and tab-separated).
    kodierungen = ("utf-16",) if daten[:2] in (b"\xff\xfe", b"\xfe\xff") else ()
    for kodierung in (*kodierungen, "utf-8-sig", "cp1252"):
        try:
            text = daten.decode(kodierung)
            break
        except UnicodeDecodeError:
            continue
    # Bytes that are no character even in Windows-1252, or many control characters such as NUL:
    # a workbook or an image saved under a .csv name, or a file damaged in transfer.
    if text is None or len(_BINAER.findall(text)) > max(2, len(text) // 1000):
        raise EingabeFehler(
            "Die Datei ist keine CSV-Textdatei (enthält Binärdaten).",
            Ort(name),
            "Speichern Sie die Tabelle in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ "
            "oder „CSV (Trennzeichen-getrennt)“.",
        )
    trenner = csv_trenner(text.splitlines()[:KOPF_SUCHE_ZEILEN])
    leser = csv.reader(io.StringIO(text, newline=""), delimiter=trenner)
    zeilen: list[tuple[object, ...]] = []
    zellen = 0
    try:
        for zeile in leser:
            zellen += len(zeile)
            if len(zeilen) >= grenzen.zeilen:
                raise _zu_gross(
                    name,
                    None,
                    f"mehr als {tausender(grenzen.zeilen)} Zeilen",
                    grenzen,
                    "max_zeilen",
                )
            if len(zeile) > grenzen.spalten:
                raise _zu_gross(
                    name,
                    None,
                    f"Zeile {leser.line_num} hat {tausender(len(zeile))} "
                    f"Spalten (höchstens {tausender(grenzen.spalten)})",
                    grenzen,
                    "max_spalten",
                )
            if zellen > grenzen.zellen:
                raise _zu_gross(
                    name,
                    None,
                    f"mehr als {tausender(grenzen.zellen)} Zellen",
                    grenzen,
                    "max_zellen",
                )
            zeilen.append(tuple(z if z != "" else None for z in zeile))
    except csv.Error as err:
        if "field larger" in str(err):
            raise EingabeFehler(
                f"In Zeile {leser.line_num} ist ein Feld länger als "
                f"{tausender(csv.field_size_limit())} Zeichen.",
                Ort(name, zeile=leser.line_num),
                'Meist fehlt ein schließendes Anführungszeichen ("), sodass der Rest der Datei '
                "als ein einziges Feld gelesen wird. Prüfen Sie die Anführungszeichen in dieser "
                "Zeile.",
            ) from err
        raise EingabeFehler(
            f"Die Zeile {leser.line_num} ist keine gültige CSV-Zeile.",
            Ort(name, zeile=leser.line_num),
            "Prüfen Sie die Anführungszeichen in der Zeile oder speichern Sie die Tabelle in "
            "Excel erneut als CSV.",
        ) from err
    return zeilen


def csv_trenner(zeilen: Iterable[str]) -> str:
    """The field separator: the one found on more lines; ';' (German Excel) on a tie.

    Counting lines, not characters: decimal commas (``12,5``) add commas to many lines of a
    ';'-separated file, but never a line that the separator is missing from.
    """
    zeilen = [z for z in zeilen if z.strip()]
    treffer = {t: sum(t in z for z in zeilen) for t in (";", ",", "\t")}
    return max((";", ",", "\t"), key=lambda t: treffer[t])
