"""Erzeugt die fiktiven Beispieldaten im Ordner ``daten/``.

Aufbau und Spalten folgen ``docs/eingabedateien.md``. Alle Werte, Raumnummern, Anschriften,
Telefonnummern und Texte sind frei erfunden. Der Zufallsgenerator hat einen festen Startwert:
ein erneuter Lauf erzeugt dieselben Dateien (auch byte-gleich, solange dieselben Versionen von
openpyxl, zlib, libjpeg und derselbe Zeichensatz verwendet werden).

Aufruf (im Projektordner)::

    python scripts/beispieldaten.py                 # alles neu erzeugen
    python scripts/beispieldaten.py --ohne-fotos    # Tabellen neu, Fotos unverändert lassen
    python scripts/beispieldaten.py --ziel /tmp/x   # in einen anderen Ordner schreiben
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image, ImageDraw, ImageFont

STARTWERT = 20170629
HINWEIS = "fiktive Beispieldaten"


# Header rows of the input workbooks, as docs/eingabedateien.md describes them (with the extra
# columns real exports carry). bench/stadt_erzeugen.py writes the same files.
KOPF_QUARTIERE = [
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
]
KOPF_BUEROS = [
    "Seniorenbüro",
    "Stadtbezirk-Nr",
    "Träger",
    "Anschrift",
    "Telefon",
    "E-Mail",
    "Sprechzeiten",
]
KOPF_INVENTAR = [
    "Handlungsfeld",
    "Einrichtung / Angebot",
    "Art",
    "Lage / Anschrift",
    "Anzahl",
    "barrierefrei",
    "Bemerkung",
]
KOPF_EINSCHAETZUNG = ["Handlungsfeld", "Stärken", "Defizite", "Anmerkungen"]
KOPF_PLAENE = ["Plan", "Fundstelle", "Datum", "Quartier", "Handlungsfeld", "Auszug"]
KOPF_MASSNAHMEN = [
    "Nr",
    "Quartier",
    "Handlungsfeld",
    "Maßnahme",
    "Beschreibung",
    "Zuständigkeit",
    "Priorität",
    "Kosten (EUR)",
    "Status",
]
KOPF_BEVOELKERUNG = [
    "Stichtag",
    "Raumebene",
    "Raum-Nr",
    "Raumname",
    "Geschlecht",
    "Altersgruppe",
    "Einwohner",
]
KOPF_FOTOS = ["Datei", "Bildunterschrift", "Ort", "Datum", "Handlungsfeld", "Bemerkung"]
PROJEKT = Path(__file__).resolve().parent.parent

STICHTAGE = (dt.date(2011, 12, 31), dt.date(2016, 12, 31))
# Stadt insgesamt je Stichtag (die übrigen acht Stadtbezirke stehen nicht einzeln in der Datei)
STADT_EINWOHNER = {STICHTAGE[0]: 586_021, STICHTAGE[1]: 600_390}


def zufall(schluessel: str) -> np.random.Generator:
    """Eigener, reproduzierbarer Zufallsstrom je Zweck (unabhängig von Pythons hash())."""
    digest = hashlib.sha256(f"{STARTWERT}:{schluessel}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


# ---------------------------------------------------------------------------------------------
# Räume: Stadt, vier Stadtbezirke, ihre (fiktiven) Unterbezirke
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unterbezirk:
    nr: str
    name: str
    einwohner_2016: int  # Zielgröße, die Auszählung streut darum
    anteil_65: float  # Anteil 65+ am 31.12.2016
    junge_erwachsene: float = 1.0  # Faktor für 18 bis unter 30 (Studierende, Starterhaushalte)
    hochbetagte: float = 1.0  # Faktor für 80+ innerhalb der 65+


@dataclass(frozen=True)
class Stadtbezirk:
    nr: str
    name: str
    kurz: str  # ASCII für Datei- und Mailnamen
    unterbezirke: tuple[Unterbezirk, ...]


STADTBEZIRKE: tuple[Stadtbezirk, ...] = (
    Stadtbezirk(
        "05",
        "Scharnhorst",
        "scharnhorst",
        (
            Unterbezirk("0511", "Scharnhorst-Ost-Nord", 5200, 0.19),
            Unterbezirk("0512", "Scharnhorst-Ost-Süd", 4900, 0.20),
            Unterbezirk("0513", "Scharnhorst-Ost-Mitte", 4400, 0.24, hochbetagte=1.1),
            Unterbezirk("0514", "Alt-Scharnhorst", 3800, 0.23),
            Unterbezirk("0521", "Kurl", 3900, 0.22),
            Unterbezirk("0522", "Husen", 2900, 0.21),
            Unterbezirk("0523", "Lanstrop", 3400, 0.20),
            Unterbezirk("0531", "Grevel", 1700, 0.16, hochbetagte=0.8),
            Unterbezirk("0532", "Hostedde", 2300, 0.19),
            Unterbezirk("0541", "Derne-Nord", 4100, 0.22, hochbetagte=1.05),
            Unterbezirk("0542", "Derne-Süd", 2800, 0.23, hochbetagte=1.1),
            Unterbezirk("0543", "Kirchderne", 2200, 0.21),
        ),
    ),
    Stadtbezirk(
        "09",
        "Hombruch",
        "hombruch",
        (
            Unterbezirk("0911", "Hombruch-Mitte", 5800, 0.23),
            Unterbezirk("0912", "Hombruch-West", 4200, 0.21),
            Unterbezirk("0913", "Renninghausen", 3100, 0.22),
            Unterbezirk("0921", "Barop", 6900, 0.13, junge_erwachsene=1.9, hochbetagte=0.9),
            Unterbezirk("0922", "Persebeck", 2400, 0.20),
            Unterbezirk("0923", "Kruckel", 2100, 0.19),
            Unterbezirk("0931", "Menglinghausen-Nord", 3600, 0.28, hochbetagte=1.15),
            Unterbezirk("0932", "Menglinghausen-Süd", 2700, 0.27, hochbetagte=1.1),
            Unterbezirk("0941", "Eichlinghofen", 4300, 0.17, junge_erwachsene=1.4),
            Unterbezirk("0942", "Salingen", 1600, 0.15, hochbetagte=0.7),
            Unterbezirk("0951", "Kirchhörde", 6200, 0.26, hochbetagte=1.1),
            Unterbezirk("0952", "Löttringhausen", 3300, 0.24),
            Unterbezirk("0953", "Lücklemberg", 2600, 0.25),
            Unterbezirk("0954", "Bittermark", 1700, 0.17, hochbetagte=0.8),
        ),
    ),
    Stadtbezirk(
        "10",
        "Lütgendortmund",
        "luetgendortmund",
        (
            Unterbezirk("1011", "Lütgendortmund-Mitte", 6300, 0.23),
            Unterbezirk("1012", "Lütgendortmund-Nord", 3900, 0.21),
            Unterbezirk("1013", "Lütgendortmund-Süd", 3200, 0.22),
            Unterbezirk("1021", "Marten-Nord", 4700, 0.17, junge_erwachsene=1.2),
            Unterbezirk("1022", "Marten-Mitte", 3900, 0.18),
            Unterbezirk("1023", "Marten-Süd", 2800, 0.19),
            Unterbezirk("1031", "Germania", 2100, 0.18),
            Unterbezirk("1032", "Bövinghausen", 4500, 0.20),
            Unterbezirk("1041", "Westrich", 2300, 0.22),
            Unterbezirk("1042", "Somborn", 2700, 0.24),
            Unterbezirk("1051", "Oespel", 4400, 0.21),
            Unterbezirk("1052", "Kley", 3100, 0.20),
            Unterbezirk("1053", "Holte-Kreta", 1800, 0.16, hochbetagte=0.8),
        ),
    ),
    Stadtbezirk(
        "11",
        "Huckarde",
        "huckarde",
        (
            Unterbezirk("1111", "Huckarde-Mitte", 4600, 0.22),
            Unterbezirk("1112", "Huckarde-Nord", 3300, 0.21),
            Unterbezirk("1113", "Huckarde-Süd", 2900, 0.20),
            Unterbezirk("1121", "Deusen", 1800, 0.19),
            Unterbezirk("1122", "Wischlingen", 1650, 0.15, hochbetagte=0.75),
            Unterbezirk("1131", "Jungferntal", 5100, 0.24, hochbetagte=1.05),
            Unterbezirk("1132", "Rahm", 3200, 0.22),
            Unterbezirk("1141", "Kirchlinde-Nord", 4200, 0.21),
            Unterbezirk("1142", "Kirchlinde-Süd", 3800, 0.23),
            Unterbezirk("1143", "Kirchlinde-West", 2500, 0.20),
            Unterbezirk("1151", "Frohlinde", 1900, 0.18),
            Unterbezirk("1152", "Hangeney", 2300, 0.19),
        ),
    ),
)

# In diesen kleinen Unterbezirken lebt zum Stichtag kein Mann mit 90 oder mehr Jahren:
# so kommen die „-“ (nichts) vor, die echte kleinräumige Auszählungen enthalten.
KEINE_HOCHBETAGTEN_MAENNER = {
    (STICHTAGE[0], "0942"),
    (STICHTAGE[1], "0942"),
    (STICHTAGE[0], "0954"),
    (STICHTAGE[1], "1122"),
    (STICHTAGE[1], "0531"),
}


@dataclass(frozen=True)
class QuartierInfo:
    kuerzel: str
    name: str
    stadtbezirk_nr: str
    unterbezirke: tuple[str, ...]
    siedlungstyp: str
    bauepoche: str
    flaeche_ha: float
    motto: str
    begehung: dt.date
    # Grundsicherungsquote 65+ (Spanne), je Quartier verschieden
    grundsicherung: tuple[float, float]


QUARTIERE: tuple[QuartierInfo, ...] = (
    QuartierInfo(
        "menglinghausen",
        "Menglinghausen",
        "09",
        ("0931", "0932"),
        "Reihenhausgebiet",
        "1960er–1970er Jahre",
        182.4,
        "Wir in Menglinghausen unterstützen uns gegenseitig",
        dt.date(2017, 4, 12),
        (0.02, 0.03),
    ),
    QuartierInfo(
        "derne",
        "Derne",
        "05",
        ("0541", "0542"),
        "Siedlung mit Mehrfamilien- und Zechenhäusern",
        "1920er–1950er Jahre",
        236.7,
        "Miteinander aktiv im Quartier",
        dt.date(2017, 5, 3),
        (0.045, 0.06),
    ),
    QuartierInfo(
        "jungferntal",
        "Jungferntal",
        "11",
        ("1131",),
        "Großwohnsiedlung",
        "1960er–1970er Jahre",
        98.3,
        "",
        dt.date(2017, 6, 14),
        (0.06, 0.075),
    ),
    QuartierInfo(
        "marten",
        "Marten",
        "10",
        ("1021", "1022", "1023"),
        "Gründerzeitliches Ortszentrum mit Blockrandbebauung",
        "Gründerzeit (um 1890–1914)",
        211.9,
        "Füreinander aktiv im Quartier",
        dt.date(2017, 5, 17),
        (0.065, 0.08),
    ),
)

# fmt: off
SENIORENBUEROS = (
    # Stadtbezirk-Nr, Name, Kurzname, Träger, Anschrift, Sprechzeiten
    ("01", "Innenstadt-West", "innenstadt-west", "Stadt Dortmund / AWO",
     "Lindemannstraße 14, 44137 Dortmund", "Mo–Fr 9–12 Uhr, Do 14–17 Uhr"),
    ("02", "Innenstadt-Nord", "innenstadt-nord", "Stadt Dortmund / Caritas",
     "Mallinckrodtstraße 61, 44145 Dortmund", "Mo–Do 9–12 Uhr"),
    ("03", "Innenstadt-Ost", "innenstadt-ost", "Stadt Dortmund / Diakonie",
     "Ruhrallee 23, 44139 Dortmund", "Mo, Mi, Fr 9–12 Uhr"),
    ("04", "Eving", "eving", "Stadt Dortmund / AWO",
     "Deutsche Straße 9, 44339 Dortmund", "Di–Do 9–12 Uhr, Di 14–16 Uhr"),
    ("05", "Scharnhorst", "scharnhorst", "Stadt Dortmund / Diakonie",
     "Gleiwitzstraße 277, 44328 Dortmund", "Mo–Do 9–12 Uhr, Mi 14–17 Uhr"),
    ("06", "Brackel", "brackel", "Stadt Dortmund / DRK",
     "Brackeler Hellweg 140, 44309 Dortmund", "Mo–Fr 9–12 Uhr"),
    ("07", "Aplerbeck", "aplerbeck", "Stadt Dortmund / Caritas",
     "Aplerbecker Marktplatz 21, 44287 Dortmund", "Mo–Do 9–12 Uhr"),
    ("08", "Hörde", "hoerde", "Stadt Dortmund / AWO",
     "Hörder Bahnhofstraße 6, 44263 Dortmund", "Mo, Di, Do 9–12 Uhr"),
    ("09", "Hombruch", "hombruch", "Stadt Dortmund / AWO",
     "Harkortstraße 58, 44225 Dortmund", "Mo–Do 9–12 Uhr"),
    ("10", "Lütgendortmund", "luetgendortmund", "Stadt Dortmund / Der Paritätische",
     "Limbecker Straße 31, 44388 Dortmund", "Mo–Fr 9–12 Uhr, Di 14–16 Uhr"),
    ("11", "Huckarde", "huckarde", "Stadt Dortmund / Caritas",
     "Urbanusstraße 5, 44369 Dortmund", "Mo–Do 9–12 Uhr"),
    ("12", "Mengede", "mengede", "Stadt Dortmund / Diakonie",
     "Am Amtshaus 1, 44359 Dortmund", "Di–Fr 9–12 Uhr"),
)
# fmt: on


def seniorenbuero_name(stadtbezirk: str) -> str:
    return f"Seniorenbüro {stadtbezirk}"


def stadtbezirk(nr: str) -> Stadtbezirk:
    return next(sb for sb in STADTBEZIRKE if sb.nr == nr)


# ---------------------------------------------------------------------------------------------
# Schreiben: xlsx byte-gleich, CSV wie aus Excel
# ---------------------------------------------------------------------------------------------

DATUMSFORMAT = "DD.MM.YYYY"
ZAHLFORMAT = "#,##0"


def speichere_xlsx(wb: Workbook, pfad: Path, stand: dt.datetime) -> None:
    """Speichert die Mappe mit festen Zeitstempeln (Dokumenteigenschaften und Zip-Einträge)."""
    wb.properties.creator = "Stadt Dortmund – Fachdienst für Senioren (fiktive Beispieldaten)"
    wb.properties.lastModifiedBy = "Beispieldaten"
    wb.properties.title = HINWEIS
    puffer = io.BytesIO()
    wb.save(puffer)
    zeit = stand.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    pfad.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(puffer) as zin, zipfile.ZipFile(pfad, "w", zipfile.ZIP_DEFLATED) as zout:
        for eintrag in zin.infolist():
            daten = zin.read(eintrag.filename)
            if eintrag.filename == "docProps/core.xml":
                daten = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + zeit, daten
                )
            neu = zipfile.ZipInfo(eintrag.filename, date_time=stand.timetuple()[:6])
            neu.compress_type = zipfile.ZIP_DEFLATED
            neu.external_attr = eintrag.external_attr
            zout.writestr(neu, daten)


def breiten(ws: Worksheet, werte: dict[str, float]) -> None:
    for spalte, breite in werte.items():
        ws.column_dimensions[spalte].width = breite


def kopf(ws: Worksheet, zeile: int, namen: list[str]) -> None:
    for i, name in enumerate(namen, start=1):
        zelle = ws.cell(row=zeile, column=i, value=name)
        zelle.font = Font(bold=True)
        zelle.alignment = Alignment(wrap_text=True, vertical="top")


def titel(ws: Worksheet, zeilen: list[str]) -> int:
    """Schreibt Titel- und Hinweiszeilen; gibt die Zeile der Kopfzeile zurück (nach Leerzeile)."""
    for i, text in enumerate(zeilen, start=1):
        zelle = ws.cell(row=i, column=1, value=text)
        zelle.font = Font(bold=i == 1, size=13 if i == 1 else 10, italic=i > 1)
    return len(zeilen) + 2


def deutsche_zahl(wert: int) -> str:
    """1234 → ``1.234``, 0 → ``-`` (wie im Export der Statistikstelle)."""
    if wert == 0:
        return "-"
    return f"{wert:,}".replace(",", ".")


def schreibe_csv(pfad: Path, zeilen: list[list[str]], breite: int) -> None:
    """CSV wie Excel sie unter Windows speichert: cp1252, ``;``, CRLF, kurze Zeilen aufgefüllt."""
    pfad.parent.mkdir(parents=True, exist_ok=True)
    with pfad.open("w", encoding="cp1252", newline="") as datei:
        schreiber = csv.writer(datei, delimiter=";", lineterminator="\r\n")
        for zeile in zeilen:
            schreiber.writerow(zeile + [""] * (breite - len(zeile)))


# ---------------------------------------------------------------------------------------------
# Bevölkerung
# ---------------------------------------------------------------------------------------------

BAENDER: tuple[tuple[int, int | None], ...] = (
    (0, 3),
    (3, 6),
    (6, 10),
    (10, 15),
    (15, 18),
    (18, 20),
    (20, 25),
    *((a, a + 5) for a in range(25, 90, 5)),
    (90, None),
)
# Großstädtische Altersstruktur in Prozent je Band (Summe ≈ 100)
BASIS = np.array(
    [
        2.6,
        2.5,
        3.3,
        4.2,
        2.6,
        2.0,
        6.6,
        7.0,
        6.4,
        5.8,
        5.8,
        7.4,
        8.0,
        6.9,
        5.9,
        4.9,
        4.6,
        5.3,
        3.6,
        1.9,
        0.8,
    ]
)
# Männeranteil je Band: bei den Hochbetagten leben deutlich mehr Frauen
MAENNERANTEIL = np.array(
    [
        0.514,
        0.513,
        0.513,
        0.514,
        0.515,
        0.52,
        0.51,
        0.51,
        0.505,
        0.505,
        0.505,
        0.503,
        0.50,
        0.495,
        0.485,
        0.475,
        0.465,
        0.45,
        0.40,
        0.33,
        0.24,
    ]
)
AB_65 = 15  # Index des Bandes „65 bis unter 70“
AB_80 = 18


def band_label(band: tuple[int, int | None]) -> str:
    von, bis = band
    return f"{von} und älter" if bis is None else f"{von} bis unter {bis}"


assert len(BAENDER) == len(BASIS) == len(MAENNERANTEIL) == 21
assert band_label(BAENDER[AB_65]) == "65 bis unter 70"
assert band_label(BAENDER[AB_80]) == "80 bis unter 85"


def altersprofil(anteil_65: float, kinder: float, junge: float, hochbetagte: float) -> np.ndarray:
    """Anteile je Altersband mit vorgegebenem Anteil 65+."""
    w = BASIS.copy()
    w[0:5] *= kinder  # unter 18
    w[9:11] *= 1 + (kinder - 1) * 0.6  # Elterngeneration 35 bis unter 45
    w[5:8] *= junge  # 18 bis unter 30
    w[AB_80:] *= hochbetagte
    jung, alt = w[:AB_65], w[AB_65:]
    return np.concatenate([jung / jung.sum() * (1 - anteil_65), alt / alt.sum() * anteil_65])


# Zählung: (Stichtag, Raum-Nr) -> Array [2, 21] (männlich, weiblich)
Zaehlung = dict[tuple[dt.date, str], np.ndarray]


def auszaehlen(rng: np.random.Generator, n: int, anteile: np.ndarray) -> np.ndarray:
    gesamt = rng.multinomial(n, anteile / anteile.sum())
    maenner = rng.binomial(gesamt, MAENNERANTEIL)
    return np.stack([maenner, gesamt - maenner])


def bevoelkerung_zaehlen() -> Zaehlung:
    rng = zufall("bevoelkerung")
    z: Zaehlung = {}
    for sb in STADTBEZIRKE:
        for ub in sb.unterbezirke:
            n16 = round(ub.einwohner_2016 * rng.uniform(0.97, 1.03))
            n11 = round(n16 / (1 + rng.uniform(-0.02, 0.05)))
            kinder = 1.0 - (ub.anteil_65 - 0.21) * 2.2 + rng.normal(0, 0.06)
            junge = ub.junge_erwachsene * rng.uniform(0.9, 1.1)
            delta65 = rng.uniform(-0.006, 0.02)  # meist gealtert, manchmal Generationswechsel
            for tag, n, a65, hoch in (
                (STICHTAGE[0], n11, ub.anteil_65 - delta65, ub.hochbetagte * 0.9),
                (STICHTAGE[1], n16, ub.anteil_65, ub.hochbetagte),
            ):
                werte = auszaehlen(rng, n, altersprofil(a65, kinder, junge, hoch))
                if (tag, ub.nr) in KEINE_HOCHBETAGTEN_MAENNER:
                    werte[0, -1] = 0
                z[(tag, ub.nr)] = werte
        for tag in STICHTAGE:
            z[(tag, sb.nr)] = sum(z[(tag, ub.nr)] for ub in sb.unterbezirke)
    for tag in STICHTAGE:
        vier = sum(z[(tag, sb.nr)] for sb in STADTBEZIRKE)
        rest = STADT_EINWOHNER[tag] - int(vier.sum())
        a65 = 0.203 if tag == STICHTAGE[0] else 0.208
        hoch = 0.92 if tag == STICHTAGE[0] else 1.0
        z[(tag, "0")] = vier + auszaehlen(rng, rest, altersprofil(a65, 1.0, 1.1, hoch))
    return z


def raeume() -> list[tuple[str, str, str]]:
    """(Raumebene, Raum-Nr, Raumname) in der Reihenfolge des Exports."""
    liste = [("Stadt", "0", "Dortmund")]
    for sb in STADTBEZIRKE:
        liste.append(("Stadtbezirk", sb.nr, sb.name))
        liste.extend(("Unterbezirk", ub.nr, ub.name) for ub in sb.unterbezirke)
    return liste


def schreibe_bevoelkerung(ziel: Path, z: Zaehlung) -> None:
    spalten = KOPF_BEVOELKERUNG
    zeilen: list[list[str]] = [
        ["Bevölkerung mit Hauptwohnsitz nach Geschlecht und Altersgruppen"],
        [f"Dortmund, ausgewählte Stadtbezirke und ihre Unterbezirke – {HINWEIS}"],
        ["Stichtage 31.12.2011 und 31.12.2016"],
        [],
        spalten,
    ]
    for tag in STICHTAGE:
        for ebene, nr, name in raeume():
            for g, geschlecht in enumerate(("männlich", "weiblich")):
                for b, band in enumerate(BAENDER):
                    zeilen.append(
                        [
                            tag.strftime("%d.%m.%Y"),
                            ebene,
                            nr,
                            name,
                            geschlecht,
                            band_label(band),
                            deutsche_zahl(int(z[(tag, nr)][g, b])),
                        ]
                    )
    zeilen += [
        [],
        [f"Quelle: {HINWEIS} im Format eines Exports der kommunalen Statistikstelle"],
        ["Zeichenerklärung: - = nichts vorhanden, . = unbekannt oder geheim gehalten"],
        ["Raumnummern, Raumnamen der Unterbezirke und alle Werte sind frei erfunden."],
        ["Stadt insgesamt einschließlich der hier nicht einzeln aufgeführten Stadtbezirke."],
    ]
    schreibe_csv(ziel / "statistik" / "bevoelkerung.csv", zeilen, len(spalten))


# ---------------------------------------------------------------------------------------------
# Haushalte und Grundsicherung
# ---------------------------------------------------------------------------------------------


def quartier_von(ub_nr: str) -> QuartierInfo | None:
    return next((q for q in QUARTIERE if ub_nr in q.unterbezirke), None)


def sozialdaten_berechnen(z: Zaehlung) -> dict[tuple[dt.date, str], tuple[int, int, int, int]]:
    rng = zufall("sozialdaten")
    s: dict[tuple[dt.date, str], tuple[int, int, int, int]] = {}

    def erzeugen(nr: str, gs: tuple[float, float], streu: float = 1.0) -> None:
        # Merkmale des Raums einmal ziehen, zum zweiten Stichtag nur leicht fortschreiben:
        # kleinere Haushalte, etwas mehr Alleinlebende, etwas mehr Grundsicherung
        groesse0 = rng.normal(0, 0.06) * streu
        ein0 = rng.uniform(0.41, 0.48) if streu else 0.465
        allein0 = rng.uniform(0.31, 0.38) if streu else 0.335
        gs0 = rng.uniform(gs[0], gs[1] - 0.006)
        for k, tag in enumerate(STICHTAGE):
            werte = (
                z[(tag, nr)]
                if nr != "rest"
                else z[(tag, "0")] - sum(z[(tag, sb.nr)] for sb in STADTBEZIRKE)
            )
            p = int(werte.sum())
            p65 = int(werte[:, AB_65:].sum())
            groesse = 1.95 - (p65 / p - 0.21) * 0.9 + groesse0 - 0.03 * k
            haushalte = round(p / float(np.clip(groesse, 1.72, 2.12)))
            ein = round(haushalte * (ein0 + 0.012 * k + rng.normal(0, 0.003) * streu))
            allein65 = min(round(p65 * (allein0 + 0.008 * k + rng.normal(0, 0.004) * streu)), ein)
            grundsicherung = round(p65 * (gs0 + 0.005 * k + rng.normal(0, 0.001) * streu))
            assert 0 < grundsicherung < p65
            s[(tag, nr)] = (haushalte, ein, allein65, grundsicherung)

    for sb in STADTBEZIRKE:
        for ub in sb.unterbezirke:
            q = quartier_von(ub.nr)
            erzeugen(ub.nr, q.grundsicherung if q else (0.025, 0.065))
        for tag in STICHTAGE:
            s[(tag, sb.nr)] = summe([s[(tag, ub.nr)] for ub in sb.unterbezirke])
    erzeugen("rest", (0.048, 0.056), streu=0.0)
    for tag in STICHTAGE:
        s[(tag, "0")] = summe([s[(tag, sb.nr)] for sb in STADTBEZIRKE] + [s.pop((tag, "rest"))])
    return s


def summe(reihen: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    a, b, c, d = (sum(spalte) for spalte in zip(*reihen, strict=True))
    return a, b, c, d


# Raumnummern, bei denen Excel die führende Null entfernt hat (Zahl statt Text): qprofil
# ergänzt sie mit einem Hinweis. Das mitgelieferte Beispiel soll ohne Hinweise durchlaufen;
# die Tests schreiben solche Zahlen in ihre Kopie (tests/test_cli_aufruf.py).
RAUMNR_ALS_ZAHL: set[tuple[dt.date, str]] = set()
# Werte, die als Text mit Tausenderpunkt in der Zelle stehen: (Stichtag, Raum-Nr, Spalte 0–3)
WERT_ALS_TEXT = {(STICHTAGE[1], "0912", 0), (STICHTAGE[0], "05", 1)}


def schreibe_sozialdaten(
    ziel: Path, s: dict[tuple[dt.date, str], tuple[int, int, int, int]]
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sozialdaten"
    start = titel(
        ws,
        [
            f"Haushalte und Grundsicherung im Alter – {HINWEIS}",
            "Haushalte: aus dem Melderegister geschätzt (Haushaltegenerierung). Grundsicherung: "
            "Empfänger/-innen ab 65 Jahren nach SGB XII, 4. Kapitel.",
            "Alle Raumnummern und Werte sind frei erfunden und dienen nur zum Ausprobieren.",
        ],
    )
    spalten = [
        "Stichtag",
        "Raumebene",
        "Raum-Nr",
        "Raumname",
        "Haushalte insgesamt",
        "Einpersonenhaushalte",
        "Personen ab 65 J. in Einpersonenhaushalten",
        "Grundsicherung im Alter (65+)",
    ]
    kopf(ws, start, spalten)
    zeile = start + 1
    for tag in STICHTAGE:
        for ebene, nr, name in raeume():
            ws.cell(row=zeile, column=1, value=tag).number_format = DATUMSFORMAT
            ws.cell(row=zeile, column=2, value=ebene)
            nr_wert: str | int = int(nr) if (tag, nr) in RAUMNR_ALS_ZAHL else nr
            zelle = ws.cell(row=zeile, column=3, value=nr_wert)
            if isinstance(nr_wert, str):
                zelle.number_format = "@"
            ws.cell(row=zeile, column=4, value=name)
            for i, wert in enumerate(s[(tag, nr)]):
                if (tag, nr, i) in WERT_ALS_TEXT:
                    ws.cell(row=zeile, column=5 + i, value=deutsche_zahl(wert))
                else:
                    ws.cell(row=zeile, column=5 + i, value=wert).number_format = ZAHLFORMAT
            zeile += 1
    breiten(ws, {"A": 12, "B": 13, "C": 9, "D": 24, "E": 13, "F": 15, "G": 20, "H": 17})
    ws.row_dimensions[start].height = 45
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    speichere_xlsx(wb, ziel / "statistik" / "sozialdaten.xlsx", dt.datetime(2017, 3, 8, 10, 12))


# ---------------------------------------------------------------------------------------------
# Quartiere und Seniorenbüros
# ---------------------------------------------------------------------------------------------


def schreibe_quartiere(ziel: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Quartiere"
    start = titel(ws, [f"Referenzquartiere der altersgerechten Quartiersentwicklung – {HINWEIS}"])
    spalten = KOPF_QUARTIERE
    kopf(ws, start, spalten)
    for i, q in enumerate(QUARTIERE, start=start + 1):
        sb = stadtbezirk(q.stadtbezirk_nr)
        werte = [
            q.kuerzel,
            q.name,
            q.stadtbezirk_nr,
            sb.name,
            ", ".join(q.unterbezirke),
            q.siedlungstyp,
            q.bauepoche,
            q.flaeche_ha,
            seniorenbuero_name(sb.name),
            q.motto or None,
        ]
        for j, wert in enumerate(werte, start=1):
            zelle = ws.cell(row=i, column=j, value=wert)
            if j in (3, 5):
                zelle.number_format = "@"
            if j == 8:
                zelle.number_format = "0.0"
    breiten(
        ws,
        {"A": 16, "B": 16, "C": 13, "D": 16, "E": 18, "F": 44, "G": 26, "H": 11, "I": 28, "J": 48},
    )

    ws2 = wb.create_sheet("Seniorenbüros")
    start = titel(ws2, [f"Seniorenbüros der Stadtbezirke – {HINWEIS} (Anschriften erfunden)"])
    spalten = KOPF_BUEROS
    kopf(ws2, start, spalten)
    for i, (nr, name, kurz, traeger, anschrift, zeiten) in enumerate(SENIORENBUEROS):
        werte = [
            seniorenbuero_name(name),
            nr,
            traeger,
            anschrift,
            f"0231 50-284{i + 1:02d}",
            f"seniorenbuero.{kurz}@beispiel.de",
            zeiten,
        ]
        for j, wert in enumerate(werte, start=1):
            zelle = ws2.cell(row=start + 1 + i, column=j, value=wert)
            if j == 2:
                zelle.number_format = "@"
    breiten(ws2, {"A": 30, "B": 13, "C": 32, "D": 42, "E": 16, "F": 42, "G": 30})
    speichere_xlsx(wb, ziel / "quartiere.xlsx", dt.datetime(2017, 2, 21, 14, 30))


# ---------------------------------------------------------------------------------------------
# Befragung der Seniorenbüros
# ---------------------------------------------------------------------------------------------

HF_NAME = {
    1: "Wohnen, Wohnumfeld, Nahversorgung, Nahmobilität, Sicherheit, Sauberkeit",
    2: "Gesundheit und Pflege",
    3: "Soziale Netze, Nachbarschaft, bürgerschaftliches Engagement, Beratung, Altersarmut und "
    "soziale Armut",
}

# Handlungsfeld, Einrichtung / Angebot, Art, Lage / Anschrift, Anzahl, barrierefrei, Bemerkung
Infra = tuple[str | int, str, str, str, int | None, str | None, str | None]

# fmt: off
INFRASTRUKTUR: dict[str, list[Infra]] = {
    "menglinghausen": [
        ("1", "Supermarkt Ortsmitte", "Nahversorger", "Menglinghauser Straße", None, "teilweise",
         "Eingang mit Stufe, Rampe seitlich am Parkplatz"),
        ("HF 1", "Bäckerei am Dorfplatz", "Nahversorger (Bäcker)", "Am Dorfplatz", None, "ja",
         "mit Sitzecke"),
        (1, "Wochenmarkt", "Nahversorger", "Dorfplatz, donnerstags 8–13 Uhr", None, "ja", None),
        ("1", "Bushaltestellen", "Haltestelle", "Menglinghauser Straße, Schulweg", 4, "teilweise",
         "nur 2 von 4 mit Hochbord"),
        ("Handlungsfeld 1", "Sitzbänke", "Sitzbänke", "Hauptstraße, Friedhof, Spielplatz", 9,
         None, "zum Teil beschädigt"),
        ("1", "öffentliche Toilette", "öffentliche Toilette", "–", 0, None,
         "nicht vorhanden, nächste in Hombruch-Mitte"),
        (HF_NAME[1], "Sparkasse (SB-Filiale)", "Bank / Geldautomat", "Menglinghauser Straße",
         None, "Ja ", "nur Automaten, keine Beratung mehr"),
        ("1", "Postannahme im Schreibwarenladen", "Post", "Am Dorfplatz", None, "nein",
         "zwei Stufen am Eingang"),
        ("2", "Apotheke an der Menglinghauser Straße", "Apotheke", "Menglinghauser Straße", None,
         "ja", "Botendienst"),
        ("HF 2", "Hausarztpraxen", "Hausarztpraxis", "Ortsmitte", 2, "teilweise",
         "eine Praxis im 1. OG ohne Aufzug"),
        ("2", "Zahnarztpraxis", "Zahnarztpraxis", "Schulweg", None, "ja", None),
        ("2", "Praxis für Physiotherapie", "Physiotherapie", "Am Dorfplatz", None, "ja",
         "Hausbesuche möglich"),
        ("2", "Ambulanter Pflegedienst Hombruch-Süd", "Pflegedienst", "Sitz außerhalb", 2, None,
         "zwei Dienste versorgen das Quartier"),
        ("HF 2", "Seniorenwohnsitz Am Hang", "stationäre Pflegeeinrichtung", "Am Hang", None,
         "ja", "84 Plätze, Warteliste"),
        ("Handlungsfeld 3", "Begegnungsstätte", "Begegnungsstätte", "Gemeindehaus, Kirchweg",
         None, "teilweise", "Eingang über drei Stufen, Hintereingang ebenerdig"),
        ("3", "Treffpunkt „Café Kränzchen“", "Begegnungsstätte", "Gemeindehaus, Kirchweg", None,
         "teilweise", "Kaffee & Kuchen, dienstags 15–17 Uhr"),
        ("3", "Ev. Kirchengemeinde", "Kirchengemeinde", "Kirchweg", None, "ja", None),
        ("3", "Kath. Kirchengemeinde", "Kirchengemeinde", "Schulweg", None, "nein", None),
        ("HF 3", "Turn- und Sportverein (Seniorengymnastik)", "Sportverein", "Turnhalle der "
         "Grundschule", None, "Ja ", "Gymnastik mittwochs, Walking-Gruppe"),
        ("3", "Sprechstunde des Seniorenbüros", "Beratungsstelle", "Gemeindehaus, Kirchweg",
         None, "teilweise", "einmal im Monat"),
        (HF_NAME[3], "Nachbarschaftsinitiative „Menglinghausen hilft“", "Nachbarschaftshilfe",
         "ohne festen Ort", None, None, "Einkaufshilfe, Begleitung zum Arzt"),
    ],
    "derne": [
        ("Handlungsfeld 1", "Supermarkt an der Derner Straße", "Nahversorger", "Derner Straße",
         None, "ja", "großer Parkplatz, Lieferservice"),
        ("1", "Bäckerei & Café", "Nahversorger (Bäcker)", "Derner Straße", 2, "Ja ", None),
        ("1", "Kiosk mit Paketannahme", "Nahversorger", "Nähe Kirche", None, "nein", None),
        ("HF 1", "Bushaltestellen", "Haltestelle", "Derner Straße, Altenderner Straße", 5,
         "teilweise", "Wartehäuschen nur an zwei Haltestellen"),
        (HF_NAME[1], "Bahnhaltepunkt Derne", "Haltestelle", "am nördlichen Ortsrand", None,
         "nein", "Bahnsteig nur über Treppe erreichbar"),
        ("1", "Sitzbänke", "Sitzbänke", "Ortskern und Grünzug", 6, None,
         "zu wenige auf dem Weg zum Friedhof"),
        ("1", "Wochenmarkt", "Nahversorger", "Marktplatz, freitags", None, "ja", None),
        ("2", "Apotheke Derne", "Apotheke", "Derner Straße", None, "ja", "Botendienst"),
        ("HF 2", "Hausarztpraxen", "Hausarztpraxis", "Derner Straße", 2, "teilweise",
         "eine Praxis ohne Aufzug im 1. OG"),
        ("2", "Ambulante Pflegedienste", "Pflegedienst", "Derne und Kirchderne", 2, None, None),
        ("Gesundheit und Pflege", "Seniorenheim am Park", "stationäre Pflegeeinrichtung",
         "Parkstraße", None, "ja", "96 Plätze"),
        ("2", "Tagespflege im Seniorenheim", "Tagespflege", "Parkstraße", None, "ja",
         "14 Plätze"),
        ("2", "Praxis für Physiotherapie", "Physiotherapie", "Derner Straße", None, "teilweise",
         None),
        ("3", "Begegnungsstätte der Diakonie", "Begegnungsstätte", "Kirchplatz", None, "ja",
         "Mittagstisch dienstags & donnerstags"),
        ("HF 3", "Ev. Kirchengemeinde", "Kirchengemeinde", "Kirchplatz", None, "ja", None),
        ("3", "Kath. Kirchengemeinde", "Kirchengemeinde", "Derner Straße", None, "teilweise",
         None),
        ("Handlungsfeld 3", "Sportverein (Gymnastik & Wandern)", "Sportverein", "Sportplatz "
         "Derne", None, None, "Seniorengruppe mit 25 Aktiven"),
        ("3", "Sprechstunde des Seniorenbüros", "Beratungsstelle", "Begegnungsstätte", None,
         "ja", "monatlich"),
        ("3", "Moscheeverein mit Seniorentreff", "Begegnungsstätte", "Gewerbestraße", None,
         "nein", "Treffen freitags nach dem Gebet"),
    ],
    "jungferntal": [
        ("HF 1", "Nahversorgungszentrum Jungferntal", "Nahversorger", "Zentrum an der "
         "Jungferntalstraße", 3, "teilweise", "Supermarkt, Bäcker, Drogerie; Drogerie mit Stufe"),
        ("1", "Stadtbahnhaltestelle", "Haltestelle", "Zentrum", None, "teilweise",
         "Aufzug häufig außer Betrieb"),
        ("1", "Bushaltestellen", "Haltestelle", "Ringstraße", 3, "ja", None),
        ("1", "Sitzbänke", "Sitzbänke", "Fußwege und Libellenwiese", 14, None,
         "an der Libellenwiese stark verschmutzt"),
        ("Handlungsfeld 1", "Libellenwiese", "Grünfläche", "zwischen den Hochhäusern",
         None, "teilweise", "Wege wassergebunden, bei Nässe schwer begehbar"),
        (1, "Servicebüro der Wohnungsgesellschaft", "Servicebüro", "Ringstraße", None, "ja",
         "Sprechzeiten Di & Do"),
        ("2", "Apotheke im Zentrum", "Apotheke", "Zentrum", None, "ja", None),
        ("HF 2", "Hausarztpraxis", "Hausarztpraxis", "Zentrum", None, "teilweise",
         "Praxis sucht Nachfolge"),
        ("2", "Ambulante Pflegedienste", "Pflegedienst", "Sitz in Huckarde", 3, None, None),
        ("Gesundheit und Pflege", "Servicewohnen am Zentrum", "Betreutes Wohnen", "Ringstraße",
         None, "ja", "32 Wohnungen"),
        ("2", "Praxis für Physiotherapie", "Physiotherapie", "Zentrum", None, "ja", None),
        ("3", "Nachbarschaftstreff der Wohnungsgesellschaft", "Begegnungsstätte", "Ringstraße",
         None, "ja", "Räume auch für Gruppen nutzbar"),
        ("3", "Seniorenclub im Gemeindezentrum", "Begegnungsstätte", "Kirchstraße", None,
         "nein", "Clubraum im Untergeschoss"),
        ("HF 3", "Kirchengemeinden", "Kirchengemeinde", "Kirchstraße", 2, "teilweise", None),
        ("3", "Walking-Gruppe des Sportvereins", "Sportverein", "Treffpunkt Libellenwiese", None,
         None, None),
        ("3", "Migrationsberatung (Sprechstunde)", "Beratungsstelle", "Nachbarschaftstreff",
         None, "ja", "14-tägig, auch auf Türkisch & Russisch"),
        (HF_NAME[3], "Schuldner- und Sozialberatung", "Beratungsstelle", "Nachbarschaftstreff",
         None, "ja", "monatlich"),
        ("3", "Offener Bücherschrank", "Nachbarschaftsangebot", "vor dem Zentrum", None, "Ja ",
         None),
    ],
    "marten": [
        ("1", "Supermarkt am Marktplatz", "Nahversorger", "Marktplatz Marten", None, "ja", None),
        ("1", "Bäckereien", "Nahversorger (Bäcker)", "Martener Straße", 3, "teilweise", None),
        ("HF 1", "Wochenmarkt", "Nahversorger", "Marktplatz, mittwochs & samstags", None, "ja",
         None),
        ("1", "Stadtbahnhaltestelle Marten", "Haltestelle", "Martener Straße", None,
         "teilweise", "Rampe vorhanden, Geländer fehlt auf einer Seite"),
        ("Handlungsfeld 1", "Bushaltestellen", "Haltestelle", "Martener Straße, Bärenbruch", 6,
         "teilweise", None),
        ("1", "Sitzbänke", "Sitzbänke", "Marktplatz, Martener Straße", 11, None, None),
        ("1", "öffentliche Toilette Marktplatz", "öffentliche Toilette", "Marktplatz", None,
         "nein", "oft geschlossen"),
        (1, "Sparkassenfiliale mit Geldautomat", "Bank / Geldautomat", "Martener Straße", None,
         "ja", None),
        ("2", "Apotheken", "Apotheke", "Martener Straße", 2, "ja", None),
        ("HF 2", "Hausarztpraxen", "Hausarztpraxis", "Ortskern", 3, "teilweise", None),
        ("2", "Internistische Praxis", "Facharztpraxis", "Martener Straße", None, "ja", None),
        ("2", "Ambulante Pflegedienste", "Pflegedienst", "Marten", 2, None,
         "darunter ein kultursensibler Pflegedienst"),
        ("Gesundheit und Pflege", "Seniorenzentrum Marten", "stationäre Pflegeeinrichtung",
         "Bärenbruch", None, "ja", "120 Plätze"),
        ("2", "Tagespflege", "Tagespflege", "Seniorenzentrum", None, "ja", "12 Plätze"),
        ("3", "Begegnungsstätte der AWO", "Begegnungsstätte", "Martener Straße", None,
         "teilweise", None),
        ("HF 3", "Internationales Begegnungszentrum", "Begegnungsstätte", "Nähe Marktplatz",
         None, "ja", "Frauenfrühstück, Sprachcafé"),
        ("3", "Kirchengemeinden", "Kirchengemeinde", "Ortskern", 2, "teilweise", None),
        ("3", "Sportverein (Rehasport & Seniorensport)", "Sportverein", "Sporthalle Marten",
         None, "ja", None),
        ("Handlungsfeld 3", "Quartiersbüro Marten", "Beratungsstelle", "Martener Straße", None,
         "ja", "Sozialberatung, Wohnberatung"),
        ("3", "Internet-Café für Ältere", "Bildungsangebot", "Begegnungsstätte", None,
         "teilweise", "Smartphone- & Tablet-Sprechstunde"),
        ("3", "Moscheegemeinde", "Religionsgemeinschaft", "Gewerbegebiet Marten", None, "nein",
         None),
        (HF_NAME[3], "Tafel-Ausgabestelle", "Beratungsstelle", "Gemeindehaus", None,
         "teilweise", "Ausgabe dienstags"),
    ],
}
# fmt: on

# Einschätzung: (Handlungsfeld, Stärken, Defizite, Anmerkungen); "¶" = Zeilenumbruch in der Zelle
# fmt: off
EINSCHAETZUNG: dict[str, list[tuple[str | int, str, str, str]]] = {
    "menglinghausen": [
        (
            "Handlungsfeld 1",
            "- Bäcker, Supermarkt & Apotheke fußläufig erreichbar¶- ruhige Wohnlage, viel Grün¶"
            "- Busanbindung nach Hombruch  im 20-Minuten-Takt",
            "- Gehwege zum Teil schmal und uneben ¶- kaum Sitzbänke an der Hauptstraße¶"
            "- Haltestellen nicht alle barrierefrei¶- keine öffentliche Toilette",
            " Viele Reihenhäuser mit Treppen – Umbau schwierig, Beratung zur Wohnraumanpassung "
            "gewünscht.",
        ),
        (
            "HF 2",
            "• zwei Hausarztpraxen im Ort¶• Apotheke mit Botendienst¶• Pflegeheim im Quartier",
            "• eine Praxis nur über Treppe erreichbar¶• keine Tagespflege im Quartier  ",
            "Fachärzte nur in Hombruch oder in der Innenstadt.",
        ),
        (
            3,
            "- Treffpunkt „Café Kränzchen“ – Kaffee & Kuchen für Ältere¶"
            "- aktive Kirchengemeinden¶- Nachbarschaftsinitiative „Menglinghausen hilft“¶"
            "- Seniorengymnastik im Sportverein",
            "- kein barrierefreier Treffpunkt¶- Angebote wenig bekannt, v. a. bei Zugezogenen¶"
            "- jüngere Ältere kaum erreicht",
            "- Wunsch nach einem Nachbarschaftstreff & einem Stadtteilfest¶"
            "- Schwarzes Brett am Dorfplatz wäre hilfreich",
        ),
    ],
    "derne": [
        (
            HF_NAME[1],
            "- Nahversorgung an der Derner Straße gut¶- Wochenmarkt freitags¶"
            "- Grünzug mit Spazierwegen",
            "- Bahnhaltepunkt nur über Treppe¶- Querung der Derner Straße gefährlich¶"
            "-  zu wenige Sitzbänke",
            "Viele Ältere leben seit Jahrzehnten in den Siedlungshäusern, Wohnungen oft "
            "nicht barrierefrei.",
        ),
        (
            "2",
            "- Seniorenheim mit Tagespflege¶- Apotheke & Physiotherapie vor Ort",
            "- Hausarzt-Nachfolge ungeklärt¶- Fachärzte nur mit dem Bus erreichbar",
            "",
        ),
        (
            "Handlungsfeld 3",
            "• Mittagstisch in der Begegnungsstätte¶• Seniorengruppe im Sportverein¶"
            "• Seniorentreff im Moscheeverein",
            "• wenig Austausch zwischen den Gruppen¶• Bewegungsangebote für Hochbetagte fehlen",
            " Idee aus der Runde: „Derne bewegt sich“ – gemeinsam draußen aktiv ",
        ),
    ],
    "jungferntal": [
        (
            "1",
            "- Nahversorgungszentrum mit Supermarkt, Bäcker & Drogerie¶- Stadtbahn im Zentrum¶"
            "- Libellenwiese als grüne Mitte",
            "- Aufzug zur Stadtbahn oft defekt¶- Libellenwiese wenig einladend, Wege bei Nässe "
            "matschig¶- Angsträume in den Durchgängen, schlechte Beleuchtung",
            "Hochhäuser mit Aufzügen, aber Eingänge mit Stufen.",
        ),
        (
            "HF 2",
            "• Apotheke und Hausarzt im Zentrum¶• Servicewohnen mit Notruf",
            "• Hausarztpraxis sucht Nachfolge¶• kein Pflegedienst mit Sitz im Quartier",
            "• Sprachbarrieren bei Pflege-Beratung",
        ),
        (
            "Handlungsfeld 3",
            "- Nachbarschaftstreff der Wohnungsgesellschaft¶- Migrations- & Sozialberatung vor "
            "Ort¶- Walking-Gruppe an der Libellenwiese",
            "- Seniorenclub nur über Treppe¶- Altersarmut spürbar, Scham bei Beratung¶"
            "- wenig Kontakt zwischen Alteingesessenen und Zugezogenen",
            "Wunsch nach Begegnungszentrum in leerstehendem Ladenlokal.",
        ),
    ],
    "marten": [
        (
            "1",
            "- Marktplatz mit Wochenmarkt zweimal pro Woche¶- Stadtbahn & Busse in die "
            "Innenstadt¶- kurze Wege im Ortskern",
            "- öffentliche Toilette oft geschlossen¶- Gehwege zugeparkt  ¶"
            "- Fußweg zum Friedhof dunkel und zugewachsen",
            "",
        ),
        (
            "Gesundheit und Pflege",
            "• drei Hausarztpraxen, zwei Apotheken¶• kultursensibler Pflegedienst¶"
            "• Seniorenzentrum mit Tagespflege",
            "• Informationen zu Pflege kaum mehrsprachig¶• lange Wartezeiten bei Fachärzten",
            " Gesundheitslotsen mit Sprachkenntnissen wären eine große Hilfe.",
        ),
        (
            "HF 3",
            "- Quartiersbüro mit Sozial- & Wohnberatung¶- Internationales Begegnungszentrum¶"
            "- Internet-Café für Ältere",
            "- Ältere ohne Internet von Informationen abgeschnitten¶"
            "- Einsamkeit bei Alleinlebenden¶- Tafel stark nachgefragt",
            "- Interviews mit älteren Bewohnerinnen & Bewohnern statt Bürgerwerkstatt¶"
            "- Idee: „Digital aktiv in Marten“",
        ),
    ],
}
# fmt: on

BEFRAGUNG_ANGABEN = {
    # Stadtbezirk-Nr: (Ausgefüllt von, Datum; als Text, wenn str)
    "09": ("Sabine Keller, Seniorenbüro Hombruch", dt.date(2017, 3, 24)),
    "05": ("Thomas Brandt", "05.04.2017"),
    "11": ("Aylin Demir / Peter Wolff", dt.date(2017, 4, 11)),
    "10": ("Monika Scholz (Seniorenbüro Lütgendortmund)", "28.03.2017"),
}


def zellen_umbruch(text: str, stil: str) -> str:
    """¶ als Zeilenumbruch: Excel unter Windows liefert \\r\\n, manche Mappen nur \\n."""
    return text.replace("¶", "\r\n" if stil == "crlf" else "\n")


def schreibe_befragungen(ziel: Path) -> None:
    for q in QUARTIERE:
        sb = stadtbezirk(q.stadtbezirk_nr)
        wb = Workbook()
        ws = wb.active
        ws.title = "Angaben"
        ws["A1"] = "Schriftliche Befragung der Seniorenbüros zur Infrastruktur im Quartier"
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = f"{HINWEIS} – Namen und Angaben erfunden"
        ws["A2"].font = Font(italic=True)
        kopf(ws, 4, ["Feld", "Angabe"])
        von, datum = BEFRAGUNG_ANGABEN[sb.nr]
        for i, (feld, wert) in enumerate(
            [
                ("Seniorenbüro", seniorenbuero_name(sb.name)),
                ("Stadtbezirk", sb.name),
                ("Quartier", q.name),
                ("Ausgefüllt von", von),
                ("Datum", datum),
            ],
            start=5,
        ):
            ws.cell(row=i, column=1, value=feld)
            zelle = ws.cell(row=i, column=2, value=wert)
            if isinstance(wert, dt.date):
                zelle.number_format = DATUMSFORMAT
        breiten(ws, {"A": 18, "B": 48})

        ws = wb.create_sheet("Infrastruktur")
        start = titel(
            ws,
            [
                f"Infrastruktur im Quartier {q.name} nach Handlungsfeldern",
                f"Bitte je Einrichtung oder Angebot eine Zeile ausfüllen. ({HINWEIS})",
            ],
        )
        kopf(
            ws,
            start,
            KOPF_INVENTAR,
        )
        for i, zeile in enumerate(INFRASTRUKTUR[q.kuerzel], start=start + 1):
            for j, wert in enumerate(zeile, start=1):
                ws.cell(row=i, column=j, value=wert)
        breiten(ws, {"A": 16, "B": 42, "C": 26, "D": 34, "E": 8, "F": 12, "G": 46})

        ws = wb.create_sheet("Einschätzung")
        start = titel(
            ws,
            [
                f"Einschätzung des Seniorenbüros zum Quartier {q.name}",
                "Stärken, Defizite und Anmerkungen je Handlungsfeld (mehrere Punkte je Zelle)",
            ],
        )
        kopf(ws, start, KOPF_EINSCHAETZUNG)
        for i, (hf, *texte) in enumerate(EINSCHAETZUNG[q.kuerzel], start=start + 1):
            ws.cell(row=i, column=1, value=hf).alignment = Alignment(vertical="top", wrap_text=True)
            for j, text in enumerate(texte, start=2):
                # Zeilenumbrüche gemischt wie in zurückgeschickten Mappen
                stil = "crlf" if (i + j) % 2 == 0 else "lf"
                zelle = ws.cell(row=i, column=j, value=zellen_umbruch(text, stil) or None)
                zelle.alignment = Alignment(wrap_text=True, vertical="top")
        breiten(ws, {"A": 20, "B": 55, "C": 55, "D": 50})
        datum_stand = (
            datum if isinstance(datum, dt.date) else dt.datetime.strptime(datum, "%d.%m.%Y").date()
        )
        speichere_xlsx(
            wb,
            ziel / "befragung" / f"seniorenbuero_{sb.kurz}.xlsx",
            dt.datetime.combine(datum_stand, dt.time(16, 5)),
        )


# ---------------------------------------------------------------------------------------------
# Auszüge aus Masterplänen und IHK
# ---------------------------------------------------------------------------------------------

PLAENE = {
    "EH": ("Masterplan Einzelhandel", dt.date(2013, 11, 28)),
    "MO": ("Masterplan Mobilität 2030", "14.06.2017"),
    "WO": ("Masterplan Wohnen", dt.date(2016, 9, 22)),
    "IN": ("Aktionsplan Inklusion", dt.date(2014, 5, 15)),
    "MI": ("Masterplan Migration/Integration", "03.02.2016"),
    "IHK-M": ("Integriertes Handlungskonzept Marten (IHK)", dt.date(2015, 10, 1)),
    "IHK-S": ("Integriertes Handlungskonzept Scharnhorst/Derne (IHK)", dt.date(2016, 3, 17)),
    "IHK-H": ("Integriertes Handlungskonzept Huckarde-Jungferntal (IHK)", "30.11.2016"),
}

# Plan, Fundstelle, Quartier, Handlungsfeld, Auszug
# fmt: off
AUSZUEGE: list[tuple[str, str, str, str | int, str]] = [
    ("EH", "Kap. 4.2, S. 37", "Menglinghausen", "1",
     "Menglinghausen ist als Nahversorgungsstandort einzustufen. Der Lebensmittelmarkt in der "
     "Ortsmitte sichert die wohnungsnahe Grundversorgung; eine Erweiterung der Verkaufsfläche "
     "ist städtebaulich verträglich."),
    ("EH", "Kap. 4.2, S. 41", "derne", "HF 1",
     "Der Nahversorgungsbereich an der Derner Straße ist funktionsfähig, weist aber Leerstände "
     "im Randbereich auf. Ziel ist die Sicherung des Bestands."),
    ("EH", "Kap. 4.3, S. 52", "Jungferntal", "1",
     "Das Nahversorgungszentrum Jungferntal ist in seiner Funktion gefährdet. Eine "
     "Modernisierung der Ladenlokale und des Umfelds wird empfohlen."),
    ("EH", "Kap. 4.3, S. 55", "marten", "Handlungsfeld 1",
     "Der Ortskern Marten ist als zentraler Versorgungsbereich festgelegt. Der Marktplatz soll "
     "als Mittelpunkt gestärkt werden."),
    ("EH", "Kap. 3.1, S. 18", "alle", "1",
     "Ziel ist eine fußläufig erreichbare Nahversorgung in allen Stadtbezirken, insbesondere "
     "für mobilitätseingeschränkte und ältere Menschen (Radius ca. 600–700 m)."),
    ("MO", "Kap. 5.1, S. 64", "alle", "1",
     "Fußverkehr wird als eigenständige Verkehrsart gestärkt: ausreichend breite Gehwege, "
     "Querungshilfen und Sitzgelegenheiten in regelmäßigen Abständen."),
    ("MO", "Kap. 5.3, S. 71", "alle", HF_NAME[1],
     "Bis 2030 sollen alle Haltestellen des ÖPNV barrierefrei ausgebaut sein "
     "(Hochbord, taktile Leitelemente, dynamische Fahrgastinformation)."),
    ("MO", "Kap. 6.2, S. 88", "menglinghausen", "1",
     "Für die Menglinghauser Straße wird eine Querungshilfe im Bereich der Ortsmitte geprüft."),
    ("MO", "Kap. 6.2, S. 90", "Derne", "1",
     "Der Bahnhaltepunkt Derne soll im Zuge der Modernisierung einen stufenlosen Zugang "
     "erhalten; die Umsetzung hängt von der Finanzierung durch Bund und Land ab."),
    ("MO", "Kap. 6.4, S. 97", "jungferntal", "HF 1",
     "Die Aufzüge der Stadtbahnhaltestellen werden in ein Ausfall-Meldesystem eingebunden."),
    ("MO", "Kap. 6.4, S. 99", "Marten", "1",
     "Die Stadtbahnhaltestelle Marten wird barrierefrei umgebaut: Rampe & Geländer beidseitig, "
     "Blindenleitsystem."),
    ("WO", "Kap. 3.4, S. 29", "alle", "1",
     "Der Bedarf an barrierearmen Wohnungen steigt bis 2030 deutlich. Bestandsanpassung und "
     "Wohnberatung haben Vorrang vor Neubau."),
    ("WO", "Kap. 5.2, S. 47", "menglinghausen", "1",
     "In Reihenhausgebieten der 1960er und 1970er Jahre steht ein Generationswechsel bevor. "
     "Beratung zu Umbau, Verkauf und Wohnen im Alter soll ausgebaut werden."),
    ("WO", "Kap. 5.3, S. 51", "Jungferntal", "1",
     "Für die Großwohnsiedlung wird eine Quartiersstrategie mit den Wohnungsunternehmen "
     "vereinbart: Modernisierung, Wohnumfeld & soziale Stabilisierung."),
    ("WO", "Kap. 5.4, S. 54", "derne", "Handlungsfeld 1",
     "Siedlungsbestand der 1920er bis 1950er Jahre: kleine Wohnungen, oft ohne Aufzug; "
     "altersgerechte Anpassung bei Modernisierungen mitdenken."),
    ("WO", "Kap. 6.1, S. 63", "alle", "3",
     "Gemeinschaftliche Wohnformen und Nachbarschaftsprojekte sollen durch eine "
     "Beratungsstelle unterstützt werden."),
    ("IN", "Handlungsfeld „Bauen & Wohnen“, S. 22", "alle", "1",
     "Öffentliche Gebäude, Wege und Plätze werden schrittweise barrierefrei gestaltet; "
     "öffentliche Toiletten sollen rollstuhlgerecht sein."),
    ("IN", "Handlungsfeld „Gesundheit“, S. 31", "alle", "2",
     "Arztpraxen sollen bei Neubau und Umbau barrierefrei zugänglich sein. Die Stadt informiert "
     "über barrierefreie Praxen."),
    ("IN", "Handlungsfeld „Freizeit & Kultur“, S. 38", "alle", "HF 3",
     "Begegnungsstätten und Treffpunkte im Quartier sollen für alle Menschen zugänglich sein; "
     "Einrichtungen werden bei der Anpassung beraten."),
    ("IN", "Maßnahme 4.7, S. 40", "Menglinghausen", "3",
     "Der Zugang zum Gemeindehaus (Begegnungsstätte) wird im Rahmen des Programms geprüft."),
    ("MI", "Kap. 2.3, S. 14", "alle", "3",
     "Die Zahl älterer Menschen mit Migrationsgeschichte wächst. Angebote der Altenhilfe sollen "
     "sich interkulturell öffnen."),
    ("MI", "Kap. 4.1, S. 33", "marten", "2",
     "Kultursensible Pflege und mehrsprachige Information zu Gesundheit & Pflege werden in "
     "Stadtteilen mit hohem Anteil Älterer mit Migrationsgeschichte ausgebaut."),
    ("MI", "Kap. 4.2, S. 36", "Jungferntal", "Soziale Netze",
     "Migrationsberatung in Nachbarschaftstreffs wird als gutes Beispiel für "
     "niedrigschwellige Beratung hervorgehoben."),
    ("MI", "Kap. 4.4, S. 41", "derne", "3",
     "Moscheegemeinden und Migrantenorganisationen werden als Partner für Angebote für Ältere "
     "einbezogen."),
    ("IHK-M", "Kap. 3, S. 12", "marten", "1",
     "Der Marktplatz wird neu gestaltet: mehr Sitzgelegenheiten, Schatten, eine öffentliche "
     "Toilette und bessere Beleuchtung."),
    ("IHK-M", "Kap. 4.2, S. 25", "Marten", "3",
     "Ein Quartiersbüro dient als Anlaufstelle für Beratung und bürgerschaftliches Engagement."),
    ("IHK-M", "Kap. 4.5, S. 31", "marten", "Handlungsfeld 3",
     "Projekte gegen digitale Ausgrenzung Älterer (Smartphone- & Internetkurse) werden "
     "gefördert."),
    ("IHK-M", "Kap. 5, S. 40", "Marten", "1",
     "Fußwegeverbindungen zwischen Wohngebieten, Friedhof und Ortskern werden aufgewertet "
     "(Beleuchtung, Rückschnitt, Belag)."),
    ("IHK-S", "Kap. 3.2, S. 19", "derne", "HF 2",
     "Bewegungsangebote im öffentlichen Raum sollen die Gesundheit Älterer fördern, z. B. "
     "Bewegungsparcours im Grünzug."),
    ("IHK-S", "Kap. 4.1, S. 27", "Derne", "1",
     "Die Querung der Derner Straße im Bereich der Ortsmitte wird sicherer gestaltet."),
    ("IHK-S", "Kap. 4.3, S. 33", "derne", "3",
     "Eine Stadtteilzeitung soll über Angebote für alle Generationen informieren."),
    ("IHK-H", "Kap. 2.4, S. 16", "jungferntal", "1",
     "Die Libellenwiese wird als grüne Mitte attraktiver gestaltet: befestigte Wege, Bänke, "
     "Beschilderung & ein barrierefreier Rundweg."),
    ("IHK-H", "Kap. 3.1, S. 22", "Jungferntal", "1",
     "Durchgänge und Fußwege werden heller beleuchtet, um Angsträume abzubauen."),
    ("IHK-H", "Kap. 3.3, S. 27", "jungferntal", "Handlungsfeld 3",
     "Leerstehende Ladenlokale im Zentrum sollen für soziale Nutzungen, etwa einen "
     "Begegnungsort, zwischengenutzt werden."),
    ("IHK-H", "Kap. 3.4, S. 29", "jungferntal", "2",
     "Im Zentrum soll eine regelmäßige Sprechstunde zu Pflege und Gesundheit angeboten werden."),
]
# fmt: on


def schreibe_planauszuege(ziel: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Auszüge"
    start = titel(
        ws,
        [
            "Sichtung der Masterpläne und Integrierten Handlungskonzepte",
            f"Sinngemäß zusammengefasste Textstellen – {HINWEIS}, keine Zitate aus echten Plänen",
        ],
    )
    kopf(ws, start, KOPF_PLAENE)
    for i, (plan, fundstelle, quartier, hf, text) in enumerate(AUSZUEGE, start=start + 1):
        name, datum = PLAENE[plan]
        ws.cell(row=i, column=1, value=name)
        ws.cell(row=i, column=2, value=fundstelle)
        zelle = ws.cell(row=i, column=3, value=datum)
        if isinstance(datum, dt.date):
            zelle.number_format = DATUMSFORMAT
        ws.cell(row=i, column=4, value=quartier)
        ws.cell(row=i, column=5, value=hf)
        ws.cell(row=i, column=6, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    breiten(ws, {"A": 44, "B": 30, "C": 12, "D": 16, "E": 16, "F": 90})
    speichere_xlsx(wb, ziel / "planauszuege.xlsx", dt.datetime(2017, 3, 15, 11, 40))


# ---------------------------------------------------------------------------------------------
# Maßnahmevorschläge
# ---------------------------------------------------------------------------------------------

# Quartier, Handlungsfeld, Maßnahme, Beschreibung, Zuständigkeit, Priorität, Kosten, Status
# fmt: off
MASSNAHMEN: list[tuple[str, str | int, str, str, str, str, int | str | None, str]] = [
    ("menglinghausen", "3", "Nachbarschaftstreff im Gemeindehaus",
     "Offener Treffpunkt für alle Generationen, zweimal pro Woche, getragen von Ehrenamtlichen "
     "mit Unterstützung des Seniorenbüros.", "Seniorenbüro Hombruch / Ev. Kirchengemeinde",
     "hoch", 12000, "in Umsetzung"),
    ("menglinghausen", "HF 3", "Stadtteilfest „Menglinghausen feiert“",
     "Generationenübergreifendes Fest auf der Grünfläche an der Grundschule mit Vereinen, "
     "Kirchengemeinden & Kita.", "Bezirksvertretung Hombruch / Vereine", "mittel",
     "ca. 5.000 €", "geplant"),
    ("Menglinghausen", "1", "Zusätzliche Sitzbänke an der Hauptstraße",
     "Sechs Bänke mit Armlehnen zwischen Ortsmitte, Friedhof und Haltestellen.",
     "Tiefbauamt", "mittel", 8400, "geplant"),
    ("menglinghausen", "Handlungsfeld 1", "Barrierefreier Ausbau der Bushaltestellen",
     "Hochbord und Wartehäuschen an den zwei noch nicht ausgebauten Haltestellen.",
     "Tiefbauamt / DSW21", "hoch", 95000, "Idee"),
    ("menglinghausen", "3", "Schwarzes Brett & Nachbarschaftsbörse",
     "Schaukasten am Dorfplatz und eine Tauschbörse für Hilfe im Alltag.",
     "Seniorenbüro Hombruch", "niedrig", 1500, "Idee"),
    ("Menglinghausen", "2", "Beratung zur Wohnraumanpassung",
     "Regelmäßige Sprechstunde zu Umbau und Hilfsmitteln im Gemeindehaus.",
     "Sozialamt – Wohnberatung", "mittel", None, "Idee"),
    ("menglinghausen", "1", "Nachbarschaftliche Wegebegleitung",
     "Ehrenamtliche begleiten Ältere zu Arzt, Einkauf und Bus.",
     "Nachbarschaftsinitiative / Seniorenbüro", "niedrig", 800, "geplant"),
    ("derne", "2", "„Derne bewegt sich“",
     "Wöchentliche Bewegungstreffs im Grünzug für Ältere, angeleitet vom Sportverein.",
     "Sportverein / Seniorenbüro Scharnhorst", "hoch", 6500, "in Umsetzung"),
    ("Derne", "HF 2", "Barrierefreier Bewegungspark",
     "Fitnessgeräte für Ältere und ein ebener Rundweg im Grünzug.",
     "Grünflächenamt", "mittel", 45000, "Idee"),
    ("derne", "3", "Begegnung von Jung und Alt",
     "Erzählcafé mit der Grundschule: Kinder & Ältere erzählen aus ihrem Alltag.",
     "Seniorenbüro Scharnhorst / Grundschule", "mittel", "ca. 2.000 €", "geplant"),
    ("derne", "Handlungsfeld 3", "Stadtteilzeitung für Derne",
     "Vierteljährliche Zeitung mit Terminen und Angeboten, auch in großer Schrift.",
     "Bürgerverein / Seniorenbüro", "niedrig", None, "Idee"),
    ("Derne", "1", "Querungshilfe Derner Straße",
     "Mittelinsel mit abgesenkten Bordsteinen in der Ortsmitte.",
     "Tiefbauamt", "hoch", 38000, "geplant"),
    ("derne", "2", "Lokaler Thementag „Pflege im Quartier“",
     "Informationstag mit Pflegediensten, Pflegeberatung und Seniorenheim.",
     "Sozialamt – Pflegeberatung", "niedrig", 800, "Idee"),
    ("jungferntal", "1", "Attraktivere Libellenwiese",
     "Befestigte Wege, Bänke mit Rückenlehne, Beschilderung & Pflanzungen rund um die Wiese.",
     "Grünflächenamt / Wohnungsgesellschaft", "hoch", 28000, "in Umsetzung"),
    ("Jungferntal", "HF 1", "Barrierefreier Umweltpfad",
     "Rundweg mit Informationstafeln zu Pflanzen und Tieren der Libellenwiese.",
     "Umweltamt", "mittel", None, "Idee"),
    ("jungferntal", "3", "Begegnungszentrum im Ladenlokal",
     "Zwischennutzung eines leerstehenden Ladenlokals als offener Treffpunkt.",
     "Wohnungsgesellschaft / Seniorenbüro Huckarde", "hoch", "ca. 15.000 €", "geplant"),
    ("jungferntal", "3", "Patenschaften für Nachbarn",
     "Ehrenamtliche Patinnen & Paten für allein lebende Ältere.",
     "Seniorenbüro Huckarde", "niedrig", 1200, "Idee"),
    ("jungferntal", "Handlungsfeld 3", "Nachbarschaftsagentur",
     "Koordinationsstelle für Nachbarschaftshilfe und Ehrenamt im Quartier.",
     "Sozialamt", "mittel", 35000, "Idee"),
    ("Jungferntal", "1", "Bessere Beleuchtung der Durchgänge",
     "Hellere Leuchten in den Durchgängen zwischen den Hochhäusern.",
     "Wohnungsgesellschaft / Tiefbauamt", "mittel", 14500, "geplant"),
    ("jungferntal", "2", "Sprechstunde Pflege & Gesundheit",
     "Monatliche Sprechstunde der Pflegeberatung im Nachbarschaftstreff.",
     "Sozialamt – Pflegeberatung", "mittel", None, "Idee"),
    ("marten", "3", "„Digital aktiv in Marten“",
     "Smartphone- & Tabletkurse für Ältere, Sprechstunde im Internet-Café.",
     "Quartiersbüro Marten / Seniorenbüro Lütgendortmund", "hoch", 4800, "in Umsetzung"),
    ("Marten", "HF 3", "Nachbarschaftsstifterinnen und -stifter",
     "Ehrenamtliche knüpfen Kontakte in der Nachbarschaft und vermitteln Hilfen.",
     "Seniorenbüro Lütgendortmund", "mittel", 3500, "Idee"),
    ("marten", "3", "Interkulturelles Fest im Quartier",
     "Fest auf dem Marktplatz mit Vereinen, Gemeinden & dem Begegnungszentrum.",
     "Bezirksvertretung Lütgendortmund", "mittel", "ca. 3.000 €", "geplant"),
    ("marten", "1", "Öffentliche Toilette am Marktplatz",
     "Verlässliche Öffnungszeiten, Alternative: „Nette Toilette“ in Geschäften.",
     "Tiefbauamt / Werbegemeinschaft", "mittel", 2400, "Idee"),
    ("Marten", "2", "Mehrsprachige Gesundheitslotsen",
     "Geschulte Ehrenamtliche begleiten Ältere mit Migrationsgeschichte zu Ärzten & Beratung.",
     "Gesundheitsamt / Begegnungszentrum", "hoch", 18000, "Idee"),
    ("marten", "Handlungsfeld 1", "Fußweg zum Friedhof",
     "Rückschnitt, neue Beleuchtung und ebener Belag.",
     "Grünflächenamt", "niedrig", 3200, "umgesetzt"),
]
# fmt: on


def schreibe_massnahmen(ziel: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Maßnahmen"
    start = titel(
        ws,
        [
            "Maßnahmevorschläge aus Quartiersprofilen und Bürgerdialogen",
            f"{HINWEIS} – Kosten grob geschätzt, leer = noch nicht geschätzt",
        ],
    )
    kopf(
        ws,
        start,
        KOPF_MASSNAHMEN,
    )
    for i, zeile in enumerate(MASSNAHMEN, start=1):
        r = start + i
        ws.cell(row=r, column=1, value=i)
        for j, wert in enumerate(zeile, start=2):
            zelle = ws.cell(row=r, column=j, value=wert)
            if j == 8 and isinstance(wert, int):
                zelle.number_format = '#,##0 "€"'
            if j in (5, 6):
                zelle.alignment = Alignment(wrap_text=True, vertical="top")
    breiten(ws, {"A": 5, "B": 16, "C": 16, "D": 40, "E": 60, "F": 36, "G": 10, "H": 13, "I": 13})
    speichere_xlsx(wb, ziel / "massnahmen.xlsx", dt.datetime(2017, 11, 20, 9, 15))


# ---------------------------------------------------------------------------------------------
# Quartiersbegehungen: Fotos und Fotolisten
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Foto:
    zeit: str  # HHMMSS
    bildunterschrift: str
    ort: str
    handlungsfeld: str | int
    bemerkung: str
    motiv: str
    orientierung: int = 1  # EXIF: 1 quer, 6/8 hochkant (Pixel quer gespeichert)
    gps: tuple[float, float] | None = None
    schild: str = ""


# fmt: off
FOTOS: dict[str, list[Foto]] = {
    "menglinghausen": [
        Foto("100512", "Ortsmitte Menglinghausen – Bäckerei & Supermarkt nah beieinander",
             "Menglinghauser Straße", "1", "", "laden", gps=(51.4752, 7.4170), schild="BÄCKEREI"),
        Foto("101348", "Bushaltestelle ohne Hochbord – Einstieg mit Rollator schwierig",
             "Haltestelle Schulweg", "HF 1", "Umbau im Masterplan Mobilität vorgesehen",
             "haltestelle", orientierung=6, gps=(51.4761, 7.4158)),
        Foto("102207", "Schmaler Gehweg mit Wurzelaufbrüchen", "Kirchweg", "1",
             "Stolpergefahr, v. a. im Herbst", "gehweg"),
        Foto("103512", "Sitzbank am Friedhofsweg – einzige Ruhemöglichkeit auf 400 m",
             "Friedhofsweg", "1", "", "bank", orientierung=8),
        Foto("104430", "Gemeindehaus: Treffpunkt „Café Kränzchen“ – Eingang über drei Stufen",
             "Kirchweg", "3", "Hintereingang ebenerdig, aber nicht ausgeschildert", "treppe",
             gps=(51.4744, 7.4182)),
        Foto("105118", "Reihenhauszeile mit Vorgärten – Stufen vor fast jedem Hauseingang",
             "Am Hang", "Handlungsfeld 1", "", "haeuser"),
        Foto("110241", "Apotheke an der Hauptstraße – stufenloser Zugang & automatische Tür",
             "Menglinghauser Straße", "2", "gutes Beispiel", "laden", orientierung=6,
             schild="APOTHEKE"),
        Foto("111509", "Grünfläche an der Grundschule – möglicher Ort für ein Stadtteilfest",
             "Schulweg", "3", "", "gruen"),
    ],
    "derne": [
        Foto("093820", "Treppe zum Bahnsteig – kein Aufzug, keine Rampe", "Bahnhaltepunkt Derne",
             "1", "im Masterplan Mobilität genannt", "treppe", gps=(51.5712, 7.5148)),
        Foto("094755", "Ortsmitte an der Derner Straße: Supermarkt, Bäckerei & Apotheke",
             "Derner Straße", "HF 1", "", "laden", schild="MARKT"),
        Foto("100132", "Querung der Derner Straße ohne Ampel oder Mittelinsel", "Derner Straße",
             "1", "bei der Begehung mehrfach angesprochen", "gehweg", orientierung=6,
             gps=(51.5698, 7.5163)),
        Foto("101406", "Siedlungshäuser der 1920er–1950er Jahre mit hohen Eingangsstufen",
             "Altenderner Straße", "1", "", "haeuser"),
        Foto("102938", "Grünzug mit Spazierweg – Platz für „Derne bewegt sich“", "Grünzug",
             "2", "ebener Weg, aber kaum Bänke", "gruen", orientierung=8),
        Foto("103715", "Begegnungsstätte am Kirchplatz – Mittagstisch dienstags & donnerstags",
             "Kirchplatz", "Handlungsfeld 3", "", "haeuser", gps=(51.5704, 7.5139)),
        Foto("104602", "Wartehäuschen mit Sitzbank an der Haltestelle", "Derner Straße", "1",
             "", "haltestelle"),
    ],
    "jungferntal": [
        Foto("140215", "Libellenwiese – Wege bei Nässe matschig und kaum Sitzplätze",
             "Libellenwiese", "1", "Aufwertung im IHK vorgesehen", "gruen",
             gps=(51.5402, 7.4046)),
        Foto("141007", "Aufzug zur Stadtbahn – häufig außer Betrieb", "Zentrum",
             "HF 1", "", "haltestelle", orientierung=6, gps=(51.5395, 7.4061)),
        Foto("141844", "Hochhäuser am Ring – Eingänge mit Stufen trotz Aufzug", "Ringstraße",
             "1", "", "haeuser"),
        Foto("142530", "Dunkler Durchgang zwischen den Häusern – Angstraum", "Ringstraße",
             "1", "Beleuchtung prüfen", "gehweg", orientierung=8),
        Foto("143312", "Leerstehendes Ladenlokal im Zentrum – Raum für Begegnung?", "Zentrum",
             "3", "Eigentümerin gesprächsbereit", "laden", schild="ZU VERMIETEN"),
        Foto("144048", "Nachbarschaftstreff der Wohnungsgesellschaft", "Ringstraße",
             "Handlungsfeld 3", "", "haeuser", gps=(51.5409, 7.4052)),
        Foto("144759", "Sitzbank an der Libellenwiese – stark verschmutzt", "Libellenwiese",
             "1", "", "bank"),
        Foto("145533", "Apotheke & Hausarztpraxis im Nahversorgungszentrum", "Zentrum",
             "2", "Praxis sucht Nachfolge", "laden", orientierung=6, schild="APOTHEKE"),
    ],
    "marten": [
        Foto("101021", "Barrierefreier Zugang zur Stadtbahnhaltestelle – Rampe & Geländer",
             "Martener Straße", "1", "Geländer nur auf einer Seite", "treppe",
             gps=(51.5081, 7.3859)),
        Foto("101809", "Marktplatz Marten mit Wochenmarkt", "Marktplatz", "HF 1", "",
             "laden", schild="WOCHENMARKT"),
        Foto("102544", "Öffentliche Toilette am Marktplatz – oft geschlossen", "Marktplatz",
             "1", "", "haeuser", orientierung=6, gps=(51.5088, 7.3871)),
        Foto("103326", "Zugeparkter Gehweg an der Martener Straße", "Martener Straße", "1",
             "Rollator & Kinderwagen müssen auf die Fahrbahn", "gehweg"),
        Foto("104117", "Gründerzeithäuser im Ortskern – Wohnungen ohne Aufzug", "Ortskern",
             "1", "", "haeuser", orientierung=8),
        Foto("104858", "Internationales Begegnungszentrum – Sprachcafé & Frauenfrühstück",
             "Nähe Marktplatz", "Handlungsfeld 3", "", "laden", gps=(51.5093, 7.3847),
             schild="BEGEGNUNG"),
        Foto("105640", "Fußweg zum Friedhof – dunkel und zugewachsen", "Weg zum Friedhof",
             "1", "inzwischen freigeschnitten", "gruen"),
    ],
}
# fmt: on

KAMERAS = (("samsung", "SM-G930F"), ("Apple", "iPhone 7"))
PHOTO_BREITE, PHOTO_HOEHE = 4032, 3024
SCHRIFT_KANDIDATEN = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
    "arial.ttf",
)


def schrift(groesse: int, fett: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    kandidaten = SCHRIFT_KANDIDATEN[1:] if fett else SCHRIFT_KANDIDATEN
    for name in kandidaten:
        try:
            return ImageFont.truetype(name, groesse)
        except OSError:
            continue
    return ImageFont.load_default(size=groesse)


def farbe(rng: np.random.Generator, basis: tuple[int, int, int], streu: int = 18) -> tuple:
    return tuple(int(np.clip(c + rng.integers(-streu, streu + 1), 0, 255)) for c in basis)


def zeichne_haeuser(
    d: ImageDraw.ImageDraw,
    rng: np.random.Generator,
    w: int,
    boden: int,
    hoehe: float,
    hochhaus: bool = False,
) -> None:
    x = -int(w * 0.05)
    while x < w:
        bw = int(w * rng.uniform(0.14, 0.26))
        bh = int(boden * rng.uniform(0.35, 0.6) * hoehe * (1.6 if hochhaus else 1.0))
        top = max(boden - bh, int(boden * 0.08))
        wand = farbe(rng, (178, 150, 128) if rng.random() < 0.5 else (205, 196, 178), 22)
        d.rectangle([x, top, x + bw, boden], fill=wand)
        if not hochhaus:
            d.polygon(
                [(x - bw * 0.04, top), (x + bw / 2, top - bh * 0.35), (x + bw * 1.04, top)],
                fill=farbe(rng, (120, 62, 52), 15),
            )
        fw, fh = max(bw // 9, 8), max((boden - top) // 9, 8)
        for fy in range(top + fh, boden - fh, int(fh * 2.1)):
            for fx in range(x + fw, x + bw - fw, int(fw * 2.2)):
                d.rectangle([fx, fy, fx + fw, fy + fh], fill=farbe(rng, (70, 85, 100), 20))
        x += bw + int(w * rng.uniform(0.0, 0.04))


def zeichne_baum(
    d: ImageDraw.ImageDraw, rng: np.random.Generator, x: int, boden: int, groesse: int
) -> None:
    d.rectangle(
        [x - groesse // 14, boden - groesse, x + groesse // 14, boden],
        fill=farbe(rng, (92, 70, 50)),
    )
    for _ in range(5):
        r = int(groesse * rng.uniform(0.35, 0.5))
        cx = x + int(groesse * rng.uniform(-0.3, 0.3))
        cy = boden - groesse - int(groesse * rng.uniform(0.0, 0.4))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=farbe(rng, (70, 120, 60), 25))


def szene(w: int, h: int, foto: Foto, rng: np.random.Generator) -> np.ndarray:
    """Einfaches Straßenbild als Fließkomma-Array (h, w, 3)."""
    horizont = int(h * rng.uniform(0.50, 0.60))
    y = np.arange(h, dtype=np.float32)[:, None]
    himmel_oben = np.array(farbe(rng, (96, 148, 212), 20), np.float32)
    himmel_unten = np.array(farbe(rng, (200, 220, 238), 12), np.float32)
    boden_farbe = (118, 160, 84) if foto.motiv in ("gruen", "bank") else (128, 126, 122)
    boden_hinten = np.array(farbe(rng, boden_farbe, 14), np.float32)
    boden_vorne = boden_hinten * 0.72
    t_h = np.clip(y / horizont, 0, 1)[..., None]
    t_b = np.clip((y - horizont) / max(h - horizont, 1), 0, 1)[..., None]
    oben = himmel_oben * (1 - t_h) + himmel_unten * t_h
    unten = boden_hinten * (1 - t_b) + boden_vorne * t_b
    spalte = np.where((y < horizont)[..., None], oben, unten)
    bild = Image.fromarray(np.repeat(spalte, w, axis=1).clip(0, 255).astype(np.uint8))
    d = ImageDraw.Draw(bild)

    if foto.motiv in ("haeuser", "laden", "haltestelle", "gehweg", "treppe"):
        zeichne_haeuser(
            d,
            rng,
            w,
            horizont,
            1.0,
            hochhaus="jungferntal" in foto.ort.lower() or foto.ort in ("Ringstraße", "Zentrum"),
        )
    for _ in range(int(rng.integers(1, 4))):
        zeichne_baum(d, rng, int(rng.uniform(0, w)), horizont + int(h * 0.02), int(h * 0.22))

    m = foto.motiv
    if m == "laden":
        x0, x1 = int(w * 0.12), int(w * 0.88)
        top = int(horizont * 0.35)
        d.rectangle([x0, top, x1, horizont + int(h * 0.05)], fill=farbe(rng, (222, 214, 200)))
        d.rectangle(
            [x0 + w * 0.04, horizont - h * 0.22, x1 - w * 0.04, horizont + h * 0.04],
            fill=farbe(rng, (150, 186, 206), 10),
        )
        d.rectangle([x0, top, x1, top + h * 0.09], fill=farbe(rng, (40, 90, 150), 30))
        if foto.schild:
            f = schrift(int(h * 0.055), fett=True)
            d.text(
                ((x0 + x1) / 2, top + h * 0.045),
                foto.schild,
                font=f,
                fill=(250, 250, 245),
                anchor="mm",
            )
    elif m == "haltestelle":
        px = int(w * 0.7)
        d.rectangle(
            [px, int(h * 0.25), px + int(w * 0.012), horizont + int(h * 0.2)], fill=(90, 90, 95)
        )
        r = int(min(w, h) * 0.06)
        cx, cy = px + int(w * 0.006), int(h * 0.25)
        d.ellipse(
            [cx - r, cy - r, cx + r, cy + r],
            fill=(246, 204, 36),
            outline=(30, 120, 60),
            width=max(r // 7, 3),
        )
        d.text(
            (cx, cy), "H", font=schrift(int(r * 1.2), fett=True), fill=(30, 120, 60), anchor="mm"
        )
        d.rectangle(
            [int(w * 0.15), int(horizont - h * 0.2), int(w * 0.55), horizont + int(h * 0.12)],
            outline=(70, 70, 75),
            width=max(w // 250, 4),
            fill=farbe(rng, (170, 190, 200), 8),
        )
        d.rectangle(
            [0, horizont + int(h * 0.12), w, horizont + int(h * 0.15)], fill=(190, 188, 182)
        )
    elif m == "gehweg":
        d.polygon(
            [(w * 0.05, h), (w * 0.42, horizont), (w * 0.58, horizont), (w * 0.95, h)],
            fill=farbe(rng, (170, 166, 160), 8),
        )
        for k in range(1, 14):
            t = (k / 14) ** 1.8
            yy = horizont + (h - horizont) * t
            xl, xr = w * (0.42 - 0.37 * t), w * (0.58 + 0.37 * t)
            d.line([(xl, yy), (xr, yy)], fill=(140, 136, 130), width=max(int(6 * t) + 2, 2))
        d.line([(w * 0.95, h), (w * 0.58, horizont)], fill=(110, 108, 104), width=max(w // 200, 5))
        d.ellipse([w * 0.4, h * 0.8, w * 0.6, h * 0.86], fill=farbe(rng, (120, 100, 80), 10))
    elif m == "bank":
        y0 = int(horizont + (h - horizont) * 0.35)
        x0, x1 = int(w * 0.22), int(w * 0.78)
        holz = farbe(rng, (134, 92, 56), 12)
        for k in range(3):
            yy = y0 - k * int(h * 0.035)
            d.rectangle([x0, yy, x1, yy + int(h * 0.022)], fill=holz)
        for k in range(2):
            yy = y0 + int(h * 0.05) + k * int(h * 0.03)
            d.rectangle([x0, yy, x1, yy + int(h * 0.02)], fill=holz)
        for xx in (x0 + int(w * 0.03), x1 - int(w * 0.05)):
            d.rectangle([xx, y0, xx + int(w * 0.02), y0 + int(h * 0.2)], fill=(60, 60, 62))
    elif m == "treppe":
        x0, x1 = int(w * 0.2), int(w * 0.8)
        stufen = 6 if "Bahnsteig" in foto.bildunterschrift else 3
        sh = int(h * 0.05)
        fuss = int(h * 0.78)  # über dem Balken der Bildunterschrift
        for k in range(stufen):
            yy = fuss - (k + 1) * sh
            grau = 175 - k * 9
            d.rectangle(
                [x0 + k * w * 0.02, yy, x1 - k * w * 0.02, yy + sh],
                fill=(grau, grau - 2, grau - 6),
                outline=(95, 95, 95),
                width=4,
            )
        if "Rampe" in foto.bildunterschrift and "keine Rampe" not in foto.bildunterschrift:
            d.polygon(
                [(x1, fuss), (w * 0.98, fuss), (x1, fuss - sh * stufen)],
                fill=(150, 150, 146),
            )
            d.line(
                [(x1, fuss - sh * stufen - h * 0.06), (w * 0.98, fuss - h * 0.06)],
                fill=(80, 80, 84),
                width=max(w // 220, 5),
            )
        d.line(
            [(x0 - w * 0.02, fuss - h * 0.06), (x0 + w * 0.04, fuss - stufen * sh - h * 0.08)],
            fill=(80, 80, 84),
            width=max(w // 220, 5),
        )
    elif m == "gruen":
        for _ in range(int(rng.integers(4, 8))):
            zeichne_baum(
                d,
                rng,
                int(rng.uniform(0, w)),
                horizont + int(h * rng.uniform(0.02, 0.1)),
                int(h * rng.uniform(0.18, 0.3)),
            )
        d.polygon(
            [(w * 0.35, h), (w * 0.48, horizont), (w * 0.52, horizont), (w * 0.65, h)],
            fill=farbe(rng, (176, 150, 112), 10),
        )
    return np.asarray(bild, dtype=np.float32)


def textur(arr: np.ndarray, rng: np.random.Generator, staerke: float) -> np.ndarray:
    """Sensorrauschen, Helligkeitsverlauf, Vignette und Flecken wie bei einer Handykamera."""
    h, w, _ = arr.shape
    klein = rng.normal(0, 1, (h // 48 + 2, w // 48 + 2, 3)).astype(np.float32)
    flecken = Image.fromarray(((klein * 28) + 128).clip(0, 255).astype(np.uint8))
    flecken_arr = np.asarray(flecken.resize((w, h), Image.Resampling.BICUBIC), np.float32) - 128
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    vignette = (1 - 0.22 * (xx**2 + yy**2))[..., None]
    licht = 1 + 0.08 * xx[..., None] * rng.uniform(-1, 1)
    rauschen = rng.normal(0, staerke, (h, w, 1)).astype(np.float32)
    farbrauschen = rng.normal(0, staerke * 0.45, (h, w, 3)).astype(np.float32)
    return arr * vignette * licht + flecken_arr * 0.25 + rauschen + farbrauschen


def beschriften(bild: Image.Image, kopfzeile: str, unterschrift: str) -> None:
    w, h = bild.size
    d = ImageDraw.Draw(bild)
    f_klein = schrift(int(min(w, h) * 0.026))
    f_gross = schrift(int(min(w, h) * 0.042), fett=True)
    rand = int(min(w, h) * 0.03)
    # Kopfzeile oben links auf dunklem Balken
    kb = d.textbbox((rand, rand), kopfzeile, font=f_klein)
    d.rectangle(
        [kb[0] - rand // 2, kb[1] - rand // 2, kb[2] + rand // 2, kb[3] + rand // 2],
        fill=(25, 25, 28),
    )
    d.text((rand, rand), kopfzeile, font=f_klein, fill=(235, 235, 235))
    # Bildunterschrift unten, umbrochen
    breite = w - 2 * rand
    zeilen: list[str] = []
    for wort in unterschrift.split():
        probe = f"{zeilen[-1]} {wort}" if zeilen else wort
        if zeilen and f_gross.getlength(probe) <= breite:
            zeilen[-1] = probe
        else:
            zeilen.append(wort)
    zh = int(f_gross.size * 1.25)
    oben = h - rand - zh * len(zeilen) - rand
    d.rectangle([0, oben, w, h], fill=(22, 22, 26))
    for i, zeile in enumerate(zeilen):
        d.text((rand, oben + rand // 2 + i * zh), zeile, font=f_gross, fill=(250, 250, 250))


def dms(grad: float) -> tuple[float, float, float]:
    g = int(grad)
    minuten = (grad - g) * 60
    m = int(minuten)
    return float(g), float(m), round((minuten - m) * 60, 2)


def erzeuge_foto(pfad: Path, q: QuartierInfo, foto: Foto, nr: int) -> None:
    rng = zufall(f"foto:{q.kuerzel}:{foto.zeit}")
    hochkant = foto.orientierung in (6, 8)
    w, h = (PHOTO_HOEHE, PHOTO_BREITE) if hochkant else (PHOTO_BREITE, PHOTO_HOEHE)
    arr = szene(w, h, foto, rng)
    arr = textur(arr, rng, staerke=float(rng.uniform(2.6, 3.4)))
    bild = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    datum = q.begehung.strftime("%d.%m.%Y")
    beschriften(bild, f"Quartiersbegehung {q.name} · {datum} · {HINWEIS}", foto.bildunterschrift)
    # Handys speichern Hochformat quer und vermerken die Drehung in EXIF (Orientation):
    # 6 = zum Anzeigen 90° im Uhrzeigersinn drehen, 8 = 90° gegen den Uhrzeigersinn.
    if foto.orientierung == 6:
        bild = bild.transpose(Image.Transpose.ROTATE_90)
    elif foto.orientierung == 8:
        bild = bild.transpose(Image.Transpose.ROTATE_270)
    assert bild.size == (PHOTO_BREITE, PHOTO_HOEHE)

    hersteller, modell = KAMERAS[1] if foto.gps else KAMERAS[0]
    zeit = dt.datetime.combine(q.begehung, dt.datetime.strptime(foto.zeit, "%H%M%S").time())
    exif = Image.Exif()
    exif[0x010F] = hersteller  # Make
    exif[0x0110] = modell  # Model
    exif[0x0112] = foto.orientierung  # Orientation
    exif[0x0131] = f"{hersteller} Kamera"  # Software
    exif[0x0132] = zeit.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = zeit.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    exif_ifd[0x9004] = zeit.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeDigitized
    exif_ifd[0xA002] = PHOTO_BREITE  # PixelXDimension
    exif_ifd[0xA003] = PHOTO_HOEHE  # PixelYDimension
    if foto.gps:
        lat, lon = foto.gps
        gps = exif.get_ifd(0x8825)
        gps[0x0000] = b"\x02\x02\x00\x00"  # GPSVersionID
        gps[0x0001] = "N"
        gps[0x0002] = dms(lat)
        gps[0x0003] = "E"
        gps[0x0004] = dms(lon)
        gps[0x0005] = b"\x00"  # über dem Meeresspiegel
        gps[0x0006] = float(round(rng.uniform(70, 130), 1))
    pfad.parent.mkdir(parents=True, exist_ok=True)
    bild.save(pfad, "JPEG", quality=88, exif=exif, subsampling="4:2:0")


def foto_dateiname(q: QuartierInfo, foto: Foto) -> str:
    return f"IMG_{q.begehung:%Y%m%d}_{foto.zeit}.jpg"


def schreibe_fotolisten(ziel: Path) -> None:
    spalten = KOPF_FOTOS
    for q in QUARTIERE:
        ordner = ziel / "begehungen" / q.kuerzel
        titelzeile = (
            f"Fotoliste zur Quartiersbegehung {q.name} am {q.begehung:%d.%m.%Y} ({HINWEIS})"
        )
        if q.kuerzel == "marten":
            zeilen: list[list[str]] = [[titelzeile], [], spalten]
            for foto in FOTOS[q.kuerzel]:
                zeilen.append(
                    [
                        foto_dateiname(q, foto),
                        foto.bildunterschrift,
                        foto.ort,
                        f"{q.begehung:%d.%m.%Y}",
                        str(foto.handlungsfeld),
                        foto.bemerkung,
                    ]
                )
            schreibe_csv(ordner / "fotoliste.csv", zeilen, len(spalten))
            continue
        wb = Workbook()
        ws = wb.active
        ws.title = "Fotos"
        start = titel(ws, [titelzeile])
        kopf(ws, start, spalten)
        for i, foto in enumerate(FOTOS[q.kuerzel], start=start + 1):
            werte = [
                foto_dateiname(q, foto),
                foto.bildunterschrift,
                foto.ort,
                q.begehung,
                foto.handlungsfeld,
                foto.bemerkung or None,
            ]
            for j, wert in enumerate(werte, start=1):
                zelle = ws.cell(row=i, column=j, value=wert)
                if j == 4:
                    zelle.number_format = DATUMSFORMAT
        breiten(ws, {"A": 26, "B": 70, "C": 24, "D": 12, "E": 16, "F": 44})
        speichere_xlsx(
            wb, ordner / "fotoliste.xlsx", dt.datetime.combine(q.begehung, dt.time(17, 0))
        )


def erzeuge_fotos(ziel: Path) -> None:
    for q in QUARTIERE:
        ordner = ziel / "begehungen" / q.kuerzel
        for alt in ordner.glob("IMG_*.jpg"):
            alt.unlink()  # nur selbst erzeugte Fotos ersetzen
        for nr, foto in enumerate(FOTOS[q.kuerzel]):
            erzeuge_foto(ordner / foto_dateiname(q, foto), q, foto, nr)


# ---------------------------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------------------------

README = """\
# Beispieldaten

