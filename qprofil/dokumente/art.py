"""The one protocol every document kind follows, and the values a kind hands to rendering.

A kind declares what one document covers (``umfang``: one quarter, several quarters, or the
whole city), its format and template, the images it needs, how it builds its content, and which
files it writes besides the document (the committee draft's OParl JSON, a web page's images).
Content comes from already evaluated figures and prepared images: per quarter from a
``Grundlage`` (``kontext``), for the whole city from the run's ``Auswertung`` of every area and
Stichtag (``stadtkontext``). A kind computes nothing and writes nothing itself: the pipeline
(``qprofil.ablauf``) evaluates, prepares the images, renders by ``format`` and writes every
document through the one ``Ausgabeordner`` (manifest, hash, hand edits kept).

Formats: "docx" (a Word template, docxtpl), "html" (a Jinja2 template folder; one page per
quarter with its CMS fragment and images, plus an index), "xlsx" and "csv" (a ``Tabelle`` of
indicator values, written by ``qprofil.ausgabe.kennzahlmappe``; no template). A kind written in
more than one format lists the others in ``formate``; the option "format" picks one.

Adding a kind: a module in this package with its context builder and an ``ART = Dokumentart(…)``,
a template in ``vorlagen/`` (not for "xlsx"/"csv"), and one line in the registry in
``qprofil/dokumente/__init__.py``. ``qprofil build --kind`` builds the kinds per quarter; a kind
for several quarters or the whole city names its own command in ``befehl``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qprofil.auswertung.quartier import Quartierswerte
from qprofil.bilder.vorbereiten import BILDARTEN, Bilder
from qprofil.fehler import UnbekannteAuswahl
from qprofil.modell import Quartier, Quartiersdaten
from qprofil.projekt import Projekt

if TYPE_CHECKING:
    import pandas as pd

    from qprofil.auswertung.auswertung import Auswertung
    from qprofil.auswertung.kennzahltabelle import Definition

#: Longest run of Kürzel in an output name (a file name may have 255 bytes).
MAX_KUERZEL_IM_NAMEN = 100


@dataclass(frozen=True)
class Bild:
    """An image to insert: a file or PNG/JPEG bytes, a width in mm and its alternative text."""

    quelle: Path | bytes
    breite_mm: float
    alt: str


@dataclass(frozen=True)
class Eigenschaften:
    """Document properties (core.xml): title, subject, author, keywords and a fixed date."""

    titel: str
    thema: str
    autor: str
    datum: dt.date
    stichworte: str = ""


@dataclass(frozen=True)
class Grundlage:
    """What a kind builds its context from, for one quarter: read data, figures, images."""

    daten: Quartiersdaten
    werte: Quartierswerte
    bilder: Bilder


@dataclass(frozen=True)
class Auftrag:
    """What was asked for besides the quarters: the kind's options and its attachments."""

    optionen: Mapping[str, Any] = field(default_factory=dict)
    #: The documents of the kind named in ``Dokumentart.anlagen``, as they are in berichte/.
    anlagen: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Zusatzdatei:
    """A file a kind writes beside its .docx (e.g. OParl metadata)."""

    name: str
    daten: bytes


Kontext = tuple[dict[str, Any], Eigenschaften]


@dataclass(frozen=True)
class Tabelle:
    """The content of a kind in format "xlsx" or "csv": indicator values and their definitions.

    ``werte`` is the long table of ``qprofil.auswertung.kennzahltabelle.lang`` (one row per area,
    Stichtag and indicator); ``qprofil.ausgabe.kennzahlmappe`` writes it as workbook or CSV.
    """

    werte: pd.DataFrame
    definitionen: Sequence[Definition]


#: What a city-wide kind builds: a template context (format "docx"/"html") or a ``Tabelle``.
Stadtkontext = tuple[dict[str, Any] | Tabelle, Eigenschaften]

#: The formats the pipeline can write (see the module notes).
FORMATE = ("docx", "html", "xlsx", "csv")
#: Formats without a template: the content is a ``Tabelle``.
TABELLENFORMATE = ("xlsx", "csv")


