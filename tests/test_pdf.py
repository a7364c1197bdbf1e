"""PDF output through LibreOffice: real conversions of small Word files made here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from qprofil.ausgabe import pdf
from qprofil.fehler import PdfFehler
from qprofil.zahlen import prozent

braucht_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) oder poppler-utils (pdftotext) fehlen / not installed: "
    "sudo apt-get install libreoffice-writer-nogui poppler-utils",
)

PLATZHALTER = "Das Inhaltsverzeichnis wird beim Öffnen aktualisiert."


def _feld(absatz: Paragraph, anweisung: str, platzhalter: str) -> None:
    """Append a Word complex field (begin / instrText / separate / text / end) as Word writes it."""

    def zeichen(art: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), art)
        absatz.add_run()._r.append(element)

    zeichen("begin")
    anweisungstext = OxmlElement("w:instrText")
    anweisungstext.set(qn("xml:space"), "preserve")
    anweisungstext.text = f" {anweisung} "
    absatz.add_run()._r.append(anweisungstext)
    zeichen("separate")
    absatz.add_run(platzhalter)
    zeichen("end")


def _docx(pfad: Path, quartier: str = "Hörde") -> Path:
    """A short profile: TOC on page 1, headings on pages 2 and 3, page numbers in the footer."""
    dokument = Document()
    # Document language and title come from the Word file; screen readers need both (BITV 2.0).
    dokument.core_properties.title = f"Quartiersprofil {quartier}"
    standard = dokument.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    standard.find(qn("w:rPr")).find(qn("w:lang")).set(qn("w:val"), "de-DE")
    dokument.add_paragraph(f"Quartiersprofil {quartier}", style="Title")
    _feld(dokument.add_paragraph(), r'TOC \o "1-3" \h \z \u', PLATZHALTER)
    fuss = dokument.sections[0].footer.paragraphs[0]
    fuss.add_run("Seite ")
    _feld(fuss, "PAGE", "1")
    fuss.add_run(" von ")
    _feld(fuss, "NUMPAGES", "1")
    dokument.add_page_break()
    dokument.add_heading(f"Bevölkerung in {quartier}", level=1)
    dokument.add_paragraph(
        f"Der Anteil der über 80-Jährigen beträgt {prozent(12.3)}. Größere Straßen sind schwer "
        "zu überqueren."
    )
    dokument.add_heading("Altersstruktur der Einwohnerinnen und Einwohner", level=2)
    dokument.add_paragraph("Übergänge, Grünflächen und Bänke. " * 10)
    dokument.add_page_break()
    dokument.add_heading("Pflege und Versorgung", level=1)
    dokument.add_paragraph("Ärztliche Versorgung im Quartier.")
    dokument.save(pfad)
    return pfad


def _text(pdf_datei: Path, *seiten: int) -> str:
    """Text of the PDF (or of a page range) with every run of whitespace made one space."""
    befehl = ["pdftotext", "-layout"]
    if seiten:
        befehl += ["-f", str(seiten[0]), "-l", str(seiten[-1])]
    ausgabe = subprocess.run(
        [*befehl, str(pdf_datei), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(ausgabe.split())


def _xmp(pdf_datei: Path) -> str:
    """The XMP metadata packet; PDF/A keeps it uncompressed so it can be read from the bytes."""
    daten = pdf_datei.read_bytes()
    treffer = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", daten, re.DOTALL)
    assert treffer, "keine XMP-Metadaten in der PDF"
    return treffer.group().decode("utf-8")


def _xmp_wert(xmp: str, name: str) -> str | None:
    """A property of the XMP packet, written as element or as attribute."""
    treffer = re.search(rf"<{name}>\s*([^<]*?)\s*</{name}>|{name}=\"([^\"]*)\"", xmp)
    if not treffer:
        return None
    return treffer.group(1) or treffer.group(2)


@pytest.fixture(scope="module")
def profil_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One converted profile, shared by the tests that only read it."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) fehlt / not installed")
    ordner = tmp_path_factory.mktemp("profil")
    quelle = _docx(ordner / "Quartiersprofil Hörde.docx")
    ergebnis = pdf.nach_pdf([quelle], ordner / "berichte")
    assert ergebnis == [ordner / "berichte" / "Quartiersprofil Hörde.pdf"]
    return ergebnis[0]


@braucht_soffice
def test_pdf_enthaelt_den_deutschen_text(profil_pdf: Path) -> None:
    assert profil_pdf.read_bytes().startswith(b"%PDF-")
    text = _text(profil_pdf)
    assert "Der Anteil der über 80-Jährigen beträgt 12,3 %." in text
    assert "Größere Straßen sind schwer zu überqueren." in text
    assert "Ärztliche Versorgung im Quartier." in text


@braucht_soffice
def test_pdf_gibt_sich_als_pdf_a_2b_aus(profil_pdf: Path) -> None:
    xmp = _xmp(profil_pdf)
    assert _xmp_wert(xmp, "pdfaid:part") == "2"
    assert _xmp_wert(xmp, "pdfaid:conformance") == "B"


@braucht_soffice
def test_pdf_ist_getaggt_mit_ueberschriften_und_verzeichnis(profil_pdf: Path) -> None:
    daten = profil_pdf.read_bytes()
    assert b"/StructTreeRoot" in daten
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", daten)
    struktur = subprocess.run(
        ["pdfinfo", "-struct", str(profil_pdf)], capture_output=True, check=True, text=True
    ).stdout
    # Screen readers navigate by these tags: headings and the table of contents.
    tags = {zeile.split()[0] for zeile in struktur.splitlines() if zeile.strip()}
    assert {"H1", "H2", "TOC", "TOCI"} <= tags


@braucht_soffice
def test_sprache_und_titel_kommen_aus_der_word_datei(profil_pdf: Path) -> None:
    assert re.search(rb"/Lang\s*\(de-DE\)", profil_pdf.read_bytes())
    info = subprocess.run(
        ["pdfinfo", str(profil_pdf)], capture_output=True, check=True, text=True
    ).stdout
    assert re.search(r"^Title:\s+Quartiersprofil Hörde$", info, re.MULTILINE), info


@braucht_soffice
def test_inhaltsverzeichnis_ist_ausgefuellt(profil_pdf: Path) -> None:
    text = _text(profil_pdf)
    assert PLATZHALTER not in text
    for ueberschrift in (
        "Bevölkerung in Hörde",
        "Altersstruktur der Einwohnerinnen und Einwohner",
        "Pflege und Versorgung",
    ):
        # Once in the table of contents, once as the heading itself.
        assert text.count(ueberschrift) == 2, ueberschrift
    verzeichnis = _text(profil_pdf, 1)
    assert re.search(r"Bevölkerung in Hörde ?\.{3,} ?2\b", verzeichnis), verzeichnis
    assert re.search(r"Pflege und Versorgung ?\.{3,} ?3\b", verzeichnis), verzeichnis


@braucht_soffice
def test_seitenzahlen_in_der_fusszeile(profil_pdf: Path) -> None:
    assert "Seite 1 von 3" in _text(profil_pdf, 1)
    assert "Seite 3 von 3" in _text(profil_pdf, 3)


@braucht_soffice
def test_zwei_dateien_in_einem_aufruf(tmp_path: Path) -> None:
    quellen = [_docx(tmp_path / "Hörde.docx", "Hörde"), _docx(tmp_path / "Eving.docx", "Eving")]
    ziel = tmp_path / "berichte"
    ergebnis = pdf.nach_pdf(quellen, ziel)
    assert ergebnis == [ziel / "Hörde.pdf", ziel / "Eving.pdf"]
    assert "Bevölkerung in Hörde" in _text(ergebnis[0])
    assert "Bevölkerung in Eving" in _text(ergebnis[1])
    # Nothing half-finished stays behind in the output folder.
    assert sorted(p.name for p in ziel.iterdir()) == ["Eving.pdf", "Hörde.pdf"]


@braucht_soffice
def test_zwei_umwandlungen_gleichzeitig(tmp_path: Path) -> None:
    ergebnisse: dict[str, list[Path]] = {}
    fehler: list[Exception] = []

    def umwandeln(name: str) -> None:
        try:
            quelle = _docx(tmp_path / f"{name}.docx", name)
            ergebnisse[name] = pdf.nach_pdf([quelle], tmp_path / f"aus-{name}")
        except Exception as err:  # handed to the main thread, where pytest sees it
            fehler.append(err)

    faeden = [threading.Thread(target=umwandeln, args=(n,)) for n in ("Scharnhorst", "Huckarde")]
    for faden in faeden:
        faden.start()
    for faden in faeden:
        faden.join()
    assert not fehler, fehler
    for name in ("Scharnhorst", "Huckarde"):
        assert f"Bevölkerung in {name}" in _text(ergebnisse[name][0])


@braucht_soffice
def test_kaputte_datei_wird_benannt_und_die_gute_geliefert(tmp_path: Path) -> None:
    gut = _docx(tmp_path / "gut.docx")
    kaputt = tmp_path / "kaputt.docx"
    kaputt.write_text("Das ist keine Word-Datei.", encoding="utf-8")
    ziel = tmp_path / "berichte"
    with pytest.raises(PdfFehler, match=r"kaputt\.docx") as info:
        pdf.nach_pdf([gut, kaputt], ziel)
    assert "gut.docx" not in info.value.meldung
    assert (ziel / "gut.pdf").is_file()
    assert not (ziel / "kaputt.pdf").exists()


def test_fehlendes_soffice_nennt_die_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pdf.UMGEBUNGSVARIABLE, str(tmp_path / "gibt-es-nicht" / "soffice"))
    assert pdf.soffice_finden() is None
    with pytest.raises(PdfFehler) as info:
        pdf.nach_pdf([_docx(tmp_path / "a.docx")], tmp_path)
    fehler = info.value
    assert "QPROFIL_SOFFICE" in fehler.meldung
    assert "sudo apt-get install libreoffice-writer-nogui" in fehler.hilfe
    assert "fonts-crosextra-carlito" in fehler.hilfe
    assert "libreoffice.org" in fehler.hilfe
    assert "soffice.exe" in fehler.hilfe


def test_ohne_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_finden", lambda: None)
    monkeypatch.delenv(pdf.UMGEBUNGSVARIABLE, raising=False)
    with pytest.raises(PdfFehler, match="nicht gefunden") as info:
        pdf.nach_pdf([_docx(tmp_path / "a.docx")], tmp_path)
    assert "apt-get install" in info.value.hilfe
    assert str(info.value).startswith("LibreOffice")


def test_umgebungsvariable_hat_vorrang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    eigenes = tmp_path / "LibreOffice" / "soffice"
    eigenes.parent.mkdir()
    eigenes.write_text("", encoding="utf-8")
    monkeypatch.setenv(pdf.UMGEBUNGSVARIABLE, str(eigenes))
    assert pdf.soffice_finden() == str(eigenes)


def test_fehlende_word_datei(tmp_path: Path) -> None:
    with pytest.raises(PdfFehler, match="fehlt") as info:
        pdf.nach_pdf([tmp_path / "gibt-es-nicht.docx"], tmp_path)
    assert info.value.ort.datei == (tmp_path / "gibt-es-nicht.docx").resolve()


def test_gleiche_namen_werden_abgelehnt(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    quellen = [_docx(tmp_path / "a" / "Profil.docx"), _docx(tmp_path / "b" / "Profil.docx")]
    with pytest.raises(PdfFehler, match=r"Profil\.pdf"):
        pdf.nach_pdf(quellen, tmp_path / "berichte")


def test_leere_liste_startet_nichts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_finden", lambda: None)
    assert pdf.nach_pdf([], tmp_path) == []


nur_posix = pytest.mark.skipif(sys.platform == "win32", reason="Shell-Skript als soffice-Ersatz")


def _ersatz_soffice(ordner: Path, skript: str) -> Path:
    """A stand-in for soffice that misbehaves in a controlled way."""
    datei = ordner / "soffice"
    datei.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin:$PATH\n{skript}\n", encoding="utf-8")
    datei.chmod(0o755)
    return datei


@nur_posix
def test_soffice_endet_ohne_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.UMGEBUNGSVARIABLE, str(_ersatz_soffice(tmp_path, "exit 0")))
    ziel = tmp_path / "berichte"
    with pytest.raises(PdfFehler, match=r"Profil Eving\.docx"):
        pdf.nach_pdf([_docx(tmp_path / "Profil Eving.docx")], ziel)
    assert list(ziel.iterdir()) == []


@nur_posix
def test_soffice_mit_fehlercode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    skript = "echo 'kaputt' >&2; exit 81"
    monkeypatch.setenv(pdf.UMGEBUNGSVARIABLE, str(_ersatz_soffice(tmp_path, skript)))
    with pytest.raises(PdfFehler, match="Fehlercode 81"):
        pdf.nach_pdf([_docx(tmp_path / "a.docx")], tmp_path / "berichte")


@nur_posix
def test_zeitueberschreitung_beendet_alle_prozesse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like soffice's launcher: a shell that waits for a child doing the work.
    pid_datei = tmp_path / "kind.pid"
    skript = f"sleep 60 &\necho $! > '{pid_datei}'\nwait"
    monkeypatch.setenv(pdf.UMGEBUNGSVARIABLE, str(_ersatz_soffice(tmp_path, skript)))
    beginn = time.monotonic()
    with pytest.raises(PdfFehler, match="nach 1 s nicht beendet"):
        pdf.nach_pdf([_docx(tmp_path / "a.docx")], tmp_path / "berichte", timeout=1)
    assert time.monotonic() - beginn < 20
    kind = int(pid_datei.read_text(encoding="utf-8"))
    for _ in range(50):
        if not _laeuft(kind):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"Kindprozess {kind} läuft nach der Zeitüberschreitung weiter")


def _laeuft(pid: int) -> bool:
    """Whether a process runs; a killed child nobody has reaped yet (zombie) counts as ended."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- hints about the conversion: substituted fonts, missing hyphenation patterns ---------------


