"""Walkthrough photos made fit for a Word document: upright, sized for the page, JPEG, no metadata.

The pixel size follows from the size the photo has in the document and a resolution (ppi, see
``[ausgabe] foto_ppi``): a 12-megapixel phone photo shown 15 cm wide needs about 900 px for
150 ppi, not its 4,032. JPEGs are decoded directly at 1/2, 1/4 or 1/8 scale by libjpeg, which
is several times faster than decoding all pixels.

Prepared photos go into the one cache (kind ``fotos``) under a name derived from the source
bytes and the parameters, so a rebuild finds them again and never re-encodes (JPEG is lossy, and encoding
30 photos is most of a report's build time). The source files are never changed.
"""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

from qprofil.einlesen.fotodateien import (
    _PIL_FEHLER,
    MAX_PIXEL,
    _anzeige,
    _beschaedigt,
    _geprueft_oeffnen,
    _lesefehler,
    _nicht_leer,
)
from qprofil.fehler import AusgabeFehler, EingabeFehler, Ort

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from qprofil.ausgabe.cache import Cache


# Bump when the processing changes, so that old cache files are not reused.
_VERFAHREN = "v2"

#: A photo that libjpeg's scaled decoding already brought to at most this factor above the
#: target size is kept as it is: resampling it once more costs more time (LANCZOS on a
#: megapixel image) than the few extra pixels cost space.
TOLERANZ = 1.25

MM_JE_ZOLL = 25.4


def pixel_fuer(mm: float, ppi: int) -> int:
    """Pixels needed to show ``mm`` millimetres at ``ppi`` pixels per inch (rounded up)."""
    return max(1, math.ceil(mm / MM_JE_ZOLL * ppi))


#: Default target: the long side of a photo shown 150 mm wide at 150 ppi.
ZIEL_PX = pixel_fuer(150, 150)


def bild_vorbereiten(
    quelle: Path,
    cache: Cache,
    *,
    ziel_px: int = ZIEL_PX,
    qualitaet: int = 85,
    anzeige: str | None = None,
    max_pixel: int = MAX_PIXEL,
) -> Path | bytes:
    """A JPEG of ``quelle``: EXIF-rotated, RGB, no metadata, sized for ``ziel_px``.

    The long side ends up between ``ziel_px`` and ``TOLERANZ × ziel_px`` (a smaller source is
    never enlarged). The result is kept in ``cache`` (kind ``fotos``) and returned as the path of
    that entry; a cache that keeps nothing gives the JPEG bytes. ``anzeige`` is the photo's name
    in error messages (default: relative to the working folder).
    """
    if ziel_px < 1 or not 1 <= qualitaet <= 100:
        raise ValueError("ziel_px muss ≥ 1 und qualitaet zwischen 1 und 100 sein")
    ort = Ort(datei=anzeige if anzeige is not None else _anzeige(quelle))
    with _lesefehler(ort):
        daten = quelle.read_bytes()
    _nicht_leer(daten, ort)
    kennung = hashlib.sha256(daten).hexdigest()[:32]
    name = f"{kennung}-{ziel_px}px-q{qualitaet}-{_VERFAHREN}.jpg"
    vorhanden = cache.vorhanden("fotos", name)
    if vorhanden is not None:
        return vorhanden
    jpeg = _jpeg(_oeffnen(daten, ort, ziel_px, max_pixel), qualitaet)
    if not cache.aktiv:
        return jpeg
    pfad = cache.ablegen("fotos", name, jpeg)
    if pfad is None:
        raise AusgabeFehler(
            "Der Zwischenspeicher für Fotos kann nicht beschrieben werden.",
            Ort(datei=cache.pfad("fotos", name)),
            "Freien Speicherplatz und Schreibrechte für den Projektordner prüfen.",
        )
    return pfad


