"""The data model: frozen objects that the readers produce and the documents consume.

German domain nouns as users and template authors say them (see docs/glossar.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HANDLUNGSFELDER: dict[int, str] = {
    1: "Wohnen, Wohnumfeld, Nahversorgung, Nahmobilität, Sicherheit, Sauberkeit",
    2: "Gesundheit und Pflege",
    3: (
        "Soziale Netze, Nachbarschaft, bürgerschaftliches Engagement, Beratung, "
        "Altersarmut und soziale Armut"
    ),
}


@dataclass(frozen=True, order=True)
class Altersband:
    """An age band [von, bis) in completed years; ``bis`` None means "von und älter"."""

    von: int
    bis: int | None

    @property
    def label(self) -> str:
        """German label as statistical offices print it."""
        if self.bis is None:
            return f"{self.von} und älter"
        return f"{self.von} bis unter {self.bis}"

    @property
    def kurz(self) -> str:
        """Short label for chart axes (``80–84``, ``90+``)."""
        if self.bis is None:
            return f"{self.von}+"
        return f"{self.von}–{self.bis - 1}"


@dataclass(frozen=True)
class AltersVerteilung:
    """Residents of one area at one Stichtag by age band and sex.

    ``maennlich``/``weiblich`` are aligned with ``baender``; a value of None means the
    count is unknown or withheld (".") in the source.
    """

    baender: tuple[Altersband, ...]
    maennlich: tuple[int | None, ...]
    weiblich: tuple[int | None, ...]

    def __post_init__(self) -> None:
        if not (len(self.baender) == len(self.maennlich) == len(self.weiblich)):
            raise ValueError("Altersbänder und Werte haben unterschiedliche Längen")

    def insgesamt(self) -> tuple[int | None, ...]:
        """Both sexes per band (None if either is unknown)."""
        return tuple(
            None if m is None or w is None else m + w
            for m, w in zip(self.maennlich, self.weiblich, strict=True)
        )

    def __add__(self, other: AltersVerteilung) -> AltersVerteilung:
        if self.baender != other.baender:
            raise ValueError("Altersbänder passen nicht zusammen")

        def plus(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return AltersVerteilung(
            self.baender,
            tuple(plus(a, b) for a, b in zip(self.maennlich, other.maennlich, strict=True)),
            tuple(plus(a, b) for a, b in zip(self.weiblich, other.weiblich, strict=True)),
        )


@dataclass(frozen=True)
class Sozialdaten:
    """Household and social-benefit counts of one area at one Stichtag (None = unknown)."""

    haushalte: int | None
    einpersonenhaushalte: int | None
    allein_lebende_65: int | None
    grundsicherung_65: int | None

    def __add__(self, other: Sozialdaten) -> Sozialdaten:
        def plus(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return Sozialdaten(
            plus(self.haushalte, other.haushalte),
            plus(self.einpersonenhaushalte, other.einpersonenhaushalte),
            plus(self.allein_lebende_65, other.allein_lebende_65),
            plus(self.grundsicherung_65, other.grundsicherung_65),
        )


@dataclass(frozen=True)
class Raum:
    """A statistical area, identified by its code (names are ambiguous in Dortmund)."""

    nr: str
    name: str
    ebene: str  # "Stadt", "Stadtbezirk", "Unterbezirk"


@dataclass(frozen=True)
class Statistik:
    """All small-area statistics: population by band and sex, and social data, per area and Stichtag."""

    raeume: dict[str, Raum]
    bevoelkerung: dict[tuple[dt.date, str], AltersVerteilung]
    sozialdaten: dict[tuple[dt.date, str], Sozialdaten]
    quellen: tuple[Path, ...] = ()

    @property
    def stichtage(self) -> tuple[dt.date, ...]:
        """All Stichtage with population data, oldest first."""
        return tuple(sorted({tag for tag, _ in self.bevoelkerung}))

    def stadt_nr(self) -> str:
        """Code of the city as a whole."""
        for raum in self.raeume.values():
            if raum.ebene == "Stadt":
                return raum.nr
        raise KeyError("Stadt")


@dataclass(frozen=True)
class Seniorenbuero:
    """A senior office (one per Stadtbezirk)."""

    name: str
    stadtbezirk_nr: str
    traeger: str = ""
    anschrift: str = ""
    telefon: str = ""
    email: str = ""
    sprechzeiten: str = ""


@dataclass(frozen=True)
class Quartier:
    """A reference quarter: a set of statistical Unterbezirke inside one Stadtbezirk."""

    kuerzel: str
    name: str
    stadtbezirk_nr: str
    stadtbezirk: str
    unterbezirke: tuple[str, ...]
    siedlungstyp: str
    bauepoche: str
    flaeche_ha: Decimal | None
    seniorenbuero: Seniorenbuero
    motto: str = ""


@dataclass(frozen=True)
class Einrichtung:
    """One row of a survey's infrastructure inventory."""

    handlungsfeld: int
    einrichtung: str
    art: str
    lage: str
    anzahl: int
    barrierefrei: bool | None
    bemerkung: str


@dataclass(frozen=True)
class Einschaetzung:
    """A senior office's assessment of one Handlungsfeld."""

    handlungsfeld: int
    staerken: tuple[str, ...]
    defizite: tuple[str, ...]
    anmerkungen: tuple[str, ...]


@dataclass(frozen=True)
class Befragung:
    """One senior office's returned survey workbook."""

    datei: Path
    seniorenbuero: str
    quartier: str  # kuerzel
    ausgefuellt_von: str
    datum: dt.date | None
    inventar: tuple[Einrichtung, ...]
    einschaetzungen: tuple[Einschaetzung, ...]

    def einschaetzung(self, handlungsfeld: int) -> Einschaetzung:
        """The assessment of one Handlungsfeld (empty if the office left it out)."""
        for e in self.einschaetzungen:
            if e.handlungsfeld == handlungsfeld:
                return e
        return Einschaetzung(handlungsfeld, (), (), ())


@dataclass(frozen=True)
class Planauszug:
    """A passage from a master plan or IHK, assigned to a quarter (or all) and a Handlungsfeld."""

    plan: str
    fundstelle: str
    datum: dt.date | None
    quartier: str | None  # kuerzel, None = alle Quartiere
    handlungsfeld: int
    text: str


@dataclass(frozen=True)
class Foto:
    """A walkthrough photo with its caption; ``datei`` is inside the quarter's photo folder."""

    datei: Path
    bildunterschrift: str
    ort: str
    datum: dt.date | None
    handlungsfeld: int | None
    bemerkung: str


@dataclass(frozen=True)
class Massnahme:
    """A proposed measure (Maßnahmevorschlag)."""

    nr: str
    quartier: str  # kuerzel
    handlungsfeld: int
    titel: str
    beschreibung: str
    zustaendig: str
    prioritaet: str
    kosten: Decimal | None
    status: str


@dataclass(frozen=True)
class Quartiersdaten:
    """Everything known about one quarter: the input of every document kind."""

    quartier: Quartier
    statistik: Statistik
    befragung: Befragung | None
    planauszuege: tuple[Planauszug, ...]
    fotos: tuple[Foto, ...]
    massnahmen: tuple[Massnahme, ...]
    eingabedateien: tuple[Path, ...] = field(default=())