def _docx_mit_schrift(pfad: Path, schrift: str) -> Path:
    """A short document whose Normal style asks for ``schrift``."""
    dokument = Document()
    normal = dokument.styles["Normal"]
    normal.font.name = schrift
    rfonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    rfonts.set(qn("w:cs"), schrift)
    dokument.add_paragraph("Werbegemeinschaft Menglinghausen, barrierefrei erreichbar.")
    dokument.save(pfad)
    return pfad


@braucht_soffice
def test_ersetzte_schrift_wird_als_hinweis_gemeldet(tmp_path: Path) -> None:
    fehlt = _docx_mit_schrift(tmp_path / "fehlt.docx", "Qprofil Fantasieschrift")
    arial = _docx_mit_schrift(tmp_path / "arial.docx", "Arial")
    ergebnis = pdf.nach_pdf([fehlt, arial], tmp_path / "pdf")
    assert ergebnis == [tmp_path / "pdf" / "fehlt.pdf", tmp_path / "pdf" / "arial.pdf"]
    hinweise = [b for b in ergebnis.befunde if "Schrift ersetzt" in b.meldung]
    assert len(hinweise) == 1, ergebnis.befunde
    assert hinweise[0].schwere == "Hinweis"
    assert hinweise[0].ort.datei == tmp_path / "pdf" / "fehlt.pdf"
    assert "Qprofil Fantasieschrift" in hinweise[0].meldung
    # Arial coming out as the metric-compatible Liberation Sans is no substitution worth a hint.
    assert pdf.schriften_pruefen(arial, tmp_path / "pdf" / "arial.pdf") == []


