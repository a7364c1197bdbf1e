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
    assert zahlen.prozent(12.345) == "12,3\u00a0%"
    assert zahlen.euro(Decimal("12500")) == "12.500\u00a0€"
    # Number and unit stay on one line: a non-breaking space, never an ordinary one.
    for text in (zahlen.prozent(20.8), zahlen.euro(93700)):
        assert " " not in text and "\u00a0" in text
    assert zahlen.parse_zahl(zahlen.euro(93700)) == Decimal(93700)
    assert zahlen.euro(None) == "noch offen"


@pytest.mark.parametrize(
    ("text", "erwartet"),
    [
        ("1.234", Decimal(1234)),
        ("1 788 994", Decimal(1788994)),
        ("12,5", Decimal("12.5")),
        ("ca. 5.000 €", Decimal(5000)),
        ("ca. 5.000\u00a0€", Decimal(5000)),
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


def test_saeubern_schneller_weg_gleicht_dem_vollstaendigen():
    """Strings that are clean already are returned as they are; the result must not differ."""
    import random
    import unicodedata

    from qprofil import text

    bausteine = [
        "a", "Z", "ä", "ß", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x07", "\x00",
        "\x1f", "\x7f", "\u00a0", "\u00ad", "\u2028", "\u2029", "\ufffe", "–", "„", "“", "€",
        "a\u0308", "e\u0301", "\u200b", "\u202f", "😀", "&", "<", "1.234,5",
    ]  # fmt: skip
    zufall = random.Random(20261127)
    proben = ["", " ", "Menglinghausen", " Derne", "Derne ", "Haus  Nr", "Straße", "a\u0308"]
    proben += ["".join(zufall.choices(bausteine, k=zufall.randint(1, 8))) for _ in range(5000)]
    for probe in proben:
        langsam = unicodedata.normalize("NFC", probe).replace("\u00ad", "")
        langsam = langsam.replace("\u2028", "\n").replace("\u2029", "\n")
        langsam = text.xml_sicher(langsam)
        zeilen = [text._LEERRAUM.sub(" ", z).strip() for z in langsam.split("\n")]
        erwartet = "\n".join(zeilen).strip("\n")
        assert saeubern(probe) == erwartet, repr(probe)
        assert einzeilig(probe) == " ".join(z for z in erwartet.split("\n") if z), repr(probe)
