"""Document kind „webseite“: the Quartiersprofil as an accessible web page (vorlagen/webseite/).

The content is the profile's: this kind takes the context of ``qprofil.dokumente.profil`` as it
is and only swaps its Word images for web files – the charts and the map as SVG, each with its
text alternative and its values as a data table next to it, and the photos in several widths
for ``srcset``. ``zusaetze`` hands those image files to the pipeline, which writes them beside
the page; page, CMS fragment, index and style sheet are written by ``qprofil.ablauf``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qprofil import zahlen
from qprofil.auswertung.kennzahlen import Fehlend
from qprofil.auswertung.quartier import Quartierswerte
from qprofil.bilder import uebersicht
from qprofil.bilder.diagramme import Diagramm, breite
from qprofil.bilder.vorbereiten import VorbereitetesFoto
from qprofil.dokumente import profil
from qprofil.dokumente.art import (
    Auftrag,
    Dokumentart,
    Eigenschaften,
    Grundlage,
    Kontext,
    Zusatzdatei,
)
from qprofil.dokumente.gemeinsam import projekt_kontext, wert_text
from qprofil.einlesen.eingaben import Eingabedaten, quartiersdaten
from qprofil.einlesen.tabelle import Leser
from qprofil.fehler import Befunde, Ort, VorlagenFehler
from qprofil.modell import Quartier, Quartiersdaten
from qprofil.projekt import Projekt

#: The templates in vorlagen/webseite/: whole page, CMS fragment, index, style sheet.
ORDNER = "webseite"
SEITE = "quartier.html"
FRAGMENT = "quartier_inhalt.html"
INDEX = "index.html"
STIL = "qprofil.css"


def seitenname(kuerzel: str) -> str:
    """File name of a quarter's page (relative to berichte/web/)."""
    return f"{kuerzel}.html"


def fragmentname(kuerzel: str) -> str:
    """File name of a quarter's content without <html>/<head>, for the city's CMS."""
    return f"{kuerzel}-inhalt.html"


def _diagrammname(kuerzel: str, art: str) -> str:
    return f"{kuerzel}-{art}.svg"


def _fotoname(kuerzel: str, v: VorbereitetesFoto) -> str:
    return f"{kuerzel}-foto-{v.nr}-{v.breite_px}.jpg"


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The profile's context, with the images as web files and the charts' data tables."""
    basis, eigenschaften = profil.kontext(projekt, grundlagen, auftrag)
    (g,) = grundlagen
    k = g.daten.quartier.kuerzel
    b = g.bilder
    q = g.daten.quartier
    stadt = projekt.konfig.projekt.stadt
    diagramme = []
    for art, d, tabelle in (
        ("altersstruktur", b.altersstruktur, _tabelle_alters(g.werte, q.name, stadt)),
        (
            "anteile",
            b.anteile,
            _tabelle_anteile(
                g.werte,
                q.name,
                f"{projekt.konfig.bezeichnungen.stadtbezirk} {q.stadtbezirk}",
                stadt,
            ),
        ),
        ("zeitreihe", b.zeitreihe, _tabelle_zeitreihe(g.werte, q.name)),
    ):
        if d is not None:
            diagramme.append(_diagramm(k, art, d, tabelle))
    karte = None
    if basis["karte"] is not None and b.karte is not None:
        karte = {**_diagramm(k, "karte", b.karte, None), "quelle": basis["karte"]["quelle"]}
    fotos = []
    # Without "webfotos" (``qprofil check``, which only checks the templates) each photo is
    # offered in the one size the profile uses.
    je_foto = b.webfotos or tuple((v,) for v in b.fotos)
    for eintrag, groessen in zip(basis["fotos"], je_foto, strict=True):
        eindeutig = {v.breite_px: v for v in groessen}  # a small photo: one size only
        mittel = groessen[min(1, len(groessen) - 1)]
        fotos.append(
            {
                **{n: w for n, w in eintrag.items() if n != "bild"},
                "alt": eintrag["bild"].alt,
                "src": _fotoname(k, mittel),
                "srcset": ", ".join(f"{_fotoname(k, v)} {w}w" for w, v in eindeutig.items()),
                "breite": str(mittel.breite_px),
                "hoehe": str(mittel.hoehe_px),
            }
        )
    web = {
        **basis,
        "diagramme": diagramme,
        "karte": karte,
        "fotos": fotos,
        "seite": {
            "titel": eigenschaften.titel,
            "beschreibung": eigenschaften.thema,
            "stil": STIL,
            "index": INDEX,
        },
    }
    return web, eigenschaften


def _diagramm(
    kuerzel: str, art: str, d: Diagramm, tabelle: dict[str, Any] | None
) -> dict[str, Any]:
    svg = d.svg
    if svg is None:  # pragma: no cover - the kind asks for "svg"
        raise ValueError(f"{art}: SVG fehlt")
    return {
        "id": art,
        "datei": _diagrammname(kuerzel, art),
        "titel": d.titel,
        "alt": d.alt,
        "breite": "760",
        "hoehe": str(round(760 * _seitenverhaeltnis(svg))),
        "tabelle": tabelle,
    }


def _seitenverhaeltnis(svg: bytes) -> float:
    """Height/width from the SVG's viewBox (so the page reserves the space before loading)."""
    import re

    treffer = re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if not treffer:
        return 0.6
    return float(treffer.group(2)) / float(treffer.group(1))


