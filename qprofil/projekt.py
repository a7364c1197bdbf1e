"""Find the project folder (the one holding qprofil.toml) and load its configuration once."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Literal, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from qprofil.fehler import Ort, ProjektFehler, ProjektNichtGefunden

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
    """[eingaben]: where the input files are, relative to the project folder.

    An empty string means the project has no such input (e.g. no survey): the profile then
    says so instead of failing.
    """

    quartiere: Path = Path("daten/quartiere.xlsx")
    befragung: Path | None = Path("daten/befragung")
    planauszuege: Path | None = Path("daten/planauszuege.xlsx")
    begehungen: Path | None = Path("daten/begehungen")
    massnahmen: Path | None = Path("daten/massnahmen.xlsx")
    buergerdialog: Path | None = Path("daten/buergerdialog")

    @field_validator(
        "befragung", "planauszuege", "begehungen", "massnahmen", "buergerdialog", mode="before"
    )
    @classmethod
    def _leer_ist_keine(cls, wert: object) -> object:
        return None if wert == "" else wert


class Ausgabe(_Abschnitt):
    """[ausgabe]: template and output folders."""

    vorlagen: Path = Path("vorlagen")
    berichte: Path = Path("berichte")
    #: Resolution of the photos at the size they have in the document, in pixels per inch.
    #: 150 is Word's "Web (150 ppi)" and prints well on office printers; 220 is Word's
    #: "Drucken". A higher value makes documents larger and cold builds slower.
    foto_ppi: int = Field(default=150, ge=72, le=600)


class BevoelkerungsSpalten(_Abschnitt):
    """[statistik.bevoelkerung.spalten]: the source's column for each qprofil feature.

    An empty string means the source has no such column (e.g. no split by sex).
    """

    stichtag: str = "Stichtag"
    raumebene: str = "Raumebene"
    raum: str = "Raum-Nr"
    raumname: str = "Raumname"
    geschlecht: str = "Geschlecht"
    altersgruppe: str = "Altersgruppe"
    wert: str = "Einwohner"
    #: wide layout: the column with all residents (fills one missing age band, else checks the sum)
    insgesamt: str = ""


class _Grenzen(_Abschnitt):
    """Limits for reading a statistics source (docs/grenzen.md); raise them for a big city."""

    #: rows of the table (a CSV line, a sheet row)
    max_zeilen: int = Field(default=1_000_000, ge=1, le=10_000_000)
    #: columns of the table
    max_spalten: int = Field(default=1_000, ge=1, le=16_384)
    #: cells (rows × columns up to the last filled cell)
    max_zellen: int = Field(default=10_000_000, ge=1, le=100_000_000)
    #: megabytes of the file, and of each unpacked part of an xlsx
    max_mb: int = Field(default=200, ge=1, le=4_000)


class BevoelkerungsQuelle(_Grenzen):
    """[statistik.bevoelkerung]: residents by area × age band (× sex), long or wide layout."""

    datei: Path = Path("daten/statistik/bevoelkerung.csv")
    #: how the documents cite the source; empty: "kleinräumige Bevölkerungsstatistik der Stadt …"
    quelle: str = ""
    format: Literal["lang", "breit"] = "lang"
    blatt: str = ""
    #: wide layout: number of header rows (e.g. 2 for "männlich/weiblich" over the age bands)
    kopfzeilen: int = Field(default=1, ge=1, le=5)
    #: long layout: only rows whose column has this value, e.g. {tabelle = "Einwohner nach Alter"}
    filter: dict[str, str] = {}
    spalten: BevoelkerungsSpalten = BevoelkerungsSpalten()
    #: labels of the sexes in the source
    geschlecht: dict[str, Literal["m", "w"]] = {"männlich": "m", "weiblich": "w"}
    #: labels of age bands qprofil does not read by itself → "A bis unter B" / "A und älter"
    altersgruppen: dict[str, str] = {}
    #: area level by code pattern (regular expression), when the source has no level column
    raumebenen: dict[str, str] = {}
    #: area level by name, when the source has neither a level column nor codes: the city's
    #: row is "stadt"; rows after a named Stadtbezirk belong to it; other names "unterbezirk"
    raumebenen_namen: dict[str, Literal["stadt", "stadtbezirk", "unterbezirk"]] = {}
    #: fixed width of area codes: restores leading zeros that Excel dropped
    raum_stellen: int | None = Field(default=None, ge=1, le=12)
    #: "deutsch": 1.234,5 – "punkt": 1234.5 (programs' exports)
    zahlenformat: Literal["deutsch", "punkt"] = "deutsch"
    #: a year column instead of a date: the Stichtag is 31 December of that year
    stichtag_ist_jahr: bool = False
    #: the Stichtag when the source has no column for it (e.g. it stands only in the title)
    stichtag_fest: dt.date | None = None

    @field_validator("raumebenen")
    @classmethod
    def _muster_gueltig(cls, wert: dict[str, str]) -> dict[str, str]:
        for ebene, muster in wert.items():
            try:
                re.compile(muster)
            except re.error as err:
                raise ValueError(
                    f"Das Muster „{muster}“ für „{ebene}“ ist kein gültiger regulärer Ausdruck "
                    f"({_regex_deutsch(err)}, an Stelle {(err.pos or 0) + 1})."
                ) from None
        return wert


def _regex_deutsch(err: re.error) -> str:
    """What is wrong with a regular expression, in German (Python's text is English)."""
    text = err.msg
    for englisch, deutsch in (
        ("unterminated character set", "eine eckige Klammer [ wird nicht geschlossen"),
        ("missing ), unterminated subpattern", "eine runde Klammer ( wird nicht geschlossen"),
        ("unbalanced parenthesis", "eine runde Klammer ) ist zu viel"),
        ("nothing to repeat", "*, + oder ? steht ohne etwas davor"),
        ("multiple repeat", "zwei Wiederholungszeichen hintereinander"),
        ("bad escape", "ein unbekanntes Zeichen nach \\"),
        ("bad character range", "ein Bereich wie [9-0] ist verkehrt herum"),
    ):
        if text.startswith(englisch):
            return deutsch
    return "ein Fehler im Muster"


class SozialSpalten(_Abschnitt):
    """[statistik.sozialdaten.spalten]: empty string = not in the source."""

    stichtag: str = "Stichtag"
    raum: str = "Raum-Nr"
    haushalte: str = "Haushalte insgesamt"
    einpersonenhaushalte: str = "Einpersonenhaushalte"
    allein_lebende_65: str = "Personen ab 65 J. in Einpersonenhaushalten"
    grundsicherung_65: str = "Grundsicherung im Alter (65+)"


class SozialQuelle(_Grenzen):
    """[statistik.sozialdaten]: households and Grundsicherung per area, one row per area (wide)."""

    datei: Path = Path("daten/statistik/sozialdaten.xlsx")
    blatt: str = "Sozialdaten"
    #: number of header rows (merged cells over several rows, as in published workbooks)
    kopfzeilen: int = Field(default=1, ge=1, le=5)
    #: only rows whose column has this value
    filter: dict[str, str] = {}
    spalten: SozialSpalten = SozialSpalten()
    zahlenformat: Literal["deutsch", "punkt"] = "deutsch"
    stichtag_ist_jahr: bool = False
    #: the Stichtag when the source has no column for it
    stichtag_fest: dt.date | None = None


class StatistikEinstellungen(_Abschnitt):
    """[statistik]: where the small-area statistics are and how to read them."""

    bevoelkerung: BevoelkerungsQuelle = BevoelkerungsQuelle()
    #: absent (or datei = "") when the source has no social data
    sozialdaten: SozialQuelle | None = SozialQuelle()


class KennzahlEinstellungen(_Abschnitt):
    """[kennzahlen]: definitions that official sources do not agree on."""

    stichtag: dt.date | None = None
    altenquotient: Literal["destatis", "sozialbericht", "statistikportal"] = "destatis"
    #: the source named in the Altenquotient's footnote; empty: Destatis for "destatis", else none
    altenquotient_quelle: str = ""
    hochaltrigenquote_nenner_ab: Literal[60, 65] = 65
    offene_altersgruppe_mitte: int = Field(default=5, ge=0, le=20)
    #: no Durchschnittsalter from a closed age band wider than this (years)
    durchschnittsalter_hoechste_breite: int = Field(default=10, ge=1, le=100)
    geheimhaltung_unter: int = Field(default=0, ge=0, le=20)


class VeraenderungEinstellungen(_Abschnitt):
    """[veraenderungen]: from which change on the change report (qprofil changes) says it in words.

    A change counts as notable when its amount reaches the threshold of its kind: shares in
    Prozentpunkte, counts in per cent of the earlier value, ages in years, ratios „je 100“ in
    points.
    """

    schwelle_prozentpunkte: float = Field(default=0.5, ge=0, le=100)
    schwelle_prozent: float = Field(default=2.0, ge=0, le=1000)
    schwelle_jahre: float = Field(default=0.5, ge=0, le=100)
    schwelle_punkte: float = Field(default=1.0, ge=0, le=1000)


class Bezeichnungen(_Abschnitt):
    """[bezeichnungen]: the city's words for its area levels, as the documents print them."""

    stadtbezirk: str = "Stadtbezirk"
    unterbezirke: str = "Statistische Unterbezirke"


class Gremium(_Abschnitt):
    """[[gremium]]: a council body that may consult a submission."""

    kuerzel: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    art: Literal["bezirksvertretung", "beirat", "ausschuss", "rat"]
    stadtbezirk_nr: str | None = None  # for a Bezirksvertretung: its Stadtbezirk
    sitzung: dt.date | None = None  # next meeting date, where known


class BefragungEinstellungen(_Abschnitt):
    """[befragung]: the survey forms ``qprofil survey`` writes for the Seniorenbüros."""

    #: Outbox for the forms (never daten/: a blank form is not an answer).
    ausgang: Path = Path("berichte/befragung-ausgang")
    #: Date by which the offices send the form back (empty: no date on the form).
    frist: dt.date | None = None
    #: Who answers questions and receives the forms, e.g. "Frau Muster, Tel. 0231 50-12345".
    kontakt: str = ""
    #: One form per quarter, or one per Seniorenbüro covering all its quarters.
    formular_je: Literal["quartier", "seniorenbuero"] = "quartier"


class GremienvorlageEinstellungen(_Abschnitt):
    """[gremienvorlage]: fixed fields of committee submissions."""

    amt: str = "Sozialamt"
    bearbeitung: str = ""
    telefon: str = ""
    drucksachen_nr: str = ""  # empty: the council office assigns it
    datum: dt.date | None = None  # empty: projekt.stand
    oeffentlich: bool = True
    oparl_basis: str = Field(
        default="https://ratsinfo.example.org/oparl/v1.1", pattern=r"^https?://"
    )
    haushaltsstelle: str = ""  # where costs would be covered (Beschlussvorlage)
    #: Opening paragraphs of the Sachverhalt; {stadt}, {stichtag} and {quartiere} are filled in.
    einleitung: list[str] = [
        "Die Stadt {stadt} entwickelt ihre Quartiere für eine älter werdende Bevölkerung. Für "
        "jedes ausgewählte Quartier wurde ein Quartiersprofil erstellt: kleinräumige Statistik "
        "(Stichtag {stichtag}), eine schriftliche Befragung der Seniorenbüros zur Infrastruktur "
        "je Handlungsfeld, Auszüge aus Planwerken, Quartiersbegehungen und daraus abgeleitete "
        "Maßnahmevorschläge. Diese Vorlage berichtet über {quartiere}; die Profile sind als "
        "Anlagen beigefügt."
    ]
    #: The body the administration reports back to after a year (Beschlussvorlage); empty: none named.
    bericht_an: str = ""


class Einladung(_Abschnitt):
    """[buergerdialog.<kürzel>]: the flyer's invitation to a quarter's citizen dialogue."""

    veranstaltung: str = "Bürgerwerkstatt"
    datum: dt.date
    datum_bis: dt.date | None = None  # for a series (interviews): last day
    uhrzeit: str = ""  # e.g. "17 bis 20 Uhr"
    ort: str
    anschrift: str = ""
    anmeldung: str = ""  # how and until when to register
    hinweis: str = ""  # e.g. "Der Saal ist barrierefrei."


class Punktebene(_Abschnitt):
    """[[karte.punkte]]: a point layer (GeoJSON, e.g. an OSM export) of one kind of facility."""

    datei: Path
    art: str  # shown in legend and table, e.g. "Apotheken"
    name_feld: str = "name"


class KarteEinstellungen(_Abschnitt):
    """[karte]: boundaries of the statistical areas and point layers for maps and counts."""

    grenzen: Path  # GeoJSON or Shapefile with one polygon per area code
    nr_feld: str
    name_feld: str
    nr_stellen: int | None = Field(default=None, ge=1, le=12)
    crs: str | None = None  # only if the file does not say (Shapefile .prj, GeoJSON "crs")
    quelle: str  # attribution of the boundaries, e.g. "Stadt Köln, Offene Daten Köln (CC BY)"
    radius_m: float = Field(default=500, gt=0, le=5000)
    nahversorger: str = ""  # the point kind for the reach share ("" = none)
    punkte: tuple[Punktebene, ...] = ()


class TabellenGrenzen(_Abschnitt):
    """[grenzen.tabellen]: limits for every table but the statistics (docs/grenzen.md).

    Surveys, the quarter list, Planauszüge, Maßnahmen, photo lists and the citizen dialogue.
    """

    max_zeilen: int = Field(default=100_000, ge=1, le=1_000_000)
    max_spalten: int = Field(default=500, ge=1, le=16_384)
    max_zellen: int = Field(default=2_000_000, ge=1, le=100_000_000)
    max_mb: int = Field(default=50, ge=1, le=1_000)


class FotoGrenzen(_Abschnitt):
    """[grenzen.fotos]: the largest photo that is decoded (docs/grenzen.md)."""

    #: 110 lets 108-megapixel phone photos through; beyond is a panorama or a decompression bomb.
    max_megapixel: int = Field(default=110, ge=1, le=1_000)


class VorlagenGrenzen(_Abschnitt):
    """[grenzen.vorlagen]: time and memory for filling in one document (docs/grenzen.md)."""

    max_sekunden: int = Field(default=60, ge=1, le=3_600)
    max_mb: int = Field(default=1_024, ge=64, le=16_384)


class GrenzenEinstellungen(_Abschnitt):
    """[grenzen]: limits that a big project may need to raise."""

    tabellen: TabellenGrenzen = TabellenGrenzen()
    fotos: FotoGrenzen = FotoGrenzen()
    vorlagen: VorlagenGrenzen = VorlagenGrenzen()


class Konfiguration(_Abschnitt):
    """The whole qprofil.toml."""

    projekt: ProjektAngaben
    eingaben: Eingaben = Eingaben()
    bezeichnungen: Bezeichnungen = Bezeichnungen()
    ausgabe: Ausgabe = Ausgabe()
    kennzahlen: KennzahlEinstellungen = KennzahlEinstellungen()
    veraenderungen: VeraenderungEinstellungen = VeraenderungEinstellungen()
    statistik: StatistikEinstellungen = StatistikEinstellungen()
    gremienvorlage: GremienvorlageEinstellungen = GremienvorlageEinstellungen()
    befragung: BefragungEinstellungen = BefragungEinstellungen()
    gremium: tuple[Gremium, ...] = ()
    karte: KarteEinstellungen | None = None
    buergerdialog: dict[str, Einladung] = {}  # by the quarter's Kürzel
    grenzen: GrenzenEinstellungen = GrenzenEinstellungen()


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
    if start is not None and ort.is_file() and ort.name == CONFIG_NAME:
        return ort.parent  # --projekt pointing at qprofil.toml itself
    if not ort.is_dir():
        raise ProjektNichtGefunden(ort, ordner_fehlt=True, config_name=CONFIG_NAME)
    for ordner in (ort, *ort.parents):
        if (ordner / CONFIG_NAME).is_file():
            return ordner
    raise ProjektNichtGefunden(ort, ordner_fehlt=False, config_name=CONFIG_NAME)


def projekt_laden(start: Path | None = None) -> Projekt:
    """Find the project folder and load and validate its configuration."""
    wurzel = projekt_finden(start)
    datei = wurzel / CONFIG_NAME
    try:
        # utf-8-sig: Windows Notepad may save a byte-order mark, which TOML itself forbids.
        roh = tomllib.loads(datei.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ProjektFehler(
            "Die Datei ist nicht in UTF-8 gespeichert.",
            Ort(datei),
            "Speichern Sie sie im Editor mit der Kodierung UTF-8.",
        ) from err
    except tomllib.TOMLDecodeError as err:
        raise ProjektFehler(
            f"Die Datei ist kein gültiges TOML: {_toml_deutsch(str(err))}.",
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
            "Korrigieren Sie den Eintrag; alle Einstellungen mit Typ, Standard und Beispiel stehen "
            "in docs/konfiguration.md.",
        ) from err
    projekt = Projekt(wurzel, konfig)
    ausgabeordner_pruefen(projekt)
    return projekt


def _eingabeordner(projekt: Projekt) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]]]:
    """The folders and the single files qprofil reads, each with the setting that names it."""
    k = projekt.konfig
    ordner: list[tuple[str, Path]] = [
        ("daten/", projekt.wurzel / "daten"),
        ("ausgabe.vorlagen", projekt.vorlagen),
    ]
    for feld in ("befragung", "begehungen", "buergerdialog"):
        wert = getattr(k.eingaben, feld)
        if wert is not None:
            ordner.append((f"eingaben.{feld}", projekt.pfad(wert)))
    dateien: list[tuple[str, Path | None]] = [
        ("eingaben.quartiere", k.eingaben.quartiere),
        ("eingaben.planauszuege", k.eingaben.planauszuege),
        ("eingaben.massnahmen", k.eingaben.massnahmen),
        ("statistik.bevoelkerung.datei", k.statistik.bevoelkerung.datei),
    ]
    if k.statistik.sozialdaten is not None:
        dateien.append(("statistik.sozialdaten.datei", k.statistik.sozialdaten.datei))
    if k.karte is not None:
        dateien.append(("karte.grenzen", k.karte.grenzen))
        dateien += [(f"karte.punkte ({p.art})", p.datei) for p in k.karte.punkte]
    einzeln = [
        (n, projekt.pfad(d)) for n, d in dateien if d is not None and str(d) not in ("", ".")
    ]
    return ordner, einzeln


