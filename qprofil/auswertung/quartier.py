"""The figures of one quarter, evaluated once and handed to every document kind.

``auswerten`` takes a quarter's read data (stage 1) and gives ``Quartierswerte``: the Stichtage
compared, the populations of quarter, Stadtbezirk and city (for the charts), every demographic
and social indicator with its definition, and the spatial measures where geodata is configured.
Document kinds only format these values; none computes a figure of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qprofil.auswertung import raeumlich
from qprofil.auswertung.kennzahlen import Fehlend, Kennzahl, Wert, summe
from qprofil.auswertung.stichtage import Stichtage, stichtage
from qprofil.fehler import BenutzungsFehler
from qprofil.modell import AltersVerteilung, Quartiersdaten
from qprofil.projekt import Projekt, VeraenderungEinstellungen

if TYPE_CHECKING:
    from qprofil.auswertung.auswertung import Auswertung


@dataclass(frozen=True)
class Einrichtungen:
    """Points of one kind inside the quarter, absolute and per 1,000 residents 65+."""

    art: str
    anzahl: int
    je_1000: float | None


@dataclass(frozen=True)
class Stand:
    """Every indicator of quarter, Stadtbezirk and city at one Stichtag, by indicator key."""

    stichtag: dt.date
    quartier: Mapping[str, Wert]
    stadtbezirk: Mapping[str, Wert]
    stadt: Mapping[str, Wert]


@dataclass(frozen=True)
class Quartierswerte:
    """Everything computed for one quarter."""

    tage: Stichtage
    #: Populations by age band at the Stichtag, for the age-structure chart.
    verteilung_quartier: AltersVerteilung
    verteilung_stadt: AltersVerteilung
    demografie: tuple[Kennzahl, ...]
    soziale_lage: tuple[Kennzahl, ...]
    einrichtungen: tuple[Einrichtungen, ...] = ()
    #: Share (%) of the quarter's surface near a Nahversorger (None: not configured/computable).
    nahversorgung_anteil: float | None = None
    #: The indicators at every Stichtag the quarter has values for, oldest first.
    verlauf: tuple[Stand, ...] = ()

    @property
    def alle(self) -> dict[str, Kennzahl]:
        """Every indicator by its key (``anteil_65``, ``grundsicherung_65``, …)."""
        return {k.schluessel: k for k in (*self.demografie, *self.soziale_lage)}


def auswerten(projekt: Projekt, daten: Quartiersdaten, auswertung: Auswertung) -> Quartierswerte:
    """The quarter's share of the run's evaluation (``Auswertung``: every indicator for every
    area and Stichtag, computed once on the tidy table), plus its spatial measures."""
    tage = stichtage(projekt, daten.statistik)
    demo, sozial_werte = auswertung.profil_kennzahlen(daten.quartier, tage)
    v_quartier = auswertung.verteilung(daten.quartier, tage.aktuell)
    v_stadt = auswertung.verteilung(daten.statistik.stadt_nr(), tage.aktuell)
    einrichtungen: tuple[Einrichtungen, ...] = ()
    nahversorgung = None
    karte = projekt.konfig.karte
    if daten.geo is not None and karte is not None:
        g = daten.geo
        einwohner_65 = summe(v_quartier, 65, None)
        einrichtungen = tuple(
            Einrichtungen(art, n, raeumlich.je_1000(n, einwohner_65))
            for art, n in sorted(raeumlich.zaehlen(g.gebiet, g.punkte).items())
        )
        nahversorger = (
            [p for p in g.punkte if p.art == karte.nahversorger] if karte.nahversorger else []
        )
        if nahversorger:
            nahversorgung = raeumlich.anteil_im_umkreis(g.gebiet, nahversorger, karte.radius_m)
    verlauf = tuple(Stand(tag, *werte) for tag, werte in auswertung.verlauf(daten.quartier))
    return Quartierswerte(
        tage,
        v_quartier,
        v_stadt,
        tuple(demo),
        tuple(sozial_werte),
        einrichtungen,
        nahversorgung,
        verlauf,
    )


# --- changes between two Stichtage (qprofil changes) --------------------------------------

#: Indicators the change report leaves out: Entwicklung is itself a change over five years.
OHNE_VERAENDERUNG = frozenset({"entwicklung"})


@dataclass(frozen=True)
class Aenderung:
    """One indicator of one area at two Stichtage.

    ``differenz``: neu − alt in the indicator's unit (for shares: Prozentpunkte);
    ``relativ``: (neu − alt) / alt × 100, only for counts (None for shares, ages, ratios: a
    relative change of a share would be mistaken for Prozentpunkte).
    """

    alt: Wert
    neu: Wert
    differenz: float | None
    relativ: float | None


@dataclass(frozen=True)
class Veraenderung:
    """One indicator's change for quarter, Stadtbezirk and city, and whether it is notable."""

    kennzahl: Kennzahl
    quartier: Aenderung
    stadtbezirk: Aenderung
    stadt: Aenderung
    auffaellig: bool


