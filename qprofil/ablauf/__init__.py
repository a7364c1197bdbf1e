"""The pipeline: read and validate, evaluate, prepare images, build the context, render, write.

This is the one place that runs the stages in order (einlesen → auswertung → bilder → dokumente
→ word → ausgabe) for every document kind alike, and the library the command line calls:
``bauen`` (one document per quarter: Word documents, or web pages with their index, through one
loop), ``mehrere_bauen`` (one document for several quarters, with the documents it attaches
built first), ``stadt_bauen`` (one document for the whole city: the indicator workbook),
``pruefen`` (everything in memory, nothing written). Every document is written through one
``Ausgabeordner`` (manifest, hash, hand edits kept).

Shared inputs are read and validated first; errors in them stop the whole run before anything
is written. Then each quarter's own inputs are read and checked, and the quarter is rendered
right away (one failing quarter does not stop the others). With several jobs, quarters are
rendered in worker processes (each gets the shared inputs once) while this process checks the
next ones, and written by this process, which holds the lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import itertools
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qprofil import __version__
from qprofil.ausgabe.cache import Cache
from qprofil.ausgabe.schreiber import Ausgabeordner, Geschrieben, sha256, zip_normalisieren
from qprofil.auswertung.quartier import auswerten
from qprofil.bilder.vorbereiten import vorbereiten
from qprofil.dokumente import ARTEN
from qprofil.dokumente.art import (
    TABELLENFORMATE,
    Auftrag,
    Dokumentart,
    Eigenschaften,
    Grundlage,
    Tabelle,
    Zusatzdatei,
)
from qprofil.einlesen.eingaben import (
    Eingabedaten,
    eingaben_lesen,
    leser_fuer,
    quartiere_waehlen,
    quartiersdaten,
)
from qprofil.fehler import (
    AuswahlFehler,
    Befund,
    Befunde,
    KeinQuartierGewaehlt,
    Ort,
    QprofilError,
    UnbekannteAuswahl,
)
from qprofil.modell import Quartier, Quartiersdaten
from qprofil.projekt import CONFIG_NAME, Projekt
from qprofil.word.rendern import render

if TYPE_CHECKING:
    from qprofil.auswertung.auswertung import Auswertung
    from qprofil.auswertung.vorschau import Zeile


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
    #: Why the PDFs asked for are missing (the .docx files are written all the same).
    pdf_fehler: QprofilError | None = None

    @property
    def ok(self) -> bool:
        """True when every document (and PDF asked for) was made and no shared input had errors."""
        return (
            not self.befunde.fehlerhaft
            and self.pdf_fehler is None
            and all(e.ok for e in self.ergebnisse)
        )


Fortschritt = Callable[[str], None]


def art_waehlen(name: str, *, mehrere: bool = False) -> Dokumentart:
    """The document kind by name (``--kind``): one per quarter, or (``mehrere``) for several.

    A kind of another scope (the city-wide workbook asked of ``build``) is refused with the
    command that builds it.
    """
    umfang = "quartiere" if mehrere else "quartier"
    passende = {n: a for n, a in ARTEN.items() if a.umfang == umfang}
    gesucht = name.strip().casefold()
    if gesucht in passende:
        return passende[gesucht]
    andere = ARTEN.get(gesucht)
    if andere is None:
        raise UnbekannteAuswahl("Dokumentart", name, list(passende))
    was = {
        "stadt": "umfasst die ganze Stadt (alle Räume und Stichtage), nicht einzelne Quartiere",
        "quartiere": "fasst mehrere Quartiere in einem Dokument zusammen",
        "quartier": "entsteht je Quartier",
    }[andere.umfang]
    befehl = andere.befehl or "qprofil build --kind " + andere.name
    hier = "dieser Befehl" if mehrere else "„qprofil build“"
    raise AuswahlFehler(
        f"Die Dokumentart „{andere.name}“ {was}; {hier} erzeugt sie nicht.",
        hilfe=f"Erzeugen Sie sie mit „{befehl}“.",
    )


def auswertung_von(projekt: Projekt, eingaben: Eingabedaten) -> Auswertung:
    """Stage 2 for the whole run: every indicator for every area and Stichtag (pandas)."""
    from qprofil.auswertung.auswertung import Auswertung

    assert eingaben.statistik is not None
    return Auswertung(eingaben.statistik, eingaben.quartiere.values(), projekt.konfig.kennzahlen)


def grundlage(
    projekt: Projekt,
    art: Dokumentart,
    daten: Quartiersdaten,
    cache: Cache,
    auswertung: Auswertung,
    auftrag: Auftrag | None = None,
) -> Grundlage:
    """Stages 2 and 3 for one quarter: its figures, and the images ``art`` needs.

    The options ``von`` and ``bis`` of ``auftrag`` choose the Stichtage a change chart compares.
    """
    werte = auswerten(projekt, daten, auswertung)
    optionen = auftrag.optionen if auftrag is not None else {}
    zeitraum = (optionen.get("von"), optionen.get("bis"))
    return Grundlage(daten, werte, vorbereiten(projekt, daten, werte, cache, art.bilder, zeitraum))


def rendern(
    projekt: Projekt, art: Dokumentart, grundlagen: Sequence[Grundlage], auftrag: Auftrag
) -> tuple[bytes, Any]:
    """Stages 4 and 5: the kind's context, rendered into its template (in memory).

    For a web kind (``format == "html"``) this is the quarter's whole page.
    """
    assert art.kontext is not None, art.name
    kontext, eigenschaften = art.kontext(projekt, grundlagen, auftrag)
    return _ausgeben(projekt, art, kontext, eigenschaften), eigenschaften


def _ausgeben(
    projekt: Projekt,
    art: Dokumentart,
    kontext: dict[str, Any] | Tabelle,
    eigenschaften: Eigenschaften,
    vorlage: str | None = None,
) -> bytes:
    """Stage 5 by the kind's format: a document's bytes from its content (in memory).

    "docx" and "html" render the kind's template (or ``vorlage``, another one in its folder:
    a web page's CMS fragment) with the template context; "xlsx" and "csv" write the
    ``Tabelle``.
    """
    if art.format in TABELLENFORMATE:
        from qprofil.ausgabe.kennzahlmappe import csv_text, mappe

        assert isinstance(kontext, Tabelle), art.name
        if art.format == "csv":
            return csv_text(kontext.werte)
        return mappe(kontext.werte, kontext.definitionen, eigenschaften.titel)
    assert isinstance(kontext, dict), art.name
    pfad = projekt.vorlagen / art.vorlage
    if vorlage is not None:
        pfad = pfad.parent / vorlage
    grenzen = projekt.konfig.grenzen.vorlagen
    if art.format == "html":
        return _html(projekt, pfad, kontext)
    docx = render(
        pfad,
        kontext,
        eigenschaften,
        projekt.relativ(pfad),
        sekunden=grenzen.max_sekunden,
        mb=grenzen.max_mb,
    )
    return zip_normalisieren(docx)


def _html(projekt: Projekt, vorlage: Path, kontext: Mapping[str, Any]) -> bytes:
    """Render the HTML template ``vorlage`` in its folder's sandbox (page, fragment or index)."""
    from qprofil.word.html import html_rendern

    grenzen = projekt.konfig.grenzen.vorlagen
    return html_rendern(
        vorlage.parent,
        vorlage.name,
        kontext,
        projekt.relativ(vorlage.parent),
        sekunden=grenzen.max_sekunden,
        mb=grenzen.max_mb,
    )


