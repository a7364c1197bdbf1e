"""Erzeugt den Datenausschnitt dieses Beispiels aus den unveränderten Köln-Daten.

Aufruf (aus dem Repository, wenn ../shared/data/koeln vorhanden ist):
    python examples/koeln/ausschnitt_erzeugen.py [QUELLE]

Übernimmt aus bevoelkerung.csv nur die Tabellen „Einwohner in Köln“ und „Einwohner nach Alter“
der Jahre 2007 und 2012, unverändert Zeile für Zeile; Geodaten werden unverändert kopiert.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

HIER = Path(__file__).resolve().parent
TABELLEN = {"Einwohner in Köln", "Einwohner nach Alter"}
JAHRE = {"2007", "2012"}


def main() -> None:
    """Copy the cut of the Köln open data into daten/."""
    quelle = Path(sys.argv[1]) if len(sys.argv) > 1 else HIER.parents[2] / "shared" / "data" / "koeln"
    if not quelle.is_dir():
        quelle = HIER.parents[1].parent / "shared" / "data" / "koeln"
    ziel = HIER / "daten"
    with (quelle / "bevoelkerung" / "bevoelkerung.csv").open(encoding="utf-8", newline="") as ein:
        zeilen = list(csv.reader(ein))
    kopf, daten = zeilen[0], zeilen[1:]
    behalten = [z for z in daten if z[2] in TABELLEN and z[3] in JAHRE]
    with (ziel / "bevoelkerung.csv").open("w", encoding="utf-8", newline="") as aus:
        schreiber = csv.writer(aus, lineterminator="\n")
        schreiber.writerow(kopf)
        schreiber.writerows(behalten)
    for teil in ("shp", "shx", "dbf", "prj"):
        shutil.copy(quelle / "stadtteile_shp" / f"Stadtteil.{teil}", ziel / "geo" / f"Stadtteil.{teil}")
    for art in ("pharmacy", "doctors", "toilets", "social_facility", "bench"):
        shutil.copy(quelle / "osm_pois" / f"amenity_{art}.geojson", ziel / "geo")
    for datei in (ziel / "geo").iterdir():
        datei.chmod(0o644)
    quartiere_schreiben(ziel / "quartiere.xlsx")
    print(f"{len(behalten)} Zeilen Bevölkerung, Geodaten kopiert nach {ziel}")


def quartiere_schreiben(pfad: Path) -> None:
    """Three Köln Stadtteile as quarters; the contact data are invented placeholders."""
    import openpyxl

    mappe = openpyxl.Workbook()
    ws = mappe.active
    ws.title = "Quartiere"
    ws.append(["Kürzel", "Quartier", "Stadtbezirk-Nr", "Stadtbezirk", "Unterbezirke", "Siedlungstyp",
               "Bauepoche", "Fläche (ha)", "Seniorenbüro", "Motto"])
    ws.append(["nippes", "Nippes", "005", "Nippes", "501", "", "", "", "Seniorennetzwerk Nippes", ""])
    ws.append(["ehrenfeld", "Ehrenfeld", "004", "Ehrenfeld", "401", "", "", "", "Seniorennetzwerk Ehrenfeld", ""])
    ws.append(["chorweiler", "Chorweiler", "006", "Chorweiler", "609", "Großwohnsiedlung", "1960er–1970er Jahre",
               "", "Seniorennetzwerk Chorweiler", ""])
    bueros = mappe.create_sheet("Seniorenbüros")
    bueros.append(["Seniorenbüro", "Stadtbezirk-Nr", "Träger", "Anschrift", "Telefon", "E-Mail", "Sprechzeiten"])
    for nr, name in (("005", "Nippes"), ("004", "Ehrenfeld"), ("006", "Chorweiler")):
        bueros.append([f"Seniorennetzwerk {name}", nr, "(Beispielangabe)", "", "", "", ""])
    for blatt in mappe.worksheets:
        for zelle in blatt["C"] + blatt["E"] + blatt["B"]:
            zelle.number_format = "@"
    mappe.properties.creator = "qprofil-Beispiel"
    mappe.save(pfad)


if __name__ == "__main__":
    main()
