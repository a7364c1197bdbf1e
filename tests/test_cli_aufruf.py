"""The command line as a real process: output in pipes and narrow terminals, German messages,
forgiving spelling, exit codes, labels of the result table."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[1]
FELDER = {"datei", "blatt", "zeile", "spalte", "schwere", "meldung", "hilfe"}


@dataclass
class Lauf:
    rc: int
    out: str
    err: str


def qprofil(*argumente: str, cwd: Path, spalten: int = 80, terminal: bool = False) -> Lauf:
    """Run ``python -m qprofil`` with its output in a pipe (or, with ``terminal``, as if on one)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env["COLUMNS"] = str(spalten)
    if terminal:
        env |= {"TTY_COMPATIBLE": "1", "TERM": "xterm", "NO_COLOR": "1"}  # as if on a terminal
    ergebnis = subprocess.run(
        [sys.executable, "-m", "qprofil", *argumente],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    return Lauf(ergebnis.returncode, ergebnis.stdout, ergebnis.stderr)


def _beispiel(ziel: Path) -> Path:
    """A copy of the shipped example project (daten/, vorlagen/, qprofil.toml)."""
    ziel.mkdir(parents=True)
    shutil.copy(REPO / "qprofil.toml", ziel)
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    return ziel


@pytest.fixture(scope="module")
def beispiel_gebaut(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Lauf]:
    """The example project after ``qprofil build --all`` with output into a pipe, 80 columns."""
    wurzel = _beispiel(tmp_path_factory.mktemp("beispiel") / "projekt")
    return wurzel, qprofil("build", "--all", cwd=wurzel)


def _quartier_unbekannt_in_massnahmen(projekt: Path) -> None:
    datei = projekt / "daten" / "massnahmen.xlsx"
    mappe = openpyxl.load_workbook(datei)
    mappe["Maßnahmen"]["B2"] = "Nirgendwo"
    mappe.save(datei)


FEHLERZEILE = (
    "daten/massnahmen.xlsx, Blatt „Maßnahmen“, Zeile 2, Spalte „Quartier“: "
    "Unbekanntes Quartier „Nirgendwo“."
)


# --- nothing cut off


def test_befunde_in_pipe_eine_zeile_je_befund(mini: Path):
    _quartier_unbekannt_in_massnahmen(mini)
    lauf = qprofil("check", cwd=mini)
    assert lauf.rc == 1
    zeilen = lauf.err.splitlines()
    assert any(z.startswith(FEHLERZEILE + " – ") for z in zeilen), lauf.err
    assert "…" not in lauf.err
    assert "1 Fehler" in lauf.err


def test_befunde_im_schmalen_terminal_nicht_abgeschnitten(mini: Path):
    _quartier_unbekannt_in_massnahmen(mini)
    lauf = qprofil("check", cwd=mini, terminal=True)
    assert lauf.rc == 1
    assert "…" not in lauf.err
    assert max(len(z) for z in _ohne_steuerzeichen(lauf.err).splitlines()) <= 80
    assert "Nirgendwo" in lauf.err


def test_check_json_alle_befunde_mit_feldern(mini: Path):
    _quartier_unbekannt_in_massnahmen(mini)
    lauf = qprofil("check", "--format", "JSON", cwd=mini)
    assert lauf.rc == 1
    befunde = json.loads(lauf.out)
    assert befunde and all(set(b) == FELDER for b in befunde)
    fehler = [b for b in befunde if b["schwere"] == "Fehler"]
    assert fehler[0] == {
        "datei": "daten/massnahmen.xlsx",
        "blatt": "Maßnahmen",
        "zeile": 2,
        "spalte": "Quartier",
        "schwere": "Fehler",
        "meldung": "Unbekanntes Quartier „Nirgendwo“.",
        "hilfe": fehler[0]["hilfe"],
    }


def test_check_unbekanntes_format(mini: Path):
    lauf = qprofil("check", "--format", "xml", cwd=mini)
    assert lauf.rc == 2
    assert "Unbekanntes Ausgabeformat „xml“" in lauf.err


def test_ergebnis_in_pipe_mit_vollen_pfaden(beispiel_gebaut: tuple[Path, Lauf]):
    _, lauf = beispiel_gebaut
    assert lauf.rc == 0, lauf.err
    for kuerzel, name in [("menglinghausen", "Menglinghausen"), ("derne", "Derne")]:
        assert f"{name}: neu – berichte/quartiersprofil_{kuerzel}.docx (" in lauf.out
    assert "…" not in lauf.out


@pytest.mark.parametrize("spalten", [60, 80, 100])
def test_ergebnis_im_terminal_mit_spalte_dokument(beispiel_gebaut: tuple[Path, Lauf], spalten: int):
    wurzel, _ = beispiel_gebaut
    lauf = qprofil("build", "--all", cwd=wurzel, terminal=True, spalten=spalten)
    assert lauf.rc == 0, lauf.err
    zeilen = _ohne_steuerzeichen(lauf.out).splitlines()
    assert max(len(z) for z in zeilen) <= spalten  # nothing cropped at the right edge
    assert "…" not in lauf.out
    assert lauf.out.count(" KB)") == 4
    if spalten >= 80:
        assert "berichte/quartiersprofil_menglinghausen.docx" in lauf.out  # not even folded
    kopf = _tabellenkopf(lauf.out)
    assert "Dokument" in kopf and "Quartier" not in kopf


def _ohne_steuerzeichen(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def _tabellenkopf(text: str) -> str:
    """The header rows of the first table in ``text`` (above the line that starts with ┡)."""
    zeilen = _ohne_steuerzeichen(text).splitlines()
    return "\n".join(zeilen[: next(i for i, z in enumerate(zeilen) if z.startswith("┡"))])


# --- noise


def test_beispiel_ohne_hinweise(beispiel_gebaut: tuple[Path, Lauf]):
    # The shipped example builds clean: nothing on stderr, no notice in the output.
    _, lauf = beispiel_gebaut
    assert lauf.rc == 0
    assert lauf.err == ""
    assert "Hinweis" not in lauf.out


@pytest.fixture(scope="module")
def raumnummern_als_zahl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with four area codes that Excel turned into numbers (lost leading zero)."""
    wurzel = _beispiel(tmp_path_factory.mktemp("nullen") / "projekt")
    datei = wurzel / "daten" / "statistik" / "sozialdaten.xlsx"
    mappe = openpyxl.load_workbook(datei)
    blatt = mappe["Sozialdaten"]
    ersetzt = 0
    for (zelle,) in blatt.iter_rows(min_col=3, max_col=3):
        if zelle.value in ("0921", "0913", "0931", "0542") and ersetzt < 4:
            zelle.value = int(zelle.value)
            ersetzt += 1
    assert ersetzt == 4
    mappe.save(datei)
    return wurzel


def test_gleiche_hinweise_einmal_mit_anzahl(raumnummern_als_zahl: Path):
    lauf = qprofil("build", "--all", cwd=raumnummern_als_zahl)
    assert lauf.rc == 0, lauf.err
    assert lauf.err.count("führende Null ergänzt") == 1, lauf.err
    assert "und 3 weitere gleiche Hinweise" in lauf.err


def test_check_json_behaelt_alle_hinweise(raumnummern_als_zahl: Path):
    wurzel = raumnummern_als_zahl
    lauf = qprofil("check", "--format", "json", cwd=wurzel)
    assert lauf.rc == 0, lauf.err
    befunde = json.loads(lauf.out)
    nullen = [b for b in befunde if "führende Null ergänzt" in b["meldung"]]
    assert len(nullen) == 4
    assert {b["schwere"] for b in nullen} == {"Hinweis"}
    assert all(set(b) == FELDER for b in befunde)


# --- German and plain


@pytest.mark.parametrize("wert", ["abc", "0", "-2"])
def test_jobs_ungueltig_auf_deutsch(mini: Path, wert: str):
    lauf = qprofil("build", "testdorf", "--jobs", wert, cwd=mini)
    assert lauf.rc == 2
    assert "Ungültiger Wert für --jobs" in lauf.err
    assert "Input should" not in lauf.err and "integer" not in lauf.err
    assert not (mini / "berichte").exists()


@pytest.mark.parametrize("befehl", ["build", "committee", "check"])
def test_hilfe_ohne_python_typen(tmp_path: Path, befehl: str):
    lauf = qprofil(befehl, "--help", cwd=tmp_path)
    assert lauf.rc == 0
    for englisch in ("<list[str]>", "<int range>", "[x>=1]", "<text>", "<integer>"):
        assert englisch not in lauf.out
    assert "QUARTIER…" in lauf.out
    if befehl == "build":
        assert "--jobs ANZAHL" in lauf.out


# --- forgiving


def test_kind_in_beliebiger_schreibweise(mini: Path):
    lauf = qprofil("build", "testdorf", "--kind", "Profil", "--jobs", "1", cwd=mini)
    assert lauf.rc == 0, lauf.err
    assert (mini / "berichte" / "quartiersprofil_testdorf.docx").exists()


def test_tippfehler_im_quartier_bekommt_vorschlag(mini: Path):
    lauf = qprofil("build", "testdorff", cwd=mini)
    assert lauf.rc == 2
    assert "Unbekanntes Quartier „testdorff“" in lauf.err
    assert "Meinten Sie „testdorf“?" in lauf.err


# --- exit codes


def test_projektordner_fehlt_exit_2(tmp_path: Path):
    lauf = qprofil("list", "--projekt", str(tmp_path / "gibt-es-nicht"), cwd=tmp_path)
    assert lauf.rc == 2
    assert "existiert nicht" in lauf.err and "gibt-es-nicht" in lauf.err


def test_ohne_projekt_exit_2(tmp_path: Path):
    lauf = qprofil("check", cwd=tmp_path)
    assert lauf.rc == 2
    assert "qprofil.toml" in lauf.err


def test_gremium_eines_anderen_stadtbezirks_ist_aufruffehler(tmp_path: Path):
    wurzel = _beispiel(tmp_path / "projekt")
    lauf = qprofil("committee", "jungferntal", "--body", "bv-hombruch", cwd=wurzel)
    assert lauf.rc == 2, lauf.err
    text = " ".join(lauf.err.split())
    assert "„bv-hombruch“" in text and "nicht für den Stadtbezirk Huckarde" in text
    assert "zuständig" in text and "„bv-huckarde“" in text
    assert "[[gremium]]" not in text
    assert not list(wurzel.glob("berichte/*.docx"))  # checked before anything was built


def test_gremienvorlage_kind_grossgeschrieben_und_spalte_dokument(tmp_path: Path):
    wurzel = _beispiel(tmp_path / "projekt")
    lauf = qprofil(
        "committee",
        "jungferntal",
        "--kind",
        "Beschluss",
        "--body",
        "BV-Huckarde",
        "--body",
        "rat",
        cwd=wurzel,
        terminal=True,
        spalten=120,
    )
    assert lauf.rc == 0, lauf.err
    assert (wurzel / "berichte" / "gremienvorlage_beschluss_jungferntal.docx").exists()
    kopf = _tabellenkopf(lauf.out)
    assert "Dokument" in kopf and "Quartier" not in kopf
