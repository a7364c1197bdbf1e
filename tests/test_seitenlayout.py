"""Page layout of the real profiles as PDF: no page left half blank after a chart or in the photos.

Builds the four shipped profiles with --pdf (LibreOffice), reads the text per page with
pdftotext, and measures per page how far down its content reaches (the lowest inked pixel row
of the page rendered by pdftoppm, as a share of the type area). What is checked is where
captions land and how full a page is, not pixel positions, so small font differences do not
matter.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) oder poppler-utils (pdftotext) fehlen: "
    "sudo apt-get install libreoffice-writer-nogui poppler-utils",
)


QUARTIERE = ("menglinghausen", "derne", "jungferntal", "marten")
#: Photos in daten/begehungen/<quartier> of the shipped example.
FOTOS = {"menglinghausen": 8, "derne": 7, "jungferntal": 8, "marten": 7}


@pytest.fixture(scope="module")
def berichte(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ziel = tmp_path_factory.mktemp("layout")
    shutil.copy(REPO / "qprofil.toml", ziel)
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "--all", "--pdf", "-j", "2"],
        cwd=ziel,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    return ziel / "berichte"


def _seiten(berichte: Path, quartier: str) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(berichte / f"quartiersprofil_{quartier}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.fixture(scope="module")
def seiten(berichte: Path) -> list[str]:
    return _seiten(berichte, "menglinghausen")


def _seite_mit(seiten: list[str], muster: str) -> int:
    return next(i for i, s in enumerate(seiten) if re.search(muster, s))


def _fuellung(pdf: Path, ordner: Path) -> list[float]:
    """Per page, how far down the content reaches: 0 = empty, 1 = down to the footer.

    The type area lies between the header rule and the footer (10 % and 89 % of the A4 height
    in the house style, vorlagen/quartiersprofil.docx); a pixel darker than light grey counts.
    """
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(ordner / "s")], check=True
    )
    werte = []
    for datei in sorted(ordner.glob("s-*.png")):
        bild = Image.open(datei).convert("L")
        breite, hoehe = bild.size
        px = bild.load()
        oben, unten = int(hoehe * 0.10), int(hoehe * 0.89)
        tiefste = oben
        for y in range(oben, unten):
            if any(px[x, y] < 200 for x in range(int(breite * 0.08), int(breite * 0.92))):
                tiefste = y
        werte.append((tiefste - oben) / (unten - oben))
    return werte


def test_beide_diagramme_der_demografie_auf_einer_seite(seiten: list[str]):
    assert _seite_mit(seiten, r"Abbildung 1:") == _seite_mit(seiten, r"Abbildung 2:")


@pytest.mark.parametrize("quartier", QUARTIERE)
def test_fotostrecke_drei_fotos_je_seite(berichte: Path, quartier: str):
    # Captions „Foto N: …“ per page: the first page of the series may hold fewer (it begins
    # under the section's opening lines), the last holds the rest; every other page holds three.
    je_seite = [
        len(re.findall(r"^Foto \d+:", s, re.MULTILINE)) for s in _seiten(berichte, quartier)
    ]
    mit_fotos = [n for n in je_seite if n]
    assert sum(mit_fotos) == FOTOS[quartier]
    assert all(n == 3 for n in mit_fotos[1:-1]), je_seite


@pytest.mark.parametrize("quartier", QUARTIERE)
def test_keine_halb_leere_seite(berichte: Path, quartier: str, tmp_path: Path):
    # Every page but the last is filled at least to 60 % of the type area: no page ends half
    # blank because a chart or the photo series did not fit below.
    fuellung = _fuellung(berichte / f"quartiersprofil_{quartier}.pdf", tmp_path)
    assert len(fuellung) > 10
    halb_leer = [(nr, round(f, 2)) for nr, f in enumerate(fuellung[:-1], start=1) if f < 0.6]
    assert not halb_leer, f"Seiten (Nr., Füllung) von {quartier}: {halb_leer}"


def test_impressum_nicht_zerrissen(seiten: list[str]):
    impressum = _seite_mit(seiten, r"\nImpressum\n")
    assert "Herausgeber" in seiten[impressum]
    assert "Hinweis" in seiten[impressum]