Alle Dateien in diesem Ordner sind **fiktive Beispieldaten**. Sie haben den Aufbau echter
Eingaben (siehe `docs/eingabedateien.md`), aber alle Werte, Raumnummern, Namen von
Unterbezirken, Anschriften, Telefonnummern, E-Mail-Adressen, Personen, Planauszüge und Fotos
sind frei erfunden. Sie dienen zum Ausprobieren und Testen von qprofil und dürfen nicht als
Angaben über die Stadt Dortmund oder ihre Quartiere verwendet werden.

## Neu erzeugen

Die Dateien werden von einem Skript mit festem Zufallsstartwert erzeugt; ein erneuter Lauf
ergibt dieselben Dateien:

    python scripts/beispieldaten.py

Mit `--ohne-fotos` werden nur die Tabellen neu geschrieben. Änderungen von Hand gehen beim
nächsten Lauf verloren: Inhalte bitte im Skript ändern.

## Die Dateien

`quartiere.xlsx`
: Blatt **Quartiere**: die vier Referenzquartiere mit Stadtbezirk, Unterbezirken, Siedlungstyp,
  Bauepoche, Fläche, zuständigem Seniorenbüro und Motto. Blatt **Seniorenbüros**: die zwölf
  Seniorenbüros der Stadtbezirke mit erfundenen Anschriften, Telefonnummern und Sprechzeiten.
  Über der Kopfzeile steht eine Titelzeile.

