"""Document kind „Gremienvorlage“: a committee submission draft covering one or more quarters.

It reuses the profile's data (Quartiersdaten), indicators (``profil.kennzahlen``) and formatting
(``gemeinsam``): the values in a submission are by construction those of the profiles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qprofil import zahlen
from qprofil.dokumente.gemeinsam import kosten_summe_text, projekt_kontext, wert_text
from qprofil.dokumente.profil import kennzahlen
from qprofil.einlesen.eingaben import stichtage
from qprofil.fehler import GremiumNichtZustaendig, Ort, ProjektFehler, UnbekannteAuswahl
from qprofil.modell import HANDLUNGSFELDER, Massnahme, Quartier, Quartiersdaten
from qprofil.projekt import Gremium, Projekt
from qprofil.word.rendern import Eigenschaften

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
            "Tragen Sie die Gremien als [[gremium]]-Abschnitte ein (siehe README.md).",
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
    """The measures a Beschlussvorlage asks to decide: proposed, not yet under way."""
    return [m for d in daten for m in d.massnahmen if m.status in ZU_BESCHLIESSEN]


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
    daten: Sequence[Quartiersdaten], art: str, folge: Sequence[Beratung]
) -> list[str]:
    """The proposed resolution, one paragraph per list item."""
    namen = _aufzaehlung([d.quartier.name for d in daten])
    profile = "das Quartiersprofil" if len(daten) == 1 else "die Quartiersprofile"
    if art == "mitteilung":
        return [
            f"{_artikel(b.gremium)} {b.gremium.name} nimmt {profile} {namen} als erste "
            "Berichterstattung zur altersgerechten Quartiersentwicklung zur Kenntnis."
            for b in folge
        ]
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
    absaetze.append(
        "Die Verwaltung wird beauftragt, die Maßnahmen umzusetzen und dem Ausschuss für Soziales, "
        "Arbeit und Gesundheit nach einem Jahr über den Stand zu berichten."
    )
    return absaetze


def kontext(
    projekt: Projekt,
    daten: Sequence[Quartiersdaten],
    art: str,
    folge: Sequence[Beratung],
    anlagen: Sequence[Path],
) -> tuple[dict[str, Any], Eigenschaften]:
    """The template context of a committee submission and its document properties."""
    konfig = projekt.konfig
    gv = konfig.gremienvorlage
    tage = stichtage(projekt, daten[0].statistik)
    stadt = konfig.projekt.stadt
    quartiere = []
    for d in daten:
        demo, sozial = kennzahlen(projekt, d)
        alle = {k.schluessel: k for k in (*demo, *sozial)}
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
    massgeblich = (
        zu_beschliessen(daten) if art == "beschluss" else [m for d in daten for m in d.massnahmen]
    )
    namen = _aufzaehlung([d.quartier.name for d in daten])
    if art == "beschluss":
        finanzen = {
            "etat_beruehrt": "ja",
            "summe": kosten_summe_text(massgeblich),
            "text": [
                f"Die zu beschließenden Maßnahmen kosten nach erster Schätzung insgesamt "
                f"{kosten_summe_text(massgeblich)}.",
                f"Deckung: {gv.haushaltsstelle or 'wird vor der Umsetzung benannt'}.",
                "Folgekosten (Betrieb, Unterhaltung) sind in der Schätzung nicht enthalten und "
                "werden vor der Umsetzung ermittelt.",
            ],
        }
    else:
        finanzen = {
            "etat_beruehrt": "nein",
            "summe": kosten_summe_text(massgeblich),
            "text": [
                "Die Kenntnisnahme hat keine finanziellen Auswirkungen.",
                f"Die in den Profilen vorgeschlagenen Maßnahmen kosten nach erster Schätzung "
                f"insgesamt {kosten_summe_text(massgeblich)}; sie werden bei Bedarf gesondert "
                "zur Entscheidung vorgelegt.",
            ],
        }
    aeltere = []
    for d, q in zip(daten, quartiere, strict=True):
        werte = {k["name"]: k for k in q["kennzahlen"]}
        a65 = werte["Anteil 65 Jahre und älter"]
        a80 = werte["Anteil 80 Jahre und älter (Hochbetagte)"]
        aeltere.append(
            f"In {d.quartier.name} sind {a65['quartier']} der Einwohnerinnen und Einwohner 65 Jahre "
            f"und älter ({stadt}: {a65['stadt']}), {a80['quartier']} sind 80 Jahre und älter "
            f"({stadt}: {a80['stadt']})."
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
        "beschlussvorschlag": beschlussvorschlag(daten, art, folge),
        "sachverhalt": {
            "einleitung": [
                f"Der Rat der Stadt {stadt} hat im Dezember 2015 beschlossen, eine gesamtstädtische "
                "Strategie für altersgerechte Quartiere zu entwickeln (Bundesprogramm "
                "„Demografiewerkstatt Kommunen“). Eine ressortübergreifende Lenkungsgruppe unter "
                "Federführung des Sozialamts hat dafür vier Referenzquartiere ausgewählt, je eines "
                "für einen Siedlungstyp.",
                f"Für jedes Referenzquartier wurde ein Quartiersprofil erstellt: kleinräumige "
                f"Statistik (Stichtag {zahlen.datum(tage.aktuell)}), eine schriftliche Befragung der "
                "Seniorenbüros zur Infrastruktur je Handlungsfeld, Auszüge aus Masterplänen, "
                "Quartiersbegehungen und daraus abgeleitete Maßnahmevorschläge. Diese Vorlage "
                f"berichtet über {namen}; die Profile sind als Anlagen beigefügt.",
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
        "anlagen": [{"nr": str(i), "name": pfad.name} for i, pfad in enumerate(anlagen, start=1)],
    }
    eigenschaften = Eigenschaften(
        titel=betreff(daten, art),
        thema=f"{VORLAGEARTEN[art]} – {konfig.projekt.titel}",
        autor=f"{konfig.projekt.herausgeber}",
        datum=datum,
        stichworte="Gremienvorlage; " + "; ".join(d.quartier.name for d in daten),
    )
    return kontext, eigenschaften
