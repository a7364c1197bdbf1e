"""Turn finished .docx files into PDF/A-2b with LibreOffice, tables of contents filled in.

A plain ``soffice --convert-to pdf`` leaves a Word table of contents as the placeholder text the
template carries, because only Word updates fields on opening. So the conversion runs as a small
LibreOffice Basic macro instead: it opens each document hidden, updates every index and field,
and exports with the PDF/A filter settings. The macro lives in a private, throw-away LibreOffice
profile per call, which also lets several conversions run side by side. Only ``soffice`` itself is
needed – no Python-UNO bridge.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import escape

from qprofil.ausgabe.schreiber import Ausgabeordner, Geschrieben, datei_sha256
from qprofil.fehler import Befund, Ort, PdfFehler
from qprofil.projekt import Projekt

#: Environment variable with the path of ``soffice`` (or ``soffice.exe``); wins over the search.
UMGEBUNGSVARIABLE = "QPROFIL_SOFFICE"

INSTALLATIONSHILFE = (
    "LibreOffice installieren – Debian/Ubuntu: „sudo apt-get install libreoffice-writer-nogui "
    "fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea hyphen-de“; Windows: LibreOffice von "
    "https://www.libreoffice.org installieren und, falls es nicht automatisch gefunden wird, "
    "die Umgebungsvariable "
    f"{UMGEBUNGSVARIABLE} auf den Pfad von soffice.exe setzen "
    r"(z. B. C:\Program Files\LibreOffice\program\soffice.exe)."
)

_MODUL = "QprofilPdf"

# LibreOffice Basic, run once per call. Errors are caught per document and written next to the
# expected PDF, because an uncaught Basic error would wait for a click on a dialog nobody sees.
_BASIC = """\
Sub Start
  Melde("{gestartet}", "gestartet")
{auftraege}
  Beenden
End Sub

Sub Konvertiere(sQuelle As String, sZiel As String, sFehler As String)
  Dim oDoc As Object
  On Error GoTo Fehler
  Dim aLaden(2) As New com.sun.star.beans.PropertyValue
  aLaden(0).Name = "Hidden" : aLaden(0).Value = True
  aLaden(1).Name = "ReadOnly" : aLaden(1).Value = True
  ' Without a fixed filter a damaged file would open as plain text and become a PDF of garbage.
  aLaden(2).Name = "FilterName" : aLaden(2).Value = "MS Word 2007 XML"
  oDoc = StarDesktop.loadComponentFromURL(sQuelle, "_blank", 0, aLaden())
  If IsNull(oDoc) Then
    Melde(sFehler, "LibreOffice konnte die Datei nicht öffnen.")
    Exit Sub
  End If
  Aktualisiere(oDoc)
  ' PDF/A-2b (SelectPdfVersion 1/2/3 = PDF/A-1b/2b/3b), tagged for screen readers.
  Dim aFilter(1) As New com.sun.star.beans.PropertyValue
  aFilter(0).Name = "SelectPdfVersion" : aFilter(0).Value = CLng(2)
  aFilter(1).Name = "UseTaggedPDF" : aFilter(1).Value = True
  Dim aExport(1) As New com.sun.star.beans.PropertyValue
  aExport(0).Name = "FilterName" : aExport(0).Value = "writer_pdf_Export"
  aExport(1).Name = "FilterData" : aExport(1).Value = aFilter()
  oDoc.storeToURL(sZiel, aExport())
  oDoc.close(True)
  Exit Sub
Fehler:
  Melde(sFehler, "Basic-Fehler " & Err & " in Zeile " & Erl & ": " & Error$)
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub

Sub Aktualisiere(oDoc As Object)
  Dim oVerzeichnisse As Object, i As Integer, iRunde As Integer
  oVerzeichnisse = oDoc.getDocumentIndexes()
  ' Twice: filling the table of contents can push headings onto later pages.
  For iRunde = 1 To 2
    For i = 0 To oVerzeichnisse.getCount() - 1
      oVerzeichnisse.getByIndex(i).update()
    Next i
    oDoc.getTextFields().refresh()
    oDoc.refresh()
  Next iRunde
End Sub

Sub Melde(sFehler As String, sText As String)
  Dim iNr As Integer
  On Error Resume Next
  iNr = FreeFile()
  Open sFehler For Output As #iNr
  Print #iNr, sText
  Close #iNr
End Sub

Sub Beenden
  On Error Resume Next
  StarDesktop.terminate()
