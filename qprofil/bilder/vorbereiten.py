"""The images of one quarter's document, prepared once from its data and evaluated figures.

A document kind declares which images it needs (``BILDARTEN``); ``vorbereiten`` draws or resizes
just those, each at most once per content: charts and maps are kept in the cache under a hash of
everything they are drawn from (and the qprofil and matplotlib versions), photos under a hash of
their bytes. A rebuild after a text change (a survey answer, a template) neither re-draws charts
nor re-encodes photos. matplotlib, Pillow and shapely are imported only when an image is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache as einmal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from qprofil import __version__
from qprofil.auswertung import quartier
from qprofil.auswertung.kennzahlen import Fehlend
from qprofil.auswertung.quartier import Quartierswerte
from qprofil.bilder.diagramme import ZEICHENSTAND, Diagramm, svg_gewuenscht
from qprofil.modell import Foto, Quartiersdaten
from qprofil.projekt import Projekt

if TYPE_CHECKING:
    from qprofil.ausgabe.cache import Cache

#: The images a document kind can ask for.
#: "svg": the charts and the map also as SVG; "webfotos": each photo in the widths of
#: ``WEBFOTO_BREITEN`` (web pages).
BILDARTEN = frozenset(
    {"diagramme", "karte", "fotos", "titelfoto", "likert", "veraenderung", "svg", "webfotos"}
)

#: Widths (px, long side) a web page offers each photo in (``srcset``): phone, tablet, desktop.
WEBFOTO_BREITEN = (480, 960, 1440)

#: Longest side any walkthrough photo is shown at in a document (mm): landscape photos in the
#: profile are 150 mm wide; the flyer's photo is 170 mm wide.
FOTO_BREITE_MM = 150
TITELFOTO_BREITE_MM = 170


@dataclass(frozen=True)
class VorbereitetesFoto:
    """A walkthrough photo made fit for a page, with its number in the document."""

    nr: int
    foto: Foto
    bild: Path | bytes  # JPEG in the cache (or bytes where the cache keeps nothing)
    breite_px: int
    hoehe_px: int


@dataclass(frozen=True)
class Bilder:
    """The prepared images of one quarter (None/empty where not asked for or not possible)."""

    altersstruktur: Diagramm | None = None
    anteile: Diagramm | None = None
    karte: Diagramm | None = None
    fotos: tuple[VorbereitetesFoto, ...] = ()
    #: The first photo, sized for a flyer's full width.
    titelfoto: VorbereitetesFoto | None = None
    #: One chart per scale question of the dialogue evaluation, by the question's column.
    likert: tuple[tuple[str, Diagramm], ...] = ()
    #: Residents and the 65+/80+ shares over all Stichtage (only with more than two).
    zeitreihe: Diagramm | None = None
    #: Change of the shares between two Stichtage (the change report).
    veraenderung: Diagramm | None = None
    #: Each photo in the sizes of ``WEBFOTO_BREITEN`` (same order as ``fotos``).
    webfotos: tuple[tuple[VorbereitetesFoto, ...], ...] = ()


def vorbereiten(
    projekt: Projekt,
    daten: Quartiersdaten,
    werte: Quartierswerte,
    cache: Cache,
    brauche: Collection[str],
    zeitraum: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Bilder:
    """Draw and resize the images in ``brauche`` (a subset of ``BILDARTEN``) for one quarter.

    ``zeitraum``: the Stichtage the change chart compares (None: the two latest).
    """
    unbekannt = set(brauche) - BILDARTEN
    if unbekannt:
        raise ValueError(f"unbekannte Bildarten: {sorted(unbekannt)}")
    teile: dict[str, object] = {}
    if "svg" in brauche:
        from qprofil.bilder.diagramme import mit_svg

        with mit_svg():
            return _vorbereiten(
                projekt, daten, werte, cache, set(brauche) - {"svg"}, zeitraum, teile
            )
    return _vorbereiten(projekt, daten, werte, cache, brauche, zeitraum, teile)


def _vorbereiten(
    projekt: Projekt,
    daten: Quartiersdaten,
    werte: Quartierswerte,
    cache: Cache,
    brauche: Collection[str],
    zeitraum: tuple[dt.date | None, dt.date | None],
    teile: dict[str, object],
) -> Bilder:
    if "diagramme" in brauche:
        teile["altersstruktur"], teile["anteile"] = _diagramme(projekt, daten, werte, cache)
        teile["zeitreihe"] = _zeitreihe(daten, werte, cache)
    if "karte" in brauche:
        teile["karte"] = _karte(projekt, daten, cache)
    if "fotos" in brauche:
        teile["fotos"] = _fotos(projekt, daten, cache, FOTO_BREITE_MM)
    if "titelfoto" in brauche and daten.fotos:
        teile["titelfoto"] = _fotos(projekt, daten, cache, TITELFOTO_BREITE_MM, nur_erstes=True)[0]
    if "likert" in brauche:
        teile["likert"] = _likert(daten, cache)
    if "veraenderung" in brauche:
        teile["veraenderung"] = _veraenderung(projekt, daten, werte, cache, zeitraum)
    if "webfotos" in brauche:
        teile["webfotos"] = _webfotos(projekt, daten, cache)
    return Bilder(**teile)  # type: ignore[arg-type]


def gecacht(
    cache: Cache, art: str, schluessel: bytes, erzeugen: Callable[[], Diagramm]
) -> Diagramm:
    """The chart or map drawn from ``schluessel`` (bytes describing all inputs), cached.

    ``art`` names the drawing ("altersstruktur", "karte", …); maps are kept as kind ``karten``,
    everything else as ``diagramme``. The key also covers the qprofil and matplotlib versions,
    since both change the drawing, and ``diagramme.ZEICHENSTAND``, raised whenever the
    drawing code changes.
    """
    ordner = "karten" if art == "karte" else "diagramme"
    h = hashlib.sha256()
    stand = f"{__version__}/{ZEICHENSTAND}".encode()  # a changed drawing is never served from cache
    for teil in (art.encode(), stand, _matplotlib_version().encode(), schluessel):
        h.update(len(teil).to_bytes(8, "big"))  # length-prefixed: ("ab", "c") ≠ ("a", "bc")
        h.update(teil)
    name = h.hexdigest()[:40]
    png, angaben = cache.holen(ordner, f"{name}.png"), cache.holen(ordner, f"{name}.json")
    # Inside mit_svg() an entry without its SVG (drawn for a .docx only) is drawn again.
    svg = cache.holen(ordner, f"{name}.svg") if svg_gewuenscht() else None
    if png is not None and angaben is not None and (svg is not None or not svg_gewuenscht()):
        try:
            text = json.loads(angaben.decode("utf-8"))
            return Diagramm(png, text["titel"], text["alt"], svg)
        except (ValueError, KeyError, UnicodeDecodeError):
            pass  # a damaged entry is simply drawn again
    ergebnis = erzeugen()
    cache.ablegen(ordner, f"{name}.png", ergebnis.png)
    if ergebnis.svg is not None:
        cache.ablegen(ordner, f"{name}.svg", ergebnis.svg)
    cache.ablegen(
        ordner,
        f"{name}.json",
        json.dumps({"titel": ergebnis.titel, "alt": ergebnis.alt}, ensure_ascii=False).encode(),
    )
    return ergebnis


@einmal
def _matplotlib_version() -> str:
    try:
        return version("matplotlib")
    except PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        return "?"


def _diagramme(
    projekt: Projekt, daten: Quartiersdaten, werte: Quartierswerte, cache: Cache
) -> tuple[Diagramm, Diagramm]:
    from qprofil.bilder import diagramme

    q = daten.quartier
    vq, vs = werte.verteilung_quartier, werte.verteilung_stadt
    stadt = projekt.konfig.projekt.stadt
    alters = gecacht(
        cache,
        "altersstruktur",
        repr((vq, vs, q.name, stadt)).encode(),
        lambda: diagramme.altersstruktur(vq, vs, quartier_name=q.name, stadt_name=stadt),
    )

    def zahl(w: float | Fehlend) -> float | None:
        return None if isinstance(w, Fehlend) else w

    anteil_werte = [
        (k.name.replace(" (Hochbetagte)", ""), zahl(k.quartier), zahl(k.stadtbezirk), zahl(k.stadt))
        for k in werte.demografie
        if k.schluessel in ("anteil_u18", "anteil_65", "anteil_80")
    ]
    namen = (q.name, f"{projekt.konfig.bezeichnungen.stadtbezirk} {q.stadtbezirk}", stadt)
    anteile = gecacht(
        cache,
        "anteile",
        repr((anteil_werte, namen)).encode(),
        lambda: diagramme.anteile(anteil_werte, namen=namen),
    )
    return alters, anteile


#: The time-series chart is drawn when the statistics have more Stichtage than this.
ZEITREIHE_AB = 2


def _zeitreihe(daten: Quartiersdaten, werte: Quartierswerte, cache: Cache) -> Diagramm | None:
    """Residents and the 65+ and 80+ shares of the quarter over every Stichtag up to the
    profile's, when there are more than two (two are already compared in the tables)."""
    from qprofil.bilder import diagramme

    staende = [s for s in werte.verlauf if s.stichtag <= werte.tage.aktuell]
    if len(staende) <= ZEITREIHE_AB:
        return None

    def zahl(w: float | Fehlend) -> float | None:
        return None if isinstance(w, Fehlend) else w

    jahre = [
        str(s.stichtag.year)
        if len({t.stichtag.year for t in staende}) == len(staende)
        else f"{s.stichtag:%d.%m.%Y}"
        for s in staende
    ]
    einwohner = [zahl(s.quartier["einwohner"]) for s in staende]
    anteile = [
        (name, [zahl(s.quartier[schluessel]) for s in staende])
        for name, schluessel in (
            ("65 Jahre und älter", "anteil_65"),
            ("80 Jahre und älter", "anteil_80"),
        )
    ]
    anteile = [(n, w) for n, w in anteile if any(x is not None for x in w)]
    name = daten.quartier.name
    return gecacht(
        cache,
        "zeitreihe",
        repr((jahre, einwohner, anteile, name)).encode(),
        lambda: diagramme.zeitreihe(jahre, einwohner, anteile, quartier_name=name),
    )


