"""Builds small but complete qprofil projects as real folders (xlsx, CSV, JPEG) for tests.

The numbers are chosen so that indicators can be computed by hand:
Unterbezirk 0911 (quarter „testdorf“) has the age distribution of tests/test_indicators.py
(P = 1150, 65+ = 200, 80+ = 60), Unterbezirk 0912 three times that, the Stadtbezirk 09 the
sum (4600), the city ten times the quarter (11.500).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
from PIL import Image

REPO = Path(__file__).resolve().parents[1]

BAENDER = [
    "0 bis unter 15",
    "15 bis unter 18",
    "18 bis unter 20",
    "20 bis unter 60",
    "60 bis unter 65",
    "65 bis unter 80",
    "80 und älter",
]
M = [100, 20, 10, 300, 40, 60, 20]  # Unterbezirk 0911 = quarter, P = 1150
W = [90, 20, 15, 310, 45, 80, 40]
M2 = [200, 40, 20, 500, 60, 80, 20]  # Unterbezirk 0912, P = 1885
W2 = [190, 40, 25, 520, 60, 100, 30]
M_2011 = [90, 18, 10, 280, 35, 50, 15]  # quarter 2011: P = 1040
W_2011 = [80, 18, 12, 290, 40, 70, 32]


def _plus(*teile: tuple[int, list[int]]) -> list[int]:
    return [sum(f * werte[i] for f, werte in teile) for i in range(len(BAENDER))]


# Stadtbezirk 09 = 0911 + 0912 (P = 3035, 65+ = 430); city = 5 × Stadtbezirk + 0911 (P = 16.325, 65+ = 2.350)
RAEUME_2016 = [
    ("Stadt", "0", "Teststadt", _plus((6, M), (5, M2)), _plus((6, W), (5, W2))),
    ("Stadtbezirk", "09", "Testbezirk", _plus((1, M), (1, M2)), _plus((1, W), (1, W2))),
    ("Unterbezirk", "0911", "Testdorf-Mitte", M, W),
    ("Unterbezirk", "0912", "Testdorf-Rand", M2, W2),
]
RAEUME_2011 = [
    ("Stadt", "0", "Teststadt", _plus((6, M_2011), (5, M2)), _plus((6, W_2011), (5, W2))),
    ("Stadtbezirk", "09", "Testbezirk", _plus((1, M_2011), (1, M2)), _plus((1, W_2011), (1, W2))),
    ("Unterbezirk", "0911", "Testdorf-Mitte", M_2011, W_2011),
    ("Unterbezirk", "0912", "Testdorf-Rand", M2, W2),
]
# Households, one-person households, persons 65+ living alone, Grundsicherung 65+
SOZIAL = {"0911": (500, 230, 70, 10), "0912": (900, 300, 80, 20)}
SOZIAL["09"] = tuple(a + b for a, b in zip(SOZIAL["0911"], SOZIAL["0912"], strict=True))
SOZIAL["0"] = tuple(5 * b + q for b, q in zip(SOZIAL["09"], SOZIAL["0911"], strict=True))

TOML = """\
[projekt]
titel = "Altersgerechte Quartiersentwicklung (Test)"
stadt = "Teststadt"
herausgeber = "Stadt Teststadt, Sozialamt"
stand = 2017-03-31
hinweis = "Testdaten"

