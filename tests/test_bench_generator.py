"""The city-scale benchmark generator (bench/stadt_erzeugen.py) writes a valid project."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import sys
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gen():  # type: ignore[no-untyped-def]
    name = "qprofil_bench_stadt_erzeugen"
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / "stadt_erzeugen.py")
    assert spec is not None and spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    sys.modules[name] = modul
    spec.loader.exec_module(modul)
    return modul


def _kleines_jpeg(orientierung: int, farbe: int) -> bytes:
    bild = Image.new("RGB", (64, 48), (farbe, 90, 120))
    exif = Image.Exif()
    exif[0x0112] = orientierung
    puffer = io.BytesIO()
    bild.save(puffer, "JPEG", exif=exif)
    return puffer.getvalue()


def _kleiner_pool(gen, ordner: Path) -> Path:  # type: ignore[no-untyped-def]
    """A complete photo pool of tiny JPEGs, so the test does not draw 40 phone photos."""
    ordner.mkdir(parents=True)
    for i in range(gen.POOL_GROESSE):
        (ordner / f"foto_{i:02d}.jpg").write_bytes(_kleines_jpeg(6 if i % 3 == 0 else 1, i))
    (ordner / f".fertig-v{gen.VERSION}").write_text("ok\n")
    return ordner


def test_gliederung(gen) -> None:  # type: ignore[no-untyped-def]
    ubs = gen.gliederung()
    assert len(ubs) == 170
    assert len({ub.nr for ub in ubs}) == 170
    assert len({ub.stat_bezirk for ub in ubs}) == 62
    assert len({ub.stadtbezirk.nr for ub in ubs}) == 12
    assert all(ub.nr.startswith(ub.stat_bezirk) for ub in ubs)
    # a few quarters already cover several Stadtbezirke
    assert len({ub.stadtbezirk.nr for ub in gen.quartiere_waehlen(4)}) == 4


def test_kommentar_macht_inhalt_verschieden(gen) -> None:  # type: ignore[no-untyped-def]
    daten = _kleines_jpeg(6, 10)
    stelle = gen._kommentar_stelle(daten)
    a = gen.mit_kommentar(daten, stelle, "ub-0111/IMG_1.jpg")
    b = gen.mit_kommentar(daten, stelle, "ub-0111/IMG_2.jpg")
    assert hashlib.sha256(a).digest() != hashlib.sha256(b).digest()
    for inhalt in (a, b):
        with Image.open(io.BytesIO(inhalt)) as bild:
            assert bild.getexif()[0x0112] == 6  # EXIF still found and intact
            assert bild.tobytes() == Image.open(io.BytesIO(daten)).tobytes()


def test_projekt_ist_gueltig(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from qprofil.einlesen.eingaben import eingaben_lesen, quartiersdaten
    from qprofil.einlesen.tabelle import OHNE_CACHE
    from qprofil.fehler import Befunde
    from qprofil.projekt import projekt_laden

    pool = _kleiner_pool(gen, tmp_path / "pool")
    ziel = tmp_path / "stadt"
    info = gen.erzeugen(ziel, quartiere=3, pool=pool, prozesse=1, meldung=False)
    assert info["quartiere"] == 3

    projekt = projekt_laden(ziel)
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde, OHNE_CACHE)
    assert not befunde.fehlerhaft, befunde.liste
    assert list(eingaben.quartiere) == info["kuerzel"]
    assert eingaben.statistik is not None
    assert len(eingaben.statistik.raeume) == 1 + 12 + 170
    inhalte = set()
    for kuerzel, q in eingaben.quartiere.items():
        assert kuerzel in eingaben.befragungen  # one workbook per quarter
        qbefunde = Befunde()
        daten = quartiersdaten(projekt, eingaben, q, qbefunde, OHNE_CACHE)
        assert not qbefunde.fehlerhaft, qbefunde.liste
        assert 20 <= len(daten.fotos) <= 40
        assert daten.massnahmen and daten.planauszuege
        inhalte |= {hashlib.sha256(f.datei.read_bytes()).hexdigest() for f in daten.fotos}
    assert len(inhalte) == info["fotos"]  # every photo distinct, so the photo cache cannot share

    # regenerating replaces the project but keeps the folder usable
    gen.erzeugen(ziel, quartiere=2, pool=pool, prozesse=1, meldung=False)
    assert len(list((ziel / "daten" / "begehungen").iterdir())) == 2


def test_fremden_ordner_nicht_leeren(gen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "wichtig.txt").write_text("bleibt")
    with pytest.raises(SystemExit):
        gen.erzeugen(tmp_path, quartiere=1, pool=tmp_path / "pool", meldung=False)
    assert (tmp_path / "wichtig.txt").read_text() == "bleibt"
