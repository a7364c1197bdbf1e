"""Reading tables from Excel workbooks and CSV files: the one place for spreadsheet quirks.

Every reader of qprofil gets rows with their Excel row number, so every error can name
file, sheet, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import math
import re
import zipfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
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
            raise EingabeFehler(
                f"„{einzeilig(self.werte.get(spalte))}“ ist keine Zahl.",
                self.ort(spalte),
                "Tragen Sie eine Zahl ein, z. B. 1.234 oder 12,5 (‚-‘ für null, ‚.‘ für unbekannt).",
            ) from err

    def anzahl(self, spalte: str, *, punkt: bool = False) -> int | None:
        """The cell as a non-negative whole number; None for empty or '.'.

        ``punkt``: the source writes numbers with a decimal point (``1023101.0``), not German style.
        """
        try:
            return parse_anzahl(self.werte.get(spalte), punkt=punkt)
        except KeineZahl as err:
            raise EingabeFehler(
                f"„{einzeilig(self.werte.get(spalte))}“ ist keine ganze Zahl ≥ 0.",
                self.ort(spalte),
                "Tragen Sie eine Anzahl ein, z. B. 1.234 (‚-‘ für null, ‚.‘ für unbekannt).",
            ) from err

    def datum(self, spalte: str) -> dt.date | None:
        """The cell as a date (Excel date or text TT.MM.JJJJ); None when empty."""
        wert = self.werte.get(spalte)
        if wert is None or (isinstance(wert, str) and not wert.strip()):
            return None
        if isinstance(wert, dt.datetime):
            return wert.date()
        if isinstance(wert, dt.date):
            return wert
        text = einzeilig(wert)
        for muster in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, muster).date()
            except ValueError:
                continue
        raise EingabeFehler(
            f"„{text}“ ist kein Datum.",
            self.ort(spalte),
            "Schreiben Sie das Datum als TT.MM.JJJJ, z. B. 31.12.2016.",
        )


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


def tabelle_lesen(
    pfad: Path,
    spalten: Sequence[str],
    *,
    blatt: str | None = None,
    optional: Sequence[str] = (),
    anzeige: str | None = None,
) -> list[Zeile]:
    """Read a table (xlsx sheet or CSV) whose header row holds ``spalten``.

    The header is searched in the first rows (title lines above it are skipped); columns are
    matched ignoring case and spaces; rows that are entirely empty and footer lines (only the
    first cell filled) after the data are skipped. ``anzeige`` is the file name shown in errors.
    """
    zeilen, blatt_name = rohzeilen(pfad, blatt=blatt, anzeige=anzeige)
    return _zeilen_mit_kopf(zeilen, spalten, optional, Path(anzeige or str(pfad)), blatt_name)


def rohzeilen(
    pfad: Path, *, blatt: str | None = None, anzeige: str | None = None
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
        return _csv_zeilen(pfad, name), None
    if pfad.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_zeilen(pfad, blatt, name)
    raise EingabeFehler(
        f"Das Dateiformat „{pfad.suffix}“ wird nicht unterstützt.",
        Ort(name),
        "Speichern Sie die Tabelle in Excel als .xlsx (oder als CSV mit Semikolon).",
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


def _xlsx_zeilen(pfad: Path, blatt: str | None, name: str) -> tuple[list[tuple[object, ...]], str]:
    blaetter = _arbeitsmappe(pfad, name)
    if blatt is None:
        titel = next(iter(blaetter))
    else:
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
# - while ``zwischenspeicher_nutzen`` is active (``build``), as JSON in the project's cache under
#   the SHA-256 of the file's bytes, so an unchanged workbook is never opened again. ``check``
#   writes nothing and leaves it off. Every check on the rows still runs on every build.

Blaetter = dict[str, list[tuple[object, ...]]]

_ZWISCHENSPEICHER: ContextVar[Cache | None] = ContextVar("qprofil_tabellen", default=None)
_ZULETZT: OrderedDict[str, Blaetter] = OrderedDict()
_ZULETZT_MAX = 3
# Bump when what is stored changes.
_FORMAT = "1"


@contextmanager
def zwischenspeicher_nutzen(cache: Cache) -> Iterator[None]:
    """Keep the rows of every workbook read meanwhile as JSON in ``cache`` (kind ``tabellen``)."""
    marke = _ZWISCHENSPEICHER.set(cache)
    try:
        yield
    finally:
        _ZWISCHENSPEICHER.reset(marke)


def _arbeitsmappe(pfad: Path, name: str) -> Blaetter:
    """All sheets of a workbook (title → rows, in workbook order), read once per content."""
    try:
        daten = pfad.read_bytes()
    except OSError as err:
        raise EingabeFehler(
            f"Die Datei kann nicht gelesen werden ({err.strerror or err}).",
            Ort(name),
            "Prüfen Sie, ob sie in einem anderen Programm geöffnet oder gesperrt ist.",
        ) from err
    kennung = hashlib.sha256(daten).hexdigest()
    if kennung in _ZULETZT:
        _ZULETZT.move_to_end(kennung)
        return _ZULETZT[kennung]
    cache = _ZWISCHENSPEICHER.get()
    eintrag = f"{kennung[:40]}-{_versionen()}.json"
    blaetter = _json_lesen(cache.holen("tabellen", eintrag)) if cache else None
    if blaetter is None:
        # The very bytes that were hashed: a file saved anew meanwhile must not end up in the
        # cache under the old content's hash.
        blaetter = _xlsx_lesen(daten, name)
        if cache:
            _json_schreiben(cache, eintrag, blaetter)
    _ZULETZT[kennung] = blaetter
    if len(_ZULETZT) > _ZULETZT_MAX:
        _ZULETZT.popitem(last=False)
    return blaetter


def _xlsx_lesen(daten: bytes, name: str) -> Blaetter:
    # openpyxl uses defusedxml when it is installed (a dependency): XML bombs are refused.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        mappe = openpyxl.load_workbook(io.BytesIO(daten), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as err:
        hinweis = "Öffnen Sie die Datei in Excel und speichern Sie sie erneut als .xlsx."
        # Password-protected xlsx files are OLE compound documents, not zip files.
        if daten[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise EingabeFehler(
                "Die Arbeitsmappe ist mit einem Kennwort geschützt.",
                Ort(name),
                "Speichern Sie sie in Excel ohne Kennwort (Datei › Informationen › Arbeitsmappe "
                "schützen).",
            ) from err
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
                blaetter[ws.title] = [
                    tuple(_excel_wert(w) for w in r) for r in ws.iter_rows(values_only=True)
                ]
            except EingabeFehler:
                raise
            except Exception as err:  # read-only mode parses the sheet XML only here
                raise _xml_fehler(err, Ort(name, ws.title)) from err
        return blaetter
    finally:
        mappe.close()


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
        f"Die Arbeitsmappe enthält ungültiges XML ({type(err).__name__}).",
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


def _csv_zeilen(pfad: Path, name: str) -> list[tuple[object, ...]]:
    daten = pfad.read_bytes()
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
    return [tuple(z if z != "" else None for z in zeile) for zeile in leser]


def csv_trenner(zeilen: Iterable[str]) -> str:
    """The field separator: the one found on more lines; ';' (German Excel) on a tie.

    Counting lines, not characters: decimal commas (``12,5``) add commas to many lines of a
    ';'-separated file, but never a line that the separator is missing from.
    """
    zeilen = [z for z in zeilen if z.strip()]
    treffer = {t: sum(t in z for z in zeilen) for t in (";", ",", "\t")}
    return max((";", ",", "\t"), key=lambda t: treffer[t])
