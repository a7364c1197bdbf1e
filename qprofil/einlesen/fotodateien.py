"""Photo files as inputs: recognised, of an allowed format and size, readable.

Only the header is read, cheap enough for every build: broken, unsupported and oversized photos
are reported while the photo list is read, with its row, before anything is rendered. Making a
photo fit for a page is stage 3 (``qprofil.bilder.fotos``), which opens photos through here.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from qprofil.fehler import EingabeFehler, Ort
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


def foto_pruefen(quelle: Path, *, max_pixel: int = MAX_PIXEL) -> None:
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
        _geprueft_oeffnen(datei, kopf, ort, max_pixel).close()


def _geprueft_oeffnen(
    quelle: IO[bytes], kopf: bytes, ort: Ort, max_pixel: int = MAX_PIXEL
) -> PILImage.Image:
    """Open an image (header only) in an allowed format and within ``max_pixel``.

    Unsupported, broken and oversized files raise EingabeFehler. ``kopf`` is the file's start
    (at least its first 4 KB), to name a format Pillow does not open.
    """
    from PIL import Image, UnidentifiedImageError

    formate = list(ERLAUBTE_FORMATE)
    if _art(kopf) == "HEIC" and _heif_verfuegbar():
        formate.append("HEIF")
    try:
        # Pillow warns between 1× and 2× its own limit; our limit is checked just below.
        # Pillow refuses above twice its own limit: make ours the one that counts.
        Image.MAX_IMAGE_PIXELS = max_pixel
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            bild = Image.open(quelle, formats=formate)
    except Image.DecompressionBombError as err:
        raise _zu_gross(ort, None, max_pixel) from err
    except UnidentifiedImageError:
        raise _nicht_unterstuetzt(kopf, ort) from None
    except _PIL_FEHLER as err:
        raise _beschaedigt(ort, err) from err
    breite, hoehe = bild.size
    if breite * hoehe > max_pixel:
        bild.close()
        raise _zu_gross(ort, (breite, hoehe), max_pixel)
    return bild


def _anzeige(pfad: Path) -> Path:
    """A photo's path for messages: relative to the working folder (the project) where possible."""
    try:
        return pfad.absolute().relative_to(Path.cwd())
    except ValueError:
        return pfad


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
    # Pillow's own text is English: only its gist, in German.
    technisch = "die Bilddaten sind fehlerhaft"
    if "truncated" in str(err):
        technisch = "die Datei endet vorzeitig"
    return EingabeFehler(
        f"Das Foto ist beschädigt oder unvollständig ({technisch}).",
        ort,
        "Das Foto erneut von der Kamera oder dem Telefon kopieren; "
        "vermutlich wurde die Übertragung abgebrochen.",
    )


def _zu_gross(ort: Ort, groesse: tuple[int, int] | None, max_pixel: int) -> EingabeFehler:
    """Too many pixels to decode safely (huge panorama or a manipulated file)."""
    grenze = f"höchstens {zahl(max_pixel / 1e6)} Megapixel"
    if groesse:
        b, h = groesse
        meldung = (
            f"Das Bild ist zu groß: {zahl(b)} × {zahl(h)} Pixel "
            f"({zahl(b * h / 1e6, 1)} Megapixel, {grenze})."
        )
    else:
        meldung = f"Das Bild ist zu groß ({grenze})."
    return EingabeFehler(
        meldung,
        ort,
        "Das Bild vorher verkleinern, z. B. auf 4.000 Pixel an der langen Seite; "
        "stammt die Datei aus unbekannter Quelle, kann sie manipuliert sein. Die Grenze steht "
        "in qprofil.toml unter [grenzen.fotos] max_megapixel.",
    )