def bauen(
    projekt: Projekt,
    namen: list[str],
    *,
    alle: bool = False,
    art: str = "profil",
    force: bool = False,
    jobs: int = 1,
    fortschritt: Fortschritt | None = None,
    pdf: bool = False,
) -> Lauf:
    """Build the documents of kind ``art`` for the named quarters (or all) into berichte/.

    With ``pdf``, every .docx of the run (written or up to date) also gets its PDF/A beside it.
    """
    dokumentart = art_waehlen(art)
    cache = Cache(projekt.cache)
    lauf = _bauen(projekt, namen, alle, dokumentart, force, jobs, fortschritt, cache)
    if pdf:
        pdf_anhaengen(projekt, lauf, lauf.ergebnisse, force)
    return lauf


def pdf_anhaengen(
    projekt: Projekt, lauf: Lauf, ergebnisse: Sequence[Ergebnis], force: bool
) -> None:
    """Convert the .docx of ``ergebnisse`` in one LibreOffice call and add the PDFs to them.

    Nothing is converted when the run had errors in its inputs; a failed conversion is kept in
    ``lauf.pdf_fehler`` (the .docx files stay written).
    """
    from qprofil.ausgabe.pdf import pdf_schreiben
    from qprofil.fehler import PdfFehler

    if lauf.befunde.fehlerhaft:
        return
    herkunft = {
        g.pfad.stem: e for e in ergebnisse for g in e.geschrieben if g.pfad.suffix == ".docx"
    }
    docx = [g.pfad for e in ergebnisse for g in e.geschrieben if g.pfad.suffix == ".docx"]
    if not docx:
        return
    try:
        for g in pdf_schreiben(projekt, docx, force):
            herkunft[g.pfad.stem].geschrieben.append(g)
    except PdfFehler as err:
        lauf.pdf_fehler = err


#: Subfolder of berichte/ the web pages are written to (its own manifest and lock).
WEBORDNER = "web"


@dataclass(frozen=True)
class Gerendert:
    """One quarter's rendered document and the files written before it (all in memory).

    Written in the order bilder, beilagen, document, so that a web page never points at an
    image not yet there. A web page's images are reported only when there is something to say
    (an image edited by hand): the list of a page's images would drown the pages in the output.
    Its CMS fragment (a ``beilage``) is reported like the page.
    """

    dokument: bytes
    bilder: tuple[Zusatzdatei, ...] = ()
    beilagen: tuple[Zusatzdatei, ...] = ()