def _tabelle_alters(werte: Quartierswerte, quartier: str, stadt: str) -> dict[str, Any]:
    """The age-structure chart's values: share per year of age of each band, in %."""
    vq, vs = werte.verteilung_quartier, werte.verteilung_stadt
    wq = dict(zip(vq.baender, vq.insgesamt(), strict=True))
    ws = dict(zip(vs.baender, vs.insgesamt(), strict=True))
    sq = sum(v for v in wq.values() if v is not None)
    ss = sum(v for v in ws.values() if v is not None)

    def anteil(w: int | None, summe: int, band: Any) -> str:
        if w is None or not summe:
            return zahlen.prozent(None)
        return zahlen.prozent(100.0 * w / summe / breite(band), 2)

    zeilen = [
        [b.kurz, anteil(wq[b], sq, b), anteil(ws[b], ss, b)]
        for b in sorted(vq.baender, key=lambda b: b.von)
    ]
    return {
        "titel": "Werte des Diagramms: Anteil an der Bevölkerung je Altersjahr",
        "kopf": ["Alter in Jahren", quartier, stadt],
        "zeilen": zeilen,
    }


def _tabelle_anteile(
    werte: Quartierswerte, quartier: str, bezirk: str, stadt: str
) -> dict[str, Any]:
    zeilen = [
        [k.name, wert_text(k.quartier, k), wert_text(k.stadtbezirk, k), wert_text(k.stadt, k)]
        for k in werte.demografie
        if k.schluessel in ("anteil_u18", "anteil_65", "anteil_80")
    ]
    return {
        "titel": "Werte des Diagramms: Anteile der Altersgruppen",
        "kopf": ["Altersgruppe", quartier, bezirk, stadt],
        "zeilen": zeilen,
    }


def _tabelle_zeitreihe(werte: Quartierswerte, quartier: str) -> dict[str, Any]:
    def text(w: float | Fehlend, prozent: bool) -> str:
        if isinstance(w, Fehlend):
            return zahlen.prozent(None)
        return zahlen.prozent(w) if prozent else zahlen.zahl(w)

    staende = [s for s in werte.verlauf if s.stichtag <= werte.tage.aktuell]
    return {
        "titel": f"Werte des Diagramms: Entwicklung in {quartier}",
        "kopf": [
            "Stichtag",
            "Einwohnerinnen und Einwohner",
            "65 Jahre und älter",
            "80 Jahre und älter",
        ],
        "zeilen": [
            [
                zahlen.datum(s.stichtag),
                text(s.quartier["einwohner"], False),
                text(s.quartier["anteil_65"], True),
                text(s.quartier["anteil_80"], True),
            ]
            for s in staende
        ],
    }


