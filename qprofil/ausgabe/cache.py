"""Cache of rendered charts and maps, keyed by a hash of everything they are drawn from.

A rebuild after a text change (a survey answer, a template) then neither re-draws charts nor
re-encodes photos (photos have their own cache in fotos.py). Entries are written atomically, so
parallel workers may share the folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from qprofil import __version__
from qprofil.ausgabe.schreiber import atomar_schreiben
from qprofil.bilder.diagramme import Diagramm


def _matplotlib_version() -> str:
    try:
        return version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        return "?"


def diagramm(
    ordner: Path, art: str, schluessel: bytes, erzeugen: Callable[[], Diagramm]
) -> Diagramm:
    """The chart drawn from ``schluessel`` (bytes describing all inputs), from the cache if there.

    The key also covers the qprofil and matplotlib versions, since both change the drawing.
    """
    h = hashlib.sha256()
    for teil in (art.encode(), __version__.encode(), _matplotlib_version().encode(), schluessel):
        h.update(len(teil).to_bytes(8, "big"))
        h.update(teil)
    stamm = ordner / h.hexdigest()[:40]
    png, text = stamm.with_suffix(".png"), stamm.with_suffix(".json")
    if png.is_file() and text.is_file():
        try:
            angaben = json.loads(text.read_text(encoding="utf-8"))
            return Diagramm(png.read_bytes(), angaben["titel"], angaben["alt"])
        except (OSError, ValueError, KeyError):
            pass  # a damaged entry is simply drawn again
    ergebnis = erzeugen()
    atomar_schreiben(png, ergebnis.png)
    atomar_schreiben(
        text,
        json.dumps({"titel": ergebnis.titel, "alt": ergebnis.alt}, ensure_ascii=False).encode(
            "utf-8"
        ),
    )
    return ergebnis