def _beilagen_namen(art: Dokumentart, kuerzel: str) -> tuple[str, ...]:
    """The names of the files a quarter's document comes with (a web page's CMS fragment)."""
    if art.format == "html":
        from qprofil.dokumente import webseite

        return (webseite.fragmentname(kuerzel),)
    return ()


def _bauen(
    projekt: Projekt,
    namen: list[str],
    alle: bool,
    dokumentart: Dokumentart,
    force: bool,
    jobs: int,
    fortschritt: Fortschritt | None,
    cache: Cache,
) -> Lauf:
    """One document per quarter, for every format: Word into berichte/, web pages into
    berichte/web/ (then the index of every quarter that has a page, and the style sheet).

    The same loop for both: read and check each quarter, skip it when its inputs and templates
    are unchanged (nothing is rewritten), render it (in worker processes with ``jobs`` > 1: a web
    page's SVG charts, map and photos in three widths cost as much as a profile), write it.
    Charts, map and photos come from the one cache, shared by the .docx and the web pages.
    """
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde, leser_fuer(projekt, cache))
    try:
        quartiere = quartiere_waehlen(eingaben, namen, alle)
    except AuswahlFehler:
        if befunde.fehlerhaft:  # e.g. quartiere.xlsx unreadable: show that, not "unknown quarter"
            return Lauf([], befunde)
        raise
    if not quartiere and befunde.fehlerhaft:  # e.g. every row of quartiere.xlsx is wrong
        return Lauf([], befunde)
    if not quartiere:
        raise KeinQuartierGewaehlt()
    if befunde.fehlerhaft:
        return Lauf([Ergebnis(q.name) for q in quartiere], befunde)

    ergebnisse: dict[str, Ergebnis] = {q.kuerzel: Ergebnis(q.name) for q in quartiere}
    vorlage = projekt.vorlagen / dokumentart.vorlage
    web = dokumentart.format == "html"
    ordner = projekt.berichte / WEBORDNER if web else projekt.berichte
    # A web page is made from every file in its template folder (page, fragment, index, style).
    vorlagen_hash = _ordner_hash(vorlage.parent) if web else ""
    # The evaluation (pandas, every indicator of every area) is needed only once a document is
    # rendered: a rebuild in which every quarter is unchanged skips it.
    auswertung = functools.cache(lambda: auswertung_von(projekt, eingaben))
    auswertung_fehler: list[QprofilError] = []
    with Ausgabeordner(ordner, force=force) as ausgabe:
        _reste_melden(projekt, ausgabe, cache, befunde)
        hashes: dict[str, str] = {}

        def zu_bauen() -> Iterator[Quartiersdaten]:
            """Each quarter's data as soon as it is read and checked, if it needs building.

            A generator, so that the workers render the first quarters while the photo lists
            and photos of the later ones are still being checked here.
            """
            for q in quartiere:
                dateien = (dokumentart.ausgabe_name([q]), *_beilagen_namen(dokumentart, q.kuerzel))
                qbefunde = Befunde()
                daten = quartiersdaten(projekt, eingaben, q, qbefunde, leser_fuer(projekt, cache))
                ergebnisse[q.kuerzel].befunde = qbefunde.liste
                if qbefunde.fehlerhaft:
                    _melden(fortschritt, q.name)
                    continue
                hash_ = eingaben_hash(projekt, daten, vorlage) + vorlagen_hash
                if all(ausgabe.aktuell(name, hash_) for name in dateien):
                    ergebnisse[q.kuerzel].geschrieben += [ausgabe.vermerken(n) for n in dateien]
                    _melden(fortschritt, q.name)
                    continue
                try:
                    auswertung()  # before the first document, so its error stops the run
                except QprofilError as err:
                    auswertung_fehler.append(err)
                    return
                hashes[q.kuerzel] = hash_
                yield daten

        auftraege = zu_bauen()
        for kuerzel, gerendert, fehler in _parallel(
            projekt, eingaben, auswertung, dokumentart, auftraege, jobs, cache
        ):
            ergebnis = ergebnisse[kuerzel]
            ergebnis.befunde += fehler
            if gerendert is not None:
                name = dokumentart.ausgabe_name([eingaben.quartiere[kuerzel]])
                try:
                    kennzahlen = kennzahl_texte(projekt, eingaben, auswertung(), kuerzel)
                    ergebnis.geschrieben += _schreiben(
                        ausgabe, name, gerendert, hashes[kuerzel], kennzahlen
                    )
                except QprofilError as err:
                    b = Befunde()
                    b.fehler(err)
                    ergebnis.befunde += b.liste
            _melden(fortschritt, ergebnis.titel)
        if web and not auswertung_fehler:
            _webindex_schreiben(projekt, eingaben, vorlage.parent, ausgabe, befunde, cache)
    if auswertung_fehler:
        befunde.fehler(auswertung_fehler[0])
        return Lauf([Ergebnis(q.name) for q in quartiere], befunde)
    return Lauf([ergebnisse[q.kuerzel] for q in quartiere], befunde)


