"""Bad inputs, clear errors, nothing lost.

Every case starts from the small test project (tests/projektbau.py) with a previous, successful
build in berichte/, breaks one thing and runs the real command line. Each case asserts:

- the exit code (1 bad input, 2 wrong call, 0 where qprofil copes and says so);
- a German message naming the place (file, sheet, row, column) – the exact fragment;
- no traceback and no internal error;
- no partial output: no temporary files anywhere, and after a failed run berichte/ holds exactly
  the files of the previous build, byte for byte;
- daten/, vorlagen/ and qprofil.toml are unchanged by the run;
- no file outside the project is read for a photo path that points outside.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from docx_lesen import absaetze, bilder, xml
from lxml import etree
from PIL import Image
from projektbau import mini_projekt

PROFIL = "berichte/quartiersprofil_testdorf.docx"
VORLAGE = "vorlagen/quartiersprofil.docx"
FOTOS = "daten/begehungen/testdorf"
FOTOLISTE_ORT = "daten/begehungen/testdorf/fotoliste.xlsx, Blatt „Fotos“"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# --- watching file access ------------------------------------------------------------------

#: Paths opened while a case runs (audit hook: sees every open(), also inside Pillow).
_GEOEFFNET: list[str] = []
_BEOBACHTEN = {"an": False}


def _beobachten(ereignis: str, argumente: tuple[object, ...]) -> None:
    if not _BEOBACHTEN["an"] or ereignis != "open" or not argumente:
        return
    if isinstance(argumente[0], str | bytes | os.PathLike):
        _GEOEFFNET.append(os.fsdecode(argumente[0]))


sys.addaudithook(_beobachten)


# --- reading what the command line printed ------------------------------------------------


def _kompakt(text: str) -> str:
    # Rich wraps long lines and table cells at any width; compare without whitespace.
    return re.sub(r"\s+", "", text)


def _eintraege(text: str) -> list[str]:
    """Each row of a printed table (cells re-joined column by column), and the remaining text."""
    eintraege: list[str] = []
    zellen: list[list[str]] = []
    rest: list[str] = []

    def zeile_fertig() -> None:
        if zellen:
            eintraege.append(" | ".join(" ".join(spalte) for spalte in zellen))
            zellen.clear()

    for zeile in text.splitlines():
        s = zeile.strip()
        if s.startswith(("│", "┃")):
            teile = re.split(r"[│┃]", s)[1:-1]
            if not zellen:
                zellen.extend([] for _ in teile)
            for spalte, teil in zip(zellen, teile, strict=False):
                spalte.append(teil.strip())
        elif s.startswith(("├", "┡", "└", "┏", "┌")):
            zeile_fertig()
        else:
            zeile_fertig()
            rest.append(zeile)
    zeile_fertig()
    eintraege.append("\n".join(rest))
    return eintraege


def _gemeldet(aufruf, *fragmente: str) -> bool:  # type: ignore[no-untyped-def]
    """True when one printed message (table row or plain text) holds all fragments."""
    gesucht = [_kompakt(f) for f in fragmente]
    return any(
        all(g in _kompakt(e) for g in gesucht) for e in _eintraege(aufruf.out + "\n" + aufruf.err)
    )


# --- snapshots -----------------------------------------------------------------------------


def _baum(wurzel: Path) -> dict[str, str]:
    """Relative path → content hash (symlinks by target) of every entry below ``wurzel``."""
    ergebnis = {}
    if not wurzel.exists():
        return ergebnis
    for pfad in sorted(wurzel.rglob("*")):
        name = pfad.relative_to(wurzel).as_posix()
        if pfad.is_symlink():
            ergebnis[name] = "→ " + os.readlink(pfad)
        elif pfad.is_file():
            ergebnis[name] = hashlib.sha256(pfad.read_bytes()).hexdigest()
        else:
            ergebnis[name] = "Ordner"
    return ergebnis


def _eingaben(projekt: Path) -> dict[str, dict[str, str]]:
    return {
        "daten": _baum(projekt / "daten"),
        "vorlagen": _baum(projekt / "vorlagen"),
        "qprofil.toml": {"": hashlib.sha256((projekt / "qprofil.toml").read_bytes()).hexdigest()},
    }


def _temporaere(projekt: Path) -> list[Path]:
    """Left-over temporary files (output.py writes .tmp-*, fotos.py .*.tmp)."""
    return [p for p in projekt.rglob("*") if p.name.startswith(".tmp-") or p.name.endswith(".tmp")]


def _ausgaben(projekt: Path) -> dict[str, bytes]:
    ordner = projekt / "berichte"
    if not ordner.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(ordner.iterdir()) if p.name != ".qprofil.lock"}


# --- breaking things -----------------------------------------------------------------------


def _blatt(datei: str, blatt: str, aendern: Callable[..., None]) -> Callable[[Path], None]:
    """Change one sheet of a workbook in daten/ with openpyxl."""

    def brechen(projekt: Path) -> None:
        mappe = openpyxl.load_workbook(projekt / datei)
        aendern(mappe[blatt])
        mappe.save(projekt / datei)

    return brechen


def _zelle(datei: str, blatt: str, zelle: str, wert: object) -> Callable[[Path], None]:
    def aendern(ws) -> None:  # type: ignore[no-untyped-def]
        ws[zelle] = wert

    return _blatt(datei, blatt, aendern)


def _zeile_kopieren(datei: str, blatt: str, nr: int) -> Callable[[Path], None]:
    def aendern(ws) -> None:  # type: ignore[no-untyped-def]
        ws.append([c.value for c in ws[nr]])

    return _blatt(datei, blatt, aendern)


def _bytes(datei: str, daten: bytes) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        (projekt / datei).write_bytes(daten)

    return brechen


def _bevoelkerung(aendern: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    """Change the lines of the population CSV (cp1252, as the statistics office exports it)."""

    def brechen(projekt: Path) -> None:
        pfad = projekt / "daten/statistik/bevoelkerung.csv"
        zeilen = pfad.read_bytes().decode("cp1252").split("\r\n")
        pfad.write_bytes("\r\n".join(aendern(zeilen)).encode("cp1252"))

    return brechen


def _einwohner_viele(zeilen: list[str]) -> list[str]:
    zeilen[3] = zeilen[3].rsplit(";", 1)[0] + ";viele"
    return zeilen


def _zeile_doppelt(zeilen: list[str]) -> list[str]:
    return [*zeilen[:4], zeilen[3], *zeilen[4:]]


def _xlsx_teil(datei: str, teil: str, ersetzen: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Rewrite one part (an XML file) inside an xlsx or docx zip."""

    def brechen(projekt: Path) -> None:
        _zip_aendern(projekt / datei, teil, ersetzen)

    return brechen


