"""Areas and points on real Köln data: re-projection, counts, reach, errors, and the map."""

from __future__ import annotations

import io
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from qprofil.auswertung import raeumlich
from qprofil.bilder import diagramme as charts
from qprofil.bilder import karten
from qprofil.einlesen import geodaten
from qprofil.fehler import EingabeFehler
from qprofil.modell import Gebiet, Punkt
from qprofil.zahlen import prozent

KOELN = Path(__file__).parent / "fixtures" / "koeln"
STADTTEILE = KOELN / "Stadtteil.shp"
PNG_SIGNATUR = b"\x89PNG\r\n\x1a\n"
QUELLE = "Stadt Köln, Offene Daten Köln (CC BY)"
# The source grid written as a PROJ string: UTM zone 32 with false easting 2,500,000.
QUELL_GITTER = "+proj=tmerc +lon_0=9 +k=0.9996 +x_0=2500000 +y_0=0 +ellps=GRS80 +units=m"


@pytest.fixture(scope="module")
def stadtteile() -> dict[str, Gebiet]:
    return geodaten.gebiete_lesen(STADTTEILE, nr_feld="STT_NR", name_feld="STT_NAME")


@pytest.fixture(scope="module")
def punkte() -> list[Punkt]:
    return [
        *geodaten.punkte_lesen(KOELN / "amenity_pharmacy.geojson", art="Apotheken"),
        *geodaten.punkte_lesen(KOELN / "amenity_bench.geojson", art="Sitzbänke"),
        *geodaten.punkte_lesen(KOELN / "amenity_toilets.geojson", art="Öffentliche Toiletten"),
    ]


