"""One error base class for everything qprofil reports to a person.

Every error carries where the problem is (file, sheet, row, column) and what to do about it,
in German. The CLI catches ``QprofilError`` once and turns it into a message and an exit code;
library code never prints or exits.

Errors that callers react to carry fields (the unknown name, the suggestions, the missing
columns), so nobody has to parse the German message. ``AuswahlFehler`` marks a request that
names something that does not exist or does not fit (a quarter, a body, a document kind); the
CLI decides that this is a usage error and raises ``BenutzungsFehler``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
        return als_zeile(self.meldung, self.ort, self.hilfe)


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


class ProjektNichtGefunden(ProjektFehler):
    """No project folder: the given folder does not exist, or no qprofil.toml at or above it."""

    def __init__(self, ordner: Path, *, ordner_fehlt: bool, config_name: str) -> None:
        self.ordner = ordner
        self.ordner_fehlt = ordner_fehlt
        if ordner_fehlt:
            meldung = f"Der Projektordner {ordner} existiert nicht."
            hilfe = "Prüfen Sie den Pfad hinter --projekt."
        else:
            meldung = (
                f"Kein qprofil-Projekt gefunden: weder in {ordner} noch darüber liegt eine Datei "
                f"{config_name}."
            )
            hilfe = (
                f"Wechseln Sie in den Projektordner (dort liegt {config_name}) oder geben Sie ihn "
                "mit --projekt an."
            )
        super().__init__(meldung, hilfe=hilfe)


class FehlendeSpalten(EingabeFehler):
    """A table has no header row with all the columns needed; ``fehlend`` names them."""

    def __init__(self, fehlend: Sequence[str], ort: Ort, hilfe: str = "") -> None:
        self.fehlend = tuple(fehlend)
        namen = ", ".join(f"„{s}“" for s in self.fehlend)
        super().__init__(
            f"Keine Kopfzeile mit allen nötigen Spalten gefunden; es fehlt: {namen}.", ort, hilfe
        )


class AuswahlFehler(QprofilError):
    """The request names something that does not exist or does not fit (quarter, body, kind)."""

    art = "Auswahl"


class UnbekanntesQuartier(AuswahlFehler):
    """A quarter name matches no quarter; ``vorschlaege`` are the closest known Kürzel."""

    def __init__(
        self, name: str, vorschlaege: Sequence[str] = (), bekannte: Sequence[str] = ()
    ) -> None:
        self.name = name
        self.vorschlaege = tuple(vorschlaege)
        self.bekannte = tuple(bekannte)
        if self.vorschlaege:
            hilfe = f"Meinten Sie {_oder(self.vorschlaege)}? „qprofil list“ zeigt alle Quartiere."
        else:
            liste = ", ".join(self.bekannte) or "keine"
            hilfe = f"Bekannte Quartiere: {liste}. „qprofil list“ zeigt sie mit ihren Eingaben."
        super().__init__(f"Unbekanntes Quartier „{name}“.", hilfe=hilfe)


class UngueltigesKuerzel(AuswahlFehler):
    """A quarter name is no valid Kürzel at all (e.g. contains „/“ or umlauts)."""

    def __init__(self, name: str, vorschlag: str | None = None, bekannt: bool = False) -> None:
        self.name = name
        self.vorschlag = vorschlag
        if vorschlag and bekannt:
            hilfe = f"Meinten Sie „{vorschlag}“?"
        elif vorschlag:
            hilfe = f"In Kürzeln werden Umlaute und ß umschrieben, z. B. „{vorschlag}“."
        else:
            hilfe = "Kürzel bestehen aus Kleinbuchstaben a–z, Ziffern und Bindestrich."
        super().__init__(
            f"„{name}“ ist kein gültiges Quartierskürzel.",
            hilfe=f"{hilfe} „qprofil list“ zeigt alle Quartiere.",
        )


class UnbekannteAuswahl(AuswahlFehler):
    """A value that must be one of a fixed list (document kind, Vorlageart, body) is not."""

    def __init__(
        self,
        was: str,
        name: str,
        moeglich: Sequence[str],
        vorschlaege: Sequence[str] | None = None,
    ) -> None:
        import difflib

        self.was = was
        self.name = name
        self.moeglich = tuple(moeglich)
        if vorschlaege is None:
            vorschlaege = difflib.get_close_matches(name, self.moeglich, n=1, cutoff=0.6)
        self.vorschlaege = tuple(vorschlaege)
        hilfe = f"Möglich sind: {', '.join(self.moeglich) or 'keine'}."
        if self.vorschlaege:
            hilfe = f"Meinten Sie {_oder(self.vorschlaege)}? {hilfe}"
        geschlecht = "Unbekanntes" if was in ("Gremium", "Format") else "Unbekannte"
        super().__init__(f"{geschlecht} {was} „{name}“.", hilfe=hilfe)


class KeinQuartierGewaehlt(AuswahlFehler):
    """Neither a quarter nor --all was given."""

    def __init__(self) -> None:
        super().__init__(
            "Kein Quartier angegeben.",
            hilfe="Nennen Sie ein Quartier (z. B. „qprofil build menglinghausen“) oder --all.",
        )


class GremiumNichtZustaendig(AuswahlFehler):
    """A chosen Bezirksvertretung belongs to a Stadtbezirk none of the quarters lies in."""

    def __init__(
        self,
        gremium: str,
        gremium_name: str,
        stadtbezirke: Sequence[str],
        zustaendig: Sequence[str],
    ) -> None:
        self.gremium = gremium
        self.gremium_name = gremium_name
        self.stadtbezirke = tuple(stadtbezirke)
        self.zustaendig = tuple(zustaendig)
        bezirke = " und ".join(self.stadtbezirke)
        wort = "die Stadtbezirke" if len(self.stadtbezirke) > 1 else "den Stadtbezirk"
        hilfe = "Lassen Sie --body weg, dann werden die passenden Gremien gewählt."
        if self.zustaendig:
            hilfe = f"Zuständig ist {_oder(self.zustaendig)}. {hilfe}"
        super().__init__(
            f"Das Gremium „{gremium}“ ({gremium_name}) ist nicht für {wort} {bezirke} der "
            "gewählten Quartiere zuständig.",
            hilfe=hilfe,
        )


class BenutzungsFehler(QprofilError):
    """The command line was used wrongly (unknown quarter, invalid option value).

    Raised by the CLI only: the library raises an ``AuswahlFehler`` and the CLI turns it into
    this class, which ends with exit code 2.
    """

    art = "Aufruf"


def _oder(namen: Sequence[str]) -> str:
    zitiert = [f"„{n}“" for n in namen]
    return zitiert[0] if len(zitiert) == 1 else ", ".join(zitiert[:-1]) + " oder " + zitiert[-1]


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


def als_zeile(meldung: str, ort: object, hilfe: str) -> str:
    """A problem as one line: ``Ort: Meldung – Was tun`` (empty parts left out)."""
    text = meldung
    stelle = str(ort)
    if stelle:
        text = f"{stelle}: {text}"
    if hilfe:
        text = f"{text} – {hilfe}"
    return text
