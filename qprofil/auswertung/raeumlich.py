"""Spatial measures of a quarter: points counted inside it, per 1,000 residents 65+, reach.

Everything in ETRS89 / UTM zone 32N (EPSG:25832) metres, as read by einlesen/geodaten.py.
shapely and pyproj are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qprofil.einlesen.geodaten import ZIEL_CRS, umrechnen_geometrie
from qprofil.modell import Gebiet, Punkt


def zaehlen(gebiet: Gebiet, punkte: Sequence[Punkt]) -> dict[str, int]:
    """Points inside the area per kind; every kind in ``punkte`` is a key, possibly with 0.

    A point exactly on the boundary counts for neither side, so that neighbouring areas never
    count the same point twice.
    """
    import numpy as np
    from shapely import contains_xy, prepare

    ergebnis: dict[str, int] = {p.art: 0 for p in punkte}
    if not punkte:
        return ergebnis
    xs = np.fromiter((p.x for p in punkte), dtype=float, count=len(punkte))
    ys = np.fromiter((p.y for p in punkte), dtype=float, count=len(punkte))
    # Bounding box first: cheap, and leaves only a few hundred candidates for the exact test.
    minx, miny, maxx, maxy = gebiet.geometrie.bounds
    kandidaten = np.flatnonzero((xs >= minx) & (xs <= maxx) & (ys >= miny) & (ys <= maxy))
    if kandidaten.size:
        prepare(gebiet.geometrie)
        drin = contains_xy(gebiet.geometrie, xs[kandidaten], ys[kandidaten])
        for i in kandidaten[drin]:
            ergebnis[punkte[int(i)].art] += 1
    return ergebnis


def je_1000(anzahl: int, einwohner_65: int | None) -> float | None:
    """Count per 1,000 residents aged 65 and over; None if that population is unknown or 0."""
    if not einwohner_65:
        return None
    return anzahl * 1000.0 / einwohner_65


def anteil_im_umkreis(
    gebiet: Gebiet, punkte: Sequence[Punkt], radius_m: float = 500
) -> float | None:
    """Share (%) of the area's surface within ``radius_m`` (straight line) of any of the points.

    A proxy for "share of residents 65+ within 500 m of a Nahversorger": it is weighted by
    area, not by population (unbuilt land counts as much as dense housing), and it measures
    air-line distance, not walking distance along streets. Points outside the area count too,
    since a shop across the border is just as near. None if the area has no surface.
    """
    geometrie = gebiet.geometrie
    if geometrie.is_empty or geometrie.area <= 0:
        return None
    if not punkte:
        return 0.0
    from shapely import dwithin, points

    alle = points([(p.x, p.y) for p in punkte])
    nah = [p for p, ja in zip(punkte, dwithin(alle, geometrie, radius_m), strict=True) if ja]
    if not nah:
        return 0.0
    flaeche = umkreis(nah, radius_m)
    if flaeche.covers(geometrie):
        return 100.0
    return min(100.0, 100.0 * flaeche.intersection(geometrie).area / geometrie.area)


def umkreis(punkte: Sequence[Punkt], radius_m: float) -> Any:
    """The surface within ``radius_m`` of any of the points (a shapely geometry, EPSG:25832)."""
    from shapely import buffer, points, union_all

    if not punkte:
        from shapely.geometry import Polygon

        return Polygon()
    # 32 segments per quarter circle: the polygon misses 0.04 % of the circle's area.
    return union_all(buffer(points([(p.x, p.y) for p in punkte]), radius_m, quad_segs=32))


def mittelpunkt(gebiet: Gebiet) -> tuple[float, float]:
    """A centre inside the area: the centroid if it lies inside, else a point on the surface."""
    geometrie = gebiet.geometrie
    zentrum = geometrie.centroid
    # The centroid of a crescent or of two separate parts can lie outside; a walking radius
    # drawn around a point outside the quarter would mislead.
    if not geometrie.contains(zentrum):
        zentrum = geometrie.point_on_surface()
    return (float(zentrum.x), float(zentrum.y))


def als_feature(gebiet: Gebiet, eigenschaften: dict[str, Any] | None = None) -> dict[str, Any]:
    """The area as a GeoJSON Feature in longitude/latitude (WGS 84, as GeoJSON requires).

    Coordinates are rounded to 6 decimals (about 0.1 m), enough for a council document.
    """
    from pyproj import Transformer
    from shapely import set_precision
    from shapely.geometry import mapping

    nach_wgs84 = Transformer.from_crs(ZIEL_CRS, "EPSG:4326", always_xy=True)
    geometrie = set_precision(umrechnen_geometrie(nach_wgs84, gebiet.geometrie), 1e-6)
    return {
        "type": "Feature",
        "geometry": mapping(geometrie),
        "properties": {"nr": gebiet.nr, "name": gebiet.name, **(eigenschaften or {})},
    }