def _schreiben(
    ausgabe: Ausgabeordner,
    name: str,
    gerendert: Gerendert,
    hash_: str,
    kennzahlen: dict[str, str],
) -> list[Geschrieben]:
    """Write a quarter's files (images, fragment, document last); what the summary lists."""
    gemeldet: list[Geschrieben] = []
    for z in gerendert.bilder:
        g = ausgabe.schreiben(z.name, z.daten, hash_)
        if g.hinweis:
            gemeldet.append(g)
    gemeldet += [ausgabe.schreiben(z.name, z.daten, hash_) for z in gerendert.beilagen]
    return [ausgabe.schreiben(name, gerendert.dokument, hash_, kennzahlen), *gemeldet]


def _ordner_hash(ordner: Path) -> str:
    """A hash of every file in ``ordner`` by name and content ("" digest if there is none)."""
    h = hashlib.sha256()
    for pfad in sorted(ordner.glob("*")) if ordner.is_dir() else ():
        h.update(f"{pfad.name}|{_datei_hash(pfad)}\n".encode())
    return h.hexdigest()


def _webindex_schreiben(
    projekt: Projekt,
    eingaben: Eingabedaten,
    vorlagen: Path,
    ausgabe: Ausgabeordner,
    befunde: Befunde,
    cache: Cache,
) -> None:
    """index.html and the style sheet into berichte/web/, each only when it changed."""
    from qprofil.dokumente import webseite

    # The index lists every quarter that has a page in the folder, not only this run's.
    mit_seite = [
        q
        for q in eingaben.quartiere.values()
        if (ausgabe.ordner / webseite.seitenname(q.kuerzel)).is_file()
    ]
    if mit_seite:
        with befunde.sammeln():
            kontext = webseite.index_kontext(
                projekt, eingaben, mit_seite, leser_fuer(projekt, cache)
            )
            index = _html(projekt, vorlagen / webseite.INDEX, kontext)
            stil = webseite.stil_lesen(vorlagen, projekt.relativ(vorlagen))
            for name, inhalt in ((webseite.STIL, stil), (webseite.INDEX, index)):
                if not ausgabe.aktuell(name, sha256(inhalt)):
                    ausgabe.schreiben(name, inhalt, sha256(inhalt))


def kennzahl_texte(
    projekt: Projekt, eingaben: Eingabedaten, auswertung: Auswertung, kuerzel: str
) -> dict[str, str]:
    """The quarter's indicators as its documents print them, kept in the manifest so that the
    next build can name the figures that changed (the same values the document was made of)."""
    from qprofil.auswertung.stichtage import stichtage
    from qprofil.dokumente.gemeinsam import wert_text

    assert eingaben.statistik is not None
    tage = stichtage(projekt, eingaben.statistik)
    demo, sozial = auswertung.profil_kennzahlen(eingaben.quartiere[kuerzel], tage)
    texte = {k.name: wert_text(k.quartier, k) for k in (*demo, *sozial)}
    return {"Stichtag": f"{tage.aktuell:%d.%m.%Y}", **texte}


def _reste_melden(projekt: Projekt, ausgabe: Ausgabeordner, cache: Cache, befunde: Befunde) -> None:
    """Say which temporary files of a killed earlier run were removed (with the lock held)."""
    cache.reste_entfernen()  # internal, not worth a word
    if ausgabe.entfernt:
        namen = ", ".join(ausgabe.entfernt[:5]) + (" …" if len(ausgabe.entfernt) > 5 else "")
        befunde.hinweis(
            f"Ein früherer Lauf wurde abgebrochen und hatte {len(ausgabe.entfernt)} halbfertige "
            f"Datei(en) hinterlassen ({namen}); sie wurden entfernt.",
            Ort(projekt.relativ(ausgabe.ordner)),
            "Nichts zu tun: fertige Dokumente waren davon nicht betroffen.",
            art="Ausgabe",
        )


def _melden(fortschritt: Fortschritt | None, titel: str) -> None:
    if fortschritt is not None:
        fortschritt(titel)


