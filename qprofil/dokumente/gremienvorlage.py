"""Document kind „Gremienvorlage“: a committee submission draft covering one or more quarters.

It reuses the profile's data (Quartiersdaten), evaluated figures (``Quartierswerte``) and
formatting (``gemeinsam``): the values in a submission are by construction those of the profiles,
which it attaches. Besides the .docx it writes the submission's metadata as OParl 1.1 JSON.
City-specific prose (the Sachverhalt's opening, the body reported to) comes from
``[gremienvorlage]`` in qprofil.toml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qprofil import zahlen
from qprofil.dokumente import oparl
from qprofil.dokumente.art import (
    Auftrag,
    Dokumentart,
    Eigenschaften,
    Grundlage,
    Kontext,
    Zusatzdatei,
)
from qprofil.dokumente.gemeinsam import kosten_summe, kosten_summe_text, projekt_kontext, wert_text
from qprofil.fehler import (
    GremiumNichtZustaendig,
    Ort,
    ProjektFehler,
    UnbekannteAuswahl,
)
from qprofil.modell import HANDLUNGSFELDER, Massnahme, Quartier, Quartiersdaten
from qprofil.projekt import CONFIG_NAME, Gremium, Projekt

VORLAGEARTEN = {"mitteilung": "Mitteilung zur Kenntnisnahme", "beschluss": "Beschlussvorlage"}
# Measures still to be decided: the others are already under way or done.
ZU_BESCHLIESSEN = ("Idee", "geplant")
SACHVERHALT_KENNZAHLEN = (
    "einwohner",
    "anteil_65",
    "anteil_80",
    "altenquotient",
    "grundsicherung_65",
)


@dataclass(frozen=True)
class Beratung:
    """One step of the Beratungsfolge: a body, its meeting (if known) and its role."""

    nr: int
    gremium: Gremium
    rolle: str  # Vorberatung, Empfehlung, Entscheidung, Kenntnisnahme

    @property
    def entscheidet(self) -> bool:
        """True only for the body that decides (OParl: authoritative)."""
        return self.rolle == "Entscheidung"


def beratungsfolge(
    gremien: Sequence[Gremium], quartiere: Sequence[Quartier], art: str, auswahl: Sequence[str] = ()
) -> list[Beratung]:
    """The ordered bodies for a submission on ``quartiere``, derived from the configuration.

    A Bezirksvertretung takes part only for quarters of its Stadtbezirk. ``auswahl`` (Kürzel, from
    --body) restricts the bodies. In a Beschlussvorlage the Rat decides (or, without it, the last
    body); in a Mitteilung every body takes note.
    """
    bezirke = {q.stadtbezirk_nr for q in quartiere}
    bekannt = {g.kuerzel for g in gremien}
    for k in auswahl:
        if k not in bekannt:
            raise UnbekannteAuswahl("Gremium", k, sorted(bekannt))
    for g in gremien:
        if (
            g.kuerzel in auswahl
            and g.art == "bezirksvertretung"
            and g.stadtbezirk_nr not in bezirke
        ):
            raise GremiumNichtZustaendig(
                g.kuerzel,
                g.name,
                sorted({q.stadtbezirk for q in quartiere}),
                [
                    z.kuerzel
                    for z in gremien
                    if z.art == "bezirksvertretung" and z.stadtbezirk_nr in bezirke
                ],
            )
    folge = [
        g
        for g in gremien
        if (g.art != "bezirksvertretung" or g.stadtbezirk_nr in bezirke)
        and (not auswahl or g.kuerzel in auswahl)
    ]
    if not folge:
        raise ProjektFehler(
            "Für diese Vorlage gibt es kein beratendes Gremium.",
            Ort("qprofil.toml", spalte="gremium"),
            "Tragen Sie die Gremien als [[gremium]]-Abschnitte ein (siehe docs/konfiguration.md).",
        )
    if art == "mitteilung":
        return [Beratung(i, g, "Kenntnisnahme") for i, g in enumerate(folge, start=1)]
    entscheider = next((g for g in folge if g.art == "rat"), folge[-1])
    rollen = {"bezirksvertretung": "Empfehlung", "beirat": "Empfehlung", "ausschuss": "Vorberatung"}
    return [
        Beratung(i, g, "Entscheidung" if g is entscheider else rollen.get(g.art, "Vorberatung"))
        for i, g in enumerate(folge, start=1)
    ]


def zu_beschliessen(daten: Sequence[Quartiersdaten]) -> list[Massnahme]:
    """The measures a Beschlussvorlage asks to decide: proposed, not yet under way, with costs.

    A council does not decide a measure whose costs are still open: those are named separately
    (``ohne_schaetzung``) and come back once estimated.
    """
    return [
        m
        for d in daten
        for m in d.massnahmen
        if m.status in ZU_BESCHLIESSEN and m.kosten is not None
    ]


def ohne_schaetzung(daten: Sequence[Quartiersdaten]) -> list[Massnahme]:
    """Proposed measures without a cost estimate: not part of the decision, not in any sum."""
    return [
        m for d in daten for m in d.massnahmen if m.status in ZU_BESCHLIESSEN and m.kosten is None
    ]


def finanzen_beschluss(daten: Sequence[Quartiersdaten], haushaltsstelle: str) -> dict[str, Any]:
    """„Finanzielle Auswirkungen“ of a Beschlussvorlage, reconciled with the measures tables.

    The tables in the Sachverhalt list every measure of a quarter; the decision sum covers only
    the proposed ones with an estimate. The text states the difference and what it consists of.
    """
    beschluss = zu_beschliessen(daten)
    offen = ohne_schaetzung(daten)
    alle = [m for d in daten for m in d.massnahmen]
    summe = kosten_summe(beschluss)
    tabellen = kosten_summe(alle)
    text = [
        f"Die {_zahlwort(len(beschluss)).lower()} zu beschließenden Maßnahmen kosten nach erster "
        f"Schätzung insgesamt {zahlen.euro(summe)}."
        if len(beschluss) != 1
        else f"Die zu beschließende Maßnahme kostet nach erster Schätzung {zahlen.euro(summe)}."
    ]
    differenz = tabellen - summe
    if differenz:
        laufend = [m for m in alle if m.status not in ZU_BESCHLIESSEN and m.kosten is not None]
        einzeln = [f"„{m.titel}“ ({m.status}, {zahlen.euro(m.kosten)})" for m in laufend]
        viele = len(laufend) > 1
        text.append(
            ("Die Tabellen" if len(daten) > 1 else "Die Tabelle")
            + " „Vorgeschlagene Maßnahmen“ im Sachverhalt "
            + ("nennen" if len(daten) > 1 else "nennt")
            + f" alle Maßnahmen mit zusammen {zahlen.euro(tabellen)}. Der Unterschied von "
            f"{zahlen.euro(differenz)} entfällt auf "
            + ("die Maßnahmen " if viele else "die Maßnahme ")
            + _aufzaehlung(einzeln)
            + (
                "; sie laufen bereits oder sind abgeschlossen und werden"
                if viele
                else "; sie läuft bereits oder ist abgeschlossen und wird"
            )
            + " nicht erneut beschlossen."
        )
    if offen:
        text.append(
            f"{_zahlwort(len(offen))} vorgeschlagene "
            f"Maßnahme{'n' if len(offen) > 1 else ''} "
            f"({_aufzaehlung([f'Nr. {m.nr} {m.titel}' for m in offen])}) "
            f"{'haben' if len(offen) > 1 else 'hat'} noch keine Kostenschätzung. Sie "
            f"{'sind' if len(offen) > 1 else 'ist'} in keiner Summe enthalten und nicht Teil "
            "dieses Beschlusses; die Verwaltung legt sie nach der Schätzung gesondert vor."
        )
    text += [
        f"Deckung: {haushaltsstelle or 'wird vor der Umsetzung benannt'}.",
        "Folgekosten (Betrieb, Unterhaltung) sind in der Schätzung nicht enthalten und "
        "werden vor der Umsetzung ermittelt.",
    ]
    return {"etat_beruehrt": "ja", "summe": zahlen.euro(summe), "text": text}


def _zahlwort(n: int) -> str:
    woerter = ("Keine", "Eine", "Zwei", "Drei", "Vier", "Fünf", "Sechs", "Sieben", "Acht", "Neun")
    return woerter[n] if n < len(woerter) else str(n)


def _aufzaehlung(namen: Sequence[str]) -> str:
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " und " + namen[-1]


def _artikel(g: Gremium) -> str:
    return "Die" if g.art == "bezirksvertretung" else "Der"


def betreff(daten: Sequence[Quartiersdaten], art: str) -> str:
    """The subject line."""
    namen = _aufzaehlung([d.quartier.name for d in daten])
    profile = "Quartiersprofil" if len(daten) == 1 else "Quartiersprofile"
    if art == "beschluss":
        return f"Altersgerechte Quartiersentwicklung: Maßnahmen in {namen}"
    return f"Altersgerechte Quartiersentwicklung: {profile} {namen} – erste Berichterstattung"


def beschlussvorschlag(
    daten: Sequence[Quartiersdaten], art: str, folge: Sequence[Beratung], bericht_an: str = ""
) -> list[str]:
    """The proposed resolution, one paragraph per list item."""
    namen = _aufzaehlung([d.quartier.name for d in daten])
    if art == "mitteilung":
        absaetze = []
        for b in folge:
            eigene = [d for d in daten if _zustaendig(b.gremium, d.quartier)]
            absaetze.append(
                f"{_artikel(b.gremium)} {b.gremium.name} nimmt "
                f"{'das Quartiersprofil' if len(eigene) == 1 else 'die Quartiersprofile'} "
                f"{_aufzaehlung([d.quartier.name for d in eigene])} als erste Berichterstattung "
                "zur altersgerechten Quartiersentwicklung zur Kenntnis."
            )
        return absaetze
    entscheider = next(b for b in folge if b.entscheidet)
    massnahmen = zu_beschliessen(daten)
    absaetze = [
        f"{_artikel(entscheider.gremium)} {entscheider.gremium.name} beschließt die folgenden "
        f"Maßnahmen der altersgerechten Quartiersentwicklung in {namen}:"
    ]
    quartier_name = {d.quartier.kuerzel: d.quartier.name for d in daten}
    for i, m in enumerate(massnahmen, start=1):
        absaetze.append(
            f"{i}. {m.titel} ({quartier_name[m.quartier]}, Handlungsfeld {m.handlungsfeld}; "
            f"zuständig: {m.zustaendig}; geschätzte Kosten: {zahlen.euro(m.kosten)})"
        )
    offen = ohne_schaetzung(daten)
    if offen:
        absaetze.append(
            "Nicht Teil dieses Beschlusses "
            + ("ist die Maßnahme " if len(offen) == 1 else "sind die Maßnahmen ")
            + _aufzaehlung(
                [
                    f"„{m.titel}“" + (f" ({quartier_name[m.quartier]})" if len(daten) > 1 else "")
                    for m in offen
                ]
            )
            + ": Die Kosten sind noch nicht geschätzt; die Verwaltung legt sie nach der "
            "Schätzung gesondert zur Entscheidung vor."
        )
    absaetze.append(
        "Die Verwaltung wird beauftragt, die Maßnahmen umzusetzen und "
        + (f"dem {bericht_an} " if bericht_an else "")
        + "nach einem Jahr über den Stand zu berichten."
    )
    return absaetze


def _zustaendig(g: Gremium, q: Quartier) -> bool:
    """A Bezirksvertretung deals with the quarters of its own Stadtbezirk; other bodies with all."""
    return g.art != "bezirksvertretung" or g.stadtbezirk_nr == q.stadtbezirk_nr


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The template context of a committee submission and its document properties."""
    art = auftrag.optionen["vorlageart"]
    folge = beratungsfolge(
        projekt.konfig.gremium,
        [g.daten.quartier for g in grundlagen],
        art,
        auftrag.optionen.get("gremien", ()),
    )
    anlagen = auftrag.anlagen
    daten = [g.daten for g in grundlagen]
    konfig = projekt.konfig
    gv = konfig.gremienvorlage
    tage = grundlagen[0].werte.tage
    stadt = konfig.projekt.stadt
    quartiere = []
    for g in grundlagen:
        d = g.daten
        alle = g.werte.alle
        b = d.befragung
        quartiere.append(
            {
                "name": d.quartier.name,
                "stadtbezirk": d.quartier.stadtbezirk,
                "siedlungstyp": d.quartier.siedlungstyp,
                "kennzahlen": [
                    {
                        "name": alle[s].name,
                        "quartier": wert_text(alle[s].quartier, alle[s]),
                        "stadtbezirk": wert_text(alle[s].stadtbezirk, alle[s]),
                        "stadt": wert_text(alle[s].stadt, alle[s]),
                    }
                    for s in SACHVERHALT_KENNZAHLEN
                ],
                "defizite": [
                    {"handlungsfeld": f"{nr} – {name}", "texte": list(b.einschaetzung(nr).defizite)}
                    for nr, name in HANDLUNGSFELDER.items()
                    if b and b.einschaetzung(nr).defizite
                ],
                "massnahmen": [
                    {
                        "titel": m.titel,
                        "handlungsfeld": str(m.handlungsfeld),
                        "prioritaet": m.prioritaet,
                        "kosten": zahlen.euro(m.kosten),
                        "status": m.status,
                    }
                    for m in d.massnahmen
                ],
                "massnahmen_summe": kosten_summe_text(d.massnahmen),
            }
        )
    massgeblich = [m for d in daten for m in d.massnahmen]
    namen = _aufzaehlung([d.quartier.name for d in daten])
    if art == "beschluss":
        finanzen = finanzen_beschluss(daten, gv.haushaltsstelle)
    else:
        finanzen = {
            "etat_beruehrt": "nein",
            "summe": kosten_summe_text(massgeblich),
            "text": [
                "Die Kenntnisnahme hat keine finanziellen Auswirkungen.",
                f"Die in den Profilen vorgeschlagenen Maßnahmen kosten nach erster Schätzung "
                f"insgesamt {kosten_summe_text(massgeblich)} (Summe der Tabellen „Vorgeschlagene "
                "Maßnahmen“ im Sachverhalt); sie werden bei Bedarf gesondert zur Entscheidung "
                "vorgelegt.",
            ],
        }
    aeltere = []
    for g in grundlagen:
        a65, a80 = g.werte.alle["anteil_65"], g.werte.alle["anteil_80"]
        aeltere.append(
            f"In {g.daten.quartier.name} sind {wert_text(a65.quartier, a65)} der Einwohnerinnen "
            f"und Einwohner 65 Jahre und älter ({stadt}: {wert_text(a65.stadt, a65)}), "
            f"{wert_text(a80.quartier, a80)} sind 80 Jahre und älter "
            f"({stadt}: {wert_text(a80.stadt, a80)})."
        )
    datum = gv.datum or konfig.projekt.stand
    kontext = {
        **projekt_kontext(projekt, tage),
        "vorlage": {
            "art": VORLAGEARTEN[art],
            "drucksachen_nr": gv.drucksachen_nr or "wird vom Ratsbüro vergeben",
            "betreff": betreff(daten, art),
            "oeffentlich": "öffentlich" if gv.oeffentlich else "nichtöffentlich",
            "datum": zahlen.datum(datum),
            "amt": gv.amt,
            "bearbeitung": gv.bearbeitung,
            "telefon": gv.telefon,
        },
        "beratungsfolge": [
            {
                "nr": str(b.nr),
                "gremium": b.gremium.name,
                "sitzung": zahlen.datum(b.gremium.sitzung) or "noch offen",
                "rolle": b.rolle,
            }
            for b in folge
        ],
        "beschlussvorschlag": beschlussvorschlag(daten, art, folge, gv.bericht_an),
        "sachverhalt": {
            "einleitung": [
                _einsetzen(
                    absatz, stadt=stadt, stichtag=zahlen.datum(tage.aktuell), quartiere=namen
                )
                for absatz in gv.einleitung
            ],
            "quartiere": quartiere,
            "stichtag": zahlen.datum(tage.aktuell),
        },
        "finanzen": finanzen,
        "aeltere_menschen": [
            "Die Vorlage betrifft unmittelbar ältere Menschen: Ziel ist, dass sie so lange wie "
            "möglich selbstbestimmt in ihrem Quartier leben können.",
            *aeltere,
            "Die vorgeschlagenen Maßnahmen verbessern Nahversorgung, Gesundheit und Pflege sowie "
            "soziale Netze im Quartier und wirken damit dem demografischen Wandel entgegen.",
        ],
        "anlagen": [
            {"nr": str(i), "name": titel, "datei": pfad.name}
            for i, (pfad, titel) in enumerate(
                zip(anlagen, anlagen_titel(anlagen), strict=True), start=1
            )
        ],
    }
    eigenschaften = Eigenschaften(
        titel=betreff(daten, art),
        thema=f"{VORLAGEARTEN[art]} – {konfig.projekt.titel}",
        autor=f"{konfig.projekt.herausgeber}",
        datum=datum,
        stichworte="Gremienvorlage; " + "; ".join(d.quartier.name for d in daten),
    )
    return kontext, eigenschaften


