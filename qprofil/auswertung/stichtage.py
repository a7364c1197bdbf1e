"""The Stichtage a profile compares: the configured (or latest) one and the one five years before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import Statistik
from qprofil.projekt import Projekt

#: Entwicklung compares with the Stichtag this many years earlier.
VERGLEICHSJAHRE = 5


@dataclass(frozen=True)
class Stichtage:
    """The Stichtag of a profile and the one five years before (if the data has it)."""

    aktuell: dt.date
    vorher: dt.date | None


def jahre_vorher(tag: dt.date, jahre: int = VERGLEICHSJAHRE) -> dt.date:
    """The same calendar day ``jahre`` years earlier; 29 February becomes 28 February."""
    try:
        return tag.replace(year=tag.year - jahre)
    except ValueError:  # 29 February
        return tag.replace(year=tag.year - jahre, day=28)


def stichtage(projekt: Projekt, statistik: Statistik) -> Stichtage:
    """The configured (or latest) Stichtag and the comparison date five years earlier."""
    vorhanden = statistik.stichtage
    gewuenscht = projekt.konfig.kennzahlen.stichtag
    if gewuenscht is not None and gewuenscht not in vorhanden:
        raise EingabeFehler(
            f"Der Stichtag {gewuenscht:%d.%m.%Y} kommt in der Bevölkerungsstatistik nicht vor "
            f"(vorhanden: {', '.join(f'{t:%d.%m.%Y}' for t in vorhanden)}).",
            Ort("qprofil.toml", spalte="kennzahlen.stichtag"),
            "Tragen Sie einen vorhandenen Stichtag ein oder lassen Sie den Eintrag weg "
            "(docs/konfiguration.md).",
        )
    aktuell = gewuenscht or vorhanden[-1]
    vorher = jahre_vorher(aktuell)
    return Stichtage(aktuell, vorher if vorher in vorhanden else None)
