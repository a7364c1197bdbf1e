"""Build documents for quarters: read and validate, render, write.

Shared inputs are read and validated first; errors in them stop the whole run before anything
is written. Then each quarter's own inputs are read and checked, and the quarter is rendered
right away (one failing quarter does not stop the others). With several jobs, quarters are
rendered in worker processes (each gets the shared inputs once) while this process checks the
next ones, and written by this process, which holds the lock.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing as mp
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qprofil import __version__
from qprofil.ausgabe.schreiber import Ausgabeordner, Geschrieben, zip_normalisieren
from qprofil.dokumente import ARTEN, Dokumentart
from qprofil.einlesen.eingaben import (
    Eingabedaten,
    eingaben_lesen,
    quartiere_waehlen,
    quartiersdaten,
)
from qprofil.einlesen.tabelle import zwischenspeicher_nutzen
from qprofil.fehler import (
    AuswahlFehler,
    Befund,
    Befunde,
    KeinQuartierGewaehlt,
    QprofilError,
    UnbekannteAuswahl,
)
from qprofil.modell import Quartiersdaten
from qprofil.projekt import CONFIG_NAME, Projekt
from qprofil.word.rendern import render

#: Subfolder of the project's cache for the rows read from workbooks (sources/tabelle.py).
TABELLEN = "tabellen"


@dataclass
class Ergebnis:
    """The outcome for one document (a quarter's profile, or a committee draft)."""

    titel: str
    geschrieben: list[Geschrieben] = field(default_factory=list)
    befunde: list[Befund] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the quarter's document was written (or was up to date)."""
        return not any(b.schwere == "Fehler" for b in self.befunde) and bool(self.geschrieben)


@dataclass
class Lauf:
    """The outcome of a build run."""

    ergebnisse: list[Ergebnis]
    befunde: Befunde  # problems in the shared inputs

    @property
    def ok(self) -> bool:
        """True when every quarter was built and no shared input had errors."""
        return not self.befunde.fehlerhaft and all(e.ok for e in self.ergebnisse)


Fortschritt = Callable[[str], None]


def art_waehlen(name: str) -> Dokumentart:
    """The document kind by name (--kind)."""
    if name not in ARTEN:
        raise UnbekannteAuswahl("Dokumentart", name, list(ARTEN))
    return ARTEN[name]


def bauen(
    projekt: Projekt,
    namen: list[str],
    *,
    alle: bool = False,
    art: str = "profil",
    force: bool = False,
    jobs: int = 1,
    fortschritt: Fortschritt | None = None,
) -> Lauf:
    """Build the documents of kind ``art`` for the named quarters (or all) into berichte/."""
    with zwischenspeicher_nutzen(projekt.cache / TABELLEN):
        return _bauen(projekt, namen, alle, art, force, jobs, fortschritt)


def _bauen(
    projekt: Projekt,
    namen: list[str],
    alle: bool,
    art: str,
    force: bool,
    jobs: int,
    fortschritt: Fortschritt | None,
) -> Lauf:
    dokumentart = art_waehlen(art)
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde)
    try:
        quartiere = quartiere_waehlen(eingaben, namen, alle)
    except AuswahlFehler:
        if befunde.fehlerhaft:  # e.g. quartiere.xlsx unreadable: show that, not "unknown quarter"
            return Lauf([], befunde)
        raise
    if not quartiere:
        raise KeinQuartierGewaehlt()
    if befunde.fehlerhaft:
        return Lauf([Ergebnis(q.name) for q in quartiere], befunde)

    ergebnisse: dict[str, Ergebnis] = {q.kuerzel: Ergebnis(q.name) for q in quartiere}
    vorlage = projekt.vorlagen / dokumentart.vorlage
    with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
        hashes: dict[str, str] = {}

        def zu_bauen() -> Iterator[Quartiersdaten]:
            """Each quarter's data as soon as it is read and checked, if it needs building.

            A generator, so that the workers render the first quarters while the photo lists
            and photos of the later ones are still being checked here.
            """
            for q in quartiere:
                name = dokumentart.ausgabe_name(q.kuerzel)
                qbefunde = Befunde()
                daten = quartiersdaten(projekt, eingaben, q, qbefunde)
                ergebnisse[q.kuerzel].befunde = qbefunde.liste
                if qbefunde.fehlerhaft:
                    _melden(fortschritt, q.name)
                    continue
                hash_ = eingaben_hash(projekt, daten, vorlage)
                if ausgabe.aktuell(name, hash_):
                    ergebnisse[q.kuerzel].geschrieben.append(ausgabe.vermerken(name))
                    _melden(fortschritt, q.name)
                    continue
                hashes[q.kuerzel] = hash_
                yield daten

        for kuerzel, docx, fehler in _rendern(projekt, eingaben, dokumentart, zu_bauen(), jobs):
            ergebnis = ergebnisse[kuerzel]
            ergebnis.befunde += fehler
            if docx is not None:
                try:
                    ergebnis.geschrieben.append(
                        ausgabe.schreiben(dokumentart.ausgabe_name(kuerzel), docx, hashes[kuerzel])
                    )
                except QprofilError as err:
                    b = Befunde()
                    b.fehler(err)
                    ergebnis.befunde += b.liste
            _melden(fortschritt, ergebnis.titel)
    return Lauf([ergebnisse[q.kuerzel] for q in quartiere], befunde)


