"""Runs that end badly: signals, killed runs and crashing workers (issue 14, class 5).

Real signals to a real ``qprofil build --all --jobs 2`` in its own session, so that every
process it starts (forkserver, workers, resource tracker, LibreOffice) can be found by session
id afterwards. A worker is made slow or made to crash through a ``sitecustomize`` module on
PYTHONPATH, which every Python process of the run (the workers too) imports at start; it stands
in for a quarter whose rendering takes long or dies (out of memory, a bug).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from projektbau import mini_projekt
from test_boese_eingaben import _eingaben, _gemeldet
from test_boese_eingaben_2 import ENGLISCH, Lauf, sitzung

SPEICHER = 2 * 1024**3
ZEITLIMIT = 90

HAKEN = """
import os
if os.environ.get("QPROFIL_TEST_HAKEN"):
    import qprofil.ablauf as ablauf
    _rendern = ablauf.quartier_rendern

    def _mit_haken(projekt, eingaben, auswertung, art, kuerzel, cache):
        art_, ziel = os.environ["QPROFIL_TEST_HAKEN"].split(":")
        if ziel in (kuerzel, "*"):
            if art_ == "exit":
                os._exit(3)
            if art_ == "ausnahme":
                raise RuntimeError("kaputt")
            if art_ == "schlafen":
                import time
                time.sleep(120)
        return _rendern(projekt, eingaben, auswertung, art, kuerzel, cache)

    ablauf.quartier_rendern = _mit_haken
"""


def _drei_quartiere(projekt: Path) -> Path:
    """The test project with two more quarters (Unterbezirk 0912, and 0911 once more)."""
    pfad = projekt / "daten/quartiere.xlsx"
    mappe = openpyxl.load_workbook(pfad)
    blatt = mappe["Quartiere"]
    zeile = [z.value for z in blatt[2]]
    for kuerzel, name, bezirke in (("rand", "Testdorf-Rand", "0912"), ("mitte", "Mitte", "0911")):
        neu = list(zeile)
        neu[0], neu[1], neu[4] = kuerzel, name, bezirke
        blatt.append(neu)
    mappe.save(pfad)
    return projekt


@pytest.fixture
def projekt(tmp_path: Path) -> Path:
    haken = tmp_path / "haken"
    haken.mkdir()
    (haken / "sitecustomize.py").write_text(HAKEN, encoding="utf-8")
    return _drei_quartiere(mini_projekt(tmp_path / "projekt"))


def _begrenzen() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SPEICHER, SPEICHER))


def _starten(projekt: Path, haken: str, *argumente: str) -> subprocess.Popen[str]:
    umgebung = {
        **os.environ,
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "PYTHONPATH": str(projekt.parent / "haken"),
        "QPROFIL_TEST_HAKEN": haken,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "qprofil", *argumente],
        cwd=projekt,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=umgebung,
        preexec_fn=_begrenzen,
        start_new_session=True,  # its session id finds every process it starts
    )


def _arbeiter_laufen(sid: int, mindestens: int, frist: float = 60) -> None:
    """Wait until the run has started its workers (main, forkserver, workers)."""
    ende = time.monotonic() + frist
    while time.monotonic() < ende:
        if len(sitzung(sid)) >= mindestens:
            time.sleep(1)  # let the workers pick up their quarters
            return
        time.sleep(0.2)
    pytest.fail(f"Die Arbeitsprozesse starteten nicht: {sitzung(sid)}")


def _keiner_uebrig(sid: int, frist: float = 15) -> None:
    ende = time.monotonic() + frist
    while time.monotonic() < ende:
        if not sitzung(sid):
            return
        time.sleep(0.2)
    uebrig = sitzung(sid)
    befehle = [Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")[:120] for p in uebrig]
    for pid in uebrig:  # don't leave them to the next test
        os.kill(pid, signal.SIGKILL)
    pytest.fail(f"Prozesse überleben den Lauf: {befehle}")


def _temporaere(projekt: Path) -> list[str]:
    return [str(p) for p in projekt.rglob(".tmp-*")]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="braucht Linux (/proc)")
@pytest.mark.parametrize(
    "zeichen", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name
)
def test_signal_waehrend_build_all(projekt: Path, zeichen: signal.Signals) -> None:
    eingaben = _eingaben(projekt)
    prozess = _starten(projekt, "schlafen:*", "build", "--all", "--jobs", "2")
    try:
        _arbeiter_laufen(prozess.pid, mindestens=4)  # main, forkserver, tracker/workers
        if zeichen == signal.SIGINT:
            os.killpg(prozess.pid, zeichen)  # Ctrl+C reaches the whole process group
        else:
            os.kill(prozess.pid, zeichen)  # kill PID, systemd, a closed SSH session
        out, err = prozess.communicate(timeout=ZEITLIMIT)
    finally:
        if prozess.poll() is None:
            os.killpg(prozess.pid, signal.SIGKILL)
    lauf = Lauf(prozess.returncode, out, err)
    assert lauf.rc == (130 if zeichen == signal.SIGINT else 128 + zeichen), out + err
    text = out + err
    assert ENGLISCH.search(text) is None, text
    if zeichen == signal.SIGINT:
        assert "Abgebrochen." in err
    else:
        assert f"Abgebrochen (Signal {zeichen.name})" in err, text
    _keiner_uebrig(prozess.pid)
    assert _temporaere(projekt) == []
    assert not list((projekt / "berichte").glob("*.docx"))
    assert _eingaben(projekt) == eingaben


def _zu_ende(prozess: subprocess.Popen[str]) -> Lauf:
    """The run's output once it has ended by itself (killed with its group after the time limit)."""
    try:
        out, err = prozess.communicate(timeout=ZEITLIMIT)
    finally:
        if prozess.poll() is None:
            os.killpg(prozess.pid, signal.SIGKILL)
    return Lauf(prozess.returncode, out, err)