def bildgroesse(bild: Path | bytes) -> tuple[int, int]:
    """Width and height in pixels of a prepared JPEG (already upright, so no EXIF to apply)."""
    from PIL import Image

    ort = Ort(datei=bild if isinstance(bild, Path) else "Foto")
    try:
        with Image.open(bild if isinstance(bild, Path) else io.BytesIO(bild)) as offen:
            return offen.size
    except FileNotFoundError:
        raise EingabeFehler("Bild nicht gefunden.", ort) from None
    except _PIL_FEHLER as err:
        raise EingabeFehler(f"Bild kann nicht gelesen werden ({err}).", ort) from err


def _oeffnen(daten: bytes, ort: Ort, ziel_px: int, max_pixel: int) -> PILImage.Image:
    """Decode, rotate upright, downscale and convert to RGB; every failure as EingabeFehler."""
    from PIL import Image, ImageOps

    bild = _geprueft_oeffnen(io.BytesIO(daten), daten, ort, max_pixel)
    breite, hoehe = bild.size
    faktor = ziel_px / max(breite, hoehe)
    if faktor < 1 and bild.format in ("JPEG", "MPO"):
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale, no smaller than the target size: several
        # times faster than decoding 12 MP and throwing most of it away.
        bild.draft("RGB", (math.ceil(breite * faktor), math.ceil(hoehe * faktor)))
    try:
        bild.load()
        bild = ImageOps.exif_transpose(bild)
    except _PIL_FEHLER as err:
        raise _beschaedigt(ort, err) from err

    icc = bild.info.get("icc_profile")
    if icc and bild.mode == "CMYK":
        # CMYK values mean nothing without their profile: convert before anything else.
        bild = _nach_srgb(bild, icc) or bild
        icc = None
    bild = _rgb(bild)
    breite, hoehe = bild.size
    faktor = ziel_px / max(breite, hoehe)
    if faktor * TOLERANZ < 1:
        neu = (max(1, round(breite * faktor)), max(1, round(hoehe * faktor)))
        bild = bild.resize(neu, Image.Resampling.LANCZOS)
    if icc:
        # After downscaling: the colour transform costs per pixel.
        bild = _nach_srgb(bild, icc) or bild
    # Nothing from the source (EXIF, GPS, XMP, comment, ICC profile) may reach the output:
    # Pillow's JPEG writer takes the comment from ``info`` unless told otherwise.
    bild.info = {}
    return bild


def _rgb(bild: PILImage.Image) -> PILImage.Image:
    """RGB; transparency flattened onto white, 16-bit grey scaled to 8 bit."""
    from PIL import Image

    if bild.mode in ("I;16", "I;16B", "I;16L", "I"):
        # A direct convert clips 16-bit values to white.
        bild = bild.convert("I").point(lambda v: v / 256).convert("L")
    if bild.mode in ("RGBA", "LA", "PA") or (bild.mode == "P" and "transparency" in bild.info):
        rgba = bild.convert("RGBA")
        grund = Image.new("RGB", rgba.size, "white")
        grund.paste(rgba, mask=rgba.getchannel("A"))
        bild = grund
    return bild if bild.mode == "RGB" else bild.convert("RGB")


def _nach_srgb(bild: PILImage.Image, icc: bytes) -> PILImage.Image | None:
    """Convert from the embedded colour profile to sRGB, so the output needs no profile.

    Phone photos often carry Display P3; dropping the profile without converting would make
    their colours duller. None if the profile is sRGB already or cannot be used.
    """
    try:
        from PIL import ImageCms
    except ImportError:
        return None
    try:
        quelle = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if ImageCms.getProfileDescription(quelle).strip().lower().startswith("srgb"):
            return None
        return ImageCms.profileToProfile(
            bild, quelle, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken profile or one that does not fit the image mode: the pixels are still fine.
        return None


def _jpeg(bild: PILImage.Image, qualitaet: int) -> bytes:
    """Encode as JPEG in memory; no exif=, icc_profile=, comment=: the file carries pixels only."""
    puffer = io.BytesIO()
    bild.save(puffer, "JPEG", quality=qualitaet, optimize=True)
    return puffer.getvalue()