def _parallel(
    projekt: Projekt,
    eingaben: Eingabedaten,
    auswerten: Callable[[], Auswertung],
    art: Dokumentart,
    auftraege: Iterator[Quartiersdaten],
    jobs: int,
    cache: Cache,
) -> Iterator[tuple[str, Gerendert | None, list[Befund]]]:
    """Render each quarter, in this process or in ``jobs`` worker processes (as they finish).

    ``auswerten`` gives the run's evaluation; it is called only when there is a quarter to
    render (``auftraege`` evaluates before yielding its first quarter).
    """
    erste = list(itertools.islice(auftraege, 2))
    if not erste:
        return
    auswertung = auswerten()
    if jobs <= 1 or len(erste) <= 1:
        # One quarter, or --jobs 1: starting workers would cost more than it saves.
        for daten in itertools.chain(erste, auftraege):
            ergebnis = _dokument(projekt, art, daten, cache, auswertung)
            _aufraeumen()
            yield (daten.quartier.kuerzel, *ergebnis)
        return
    # Workers start fresh ("forkserver" where available, else "spawn"): forking this process
    # would copy the progress display's thread and its locks. Each worker gets the inputs
    # already read here once, pickled. Workers are not replaced after n quarters
    # (max_tasks_per_child): that can deadlock the pool on Python 3.11 to 3.13 (CPython
    # gh-115634); _aufraeumen keeps their memory flat instead.
    offen = itertools.chain(erste, auftraege)
    #: Quarters that were rendering when a worker died: one of them killed it.
    verdaechtig: list[Quartiersdaten] = []
    while True:
        pool = _pool(projekt, eingaben, auswertung, cache, jobs)
        laufend: dict[Future[tuple[Gerendert | None, list[Befund]]], Quartiersdaten] = {}
        try:
            # Suspects one at a time: the one that kills its worker alone is the culprit.
            while verdaechtig:
                d = verdaechtig.pop(0)
                laufend[pool.submit(_arbeiter, art.name, d.quartier.kuerzel)] = d
                try:
                    yield from _fertige(laufend)
                except BrokenProcessPool:
                    laufend.clear()
                    yield (d.quartier.kuerzel, None, [_absturz(projekt, art, d)])
                    raise
            # Tasks carry only the Kürzel; the worker gathers the quarter's data itself.
            for d in offen:
                laufend[pool.submit(_arbeiter, art.name, d.quartier.kuerzel)] = d
                # Enough in flight to keep every worker busy. Finished documents are handed on
                # (and written) as they come, instead of piling up in memory while the later
                # quarters are still being checked here.
                while len(laufend) >= 2 * jobs:
                    yield from _fertige(laufend)
            while laufend:
                yield from _fertige(laufend)
            pool.shutdown(wait=True)
            return
        except BrokenProcessPool:
            # A worker died (os._exit, a signal, out of memory): only its quarter is lost. The
            # quarters in flight are tried again, each alone, in a new pool.
            verdaechtig += laufend.values()
            _pool_beenden(pool)
        except BaseException:
            # An error, Ctrl+C or SIGTERM: stop the workers now, render nothing more.
            _pool_beenden(pool)
            raise


def _pool(
    projekt: Projekt, eingaben: Eingabedaten, auswertung: Auswertung, cache: Cache, jobs: int
) -> ProcessPoolExecutor:
    methode = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=mp.get_context(methode),
        initializer=_arbeiter_start,
        initargs=(projekt, eingaben, auswertung, cache),
    )