def _enthaelt(aussen: Path, innen: Path) -> bool:
    return innen == aussen or aussen in innen.parents


def ausgabeordner_pruefen(projekt: Projekt) -> None:
    """The output folder may not be, contain or lie inside a folder qprofil reads from.

    Checked when the configuration is loaded, before anything is read or written: qprofil
    never writes into its inputs.
    """
    datei = projekt.wurzel / CONFIG_NAME
    eintrag = projekt.konfig.ausgabe.berichte.as_posix()
    berichte = projekt.berichte.resolve()
    for stelle in (berichte, *berichte.parents):
        if stelle.exists() and not stelle.is_dir():
            was = (
                "ist" if stelle == berichte else f"liegt in {projekt.relativ(stelle)}, und das ist"
            )
            raise ProjektFehler(
                f"Der Ausgabeordner „{eintrag}“ (Einstellung „ausgabe.berichte“) {was} eine Datei, "
                "kein Ordner.",
                Ort(datei),
                "Benennen Sie die Datei um oder tragen Sie unter [ausgabe] bei berichte einen "
                "anderen Ordner ein.",
            )
    ordner, einzeln = _eingabeordner(projekt)
    for name, pfad in ordner:
        pfad = pfad.resolve()
        if _enthaelt(pfad, berichte):
            lage = "ist der" if pfad == berichte else "liegt im"
        elif _enthaelt(berichte, pfad):
            lage = "enthält den"
        else:
            continue
        _nicht_in_eingaben(projekt, f"{lage} Eingabeordner {projekt.relativ(pfad)} ({name})")
    for name, pfad in einzeln:
        pfad = pfad.resolve()
        if berichte == pfad.parent or _enthaelt(berichte, pfad):
            _nicht_in_eingaben(projekt, f"enthält die Eingabe {projekt.relativ(pfad)} ({name})")