def _melden(fortschritt: Fortschritt | None, titel: str) -> None:
    if fortschritt is not None:
        fortschritt(titel)


def _rendern(
    projekt: Projekt,
    eingaben: Eingabedaten,
    art: Dokumentart,
    auftraege: Iterator[Quartiersdaten],
    jobs: int,
) -> Iterator[tuple[str, bytes | None, list[Befund]]]:
    """Render each quarter, in this process or in ``jobs`` worker processes (as they finish)."""
    erste = list(itertools.islice(auftraege, 2))
    if jobs <= 1 or len(erste) <= 1:
        # One quarter, or --jobs 1: starting workers would cost more than it saves.
        for daten in itertools.chain(erste, auftraege):
            ergebnis = _dokument(projekt, art, daten)
            _aufraeumen()
            yield (daten.quartier.kuerzel, *ergebnis)
        return
    # Workers start fresh ("forkserver" where available, else "spawn"): forking this process
    # would copy the progress display's thread and its locks. Each worker gets the inputs
    # already read here once, pickled. Workers are not replaced after n quarters
    # (max_tasks_per_child): that can deadlock the pool on Python 3.11 to 3.13 (CPython
    # gh-115634); _aufraeumen keeps their memory flat instead.
    methode = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=mp.get_context(methode),
        initializer=_arbeiter_start,
        initargs=(projekt, eingaben),
    )
    with pool:
        # Tasks carry only the Kürzel; the worker gathers the quarter's data from its inputs.
        laufend: dict[Future[tuple[bytes | None, list[Befund]]], Quartiersdaten] = {}
        try:
            for d in itertools.chain(erste, auftraege):
                laufend[pool.submit(_arbeiter, art.name, d.quartier.kuerzel)] = d
                # Enough in flight to keep every worker busy. Finished documents are handed on
                # (and written) as they come, instead of piling up in memory while the later
                # quarters are still being checked here.
                while len(laufend) >= 2 * jobs:
                    yield from _fertige(laufend)
            while laufend:
                yield from _fertige(laufend)
        except BaseException:
            # An error or Ctrl+C while checking or writing: don't render what is still queued.
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _fertige(
    laufend: dict[Future[tuple[bytes | None, list[Befund]]], Quartiersdaten],
) -> Iterator[tuple[str, bytes | None, list[Befund]]]:
    """Wait for at least one rendered quarter; hand on each that is done."""
    fertig, _ = wait(laufend, return_when=FIRST_COMPLETED)
    for f in fertig:
        # pop: a finished future holds its .docx; keeping them would grow memory.
        daten = laufend.pop(f)
        yield (daten.quartier.kuerzel, *f.result())


_ARBEITER: tuple[Projekt, Eingabedaten] | None = None


def _arbeiter_start(projekt: Projekt, eingaben: Eingabedaten) -> None:
    """Worker process: keep the project and the shared inputs handed over by the main process."""
    global _ARBEITER
    _ARBEITER = (projekt, eingaben)


def _arbeiter(art: str, kuerzel: str) -> tuple[bytes | None, list[Befund]]:
    assert _ARBEITER is not None
    projekt, eingaben = _ARBEITER
    with zwischenspeicher_nutzen(projekt.cache / TABELLEN):
        ergebnis = quartier_rendern(projekt, eingaben, ARTEN[art], kuerzel)
    _aufraeumen()
    return ergebnis


