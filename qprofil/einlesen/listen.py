"""Readers for the simple list inputs: plan excerpts, photo lists, proposed measures."""

from __future__ import annotations

import errno
import os
import unicodedata
from decimal import Decimal
from pathlib import Path

from qprofil.einlesen.fotodateien import foto_pruefen
from qprofil.einlesen.quartiere import handlungsfeld_lesen, quartier_zuordnen
from qprofil.einlesen.tabelle import OHNE_CACHE, Leser, Zeile, tausender, unsichtbare_zeichen
from qprofil.fehler import Befunde, EingabeFehler, Ort
from qprofil.modell import Foto, Massnahme, Planauszug, Quartier
from qprofil.text import schluessel

PLAN_SPALTEN = ("Plan", "Fundstelle", "Datum", "Quartier", "Handlungsfeld", "Auszug")
FOTO_SPALTEN = ("Datei", "Bildunterschrift", "Ort", "Datum", "Handlungsfeld")
MASSNAHME_SPALTEN = (
    "Nr",
    "Quartier",
    "Handlungsfeld",
    "Maßnahme",
    "Zuständigkeit",
    "Priorität",
    "Kosten (EUR)",
    "Status",
)
PRIORITAETEN = ("hoch", "mittel", "niedrig")
STATUS = ("Idee", "geplant", "in Umsetzung", "umgesetzt")
FOTOLISTEN = ("fotoliste.xlsx", "fotoliste.csv")
#: Costs of one measure above this are a typing error (a quarter's measures cost thousands).
HOECHSTE_KOSTEN = 1_000_000_000