`statistik/bevoelkerung.csv`
: Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12.2011 und 31.12.2016 nach Geschlecht
  und 21 Altersgruppen (0 bis unter 3 … 90 und älter) für die Stadt (Raum-Nr `0`), die
  Stadtbezirke Scharnhorst (`05`), Hombruch (`09`), Lütgendortmund (`10`) und Huckarde (`11`)
  sowie alle ihre Unterbezirke. Aufbau wie ein Export der Statistikstelle: Trennzeichen `;`,
  Zeichensatz Windows-1252, Tausenderpunkt, `-` für null, Titelzeilen vor der Kopfzeile und
  Fußzeilen nach den Daten.

`statistik/sozialdaten.xlsx`
: Blatt **Sozialdaten**: Haushalte, Einpersonenhaushalte, allein lebende Personen ab 65 und
  Empfängerinnen und Empfänger von Grundsicherung im Alter (65+) für dieselben Räume und
  Stichtage. Titel- und Hinweiszeilen über der Kopfzeile.

`befragung/seniorenbuero_<stadtbezirk>.xlsx`
: Je Seniorenbüro (`hombruch`, `scharnhorst`, `huckarde`, `luetgendortmund`) die ausgefüllte
  schriftliche Befragung, so wie ein Büro sie zurückschickt: Blatt **Angaben** (Feld und
  Angabe), Blatt **Infrastruktur** (eine Zeile je Einrichtung oder Angebot) und Blatt
  **Einschätzung** (Stärken, Defizite und Anmerkungen je Handlungsfeld).