def _einsetzen(text: str, **werte: str) -> str:
    """Fill ``{name}`` fields of a configured text (plain replacement: no format mini-language)."""
    for name, wert in werte.items():
        text = text.replace("{" + name + "}", wert)
    return text


def pruefen(projekt: Projekt, quartiere: Sequence[Quartier], auftrag: Auftrag) -> None:
    """Check the Vorlageart, the contact and the bodies before anything is built or written."""
    art = auftrag.optionen.get("vorlageart")
    if art not in VORLAGEARTEN:
        raise UnbekannteAuswahl("Vorlageart", str(art), list(VORLAGEARTEN))
    # A wrong call (body, kind) is named first; then what the configuration lacks.
    beratungsfolge(projekt.konfig.gremium, quartiere, art, auftrag.optionen.get("gremien", ()))
    fehler = kontakt_fehler(projekt)
    if fehler:
        raise fehler[0]


#: The contact fields a committee draft must name (key in [gremienvorlage], what it is).
KONTAKT_FELDER = (("bearbeitung", "wer die Vorlage bearbeitet"), ("telefon", "die Telefonnummer"))


def kontakt_fehler(projekt: Projekt) -> list[ProjektFehler]:
    """The missing contact entries of [gremienvorlage]: a draft names who to ask, never a dummy."""
    gv = projekt.konfig.gremienvorlage
    fehler = []
    for schluessel, was in KONTAKT_FELDER:
        if not getattr(gv, schluessel).strip():
            fehler.append(
                ProjektFehler(
                    f"Für Gremienvorlagen fehlt in Abschnitt [gremienvorlage] der Eintrag "
                    f"„{schluessel}“ ({was}).",
                    Ort(CONFIG_NAME),
                    f"Tragen Sie in {CONFIG_NAME} unter [gremienvorlage] z. B. "
                    + (
                        'bearbeitung = "Frau Muster"'
                        if schluessel == "bearbeitung"
                        else 'telefon = "0231 50-12345"'
                    )
                    + " ein.",
                )
            )
    return fehler