def _pool_beenden(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers at once (not after their current quarter) and wait for them."""
    prozesse = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for prozess in prozesse:
        with contextlib.suppress(Exception):
            prozess.terminate()
    for prozess in prozesse:
        with contextlib.suppress(Exception):
            prozess.join(5)
            if prozess.is_alive():
                prozess.kill()
                prozess.join(5)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=True)


def _absturz(projekt: Projekt, art: Dokumentart, daten: Quartiersdaten) -> Befund:
    return Befund(
        "Fehler",
        "Ablauf",
        Ort(projekt.relativ(projekt.vorlagen / art.vorlage)),
        f"Der Prozess, der das Dokument für „{daten.quartier.name}“ erzeugte, ist abgestürzt "
        "(zu wenig Arbeitsspeicher oder ein Fehler in qprofil). Die übrigen Quartiere wurden "
        "erzeugt.",
        "Starten Sie den Lauf für dieses Quartier erneut mit --jobs 1; tritt der Fehler wieder "
        "auf, senden Sie die Ausgabe mit --debug an die Betreuung von qprofil.",
    )


def _fertige(
    laufend: dict[Future[tuple[Gerendert | None, list[Befund]]], Quartiersdaten],
) -> Iterator[tuple[str, Gerendert | None, list[Befund]]]:
    """Wait for at least one rendered quarter; hand on each that is done.

    A worker's unexpected error costs only its quarter; a dead worker (BrokenProcessPool) is
    raised with the quarters still in ``laufend``.
    """
    fertig, _ = wait(laufend, return_when=FIRST_COMPLETED)
    for f in fertig:
        fehler = f.exception()
        if isinstance(fehler, BrokenProcessPool):
            raise fehler
        # pop: a finished future holds its .docx; keeping them would grow memory.
        daten = laufend.pop(f)
        if fehler is not None:
            yield (daten.quartier.kuerzel, None, [_interner_fehler(daten, fehler)])
        else:
            yield (daten.quartier.kuerzel, *f.result())


def _interner_fehler(daten: Quartiersdaten, fehler: BaseException) -> Befund:
    return Befund(
        "Fehler",
        "Ablauf",
        Ort(),
        f"Unerwarteter Fehler in qprofil beim Erzeugen des Dokuments für „{daten.quartier.name}“ "
        f"({type(fehler).__name__}). Die übrigen Quartiere wurden erzeugt.",
        "Starten Sie den Lauf für dieses Quartier mit --jobs 1 --debug und senden Sie die "
        "Ausgabe an die Betreuung von qprofil.",
    )


_ARBEITER: tuple[Projekt, Eingabedaten, Auswertung, Cache] | None = None


def _arbeiter_start(
    projekt: Projekt, eingaben: Eingabedaten, auswertung: Auswertung, cache: Cache
) -> None:
    """Worker process: keep the project, inputs, evaluation and cache handed over once."""
    global _ARBEITER
    _ARBEITER = (projekt, eingaben, auswertung, cache)
    # Ctrl+C reaches the whole process group: the main process stops the workers; a worker
    # of its own would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _arbeiter(art: str, kuerzel: str) -> tuple[Gerendert | None, list[Befund]]:
    assert _ARBEITER is not None
    projekt, eingaben, auswertung, cache = _ARBEITER
    ergebnis = quartier_rendern(projekt, eingaben, auswertung, ARTEN[art], kuerzel, cache)
    _aufraeumen()
    return ergebnis


def quartier_rendern(
    projekt: Projekt,
    eingaben: Eingabedaten,
    auswertung: Auswertung,
    art: Dokumentart,
    kuerzel: str,
    cache: Cache,
) -> tuple[Gerendert | None, list[Befund]]:
    """Gather one quarter's data and render its document (in memory); errors are returned."""
    # The quarter's hints were already collected when the build checked it; don't repeat.
    quartier = eingaben.quartiere[kuerzel]
    daten = quartiersdaten(projekt, eingaben, quartier, Befunde(), leser_fuer(projekt, cache))
    return _dokument(projekt, art, daten, cache, auswertung)


def _aufraeumen() -> None:
    """Free a rendered document's objects now, before the next quarter.

    A document leaves python-docx, lxml and Jinja objects in reference cycles. Python's cyclic
    collector runs by allocation counts, not by size, so without this a worker's memory grew by
    about 1 MB per quarter (83 → 124 MB over 40 quarters; with it flat at 87 MB).
    """
    gc.collect()


def _dokument(
    projekt: Projekt, art: Dokumentart, daten: Quartiersdaten, cache: Cache, auswertung: Auswertung
) -> tuple[Gerendert | None, list[Befund]]:
    """One quarter through stages 2 to 5; errors are returned, not raised.

    A web page comes with its CMS fragment (the same context in another template of its
    folder) and its image files (the kind's ``zusaetze``).
    """
    befunde = Befunde()
    with befunde.sammeln():
        g = grundlage(projekt, art, daten, cache, auswertung)
        auftrag = Auftrag()
        assert art.kontext is not None, art.name
        kontext, eigenschaften = art.kontext(projekt, [g], auftrag)
        dokument = _ausgeben(projekt, art, kontext, eigenschaften)
        if art.format != "html":
            return Gerendert(dokument), befunde.liste
        from qprofil.dokumente import webseite

        teil = _ausgeben(projekt, art, kontext, eigenschaften, webseite.FRAGMENT)
        (fragment,) = _beilagen_namen(art, daten.quartier.kuerzel)
        assert art.zusaetze is not None, art.name
        bilder = art.zusaetze(projekt, [g], auftrag, eigenschaften, [])
        return Gerendert(dokument, tuple(bilder), (Zusatzdatei(fragment, teil),)), befunde.liste
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


def mehrere_bauen(
    projekt: Projekt,
    art: str,
    namen: list[str],
    *,
    optionen: Mapping[str, Any] | None = None,
    force: bool = False,
    jobs: int = 1,
    fortschritt: Fortschritt | None = None,
    pdf: bool = False,
) -> Lauf:
    """Build one document of kind ``art`` covering the quarters ``namen`` (e.g. a committee draft).

    The kind's options are checked first; then the documents it attaches (``Dokumentart.anlagen``)
    are built, and only if they all succeed the document itself, its PDF (with ``pdf``) and then
    its extra files, which may list the PDFs, are written.
    """
    dokumentart = art_waehlen(art, mehrere=True)
    auftrag = Auftrag(dict(optionen or {}))
    cache = Cache(projekt.cache)
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde, leser_fuer(projekt, cache))
    if befunde.fehlerhaft:
        return Lauf([], befunde)
    quartiere = quartiere_waehlen(eingaben, namen, alle=False)
    if dokumentart.pruefen is not None:
        dokumentart.pruefen(projekt, quartiere, auftrag)
    vorher: list[Ergebnis] = []
    if dokumentart.anlagen is not None:
        beigefuegt = bauen(
            projekt, namen, art=dokumentart.anlagen, jobs=jobs, fortschritt=fortschritt, pdf=pdf
        )
        if not beigefuegt.ok:
            return beigefuegt
        vorher = beigefuegt.ergebnisse
        # The attached documents as they are now in berichte/, hand edits included.
        anlage_art = ARTEN[dokumentart.anlagen]
        auftrag = Auftrag(
            auftrag.optionen,
            tuple(projekt.berichte / anlage_art.ausgabe_name([q]) for q in quartiere),
        )
    auswertung = auswertung_von(projekt, eingaben)
    grundlagen = []
    for q in quartiere:
        daten = quartiersdaten(projekt, eingaben, q, befunde, leser_fuer(projekt, cache))
        grundlagen.append(grundlage(projekt, dokumentart, daten, cache, auswertung, auftrag))
    docx, eigenschaften = rendern(projekt, dokumentart, grundlagen, auftrag)
    name = dokumentart.ausgabe_name(quartiere, auftrag)
    ergebnis = Ergebnis(eigenschaften.titel)
    with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
        _reste_melden(projekt, ausgabe, cache, befunde)
        ergebnis.geschrieben.append(ausgabe.schreiben(name, docx, sha256(docx)))
    lauf = Lauf([*vorher, ergebnis], befunde)
    if pdf:
        pdf_anhaengen(projekt, lauf, [ergebnis], force)
    if dokumentart.zusaetze is not None:
        dokumente = [g.pfad for g in ergebnis.geschrieben]  # the .docx, then its PDF
        zusaetze = dokumentart.zusaetze(projekt, grundlagen, auftrag, eigenschaften, dokumente)
        with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
            for z in zusaetze:
                ergebnis.geschrieben.append(ausgabe.schreiben(z.name, z.daten, sha256(z.daten)))
    _melden(fortschritt, ergebnis.titel)
    return lauf


