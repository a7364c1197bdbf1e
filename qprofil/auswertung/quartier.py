"""The figures of one quarter, evaluated once and handed to every document kind.

``auswerten`` takes a quarter's read data (stage 1) and gives ``Quartierswerte``: the Stichtage
compared, the populations of quarter, Stadtbezirk and city (for the charts), every demographic
and social indicator with its definition, and the spatial measures where geodata is configured.
Document kinds only format these values; none computes a figure of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qprofil.auswertung import raeumlich
from qprofil.auswertung.kennzahlen import (
    Kennzahl,
    Raeume,
    demografie,
    sozial,
    soziale_lage,
    summe,
    verteilung,
)
from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import Quartiersdaten, Statistik
from qprofil.projekt import Projekt


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
    raeume: Raeume
    demografie: tuple[Kennzahl, ...]
    soziale_lage: tuple[Kennzahl, ...]
    einrichtungen: tuple[Einrichtungen, ...] = ()
    #: Share (%) of the quarter's surface near a Nahversorger (None: not configured/computable).
    nahversorgung_anteil: float | None = None

    @property
    def alle(self) -> dict[str, Kennzahl]:
        """Every indicator by its key (``anteil_65``, ``grundsicherung_65``, …)."""
        return {k.schluessel: k for k in (*self.demografie, *self.soziale_lage)}


def auswerten(projekt: Projekt, daten: Quartiersdaten) -> Quartierswerte:
    """Evaluate one quarter as configured in ``[kennzahlen]`` (and ``[karte]``)."""
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
    sozial_werte = soziale_lage(r, geheim_unter=k.geheimhaltung_unter)
    einrichtungen: tuple[Einrichtungen, ...] = ()
    nahversorgung = None
    karte = projekt.konfig.karte
    if daten.geo is not None and karte is not None:
        g = daten.geo
        einwohner_65 = summe(r.quartier, 65, None)
        einrichtungen = tuple(
            Einrichtungen(art, n, raeumlich.je_1000(n, einwohner_65))
            for art, n in sorted(raeumlich.zaehlen(g.gebiet, g.punkte).items())
        )
        nahversorger = (
            [p for p in g.punkte if p.art == karte.nahversorger] if karte.nahversorger else []
        )
        if nahversorger:
            nahversorgung = raeumlich.anteil_im_umkreis(g.gebiet, nahversorger, karte.radius_m)
    return Quartierswerte(tage, r, tuple(demo), tuple(sozial_werte), einrichtungen, nahversorgung)


@dataclass(frozen=True)
class Stichtage:
    """The Stichtag of a profile and the one five years before (if the data has it)."""

    aktuell: dt.date
    vorher: dt.date | None


def stichtage(projekt: Projekt, statistik: Statistik) -> Stichtage:
    """The configured (or latest) Stichtag and the comparison date five years earlier."""
    vorhanden = statistik.stichtage
    gewuenscht = projekt.konfig.kennzahlen.stichtag
    if gewuenscht is not None and gewuenscht not in vorhanden:
        raise EingabeFehler(
            f"Der Stichtag {gewuenscht:%d.%m.%Y} kommt in der Bevölkerungsstatistik nicht vor "
            f"(vorhanden: {', '.join(f'{t:%d.%m.%Y}' for t in vorhanden)}).",
            Ort("qprofil.toml", spalte="kennzahlen.stichtag"),
            "Tragen Sie einen vorhandenen Stichtag ein oder lassen Sie den Eintrag weg.",
        )
    aktuell = gewuenscht or vorhanden[-1]
    try:
        vorher: dt.date | None = aktuell.replace(year=aktuell.year - 5)
    except ValueError:  # 29 February
        vorher = aktuell.replace(year=aktuell.year - 5, day=28)
    return Stichtage(aktuell, vorher if vorher in vorhanden else None)


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