def _nicht_in_eingaben(projekt: Projekt, lage: str) -> NoReturn:
    eintrag = projekt.konfig.ausgabe.berichte.as_posix()
    raise ProjektFehler(
        f"Der Ausgabeordner „{eintrag}“ (Einstellung „ausgabe.berichte“) {lage}. qprofil "
        "schreibt nie in seine Eingaben.",
        Ort(projekt.wurzel / CONFIG_NAME),
        'Tragen Sie unter [ausgabe] einen eigenen Ordner ein, z. B. berichte = "berichte".',
    )


_TOML_FEHLER = (
    ("Expected '=' after a key", "nach einem Namen fehlt das Gleichheitszeichen"),
    ("Invalid statement", "diese Zeile ist weder ein [Abschnitt] noch name = wert"),
    ("Invalid value", "der Wert ist ungültig (Text in Anführungszeichen?)"),
    ("Unterminated string", "ein Anführungszeichen wird nicht geschlossen"),
    ("Illegal character '\\n'", "ein Anführungszeichen wird vor dem Zeilenende nicht geschlossen"),
    ("Illegal character", "ein unerlaubtes Zeichen im Text"),
    ("Cannot overwrite a value", "ein Name steht doppelt"),
    ("Cannot declare", "ein [Abschnitt] steht doppelt"),
    ("Expected newline or end of document", "nach dem Wert steht noch etwas in derselben Zeile"),
    ("Expected ']'", "eine eckige Klammer ] fehlt"),
    ("Unclosed array", "eine Liste [ … ] wird nicht geschlossen"),
    ("Unclosed inline table", "eine Tabelle { … } wird nicht geschlossen"),
    ("Invalid initial character for a key part", "ein Name beginnt mit einem unerlaubten Zeichen"),
    ("Invalid date or datetime", "das Datum ist ungültig (JJJJ-MM-TT)"),
)


