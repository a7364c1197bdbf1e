"""Page layout of a real profile as PDF: no page left half blank after a chart or in the photos.

Builds the shipped Menglinghausen profile with --pdf (LibreOffice) and reads the text per page
with pdftotext. What is checked is where captions land, not pixel positions, so small font
differences do not matter.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) oder poppler-utils (pdftotext) fehlen: "
    "sudo apt-get install libreoffice-writer-nogui poppler-utils",
)


@pytest.fixture(scope="module")
def seiten(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    ziel = tmp_path_factory.mktemp("layout")
    shutil.copy(REPO / "qprofil.toml", ziel)
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "menglinghausen", "--pdf", "-j", "1"],
        cwd=ziel,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    text = subprocess.run(
        ["pdftotext", str(ziel / "berichte/quartiersprofil_menglinghausen.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")


def _seite_mit(seiten: list[str], muster: str) -> int:
    return next(i for i, s in enumerate(seiten) if re.search(muster, s))


def test_beide_diagramme_der_demografie_auf_einer_seite(seiten: list[str]):
    assert _seite_mit(seiten, r"Abbildung 1:") == _seite_mit(seiten, r"Abbildung 2:")


def test_fotostrecke_zwei_fotos_je_seite(seiten: list[str]):
    # Captions „Foto N: …“ per page; the first page of the series also holds the section's
    # heading and may hold one or two, the last may hold one: every other page holds two.
    je_seite = [len(re.findall(r"^Foto \d+:", s, re.MULTILINE)) for s in seiten]
    mit_fotos = [n for n in je_seite if n]
    assert sum(mit_fotos) == 8  # eight photos in daten/begehungen/menglinghausen
    assert all(n == 2 for n in mit_fotos[1:-1]), je_seite


def test_impressum_nicht_zerrissen(seiten: list[str]):
    impressum = _seite_mit(seiten, r"\nImpressum\n")
    assert "Herausgeber" in seiten[impressum]
    assert "Hinweis" in seiten[impressum]