def _aufraeumen() -> None:
    """Free a rendered document's objects now, before the next quarter.

    A document leaves python-docx, lxml and Jinja objects in reference cycles. Python's cyclic
    collector runs by allocation counts, not by size, so without this a worker's memory grew by
    about 1 MB per quarter (83 → 124 MB over 40 quarters; with it flat at 87 MB).
    """
    gc.collect()


def quartier_rendern(
    projekt: Projekt, eingaben: Eingabedaten, art: Dokumentart, kuerzel: str
) -> tuple[bytes | None, list[Befund]]:
    """Gather one quarter's data and render its document (in memory); errors are returned."""
    # The quarter's hints were already collected when the build checked it; don't repeat them.
    daten = quartiersdaten(projekt, eingaben, eingaben.quartiere[kuerzel], Befunde())
    return _dokument(projekt, art, daten)


def _dokument(
    projekt: Projekt, art: Dokumentart, daten: Quartiersdaten
) -> tuple[bytes | None, list[Befund]]:
    """Render one quarter's document; errors are returned, not raised."""
    befunde = Befunde()
    vorlage = projekt.vorlagen / art.vorlage
    with befunde.sammeln():
        kontext, eigenschaften = art.kontext(projekt, daten)
        docx = render(vorlage, kontext, eigenschaften, projekt.relativ(vorlage))
        return zip_normalisieren(docx), befunde.liste
    return None, befunde.liste


def eingaben_hash(projekt: Projekt, daten: Quartiersdaten, vorlage: Path) -> str:
    """A hash of everything a quarter's document is made from.

    Spreadsheets, template and config by content; photos by name, size and modification time
    (hashing thousands of multi-megabyte photos would make a no-change build slow).
    """
    h = hashlib.sha256()
    h.update(f"qprofil {__version__}\n".encode())
    h.update(daten.quartier.kuerzel.encode())
    for pfad in (*daten.eingabedateien, vorlage, projekt.wurzel / CONFIG_NAME):
        h.update(str(pfad).encode())
        h.update(_datei_hash(pfad).encode())
    for foto in daten.fotos:
        st = foto.datei.stat() if foto.datei.exists() else None
        h.update(f"{foto.datei}|{st.st_size if st else -1}|{st.st_mtime_ns if st else -1}".encode())
    return h.hexdigest()


_HASH_CACHE: dict[tuple[Path, int, int], str] = {}


def _datei_hash(pfad: Path) -> str:
    try:
        st = pfad.stat()
    except OSError:
        return "fehlt"
    schluessel = (pfad, st.st_size, st.st_mtime_ns)
    if schluessel not in _HASH_CACHE:
        _HASH_CACHE[schluessel] = hashlib.sha256(pfad.read_bytes()).hexdigest()
    return _HASH_CACHE[schluessel]


