"""Walkthrough photos made fit for a Word document: upright, sized for the page, JPEG, no metadata.

The pixel size follows from the size the photo has in the document and a resolution (ppi, see
``[ausgabe] foto_ppi``): a 12-megapixel phone photo shown 15 cm wide needs about 900 px for
150 ppi, not its 4,032. JPEGs are decoded directly at 1/2, 1/4 or 1/8 scale by libjpeg, which
is several times faster than decoding all pixels.

Prepared photos go into a cache folder under a name derived from the source bytes and the
parameters, so a rebuild finds them again and never re-encodes (JPEG is lossy, and encoding
30 photos is most of a report's build time). The source files are never changed.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import struct
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from qprofil.fehler import AusgabeFehler, EingabeFehler, Ort
from qprofil.zahlen import zahl

if TYPE_CHECKING:
    from PIL import Image as PILImage

#: Largest image (width × height) that is decoded. 110 MP lets 108 MP phone photos through;
#: anything beyond is a panorama stitched at full size or a decompression bomb.
MAX_PIXEL = 110_000_000

#: Formats accepted as input (the output is always JPEG). Phone JPEGs that carry a second image
#: (depth map, preview) come back from Pillow's JPEG opener with the format name "MPO".
ERLAUBTE_FORMATE = ("JPEG", "PNG", "GIF", "TIFF", "BMP")
_ERLAUBT_TEXT = "JPEG, PNG, GIF, TIFF oder BMP"

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

# Errors Pillow raises for broken files, depending on format and where the damage is.
_PIL_FEHLER = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


@contextmanager
def _lesefehler(ort: Ort) -> Iterator[None]:
    """Turn the operating system's errors on opening a photo into a German EingabeFehler."""
    try:
        yield
    except FileNotFoundError:
        raise EingabeFehler(
            "Foto nicht gefunden.",
            ort,
            "Dateinamen in der Fotoliste mit dem Ordner vergleichen "
            "(Schreibweise und Endung, z. B. .jpg oder .jpeg).",
        ) from None
    except IsADirectoryError:
        raise EingabeFehler(
            "Statt eines Fotos ist hier ein Ordner angegeben.",
            ort,
            "In der Fotoliste den Dateinamen des Fotos eintragen.",
        ) from None
    except OSError as err:
        raise EingabeFehler(
            f"Foto kann nicht gelesen werden ({err.strerror or err}).",
            ort,
            "Prüfen, ob die Datei in einem anderen Programm geöffnet oder gesperrt ist.",
        ) from err


def _nicht_leer(daten: bytes, ort: Ort) -> None:
    if not daten:
        raise EingabeFehler(
            "Die Fotodatei ist leer (0 Byte).",
            ort,
            "Das Foto erneut von der Kamera oder dem Telefon kopieren.",
        )


def bild_vorbereiten(
    quelle: Path,
    cache: Path,
    *,
    ziel_px: int = ZIEL_PX,
    qualitaet: int = 85,
    anzeige: str | None = None,
) -> Path:
    """Return a cached JPEG of ``quelle``: EXIF-rotated, RGB, no metadata, sized for ``ziel_px``.

    The long side ends up between ``ziel_px`` and ``TOLERANZ × ziel_px`` (a smaller source is
    never enlarged). ``anzeige`` is the photo's name in error messages (default: relative to
    the working folder).
    """
    if ziel_px < 1 or not 1 <= qualitaet <= 100:
        raise ValueError("ziel_px muss ≥ 1 und qualitaet zwischen 1 und 100 sein")
    ort = Ort(datei=anzeige if anzeige is not None else _anzeige(quelle))
    with _lesefehler(ort):
        daten = quelle.read_bytes()
    _nicht_leer(daten, ort)
    kennung = hashlib.sha256(daten).hexdigest()[:32]
    ziel = cache / f"{kennung}-{ziel_px}px-q{qualitaet}-{_VERFAHREN}.jpg"
    if ziel.is_file():
        return ziel

    bild = _oeffnen(daten, ort, ziel_px)
    _speichern(bild, ziel, qualitaet)
    return ziel


def foto_pruefen(quelle: Path) -> None:
    """Check that ``quelle`` is an image of a supported format and size, reading only its header.

    Cheap enough for every build: broken, unsupported and oversized photos are reported while
    the photo list is read, with its row, before anything is rendered.
    """
    ort = Ort(datei=_anzeige(quelle))
    with _lesefehler(ort):
        datei = quelle.open("rb")
    with datei:
        kopf = datei.read(4096)
        _nicht_leer(kopf, ort)
        datei.seek(0)
        # Opening reads the header only; the pixels are decoded when the photo is prepared.
        _geprueft_oeffnen(datei, kopf, ort).close()


def _geprueft_oeffnen(quelle: IO[bytes], kopf: bytes, ort: Ort) -> PILImage.Image:
    """Open an image (header only) in an allowed format and within MAX_PIXEL.

    Unsupported, broken and oversized files raise EingabeFehler. ``kopf`` is the file's start
    (at least its first 4 KB), to name a format Pillow does not open.
    """
    from PIL import Image, UnidentifiedImageError

    formate = list(ERLAUBTE_FORMATE)
    if _art(kopf) == "HEIC" and _heif_verfuegbar():
        formate.append("HEIF")
    try:
        # Pillow warns between 1× and 2× its own limit; our limit is checked just below.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            bild = Image.open(quelle, formats=formate)
    except Image.DecompressionBombError as err:
        raise _zu_gross(ort, None) from err
    except UnidentifiedImageError:
        raise _nicht_unterstuetzt(kopf, ort) from None
    except _PIL_FEHLER as err:
        raise _beschaedigt(ort, err) from err
    breite, hoehe = bild.size
    if breite * hoehe > MAX_PIXEL:
        bild.close()
        raise _zu_gross(ort, (breite, hoehe))
    return bild