def gremienvorlage_bauen(
    projekt: Projekt,
    namen: list[str],
    *,
    art: str = "mitteilung",
    gremien: list[str] | None = None,
    force: bool = False,
    jobs: int = 1,
    fortschritt: Fortschritt | None = None,
    pdf: bool = False,
) -> Lauf:
    """The committee draft (``qprofil committee``): a Mitteilung or Beschlussvorlage plus OParl."""
    return mehrere_bauen(
        projekt,
        "gremienvorlage",
        namen,
        optionen={"vorlageart": art.strip().casefold(), "gremien": tuple(gremien or ())},
        force=force,
        jobs=jobs,
        fortschritt=fortschritt,
        pdf=pdf,
    )


def veraenderungen_bauen(
    projekt: Projekt,
    namen: list[str],
    *,
    von: dt.date | int | None = None,
    bis: dt.date | int | None = None,
    einzeln: bool = False,
    force: bool = False,
    fortschritt: Fortschritt | None = None,
    pdf: bool = False,
) -> Lauf:
    """The change report (``qprofil changes``): the quarters' indicators at two Stichtage.

    ``von``/``bis``: a Stichtag or a year; None = the two latest Stichtage. One document for
    all ``namen``, or with ``einzeln`` one per quarter.
    """
    gruppen = [[n] for n in namen] if einzeln else [namen]
    laeufe = [
        mehrere_bauen(
            projekt,
            "veraenderungen",
            gruppe,
            optionen={"von": von, "bis": bis},
            force=force,
            fortschritt=fortschritt,
            pdf=pdf,
        )
        for gruppe in gruppen
    ]
    if len(laeufe) == 1:
        return laeufe[0]
    return Lauf(
        [e for lauf in laeufe for e in lauf.ergebnisse],
        laeufe[0].befunde,
        next((lauf.pdf_fehler for lauf in laeufe if lauf.pdf_fehler is not None), None),
    )


# --- qprofil check: validate every input and template without writing anything


def pruefen(projekt: Projekt, namen: list[str]) -> Befunde:
    """Read all inputs, build every per-quarter document in memory and collect all problems.

    The cache keeps nothing here (photos are resized in memory): check writes nothing into the
    project.
    """
    befunde = Befunde()
    if projekt.konfig.gremium:  # committee drafts are planned: they need a contact
        from qprofil.dokumente.gremienvorlage import kontakt_fehler

        for fehler in kontakt_fehler(projekt):
            befunde.fehler(fehler)
    cache = Cache(None)
    eingaben = eingaben_lesen(projekt, befunde, leser_fuer(projekt, cache))
    quartiere = quartiere_waehlen(eingaben, namen, alle=not namen)
    if eingaben.statistik is None:
        return befunde
    try:
        auswertung = auswertung_von(projekt, eingaben)
    except QprofilError as err:
        befunde.fehler(err)
        return befunde
    ohne_fehler = []
    for q in quartiere:
        with befunde.sammeln():
            qbefunde = Befunde()
            daten = quartiersdaten(projekt, eingaben, q, qbefunde, leser_fuer(projekt, cache))
            befunde.liste += qbefunde.liste
            if qbefunde.fehlerhaft:
                continue
            ohne_fehler.append(q)
            for art in ARTEN.values():
                if art.umfang != "quartier":
                    continue  # built from several quarters or the whole city, not checked here
                if art.name != "profil" and not art.ist_anwendbar(projekt, daten):
                    continue
                if art.format == "html":
                    # The web page's templates are checked with the profile's photos: resizing
                    # every photo into three more widths would double the time of a check.
                    art = dataclasses.replace(art, bilder=art.bilder - {"webfotos"})
                with befunde.sammeln():
                    g = grundlage(projekt, art, daten, cache, auswertung)
                    rendern(projekt, art, [g], Auftrag())
    if ohne_fehler:
        _webindex_pruefen(projekt, eingaben, ohne_fehler, befunde, cache)
    return _ohne_doppelte(befunde)


