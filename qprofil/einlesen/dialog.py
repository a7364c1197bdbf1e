"""Reader for a quarter's citizen dialogue in daten/buergerdialog/<kürzel>/ (docs/buergerdialog.md).

A dialogue is a workshop (veranstaltung.xlsx + ergebnisse.xlsx) or a set of interviews
(veranstaltung.xlsx + interviews.xlsx); evaluation.xlsx is optional for both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from qprofil.einlesen.quartiere import handlungsfeld_lesen
from qprofil.einlesen.tabelle import OHNE_CACHE, Leser, Zeile, altes_excel_fehler
from qprofil.fehler import Befunde, EingabeFehler, Ort
from qprofil.modell import (
    Buergerdialog,
    Evaluation,
    Frage,
    Interview,
    Massnahme,
    Programmpunkt,
    Themenkarte,
    Veranstaltung,
    Vorschlag,
)
from qprofil.text import einzeilig, punkte, schluessel
from qprofil.zahlen import KeineZahl, parse_anzahl

VERANSTALTUNG = "veranstaltung.xlsx"
ERGEBNISSE = "ergebnisse.xlsx"
INTERVIEWS = "interviews.xlsx"
EVALUATION = "evaluation.xlsx"

ANGABEN_PFLICHT = ("Veranstaltung", "Datum", "Ort")
INTERVIEW_SPALTEN = ("Datum", "Altersgruppe", "Geschlecht", "Handlungsfeld", "Kernaussagen")
INTERVIEW_OPTIONAL = ("Nr", "Wünsche", "Maßnahme Nr")
SKALA = range(1, 6)
ARTEN = {"skala": False, "skala 1-5": False, "likert": False, "freitext": True, "text": True}
GESCHLECHT = {
    "w": "weiblich",
    "weiblich": "weiblich",
    "frau": "weiblich",
    "m": "männlich",
    "männlich": "männlich",
    "mann": "männlich",
    "d": "divers",
    "divers": "divers",
}
_UNGEFAEHR = re.compile(r"^\s*(ca\.?|etwa|rd\.?|rund|~)", re.IGNORECASE)


def buergerdialog_lesen(
    ordner: Path,
    massnahmen: Sequence[Massnahme],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> Buergerdialog | None:
    """Read a quarter's dialogue folder; None when the folder does not exist (no dialogue yet)."""
    if not ordner.is_dir():
        return None
    name = anzeige or str(ordner)
    gefunden = _dateien_finden(ordner, name, befunde)
    werkstatt = ERGEBNISSE in gefunden
    interviews = INTERVIEWS in gefunden
    if werkstatt == interviews:
        raise EingabeFehler(
            "Im Ordner liegen sowohl ergebnisse.xlsx als auch interviews.xlsx."
            if werkstatt
            else "Im Ordner fehlen die Ergebnisse des Bürgerdialogs.",
            Ort(name),
            "Eine Bürgerwerkstatt braucht ergebnisse.xlsx, eine Reihe von Interviews "
            "interviews.xlsx – genau eine der beiden (siehe docs/buergerdialog.md).",
        )
    nummern = tuple(m.nr for m in massnahmen)
    veranstaltung_pfad = gefunden.get(VERANSTALTUNG, ordner / VERANSTALTUNG)
    veranstaltung = veranstaltung_lesen(
        veranstaltung_pfad,
        befunde,
        f"{name}/{veranstaltung_pfad.name}",
        tagesordnung=werkstatt,
        leser=leser,
    )
    karten: tuple[Themenkarte, ...] = ()
    vorschlaege: tuple[Vorschlag, ...] = ()
    gespraeche: tuple[Interview, ...] = ()
    if werkstatt:
        pfad = gefunden[ERGEBNISSE]
        karten, vorschlaege = ergebnisse_lesen(
            pfad, nummern, befunde, f"{name}/{pfad.name}", leser=leser
        )
    else:
        pfad = gefunden[INTERVIEWS]
        gespraeche = interviews_lesen(pfad, nummern, befunde, f"{name}/{pfad.name}", leser=leser)
    evaluation = None
    if EVALUATION in gefunden:
        pfad = gefunden[EVALUATION]
        evaluation = evaluation_lesen(pfad, befunde, f"{name}/{pfad.name}", leser=leser)
    dateien = tuple(
        gefunden[d] for d in (VERANSTALTUNG, ERGEBNISSE, INTERVIEWS, EVALUATION) if d in gefunden
    )
    return Buergerdialog(
        art="werkstatt" if werkstatt else "interviews",
        veranstaltung=veranstaltung,
        themenkarten=karten,
        vorschlaege=vorschlaege,
        interviews=gespraeche,
        evaluation=evaluation,
        dateien=dateien,
    )


