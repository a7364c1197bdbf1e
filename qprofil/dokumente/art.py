"""The one protocol every document kind follows, and the values a kind hands to rendering.

A kind declares its Word template, whether it covers one quarter or several, the images it needs,
how it builds its template context from already evaluated figures and prepared images
(``Grundlage``), and which files it writes besides the .docx (the committee draft's OParl JSON).
It computes nothing and writes nothing itself: the pipeline (``qprofil.ablauf``) evaluates,
prepares the images, renders and writes.

Adding a kind: a module in this package with its context builder and an ``ART = Dokumentart(…)``,
a template in ``vorlagen/``, and one line in the registry in ``qprofil/dokumente/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qprofil.auswertung.quartier import Quartierswerte
from qprofil.bilder.vorbereiten import BILDARTEN, Bilder
from qprofil.modell import Quartier, Quartiersdaten
from qprofil.projekt import Projekt

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
class Dokumentart:
    """A kind of document (``--kind``)."""

    name: str
    #: File name of the Word template in vorlagen/.
    vorlage: str
    #: Output file name; ``{kuerzel}`` is the quarter's Kürzel (several joined with "_"), other
    #: fields are the kind's options (e.g. ``{vorlageart}``).
    dateiname: str
    #: Builds the template context and document properties from one Grundlage per quarter.
    kontext: Callable[[Projekt, Sequence[Grundlage], Auftrag], Kontext]
    #: One document for several quarters (True) or one per quarter (False).
    mehrere: bool = False
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
    #: per quarter (``qprofil.ablauf.webseite_bauen``) with ``zusaetze`` as its images.
    format: str = "docx"

    def __post_init__(self) -> None:
        if self.format not in ("docx", "html"):
            raise ValueError(f"{self.name}: unbekanntes Format {self.format!r}")
        unbekannt = set(self.bilder) - BILDARTEN
        if unbekannt:
            raise ValueError(f"{self.name}: unbekannte Bildarten {sorted(unbekannt)}")

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