`planauszuege.xlsx`
: Blatt **Auszüge**: sinngemäß zusammengefasste, erfundene Textstellen aus Masterplänen
  (Einzelhandel, Mobilität 2030, Wohnen, Migration/Integration), dem Aktionsplan Inklusion und
  Integrierten Handlungskonzepten, mit Fundstelle, Stand, Quartier und Handlungsfeld.

`begehungen/<kürzel>/`
: Je Quartier 7–8 Fotos der Quartiersbegehung (JPEG, 4032 × 3024 Pixel wie vom Handy,
  Dateinamen wie `IMG_20170412_100512.jpg`) und die Fotoliste: `fotoliste.xlsx` (Blatt
  **Fotos**), für Marten `fotoliste.csv` (`;`-getrennt, Windows-1252). Die Fotos sind
  gezeichnete Platzhalter mit eingeblendeter Bildunterschrift.

`massnahmen.xlsx`
: Blatt **Maßnahmen**: 5–7 Maßnahmevorschläge je Quartier mit Handlungsfeld, Zuständigkeit,
  Priorität, geschätzten Kosten und Status.

## Absichtliche Eigenheiten

Die Beispieldaten enthalten Eigenheiten, wie sie in echten Eingaben vorkommen und die qprofil
verkraften muss:

- Die Zeilen eines Stadtbezirks sind genau die Summe seiner Unterbezirke. Die Zeilen der Stadt
  enthalten zusätzlich die acht hier nicht aufgeführten Stadtbezirke.
