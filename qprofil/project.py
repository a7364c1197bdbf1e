"""Find the project folder (the one holding qprofil.toml) and load its configuration once."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from qprofil.errors import Ort, ProjektFehler

CONFIG_NAME = "qprofil.toml"


class _Abschnitt(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProjektAngaben(_Abschnitt):
    """[projekt]: who publishes, for which city."""

    titel: str
    stadt: str
    herausgeber: str
    stand: dt.date
    hinweis: str = ""


class Eingaben(_Abschnitt):
    """[eingaben]: where the input files are, relative to the project folder."""

    quartiere: Path = Path("daten/quartiere.xlsx")
    bevoelkerung: Path = Path("daten/statistik/bevoelkerung.csv")
    sozialdaten: Path = Path("daten/statistik/sozialdaten.xlsx")
    befragung: Path = Path("daten/befragung")
    planauszuege: Path = Path("daten/planauszuege.xlsx")
    begehungen: Path = Path("daten/begehungen")
    massnahmen: Path = Path("daten/massnahmen.xlsx")


class Ausgabe(_Abschnitt):
    """[ausgabe]: template and output folders."""

    vorlagen: Path = Path("vorlagen")
    berichte: Path = Path("berichte")


class KennzahlEinstellungen(_Abschnitt):
    """[kennzahlen]: definitions that official sources do not agree on."""

    stichtag: dt.date | None = None
    altenquotient: Literal["destatis", "sozialbericht", "statistikportal"] = "destatis"
    hochaltrigenquote_nenner_ab: Literal[60, 65] = 65
    offene_altersgruppe_mitte: int = Field(default=5, ge=0, le=20)
    geheimhaltung_unter: int = Field(default=0, ge=0, le=20)


class Gremium(_Abschnitt):
    """[[gremium]]: a council body that may consult a submission."""

    kuerzel: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    art: Literal["bezirksvertretung", "beirat", "ausschuss", "rat"]
    stadtbezirk_nr: str | None = None  # for a Bezirksvertretung: its Stadtbezirk
    sitzung: dt.date | None = None  # next meeting date, where known


class GremienvorlageEinstellungen(_Abschnitt):
    """[gremienvorlage]: fixed fields of committee submissions."""

    amt: str = "Sozialamt"
    bearbeitung: str = ""
    telefon: str = ""
    drucksachen_nr: str = ""  # empty: the council office assigns it
    datum: dt.date | None = None  # empty: projekt.stand
    oeffentlich: bool = True
    oparl_basis: str = Field(default="https://ratsinfo.example.org/oparl/v1.1", pattern=r"^https?://")
    haushaltsstelle: str = ""  # where costs would be covered (Beschlussvorlage)


class Konfiguration(_Abschnitt):
    """The whole qprofil.toml."""

    projekt: ProjektAngaben
    eingaben: Eingaben = Eingaben()
    ausgabe: Ausgabe = Ausgabe()
    kennzahlen: KennzahlEinstellungen = KennzahlEinstellungen()
    gremienvorlage: GremienvorlageEinstellungen = GremienvorlageEinstellungen()
    gremium: tuple[Gremium, ...] = ()


class Projekt:
    """A project folder with its configuration; all paths are resolved against the folder."""

    def __init__(self, wurzel: Path, konfig: Konfiguration) -> None:
        self.wurzel = wurzel
        self.konfig = konfig
        #: Folder for resized photos and other re-usable intermediate results.
        self.cache = wurzel / ".qprofil-cache"

    def pfad(self, relativ: Path) -> Path:
        """Absolute path of a configured path (relative to the project folder)."""
        return relativ if relativ.is_absolute() else self.wurzel / relativ

    @property
    def vorlagen(self) -> Path:
        """The template folder."""
        return self.pfad(self.konfig.ausgabe.vorlagen)

    @property
    def berichte(self) -> Path:
        """The output folder."""
        return self.pfad(self.konfig.ausgabe.berichte)

    def relativ(self, pfad: Path) -> str:
        """A path as shown to users: relative to the project folder where possible."""
        try:
            return pfad.resolve().relative_to(self.wurzel.resolve()).as_posix()
        except ValueError:
            return str(pfad)


def projekt_finden(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds qprofil.toml."""
    ort = (start or Path.cwd()).resolve()
    for ordner in (ort, *ort.parents):
        if (ordner / CONFIG_NAME).is_file():
            return ordner
    raise ProjektFehler(
        f"Kein qprofil-Projekt gefunden: weder in {ort} noch darüber liegt eine Datei {CONFIG_NAME}.",
        hilfe="Wechseln Sie in den Projektordner (dort liegt qprofil.toml) oder geben Sie ihn mit "
        "--projekt an.",
    )


def projekt_laden(start: Path | None = None) -> Projekt:
    """Find the project folder and load and validate its configuration."""
    wurzel = projekt_finden(start)
    datei = wurzel / CONFIG_NAME
    try:
        roh = tomllib.loads(datei.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise ProjektFehler(
            "Die Datei ist nicht in UTF-8 gespeichert.",
            Ort(datei),
            "Speichern Sie sie im Editor mit der Kodierung UTF-8.",
        ) from err
    except tomllib.TOMLDecodeError as err:
        raise ProjektFehler(
            f"Die Datei ist kein gültiges TOML: {err}.",
            Ort(datei),
            "Prüfen Sie Anführungszeichen, Gleichheitszeichen und [Abschnitte] in der genannten Zeile.",
        ) from err
    try:
        konfig = Konfiguration.model_validate(roh)
    except ValidationError as err:
        fehler = err.errors()[0]
        schluessel = ".".join(str(t) for t in fehler["loc"])
        raise ProjektFehler(
            f"Ungültige Einstellung „{schluessel}“: {_pydantic_deutsch(fehler)}",
            Ort(datei, spalte=None),
            "Korrigieren Sie den Eintrag; zulässige Werte stehen in den Kommentaren von qprofil.toml "
            "und in README.md.",
        ) from err
    return Projekt(wurzel, konfig)


def _pydantic_deutsch(fehler: dict) -> str:  # type: ignore[type-arg]
    """A short German rendering of a pydantic validation error."""
    art = fehler.get("type", "")
    eingabe = fehler.get("input")
    if art == "missing":
        return "fehlt."
    if art == "extra_forbidden":
        return "ist unbekannt (Tippfehler?)."
    if art == "literal_error":
        erwartet = fehler.get("ctx", {}).get("expected", "")
        return f"„{eingabe}“ ist nicht zulässig; erwartet: {erwartet}."
    if art.startswith("date"):
        return f"„{eingabe}“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT ohne Anführungszeichen."
    return f"„{eingabe}“ ist nicht zulässig ({fehler.get('msg', art)})."
