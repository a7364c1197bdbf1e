"""Reader for the Seniorenbüro survey workbooks (one per office, daten/befragung/*.xlsx)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qprofil.einlesen.befragungsbogen import (
    ANGABEN,
    EINSCHAETZUNG,
    HANDLUNGSFELD_WERTE,
    INFRASTRUKTUR,
    formular_pruefen,
)
from qprofil.einlesen.quartiere import handlungsfeld_lesen, quartier_zuordnen
from qprofil.einlesen.tabelle import OHNE_CACHE, Leser, altes_excel_fehler, tausender
from qprofil.fehler import Befunde, EingabeFehler, Ort
from qprofil.modell import Barrierefrei, Befragung, Einrichtung, Einschaetzung, Quartier
from qprofil.text import einzeilig, punkte, schluessel

# Headers come from the one definition of the workbook, shared with the form writer.
INVENTAR_SPALTEN = INFRASTRUKTUR.pflicht
INVENTAR_OPTIONAL = INFRASTRUKTUR.optional
EINSCHAETZUNG_SPALTEN = EINSCHAETZUNG.pflicht
#: More facilities of one kind in one quarter's row is a typing error (a Hausnummer, a year).
HOECHSTE_ANZAHL_EINRICHTUNGEN = 1_000
BARRIEREFREI: dict[str, Barrierefrei] = {
    "ja": "ja",
    "j": "ja",
    "x": "ja",
    "nein": "nein",
    "n": "nein",
    "teilweise": "teilweise",
    "tw": "teilweise",
    "k.a.": "unbekannt",
    "k. a.": "unbekannt",
    "?": "unbekannt",
    "unbekannt": "unbekannt",
}
#: Accepted for "not known": the form's „unbekannt“ and what offices type by hand.
BARRIEREFREI_UNBEKANNT = tuple(k for k, v in BARRIEREFREI.items() if v == "unbekannt")


def befragungen_lesen(
    ordner: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> dict[str, Befragung]:
    """Read every workbook in the survey folder; keyed by the quarter's Kürzel."""
    ergebnis: dict[str, Befragung] = {}
    if not ordner.is_dir():
        raise EingabeFehler(
            "Der Ordner mit den Befragungen fehlt.",
            Ort(anzeige or ordner),
            "Legen Sie ihn an oder korrigieren Sie [eingaben] befragung in qprofil.toml "
            "(docs/konfiguration.md).",
        )
    for pfad in sorted(ordner.iterdir()):
        name = f"{anzeige or ordner}/{pfad.name}"
        if not mappen_pruefen(pfad, name, befunde):
            continue
        with befunde.sammeln():
            befragung = befragung_lesen(pfad, quartiere, befunde, name, leser=leser)
            if befragung.quartier in ergebnis:
                raise EingabeFehler(
                    f"Für das Quartier „{befragung.quartier}“ gibt es schon die Befragung "
                    f"{ergebnis[befragung.quartier].datei.name}.",
                    Ort(name, "Angaben"),
                    "Je Quartier darf nur eine ausgefüllte Arbeitsmappe im Ordner liegen.",
                )
            ergebnis[befragung.quartier] = befragung
    return ergebnis


#: Files an operating system or Excel puts into any folder: never input, never reported.
SYSTEMDATEIEN = {"thumbs.db", "desktop.ini", ".ds_store"}
#: Workbook endings qprofil reads (any case: Windows shows „.XLSX“ and „.xlsx“ alike).
MAPPEN_ENDUNGEN = (".xlsx", ".xlsm")


