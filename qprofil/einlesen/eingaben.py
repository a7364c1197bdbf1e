"""Gather all inputs of a project once: read every source, collect every problem.

First gather and validate everything, then write (build.py). Photo lists are read per quarter,
because a city-scale project has thousands of photos.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qprofil import zahlen
from qprofil.einlesen.befragung import befragungen_lesen
from qprofil.einlesen.dialog import buergerdialog_lesen
from qprofil.einlesen.geodaten import Geodaten, geodaten_lesen, quartiers_geo
from qprofil.einlesen.listen import (
    fotoliste_finden,
    fotoliste_lesen,
    massnahmen_lesen,
    planauszuege_lesen,
)
from qprofil.einlesen.quartiere import (
    BEISPIEL_KUERZEL,
    BEISPIEL_QUELLE,
    KUERZEL_MUSTER,
    quartiere_lesen,
)
from qprofil.einlesen.statistik import statistik_lesen
from qprofil.einlesen.tabelle import Grenzen, Leser
from qprofil.fehler import (
    Befund,
    Befunde,
    EingabeFehler,
    Ort,
    UnbekanntesQuartier,
    UngueltigesKuerzel,
)
from qprofil.modell import (
    Befragung,
    Foto,
    Massnahme,
    Planauszug,
    Quartier,
    Quartiersdaten,
    Statistik,
)
from qprofil.projekt import CONFIG_NAME, Projekt

if TYPE_CHECKING:
    from qprofil.ausgabe.cache import Cache


def leser_fuer(projekt: Projekt, cache: Cache | None = None) -> Leser:
    """The reader with the project's limits ([grenzen.tabellen], [grenzen.fotos])."""
    g = projekt.konfig.grenzen
    t = g.tabellen
    return Leser(
        grenzen=Grenzen(
            zeilen=t.max_zeilen,
            spalten=t.max_spalten,
            zellen=t.max_zellen,
            mb=t.max_mb,
            schluessel="grenzen.tabellen",
        ),
        cache=cache,
        max_pixel=g.fotos.max_megapixel * 1_000_000,
    )


@dataclass(frozen=True)
class Eingabedaten:
    """Everything read from daten/ that all quarters share."""

    quartiere: dict[str, Quartier]
    statistik: Statistik | None
    befragungen: dict[str, Befragung]
    planauszuege: tuple[Planauszug, ...]
    massnahmen: tuple[Massnahme, ...]
    dateien: tuple[Path, ...]  # every file read, for the sources list and input hashes
    #: Errors in the quarter table: a quarter named on the command line may be missing for them.
    quartier_fehler: tuple[Befund, ...] = ()
    geodaten: Geodaten | None = None


def statistik_dateien_von(projekt: Projekt) -> list[Path]:
    """The statistics files as configured: the population, and the social data if any."""
    st = projekt.konfig.statistik
    dateien = [projekt.pfad(st.bevoelkerung.datei)]
    if st.sozialdaten is not None and str(st.sozialdaten.datei) not in ("", "."):
        dateien.append(projekt.pfad(st.sozialdaten.datei))
    return dateien


def statistik_einlesen(projekt: Projekt, befunde: Befunde, leser: Leser) -> Statistik | None:
    """Read the statistics as configured; None (with the problem in ``befunde``) if unreadable."""
    st = projekt.konfig.statistik
    with befunde.sammeln():
        return statistik_lesen(
            st.bevoelkerung,
            st.sozialdaten,
            befunde,
            wurzel=projekt.wurzel,
            anzeige={d: projekt.relativ(d) for d in statistik_dateien_von(projekt)},
            leser=leser,
        )
    return None