def anlagen_titel(anlagen: Sequence[Path]) -> list[str]:
    """The titles of the attached documents as they are in berichte/ (document properties).

    A title edited by hand in Word is kept; a document without title is named by its file name.
    """
    import zipfile
    from xml.etree import ElementTree

    titel = []
    for pfad in anlagen:
        name = ""
        try:
            with zipfile.ZipFile(pfad) as z:
                kern = ElementTree.fromstring(z.read("docProps/core.xml"))
            element = kern.find("{http://purl.org/dc/elements/1.1/}title")
            name = (element.text or "").strip() if element is not None else ""
        except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
            name = ""
        titel.append(name or pfad.stem)
    return titel


def zusaetze(
    projekt: Projekt,
    grundlagen: Sequence[Grundlage],
    auftrag: Auftrag,
    eigenschaften: Eigenschaften,
    geschrieben: Sequence[Path],
) -> list[Zusatzdatei]:
    """The submission's metadata as an OParl 1.1 Paper, beside the .docx (``….oparl.json``).

    ``geschrieben`` is the main document first, then its PDF if one was made; the Anlagen are
    listed with their PDFs where those exist beside them.
    """
    art = auftrag.optionen["vorlageart"]
    quartiere = [g.daten.quartier for g in grundlagen]
    folge = beratungsfolge(
        projekt.konfig.gremium, quartiere, art, auftrag.optionen.get("gremien", ())
    )
    einstellungen = projekt.konfig.gremienvorlage
    haupt, *weitere = geschrieben
    stamm = haupt.stem
    # The main document's PDF (with --pdf) and each Anlage, with its PDF where one exists.
    anlagen = [oparl.Datei(p.name, p.read_bytes(), f"{eigenschaften.titel} (PDF)") for p in weitere]
    titel = anlagen_titel(auftrag.anlagen)
    for i, (a, t) in enumerate(zip(auftrag.anlagen, titel, strict=True), start=1):
        anlagen.append(oparl.Datei(a.name, a.read_bytes(), f"Anlage {i}: {t}"))
        if weitere and a.with_suffix(".pdf").is_file():
            pdf = a.with_suffix(".pdf")
            anlagen.append(oparl.Datei(pdf.name, pdf.read_bytes(), f"Anlage {i}: {t} (PDF)"))
    papier = oparl.paper(
        basis=einstellungen.oparl_basis,
        kennung=stamm.replace("_", "-"),
        betreff=eigenschaften.titel,
        drucksachen_nr=einstellungen.drucksachen_nr,
        datum=eigenschaften.datum,
        vorlageart=VORLAGEARTEN[art],
        amt=einstellungen.amt,
        hauptdatei=oparl.Datei(haupt.name, haupt.read_bytes(), eigenschaften.titel),
        anlagen=anlagen,
        beratungen=[
            oparl.Gremienberatung(
                b.gremium.kuerzel, b.gremium.name, b.rolle, b.entscheidet, b.gremium.sitzung
            )
            for b in folge
        ],
        orte=[_ort(projekt, g.daten) for g in grundlagen],
        stichworte=["altersgerechte Quartiersentwicklung", *(q.name for q in quartiere)],
    )
    return [Zusatzdatei(f"{stamm}.oparl.json", oparl.als_json(papier))]


def _ort(projekt: Projekt, daten: Quartiersdaten) -> oparl.Ortsangabe:
    """The quarter as an OParl place; with its boundary as a GeoJSON Feature where known."""
    q = daten.quartier
    feature = None
    if daten.geo is not None:
        from qprofil.auswertung.raeumlich import als_feature

        feature = als_feature(daten.geo.gebiet, {"stadtbezirk": q.stadtbezirk})
    return oparl.Ortsangabe(
        q.kuerzel, f"Quartier {q.name}", q.stadtbezirk, projekt.konfig.projekt.stadt, feature
    )


ART = Dokumentart(
    name="gremienvorlage",
    vorlage="gremienvorlage.docx",
    dateiname="gremienvorlage_{vorlageart}_{kuerzel}.docx",
    kontext=kontext,
    mehrere=True,
    befehl="qprofil committee",
    anlagen="profil",
    pruefen=pruefen,
    zusaetze=zusaetze,
)