def _veraenderung(
    projekt: Projekt,
    daten: Quartiersdaten,
    werte: Quartierswerte,
    cache: Cache,
    zeitraum: tuple[dt.date | None, dt.date | None],
) -> Diagramm | None:
    """Change of every share (unit %) in Prozentpunkte between the two Stichtage compared."""
    from qprofil.bilder import diagramme

    alt, neu = quartier.zeitraum(werte.verlauf, *zeitraum)
    zeilen = [
        (
            v.kennzahl.name.replace(" (Hochbetagte)", ""),
            v.quartier.differenz,
            v.stadtbezirk.differenz,
            v.stadt.differenz,
        )
        for v in quartier.veraenderungen(werte, alt, neu, projekt.konfig.veraenderungen)
        if v.kennzahl.einheit == "%"
        and any(a.differenz is not None for a in (v.quartier, v.stadtbezirk, v.stadt))
    ]
    if not zeilen:
        return None
    q = daten.quartier
    namen = (
        q.name,
        f"{projekt.konfig.bezeichnungen.stadtbezirk} {q.stadtbezirk}",
        projekt.konfig.projekt.stadt,
    )
    text = f"{alt.stichtag:%d.%m.%Y}–{neu.stichtag:%d.%m.%Y}"
    return gecacht(
        cache,
        "veraenderung",
        repr((zeilen, namen, text)).encode(),
        lambda: diagramme.veraenderung(zeilen, namen=namen, zeitraum=text),
    )