- In kleinen Unterbezirken steht `-` (nichts) in der Altersgruppe „90 und älter“ der Männer.
- In `sozialdaten.xlsx` stehen zwei Werte als Text mit Tausenderpunkt in der Zelle.
- Das Handlungsfeld ist uneinheitlich angegeben: `1`, `HF 2`, `Handlungsfeld 3` oder der volle
  Name; „barrierefrei“ als `ja`, `Ja ` (mit Leerzeichen), `nein`, `teilweise` oder leer.
- In der Einschätzung stehen mehrere Punkte in einer Zelle, getrennt durch Zeilenumbrüche
  (teils `\\r\\n`, teils `\\n`), mit `-` oder `•` davor, mit Anführungszeichen „…“, `&` und
  vereinzelten überzähligen Leerzeichen.
- Datumsangaben stehen teils als Excel-Datum, teils als Text `TT.MM.JJJJ`; Quartiere teils mit
  Kürzel, teils mit Namen; einige Planauszüge gelten für `alle` Quartiere.
- Kosten der Maßnahmen meist als Zahl, einige als Text (`ca. 5.000 €`), einige leer (noch nicht
  geschätzt).
- Fotos im Hochformat sind wie bei Handys quer gespeichert; erst die EXIF-Ausrichtung
  (Orientation 6 oder 8) stellt sie richtig. Einige Fotos tragen GPS-Koordinaten im EXIF.
  Beides muss qprofil vor der Ausgabe behandeln (drehen, Metadaten entfernen).