def test_schriftnamen_aus_pdf_und_docx(tmp_path: Path) -> None:
    roh = tmp_path / "a.pdf"
    roh.write_bytes(b"%PDF-1.7\n<< /Type /Font /BaseFont /BAAAAA+DejaVuSans-Bold >>\n")
    assert pdf._eingebettete_schriften(roh) == {"DejaVuSans-Bold"}
    docx = _docx_mit_schrift(tmp_path / "a.docx", "Arial")
    assert "Arial" in pdf._verlangte_schriften(docx)
    [hinweis] = pdf.schriften_pruefen(docx, roh)
    assert "Arial" in hinweis.meldung and "DejaVuSans-Bold" in hinweis.meldung


def test_fehlende_deutsche_silbentrennung_wird_gemeldet(tmp_path: Path) -> None:
    soffice = tmp_path / "lo" / "program" / "soffice"
    soffice.parent.mkdir(parents=True)
    soffice.write_text("")
    [hinweis] = pdf.silbentrennung_pruefen(str(soffice), ordner=[tmp_path / "hyphen"])
    assert hinweis.schwere == "Hinweis"
    assert "Silbentrenn" in hinweis.meldung and "hyphen-de" in hinweis.hilfe
    # Debian's hyphen-de …
    (tmp_path / "hyphen").mkdir()
    (tmp_path / "hyphen" / "hyph_de_DE.dic").write_text("ISO8859-1\n")
    assert pdf.silbentrennung_pruefen(str(soffice), ordner=[tmp_path / "hyphen"]) == []
    # … or the dictionary extension bundled with LibreOffice for Windows and macOS.
    erweiterung = tmp_path / "lo" / "share" / "extensions" / "dict-de"
    erweiterung.mkdir(parents=True)
    (erweiterung / "hyph_de_DE.dic").write_text("ISO8859-1\n")
    assert pdf.silbentrennung_pruefen(str(soffice), ordner=[]) == []


