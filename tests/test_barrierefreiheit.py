"""Accessible documents: a real profile built with --pdf, checked in the .docx and the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx_lesen import bilder, xml

braucht_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) oder poppler-utils (pdftotext) fehlen / not installed: "
    "sudo apt-get install libreoffice-writer-nogui poppler-utils",
)


@pytest.fixture
def mit_pdf(mini: Path, qprofil) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) fehlt / not installed")
    aufruf = qprofil("build", "testdorf", "--pdf", "-j", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    return mini / "berichte"


@braucht_soffice
def test_pdf_text_pdfa_und_sprache(mit_pdf: Path):
    pdf = mit_pdf / "quartiersprofil_testdorf.pdf"
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Quartiersprofil Testdorf" in text
    # Anteil 65+ of the quarter, German format (split() above turned the protected space into " ")
    assert "17,4 %" in text
    assert "Steckbrief" in text.split("Steckbrief", 1)[1]  # TOC filled: heading appears twice
    daten = pdf.read_bytes()
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", daten, re.DOTALL)
    assert xmp is not None
    assert re.search(rb"pdfaid:part(>|=\")2", xmp.group())
    assert re.search(rb"pdfaid:conformance(>|=\")B", xmp.group())
    assert b"/StructTreeRoot" in daten and b"/Lang(de-DE)" in daten


def test_docx_barrierefrei(mini: Path, qprofil):
    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    docx = mini / "berichte" / "quartiersprofil_testdorf.docx"
    # every image has alternative text; charts carry their key values
    alle = bilder(docx)
    assert alle and all(b["alt"].strip() for b in alle)
    assert any("17,4\u00a0%" in b["alt"] for b in alle)
    # title, subject, author, language
    cp = Document(str(docx)).core_properties
    assert cp.title and cp.subject and cp.author and cp.language == "de-DE"
    assert 'w:lang w:val="de-DE"' in xml(docx, "word/styles.xml") or 'w:val="de-DE"' in xml(
        docx, "word/styles.xml"
    )
    # headings in order, no level skipped
    doc = Document(str(docx))
    ebenen = [
        int(p.style.name.split()[-1])
        for p in doc.paragraphs
        if p.style is not None and re.fullmatch(r"Heading \d", p.style.name)
    ]
    assert ebenen[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(ebenen))
    # every table has a header row marked to repeat across pages
    for tabelle in doc.tables:
        erste = tabelle.rows[0]._tr
        assert erste.find(qn("w:trPr")) is not None
        assert erste.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
