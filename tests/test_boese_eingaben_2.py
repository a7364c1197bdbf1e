"""Bad inputs, second corpus: dropped files, unbounded resources, crashes, implausible figures.

Every case builds the small test project (tests/projektbau.py) in tmp_path, breaks one thing
and runs the real command line in a subprocess, with a time limit and a memory limit, so that a
reader that allocates gigabytes or loops forever fails the test instead of the machine. Each
case asserts:

- the exit code (1 for an error; 0 where qprofil reads the input and only gives a hint);
- a German message naming the file (and the cell where there is one);
- no traceback, no internal error, no English fragments from Python;
- nothing written to berichte/;
- daten/, vorlagen/ and qprofil.toml unchanged (hashes before and after);
- no process of the run left (it runs in its own session, which must be empty afterwards).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import resource
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from projektbau import mini_projekt
from test_boese_eingaben import (
    OLE_KOPF,
    _baum,
    _bevoelkerung,
    _eingaben,
    _gemeldet,
    _vorlage,
    _zelle,
)

SPEICHER = 2 * 1024**3
ZEITLIMIT = 60
BEFRAGUNG = "daten/befragung/seniorenbuero_testbezirk.xlsx"
BEFRAGUNG_ORDNER = "daten/befragung"
SOZIAL = "daten/statistik/sozialdaten.xlsx"
BEVOELKERUNG = "daten/statistik/bevoelkerung.csv"
MASSNAHMEN = "daten/massnahmen.xlsx"
FOTOS = "daten/begehungen/testdorf"
SOZIAL_ZEILE_0911 = 6  # title, empty line, header; Stadt, Stadtbezirk, then 0911
#: What Python says when it leaks into a message: none of it may reach a user.
ENGLISCH = re.compile(
    r"Traceback|Interner Fehler|\b(Error|Exception|errno|invalid|line \d+|field larger|"
    r"not supported|No such file|Permission denied|object has no attribute)\b"
)


def _begrenzen() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SPEICHER, SPEICHER))


@dataclass
class Lauf:
    rc: int
    out: str
    err: str


def sitzung(sid: int) -> list[int]:
    """Live processes in session ``sid`` (Linux /proc; elsewhere none are found)."""
    gefunden = []
    wurzel = Path("/proc")
    for eintrag in wurzel.iterdir() if wurzel.is_dir() else ():
        if not eintrag.name.isdigit():
            continue
        try:
            stat = (eintrag / "stat").read_text()
        except OSError:
            continue
        felder = stat[stat.rindex(")") + 2 :].split()
        if felder[0] != "Z" and int(felder[3]) == sid:
            gefunden.append(int(eintrag.name))
    return gefunden


def _qprofil(projekt: Path, *argumente: str) -> Lauf:
    """Run qprofil in its own session, within time and memory; no process may outlive it."""
    umgebung = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    prozess = subprocess.Popen(
        [sys.executable, "-m", "qprofil", *argumente],
        cwd=projekt,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_begrenzen,
        env=umgebung,
        start_new_session=True,
    )
    try:
        out, err = prozess.communicate(timeout=ZEITLIMIT)
    finally:
        if prozess.poll() is None:
            os.killpg(prozess.pid, signal.SIGKILL)
            prozess.communicate()
    ende = time.monotonic() + 10
    while sitzung(prozess.pid) and time.monotonic() < ende:
        time.sleep(0.1)
    uebrig = sitzung(prozess.pid)
    for pid in uebrig:
        os.kill(pid, signal.SIGKILL)
    assert not uebrig, f"Prozesse überleben den Lauf: {uebrig}"
    return Lauf(prozess.returncode, out, err)


# --- breaking things -----------------------------------------------------------------------


def _umbenennen(alt: str, neu: str) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        (projekt / alt).rename(projekt / neu)

    return brechen


def _nacheinander(*schritte: Callable[[Path], None]) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        for schritt in schritte:
            schritt(projekt)

    return brechen


def _datei(name: str, daten: bytes) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        (projekt / name).write_bytes(daten)

    return brechen


def _csv_wert(zeile: int, wert: str) -> Callable[[Path], None]:
    """Replace the Einwohner value of a line (1-based) of the population CSV."""

    def aendern(zeilen: list[str]) -> list[str]:
        zeilen[zeile - 1] = zeilen[zeile - 1].rsplit(";", 1)[0] + ";" + wert
        return zeilen

    return _bevoelkerung(aendern)


def _csv_stichtag(zeile: int, tag: str) -> Callable[[Path], None]:
    def aendern(zeilen: list[str]) -> list[str]:
        zeilen[zeile - 1] = tag + zeilen[zeile - 1][len("31.12.2016") :]
        return zeilen

    return _bevoelkerung(aendern)


def _csv_zweite_schreibweise(zeilen: list[str]) -> list[str]:
    """The 2016 rows appended once more with the Stichtag spelled 2016-12-31."""
    doppelt = [z.replace("31.12.2016", "2016-12-31") for z in zeilen if z.startswith("31.12.2016")]
    ende = max(i for i, z in enumerate(zeilen) if z.startswith("31.12.")) + 1
    return [*zeilen[:ende], *doppelt, *zeilen[ende:]]


def _csv_langes_feld(zeilen: list[str]) -> list[str]:
    zeilen[3] = zeilen[3].rsplit(";", 1)[0] + ';"' + "1" * 200_000 + '"'
    return zeilen


def _toml(zusatz: str) -> Callable[[Path], None]:
    def brechen(projekt: Path) -> None:
        pfad = projekt / "qprofil.toml"
        pfad.write_text(pfad.read_text(encoding="utf-8") + zusatz, encoding="utf-8")

    return brechen


SST_TYP = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _shared_strings_bombe(projekt: Path) -> None:
    """A survey workbook whose sharedStrings.xml unpacks to 120 MB (packed well under 1 MB)."""
    pfad = projekt / BEFRAGUNG
    quelle = zipfile.ZipFile(io.BytesIO(pfad.read_bytes()))
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as ziel:
        for info in quelle.infolist():
            daten = quelle.read(info.filename)
            if info.filename == "[Content_Types].xml":
                eintrag = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYP}"/>'
                daten = daten.replace(b"</Types>", eintrag.encode() + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                eintrag = f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="sharedStrings.xml"/>'
                daten = daten.replace(b"</Relationships>", eintrag.encode() + b"</Relationships>")
            ziel.writestr(info, daten)
        with ziel.open("xl/sharedStrings.xml", "w") as teil:
            teil.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
            )
            for _ in range(120):
                teil.write(b"a" * 1_000_000)
            teil.write(b"</t></si></sst>")
    assert len(puffer.getvalue()) < 1_000_000
    pfad.write_bytes(puffer.getvalue())


def _ferne_zelle(wert: object) -> Callable[[Path], None]:
    return _zelle(MASSNAHMEN, "Maßnahmen", "XFD1048576", wert)


def _ferne_formatierte_zelle(projekt: Path) -> None:
    """A formatted but empty cell at the far corner: nothing to read there, no error."""
    mappe = openpyxl.load_workbook(projekt / MASSNAHMEN)
    mappe["Maßnahmen"]["XFD1048576"].number_format = "0.00"
    mappe["Maßnahmen"]["XFD1048576"].value = None
    mappe["Maßnahmen"]["XFD1048576"].font = openpyxl.styles.Font(bold=True)
    mappe.save(projekt / MASSNAHMEN)


def _sozial(zelle: str, wert: object) -> Callable[[Path], None]:
    return _zelle(SOZIAL, "Sozialdaten", zelle, wert)


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fall:
    """One broken input, the command, the exit code and the fragments of one message."""

    name: str
    brechen: Callable[[Path], None]
    meldung: tuple[str, ...]
    rc: int = 1
    befehl: tuple[str, ...] = ("check",)
    #: Fragments that must not appear anywhere in the output.
    nie: tuple[str, ...] = ()
    #: At most this many printed lines may hold the first fragment of ``meldung``.
    hoechstens: int | None = None


def _befragung(name: str) -> str:
    return f"{BEFRAGUNG_ORDNER}/{name}"


FAELLE = [
    # 1. Silently dropped input
    Fall(
        "befragung-als-xlsm-wird-gelesen",
        _nacheinander(
            _zelle(BEFRAGUNG, "Infrastruktur", "E2", "viele"),
            _umbenennen(BEFRAGUNG, _befragung("seniorenbuero_testbezirk.xlsm")),
        ),
        (
            "daten/befragung/seniorenbuero_testbezirk.xlsm, Blatt „Infrastruktur“, Zeile 2, "
            "Spalte „Anzahl“",
            "„viele“ ist keine ganze Zahl ≥ 0.",
        ),
    ),
    Fall(
        "befragung-endung-gross-wird-gelesen",
        _nacheinander(
            _zelle(BEFRAGUNG, "Infrastruktur", "E2", "viele"),
            _umbenennen(BEFRAGUNG, _befragung("SENIORENBUERO_TESTBEZIRK.XLSX")),
        ),
        ("daten/befragung/SENIORENBUERO_TESTBEZIRK.XLSX, Blatt „Infrastruktur“, Zeile 2",),
    ),
    Fall(
        "befragung-altes-xls",
        _datei(_befragung("seniorenbuero_alt.xls"), OLE_KOPF.replace(b"EncryptedPackage", b"W")),
        (_befragung("seniorenbuero_alt.xls"), "im alten Excel-Format (.xls, Excel 97–2003)"),
        nie=("Kennwort",),
    ),
    Fall(
        "befragung-xls-unter-xlsx-namen",
        _datei(
            _befragung("umbenannt.xlsx"),
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le"),
        ),
        (_befragung("umbenannt.xlsx"), "im alten Excel-Format"),
        nie=("Kennwort",),
    ),
    Fall(
        "befragung-fremde-datei-wird-genannt",
        _datei(_befragung("notizen.txt"), b"Anruf bei Frau M."),
        (_befragung("notizen.txt"), "Die Datei wird nicht gelesen"),
        rc=0,
    ),
    Fall(
        "befragung-unterordner-wird-genannt",
        lambda p: (p / _befragung("alt")).mkdir(),
        (_befragung("alt"), "Unterordner werden nicht gelesen."),
        rc=0,
    ),
    Fall(
        "fotoliste-grossgeschrieben-wird-gelesen",
        _nacheinander(
            _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A3", "IMG_9999.jpg"),
            _umbenennen(f"{FOTOS}/fotoliste.xlsx", f"{FOTOS}/Fotoliste.XLSX"),
        ),
        (f"{FOTOS}/Fotoliste.XLSX", "Zeile 3", "Das Foto „IMG_9999.jpg“ fehlt"),
        befehl=("build", "testdorf", "-j", "1"),
    ),
    Fall(
        "formel-ohne-ergebnis",
        _zelle(MASSNAHMEN, "Maßnahmen", "H2", "=1000*12"),
        (
            "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 2, Spalte „H“",
            "Die Zelle H2 enthält eine Formel ohne gespeichertes Ergebnis",
        ),
    ),
    # 2. Unbounded resources
    Fall(
        "ferne-zelle-mit-wert",
        _ferne_zelle("x"),
        ("daten/massnahmen.xlsx, Blatt „Maßnahmen“", "Die Tabelle ist zu groß", "XFD1048576"),
    ),
    Fall(
        "ferne-zelle-nur-formatiert",
        _ferne_formatierte_zelle,
        ("Keine Fehler gefunden",),
        rc=0,
    ),
    Fall(
        "zu-viele-spalten",
        _zelle(MASSNAHMEN, "Maßnahmen", "AAA2", "Notiz"),
        ("daten/massnahmen.xlsx, Blatt „Maßnahmen“", "703 Spalten (höchstens 500)"),
    ),
    Fall(
        "shared-strings-bombe",
        _shared_strings_bombe,
        (BEFRAGUNG, "entpackt aber 120 MB", "xl/sharedStrings.xml"),
    ),
    Fall(
        "statistik-zeilengrenze-aus-konfiguration",
        _toml("\n[statistik.bevoelkerung]\nmax_zeilen = 50\n"),
        (BEVOELKERUNG, "mehr als 50 Zeilen", "[statistik.bevoelkerung]", "max_zeilen"),
    ),
    Fall(
        "exponent-riesig-als-text",
        _csv_wert(4, "1e999999999"),
        (
            f"{BEVOELKERUNG}, Zeile 4, Spalte „Einwohner“",
            "„1e999999999“ ist als Zahl nicht verwendbar: zu groß",
        ),
    ),
    Fall(
        "exponent-1e308-in-excel",
        _sozial(f"E{SOZIAL_ZEILE_0911}", 1e308),
        (
            f"{SOZIAL}, Blatt „Sozialdaten“, Zeile {SOZIAL_ZEILE_0911}, "
            "Spalte „Haushalte insgesamt“",
            "zu groß (mehr als 15 Stellen vor dem Komma)",
        ),
    ),
    # 3. Crashes instead of messages
    Fall(
        "inf-in-anzahl",
        _zelle(BEFRAGUNG, "Infrastruktur", "E2", "inf"),
        ("Blatt „Infrastruktur“, Zeile 2, Spalte „Anzahl“", "keine endliche Zahl"),
    ),
    Fall(
        "nan-in-einwohner",
        _csv_wert(5, "NaN"),
        (f"{BEVOELKERUNG}, Zeile 5, Spalte „Einwohner“", "keine endliche Zahl"),
    ),
    Fall(
        "snan-in-sozialdaten",
        _sozial(f"F{SOZIAL_ZEILE_0911}", "sNaN"),
        (f"Zeile {SOZIAL_ZEILE_0911}, Spalte „Einpersonenhaushalte“", "keine endliche Zahl"),
    ),
    Fall(
        "1e30-als-kosten",
        _zelle(MASSNAHMEN, "Maßnahmen", "H2", "1e30"),
        ("Blatt „Maßnahmen“, Zeile 2, Spalte „Kosten (EUR)“", "zu groß"),
    ),
    Fall(
        "csv-feld-ueber-feldgrenze",
        _bevoelkerung(_csv_langes_feld),
        (f"{BEVOELKERUNG}, Zeile 4", "ist ein Feld länger als 131.072 Zeichen"),
    ),
    Fall(
        "stichtag-im-jahr-5",
        _csv_stichtag(4, "31.12.0005"),
        (f"{BEVOELKERUNG}, Zeile 4, Spalte „Stichtag“", "31.12.0005 ist nicht plausibel"),
    ),
    Fall(
        "stichtag-2099",
        _csv_stichtag(4, "31.12.2099"),
        (f"{BEVOELKERUNG}, Zeile 4, Spalte „Stichtag“", "liegt in der Zukunft"),
    ),
    Fall(
        "stichtag-jahr-5-in-excel",
        _sozial(f"A{SOZIAL_ZEILE_0911}", dt.datetime(5, 12, 31)),
        (f"{SOZIAL}, Blatt „Sozialdaten“, Zeile {SOZIAL_ZEILE_0911}, Spalte „Stichtag“",),
    ),
    # 4. Implausible figures
    Fall(
        "grundsicherung-mehr-als-65-plus",
        _sozial(f"H{SOZIAL_ZEILE_0911}", 500),
        (
            f"{SOZIAL}, Blatt „Sozialdaten“, Zeile {SOZIAL_ZEILE_0911}, "
            "Spalte „Grundsicherung im Alter (65+)“",
            "ist größer als es Einwohnerinnen und Einwohner ab 65 Jahren",
        ),
    ),
    Fall(
        "einpersonenhaushalte-mehr-als-haushalte",
        _sozial(f"F{SOZIAL_ZEILE_0911}", 600),
        (
            f"Zeile {SOZIAL_ZEILE_0911}, Spalte „Einpersonenhaushalte“",
            "ist größer als „Haushalte insgesamt“ (500)",
        ),
    ),
    Fall(
        "einwohner-10-hoch-25",
        _csv_wert(4, "10000000000000000000000000"),
        (f"{BEVOELKERUNG}, Zeile 4, Spalte „Einwohner“", "zu groß"),
    ),
    Fall(
        "einwohner-ueber-100-millionen",
        _csv_wert(4, "500.000.000"),
        (f"{BEVOELKERUNG}, Zeile 4, Spalte „Einwohner“", "500.000.000 ist nicht plausibel"),
    ),
    Fall(
        "einrichtungen-anzahl-unplausibel",
        _zelle(BEFRAGUNG, "Infrastruktur", "E2", 44225),
        ("Blatt „Infrastruktur“, Zeile 2, Spalte „Anzahl“", "nicht plausibel"),
    ),
    Fall(
        "flaeche-in-quadratmetern",
        _zelle("daten/quartiere.xlsx", "Quartiere", "H2", "1.234.000"),
        (
            "daten/quartiere.xlsx, Blatt „Quartiere“, Zeile 2, Spalte „Fläche (ha)“",
            "Eine Fläche von 1.234.000 ha ist nicht plausibel",
        ),
    ),
    # 5. Misleading messages
    Fall(
        "nul-nach-zahl",
        _csv_wert(4, "100\x00"),
        (f"{BEVOELKERUNG}, Zeile 4, Spalte „Einwohner“", "unsichtbare Steuerzeichen (U+0000)"),
    ),
    Fall(
        "fotoliste-unsichtbares-zeichen",
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", "IMG_0001.jpg\u200b"),
        ("Blatt „Fotos“, Zeile 2, Spalte „Datei“", "unsichtbare Steuerzeichen (U+200B)"),
        befehl=("build", "testdorf", "-j", "1"),
    ),
    Fall(
        "fotoliste-mehrere-namen-in-einer-zelle",
        _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", "IMG_0001.jpg\nIMG_0002.jpg"),
        ("Blatt „Fotos“, Zeile 2, Spalte „Datei“", "In der Zelle stehen mehrere Zeilen"),
        befehl=("build", "testdorf", "-j", "1"),
    ),
    Fall(
        "stichtag-zwei-schreibweisen",
        _bevoelkerung(_csv_zweite_schreibweise),
        (BEVOELKERUNG, "Der Stichtag 31.12.2016 steht in zwei Schreibweisen"),
        nie=("Doppelte Zeile",),
    ),
    Fall(
        "viele-doppelte-zeilen-zusammengefasst",
        _bevoelkerung(lambda z: [*z[:3], *z[3:59], *z[3:59], *z[59:]]),
        (BEVOELKERUNG, "weitere doppelte Zeilen"),
        hoechstens=5,
    ),
]


FAELLE += [
    # 7. Paths: the output folder is never an input folder
    Fall(
        "berichte-ist-vorlagen",
        _toml('\n[ausgabe]\nberichte = "vorlagen"\n'),
        ("qprofil.toml", "„vorlagen“", "ist der Eingabeordner vorlagen", "nie in seine Eingaben"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-in-befragung",
        _toml('\n[ausgabe]\nberichte = "daten/befragung"\n'),
        ("qprofil.toml", "„daten/befragung“", "liegt im Eingabeordner daten"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-ist-projektordner",
        _toml('\n[ausgabe]\nberichte = "."\n'),
        ("qprofil.toml", "enthält den Eingabeordner daten"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-ueber-umweg-in-daten",
        _toml('\n[ausgabe]\nberichte = "berichte/../daten/neu"\n'),
        ("qprofil.toml", "liegt im Eingabeordner daten"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-verknuepfung-auf-vorlagen",
        lambda p: (p / "berichte").symlink_to(p / "vorlagen", target_is_directory=True),
        ("qprofil.toml", "„berichte“", "ist der Eingabeordner vorlagen"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-ist-eine-datei",
        _datei("berichte", b"Notiz"),
        ("qprofil.toml", "Der Ausgabeordner „berichte“", "ist eine Datei, kein Ordner"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-unter-einer-datei",
        _nacheinander(_datei("ablage", b"Notiz"), _toml('\n[ausgabe]\nberichte = "ablage/2017"\n')),
        ("qprofil.toml", "„ablage/2017“", "liegt in ablage", "eine Datei, kein Ordner"),
        befehl=("build", "--all", "-j", "1"),
    ),
    Fall(
        "berichte-ist-statistikordner-bei-committee",
        _toml('\n[ausgabe]\nberichte = "daten/statistik"\n'),
        ("qprofil.toml", "„daten/statistik“", "nie in seine Eingaben"),
        befehl=("committee", "testdorf"),
    ),
]

PLATZHALTER = "{{ quartier.siedlungstyp }}"
VORLAGE = "vorlagen/quartiersprofil.docx"
GRENZE = "Die Vorlage überschreitet eine Grenze"


def _platzhalter(neu: str) -> Callable[[Path], None]:
    return _vorlage(PLATZHALTER, neu)


FAELLE += [
    # 2. Unbounded resources in templates: each expression and each document is bounded
    Fall(
        "vorlage-textwiederholung",
        _platzhalter("{{ quartier.siedlungstyp * 100000000 }}"),
        (VORLAGE, GRENZE, "1.600.000.000 Zeichen (höchstens 1.000.000)"),
    ),
    Fall(
        "vorlage-riesige-potenz",
        _platzhalter("{{ 10 ** 100000000 }}"),
        (VORLAGE, GRENZE, "eine Zahl mit etwa", "Stellen (höchstens 1.000)"),
    ),
    Fall(
        "vorlage-potenz-verkettet",
        _platzhalter("{{ (9 ** 9) ** (9 ** 9) }}"),
        (VORLAGE, GRENZE, "Stellen (höchstens 1.000)"),
    ),
    Fall(
        "vorlage-format-filter-breite",
        _platzhalter("{{ '%999999999d'|format(1) }}"),
        (VORLAGE, GRENZE, "formatiert mit der Breite 999999999"),
    ),
    Fall(
        "vorlage-str-format-breite",
        _platzhalter("{{ '{:>999999999}'.format(quartier.name) }}"),
        (VORLAGE, GRENZE, "formatiert mit der Breite 999999999"),
    ),
    Fall(
        "vorlage-prozent-mit-stern-breite",
        _platzhalter("{{ '%*d' % (999999999, 1) }}"),
        (VORLAGE, GRENZE, "berechneten Breite"),
    ),
    Fall(
        "vorlage-center-breite",
        _platzhalter("{{ quartier.siedlungstyp.center(999999999) }}"),
        (VORLAGE, GRENZE, "999.999.999 Zeichen"),
    ),
    Fall(
        "vorlage-ersetzen-bombe",
        _platzhalter(
            "{{ (quartier.siedlungstyp * 1000)|replace('e', quartier.siedlungstyp * 1000) }}"
        ),
        (VORLAGE, GRENZE, "Zeichen (höchstens 1.000.000)"),
    ),
    Fall(
        "vorlage-ausgabe-zu-lang",
        _platzhalter(
            "{% for i in range(100000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxx"
            "{% endfor %}{% endfor %}"
        ),
        (VORLAGE, GRENZE, "länger als 50.000.000 Zeichen"),
    ),
    Fall(
        "vorlage-verschachtelte-schleifen-zeit",
        _nacheinander(
            _platzhalter(
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
            ),
            _toml("\n[grenzen.vorlagen]\nmax_sekunden = 2\n"),
        ),
        (VORLAGE, GRENZE, "dauert länger als 2 Sekunden", "max_sekunden"),
    ),
    Fall(
        "vorlage-speicher-durch-verdoppeln",
        _nacheinander(
            _platzhalter(
                "{% set ns = namespace(s=quartier.siedlungstyp) %}{% for i in range(40) %}"
                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
            ),
            _toml("\n[grenzen.vorlagen]\nmax_mb = 256\n"),
        ),
        (VORLAGE, GRENZE, "Arbeitsspeicher"),
    ),
    Fall(
        "vorlage-include",
        _platzhalter("{% include 'kopf.docx' %}"),
        (VORLAGE, "will eine andere Vorlage „kopf.docx“ einbinden", "nicht erlaubt"),
        nie=("rechnet",),
    ),
    Fall(
        "vorlage-import",
        _platzhalter("{% import 'makros.docx' as m %}{{ m.titel() }}"),
        (VORLAGE, "will eine andere Vorlage „makros.docx“ einbinden"),
        nie=("rechnet",),
    ),
    Fall(
        "vorlage-from-import",
        _platzhalter("{% from 'makros.docx' import titel %}"),
        (VORLAGE, "will eine andere Vorlage „makros.docx“ einbinden"),
        nie=("rechnet",),
    ),
    Fall(
        "vorlage-extends",
        _platzhalter("{% extends 'basis.docx' %}"),
        (VORLAGE, "will eine andere Vorlage „basis.docx“ einbinden"),
        nie=("rechnet",),
    ),
    Fall(
        "grenzen-vorlagen-null-sekunden",
        _toml("\n[grenzen.vorlagen]\nmax_sekunden = 0\n"),
        (
            "qprofil.toml",
            "Ungültige Einstellung „grenzen.vorlagen.max_sekunden“",
            "erlaubt ist mindestens 1",
        ),
    ),
]

FAELLE += [
    # 2. Limits that a big project may raise: [grenzen.tabellen], [grenzen.fotos]
    Fall(
        "tabellengrenze-aus-konfiguration",
        _toml("\n[grenzen.tabellen]\nmax_zeilen = 3\n"),
        (
            "daten/massnahmen.xlsx, Blatt „Maßnahmen“",
            "4 Zeilen (höchstens 3)",
            "[grenzen.tabellen] den Wert max_zeilen",
        ),
    ),
    Fall(
        "tabellengrenze-erhoeht-liest-breite-tabelle",
        _nacheinander(
            _zelle(MASSNAHMEN, "Maßnahmen", "AAA2", "Notiz"),
            _toml("\n[grenzen.tabellen]\nmax_spalten = 800\n"),
        ),
        ("Keine Fehler gefunden",),
        rc=0,
    ),
    Fall(
        "tabellengrenze-ueber-hoechstwert",
        _toml("\n[grenzen.tabellen]\nmax_spalten = 20000\n"),
        (
            "qprofil.toml",
            "Ungültige Einstellung „grenzen.tabellen.max_spalten“",
            "„20000“ ist nicht zulässig; erlaubt ist höchstens 16384",
        ),
    ),
    Fall(
        "tabellengrenze-als-text",
        _toml('\n[grenzen.tabellen]\nmax_zeilen = "viele"\n'),
        ("qprofil.toml", "„grenzen.tabellen.max_zeilen“", "„viele“ ist keine ganze Zahl"),
    ),
    Fall(
        "grenzen-abschnitt-vertippt",
        _toml("\n[grenzen.tabelle]\nmax_zeilen = 10\n"),
        ("qprofil.toml", "„grenzen.tabelle“", "ist unbekannt (Tippfehler?)"),
    ),
    Fall(
        "fotogrenze-aus-konfiguration",
        _toml("\n[grenzen.fotos]\nmax_megapixel = 1\n"),
        (
            "fotoliste.xlsx, Blatt „Fotos“, Zeile 2, Spalte „Datei“",
            "1.200 × 900 Pixel (1,1 Megapixel, höchstens 1 Megapixel)",
            "[grenzen.fotos] max_megapixel",
        ),
        befehl=("build", "testdorf", "-j", "1"),
    ),
]


def _toml_mit_bom(projekt: Path) -> None:
    pfad = projekt / "qprofil.toml"
    pfad.write_bytes(b"\xef\xbb\xbf" + pfad.read_bytes())


def _foto_nfd(projekt: Path) -> None:
    """The list names „Bäckerei.jpg“ (NFC, as Excel writes it); on disk it is NFD (macOS)."""
    _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", "A2", "Bäckerei.jpg")(projekt)
    nfd = unicodedata.normalize("NFD", "Bäckerei.jpg")
    (projekt / FOTOS / "IMG_0001.jpg").rename(projekt / FOTOS / nfd)


def _fotoliste(zelle: str, wert: object) -> Callable[[Path], None]:
    return _zelle(f"{FOTOS}/fotoliste.xlsx", "Fotos", zelle, wert)


FAELLE += [
    # 8. Misleading messages
    Fall("toml-mit-bom-wird-gelesen", _toml_mit_bom, ("Keine Fehler gefunden",), rc=0),
    Fall(
        "toml-syntaxfehler-deutsch",
        _toml("\n[ausgabe]\nberichte berichte\n"),
        (
            "qprofil.toml",
            # the line depends on the test project's config; the column on the broken line
            "kein gültiges TOML: nach einem Namen fehlt das Gleichheitszeichen (Zeile ",
            ", Spalte 10)",
        ),
        nie=("Expected", "at line"),
    ),
    Fall(
        "toml-offenes-anfuehrungszeichen-deutsch",
        _toml('\n[gremienvorlage]\namt = "Sozialamt\n'),
        ("qprofil.toml", "ein Anführungszeichen wird vor dem Zeilenende nicht geschlossen (Zeile"),
        nie=("Illegal", "Unterminated"),
    ),
    Fall(
        "foto-name-in-nfd-auf-der-platte",
        _foto_nfd,
        ("Testdorf: neu",),
        rc=0,
        befehl=("build", "testdorf", "-j", "1"),
    ),
    # 3. Crashes instead of messages: names and patterns
    Fall(
        "fotoliste-dateiname-zu-lang",
        _fotoliste("A2", "x" * 300 + ".jpg"),
        (
            "fotoliste.xlsx, Blatt „Fotos“, Zeile 2, Spalte „Datei“",
            "ist mit 304 Zeichen länger, als ein Dateisystem erlaubt (höchstens 255 Bytes)",
        ),
        befehl=("build", "testdorf", "-j", "1"),
    ),
    Fall(
        "fotoliste-pfad-zu-lang",
        _fotoliste("A2", "ordner/" * 700 + "IMG_0001.jpg"),
        ("fotoliste.xlsx, Blatt „Fotos“, Zeile 2, Spalte „Datei“", "der Pfad ist zu lang"),
        befehl=("build", "testdorf", "-j", "1"),
    ),
    Fall(
        "regulaerer-ausdruck-ungueltig",
        _toml('\n[statistik.bevoelkerung]\nraumebenen = {Unterbezirk = "^[0-9"}\n'),
        (
            "qprofil.toml",
            "„statistik.bevoelkerung.raumebenen“",
            "„^[0-9“ für „Unterbezirk“ ist kein gültiger regulärer Ausdruck",
            "eine eckige Klammer [ wird nicht geschlossen",
        ),
    ),
    Fall(
        "regulaerer-ausdruck-klammer-zu-viel",
        _toml('\n[statistik.bevoelkerung]\nraumebenen = {Stadtbezirk = "^\\\\d{2})$"}\n'),
        ("qprofil.toml", "kein gültiger regulärer Ausdruck", "eine runde Klammer ) ist zu viel"),
    ),
    Fall(
        "quartier-kuerzel-zu-lang",
        _zelle("daten/quartiere.xlsx", "Quartiere", "A2", "t" * 300),
        ("daten/quartiere.xlsx, Blatt „Quartiere“, Zeile 2, Spalte „Kürzel“",),
        befehl=("build", "--all", "-j", "1"),
        nie=("Kein Quartier angegeben",),
    ),
]

FAELLE += [
    # 8. No English from Jinja in German sentences
    Fall(
        "vorlage-range-zu-gross-deutsch",
        _platzhalter("{% for i in range(1000000) %}x{% endfor %}"),
        (VORLAGE, "zählt mit range() über mehr als 100.000 Schritte"),
        nie=("Range too big", "MAX_RANGE", "OverflowError"),
    ),
    Fall(
        "vorlage-unbekannter-filter-deutsch",
        _platzhalter("{{ quartier.name|gibtsnicht }}"),
        (VORLAGE, "den Filter „gibtsnicht“ gibt es nicht"),
        nie=("No filter",),
    ),
    Fall(
        "vorlage-element-fehlt-deutsch",
        _platzhalter("{{ quartier.name[99] }}"),
        (VORLAGE, "„Element 99“"),
        nie=("has no element", "object"),
    ),
    Fall(
        "vorlage-leere-liste-deutsch",
        _platzhalter("{{ {}|dictsort|first|first }}"),
        (VORLAGE, "einer leeren Liste"),
        nie=("sequence was empty",),
    ),
]


def test_faelle_eindeutig_und_genug() -> None:
    namen = [f.name for f in FAELLE]
    assert len(namen) == len(set(namen))
    assert len(namen) >= 75


def _ausgabe_ohne_fehler_von_python(lauf: Lauf) -> None:
    text = lauf.out + lauf.err
    treffer = ENGLISCH.search(text)
    assert treffer is None, f"{treffer.group(0)!r} in:\n{text}"


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
def test_boese_eingabe(fall: Fall, tmp_path: Path) -> None:
    projekt = mini_projekt(tmp_path / "projekt")
    fall.brechen(projekt)
    eingaben = _eingaben(projekt)
    lauf = _qprofil(projekt, *fall.befehl)
    _ausgabe_ohne_fehler_von_python(lauf)
    assert lauf.rc == fall.rc, lauf.out + lauf.err
    assert _gemeldet(lauf, *fall.meldung), lauf.out + lauf.err
    for fragment in fall.nie:
        assert fragment not in lauf.out + lauf.err, lauf.out + lauf.err
    if fall.hoechstens is not None:
        # Rich prints every message as a table row: count the rows naming a duplicate.
        zeilen = [z for z in (lauf.out + lauf.err).splitlines() if "Doppelte" in z]
        assert len(zeilen) <= fall.hoechstens, lauf.out
    assert _eingaben(projekt) == eingaben
    if fall.rc != 0 and not (projekt / "berichte").is_symlink():  # a link: its target is checked
        berichte = _baum(projekt / "berichte")
        assert not any(n.endswith((".docx", ".pdf")) for n in berichte), berichte


def test_eingaben_unveraendert_nach_build_mit_hinweis(tmp_path: Path) -> None:
    """A hint only (a stray file in the survey folder): the profile is built with the survey."""
    projekt = mini_projekt(tmp_path / "projekt")
    (projekt / _befragung("liesmich.pdf")).write_bytes(b"%PDF-1.4\n")
    _umbenennen(BEFRAGUNG, _befragung("seniorenbuero_testbezirk.XLSM"))(projekt)
    vorher = {
        n: hashlib.sha256((projekt / "daten" / n).read_bytes()).hexdigest()
        for n in _baum(projekt / "daten")
        if (projekt / "daten" / n).is_file()
    }
    lauf = _qprofil(projekt, "build", "testdorf", "-j", "1")
    _ausgabe_ohne_fehler_von_python(lauf)
    assert lauf.rc == 0, lauf.out + lauf.err
    assert _gemeldet(lauf, _befragung("liesmich.pdf"), "Die Datei wird nicht gelesen")
    assert (projekt / "berichte/quartiersprofil_testdorf.docx").is_file()
    from docx_lesen import absaetze

    texte = "\n".join(absaetze(projekt / "berichte/quartiersprofil_testdorf.docx"))
    assert "Bäckerei Kräuter & Söhne" in texte  # the survey made it into the profile
    nachher = {
        n: hashlib.sha256((projekt / "daten" / n).read_bytes()).hexdigest()
        for n in _baum(projekt / "daten")
        if (projekt / "daten" / n).is_file()
    }
    assert nachher == vorher
