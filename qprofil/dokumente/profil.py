"""Document kind „profil“: the Quartiersprofil of one quarter (vorlagen/quartiersprofil.docx)."""

from __future__ import annotations

from typing import Any

from qprofil import zahlen
from qprofil.auswertung.kennzahlen import Fehlend, Kennzahl, demografie, soziale_lage, summe
from qprofil.dokumente.gemeinsam import (
    kennzahlen_kontext,
    massnahmen_kontext,
    projekt_kontext,
    quartier_kontext,
    quellen_kontext,
)
from qprofil.einlesen.eingaben import raeume, stichtage
from qprofil.modell import HANDLUNGSFELDER, Quartiersdaten
from qprofil.projekt import Projekt
from qprofil.word.rendern import Bild, Eigenschaften

FOTO_BREITE_MM = 150
FOTO_HOEHE_MAX_MM = 110  # portrait photos: two fit on a page with their captions
DIAGRAMM_BREITE_MM = 160


def kennzahlen(projekt: Projekt, daten: Quartiersdaten) -> tuple[list[Kennzahl], list[Kennzahl]]:
    """Demographic and social indicators of a quarter, as configured."""
    k = projekt.konfig.kennzahlen
    tage = stichtage(projekt, daten.statistik)
    r = raeume(daten, tage)
    demo = demografie(
        r,
        altenquotient_definition=k.altenquotient,
        hochaltrige_nenner_ab=k.hochaltrigenquote_nenner_ab,
        offene_mitte=k.offene_altersgruppe_mitte,
        geheim_unter=k.geheimhaltung_unter,
    )
    return demo, soziale_lage(r, geheim_unter=k.geheimhaltung_unter)


def kontext(projekt: Projekt, daten: Quartiersdaten) -> tuple[dict[str, Any], Eigenschaften]:
    """The template context of a profile and its document properties."""
    from qprofil.ausgabe import cache as zwischenspeicher
    from qprofil.bilder import diagramme as charts
    from qprofil.bilder import fotos

    q = daten.quartier
    tage = stichtage(projekt, daten.statistik)
    r = raeume(daten, tage)
    demo, sozial = kennzahlen(projekt, daten)
    demo_zeilen, anmerkungen = kennzahlen_kontext(demo)
    sozial_zeilen, sozial_anmerkungen = kennzahlen_kontext(sozial, start_nr=len(demo) + 1)
    stadt = projekt.konfig.projekt.stadt

    diagramme = projekt.cache / "diagramme"
    alters = zwischenspeicher.diagramm(
        diagramme,
        "altersstruktur",
        repr((r.quartier, r.stadt, q.name, stadt)).encode(),
        lambda: charts.altersstruktur(r.quartier, r.stadt, quartier_name=q.name, stadt_name=stadt),
    )
    anteil_werte = [
        (
            k.name.replace(" (Hochbetagte)", ""),
            _zahl(k.quartier),
            _zahl(k.stadtbezirk),
            _zahl(k.stadt),
        )
        for k in demo
        if k.schluessel in ("anteil_u18", "anteil_65", "anteil_80")
    ]
    namen = (q.name, f"Stadtbezirk {q.stadtbezirk}", stadt)
    anteile = zwischenspeicher.diagramm(
        diagramme,
        "anteile",
        repr((anteil_werte, namen)).encode(),
        lambda: charts.anteile(anteil_werte, namen=namen),
    )

    cache = projekt.cache / "fotos"
    # Landscape photos are the widest: FOTO_BREITE_MM is the longest side any photo is shown at.
    ziel_px = fotos.pixel_fuer(FOTO_BREITE_MM, projekt.konfig.ausgabe.foto_ppi)
    foto_liste = []
    for nr, f in enumerate(daten.fotos, start=1):
        bild = fotos.bild_vorbereiten(
            f.datei, cache, ziel_px=ziel_px, anzeige=projekt.relativ(f.datei)
        )
        breite, hoehe = fotos.bildgroesse(bild)
        breite_mm = min(FOTO_BREITE_MM, FOTO_HOEHE_MAX_MM * breite / hoehe)
        foto_liste.append(
            {
                "bild": Bild(bild, breite_mm, f"Foto {nr}: {f.bildunterschrift}"),
                "nr": str(nr),
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
                        "barrierefrei": {True: "ja", False: "nein", None: "teilweise/unbekannt"}[
                            i.barrierefrei
                        ],
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
            f"Quelle: kleinräumige Bevölkerungsstatistik der Stadt {stadt}, Stichtag "
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
        },
        "handlungsfelder": handlungsfelder,
        "befragung": {
            "seniorenbuero": b.seniorenbuero if b else "",
            "ausgefuellt_von": b.ausgefuellt_von if b else "",
            "datum": zahlen.datum(b.datum) if b else "",
            "datei": projekt.relativ(b.datei) if b else "",
        },
        "fotos": foto_liste,
        "begehung": {"datum": ", ".join(zahlen.datum(d) for d in daten_begehung)},
        "massnahmen": massnahmen,
        "massnahmen_summe": massnahmen_summe,
        "quellen": quellen_kontext(projekt, daten, tage),
        **geo_kontext(projekt, daten, summe(r.quartier, 65, None)),
    }
    eigenschaften = Eigenschaften(
        titel=f"Quartiersprofil {q.name}",
        thema=f"{projekt.konfig.projekt.titel} – Stadtbezirk {q.stadtbezirk}",
        autor=projekt.konfig.projekt.herausgeber,
        datum=projekt.konfig.projekt.stand,
        stichworte=f"Quartiersprofil; {q.name}; {q.stadtbezirk}; altersgerechte Quartiersentwicklung",
    )
    return kontext, eigenschaften


