"""Document kind „profil“: the Quartiersprofil of one quarter (vorlagen/quartiersprofil.docx)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qprofil import zahlen
from qprofil.auswertung.quartier import Quartierswerte
from qprofil.bilder.vorbereiten import Bilder
from qprofil.dokumente.art import Auftrag, Bild, Dokumentart, Eigenschaften, Grundlage, Kontext
from qprofil.dokumente.gemeinsam import (
    Angaben,
    kennzahlen_kontext,
    massnahmen_kontext,
    projekt_kontext,
    quartier_kontext,
    quellen_kontext,
    statistik_quelle,
)
from qprofil.modell import HANDLUNGSFELDER, Einrichtung
from qprofil.projekt import Projekt

# The photo table of the Quartiersbegehung (vorlagen: photo column 100 mm) holds three rows on
# an A4 page (247 mm between the margins, less the header row): landscape 4:3 at 95 mm is 71 mm
# high, portrait at most 71 mm. Two photos one above the other (101 mm each) left up to half a
# page blank before the series when the first did not fit under the section's opening lines.
FOTO_BREITE_MM = 95
FOTO_HOEHE_MAX_MM = 71
DIAGRAMM_BREITE_MM = 160


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The template context of a profile and its document properties."""
    (g,) = grundlagen
    daten, werte, bilder = g.daten, g.werte, g.bilder
    q = daten.quartier
    tage = werte.tage
    demo, sozial = werte.demografie, werte.soziale_lage
    demo_zeilen, anmerkungen = kennzahlen_kontext(demo)
    sozial_zeilen, sozial_anmerkungen = kennzahlen_kontext(sozial, start_nr=len(demo) + 1)
    alters, anteile = bilder.altersstruktur, bilder.anteile
    assert alters is not None and anteile is not None

    foto_liste = []
    for v in bilder.fotos:
        f = v.foto
        breite_mm = min(FOTO_BREITE_MM, FOTO_HOEHE_MAX_MM * v.breite_px / v.hoehe_px)
        foto_liste.append(
            {
                "bild": Bild(v.bild, breite_mm, f"Foto {v.nr}: {f.bildunterschrift}"),
                "nr": str(v.nr),
                "bildunterschrift": f.bildunterschrift,
                "ort": f.ort,
                "datum": zahlen.datum(f.datum),
                "handlungsfeld": str(f.handlungsfeld or ""),
                "bemerkung": f.bemerkung,
            }
        )

    massnahmen, massnahmen_summe = massnahmen_kontext(daten.massnahmen)
    b = daten.befragung
    handlungsfelder = []
    for nr, name in HANDLUNGSFELDER.items():
        e = b.einschaetzung(nr) if b else None
        handlungsfelder.append(
            {
                "nr": str(nr),
                "name": name,
                "inventar": [
                    {
                        "einrichtung": i.einrichtung,
                        "art": i.art,
                        "lage": i.lage,
                        "anzahl": zahlen.zahl(i.anzahl),
                        "barrierefrei": barrierefrei_text(i),
                        "bemerkung": i.bemerkung,
                    }
                    for i in (b.inventar if b else ())
                    if i.handlungsfeld == nr
                ],
                "staerken": list(e.staerken) if e else [],
                "defizite": list(e.defizite) if e else [],
                "anmerkungen": list(e.anmerkungen) if e else [],
                "planauszuege": [
                    {
                        "plan": p.plan,
                        "fundstelle": p.fundstelle,
                        "datum": zahlen.datum(p.datum),
                        "text": p.text,
                    }
                    for p in daten.planauszuege
                    if p.handlungsfeld == nr
                ],
                "fotos_anzahl": str(sum(1 for f in daten.fotos if f.handlungsfeld == nr)),
                "fotos": fotos_verweis(
                    [n for n, f in enumerate(daten.fotos, start=1) if f.handlungsfeld == nr]
                ),
            }
        )
    daten_begehung = sorted({f.datum for f in daten.fotos if f.datum})
    kontext = {
        **projekt_kontext(projekt, tage),
        "quartier": quartier_kontext(q),
        "demografie": demo_zeilen,
        "soziale_lage": sozial_zeilen,
        "anmerkungen": anmerkungen + sozial_anmerkungen,
        "quelle_statistik": (
            f"Quelle: {statistik_quelle(projekt)}, Stichtag "
            f"{zahlen.datum(tage.aktuell)}"
            + (f" (Entwicklung gegenüber {zahlen.datum(tage.vorher)})" if tage.vorher else "")
            + "; eigene Berechnungen. „.“ = geheim gehalten, „nicht verfügbar“ = aus den "
            "Quelldaten nicht berechenbar."
        ),
        "diagramme": {
            "altersstruktur": Bild(alters.png, DIAGRAMM_BREITE_MM, alters.alt),
            "altersstruktur_titel": alters.titel,
            "anteile": Bild(anteile.png, DIAGRAMM_BREITE_MM, anteile.alt),
            "anteile_titel": anteile.titel,
            "zeitreihe": (
                Bild(bilder.zeitreihe.png, DIAGRAMM_BREITE_MM, bilder.zeitreihe.alt)
                if bilder.zeitreihe is not None
                else None
            ),
            "zeitreihe_titel": bilder.zeitreihe.titel if bilder.zeitreihe is not None else "",
        },
        "handlungsfelder": handlungsfelder,
        # False in {% if befragung %} when the quarter has no survey: the template then says so
        # instead of citing a survey that does not exist.
        "befragung": Angaben(
            seniorenbuero=b.seniorenbuero if b else "",
            ausgefuellt_von=b.ausgefuellt_von if b else "",
            datum=zahlen.datum(b.datum) if b else "",
            datei=projekt.relativ(b.datei) if b else "",
        ),
        "fotos": foto_liste,
        "begehung": {"datum": ", ".join(zahlen.datum(d) for d in daten_begehung)},
        "massnahmen": massnahmen,
        "massnahmen_summe": massnahmen_summe,
        "quellen": quellen_kontext(projekt, daten, tage),
        **geo_kontext(projekt, werte, bilder),
    }
    eigenschaften = Eigenschaften(
        titel=f"Quartiersprofil {q.name}",
        thema=f"{projekt.konfig.projekt.titel} – {projekt.konfig.bezeichnungen.stadtbezirk} "
        f"{q.stadtbezirk}",
        autor=projekt.konfig.projekt.herausgeber,
        datum=projekt.konfig.projekt.stand,
        stichworte=f"Quartiersprofil; {q.name}; {q.stadtbezirk}; altersgerechte Quartiersentwicklung",
    )
    return kontext, eigenschaften