@pytest.mark.parametrize("art", ["exit", "ausnahme"])
def test_absturz_eines_arbeiters_kostet_nur_sein_quartier(projekt: Path, art: str) -> None:
    eingaben = _eingaben(projekt)
    prozess = _starten(projekt, f"{art}:rand", "build", "--all", "--jobs", "2")
    lauf = _zu_ende(prozess)
    out, err = lauf.out, lauf.err
    assert lauf.rc == 1, out + err
    assert ENGLISCH.search(out + err) is None, out + err
    bericht = projekt / "berichte"
    assert (bericht / "quartiersprofil_testdorf.docx").is_file()
    assert (bericht / "quartiersprofil_mitte.docx").is_file()
    assert not (bericht / "quartiersprofil_rand.docx").exists()
    # The summary names every quarter, the failed one included.
    assert "Testdorf: neu" in out and "Mitte: neu" in out, out
    assert "Testdorf-Rand: fehlgeschlagen" in out, out
    meldung = "ist abgestürzt" if art == "exit" else "Unerwarteter Fehler in qprofil"
    assert _gemeldet(lauf, "„Testdorf-Rand“", meldung, "Die übrigen Quartiere wurden erzeugt"), err
    _keiner_uebrig(prozess.pid)
    assert _eingaben(projekt) == eingaben


def test_webseite_in_arbeitsprozessen_absturz_kostet_nur_sein_quartier(projekt: Path) -> None:
    """Web pages are rendered in the same worker processes as the .docx (the hook replaces the
    worker's rendering only): a dying worker costs its quarter's page, the others and the index
    are written, and the index does not link the missing page."""
    prozess = _starten(projekt, "exit:rand", "build", "--all", "--kind", "webseite", "--jobs", "2")
    lauf = _zu_ende(prozess)
    out, err = lauf.out, lauf.err
    assert lauf.rc == 1, out + err
    assert ENGLISCH.search(out + err) is None, out + err
    web = projekt / "berichte" / "web"
    for kuerzel in ("testdorf", "mitte"):
        assert (web / f"{kuerzel}.html").is_file() and (web / f"{kuerzel}-inhalt.html").is_file()
    assert not list(web.glob("rand*"))
    index = (web / "index.html").read_text(encoding="utf-8")
    assert 'href="testdorf.html"' in index and 'href="mitte.html"' in index
    assert "rand.html" not in index
    assert "Testdorf-Rand: fehlgeschlagen" in out, out
    assert _gemeldet(lauf, "„Testdorf-Rand“", "ist abgestürzt"), err
    _keiner_uebrig(prozess.pid)


