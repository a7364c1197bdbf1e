"""Table of contents and caption numbers filled when rendering, so no program must update fields."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from qprofil.word.rendern import felder_fuellen

PLATZHALTER = "Inhaltsverzeichnis: bitte aktualisieren"


def _feld(absatz: Paragraph, anweisung: str, ergebnis: str) -> None:
    def zeichen(art: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), art)
        if art == "begin":
            element.set(qn("w:dirty"), "true")
        absatz.add_run()._r.append(element)

    zeichen("begin")
    instr = OxmlElement("w:instrText")
    instr.text = f" {anweisung} "
    absatz.add_run()._r.append(instr)
    zeichen("separate")
    absatz.add_run(ergebnis)
    zeichen("end")


def _dokument() -> Document:
    dokument = Document()
    settings = dokument.settings.element
    settings.append(OxmlElement("w:updateFields"))
    _feld(dokument.add_paragraph(), r'TOC \o "1-2" \h \z \u', PLATZHALTER)
    dokument.add_heading("Steckbrief", level=1)
    for nr in range(3):
        absatz = dokument.add_paragraph("Abbildung ")
        _feld(absatz, r"SEQ Abbildung \* ARABIC", "1")  # docxtpl loops copy the cached "1"
        absatz.add_run(f": Bild {nr}")
    dokument.add_heading("Demografie", level=1)
    dokument.add_heading("Altersstruktur", level=2)
    dokument.add_heading("Nicht im Verzeichnis (Ebene 3)", level=3)
    return dokument


def test_inhaltsverzeichnis_aus_den_ueberschriften() -> None:
    dokument = _dokument()
    felder_fuellen(dokument)
    texte = [p.text for p in dokument.paragraphs]
    assert PLATZHALTER not in texte
    assert texte[:3] == ["Steckbrief", "Demografie", "Altersstruktur"]
    # The field stays a field (Word can refresh it), but is not marked for updating.
    xml = dokument.element.xml
    assert 'TOC \\o "1-2"' in xml
    assert "w:dirty" not in xml
    assert dokument.settings.element.find(qn("w:updateFields")) is None
    # begin … end still pair up: the end sits in the last entry.
    letzter = dokument.paragraphs[2]._p
    assert letzter.xpath(".//w:fldChar/@w:fldCharType") == ["end"]


def test_bildnummern_in_dokumentreihenfolge() -> None:
    dokument = _dokument()
    felder_fuellen(dokument)
    texte = [p.text for p in dokument.paragraphs if p.text.startswith("Abbildung")]
    assert texte == ["Abbildung 1: Bild 0", "Abbildung 2: Bild 1", "Abbildung 3: Bild 2"]


def test_gebautes_profil_hat_ausgefuelltes_verzeichnis(mini: Path, qprofil) -> None:
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    datei = mini / "berichte" / "quartiersprofil_testdorf.docx"
    with zipfile.ZipFile(datei) as archiv:
        assert b"updateFields" not in archiv.read("word/settings.xml")
    dokument = Document(io.BytesIO(datei.read_bytes()))
    eintraege = [p.text for p in dokument.paragraphs if p.style.name.startswith("toc")]
    assert "1\tSteckbrief" in eintraege
    assert any(e.startswith("2\tDemografie") for e in eintraege)
    assert "Impressum" in eintraege or any("Quellen" in e for e in eintraege)
    assert not any("Inhaltsverzeichnis" in e for e in eintraege)