def mappen_pruefen(pfad: Path, name: str, befunde: Befunde) -> bool:
    """True for a workbook to read; anything else in the folder is named, never skipped silently.

    An old .xls is an error (the survey would be missing from the profile); other files and
    subfolders get a hint. Excel's lock files (~$…) and system files are left out.
    """
    if pfad.name.startswith(("~$", ".")) or pfad.name.lower() in SYSTEMDATEIEN:
        return False
    if pfad.is_dir():
        befunde.hinweis(
            "Unterordner werden nicht gelesen.",
            Ort(name),
            "Legen Sie die Arbeitsmappen direkt in den Ordner, wenn sie gelesen werden sollen.",
        )
        return False
    endung = pfad.suffix.lower()
    if endung in MAPPEN_ENDUNGEN:
        return True
    if endung == ".xls":
        befunde.fehler(altes_excel_fehler(name))
        return False
    befunde.hinweis(
        f"Die Datei wird nicht gelesen: Nur Excel-Arbeitsmappen ({', '.join(MAPPEN_ENDUNGEN)}) "
        "gehören in diesen Ordner.",
        Ort(name),
        "Speichern Sie eine Befragung als .xlsx, oder verschieben Sie die Datei in einen "
        "anderen Ordner.",
    )
    return False


def befragung_lesen(
    pfad: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> Befragung:
    """Read one office's workbook (sheets Angaben, Infrastruktur, Einschätzung)."""
    name = anzeige or str(pfad)
    formular_pruefen(pfad, name, befunde, leser=leser)
    angaben: dict[str, str] = {}
    angaben_roh: dict[str, object] = {}
    angaben_zeilen = leser.tabelle(pfad, ANGABEN.pflicht, blatt=ANGABEN.name, anzeige=name)
    for z in angaben_zeilen:
        feld = schluessel(z.zeile_text("Feld"))
        angaben[feld] = z.zeile_text("Angabe")
        angaben_roh[feld] = z
    if not angaben.get("quartier"):
        raise EingabeFehler(
            "Im Blatt fehlt die Angabe „Quartier“.",
            Ort(name, "Angaben", spalte="Angabe"),
            "Tragen Sie in Spalte A „Quartier“ und in Spalte B das Quartier ein.",
        )
    quartier_zeile = angaben_roh["quartier"]
    kuerzel = quartier_zuordnen(angaben["quartier"], quartiere, quartier_zeile.ort("Angabe"))  # type: ignore[attr-defined]
    datum = angaben_roh["datum"].datum("Angabe") if "datum" in angaben_roh else None  # type: ignore[attr-defined]

    inventar: list[Einrichtung] = []
    for z in leser.tabelle(
        pfad, INVENTAR_SPALTEN, blatt=INFRASTRUKTUR.name, optional=INVENTAR_OPTIONAL, anzeige=name
    ):
        with befunde.sammeln():
            bf_text = schluessel(z.zeile_text("barrierefrei"))
            if bf_text and bf_text not in BARRIEREFREI:
                raise EingabeFehler(
                    f"„{z.zeile_text('barrierefrei')}“ ist keine gültige Angabe.",
                    z.ort("barrierefrei"),
                    "Tragen Sie „ja“, „nein“ oder „teilweise“ ein, oder lassen Sie die Zelle leer.",
                )
            anzahl = z.anzahl("Anzahl")
            if anzahl is not None and anzahl > HOECHSTE_ANZAHL_EINRICHTUNGEN:
                raise EingabeFehler(
                    f"{tausender(anzahl)} Einrichtungen in einer Zeile sind nicht plausibel "
                    f"(höchstens {tausender(HOECHSTE_ANZAHL_EINRICHTUNGEN)}).",
                    z.ort("Anzahl"),
                    "Tragen Sie die Anzahl der Einrichtungen dieser Art im Quartier ein, z. B. 3.",
                )
            inventar.append(
                Einrichtung(
                    handlungsfeld=handlungsfeld_lesen(z),
                    einrichtung=z.pflicht("Einrichtung / Angebot"),
                    art=z.zeile_text("Art"),
                    lage=z.zeile_text("Lage / Anschrift"),
                    anzahl=1 if anzahl is None else anzahl,
                    barrierefrei=BARRIEREFREI.get(bf_text, "unbekannt"),
                    bemerkung=einzeilig(z.text("Bemerkung")),
                )
            )

    einschaetzungen: dict[int, Einschaetzung] = {}
    for z in leser.tabelle(
        pfad,
        EINSCHAETZUNG_SPALTEN,
        blatt=EINSCHAETZUNG.name,
        optional=EINSCHAETZUNG.optional,
        anzeige=name,
    ):
        with befunde.sammeln():
            hf = handlungsfeld_lesen(z)
            if hf in einschaetzungen:
                raise EingabeFehler(
                    f"Handlungsfeld {hf} steht doppelt im Blatt.",
                    z.ort("Handlungsfeld"),
                    "Fassen Sie die Angaben in einer Zeile je Handlungsfeld zusammen.",
                )
            einschaetzungen[hf] = Einschaetzung(
                hf,
                punkte(z.roh("Stärken")),
                punkte(z.roh("Defizite")),
                punkte(z.roh("Anmerkungen")),
            )
    return Befragung(
        datei=pfad,
        seniorenbuero=angaben.get("seniorenbüro", ""),
        quartier=kuerzel or "",
        ausgefuellt_von=angaben.get("ausgefüllt von", ""),
        datum=datum,
        inventar=tuple(sorted(inventar, key=lambda e: e.handlungsfeld)),
        einschaetzungen=tuple(einschaetzungen[k] for k in sorted(einschaetzungen)),
        datum_ort=angaben_roh["datum"].ort("Angabe") if "datum" in angaben_roh else None,  # type: ignore[attr-defined]
    )


@dataclass(frozen=True)
class Antworten:
    """A survey's answers as the form's cells hold them (for ``survey --vorbelegen``).

    Values are normalised to what the form's lists offer (Handlungsfeld „1 – …“, barrierefrei
    „ja“/„teilweise“/„nein“/„unbekannt“), so a prefilled form passes its own validation.
    """

    befragung: Befragung
    ausgefuellt_von: str
    datum: dt.date | None
    #: Rows of sheet „Infrastruktur“ in the form's column order.
    inventar: tuple[tuple[object, ...], ...]
    #: Handlungsfeld → (Stärken, Defizite, Anmerkungen) as multi-line text.
    einschaetzungen: dict[int, tuple[str, str, str]]


def _barrierefrei_wort(text: str) -> str:
    s = schluessel(text)
    if not s:
        return ""
    return BARRIEREFREI.get(s, text)  # an unknown answer is reported by the reader already


def antworten_lesen(
    pfad: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> Antworten:
    """Read a survey workbook (checked like ``befragung_lesen``) as the form's cell values."""
    name = anzeige or str(pfad)
    vorher = len(befunde.fehler_liste())
    befragung = befragung_lesen(pfad, quartiere, befunde, name, leser=leser)
    if len(befunde.fehler_liste()) > vorher:
        # a row with an error is left out of the survey; prefilled, it would be lost
        raise EingabeFehler(
            "Die Antworten der letzten Runde enthalten Fehler (siehe oben); das Formular wird "
            "nicht vorbelegt.",
            Ort(name),
            "Korrigieren Sie die Antwortdatei, oder erzeugen Sie das Formular ohne --vorbelegen.",
        )
    inventar = []
    for z in leser.tabelle(
        pfad, INVENTAR_SPALTEN, blatt=INFRASTRUKTUR.name, optional=INVENTAR_OPTIONAL, anzeige=name
    ):
        inventar.append(
            (
                HANDLUNGSFELD_WERTE[handlungsfeld_lesen(z) - 1],
                z.pflicht("Einrichtung / Angebot"),
                z.zeile_text("Art"),
                z.zeile_text("Lage / Anschrift"),
                z.anzahl("Anzahl"),
                _barrierefrei_wort(z.zeile_text("barrierefrei")),
                z.text("Bemerkung"),
            )
        )
    einschaetzungen = {}
    for z in leser.tabelle(
        pfad,
        EINSCHAETZUNG_SPALTEN,
        blatt=EINSCHAETZUNG.name,
        optional=EINSCHAETZUNG.optional,
        anzeige=name,
    ):
        einschaetzungen[handlungsfeld_lesen(z)] = (
            z.text("Stärken"),
            z.text("Defizite"),
            z.text("Anmerkungen"),
        )
    return Antworten(
        befragung,
        befragung.ausgefuellt_von,
        befragung.datum,
        tuple(inventar),
        einschaetzungen,
    )
