"""Reader for the Seniorenbüro survey workbooks (one per quarter, daten/befragung/*.xlsx).

A returned form for a whole Seniorenbüro (several quarters) is read by ``formular_lesen``
into one set of answers per quarter; ``qprofil survey --import`` writes them as one answer
workbook per quarter, the only kind the survey folder holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qprofil.einlesen.befragungsbogen import (
    ANGABEN,
    EINSCHAETZUNG,
    HANDLUNGSFELD_WERTE,
    INFRASTRUKTUR,
    KOPFZEILE,
    QUARTIER_SPALTE,
    Stempel,
    formular_pruefen,
)
from qprofil.einlesen.quartiere import handlungsfeld_lesen, quartier_zuordnen
from qprofil.einlesen.tabelle import OHNE_CACHE, Leser, Mappe, Zeile, altes_excel_fehler, tausender
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
    """Read one quarter's workbook (sheets Angaben, Infrastruktur, Einschätzung)."""
    mappe = leser.mappe(pfad, anzeige=anzeige)
    stempel = formular_pruefen(mappe, befunde)
    if stempel is not None and stempel.art == "seniorenbuero":
        raise EingabeFehler(
            f"Das ist ein Formular je Seniorenbüro („{stempel.seniorenbuero}“, Quartiere "
            f"{', '.join(stempel.quartiere)}); hier wird je Quartier eine Antwortdatei gelesen.",
            Ort(mappe.name),
            "Übernehmen Sie es mit „qprofil survey --import DATEI“: das legt je Quartier eine "
            "Antwortdatei im Befragungsordner an.",
        )
    return _quartier_lesen(pfad, mappe, quartiere, befunde).befragung


