"""Reader for the small-area statistics: population by age band and sex, and social data.

Population comes as the statistical office exports it (long layout, one row per
Stichtag × area × sex × age band); social data in a wide layout (one row per Stichtag × area).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from qprofil.errors import Befunde, EingabeFehler, Ort
from qprofil.model import Altersband, AltersVerteilung, Raum, Sozialdaten, Statistik
from qprofil.sources.tabelle import Zeile, ist_fusszeile, tabelle_lesen
from qprofil.text import schluessel

BEVOELKERUNG_SPALTEN = (
    "Stichtag",
    "Raumebene",
    "Raum-Nr",
    "Raumname",
    "Geschlecht",
    "Altersgruppe",
    "Einwohner",
)
SOZIAL_SPALTEN = (
    "Stichtag",
    "Raumebene",
    "Raum-Nr",
    "Raumname",
    "Haushalte insgesamt",
    "Einpersonenhaushalte",
    "Personen ab 65 J. in Einpersonenhaushalten",
    "Grundsicherung im Alter (65+)",
)
EBENEN = {"stadt": "Stadt", "stadtbezirk": "Stadtbezirk", "unterbezirk": "Unterbezirk"}
GESCHLECHT = {"männlich": "m", "maennlich": "m", "m": "m", "weiblich": "w", "w": "w"}

_BAND = re.compile(r"^(\d+)\s*(?:bis unter|bis u\.|-\s*<|-|–)\s*(\d+)(?:\s*jahre)?$")
_OFFEN = re.compile(r"^(\d+)\s*(?:und älter|und mehr|\+|jahre und älter)$")


def altersband_lesen(text: str) -> Altersband | None:
    """Parse an age band label: ``80 bis unter 85``, ``80-85``, ``90 und älter``, ``90+``."""
    s = schluessel(text)
    if m := _BAND.match(s):
        von, bis = int(m.group(1)), int(m.group(2))
        return Altersband(von, bis) if bis > von else None
    if m := _OFFEN.match(s):
        return Altersband(int(m.group(1)), None)
    if m := re.match(r"^unter\s*(\d+)$", s):
        return Altersband(0, int(m.group(1)))
    return None


def read_statistik(
    bevoelkerung: Path,
    sozialdaten: Path | None,
    befunde: Befunde,
    anzeige: dict[Path, str] | None = None,
) -> Statistik:
    """Read population and (optionally) social data into one Statistik object."""
    anzeige = anzeige or {}
    raeume: dict[str, Raum] = {}
    zaehler: dict[tuple[dt.date, str], dict[tuple[str, Altersband], int | None]] = defaultdict(dict)
    name = anzeige.get(bevoelkerung, str(bevoelkerung))
    zeilen = tabelle_lesen(bevoelkerung, BEVOELKERUNG_SPALTEN, anzeige=name)
    for z in zeilen:
        if ist_fusszeile(z, BEVOELKERUNG_SPALTEN):
            continue
        with befunde.sammeln():
            tag = _stichtag(z)
            raum = _raum(z, raeume)
            geschlecht = GESCHLECHT.get(schluessel(z.zeile_text("Geschlecht")))
            if geschlecht is None:
                raise EingabeFehler(
                    f"Unbekanntes Geschlecht „{z.zeile_text('Geschlecht')}“.",
                    z.ort("Geschlecht"),
                    "Erwartet wird „männlich“ oder „weiblich“.",
                )
            band = altersband_lesen(z.zeile_text("Altersgruppe"))
            if band is None:
                raise EingabeFehler(
                    f"Die Altersgruppe „{z.zeile_text('Altersgruppe')}“ ist nicht lesbar.",
                    z.ort("Altersgruppe"),
                    "Schreiben Sie sie als „A bis unter B“ oder „A und älter“.",
                )
            schluessel_ = (geschlecht, band)
            zellen = zaehler[(tag, raum.nr)]
            if schluessel_ in zellen:
                raise EingabeFehler(
                    f"Doppelte Zeile: {raum.nr} {band.label} {z.zeile_text('Geschlecht')} "
                    f"am {tag:%d.%m.%Y} steht schon weiter oben.",
                    z.ort("Altersgruppe"),
                    "Löschen Sie die doppelte Zeile.",
                )
            zellen[schluessel_] = z.anzahl("Einwohner")
    if not zaehler and not befunde.fehlerhaft:
        raise EingabeFehler("Die Datei enthält keine Bevölkerungszahlen.", Ort(name))

    bevoelkerungen = _verteilungen(zaehler, name, befunde)
    sozial: dict[tuple[dt.date, str], Sozialdaten] = {}
    quellen = [bevoelkerung]
    if sozialdaten is not None:
        sozial = _sozialdaten(sozialdaten, raeume, befunde, anzeige.get(sozialdaten))
        quellen.append(sozialdaten)
    return Statistik(raeume, bevoelkerungen, sozial, tuple(quellen))


def _stichtag(z: Zeile) -> dt.date:
    tag = z.datum("Stichtag")
    if tag is None:
        raise EingabeFehler("Der Stichtag fehlt.", z.ort("Stichtag"), "Tragen Sie ihn als TT.MM.JJJJ ein.")
    return tag


def _raum(z: Zeile, raeume: dict[str, Raum]) -> Raum:
    ebene = EBENEN.get(schluessel(z.zeile_text("Raumebene")))
    if ebene is None:
        raise EingabeFehler(
            f"Unbekannte Raumebene „{z.zeile_text('Raumebene')}“.",
            z.ort("Raumebene"),
            "Erwartet wird „Stadt“, „Stadtbezirk“ oder „Unterbezirk“.",
        )
    nr = z.pflicht("Raum-Nr")
    raum = raeume.get(nr)
    if raum is None:
        raum = Raum(nr, z.zeile_text("Raumname"), ebene)
        raeume[nr] = raum
    elif raum.ebene != ebene:
        raise EingabeFehler(
            f"Die Raum-Nr {nr} steht weiter oben als {raum.ebene}, hier als {ebene}.",
            z.ort("Raumebene"),
            "Jede Raum-Nr gehört zu genau einer Raumebene.",
        )
    return raum


def _verteilungen(
    zaehler: dict[tuple[dt.date, str], dict[tuple[str, Altersband], int | None]],
    name: str,
    befunde: Befunde,
) -> dict[tuple[dt.date, str], AltersVerteilung]:
    alle_baender = sorted({band for zellen in zaehler.values() for _, band in zellen})
    _baender_pruefen(alle_baender, name, befunde)
    ergebnis = {}
    for (tag, nr), zellen in zaehler.items():
        fehlend = [
            f"{band.label} {g}" for band in alle_baender for g in "mw" if (g, band) not in zellen
        ]
        if fehlend:
            befunde.fehler(
                EingabeFehler(
                    f"Für Raum {nr} am {tag:%d.%m.%Y} fehlen Zeilen: {', '.join(fehlend[:4])}"
                    + (" …" if len(fehlend) > 4 else "") + ".",
                    Ort(name),
                    "Jeder Raum braucht zu jedem Stichtag alle Altersgruppen für beide Geschlechter.",
                )
            )
            continue
        ergebnis[(tag, nr)] = AltersVerteilung(
            tuple(alle_baender),
            tuple(zellen[("m", b)] for b in alle_baender),
            tuple(zellen[("w", b)] for b in alle_baender),
        )
    return ergebnis


def _baender_pruefen(baender: list[Altersband], name: str, befunde: Befunde) -> None:
    erwartet = 0
    for band in baender:
        if band.von != erwartet:
            befunde.fehler(
                EingabeFehler(
                    f"Die Altersgruppen sind nicht lückenlos: nach {erwartet} Jahren folgt "
                    f"„{band.label}“.",
                    Ort(name, spalte="Altersgruppe"),
                    "Die Altersgruppen müssen bei 0 beginnen und sich weder überlappen noch Lücken haben.",
                )
            )
            return
        if band.bis is None:
            return
        erwartet = band.bis


def _sozialdaten(
    pfad: Path, raeume: dict[str, Raum], befunde: Befunde, anzeige: str | None
) -> dict[tuple[dt.date, str], Sozialdaten]:
    ergebnis: dict[tuple[dt.date, str], Sozialdaten] = {}
    for z in tabelle_lesen(pfad, SOZIAL_SPALTEN, blatt="Sozialdaten", anzeige=anzeige):
        if ist_fusszeile(z, SOZIAL_SPALTEN):
            continue
        with befunde.sammeln():
            tag = _stichtag(z)
            nr = raum_nr_abgleichen(z, "Raum-Nr", raeume, befunde)
            if (tag, nr) in ergebnis:
                raise EingabeFehler(
                    f"Raum {nr} am {tag:%d.%m.%Y} steht doppelt in der Tabelle.",
                    z.ort("Raum-Nr"),
                    "Löschen Sie die doppelte Zeile.",
                )
            ergebnis[(tag, nr)] = Sozialdaten(
                haushalte=z.anzahl("Haushalte insgesamt"),
                einpersonenhaushalte=z.anzahl("Einpersonenhaushalte"),
                allein_lebende_65=z.anzahl("Personen ab 65 J. in Einpersonenhaushalten"),
                grundsicherung_65=z.anzahl("Grundsicherung im Alter (65+)"),
            )
    return ergebnis


def raum_nr_abgleichen(z: Zeile, spalte: str, raeume: dict[str, Raum], befunde: Befunde) -> str:
    """The area code of a cell, matched against the known codes; restores lost leading zeros."""
    nr = z.pflicht(spalte)
    if nr in raeume:
        return nr
    if nr.isdigit():
        kandidaten = [bekannt for bekannt in raeume if bekannt.isdigit() and bekannt.lstrip("0") == nr.lstrip("0") and len(bekannt) > len(nr)]
        if len(kandidaten) == 1:
            befunde.hinweis(
                f"Raum-Nr „{nr}“ als „{kandidaten[0]}“ gelesen (führende Null ergänzt).",
                z.ort(spalte),
                "Formatieren Sie die Spalte in Excel als Text, damit die führende Null erhalten bleibt.",
            )
            return kandidaten[0]
    raise EingabeFehler(
        f"Die Raum-Nr „{nr}“ kommt in der Bevölkerungsstatistik nicht vor.",
        z.ort(spalte),
        "Prüfen Sie die Nummer; Raumnummern sind Text mit fester Stellenzahl (z. B. 0931).",
    )
