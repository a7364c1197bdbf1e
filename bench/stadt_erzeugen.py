"""Erzeugt ein synthetisches qprofil-Projekt in Großstadtgröße für Leistungsmessungen.

Die Stadt hat 12 Stadtbezirke (Nummern und Namen wie die Seniorenbüros der Beispieldaten),
62 statistische Bezirke und 170 Unterbezirke. Jeder Unterbezirk ist ein Quartier mit dem Kürzel
``ub-<Raum-Nr>``. Die vierstellige Raum-Nr enthält die Gliederung: Stadtbezirk (2 Stellen),
statistischer Bezirk (1 Stelle), Unterbezirk (1 Stelle); ``ub-0923`` ist also der dritte
Unterbezirk im zweiten statistischen Bezirk des Stadtbezirks 09.

Erzeugt werden, im Aufbau von ``docs/eingabedateien.md``:

- ``qprofil.toml`` (Kopie der Datei des Repositorys, Titel und Hinweis angepasst) und ``vorlagen/``
  (Kopie),
- ``daten/quartiere.xlsx`` mit den Blättern „Quartiere“ und „Seniorenbüros“ (12 Büros),
- ``daten/statistik/bevoelkerung.csv`` (Langformat, 2 Stichtage, 21 Altersgruppen × 2
  Geschlechter für Stadt, 12 Stadtbezirke und alle 170 Unterbezirke, auch wenn weniger Quartiere
  gewählt sind) und ``daten/statistik/sozialdaten.xlsx``,
- ``daten/befragung/``: eine Arbeitsmappe je Quartier. qprofil ordnet jede Mappe über die Angabe
  „Quartier“ genau einem Quartier zu (``qprofil/sources/befragung.py``); nur mit einer Mappe je
  Quartier hat jedes Quartier eine Befragung,
- ``daten/planauszuege.xlsx`` und ``daten/massnahmen.xlsx``,
- ``daten/begehungen/<kürzel>/``: je Quartier 20–40 Fotos (JPEG 4032 × 3024 Pixel, etwa
  1,3–1,8 MB, einige hochkant mit EXIF-Ausrichtung 6 oder 8, einige mit GPS) und
  ``fotoliste.xlsx``.

Fotos
-----
Fotos bestimmen die Dauer der Erzeugung. Deshalb entsteht einmal ein Vorrat von 40
verschiedenen Fotos (``<ziel>/.fotopool/``, bleibt beim Neuerzeugen erhalten); die Quartiere
bekommen Kopien daraus. Die Motive zeichnet ``scripts/beispieldaten.py`` (``erzeuge_foto``), nur
dessen Bildrauschen wird durch ein einfacheres, etwa sechsmal schnelleres ersetzt; es sorgt
ebenso dafür, dass die Fotos sich wie echte Handyfotos komprimieren (etwa 1,5 MB).

qprofil legt verkleinerte Fotos in ``.qprofil-cache/fotos/`` unter dem SHA-256 ihres Inhalts ab.
Wären die Fotos der Quartiere harte Links auf dieselben 40 Dateien, würde qprofil bei 170
Quartieren nur 40 Fotos verkleinern statt rund 5.000 – der kalte Lauf wäre viel zu günstig
gemessen. Vorgabe ist daher: Jede Kopie bekommt hinter den APP-Segmenten (EXIF) ein
JPEG-Kommentarsegment (COM) mit Quartier und Dateinamen. Damit ist der Inhalt jeder Datei
verschieden, die Bilddaten aber sind gleich groß und gleich aufwendig zu dekodieren wie beim
Vorbild; qprofil verwirft Kommentare beim Verkleinern. Eine Kopie kostet nur das Schreiben von
rund 1,5 MB (bei 170 Quartieren etwa 7–8 GB Plattenplatz, einige Sekunden).

Mit ``--gleiche-fotos`` werden stattdessen harte Links angelegt (``os.link``, sonst Kopie): spart
Platz und Zeit, eignet sich aber nur für Messungen mit warmem Foto-Zwischenspeicher.

Alle Zahlen, Namen und Texte sind frei erfunden. Ein fester Zufallsstartwert je Quartier sorgt
dafür, dass ein erneuter Lauf dieselben Daten erzeugt, und dass ein Quartier bei ``--quartiere 4``
dieselben Daten hat wie bei 170.

Aufruf (im Repository)::

    python bench/stadt_erzeugen.py                      # 170 Quartiere nach bench/stadt/
    python bench/stadt_erzeugen.py --quartiere 40       # die ersten 40 (über alle Stadtbezirke)
    python bench/stadt_erzeugen.py --ziel /tmp/stadt --gleiche-fotos
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment

REPO = Path(__file__).resolve().parent.parent
STANDARD_ZIEL = REPO / "bench" / "stadt"
MARKE = ".stadt.json"  # kennzeichnet einen von diesem Skript erzeugten Ordner
POOL_ORDNER = ".fotopool"
VERSION = 1

ANZAHL_STADTBEZIRKE = 12
ANZAHL_STAT_BEZIRKE = 62
ANZAHL_UNTERBEZIRKE = 170
POOL_GROESSE = 40
FOTOS_JE_QUARTIER = (20, 40)
LAGEN = ("Mitte", "Nord", "Süd", "Ost", "West", "Nordost")


def _beispieldaten_laden() -> ModuleType:
    """scripts/beispieldaten.py als Modul (es ist kein Paket, daher über den Pfad)."""
    name = "qprofil_beispieldaten"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "beispieldaten.py")
    assert spec is not None and spec.loader is not None
    modul = importlib.util.module_from_spec(spec)
    sys.modules[name] = modul  # dataclasses brauchen das Modul in sys.modules
    spec.loader.exec_module(modul)
    return modul


bd = _beispieldaten_laden()
HINWEIS = bd.HINWEIS
STICHTAGE: tuple[dt.date, dt.date] = bd.STICHTAGE


# ---------------------------------------------------------------------------------------------
# Räume
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stadtbezirk:
    nr: str
    name: str
    kurz: str


@dataclass(frozen=True)
class Unterbezirk:
    nr: str  # SB (2) + statistischer Bezirk (1) + Unterbezirk (1)
    name: str
    stadtbezirk: Stadtbezirk
    stat_bezirk: str  # dreistellig
    stat_name: str

    @property
    def kuerzel(self) -> str:
        return f"ub-{self.nr}"


def stadtbezirke() -> list[Stadtbezirk]:
    return [Stadtbezirk(nr, name, kurz) for nr, name, kurz, *_ in bd.SENIORENBUEROS]


def gliederung() -> list[Unterbezirk]:
    """170 Unterbezirke in 62 statistischen Bezirken in 12 Stadtbezirken."""
    sbs = stadtbezirke()
    assert len(sbs) == ANZAHL_STADTBEZIRKE
    # 62 = 2 × 6 + 10 × 5 statistische Bezirke; 170 = 46 × 3 + 16 × 2 Unterbezirke
    stat_je_sb = [6 if i < 2 else 5 for i in range(ANZAHL_STADTBEZIRKE)]
    zweier = set(sorted(range(ANZAHL_STAT_BEZIRKE), key=lambda i: (i * 29) % 62)[46:])
    ergebnis = []
    k = 0
    for sb, anzahl in zip(sbs, stat_je_sb, strict=True):
        for s in range(1, anzahl + 1):
            stat_name = f"{sb.name}-{LAGEN[s - 1]}"
            for u in range(1, (2 if k in zweier else 3) + 1):
                ergebnis.append(
                    Unterbezirk(f"{sb.nr}{s}{u}", f"{stat_name} {u}", sb, f"{sb.nr}{s}", stat_name)
                )
            k += 1
    assert k == ANZAHL_STAT_BEZIRKE and len(ergebnis) == ANZAHL_UNTERBEZIRKE
    return ergebnis


def quartiere_waehlen(anzahl: int) -> list[Unterbezirk]:
    """Die ersten ``anzahl`` Unterbezirke, reihum aus den Stadtbezirken (so sind auch bei wenigen
    Quartieren viele Stadtbezirke vertreten)."""
    if not 1 <= anzahl <= ANZAHL_UNTERBEZIRKE:
        raise ValueError(f"--quartiere muss zwischen 1 und {ANZAHL_UNTERBEZIRKE} liegen")
    je_sb: dict[str, list[Unterbezirk]] = {}
    for ub in gliederung():
        je_sb.setdefault(ub.stadtbezirk.nr, []).append(ub)
    reihe = []
    for i in range(max(len(v) for v in je_sb.values())):
        reihe += [liste[i] for liste in je_sb.values() if i < len(liste)]
    return reihe[:anzahl]


# ---------------------------------------------------------------------------------------------
# Bevölkerung und Sozialdaten
# ---------------------------------------------------------------------------------------------

Zaehlung = dict[tuple[dt.date, str], np.ndarray]


def bevoelkerung_zaehlen(ubs: list[Unterbezirk]) -> Zaehlung:
    z: Zaehlung = {}
    for ub in ubs:
        rng = bd.zufall(f"stadt:bevoelkerung:{ub.nr}")
        n16 = int(rng.uniform(1500, 7200))
        n11 = round(n16 / (1 + rng.uniform(-0.02, 0.05)))
        a65 = rng.uniform(0.13, 0.29)
        kinder = 1.0 - (a65 - 0.21) * 2.2 + rng.normal(0, 0.06)
        junge = rng.uniform(0.8, 1.6)
        hoch = rng.uniform(0.75, 1.2)
        delta65 = rng.uniform(-0.006, 0.02)
        for tag, n, anteil, h in (
            (STICHTAGE[0], n11, a65 - delta65, hoch * 0.9),
            (STICHTAGE[1], n16, a65, hoch),
        ):
            z[(tag, ub.nr)] = bd.auszaehlen(rng, n, bd.altersprofil(anteil, kinder, junge, h))
    for tag in STICHTAGE:
        for sb in stadtbezirke():
            z[(tag, sb.nr)] = sum(z[(tag, ub.nr)] for ub in ubs if ub.stadtbezirk == sb)
        z[(tag, "0")] = sum(z[(tag, sb.nr)] for sb in stadtbezirke())
    return z


def raeume(ubs: list[Unterbezirk]) -> list[tuple[str, str, str]]:
    """(Raumebene, Raum-Nr, Raumname) in der Reihenfolge des Exports."""
    liste = [("Stadt", "0", "Dortmund")]
    for sb in stadtbezirke():
        liste.append(("Stadtbezirk", sb.nr, sb.name))
        liste += [("Unterbezirk", ub.nr, ub.name) for ub in ubs if ub.stadtbezirk == sb]
    return liste


def schreibe_bevoelkerung(ziel: Path, ubs: list[Unterbezirk], z: Zaehlung) -> None:
    spalten = bd.KOPF_BEVOELKERUNG
    zeilen: list[list[str]] = [
        ["Bevölkerung mit Hauptwohnsitz nach Geschlecht und Altersgruppen"],
        [f"Stadt, Stadtbezirke und Unterbezirke – {HINWEIS} (synthetisch, Großstadt)"],
        ["Stichtage " + " und ".join(f"{t:%d.%m.%Y}" for t in STICHTAGE)],
        [],
        spalten,
    ]
    for tag in STICHTAGE:
        for ebene, nr, name in raeume(ubs):
            for g, geschlecht in enumerate(("männlich", "weiblich")):
                for b, band in enumerate(bd.BAENDER):
                    zeilen.append(
                        [
                            f"{tag:%d.%m.%Y}",
                            ebene,
                            nr,
                            name,
                            geschlecht,
                            bd.band_label(band),
                            bd.deutsche_zahl(int(z[(tag, nr)][g, b])),
                        ]
                    )
    zeilen += [
        [],
        [f"Quelle: {HINWEIS} im Format eines Exports der kommunalen Statistikstelle"],
        ["Zeichenerklärung: - = nichts vorhanden, . = unbekannt oder geheim gehalten"],
    ]
    bd.schreibe_csv(ziel / "statistik" / "bevoelkerung.csv", zeilen, len(spalten))


def sozialdaten_berechnen(
    ubs: list[Unterbezirk], z: Zaehlung
) -> dict[tuple[dt.date, str], tuple[int, int, int, int]]:
    s: dict[tuple[dt.date, str], tuple[int, int, int, int]] = {}
    for ub in ubs:
        rng = bd.zufall(f"stadt:sozial:{ub.nr}")
        groesse0 = rng.normal(0, 0.06)
        ein0 = rng.uniform(0.41, 0.48)
        allein0 = rng.uniform(0.31, 0.38)
        gs0 = rng.uniform(0.02, 0.07)
        for k, tag in enumerate(STICHTAGE):
            werte = z[(tag, ub.nr)]
            p = int(werte.sum())
            p65 = int(werte[:, bd.AB_65 :].sum())
            groesse = float(np.clip(1.95 - (p65 / p - 0.21) * 0.9 + groesse0 - 0.03 * k, 1.7, 2.2))
            haushalte = round(p / groesse)
            ein = round(haushalte * (ein0 + 0.012 * k))
            allein65 = min(round(p65 * (allein0 + 0.008 * k)), ein)
            grundsicherung = max(1, round(p65 * (gs0 + 0.005 * k)))
            s[(tag, ub.nr)] = (haushalte, ein, allein65, grundsicherung)
    for tag in STICHTAGE:
        for sb in stadtbezirke():
            s[(tag, sb.nr)] = bd.summe([s[(tag, ub.nr)] for ub in ubs if ub.stadtbezirk == sb])
        s[(tag, "0")] = bd.summe([s[(tag, sb.nr)] for sb in stadtbezirke()])
    return s


def schreibe_sozialdaten(
    ziel: Path, ubs: list[Unterbezirk], s: dict[tuple[dt.date, str], tuple[int, int, int, int]]
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sozialdaten"
    start = bd.titel(
        ws,
        [
            f"Haushalte und Grundsicherung im Alter – {HINWEIS} (synthetisch, Großstadt)",
            "Haushalte: aus dem Melderegister geschätzt. Grundsicherung: Empfänger/-innen ab 65 "
            "Jahren nach SGB XII, 4. Kapitel.",
        ],
    )
    bd.kopf(
        ws,
        start,
        [
            "Stichtag",
            "Raumebene",
            "Raum-Nr",
            "Raumname",
            "Haushalte insgesamt",
            "Einpersonenhaushalte",
            "Personen ab 65 J. in Einpersonenhaushalten",
            "Grundsicherung im Alter (65+)",
        ],
    )
    zeile = start + 1
    for tag in STICHTAGE:
        for ebene, nr, name in raeume(ubs):
            ws.cell(row=zeile, column=1, value=tag).number_format = bd.DATUMSFORMAT
            ws.cell(row=zeile, column=2, value=ebene)
            ws.cell(row=zeile, column=3, value=nr).number_format = "@"
            ws.cell(row=zeile, column=4, value=name)
            for i, wert in enumerate(s[(tag, nr)]):
                ws.cell(row=zeile, column=5 + i, value=wert).number_format = bd.ZAHLFORMAT
            zeile += 1
    bd.breiten(ws, {"A": 12, "B": 13, "C": 9, "D": 24, "E": 13, "F": 15, "G": 20, "H": 17})
    bd.speichere_xlsx(wb, ziel / "statistik" / "sozialdaten.xlsx", dt.datetime(2017, 3, 8, 10, 12))


# ---------------------------------------------------------------------------------------------
# Quartiere, Befragungen, Planauszüge, Maßnahmen
# ---------------------------------------------------------------------------------------------

SIEDLUNGSTYPEN = (
    ("Reihenhausgebiet", "1960er–1970er Jahre"),
    ("Siedlung mit Mehrfamilien- und Zechenhäusern", "1920er–1950er Jahre"),
    ("Großwohnsiedlung", "1960er–1970er Jahre"),
    ("Gründerzeitliches Ortszentrum mit Blockrandbebauung", "Gründerzeit (um 1890–1914)"),
    ("Einfamilienhausgebiet", "1950er–1990er Jahre"),
    ("Innenstadtrand mit Geschosswohnungsbau", "1950er–1960er Jahre"),
)
VORBILDER = tuple(q.kuerzel for q in bd.QUARTIERE)  # Texte der vier Beispielquartiere


def begehung(index: int) -> dt.date:
    return dt.date(2017, 4, 3) + dt.timedelta(days=(index * 3) % 120)


def schreibe_quartiere(ziel: Path, quartiere: list[Unterbezirk]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Quartiere"
    start = bd.titel(ws, [f"Quartiere der altersgerechten Quartiersentwicklung – {HINWEIS}"])
    bd.kopf(
        ws,
        start,
        bd.KOPF_QUARTIERE,
    )
    for i, ub in enumerate(quartiere, start=start + 1):
        rng = bd.zufall(f"stadt:quartier:{ub.nr}")
        typ, epoche = SIEDLUNGSTYPEN[int(rng.integers(len(SIEDLUNGSTYPEN)))]
        werte = [
            ub.kuerzel,
            ub.name,
            ub.stadtbezirk.nr,
            ub.stadtbezirk.name,
            ub.nr,
            typ,
            epoche,
            round(float(rng.uniform(40, 420)), 1),
            bd.seniorenbuero_name(ub.stadtbezirk.name),
            f"Gemeinsam in {ub.name}" if rng.random() < 0.7 else None,
        ]
        for j, wert in enumerate(werte, start=1):
            zelle = ws.cell(row=i, column=j, value=wert)
            if j in (3, 5):
                zelle.number_format = "@"
    bd.breiten(ws, {"A": 10, "B": 24, "C": 13, "D": 16, "E": 12, "F": 44, "G": 26, "H": 11})

    ws2 = wb.create_sheet("Seniorenbüros")
    start = bd.titel(ws2, [f"Seniorenbüros der Stadtbezirke – {HINWEIS} (Anschriften erfunden)"])
    bd.kopf(
        ws2,
        start,
        bd.KOPF_BUEROS,
    )
    for i, (nr, name, kurz, traeger, anschrift, zeiten) in enumerate(bd.SENIORENBUEROS):
        werte = [
            bd.seniorenbuero_name(name),
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
    bd.speichere_xlsx(wb, ziel / "quartiere.xlsx", dt.datetime(2017, 2, 21, 14, 30))


def schreibe_befragung(ziel: Path, ub: Unterbezirk, index: int) -> None:
    """Die Arbeitsmappe eines Quartiers; Inhalte aus einem der vier Beispielquartiere."""
    vorbild = VORBILDER[index % len(VORBILDER)]
    sb = ub.stadtbezirk
    wb = Workbook()
    ws = wb.active
    ws.title = "Angaben"
    ws["A1"] = "Schriftliche Befragung der Seniorenbüros zur Infrastruktur im Quartier"
    ws["A2"] = f"{HINWEIS} – Namen und Angaben erfunden"
    bd.kopf(ws, 4, ["Feld", "Angabe"])
    datum = dt.date(2017, 3, 1) + dt.timedelta(days=index % 45)
    for i, (feld, wert) in enumerate(
        [
            ("Seniorenbüro", bd.seniorenbuero_name(sb.name)),
            ("Stadtbezirk", sb.name),
            ("Quartier", ub.name if index % 2 else ub.kuerzel),
            ("Ausgefüllt von", f"Team Seniorenbüro {sb.name}"),
            ("Datum", datum),
        ],
        start=5,
    ):
        ws.cell(row=i, column=1, value=feld)
        zelle = ws.cell(row=i, column=2, value=wert)
        if isinstance(wert, dt.date):
            zelle.number_format = bd.DATUMSFORMAT

    ws = wb.create_sheet("Infrastruktur")
    start = bd.titel(ws, [f"Infrastruktur im Quartier {ub.name} nach Handlungsfeldern"])
    bd.kopf(
        ws,
        start,
        bd.KOPF_INVENTAR,
    )
    for i, zeile in enumerate(bd.INFRASTRUKTUR[vorbild], start=start + 1):
        for j, wert in enumerate(zeile, start=1):
            ws.cell(row=i, column=j, value=wert)

    ws = wb.create_sheet("Einschätzung")
    start = bd.titel(ws, [f"Einschätzung des Seniorenbüros zum Quartier {ub.name}"])
    bd.kopf(ws, start, bd.KOPF_EINSCHAETZUNG)
    for i, (hf, *texte) in enumerate(bd.EINSCHAETZUNG[vorbild], start=start + 1):
        ws.cell(row=i, column=1, value=hf)
        for j, text in enumerate(texte, start=2):
            stil = "crlf" if (i + j) % 2 == 0 else "lf"
            zelle = ws.cell(row=i, column=j, value=bd.zellen_umbruch(text, stil) or None)
            zelle.alignment = Alignment(wrap_text=True, vertical="top")
    bd.speichere_xlsx(
        wb,
        ziel / "befragung" / f"seniorenbuero_{sb.kurz}_{ub.kuerzel}.xlsx",
        dt.datetime.combine(datum, dt.time(16, 5)),
    )


def schreibe_planauszuege(ziel: Path, quartiere: list[Unterbezirk]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Auszüge"
    start = bd.titel(ws, ["Sichtung der Masterpläne und Integrierten Handlungskonzepte"])
    bd.kopf(ws, start, bd.KOPF_PLAENE)
    alle = [a for a in bd.AUSZUEGE if a[2] == "alle"]
    einzeln = [a for a in bd.AUSZUEGE if a[2] != "alle"]
    zeilen = [(a, "alle") for a in alle]
    for i, ub in enumerate(quartiere):
        for k in range(3):
            zeilen.append((einzeln[(i * 3 + k) % len(einzeln)], ub.kuerzel if k else ub.name))
    for r, ((plan, fundstelle, _q, hf, text), quartier) in enumerate(zeilen, start=start + 1):
        name, datum = bd.PLAENE[plan]
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=fundstelle)
        zelle = ws.cell(row=r, column=3, value=datum)
        if isinstance(datum, dt.date):
            zelle.number_format = bd.DATUMSFORMAT
        ws.cell(row=r, column=4, value=quartier)
        ws.cell(row=r, column=5, value=hf)
        ws.cell(row=r, column=6, value=text)
    bd.speichere_xlsx(wb, ziel / "planauszuege.xlsx", dt.datetime(2017, 3, 15, 11, 40))


def schreibe_massnahmen(ziel: Path, quartiere: list[Unterbezirk]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Maßnahmen"
    start = bd.titel(ws, ["Maßnahmevorschläge aus Quartiersprofilen und Bürgerdialogen"])
    bd.kopf(
        ws,
        start,
        bd.KOPF_MASSNAHMEN,
    )
    r = start + 1
    for i, ub in enumerate(quartiere):
        anzahl = 5 + int(bd.zufall(f"stadt:massnahmen:{ub.nr}").integers(0, 3))
        for k in range(anzahl):
            _q, hf, titel_, beschreibung, zustaendig, prio, kosten, status = bd.MASSNAHMEN[
                (i * 7 + k) % len(bd.MASSNAHMEN)
            ]
            werte = [k + 1, ub.kuerzel, hf, titel_, beschreibung, zustaendig, prio, kosten, status]
            for j, wert in enumerate(werte, start=1):
                zelle = ws.cell(row=r, column=j, value=wert)
                if j == 8 and isinstance(wert, int):
                    zelle.number_format = '#,##0 "€"'
            r += 1
    bd.speichere_xlsx(wb, ziel / "massnahmen.xlsx", dt.datetime(2017, 11, 20, 9, 15))


# ---------------------------------------------------------------------------------------------
# Fotos
# ---------------------------------------------------------------------------------------------


def _pool_vorlagen() -> list[tuple[object, object]]:
    """(QuartierInfo, Foto) für jedes Foto des Vorrats, aus den 30 Fotos der Beispieldaten."""
    basis = [(q, f) for q in bd.QUARTIERE for f in bd.FOTOS[q.kuerzel]]
    ergebnis = []
    for i in range(POOL_GROESSE):
        q, f = basis[i % len(basis)]
        runde = i // len(basis)
        q = dataclasses.replace(q, kuerzel=f"stadt{runde}-{q.kuerzel}", name="Beispielstadt")
        if runde:
            # weitere Runde: anderes Motiv-Zufallsmuster, abwechselnd hochkant (EXIF 6)
            f = dataclasses.replace(f, orientierung=6 if i % 2 else 1)
        ergebnis.append((q, f))
    return ergebnis


def _schnelle_textur(arr: np.ndarray, rng: np.random.Generator, staerke: float) -> np.ndarray:
    """Ersatz für ``textur`` der Beispieldaten: Helligkeits- und Farbrauschen, ohne Vignette und
    Flecken. Das Rauschen sorgt dafür, dass das JPEG so groß wird wie ein Handyfoto."""
    h, w, _ = arr.shape
    hell = rng.standard_normal((h, w, 1), dtype=np.float32)
    hell *= staerke * 1.1
    farbe = rng.integers(-2, 3, (h, w, 3), dtype=np.int8)
    arr += hell
    arr += farbe
    return arr


def _pool_foto(aufgabe: tuple[int, str]) -> str:
    i, pfad = aufgabe
    q, f = _pool_vorlagen()[i]
    bd.textur = _schnelle_textur  # nur im Arbeitsprozess, siehe Modulbeschreibung
    bd.erzeuge_foto(Path(pfad), q, f, i)
    return pfad


def fotopool(ordner: Path, prozesse: int) -> list[Path]:
    """Der Vorrat von 40 verschiedenen Fotos; wird nur erzeugt, wenn er fehlt."""
    dateien = [ordner / f"foto_{i:02d}.jpg" for i in range(POOL_GROESSE)]
    fertig = ordner / f".fertig-v{VERSION}"
    if fertig.is_file() and all(d.is_file() for d in dateien):
        return dateien
    ordner.mkdir(parents=True, exist_ok=True)
    with get_context("fork").Pool(prozesse) as pool:
        for _ in pool.imap_unordered(_pool_foto, [(i, str(d)) for i, d in enumerate(dateien)]):
            pass
    fertig.write_text("ok\n", encoding="utf-8")
    return dateien


def _kommentar_stelle(daten: bytes) -> int:
    """Byte-Position hinter SOI und allen direkt folgenden APPn-Segmenten (EXIF, JFIF)."""
    if daten[:2] != b"\xff\xd8":
        raise ValueError("kein JPEG")
    pos = 2
    while daten[pos] == 0xFF and 0xE0 <= daten[pos + 1] <= 0xEF:
        laenge = int.from_bytes(daten[pos + 2 : pos + 4], "big")
        pos += 2 + laenge
    return pos


def mit_kommentar(daten: bytes, stelle: int, text: str) -> bytes:
    """JPEG mit zusätzlichem COM-Segment: anderer Inhalt, gleiche Bilddaten."""
    inhalt = text.encode("utf-8")
    segment = b"\xff\xfe" + (len(inhalt) + 2).to_bytes(2, "big") + inhalt
    return daten[:stelle] + segment + daten[stelle:]


# Im Arbeitsprozess: Inhalt der Vorrats-Fotos (einmal gelesen)
_POOL_INHALT: dict[str, tuple[bytes, int]] = {}


def _pool_bytes(pfad: Path) -> tuple[bytes, int]:
    schluessel = str(pfad)
    if schluessel not in _POOL_INHALT:
        daten = pfad.read_bytes()
        _POOL_INHALT[schluessel] = (daten, _kommentar_stelle(daten))
    return _POOL_INHALT[schluessel]


@dataclass(frozen=True)
class QuartierAufgabe:
    ziel: str  # daten/
    ub: Unterbezirk
    index: int
    pool: tuple[str, ...]
    gleiche_fotos: bool


def _fotos_waehlen(ub: Unterbezirk, pool_groesse: int) -> list[int]:
    rng = bd.zufall(f"stadt:fotos:{ub.nr}")
    anzahl = int(rng.integers(FOTOS_JE_QUARTIER[0], FOTOS_JE_QUARTIER[1] + 1))
    if anzahl <= pool_groesse:
        return [int(i) for i in rng.choice(pool_groesse, anzahl, replace=False)]
    return [int(i) for i in rng.integers(0, pool_groesse, anzahl)]


def _quartier_erzeugen(a: QuartierAufgabe) -> int:
    """Befragung, Fotos und Fotoliste eines Quartiers; gibt die Bytes seiner Fotos zurück."""
    ziel = Path(a.ziel)
    ub = a.ub
    schreibe_befragung(ziel, ub, a.index)
    ordner = ziel / "begehungen" / ub.kuerzel
    ordner.mkdir(parents=True, exist_ok=True)
    vorlagen = _pool_vorlagen()
    tag = begehung(a.index)
    zeit = dt.datetime.combine(tag, dt.time(9, 30))
    zeilen = []
    summe = 0
    for k, nr in enumerate(_fotos_waehlen(ub, len(a.pool))):
        zeit += dt.timedelta(minutes=6, seconds=(k * 17) % 50)
        name = f"IMG_{zeit:%Y%m%d_%H%M%S}.jpg"
        quelle = Path(a.pool[nr])
        datei = ordner / name
        datei.unlink(missing_ok=True)
        if a.gleiche_fotos:
            try:
                os.link(quelle, datei)
            except OSError:
                shutil.copyfile(quelle, datei)
            summe += datei.stat().st_size
        else:
            daten, stelle = _pool_bytes(quelle)
            inhalt = mit_kommentar(daten, stelle, f"qprofil-bench {ub.kuerzel}/{name}")
            datei.write_bytes(inhalt)
            summe += len(inhalt)
        _q, f = vorlagen[nr % len(vorlagen)]
        zeilen.append([name, f.bildunterschrift, f.ort, tag, f.handlungsfeld, f.bemerkung or None])

    wb = Workbook()
    ws = wb.active
    ws.title = "Fotos"
    start = bd.titel(
        ws, [f"Fotoliste zur Quartiersbegehung {ub.name} am {tag:%d.%m.%Y} ({HINWEIS})"]
    )
    bd.kopf(ws, start, bd.KOPF_FOTOS)
    for r, werte in enumerate(zeilen, start=start + 1):
        for j, wert in enumerate(werte, start=1):
            zelle = ws.cell(row=r, column=j, value=wert)
            if j == 4:
                zelle.number_format = bd.DATUMSFORMAT
    bd.speichere_xlsx(wb, ordner / "fotoliste.xlsx", dt.datetime.combine(tag, dt.time(17, 0)))
    return summe


# ---------------------------------------------------------------------------------------------
# Projekt
# ---------------------------------------------------------------------------------------------


def konfiguration_schreiben(ziel: Path, anzahl: int) -> None:
    text = (REPO / "qprofil.toml").read_text(encoding="utf-8")
    text = re.sub(
        r'(?m)^titel = ".*"$',
        f'titel = "Altersgerechte Quartiersentwicklung – {anzahl} Quartiere (synthetisch)"',
        text,
        count=1,
    )
    text = re.sub(
        r'(?m)^hinweis = ".*"$',
        'hinweis = "Synthetisches Großstadtprojekt für Leistungsmessungen; alle Angaben fiktiv."',
        text,
        count=1,
    )
    (ziel / "qprofil.toml").write_text(text, encoding="utf-8")


def _aufraeumen(ziel: Path) -> None:
    """Vorige Erzeugung entfernen (nur in einem Ordner, den dieses Skript angelegt hat)."""
    if not ziel.exists():
        return
    inhalt = [p for p in ziel.iterdir() if p.name != POOL_ORDNER]
    if inhalt and not (ziel / MARKE).is_file():
        raise SystemExit(
            f"{ziel} ist nicht leer und wurde nicht von diesem Skript angelegt; "
            "bitte einen anderen Zielordner wählen."
        )
    for p in inhalt:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()


def beschreibung(ziel: Path) -> dict[str, object] | None:
    """Die Angaben der letzten Erzeugung in ``ziel`` (None, wenn es keine gibt)."""
    try:
        return json.loads((ziel / MARKE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def erzeugen(
    ziel: Path = STANDARD_ZIEL,
    *,
    quartiere: int = ANZAHL_UNTERBEZIRKE,
    gleiche_fotos: bool = False,
    pool: Path | None = None,
    prozesse: int | None = None,
    meldung: bool = True,
) -> dict[str, object]:
    """Erzeugt das Projekt in ``ziel`` und gibt seine Beschreibung zurück."""
    beginn = time.perf_counter()
    prozesse = prozesse or len(os.sched_getaffinity(0))
    ziel = ziel.resolve()
    auswahl = quartiere_waehlen(quartiere)
    _aufraeumen(ziel)
    ziel.mkdir(parents=True, exist_ok=True)
    pool_dateien = fotopool(pool or ziel / POOL_ORDNER, prozesse)
    t_pool = time.perf_counter() - beginn

    daten = ziel / "daten"
    alle_ubs = gliederung()
    zaehlung = bevoelkerung_zaehlen(alle_ubs)
    konfiguration_schreiben(ziel, quartiere)
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    schreibe_quartiere(daten, auswahl)
    schreibe_bevoelkerung(daten, alle_ubs, zaehlung)
    schreibe_sozialdaten(daten, alle_ubs, sozialdaten_berechnen(alle_ubs, zaehlung))
    schreibe_planauszuege(daten, auswahl)
    schreibe_massnahmen(daten, auswahl)
    aufgaben = [
        QuartierAufgabe(str(daten), ub, i, tuple(map(str, pool_dateien)), gleiche_fotos)
        for i, ub in enumerate(auswahl)
    ]
    foto_bytes = 0
    with get_context("fork").Pool(prozesse) as pool_:
        for n in pool_.imap_unordered(_quartier_erzeugen, aufgaben, chunksize=4):
            foto_bytes += n
    fotos = sum(1 for _ in (daten / "begehungen").glob("*/*.jpg"))
    info: dict[str, object] = {
        "version": VERSION,
        "quartiere": quartiere,
        "kuerzel": [ub.kuerzel for ub in auswahl],
        "fotos": fotos,
        "foto_bytes": foto_bytes,
        "gleiche_fotos": gleiche_fotos,
        "sekunden": round(time.perf_counter() - beginn, 1),
        "sekunden_fotopool": round(t_pool, 1),
    }
    (ziel / MARKE).write_text(json.dumps(info, indent=1), encoding="utf-8")
    if meldung:
        print(
            f"{quartiere} Quartiere, {fotos} Fotos ({foto_bytes / 1e9:.2f} GB) in {ziel} "
            f"erzeugt ({info['sekunden']} s, davon Fotovorrat {info['sekunden_fotopool']} s)."
        )
    return info


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Erzeugt ein synthetisches qprofil-Projekt in Großstadtgröße."
    )
    parser.add_argument("--ziel", type=Path, default=STANDARD_ZIEL, help="Projektordner")
    parser.add_argument(
        "--quartiere",
        type=int,
        default=ANZAHL_UNTERBEZIRKE,
        help=f"Anzahl der Quartiere (1–{ANZAHL_UNTERBEZIRKE}, Vorgabe {ANZAHL_UNTERBEZIRKE})",
    )
    parser.add_argument(
        "--gleiche-fotos",
        action="store_true",
        help="harte Links auf den Fotovorrat statt einzelner Kopien (siehe Beschreibung)",
    )
    parser.add_argument("--fotopool", type=Path, default=None, help="Ordner des Fotovorrats")
    parser.add_argument("--prozesse", type=int, default=None, help="parallele Prozesse")
    args = parser.parse_args(argv)
    erzeugen(
        args.ziel,
        quartiere=args.quartiere,
        gleiche_fotos=args.gleiche_fotos,
        pool=args.fotopool,
        prozesse=args.prozesse,
    )


if __name__ == "__main__":
    main()
