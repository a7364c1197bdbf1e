"""One error base class for everything qprofil reports to a person.

Every error carries where the problem is (file, sheet, row, column) and what to do about it,
in German. The CLI catches ``QprofilError`` once and turns it into a message and an exit code;
library code never prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ort:
    """Where a problem is: a file, and optionally sheet, row (1-based, as Excel shows it) and column."""

    datei: Path | str | None = None
    blatt: str | None = None
    zeile: int | None = None
    spalte: str | None = None

    def __str__(self) -> str:
        teile: list[str] = []
        if self.datei is not None:
            teile.append(str(self.datei))
        if self.blatt:
            teile.append(f"Blatt „{self.blatt}“")
        if self.zeile is not None:
            teile.append(f"Zeile {self.zeile}")
        if self.spalte:
            teile.append(f"Spalte „{self.spalte}“")
        return ", ".join(teile)


class QprofilError(Exception):
    """Base of every error qprofil reports: a German message, a place and a hint what to do."""

    #: Short German name of the kind of problem, shown in tables.
    art = "Fehler"

    def __init__(self, meldung: str, ort: Ort | None = None, hilfe: str = "") -> None:
        super().__init__(meldung)
        self.meldung = meldung
        self.ort = ort or Ort()
        self.hilfe = hilfe

    def __str__(self) -> str:
        text = self.meldung
        ort = str(self.ort)
        if ort:
            text = f"{ort}: {text}"
        if self.hilfe:
            text = f"{text} – {self.hilfe}"
        return text


class ProjektFehler(QprofilError):
    """The project folder or its qprofil.toml is missing or invalid."""

    art = "Konfiguration"


class EingabeFehler(QprofilError):
    """An input file (Excel, CSV, photo) is missing, unreadable or has invalid content."""

    art = "Eingabe"


class VorlagenFehler(QprofilError):
    """A Word template is missing, broken, or uses names the data does not provide."""

    art = "Vorlage"


class AusgabeFehler(QprofilError):
    """An output could not be written safely."""

    art = "Ausgabe"


class PdfFehler(QprofilError):
    """The PDF conversion with LibreOffice failed or is not available."""

    art = "PDF"


class BenutzungsFehler(QprofilError):
    """The command line was used wrongly (unknown quarter, invalid option value)."""

    art = "Aufruf"


@dataclass(frozen=True)
class Befund:
    """One problem found in the inputs: an error (blocks writing) or a hint."""

    schwere: str  # "Fehler" or "Hinweis"
    art: str
    ort: Ort
    meldung: str
    hilfe: str = ""


class Befunde:
    """Collects every problem of a run, so a person sees all of them at once."""

    def __init__(self) -> None:
        self.liste: list[Befund] = []

    def fehler(self, err: QprofilError) -> None:
        """Record an error."""
        self.liste.append(Befund("Fehler", err.art, err.ort, err.meldung, err.hilfe))

    def hinweis(self, meldung: str, ort: Ort, hilfe: str = "", art: str = "Eingabe") -> None:
        """Record a hint: something qprofil corrected or skipped and the person should know."""
        self.liste.append(Befund("Hinweis", art, ort, meldung, hilfe))

    @contextmanager
    def sammeln(self) -> Iterator[None]:
        """Record a QprofilError raised inside the block instead of propagating it."""
        try:
            yield
        except QprofilError as err:
            self.fehler(err)

    @property
    def fehlerhaft(self) -> bool:
        """True when at least one error was recorded."""
        return any(b.schwere == "Fehler" for b in self.liste)

    def fehler_liste(self) -> list[Befund]:
        """Only the errors."""
        return [b for b in self.liste if b.schwere == "Fehler"]
