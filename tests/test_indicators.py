"""Indicators against values computed by hand (see the comments for each expected value)."""

from __future__ import annotations

import pytest

from qprofil.auswertung import kennzahlen as ind
from qprofil.auswertung.kennzahlen import Fehlend
from qprofil.modell import Altersband, AltersVerteilung

# Bands 0–15, 15–18, 18–20, 20–60, 60–65, 65–80, 80+ (male, female):
#   190, 40, 25, 610, 85, 140, 60 in total → P = 1150
BAENDER = (
    Altersband(0, 15),
    Altersband(15, 18),
    Altersband(18, 20),
    Altersband(20, 60),
    Altersband(60, 65),
    Altersband(65, 80),
    Altersband(80, None),
)
V = AltersVerteilung(
    BAENDER,
    (100, 20, 10, 300, 40, 60, 20),
    (90, 20, 15, 310, 45, 80, 40),
)


def test_einwohner_und_summen():
    assert ind.einwohner(V) == 1150
    assert ind.summe(V, 65, None) == 200
    assert ind.summe(V, 80, None, "w") == 40
    assert ind.summe(V, 20, 65) == 695


def test_summe_teilt_keine_altersgruppe():
    # 17 is no band limit: the value would have to be invented.
    assert ind.summe(V, 0, 17) is None
    assert ind.anteil(V, 0, 17) is Fehlend.NICHT_VERFUEGBAR


@pytest.mark.parametrize(
    ("von", "bis", "erwartet"),
    [
        (0, 18, 230 / 1150 * 100),  # 20,0 %
        (65, None, 200 / 1150 * 100),  # 17,39 %
        (80, None, 60 / 1150 * 100),  # 5,22 %
        (60, None, 285 / 1150 * 100),
    ],
)
def test_anteile(von, bis, erwartet):
    assert ind.anteil(V, von, bis) == pytest.approx(erwartet)


@pytest.mark.parametrize(
    ("definition", "erwartet"),
    [
        ("destatis", 200 / 695 * 100),  # P(65+)/P(20–64) = 28,78
        ("sozialbericht", 200 / 720 * 100),  # P(65+)/P(18–64) = 27,78
        ("statistikportal", 200 / 760 * 100),  # P(65+)/P(15–64) = 26,32
    ],
)
def test_altenquotient_definitionen(definition, erwartet):
    assert ind.altenquotient(V, definition) == pytest.approx(erwartet)


def test_hochaltrigenquote_nenner_konfigurierbar():
    assert ind.hochaltrigenquote(V, 65) == pytest.approx(30.0)  # 60 / 200
    assert ind.hochaltrigenquote(V, 60) == pytest.approx(60 / 285 * 100)


def test_frauenanteil_80():
    assert ind.frauenanteil(V) == pytest.approx(40 / 60 * 100)


def test_durchschnittsalter_aus_bandmitten():
    # 190·7,5 + 40·16,5 + 25·19 + 610·40 + 85·62,5 + 140·72,5 + 60·85 = 47.522,5; / 1150
    # (the 20–60 band is 40 years wide: allowed here, not by default)
    assert ind.durchschnittsalter(V, 5, hoechste_breite=40) == pytest.approx(47522.5 / 1150)
    # open band taken at 80 + 10 = 90 instead: + 60·5 = 300 more years
    assert ind.durchschnittsalter(V, 10, hoechste_breite=40) == pytest.approx(47822.5 / 1150)
    assert ind.durchschnittsalter(V, 5) is ind.Fehlend.NICHT_VERFUEGBAR


def test_entwicklung():
    assert ind.entwicklung(1150, 1000) == pytest.approx(15.0)
    assert ind.entwicklung(950, 1000) == pytest.approx(-5.0)
    assert ind.entwicklung(1000, None) is Fehlend.NICHT_VERFUEGBAR


def test_geheimhaltung():
    assert ind.quote(2, 100, geheim_unter=3) is Fehlend.GEHEIM
    assert ind.quote(0, 100, geheim_unter=3) == 0.0  # zero is published as "-"
    assert ind.quote(3, 100, geheim_unter=3) == pytest.approx(3.0)
    assert ind.anzahl(1, geheim_unter=3) is Fehlend.GEHEIM


def test_unbekannte_zahl_macht_kennzahl_unverfuegbar():
    v = AltersVerteilung(BAENDER, (100, 20, 10, 300, 40, 60, None), V.weiblich)
    assert ind.einwohner(v) is None
    assert ind.anteil(v, 80, None) is Fehlend.NICHT_VERFUEGBAR
    assert ind.anteil(v, 0, 18) is Fehlend.NICHT_VERFUEGBAR  # denominator unknown


def test_summe_der_verteilungen():
    doppelt = V + V
    assert ind.einwohner(doppelt) == 2300
    assert ind.anteil(doppelt, 65, None) == pytest.approx(ind.anteil(V, 65, None))


@pytest.mark.parametrize(
    ("definition", "quelle", "erwartet"),
    [
        ("destatis", "", "(Definition: Statistisches Bundesamt; andere Quellen"),
        ("sozialbericht", "", "P(18–64) × 100 (Andere Quellen"),
        ("statistikportal", "", "P(15–64) × 100 (Andere Quellen"),
        (
            "statistikportal",
            "Statistikportal Musterstadt",
            "(Definition: Statistikportal Musterstadt;",
        ),
    ],
)
def test_altenquotient_quelle_nur_aus_der_konfiguration(definition, quelle, erwartet):
    r = ind.Raeume(V, V, V, None, None, None, None, None, None)
    kz = {
        k.schluessel: k
        for k in ind.demografie(r, altenquotient_definition=definition, altenquotient_quelle=quelle)
    }
    assert erwartet in kz["altenquotient"].definition
    assert "Dortmund" not in kz["altenquotient"].definition


def test_demografie_tabelle_nutzt_konfigurierte_definition():
    r = ind.Raeume(V, V + V, V + V + V, None, None, None, None, None, None)
    kz = {k.schluessel: k for k in ind.demografie(r, altenquotient_definition="sozialbericht")}
    assert kz["altenquotient"].quartier == pytest.approx(200 / 720 * 100)
    assert "von 18 bis unter 65 Jahren" in kz["altenquotient"].definition
    # No source configured: no city's publication is cited, and no empty "Definition: ;".
    assert "Dortmund" not in kz["altenquotient"].definition
    assert "Definition: " not in kz["altenquotient"].definition
    assert "(Andere Quellen verwenden andere Altersgrenzen" in kz["altenquotient"].definition
    assert kz["entwicklung"].quartier is Fehlend.NICHT_VERFUEGBAR
    assert kz["einwohner"].stadt == 3450