def test_naechster_lauf_raeumt_reste_eines_getoeteten_laufs_auf(projekt: Path) -> None:
    """``kill -9`` during a build: the next run removes what it left and says so."""
    prozess = _starten(projekt, "schlafen:*", "build", "--all", "--jobs", "2")
    _arbeiter_laufen(prozess.pid, mindestens=4)
    # What a run killed while writing leaves: temporary files in berichte/ and in the cache.
    (projekt / "berichte" / ".tmp-k9x2.docx").write_bytes(b"PK\x03\x04 halb")
    (projekt / ".qprofil-cache" / "fotos").mkdir(parents=True, exist_ok=True)
    (projekt / ".qprofil-cache" / "fotos" / ".tmp-ab12.jpg").write_bytes(b"\xff\xd8")
    os.killpg(prozess.pid, signal.SIGKILL)
    prozess.communicate(timeout=ZEITLIMIT)
    _keiner_uebrig(prozess.pid)

    nochmal = _starten(projekt, "", "build", "--all", "--jobs", "2")
    out, err = nochmal.communicate(timeout=ZEITLIMIT)
    lauf = Lauf(nochmal.returncode, out, err)
    assert lauf.rc == 0, out + err
    assert _gemeldet(lauf, "berichte", "1 halbfertige Datei(en)", ".tmp-k9x2.docx", "entfernt"), err
    assert _temporaere(projekt) == []
    assert (projekt / "berichte/quartiersprofil_rand.docx").is_file()
    _keiner_uebrig(nochmal.pid)


def test_name_einer_gremienvorlage_ueber_viele_quartiere_bleibt_kurz(tmp_path: Path) -> None:
    """Eight quarters with 40-character Kürzel would make a name of 350 bytes."""
    from dataclasses import replace

    from qprofil.dokumente import ARTEN
    from qprofil.dokumente.art import Auftrag
    from qprofil.einlesen.eingaben import eingaben_lesen, leser_fuer
    from qprofil.fehler import Befunde
    from qprofil.projekt import projekt_laden

    projekt = projekt_laden(mini_projekt(tmp_path / "projekt"))
    vorlage = eingaben_lesen(projekt, Befunde(), leser_fuer(projekt)).quartiere["testdorf"]
    viele = [replace(vorlage, kuerzel=f"{n}-" + "q" * 38) for n in range(8)]
    art = ARTEN["gremienvorlage"]
    auftrag = Auftrag({"vorlageart": "mitteilung"})
    name = art.ausgabe_name(viele, auftrag)
    assert len(name.encode()) <= 255, name
    assert name.startswith("gremienvorlage_mitteilung_0-qqq")
    assert "_und-6-weitere-" in name and name.endswith(".docx")
    # Another set of quarters gets another name; two quarters keep the full name.
    assert art.ausgabe_name(viele[:7], auftrag) != name
    assert art.ausgabe_name(viele[:2], auftrag) == (
        f"gremienvorlage_mitteilung_{viele[0].kuerzel}_{viele[1].kuerzel}.docx"
    )


def _kind_mit(eltern: int, name: bytes, frist: float = 90) -> int | None:
    """The pid of a child of ``eltern`` whose command line holds ``name``, once it runs."""
    ende = time.monotonic() + frist
    while time.monotonic() < ende:
        for eintrag in Path("/proc").iterdir():
            if not eintrag.name.isdigit():
                continue
            try:
                stat = (eintrag / "stat").read_text()
                befehl = (eintrag / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == eltern and name in befehl:
                return int(eintrag.name)
        time.sleep(0.1)
    return None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) fehlt")
def test_sigterm_waehrend_pdf_beendet_libreoffice(projekt: Path) -> None:
    """soffice runs in a session of its own (to be killed whole on a timeout): SIGTERM to
    qprofil must end it too, instead of leaving it to run on with parent 1."""
    prozess = _starten(projekt, "", "build", "testdorf", "--jobs", "1", "--pdf")
    try:
        soffice = _kind_mit(prozess.pid, b"soffice")
        assert soffice is not None, "LibreOffice startete nicht"
        os.kill(prozess.pid, signal.SIGTERM)
        out, err = prozess.communicate(timeout=ZEITLIMIT)
    finally:
        if prozess.poll() is None:
            os.killpg(prozess.pid, signal.SIGKILL)
    assert prozess.returncode == 128 + signal.SIGTERM, out + err
    assert "Abgebrochen (Signal SIGTERM)" in err, out + err
    assert ENGLISCH.search(out + err) is None, out + err
    _keiner_uebrig(prozess.pid)
    _keiner_uebrig(soffice, frist=3)  # the session soffice leads, ended, not finished
    assert _temporaere(projekt) == []
    assert not list((projekt / "berichte").glob("*.pdf"))
