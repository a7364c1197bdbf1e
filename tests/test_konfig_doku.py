"""docs/konfiguration.md is generated from the models in projekt.py and must not drift from them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from qprofil import konfig_doku, projekt

DOKU = Path(__file__).resolve().parents[1] / konfig_doku.DOKU


def test_jede_einstellung_ist_beschrieben() -> None:
    assert konfig_doku.fehlende_beschreibungen() == []


def test_doku_entspricht_den_modellen() -> None:
    assert DOKU.read_text(encoding="utf-8") == konfig_doku.erzeugen(), (
        "docs/konfiguration.md ist veraltet: python -m qprofil.konfig_doku"
    )


def test_jeder_schluessel_steht_in_der_doku() -> None:
    text = DOKU.read_text(encoding="utf-8")
    for titel, modell in konfig_doku.abschnitte():
        assert f"## `{titel}`" in text
        for name in modell.model_fields:
            assert f"### `{name}`" in text or f"{name}]" in text


def _beispiele() -> list[tuple[str, str]]:
    return [
        (f"{klasse}.{feld}", beispiel)
        for klasse, felder in konfig_doku.BESCHREIBUNG.items()
        for feld, (_, beispiel) in felder.items()
        if beispiel
    ]


@pytest.mark.parametrize(("feld", "beispiel"), _beispiele())
def test_beispiele_sind_gueltig(feld: str, beispiel: str) -> None:
    """Every example is valid TOML for its own key and passes the model's check."""
    klasse_name, name = feld.split(".")
    wert = tomllib.loads(beispiel)
    assert list(wert) == [name]
    klasse = next(
        m for _, m in konfig_doku.abschnitte() if klasse_name in {k.__name__ for k in m.__mro__}
    )
    feld_info = klasse.model_fields[name]
    TypeAdapter(feld_info.rebuild_annotation()).validate_python(wert[name])


def test_fehlerhinweis_nennt_die_doku(tmp_path: Path) -> None:
    (tmp_path / "qprofil.toml").write_text(
        '[projekt]\ntitel = "T"\nstadt = "S"\nherausgeber = "H"\nstand = 2024-01-01\n'
        "[statistik.bevoelkerung]\nkopfzeile = 3\n",
        encoding="utf-8",
    )
    with pytest.raises(projekt.ProjektFehler) as err:
        projekt.projekt_laden(tmp_path)
    assert "statistik.bevoelkerung.kopfzeile" in err.value.meldung
    assert "docs/konfiguration.md" in err.value.hilfe