def _zahl(wert: float | Fehlend) -> float | None:
    return None if isinstance(wert, Fehlend) else wert


def geo_kontext(
    projekt: Projekt, daten: Quartiersdaten, einwohner_65: int | None
) -> dict[str, Any]:
    """``karte``, ``infrastruktur`` and ``erreichbarkeit``: empty where no geodata is configured.

    Counts per 1,000 residents 65+ = points inside the quarter / P(65+) × 1,000 (DOMAIN.md).
    """
    k = projekt.konfig.karte
    if daten.geo is None or k is None:
        return {"karte": None, "infrastruktur": [], "erreichbarkeit": ""}
    from qprofil.ausgabe import cache as zwischenspeicher
    from qprofil.auswertung import raeumlich as geo
    from qprofil.bilder import karten

    g = daten.geo
    anzahl = geo.zaehlen(g.gebiet, g.punkte)
    infrastruktur = [
        {
            "art": art,
            "anzahl": zahlen.zahl(n),
            "je_1000": zahlen.zahl(geo.je_1000(n, einwohner_65), 1)
            if geo.je_1000(n, einwohner_65) is not None
            else "nicht verfügbar",
        }
        for art, n in sorted(anzahl.items())
    ]
    erreichbarkeit = ""
    nahversorger = [p for p in g.punkte if p.art == k.nahversorger] if k.nahversorger else []
    if nahversorger:
        anteil = geo.anteil_im_umkreis(g.gebiet, nahversorger, k.radius_m)
        if anteil is not None:
            erreichbarkeit = (
                f"{zahlen.prozent(anteil)} der Fläche des Quartiers liegen höchstens "
                f"{zahlen.zahl(k.radius_m)} m Luftlinie von {k.nahversorger} entfernt (Näherung über "
                "die Fläche, nicht über die Wohnorte der Älteren)."
            )
    schluessel = b"".join(
        [
            g.gebiet.geometrie.wkb,
            *(n.nr.encode() for n in g.nachbarn),
            repr([(p.art, p.x, p.y) for p in g.punkte]).encode(),
            repr((daten.quartier.name, k.quelle, k.radius_m, k.nahversorger)).encode(),
        ]
    )
    bild = zwischenspeicher.diagramm(
        projekt.cache / "karten",
        "karte",
        schluessel,
        lambda: karten.karte(
            g.gebiet,
            g.nachbarn,
            g.punkte,
            titel=f"Quartier {daten.quartier.name} mit Umgebung",
            quelle_grenzen=k.quelle,
            radius_m=k.radius_m,
            nahversorger_art=k.nahversorger or None,
        ),
    )
    return {
        "karte": {
            "bild": Bild(bild.png, DIAGRAMM_BREITE_MM, bild.alt),
            "titel": bild.titel,
            "quelle": f"Kartengrundlage: {k.quelle}; Einrichtungen: © OpenStreetMap-Mitwirkende (ODbL).",
        },
        "infrastruktur": infrastruktur,
        "erreichbarkeit": erreichbarkeit
        or f"Der Kreis auf der Karte zeigt {zahlen.zahl(k.radius_m)} m um die Mitte des Quartiers.",
    }