def _toml_deutsch(text: str) -> str:
    """tomllib's English message as German, with line and column."""
    stelle = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if stelle is None:
        stelle = re.search(r"\(at end of document\)", text)
    wo = (
        f" (Zeile {stelle.group(1)}, Spalte {stelle.group(2)})"
        if stelle is not None and stelle.lastindex
        else " (am Ende der Datei)"
        if stelle is not None
        else ""
    )
    for englisch, deutsch in _TOML_FEHLER:
        if text.startswith(englisch):
            return deutsch + wo
    return "ein Formfehler" + wo


def _pydantic_deutsch(fehler: dict) -> str:  # type: ignore[type-arg]
    """A short German rendering of a pydantic validation error (pydantic's own text is English)."""
    art = fehler.get("type", "")
    eingabe = _toml_wert(fehler.get("input"))
    ctx = fehler.get("ctx", {})
    if art == "missing":
        return "fehlt."
    if art == "value_error":
        return str(ctx.get("error", eingabe))
    if art == "extra_forbidden":
        return "ist unbekannt (Tippfehler?)."
    if art == "literal_error":
        return f"„{eingabe}“ ist nicht zulässig; erwartet: {ctx.get('expected', '')}."
    if art.startswith("date"):
        return (
            f"„{eingabe}“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT ohne Anführungszeichen."
        )
    grenzen = {
        "greater_than_equal": ("mindestens", "ge"),
        "less_than_equal": ("höchstens", "le"),
        "greater_than": ("größer als", "gt"),
        "less_than": ("kleiner als", "lt"),
    }
    if art in grenzen:
        wort, feld = grenzen[art]
        return f"„{eingabe}“ ist nicht zulässig; erlaubt ist {wort} {_toml_wert(ctx.get(feld))}."
    if art == "int_from_float":
        return f"„{eingabe}“ ist keine ganze Zahl; erlaubt sind nur ganze Zahlen."
    if art in ("int_parsing", "int_type"):
        return f"„{eingabe}“ ist keine ganze Zahl; schreiben Sie sie ohne Anführungszeichen."
    if art in ("float_parsing", "float_type"):
        return f"„{eingabe}“ ist keine Zahl; schreiben Sie sie ohne Anführungszeichen."
    if art in ("bool_parsing", "bool_type"):
        return f"„{eingabe}“ ist kein Wahrheitswert; erlaubt sind true und false."
    if art == "string_type":
        return f"„{eingabe}“ ist kein Text; setzen Sie ihn in Anführungszeichen."
    if art == "path_type":
        return f'„{eingabe}“ ist kein Pfad; setzen Sie ihn in Anführungszeichen, z. B. "berichte".'
    if art == "string_pattern_mismatch":
        return f"„{eingabe}“ hat nicht die erwartete Form (Muster {ctx.get('pattern', '')})."
    if art in ("model_type", "dict_type"):
        return "muss ein Abschnitt sein, z. B. [ausgabe] mit Einträgen darunter."
    if art == "list_type":
        return f'„{eingabe}“ muss eine Liste sein, z. B. ["a", "b"].'
    return f"„{eingabe}“ ist hier nicht zulässig."


def _toml_wert(wert: object) -> str:
    """A value as the user wrote it in qprofil.toml: true/false, decimal comma."""
    if isinstance(wert, bool):
        return "true" if wert else "false"
    if isinstance(wert, float):
        return f"{wert:g}".replace(".", ",")
    return str(wert)