def dateien(
    projekt: Projekt,
    grundlagen: Sequence[Grundlage],
    auftrag: Auftrag,
    eigenschaften: Eigenschaften,
    dokumente: Sequence[Path],
) -> list[Zusatzdatei]:
    """The page's image files: the charts and the map as SVG, each photo in every width."""
    (g,) = grundlagen
    k = g.daten.quartier.kuerzel
    b = g.bilder
    ergebnis = [
        Zusatzdatei(_diagrammname(k, art), d.svg)
        for art, d in (
            ("altersstruktur", b.altersstruktur),
            ("anteile", b.anteile),
            ("zeitreihe", b.zeitreihe),
            ("karte", b.karte),
        )
        if d is not None and d.svg is not None
    ]
    for groessen in b.webfotos:
        for v in {v.breite_px: v for v in groessen}.values():
            daten = v.bild.read_bytes() if isinstance(v.bild, Path) else v.bild
            ergebnis.append(Zusatzdatei(_fotoname(k, v), daten))
    return ergebnis


ART = Dokumentart(
    name="webseite",
    vorlage=f"{ORDNER}/{SEITE}",
    dateiname="{kuerzel}.html",
    kontext=kontext,
    bilder=frozenset({"diagramme", "karte", "fotos", "svg", "webfotos"}),
    zusaetze=dateien,
    format="html",
)


def index_kontext(
    projekt: Projekt, eingaben: Eingabedaten, quartiere: Sequence[Quartier], leser: Leser
) -> dict[str, Any]:
    """The index page: every quarter with a page, by Stadtbezirk and name, with its state of
    work, and the overview map where boundaries are known ([karte]).

    The quarters' data are read again here (photo lists, dialogues), since the index also lists
    quarters whose pages were written by an earlier run; a quarter whose inputs have errors
    shows only the Stand of its profile.
    """
    from markupsafe import Markup

    p = projekt.konfig.projekt
    reihe = sorted(quartiere, key=lambda q: (q.stadtbezirk, q.name))
    daten: dict[str, Quartiersdaten | None] = {}
    for q in reihe:
        befunde = Befunde()
        with befunde.sammeln():
            d = quartiersdaten(projekt, eingaben, q, befunde, leser)
            daten[q.kuerzel] = None if befunde.fehlerhaft else d
    markierungen = []
    if eingaben.geodaten is not None:
        for q in reihe:
            d = daten.get(q.kuerzel)
            if d is not None and d.geo is not None:
                name = f"{q.name} ({projekt.konfig.bezeichnungen.stadtbezirk} {q.stadtbezirk})"
                markierungen.append(
                    uebersicht.Markierung(
                        len(markierungen) + 1, d.geo.gebiet, seitenname(q.kuerzel), name
                    )
                )
    nummer = {m.ziel: m.nr for m in markierungen}
    eintraege = []
    for q in reihe:
        eintraege.append(
            {
                "name": q.name,
                "kuerzel": q.kuerzel,
                "stadtbezirk": q.stadtbezirk,
                "stadtbezirk_nr": q.stadtbezirk_nr,
                "siedlungstyp": q.siedlungstyp,
                "seite": seitenname(q.kuerzel),
                "nr": str(nummer.get(seitenname(q.kuerzel), "")),
                "arbeitsstand": arbeitsstand(projekt, q, daten.get(q.kuerzel)),
            }
        )
    karte = None
    if markierungen and eingaben.geodaten is not None and projekt.konfig.karte is not None:
        liste = "; ".join(f"{m.nr} {m.name}" for m in markierungen)
        anzahl = len(markierungen)
        karte = {
            "svg": Markup(
                uebersicht.uebersichtskarte(
                    eingaben.geodaten.gebiete.values(),
                    markierungen,
                    titel=f"Übersichtskarte der Quartiere in {p.stadt}",
                    beschreibung=(
                        f"Karte der Stadt {p.stadt} mit den Grenzen der "
                        f"{projekt.konfig.bezeichnungen.unterbezirke}. Farbig hervorgehoben und "
                        f"nummeriert wie in der Liste "
                        f"{'das Quartier' if anzahl == 1 else f'die {anzahl} Quartiere'} mit "
                        f"Profil: {liste}."
                    ),
                )
            ),
            "quelle": projekt.konfig.karte.quelle,
        }
    return {
        **projekt_kontext(projekt),
        "quartiere": eintraege,
        "karte": karte,
        "seite": {
            "titel": f"{p.titel}: Quartiersprofile",
            "beschreibung": f"Quartiersprofile der Stadt {p.stadt}, Stand {zahlen.datum(p.stand)}",
            "stil": STIL,
            "index": INDEX,
        },
    }


