"""The data model: frozen objects that the readers produce and the documents consume.

German domain nouns as users and template authors say them (see docs/glossar.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from qprofil.fehler import Ort

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
    count is unknown or withheld (".") in the source. A source without a split by sex gives
    ``gesamt`` instead (and None for every male/female count).
    """

    baender: tuple[Altersband, ...]
    maennlich: tuple[int | None, ...]
    weiblich: tuple[int | None, ...]
    gesamt: tuple[int | None, ...] | None = None

    def __post_init__(self) -> None:
        laengen = {len(self.baender), len(self.maennlich), len(self.weiblich)}
        if self.gesamt is not None:
            laengen.add(len(self.gesamt))
        if len(laengen) != 1:
            raise ValueError("Altersbänder und Werte haben unterschiedliche Längen")

    @classmethod
    def ohne_geschlecht(
        cls, baender: tuple[Altersband, ...], gesamt: tuple[int | None, ...]
    ) -> AltersVerteilung:
        """A distribution from a source that gives totals per band only."""
        leer = (None,) * len(baender)
        return cls(baender, leer, leer, gesamt)

    def insgesamt(self) -> tuple[int | None, ...]:
        """Both sexes per band (None if unknown)."""
        if self.gesamt is not None:
            return self.gesamt
        return tuple(_plus(m, w) for m, w in zip(self.maennlich, self.weiblich, strict=True))

    def __add__(self, other: AltersVerteilung) -> AltersVerteilung:
        if self.baender != other.baender:
            raise ValueError("Altersbänder passen nicht zusammen")
        gesamt = None
        if self.gesamt is not None or other.gesamt is not None:
            gesamt = tuple(
                _plus(a, b) for a, b in zip(self.insgesamt(), other.insgesamt(), strict=True)
            )
        return AltersVerteilung(
            self.baender,
            tuple(_plus(a, b) for a, b in zip(self.maennlich, other.maennlich, strict=True)),
            tuple(_plus(a, b) for a, b in zip(self.weiblich, other.weiblich, strict=True)),
            gesamt,
        )


def _plus(a: int | None, b: int | None) -> int | None:
    """Sum of two counts; unknown if either is unknown."""
    return None if a is None or b is None else a + b


@dataclass(frozen=True)
class Sozialdaten:
    """Household and social-benefit counts of one area at one Stichtag (None = unknown)."""

    haushalte: int | None
    einpersonenhaushalte: int | None
    allein_lebende_65: int | None
    grundsicherung_65: int | None

    def __add__(self, other: Sozialdaten) -> Sozialdaten:
        return Sozialdaten(
            _plus(self.haushalte, other.haushalte),
            _plus(self.einpersonenhaushalte, other.einpersonenhaushalte),
            _plus(self.allein_lebende_65, other.allein_lebende_65),
            _plus(self.grundsicherung_65, other.grundsicherung_65),
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


Barrierefrei = Literal["ja", "nein", "teilweise", "unbekannt"]


@dataclass(frozen=True)
class Einrichtung:
    """One row of a survey's infrastructure inventory."""

    handlungsfeld: int
    einrichtung: str
    art: str
    lage: str
    anzahl: int
    #: "ja", "nein", "teilweise" or "unbekannt" (empty cell, "k. A.", "?") – four distinct answers.
    barrierefrei: Barrierefrei
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
    #: Where the date stands (file, sheet, row, column), for messages about it.
    datum_ort: Ort | None = field(default=None, compare=False, repr=False)

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
    datum_ort: Ort | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Foto:
    """A walkthrough photo with its caption; ``datei`` is inside the quarter's photo folder."""

    datei: Path
    bildunterschrift: str
    ort: str
    datum: dt.date | None
    handlungsfeld: int | None
    bemerkung: str
    datum_ort: Ort | None = field(default=None, compare=False, repr=False)


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
    dialog: Buergerdialog | None = None
    geo: QuartiersGeo | None = None  # where boundaries are configured ([karte])


@dataclass(frozen=True)
class Programmpunkt:
    """One item of a citizen dialogue's agenda."""

    uhrzeit: str
    titel: str


@dataclass(frozen=True)
class Veranstaltung:
    """The facts of a citizen dialogue (daten/buergerdialog/<kürzel>/veranstaltung.xlsx)."""

    titel: str
    datum: dt.date
    datum_bis: dt.date | None
    uhrzeit: str
    ort: str
    moderation: str
    teilnehmende: int | None
    teilnehmende_ungefaehr: bool  # entered as "ca. 70"
    tagesordnung: tuple[Programmpunkt, ...]


@dataclass(frozen=True)
class Themenkarte:
    """A card written at a workshop table, assigned to a Handlungsfeld."""

    handlungsfeld: int
    text: str


@dataclass(frozen=True)
class Vorschlag:
    """A proposal of a workshop with its votes (dots) and the measures it became (by Nr)."""

    handlungsfeld: int
    text: str
    punkte: int
    massnahmen: tuple[str, ...]  # Nr in daten/massnahmen.xlsx


@dataclass(frozen=True)
class Interview:
    """One interview with an older resident (instead of a workshop)."""

    nr: int  # running number in the file
    datum: dt.date | None
    altersgruppe: str
    geschlecht: str  # "weiblich", "männlich", "divers" or "keine Angabe"
    handlungsfeld: int
    aussagen: tuple[str, ...]
    wuensche: tuple[str, ...]
    massnahmen: tuple[str, ...]


@dataclass(frozen=True)
class Frage:
    """A question of the evaluation form: a scale 1–5 or free text."""

    spalte: str
    text: str
    freitext: bool
    bedeutung_1: str = ""
    bedeutung_5: str = ""


@dataclass(frozen=True)
class Evaluation:
    """The returned evaluation forms: per question the answers (None = not answered)."""

    fragen: tuple[Frage, ...]
    boegen: int
    skala: dict[str, tuple[int | None, ...]]  # by Frage.spalte
    freitext: dict[str, tuple[str, ...]]  # by Frage.spalte, empty answers left out


@dataclass(frozen=True)
class Buergerdialog:
    """A quarter's citizen dialogue: a workshop (Bürgerwerkstatt) or a set of interviews."""

    art: str  # "werkstatt" or "interviews"
    veranstaltung: Veranstaltung
    themenkarten: tuple[Themenkarte, ...]
    vorschlaege: tuple[Vorschlag, ...]
    interviews: tuple[Interview, ...]
    evaluation: Evaluation | None
    dateien: tuple[Path, ...]


# --- geodata (read by einlesen/geodaten.py) ---------------------------------------------


@dataclass(frozen=True)
class Gebiet:
    """A statistical area: its code, name and polygon (shapely) in EPSG:25832 metres."""

    nr: str
    name: str
    geometrie: Any  # shapely Polygon or MultiPolygon


@dataclass(frozen=True)
class Punkt:
    """A point of interest of one kind (``art``, e.g. "Apotheken") in EPSG:25832 metres."""

    art: str
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class Geodaten:
    """All areas (by code) and all points of the project."""

    gebiete: dict[str, Gebiet]
    punkte: tuple[Punkt, ...]


@dataclass(frozen=True)
class QuartiersGeo:
    """One quarter's boundary, its surroundings and the points to show and count."""

    gebiet: Gebiet
    nachbarn: tuple[Gebiet, ...]
    punkte: tuple[Punkt, ...]
