"""Reading generated .docx files the way a test should: text, tables, images, XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def absaetze(pfad: Path) -> list[str]:
    """All paragraph texts of the body, tables included, in document order."""
    doc = Document(str(pfad))
    texte = []
    for element in doc.element.body.iter(qn("w:p")):
        texte.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
    return texte


def ueberschriften(pfad: Path) -> list[tuple[str, str]]:
    """(style name, text) of every heading paragraph."""
    doc = Document(str(pfad))
    return [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Überschrift", "Title"))
    ]


def tabellen(pfad: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    doc = Document(str(pfad))
    return [[[c.text for c in zeile.cells] for zeile in t.rows] for t in doc.tables]


def tabelle_mit(pfad: Path, kopf_text: str) -> list[list[str]]:
    """The first table whose first row contains ``kopf_text``."""
    for t in tabellen(pfad):
        if t and any(kopf_text in zelle for zelle in t[0]):
            return t
    raise AssertionError(f"keine Tabelle mit „{kopf_text}“ im Kopf")


def zeile_mit(tabelle: list[list[str]], anfang: str) -> list[str]:
    """The row whose first cell starts with ``anfang``."""
    for zeile in tabelle:
        if zeile[0].startswith(anfang):
            return zeile
    raise AssertionError(f"keine Zeile „{anfang}“")


def bilder(pfad: Path) -> list[dict[str, str]]:
    """Every drawing in the body: its alt text (descr) and the media part it shows."""
    doc = Document(str(pfad))
    ergebnis = []
    for drawing in doc.element.body.iter(qn("w:drawing")):
        doc_pr = next(drawing.iter(qn("wp:docPr")))
        blip = next(drawing.iter(qn("a:blip")))
        rid = blip.get(qn("r:embed"))
        teil = doc.part.related_parts[rid]
        ergebnis.append(
            {"alt": doc_pr.get("descr", ""), "teil": str(teil.partname), "blob": teil.blob}
        )
    return ergebnis


def xml(pfad: Path, teil: str = "word/document.xml") -> str:
    """The raw XML of one part."""
    with zipfile.ZipFile(pfad) as z:
        return z.read(teil).decode("utf-8")