#: The words for a measure's status in the summary, most advanced first.
_STATUS_TEXT = (
    ("umgesetzt", "umgesetzt", "umgesetzt"),
    ("in Umsetzung", "in Umsetzung", "in Umsetzung"),
    ("geplant", "geplant", "geplant"),
    ("Idee", "Idee", "Ideen"),
)


def arbeitsstand(
    projekt: Projekt, q: Quartier, daten: Quartiersdaten | None
) -> list[dict[str, str]]:
    """What has been done in a quarter, as staff report it: profile, the senior office's
    survey, the walkthrough, the citizen dialogue, the measures and their status.

    Only steps whose inputs the project has ([eingaben]) are listed; a step without data for
    this quarter is „noch offen“. Each entry: ``schritt``, ``text``, ``offen`` ("ja" or "").
    """
    e = projekt.konfig.eingaben
    stand = [
        {
            "schritt": "Quartiersprofil",
            "text": f"Stand {zahlen.datum(projekt.konfig.projekt.stand)}",
            "offen": "",
        }
    ]
    if daten is None:
        return stand

    def schritt(name: str, text: str) -> None:
        stand.append({"schritt": name, "text": text or "noch offen", "offen": "" if text else "ja"})

    if e.befragung is not None:
        b = daten.befragung
        schritt("Befragung des Seniorenbüros", zahlen.datum(b.datum) or "liegt vor" if b else "")
    if e.begehungen is not None:
        tage = sorted({f.datum for f in daten.fotos if f.datum})
        text = ", ".join(zahlen.datum(t) for t in tage)
        schritt("Quartiersbegehung", text or ("liegt vor" if daten.fotos else ""))
    if e.buergerdialog is not None:
        d = daten.dialog
        if d is None:
            schritt("Bürgerdialog", "")
        else:
            v = d.veranstaltung
            zeit = zahlen.datum(v.datum)
            if v.datum_bis and v.datum_bis != v.datum:
                zeit += f" bis {zahlen.datum(v.datum_bis)}"
            if d.art == "werkstatt":
                wer = ""
                if v.teilnehmende is not None:
                    ca = "ca. " if v.teilnehmende_ungefaehr else ""
                    wer = f", {ca}{zahlen.zahl(v.teilnehmende)} Teilnehmende"
                schritt("Bürgerwerkstatt", zeit + wer)
            else:
                n = len(d.interviews)
                schritt("Interviews", f"{zeit}, {n} Gespräch{'e' if n != 1 else ''}")
    if e.massnahmen is not None:
        m = daten.massnahmen
        zaehlung = Counter(x.status for x in m)
        teile = [
            f"{zaehlung[s]} {einzahl if zaehlung[s] == 1 else mehrzahl}"
            for s, einzahl, mehrzahl in _STATUS_TEXT
            if zaehlung[s]
        ]
        text = ""
        if m:
            text = f"{len(m)} Vorschl{'ag' if len(m) == 1 else 'äge'}"
            if teile:
                text += ": " + ", ".join(teile)
        schritt("Maßnahmen", text)
    return stand


def stil_lesen(ordner: Path, anzeige: str) -> bytes:
    """The style sheet from vorlagen/webseite/ (staff may edit it), written beside the pages."""
    try:
        return (ordner / STIL).read_bytes()
    except OSError as err:
        raise VorlagenFehler(
            "Das Stylesheet der Webseite fehlt oder ist nicht lesbar.",
            Ort(f"{anzeige}/{STIL}"),
            "Legen Sie qprofil.css in den Ordner vorlagen/webseite/ (siehe Beispielprojekt).",
        ) from err