# --- incremental PDF output -------------------------------------------------------------------


@braucht_soffice
def test_unveraenderte_word_datei_behaelt_ihre_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    berichte = tmp_path / "berichte"
    berichte.mkdir()
    projekt = SimpleNamespace(berichte=berichte)
    quelle = _docx(berichte / "quartiersprofil_hoerde.docx")
    [erst] = pdf.pdf_schreiben(projekt, [quelle])  # type: ignore[arg-type]
    assert erst.status == "neu"
    vorher = erst.pfad.read_bytes()

    def nicht_umwandeln(*_args: object, **_kwargs: object) -> list[Path]:
        raise AssertionError("unveränderte Word-Datei erneut umgewandelt")

    monkeypatch.setattr(pdf, "nach_pdf", nicht_umwandeln)
    for _ in range(2):
        [wieder] = pdf.pdf_schreiben(projekt, [quelle])  # type: ignore[arg-type]
        assert wieder.status == "unverändert"
        assert wieder.pfad.read_bytes() == vorher
    monkeypatch.undo()

    # A changed .docx, a deleted PDF and --force convert again.
    _docx(quelle, quartier="Eving")
    [geaendert] = pdf.pdf_schreiben(projekt, [quelle])  # type: ignore[arg-type]
    assert geaendert.status == "aktualisiert"
    assert "Eving" in _text(geaendert.pfad)
    geaendert.pfad.unlink()
    [geloescht] = pdf.pdf_schreiben(projekt, [quelle])  # type: ignore[arg-type]
    assert geloescht.status == "neu"
    [erzwungen] = pdf.pdf_schreiben(projekt, [quelle], force=True)  # type: ignore[arg-type]
    assert erzwungen.status == "aktualisiert"