def _dateien_finden(ordner: Path, name: str, befunde: Befunde) -> dict[str, Path]:
    """The dialogue's workbooks by their expected name, whatever the case or .xlsx/.xlsm.

    Every other file in the folder is named: a hint, or an error for an old .xls workbook.
    """
    from qprofil.einlesen.befragung import MAPPEN_ENDUNGEN, SYSTEMDATEIEN

    erwartet = {Path(d).stem: d for d in (VERANSTALTUNG, ERGEBNISSE, INTERVIEWS, EVALUATION)}
    gefunden: dict[str, Path] = {}
    for pfad in sorted(ordner.iterdir()):
        if pfad.name.startswith("~$") or pfad.name.lower() in SYSTEMDATEIEN:
            continue
        ort = Ort(f"{name}/{pfad.name}")
        stamm, endung = pfad.stem.lower(), pfad.suffix.lower()
        if pfad.is_file() and stamm in erwartet and endung in MAPPEN_ENDUNGEN:
            if erwartet[stamm] in gefunden:
                befunde.fehler(
                    EingabeFehler(
                        f"Die Mappe liegt doppelt im Ordner (auch als "
                        f"{gefunden[erwartet[stamm]].name}).",
                        ort,
                        "Löschen Sie eine der beiden Dateien.",
                    )
                )
                continue
            gefunden[erwartet[stamm]] = pfad
        elif pfad.is_file() and endung == ".xls":
            befunde.fehler(altes_excel_fehler(ort.datei or pfad.name))
        else:
            befunde.hinweis(
                "Die Datei wird nicht gelesen: Im Ordner des Bürgerdialogs liest qprofil nur "
                + ", ".join(erwartet.values())
                + ".",
                ort,
                "Benennen Sie die Datei passend um oder verschieben Sie sie (docs/buergerdialog.md).",
            )
    return gefunden


def veranstaltung_lesen(
    pfad: Path,
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    tagesordnung: bool = True,
    leser: Leser = OHNE_CACHE,
) -> Veranstaltung:
    """Read sheet „Angaben“ (Feld, Angabe) and, for a workshop, sheet „Tagesordnung“."""
    name = anzeige or str(pfad)
    angaben: dict[str, Zeile] = {}
    for z in leser.tabelle(pfad, ("Feld", "Angabe"), blatt="Angaben", anzeige=name):
        angaben[schluessel(z.zeile_text("Feld"))] = z
    for feld in ANGABEN_PFLICHT:
        if not (feld.casefold() in angaben and angaben[feld.casefold()].zeile_text("Angabe")):
            raise EingabeFehler(
                f"Im Blatt fehlt die Angabe „{feld}“.",
                Ort(name, "Angaben", spalte="Angabe"),
                f"Tragen Sie in Spalte „Feld“ „{feld}“ und in Spalte „Angabe“ den Wert ein.",
            )

    def text(feld: str) -> str:
        return _zeit_text(angaben[feld], "Angabe") if feld in angaben else ""

    datum = angaben["datum"].datum("Angabe")
    assert datum is not None
    teilnehmende = None
    if "teilnehmende" in angaben:
        teilnehmende = angaben["teilnehmende"].anzahl("Angabe")
    programm: list[Programmpunkt] = []
    if tagesordnung:
        for z in leser.tabelle(
            pfad, ("Uhrzeit", "Programmpunkt"), blatt="Tagesordnung", anzeige=name
        ):
            with befunde.sammeln():
                programm.append(Programmpunkt(_zeit_text(z, "Uhrzeit"), z.pflicht("Programmpunkt")))
    return Veranstaltung(
        titel=text("veranstaltung"),
        datum=datum,
        datum_bis=angaben["datum bis"].datum("Angabe") if "datum bis" in angaben else None,
        uhrzeit=text("uhrzeit"),
        ort=text("ort"),
        moderation=text("moderation"),
        teilnehmende=teilnehmende,
        teilnehmende_ungefaehr=bool(_UNGEFAEHR.match(text("teilnehmende"))),
        tagesordnung=tuple(programm),
    )