def zeitraum(
    verlauf: tuple[Stand, ...], von: dt.date | int | None, bis: dt.date | int | None
) -> tuple[Stand, Stand]:
    """The two Stichtage compared: as asked, or the two latest the quarter has values for.

    ``von``/``bis`` may be a date or a year (the Stichtag in that year, if there is one).
    """
    tage = [s.stichtag for s in verlauf]
    liste = ", ".join(f"{t:%d.%m.%Y}" for t in tage) or "keine"

    def finden(tag: dt.date | int | None, option: str) -> dt.date | None:
        if tag is None:
            return None
        passend = [t for t in tage if (t.year == tag if isinstance(tag, int) else t == tag)]
        if len(passend) != 1:
            text = str(tag) if isinstance(tag, int) else f"{tag:%d.%m.%Y}"
            raise BenutzungsFehler(
                f"Den Stichtag {text} ({option}) gibt es in der Statistik für dieses Quartier "
                f"nicht{' eindeutig' if passend else ''} (vorhanden: {liste}).",
                hilfe="Wählen Sie einen der vorhandenen Stichtage, z. B. „--from "
                f"{tage[0]:%d.%m.%Y}“.",
            )
        return passend[0]

    von, bis = finden(von, "--from"), finden(bis, "--to")
    bis = bis or tage[-1]  # the quarter has values at least at the profile's Stichtag
    frueher = [t for t in tage if t < bis]
    if von is None and not frueher:
        raise BenutzungsFehler(
            f"Für einen Vergleich braucht es einen Stichtag vor dem {bis:%d.%m.%Y}; die "
            f"Statistik hat für dieses Quartier: {liste}.",
            hilfe="Ergänzen Sie die Bevölkerungsstatistik um einen früheren Stichtag.",
        )
    von = von or frueher[-1]
    if von >= bis:
        raise BenutzungsFehler(
            f"--from ({von:%d.%m.%Y}) muss vor --to ({bis:%d.%m.%Y}) liegen.",
            hilfe="Tauschen Sie die beiden Stichtage.",
        )
    nach_tag = {s.stichtag: s for s in verlauf}
    return nach_tag[von], nach_tag[bis]


def _aenderung(alt: Wert, neu: Wert, einheit: str) -> Aenderung:
    if isinstance(alt, Fehlend) or isinstance(neu, Fehlend):
        return Aenderung(alt, neu, None, None)
    relativ = (neu - alt) / alt * 100 if einheit == "" and alt != 0 else None
    return Aenderung(alt, neu, neu - alt, relativ)


def _gerundet(wert: float, stellen: int) -> float:
    """Half-up rounding as the documents show the value (DIN 1333)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(str(wert)).quantize(Decimal(1).scaleb(-stellen), ROUND_HALF_UP))


def auffaellig(k: Kennzahl, a: Aenderung, schwellen: VeraenderungEinstellungen) -> bool:
    """Whether the quarter's change reaches the threshold of its kind.

    Compared as the report shows it (rounded to the indicator's places): a change shown as 0,0
    is never notable, and one shown as 0,5 reaches a threshold of 0,5.
    """
    if a.differenz is None or a.differenz == 0:
        return False
    if k.einheit == "":
        return a.relativ is not None and _gerundet(abs(a.relativ), 1) >= schwellen.schwelle_prozent
    schwelle = {
        "%": schwellen.schwelle_prozentpunkte,
        "Jahre": schwellen.schwelle_jahre,
    }.get(k.einheit, schwellen.schwelle_punkte)
    betrag = _gerundet(abs(a.differenz), k.stellen)
    return betrag > 0 and betrag >= schwelle


def veraenderungen(
    werte: Quartierswerte, alt: Stand, neu: Stand, schwellen: VeraenderungEinstellungen
) -> list[Veraenderung]:
    """Every indicator (except Entwicklung) at both Stichtage, for quarter, Stadtbezirk, city."""
    ergebnis = []
    for schluessel, k in werte.alle.items():
        if schluessel in OHNE_VERAENDERUNG:
            continue
        q, b, s = (
            _aenderung(getattr(alt, raum)[schluessel], getattr(neu, raum)[schluessel], k.einheit)
            for raum in ("quartier", "stadtbezirk", "stadt")
        )
        ergebnis.append(Veraenderung(k, q, b, s, auffaellig(k, q, schwellen)))
    return ergebnis
