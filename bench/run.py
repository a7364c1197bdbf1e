"""Leistungsmessung von qprofil an einem synthetischen Projekt in Großstadtgröße.

Aufruf (im Repository, mit dem Python der virtuellen Umgebung, in der qprofil installiert ist)::

    python bench/run.py                    # 170 Quartiere (Projekt in bench/stadt/)
    python bench/run.py --quartiere 40     # kleiner, schneller
    python bench/run.py --schnell          # weniger Wiederholungen beim Programmstart

Das Projekt wird bei Bedarf mit ``bench/stadt_erzeugen.py`` erzeugt (oder wiederverwendet, wenn
es schon mit derselben Anzahl Quartiere vorliegt). Alle Zahlen der Tabelle stammen aus einem
Lauf dieses Skripts:

a) ``qprofil build --all`` kalt (leere berichte/ und .qprofil-cache/) mit ``--jobs`` gegen eine
   nackte docxtpl-Schleife in einem Prozess, die dieselbe Vorlage mit denselben fertigen
   Kontexten füllt (Kontexte vorher mit qprofils eigenem Kontextbaustein gebaut, Diagramme und
   verkleinerte Fotos also fertig; gemessen wird nur ``DocxTemplate(...)``, ``render`` und
   ``save``). Ziel: qprofil ≤ 2 × Schleife. Dazu als Untergrenze: alle Fotos nur dekodieren
   (libjpeg verkleinert wie in qprofil, ``--jobs`` Prozesse) – das muss jeder kalte Lauf.
b) kalter Lauf gegen erneuten Lauf ohne Änderung (alle Quartiere „unverändert“). Ziel ≤ 5 %.
c) ``--jobs 1`` gegen alle Kerne, kalt, auf einem kleinen Projekt (``--teilmenge``, Vorgabe 4).
d) ``qprofil --help`` gegen ``python -c "import typer"`` (bester von 5 Läufen). Ziel ≤ 1,5 ×.
   Außerdem mit ``-X importtime``: werden pandas, matplotlib, docxtpl bei ``import qprofil.cli``,
   ``--help`` und ``list`` geladen? Ziel: nein.
e) Spitzen-Speicher 4 gegen N Quartiere (``build --all``, gleiche ``--jobs``): größter einzelner
   Prozess (``ru_maxrss`` aus ``wait4`` oder, für die Arbeitsprozesse hinter dem forkserver, alle
   50 ms aus /proc gelesen) und Summe der RSS aller Prozesse des Baums (ebenso aus /proc;
   gemeinsam genutzte Seiten zählen mehrfach). Ziel: N ≤ 1,2 × 4.
   ``resource.getrusage(RUSAGE_CHILDREN)`` wäre das Maximum über alle bisher beendeten
   Unterprozesse dieses Skripts, also auch der früheren Läufe; ``os.wait4`` liefert denselben
   Wert nur für den einen Lauf (qprofil und seine Arbeitsprozesse, die es selbst einsammelt).
f) Größe eines Profils (.docx) gegen die Bytes seiner Fotos. Ziel ≤ 15 % (größter Wert).
g) zwei Läufe aus denselben Eingaben byte-gleich (die beiden kalten Läufe aus c).

Ist N kleiner als 170, steht unter der Tabelle eine deutlich gekennzeichnete lineare
Hochrechnung auf 170 Quartiere.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

import stadt_erzeugen  # noqa: E402

PYTHON = sys.executable
QPROFIL = str(Path(sys.executable).with_name("qprofil"))
SCHWERE_MODULE = ("pandas", "matplotlib", "docxtpl")
SEITE = os.sysconf("SC_PAGE_SIZE")

# Umgebung aller gemessenen Prozesse. Python soll kompilierten Bytecode zwischenspeichern wie in
# einer gewöhnlichen Installation, aber nicht ins Repository: PYTHONPYCACHEPREFIX lenkt ihn in
# einen eigenen Ordner (main() setzt ihn). Ist PYTHONDONTWRITEBYTECODE gesetzt (wie in manchen
# Sandkästen), übersetzt jeder Start qprofil neu aus dem Quelltext, typer aber nicht (dessen
# Bytecode hat pip beim Installieren geschrieben) – das verzerrt d).
UMGEBUNG: dict[str, str] = {**os.environ, "COLUMNS": "200"}
UMGEBUNG.pop("PYTHONDONTWRITEBYTECODE", None)


def stand() -> str:
    """Commit des Repositorys und ob qprofil/ lokal geändert ist (für die Kopfzeile)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(HIER.parent), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        lokal = subprocess.run(
            ["git", "-C", str(HIER.parent), "status", "--porcelain", "--", "qprofil"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unbekannt"
    return commit + (" mit lokalen Änderungen in qprofil/" if lokal else "")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def zahl(wert: float, stellen: int = 1) -> str:
    """Deutsches Zahlformat: 1.234,5."""
    text = f"{wert:,.{stellen}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def mb(byte: float) -> str:
    return f"{zahl(byte / 2**20, 0)} MB"


# ---------------------------------------------------------------------------------------------
# Prozesse messen: Zeit, CPU, Speicher
# ---------------------------------------------------------------------------------------------


@dataclass
class Messung:
    rc: int
    sekunden: float
    cpu: float  # Nutzer + System, Prozess und alle Unterprozesse
    maxrss: int  # Byte, größter einzelner Prozess des Baums (wait4 oder Proben aus /proc)
    rss_summe: int  # Byte, größte gemessene Summe über alle Prozesse des Baums
    rss_haupt: int  # Byte, größte gemessene RSS des qprofil-Hauptprozesses
    fremd: float  # Kerne, die andere Prozesse der Maschine währenddessen im Mittel belegten
    proben: int
    out: str
    err: str


def _kinder_tabelle() -> dict[int, list[int]]:
    kinder: dict[int, list[int]] = {}
    for eintrag in os.scandir("/proc"):
        if not eintrag.name.isdigit():
            continue
        try:
            with open(f"/proc/{eintrag.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Feld 4 (ppid) steht hinter dem Programmnamen in Klammern, der Leerzeichen enthalten kann
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kinder.setdefault(ppid, []).append(int(eintrag.name))
    return kinder


def _cpu_belegt() -> float:
    """Sekunden, die alle Kerne der Maschine bisher gerechnet haben (aus /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as f:
        werte = [int(w) for w in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = werte[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


TAKT_JE_S = os.sysconf("SC_CLK_TCK")


def _prozess(pid: int) -> tuple[int, float] | None:
    """(RSS in Byte, eigene CPU-Sekunden Nutzer + System) eines Prozesses, aus /proc."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            rss = int(f.read().split()[1]) * SEITE
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except (OSError, IndexError, ValueError):
        return None
    felder = stat[stat.rindex(b")") + 2 :].split()
    # Felder 14 und 15 (utime, stime); felder[0] ist Feld 3
    return rss, (int(felder[11]) + int(felder[12])) / TAKT_JE_S


def _baum(wurzel: int) -> dict[int, tuple[int, float]]:
    """RSS und CPU-Zeit jedes Prozesses unter ``wurzel`` (einschließlich)."""
    kinder = _kinder_tabelle()
    ergebnis = {}
    offen = [wurzel]
    while offen:
        pid = offen.pop()
        werte = _prozess(pid)
        if werte is not None:
            ergebnis[pid] = werte
        offen += kinder.get(pid, [])
    return ergebnis


def messen(befehl: list[str], cwd: Path, takt: float = 0.05) -> Messung:
    """Führt ``befehl`` aus und misst Laufzeit, CPU-Zeit und Speicher des ganzen Prozessbaums.

    Die Arbeitsprozesse von ``build`` starten über einen forkserver: sie sind Enkel des
    Hauptprozesses, und ``wait4`` sieht ihre CPU-Zeit und ihren Speicher nicht unbedingt (nur,
    was der forkserver selbst eingesammelt hat). Deshalb wird der Baum alle 50 ms aus /proc
    gelesen: je Prozess die größte RSS und die letzte CPU-Zeit. CPU ist das Größere aus
    ``wait4`` und der Summe dieser Proben (ihr fehlen höchstens die letzten 50 ms je Prozess).
    """
    umgebung = UMGEBUNG
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        beginn = time.perf_counter()
        belegt = _cpu_belegt()
        eigen = time.process_time()
        proc = subprocess.Popen(befehl, cwd=cwd, stdout=out, stderr=err, env=umgebung)
        spitze = spitze_haupt = spitze_einzeln = 0
        cpu_je_pid: dict[int, float] = {}
        proben = 0
        while True:
            pid, status, nutzung = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            baum = _baum(proc.pid)
            spitze = max(spitze, sum(rss for rss, _ in baum.values()))
            spitze_haupt = max(spitze_haupt, baum.get(proc.pid, (0, 0.0))[0])
            spitze_einzeln = max([spitze_einzeln, *(rss for rss, _ in baum.values())])
            for p, (_rss, cpu_p) in baum.items():
                cpu_je_pid[p] = cpu_p
            proben += 1
            time.sleep(takt)
        sekunden = time.perf_counter() - beginn
        cpu = max(nutzung.ru_utime + nutzung.ru_stime, sum(cpu_je_pid.values()))
        fremd_s = _cpu_belegt() - belegt - cpu - (time.process_time() - eigen)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Messung(
            rc=proc.returncode,
            sekunden=sekunden,
            cpu=cpu,
            maxrss=max(nutzung.ru_maxrss * 1024, spitze_einzeln),
            rss_summe=spitze,
            rss_haupt=spitze_haupt,
            fremd=max(fremd_s, 0.0) / sekunden,
            proben=proben,
            out=out.read().decode("utf-8", "replace"),
            err=err.read().decode("utf-8", "replace"),
        )


def kalt_bauen(projekt: Path, jobs: int) -> Messung:
    """``qprofil build --all`` mit leerem berichte/ und leerem Foto-Zwischenspeicher."""
    for ordner in (projekt / "berichte", projekt / ".qprofil-cache"):
        shutil.rmtree(ordner, ignore_errors=True)
    os.sync()  # Schreibpuffer vorher leeren: sonst wartet qprofils fsync auf fremde Daten
    return bauen(projekt, jobs)


def bauen(
    projekt: Path, jobs: int, namen: list[str] | None = None, *, force: bool = False
) -> Messung:
    auswahl = (namen if namen else ["--all"]) + (["--force"] if force else [])
    m = messen(
        [QPROFIL, "build", *auswahl, "--jobs", str(jobs), "--projekt", str(projekt)], projekt
    )
    if m.rc != 0:
        raise SystemExit(f"qprofil build ist fehlgeschlagen (Code {m.rc}):\n{m.out}\n{m.err}")
    return m


def docx_hashes(projekt: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((projekt / "berichte").glob("*.docx"))
    }


# ---------------------------------------------------------------------------------------------
# a) nackte docxtpl-Schleife
# ---------------------------------------------------------------------------------------------

_KONTEXT_PROJEKT: Any = None


def _kontext_start(wurzel: str) -> None:
    global _KONTEXT_PROJEKT
    from qprofil.einlesen.eingaben import eingaben_lesen
    from qprofil.einlesen.tabelle import OHNE_CACHE
    from qprofil.fehler import Befunde
    from qprofil.projekt import projekt_laden

    projekt = projekt_laden(Path(wurzel))
    _KONTEXT_PROJEKT = (projekt, eingaben_lesen(projekt, Befunde(), OHNE_CACHE))


def _kontext(kuerzel: str) -> tuple[str, dict[str, Any]]:
    """Der fertige Kontext eines Quartiers, gebaut von qprofils Kontextbaustein „profil“."""
    from qprofil.ablauf import auswertung_von, grundlage
    from qprofil.ausgabe.cache import Cache
    from qprofil.dokumente import ARTEN
    from qprofil.dokumente.art import Auftrag
    from qprofil.einlesen.eingaben import quartiersdaten
    from qprofil.einlesen.tabelle import OHNE_CACHE
    from qprofil.fehler import Befunde

    projekt, eingaben = _KONTEXT_PROJEKT
    daten = quartiersdaten(projekt, eingaben, eingaben.quartiere[kuerzel], Befunde(), OHNE_CACHE)
    art = ARTEN["profil"]
    g = grundlage(projekt, art, daten, Cache(projekt.cache), auswertung_von(projekt, eingaben))
    kontext, _eigenschaften = art.kontext(projekt, [g], Auftrag())
    return kuerzel, kontext


def kontexte_bauen(projekt: Path, kuerzel: list[str], jobs: int) -> dict[str, dict[str, Any]]:
    """Alle Kontexte (Fotos liegen nach dem kalten Lauf im Zwischenspeicher); nicht gemessen."""
    ergebnis = {}
    with ProcessPoolExecutor(
        jobs, mp_context=get_context("fork"), initializer=_kontext_start, initargs=(str(projekt),)
    ) as pool:
        for k, kontext in pool.map(_kontext, kuerzel):
            ergebnis[k] = kontext
    return ergebnis


def nackte_schleife(
    vorlage: Path, kontexte: dict[str, dict[str, Any]], ziel: Path
) -> tuple[float, float]:
    """(Sekunden, CPU-Sekunden) für DocxTemplate(...) + render(autoescape=True) + save."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from qprofil.dokumente.art import Bild

    def binden(wert: Any, tpl: Any) -> Any:
        if isinstance(wert, Bild):
            quelle = io.BytesIO(wert.quelle) if isinstance(wert.quelle, bytes) else str(wert.quelle)
            return InlineImage(tpl, quelle, width=Mm(wert.breite_mm))
        if isinstance(wert, dict):
            return {k: binden(v, tpl) for k, v in wert.items()}
        if isinstance(wert, list | tuple):
            return [binden(v, tpl) for v in wert]
        return wert

    ziel.mkdir(parents=True, exist_ok=True)
    summe = cpu = 0.0
    for kuerzel, kontext in kontexte.items():
        beginn = time.perf_counter()
        beginn_cpu = time.process_time()
        tpl = DocxTemplate(str(vorlage))
        tpl.render(binden(kontext, tpl), autoescape=True)
        tpl.save(str(ziel / f"{kuerzel}.docx"))
        summe += time.perf_counter() - beginn
        cpu += time.process_time() - beginn_cpu
    return summe, cpu


def _dekodieren(pfad: str) -> None:
    """Ein Foto so dekodieren, wie qprofil es mindestens muss (libjpeg verkleinert, ohne Rest)."""
    from PIL import Image

    from qprofil.bilder import fotos

    with Image.open(pfad) as bild:
        breite, hoehe = bild.size
        faktor = fotos.ZIEL_PX / max(breite, hoehe)
        if faktor < 1:
            bild.draft("RGB", (math.ceil(breite * faktor), math.ceil(hoehe * faktor)))
        bild.load()


def nur_dekodieren(projekt: Path, jobs: int) -> float:
    """Sekunden, um alle Fotos des Projekts mit ``jobs`` Prozessen nur zu dekodieren.

    Untergrenze für jeden kalten Lauf: Ohne die Fotos einmal zu dekodieren, lassen sie sich nicht
    verkleinern, und unverkleinert wäre ein Profil so groß wie seine Fotos (Ziel f).
    """
    pfade = sorted(str(p) for p in (projekt / "daten" / "begehungen").rglob("*.jpg"))
    beginn = time.perf_counter()
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        list(pool.map(_dekodieren, pfade, chunksize=32))
    return time.perf_counter() - beginn


# ---------------------------------------------------------------------------------------------
# d) Programmstart
# ---------------------------------------------------------------------------------------------


def bester(befehl: list[str], cwd: Path, n: int, umgebung: dict[str, str] | None = None) -> float:
    """Kürzeste Laufzeit aus ``n`` Läufen (nach einem Vorlauf, der den Bytecode schreibt)."""
    umgebung = umgebung or UMGEBUNG
    subprocess.run(befehl, cwd=cwd, capture_output=True, check=True, env=umgebung)
    zeiten = []
    for _ in range(n):
        beginn = time.perf_counter()
        subprocess.run(befehl, cwd=cwd, capture_output=True, check=True, env=umgebung)
        zeiten.append(time.perf_counter() - beginn)
    return min(zeiten)


def geladene_module(befehl: list[str], cwd: Path) -> set[str]:
    """Module, die ``python -X importtime`` für ``befehl`` meldet."""
    lauf = subprocess.run(befehl, cwd=cwd, capture_output=True, text=True, env=UMGEBUNG)
    if lauf.returncode != 0:
        raise SystemExit(f"{' '.join(befehl)} ist fehlgeschlagen:\n{lauf.stderr[-2000:]}")
    return {
        zeile.rsplit("|", 1)[1].strip()
        for zeile in lauf.stderr.splitlines()
        if zeile.startswith("import time:") and zeile.count("|") == 2
    }


# ---------------------------------------------------------------------------------------------
# Ablauf
# ---------------------------------------------------------------------------------------------


@dataclass
class Zeile:
    nr: str
    messung: str
    qprofil: str
    vergleich: str
    verhaeltnis: str
    ziel: str
    erfuellt: str


@dataclass
class Bericht:
    zeilen: list[Zeile] = field(default_factory=list)
    notizen: list[str] = field(default_factory=list)

    def zeile(self, *werte: str) -> None:
        self.zeilen.append(Zeile(*werte))


def ja_nein(wert: bool) -> str:
    return "ja" if wert else "nein"


def projekt_bereitstellen(ordner: Path, quartiere: int, pool: Path | None = None) -> dict:
    info = stadt_erzeugen.beschreibung(ordner)
    if (
        info
        and info.get("version") == stadt_erzeugen.VERSION
        and info.get("quartiere") == quartiere
        and not info.get("gleiche_fotos")
        and (ordner / "daten").is_dir()
    ):
        log(f"Projekt {ordner} mit {quartiere} Quartieren wird wiederverwendet")
        return info
    log(f"Erzeuge Projekt mit {quartiere} Quartieren in {ordner} …")
    info = stadt_erzeugen.erzeugen(ordner, quartiere=quartiere, pool=pool, meldung=False)
    log(f"… erzeugt in {info['sekunden']} s")
    return info


def foto_bytes_je_quartier(projekt: Path) -> dict[str, int]:
    return {
        d.name: sum(f.stat().st_size for f in d.glob("*.jpg"))
        for d in sorted((projekt / "daten" / "begehungen").iterdir())
        if d.is_dir()
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Leistungsmessung von qprofil (Großstadt).")
    parser.add_argument("--quartiere", type=int, default=stadt_erzeugen.ANZAHL_UNTERBEZIRKE)
    parser.add_argument("--schnell", action="store_true", help="Programmstart nur 3 × messen")
    parser.add_argument("--ordner", type=Path, default=stadt_erzeugen.STANDARD_ZIEL)
    kerne = len(os.sched_getaffinity(0))
    parser.add_argument("--jobs", type=int, default=kerne, help="--jobs für die Läufe a, b, e")
    parser.add_argument(
        "--teilmenge", type=int, default=4, help="Quartiere für c) und g) (Vorgabe 4)"
    )
    args = parser.parse_args(argv)
    n: int = args.quartiere
    ordner: Path = args.ordner.resolve()
    jobs: int = args.jobs
    beginn = time.perf_counter()
    pyc = tempfile.mkdtemp(prefix="qprofil-bench-pyc-")
    UMGEBUNG["PYTHONPYCACHEPREFIX"] = pyc
    try:
        _messen(args, n, ordner, jobs, kerne, beginn)
    finally:
        shutil.rmtree(pyc, ignore_errors=True)


def _messen(
    args: argparse.Namespace, n: int, ordner: Path, jobs: int, kerne: int, beginn: float
) -> None:
    last_vorher = os.getloadavg()
    stand_vorher = stand()
    bericht = Bericht()

    wiederverwendet = stadt_erzeugen.beschreibung(ordner)
    info = projekt_bereitstellen(ordner, n)
    erzeugung = (
        "wiederverwendet"
        if wiederverwendet == info
        else f"eben erzeugt in {zahl(float(info['sekunden']))} s (nicht Teil der Messungen)"
    )
    pool = ordner / stadt_erzeugen.POOL_ORDNER
    kuerzel: list[str] = list(info["kuerzel"])  # type: ignore[arg-type]
    foto_bytes = foto_bytes_je_quartier(ordner)
    fotos_n = int(info["fotos"])  # type: ignore[arg-type]

    # --- d) Programmstart -----------------------------------------------------------------
    log("d) Programmstart …")
    wiederholungen = 3 if args.schnell else 5
    t_help = bester([QPROFIL, "--help"], ordner, wiederholungen)
    t_typer = bester([PYTHON, "-c", "import typer"], ordner, wiederholungen)
    ohne_bytecode = {**UMGEBUNG, "PYTHONDONTWRITEBYTECODE": "1"}
    ohne_bytecode.pop("PYTHONPYCACHEPREFIX", None)
    t_help_roh = bester([QPROFIL, "--help"], ordner, wiederholungen, ohne_bytecode)
    t_typer_roh = bester([PYTHON, "-c", "import typer"], ordner, wiederholungen, ohne_bytecode)
    importe = {
        "import qprofil.cli": geladene_module(
            [PYTHON, "-X", "importtime", "-c", "import qprofil.cli"], ordner
        ),
        "qprofil --help": geladene_module(
            [PYTHON, "-X", "importtime", "-m", "qprofil", "--help"], ordner
        ),
        "qprofil list": geladene_module(
            [PYTHON, "-X", "importtime", "-m", "qprofil", "list", "--projekt", str(ordner)], ordner
        ),
    }

    # --- c), e) 4 Quartiere, g) --------------------------------------------------------------
    klein: dict[int, Path] = {}
    tmp = Path(tempfile.mkdtemp(prefix="qprofil-bench-"))
    try:
        for k in sorted({4, args.teilmenge}):
            klein[k] = tmp / f"stadt-{k}"
            log(f"Erzeuge Vergleichsprojekt mit {k} Quartieren …")
            stadt_erzeugen.erzeugen(klein[k], quartiere=k, pool=pool, meldung=False)
        teil = klein[args.teilmenge]
        log(f"c) {args.teilmenge} Quartiere kalt mit --jobs 1 …")
        c1 = kalt_bauen(teil, 1)
        h1 = docx_hashes(teil)
        log(f"c) {args.teilmenge} Quartiere kalt mit --jobs {kerne} …")
        c2 = kalt_bauen(teil, kerne)
        h2 = docx_hashes(teil)
        if args.teilmenge == 4 and jobs == kerne:
            e4 = c2
        else:
            log(f"e) 4 Quartiere kalt mit --jobs {jobs} …")
            e4 = kalt_bauen(klein[4], jobs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # --- a), b), e), f), g) volles Projekt ------------------------------------------------
    log(f"a) {n} Quartiere kalt mit --jobs {jobs} ({fotos_n} Fotos) …")
    kalt = kalt_bauen(ordner, jobs)
    h_kalt = docx_hashes(ordner)
    docx_groessen = {
        p.stem.removeprefix("quartiersprofil_"): p.stat().st_size
        for p in (ordner / "berichte").glob("*.docx")
    }
    log("b) erneuter Lauf ohne Änderung …")
    wieder = bauen(ordner, jobs)
    unveraendert = wieder.out.count("unverändert")
    log("b) erneuter Lauf ohne Änderung, nur ein Quartier (fester Anteil) …")
    fest = bauen(ordner, jobs, kuerzel[:1])
    log("a) build --all --force mit Fotos im Zwischenspeicher …")
    warm = bauen(ordner, jobs, force=True)
    h_warm = docx_hashes(ordner)

    log(f"a) Kontexte für {n} Quartiere bauen (nicht gemessen) …")
    kontexte = kontexte_bauen(ordner, kuerzel, jobs)
    log("a) nackte docxtpl-Schleife …")
    with tempfile.TemporaryDirectory(prefix="qprofil-bench-docxtpl-") as ziel:
        t_nackt, cpu_nackt = nackte_schleife(
            ordner / "vorlagen" / "quartiersprofil.docx", kontexte, Path(ziel)
        )
    del kontexte
    log(f"a) Untergrenze: nur alle {fotos_n} Fotos dekodieren, {jobs} Prozesse …")
    t_dekodieren = nur_dekodieren(ordner, jobs)

    # --- Tabelle ------------------------------------------------------------------------------
    v_a = kalt.sekunden / t_nackt
    bericht.zeile(
        "a",
        f"build --all kalt, --jobs {jobs} / docxtpl-Schleife (1 Prozess)",
        f"{zahl(kalt.sekunden)} s",
        f"{zahl(t_nackt)} s",
        f"{zahl(v_a, 2)} ×",
        "≤ 2 ×",
        ja_nein(v_a <= 2),
    )
    bericht.zeile(
        "a",
        "  dieselben Läufe als CPU-Zeit (qprofil: ganzer Prozessbaum)",
        f"{zahl(kalt.cpu)} s",
        f"{zahl(cpu_nackt)} s",
        f"{zahl(kalt.cpu / cpu_nackt, 2)} ×",
        "",
        "",
    )
    bericht.zeile(
        "a",
        f"  Untergrenze: nur alle Fotos dekodieren (verkleinert wie qprofil), {jobs} Prozesse",
        f"{zahl(t_dekodieren)} s",
        f"{zahl(t_nackt)} s",
        f"{zahl(t_dekodieren / t_nackt, 2)} ×",
        "",
        "",
    )
    v_warm = warm.sekunden / t_nackt
    bericht.zeile(
        "a",
        f"  Zusatz: build --all --force, Fotos schon verkleinert, --jobs {jobs}",
        f"{zahl(warm.sekunden)} s",
        f"{zahl(t_nackt)} s",
        f"{zahl(v_warm, 2)} ×",
        "≤ 2 ×",
        ja_nein(v_warm <= 2),
    )
    v_b = wieder.sekunden / kalt.sekunden
    bericht.zeile(
        "b",
        f"erneuter Lauf ohne Änderung / kalt ({unveraendert} von {n} „unverändert“)",
        f"{zahl(wieder.sekunden)} s",
        f"{zahl(kalt.sekunden)} s",
        f"{zahl(100 * v_b)} %",
        "≤ 5 %",
        ja_nein(v_b <= 0.05 and unveraendert == n),
    )
    v_c = c1.sekunden / c2.sekunden
    bericht.zeile(
        "c",
        f"--jobs 1 / --jobs {kerne}, kalt, {args.teilmenge} Quartiere (Teilmenge)",
        f"{zahl(c1.sekunden)} s",
        f"{zahl(c2.sekunden)} s",
        f"{zahl(v_c, 2)} ×",
        f"(ideal {kerne} ×)",
        f"Effizienz {zahl(100 * v_c / kerne, 0)} %",
    )
    v_d = t_help / t_typer
    bericht.zeile(
        "d",
        f"qprofil --help / python -c 'import typer' (bester von {wiederholungen})",
        f"{zahl(t_help, 3)} s",
        f"{zahl(t_typer, 3)} s",
        f"{zahl(v_d, 2)} ×",
        "≤ 1,5 ×",
        ja_nein(v_d <= 1.5),
    )
    bericht.zeile(
        "d",
        "  dasselbe mit PYTHONDONTWRITEBYTECODE=1 (nur schon vorhandener Bytecode)",
        f"{zahl(t_help_roh, 3)} s",
        f"{zahl(t_typer_roh, 3)} s",
        f"{zahl(t_help_roh / t_typer_roh, 2)} ×",
        "",
        "",
    )
    for was, module in importe.items():
        geladen = [m for m in SCHWERE_MODULE if m in module]
        bericht.zeile(
            "d",
            f"  {was}: lädt " + ", ".join(f"{m} {ja_nein(m in module)}" for m in SCHWERE_MODULE),
            "",
            "",
            "",
            "keines",
            ja_nein(not geladen),
        )
    for name, wert_n, wert_4 in (
        ("größter Prozess (ru_maxrss)", kalt.maxrss, e4.maxrss),
        ("Summe RSS des Prozessbaums", kalt.rss_summe, e4.rss_summe),
    ):
        v = wert_n / wert_4
        bericht.zeile(
            "e",
            f"Spitzenspeicher {n} / 4 Quartiere, {name}",
            mb(wert_n),
            mb(wert_4),
            f"{zahl(v, 2)} ×",
            "≤ 1,2 ×",
            ja_nein(v <= 1.2),
        )
    anteile = {k: docx_groessen[k] / foto_bytes[k] for k in docx_groessen}
    schlimmstes = max(anteile, key=anteile.__getitem__)
    mittel = sum(anteile.values()) / len(anteile)
    bericht.zeile(
        "f",
        f"Profil .docx / Bytes seiner Fotos, größter Wert ({schlimmstes})",
        mb(docx_groessen[schlimmstes]),
        mb(foto_bytes[schlimmstes]),
        f"{zahl(100 * anteile[schlimmstes])} %",
        "≤ 15 %",
        ja_nein(anteile[schlimmstes] <= 0.15),
    )
    bericht.zeile(
        "f",
        f"  Mittel über {len(anteile)} Profile",
        mb(sum(docx_groessen.values()) / len(anteile)),
        mb(sum(foto_bytes.values()) / len(anteile)),
        f"{zahl(100 * mittel)} %",
        "≤ 15 %",
        ja_nein(mittel <= 0.15),
    )
    for text, x, y, soll in (
        (f"zwei kalte Läufe (--jobs 1 und {kerne}), Teilmenge", h1, h2, args.teilmenge),
        (f"kalter Lauf und --force mit Zwischenspeicher, {n} Quartiere", h_kalt, h_warm, n),
    ):
        bericht.zeile(
            "g",
            f"{text}: byte-gleich",
            f"{sum(1 for k in x if x[k] == y.get(k))} gleich",
            f"{len(x)} Profile",
            "",
            "alle gleich",
            ja_nein(x == y and len(x) == soll),
        )

    last_nachher = os.getloadavg()
    dauer = time.perf_counter() - beginn
    ausgeben(
        bericht,
        n=n,
        fotos=fotos_n,
        foto_gb=sum(foto_bytes.values()) / 1e9,
        kerne=kerne,
        jobs=jobs,
        kalt=kalt,
        wieder=wieder,
        fest=fest,
        warm=warm,
        t_nackt=t_nackt,
        c1=c1,
        c2=c2,
        e4=e4,
        last=(last_vorher, last_nachher),
        erzeugung=erzeugung,
        stand=stand_vorher
        if stand_vorher == stand()
        else f"{stand_vorher} → {stand()} (geändert!)",
        dauer=dauer,
    )


def hochrechnung(
    n: int, fotos: int, kalt: Messung, wieder: Messung, fest: Messung, e4: Messung, t_nackt: float
) -> list[str]:
    """Lineare Hochrechnung auf 170 Quartiere (geschätzt, nicht gemessen)."""
    alle = stadt_erzeugen.quartiere_waehlen(stadt_erzeugen.ANZAHL_UNTERBEZIRKE)
    fotos_170 = sum(
        len(stadt_erzeugen._fotos_waehlen(ub, stadt_erzeugen.POOL_GROESSE)) for ub in alle
    )
    faktor_fotos = fotos_170 / fotos
    faktor_q = 170 / n
    # fester Anteil ≈ Lauf für ein unverändertes Quartier (Start, gemeinsame Eingaben lesen);
    # der Rest wächst mit der Zahl der Fotos bzw. Quartiere
    t_kalt = fest.sekunden + (kalt.sekunden - fest.sekunden) * faktor_fotos
    t_wieder = fest.sekunden + max(wieder.sekunden - fest.sekunden, 0) * faktor_q
    t_nackt_170 = t_nackt * faktor_fotos
    zeilen = [
        "HOCHRECHNUNG auf 170 Quartiere – geschätzt, NICHT gemessen (linear):",
        f"  170 Quartiere hätten {fotos_170} Fotos (gemessen: {n} Quartiere, {fotos} Fotos).",
        f"  a) build --all kalt ≈ {zahl(t_kalt, 0)} s (≈ {zahl(t_kalt / 60)} min), "
        f"docxtpl-Schleife ≈ {zahl(t_nackt_170, 0)} s; Verhältnis bleibt ≈ "
        f"{zahl(t_kalt / t_nackt_170, 2)} ×.",
        f"  b) erneuter Lauf ≈ {zahl(t_wieder, 0)} s (fester Anteil {zahl(fest.sekunden)} s "
        f"gemessen), ≈ {zahl(100 * t_wieder / t_kalt, 2)} % des kalten Laufs.",
    ]
    if n > 4:
        je_q = (kalt.rss_haupt - e4.rss_haupt) / (n - 4)
        haupt = kalt.rss_haupt + je_q * (170 - n)
        summe = kalt.rss_summe + je_q * (170 - n)
        zeilen.append(
            f"  e) Hauptprozess wächst um ≈ {mb(je_q)} je Quartier → bei 170 ≈ {mb(haupt)} "
            f"(größter Prozess ≈ {zahl(max(haupt, kalt.maxrss) / e4.maxrss, 1)} × des Werts "
            f"bei 4), Summe ≈ {mb(summe)} (≈ {zahl(summe / e4.rss_summe, 1)} ×)."
        )
    return zeilen


def ausgeben(bericht: Bericht, **w: Any) -> None:
    n, kalt, wieder = w["n"], w["kalt"], w["wieder"]
    (l1, _, _), (l2, _, _) = w["last"]
    kopf = Zeile("", "Messung", "qprofil", "Vergleich", "Verhältnis", "Ziel", "erfüllt")
    zeilen = [kopf, *bericht.zeilen]
    breiten = [max(len(getattr(z, f)) for z in zeilen) for f in Zeile.__dataclass_fields__]
    trenner = "  "

    def fmt(z: Zeile) -> str:
        werte = [getattr(z, f) for f in Zeile.__dataclass_fields__]
        teile = []
        for i, (wert, breite) in enumerate(zip(werte, breiten, strict=True)):
            rechts = i in (2, 3, 4)
            teile.append(wert.rjust(breite) if rechts else wert.ljust(breite))
        return trenner.join(teile).rstrip()

    print()
    print(
        f"Leistungsmessung qprofil – {n} Quartiere, {w['fotos']} Fotos "
        f"({zahl(w['foto_gb'], 2)} GB), {w['kerne']} Kerne, build --jobs {w['jobs']}"
    )
    print(
        f"Lastmittel (1 min) vor/nach der Messung: {zahl(l1, 2)} / {zahl(l2, 2)}; "
        f"Dauer der Messung {zahl(w['dauer'] / 60)} min; Projekt {w['erzeugung']}"
    )
    print(f"qprofil-Stand: {w['stand']}; Python {sys.version.split()[0]}")
    print()
    print(fmt(kopf))
    print("-" * len(fmt(kopf).ljust(sum(breiten) + len(trenner) * 6)))
    for z in bericht.zeilen:
        print(fmt(z))
    print()
    print("CPU-Zeit (Nutzer + System, ganzer Prozessbaum):")
    print(
        f"  kalt {n} Quartiere: {zahl(kalt.cpu)} s CPU in {zahl(kalt.sekunden)} s "
        f"({zahl(kalt.cpu / kalt.sekunden, 2)} Kerne ausgelastet; "
        f"{zahl(kalt.sekunden / n, 2)} s je Quartier, "
        f"{zahl(kalt.cpu / w['fotos'], 3)} s CPU je Foto; andere Prozesse belegten dabei "
        f"{zahl(kalt.fremd, 2)} Kerne)"
    )
    print(
        f"  erneuter Lauf: {zahl(wieder.cpu)} s CPU in {zahl(wieder.sekunden)} s; nur ein "
        f"Quartier: {zahl(w['fest'].sekunden)} s; --force mit Zwischenspeicher: "
        f"{zahl(w['warm'].cpu)} s CPU in {zahl(w['warm'].sekunden)} s"
    )
    for name, m in (("c) --jobs 1", w["c1"]), (f"c) --jobs {w['kerne']}", w["c2"])):
        print(
            f"  {name}: {zahl(m.cpu)} s CPU in {zahl(m.sekunden)} s; andere Prozesse belegten "
            f"dabei im Mittel {zahl(m.fremd, 2)} Kerne"
        )
    print("Speicher (Spitzen):")
    for name, m in ((f"{n} Quartiere", kalt), ("4 Quartiere", w["e4"])):
        print(
            f"  {name}: Hauptprozess {mb(m.rss_haupt)}, größter Prozess {mb(m.maxrss)}, "
            f"Summe {mb(m.rss_summe)} ({m.proben} Proben alle 50 ms)"
        )
    print("  Die RSS-Summe zählt Seiten, die sich die Prozesse teilen, mehrfach.")
    if max(l1, l2) > w["kerne"] or any(m.fremd > 0.25 for m in (kalt, w["c1"], w["c2"])):
        print()
        print(
            "ACHTUNG: Andere Prozesse haben mitgerechnet (Lastmittel über der Zahl der Kerne "
            f"({w['kerne']}) oder fremde CPU-Last, siehe oben). Wanduhrzeiten (und c) sind "
            "dadurch zu hoch bzw. verzerrt; die CPU-Zeiten sind belastbarer."
        )
    if n < stadt_erzeugen.ANZAHL_UNTERBEZIRKE:
        print()
        for zeile in hochrechnung(n, w["fotos"], kalt, wieder, w["fest"], w["e4"], w["t_nackt"]):
            print(zeile)
    for notiz in bericht.notizen:
        print(notiz)


if __name__ == "__main__":
    main()