def eingaben_lesen(projekt: Projekt, befunde: Befunde, leser: Leser) -> Eingabedaten:
    """Read every shared input; problems go to ``befunde``, unreadable sources are left empty."""
    e = projekt.konfig.eingaben
    p = projekt.pfad
    zeige = projekt.relativ
    statistik_dateien = statistik_dateien_von(projekt)
    statistik = statistik_einlesen(projekt, befunde, leser)
    # After the statistics: the quarters' area codes are checked against them.
    quartiere: dict[str, Quartier] = {}
    vorher = len(befunde.liste)
    with befunde.sammeln():
        quartiere = quartiere_lesen(
            p(e.quartiere),
            befunde,
            zeige(p(e.quartiere)),
            statistik.raeume if statistik is not None else None,
            leser=leser,
        )
    quartier_fehler = tuple(b for b in befunde.liste[vorher:] if b.schwere == "Fehler")
    beispiel_melden(projekt, quartiere, befunde)
    befragungen: dict[str, Befragung] = {}
    if e.befragung is not None:
        with befunde.sammeln():
            befragungen = befragungen_lesen(
                p(e.befragung), quartiere, befunde, zeige(p(e.befragung)), leser=leser
            )
    planauszuege: tuple[Planauszug, ...] = ()
    if e.planauszuege is not None:
        with befunde.sammeln():
            planauszuege = planauszuege_lesen(
                p(e.planauszuege), quartiere, befunde, zeige(p(e.planauszuege)), leser=leser
            )
    massnahmen: tuple[Massnahme, ...] = ()
    if e.massnahmen is not None:
        with befunde.sammeln():
            massnahmen = massnahmen_lesen(
                p(e.massnahmen), quartiere, befunde, zeige(p(e.massnahmen)), leser=leser
            )
    dateien = [p(e.quartiere), *statistik_dateien]
    dateien += [p(d) for d in (e.planauszuege, e.massnahmen) if d is not None]
    dateien += [b.datei for b in befragungen.values()]
    geodaten = None
    if projekt.konfig.karte is not None:
        with befunde.sammeln():
            geodaten = geodaten_lesen(projekt)
        k = projekt.konfig.karte
        dateien += [p(k.grenzen), *(p(e.datei) for e in k.punkte)]
    return Eingabedaten(
        quartiere,
        statistik,
        befragungen,
        planauszuege,
        massnahmen,
        tuple(sorted(dateien)),
        quartier_fehler,
        geodaten,
    )


def beispiel_melden(projekt: Projekt, quartiere: dict[str, Quartier], befunde: Befunde) -> None:
    """A hint for each part of ``qprofil init``'s example still in use: invented figures must
    not end up in a profile unnoticed (the documents say so too, in ``[projekt] hinweis``)."""
    st = projekt.konfig.statistik.bevoelkerung
    if st.quelle == BEISPIEL_QUELLE:
        befunde.hinweis(
            "Die Bevölkerungsstatistik ist noch das Beispiel von qprofil init (erfundene Zahlen).",
            Ort(projekt.relativ(projekt.pfad(st.datei))),
            "Legen Sie den Export Ihrer Statistikstelle ab, beschreiben Sie ihn unter "
            f"[statistik.bevoelkerung] in {CONFIG_NAME} und setzen Sie dort „quelle“ "
            "(docs/konfiguration.md).",
            art="Beispieldaten",
        )
    if BEISPIEL_KUERZEL in quartiere:
        befunde.hinweis(
            f"Das Quartier „{BEISPIEL_KUERZEL}“ ist das Beispiel von qprofil init.",
            Ort(projekt.relativ(projekt.pfad(projekt.konfig.eingaben.quartiere)), "Quartiere"),
            "Ersetzen Sie die Zeile durch Ihre Quartiere und Seniorenbüros, und entfernen Sie "
            f"„hinweis“ unter [projekt] in {CONFIG_NAME}.",
            art="Beispieldaten",
        )


def quartiere_waehlen(eingaben: Eingabedaten, namen: list[str], alle: bool) -> list[Quartier]:
    """The quarters named on the command line (by Kürzel or name, any case), or all of them."""
    if alle:
        return list(eingaben.quartiere.values())
    gewaehlt = []
    for name in namen:
        q = _quartier_finden(eingaben, name)
        if q not in gewaehlt:
            gewaehlt.append(q)
    return gewaehlt


_UMSCHRIFT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", "_": "-"})


def _quartier_finden(eingaben: Eingabedaten, name: str) -> Quartier:
    text = name.strip()
    gesucht = text.casefold()
    for q in eingaben.quartiere.values():
        if gesucht in (q.kuerzel, q.name.casefold()):
            return q
    umschrieben = gesucht.translate(_UMSCHRIFT)
    if umschrieben in eingaben.quartiere:  # "Mengling Hausen", "Lütgen_dortmund"
        return eingaben.quartiere[umschrieben]
    if not KUERZEL_MUSTER.match(gesucht):
        # Checked before anything else: a name like "../x" never reaches a path.
        vorschlag = umschrieben if KUERZEL_MUSTER.match(umschrieben) else None
        raise UngueltigesKuerzel(text, vorschlag)
    if eingaben.quartier_fehler:
        # The quarter may well exist: its row (or the whole table) could not be read.
        b = eingaben.quartier_fehler[0]
        weitere = len(eingaben.quartier_fehler) - 1
        raise EingabeFehler(
            f"Das Quartier „{text}“ ist nicht bekannt, und die Quartierstabelle ist fehlerhaft: "
            f"{b.meldung}" + (f" (und {weitere} weitere Fehler)" if weitere else ""),
            b.ort,
            b.hilfe,
        )
    raise UnbekanntesQuartier(text, _aehnliche(eingaben, gesucht), list(eingaben.quartiere))