def _zip_aendern(pfad: Path, teil: str, ersetzen: Callable[[bytes], bytes]) -> None:
    quelle = zipfile.ZipFile(io.BytesIO(pfad.read_bytes()))
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as ziel:
        for info in quelle.infolist():
            daten = quelle.read(info.filename)
            ziel.writestr(info, ersetzen(daten) if info.filename == teil else daten)
    assert teil in quelle.namelist(), teil
    pfad.write_bytes(puffer.getvalue())


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

OLE_KOPF = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptedPackage" * 32


def _vorlage(alt: str, neu: str, teil: str = "word/document.xml") -> Callable[[Path], None]:
    """Replace the first occurrence of a placeholder in the template copy of the project."""

    def ersetzen(daten: bytes) -> bytes:
        text = daten.decode("utf-8")
        assert alt in text, alt
        return text.replace(alt, neu, 1).encode("utf-8")

    return _xlsx_teil(VORLAGE, teil, ersetzen)


def _foto(name: str, daten: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    """Put a file into the quarter's photo folder and list it in row 2 of the photo list."""

    def brechen(projekt: Path) -> None:
        inhalt = daten() if callable(daten) else daten
        (projekt / FOTOS / name).write_bytes(inhalt)
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", name)(projekt)

    return brechen


def _webp() -> bytes:
    puffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(puffer, "WEBP")
    return puffer.getvalue()


def _png_kopf(breite: int, hoehe: int) -> bytes:
    """A PNG that only claims its size: a decompression bomb without the bytes."""

    def chunk(art: bytes, inhalt: bytes) -> bytes:
        pruefsumme = zlib.crc32(art + inhalt) & 0xFFFFFFFF
        return struct.pack(">I", len(inhalt)) + art + inhalt + struct.pack(">I", pruefsumme)

    kopf = struct.pack(">IIBBBBB", breite, hoehe, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", kopf)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _abschneiden(name: str) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        pfad = projekt / FOTOS / name
        daten = pfad.read_bytes()
        pfad.write_bytes(daten[: len(daten) // 2])

    return brechen


def _symlink_hinaus(projekt: Path) -> None:
    draussen = projekt.parent / "ausserhalb.jpg"
    shutil.copy(projekt / FOTOS / "IMG_0001.jpg", draussen)
    (projekt / FOTOS / "IMG_0001.jpg").unlink()
    (projekt / FOTOS / "IMG_0001.jpg").symlink_to(draussen)


def _nichts(projekt: Path) -> None:
    """Nothing broken (the case is in the command line)."""


def _loeschen(datei: str) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        (projekt / datei).unlink()

    return brechen


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fall:
    """One broken input: what to break, the expected exit code and message, and where."""

    name: str
    brechen: Callable[[Path], None]
    ort: str
    meldung: str
    rc: int = 1
    argumente: tuple[str, ...] = ("testdorf",)
    #: Paths that must never be opened (a photo pointing outside the project).
    nie_oeffnen: tuple[str, ...] = ()


FAELLE = [
    # Spreadsheets
    Fall(
        "xlsx-kaputt",
        _bytes("daten/massnahmen.xlsx", bytes(range(256)) * 8),
        "daten/massnahmen.xlsx",
        "Die Datei ist keine lesbare Excel-Arbeitsmappe",
    ),
    Fall(
        "xlsx-mit-kennwort",
        _bytes("daten/quartiere.xlsx", OLE_KOPF),
        "daten/quartiere.xlsx",
        "Die Arbeitsmappe ist mit einem Kennwort geschützt.",
    ),
    Fall(
        "xlsx-xml-bombe",
        _xlsx_teil("daten/massnahmen.xlsx", "xl/worksheets/sheet1.xml", lambda _: BILLION_LAUGHS),
        "daten/massnahmen.xlsx",
        "Die Arbeitsmappe enthält gefährliches XML (Entity-Definitionen "
        "wie in einer „XML-Bombe“) und wird nicht gelesen.",
    ),
    Fall(
        "xlsx-fehlt",
        _loeschen("daten/planauszuege.xlsx"),
        "daten/planauszuege.xlsx",
        "Die Datei fehlt.",
    ),
    Fall(
        "blatt-leer",
        _blatt("daten/massnahmen.xlsx", "Maßnahmen", lambda ws: ws.delete_rows(1, 10)),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“",
        "Die Tabelle ist leer.",
    ),
    Fall(
        "blatt-fehlt",
        _blatt(
            "daten/quartiere.xlsx", "Seniorenbüros", lambda ws: setattr(ws, "title", "Tabelle2")
        ),
        "daten/quartiere.xlsx",
        "Das Blatt „Seniorenbüros“ fehlt (vorhanden: „Quartiere“, „Tabelle2“).",
    ),
    Fall(
        "spalte-umbenannt",
        _zelle("daten/massnahmen.xlsx", "Maßnahmen", "G1", "Prio"),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“",
        "es fehlt: „Priorität“.",
    ),
    Fall(
        "spalte-fehlt",
        _blatt("daten/planauszuege.xlsx", "Auszüge", lambda ws: ws.delete_cols(6)),
        "daten/planauszuege.xlsx, Blatt „Auszüge“",
        "es fehlt: „Auszug“.",
    ),
    Fall(
        "text-in-anzahl-csv",
        _bevoelkerung(_einwohner_viele),
        "daten/statistik/bevoelkerung.csv, Zeile 4, Spalte „Einwohner“",
        "„viele“ ist keine ganze Zahl ≥ 0.",
    ),
    Fall(
        "text-in-anzahl-xlsx",
        _zelle("daten/befragung/seniorenbuero_testbezirk.xlsx", "Infrastruktur", "E2", "viele"),
        "daten/befragung/seniorenbuero_testbezirk.xlsx, Blatt „Infrastruktur“, Zeile 2, "
        "Spalte „Anzahl“",
        "„viele“ ist keine ganze Zahl ≥ 0.",
    ),
    Fall(
        "kuerzel-doppelt",
        _zeile_kopieren("daten/quartiere.xlsx", "Quartiere", 2),
        "daten/quartiere.xlsx, Blatt „Quartiere“, Zeile 3, Spalte „Kürzel“",
        "Das Kürzel „testdorf“ kommt doppelt vor.",
    ),
    Fall(
        "bevoelkerung-zeile-doppelt",
        _bevoelkerung(_zeile_doppelt),
        "daten/statistik/bevoelkerung.csv, Zeile 5, Spalte „Altersgruppe“",
        "Doppelte Zeile: Raum 0, 0 bis unter 15, männlich, Stichtag 31.12.2016 steht schon "
        "weiter oben.",
    ),
    Fall(
        "massnahme-nr-doppelt",
        _zelle("daten/massnahmen.xlsx", "Maßnahmen", "A3", 1),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 3, Spalte „Nr“",
        "Die Nr 1 gibt es für testdorf schon in Zeile 2.",
    ),
    Fall(
        "massnahme-quartier-unbekannt",
        _zelle("daten/massnahmen.xlsx", "Maßnahmen", "B2", "Nirgendwo"),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 2, Spalte „Quartier“",
        "Unbekanntes Quartier „Nirgendwo“.",
    ),
    Fall(
        "planauszug-quartier-unbekannt",
        _zelle("daten/planauszuege.xlsx", "Auszüge", "D2", "Nirgendwo"),
        "daten/planauszuege.xlsx, Blatt „Auszüge“, Zeile 2, Spalte „Quartier“",
        "Unbekanntes Quartier „Nirgendwo“.",
    ),
    Fall(
        "raum-nr-unbekannt",
        _zelle("daten/quartiere.xlsx", "Quartiere", "E2", "0999"),
        "daten/quartiere.xlsx, Blatt „Quartiere“, Zeile 2, Spalte „Unterbezirke“",
        "Die Raum-Nr „0999“ steht nicht in der Bevölkerungsstatistik.",
    ),
    Fall(
        "csv-binaerdaten",
        lambda p: (p / "daten/statistik/bevoelkerung.csv").write_bytes(
            (p / "daten/statistik/bevoelkerung.csv").read_bytes() + bytes(range(256))
        ),
        "daten/statistik/bevoelkerung.csv",
        "Die Datei ist keine CSV-Textdatei",
    ),
    Fall(
        "datum-ungueltig",
        _zelle("daten/planauszuege.xlsx", "Auszüge", "C2", "31.02.2013"),
        "daten/planauszuege.xlsx, Blatt „Auszüge“, Zeile 2, Spalte „Datum“",
        "„31.02.2013“ ist kein Datum.",
    ),
    Fall(
        "handlungsfeld-ungueltig",
        _zelle("daten/massnahmen.xlsx", "Maßnahmen", "C3", "HF 7"),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 3, Spalte „Handlungsfeld“",
        "„HF 7“ ist kein Handlungsfeld.",
    ),
    Fall(
        "prioritaet-ungueltig",
        _zelle("daten/massnahmen.xlsx", "Maßnahmen", "G2", "dringend"),
        "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 2, Spalte „Priorität“",
        "„dringend“ ist kein zulässiger Wert.",
    ),
    # Templates
    Fall(
        "vorlage-syntaxfehler",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.siedlungstyp }"),
        VORLAGE,
        "Syntaxfehler in einem Platzhalter",
    ),
    Fall(
        "vorlage-for-offen",
        _vorlage("{{ quartier.bauepoche }}", "{% for k in demografie %}{{ k.name }}"),
        VORLAGE,
        "{% for %} ohne {% endfor %}",
    ),
    Fall(
        "vorlage-name-unbekannt",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ quartir.name }}"),
        VORLAGE,
        "Die Vorlage verwendet einen Namen, den es nicht gibt: „quartir“",
    ),
    Fall(
        "vorlage-attribut-unbekannt",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.foo }}"),
        VORLAGE,
        "„foo“ in {{ quartier.foo }}",
    ),
    Fall(
        "vorlage-attribut-in-schleife",
        _vorlage("{{ k.anmerkung }}", "{{ k.wert }}"),
        VORLAGE,
        "„wert“ in {{ k.wert }}",
    ),
    Fall(
        "vorlage-p-mit-text",
        _vorlage("{{ quartier.bauepoche }}", "{{p quartier.name }}"),
        VORLAGE,
        "{{p quartier.name }} erwartet ein eingebettetes Dokument",
    ),
    Fall(
        "vorlage-r-mit-text",
        _vorlage("{{ quartier.bauepoche }}", "{{r quartier.name }}"),
        VORLAGE,
        "{{r quartier.name }} erwartet formatierten Text",
    ),
    Fall(
        "vorlage-sandbox-mro",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.__class__.__mro__ }}"),
        VORLAGE,
        "unerlaubten Zugriff auf „__class__“",
    ),
    Fall(
        "vorlage-sandbox-str",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ ''.__class__ }}"),
        VORLAGE,
        "unerlaubten Zugriff auf „__class__“",
    ),
    Fall(
        "vorlage-rechenfehler",
        _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.name / 2 }}"),
        VORLAGE,
        "Fehler beim Ausfüllen der Vorlage",
    ),
    Fall(
        "vorlage-keine-docx",
        _bytes(VORLAGE, b"Das ist kein Word-Dokument.\n" * 20),
        VORLAGE,
        "Die Vorlage ist keine lesbare Word-Datei (.docx).",
    ),
    Fall("vorlage-fehlt", _loeschen(VORLAGE), VORLAGE, "Die Vorlage fehlt."),
    # Photos
    Fall(
        "foto-fehlt",
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A3", "IMG_9999.jpg"),
        f"{FOTOLISTE_ORT}, Zeile 3, Spalte „Datei“",
        "Das Foto „IMG_9999.jpg“ fehlt im Ordner daten/begehungen/testdorf.",
    ),
    Fall(
        "foto-kaputt",
        _foto("kaputt.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "„kaputt.jpg“: Die Datei ist kein lesbares Foto",
    ),
    Fall(
        "foto-abgeschnitten",
        _abschneiden("IMG_0001.jpg"),
        "daten/begehungen/testdorf/IMG_0001.jpg",
        "Das Foto ist beschädigt oder unvollständig (die Datei endet vorzeitig).",
    ),
    Fall(
        "foto-webp",
        _foto("bild.webp", _webp),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "„bild.webp“: Bildformat WebP wird nicht unterstützt.",
    ),
    Fall(
        "foto-svg",
        _foto("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "„plan.svg“: Bildformat SVG wird nicht unterstützt.",
    ),
    Fall(
        "foto-heic",
        _foto("IMG_1234.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + bytes(500)),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "„IMG_1234.HEIC“: Bildformat HEIC wird nicht unterstützt.",
    ),
    Fall(
        "foto-dekompressionsbombe",
        _foto("riesig.png", _png_kopf(100_000, 100_000)),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "„riesig.png“: Das Bild ist zu groß",
    ),
    Fall(
        "foto-pfad-relativ-hinaus",
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", "../../../../../../etc/passwd"),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "Der Dateiname „../../../../../../etc/passwd“ zeigt aus dem Fotoordner hinaus.",
        nie_oeffnen=("/etc/passwd",),
    ),
    Fall(
        "foto-pfad-absolut",
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", "/etc/passwd"),
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "Der Dateiname „/etc/passwd“ zeigt aus dem Fotoordner hinaus.",
        nie_oeffnen=("/etc/passwd",),
    ),
    Fall(
        "foto-symlink-hinaus",
        _symlink_hinaus,
        f"{FOTOLISTE_ORT}, Zeile 2, Spalte „Datei“",
        "Der Dateiname „IMG_0001.jpg“ zeigt aus dem Fotoordner hinaus.",
        nie_oeffnen=("ausserhalb.jpg",),
    ),
    # Command line
    Fall(
        "kuerzel-mit-pfad",
        _nichts,
        "",
        "„../x“ ist kein gültiges Quartierskürzel.",
        rc=2,
        argumente=("../x",),
    ),
    Fall(
        "kuerzel-mit-umlaut",
        _nichts,
        "",
        "„lütgendortmund“ ist kein gültiges Quartierskürzel. – In Kürzeln werden Umlaute und ß "
        "umschrieben, z. B. „luetgendortmund“.",
        rc=2,
        argumente=("lütgendortmund",),
    ),
    Fall(
        "kuerzel-unbekannt",
        _nichts,
        "",
        "Unbekanntes Quartier „nirgendwo“. – Bekannte Quartiere: testdorf.",
        rc=2,
        argumente=("nirgendwo",),
    ),
]


@pytest.fixture(scope="module")
def frueherer_stand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """berichte/ of a successful build of the small project, made once for all cases."""
    from qprofil.ablauf import bauen
    from qprofil.projekt import projekt_laden

    wurzel = mini_projekt(tmp_path_factory.mktemp("frueher") / "projekt")
    lauf = bauen(projekt_laden(wurzel), ["testdorf"], jobs=1)
    assert lauf.ok, [b.meldung for e in lauf.ergebnisse for b in e.befunde]
    return wurzel / "berichte"


@pytest.fixture
def gebaut(mini: Path, frueherer_stand: Path) -> Path:
    """The small project with the outputs (and manifest) of an earlier successful build."""
    shutil.copytree(frueherer_stand, mini / "berichte")
    return mini


def _sauber(aufruf) -> None:  # type: ignore[no-untyped-def]
    text = aufruf.out + aufruf.err
    assert "Traceback" not in text, text
    assert "Interner Fehler" not in text, text


# `check` reads and renders everything like `build`; one case of each kind runs through it too
# (all of them would double the time of this file).
AUCH_CHECK = {
    "xlsx-xml-bombe",
    "kuerzel-doppelt",
    "text-in-anzahl-csv",
    "raum-nr-unbekannt",
    "vorlage-syntaxfehler",
    "vorlage-attribut-in-schleife",
    "vorlage-p-mit-text",
    "vorlage-sandbox-mro",
    "foto-webp",
    "foto-symlink-hinaus",
    "kuerzel-mit-pfad",
}


@pytest.mark.parametrize(
    ("fall", "befehl"),
    [pytest.param(f, "build", id=f"build-{f.name}") for f in FAELLE]
    + [pytest.param(f, "check", id=f"check-{f.name}") for f in FAELLE if f.name in AUCH_CHECK],
)
def test_boese_eingabe(fall: Fall, befehl: str, gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    vorher = _ausgaben(gebaut)
    fall.brechen(gebaut)
    eingaben = _eingaben(gebaut)
    argumente = (*fall.argumente, "-j", "1") if befehl == "build" else fall.argumente
    _GEOEFFNET.clear()
    _BEOBACHTEN["an"] = True
    try:
        aufruf = qprofil(befehl, *argumente, cwd=gebaut)
    finally:
        _BEOBACHTEN["an"] = False

    geoeffnet = list(_GEOEFFNET)
    _sauber(aufruf)
    assert aufruf.rc == fall.rc, aufruf.err
    assert _gemeldet(aufruf, fall.ort, fall.meldung), aufruf.err
    assert _temporaere(gebaut) == []
    assert _ausgaben(gebaut) == vorher  # nothing new, nothing changed, nothing removed
    assert _eingaben(gebaut) == eingaben
    for verboten in fall.nie_oeffnen:
        assert not [p for p in geoeffnet if p.endswith(verboten)], geoeffnet


def test_faelle_eindeutig() -> None:
    namen = [f.name for f in FAELLE]
    assert len(namen) == len(set(namen))
    assert len(namen) >= 30
    assert set(namen) >= AUCH_CHECK


# --- inputs qprofil copes with -------------------------------------------------------------


def _bauen_ok(projekt: Path, qprofil, *argumente: str):  # type: ignore[no-untyped-def]
    eingaben = _eingaben(projekt)
    aufruf = qprofil("build", *(argumente or ("testdorf",)), "-j", "1", cwd=projekt)
    _sauber(aufruf)
    assert aufruf.rc == 0, aufruf.err
    assert _temporaere(projekt) == []
    assert _eingaben(projekt) == eingaben
    return aufruf


def test_kuerzel_in_grossbuchstaben(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    aufruf = _bauen_ok(gebaut, qprofil, "TESTDORF")
    assert _gemeldet(aufruf, "Testdorf", "berichte/quartiersprofil_testdorf.docx")


def test_fuehrende_null_verloren(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """Excel turned 0911 and 09 into numbers: read with a hint, the profile is right."""
    _zelle("daten/quartiere.xlsx", "Quartiere", "C2", 9)(gebaut)
    _zelle("daten/quartiere.xlsx", "Quartiere", "E2", 911)(gebaut)
    aufruf = _bauen_ok(gebaut, qprofil)
    assert _gemeldet(
        aufruf,
        "daten/quartiere.xlsx, Blatt „Quartiere“, Zeile 2, Spalte „Unterbezirke“",
        "Raum-Nr „911“ als „0911“ gelesen (führende Null ergänzt).",
    ), aufruf.err
    assert _gemeldet(aufruf, "Spalte „Stadtbezirk-Nr“", "Raum-Nr „9“ als „09“ gelesen")
    texte = absaetze(gebaut / PROFIL)
    assert "0911" in texte


def test_fotoliste_als_csv_in_windows_1252(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """German Excel's CSV: ';', Windows-1252 – and more commas (decimal, lists) than semicolons."""
    (gebaut / FOTOS / "fotoliste.xlsx").unlink()
    rampe = "Rampe, Geländer, Bordstein, Steigung 8,5 %, Breite 1,20 m, Länge 4,75 m"
    baenke = "Bänke, Tisch, Laterne, Beet, Mülleimer vor der Begegnungsstätte"
    csv = (
        "Datei;Bildunterschrift;Ort;Datum;Handlungsfeld;Bemerkung\r\n"
        f"IMG_0001.jpg;{rampe};Dorfplatz;12.04.2017;1;Gefälle 2,5 %, Belag 0,5 cm\r\n"
        f"IMG_0002.jpg;{baenke};Kirchweg;12.04.2017;3;hochkant, 1,5 m\r\n"
    )
    assert csv.count(",") > csv.count(";")
    (gebaut / FOTOS / "fotoliste.csv").write_bytes(csv.encode("cp1252"))
    _bauen_ok(gebaut, qprofil)
    texte = absaetze(gebaut / PROFIL)
    assert any(f"Foto 1: {rampe}" in t for t in texte), texte
    assert any(f"Foto 2: {baenke}" in t for t in texte)


def test_csv_in_utf8_mit_bom(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    pfad = gebaut / "daten/statistik/bevoelkerung.csv"
    pfad.write_bytes(pfad.read_bytes().decode("cp1252").encode("utf-8-sig"))
    _bauen_ok(gebaut, qprofil)
    assert "Einwohnerinnen und Einwohner" in "\n".join(absaetze(gebaut / PROFIL))


# --- text hygiene --------------------------------------------------------------------------


def _excel_maskiert(text: str) -> str:
    """How Excel stores control characters in a cell: _x000B_ and so on."""
    return "".join(
        f"_x{ord(z):04X}_" if (ord(z) < 0x20 and z not in "\t\n\r") or z == "\ufffe" else z
        for z in text
    )


def _seitenumbrueche(pfad: Path) -> int:
    return xml(pfad).count('w:type="page"')


def test_steuerzeichen_werden_nie_umbrueche(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    umbrueche = _seitenumbrueche(gebaut / PROFIL)
    absatz_zahl = len(absaetze(gebaut / PROFIL))
    staerke = "Kurze Wege\x0bzum Bäcker\x00!\x1b \ufffeGut\x0cSeite\x07Glocke"
    befragung = "daten/befragung/seniorenbuero_testbezirk.xlsx"

    def maskieren(daten: bytes) -> bytes:
        return daten.replace(b"ZUM_ERSETZEN", _excel_maskiert(staerke).encode())

    _zelle(befragung, "Einschätzung", "B2", "ZUM_ERSETZEN")(gebaut)
    _xlsx_teil(befragung, "xl/worksheets/sheet3.xml", maskieren)(gebaut)
    (gebaut / FOTOS / "fotoliste.xlsx").unlink()
    csv = (
        "Datei;Bildunterschrift;Ort;Datum;Handlungsfeld;Bemerkung\r\n"
        "IMG_0001.jpg;Rampe\x0b&\x0cGeländer\x07<neu>\x00\x1b;Dorfplatz;12.04.2017;1;\r\n"
    )
    (gebaut / FOTOS / "fotoliste.csv").write_bytes(csv.encode("cp1252"))

    _bauen_ok(gebaut, qprofil)

    profil = gebaut / PROFIL
    texte = absaetze(profil)
    assert _seitenumbrueche(profil) == umbrueche
    for punkt in ("Kurze Wege", "zum Bäcker! Gut", "Seite Glocke"):
        assert punkt in texte, texte  # a cell line each, the bell no new paragraph
    assert any(t.startswith("Foto 1: Rampe & Geländer <neu>") for t in texte), texte
    assert bilder(profil)[2]["alt"] == "Foto 1: Rampe & Geländer <neu>"
    # one bullet more for the line break in the cell, one photo less (caption and image)
    assert len(texte) <= absatz_zahl + 2
    inhalt = "\n".join(texte)
    assert "_x00" not in inhalt and "\ufffe" not in inhalt and "\x1b" not in inhalt


def test_emoji_als_excel_maske_im_profil(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """Excel escapes characters outside the BMP as two UTF-16 halves (_xD83D__xDE00_)."""
    befragung = "daten/befragung/seniorenbuero_testbezirk.xlsx"

    def maskieren(daten: bytes) -> bytes:
        return daten.replace(b"ZUM_ERSETZEN", b"Gut erreichbar _xD83D__xDE00_ halb _xDE00_ Ende")

    _zelle(befragung, "Einschätzung", "B2", "ZUM_ERSETZEN")(gebaut)
    _xlsx_teil(befragung, "xl/worksheets/sheet3.xml", maskieren)(gebaut)
    _bauen_ok(gebaut, qprofil)
    assert "Gut erreichbar \U0001f600 halb Ende" in absaetze(gebaut / PROFIL)


def _teil_text(pfad: Path, muster: str) -> str:
    with zipfile.ZipFile(pfad) as z:
        teile = [n for n in z.namelist() if re.fullmatch(muster, n)]
        texte = []
        for teil in teile:
            baum = etree.fromstring(z.read(teil))
            texte.append("".join(t.text or "" for t in baum.iter(f"{W}t")))
    return "\n".join(texte)


def test_sonderzeichen_in_kopf_fusszeile_und_text(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    name = "Test & <Dorf> \"Süd\" 'alt'"
    _zelle("daten/quartiere.xlsx", "Quartiere", "B2", name)(gebaut)
    toml = gebaut / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'titel = "Altersgerechte Quartiersentwicklung (Test)"',
            'titel = "Alter & <Quartier> „neu“ \\"x\\"\\fSeite\\u0007Glocke"',
        ),
        encoding="utf-8",
    )
    _bauen_ok(gebaut, qprofil)
    profil = gebaut / PROFIL
    kopf = _teil_text(profil, r"word/header\d*\.xml")
    fuss = _teil_text(profil, r"word/footer\d*\.xml")
    assert 'Alter & <Quartier> „neu“ "x"' in kopf, kopf
    assert f"Quartiersprofil {name} · Stand" in fuss, fuss
    inhalt = "\n".join(absaetze(profil))
    assert name in inhalt and 'Alter & <Quartier> „neu“ "x"' in inhalt
    with zipfile.ZipFile(profil) as z:
        for teil in z.namelist():
            if re.fullmatch(r"word/(header|footer)\d*\.xml", teil):
                assert b'w:type="page"' not in z.read(teil)


def test_deutsche_anfuehrungszeichen_in_platzhaltern(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    _vorlage("{{ quartier.bauepoche }}", '{{ "„x“ und ‚y‘" }}')(gebaut)
    _vorlage(
        "{{ quartier.siedlungstyp }}",
        "{% if quartier.name == „Testdorf“ %}GLEICH{% else %}UNGLEICH{% endif %}"
        "{{ ‚-‘ ~ quartier.kuerzel ~ »!« }}",
    )(gebaut)
    _bauen_ok(gebaut, qprofil)
    texte = absaetze(gebaut / PROFIL)
    assert "„x“ und ‚y‘" in texte, texte
    assert "GLEICH-testdorf!" in texte, texte


def _kleine_vorlage(pfad: Path, *absaetze_: str) -> Path:
    from docx import Document

    doc = Document()
    for text in absaetze_:
        doc.add_paragraph(text)
    doc.save(str(pfad))
    return pfad


def test_formatierter_text_im_r_platzhalter(tmp_path: Path) -> None:
    """The {{p}}/{{r}} check lets the right types through and stops them in plain tags."""
    import datetime as dt

    from docxtpl import RichText

    from qprofil.fehler import VorlagenFehler
    from qprofil.word.rendern import Eigenschaften, render

    eigenschaften = Eigenschaften("T", "S", "A", dt.date(2017, 3, 31))
    kontext = {"rt": RichText("fett & <gut>", bold=True), "name": "Testdorf"}
    gut = _kleine_vorlage(tmp_path / "gut.docx", "Vorher {{r rt }} nachher {{ name }}")
    docx = render(gut, kontext, eigenschaften, "gut.docx")
    (tmp_path / "gut_fertig.docx").write_bytes(docx)
    assert absaetze(tmp_path / "gut_fertig.docx") == ["Vorher fett & <gut> nachher Testdorf"]
    assert "<w:b/>" in xml(tmp_path / "gut_fertig.docx")

    schlecht = _kleine_vorlage(tmp_path / "schlecht.docx", "Vorher {{ rt }} nachher")
    with pytest.raises(VorlagenFehler) as info:
        render(schlecht, kontext, eigenschaften, "schlecht.docx")
    assert "Ein einfacher Platzhalter {{ … }} bekommt formatierten Text" in info.value.meldung
    assert "Stelle in der Vorlage: „Vorher {{ rt }} nachher“" in info.value.meldung


# --- output --------------------------------------------------------------------------------


def test_fehlgeschlagener_neubau_laesst_alles_stehen(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    vorher = _ausgaben(gebaut)
    assert {"quartiersprofil_testdorf.docx", ".qprofil-manifest.json"} <= set(vorher)
    _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.foo }}")(gebaut)
    aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=gebaut)
    _sauber(aufruf)
    assert aufruf.rc == 1
    assert _ausgaben(gebaut) == vorher  # the document and the manifest
    assert _gemeldet(aufruf, "fehlgeschlagen")


def _absturz_beim_ersetzen(
    monkeypatch: pytest.MonkeyPatch, projekt: Path, fehler: BaseException
) -> None:
    echt = os.replace
    berichte = (projekt / "berichte").resolve()

    def ersetzen(quelle, ziel, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(ziel).resolve().parent == berichte:
            raise fehler
        return echt(quelle, ziel, *args, **kwargs)

    monkeypatch.setattr(os, "replace", ersetzen)


def test_ein_quartier_scheitert_das_andere_entsteht(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """A broken photo of one quarter: that quarter keeps its old profile, the other is built."""

    def zweites_quartier(ws) -> None:  # type: ignore[no-untyped-def]
        zeile = [c.value for c in ws[2]]
        zeile[:2] = ["testrand", "Testrand"]
        zeile[4] = "0912"
        ws.append(zeile)

    _blatt("daten/quartiere.xlsx", "Quartiere", zweites_quartier)(gebaut)
    _abschneiden("IMG_0001.jpg")(gebaut)
    vorher = _ausgaben(gebaut)
    eingaben = _eingaben(gebaut)
    aufruf = qprofil("build", "--all", "-j", "1", cwd=gebaut)
    _sauber(aufruf)
    assert aufruf.rc == 1
    assert _gemeldet(aufruf, "IMG_0001.jpg", "Das Foto ist beschädigt oder unvollständig")
    nachher = _ausgaben(gebaut)
    assert nachher["quartiersprofil_testdorf.docx"] == vorher["quartiersprofil_testdorf.docx"]
    assert "quartiersprofil_testrand.docx" in nachher
    assert set(nachher) == {*vorher, "quartiersprofil_testrand.docx"}
    assert any("Testrand" in t for t in absaetze(gebaut / "berichte/quartiersprofil_testrand.docx"))
    assert _temporaere(gebaut) == []
    assert _eingaben(gebaut) == eingaben


def test_platte_voll_beim_schreiben(gebaut: Path, qprofil, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    vorher = _ausgaben(gebaut)
    _absturz_beim_ersetzen(monkeypatch, gebaut, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=gebaut)
    _sauber(aufruf)
    assert aufruf.rc == 1
    assert _gemeldet(
        aufruf,
        "berichte/quartiersprofil_testdorf.docx",
        "Die Datei kann nicht geschrieben werden: der Speicherplatz ist voll.",
    ), aufruf.err
    assert _ausgaben(gebaut) == vorher
    assert _temporaere(gebaut) == []


def test_abbruch_beim_schreiben(gebaut: Path, qprofil, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+C (or a crash) between writing the temporary file and moving it into place."""
    vorher = _ausgaben(gebaut)
    _absturz_beim_ersetzen(monkeypatch, gebaut, KeyboardInterrupt())
    aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=gebaut)
    _sauber(aufruf)
    assert aufruf.rc == 130
    assert _ausgaben(gebaut) == vorher
    assert _temporaere(gebaut) == []


def test_abbruch_wird_gemeldet(gebaut: Path, qprofil, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _absturz_beim_ersetzen(monkeypatch, gebaut, KeyboardInterrupt())
    aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=gebaut)
    assert "Abgebrochen." in aufruf.err


def test_bearbeitetes_dokument_bleibt(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    ziel = gebaut / PROFIL
    doc = Document(str(ziel))
    doc.add_paragraph("Von Hand ergänzt.")
    doc.save(str(ziel))
    bearbeitet = ziel.read_bytes()
    aufruf = _bauen_ok(gebaut, qprofil)
    assert ziel.read_bytes() == bearbeitet
    assert (gebaut / "berichte/quartiersprofil_testdorf_neu.docx").is_file()
    assert _gemeldet(
        aufruf,
        "quartiersprofil_testdorf.docx wurde seit der Erzeugung von Hand geändert und bleibt "
        "erhalten; die neue Fassung steht in quartiersprofil_testdorf_neu.docx.",
    ), aufruf.err


def test_gleichzeitiger_lauf_wird_abgewiesen(gebaut: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    from filelock import FileLock

    vorher = _ausgaben(gebaut)
    with FileLock(str(gebaut / "berichte/.qprofil.lock")):
        aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=gebaut)
    _sauber(aufruf)
    assert aufruf.rc == 1
    assert _gemeldet(
        aufruf, "berichte", "In diesen Ordner schreibt gerade ein anderer qprofil-Lauf."
    )
    assert _ausgaben(gebaut) == vorher


def test_check_schreibt_nichts(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    vorher = _baum(mini)
    aufruf = qprofil("check", cwd=mini)
    _sauber(aufruf)
    assert aufruf.rc == 0, aufruf.err
    assert "Keine Fehler gefunden" in aufruf.out
    assert _baum(mini) == vorher  # no berichte/, no .qprofil-cache, nothing else
    assert not (mini / "berichte").exists() and not (mini / ".qprofil-cache").exists()


def test_check_meldet_fehler_und_schreibt_nichts(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    _zelle("daten/massnahmen.xlsx", "Maßnahmen", "G2", "dringend")(mini)
    _vorlage("{{ quartier.siedlungstyp }}", "{{ quartier.foo }}")(mini)
    vorher = _baum(mini)
    aufruf = qprofil("check", cwd=mini)
    _sauber(aufruf)
    assert aufruf.rc == 1
    assert _gemeldet(aufruf, "Zeile 2, Spalte „Priorität“", "„dringend“ ist kein zulässiger Wert.")
    assert _baum(mini) == vorher