@dataclass(frozen=True)
class Dokumentart:
    """A kind of document (``--kind``)."""

    name: str
    #: File name of the template in vorlagen/ ("" for "xlsx"/"csv", which have none).
    vorlage: str
    #: Output file name; ``{kuerzel}`` is the quarter's Kürzel (several joined with "_"), other
    #: fields are the kind's options (e.g. ``{vorlageart}``, ``{format}``).
    dateiname: str
    #: Builds the template context and document properties from one Grundlage per quarter
    #: (None for a city-wide kind, which has ``stadtkontext`` instead).
    kontext: Callable[[Projekt, Sequence[Grundlage], Auftrag], Kontext] | None
    #: One document for several quarters (True) or one per quarter (False).
    mehrere: bool = False
    #: A kind for the whole city (every area and Stichtag, not quarters): builds its content
    #: from the run's evaluation. Its document is written to berichte/ like any other, but by
    #: its own command (``befehl``), never per quarter.
    stadtkontext: Callable[[Projekt, Auswertung, Auftrag], Stadtkontext] | None = None
    #: The command that builds this kind, where ``qprofil build --kind`` does not (a kind for
    #: several quarters or the whole city); ``build`` names it when it refuses the kind.
    befehl: str | None = None
    #: The document's title in the summary of a run, for a kind without quarters (per-quarter
    #: documents are listed by their quarter's name).
    titel: str = ""
    #: The images the context needs (see ``qprofil.bilder.vorbereiten.BILDARTEN``).
    bilder: frozenset[str] = frozenset()
    #: Whether the kind applies to a quarter (e.g. a dialogue documentation needs a dialogue).
    anwendbar: Callable[[Projekt, Quartiersdaten], bool] | None = None
    #: A kind whose documents are built first and attached (the committee draft's profiles).
    anlagen: str | None = None
    #: Checks the options and quarters before anything is built or written (raises).
    pruefen: Callable[[Projekt, Sequence[Quartier], Auftrag], None] | None = None
    #: Files written beside the .docx, given the written documents (.docx first, then PDFs).
    zusaetze: (
        Callable[
            [Projekt, Sequence[Grundlage], Auftrag, Eigenschaften, Sequence[Path]],
            list[Zusatzdatei],
        ]
        | None
    ) = None

    #: "docx": ``vorlage`` is a Word template and one .docx is written per document; "html":
    #: ``vorlage`` is a Jinja2 HTML template in vorlagen/ and the pipeline writes a web page
    #: per quarter (with its CMS fragment, ``zusaetze`` as its images, and an index); "xlsx",
    #: "csv": the content is a ``Tabelle``, written as workbook or German CSV.
    format: str = "docx"
    #: Other formats the kind can be written in, picked with the option "format"
    #: (``qprofil kennzahlen --format csv``); see ``im_format``.
    formate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in (self.format, *self.formate):
            if f not in FORMATE:
                raise ValueError(f"{self.name}: unbekanntes Format {f!r}")
        if (self.kontext is None) == (self.stadtkontext is None):
            raise ValueError(f"{self.name}: genau eines von kontext und stadtkontext angeben")
        if self.stadtkontext is not None and (self.mehrere or self.bilder or self.zusaetze):
            raise ValueError(f"{self.name}: eine Art für die ganze Stadt hat keine Quartiere")
        if self.kontext is not None and self.format in TABELLENFORMATE:
            raise ValueError(f"{self.name}: {self.format} nur für Arten der ganzen Stadt")
        unbekannt = set(self.bilder) - BILDARTEN
        if unbekannt:
            raise ValueError(f"{self.name}: unbekannte Bildarten {sorted(unbekannt)}")

    @property
    def umfang(self) -> str:
        """What one document covers: "quartier", "quartiere" (several) or "stadt"."""
        if self.stadtkontext is not None:
            return "stadt"
        return "quartiere" if self.mehrere else "quartier"

    def im_format(self, format_: str | None) -> Dokumentart:
        """This kind written in ``format_`` (None: its own format); unknown formats are refused."""
        if format_ is None or format_ == self.format:
            return self
        moeglich = [self.format, *self.formate]
        if format_ not in moeglich:
            raise UnbekannteAuswahl("Format", format_, moeglich)
        return dataclasses.replace(self, format=format_)

    def ist_anwendbar(self, projekt: Projekt, daten: Quartiersdaten) -> bool:
        """Whether this kind applies to the quarter (every quarter unless it says otherwise)."""
        return self.anwendbar is None or self.anwendbar(projekt, daten)

    def ausgabe_name(self, quartiere: Sequence[Quartier], auftrag: Auftrag | None = None) -> str:
        """The output file name for these quarters."""
        optionen = dict(auftrag.optionen) if auftrag is not None else {}
        kuerzel = "_".join(q.kuerzel for q in quartiere)
        if len(kuerzel) > MAX_KUERZEL_IM_NAMEN:
            # A file name may have 255 bytes: a draft on many quarters names the first two.
            kennung = hashlib.sha256(kuerzel.encode()).hexdigest()[:8]
            weitere = len(quartiere) - 2
            kuerzel = (
                f"{quartiere[0].kuerzel}_{quartiere[1].kuerzel}_und-{weitere}-weitere-{kennung}"
            )
        return self.dateiname.format(kuerzel=kuerzel, **optionen)