@braucht_soffice
def test_schmale_tabellenspalte_trennt_mit_trennstrich(tmp_path: Path) -> None:
    """With hyph_de and the template's settings, narrow columns hyphenate instead of tearing."""
    if pdf.silbentrennung_pruefen(pdf.soffice_finden()):
        pytest.skip("keine deutschen Silbentrennmuster (hyphen-de) installiert")
    from docx.shared import Cm

    dokument = Document(
        str(Path(__file__).resolve().parent.parent / "vorlagen" / "gremienvorlage.docx")
    )
    body = dokument.element.body
    for kind in list(body):
        if kind.tag != qn("w:sectPr"):
            body.remove(kind)
    # A column 2 cm wide, as in the narrow columns of the tables (Zuständigkeit, Status).
    tabelle = dokument.add_table(rows=1, cols=2)
    tabelle.autofit = False
    for spalte in tabelle._tbl.tblGrid.findall(qn("w:gridCol")):
        spalte.set(qn("w:w"), str(Cm(2).twips))
    for zelle in tabelle.rows[0].cells:
        zelle.width = Cm(2)
    tabelle.rows[0].cells[0].text = "Werbegemeinschaft"
    tabelle.rows[0].cells[1].text = "Menglinghausen"
    quelle = tmp_path / "schmal.docx"
    dokument.save(quelle)
    [ziel] = pdf.nach_pdf([quelle], tmp_path)
    # -layout: without it pdftotext joins hyphenated words again.
    zeilen = subprocess.run(
        ["pdftotext", "-layout", str(ziel), "-"], capture_output=True, text=True, check=True
    ).stdout.split()
    getrennt = [z for z in zeilen if z.endswith("-")]
    assert getrennt, zeilen
    # Every broken word carries a hyphen: no "Menglinghause" / "n" pieces.
    assert "Menglinghause" not in zeilen and "Werbegemeinsch" not in zeilen