def _webindex_pruefen(
    projekt: Projekt,
    eingaben: Eingabedaten,
    quartiere: Sequence[Quartier],
    befunde: Befunde,
    cache: Cache,
) -> None:
    """The web index and style sheet of every HTML kind, in memory, with the checked quarters:
    a mistake in index.html shows up in check, not first in a build."""
    from qprofil.dokumente import webseite

    for art in ARTEN.values():
        if art.format != "html":
            continue
        vorlagen = (projekt.vorlagen / art.vorlage).parent
        with befunde.sammeln():
            kontext = webseite.index_kontext(
                projekt, eingaben, quartiere, leser_fuer(projekt, cache)
            )
            _html(projekt, vorlagen / webseite.INDEX, kontext)
            webseite.stil_lesen(vorlagen, projekt.relativ(vorlagen))


def _ohne_doppelte(befunde: Befunde) -> Befunde:
    """Each finding once: a template error shows up for every quarter, but is one error."""
    ergebnis = Befunde()
    for befund in dict.fromkeys(befunde.liste):
        ergebnis.liste.append(befund)
    return ergebnis


# --- a kind for the whole city (qprofil kennzahlen): every indicator of every area and Stichtag


def stadt_bauen(
    projekt: Projekt,
    art: str,
    *,
    optionen: Mapping[str, Any] | None = None,
    force: bool = False,
) -> Lauf:
    """Build the one document of a city-wide kind (``Dokumentart.stadtkontext``) into berichte/.

    The option "format" picks one of the kind's formats (checked before anything is read). The
    document is written like every other (``Ausgabeordner``: manifest, hash, hand edits kept),
    and not rewritten when its bytes are unchanged. Nothing is written when the shared inputs
    have errors.
    """
    dokumentart = ARTEN[art]
    if dokumentart.stadtkontext is None:
        raise ValueError(f"{art}: keine Art für die ganze Stadt")
    optionen = dict(optionen or {})
    dokumentart = dokumentart.im_format(optionen.get("format"))
    auftrag = Auftrag({**optionen, "format": dokumentart.format})
    befunde = Befunde()
    cache = Cache(projekt.cache)
    eingaben = eingaben_lesen(projekt, befunde, leser_fuer(projekt, cache))
    ergebnis = Ergebnis(dokumentart.titel or dokumentart.name)
    if befunde.fehlerhaft or eingaben.statistik is None:
        return Lauf([ergebnis], befunde)
    try:
        auswertung = auswertung_von(projekt, eingaben)
    except QprofilError as err:
        befunde.fehler(err)
        return Lauf([ergebnis], befunde)
    inhalt, eigenschaften = dokumentart.stadtkontext(projekt, auswertung, auftrag)
    daten = _ausgeben(projekt, dokumentart, inhalt, eigenschaften)
    name = dokumentart.ausgabe_name([], auftrag)
    # The bytes are the same for the same figures (fixed document times): they are the hash.
    hash_ = sha256(daten)
    with Ausgabeordner(projekt.berichte, force=force) as ausgabe:
        _reste_melden(projekt, ausgabe, cache, befunde)
        if ausgabe.aktuell(name, hash_):
            ergebnis.geschrieben.append(ausgabe.vermerken(name))
        else:
            ergebnis.geschrieben.append(ausgabe.schreiben(name, daten, hash_))
    return Lauf([ergebnis], befunde)


def kennzahlen_schreiben(projekt: Projekt, *, format_: str = "xlsx", force: bool = False) -> Lauf:
    """Write ``berichte/kennzahlen.xlsx`` (or ``.csv``): every indicator, area and Stichtag.

    The document kind „kennzahlen“ (``qprofil.dokumente.kennzahlen``), built by ``stadt_bauen``.
    """
    return stadt_bauen(projekt, "kennzahlen", optionen={"format": format_}, force=force)


# --- qprofil statistik: what was read from the statistics, before any document is built


def statistik_vorschau(projekt: Projekt) -> tuple[Befunde, list[Zeile]]:
    """Read only the statistics as configured; the preview lines and the problems found."""
    from qprofil.auswertung.vorschau import vorschau
    from qprofil.einlesen.eingaben import statistik_dateien_von, statistik_einlesen

    befunde = Befunde()
    statistik = statistik_einlesen(projekt, befunde, leser_fuer(projekt, Cache(None)))
    if statistik is None:
        return befunde, []
    anzeige = [projekt.relativ(d) for d in statistik_dateien_von(projekt)]
    with befunde.sammeln():
        return befunde, vorschau(statistik, projekt.konfig, anzeige)
    return befunde, []
