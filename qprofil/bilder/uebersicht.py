"""Overview map for the web index: the city's areas, every quarter with a page numbered on top.

Unlike the profile's maps this one is not drawn with matplotlib but written as SVG markup that
goes into the index page itself: only then is each quarter a real link – reachable with the
keyboard, read out with its name by a screen reader, opened with a click. An SVG in an ``<img>``
can hold no links. The drawing is a few hundred paths, made in milliseconds from the boundaries
already read; there is nothing worth caching.

Colours and line widths are presentation attributes, so the map also reads without the style
sheet (in a CMS); the classes let qprofil.css add hover and keyboard focus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from qprofil.modell import Gebiet

#: Width of the drawing in SVG units; the height follows the city's shape.
BREITE = 800.0
_RAND = 6.0
#: Radius of a quarter's number disc and the size of its number, in SVG units.
_MARKE_R = 21.0
_SCHRIFT = 24

STADT_FUELLUNG = "#eef1f4"
STADT_LINIE = "#a9b4bf"
QUARTIER_FUELLUNG = "#8db7de"
QUARTIER_LINIE = "#00427a"
MARKE_FUELLUNG = "#00427a"


@dataclass(frozen=True)
class Markierung:
    """One quarter on the overview map."""

    nr: int  # the number on the map, the same as in the list beside it
    gebiet: Gebiet  # its boundary (the union of its areas)
    ziel: str  # the link, relative to the page
    name: str  # what a screen reader says for the link


def uebersichtskarte(
    gebiete: Iterable[Gebiet],
    quartiere: Sequence[Markierung],
    *,
    titel: str,
    beschreibung: str,
    kennung: str = "qp-uebersicht",
) -> str:
    """The map as ``<svg>`` markup for the page: every area in grey, each quarter as a link.

    ``gebiete``: all areas of the city (the background); ``titel`` and ``beschreibung`` become
    the SVG's ``<title>`` and ``<desc>`` (its accessible name and description); ``kennung``
    prefixes their ids. Coordinates are metres (EPSG:25832), north up.
    """
    from shapely import union_all

    gebiete = list(gebiete)
    alles = union_all([g.geometrie for g in gebiete] + [m.gebiet.geometrie for m in quartiere])
    minx, miny, maxx, maxy = alles.bounds
    massstab = (BREITE - 2 * _RAND) / max(maxx - minx, 1.0)
    hoehe = round((maxy - miny) * massstab + 2 * _RAND, 1)
    # Half an SVG unit of simplification is invisible and keeps the page small.
    toleranz = 0.5 / massstab

    def xy(x: float, y: float) -> str:
        return f"{(x - minx) * massstab + _RAND:.1f} {(maxy - y) * massstab + _RAND:.1f}"

    def pfad(geometrie: Any) -> str:
        return _pfad(geometrie.simplify(toleranz, preserve_topology=True), xy)

    k = escape(kennung, quote=True)
    teile = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qp-uebersichtskarte" '
        f'viewBox="0 0 {BREITE:.0f} {hoehe}" '
        f'aria-labelledby="{k}-titel" aria-describedby="{k}-text">',
        f'<title id="{k}-titel">{escape(titel, quote=False)}</title>',
        f'<desc id="{k}-text">{escape(beschreibung, quote=False)}</desc>',
        f'<path class="qp-stadt" fill="{STADT_FUELLUNG}" stroke="{STADT_LINIE}" '
        f'stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd" '
        f'd="{" ".join(pfad(g.geometrie) for g in gebiete)}"/>',
    ]
    for m in quartiere:
        x, y = _beschriftungspunkt(m.gebiet.geometrie, toleranz)
        mx, my = (x - minx) * massstab + _RAND, (maxy - y) * massstab + _RAND
        # The disc stays inside the drawing, even for a quarter at the city's edge.
        mx = min(max(mx, _MARKE_R + 1), BREITE - _MARKE_R - 1)
        my = min(max(my, _MARKE_R + 1), hoehe - _MARKE_R - 1)
        teile += [
            f'<a class="qp-kartenlink" href="{escape(m.ziel, quote=True)}" '
            f'aria-label="{escape(f"{m.nr}: {m.name}", quote=True)}">',
            f'<path class="qp-flaeche" fill="{QUARTIER_FUELLUNG}" stroke="{QUARTIER_LINIE}" '
            f'stroke-width="2" stroke-linejoin="round" fill-rule="evenodd" '
            f'd="{pfad(m.gebiet.geometrie)}"/>',
            f'<circle class="qp-marke" cx="{mx:.1f}" cy="{my:.1f}" r="{_MARKE_R:.0f}" '
            f'fill="{MARKE_FUELLUNG}" stroke="#ffffff" stroke-width="2"/>',
            f'<text x="{mx:.1f}" y="{my:.1f}" dy="0.35em" text-anchor="middle" '
            f'font-family="Arial, Liberation Sans, Helvetica, sans-serif" '
            f'font-size="{_SCHRIFT}" font-weight="700" fill="#ffffff" '
            f'aria-hidden="true">{m.nr}</text>',
            "</a>",
        ]
    teile.append("</svg>")
    return "\n".join(teile)


def _pfad(geometrie: Any, xy: Any) -> str:
    """SVG path data of a (multi)polygon: one closed subpath per ring (holes by even-odd)."""
    ringe = []
    for teil in _polygone(geometrie):
        for ring in (teil.exterior, *teil.interiors):
            punkte = list(ring.coords)[:-1]
            if len(punkte) < 3:
                continue
            ringe.append("M" + "L".join(xy(x, y) for x, y, *_ in punkte) + "Z")
    return "".join(ringe)


def _polygone(geometrie: Any) -> list[Any]:
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geometrie, Polygon):
        return [] if geometrie.is_empty else [geometrie]
    if isinstance(geometrie, MultiPolygon):
        return list(geometrie.geoms)
    return [g for g in getattr(geometrie, "geoms", []) if isinstance(g, Polygon)]


def _beschriftungspunkt(geometrie: Any, toleranz: float) -> tuple[float, float]:
    """The point deepest inside the quarter's largest part: the number never sits outside."""
    from shapely.ops import polylabel

    teile = _polygone(geometrie)
    if not teile:
        p = geometrie.representative_point()
        return p.x, p.y
    groesster = max(teile, key=lambda t: t.area)
    p = polylabel(groesster, tolerance=max(toleranz, 1.0))
    return p.x, p.y