def _anzeige(pfad: Path) -> Path:
    """A photo's path for messages: relative to the working folder (the project) where possible."""
    try:
        return pfad.absolute().relative_to(Path.cwd())
    except ValueError:
        return pfad


def bildgroesse(pfad: Path) -> tuple[int, int]:
    """Width and height in pixels of a prepared JPEG (already upright, so no EXIF to apply)."""
    from PIL import Image

    try:
        with Image.open(pfad) as bild:
            return bild.size
    except FileNotFoundError:
        raise EingabeFehler("Bild nicht gefunden.", Ort(datei=pfad)) from None
    except _PIL_FEHLER as err:
        raise EingabeFehler(f"Bild kann nicht gelesen werden ({err}).", Ort(datei=pfad)) from err


def _oeffnen(daten: bytes, ort: Ort, ziel_px: int) -> PILImage.Image:
    """Decode, rotate upright, downscale and convert to RGB; every failure as EingabeFehler."""
    from PIL import Image, ImageOps

    bild = _geprueft_oeffnen(io.BytesIO(daten), daten, ort)
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


def _speichern(bild: PILImage.Image, ziel: Path, qualitaet: int) -> None:
    """Write the JPEG atomically: temp file in the same folder, then os.replace."""
    try:
        ziel.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=ziel.parent, prefix=".", suffix=".tmp")
    except OSError as err:
        raise AusgabeFehler(
            f"Zwischenspeicher für Fotos kann nicht angelegt werden ({err.strerror or err}).",
            Ort(datei=ziel.parent),
            "Schreibrechte für den Projektordner prüfen.",
        ) from err
    try:
        with os.fdopen(fd, "wb") as datei:
            # No exif=, icc_profile=, comment=: the file carries pixels only.
            bild.save(datei, "JPEG", quality=qualitaet, optimize=True)
        os.replace(temp, ziel)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise AusgabeFehler(
            f"Foto kann nicht gespeichert werden ({err.strerror or err}).",
            Ort(datei=ziel),
            "Freien Speicherplatz und Schreibrechte prüfen.",
        ) from err
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _art(daten: bytes) -> str | None:
    """Recognise the formats Pillow cannot open by default, from their first bytes."""
    kopf = daten[:512]
    if kopf[4:8] == b"ftyp":
        marke = kopf[8:12]
        if marke in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"):
            return "HEIC"
        if marke in (b"avif", b"avis"):
            return "AVIF"
    if kopf[:4] == b"RIFF" and kopf[8:12] == b"WEBP":
        return "WebP"
    if kopf.startswith(b"%PDF"):
        return "PDF"
    text = kopf.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in daten[:4096].lower():
        return "SVG"
    return None


def _heif_verfuegbar() -> bool:
    """Register pillow-heif if it is installed (it is optional)."""
    try:
        import pillow_heif  # type: ignore[import-not-found]
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def _nicht_unterstuetzt(daten: bytes, ort: Ort) -> EingabeFehler:
    """Say which format it is, if recognisable, and how to get a usable file."""
    from PIL import Image

    art = _art(daten)
    if art is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(io.BytesIO(daten)) as bild:
                    art = bild.format
        except (Image.DecompressionBombError, *_PIL_FEHLER):
            art = None
    if art is None:
        return EingabeFehler(
            "Die Datei ist kein lesbares Foto (unbekanntes Format oder beschädigt).",
            ort,
            f"Ein Foto als {_ERLAUBT_TEXT} speichern und den Dateinamen in der Fotoliste angeben.",
        )
    hilfe = f"Erlaubt sind {_ERLAUBT_TEXT}. Bitte das Bild in JPEG umwandeln"
    if art == "HEIC":
        hilfe += (
            " (iPhone: Einstellungen › Fotos › „Auf Mac oder PC übertragen“ › „Automatisch“ "
            "liefert beim Kopieren JPEG; für neue Fotos Einstellungen › Kamera › Formate › "
            "„Maximale Kompatibilität“)"
        )
    elif art == "SVG":
        hilfe = f"Erlaubt sind {_ERLAUBT_TEXT}. Bitte die Grafik als PNG exportieren"
    return EingabeFehler(f"Bildformat {art} wird nicht unterstützt.", ort, hilfe + ".")


def _beschaedigt(ort: Ort, err: BaseException) -> EingabeFehler:
    """A file that starts like an image but cannot be decoded."""
    technisch = str(err)
    if "truncated" in technisch:
        technisch = "die Datei endet vorzeitig"
    return EingabeFehler(
        f"Das Foto ist beschädigt oder unvollständig ({technisch}).",
        ort,
        "Das Foto erneut von der Kamera oder dem Telefon kopieren; "
        "vermutlich wurde die Übertragung abgebrochen.",
    )


def _zu_gross(ort: Ort, groesse: tuple[int, int] | None) -> EingabeFehler:
    """Too many pixels to decode safely (huge panorama or a manipulated file)."""
    grenze = f"höchstens {zahl(MAX_PIXEL / 1e6)} Megapixel"
    if groesse:
        b, h = groesse
        meldung = (
            f"Das Bild ist zu groß: {zahl(b)} × {zahl(h)} Pixel "
            f"({zahl(b * h / 1e6)} Megapixel, {grenze})."
        )
    else:
        meldung = f"Das Bild ist zu groß ({grenze})."
    return EingabeFehler(
        meldung,
        ort,
        "Das Bild vorher verkleinern, z. B. auf 4.000 Pixel an der langen Seite; "
        "stammt die Datei aus unbekannter Quelle, kann sie manipuliert sein.",
    )
