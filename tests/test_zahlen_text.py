"""German number formatting and parsing, and text hygiene."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qprofil import zahlen
from qprofil.text import einzeilig, punkte, saeubern


@pytest.mark.parametrize(
    ("wert", "stellen", "erwartet"),
    [
        (1234.5, 1, "1.234,5"),
        (600390, 0, "600.390"),
        (0.05, 1, "0,1"),
        (2.25, 1, "2,3"),
        (-3.25, 2, "-3,25"),
        (None, 1, "."),
    ],
)
def test_zahl(wert, stellen, erwartet):
    assert zahlen.zahl(wert, stellen) == erwartet


def test_prozent_und_euro():
    assert zahlen.prozent(12.345) == "12,3 %"
    assert zahlen.euro(Decimal("12500")) == "12.500 €"
    assert zahlen.euro(None) == "noch offen"


@pytest.mark.parametrize(
    ("text", "erwartet"),
    [
        ("1.234", Decimal(1234)),
        ("1 788 994", Decimal(1788994)),
        ("12,5", Decimal("12.5")),
        ("ca. 5.000 €", Decimal(5000)),
        ("-", Decimal(0)),
        (".", None),
        ("", None),
        (1069, Decimal(1069)),
        (12.5, Decimal("12.5")),
    ],
)
def test_parse_zahl(text, erwartet):
    assert zahlen.parse_zahl(text) == erwartet


@pytest.mark.parametrize("text", ["zwölf", "1,2,3", "12 Stück"])
def test_parse_zahl_fehler(text):
    with pytest.raises(zahlen.KeineZahl):
        zahlen.parse_zahl(text)


def test_parse_anzahl_lehnt_bruch_ab():
    with pytest.raises(zahlen.KeineZahl):
        zahlen.parse_anzahl("12,5")


def test_saeubern_entfernt_steuerzeichen_und_normalisiert_zeilen():
    roh = "  Kaffee &  Kuchen\r\n\x0cSeite\x07zwei\x00 <b>  \r"
    assert saeubern(roh) == "Kaffee & Kuchen\n\nSeite zwei <b>"


def test_einzeilig_und_punkte():
    assert einzeilig("Rampe\n& Geländer ") == "Rampe & Geländer"
    assert punkte("- Erster Punkt\r\n• Zweiter  Punkt\n\n3) Dritter") == (
        "Erster Punkt",
        "Zweiter Punkt",
        "Dritter",
    )
