"""Stage 4 – documents: one context builder per document kind.

Takes one quarter's (or several quarters') read data, evaluated figures and prepared images and
gives the template context and document properties of a Word document; the protocol every kind
follows is ``qprofil.dokumente.art.Dokumentart``. Values in a context are plain, already
formatted German strings, so template authors never format anything. Nothing here computes a
figure, draws an image or writes a file.

The registry below is the one list of kinds; adding a kind adds one line to it.
"""

from __future__ import annotations

from qprofil.dokumente import (
    dokumentation,
    flyer,
    gremienvorlage,
    profil,
    veraenderungen,
    webseite,
)
from qprofil.dokumente.art import Dokumentart

ARTEN: dict[str, Dokumentart] = {
    art.name: art
    for art in (
        profil.ART,
        flyer.ART,
        dokumentation.ART,
        gremienvorlage.ART,
        veraenderungen.ART,
        webseite.ART,
    )
}