def planauszuege_lesen(
    pfad: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> tuple[Planauszug, ...]:
    """Read sheet „Auszüge“: passages from master plans, by quarter and Handlungsfeld."""
    ergebnis = []
    for z in leser.tabelle(pfad, PLAN_SPALTEN, blatt="Auszüge", anzeige=anzeige):
        with befunde.sammeln():
            ergebnis.append(
                Planauszug(
                    plan=z.pflicht("Plan"),
                    fundstelle=z.zeile_text("Fundstelle"),
                    datum=z.datum("Datum"),
                    quartier=quartier_zuordnen(
                        z.pflicht("Quartier"), quartiere, z.ort("Quartier"), alle_erlaubt=True
                    ),
                    handlungsfeld=handlungsfeld_lesen(z),
                    text=z.text("Auszug") or z.pflicht("Auszug"),
                    datum_ort=z.ort("Datum"),
                )
            )
    return tuple(ergebnis)


def fotoliste_finden(ordner: Path) -> Path | None:
    """The photo list in a quarter's walkthrough folder (xlsx preferred), or None.

    Any case of the name (Windows shows „Fotoliste.XLSX“ and „fotoliste.xlsx“ alike) and .xlsm;
    an old „fotoliste.xls“ is returned too, so that reading it reports the old format.
    """
    if not ordner.is_dir():
        return None
    kandidaten = {p.name.lower(): p for p in sorted(ordner.iterdir()) if p.is_file()}
    for name in (*FOTOLISTEN, "fotoliste.xlsm", "fotoliste.xls"):
        if name in kandidaten:
            return kandidaten[name]
    return None


def fotoliste_lesen(
    ordner: Path, befunde: Befunde, anzeige: str | None = None, *, leser: Leser = OHNE_CACHE
) -> tuple[Foto, ...]:
    """Read a quarter's photo list; every file must lie inside the quarter's photo folder."""
    liste = fotoliste_finden(ordner)
    if liste is None:
        return ()
    name = f"{anzeige or ordner}/{liste.name}"
    ordner_echt = ordner.resolve()
    ergebnis = []
    for z in leser.tabelle(
        liste, FOTO_SPALTEN, blatt="Fotos", optional=("Bemerkung",), anzeige=name
    ):
        with befunde.sammeln():
            datei = z.pflicht("Datei")
            roh = str(z.roh("Datei"))
            if "\n" in roh.strip() or "\r" in roh.strip():
                raise EingabeFehler(
                    f"In der Zelle stehen mehrere Zeilen („{datei}“), hier gehört genau ein "
                    "Dateiname hin.",
                    z.ort("Datei"),
                    "Tragen Sie je Foto eine eigene Zeile in die Fotoliste ein.",
                )
            zeichen = unsichtbare_zeichen(roh)
            if zeichen:
                raise EingabeFehler(
                    f"Der Dateiname „{datei}“ enthält unsichtbare Steuerzeichen "
                    f"({', '.join(zeichen)}).",
                    z.ort("Datei"),
                    "Löschen Sie den Inhalt der Zelle und tippen Sie den Dateinamen neu ein.",
                )
            pfad = _foto_pfad(ordner, datei, z)
            # A photo list is edited by hand on a shared drive: never follow a name or a
            # symlink out of the quarter's folder.
            if Path(datei).is_absolute() or not pfad.is_relative_to(ordner_echt):
                raise EingabeFehler(
                    f"Der Dateiname „{datei}“ zeigt aus dem Fotoordner hinaus.",
                    z.ort("Datei"),
                    "Legen Sie das Foto in den Ordner des Quartiers und tragen Sie nur den Dateinamen ein.",
                )
            _foto_pruefen(datei, pfad, ordner, z, anzeige or str(ordner), leser.max_pixel)
            hf_text = z.zeile_text("Handlungsfeld")
            ergebnis.append(
                Foto(
                    datei=pfad,
                    bildunterschrift=z.pflicht("Bildunterschrift"),
                    ort=z.zeile_text("Ort"),
                    datum=z.datum("Datum"),
                    handlungsfeld=handlungsfeld_lesen(z) if hf_text else None,
                    bemerkung=z.zeile_text("Bemerkung"),
                    datum_ort=z.ort("Datum"),
                )
            )
    return tuple(ergebnis)


#: Longest file or folder name most file systems allow (ext4, NTFS, APFS), in bytes.
NAME_MAX = 255


def _foto_pfad(ordner: Path, datei: str, z: Zeile) -> Path:
    """Where the photo named in the list is, with Unicode normalisation forgiven.

    macOS writes „ä“ in file names as „a“ plus a combining mark (NFD), Excel and Windows as one
    character (NFC): the same name to a person, two names to the file system.
    """
    for teil in Path(datei).parts:
        if len(os.fsencode(teil)) > NAME_MAX:
            raise EingabeFehler(
                f"Der Dateiname „{teil[:40]}…“ ist mit {len(teil)} Zeichen länger, als ein "
                f"Dateisystem erlaubt (höchstens {NAME_MAX} Bytes).",
                z.ort("Datei"),
                "Tragen Sie den Dateinamen des Fotos ein, wie er im Ordner steht.",
            )
    try:
        pfad = ordner / datei
        if not pfad.exists() and pfad.parent.is_dir():
            gesucht = unicodedata.normalize("NFC", pfad.name)
            for kandidat in sorted(pfad.parent.iterdir()):
                if unicodedata.normalize("NFC", kandidat.name) == gesucht:
                    pfad = kandidat
                    break
        return pfad.resolve()
    except OSError as err:
        raise EingabeFehler(
            f"Der Dateiname „{datei[:60]}“ kann nicht gelesen werden: {_grund(err)}.",
            z.ort("Datei"),
            "Tragen Sie den Dateinamen des Fotos ein, wie er im Ordner steht.",
        ) from err


def _grund(err: OSError) -> str:
    """Why a photo cannot be looked up, in German (the operating system's text is English)."""
    return {
        errno.ENAMETOOLONG: "der Pfad ist zu lang",
        errno.EACCES: "keine Leseberechtigung",
        errno.EPERM: "keine Leseberechtigung",
        errno.ELOOP: "zu viele Verknüpfungen ineinander",
    }.get(err.errno or 0, f"Fehler {err.errno} des Betriebssystems")


def _foto_pruefen(
    datei: str, pfad: Path, ordner: Path, z: Zeile, anzeige: str, max_pixel: int
) -> None:
    """The photo exists and is an image qprofil can use (only its header is read)."""
    if not pfad.is_file():
        name = Path(datei).name.casefold()
        aehnlich = (
            sorted(
                p.name for p in ordner.iterdir() if p.name.casefold() == name and p.name != datei
            )
            if ordner.is_dir()
            else []
        )
        raise EingabeFehler(
            f"Das Foto „{datei}“ fehlt im Ordner {anzeige}.",
            z.ort("Datei"),
            f"Im Ordner liegt „{aehnlich[0]}“: schreiben Sie den Namen genau so."
            if aehnlich
            else "Legen Sie das Foto in den Ordner oder korrigieren Sie den Dateinamen "
            "(Schreibweise und Endung, z. B. .jpg oder .jpeg).",
        )
    try:
        foto_pruefen(pfad, max_pixel=max_pixel)
    except EingabeFehler as err:
        raise EingabeFehler(f"„{datei}“: {err.meldung}", z.ort("Datei"), err.hilfe) from err


def massnahmen_lesen(
    pfad: Path,
    quartiere: dict[str, Quartier],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> tuple[Massnahme, ...]:
    """Read sheet „Maßnahmen“: proposed measures with responsibility, priority and cost."""
    ergebnis = []
    gesehen: dict[tuple[str, str], int] = {}
    for z in leser.tabelle(
        pfad, MASSNAHME_SPALTEN, blatt="Maßnahmen", optional=("Beschreibung",), anzeige=anzeige
    ):
        with befunde.sammeln():
            kuerzel = quartier_zuordnen(z.pflicht("Quartier"), quartiere, z.ort("Quartier"))
            assert kuerzel is not None
            nr = z.pflicht("Nr")
            if (kuerzel, nr) in gesehen:
                raise EingabeFehler(
                    f"Die Nr {nr} gibt es für {kuerzel} schon in Zeile {gesehen[(kuerzel, nr)]}.",
                    z.ort("Nr"),
                    "Vergeben Sie je Quartier jede Nummer nur einmal.",
                )
            gesehen[(kuerzel, nr)] = z.nr
            ergebnis.append(
                Massnahme(
                    nr=nr,
                    quartier=kuerzel,
                    handlungsfeld=handlungsfeld_lesen(z),
                    titel=z.pflicht("Maßnahme"),
                    beschreibung=z.text("Beschreibung"),
                    zustaendig=z.zeile_text("Zuständigkeit"),
                    prioritaet=_auswahl(
                        z.zeile_text("Priorität"), PRIORITAETEN, z.ort("Priorität")
                    ),
                    kosten=_kosten(z),
                    status=_auswahl(z.zeile_text("Status"), STATUS, z.ort("Status")),
                )
            )
    return tuple(ergebnis)


def _kosten(z: Zeile) -> Decimal | None:
    kosten = z.zahl("Kosten (EUR)")
    if kosten is not None and not 0 <= kosten <= HOECHSTE_KOSTEN:
        raise EingabeFehler(
            f"Kosten von {tausender(int(kosten))} € sind nicht plausibel (zulässig 0 bis "
            f"{tausender(HOECHSTE_KOSTEN)} €).",
            z.ort("Kosten (EUR)"),
            "Tragen Sie die geschätzten Kosten in Euro ein, z. B. 5.000, oder lassen Sie die "
            "Zelle leer.",
        )
    return kosten


def _auswahl(text: str, erlaubt: tuple[str, ...], ort: Ort) -> str:
    for wert in erlaubt:
        if schluessel(text) == schluessel(wert):
            return wert
    raise EingabeFehler(
        f"„{text}“ ist kein zulässiger Wert." if text else "Die Zelle ist leer.",
        ort,
        "Zulässig: " + ", ".join(f"„{w}“" for w in erlaubt) + ".",
    )
