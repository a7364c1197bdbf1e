"""PDF output of a build: convert the written .docx files and record the PDFs like any output."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from qprofil.output import Ausgabeordner, Geschrieben
from qprofil.project import Projekt


def pdf_schreiben(projekt: Projekt, docx: Sequence[Path], force: bool = False) -> list[Geschrieben]:
    """Convert ``docx`` (in one LibreOffice call) and write the PDFs safely beside them."""
    from qprofil.pdf import nach_pdf

    if not docx:
        return []
    with tempfile.TemporaryDirectory(prefix="qprofil-pdf-") as tmp:
        pdfs = nach_pdf(list(docx), Path(tmp))
        ergebnis = []
        with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
            for quelle, pdf in zip(docx, pdfs, strict=True):
                ergebnis.append(
                    ausgabe.schreiben(
                        quelle.with_suffix(".pdf").name, pdf.read_bytes(), _hash(quelle)
                    )
                )
        return ergebnis


def _hash(quelle: Path) -> str:
    from qprofil.output import datei_sha256

    # A PDF is made from its .docx: that file's hash is its whole input.
    return datei_sha256(quelle)