def ergebnisse_lesen(
    pfad: Path,
    nummern: Sequence[str],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> tuple[tuple[Themenkarte, ...], tuple[Vorschlag, ...]]:
    """Read sheets „Themenkarten“ (Handlungsfeld, Karte) and „Vorschläge“ (with Punkte)."""
    name = anzeige or str(pfad)
    karten: list[Themenkarte] = []
    for z in leser.tabelle(pfad, ("Handlungsfeld", "Karte"), blatt="Themenkarten", anzeige=name):
        with befunde.sammeln():
            karten.append(
                Themenkarte(handlungsfeld_lesen(z), z.text("Karte") or z.pflicht("Karte"))
            )
    vorschlaege: list[Vorschlag] = []
    for z in leser.tabelle(
        pfad,
        ("Handlungsfeld", "Vorschlag", "Punkte"),
        blatt="Vorschläge",
        optional=("Maßnahme Nr",),
        anzeige=name,
    ):
        with befunde.sammeln():
            vorschlaege.append(
                Vorschlag(
                    handlungsfeld=handlungsfeld_lesen(z),
                    text=z.pflicht("Vorschlag"),
                    punkte=z.anzahl("Punkte") or 0,
                    massnahmen=_massnahmen(z, nummern),
                )
            )
    return tuple(karten), tuple(vorschlaege)


def interviews_lesen(
    pfad: Path,
    nummern: Sequence[str],
    befunde: Befunde,
    anzeige: str | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> tuple[Interview, ...]:
    """Read sheet „Interviews“: one row per interview with key statements and wishes."""
    ergebnis: list[Interview] = []
    for i, z in enumerate(
        leser.tabelle(
            pfad,
            INTERVIEW_SPALTEN,
            blatt="Interviews",
            optional=INTERVIEW_OPTIONAL,
            anzeige=anzeige,
        ),
        start=1,
    ):
        with befunde.sammeln():
            geschlecht = schluessel(z.zeile_text("Geschlecht"))
            if geschlecht and geschlecht not in GESCHLECHT:
                raise EingabeFehler(
                    f"„{z.zeile_text('Geschlecht')}“ ist keine gültige Angabe.",
                    z.ort("Geschlecht"),
                    "Tragen Sie „w“, „m“ oder „d“ ein, oder lassen Sie die Zelle leer.",
                )
            aussagen = punkte(z.roh("Kernaussagen"))
            if not aussagen:
                z.pflicht("Kernaussagen")
            ergebnis.append(
                Interview(
                    nr=z.anzahl("Nr") or i,
                    datum=z.datum("Datum"),
                    altersgruppe=_altersgruppe(z.zeile_text("Altersgruppe")),
                    geschlecht=GESCHLECHT.get(geschlecht, "keine Angabe"),
                    handlungsfeld=handlungsfeld_lesen(z),
                    aussagen=aussagen,
                    wuensche=punkte(z.roh("Wünsche")),
                    massnahmen=_massnahmen(z, nummern),
                )
            )
    return tuple(ergebnis)


def evaluation_lesen(
    pfad: Path, befunde: Befunde, anzeige: str | None = None, *, leser: Leser = OHNE_CACHE
) -> Evaluation:
    """Read sheet „Fragen“ (the key) and sheet „Bögen“ (one row per returned form)."""
    name = anzeige or str(pfad)
    fragen: list[Frage] = []
    for z in leser.tabelle(
        pfad,
        ("Spalte", "Art", "Frage"),
        blatt="Fragen",
        optional=("Bedeutung 1", "Bedeutung 5"),
        anzeige=name,
    ):
        with befunde.sammeln():
            spalte = z.pflicht("Spalte")
            art = schluessel(z.pflicht("Art")).replace("–", "-")
            if art not in ARTEN:
                raise EingabeFehler(
                    f"„{z.zeile_text('Art')}“ ist keine Art von Frage.",
                    z.ort("Art"),
                    "Tragen Sie „Skala“ (Antworten 1 bis 5) oder „Freitext“ ein.",
                )
            if any(schluessel(f.spalte) == schluessel(spalte) for f in fragen):
                raise EingabeFehler(
                    f"Die Spalte „{spalte}“ steht zweimal im Blatt.",
                    z.ort("Spalte"),
                    "Jede Spalte des Blatts „Bögen“ darf nur einmal beschrieben werden.",
                )
            fragen.append(
                Frage(
                    spalte=spalte,
                    text=z.zeile_text("Frage") or spalte,
                    freitext=ARTEN[art],
                    bedeutung_1=z.zeile_text("Bedeutung 1"),
                    bedeutung_5=z.zeile_text("Bedeutung 5"),
                )
            )
    if not fragen:
        raise EingabeFehler(
            "Im Blatt sind keine Fragen beschrieben.",
            Ort(name, "Fragen"),
            "Tragen Sie je Spalte des Blatts „Bögen“ eine Zeile mit Spalte, Art und Frage ein.",
        )
    zeilen = leser.tabelle(pfad, [f.spalte for f in fragen], blatt="Bögen", anzeige=name)
    skala: dict[str, list[int | None]] = {f.spalte: [] for f in fragen if not f.freitext}
    freitext: dict[str, list[str]] = {f.spalte: [] for f in fragen if f.freitext}
    for z in zeilen:
        for f in fragen:
            with befunde.sammeln():
                if f.freitext:
                    if antwort := z.text(f.spalte):
                        freitext[f.spalte].append(antwort)
                else:
                    skala[f.spalte].append(likert(z, f.spalte))
    return Evaluation(
        fragen=tuple(fragen),
        boegen=len(zeilen),
        skala={k: tuple(v) for k, v in skala.items()},
        freitext={k: tuple(v) for k, v in freitext.items()},
    )


def likert(z: Zeile, spalte: str) -> int | None:
    """An answer on the scale 1–5; None when nothing was ticked."""
    roh = z.roh(spalte)
    if roh is None:
        return None
    try:
        wert = None if isinstance(roh, bool) else parse_anzahl(roh)
    except KeineZahl:
        wert = None
    if wert not in SKALA:
        raise EingabeFehler(
            f"„{einzeilig(roh)}“ ist keine Antwort auf der Skala von 1 bis 5.",
            z.ort(spalte),
            "Tragen Sie die angekreuzte Zahl 1, 2, 3, 4 oder 5 ein; lassen Sie die Zelle leer, "
            "wenn nichts oder mehr als ein Kästchen angekreuzt ist.",
        )
    return wert


def _massnahmen(z: Zeile, nummern: Sequence[str]) -> tuple[str, ...]:
    """The measure numbers in column „Maßnahme Nr“ (several separated by comma)."""
    gefunden = tuple(n for n in re.split(r"[,;/\s]+", z.zeile_text("Maßnahme Nr")) if n)
    for nr in gefunden:
        if nr not in nummern:
            raise EingabeFehler(
                f"Die Maßnahme Nr {nr} steht für dieses Quartier nicht in der Maßnahmenliste.",
                z.ort("Maßnahme Nr"),
                "Tragen Sie die Nr aus der Spalte „Nr“ von massnahmen.xlsx ein (vorhanden: "
                + (", ".join(nummern) or "keine")
                + ").",
            )
    return gefunden


def _zeit_text(z: Zeile, spalte: str) -> str:
    """A cell as single-line text; an Excel time shows as ``17:30``."""
    roh = z.roh(spalte)
    if isinstance(roh, dt.time):
        return roh.strftime("%H:%M")
    if isinstance(roh, dt.datetime) and roh.date() == dt.date(1899, 12, 30):
        return roh.strftime("%H:%M")
    return z.zeile_text(spalte)


def _altersgruppe(text: str) -> str:
    """Age group with an en dash between numbers: ``65-74`` and ``65 – 74`` become ``65–74``."""
    return re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1–\2", text)
