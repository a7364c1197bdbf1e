"""qprofil init: a new, empty project with every setting commented and the expected headers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl

from qprofil import konfig_doku
from qprofil.einlesen.quartiere import QUARTIER_SPALTEN
from qprofil.projekt import projekt_laden


def test_init_legt_ein_leeres_projekt_an(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "hansestadt"
    aufruf = qprofil("init", str(ziel), "--stadt", "Hansestadt", cwd=tmp_path)
    assert aufruf.rc == 0, aufruf.err
    p = projekt_laden(ziel)
    assert p.konfig.projekt.stadt == "Hansestadt"
    text = (ziel / "qprofil.toml").read_text(encoding="utf-8")
    tomllib.loads(text)
    # Every section and key is in the file (active or as a comment with its default).
    for titel, modell in konfig_doku.abschnitte():
        assert titel in text, titel
        for name, feld in modell.model_fields.items():
            if not konfig_doku.modelle(feld.annotation):
                assert f"{name} = " in text, (titel, name)
    quartiere = openpyxl.load_workbook(ziel / "daten" / "quartiere.xlsx")
    kopf = [c.value for c in quartiere["Quartiere"][1]]
    assert kopf[: len(QUARTIER_SPALTEN)] == list(QUARTIER_SPALTEN)
    assert (
        (ziel / "daten" / "statistik" / "bevoelkerung.csv")
        .read_text()
        .startswith("Stichtag;Raumebene;Raum-Nr;Raumname;Geschlecht;Altersgruppe;Einwohner")
    )
    for vorlage in ("quartiersprofil.docx", "gremienvorlage.docx", "flyer.docx"):
        assert (ziel / "vorlagen" / vorlage).stat().st_size > 10_000
    assert (ziel / "berichte").is_dir() and (ziel / "daten" / "befragung").is_dir()


def test_init_ueberschreibt_nichts(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), cwd=tmp_path).rc == 0
    toml = ziel / "qprofil.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "# eigene Notiz\n", encoding="utf-8")
    aufruf = qprofil("init", str(ziel), cwd=tmp_path)
    assert aufruf.rc == 2
    assert "schon ein Projekt" in aufruf.err
    assert toml.read_text(encoding="utf-8").endswith("# eigene Notiz\n")


def test_leeres_projekt_sagt_was_fehlt(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), cwd=tmp_path).rc == 0
    aufruf = qprofil("check", cwd=ziel)
    assert aufruf.rc == 1
    assert "daten/statistik/bevoelkerung.csv" in aufruf.err
    assert "keine Bevölkerungszahlen" in aufruf.err
    assert "docs/konfiguration.md" in aufruf.err