def formular_lesen(
    pfad: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> tuple[Stempel | None, list[Antworten]]:
    """Read a returned form or answer workbook: its stamp, and the answers of each quarter.

    A quarter's workbook gives one set of answers, an office's form one per quarter of the
    office. The office stamped in a form must still be the office of its quarters in the
    quarter table (a form sent to office A is not taken as office B's answers).
    """
    mappe = leser.mappe(pfad, anzeige=anzeige)
    stempel = formular_pruefen(mappe, befunde)
    if stempel is None:
        return None, [_quartier_lesen(pfad, mappe, quartiere, befunde)]
    _buero_pruefen(mappe.name, stempel, quartiere)
    if stempel.art == "seniorenbuero":
        return stempel, _buero_lesen(pfad, mappe, stempel, quartiere, befunde)
    return stempel, [_quartier_lesen(pfad, mappe, quartiere, befunde)]


def _buero_pruefen(name: str, stempel: Stempel, quartiere: dict[str, Quartier]) -> None:
    """The stamped office and quarters agree with the quarter table."""
    for kuerzel in stempel.quartiere:
        q = quartiere.get(kuerzel)
        if q is None:
            raise EingabeFehler(
                f"Das Formular für „{stempel.seniorenbuero}“ nennt das Quartier „{kuerzel}“, "
                "das die Quartierstabelle nicht kennt.",
                Ort(name, "Angaben"),
                "Prüfen Sie, ob das Formular zu diesem Projekt gehört; ist das Quartier "
                "umbenannt worden, erzeugen Sie mit „qprofil survey“ ein neues Formular und "
                "übertragen Sie die Antworten dorthin.",
            )
        if q.seniorenbuero.name != stempel.seniorenbuero:
            raise EingabeFehler(
                f"Das Formular ist für „{stempel.seniorenbuero}“; das Quartier {q.name} gehört "
                f"laut Quartierstabelle aber zu „{q.seniorenbuero.name}“.",
                Ort(name, "Angaben"),
                "Prüfen Sie, ob das richtige Formular übernommen wird. Ist das Quartier einem "
                "anderen Seniorenbüro zugeordnet worden, erzeugen Sie mit „qprofil survey“ neue "
                "Formulare und übertragen Sie die Antworten dorthin.",
            )


@dataclass(frozen=True)
class _Angaben:
    """Sheet „Angaben“: field → text, field → row, and the date."""

    text: dict[str, str]
    zeilen: dict[str, Zeile]
    datum: dt.date | None


def _angaben_lesen(mappe: Mappe) -> _Angaben:
    text: dict[str, str] = {}
    zeilen: dict[str, Zeile] = {}
    for z in mappe.tabelle(ANGABEN.pflicht, blatt=ANGABEN.name):
        feld = schluessel(z.zeile_text("Feld"))
        text[feld] = z.zeile_text("Angabe")
        zeilen[feld] = z
    datum = zeilen["datum"].datum("Angabe") if "datum" in zeilen else None
    return _Angaben(text, zeilen, datum)


def _einrichtung(z: Zeile) -> tuple[Einrichtung, tuple[object, ...]]:
    """A row of sheet Infrastruktur: the facility, and the cells as the form offers them."""
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
    hf = handlungsfeld_lesen(z)
    einrichtung = Einrichtung(
        handlungsfeld=hf,
        einrichtung=z.pflicht("Einrichtung / Angebot"),
        art=z.zeile_text("Art"),
        lage=z.zeile_text("Lage / Anschrift"),
        anzahl=1 if anzahl is None else anzahl,
        barrierefrei=BARRIEREFREI.get(bf_text, "unbekannt"),
        bemerkung=einzeilig(z.text("Bemerkung")),
    )
    zellen = (
        HANDLUNGSFELD_WERTE[hf - 1],
        einrichtung.einrichtung,
        einrichtung.art,
        einrichtung.lage,
        anzahl,
        _barrierefrei_wort(z.zeile_text("barrierefrei")),
        z.text("Bemerkung"),
    )
    return einrichtung, zellen


def _einschaetzung(z: Zeile) -> Einschaetzung:
    return Einschaetzung(
        handlungsfeld_lesen(z),
        punkte(z.roh("Stärken")),
        punkte(z.roh("Defizite")),
        punkte(z.roh("Anmerkungen")),
    )


def _doppeltes_handlungsfeld(z: Zeile, hf: int) -> EingabeFehler:
    return EingabeFehler(
        f"Handlungsfeld {hf} steht doppelt im Blatt.",
        z.ort("Handlungsfeld"),
        "Fassen Sie die Angaben in einer Zeile je Handlungsfeld zusammen.",
    )


def _antworten(
    pfad: Path,
    seniorenbuero: str,
    kuerzel: str,
    angaben: _Angaben,
    inventar: list[tuple[Einrichtung, tuple[object, ...]]],
    einschaetzungen: dict[int, tuple[Einschaetzung, Zeile]],
) -> Antworten:
    datum_zeile = angaben.zeilen.get("datum")
    # sorted by Handlungsfeld (stable: the office's order within one)
    inventar = sorted(inventar, key=lambda e: e[0].handlungsfeld)
    befragung = Befragung(
        datei=pfad,
        seniorenbuero=seniorenbuero,
        quartier=kuerzel,
        ausgefuellt_von=angaben.text.get("ausgefüllt von", ""),
        datum=angaben.datum,
        inventar=tuple(e for e, _ in inventar),
        einschaetzungen=tuple(einschaetzungen[k][0] for k in sorted(einschaetzungen)),
        datum_ort=datum_zeile.ort("Angabe") if datum_zeile is not None else None,
    )
    return Antworten(
        befragung,
        befragung.ausgefuellt_von,
        angaben.datum,
        tuple(zellen for _, zellen in inventar),
        {
            hf: (z.text("Stärken"), z.text("Defizite"), z.text("Anmerkungen"))
            for hf, (_, z) in sorted(einschaetzungen.items())
        },
    )


def _quartier_lesen(
    pfad: Path, mappe: Mappe, quartiere: dict[str, Quartier], befunde: Befunde
) -> Antworten:
    """One quarter's workbook (a quarter's form or one made by hand), read from its sheets."""
    name = mappe.name
    angaben = _angaben_lesen(mappe)
    if not angaben.text.get("quartier"):
        raise EingabeFehler(
            "Im Blatt fehlt die Angabe „Quartier“.",
            Ort(name, "Angaben", spalte="Angabe"),
            "Tragen Sie in Spalte A „Quartier“ und in Spalte B das Quartier ein.",
        )
    kuerzel = quartier_zuordnen(
        angaben.text["quartier"], quartiere, angaben.zeilen["quartier"].ort("Angabe")
    )
    inventar: list[tuple[Einrichtung, tuple[object, ...]]] = []
    for z in mappe.tabelle(INVENTAR_SPALTEN, blatt=INFRASTRUKTUR.name, optional=INVENTAR_OPTIONAL):
        with befunde.sammeln():
            inventar.append(_einrichtung(z))
    einschaetzungen: dict[int, tuple[Einschaetzung, Zeile]] = {}
    for z in mappe.tabelle(
        EINSCHAETZUNG_SPALTEN, blatt=EINSCHAETZUNG.name, optional=EINSCHAETZUNG.optional
    ):
        with befunde.sammeln():
            e = _einschaetzung(z)
            if e.handlungsfeld in einschaetzungen:
                raise _doppeltes_handlungsfeld(z, e.handlungsfeld)
            einschaetzungen[e.handlungsfeld] = (e, z)
    return _antworten(
        pfad,
        angaben.text.get("seniorenbüro", ""),
        kuerzel or "",
        angaben,
        inventar,
        einschaetzungen,
    )


def _buero_lesen(
    pfad: Path,
    mappe: Mappe,
    stempel: Stempel,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
) -> list[Antworten]:
    """An office's form: the answers of each of its quarters (the column „Quartier“ says which)."""
    eigene = [quartiere[k] for k in stempel.quartiere]
    namen = {schluessel(q.name): q.kuerzel for q in eigene} | {
        schluessel(q.kuerzel): q.kuerzel for q in eigene
    }
    liste = ", ".join(q.name for q in eigene)

    def quartier(z: Zeile) -> str:
        text = z.zeile_text(QUARTIER_SPALTE.name)
        if not text and len(eigene) == 1:
            return eigene[0].kuerzel  # one quarter: the column may stay empty
        if not text:
            raise EingabeFehler(
                "Für welches Quartier gilt die Zeile? Die Zelle „Quartier“ ist leer.",
                z.ort(QUARTIER_SPALTE.name),
                f"Wählen Sie das Quartier aus der Liste: {liste}.",
            )
        if schluessel(text) not in namen:
            raise EingabeFehler(
                f"„{text}“ ist kein Quartier dieses Formulars („{stempel.seniorenbuero}“).",
                z.ort(QUARTIER_SPALTE.name),
                f"Wählen Sie eines der Quartiere dieses Formulars aus der Liste: {liste}.",
            )
        return namen[schluessel(text)]

    angaben = _angaben_lesen(mappe)
    infra, einsch = stempel.blaetter
    inventar: dict[str, list[tuple[Einrichtung, tuple[object, ...]]]] = {
        q.kuerzel: [] for q in eigene
    }
    # Each sheet on its own: a changed header in one still lets the other be checked. Rows
    # below the prepared table are reported by formular_pruefen already.
    with befunde.sammeln():
        for z in mappe.tabelle(infra.pflicht, blatt=infra.name, optional=infra.optional):
            if z.nr > KOPFZEILE + infra.zeilen:
                continue
            with befunde.sammeln():
                kuerzel = quartier(z)
                inventar[kuerzel].append(_einrichtung(z))
    einschaetzungen: dict[str, dict[int, tuple[Einschaetzung, Zeile]]] = {
        q.kuerzel: {} for q in eigene
    }
    with befunde.sammeln():
        for z in mappe.tabelle(einsch.pflicht, blatt=einsch.name, optional=einsch.optional):
            if z.nr > KOPFZEILE + einsch.zeilen:
                continue
            with befunde.sammeln():
                kuerzel = quartier(z)
                e = _einschaetzung(z)
                if e.handlungsfeld in einschaetzungen[kuerzel]:
                    raise _doppeltes_handlungsfeld(z, e.handlungsfeld)
                einschaetzungen[kuerzel][e.handlungsfeld] = (e, z)
    seniorenbuero = angaben.text.get("seniorenbüro", "") or stempel.seniorenbuero
    return [
        _antworten(
            pfad,
            seniorenbuero,
            q.kuerzel,
            angaben,
            inventar[q.kuerzel],
            einschaetzungen[q.kuerzel],
        )
        for q in eigene
    ]


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

    @property
    def leer(self) -> bool:
        """No facility and no assessment text: nothing was answered for the quarter."""
        return not self.inventar and not any(
            t for texte in self.einschaetzungen.values() for t in texte
        )


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
    """Read a quarter's workbook (checked like ``befragung_lesen``) as the form's cell values.

    The workbook is read once; the facts and the cell values come from the same rows.
    """
    name = anzeige or str(pfad)
    vorher = len(befunde.fehler_liste())
    mappe = leser.mappe(pfad, anzeige=name)
    formular_pruefen(mappe, befunde)
    antworten = _quartier_lesen(pfad, mappe, quartiere, befunde)
    if len(befunde.fehler_liste()) > vorher:
        # a row with an error is left out of the survey; prefilled, it would be lost
        raise EingabeFehler(
            "Die Antworten der letzten Runde enthalten Fehler (siehe oben); das Formular wird "
            "nicht vorbelegt.",
            Ort(name),
            "Korrigieren Sie die Antwortdatei, oder erzeugen Sie das Formular ohne --vorbelegen.",
        )
    return antworten