def fotos_verweis(nummern: Sequence[int]) -> str:
    """Photo numbers as a reference: „Foto 7“, „Fotos 7–9“, „Fotos 2, 5 und 7–9“; "" for none.

    The numbers are those of the captions in the photo series (position in the photo list).
    """
    if not nummern:
        return ""
    teile: list[str] = []
    folge = sorted(set(nummern))
    anfang = ende = folge[0]
    for n in [*folge[1:], None]:
        if n is not None and n == ende + 1:
            ende = n
            continue
        if ende == anfang:
            teile.append(str(anfang))
        elif ende == anfang + 1:
            teile += [str(anfang), str(ende)]
        else:
            teile.append(f"{anfang}–{ende}")
        if n is not None:
            anfang = ende = n
    wort = "Foto" if len(folge) == 1 else "Fotos"
    if len(teile) == 1:
        return f"{wort} {teile[0]}"
    return f"{wort} {', '.join(teile[:-1])} und {teile[-1]}"


def barrierefrei_text(e: Einrichtung) -> str:
    """The accessibility answer as printed: ja / nein / teilweise / unbekannt; „–“ for Anzahl 0.

    A facility that does not exist in the quarter (Anzahl 0) has no accessibility to state.
    """
    return "–" if e.anzahl == 0 else e.barrierefrei


def geo_kontext(projekt: Projekt, werte: Quartierswerte, bilder: Bilder) -> dict[str, Any]:
    """``karte``, ``infrastruktur`` and ``erreichbarkeit``: empty where no geodata is configured.

    Counts per 1,000 residents 65+ = points inside the quarter / P(65+) × 1,000 (DOMAIN.md),
    computed in ``qprofil.auswertung.quartier``.
    """
    k = projekt.konfig.karte
    if bilder.karte is None or k is None:
        return {"karte": None, "infrastruktur": [], "erreichbarkeit": ""}
    infrastruktur = [
        {
            "art": e.art,
            "anzahl": zahlen.zahl(e.anzahl),
            "je_1000": zahlen.zahl(e.je_1000, 1) if e.je_1000 is not None else "nicht verfügbar",
        }
        for e in werte.einrichtungen
    ]
    erreichbarkeit = ""
    if werte.nahversorgung_anteil is not None:
        erreichbarkeit = (
            f"{zahlen.prozent(werte.nahversorgung_anteil)} der Fläche des Quartiers liegen höchstens "
            f"{zahlen.zahl(k.radius_m)} m Luftlinie von {k.nahversorger} entfernt (Näherung über "
            "die Fläche, nicht über die Wohnorte der Älteren)."
        )
    return {
        "karte": {
            "bild": Bild(bilder.karte.png, DIAGRAMM_BREITE_MM, bilder.karte.alt),
            "titel": bilder.karte.titel,
            "quelle": f"Kartengrundlage: {k.quelle}; Einrichtungen: © OpenStreetMap-Mitwirkende (ODbL).",
        },
        "infrastruktur": infrastruktur,
        "erreichbarkeit": erreichbarkeit
        or f"Der Kreis auf der Karte zeigt {zahlen.zahl(k.radius_m)} m um die Mitte des Quartiers.",
    }


ART = Dokumentart(
    name="profil",
    vorlage="quartiersprofil.docx",
    dateiname="quartiersprofil_{kuerzel}.docx",
    kontext=kontext,
    bilder=frozenset({"diagramme", "karte", "fotos"}),
)
