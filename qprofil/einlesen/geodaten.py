"""Geodata: area boundaries and point layers as configured in [karte], read and re-projected.

Read once per run (like the statistics); each quarter gets its own cut: its boundary (the union
of its statistical areas), the other areas as neighbours, and all points.

Everything is computed in ETRS89 / UTM zone 32N (EPSG:25832), the official metric grid of
North Rhine-Westphalia, so that areas are square metres and radii are metres. shapely, pyproj
and pyshp are imported inside the functions so that ``qprofil --help`` does not load them.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import Gebiet, Geodaten, Punkt, Quartier, QuartiersGeo
from qprofil.projekt import Projekt

#: The metric grid every geometry is held in.
ZIEL_CRS = "EPSG:25832"
#: GeoJSON without a declared CRS is longitude/latitude (RFC 7946).
GEOJSON_CRS = "OGC:CRS84"

#: Holes narrower than this (mean width, metres) left by a union are gaps in the data, not holes.
_RITZE_M = 0.5

# dBASE language driver ids (byte 29 of the header) of the code pages met in German data.
# 0x57 is what Esri writes for "the system's ANSI code page", which is cp1252 on German Windows.
_DBF_SPRACHTREIBER = {
    0x01: "cp437",
    0x02: "cp850",
    0x03: "cp1252",
    0x57: "cp1252",
    0x58: "cp1252",
    0x59: "cp1252",
    0x64: "cp852",
    0x65: "cp866",
    0xC8: "cp1250",
}


def gebiete_lesen(
    pfad: Path,
    *,
    nr_feld: str,
    name_feld: str,
    crs: str | None = None,
    anzeige: str | None = None,
    nr_breite: int | None = None,
    kodierung: str | None = None,
) -> dict[str, Gebiet]:
    """Read area polygons from a GeoJSON or Shapefile, re-projected to EPSG:25832, keyed by code.

    GeoJSON is taken as longitude/latitude unless the file declares a CRS or ``crs`` is given;
    a Shapefile needs its ``.prj`` unless ``crs`` is given (``crs`` overrides both). Codes are
    kept as text; a purely numeric code shorter than ``nr_breite`` is zero-padded (``5`` → ``005``).
    ``anzeige`` is the name of the file shown in messages (default: the path). ``kodierung`` is
    the DBF text encoding; by default it comes from the ``.cpg`` file or the DBF header.
    Invalid polygons are repaired; areas whose code occurs twice are united.
    """
    pfad = Path(pfad)
    name = anzeige or str(pfad)
    if not pfad.is_file():
        raise EingabeFehler(
            "Die Datei mit den Gebietsgrenzen fehlt.",
            Ort(name),
            "Pfad in qprofil.toml prüfen oder die Datei ablegen.",
        )
    endung = pfad.suffix.lower()
    if endung == ".shp":
        roh, felder = _shapefile_lesen(pfad, name, crs, kodierung)
        quell_crs = _crs(crs, name) if crs else _prj_crs(pfad, name)
    elif endung in (".geojson", ".json"):
        daten = _json_lesen(pfad, name)
        quell_crs = _geojson_crs(daten, crs, name)
        roh, felder = _geojson_flaechen(daten, name)
    else:
        raise EingabeFehler(
            f"Unbekanntes Format „{pfad.suffix}“ für Gebietsgrenzen.",
            Ort(name),
            "Erwartet wird GeoJSON (.geojson, .json) oder ein Shapefile "
            "(.shp mit .shx, .dbf, .prj).",
        )
    for feld in (nr_feld, name_feld):
        if feld not in felder:
            raise EingabeFehler(
                f"Das Feld „{feld}“ fehlt in den Gebietsgrenzen.",
                Ort(name, spalte=feld),
                f"Vorhandene Felder: {', '.join(felder) or 'keine'}.",
            )

    from shapely import union_all

    umrechnen = _umrechner(quell_crs)
    gebiete: dict[str, Gebiet] = {}
    for nummer, (eigenschaften, geometrie) in enumerate(roh, start=1):
        nr = _code(eigenschaften.get(nr_feld), nr_breite)
        if not nr:
            raise EingabeFehler(
                f"Gebiet Nr. {nummer} in der Datei hat keinen Wert im Feld „{nr_feld}“.",
                Ort(name, spalte=nr_feld),
                "Jedes Gebiet braucht seinen Schlüssel.",
            )
        gebiet_name = _text(eigenschaften.get(name_feld))
        flaeche = _reparieren(
            umrechnen_geometrie(umrechnen, geometrie), name, f"{nr} {gebiet_name}".strip()
        )
        if nr in gebiete:
            frueher = gebiete[nr]
            # An exclave is often stored as a second record with the same code and name; the
            # same code with another name means the wrong field was configured.
            if frueher.name != gebiet_name:
                raise EingabeFehler(
                    f"Der Schlüssel „{nr}“ kommt mit zwei Namen vor: „{frueher.name}“ und "
                    f"„{gebiet_name}“.",
                    Ort(name, spalte=nr_feld),
                    "Feld für den Gebietsschlüssel prüfen (nr_feld).",
                )
            flaeche = _ritzen_schliessen(union_all([frueher.geometrie, flaeche]))
        gebiete[nr] = Gebiet(nr, gebiet_name, flaeche)
    return gebiete


def punkte_lesen(
    pfad: Path,
    *,
    art: str,
    name_feld: str = "name",
    crs: str | None = None,
    anzeige: str | None = None,
) -> list[Punkt]:
    """Read the point features of a GeoJSON layer (e.g. an OSM export) as points of one kind.

    Lines and polygons are skipped, multipoints give one point each. The name comes from
    ``name_feld`` or, as in flattened Overpass exports, ``tags/<name_feld>``; it may be empty.
    """
    pfad = Path(pfad)
    name = anzeige or str(pfad)
    if not pfad.is_file():
        raise EingabeFehler(
            f"Die Datei mit den Punkten „{art}“ fehlt.",
            Ort(name),
            "Pfad in qprofil.toml prüfen oder die Datei ablegen.",
        )
    daten = _json_lesen(pfad, name)
    umrechnen = _umrechner(_geojson_crs(daten, crs, name))
    lon: list[float] = []
    lat: list[float] = []
    namen: list[str] = []
    for merkmal in _merkmale(daten, name):
        geometrie = merkmal.get("geometry") or {}
        typ = geometrie.get("type")
        koordinaten = geometrie.get("coordinates")
        if typ == "Point":
            liste = [koordinaten]
        elif typ == "MultiPoint":
            liste = list(koordinaten or [])
        else:
            continue
        eigenschaften = merkmal.get("properties") or {}
        wert = eigenschaften.get(name_feld, eigenschaften.get(f"tags/{name_feld}"))
        for k in liste:
            if not isinstance(k, list | tuple) or len(k) < 2:
                continue
            lon.append(float(k[0]))
            lat.append(float(k[1]))
            namen.append(_text(wert))
    if not lon:
        return []
    xs, ys = umrechnen.transform(lon, lat)
    return [
        Punkt(art, n, float(x), float(y))
        for n, x, y in zip(namen, xs, ys, strict=True)
        if math.isfinite(x) and math.isfinite(y)
    ]


def vereinigen(gebiete: Sequence[Gebiet], nr: str, name: str) -> Gebiet:
    """The union of several areas as one area (a quarter made of statistical districts)."""
    if not gebiete:
        raise ValueError("vereinigen() braucht mindestens ein Gebiet")
    from shapely import union_all

    return Gebiet(nr, name, _ritzen_schliessen(union_all([g.geometrie for g in gebiete])))


def geodaten_lesen(projekt: Projekt) -> Geodaten | None:
    """Read the configured boundaries and point layers (None when [karte] is not configured)."""
    k = projekt.konfig.karte
    if k is None:
        return None
    grenzen = projekt.pfad(k.grenzen)
    gebiete = gebiete_lesen(
        grenzen,
        nr_feld=k.nr_feld,
        name_feld=k.name_feld,
        crs=k.crs,
        anzeige=projekt.relativ(grenzen),
        nr_breite=k.nr_stellen,
    )
    punkte: list[Punkt] = []
    for ebene in k.punkte:
        pfad = projekt.pfad(ebene.datei)
        punkte += punkte_lesen(
            pfad, art=ebene.art, name_feld=ebene.name_feld, anzeige=projekt.relativ(pfad)
        )
    return Geodaten(gebiete, tuple(punkte))


def quartiers_geo(
    projekt: Projekt, geodaten: Geodaten | None, quartier: Quartier
) -> QuartiersGeo | None:
    """The quarter's cut of the geodata; an area code without boundary is an error."""
    if geodaten is None:
        return None
    fehlend = [nr for nr in quartier.unterbezirke if nr not in geodaten.gebiete]
    if fehlend:
        k = projekt.konfig.karte
        assert k is not None
        raise EingabeFehler(
            f"Quartier {quartier.kuerzel}: für {', '.join(fehlend)} gibt es keine Grenze in der "
            f"Geodatei (Feld „{k.nr_feld}“).",
            Ort(projekt.relativ(projekt.pfad(k.grenzen)), spalte=k.nr_feld),
            "Prüfen Sie die Unterbezirke des Quartiers und [karte] nr_feld/nr_stellen in "
            "qprofil.toml (docs/konfiguration.md).",
        )
    teile = [geodaten.gebiete[nr] for nr in quartier.unterbezirke]
    gebiet = vereinigen(teile, quartier.kuerzel, quartier.name)
    nachbarn = tuple(g for nr, g in geodaten.gebiete.items() if nr not in quartier.unterbezirke)
    return QuartiersGeo(gebiet, nachbarn, geodaten.punkte)


