"""The figures of one quarter, evaluated once and handed to every document kind.

``auswerten`` takes a quarter's read data (stage 1) and gives ``Quartierswerte``: the Stichtage
compared, the populations of quarter, Stadtbezirk and city (for the charts), every demographic
and social indicator with its definition, and the spatial measures where geodata is configured.
Document kinds only format these values; none computes a figure of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qprofil.auswertung import raeumlich
from qprofil.auswertung.kennzahlen import Kennzahl, summe
from qprofil.auswertung.stichtage import Stichtage, stichtage
from qprofil.modell import AltersVerteilung, Quartiersdaten
from qprofil.projekt import Projekt

if TYPE_CHECKING:
    from qprofil.auswertung.auswertung import Auswertung


@dataclass(frozen=True)
class Einrichtungen:
    """Points of one kind inside the quarter, absolute and per 1,000 residents 65+."""

    art: str
    anzahl: int
    je_1000: float | None


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
    return Quartierswerte(
        tage, v_quartier, v_stadt, tuple(demo), tuple(sozial_werte), einrichtungen, nahversorgung
    )
