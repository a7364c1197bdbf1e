"""The Köln example: a foreign statistics export read by configuration only.

Indicators in the generated profiles are compared with values computed independently from the
raw CSV (Stadt Köln, Offene Daten Köln, CC BY).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from docx_lesen import tabelle_mit, zeile_mit

from qprofil import zahlen

REPO = Path(__file__).resolve().parents[1]
BEISPIEL = REPO / "examples" / "koeln"
STADTTEILE = {"nippes": "501", "ehrenfeld": "401", "chorweiler": "609"}


def roh(raum: str, jahr: str = "2012") -> dict[str, int]:
    """Residents per age band of one area, straight from the CSV."""
    with (BEISPIEL / "daten" / "bevoelkerung.csv").open(encoding="utf-8") as f:
        return {
            z["zeile"]: int(float(z["zahl"]))
            for z in csv.DictReader(f)
            if z["tabelle"] == "Einwohner nach Alter" and z["raum_id"] == raum and z["jahr"] == jahr
        }


def einwohner_gesamt(raum: str, jahr: str = "2012") -> int:
    """The published total (table „Einwohner in Köln“)."""
    with (BEISPIEL / "daten" / "bevoelkerung.csv").open(encoding="utf-8") as f:
        (wert,) = [
            int(float(z["zahl"]))
            for z in csv.DictReader(f)
            if z["tabelle"] == "Einwohner in Köln" and z["raum_id"] == raum and z["jahr"] == jahr
        ]
    return wert


@pytest.fixture(scope="module")
def gebaut(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    basis = tmp_path_factory.mktemp("koeln")
    shutil.copytree(
        BEISPIEL, basis / "examples" / "koeln", ignore=shutil.ignore_patterns("berichte")
    )
    shutil.copytree(REPO / "vorlagen", basis / "vorlagen")
    projekt = basis / "examples" / "koeln"
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "--all"],
        cwd=projekt,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    return projekt / "berichte"


@pytest.mark.parametrize("kuerzel", sorted(STADTTEILE))
def test_einwohner_und_anteil_65_wie_in_der_rohdatei(gebaut: Path, kuerzel: str):
    baender = roh(STADTTEILE[kuerzel])
    einwohner = sum(baender.values())
    assert einwohner == einwohner_gesamt(STADTTEILE[kuerzel])  # the bands add up to the total
    anteil_65 = (baender["65 - < 75"] + baender["75 und älter"]) / einwohner * 100
    t = tabelle_mit(gebaut / f"quartiersprofil_{kuerzel}.docx", "Kennzahl")
    assert zeile_mit(t, "Einwohnerinnen und Einwohner")[1] == zahlen.zahl(einwohner)
    assert zeile_mit(t, "Anteil 65 Jahre und älter")[1] == zahlen.prozent(anteil_65)


def test_stadt_und_stadtbezirk(gebaut: Path):
    t = tabelle_mit(gebaut / "quartiersprofil_nippes.docx", "Kennzahl")
    assert zeile_mit(t, "Einwohnerinnen und Einwohner")[2:] == [
        zahlen.zahl(einwohner_gesamt("005")),
        zahlen.zahl(einwohner_gesamt("000")),
    ]


def test_ohne_80_plus_nicht_verfuegbar_statt_erfunden(gebaut: Path):
    t = tabelle_mit(gebaut / "quartiersprofil_chorweiler.docx", "Kennzahl")
    for name in ("Anteil 80 Jahre und älter", "Hochaltrigenquote", "Frauenanteil 80"):
        assert zeile_mit(t, name)[1:] == ["nicht verfügbar"] * 3


def test_altenquotient_sozialbericht(gebaut: Path):
    b = roh("609")
    # P(65+) / P(18–64) × 100; Köln's bands 18–25, 25–35, 35–45, 45–55, 55–60, 60–65
    erwerbsalter = sum(
        b[k] for k in ("18 - < 25", "25 - < 35", "35 - < 45", "45 - < 55", "55 - < 60", "60 - < 65")
    )
    erwartet = (b["65 - < 75"] + b["75 und älter"]) / erwerbsalter * 100
    t = tabelle_mit(gebaut / "quartiersprofil_chorweiler.docx", "Kennzahl")
    assert zeile_mit(t, "Altenquotient")[1] == zahlen.zahl(erwartet, 1)


def test_entwicklung_gegenueber_2007(gebaut: Path):
    jetzt, vorher = sum(roh("401").values()), sum(roh("401", "2007").values())
    t = tabelle_mit(gebaut / "quartiersprofil_ehrenfeld.docx", "Kennzahl")
    assert zeile_mit(t, "Entwicklung")[1] == zahlen.prozent((jetzt - vorher) / vorher * 100)


def test_zuordnungsfehler_nennt_schluessel_und_spalte(tmp_path: Path, qprofil):
    projekt = tmp_path / "examples" / "koeln"
    shutil.copytree(BEISPIEL, projekt, ignore=shutil.ignore_patterns("berichte", "geo"))
    toml = projekt / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('wert = "zahl"', 'wert = "anzahl"'),
        encoding="utf-8",
    )
    aufruf = qprofil("check", cwd=projekt)
    assert aufruf.rc == 1
    assert "statistik.bevoelkerung.spalten.wert" in aufruf.err
    assert "„anzahl“" in aufruf.err


def nippes_wgs84():  # type: ignore[no-untyped-def]
    """Nippes (501) from the shapefile, re-projected here with pyproj alone (lon/lat)."""
    import shapefile
    import shapely
    from pyproj import CRS, Transformer
    from shapely.geometry import shape

    geo = BEISPIEL / "daten" / "geo"
    leser = shapefile.Reader(str(geo / "Stadtteil.shp"), encoding="cp1252")
    quelle = CRS.from_wkt((geo / "Stadtteil.prj").read_text())
    nach_wgs84 = Transformer.from_crs(quelle, "EPSG:4326", always_xy=True)
    (form,) = [
        s for s, r in zip(leser.shapes(), leser.records(), strict=True) if r["STT_NR"] == "501"
    ]
    return shapely.transform(
        shape(form.__geo_interface__),
        lambda xy: list(zip(*nach_wgs84.transform(xy[:, 0], xy[:, 1]), strict=True)),
    ).buffer(0)


def test_karte_und_einrichtungen_unabhaengig_gezaehlt(gebaut: Path):
    """Pharmacies in Nippes (501), counted here with pyproj + shapely directly, equal the table."""
    import json

    from docx_lesen import bilder, tabellen
    from shapely.geometry import Point

    geo = BEISPIEL / "daten" / "geo"
    umriss_wgs84 = nippes_wgs84()
    punkte = json.loads((geo / "amenity_pharmacy.geojson").read_text(encoding="utf-8"))["features"]
    erwartet = sum(
        1
        for f in punkte
        if f["geometry"]["type"] == "Point"
        and umriss_wgs84.contains(Point(*f["geometry"]["coordinates"][:2]))
    )
    docx = gebaut / "quartiersprofil_nippes.docx"
    (tabelle,) = [t for t in tabellen(docx) if t[0][0] == "Art"]
    assert zeile_mit(tabelle, "Apotheken")[1] == zahlen.zahl(erwartet)
    karten = [b for b in bilder(docx) if b["alt"].startswith("Karte des Quartiers Nippes")]
    assert len(karten) == 2  # Steckbrief and Handlungsfeld 1
    assert f"Apotheken {erwartet}" in karten[0]["alt"]


def test_gremienvorlage_mit_geojson_feature(gebaut: Path):
    """With boundaries known, the OParl Location carries the quarter as a GeoJSON Feature."""
    import json
    import subprocess
    import sys

    from oparl_pruefen import pruefen
    from shapely.geometry import shape

    projekt = gebaut.parent
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "committee", "nippes"],
        cwd=projekt,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    papier = json.loads(
        (gebaut / "gremienvorlage_mitteilung_nippes.oparl.json").read_text(encoding="utf-8")
    )
    pruefen(papier)
    (ort,) = papier["location"]
    feature = ort["geojson"]
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    umriss = nippes_wgs84()
    flaeche = shape(feature["geometry"])
    assert flaeche.symmetric_difference(umriss).area / umriss.area < 1e-3
    assert [c["organization"][0].rsplit("/", 1)[1] for c in papier["consultation"]] == [
        "bv-nippes",
        "seniorenvertretung",
        "ausschuss-soziales",
        "rat",
    ]


def test_parallel_und_seriell_bytegleich(gebaut: Path):
    """The fixture built with worker processes; one process gives the same bytes."""
    import subprocess
    import sys

    ziel = gebaut / "quartiersprofil_ehrenfeld.docx"
    parallel = ziel.read_bytes()
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "build", "ehrenfeld", "--jobs", "1", "--force"],
        cwd=gebaut.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    assert ziel.read_bytes() == parallel
