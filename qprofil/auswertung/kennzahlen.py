"""Indicators (Kennzahlen) of the profiles: pure functions, no I/O.

Notation as in DOMAIN.md: P(a–b) = residents aged a to under b at the Stichtag (main residence).
Every indicator has its formula here and, in the same words, in the report's notes
(``Kennzahl.definition``). Source of the definitions: Statistisches Bundesamt (Destatis) and
the municipal publications cited in DOMAIN.md; no city's name is printed from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from qprofil.auswertung.stichtage import Stichtage
from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import Altersband, AltersVerteilung, Quartiersdaten, Sozialdaten, Statistik


class Fehlend(enum.Enum):
    """Why a value is not shown: withheld (Geheimhaltung) or not computable from the source."""

    GEHEIM = "."
    NICHT_VERFUEGBAR = "nicht verfügbar"


Wert = float | Fehlend

# Altenquotient: P(65+) / P(a–64) × 100; the lower limit a differs between sources. Only the
# national definition has a source to print; "sozialbericht" and "statistikportal" are the
# limits of municipal publications (a city's Sozialbericht, its statistics portal), whose
# source a project names in [kennzahlen] altenquotient_quelle – without it the note cites none.
ALTENQUOTIENT = {
    "destatis": (20, "Statistisches Bundesamt"),
    "sozialbericht": (18, ""),
    "statistikportal": (15, ""),
}


def altenquotient_quelle_text(definition: str, quelle: str = "") -> str:
    """The source of the Altenquotient definition as printed: the configured one, else the
    national one for "destatis", else "" (no city's publication is named from code)."""
    return quelle or ALTENQUOTIENT[definition][1]


#: The age limits each indicator needs: (von, bis) of the sums it takes; "untere" and
#: "nenner" stand for the configured lower limit of the Altenquotient / Hochaltrigenquote.
GRENZEN: dict[str, tuple[tuple[int | str, int | None], ...]] = {
    "einwohner": (),
    "anteil_u18": ((0, 18),),
    "anteil_65": ((65, None),),
    "anteil_80": ((80, None),),
    "altenquotient": ((65, None), ("untere", 65)),
    "hochaltrigenquote": ((80, None), ("nenner", None)),
    "frauenanteil_80": ((80, None),),
    "allein_65": ((65, None),),
    "grundsicherung_65": ((65, None),),
}


def grund_nicht_verfuegbar(
    schluessel: str,
    v: AltersVerteilung,
    *,
    untere: int = 20,
    nenner_ab: int = 65,
    hoechste_breite: int = 10,
) -> str:
    """Why the age bands of ``v`` do not give this indicator ("" when they do)."""
    if schluessel == "durchschnittsalter":
        return zu_grob(v.baender, hoechste_breite)
    unten = {b.von for b in v.baender}
    oben = {b.bis for b in v.baender if b.bis is not None}
    fehlt: list[int] = []
    for von, bis in GRENZEN.get(schluessel, ()):
        a = untere if von == "untere" else nenner_ab if von == "nenner" else von
        assert isinstance(a, int)
        if a not in unten and a not in fehlt:
            fehlt.append(a)
        if bis is not None and bis not in oben and bis not in fehlt:
            fehlt.append(bis)
    if fehlt:
        vorhanden = sorted(unten | oben)
        return (
            "Die Altersgruppen der Statistik haben keine Grenze bei "
            + " und ".join(f"{a} Jahren" for a in sorted(fehlt))
            + " (Grenzen: "
            + ", ".join(str(a) for a in vorhanden)
            + "); eine Altersgruppe wird nie geteilt"
        )
    if schluessel == "frauenanteil_80" and v.gesamt is not None:
        return "Die Statistik ist nicht nach Geschlecht aufgeteilt"
    return ""


def mit_grund(k: Kennzahl, v: AltersVerteilung, **grenzen: int) -> Kennzahl:
    """``k`` with the reason in its note when a value is not available for lack of age limits."""
    if not v.baender or Fehlend.NICHT_VERFUEGBAR not in (k.quartier, k.stadtbezirk, k.stadt):
        return k
    grund = grund_nicht_verfuegbar(k.schluessel, v, **grenzen)
    if not grund:
        return k
    return dataclasses.replace(k, definition=f"{k.definition} Nicht verfügbar: {grund}.")


def summe(
    v: AltersVerteilung, von: int, bis: int | None = None, geschlecht: str = "gesamt"
) -> int | None:
    """P(von–bis) for ``geschlecht`` "m", "w" or "gesamt"; None if the bands don't fit or a count is unknown.

    ``bis`` is exclusive (None = open end). The limits must coincide with band limits: a band
    is never split, because that would invent a value.
    """
    werte = {"m": v.maennlich, "w": v.weiblich, "gesamt": v.insgesamt()}[geschlecht]
    grenzen_unten = {b.von for b in v.baender}
    grenzen_oben = {b.bis for b in v.baender}
    if von not in grenzen_unten or bis not in grenzen_oben:
        return None
    total = 0
    for band, n in zip(v.baender, werte, strict=True):
        drin = band.von >= von and (bis is None or (band.bis is not None and band.bis <= bis))
        if drin:
            if n is None:
                return None
            total += n
    return total


def quote(zaehler: int | None, nenner: int | None, *, geheim_unter: int = 0) -> Wert:
    """zaehler / nenner × 100, withheld when a count is below the secrecy threshold."""
    if zaehler is None or nenner is None:
        return Fehlend.NICHT_VERFUEGBAR
    if _geheim(zaehler, geheim_unter) or _geheim(nenner, geheim_unter):
        return Fehlend.GEHEIM
    if nenner == 0:
        return Fehlend.NICHT_VERFUEGBAR
    return zaehler / nenner * 100


def _geheim(n: int, geheim_unter: int) -> bool:
    # Zero is published ("-"); only small positive counts identify individuals.
    return 0 < n < geheim_unter


def anzahl(n: int | None, *, geheim_unter: int = 0) -> Wert:
    """A count as a value: withheld below the threshold, unavailable when unknown."""
    if n is None:
        return Fehlend.NICHT_VERFUEGBAR
    return Fehlend.GEHEIM if _geheim(n, geheim_unter) else float(n)


def einwohner(v: AltersVerteilung) -> int | None:
    """P: all residents."""
    return summe(v, 0, None)


def anteil(v: AltersVerteilung, von: int, bis: int | None, *, geheim_unter: int = 0) -> Wert:
    """Anteil = P(von–bis) / P × 100."""
    return quote(summe(v, von, bis), einwohner(v), geheim_unter=geheim_unter)


def entwicklung(jetzt: int | None, vorher: int | None) -> Wert:
    """Entwicklung = (P_t − P_t−5) / P_t−5 × 100."""
    if jetzt is None or vorher is None or vorher == 0:
        return Fehlend.NICHT_VERFUEGBAR
    return (jetzt - vorher) / vorher * 100


#: The open top band must start at this age at least for a Durchschnittsalter: an open band
#: "65 und älter" holds a fifth of the population at an assumed mid-point.
OFFEN_AB_MINDESTENS = 75


def zu_grob(baender: Sequence[Altersband], hoechste_breite: int) -> str:
    """Why the bands are too coarse for a Durchschnittsalter ("" if they are fine enough)."""
    geschlossen = [b for b in baender if b.bis is not None]
    breiteste = max(geschlossen, key=lambda b: (b.bis or 0) - b.von, default=None)
    if breiteste is not None and (breiteste.bis or 0) - breiteste.von > hoechste_breite:
        return (
            f"Die Altersgruppe „{breiteste.label}“ der Statistik umfasst "
            f"{(breiteste.bis or 0) - breiteste.von} Jahre; ein Durchschnittsalter wird nur aus "
            f"Altersgruppen von höchstens {hoechste_breite} Jahren berechnet"
        )
    offen = [b for b in baender if b.bis is None and b.von < OFFEN_AB_MINDESTENS]
    if offen:
        return (
            f"Die oberste Altersgruppe „{offen[0].label}“ der Statistik ist nach oben offen und "
            f"beginnt vor {OFFEN_AB_MINDESTENS} Jahren; ihre Mitte wäre geraten"
        )
    return ""


def durchschnittsalter(
    v: AltersVerteilung, offene_mitte: int = 5, hoechste_breite: int = 10
) -> Wert:
    """Durchschnittsalter ≈ Σ (band mid-point × P(band)) / P.

    From age bands only approximate: the mid-point of [a, b) is (a + b) / 2 years (ages are
    completed years, so a resident "a" is on average a + 0.5 years old); the open top band
    "a und älter" is taken at a + ``offene_mitte``. Not computed from coarse bands
    (:func:`zu_grob`).
    """
    if zu_grob(v.baender, hoechste_breite):
        return Fehlend.NICHT_VERFUEGBAR
    total = 0.0
    n_total = 0
    for band, n in zip(v.baender, v.insgesamt(), strict=True):
        if n is None:
            return Fehlend.NICHT_VERFUEGBAR
        mitte = (band.von + band.bis) / 2 if band.bis is not None else band.von + offene_mitte
        total += mitte * n
        n_total += n
    return total / n_total if n_total else Fehlend.NICHT_VERFUEGBAR


def altenquotient(v: AltersVerteilung, definition: str, *, geheim_unter: int = 0) -> Wert:
    """Altenquotient = P(65+) / P(a–64) × 100, a = 20 (Destatis), 18 (Sozialbericht), 15 (Statistikportal)."""
    untere, _ = ALTENQUOTIENT[definition]
    return quote(summe(v, 65, None), summe(v, untere, 65), geheim_unter=geheim_unter)


def hochaltrigenquote(v: AltersVerteilung, nenner_ab: int = 65, *, geheim_unter: int = 0) -> Wert:
    """Hochaltrigenquote = P(80+) / P(nenner_ab+) × 100 (no authoritative definition; 65 or 60)."""
    return quote(summe(v, 80, None), summe(v, nenner_ab, None), geheim_unter=geheim_unter)


def frauenanteil(v: AltersVerteilung, von: int = 80, *, geheim_unter: int = 0) -> Wert:
    """Frauenanteil 80+ = P_w(80+) / P(80+) × 100."""
    return quote(summe(v, von, None, "w"), summe(v, von, None), geheim_unter=geheim_unter)


@dataclass(frozen=True)
class Kennzahl:
    """One indicator for the quarter, its Stadtbezirk and the city, with its definition."""

    schluessel: str
    name: str
    einheit: str  # "" for counts, "%" for shares, "Jahre", "je 100"
    stellen: int
    quartier: Wert
    stadtbezirk: Wert
    stadt: Wert
    definition: str


@dataclass(frozen=True)
class Raeume:
    """The three areas compared in a profile, at both Stichtage."""

    quartier: AltersVerteilung
    stadtbezirk: AltersVerteilung
    stadt: AltersVerteilung
    quartier_vorher: AltersVerteilung | None
    stadtbezirk_vorher: AltersVerteilung | None
    stadt_vorher: AltersVerteilung | None
    sozial_quartier: Sozialdaten | None
    sozial_stadtbezirk: Sozialdaten | None
    sozial_stadt: Sozialdaten | None


def verteilung(statistik: Statistik, nummern: Sequence[str], stichtag: dt.date) -> AltersVerteilung:
    """The population of several areas at one Stichtag, summed (KeyError if one is missing)."""
    teile = [statistik.bevoelkerung[(stichtag, nr)] for nr in nummern]
    ergebnis = teile[0]
    for teil in teile[1:]:
        ergebnis = ergebnis + teil
    return ergebnis


def sozial(statistik: Statistik, nummern: Sequence[str], stichtag: dt.date) -> Sozialdaten | None:
    """The social data of several areas at one Stichtag, summed; None if any area lacks them."""
    if not all((stichtag, nr) in statistik.sozialdaten for nr in nummern):
        return None
    teile = [statistik.sozialdaten[(stichtag, nr)] for nr in nummern]
    ergebnis = teile[0]
    for teil in teile[1:]:
        ergebnis = ergebnis + teil
    return ergebnis


def demografie(
    r: Raeume,
    *,
    altenquotient_definition: str = "destatis",
    hochaltrige_nenner_ab: int = 65,
    offene_mitte: int = 5,
    geheim_unter: int = 0,
    vergleichsjahre: int = 5,
    hoechste_breite: int = 10,
    altenquotient_quelle: str = "",
    vergleich_fehlt: dt.date | None = None,
) -> list[Kennzahl]:
    """The demographic indicators of a profile, each for quarter, Stadtbezirk and city.

    ``vergleich_fehlt``: the comparison date the statistics lack (named in the note of the
    Entwicklung).
    """
    g = geheim_unter
    drei = (r.quartier, r.stadtbezirk, r.stadt)
    vorher = (r.quartier_vorher, r.stadtbezirk_vorher, r.stadt_vorher)
    untere, _ = ALTENQUOTIENT[altenquotient_definition]
    quelle_aq = altenquotient_quelle_text(altenquotient_definition, altenquotient_quelle)

    def je(f) -> tuple[Wert, Wert, Wert]:  # type: ignore[no-untyped-def]
        return tuple(f(v) for v in drei)  # type: ignore[return-value]

    entw = tuple(
        entwicklung(einwohner(jetzt), einwohner(alt) if alt is not None else None)
        for jetzt, alt in zip(drei, vorher, strict=True)
    )
    grenzen = {
        "untere": untere,
        "nenner_ab": hochaltrige_nenner_ab,
        "hoechste_breite": hoechste_breite,
    }
    liste = [
        Kennzahl(
            "einwohner",
            "Einwohnerinnen und Einwohner",
            "",
            0,
            *je(lambda v: anzahl(einwohner(v), geheim_unter=g)),
            "Einwohner: Personen mit Hauptwohnsitz am Stichtag.",
        ),
        Kennzahl(
            "entwicklung",
            f"Entwicklung in {vergleichsjahre} Jahren",
            "%",
            1,
            *entw,
            f"Entwicklung: (P am Stichtag − P {vergleichsjahre} Jahre zuvor) / "
            f"P {vergleichsjahre} Jahre zuvor × 100."
            + (
                f" Nicht verfügbar: Die Statistik hat keine Zahlen zum {vergleich_fehlt:%d.%m.%Y}."
                if vergleich_fehlt is not None
                else ""
            ),
        ),
        Kennzahl(
            "durchschnittsalter",
            "Durchschnittsalter",
            "Jahre",
            1,
            *je(lambda v: durchschnittsalter(v, offene_mitte, hoechste_breite)),
            "Durchschnittsalter: näherungsweise aus Altersgruppen berechnet (Mitte jeder "
            f"Altersgruppe; oberste offene Gruppe mit ihrer Untergrenze + {offene_mitte} Jahre).",
        ),
        Kennzahl(
            "anteil_u18",
            "Anteil unter 18 Jahren",
            "%",
            1,
            *je(lambda v: anteil(v, 0, 18, geheim_unter=g)),
            "Anteil unter 18: P(0 bis unter 18) / P × 100.",
        ),
        Kennzahl(
            "anteil_65",
            "Anteil 65 Jahre und älter",
            "%",
            1,
            *je(lambda v: anteil(v, 65, None, geheim_unter=g)),
            "Anteil 65+: P(65 und älter) / P × 100.",
        ),
        Kennzahl(
            "anteil_80",
            "Anteil 80 Jahre und älter (Hochbetagte)",
            "%",
            1,
            *je(lambda v: anteil(v, 80, None, geheim_unter=g)),
            "Anteil 80+: P(80 und älter) / P × 100.",
        ),
        Kennzahl(
            "altenquotient",
            "Altenquotient",
            "je 100",
            1,
            *je(lambda v: altenquotient(v, altenquotient_definition, geheim_unter=g)),
            f"Altenquotient: Einwohner ab 65 Jahren je 100 Einwohner von {untere} bis unter "
            f"65 Jahren, P(65+) / P({untere}–64) × 100 ("
            + (f"Definition: {quelle_aq}; andere " if quelle_aq else "Andere ")
            + "Quellen verwenden andere Altersgrenzen, daher ist der Wert nur mit gleicher "
            "Definition vergleichbar).",
        ),
        Kennzahl(
            "hochaltrigenquote",
            "Hochaltrigenquote",
            "%",
            1,
            *je(lambda v: hochaltrigenquote(v, hochaltrige_nenner_ab, geheim_unter=g)),
            f"Hochaltrigenquote: P(80+) / P({hochaltrige_nenner_ab}+) × 100, Anteil der "
            f"Hochbetagten an allen Einwohnern ab {hochaltrige_nenner_ab} Jahren.",
        ),
        Kennzahl(
            "frauenanteil_80",
            "Frauenanteil 80 Jahre und älter",
            "%",
            1,
            *je(lambda v: frauenanteil(v, 80, geheim_unter=g)),
            "Frauenanteil 80+: Frauen ab 80 Jahren / Einwohner ab 80 Jahren × 100.",
        ),
    ]
    return [mit_grund(k, r.quartier, **grenzen) for k in liste]


def soziale_lage(
    r: Raeume, *, geheim_unter: int = 0, ohne_sozialdaten: bool = False
) -> list[Kennzahl]:
    """Household and poverty indicators for quarter, Stadtbezirk and city.

    ``ohne_sozialdaten``: the project has no social data at all (none configured, or an empty
    workbook); the note of each indicator says so.
    """
    g = geheim_unter
    paare = (
        (r.sozial_quartier, r.quartier),
        (r.sozial_stadtbezirk, r.stadtbezirk),
        (r.sozial_stadt, r.stadt),
    )

    def je(f) -> tuple[Wert, Wert, Wert]:  # type: ignore[no-untyped-def]
        return tuple(  # type: ignore[return-value]
            f(s, v) if s is not None else Fehlend.NICHT_VERFUEGBAR for s, v in paare
        )

    liste = [
        Kennzahl(
            "haushalte",
            "Haushalte",
            "",
            0,
            *je(lambda s, v: anzahl(s.haushalte, geheim_unter=g)),
            "Haushalte: aus dem Melderegister geschätzte Zahl der Haushalte.",
        ),
        Kennzahl(
            "einpersonenhaushalte",
            "Anteil Einpersonenhaushalte",
            "%",
            1,
            *je(lambda s, v: quote(s.einpersonenhaushalte, s.haushalte, geheim_unter=g)),
            "Einpersonenhaushalte: Haushalte mit einer Person / alle Haushalte × 100 "
            "(Haushalte aus dem Melderegister geschätzt).",
        ),
        Kennzahl(
            "allein_65",
            "Allein lebende Personen ab 65 Jahren",
            "%",
            1,
            *je(lambda s, v: quote(s.allein_lebende_65, summe(v, 65, None), geheim_unter=g)),
            "Allein lebende 65+: Personen ab 65 Jahren in Einpersonenhaushalten / P(65+) × 100.",
        ),
        Kennzahl(
            "grundsicherung_65",
            "Grundsicherung im Alter (65+)",
            "%",
            1,
            *je(lambda s, v: quote(s.grundsicherung_65, summe(v, 65, None), geheim_unter=g)),
            "Grundsicherung im Alter: Empfängerinnen und Empfänger ab 65 Jahren (SGB XII, "
            "4. Kapitel) / P(65+) × 100 (kleinräumige Praxis; amtlich: ab der "
            "Regelaltersgrenze).",
        ),
    ]
    if ohne_sozialdaten:
        return [keine_sozialdaten(k) for k in liste]
    return [mit_grund(k, r.quartier) for k in liste]


def keine_sozialdaten(k: Kennzahl) -> Kennzahl:
    """``k`` with the reason in its note that the project has no small-area social data."""
    return dataclasses.replace(
        k,
        definition=f"{k.definition} Nicht verfügbar: Es liegen keine kleinräumigen Sozialdaten vor.",
    )


def raeume(daten: Quartiersdaten, tage: Stichtage) -> Raeume:
    """Quarter, its Stadtbezirk and the city at both Stichtage, ready for the indicators."""
    s = daten.statistik
    q = daten.quartier
    stadt = (s.stadt_nr(),)
    bezirk = (q.stadtbezirk_nr,)

    def vorher(nummern: tuple[str, ...]):  # type: ignore[no-untyped-def]
        if tage.vorher is None:
            return None
        try:
            return verteilung(s, nummern, tage.vorher)
        except KeyError:
            return None

    try:
        return Raeume(
            quartier=verteilung(s, q.unterbezirke, tage.aktuell),
            stadtbezirk=verteilung(s, bezirk, tage.aktuell),
            stadt=verteilung(s, stadt, tage.aktuell),
            quartier_vorher=vorher(q.unterbezirke),
            stadtbezirk_vorher=vorher(bezirk),
            stadt_vorher=vorher(stadt),
            sozial_quartier=sozial(s, q.unterbezirke, tage.aktuell),
            sozial_stadtbezirk=sozial(s, bezirk, tage.aktuell),
            sozial_stadt=sozial(s, stadt, tage.aktuell),
        )
    except KeyError as err:
        raise EingabeFehler(
            f"Für Raum {err.args[0][1]} fehlen Bevölkerungszahlen zum Stichtag "
            f"{tage.aktuell:%d.%m.%Y}.",
            Ort(s.quellen[0].name if s.quellen else "Statistik"),
            "Ergänzen Sie die Zahlen oder korrigieren Sie die Unterbezirke des Quartiers.",
        ) from err