End Sub
"""

_XML_KOPF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE {art} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{dtd}">\n'
)

_REGISTRY = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" \
oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice_finden() -> str | None:
    """Path of LibreOffice's ``soffice``, or None; QPROFIL_SOFFICE overrides the search."""
    vorgabe = os.environ.get(UMGEBUNGSVARIABLE, "").strip().strip('"')
    if vorgabe:
        # A wrong setting must not silently fall back to another LibreOffice.
        if Path(vorgabe).is_file():
            return vorgabe
        return shutil.which(vorgabe)
    for name in ("soffice", "libreoffice"):
        gefunden = shutil.which(name)
        if gefunden:
            return gefunden
    for kandidat in _uebliche_orte():
        if kandidat.is_file():
            return str(kandidat)
    return None


def _uebliche_orte() -> list[Path]:
    """Install locations outside PATH: Windows and macOS installers do not add LibreOffice to it."""
    orte: list[Path] = []
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
            basis = os.environ.get(variable)
            if basis:
                for unterordner in ("LibreOffice", "Programs/LibreOffice"):
                    orte.append(Path(basis) / unterordner / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        orte.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
        orte.append(Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice")
    else:
        orte.append(Path("/usr/lib/libreoffice/program/soffice"))
        # The packages from libreoffice.org install to /opt/libreofficeX.Y; take the newest.
        orte.extend(
            sorted(Path("/opt").glob("libreoffice*/program/soffice"), key=_version, reverse=True)
        )
    return orte


def _version(soffice: Path) -> tuple[int, ...]:
    """Version numbers in the install folder's name: /opt/libreoffice25.8 → (25, 8)."""
    return tuple(int(zahl) for zahl in re.findall(r"\d+", soffice.parent.parent.name))


_T = TypeVar("_T")


class MitBefunden(list[_T]):
    """A list of results that also carries hints (``befunde``) for the person running qprofil.

    It iterates and compares like the plain list it replaces, so existing callers keep working;
    callers that want to show the hints read ``.befunde`` (``Befund`` with schwere "Hinweis").
    """

    def __init__(self, werte: Iterable[_T] = (), befunde: Iterable[Befund] = ()) -> None:
        super().__init__(werte)
        self.befunde: list[Befund] = list(befunde)


def nach_pdf(
    docx_dateien: Sequence[Path], zielordner: Path, *, timeout: float = 180
) -> MitBefunden[Path]:
    """Convert .docx files to tagged PDF/A-2b in ``zielordner`` with one LibreOffice run.

    Returns the PDFs; ``.befunde`` of the result holds hints about the conversion: no German
    hyphenation patterns for LibreOffice, or fonts of a document that LibreOffice replaced.
    """
    quellen = [Path(datei).resolve() for datei in docx_dateien]
    if not quellen:
        return MitBefunden()
    for quelle in quellen:
        if not quelle.is_file():
            raise PdfFehler(
                "Die Word-Datei für die PDF-Ausgabe fehlt.",
                Ort(quelle),
                "Zuerst die .docx-Datei erzeugen.",
            )
    zielordner = Path(zielordner)
    ziele = [zielordner / f"{quelle.stem}.pdf" for quelle in quellen]
    doppelt = sorted({z.name for z in ziele if ziele.count(z) > 1})
    if doppelt:
        raise PdfFehler(
            f"Mehrere Word-Dateien ergäben dieselbe PDF-Datei: {', '.join(doppelt)}.",
            Ort(zielordner),
            "Die Dateien in getrennten Aufrufen oder in verschiedene Ordner umwandeln.",
        )

    soffice = soffice_finden()
    if soffice is None:
        vorgabe = os.environ.get(UMGEBUNGSVARIABLE, "").strip()
        meldung = (
            f"{UMGEBUNGSVARIABLE} verweist auf „{vorgabe}“, dort ist aber kein LibreOffice."
            if vorgabe
            else "LibreOffice (soffice) wurde nicht gefunden; ohne LibreOffice gibt es keine PDF."
        )
        raise PdfFehler(meldung, Ort(), INSTALLATIONSHILFE)

    zielordner.mkdir(parents=True, exist_ok=True)
    # The PDFs are written next to their final place, so that os.replace stays on one file system
    # and a reader never sees a half-written PDF.
    with (
        tempfile.TemporaryDirectory(
            prefix="qprofil-soffice-", ignore_cleanup_errors=True
        ) as profil,
        tempfile.TemporaryDirectory(
            prefix=".qprofil-pdf-", dir=zielordner, ignore_cleanup_errors=True
        ) as zwischen,
    ):
        zwischenordner = Path(zwischen)
        pdfs = [zwischenordner / f"{nummer:04d}.pdf" for nummer in range(len(quellen))]
        fehler = [pdf.with_suffix(".fehler.txt") for pdf in pdfs]
        gestartet = zwischenordner / "gestartet.txt"
        auftraege = list(zip(quellen, pdfs, fehler, strict=True))
        _profil_anlegen(Path(profil), auftraege, gestartet)
        _soffice_ausfuehren(soffice, Path(profil), timeout, quellen)
        if not gestartet.is_file():
            raise PdfFehler(
                "LibreOffice hat das Umwandlungsmakro nicht ausgeführt; keine PDF für "
                f"{', '.join(q.name for q in quellen)}.",
                Ort(soffice),
                "Prüfen, ob Makros in LibreOffice durch eine Richtlinie gesperrt sind, und "
                "LibreOffice gegebenenfalls neu installieren. " + INSTALLATIONSHILFE,
            )
        probleme = _pruefen(quellen, pdfs, fehler)
        # Finished PDFs are delivered even when another file of the batch failed.
        for quelle, pdf, ziel in zip(quellen, pdfs, ziele, strict=True):
            if quelle not in probleme:
                _ersetzen(pdf, ziel)
    if probleme:
        raise PdfFehler(
            "LibreOffice hat keine PDF erzeugt für "
            + "; ".join(f"{quelle.name} ({grund})" for quelle, grund in probleme.items())
            + ".",
            Ort(next(iter(probleme)) if len(probleme) == 1 else zielordner),
            "Die Word-Datei in LibreOffice öffnen und prüfen, ob sie sich dort anzeigen und als "
            "PDF exportieren lässt.",
        )
    befunde = silbentrennung_pruefen(soffice)
    for quelle, ziel in zip(quellen, ziele, strict=True):
        befunde.extend(schriften_pruefen(quelle, ziel))
    return MitBefunden(ziele, befunde)


def _ersetzen(pdf: Path, ziel: Path) -> None:
    """Move the finished PDF into place in one step."""
    try:
        os.replace(pdf, ziel)
    except OSError as fehler:
        raise PdfFehler(
            f"Die PDF-Datei ließ sich nicht schreiben: {fehler.strerror or fehler}",
            Ort(ziel),
            "Ist die PDF noch in einem anderen Programm geöffnet? Dann dort schließen und erneut "
            "versuchen.",
        ) from fehler


def _profil_anlegen(
    profil: Path, auftraege: list[tuple[Path, Path, Path]], gestartet: Path
) -> None:
    """Write a minimal LibreOffice user profile whose Basic library holds the conversion macro."""
    benutzer = profil / "user"
    standard = benutzer / "basic" / "Standard"
    standard.mkdir(parents=True)
    # Marking the set-up as done keeps LibreOffice from copying its presets over our Basic library.
    (benutzer / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    for art, dateiname in (("script", "script.xlc"), ("dialog", "dialog.xlc")):
        (benutzer / "basic" / dateiname).write_text(
            _XML_KOPF.format(art="library:libraries", dtd="libraries.dtd")
            + '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
            'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
            ' <library:library library:name="Standard" library:link="false"/>\n'
            "</library:libraries>\n",
            encoding="utf-8",
        )
        elemente = f' <library:element library:name="{_MODUL}"/>\n' if art == "script" else ""
        (standard / f"{art}.xlb").write_text(
            _XML_KOPF.format(art="library:library", dtd="library.dtd")
            + '<library:library xmlns:library="http://openoffice.org/2000/library" '
            'library:name="Standard" library:readonly="false" '
            'library:passwordprotected="false">\n'
            f"{elemente}</library:library>\n",
            encoding="utf-8",
        )
    zeilen = [
        f'  Konvertiere("{_url(quelle)}", "{_url(pdf)}", "{_url(fehler)}")'
        for quelle, pdf, fehler in auftraege
    ]
    # File URLs are percent-encoded ASCII, so they are safe inside Basic string literals; the
    # rest of the module is escaped once for the XML file it is stored in.
    quelltext = _BASIC.format(gestartet=_url(gestartet), auftraege="\n".join(zeilen))
    (standard / f"{_MODUL}.xba").write_text(
        _XML_KOPF.format(art="script:module", dtd="module.dtd")
        + '<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="{_MODUL}" script:language="StarBasic">'
        + escape(quelltext)
        + "</script:module>\n",
        encoding="utf-8",
    )


def _url(pfad: Path) -> str:
    """File URL for LibreOffice; a stray quote would end the Basic string, so it is doubled."""
    return pfad.resolve().as_uri().replace('"', '""')


def _soffice_ausfuehren(soffice: str, profil: Path, timeout: float, quellen: list[Path]) -> None:
    """Run soffice headless with the private profile and the macro; kill it on timeout."""
    befehl = [
        soffice,
        f"-env:UserInstallation={profil.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        f"macro:///Standard.{_MODUL}.Start()",
    ]
    namen = ", ".join(q.name for q in quellen)
    try:
        prozess = subprocess.Popen(
            befehl,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # Its own process group, so that a timeout ends soffice.bin as well as the launcher.
            start_new_session=sys.platform != "win32",
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
        )
    except OSError as fehler:
        raise PdfFehler(
            f"LibreOffice ließ sich nicht starten: {fehler}",
            Ort(soffice),
            INSTALLATIONSHILFE,
        ) from fehler
    try:
        _, stderr = prozess.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as fehler:
        _beenden(prozess)
        raise PdfFehler(
            f"LibreOffice hat die PDF-Umwandlung nach {timeout:g} s nicht beendet ({namen}).",
            Ort(),
            "Läuft ein anderes LibreOffice-Fenster mit offenem Dialog? Sonst den Zeitrahmen "
            "erhöhen oder weniger Dateien auf einmal umwandeln.",
        ) from fehler
    except BaseException:
        # Ctrl+C or SIGTERM: soffice runs in its own session and would outlive qprofil.
        _beenden(prozess)
        raise
    if prozess.returncode != 0:
        ausgabe = stderr.decode(errors="replace").strip()[-500:]
        raise PdfFehler(
            f"LibreOffice endete mit Fehlercode {prozess.returncode} ({namen}). {ausgabe}".strip(),
            Ort(),
            "Die Word-Datei in LibreOffice öffnen und prüfen, ob sie sich dort anzeigen lässt.",
        )


def _beenden(prozess: subprocess.Popen[bytes]) -> None:
    """Kill soffice and everything it started."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(prozess.pid)],
            capture_output=True,
            check=False,
        )
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(prozess.pid, signal.SIGKILL)
    prozess.kill()
    prozess.communicate()


def _lesen(datei: Path) -> str:
    """Read the macro's error note as one line; Basic writes it in the system's encoding."""
    roh = datei.read_bytes()
    try:
        text = roh.decode("utf-8")
    except UnicodeDecodeError:
        text = roh.decode("cp1252", errors="replace")
    return " ".join(text.split())[:500]


def _pruefen(quellen: list[Path], pdfs: list[Path], fehler: list[Path]) -> dict[Path, str]:
    """Return the reason for every source whose PDF is missing, empty or not a PDF."""
    probleme: dict[Path, str] = {}
    for quelle, pdf, fehlerdatei in zip(quellen, pdfs, fehler, strict=True):
        if fehlerdatei.is_file():
            probleme[quelle] = _lesen(fehlerdatei)
        elif not pdf.is_file() or pdf.stat().st_size == 0:
            probleme[quelle] = "keine PDF geschrieben"
        else:
            with pdf.open("rb") as datei:
                if datei.read(5) != b"%PDF-":
                    probleme[quelle] = "das Ergebnis ist keine PDF"
    return probleme


# --- Checks of the result: hyphenation patterns and fonts

#: Folders where a system LibreOffice finds hyphenation patterns besides its own extensions
#: (Debian/Ubuntu: package hyphen-de; some distributions use the myspell folder).
SILBENTRENNUNG_ORDNER: tuple[Path, ...] = (
    Path("/usr/share/hyphen"),
    Path("/usr/local/share/hyphen"),
    Path("/usr/share/myspell/dicts"),
    Path("/usr/share/myspell"),
)

# Fonts a template may ask for, with the metric-compatible fonts LibreOffice uses in their place
# without changing line and page breaks (names lower case, without spaces).
_GLEICHE_MASSE = {
    "arial": ("liberationsans", "arimo"),
    "helvetica": ("liberationsans", "arimo"),
    "timesnewroman": ("liberationserif", "tinos"),
    "couriernew": ("liberationmono", "cousine"),
    "courier": ("liberationmono", "cousine"),
    "calibri": ("carlito",),
    "cambria": ("caladea",),
}
# LibreOffice draws bullets and some symbols from its own OpenSymbol: no substitution.
_IMMER_ERLAUBT = ("opensymbol",)
_BASEFONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>(){}%]+)")
_RFONTS = re.compile(r"<w:rFonts\b[^>]*>")
_RFONT_ATTR = re.compile(r'w:(?:ascii|hAnsi|cs)="([^"]+)"')
_SCHNITT = re.compile(r"[-,](bold|italic|oblique|regular|bolditalic|boldoblique|mt)+$")


def silbentrennung_pruefen(
    soffice: str | None, ordner: Sequence[Path] | None = None
) -> list[Befund]:
    """A hint when LibreOffice has no German hyphenation patterns (hyph_de*.dic).

    Without them LibreOffice breaks long German words in narrow table columns at the last letter
    that fits, without a hyphen ("Menglinghause n"). Looked for in the extensions of the
    LibreOffice installation (Windows, macOS, libreoffice.org packages) and in the system's
    hyphenation folders (Linux distributions).
    """
    orte: list[Path] = []
    if soffice:
        programm = Path(soffice).resolve().parent
        # program/soffice → share/extensions; macOS: Contents/MacOS/soffice → Contents/Resources.
        orte += [
            programm.parent / "share" / "extensions",
            programm.parent / "Resources" / "extensions",
        ]
    orte += list(SILBENTRENNUNG_ORDNER if ordner is None else ordner)
    for ort in orte:
        with contextlib.suppress(OSError):
            if ort.is_dir() and (
                any(ort.glob("hyph_de*.dic"))
                or any(ort.glob("*/hyph_de*.dic"))
                or any(ort.glob("*/*/hyph_de*.dic"))
            ):
                return []
    return [
        Befund(
            "Hinweis",
            "PDF",
            Ort(soffice) if soffice else Ort(),
            "LibreOffice hat keine deutschen Silbentrennmuster (hyph_de*.dic); lange Wörter werden "
            "in schmalen Tabellenspalten ohne Trennstrich zerrissen.",
            "Debian/Ubuntu: „sudo apt-get install hyphen-de“; Windows und macOS: LibreOffice mit "
            "deutschem Sprachpaket bzw. der Erweiterung „Deutsche Rechtschreibung und "
            "Silbentrennung“ installieren. Danach die PDFs mit --force neu erzeugen.",
        )
    ]


def schriften_pruefen(docx: Path, pdf: Path) -> list[Befund]:
    """A hint when the PDF embeds fonts the document did not ask for: LibreOffice substituted.

    The fonts asked for are those named in the document's styles, body, headers and footers;
    Arial may come out as Liberation Sans, Calibri as Carlito and so on (same metrics). Any other
    embedded font stands in for a missing one, and line and page breaks differ from Word.
    """
    verlangt = _verlangte_schriften(docx)
    eingebettet = _eingebettete_schriften(pdf)
    if not verlangt or not eingebettet:
        return []
    erlaubt = set(_IMMER_ERLAUBT)
    for name in verlangt:
        schluessel = _schluessel(name)
        erlaubt.add(schluessel)
        erlaubt.update(_GLEICHE_MASSE.get(schluessel, ()))
    fremd = sorted({name for name in eingebettet if _schluessel(name) not in erlaubt})
    if not fremd:
        return []
    fehlend = sorted(
        name
        for name in verlangt
        if not (
            {_schluessel(name), *_GLEICHE_MASSE.get(_schluessel(name), ())}
            & {_schluessel(e) for e in eingebettet}
        )
    )
    gesucht = ", ".join(fehlend) if fehlend else ", ".join(sorted(verlangt))
    return [
        Befund(
            "Hinweis",
            "PDF",
            Ort(pdf),
            f"Schrift ersetzt: Das Dokument verlangt {gesucht}, in der PDF steht "
            f"{', '.join(fremd)}. Zeilen- und Seitenumbrüche weichen deshalb von Word ab.",
            "Die verlangte Schrift oder eine mit gleichen Maßen installieren (Debian/Ubuntu: "
            "„sudo apt-get install fonts-liberation2 fonts-crosextra-carlito "
            "fonts-crosextra-caladea“ für Arial, Times New Roman, Calibri, Cambria) und die PDF "
            "mit --force neu erzeugen.",
        )
    ]


def _schluessel(name: str) -> str:
    """Font name for comparing: lower case, no spaces, no style suffix ("LiberationSans-Bold")."""
    name = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
    name = name.replace(" ", "").replace("#20", "").lower()
    return _SCHNITT.sub("", name)


def _verlangte_schriften(docx: Path) -> set[str]:
    """Font names the document's text, styles, headers and footers ask for (no theme fonts)."""
    namen: set[str] = set()
    try:
        with zipfile.ZipFile(docx) as archiv:
            for eintrag in archiv.namelist():
                if re.fullmatch(r"word/(styles|document|header\d*|footer\d*)\.xml", eintrag):
                    xml = archiv.read(eintrag).decode("utf-8", errors="replace")
                    for tag in _RFONTS.findall(xml):
                        namen.update(_RFONT_ATTR.findall(tag))
    except (OSError, zipfile.BadZipFile, KeyError):
        return set()
    # Symbol fonts for bullets are drawn by LibreOffice's OpenSymbol, whatever the document says.
    return {n for n in namen if _schluessel(n) not in ("symbol", "wingdings")}


def _eingebettete_schriften(pdf: Path) -> set[str]:
    """Names of the fonts in a PDF (subset prefix removed), as pdffonts lists them."""
    try:
        daten = pdf.read_bytes()
    except OSError:
        return set()
    namen = set()
    for roh in _BASEFONT.findall(daten):
        name = roh.decode("latin-1")
        if re.match(r"^[A-Z]{6}\+", name):
            name = name[7:]
        namen.add(name.replace("#20", " "))
    return namen


# --- PDF output of a build: convert the written .docx files, record the PDFs like any output


def pdf_schreiben(
    projekt: Projekt, docx: Sequence[Path], force: bool = False
) -> MitBefunden[Geschrieben]:
    """Convert ``docx`` (in one LibreOffice call) and write the PDFs safely beside them.

    A PDF whose manifest entry says it was made from a .docx with the same content, and which is
    still there unchanged, is kept ("unverändert"): LibreOffice writes a new creation date and
    document ID into every PDF, so converting again would report a change that is none.
    ``.befunde`` of the result holds the hints of :func:`nach_pdf`; for the current command line
    the same text is also in ``Geschrieben.hinweis`` of the PDF concerned.
    """
    if not docx:
        return MitBefunden()
    hashes = {quelle: _hash(quelle) for quelle in docx}
    with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
        aktuell = {
            quelle
            for quelle in docx
            if ausgabe.aktuell(quelle.with_suffix(".pdf").name, hashes[quelle])
        }
    umwandeln = [quelle for quelle in docx if quelle not in aktuell]
    geschrieben: dict[Path, Geschrieben] = {}
    with tempfile.TemporaryDirectory(prefix="qprofil-pdf-") as tmp:
        pdfs = nach_pdf(umwandeln, Path(tmp)) if umwandeln else []
        with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
            for quelle, pdf in zip(umwandeln, pdfs, strict=True):
                geschrieben[quelle] = ausgabe.schreiben(
                    quelle.with_suffix(".pdf").name, pdf.read_bytes(), hashes[quelle]
                )
            for quelle in aktuell:
                geschrieben[quelle] = ausgabe.vermerken(quelle.with_suffix(".pdf").name)
    # Checked again here rather than taken from nach_pdf: the hints name the PDFs at their final
    # place, and a kept PDF keeps its hint on the next run.
    befunde = silbentrennung_pruefen(soffice_finden())
    allgemein = list(befunde)
    eigene: dict[Path, list[Befund]] = {}
    for quelle in docx:
        eigene[quelle] = schriften_pruefen(quelle, geschrieben[quelle].pfad)
        befunde.extend(eigene[quelle])
    ergebnis: MitBefunden[Geschrieben] = MitBefunden(befunde=befunde)
    for nr, quelle in enumerate(docx):
        g = geschrieben[quelle]
        texte = [g.hinweis] if g.hinweis else []
        texte += [b.meldung for b in (allgemein if nr == 0 else []) + eigene[quelle]]
        ergebnis.append(dataclasses.replace(g, hinweis=" ".join(texte)) if texte else g)
    return ergebnis


def _hash(quelle: Path) -> str:
    # A PDF is made from its .docx: that file's hash is its whole input.
    return datei_sha256(quelle)