[kennzahlen]
altenquotient = "destatis"
# The test bands include 20 to under 60: wide, but the hand-computed Durchschnittsalter is checked.
durchschnittsalter_hoechste_breite = 40
"""


def _mappe(pfad: Path, blaetter: dict[str, list[list[object]]]) -> None:
    mappe = openpyxl.Workbook()
    mappe.remove(mappe.active)
    for name, zeilen in blaetter.items():
        ws = mappe.create_sheet(name)
        for zeile in zeilen:
            ws.append(zeile)
    pfad.parent.mkdir(parents=True, exist_ok=True)
    mappe.save(pfad)


def bevoelkerung_csv(pfad: Path) -> None:
    """Long-layout population export, cp1252, ';', thousands point, title and footer lines."""
    zeilen = ["Bevölkerung nach Altersgruppen und Geschlecht (Testdaten)", ""]
    zeilen.append("Stichtag;Raumebene;Raum-Nr;Raumname;Geschlecht;Altersgruppe;Einwohner")
    for tag, raeume in (("31.12.2016", RAEUME_2016), ("31.12.2011", RAEUME_2011)):
        for ebene, nr, name, m, w in raeume:
            for geschlecht, werte in (("männlich", m), ("weiblich", w)):
                for band, zahl in zip(BAENDER, werte, strict=True):
                    text = f"{zahl:,}".replace(",", ".") if zahl else "-"
                    zeilen.append(f"{tag};{ebene};{nr};{name};{geschlecht};{band};{text}")
    zeilen += ["", "Quelle: Testdaten"]
    pfad.parent.mkdir(parents=True, exist_ok=True)
    pfad.write_bytes("\r\n".join(zeilen).encode("cp1252"))


def sozialdaten_xlsx(pfad: Path) -> None:
    """Wide-layout social data (SOZIAL); Raum-Nr 0912 stored as a number, as Excel does."""
    kopf = [
        "Stichtag",
        "Raumebene",
        "Raum-Nr",
        "Raumname",
        "Haushalte insgesamt",
        "Einpersonenhaushalte",
        "Personen ab 65 J. in Einpersonenhaushalten",
        "Grundsicherung im Alter (65+)",
    ]
    zeilen: list[list[object]] = [["Haushalte und Grundsicherung (Testdaten)"], [], kopf]
    for ebene, nr, name, _, _ in RAEUME_2016:
        zelle: object = int(nr) if nr == "0912" else nr  # leading zero lost
        zeilen.append([dt.datetime(2016, 12, 31), ebene, zelle, name, *SOZIAL[nr]])
    _mappe(pfad, {"Sozialdaten": zeilen})


def quartiere_xlsx(pfad: Path) -> None:
    """One quarter „testdorf“ = Unterbezirk 0911 in Stadtbezirk 09."""
    _mappe(
        pfad,
        {
            "Quartiere": [
                [
                    "Kürzel",
                    "Quartier",
                    "Stadtbezirk-Nr",
                    "Stadtbezirk",
                    "Unterbezirke",
                    "Siedlungstyp",
                    "Bauepoche",
                    "Fläche (ha)",
                    "Seniorenbüro",
                    "Motto",
                ],
                [
                    "testdorf",
                    "Testdorf",
                    "09",
                    "Testbezirk",
                    "0911",
                    "Reihenhausgebiet",
                    "1960er Jahre",
                    "123,4",
                    "Seniorenbüro Testbezirk",
                    "Gut älter werden in Testdorf",
                ],
            ],
            "Seniorenbüros": [
                [
                    "Seniorenbüro",
                    "Stadtbezirk-Nr",
                    "Träger",
                    "Anschrift",
                    "Telefon",
                    "E-Mail",
                    "Sprechzeiten",
                ],
                [
                    "Seniorenbüro Testbezirk",
                    "09",
                    "Stadt & AWO",
                    "Hauptstraße 1, 12345 Teststadt",
                    "0123 456",
                    "sb@beispiel.de",
                    "Mo–Fr 9–12 Uhr",
                ],
            ],
        },
    )


def befragung_xlsx(pfad: Path) -> None:
    """A survey workbook with umlauts, '&', line breaks and stray spaces."""
    _mappe(
        pfad,
        {
            "Angaben": [
                ["Feld", "Angabe"],
                ["Seniorenbüro", "Seniorenbüro Testbezirk"],
                ["Stadtbezirk", "Testbezirk"],
                ["Quartier", "Testdorf"],
                ["Ausgefüllt von", "Frau Müller"],
                ["Datum", dt.datetime(2017, 3, 15)],
            ],
            "Infrastruktur": [
                [
                    "Handlungsfeld",
                    "Einrichtung / Angebot",
                    "Art",
                    "Lage / Anschrift",
                    "Anzahl",
                    "barrierefrei",
                    "Bemerkung",
                ],
                [
                    "1",
                    "Bäckerei Kräuter & Söhne",
                    "Nahversorger",
                    "Dorfplatz 2",
                    1,
                    "Ja ",
                    "Stufe  am Eingang",
                ],
                ["HF 2", "Apotheke am Markt", "Apotheke", "Markt 1", None, "nein", None],
                [
                    "Handlungsfeld 3",
                    "Begegnungsstätte",
                    "Begegnungsstätte",
                    "Kirchweg 5",
                    2,
                    "teilweise",
                    "",
                ],
            ],
            "Einschätzung": [
                ["Handlungsfeld", "Stärken", "Defizite", "Anmerkungen"],
                ["1", "- Kurze Wege zum Bäcker\r\n- Grünflächen  ", "- Kein Supermarkt", None],
                [
                    "2",
                    "• Hausarzt im Ort",
                    "• Kein Facharzt\n• Lange Wartezeiten",
                    "Pflegedienst gut vernetzt",
                ],
                [
                    "3",
                    "  Treffpunkt „Café Kränzchen“ – Kaffee & Kuchen für Ältere\n- Aktiver Heimatverein",
                    "- Wenig Angebote für Männer",
                    None,
                ],
            ],
        },
    )


def planauszuege_xlsx(pfad: Path) -> None:
    """Two plan excerpts, one for all quarters."""
    _mappe(
        pfad,
        {
            "Auszüge": [
                ["Plan", "Fundstelle", "Datum", "Quartier", "Handlungsfeld", "Auszug"],
                [
                    "Masterplan Einzelhandel",
                    "Kap. 4.2, S. 37",
                    dt.datetime(2013, 6, 1),
                    "testdorf",
                    1,
                    "Die Nahversorgung in Testdorf ist gefährdet.",
                ],
                [
                    "Masterplan Mobilität 2030",
                    "S. 12",
                    dt.datetime(2018, 1, 1),
                    "alle",
                    "1",
                    "Barrierefreie Haltestellen haben Vorrang.",
                ],
            ]
        },
    )


def massnahmen_xlsx(pfad: Path) -> None:
    """Three measures: 12.500 + 5.000 + not yet estimated."""
    _mappe(
        pfad,
        {
            "Maßnahmen": [
                [
                    "Nr",
                    "Quartier",
                    "Handlungsfeld",
                    "Maßnahme",
                    "Beschreibung",
                    "Zuständigkeit",
                    "Priorität",
                    "Kosten (EUR)",
                    "Status",
                ],
                [
                    1,
                    "testdorf",
                    3,
                    "Nachbarschaftstreff",
                    "Treff im Gemeindehaus",
                    "Sozialamt",
                    "hoch",
                    12500,
                    "geplant",
                ],
                [
                    2,
                    "Testdorf",
                    "1",
                    "Sitzbänke am Weg",
                    "Fünf Bänke",
                    "Tiefbauamt",
                    "mittel",
                    "ca. 5.000 €",
                    "Idee",
                ],
                [
                    3,
                    "testdorf",
                    "HF 2",
                    "Gesundheitstag",
                    "",
                    "Gesundheitsamt",
                    "niedrig",
                    None,
                    "Idee",
                ],
            ]
        },
    )


def foto(
    pfad: Path, groesse: tuple[int, int] = (1200, 900), orientierung: int | None = None
) -> None:
    """A JPEG with optional EXIF orientation and GPS tags."""
    bild = Image.new("RGB", groesse, (90, 140, 200))
    exif = Image.Exif()
    if orientierung:
        exif[0x0112] = orientierung
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "E", 4: (7.0, 28.0, 0.0)}
    pfad.parent.mkdir(parents=True, exist_ok=True)
    bild.save(pfad, "JPEG", quality=90, exif=exif)


def fotoliste(ordner: Path) -> None:
    """Two photos, one portrait by EXIF orientation."""
    foto(ordner / "IMG_0001.jpg")
    foto(ordner / "IMG_0002.jpg", orientierung=6)
    _mappe(
        ordner / "fotoliste.xlsx",
        {
            "Fotos": [
                ["Datei", "Bildunterschrift", "Ort", "Datum", "Handlungsfeld", "Bemerkung"],
                [
                    "IMG_0001.jpg",
                    "Rampe & Geländer an der Haltestelle",
                    "Dorfplatz",
                    dt.datetime(2017, 4, 12),
                    1,
                    "",
                ],
                [
                    "IMG_0002.jpg",
                    "Bänke vor der Begegnungsstätte",
                    "Kirchweg",
                    "12.04.2017",
                    "3",
                    "hochkant",
                ],
            ]
        },
    )


def mini_projekt(wurzel: Path) -> Path:
    """Write a complete small project into ``wurzel`` and return it."""
    wurzel.mkdir(parents=True, exist_ok=True)
    (wurzel / "qprofil.toml").write_text(TOML, encoding="utf-8")
    daten = wurzel / "daten"
    quartiere_xlsx(daten / "quartiere.xlsx")
    bevoelkerung_csv(daten / "statistik" / "bevoelkerung.csv")
    sozialdaten_xlsx(daten / "statistik" / "sozialdaten.xlsx")
    befragung_xlsx(daten / "befragung" / "seniorenbuero_testbezirk.xlsx")
    planauszuege_xlsx(daten / "planauszuege.xlsx")
    massnahmen_xlsx(daten / "massnahmen.xlsx")
    fotoliste(daten / "begehungen" / "testdorf")
    shutil.copytree(REPO / "vorlagen", wurzel / "vorlagen", ignore=shutil.ignore_patterns("*.md"))
    return wurzel
