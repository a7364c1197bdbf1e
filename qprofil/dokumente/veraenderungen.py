"""Document kind „veraenderungen“: what changed between two Stichtage (``qprofil changes``).

One short document for one or several quarters (vorlagen/veraenderungen.docx): per quarter a
table with every indicator at both Stichtage for quarter, Stadtbezirk and city, the absolute
and (for counts) relative change, a chart of the change of the shares, and a plain German
sentence for each notable change.

Units are never mixed: a share changes in Prozentpunkte (never „%“), a count in persons (or
households) and in per cent, an age in years, a ratio „je 100“ in points. The figures come from
``qprofil.auswertung.quartier.veraenderungen``; this module only formats them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from qprofil import zahlen
from qprofil.auswertung.kennzahlen import Fehlend, Kennzahl
from qprofil.auswertung.quartier import Aenderung, Veraenderung, veraenderungen, zeitraum
from qprofil.dokumente.art import Auftrag, Bild, Dokumentart, Eigenschaften, Grundlage, Kontext
from qprofil.dokumente.gemeinsam import (
    projekt_kontext,
    quartier_kontext,
    statistik_quelle,
    wert_text,
)
from qprofil.fehler import BenutzungsFehler
from qprofil.projekt import Projekt

DIAGRAMM_BREITE_MM = 160
MINUS = "\u2212"

#: Subject of the sentence on a notable change, by indicator.
SUBJEKTE = {
    "einwohner": "Die Zahl der Einwohnerinnen und Einwohner",
    "durchschnittsalter": "Das Durchschnittsalter",
    "anteil_u18": "Der Anteil der Menschen unter 18 Jahren",
    "anteil_65": "Der Anteil der Menschen ab 65 Jahren",
    "anteil_80": "Der Anteil der Menschen ab 80 Jahren",
    "altenquotient": "Der Altenquotient",
    "hochaltrigenquote": "Die Hochaltrigenquote",
    "frauenanteil_80": "Der Frauenanteil unter den Menschen ab 80 Jahren",
    "haushalte": "Die Zahl der Haushalte",
    "einpersonenhaushalte": "Der Anteil der Einpersonenhaushalte",
    "allein_65": "Der Anteil der allein lebenden Menschen ab 65 Jahren",
    "grundsicherung_65": "Der Anteil der Menschen ab 65 Jahren mit Grundsicherung im Alter",
}
#: What a count counts, for its absolute change.
ZAEHLEINHEIT = {"einwohner": ("Person", "Personen"), "haushalte": ("Haushalt", "Haushalte")}


def vorzeichen(wert: float, stellen: int) -> str:
    """A change with its sign as shown: "+0,5", "−1.806", "±0" (zero after rounding)."""
    text = zahlen.zahl(abs(wert), stellen)
    if not text.strip("0,."):
        return f"±{text}"
    return ("+" if wert > 0 else MINUS) + text


def einheit_der_aenderung(k: Kennzahl, betrag: float) -> str:
    """The unit of an absolute change: Prozentpunkte for shares, persons for residents, …"""
    if k.einheit == "%":
        return "Prozentpunkte"
    if k.einheit == "":
        einzahl, mehrzahl = ZAEHLEINHEIT.get(k.schluessel, ("", ""))
        return einzahl if abs(betrag) == 1 else mehrzahl
    if k.einheit == "Jahre":
        return "Jahre"
    return "Punkte"


def absolut_text(k: Kennzahl, a: Aenderung) -> str:
    """The absolute change with its unit ("+0,5 Prozentpunkte", "+1.806 Personen")."""
    if a.differenz is None:
        return zahlen.NICHT_VERFUEGBAR if _nv(a) else zahlen.GEHEIM
    return f"{vorzeichen(a.differenz, k.stellen)}{zahlen.GESCHUETZT}{einheit_der_aenderung(k, a.differenz)}".rstrip()


def relativ_text(k: Kennzahl, a: Aenderung) -> str:
    """The relative change of a count ("+5,5 %"); "–" for shares and other rates."""
    if k.einheit != "":
        return "–"
    if a.relativ is None:
        return zahlen.NICHT_VERFUEGBAR if _nv(a) or a.differenz is not None else zahlen.GEHEIM
    return f"{vorzeichen(a.relativ, 1)}{zahlen.GESCHUETZT}%"


def _nv(a: Aenderung) -> bool:
    """Not available rather than withheld: no withheld value is involved."""
    return Fehlend.GEHEIM not in (a.alt, a.neu)


def satz(v: Veraenderung) -> str:
    """The sentence on one notable change of the quarter, with the city's change for context.

    „Der Anteil der Menschen ab 80 Jahren ist von 7,9 % auf 8,4 % gestiegen (Stadt: +0,2
    Prozentpunkte).“ Counts: „… von 33.130 auf 34.936 gestiegen (+1.806 Personen, +5,5 %;
    Stadt: +2,1 %).“
    """
    k, q, s = v.kennzahl, v.quartier, v.stadt
    assert q.differenz is not None
    subjekt = SUBJEKTE.get(k.schluessel, f"Die Kennzahl „{k.name}“")
    richtung = "gestiegen" if q.differenz > 0 else "gesunken"
    alt, neu = wert_text(q.alt, k), wert_text(q.neu, k)
    if k.einheit == "Jahre":
        neu += f"{zahlen.GESCHUETZT}Jahre"
    if k.einheit == "":
        eigen = f"{absolut_text(k, q)}, {relativ_text(k, q)}; "
        vergleich = relativ_text(k, s) if s.relativ is not None else zahlen.NICHT_VERFUEGBAR
    else:
        eigen = ""
        vergleich = absolut_text(k, s) if s.differenz is not None else zahlen.NICHT_VERFUEGBAR
    return f"{subjekt} ist von {alt} auf {neu} {richtung} ({eigen}Stadt: {vergleich})."


def _leer(v: Veraenderung) -> bool:
    """No area has a value at either Stichtag (e.g. 80+ where the source ends at „75 und älter“)."""
    return all(
        isinstance(w, Fehlend) for a in (v.quartier, v.stadtbezirk, v.stadt) for w in (a.alt, a.neu)
    )


def _zeilen(v: Veraenderung, namen: tuple[str, str, str]) -> list[dict[str, str]]:
    k = v.kennzahl
    name = k.name if k.einheit in ("", "%") else f"{k.name} ({k.einheit})"
    return [
        {
            "kennzahl": name if i == 0 else "",
            "raum": raum,
            "alt": wert_text(a.alt, k),
            "neu": wert_text(a.neu, k),
            "absolut": absolut_text(k, a),
            "relativ": relativ_text(k, a),
        }
        for i, (raum, a) in enumerate(zip(namen, (v.quartier, v.stadtbezirk, v.stadt), strict=True))
    ]


def _datum(wert: object, option: str) -> dt.date | int | None:
    if wert is None or isinstance(wert, dt.date | int):
        return wert
    raise BenutzungsFehler(f"Ungültiger Stichtag für {option}: „{wert}“.")


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The change report of the quarters in ``grundlagen``."""
    von = _datum(auftrag.optionen.get("von"), "--from")
    bis = _datum(auftrag.optionen.get("bis"), "--to")
    stadt = projekt.konfig.projekt.stadt
    schwellen = projekt.konfig.veraenderungen
    quartiere: list[dict[str, Any]] = []
    tage: set[tuple[dt.date, dt.date]] = set()
    for g in grundlagen:
        q = g.daten.quartier
        alt, neu = zeitraum(g.werte.verlauf, von, bis)
        tage.add((alt.stichtag, neu.stichtag))
        liste = veraenderungen(g.werte, alt, neu, schwellen)
        namen = (
            q.name,
            f"{projekt.konfig.bezeichnungen.stadtbezirk} {q.stadtbezirk}",
            f"Stadt {stadt}",
        )
        d = g.bilder.veraenderung
        quartiere.append(
            {
                **quartier_kontext(q),
                "von": zahlen.datum(alt.stichtag),
                "bis": zahlen.datum(neu.stichtag),
                "zeilen": [z for v in liste if not _leer(v) for z in _zeilen(v, namen)],
                "ohne_werte": ", ".join(v.kennzahl.name for v in liste if _leer(v)),
                "saetze": [satz(v) for v in liste if v.auffaellig],
                "diagramm": Bild(d.png, DIAGRAMM_BREITE_MM, d.alt) if d is not None else None,
                "diagramm_titel": d.titel if d is not None else "",
            }
        )
    (von_bis,) = tage if len(tage) == 1 else (min(tage),)
    namen_text = _aufzaehlung([q["name"] for q in quartiere])
    kontext = {
        **projekt_kontext(projekt),
        "von": zahlen.datum(von_bis[0]),
        "bis": zahlen.datum(von_bis[1]),
        "quartiere": quartiere,
        "quartiersnamen": namen_text,
        "schwellen": (
            f"Als deutliche Veränderung gilt bei Anteilen eine Veränderung um mindestens "
            f"{zahlen.zahl(schwellen.schwelle_prozentpunkte, 1)} Prozentpunkte, bei Anzahlen "
            f"um mindestens {zahlen.zahl(schwellen.schwelle_prozent, 1)} %, beim "
            f"Durchschnittsalter um mindestens {zahlen.zahl(schwellen.schwelle_jahre, 1)} Jahre "
            f"und beim Altenquotienten um mindestens "
            f"{zahlen.zahl(schwellen.schwelle_punkte, 1)} Punkte (einstellbar in qprofil.toml, "
            "Abschnitt [veraenderungen])."
        ),
        "quelle_statistik": (
            f"{statistik_quelle(projekt)}, Stichtage "
            f"{zahlen.datum(von_bis[0])} und {zahlen.datum(von_bis[1])}; eigene Berechnungen. "
            "„.“ = geheim gehalten, „nicht verfügbar“ = aus den Quelldaten nicht berechenbar."
        ),
    }
    eigenschaften = Eigenschaften(
        titel=f"Veränderungen {zahlen.datum(von_bis[0])} bis {zahlen.datum(von_bis[1])}: "
        f"{namen_text}",
        thema=projekt.konfig.projekt.titel,
        autor=projekt.konfig.projekt.herausgeber,
        datum=projekt.konfig.projekt.stand,
        stichworte=f"Veränderungen; Kennzahlen; {namen_text}",
    )
    return kontext, eigenschaften


def _aufzaehlung(namen: Sequence[str]) -> str:
    if len(namen) <= 1:
        return "".join(namen)
    return f"{', '.join(namen[:-1])} und {namen[-1]}"


ART = Dokumentart(
    name="veraenderungen",
    vorlage="veraenderungen.docx",
    dateiname="veraenderungen_{kuerzel}.docx",
    kontext=kontext,
    mehrere=True,
    befehl="qprofil changes",
    bilder=frozenset({"veraenderung"}),
)
