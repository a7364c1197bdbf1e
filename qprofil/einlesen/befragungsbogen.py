"""The one definition of the Seniorenbüro survey workbook: sheets, columns, types, allowed values.

The reader (``befragung.py``) takes its expected headers from here, and the form writer
(``qprofil/ausgabe/befragungsformular.py``) builds the form's sheets, drop-down lists and
validations from the same objects, so form and reader cannot drift apart.

A form is written either for one quarter or for one Seniorenbüro with all its quarters
(``[befragung] formular_je``). The office's form has the same sheets with a column
„Quartier“ in front: in „Infrastruktur“ a drop-down of the office's quarters, in
„Einschätzung“ one prefilled row per quarter and Handlungsfeld.

A form written by qprofil carries a hidden sheet „qprofil“ (form version, kind, office,
quarters); ``formular_pruefen`` checks a returned form against it: an old version, cells typed
below or beside the prepared table, answers outside the allowed lists — each named by its cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from qprofil.einlesen.tabelle import Mappe
from qprofil.fehler import Befunde, EingabeFehler, Ort
from qprofil.modell import HANDLUNGSFELDER
from qprofil.text import einzeilig, schluessel

#: Raised when sheets, columns or allowed values of the form change; an older returned form
#: is then reported with the version it has.
FORMULAR_VERSION = 1
#: The hidden sheet with the form's stamp (version, office, quarter).
META_BLATT = "qprofil"
#: The hidden sheet holding the drop-down lists.
LISTEN_BLATT = "Listen"
#: Row of the column headers in every data sheet (title, instruction, empty row above it).
KOPFZEILE = 4

Typ = Literal["text", "mehrzeilig", "handlungsfeld", "anzahl", "auswahl", "datum", "quartier"]
#: For whom a form is: one quarter, or one Seniorenbüro with all its quarters.
Art = Literal["quartier", "seniorenbuero"]

#: Accessibility as the form offers it; the reader also accepts a few short forms (j, n, x, k. A.).
BARRIEREFREI_WERTE = ("ja", "teilweise", "nein", "unbekannt")

#: Short names of the Handlungsfelder for the drop-down list (they must fit the column).
HANDLUNGSFELD_KURZ = {
    1: "Wohnen, Nahversorgung, Mobilität",
    2: "Gesundheit und Pflege",
    3: "Soziale Netze, Beratung",
}
#: The drop-down entries for a Handlungsfeld: number and short name (the reader takes the
#: number).
HANDLUNGSFELD_WERTE = tuple(f"{nr} – {HANDLUNGSFELD_KURZ[nr]}" for nr in HANDLUNGSFELDER)

#: Suggested kinds of facility; other entries are allowed after a warning.
ART_WERTE = (
    "Apotheke",
    "Bank / Geldautomat",
    "Begegnungsstätte",
    "Beratungsstelle",
    "Betreutes Wohnen",
    "Bildungsangebot",
    "Facharztpraxis",
    "Grünfläche",
    "Haltestelle",
    "Hausarztpraxis",
    "Kirchengemeinde",
    "Nachbarschaftsangebot",
    "Nachbarschaftshilfe",
    "Nahversorger",
    "Nahversorger (Bäcker)",
    "öffentliche Toilette",
    "Pflegedienst",
    "Physiotherapie",
    "Post",
    "Religionsgemeinschaft",
    "Servicebüro",
    "Sitzbänke",
    "Sportverein",
    "stationäre Pflegeeinrichtung",
    "Tagespflege",
    "Zahnarztpraxis",
)


@dataclass(frozen=True)
class Spalte:
    """One column of a data sheet."""

    name: str
    typ: Typ
    #: The header must be in the sheet (an optional column may be missing in older workbooks).
    pflicht: bool
    #: Column width in the form (characters).
    breite: float
    #: Input message shown in the form when the cell is selected.
    hinweis: str
    #: Allowed values (drop-down list); empty: free input.
    werte: tuple[str, ...] = ()
    #: Only the listed values (True), or the list as suggestions with a warning (False).
    streng: bool = True


@dataclass(frozen=True)
class Blatt:
    """One data sheet of the form: header in row ``KOPFZEILE``, data below."""

    name: str
    titel: str
    anleitung: str
    spalten: tuple[Spalte, ...]
    #: Prepared (formatted, unlocked) data rows in the form.
    zeilen: int

    @property
    def pflicht(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.spalten if s.pflicht)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.spalten if not s.pflicht)

    def spalte(self, name: str) -> Spalte:
        return next(s for s in self.spalten if s.name == name)


_HF_HINWEIS = "Wählen Sie das Handlungsfeld aus der Liste (1, 2 oder 3)."

ANGABEN = Blatt(
    "Angaben",
    "Schriftliche Befragung der Seniorenbüros zur Infrastruktur im Quartier",
    "Bitte tragen Sie Ihren Namen und das Datum ein.",
    (
        Spalte("Feld", "text", True, 22, ""),
        Spalte("Angabe", "text", True, 50, ""),
    ),
    5,
)
#: The fields of sheet „Angaben“: name, type, filled in by qprofil (True) or by the office.
ANGABEN_FELDER: tuple[tuple[str, Typ, bool], ...] = (
    ("Seniorenbüro", "text", True),
    ("Stadtbezirk", "text", True),
    ("Quartier", "text", True),
    ("Ausgefüllt von", "text", False),
    ("Datum", "datum", False),
)

INFRASTRUKTUR = Blatt(
    "Infrastruktur",
    "Infrastruktur im Quartier nach Handlungsfeldern",
    "Bitte je Einrichtung oder Angebot eine Zeile ausfüllen.",
    (
        # 38 characters: the longest entry of the list fits in one line
        Spalte("Handlungsfeld", "handlungsfeld", True, 38, _HF_HINWEIS, HANDLUNGSFELD_WERTE),
        Spalte(
            "Einrichtung / Angebot",
            "text",
            True,
            34,
            "Name der Einrichtung oder des Angebots, z. B. „Apotheke am Markt“.",
        ),
        Spalte(
            "Art",
            "auswahl",
            True,
            24,
            "Wählen Sie die Art aus der Liste oder tragen Sie eine eigene ein.",
            ART_WERTE,
            streng=False,
        ),
        Spalte("Lage / Anschrift", "text", False, 28, "Straße oder Ort im Quartier."),
        Spalte(
            "Anzahl",
            "anzahl",
            False,
            9,
            "Ganze Zahl ab 0; leer lassen, wenn es eine Einrichtung ist.",
        ),
        Spalte(
            "barrierefrei",
            "auswahl",
            False,
            13,
            "ja, teilweise, nein oder unbekannt.",
            BARRIEREFREI_WERTE,
        ),
        Spalte("Bemerkung", "mehrzeilig", False, 40, "Freier Text, z. B. Öffnungszeiten."),
    ),
    80,
)

EINSCHAETZUNG = Blatt(
    "Einschätzung",
    "Einschätzung des Seniorenbüros zum Quartier",
    "Stärken, Defizite und Anmerkungen je Handlungsfeld (mehrere Punkte je Zelle, "
    "je Punkt eine Zeile mit Alt+Eingabe).",
    (
        Spalte("Handlungsfeld", "handlungsfeld", True, 36, _HF_HINWEIS, HANDLUNGSFELD_WERTE),
        Spalte("Stärken", "mehrzeilig", True, 48, "Was im Quartier gut ist, je Punkt eine Zeile."),
        Spalte(
            "Defizite", "mehrzeilig", True, 48, "Was fehlt oder schlecht ist, je Punkt eine Zeile."
        ),
        Spalte("Anmerkungen", "mehrzeilig", False, 40, "Wünsche, Ideen, Sonstiges."),
    ),
    len(HANDLUNGSFELDER),
)

DATENBLAETTER = (INFRASTRUKTUR, EINSCHAETZUNG)

#: The column in front of the data sheets of an office's form: which quarter a row is about.
QUARTIER_SPALTE = Spalte(
    "Quartier",
    "quartier",
    True,
    20,
    "Wählen Sie das Quartier aus der Liste (die Quartiere Ihres Seniorenbüros).",
)
#: The fields of sheet „Angaben“ in an office's form (all its quarters in one line).
ANGABEN_FELDER_BUERO: tuple[tuple[str, Typ, bool], ...] = (
    ("Seniorenbüro", "text", True),
    ("Stadtbezirk", "text", True),
    ("Quartiere", "text", True),
    ("Ausgefüllt von", "text", False),
    ("Datum", "datum", False),
)


def datenblaetter(art: Art, quartiere: int, zeilen: int) -> tuple[Blatt, Blatt]:
    """Sheets „Infrastruktur“ and „Einschätzung“ of a form (``zeilen``: facility rows).

    An office's form puts the column „Quartier“ in front of both and has one assessment row
    per quarter and Handlungsfeld; a quarter's form is the definition above.
    """
    if art == "quartier":
        return replace(INFRASTRUKTUR, zeilen=zeilen), EINSCHAETZUNG
    return (
        replace(
            INFRASTRUKTUR,
            titel="Infrastruktur in den Quartieren nach Handlungsfeldern",
            anleitung=INFRASTRUKTUR.anleitung
            if quartiere == 1
            else "Bitte je Einrichtung oder Angebot eine Zeile ausfüllen und das Quartier aus "
            "der Liste wählen.",
            spalten=(QUARTIER_SPALTE, *INFRASTRUKTUR.spalten),
            zeilen=zeilen,
        ),
        replace(
            EINSCHAETZUNG,
            titel="Einschätzung des Seniorenbüros zu seinen Quartieren",
            spalten=(QUARTIER_SPALTE, *EINSCHAETZUNG.spalten),
            zeilen=quartiere * len(HANDLUNGSFELDER),
        ),
    )


@dataclass(frozen=True)
class Stempel:
    """What the hidden sheet of a form says about it."""

    version: int
    seniorenbuero: str
    stadtbezirk: str
    #: Kürzel of the form's quarters (one for a quarter's form).
    quartiere: tuple[str, ...]
    erstellt: dt.date | None
    art: Art = "quartier"
    #: Prepared rows of sheet „Infrastruktur“.
    zeilen: int = INFRASTRUKTUR.zeilen

    @property
    def quartier(self) -> str:
        """The quarter of a quarter's form (the first of an office's form)."""
        return self.quartiere[0] if self.quartiere else ""

    @property
    def blaetter(self) -> tuple[Blatt, Blatt]:
        """The data sheets this form has."""
        return datenblaetter(self.art, len(self.quartiere), self.zeilen)


#: The stamp's word for each kind of form.
_ART_WORT: dict[Art, str] = {"quartier": "Quartier", "seniorenbuero": "Seniorenbüro"}


def stempel_zeilen(s: Stempel) -> list[tuple[str, object]]:
    """The rows of the hidden sheet „qprofil“ (key, value)."""
    return [
        ("Formular", "Befragung der Seniorenbüros"),
        ("Version", s.version),
        ("Seniorenbüro", s.seniorenbuero),
        ("Stadtbezirk", s.stadtbezirk),
        ("Quartier" if s.art == "quartier" else "Quartiere", ", ".join(s.quartiere)),
        ("Erstellt", s.erstellt),
        ("Formular je", _ART_WORT[s.art]),
        ("Zeilen Infrastruktur", s.zeilen),
    ]


def stempel_lesen(mappe: Mappe) -> Stempel | None:
    """The stamp of a form written by qprofil; None for a workbook made by hand."""
    if schluessel(META_BLATT) not in {schluessel(n) for n in mappe.blaetter}:
        return None
    zeilen, _ = mappe.rohzeilen(META_BLATT)
    werte = {schluessel(einzeilig(z[0])): z[1] for z in zeilen if z and z[0] is not None}
    if "formular" not in werte:
        return None
    try:
        version = int(str(werte.get("version")))
    except ValueError:
        version = 0
    erstellt = werte.get("erstellt")
    # forms of version 1 written before offices got one form have no kind and no row count
    art: Art = (
        "seniorenbuero" if schluessel(werte.get("formular je")) == "seniorenbüro" else ("quartier")
    )
    try:
        zeilen = int(str(werte.get("zeilen infrastruktur", INFRASTRUKTUR.zeilen)))
    except ValueError:
        zeilen = INFRASTRUKTUR.zeilen
    liste = werte.get("quartiere" if art == "seniorenbuero" else "quartier")
    return Stempel(
        version,
        einzeilig(werte.get("seniorenbüro")),
        einzeilig(werte.get("stadtbezirk")),
        tuple(k for k in (t.strip() for t in einzeilig(liste).split(",")) if k),
        erstellt.date() if isinstance(erstellt, dt.datetime) else None,
        art,
        max(1, zeilen),
    )


def _spalte_buchstabe(nr: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(nr)


def formular_pruefen(mappe: Mappe, befunde: Befunde) -> Stempel | None:
    """Check a returned form against the definition; errors go to ``befunde``.

    Values in the table (Handlungsfeld, barrierefrei, Anzahl, Datum, Quartier) are checked by
    the reader itself, for forms and hand-made workbooks alike; here: version, sheets,
    headers, and cells outside the prepared table.

    Returns the stamp (None: not a qprofil form, nothing checked here).
    """
    name = mappe.name
    stempel = stempel_lesen(mappe)
    if stempel is None:
        return None
    if stempel.version != FORMULAR_VERSION:
        befunde.fehler(
            EingabeFehler(
                f"Das Formular hat die Version {stempel.version}; qprofil liest Version "
                f"{FORMULAR_VERSION}.",
                Ort(name, META_BLATT),
                "Lassen Sie mit „qprofil survey“ ein neues Formular erzeugen und übertragen "
                "Sie die Antworten dorthin.",
            )
        )
        return stempel
    for blatt in stempel.blaetter:
        with befunde.sammeln():
            _blatt_pruefen(mappe, blatt, befunde)
    return stempel


def _blatt_pruefen(mappe: Mappe, blatt: Blatt, befunde: Befunde) -> None:
    name = mappe.name
    try:
        zeilen, titel = mappe.rohzeilen(blatt.name)
    except EingabeFehler as err:
        raise EingabeFehler(
            f"Das Blatt „{blatt.name}“ fehlt; wurde es umbenannt? ({err.meldung})",
            Ort(name),
            f"Benennen Sie das Blatt wieder in „{blatt.name}“ um; Blätter des Formulars "
            "dürfen nicht umbenannt werden.",
        ) from err
    kopf = zeilen[KOPFZEILE - 1] if len(zeilen) >= KOPFZEILE else ()
    for nr, spalte in enumerate(blatt.spalten, start=1):
        gefunden = einzeilig(kopf[nr - 1]) if len(kopf) >= nr else ""
        if schluessel(gefunden) != schluessel(spalte.name):
            befunde.fehler(
                EingabeFehler(
                    f"In Zelle {_spalte_buchstabe(nr)}{KOPFZEILE} steht „{gefunden}“ statt "
                    f"der Überschrift „{spalte.name}“.",
                    Ort(name, titel, KOPFZEILE),
                    "Die Überschriften des Formulars dürfen nicht geändert werden; "
                    "stellen Sie sie wieder her.",
                )
            )
    letzte = KOPFZEILE + blatt.zeilen
    breite = len(blatt.spalten)
    for nr, zeile in enumerate(zeilen, start=1):
        if nr <= KOPFZEILE:
            continue
        for sp, wert in enumerate(zeile, start=1):
            if wert is None or (isinstance(wert, str) and not wert.strip()):
                continue
            zelle = f"{_spalte_buchstabe(sp)}{nr}"
            if nr > letzte:
                befunde.fehler(
                    EingabeFehler(
                        f"In Zelle {zelle} steht etwas unterhalb der Tabelle des Formulars "
                        f"(sie endet in Zeile {letzte}).",
                        Ort(name, titel, nr),
                        "Tragen Sie die Angaben in eine freie Zeile der Tabelle ein; reicht der "
                        "Platz nicht, bitten Sie um ein Formular mit mehr Zeilen.",
                    )
                )
                break
            if sp > breite:
                befunde.fehler(
                    EingabeFehler(
                        f"In Zelle {zelle} steht etwas neben der Tabelle des Formulars.",
                        Ort(name, titel, nr),
                        "Schreiben Sie Hinweise in die Spalte „Bemerkung“ oder „Anmerkungen“.",
                    )
                )
                continue