## Raumnummern der Quartiere

| Quartier | Stadtbezirk | Unterbezirke |
|---|---|---|
{quartierzeilen}
"""


def schreibe_readme(ziel: Path) -> None:
    zeilen = []
    for q in QUARTIERE:
        sb = stadtbezirk(q.stadtbezirk_nr)
        ubs = ", ".join(
            f"{nr} {ub.name}" for nr in q.unterbezirke for ub in sb.unterbezirke if ub.nr == nr
        )
        zeilen.append(f"| {q.name} (`{q.kuerzel}`) | {sb.nr} {sb.name} | {ubs} |")
    text = README.replace("{quartierzeilen}", "\n".join(zeilen))
    (ziel / "README.md").write_text(text, encoding="utf-8", newline="\n")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Erzeugt die fiktiven Beispieldaten in daten/.")
    parser.add_argument(
        "--ziel",
        type=Path,
        default=PROJEKT / "daten",
        help="Zielordner (Vorgabe: daten/ im Projekt)",
    )
    parser.add_argument(
        "--ohne-fotos", action="store_true", help="Fotos nicht neu erzeugen (dauert am längsten)"
    )
    args = parser.parse_args(argv)
    ziel: Path = args.ziel
    ziel.mkdir(parents=True, exist_ok=True)

    zaehlung = bevoelkerung_zaehlen()
    schreibe_quartiere(ziel)
    schreibe_bevoelkerung(ziel, zaehlung)
    schreibe_sozialdaten(ziel, sozialdaten_berechnen(zaehlung))
    schreibe_befragungen(ziel)
    schreibe_planauszuege(ziel)
    schreibe_massnahmen(ziel)
    schreibe_fotolisten(ziel)
    if not args.ohne_fotos:
        erzeuge_fotos(ziel)
    schreibe_readme(ziel)
    print(f"Beispieldaten geschrieben nach {ziel}")


if __name__ == "__main__":
    main()
