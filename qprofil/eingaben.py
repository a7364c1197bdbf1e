"""Gather all inputs of a project once: read every source, collect every problem.

First gather and validate everything, then write (build.py). Photo lists are read per quarter,
because a city-scale project has thousands of photos.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from qprofil.errors import BenutzungsFehler, Befunde, EingabeFehler, Ort
from qprofil.indicators import Raeume, sozial, verteilung
from qprofil.model import Befragung, Massnahme, Planauszug, Quartier, Quartiersdaten, Statistik
from qprofil.project import Projekt
from qprofil.sources.befragung import read_befragungen
from qprofil.sources.dialog import read_buergerdialog
from qprofil.sources.listen import (
    fotoliste_finden,
    read_fotoliste,
    read_massnahmen,
    read_planauszuege,
)
from qprofil.sources.quartiere import KUERZEL_MUSTER, read_quartiere
from qprofil.sources.statistik import read_statistik


@dataclass(frozen=True)
class Eingabedaten:
    """Everything read from daten/ that all quarters share."""

    quartiere: dict[str, Quartier]
    statistik: Statistik | None
    befragungen: dict[str, Befragung]
    planauszuege: tuple[Planauszug, ...]
    massnahmen: tuple[Massnahme, ...]
    dateien: tuple[Path, ...]  # every file read, for the sources list and input hashes


def eingaben_lesen(projekt: Projekt, befunde: Befunde) -> Eingabedaten:
    """Read every shared input; problems go to ``befunde``, unreadable sources are left empty."""
    e = projekt.konfig.eingaben
    p = projekt.pfad
    zeige = projekt.relativ
    quartiere: dict[str, Quartier] = {}
    with befunde.sammeln():
        quartiere = read_quartiere(p(e.quartiere), befunde, zeige(p(e.quartiere)))
    statistik = None
    st = projekt.konfig.statistik
    statistik_dateien = [p(st.bevoelkerung.datei)]
    if st.sozialdaten is not None and str(st.sozialdaten.datei) not in ("", "."):
        statistik_dateien.append(p(st.sozialdaten.datei))
    with befunde.sammeln():
        statistik = read_statistik(
            st.bevoelkerung,
            st.sozialdaten,
            befunde,
            wurzel=projekt.wurzel,
            anzeige={d: zeige(d) for d in statistik_dateien},
        )
    befragungen: dict[str, Befragung] = {}
    if e.befragung is not None:
        with befunde.sammeln():
            befragungen = read_befragungen(p(e.befragung), quartiere, befunde, zeige(p(e.befragung)))
    planauszuege: tuple[Planauszug, ...] = ()
    if e.planauszuege is not None:
        with befunde.sammeln():
            planauszuege = read_planauszuege(
                p(e.planauszuege), quartiere, befunde, zeige(p(e.planauszuege))
            )
    massnahmen: tuple[Massnahme, ...] = ()
    if e.massnahmen is not None:
        with befunde.sammeln():
            massnahmen = read_massnahmen(p(e.massnahmen), quartiere, befunde, zeige(p(e.massnahmen)))
    if statistik is not None:
        _quartiere_gegen_statistik(quartiere, statistik, befunde, zeige(p(e.quartiere)))
    dateien = [p(e.quartiere), *statistik_dateien]
    dateien += [p(d) for d in (e.planauszuege, e.massnahmen) if d is not None]
    dateien += [b.datei for b in befragungen.values()]
    return Eingabedaten(
        quartiere, statistik, befragungen, planauszuege, massnahmen, tuple(sorted(dateien))
    )


def _quartiere_gegen_statistik(
    quartiere: dict[str, Quartier], statistik: Statistik, befunde: Befunde, anzeige: str
) -> None:
    for q in quartiere.values():
        for nr in (*q.unterbezirke, q.stadtbezirk_nr):
            if nr not in statistik.raeume:
                befunde.fehler(
                    EingabeFehler(
                        f"Quartier {q.kuerzel}: die Raum-Nr „{nr}“ steht nicht in der "
                        "Bevölkerungsstatistik.",
                        Ort(anzeige, "Quartiere", spalte="Unterbezirke" if nr != q.stadtbezirk_nr else "Stadtbezirk-Nr"),
                        "Prüfen Sie die Nummer (mit führender Null, z. B. 0931).",
                    )
                )


def quartiere_waehlen(
    eingaben: Eingabedaten, namen: list[str], alle: bool
) -> list[Quartier]:
    """The quarters named on the command line (by Kürzel or name), or all of them."""
    if alle:
        return list(eingaben.quartiere.values())
    gewaehlt = []
    for name in namen:
        kuerzel = name.strip().casefold()
        if not KUERZEL_MUSTER.match(kuerzel):
            raise BenutzungsFehler(
                f"„{name}“ ist kein gültiges Quartierskürzel.",
                hilfe="Kürzel bestehen aus Kleinbuchstaben, Ziffern und Bindestrich; "
                "„qprofil list“ zeigt alle.",
            )
        if kuerzel not in eingaben.quartiere:
            treffer = [q for q in eingaben.quartiere.values() if q.name.casefold() == kuerzel]
            if not treffer:
                bekannte = ", ".join(eingaben.quartiere) or "keine"
                raise BenutzungsFehler(
                    f"Unbekanntes Quartier „{name}“.",
                    hilfe=f"Bekannte Quartiere: {bekannte}. „qprofil list“ zeigt sie mit ihren Eingaben.",
                )
            kuerzel = treffer[0].kuerzel
        q = eingaben.quartiere[kuerzel]
        if q not in gewaehlt:
            gewaehlt.append(q)
    return gewaehlt


def begehungs_ordner(projekt: Projekt, kuerzel: str) -> Path | None:
    """The folder with a quarter's walkthrough photos and photo list (None: no walkthroughs)."""
    ordner = projekt.konfig.eingaben.begehungen
    return None if ordner is None else projekt.pfad(ordner) / kuerzel


