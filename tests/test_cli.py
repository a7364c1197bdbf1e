"""The command line as a person meets it: German help, exit codes, messages without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qprofil import __version__


def test_version(qprofil, tmp_path: Path):
    aufruf = qprofil("--version", cwd=tmp_path)
    assert aufruf.rc == 0
    assert aufruf.out.strip() == f"qprofil {__version__}"


@pytest.mark.parametrize(
    "befehl",
    ["build", "committee", "changes", "kennzahlen", "survey", "list", "check", "init", "statistik"],
)
def test_jeder_befehl_hat_deutsche_hilfe_mit_beispiel(qprofil, tmp_path: Path, befehl: str):
    aufruf = qprofil(befehl, "--help", cwd=tmp_path)
    assert aufruf.rc == 0
    assert "Aufruf: qprofil" in aufruf.out
    assert "Beispiel" in aufruf.out
    assert f"qprofil {befehl}" in aufruf.out.split("Beispiel", 1)[1]
    assert "Diese Hilfe anzeigen und beenden." in aufruf.out
    assert "Show this message" not in aufruf.out


def test_hauptbefehl_hilfe(qprofil, tmp_path: Path):
    aufruf = qprofil("--help", cwd=tmp_path)
    assert aufruf.rc == 0
    assert "Befehle:" in aufruf.out and "Optionen:" in aufruf.out


def test_befehlsliste_im_80_spalten_terminal_nicht_abgeschnitten(tmp_path: Path):
    """Each command's one-line description fits in 80 columns (click cuts it with "...")."""
    import os

    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "--help"],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "80"},
        capture_output=True,
        text=True,
        check=True,
    )
    befehle = aufruf.stdout.split("Befehle:", 1)[1].strip().splitlines()
    assert len(befehle) == 9, befehle
    for zeile in befehle:
        assert len(zeile) <= 80 and not zeile.rstrip().endswith("..."), zeile


@pytest.mark.parametrize(
    ("argumente", "fragment"),
    [
        (["bild"], "Unbekannter Befehl „bild“"),
        (["build", "--wrong"], "Unbekannte Option: --wrong"),
        (["build", "--jobs", "0", "testdorf"], "mindestens 1"),
        (["committee"], "Es fehlt die Angabe"),
    ],
)
def test_aufruffehler_exit_2(qprofil, mini: Path, argumente: list[str], fragment: str):
    aufruf = qprofil(*argumente, cwd=mini)
    assert aufruf.rc == 2
    assert fragment in aufruf.err
    assert "Traceback" not in aufruf.err + aufruf.out


def test_unbekanntes_quartier_exit_2(qprofil, mini: Path):
    aufruf = qprofil("build", "nirgendwo", cwd=mini)
    assert aufruf.rc == 2
    assert "Unbekanntes Quartier „nirgendwo“" in aufruf.err
    assert "testdorf" in aufruf.err  # names the known ones
    assert not list((mini / "berichte").glob("*.docx")) if (mini / "berichte").exists() else True


def test_ohne_projekt(qprofil, tmp_path: Path):
    aufruf = qprofil("list", cwd=tmp_path)
    assert aufruf.rc == 2
    assert "Kein qprofil-Projekt gefunden" in aufruf.err
    assert "qprofil.toml" in aufruf.err


def test_list_zeigt_eingaben(qprofil, mini: Path):
    aufruf = qprofil("list", cwd=mini)
    assert aufruf.rc == 0
    assert "testdorf" in aufruf.out and "Testbezirk" in aufruf.out
    assert (
        "seniorenbuero_testbezirk.xlsx"
        in aufruf.out.replace("\n", "").replace("│", "").replace(" ", "")
        or "senior" in aufruf.out
    )


def test_check_sauberes_projekt(qprofil, mini: Path):
    aufruf = qprofil("check", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    assert "Keine Fehler gefunden" in aufruf.out
    assert not (mini / "berichte").exists()
    assert not (mini / ".qprofil-cache").exists()


def test_hilfe_und_list_laden_keine_schweren_module(mini: Path):
    programm = (
        "import sys\n"
        "from qprofil.cli import main\n"
        "sys.argv = ['qprofil'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "schwer = [m for m in ('pandas', 'matplotlib', 'docxtpl', 'docx') if m in sys.modules]\n"
        "print('SCHWER', schwer, file=sys.stderr)\n"
    )
    for argumente in (["--help"], ["list"]):
        ergebnis = subprocess.run(
            [sys.executable, "-c", programm, *argumente], cwd=mini, capture_output=True, text=True
        )
        assert "SCHWER []" in ergebnis.stderr, (argumente, ergebnis.stderr)


@pytest.mark.parametrize(
    ("zusatz", "erwartet"),
    [
        ("[ausgabe]\nfoto_ppi = 10\n", "„10“ ist nicht zulässig; erlaubt ist mindestens 72."),
        ("[ausgabe]\nfoto_ppi = 900\n", "„900“ ist nicht zulässig; erlaubt ist höchstens 600."),
        ('[ausgabe]\nfoto_ppi = "hoch"\n', "„hoch“ ist keine ganze Zahl"),
        ("[ausgabe]\nfotoppi = 150\n", "„ausgabe.fotoppi“: ist unbekannt (Tippfehler?)"),
        ("[ausgabe]\nberichte = 3\n", "„3“ ist kein Pfad"),
        ("[gremienvorlage]\namt = 3\n", "„3“ ist kein Text"),
        ("[gremienvorlage]\namt = true\n", "„true“ ist kein Text"),
        ("[ausgabe]\nfoto_ppi = 150.5\n", "„150,5“ ist keine ganze Zahl; erlaubt sind nur ganze"),
        ('[gremienvorlage]\noparl_basis = "ftp://x"\n', "„ftp://x“ hat nicht die erwartete Form"),
        ('[gremienvorlage]\noeffentlich = "vielleicht"\n', "ist kein Wahrheitswert"),
    ],
)
def test_ungueltige_einstellung_auf_deutsch(qprofil, mini: Path, zusatz: str, erwartet: str):
    toml = mini / "qprofil.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n" + zusatz, encoding="utf-8")
    aufruf = qprofil("check", cwd=mini)
    assert aufruf.rc == 1
    ausgabe = " ".join((aufruf.out + aufruf.err).split())
    assert "Ungültige Einstellung" in ausgabe and erwartet in ausgabe, ausgabe
    assert "Input should" not in ausgabe and "Traceback" not in ausgabe
