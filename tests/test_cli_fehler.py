"""Errors carry fields; one place in the CLI turns them into exit codes; Typer standalone is German."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from qprofil.fehler import (
    AuswahlFehler,
    BenutzungsFehler,
    EingabeFehler,
    FehlendeSpalten,
    GremiumNichtZustaendig,
    Ort,
    ProjektFehler,
    ProjektNichtGefunden,
    UnbekannteAuswahl,
    UnbekanntesQuartier,
)


@pytest.mark.parametrize(
    ("fehler", "rc"),
    [
        (UnbekanntesQuartier("x", ["y"]), 2),
        (UnbekannteAuswahl("Dokumentart", "x", ["profil"]), 2),
        (GremiumNichtZustaendig("bv-a", "BV A", ["Nord"], ["bv-b"]), 2),
        (ProjektNichtGefunden(Path("/nirgends"), ordner_fehlt=True, config_name="qprofil.toml"), 2),
        (BenutzungsFehler("falsch"), 2),
        (ProjektFehler("kaputt"), 1),
        (EingabeFehler("kaputt", Ort("daten/x.xlsx")), 1),
    ],
)
def test_eine_stelle_fuer_rueckgabewerte(fehler, rc: int, capsys: pytest.CaptureFixture[str]):
    from qprofil.cli import _fehler_beenden

    with pytest.raises(typer.Exit) as ende:
        _fehler_beenden(fehler, debug=False)
    assert ende.value.exit_code == rc
    assert fehler.meldung in " ".join(capsys.readouterr().err.split())


def test_unbekanntes_quartier_traegt_name_und_vorschlaege():
    err = UnbekanntesQuartier("menglinghusen", ["menglinghausen"], ["menglinghausen", "derne"])
    assert isinstance(err, AuswahlFehler) and not isinstance(err, BenutzungsFehler)
    assert err.name == "menglinghusen"
    assert err.vorschlaege == ("menglinghausen",)
    assert "Meinten Sie „menglinghausen“?" in err.hilfe


def test_unbekannte_auswahl_schlaegt_aehnliches_vor():
    err = UnbekannteAuswahl("Dokumentart", "flyerr", ["profil", "flyer", "dokumentation"])
    assert err.vorschlaege == ("flyer",)
    assert err.meldung == "Unbekannte Dokumentart „flyerr“."


def test_fehlende_spalten_als_feld(tmp_path: Path):
    from qprofil.einlesen.tabelle import OHNE_CACHE

    datei = tmp_path / "t.csv"
    datei.write_text("Raum-Nr;Einwohner\n0911;5\n", encoding="utf-8")
    with pytest.raises(FehlendeSpalten) as info:
        OHNE_CACHE.tabelle(datei, ["Raum-Nr", "Stichtag", "Geschlecht"])
    assert info.value.fehlend == ("Stichtag", "Geschlecht")


def test_falscher_spaltenname_nennt_die_einstellung(qprofil, mini: Path):
    toml = mini / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[statistik.bevoelkerung.spalten]\naltersgruppe = "Alter"\n',
        encoding="utf-8",
    )
    aufruf = qprofil("check", cwd=mini)
    text = " ".join((aufruf.out + aufruf.err).split())
    assert aufruf.rc == 1, text
    assert "statistik.bevoelkerung.spalten.altersgruppe = „Alter“" in text


def test_typer_standalone_meldet_aufruffehler_deutsch(mini: Path, monkeypatch: pytest.MonkeyPatch):
    from qprofil.cli import app

    monkeypatch.chdir(mini)
    ergebnis = CliRunner().invoke(app, ["build", "--wrong"])
    assert ergebnis.exit_code == 2
    assert "Unbekannte Option: --wrong" in ergebnis.output
    assert "No such option" not in ergebnis.output

    ergebnis = CliRunner().invoke(app, ["build", "testdorff"])
    assert ergebnis.exit_code == 2
    assert "Meinten Sie „testdorf“?" in ergebnis.output
