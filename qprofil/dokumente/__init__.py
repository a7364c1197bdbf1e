"""Stage 4 – documents: one context builder per document kind.

Takes one quarter's (or several quarters') read data, evaluated figures and prepared images and
gives the template context and document properties of a Word document or web page; a kind for
the whole city (the indicator workbook „kennzahlen“) takes the evaluation of every area and
Stichtag instead and gives a table. The protocol every kind follows is
``qprofil.dokumente.art.Dokumentart``. Values in a template context are plain, already
formatted German strings, so template authors never format anything. Nothing here computes a
figure, draws an image or writes a file.

The registry below is the one list of kinds; adding a kind adds one line to it. Per quarter:
profil, flyer, dokumentation, webseite (``qprofil build --kind``); several quarters:
gremienvorlage (``qprofil committee``), veraenderungen (``qprofil changes``); the whole city:
kennzahlen (``qprofil kennzahlen``).
"""

from __future__ import annotations

from qprofil.dokumente import (
    dokumentation,
    flyer,
    gremienvorlage,
    kennzahlen,
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
        kennzahlen.ART,
    )
}