def quartiersdaten(
    projekt: Projekt, eingaben: Eingabedaten, quartier: Quartier, befunde: Befunde
) -> Quartiersdaten:
    """Everything about one quarter (its photo list is read here)."""
    assert eingaben.statistik is not None
    ordner = begehungs_ordner(projekt, quartier.kuerzel)
    fotos = read_fotoliste(ordner, befunde, projekt.relativ(ordner)) if ordner else ()
    for foto in fotos:
        if not foto.datei.is_file():
            befunde.fehler(
                EingabeFehler(
                    f"Das Foto „{foto.datei.name}“ aus der Fotoliste fehlt im Ordner.",
                    Ort(projekt.relativ(ordner)),
                    "Legen Sie die Datei in den Ordner oder streichen Sie die Zeile aus der Fotoliste.",
                )
            )
    dateien = list(eingaben.dateien)
    liste = fotoliste_finden(ordner) if ordner else None
    if liste is not None:
        dateien.append(liste)
    massnahmen = tuple(m for m in eingaben.massnahmen if m.quartier == quartier.kuerzel)
    dialog_ordner = projekt.pfad(projekt.konfig.eingaben.buergerdialog) / quartier.kuerzel
    dialog = None
    with befunde.sammeln():
        dialog = read_buergerdialog(
            dialog_ordner, massnahmen, befunde, projekt.relativ(dialog_ordner)
        )
    dateien += dialog.dateien if dialog else ()
    return Quartiersdaten(
        quartier=quartier,
        statistik=eingaben.statistik,
        befragung=eingaben.befragungen.get(quartier.kuerzel),
        planauszuege=tuple(
            p for p in eingaben.planauszuege if p.quartier in (None, quartier.kuerzel)
        ),
        fotos=fotos,
        massnahmen=massnahmen,
        eingabedateien=tuple(dateien),
        dialog=dialog,
    )


@dataclass(frozen=True)
class Stichtage:
    """The Stichtag of a profile and the one five years before (if the data has it)."""

    aktuell: dt.date
    vorher: dt.date | None


def stichtage(projekt: Projekt, statistik: Statistik) -> Stichtage:
    """The configured (or latest) Stichtag and the comparison date five years earlier."""
    vorhanden = statistik.stichtage
    gewuenscht = projekt.konfig.kennzahlen.stichtag
    if gewuenscht is not None and gewuenscht not in vorhanden:
        raise EingabeFehler(
            f"Der Stichtag {gewuenscht:%d.%m.%Y} kommt in der Bevölkerungsstatistik nicht vor "
            f"(vorhanden: {', '.join(f'{t:%d.%m.%Y}' for t in vorhanden)}).",
            Ort("qprofil.toml", spalte="kennzahlen.stichtag"),
            "Tragen Sie einen vorhandenen Stichtag ein oder lassen Sie den Eintrag weg.",
        )
    aktuell = gewuenscht or vorhanden[-1]
    try:
        vorher: dt.date | None = aktuell.replace(year=aktuell.year - 5)
    except ValueError:  # 29 February
        vorher = aktuell.replace(year=aktuell.year - 5, day=28)
    return Stichtage(aktuell, vorher if vorher in vorhanden else None)


def raeume(daten: Quartiersdaten, tage: Stichtage) -> Raeume:
    """Quarter, its Stadtbezirk and the city at both Stichtage, ready for the indicators."""
    s = daten.statistik
    q = daten.quartier
    stadt = (s.stadt_nr(),)
    bezirk = (q.stadtbezirk_nr,)

    def vorher(nummern: tuple[str, ...]):  # type: ignore[no-untyped-def]
        if tage.vorher is None:
            return None
        try:
            return verteilung(s, nummern, tage.vorher)
        except KeyError:
            return None

    try:
        return Raeume(
            quartier=verteilung(s, q.unterbezirke, tage.aktuell),
            stadtbezirk=verteilung(s, bezirk, tage.aktuell),
            stadt=verteilung(s, stadt, tage.aktuell),
            quartier_vorher=vorher(q.unterbezirke),
            stadtbezirk_vorher=vorher(bezirk),
            stadt_vorher=vorher(stadt),
            sozial_quartier=sozial(s, q.unterbezirke, tage.aktuell),
            sozial_stadtbezirk=sozial(s, bezirk, tage.aktuell),
            sozial_stadt=sozial(s, stadt, tage.aktuell),
        )
    except KeyError as err:
        raise EingabeFehler(
            f"Für Raum {err.args[0][1]} fehlen Bevölkerungszahlen zum Stichtag "
            f"{tage.aktuell:%d.%m.%Y}.",
            Ort(s.quellen[0].name if s.quellen else "Statistik"),
            "Ergänzen Sie die Zahlen oder korrigieren Sie die Unterbezirke des Quartiers.",
        ) from err