# --- helpers -------------------------------------------------------------------------------


def _json_lesen(pfad: Path, name: str) -> dict[str, Any]:
    """Load a GeoJSON file as dict, with German errors."""
    try:
        daten = json.loads(pfad.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EingabeFehler(
            f"Die GeoJSON-Datei ist nicht lesbar ({err}).",
            Ort(name),
            "Datei als GeoJSON (UTF-8) neu exportieren.",
        ) from err
    if not isinstance(daten, dict):
        raise EingabeFehler(
            "Die Datei ist kein GeoJSON-Objekt.", Ort(name), "FeatureCollection erwartet."
        )
    return daten


def _merkmale(daten: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The features of a FeatureCollection (a single Feature counts as a collection of one)."""
    if daten.get("type") == "Feature":
        return [daten]
    merkmale = daten.get("features")
    if daten.get("type") != "FeatureCollection" or not isinstance(merkmale, list):
        raise EingabeFehler(
            "Die GeoJSON-Datei enthält keine FeatureCollection.",
            Ort(name),
            "Datei als GeoJSON-FeatureCollection exportieren.",
        )
    return [m for m in merkmale if isinstance(m, dict)]


def _geojson_flaechen(
    daten: dict[str, Any], name: str
) -> tuple[list[tuple[dict[str, Any], Any]], list[str]]:
    """Polygon features as (properties, shapely geometry) and the field names seen."""
    from shapely.geometry import shape

    roh: list[tuple[dict[str, Any], Any]] = []
    felder: dict[str, None] = {}
    for nummer, merkmal in enumerate(_merkmale(daten, name), start=1):
        eigenschaften = merkmal.get("properties") or {}
        felder.update(dict.fromkeys(eigenschaften))
        geometrie = merkmal.get("geometry")
        if not geometrie or geometrie.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        try:
            roh.append((eigenschaften, shape(geometrie)))
        except (ValueError, TypeError, AttributeError, IndexError) as err:
            raise EingabeFehler(
                f"Die Geometrie von Objekt Nr. {nummer} ist nicht lesbar ({err}).",
                Ort(name),
                "Datei neu exportieren.",
            ) from err
    if not roh:
        raise EingabeFehler(
            "Die GeoJSON-Datei enthält keine Flächen (Polygon oder MultiPolygon).",
            Ort(name),
            "Datei mit den Gebietsgrenzen statt einer Punkt- oder Linienebene angeben.",
        )
    return roh, list(felder)


def _shapefile_lesen(
    pfad: Path, name: str, crs: str | None, kodierung: str | None
) -> tuple[list[tuple[dict[str, Any], Any]], list[str]]:
    """Polygon records of a Shapefile as (attributes, shapely geometry) and the field names."""
    import shapefile
    from shapely import force_2d
    from shapely.geometry import shape

    for endung in (".shx", ".dbf"):
        if not _begleitdatei(pfad, endung):
            raise EingabeFehler(
                f"Zum Shapefile fehlt die Datei „{pfad.stem}{endung}“.",
                Ort(name),
                "Ein Shapefile besteht aus .shp, .shx, .dbf und .prj im selben Ordner.",
            )
    if crs is None and not _begleitdatei(pfad, ".prj"):
        raise EingabeFehler(
            f"Zum Shapefile fehlt die Projektionsdatei „{pfad.stem}.prj“.",
            Ort(name),
            "Die .prj-Datei mitliefern oder das Koordinatensystem angeben (z. B. crs = "
            "„EPSG:25832“).",
        )
    kodierung = kodierung or _dbf_kodierung(pfad)
    polygonal = (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM)
    roh: list[tuple[dict[str, Any], Any]] = []
    try:
        with shapefile.Reader(str(pfad), encoding=kodierung) as leser:
            felder = [str(f[0]) for f in leser.fields[1:]]
            if leser.shapeType not in polygonal:
                raise EingabeFehler(
                    f"Das Shapefile enthält keine Flächen (Geometrietyp {leser.shapeTypeName}).",
                    Ort(name),
                    "Die Ebene mit den Gebietsgrenzen angeben.",
                )
            for nummer, eintrag in enumerate(leser.iterShapeRecords(), start=1):
                if eintrag.shape.shapeType == shapefile.NULL:
                    raise EingabeFehler(
                        f"Datensatz Nr. {nummer} des Shapefiles hat keine Geometrie.",
                        Ort(name),
                        "Datensatz löschen oder die Grenze nachtragen.",
                    )
                geometrie = force_2d(shape(eintrag.shape.__geo_interface__))
                roh.append((eintrag.record.as_dict(), geometrie))
    except EingabeFehler:
        raise
    except (shapefile.ShapefileException, OSError, UnicodeDecodeError, ValueError) as err:
        raise EingabeFehler(
            f"Das Shapefile ist nicht lesbar ({err}).",
            Ort(name),
            "Shapefile neu exportieren; bei Umlautfehlern die Kodierung (.cpg) angeben.",
        ) from err
    return roh, felder


def _begleitdatei(pfad: Path, endung: str) -> Path | None:
    """The sidecar file with this extension, in lower or upper case, if it exists."""
    for kandidat in (pfad.with_suffix(endung), pfad.with_suffix(endung.upper())):
        if kandidat.is_file():
            return kandidat
    return None


def _dbf_kodierung(pfad: Path) -> str:
    """DBF text encoding: from the .cpg file, else the header's language driver, else guessed."""
    cpg = _begleitdatei(pfad, ".cpg")
    if cpg is not None:
        angabe = cpg.read_text(encoding="ascii", errors="replace").strip().lower()
        # Esri writes bare code page numbers ("1252") or "ANSI 1252".
        angabe = angabe.removeprefix("ansi").strip()
        if angabe.isdigit():
            angabe = f"cp{angabe}"
        try:
            return codecs.lookup(angabe).name
        except LookupError:
            pass
    dbf = _begleitdatei(pfad, ".dbf")
    daten = dbf.read_bytes() if dbf else b""
    if len(daten) > 29 and daten[29] in _DBF_SPRACHTREIBER:
        return _DBF_SPRACHTREIBER[daten[29]]
    # No declaration: text that decodes as UTF-8 almost certainly is UTF-8; older German data
    # is then Windows-1252.
    try:
        daten.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _crs(angabe: str, name: str) -> Any:
    """A pyproj CRS from user input ("EPSG:31466", a URN, WKT)."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(angabe)
    except CRSError as err:
        raise EingabeFehler(
            f"Das Koordinatensystem „{angabe}“ ist unbekannt.",
            Ort(name),
            "Als EPSG-Code angeben, z. B. „EPSG:25832“ oder „EPSG:4326“.",
        ) from err


def _prj_crs(pfad: Path, name: str) -> Any:
    """The CRS of a Shapefile from the WKT in its .prj."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    prj = _begleitdatei(pfad, ".prj")
    assert prj is not None  # checked before reading
    try:
        return CRS.from_wkt(prj.read_text(encoding="latin-1").strip())
    except CRSError as err:
        raise EingabeFehler(
            f"Die Projektionsdatei „{prj.name}“ ist nicht lesbar ({err}).",
            Ort(name),
            "Koordinatensystem in qprofil.toml angeben ([karte] crs, z. B. „EPSG:25832“; "
            "docs/konfiguration.md).",
        ) from err


def _geojson_crs(daten: dict[str, Any], crs: str | None, name: str) -> Any:
    """The CRS of a GeoJSON: given, declared in the (pre-RFC 7946) "crs" member, or lon/lat."""
    if crs:
        return _crs(crs, name)
    erklaert = daten.get("crs")
    if isinstance(erklaert, dict):
        angabe = (erklaert.get("properties") or {}).get("name")
        if isinstance(angabe, str) and angabe:
            return _crs(angabe, name)
    return _crs(GEOJSON_CRS, name)


def _umrechner(quell_crs: Any) -> Any:
    """A transformer to EPSG:25832 that takes and returns x = east, y = north."""
    from pyproj import Transformer

    # always_xy: GeoJSON stores longitude first even where the CRS definition says latitude.
    return Transformer.from_crs(quell_crs, ZIEL_CRS, always_xy=True)


def umrechnen_geometrie(transformer: Any, geometrie: Any) -> Any:
    """Apply a transformer to every coordinate of a shapely geometry."""
    import numpy as np
    from shapely import transform

    def umrechnen(xy: Any) -> Any:
        xs, ys = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([xs, ys])

    return transform(geometrie, umrechnen)


def _reparieren(geometrie: Any, name: str, gebiet: str) -> Any:
    """A valid polygonal geometry: make_valid, else buffer(0); error only if both fail."""
    from shapely import make_valid
    from shapely.errors import GEOSException
    from shapely.geometry import MultiPolygon, Polygon

    if geometrie.is_valid and not geometrie.is_empty:
        return geometrie
    versuche = []
    # buffer(0) is the older repair and still helps where make_valid fails.
    with contextlib.suppress(GEOSException, ValueError):
        versuche.append(_flaechenanteil(make_valid(geometrie)))
    versuche.append(_flaechenanteil(geometrie.buffer(0)))
    for ergebnis in versuche:
        if (
            isinstance(ergebnis, Polygon | MultiPolygon)
            and ergebnis.is_valid
            and not ergebnis.is_empty
        ):
            return ergebnis
    raise EingabeFehler(
        f"Die Grenze des Gebiets „{gebiet}“ ist ungültig und ließ sich nicht reparieren.",
        Ort(name),
        "Geometrie im GIS prüfen (z. B. „Geometrien reparieren“ in QGIS) und neu exportieren.",
    )


def _flaechenanteil(geometrie: Any) -> Any:
    """Only the polygons of a geometry (make_valid can add stray lines and points)."""
    from shapely import union_all
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

    if isinstance(geometrie, Polygon | MultiPolygon):
        return geometrie
    if isinstance(geometrie, GeometryCollection):
        teile = [g for g in geometrie.geoms if isinstance(g, Polygon | MultiPolygon)]
        if teile:
            return union_all(teile)
    return geometrie


def _ritzen_schliessen(geometrie: Any) -> Any:
    """Drop the hairline holes a union leaves where neighbouring boundaries do not quite meet."""
    from shapely.geometry import MultiPolygon, Polygon

    def ohne_ritzen(teil: Polygon) -> Polygon:
        # Mean width 2·area/perimeter: a sliver along a shared edge is millimetres wide, a real
        # enclave (a park, a neighbouring area inside) is tens of metres at least.
        loecher = [
            ring for ring in teil.interiors if 2 * Polygon(ring).area / ring.length >= _RITZE_M
        ]
        return Polygon(teil.exterior, loecher)

    if isinstance(geometrie, Polygon):
        return ohne_ritzen(geometrie)
    if isinstance(geometrie, MultiPolygon):
        return MultiPolygon([ohne_ritzen(t) for t in geometrie.geoms])
    return geometrie


def _code(wert: Any, breite: int | None) -> str:
    """An area code as text: numbers without ".0", digits zero-padded to ``breite``."""
    if wert is None:
        return ""
    if isinstance(wert, float) and wert.is_integer():
        wert = int(wert)
    text = str(wert).strip()
    if breite and text.isdigit():
        text = text.zfill(breite)
    return text


def _text(wert: Any) -> str:
    """A name field as stripped text (None → "")."""
    return "" if wert is None else str(wert).strip()