def _karte(projekt: Projekt, daten: Quartiersdaten, cache: Cache) -> Diagramm | None:
    k = projekt.konfig.karte
    if daten.geo is None or k is None:
        return None
    from qprofil.bilder import karten

    g = daten.geo
    schluessel = b"".join(
        [
            g.gebiet.geometrie.wkb,
            *(n.nr.encode() for n in g.nachbarn),
            repr([(p.art, p.x, p.y) for p in g.punkte]).encode(),
            repr((daten.quartier.name, k.quelle, k.radius_m, k.nahversorger)).encode(),
        ]
    )
    return gecacht(
        cache,
        "karte",
        schluessel,
        lambda: karten.karte(
            g.gebiet,
            g.nachbarn,
            g.punkte,
            titel=f"Quartier {daten.quartier.name} mit Umgebung",
            quelle_grenzen=k.quelle,
            radius_m=k.radius_m,
            nahversorger_art=k.nahversorger or None,
        ),
    )


def _fotos(
    projekt: Projekt,
    daten: Quartiersdaten,
    cache: Cache,
    breite_mm: float,
    *,
    nur_erstes: bool = False,
) -> tuple[VorbereitetesFoto, ...]:
    from qprofil.bilder import fotos

    ziel_px = fotos.pixel_fuer(breite_mm, projekt.konfig.ausgabe.foto_ppi)
    ergebnis = []
    for nr, f in enumerate(daten.fotos[:1] if nur_erstes else daten.fotos, start=1):
        bild = fotos.bild_vorbereiten(
            f.datei,
            cache,
            ziel_px=ziel_px,
            anzeige=projekt.relativ(f.datei),
            max_pixel=projekt.konfig.grenzen.fotos.max_megapixel * 1_000_000,
        )
        breite, hoehe = fotos.bildgroesse(bild)
        ergebnis.append(VorbereitetesFoto(nr, f, bild, breite, hoehe))
    return tuple(ergebnis)


