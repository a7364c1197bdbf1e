"""Render the Word templates with made-up sample data and check the result.

The sample contexts follow ``vorlagen/PLATZHALTER.md`` (sections "Quartiersprofil" and
"Gremienvorlage"). Rendering uses the same settings as qprofil: a sandboxed Jinja environment with
``StrictUndefined`` and ``autoescape=True``. The script reports every placeholder of a sample
context that its template never reads, and checks the rendered XML (leftover tags, broken image
links, skipped heading levels, tables without a repeating header row).

Usage::

    python scripts/vorlagen_probe.py AUSGABEORDNER [--vorlage PFAD] [--gremienvorlage PFAD]
                                     [--nur quartiersprofil|gremienvorlage] [--pdf]

Everything is written into AUSGABEORDNER (sample images, the rendered documents
``probe_voll/leer.docx`` for the profile and ``gremien_voll/leer.docx`` for the committee draft,
with ``--pdf`` also the PDFs made by LibreOffice).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from PIL import Image, ImageDraw

WURZEL = Path(__file__).resolve().parent.parent
VORLAGE = WURZEL / "vorlagen" / "quartiersprofil.docx"
GREMIENVORLAGE = WURZEL / "vorlagen" / "gremienvorlage.docx"

HANDLUNGSFELDER = {
    1: "Wohnen, Wohnumfeld, Nahversorgung, Nahmobilität, Sicherheit, Sauberkeit",
    2: "Gesundheit und Pflege",
    3: (
        "Soziale Netze, Nachbarschaft, bürgerschaftliches Engagement, Beratung, "
        "Altersarmut und soziale Armut"
    ),
}


# --------------------------------------------------------------------------- sample images


def diagramm_altersstruktur(ziel: Path) -> Path:
    """Horizontal bars: share of each age band, quarter against city."""
    baender = ["0–17", "18–29", "30–44", "45–59", "60–64", "65–79", "80+"]
    quartier = [14.2, 11.0, 16.5, 23.1, 7.9, 18.6, 8.7]
    stadt = [16.1, 15.3, 19.2, 21.7, 6.4, 15.1, 6.2]
    fig, ax = plt.subplots(figsize=(6.3, 3.2), dpi=150)
    y = range(len(baender))
    ax.barh([i + 0.2 for i in y], quartier, height=0.4, color="#1F4E79", label="Quartier")
    ax.barh([i - 0.2 for i in y], stadt, height=0.4, color="#A6A6A6", label="Stadt")
    ax.set_yticks(list(y), baender)
    ax.set_xlabel("Anteil an allen Einwohnern in %")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(ziel)
    plt.close(fig)
    return ziel


def diagramm_anteile(ziel: Path) -> Path:
    """Grouped bars: some shares for quarter, district and city."""
    namen = ["65+", "80+", "allein lebend 65+", "Grundsicherung 65+"]
    werte = {
        "Quartier": [27.3, 8.7, 31.0, 4.1],
        "Stadtbezirk": [24.0, 7.1, 29.4, 3.2],
        "Stadt": [21.3, 6.2, 33.5, 5.9],
    }
    farben = ["#1F4E79", "#6F9BC7", "#BFBFBF"]
    fig, ax = plt.subplots(figsize=(6.3, 3.0), dpi=150)
    for i, (name, reihe) in enumerate(werte.items()):
        ax.bar(
            [x + (i - 1) * 0.27 for x in range(len(namen))],
            reihe,
            0.27,
            label=name,
            color=farben[i],
        )
    ax.set_xticks(range(len(namen)), namen)
    ax.set_ylabel("%")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(ziel)
    plt.close(fig)
    return ziel


def foto(ziel: Path, farbe: tuple[int, int, int], hoch: bool = False) -> Path:
    """A synthetic 'photo' (gradient with a few shapes) as JPEG."""
    groesse = (900, 1200) if hoch else (1200, 800)
    bild = Image.new("RGB", groesse, farbe)
    zeichnung = ImageDraw.Draw(bild)
    for y in range(groesse[1]):
        t = y / groesse[1]
        zeichnung.line(
            [(0, y), (groesse[0], y)],
            fill=tuple(int(c * (0.6 + 0.4 * t)) for c in farbe),
        )
    zeichnung.rectangle(
        [groesse[0] * 0.15, groesse[1] * 0.45, groesse[0] * 0.55, groesse[1] * 0.9],
        fill=(180, 170, 160),
    )
    zeichnung.ellipse(
        [groesse[0] * 0.65, groesse[1] * 0.1, groesse[0] * 0.85, groesse[1] * 0.3],
        fill=(250, 230, 120),
    )
    bild.save(ziel, "JPEG", quality=85)
    return ziel


# --------------------------------------------------------------------------- sample context


def kennzahl(name: str, einheit: str, q: str, b: str, s: str, anm: str = "") -> dict[str, str]:
    """One indicator row."""
    return {
        "name": name,
        "einheit": einheit,
        "quartier": q,
        "stadtbezirk": b,
        "stadt": s,
        "anmerkung": anm,
    }


def handlungsfeld(nr: int, voll: bool) -> dict[str, Any]:
    """One Handlungsfeld; ``voll`` False gives empty lists for the fallbacks."""
    if not voll:
        return {
            "nr": nr,
            "name": HANDLUNGSFELDER[nr],
            "inventar": [],
            "staerken": [],
            "defizite": [],
            "anmerkungen": [],
            "planauszuege": [],
            "fotos_anzahl": 0,
            "fotos": "",
        }
    return {
        "nr": nr,
        "name": HANDLUNGSFELDER[nr],
        "inventar": [
            {
                "einrichtung": "Apotheke am Markt",
                "art": "Apotheke",
                "lage": "Ortskern",
                "anzahl": "2",
                "barrierefrei": "ja",
                "bemerkung": "Lieferdienst & Beratung",
            },
            {
                "einrichtung": "Hausarztpraxis Dr. Özdemir",
                "art": "Allgemeinmedizin",
                "lage": "Menglinghauser Straße",
                "anzahl": "1",
                "barrierefrei": "teilweise",
                "bemerkung": "Wartezeit < 2 Wochen",
            },
            {
                "einrichtung": "Begegnungsstätte „Alte Schule“",
                "art": "Treffpunkt",
                "lage": "Am Hohen Wall",
                "anzahl": "1",
                "barrierefrei": "nein",
                "bemerkung": "Zugang nur über Treppe (3 Stufen)",
            },
        ],
        "staerken": [
            "Gute Nahversorgung im Ortskern (Bäcker, Metzger & Discounter).",
            "Aktive Nachbarschaft, z. B. „Menglinghauser Frühstück“.",
        ],
        "defizite": [
            "Gehwege < 1,50 m breit, oft zugeparkt.",
            "Wenig Sitzbänke zwischen Haltestelle und Ortskern.",
        ],
        "anmerkungen": ["Seniorenbüro regt eine Bürgerwerkstatt zum Thema Mobilität an."],
        "planauszuege": [
            {
                "plan": "Masterplan Mobilität 2030",
                "fundstelle": "Kap. 4.2, S. 37",
                "datum": "12.05.2016",
                "text": "Barrierefreie Haltestellen sind bis 2022 in allen Stadtbezirken "
                "vorrangig auszubauen; Ortskerne erhalten Sitzgelegenheiten im Abstand "
                "von höchstens 300 m.",
            },
            {
                "plan": "Integriertes Handlungskonzept Hombruch",
                "fundstelle": "S. 12",
                "datum": "",
                "text": "Die Nahversorgung im Süden des Stadtbezirks ist zu sichern.",
            },
        ],
        "fotos_anzahl": 2,
        "fotos": "Fotos 2 und 5",
    }


def beispiel(vorlage: DocxTemplate, ordner: Path, voll: bool = True) -> dict[str, Any]:
    """The sample context; ``voll`` False empties every list that has a fallback."""
    bilder = ordner / "bilder"
    bilder.mkdir(exist_ok=True)
    alters = diagramm_altersstruktur(bilder / "altersstruktur.png")
    anteile = diagramm_anteile(bilder / "anteile.png")
    fotos = [
        foto(bilder / "foto1.jpg", (90, 140, 200)),
        foto(bilder / "foto2.jpg", (120, 160, 90), hoch=True),
        foto(bilder / "foto3.jpg", (170, 120, 100)),
    ]
    fotodaten = [
        (
            "Schmaler Gehweg an der Menglinghauser Straße",
            "Menglinghauser Straße 12",
            "14.03.2017",
            "1",
            "Gehweg < 1 m, Mülltonnen & Pkw",
        ),
        ("Eingang der Begegnungsstätte „Alte Schule“", "Am Hohen Wall", "14.03.2017", "3", ""),
        ("Apotheke am Markt mit Rampe", "Ortskern", "", "", "Rampe zu steil (ca. 12 %)"),
    ]
    ctx: dict[str, Any] = {
        "projekt": {
            "titel": "Altersgerechte Quartiersentwicklung in Dortmund",
            "stadt": "Dortmund",
            "herausgeber": "Stadt Dortmund, Sozialamt – Fachdienst für Senioren",
            "hinweis": "Fiktive Beispieldaten – nicht für Entscheidungen verwenden" if voll else "",
            "statistik_quelle": "kleinräumige Bevölkerungsstatistik der Stadt Dortmund",
        },
        "bezeichnungen": {
            "stadtbezirk": "Stadtbezirk",
            "unterbezirke": "Statistische Unterbezirke",
        },
        "stand": "31.03.2017",
        "stichtag": "31.12.2016",
        "vergleichsstichtag": "31.12.2011",
        "quartier": {
            "name": "Menglinghausen",
            "kuerzel": "menglinghausen",
            "stadtbezirk": "Hombruch",
            "stadtbezirk_nr": "09",
            "stadtbezirk_code": "09",
            "unterbezirke": "0931, 0932",
            "siedlungstyp": "Reihenhausgebiet",
            "bauepoche": "1960er–1970er Jahre",
            "flaeche": "182,4 ha",
            "motto": "Gemeinsam in Menglinghausen" if voll else "",
            "seniorenbuero": {
                "name": "Seniorenbüro Hombruch",
                "traeger": "Stadt Dortmund & AWO" if voll else "",
                "anschrift": "Harkortstraße 58\n44225 Dortmund",
                "telefon": "0231 50-28450" if voll else "",
                "email": "seniorenbuero.hombruch@example.org",
                "sprechzeiten": "Mo–Do 9–12 Uhr <nach Vereinbarung>" if voll else "",
            },
        },
        "demografie": [
            kennzahl("Einwohner", "Personen", "6.412", "56.327", "600.390"),
            kennzahl("Entwicklung seit 31.12.2011", "%", "-2,1 %", "+0,8 %", "+2,4 %", "1"),
            kennzahl("Durchschnittsalter", "Jahre", "47,9", "45,2", "43,8", "2"),
            kennzahl("Anteil 65 Jahre und älter", "%", "27,3 %", "24,0 %", "21,3 %"),
            kennzahl("Anteil 80 Jahre und älter", "%", "8,7 %", "7,1 %", "6,2 %"),
            kennzahl("Altenquotient", "", "48,2", "41,9", "35,6", "3"),
            kennzahl("Frauenanteil 80+", "%", ".", "64,1 %", "63,2 %"),
        ],
        "soziale_lage": [
            kennzahl("Einpersonenhaushalte", "%", "38,4 %", "41,2 %", "46,9 %", "4"),
            kennzahl("Allein lebende 65+", "%", "31,0 %", "29,4 %", "33,5 %", "4"),
            kennzahl("Grundsicherung im Alter", "%", "nicht verfügbar", "3,2 %", "5,9 %", "5"),
        ],
        "anmerkungen": [
            {"nr": "1", "text": "Veränderung der Einwohnerzahl gegenüber dem Vergleichsstichtag."},
            {
                "nr": "2",
                "text": "Aus Altersgruppen geschätzt (Mitte der Altersgruppe); nur näherungsweise.",
            },
            {
                "nr": "3",
                "text": "Altenquotient: Einwohner ab 65 Jahren je 100 Einwohner von 20 "
                "bis unter 65 Jahren (Definition des Statistischen Bundesamts).",
            },
            {"nr": "4", "text": "Haushalte aus dem Melderegister generiert (Schätzung)."},
            {
                "nr": "5",
                "text": "Empfänger von Grundsicherung im Alter (SGB XII, 4. Kap.) je 100 "
                "Einwohner ab 65 Jahren; Werte < 3 werden geheim gehalten.",
            },
        ],
        "quelle_statistik": "Quelle: Stadt Dortmund, Dortmunder Statistik; Stichtag 31.12.2016 "
        "(fiktive Werte)",
        "diagramme": {
            "altersstruktur": InlineImage(vorlage, str(alters), width=Mm(150)),
            "altersstruktur_titel": "Altersstruktur des Quartiers Menglinghausen im Vergleich "
            "zur Stadt Dortmund (31.12.2016)",
            "anteile": InlineImage(vorlage, str(anteile), width=Mm(150)),
            "anteile_titel": "Ausgewählte Anteile: Quartier – Stadtbezirk – Stadt",
        },
        "handlungsfelder": [
            handlungsfeld(1, voll),
            handlungsfeld(2, voll),
            handlungsfeld(3, False),
        ],
        "befragung": {
            "seniorenbuero": "Seniorenbüro Hombruch",
            "ausgefuellt_von": "Frau Müller & Herr Şahin",
            "datum": "17.02.2017",
            "datei": "daten/befragung/Befragung_Hombruch_2017.xlsx",
        }
        if voll
        else None,
        "begehung": {"datum": "14.03.2017 und 21.03.2017"},
        "fotos": [
            {
                "bild": InlineImage(
                    vorlage,
                    str(datei),
                    width=Mm(120) if i != 1 else None,
                    height=Mm(110) if i == 1 else None,
                ),
                "nr": str(i + 1),
                "bildunterschrift": d[0],
                "ort": d[1],
                "datum": d[2],
                "handlungsfeld": d[3],
                "bemerkung": d[4],
            }
            for i, (datei, d) in enumerate(zip(fotos, fotodaten, strict=True))
        ]
        if voll
        else [],
        "massnahmen": [
            {
                "nr": "M1",
                "handlungsfeld": "1",
                "titel": "Sitzbänke entlang der Hauptachse",
                "beschreibung": "Sechs Bänke zwischen Haltestelle „Am Markt“ und Friedhof.",
                "zustaendig": "Tiefbauamt",
                "prioritaet": "hoch",
                "kosten": "12.500 €",
                "status": "in Planung",
            },
            {
                "nr": "M2",
                "handlungsfeld": "3",
                "titel": "Nachbarschaftstreff & Stadtteilfest",
                "beschreibung": "Monatlicher Treff in der Begegnungsstätte; Fest im Sommer.",
                "zustaendig": "Seniorenbüro Hombruch",
                "prioritaet": "mittel",
                "kosten": "noch offen",
                "status": "Idee",
            },
            {
                "nr": "M3",
                "handlungsfeld": "2",
                "titel": "Rampe an der Apotheke nachrüsten",
                "beschreibung": "Neigung < 6 % gemäß DIN 18040-1.",
                "zustaendig": "Eigentümer, Beratung durch Sozialamt",
                "prioritaet": "mittel",
                "kosten": "35.800 €",
                "status": "offen",
            },
        ]
        if voll
        else [],
        "massnahmen_summe": "48.300 €" if voll else "0 €",
        "quellen": [
            {"text": "Kleinräumige Bevölkerungsstatistik der Stadt Dortmund, Stichtag 31.12.2016."},
            {
                "text": "Schriftliche Befragung der Seniorenbüros, Rückmeldung: Seniorenbüro Hombruch, Stand 17.02.2017."
            },
            {"text": "Masterplan Einzelhandel, Stand 01.06.2013."},
        ],
    }
    return ctx


def beispiel_gremien(voll: bool = True) -> dict[str, Any]:
    """The sample context of a committee draft.

    ``voll``: a Mitteilung on two quarters with every list filled and a data hint; otherwise a
    Beschlussvorlage on one quarter whose optional lists and fields are empty (fallbacks).
    """
    menglinghausen = {
        "name": "Menglinghausen",
        "stadtbezirk": "Hombruch",
        "siedlungstyp": "Reihenhausgebiet",
        "kennzahlen": [
            {
                "name": "Einwohnerinnen und Einwohner",
                "quartier": "6.412",
                "stadtbezirk": "56.327",
                "stadt": "600.390",
            },
            {
                "name": "Anteil 65 Jahre und älter",
                "quartier": "27,3 %",
                "stadtbezirk": "24,0 %",
                "stadt": "21,3 %",
            },
            {
                "name": "Anteil 80 Jahre und älter (Hochbetagte)",
                "quartier": "8,7 %",
                "stadtbezirk": "7,1 %",
                "stadt": "6,2 %",
            },
            {"name": "Altenquotient", "quartier": "48,2", "stadtbezirk": "41,9", "stadt": "35,6"},
            {
                "name": "Grundsicherung im Alter (65+)",
                "quartier": ".",
                "stadtbezirk": "3,2 %",
                "stadt": "5,9 %",
            },
        ],
        "defizite": [
            {
                "handlungsfeld": "1 – " + HANDLUNGSFELDER[1],
                "texte": [
                    "Gehwege < 1,50 m breit, oft zugeparkt.",
                    "Wenig Sitzbänke zwischen Haltestelle & Ortskern.",
                ],
            },
            {
                "handlungsfeld": "2 – " + HANDLUNGSFELDER[2],
                "texte": ["Keine Fachärztin / kein Facharzt im Quartier; nächste Praxis > 3 km."],
            },
        ],
        "massnahmen": [
            {
                "titel": "Sitzbänke entlang der Hauptachse",
                "handlungsfeld": "1",
                "prioritaet": "hoch",
                "kosten": "12.500 €",
                "status": "in Planung",
            },
            {
                "titel": "Nachbarschaftstreff & Stadtteilfest",
                "handlungsfeld": "3",
                "prioritaet": "mittel",
                "kosten": "noch offen",
                "status": "Idee",
            },
            {
                "titel": "Rampe an der Apotheke nachrüsten (Neigung < 6 %)",
                "handlungsfeld": "2",
                "prioritaet": "mittel",
                "kosten": "35.800 €",
                "status": "geplant",
            },
        ],
        "massnahmen_summe": "48.300 € (ohne 1 noch nicht geschätzte Maßnahme)",
    }
    derne = {
        "name": "Derne",
        "stadtbezirk": "Scharnhorst",
        "siedlungstyp": "Gründerzeitliches Ortszentrum mit Blockrandbebauung",
        "kennzahlen": [
            {
                "name": "Einwohnerinnen und Einwohner",
                "quartier": "4.978",
                "stadtbezirk": "45.210",
                "stadt": "600.390",
            },
            {
                "name": "Anteil 65 Jahre und älter",
                "quartier": "24,9 %",
                "stadtbezirk": "22,8 %",
                "stadt": "21,3 %",
            },
            {
                "name": "Anteil 80 Jahre und älter (Hochbetagte)",
                "quartier": "7,4 %",
                "stadtbezirk": "6,5 %",
                "stadt": "6,2 %",
            },
            {"name": "Altenquotient", "quartier": "44,0", "stadtbezirk": "39,5", "stadt": "35,6"},
            {
                "name": "Grundsicherung im Alter (65+)",
                "quartier": "nicht verfügbar",
                "stadtbezirk": "6,1 %",
                "stadt": "5,9 %",
            },
        ],
        "defizite": [
            {
                "handlungsfeld": "3 – " + HANDLUNGSFELDER[3],
                "texte": [
                    "Begegnungsstätte „Alte Zeche“ nur über Treppe erreichbar.",
                    "Beratung zur Grundsicherung kaum bekannt <Rückmeldung von Frau Öztürk>.",
                ],
            }
        ],
        "massnahmen": [
            {
                "titel": "„Derne bewegt sich“ – Bewegungstreff im Park",
                "handlungsfeld": "2",
                "prioritaet": "hoch",
                "kosten": "4.000 €",
                "status": "geplant",
            },
        ],
        "massnahmen_summe": "4.000 €",
    }
    if voll:
        quartiere = [menglinghausen, derne]
        namen = "Menglinghausen und Derne"
        beratungsfolge = [
            ("Bezirksvertretung Hombruch", "12.09.2017"),
            ("Bezirksvertretung Scharnhorst", "14.09.2017"),
            ("Seniorenbeirat", "21.09.2017"),
            ("Ausschuss für Soziales, Arbeit und Gesundheit", "26.09.2017"),
            ("Rat der Stadt", "noch offen"),
        ]
        rollen = ["Kenntnisnahme"] * len(beratungsfolge)
        beschluss = [
            f"{'Die' if g.startswith('Bezirks') else 'Der'} {g} nimmt die Quartiersprofile "
            f"{namen} als erste Berichterstattung zur altersgerechten Quartiersentwicklung zur "
            "Kenntnis."
            for g, _ in beratungsfolge
        ]
    else:
        leer = dict(derne, defizite=[], massnahmen=[], massnahmen_summe="0 €")
        quartiere = [leer]
        namen = "Derne"
        beratungsfolge = [("Bezirksvertretung Scharnhorst", "noch offen"), ("Rat der Stadt", "")]
        rollen = ["Empfehlung", "Entscheidung"]
        beschluss = ["Der Rat der Stadt beschließt die Maßnahmen in Derne."]
    return {
        "projekt": {
            "titel": "Altersgerechte Quartiersentwicklung in Dortmund",
            "stadt": "Dortmund",
            "herausgeber": "Stadt Dortmund, Sozialamt – Fachdienst für Senioren",
            "hinweis": "Fiktive Beispieldaten – nicht für Entscheidungen verwenden" if voll else "",
            "statistik_quelle": "kleinräumige Bevölkerungsstatistik der Stadt Dortmund",
        },
        "bezeichnungen": {
            "stadtbezirk": "Stadtbezirk",
            "unterbezirke": "Statistische Unterbezirke",
        },
        "stand": "31.03.2017",
        "stichtag": "31.12.2016",
        "vorlage": {
            "art": "Mitteilung zur Kenntnisnahme" if voll else "Beschlussvorlage",
            "drucksachen_nr": "wird vom Ratsbüro vergeben" if voll else "08123-17",
            "betreff": f"Altersgerechte Quartiersentwicklung: Quartiersprofile {namen} – erste "
            "Berichterstattung & Ausblick <Entwurf>",
            "oeffentlich": "öffentlich" if voll else "nichtöffentlich",
            "datum": "05.09.2017",
            "amt": "Sozialamt – Fachdienst für Senioren",
            "bearbeitung": "Frau Müller & Herr Şahin" if voll else "",
            "telefon": "0231 50-28450" if voll else "",
        },
        "beratungsfolge": [
            {"nr": str(i), "gremium": g, "sitzung": sitzung, "rolle": rolle}
            for i, ((g, sitzung), rolle) in enumerate(zip(beratungsfolge, rollen, strict=True), 1)
        ],
        "beschlussvorschlag": beschluss,
        "sachverhalt": {
            "einleitung": [
                "Der Rat der Stadt Dortmund hat im Dezember 2015 beschlossen, eine "
                "gesamtstädtische Strategie für altersgerechte Quartiere zu entwickeln "
                "(Bundesprogramm „Demografiewerkstatt Kommunen“). Eine ressortübergreifende "
                "Lenkungsgruppe hat dafür vier Referenzquartiere ausgewählt.",
                "Für jedes Referenzquartier wurde ein Quartiersprofil erstellt: kleinräumige "
                "Statistik, Befragung der Seniorenbüros, Auszüge aus Masterplänen & "
                "Quartiersbegehungen. Diese Vorlage berichtet über " + namen + ".",
            ],
            "stichtag": "31.12.2016",
            "quartiere": quartiere,
        },
        "finanzen": {
            "etat_beruehrt": "nein" if voll else "ja",
            "summe": "52.300 € (ohne 1 noch nicht geschätzte Maßnahme)" if voll else "0 €",
            "text": [
                "Die Kenntnisnahme hat keine finanziellen Auswirkungen.",
                "Die vorgeschlagenen Maßnahmen werden bei Bedarf gesondert zur Entscheidung "
                "vorgelegt; Folgekosten < 5.000 € jährlich.",
            ],
        },
        "aeltere_menschen": [
            "Die Vorlage betrifft unmittelbar ältere Menschen: Ziel ist, dass sie so lange wie "
            "möglich selbstbestimmt in ihrem Quartier leben können.",
            "In Menglinghausen sind 27,3 % der Einwohnerinnen und Einwohner 65 Jahre und älter "
            "(Dortmund: 21,3 %).",
        ],
        "anlagen": [
            {"nr": "1", "name": "quartiersprofil_menglinghausen.docx"},
            {"nr": "2", "name": "quartiersprofil_derne.docx"},
        ]
        if voll
        else [],
    }


# --------------------------------------------------------------------------- tracking reads


class Spur(Mapping[str, Any]):
    """A read-only view of a dict that records which keys the template reads."""

    def __init__(self, daten: Mapping[str, Any], pfad: str, gelesen: set[str]) -> None:
        self._daten = daten
        self._pfad = pfad
        self._gelesen = gelesen

    def __getitem__(self, key: str) -> Any:
        wert = self._daten[key]
        pfad = f"{self._pfad}.{key}"
        self._gelesen.add(pfad)
        return verpacke(wert, pfad, self._gelesen)

    def __iter__(self) -> Iterator[str]:
        return iter(self._daten)

    def __len__(self) -> int:
        return len(self._daten)


def verpacke(wert: Any, pfad: str, gelesen: set[str]) -> Any:
    """Wrap dicts (and dicts in lists) so that reads are recorded."""
    if isinstance(wert, Mapping):
        return Spur(wert, pfad, gelesen)
    if isinstance(wert, list):
        return [verpacke(x, pfad + "[]", gelesen) for x in wert]
    return wert


def blaetter(wert: Any, pfad: str) -> Iterator[str]:
    """All placeholder paths of a sample value, in the notation of ``Spur``."""
    if isinstance(wert, Mapping):
        for key, unter in wert.items():
            yield from blaetter(unter, f"{pfad}.{key}")
    elif isinstance(wert, list) and wert and isinstance(wert[0], Mapping):
        for x in wert:
            yield from blaetter(x, pfad + "[]")
    else:
        yield pfad


# --------------------------------------------------------------------------- checks


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def gliederungsebenen(stile: etree._Element) -> dict[str, int]:
    """Outline level (1 = top) of every paragraph style that has one, inherited via basedOn."""
    eigen: dict[str, tuple[str | None, int | None]] = {}
    for stil in stile.iter(W + "style"):
        basis = stil.find(W + "basedOn")
        ebene = stil.find(f"{W}pPr/{W}outlineLvl")
        eigen[stil.get(W + "styleId", "")] = (
            None if basis is None else basis.get(W + "val"),
            None if ebene is None else int(ebene.get(W + "val", "9")),
        )

    def ebene_von(kennung: str | None, tiefe: int = 0) -> int | None:
        if kennung is None or kennung not in eigen or tiefe > 20:
            return None
        basis, ebene = eigen[kennung]
        return ebene if ebene is not None else ebene_von(basis, tiefe + 1)

    ebenen = {k: ebene_von(k) for k in eigen}
    return {k: e + 1 for k, e in ebenen.items() if e is not None and e < 9}


def pruefe_gliederung(dokument: etree._Element, stile: etree._Element) -> list[str]:
    """Headings in order (no skipped level) and data tables with a repeating header row."""
    probleme: list[str] = []
    ebenen = gliederungsebenen(stile)
    vorher = 0
    for stil in dokument.iter(W + "pStyle"):
        ebene = ebenen.get(stil.get(W + "val", ""))
        if ebene is None:
            continue
        if ebene > vorher + 1:
            probleme.append(f"Überschriftenebene {ebene} folgt auf Ebene {vorher}")
        vorher = ebene
    for tabelle in dokument.iter(W + "tbl"):
        if tabelle.find(f"{W}tblPr/{W}tblStyle") is None:
            continue  # layout table (letterhead): no data, no header row
        erste = tabelle.find(W + "tr")
        if erste is None or erste.find(f"{W}trPr/{W}tblHeader") is None:
            probleme.append("Tabelle ohne wiederholte Kopfzeile (w:tblHeader)")
    return probleme


def pruefe(docx: Path) -> list[str]:
    """Structural checks of a rendered document; returns the problems found."""
    probleme: list[str] = []
    with zipfile.ZipFile(docx) as z:
        namen = set(z.namelist())
        for name in sorted(namen):
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            xml = z.read(name)
            baum = etree.fromstring(xml)  # strict parse: malformed XML raises
            if name == "word/document.xml":
                stile = etree.fromstring(z.read("word/styles.xml"))
                probleme += [f"{name}: {p}" for p in pruefe_gliederung(baum, stile)]
            text = "".join(baum.itertext())
            if re.search(r"\{\{|\{%|%\}|\}\}", text):
                probleme.append(f"{name}: Platzhalter nicht ersetzt")
            for t in baum.iter(W + "t"):
                if len(t):
                    probleme.append(f"{name}: Element innerhalb von w:t")
            rels_name = name.replace("word/", "word/_rels/") + ".rels"
            if rels_name in namen:
                rels = etree.fromstring(z.read(rels_name))
                ids = {r.get("Id"): r.get("Target") for r in rels}
                for blip in baum.iter():
                    rid = blip.get(R_EMBED)
                    if rid is None:
                        continue
                    ziel = ids.get(rid)
                    if ziel is None or "word/" + ziel not in namen:
                        probleme.append(f"{name}: Bildverweis {rid} ohne Bilddatei")
    return probleme


def render(
    vorlage_pfad: Path, ziel: Path, kontext: Callable[[DocxTemplate], dict[str, Any]]
) -> tuple[Path, set[str]]:
    """Render one variant; return the output and the unread placeholders."""
    vorlage = DocxTemplate(vorlage_pfad)
    ctx = kontext(vorlage)
    gelesen: set[str] = set()
    umgebung = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    oben = vorlage.get_undeclared_template_variables(umgebung)
    verpackt = {k: verpacke(v, k, gelesen) for k, v in ctx.items()}
    vorlage.render(verpackt, umgebung, autoescape=True)
    vorlage.save(ziel)
    erwartet = {p for k, v in ctx.items() for p in blaetter(v, k)}
    gelesen |= {k for k in oben if k in ctx}
    ungelesen = {
        p for p in erwartet if p not in gelesen and not any(g.startswith(p + ".") for g in gelesen)
    }
    unbekannt = oben - set(ctx)
    if unbekannt:
        raise SystemExit(f"Vorlage verwendet unbekannte Namen: {sorted(unbekannt)}")
    return ziel, ungelesen


def pdf(dateien: list[Path], ordner: Path) -> None:
    """Convert with LibreOffice (own profile, so parallel runs do not collide)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice nicht gefunden – keine PDFs.")
        return
    profil = (ordner / "lo-profil").resolve().as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profil}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(ordner),
            *map(str, dateien),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    for datei in dateien:
        ergebnis = datei.with_suffix(".pdf")
        if not ergebnis.exists():
            raise SystemExit(f"LibreOffice hat kein PDF geschrieben: {ergebnis}")
        print(f"PDF: {ergebnis}")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ordner", type=Path, help="Ausgabeordner (wird angelegt)")
    parser.add_argument("--vorlage", type=Path, default=VORLAGE, help="Quartiersprofil-Vorlage")
    parser.add_argument("--gremienvorlage", type=Path, default=GREMIENVORLAGE)
    parser.add_argument(
        "--nur", choices=["quartiersprofil", "gremienvorlage"], help="nur diese Vorlage prüfen"
    )
    parser.add_argument("--pdf", action="store_true", help="zusätzlich PDFs mit LibreOffice")
    args = parser.parse_args(argv)
    args.ordner.mkdir(parents=True, exist_ok=True)
    ordner: Path = args.ordner

    laeufe: list[tuple[Path, Path, bool, Callable[[DocxTemplate], dict[str, Any]]]] = []
    for voll, variante in ((True, "voll"), (False, "leer")):
        if args.nur != "gremienvorlage":
            laeufe.append(
                (
                    args.vorlage,
                    ordner / f"probe_{variante}.docx",
                    voll,
                    lambda v, voll=voll: beispiel(v, ordner, voll),
                )
            )
        if args.nur != "quartiersprofil":
            laeufe.append(
                (
                    args.gremienvorlage,
                    ordner / f"gremien_{variante}.docx",
                    voll,
                    lambda _, voll=voll: beispiel_gremien(voll),
                )
            )

    fehler = 0
    ausgaben = []
    for vorlage, ziel, voll, kontext in laeufe:
        ziel, ungelesen = render(vorlage, ziel, kontext)
        ausgaben.append(ziel)
        print(f"gerendert: {ziel}")
        if voll and ungelesen:
            print("  nicht verwendete Platzhalter: " + ", ".join(sorted(ungelesen)))
        for problem in pruefe(ziel):
            print("  FEHLER: " + problem)
            fehler += 1
    if args.pdf:
        pdf(ausgaben, args.ordner)
    return 1 if fehler else 0


if __name__ == "__main__":
    sys.exit(main())