def in_25832(lon: float, lat: float) -> tuple[float, float]:
    """Independent re-projection of one lon/lat point."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True).transform(lon, lat)


def gebiet_bei(gebiete: dict[str, Gebiet], lon: float, lat: float) -> Gebiet:
    from shapely.geometry import Point

    punkt = Point(*in_25832(lon, lat))
    treffer = [g for g in gebiete.values() if g.geometrie.contains(punkt)]
    assert len(treffer) == 1
    return treffer[0]


# --- reading areas -------------------------------------------------------------------------


def test_stadtteile_gelesen(stadtteile: dict[str, Gebiet]) -> None:
    assert len(stadtteile) == 86
    assert all(len(nr) == 3 and nr.isdigit() for nr in stadtteile)
    assert stadtteile["501"].name == "Nippes"
    # The DBF is Windows-1252 without .cpg: the umlaut must survive.
    assert stadtteile["905"].name == "Dellbrück"
    for g in stadtteile.values():
        assert g.geometrie.is_valid
        assert g.geometrie.geom_type in ("Polygon", "MultiPolygon")
        minx, miny, maxx, maxy = g.geometrie.bounds
        # Köln in UTM 32: easting ~340–370 km (not 2,340 km), northing ~5,630–5,665 km.
        assert 335_000 < minx < maxx < 375_000
        assert 5_625_000 < miny < maxy < 5_670_000


@pytest.mark.parametrize(
    ("ort", "lon", "lat", "nr", "name"),
    [
        ("Kölner Dom", 6.9583, 50.9413, "103", "Altstadt/Nord"),
        ("Wilhelmplatz (Nippeser Markt)", 6.9547, 50.9589, "501", "Nippes"),
        ("Bahnhof Köln-Ehrenfeld", 6.9178, 50.9513, "401", "Ehrenfeld"),
    ],
)
def test_bekannte_orte_liegen_im_richtigen_stadtteil(
    stadtteile: dict[str, Gebiet], ort: str, lon: float, lat: float, nr: str, name: str
) -> None:
    gebiet = gebiet_bei(stadtteile, lon, lat)
    assert (gebiet.nr, gebiet.name) == (nr, name), ort


def test_flaeche_wie_im_original(stadtteile: dict[str, Gebiet]) -> None:
    import shapefile

    # The source grid is UTM 32 with another false easting: areas must stay the same.
    with shapefile.Reader(str(STADTTEILE), encoding="cp1252") as leser:
        flaechen = {r["STT_NR"]: r["SHAPE_AREA"] for r in leser.iterRecords()}
    for nr, g in stadtteile.items():
        assert g.geometrie.area == pytest.approx(flaechen[nr], rel=1e-5), nr


def test_stadtteile_ergeben_den_stadtbezirk_aus_geojson(
    stadtteile: dict[str, Gebiet],
) -> None:
    # Two independent sources (Shapefile in a TM grid, GeoJSON in lon/lat) must coincide.
    bezirke = geodaten.gebiete_lesen(
        KOELN / "stadtbezirke_innenstadt_nippes.geojson",
        nr_feld="STB_NR",
        name_feld="STB_NAME",
        nr_breite=3,
    )
    assert sorted(bezirke) == ["001", "005"]
    for nr, name in (("001", "Innenstadt"), ("005", "Nippes")):
        teile = [g for k, g in stadtteile.items() if k[0] == nr[-1]]
        vereint = geodaten.vereinigen(teile, nr, name).geometrie
        bezirk = bezirke[nr].geometrie
        assert bezirke[nr].name == name
        deckung = vereint.intersection(bezirk).area / vereint.union(bezirk).area
        assert deckung > 0.999


def test_nr_ohne_breite_bleibt_wie_in_der_datei() -> None:
    bezirke = geodaten.gebiete_lesen(
        KOELN / "stadtbezirke_innenstadt_nippes.geojson", nr_feld="STB_NR", name_feld="STB_NAME"
    )
    assert sorted(bezirke) == ["1", "5"]


def test_numerisches_dbf_feld_mit_fuehrenden_nullen(tmp_path: Path) -> None:
    import shapefile

    ziel = tmp_path / "zahlen.shp"
    with shapefile.Writer(str(ziel), shapeType=shapefile.POLYGON) as schreiber:
        schreiber.field("NR", "N", 5, 0)
        schreiber.field("NAME", "C", 20)
        for nr, x in ((101, 0), (5, 1000)):
            schreiber.poly([[(x, 0), (x, 900), (x + 900, 900), (x + 900, 0), (x, 0)]])
            schreiber.record(nr, f"Gebiet {nr}")
    gebiete = geodaten.gebiete_lesen(
        ziel, nr_feld="NR", name_feld="NAME", crs="EPSG:25832", nr_breite=3
    )
    assert sorted(gebiete) == ["005", "101"]
    assert gebiete["005"].name == "Gebiet 5"
    assert gebiete["101"].geometrie.area == pytest.approx(810_000)
    ohne_breite = geodaten.gebiete_lesen(ziel, nr_feld="NR", name_feld="NAME", crs="EPSG:25832")
    assert sorted(ohne_breite) == ["101", "5"]


def test_ungueltige_grenze_wird_repariert(stadtteile: dict[str, Gebiet]) -> None:
    import shapefile
    from shapely.geometry import shape

    with shapefile.Reader(str(STADTTEILE), encoding="cp1252") as leser:
        original = {
            r.record["STT_NR"]: shape(r.shape.__geo_interface__) for r in leser.iterShapeRecords()
        }
    assert not original["202"].is_valid  # Marienburg, as published
    repariert = stadtteile["202"].geometrie
    assert repariert.is_valid
    assert repariert.area == pytest.approx(original["202"].area, rel=1e-3)


def test_fehlende_prj_ist_ein_fehler_und_crs_hilft(tmp_path: Path) -> None:
    for endung in (".shp", ".shx", ".dbf"):
        shutil.copy(STADTTEILE.with_suffix(endung), tmp_path / f"Stadtteil{endung}")
    ohne_prj = tmp_path / "Stadtteil.shp"
    with pytest.raises(EingabeFehler) as fehler:
        geodaten.gebiete_lesen(ohne_prj, nr_feld="STT_NR", name_feld="STT_NAME")
    assert "Stadtteil.prj" in fehler.value.meldung
    assert str(ohne_prj) in str(fehler.value)
    assert "crs" in fehler.value.hilfe

    mit_crs = geodaten.gebiete_lesen(
        ohne_prj, nr_feld="STT_NR", name_feld="STT_NAME", crs=QUELL_GITTER, anzeige="grenzen.shp"
    )
    assert mit_crs["501"].geometrie.area == pytest.approx(
        geodaten.gebiete_lesen(STADTTEILE, nr_feld="STT_NR", name_feld="STT_NAME")[
            "501"
        ].geometrie.area,
        rel=1e-9,
    )


def test_unbekanntes_feld_nennt_die_vorhandenen() -> None:
    with pytest.raises(EingabeFehler) as fehler:
        geodaten.gebiete_lesen(STADTTEILE, nr_feld="STT_NUMMER", name_feld="STT_NAME")
    assert "STT_NUMMER" in fehler.value.meldung
    assert fehler.value.ort.spalte == "STT_NUMMER"
    assert str(STADTTEILE) in str(fehler.value)
    for feld in ("STT_NR", "STT_NAME", "SHAPE_AREA", "SHAPE_LEN"):
        assert feld in fehler.value.hilfe


def test_fehlende_datei_und_unbekanntes_crs(tmp_path: Path) -> None:
    with pytest.raises(EingabeFehler) as fehler:
        geodaten.gebiete_lesen(tmp_path / "gibt_es_nicht.geojson", nr_feld="a", name_feld="b")
    assert "gibt_es_nicht.geojson" in str(fehler.value)
    with pytest.raises(EingabeFehler) as fehler:
        geodaten.gebiete_lesen(STADTTEILE, nr_feld="STT_NR", name_feld="STT_NAME", crs="EPSG:0")
    assert "EPSG:0" in fehler.value.meldung
    with pytest.raises(EingabeFehler):
        geodaten.punkte_lesen(tmp_path / "fehlt.geojson", art="Apotheken")


# --- points --------------------------------------------------------------------------------


def test_punkte_aus_osm_export() -> None:
    apotheken = geodaten.punkte_lesen(KOELN / "amenity_pharmacy.geojson", art="Apotheken")
    roh = json.loads((KOELN / "amenity_pharmacy.geojson").read_text(encoding="utf-8"))
    assert len(apotheken) == len(roh["features"]) == 205
    assert all(p.art == "Apotheken" for p in apotheken)
    # Flattened Overpass export: the name is in "tags/name".
    dom = [p for p in apotheken if p.name == "Dom-Apotheke"]
    assert len(dom) == 1
    x, y = in_25832(6.9572492, 50.9420343)
    assert (dom[0].x, dom[0].y) == (pytest.approx(x, abs=0.01), pytest.approx(y, abs=0.01))


def test_punkte_ohne_linien_und_flaechen(tmp_path: Path) -> None:
    datei = tmp_path / "gemischt.geojson"
    merkmale = [
        {"type": "Feature", "properties": {"name": "A"}, "geometry": None},
        {
            "type": "Feature",
            "properties": {"name": "B"},
            "geometry": {"type": "Point", "coordinates": [6.95, 50.96]},
        },
        {
            "type": "Feature",
            "properties": {"name": "C"},
            "geometry": {"type": "LineString", "coordinates": [[6.9, 50.9], [6.91, 50.91]]},
        },
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": [[6.9, 50.9], [6.91, 50.91]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "E"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[6.9, 50.9], [6.91, 50.9], [6.91, 50.91], [6.9, 50.9]]],
            },
        },
    ]
    datei.write_text(json.dumps({"type": "FeatureCollection", "features": merkmale}))
    punkte = geodaten.punkte_lesen(datei, art="Haltestellen")
    assert [p.name for p in punkte] == ["B", "", ""]


# --- counting, per 1,000, reach, centre ----------------------------------------------------


def test_zaehlen_wie_einzeln_geprueft(stadtteile: dict[str, Gebiet], punkte: list[Punkt]) -> None:
    from shapely.geometry import Point

    arten = ["Apotheken", "Sitzbänke", "Öffentliche Toiletten"]
    gesamt = dict.fromkeys(arten, 0)
    for gebiet in stadtteile.values():
        gezaehlt = raeumlich.zaehlen(gebiet, punkte)
        einzeln = dict.fromkeys(arten, 0)
        for p in punkte:
            if gebiet.geometrie.contains(Point(p.x, p.y)):
                einzeln[p.art] += 1
        assert gezaehlt == einzeln, gebiet.name
        for art in arten:
            gesamt[art] += gezaehlt[art]
    # No point is counted twice; the cut reaches beyond the city, so some count nowhere.
    assert 0 < gesamt["Sitzbänke"] <= sum(p.art == "Sitzbänke" for p in punkte)
    nippes = raeumlich.zaehlen(stadtteile["501"], punkte)
    assert nippes == {"Apotheken": 6, "Sitzbänke": 29, "Öffentliche Toiletten": 1}


def test_zaehlen_ohne_punkte(stadtteile: dict[str, Gebiet]) -> None:
    assert raeumlich.zaehlen(stadtteile["501"], []) == {}


def test_je_1000() -> None:
    # Nippes 2012 (bevoelkerung.csv, raum 501): 65 bis unter 75 2.595, 75 und älter 2.093.
    assert raeumlich.je_1000(6, 2595 + 2093) == pytest.approx(6 * 1000 / 4688)
    assert raeumlich.je_1000(6, 4688) == pytest.approx(1.27986, abs=1e-5)
    assert raeumlich.je_1000(0, 4688) == 0.0
    assert raeumlich.je_1000(3, 0) is None
    assert raeumlich.je_1000(3, None) is None


def test_anteil_im_umkreis(stadtteile: dict[str, Gebiet], punkte: list[Punkt]) -> None:
    apotheken = [p for p in punkte if p.art == "Apotheken"]
    for nr in ("101", "103", "401", "501", "609", "612"):
        anteil = raeumlich.anteil_im_umkreis(stadtteile[nr], apotheken)
        assert anteil is not None and 0.0 <= anteil <= 100.0
    assert raeumlich.anteil_im_umkreis(stadtteile["501"], apotheken) == pytest.approx(57.2, abs=0.1)
    assert raeumlich.anteil_im_umkreis(stadtteile["501"], []) == 0.0

    # One point in the middle, a radius larger than the whole area: all of it is near.
    nippes = stadtteile["501"]
    x, y = raeumlich.mittelpunkt(nippes)
    minx, miny, maxx, maxy = nippes.geometrie.bounds
    weit = math.hypot(maxx - minx, maxy - miny)
    mitte = [Punkt("Nahversorger", "", x, y)]
    assert raeumlich.anteil_im_umkreis(nippes, mitte, weit) == 100.0


def test_anteil_im_umkreis_von_hand() -> None:
    from shapely.geometry import Polygon, box

    # A 10 km square with one shop in the middle: π·500² / 10⁸ of the surface.
    quadrat = Gebiet("1", "Quadrat", box(0, 0, 10_000, 10_000))
    laden = [Punkt("Nahversorger", "", 5_000, 5_000)]
    erwartet = 100 * math.pi * 500**2 / 10_000**2
    assert raeumlich.anteil_im_umkreis(quadrat, laden, 500) == pytest.approx(erwartet, rel=1e-3)
    # A shop 300 m outside the edge still reaches in: circular segment of height 200 m.
    draussen = [Punkt("Nahversorger", "", -300, 5_000)]
    r, d = 500.0, 300.0
    segment = r**2 * math.acos(d / r) - d * math.sqrt(r**2 - d**2)
    assert raeumlich.anteil_im_umkreis(quadrat, draussen, 500) == pytest.approx(
        100 * segment / 10_000**2, rel=1e-3
    )
    assert raeumlich.anteil_im_umkreis(Gebiet("2", "leer", Polygon()), laden) is None
    assert raeumlich.umkreis(laden, 500).area == pytest.approx(math.pi * 500**2, rel=1e-3)
    assert raeumlich.umkreis([], 500).is_empty


def test_mittelpunkt_liegt_im_gebiet(stadtteile: dict[str, Gebiet]) -> None:
    from shapely.geometry import Point, Polygon

    for g in stadtteile.values():
        assert g.geometrie.contains(Point(*raeumlich.mittelpunkt(g))), g.name
    # A U shape: its centroid is in the gap, the centre must not be.
    u = Gebiet(
        "u", "U", Polygon([(0, 0), (300, 0), (300, 300), (200, 300), (200, 100), (100, 100),
                           (100, 300), (0, 300)])
    )  # fmt: skip
    assert not u.geometrie.contains(u.geometrie.centroid)
    assert u.geometrie.contains(Point(*raeumlich.mittelpunkt(u)))


def test_vereinigen_ohne_haarrisse(stadtteile: dict[str, Gebiet]) -> None:
    from shapely.geometry import Polygon

    teile = [stadtteile[nr] for nr in ("401", "402", "403")]
    quartier = geodaten.vereinigen(teile, "Q1", "Ehrenfeld und Umgebung")
    assert (quartier.nr, quartier.name) == ("Q1", "Ehrenfeld und Umgebung")
    assert quartier.geometrie.geom_type == "Polygon"
    # The union of neighbouring areas leaves no hairline gaps along shared borders.
    assert not [r for r in quartier.geometrie.interiors if Polygon(r).area < 1]
    assert quartier.geometrie.area == pytest.approx(sum(t.geometrie.area for t in teile), rel=1e-6)
    with pytest.raises(ValueError):
        geodaten.vereinigen([], "Q", "leer")


# --- the map -------------------------------------------------------------------------------


def png_groesse(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as bild:
        bild.load()
        assert bild.format == "PNG"
        return bild.size


def test_karte_png_und_alt_text(stadtteile: dict[str, Gebiet], punkte: list[Punkt]) -> None:
    nippes = stadtteile["501"]
    karte = karten.karte(
        nippes,
        list(stadtteile.values()),
        punkte,
        titel="Quartier Nippes mit Nachbarschaft",
        quelle_grenzen=QUELLE,
    )
    assert isinstance(karte, charts.Diagramm)
    assert karte.png.startswith(PNG_SIGNATUR)
    breite, hoehe = png_groesse(karte.png)
    assert breite == round(charts.BREITE_CM / 2.54 * charts.DPI)
    assert 0.6 * breite < hoehe < 1.4 * breite
    assert karte.titel == "Quartier Nippes mit Nachbarschaft"
    assert karte.alt == (
        "Karte des Quartiers Nippes mit den angrenzenden Gebieten; im Quartier: "
        "Apotheken 6, Sitzbänke 29, Öffentliche Toiletten 1; "
        "gestrichelt ein Umkreis von 500 m um den Mittelpunkt."
    )
    wieder = karten.karte(
        nippes,
        list(stadtteile.values()),
        punkte,
        titel="Quartier Nippes mit Nachbarschaft",
        quelle_grenzen=QUELLE,
    )
    assert wieder.png == karte.png
    assert b"matplotlib" not in karte.png


def test_karte_mit_erreichbarkeit_und_vereintem_quartier(
    stadtteile: dict[str, Gebiet], punkte: list[Punkt]
) -> None:
    quartier = geodaten.vereinigen([stadtteile["401"], stadtteile["402"]], "Q", "Ehrenfeld-Nord")
    apotheken = [p for p in punkte if p.art == "Apotheken"]
    karte = karten.karte(
        quartier,
        list(stadtteile.values()),
        punkte,
        titel="Ehrenfeld-Nord",
        quelle_grenzen=QUELLE,
        nahversorger_art="Apotheken",
    )
    anteil = raeumlich.anteil_im_umkreis(quartier, apotheken, 500)
    anzahl = raeumlich.zaehlen(quartier, punkte)
    assert f"Apotheken {anzahl['Apotheken']}" in karte.alt
    assert f"({prozent(anteil)} der Fläche)" in karte.alt
    assert png_groesse(karte.png)[0] == 1260


def test_karte_ohne_umkreis_und_ohne_punkte(stadtteile: dict[str, Gebiet]) -> None:
    karte = karten.karte(
        stadtteile["609"], [], [], titel="Chorweiler", quelle_grenzen=QUELLE, radius_m=None
    )
    assert karte.alt == (
        "Karte des Quartiers Chorweiler mit den angrenzenden Gebieten; im Quartier: keine Punkte."
    )
    assert png_groesse(karte.png)[0] == 1260


def test_import_laedt_geobibliotheken_erst_bei_gebrauch() -> None:
    code = (
        "import sys, qprofil.einlesen.geodaten, qprofil.auswertung.raeumlich, qprofil.bilder.karten; "
        "print(sorted(m for m in ('shapely', 'pyproj', 'shapefile', 'matplotlib') "
        "if m in sys.modules))"
    )
    ergebnis = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert ergebnis.stdout.strip() == "[]"


def test_uebersichtskarte_von_hand() -> None:
    """The index's overview map on hand-made areas (metres): north up and to scale, a quarter
    with a hole drawn with its hole, a quarter of two parts numbered in its larger part, and
    names with „&“ and „<“ escaped in the links' labels.

    City 0–2000 m east × 0–1000 m north → 788 units wide inside a margin of 6: 0.394 per metre,
    so the drawing is 1000 × 0.394 + 12 = 406 high.
    """
    import xml.etree.ElementTree as ET

    from shapely.geometry import MultiPolygon, Polygon, box

    from qprofil.bilder import uebersicht

    stadt = [
        Gebiet("1", "West", box(0, 0, 1000, 1000)),
        Gebiet("2", "Ost", box(1000, 0, 2000, 1000)),
    ]
    ring = Polygon(
        [(100, 500), (900, 500), (900, 900), (100, 900)],
        [[(400, 600), (600, 600), (600, 800), (400, 800)]],
    )
    zwei = MultiPolygon([box(1100, 100, 1300, 300), box(1400, 100, 1900, 600)])
    svg = uebersicht.uebersichtskarte(
        stadt,
        [
            uebersicht.Markierung(1, Gebiet("a", "Nord & Süd", ring), "a.html", "Nord & Süd"),
            uebersicht.Markierung(2, Gebiet("b", "<Ost>", zwei), "b.html", "<Ost>"),
        ],
        titel="Karte",
        beschreibung="Zwei Quartiere",
    )
    wurzel = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert wurzel.get("viewBox") == "0 0 800 406.0"
    assert wurzel.get("aria-labelledby") == "qp-uebersicht-titel"
    assert wurzel.find("s:title", ns).text == "Karte"
    links = wurzel.findall("s:a", ns)
    assert [a.get("aria-label") for a in links] == ["1: Nord & Süd", "2: <Ost>"]
    assert "&amp; Süd" in svg and "&lt;Ost&gt;" in svg
    # The ring quarter: outer ring and hole, y counted downwards from the northern edge
    # (x = 100 m → 100 × 0.394 + 6 = 45.4; y = 500 m → (1000 − 500) × 0.394 + 6 = 203.0).
    d = links[0].find("s:path", ns).get("d")
    assert d == (
        "M45.4 203.0L360.6 203.0L360.6 45.4L45.4 45.4Z"
        "M163.6 163.6L242.4 163.6L242.4 84.8L163.6 84.8Z"
    )
    assert links[0].find("s:path", ns).get("fill-rule") == "evenodd"
    # Its number on the ring, not in the hole (163.6–242.4 in both directions).
    kreis = links[0].find("s:circle", ns)
    x, y = float(kreis.get("cx")), float(kreis.get("cy"))
    assert 45.4 < x < 360.6 and 45.4 < y < 203.0
    assert not (163.6 < x < 242.4 and 84.8 < y < 163.6)
    # The two-part quarter's number sits in its larger part (1400–1900 m east, 100–600 m north).
    kreis = links[1].find("s:circle", ns)
    x, y = float(kreis.get("cx")), float(kreis.get("cy"))
    assert 1400 * 0.394 + 6 < x < 1900 * 0.394 + 6
    assert (1000 - 600) * 0.394 + 6 < y < (1000 - 100) * 0.394 + 6
    assert links[1].find("s:text", ns).text == "2"