def _likert(daten: Quartiersdaten, cache: Cache) -> tuple[tuple[str, Diagramm], ...]:
    e = daten.dialog.evaluation if daten.dialog is not None else None
    if e is None:
        return ()
    from qprofil.bilder import likert

    ergebnis = []
    for f in e.fragen:
        if f.freitext:
            continue
        antworten = e.skala[f.spalte]
        ergebnis.append(
            (
                f.spalte,
                gecacht(
                    cache,
                    "likert",
                    repr((f.text, tuple(antworten), f.bedeutung_1, f.bedeutung_5)).encode(),
                    lambda f=f, antworten=antworten: likert.likert(
                        f.text, antworten, bedeutung_1=f.bedeutung_1, bedeutung_5=f.bedeutung_5
                    ),
                ),
            )
        )
    return tuple(ergebnis)


def _webfotos(
    projekt: Projekt, daten: Quartiersdaten, cache: Cache
) -> tuple[tuple[VorbereitetesFoto, ...], ...]:
    """Every photo in each width of ``WEBFOTO_BREITEN`` (upright, no metadata, cached)."""
    from qprofil.bilder import fotos

    ergebnis = []
    for nr, f in enumerate(daten.fotos, start=1):
        groessen = []
        for ziel_px in WEBFOTO_BREITEN:
            bild = fotos.bild_vorbereiten(
                f.datei, cache, ziel_px=ziel_px, anzeige=projekt.relativ(f.datei)
            )
            breite, hoehe = fotos.bildgroesse(bild)
            groessen.append(VorbereitetesFoto(nr, f, bild, breite, hoehe))
        ergebnis.append(tuple(groessen))
    return tuple(ergebnis)