def standard_jobs() -> int:
    """Default number of worker processes: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def gremienvorlage_bauen(
    projekt: Projekt,
    namen: list[str],
    *,
    art: str = "mitteilung",
    gremien: list[str] | None = None,
    force: bool = False,
    jobs: int = 1,
    fortschritt: Fortschritt | None = None,
) -> Lauf:
    """Build one committee draft covering ``namen`` (profiles first, as its Anlagen) plus OParl JSON."""
    from qprofil.dokumente import gremienvorlage as gv
    from qprofil.dokumente import oparl

    if art not in gv.VORLAGEARTEN:
        raise UnbekannteAuswahl("Vorlageart", art, list(gv.VORLAGEARTEN))
    vorab = Befunde()
    with zwischenspeicher_nutzen(projekt.cache / TABELLEN):
        eingaben = eingaben_lesen(projekt, vorab)
    if not vorab.fehlerhaft:
        # Quarters and bodies are checked before any profile is built or written.
        gewaehlt = quartiere_waehlen(eingaben, namen, alle=False)
        gv.beratungsfolge(projekt.konfig.gremium, gewaehlt, art, gremien or ())
    profile = bauen(projekt, namen, art="profil", jobs=jobs, fortschritt=fortschritt)
    if not profile.ok:
        return profile
    befunde = Befunde()
    with zwischenspeicher_nutzen(projekt.cache / TABELLEN):
        eingaben = eingaben_lesen(projekt, befunde)
        quartiere = quartiere_waehlen(eingaben, namen, alle=False)
        daten = [quartiersdaten(projekt, eingaben, q, befunde) for q in quartiere]
    folge = gv.beratungsfolge(projekt.konfig.gremium, quartiere, art, gremien or ())
    # The profiles as they are now in berichte/ are the Anlagen, hand edits included.
    anlagen = [projekt.berichte / ARTEN["profil"].ausgabe_name(q.kuerzel) for q in quartiere]
    kontext, eigenschaften = gv.kontext(projekt, daten, art, folge, anlagen)
    vorlage = projekt.vorlagen / "gremienvorlage.docx"
    docx = zip_normalisieren(render(vorlage, kontext, eigenschaften, projekt.relativ(vorlage)))
    stamm = f"gremienvorlage_{art}_{'_'.join(q.kuerzel for q in quartiere)}"
    einstellungen = projekt.konfig.gremienvorlage
    ergebnis = Ergebnis(eigenschaften.titel)
    hash_ = hashlib.sha256(docx).hexdigest()
    with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
        haupt = ausgabe.schreiben(f"{stamm}.docx", docx, hash_)
        papier = oparl.paper(
            basis=einstellungen.oparl_basis,
            kennung=stamm.replace("_", "-"),
            betreff=eigenschaften.titel,
            drucksachen_nr=einstellungen.drucksachen_nr,
            datum=eigenschaften.datum,
            vorlageart=gv.VORLAGEARTEN[art],
            amt=einstellungen.amt,
            hauptdatei=oparl.Datei(haupt.pfad.name, docx, eigenschaften.titel),
            anlagen=[
                oparl.Datei(a.name, a.read_bytes(), f"Anlage {i}: {a.stem}")
                for i, a in enumerate(anlagen, start=1)
            ],
            beratungen=[
                oparl.Gremienberatung(
                    b.gremium.kuerzel, b.gremium.name, b.rolle, b.entscheidet, b.gremium.sitzung
                )
                for b in folge
            ],
            orte=[_ort(projekt, d) for d in daten],
            stichworte=["altersgerechte Quartiersentwicklung", *(q.name for q in quartiere)],
        )
        ergebnis.geschrieben.append(haupt)
        ergebnis.geschrieben.append(
            ausgabe.schreiben(f"{stamm}.oparl.json", oparl.als_json(papier), hash_)
        )
    _melden(fortschritt, ergebnis.titel)
    return Lauf([*profile.ergebnisse, ergebnis], befunde)


def _ort(projekt: Projekt, daten: Quartiersdaten) -> Any:
    """The quarter as an OParl place; with its boundary as a GeoJSON Feature where known."""
    from qprofil.dokumente import oparl

    q = daten.quartier
    feature = None
    if daten.geo is not None:
        from qprofil.auswertung.raeumlich import als_feature

        feature = als_feature(daten.geo.gebiet, {"stadtbezirk": q.stadtbezirk})
    return oparl.Ortsangabe(
        q.kuerzel, f"Quartier {q.name}", q.stadtbezirk, projekt.konfig.projekt.stadt, feature
    )


# --- qprofil check: validate every input and template without writing anything


def pruefen(projekt: Projekt, namen: list[str]) -> Befunde:
    """Read all inputs, build every document in memory and collect all problems.

    Resized photos go to a temporary folder that is removed afterwards: check writes nothing
    into the project.
    """
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde)
    quartiere = quartiere_waehlen(eingaben, namen, alle=not namen)
    if eingaben.statistik is None:
        return befunde
    with tempfile.TemporaryDirectory(prefix="qprofil-check-") as tmp:
        pruef_projekt = Projekt(projekt.wurzel, projekt.konfig)
        pruef_projekt.cache = Path(tmp)
        for q in quartiere:
            with befunde.sammeln():
                qbefunde = Befunde()
                daten = quartiersdaten(pruef_projekt, eingaben, q, qbefunde)
                befunde.liste += qbefunde.liste
                if qbefunde.fehlerhaft:
                    continue
                for art in ARTEN.values():
                    if art is not ARTEN["profil"] and not art.anwendbar(pruef_projekt, daten):
                        continue
                    vorlage = projekt.vorlagen / art.vorlage
                    with befunde.sammeln():
                        kontext, eigenschaften = art.kontext(pruef_projekt, daten)
                        render(vorlage, kontext, eigenschaften, projekt.relativ(vorlage))
    return _ohne_doppelte(befunde)


def _ohne_doppelte(befunde: Befunde) -> Befunde:
    """Each finding once: a template error shows up for every quarter, but is one error."""
    ergebnis = Befunde()
    for befund in dict.fromkeys(befunde.liste):
        ergebnis.liste.append(befund)
    return ergebnis