def _aehnliche(eingaben: Eingabedaten, gesucht: str) -> list[str]:
    """The Kürzel of the quarters whose Kürzel or name is closest to a misspelled name."""
    import difflib

    namen = {q.kuerzel: q.kuerzel for q in eingaben.quartiere.values()}
    namen |= {q.name.casefold(): q.kuerzel for q in eingaben.quartiere.values()}
    treffer = difflib.get_close_matches(gesucht, list(namen), n=3, cutoff=0.7)
    return list(dict.fromkeys(namen[t] for t in treffer))


def begehungs_ordner(projekt: Projekt, kuerzel: str) -> Path | None:
    """The folder with a quarter's walkthrough photos and photo list (None: no walkthroughs)."""
    ordner = projekt.konfig.eingaben.begehungen
    return None if ordner is None else projekt.pfad(ordner) / kuerzel


def stand_pruefen(
    projekt: Projekt,
    befragung: Befragung | None,
    planauszuege: Sequence[Planauszug],
    fotos: Sequence[Foto],
    befunde: Befunde,
) -> None:
    """A hint for every input of a profile dated after the Stand its documents print.

    A title page „Stand: 31.03.2017“ above a walkthrough of 12.04.2017 contradicts itself.
    """
    stand = projekt.konfig.projekt.stand
    daten: list[tuple[str, dt.date | None, Ort | None]] = []
    if befragung is not None:
        daten.append(
            ("Die Befragung", befragung.datum, befragung.datum_ort or Ort(befragung.datei))
        )
    daten += [(f"Der Auszug aus „{p.plan}“", p.datum, p.datum_ort) for p in planauszuege]
    daten += [(f"Das Foto „{f.datei.name}“", f.datum, f.datum_ort) for f in fotos]
    for was, datum, ort in daten:
        if datum is not None and datum > stand:
            befunde.hinweis(
                f"{was} ist vom {zahlen.datum(datum)}, also nach dem Stand der Dokumente "
                f"({zahlen.datum(stand)}).",
                ort or Ort(),
                f"Setzen Sie „stand“ unter [projekt] in {CONFIG_NAME} auf ein Datum ab dem "
                f"{zahlen.datum(datum)}, oder korrigieren Sie das Datum hier.",
                art="Datenstand",
            )


def quartiersdaten(
    projekt: Projekt, eingaben: Eingabedaten, quartier: Quartier, befunde: Befunde, leser: Leser
) -> Quartiersdaten:
    """Everything about one quarter (its photo list is read here)."""
    assert eingaben.statistik is not None
    ordner = begehungs_ordner(projekt, quartier.kuerzel)
    # The photo list reader checks that every photo exists and is a usable image.
    fotos = fotoliste_lesen(ordner, befunde, projekt.relativ(ordner), leser=leser) if ordner else ()
    dateien = list(eingaben.dateien)
    liste = fotoliste_finden(ordner) if ordner else None
    if liste is not None:
        dateien.append(liste)
    massnahmen = tuple(m for m in eingaben.massnahmen if m.quartier == quartier.kuerzel)
    dialog = None
    if projekt.konfig.eingaben.buergerdialog is not None:
        dialog_ordner = projekt.pfad(projekt.konfig.eingaben.buergerdialog) / quartier.kuerzel
        with befunde.sammeln():
            dialog = buergerdialog_lesen(
                dialog_ordner, massnahmen, befunde, projekt.relativ(dialog_ordner), leser=leser
            )
    dateien += dialog.dateien if dialog else ()
    geo = None
    with befunde.sammeln():
        geo = quartiers_geo(projekt, eingaben.geodaten, quartier)
    befragung = eingaben.befragungen.get(quartier.kuerzel)
    planauszuege = tuple(p for p in eingaben.planauszuege if p.quartier in (None, quartier.kuerzel))
    stand_pruefen(projekt, befragung, planauszuege, fotos, befunde)
    return Quartiersdaten(
        quartier=quartier,
        statistik=eingaben.statistik,
        befragung=befragung,
        planauszuege=planauszuege,
        fotos=fotos,
        massnahmen=massnahmen,
        eingabedateien=tuple(dateien),
        dialog=dialog,
        geo=geo,
    )
