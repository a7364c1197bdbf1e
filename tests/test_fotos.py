"""Photo preparation: orientation, size, no metadata, cache reuse, German errors for bad files."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw

from qprofil.ausgabe.cache import Cache
from qprofil.bilder import fotos
from qprofil.fehler import AusgabeFehler, EingabeFehler

ROT = (220, 30, 30)


@pytest.fixture
def handyfoto(tmp_path: Path) -> Path:
    """A 4032×3024 phone JPEG stored landscape with EXIF orientation 6, GPS, comment, XMP, ICC.

    A red block marks the stored top-left corner; shown upright it is at the top right.
    """
    bild = Image.linear_gradient("L").resize((4032, 3024)).convert("RGB")
    zeichnung = ImageDraw.Draw(bild)
    zeichnung.rectangle((0, 0, 800, 600), fill=ROT)
    for x in range(0, 4032, 150):
        zeichnung.line((x, 700, 4032 - x, 3024), fill=(30, 120, 200), width=9)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Testkamera"
    exif[0x8825] = {1: "N", 2: (51.0, 28.0, 33.6), 3: "E", 4: (7.0, 24.0, 1.2)}  # GPS IFD
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    pfad = tmp_path / "begehung" / "IMG_0001.JPG"
    pfad.parent.mkdir()
    bild.save(
        pfad,
        "JPEG",
        quality=92,
        exif=exif,
        comment=b"Begehung Menglinghausen",
        icc_profile=icc,
        xmp=b"<x:xmpmeta>Geheimer Standort</x:xmpmeta>",
    )
    return pfad


def fehler(quelle: Path, cache: Path) -> EingabeFehler:
    with pytest.raises(EingabeFehler) as info:
        fotos.bild_vorbereiten(quelle, Cache(cache))
    err = info.value
    assert err.ort.datei == quelle
    assert quelle.name in str(err)
    assert err.hilfe, "jede Fehlermeldung braucht einen Hinweis, was zu tun ist"
    assert not cache.exists() or not any(cache.iterdir()), "bei Fehlern nichts in den Cache"
    return err


def test_handyfoto_aufrecht_verkleinert_ohne_metadaten(handyfoto: Path, tmp_path: Path) -> None:
    vorher = handyfoto.read_bytes()
    ziel = fotos.bild_vorbereiten(handyfoto, Cache(tmp_path / "cache"))

    assert ziel.parent == tmp_path / "cache" / "fotos"
    assert ziel.suffix == ".jpg"
    with Image.open(ziel) as bild:
        assert bild.format == "JPEG"
        assert bild.mode == "RGB"
        # Decoded at 1/4 scale (1008 × 756) and kept: 1008 px is within 25 % of the 886 px
        # that 150 mm need at 150 ppi. Portrait after the EXIF rotation.
        assert bild.size == (756, 1008)
        assert not bild.getexif()
        assert not bild.getexif().get_ifd(0x8825)
        for schluessel in ("exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"):
            assert schluessel not in bild.info
        # Upright: the marker is at the top right, not the top left.
        assert _nahe(bild.getpixel((700, 100)), ROT)
        assert not _nahe(bild.getpixel((50, 100)), ROT)
    roh = ziel.read_bytes()
    for spur in (b"Exif\x00\x00", b"Testkamera", b"Begehung", b"xmpmeta", b"ICC_PROFILE"):
        assert spur not in roh
    assert len(roh) < len(vorher) / 3
    assert handyfoto.read_bytes() == vorher, "die Quelle bleibt unverändert"
    assert fotos.bildgroesse(ziel) == (756, 1008)


def test_pixel_fuer_anzeigegroesse() -> None:
    # 150 mm = 5.906 in; × 150 ppi = 885.8 → 886 px; × 220 ppi = 1299.2 → 1300 px
    assert fotos.pixel_fuer(150, 150) == 886 == fotos.ZIEL_PX
    assert fotos.pixel_fuer(150, 220) == 1300
    assert fotos.pixel_fuer(25.4, 300) == 300


def test_hoehere_aufloesung_wird_umgerechnet(handyfoto: Path, tmp_path: Path) -> None:
    # 1300 px: the 1/2-scale decode gives 2016 px, 55 % too many, so LANCZOS brings it to 1300.
    ziel = fotos.bild_vorbereiten(handyfoto, Cache(tmp_path / "cache"), ziel_px=1300)
    assert fotos.bildgroesse(ziel) == (975, 1300)


def test_zweiter_aufruf_nimmt_den_cache(
    handyfoto: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    erstes = fotos.bild_vorbereiten(handyfoto, Cache(cache))
    stand = erstes.stat()

    def nicht_neu_kodieren(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Foto wurde neu kodiert")

    monkeypatch.setattr(Image.Image, "save", nicht_neu_kodieren)
    zweites = fotos.bild_vorbereiten(handyfoto, Cache(cache))
    assert zweites == erstes
    neu = zweites.stat()
    assert (neu.st_ino, neu.st_mtime_ns, neu.st_size) == (
        stand.st_ino,
        stand.st_mtime_ns,
        stand.st_size,
    )
    assert [p.name for p in (cache / "fotos").iterdir()] == [erstes.name], (
        "keine Temp-Dateien übrig"
    )


def test_cache_name_haengt_an_inhalt_und_parametern(handyfoto: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    standard = fotos.bild_vorbereiten(handyfoto, Cache(cache))
    klein = fotos.bild_vorbereiten(handyfoto, Cache(cache), ziel_px=800, qualitaet=70)
    assert klein != standard
    # 1/4 scale would be 1008 px, 26 % above 800: resampled to exactly 800
    assert fotos.bildgroesse(klein) == (600, 800)
    # Same bytes under another name: same cache file.
    kopie = tmp_path / "kopie.jpeg"
    kopie.write_bytes(handyfoto.read_bytes())
    assert fotos.bild_vorbereiten(kopie, Cache(cache)) == standard


def test_png_mit_transparenz(tmp_path: Path) -> None:
    bild = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    ImageDraw.Draw(bild).rectangle((400, 0, 799, 599), fill=(30, 120, 200, 255))
    quelle = tmp_path / "plan.png"
    bild.save(quelle)
    ziel = fotos.bild_vorbereiten(quelle, Cache(tmp_path / "cache"))
    with Image.open(ziel) as aus:
        assert aus.format == "JPEG"
        assert aus.mode == "RGB"
        assert aus.size == (800, 600), "kleine Bilder werden nicht vergrößert"
        assert _nahe(aus.getpixel((100, 300)), (255, 255, 255)), "Transparenz wird weiß"
        assert _nahe(aus.getpixel((700, 300)), (30, 120, 200))


@pytest.mark.parametrize(
    ("modus", "format_", "endung", "groesse"),
    [
        ("P", "GIF", "gif", (886, 443)),
        ("L", "TIFF", "tif", (886, 443)),
        ("RGB", "BMP", "bmp", (886, 443)),
        # JPEG: decoded at 1/2 scale, 1000 px is within 25 % of 886 and kept
        ("CMYK", "JPEG", "jpg", (1000, 500)),
    ],
)
def test_weitere_formate(
    tmp_path: Path, modus: str, format_: str, endung: str, groesse: tuple[int, int]
) -> None:
    quelle = tmp_path / f"bild.{endung}"
    Image.new("RGB", (2000, 1000), (90, 90, 90)).convert(modus).save(quelle, format_)
    ziel = fotos.bild_vorbereiten(quelle, Cache(tmp_path / "cache"))
    with Image.open(ziel) as aus:
        assert (aus.format, aus.mode, aus.size) == ("JPEG", "RGB", groesse)


def test_16_bit_graustufen_werden_nicht_weiss(tmp_path: Path) -> None:
    quelle = tmp_path / "scan.png"
    Image.new("I;16", (300, 200), 32768).save(quelle)
    with Image.open(fotos.bild_vorbereiten(quelle, Cache(tmp_path / "cache"))) as aus:
        assert _nahe(aus.getpixel((150, 100)), (128, 128, 128))


def test_mpo_vom_telefon(tmp_path: Path) -> None:
    """Phone JPEGs with a second picture inside open as MPO in Pillow."""
    quelle = tmp_path / "tiefenbild.jpg"
    erstes = Image.new("RGB", (3000, 2000), (200, 40, 40))
    erstes.save(quelle, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 200))])
    with Image.open(quelle) as pruefen:
        assert pruefen.format == "MPO"
    with Image.open(fotos.bild_vorbereiten(quelle, Cache(tmp_path / "cache"))) as aus:
        # 1/2 scale gives 1500 px, 69 % above 886: resampled
        assert aus.size == (886, 591)
        assert _nahe(aus.getpixel((400, 300)), (200, 40, 40))


def test_abgeschnittenes_jpeg(handyfoto: Path, tmp_path: Path) -> None:
    quelle = tmp_path / "abgebrochen.jpg"
    daten = handyfoto.read_bytes()
    quelle.write_bytes(daten[: len(daten) // 2])
    err = fehler(quelle, tmp_path / "cache")
    assert "beschädigt oder unvollständig" in err.meldung


def test_webp(tmp_path: Path) -> None:
    quelle = tmp_path / "foto.webp"
    Image.new("RGB", (64, 48), "green").save(quelle, "WEBP")
    err = fehler(quelle, tmp_path / "cache")
    assert err.meldung == "Bildformat WebP wird nicht unterstützt."
    assert "JPEG, PNG, GIF, TIFF oder BMP" in err.hilfe


@pytest.mark.parametrize("name", ["lageplan.svg", "lageplan.png"])
def test_svg(tmp_path: Path, name: str) -> None:
    quelle = tmp_path / name
    quelle.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"><rect width="9"/></svg>\n',
        encoding="utf-8",
    )
    err = fehler(quelle, tmp_path / "cache")
    assert "SVG" in err.meldung
    assert "PNG exportieren" in err.hilfe


def test_heic_ohne_pillow_heif(tmp_path: Path) -> None:
    quelle = tmp_path / "IMG_4711.HEIC"
    quelle.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200)
    err = fehler(quelle, tmp_path / "cache")
    try:
        import pillow_heif  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        assert err.meldung == "Bildformat HEIC wird nicht unterstützt."
        assert "Maximale Kompatibilität" in err.hilfe


def test_fehlende_datei(tmp_path: Path) -> None:
    err = fehler(tmp_path / "gibt_es_nicht.jpg", tmp_path / "cache")
    assert err.meldung == "Foto nicht gefunden."


@pytest.mark.parametrize(
    ("inhalt", "teil"), [(b"", "leer"), (b"kein Bild, nur Text", "kein lesbares")]
)
def test_keine_bilddatei(tmp_path: Path, inhalt: bytes, teil: str) -> None:
    quelle = tmp_path / "foto.jpg"
    quelle.write_bytes(inhalt)
    assert teil in fehler(quelle, tmp_path / "cache").meldung


def _png_kopf(breite: int, hoehe: int) -> bytes:
    """A PNG that claims the given size but holds almost no data (a decompression bomb's shape)."""

    def block(art: bytes, daten: bytes) -> bytes:
        pruef = struct.pack(">I", zlib.crc32(art + daten))
        return struct.pack(">I", len(daten)) + art + daten + pruef

    ihdr = struct.pack(">IIBBBBB", breite, hoehe, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + block(b"IHDR", ihdr)
        + block(b"IDAT", zlib.compress(b"\x00" * 64))
        + block(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("breite", "hoehe", "teil"),
    [
        (12_000, 10_000, "12.000 × 10.000 Pixel (120,0 Megapixel, höchstens 110 Megapixel)"),
        (40_000, 40_000, "zu groß (höchstens 110 Megapixel)"),  # beyond Pillow's own hard limit
    ],
)
def test_zu_grosses_bild(tmp_path: Path, breite: int, hoehe: int, teil: str) -> None:
    quelle = tmp_path / "bombe.png"
    quelle.write_bytes(_png_kopf(breite, hoehe))
    assert teil in fehler(quelle, tmp_path / "cache").meldung


def test_ordner_statt_datei(tmp_path: Path) -> None:
    quelle = tmp_path / "fotos.jpg"
    quelle.mkdir()
    assert "Ordner" in fehler(quelle, tmp_path / "cache").meldung


def test_abbruch_beim_schreiben_hinterlaesst_nichts(
    handyfoto: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qprofil.ausgabe import schreiber

    def voll(*args: object) -> None:
        raise OSError(28, "No space left on device")

    # The disk fills up while the cache entry is moved into place.
    monkeypatch.setattr(schreiber.os, "replace", voll)
    cache = tmp_path / "cache"
    with pytest.raises(AusgabeFehler):
        fotos.bild_vorbereiten(handyfoto, Cache(cache))
    assert [p for p in cache.rglob("*") if p.is_file()] == [], "keine halben Dateien"


def test_import_laedt_pillow_nicht(tmp_path: Path) -> None:
    import subprocess
    import sys

    programm = "import sys, qprofil.bilder.fotos\nassert 'PIL' not in sys.modules\n"
    ergebnis = subprocess.run([sys.executable, "-c", programm], capture_output=True, text=True)
    assert ergebnis.returncode == 0, ergebnis.stderr


def test_quelle_nicht_lesbar(
    handyfoto: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated, because chmod does not keep root (as in many CI containers) from reading.
    def gesperrt(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", gesperrt)
    assert "kann nicht gelesen werden" in fehler(handyfoto, tmp_path / "cache").meldung


def _nahe(farbe: object, soll: tuple[int, int, int], toleranz: int = 12) -> bool:
    """JPEG is lossy: compare colours with a tolerance."""
    assert isinstance(farbe, tuple)
    return all(abs(a - b) <= toleranz for a, b in zip(farbe, soll, strict=True))
