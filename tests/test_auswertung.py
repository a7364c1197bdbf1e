"""The evaluation on pandas (qprofil/auswertung/auswertung.py) against the reference functions.

The reference is kennzahlen.demografie/soziale_lage on the summed model objects; values are
compared with ==, floating-point results must be identical to the last bit.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from qprofil.auswertung.kennzahlen import Fehlend, demografie, raeume, soziale_lage
from qprofil.auswertung.stichtage import Stichtage, jahre_vorher
from qprofil.modell import (
    Altersband,
    AltersVerteilung,
    Quartier,
    Quartiersdaten,
    Raum,
    Seniorenbuero,
    Sozialdaten,
    Statistik,
)
from qprofil.projekt import KennzahlEinstellungen

REPO = Path(__file__).resolve().parents[1]
BEISPIELE = {"dortmund": REPO, "koeln": REPO / "examples" / "koeln"}
NA = Fehlend.NICHT_VERFUEGBAR
GEHEIM = Fehlend.GEHEIM


@pytest.fixture(scope="module", params=sorted(BEISPIELE))
def beispiel(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The project and its inputs of a shipped example."""
    from qprofil.einlesen.eingaben import eingaben_lesen
    from qprofil.einlesen.tabelle import OHNE_CACHE
    from qprofil.fehler import Befunde
    from qprofil.projekt import projekt_laden

    projekt = projekt_laden(BEISPIELE[request.param])
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde, OHNE_CACHE)
    assert not befunde.fehlerhaft, befunde.liste
    assert eingaben.statistik is not None and eingaben.quartiere
    return projekt, eingaben


def _referenz(statistik: Statistik, q: Quartier, tage: Stichtage, k: KennzahlEinstellungen):  # type: ignore[no-untyped-def]
    r = raeume(Quartiersdaten(q, statistik, None, (), (), ()), tage)
    demo = demografie(
        r,
        altenquotient_definition=k.altenquotient,
        hochaltrige_nenner_ab=k.hochaltrigenquote_nenner_ab,
        offene_mitte=k.offene_altersgruppe_mitte,
        geheim_unter=k.geheimhaltung_unter,
        hoechste_breite=k.durchschnittsalter_hoechste_breite,
        vergleich_fehlt=jahre_vorher(tage.aktuell) if tage.vorher is None else None,
    )
    sozial = soziale_lage(
        r, geheim_unter=k.geheimhaltung_unter, ohne_sozialdaten=not statistik.sozialdaten
    )
    return (demo, sozial), r


def _tage(statistik: Statistik, tag: dt.date) -> Stichtage:
    vorher = jahre_vorher(tag)
    return Stichtage(tag, vorher if vorher in statistik.stichtage else None)


VARIANTEN = [
    {},
    {"geheimhaltung_unter": 20, "altenquotient": "statistikportal"},
    {"altenquotient": "sozialbericht", "hochaltrigenquote_nenner_ab": 60},
    {"offene_altersgruppe_mitte": 7, "geheimhaltung_unter": 3},
]


@pytest.mark.parametrize("variante", VARIANTEN, ids=lambda v: ",".join(v) or "projekt")
def test_profil_kennzahlen_gleich_referenz(beispiel, variante) -> None:  # type: ignore[no-untyped-def]
    from qprofil.auswertung.auswertung import Auswertung
    from qprofil.auswertung.stichtage import stichtage

    projekt, eingaben = beispiel
    s = eingaben.statistik
    k = projekt.konfig.kennzahlen.model_copy(update=variante)
    a = Auswertung(s, eingaben.quartiere.values(), k)
    verglichen = 0
    for q in eingaben.quartiere.values():
        # the configured Stichtag as the documents use it, and every other one
        for tage in [stichtage(projekt, s), *(_tage(s, t) for t in s.stichtage)]:
            (demo, sozial), r = _referenz(s, q, tage, k)
            neu_demo, neu_sozial = a.profil_kennzahlen(q, tage)
            assert neu_demo == demo, (q.kuerzel, tage)
            assert neu_sozial == sozial, (q.kuerzel, tage)
            assert a.verteilung(q, tage.aktuell) == r.quartier
            assert a.verteilung(q.stadtbezirk_nr, tage.aktuell) == r.stadtbezirk
            assert a.verteilung(s.stadt_nr(), tage.aktuell) == r.stadt
            verglichen += 1
    assert verglichen >= len(eingaben.quartiere) * 2


def test_werte_decken_alle_raeume_und_stichtage(beispiel) -> None:  # type: ignore[no-untyped-def]
    from qprofil.auswertung.auswertung import DEMOGRAFIE, SOZIALE_LAGE, Auswertung

    projekt, eingaben = beispiel
    s = eingaben.statistik
    a = Auswertung(s, eingaben.quartiere.values(), projekt.konfig.kennzahlen)
    erwartet = {(s.raeume[nr].ebene.lower(), nr, tag) for tag, nr in s.bevoelkerung}
    erwartet |= {("quartier", q, tag) for q in eingaben.quartiere for tag in s.stichtage}
    w = a.werte
    assert set(zip(w["ebene"], w["raum"], w["stichtag"], strict=True)) == erwartet
    ebenen = {r.ebene.lower() for r in s.raeume.values()}
    assert set(w["ebene"]) == ebenen | {"quartier"}
    # every area of every level is there
    for nr, raum in s.raeume.items():
        assert (w["raum"] == nr).any(), (nr, raum.ebene)
    je_raum = w.groupby(["ebene", "raum", "stichtag"])["kennzahl"].apply(tuple)
    assert set(je_raum) == {DEMOGRAFIE + SOZIALE_LAGE}
    assert w["wert"].dtype == "float64"
    assert (w["wert"].isna() == w["fehlend"].notna()).all()
    # the table of the statistics: every level, quarters as areas, nullable counts
    t = a.tabelle
    assert set(t["ebene"]) == ebenen | {"quartier"}
    assert str(t["wert"].dtype) == "Int64"
    assert t.attrs["quellen"] == s.quellen


# --- hand-computed values on a tiny statistik ----------------------------------------------

JETZT = dt.date(2016, 2, 29)
VORHER = dt.date(2011, 2, 28)  # five years before 29 February
B4 = (Altersband(0, 18), Altersband(18, 65), Altersband(65, 80), Altersband(80, None))
B3 = (Altersband(0, 20), Altersband(20, 65), Altersband(65, None))


def _quartier(kuerzel: str, unterbezirke: tuple[str, ...]) -> Quartier:
    buero = Seniorenbuero("Seniorenbüro Test", "1")
    return Quartier(kuerzel, kuerzel.title(), "1", "Testbezirk", unterbezirke, "", "", None, buero)


@pytest.fixture
def klein():  # type: ignore[no-untyped-def]
    """Stadt 0, Stadtbezirk 1 (other bands), Unterbezirke 11, 12 (an unknown count), 13 (no sex)."""
    from qprofil.auswertung.auswertung import Auswertung

    raeume_ = {
        "0": Raum("0", "Teststadt", "Stadt"),
        "1": Raum("1", "Testbezirk", "Stadtbezirk"),
        "11": Raum("11", "Mitte", "Unterbezirk"),
        "12": Raum("12", "Rand", "Unterbezirk"),
        "13": Raum("13", "Feld", "Unterbezirk"),
    }
    bev = {
        (JETZT, "0"): AltersVerteilung(B4, (100, 400, 80, 30), (110, 390, 90, 50)),
        (JETZT, "1"): AltersVerteilung(B3, (20, 60, 30), (25, 55, 40)),
        (JETZT, "11"): AltersVerteilung(B4, (10, 40, 8, 1), (12, 38, 10, 2)),
        (JETZT, "12"): AltersVerteilung(B4, (5, None, 4, 0), (6, 20, 5, 0)),
        (JETZT, "13"): AltersVerteilung.ohne_geschlecht(B4, (7, 30, 6, 4)),
        (VORHER, "0"): AltersVerteilung(B4, (100, 380, 70, 25), (100, 380, 80, 45)),
        (VORHER, "11"): AltersVerteilung(B4, (10, 35, 8, 1), (12, 30, 10, 2)),
        (VORHER, "12"): AltersVerteilung(B4, (5, 20, 4, 0), (6, 20, 5, 0)),
    }
    sozial = {
        (JETZT, "11"): Sozialdaten(60, 0, 4, 0),
        (JETZT, "12"): Sozialdaten(0, 0, None, 1),
        (JETZT, "0"): Sozialdaten(700, 300, 50, 20),
        (VORHER, "11"): Sozialdaten(58, 20, 5, 1),
    }
    s = Statistik(raeume_, bev, sozial)
    quartiere = [_quartier("q", ("11", "12")), _quartier("r", ("11", "13"))]
    # Bands up to 47 years wide still give a Durchschnittsalter here (default: 10).
    konfig = KennzahlEinstellungen(
        altenquotient="destatis", geheimhaltung_unter=5, durchschnittsalter_hoechste_breite=50
    )
    return s, quartiere, Auswertung(s, quartiere, konfig)


def test_hand_gerechnet(klein) -> None:  # type: ignore[no-untyped-def]
    s, _, a = klein

    def w(raum: str, kennzahl: str, tag: dt.date = JETZT):  # type: ignore[no-untyped-def]
        return a.wert(raum, tag, kennzahl)

    # Unterbezirk 11: P = 22 + 78 + 18 + 3 = 121, 65+ = 21, 80+ = 3 (< 5: withheld)
    assert w("11", "einwohner") == 121.0
    assert w("11", "anteil_u18") == 22 / 121 * 100
    assert w("11", "anteil_65") == 21 / 121 * 100
    assert w("11", "anteil_80") is GEHEIM
    assert w("11", "hochaltrigenquote") is GEHEIM
    assert w("11", "frauenanteil_80") is GEHEIM
    assert w("11", "altenquotient") is NA  # bands start at 18, Destatis needs 20
    assert w("11", "durchschnittsalter") == (0.0 + 9.0 * 22 + 41.5 * 78 + 72.5 * 18 + 85 * 3) / 121
    assert w("11", "entwicklung") == (121 - 108) / 108 * 100  # 29.02.2016 against 28.02.2011
    assert w("11", "entwicklung", VORHER) is NA  # nothing five years earlier
    assert w("11", "haushalte") == 60.0
    assert w("11", "einpersonenhaushalte") == 0.0  # zero is published
    assert w("11", "allein_65") is GEHEIM  # 4 < 5
    assert w("11", "grundsicherung_65") == 0.0
    assert w("11", "einpersonenhaushalte", VORHER) == 20 / 58 * 100

    # Unterbezirk 12: an unknown count among the 18–64 men
    for k in ("einwohner", "anteil_u18", "anteil_65", "durchschnittsalter", "entwicklung"):
        assert w("12", k) is NA, k
    assert w("12", "hochaltrigenquote") == 0 / 9 * 100  # 80+ = 0 is no secret
    assert w("12", "frauenanteil_80") is NA  # zero denominator
    assert w("12", "haushalte") == 0.0
    assert w("12", "einpersonenhaushalte") is NA  # 0 / 0
    assert w("12", "allein_65") is NA  # unknown count
    assert w("12", "grundsicherung_65") is GEHEIM

    # Stadtbezirk 1: bands 0–20, 20–65, 65+ do not give 18 or 80
    assert w("1", "anteil_u18") is NA
    assert w("1", "anteil_80") is NA
    assert w("1", "altenquotient") == 70 / 115 * 100
    assert w("1", "anteil_65") == 70 / 230 * 100
    # open band from 65: its mid-point would be a guess
    assert w("1", "durchschnittsalter") is NA
    for k in ("haushalte", "einpersonenhaushalte", "allein_65", "grundsicherung_65"):
        assert w("1", k) is NA, k  # no social data

    # Quarter q = 11 + 12: the unknown count stays unknown in the sum
    q, r = (a.quartiere[k] for k in ("q", "r"))
    assert w(q, "einwohner") is NA
    assert w(q, "hochaltrigenquote") is GEHEIM  # 80+ = 3 < 5
    assert w(q, "anteil_80") is NA
    assert w(q, "haushalte") == 60.0
    assert w(q, "allein_65") is NA
    assert w(q, "grundsicherung_65") is GEHEIM  # 0 + 1 < 5
    assert w(q, "einpersonenhaushalte") == 0 / 60 * 100
    assert w(q, "altenquotient") is NA
    assert w(q, "einwohner", VORHER) == 108.0 + 60
    assert w(q, "haushalte", VORHER) is NA  # 12 has no social data in 2011
    # Quarter r = 11 + 13 (13 without sex): totals only, women unknown
    assert w(r, "einwohner") == 121.0 + 47
    assert w(r, "frauenanteil_80") is NA
    assert w(r, "entwicklung") is NA  # 13 has no figures for 2011
    assert a.verteilung(r, JETZT) == s.bevoelkerung[(JETZT, "11")] + s.bevoelkerung[(JETZT, "13")]
    assert a.verteilung(q, JETZT).maennlich == (15, None, 12, 1)
    assert a.verteilung("13", JETZT) == s.bevoelkerung[(JETZT, "13")]


def test_klein_gleich_referenz(klein) -> None:  # type: ignore[no-untyped-def]
    s, quartiere, a = klein
    tage = Stichtage(JETZT, VORHER)
    for q in quartiere:
        (demo, sozial), _ = _referenz(s, q, tage, a.konfig)
        assert a.profil_kennzahlen(q, tage) == (demo, sozial)


def test_tabelle_klein(klein) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    _, _, a = klein
    t = a.tabelle
    q = t[(t["raum"] == "q") & (t["stichtag"] == JETZT) & (t["merkmal"] == "bevoelkerung")]
    assert list(q["geschlecht"]) == ["m", "w"] * 4
    assert q["wert"].tolist()[2] is pd.NA  # 18–64 men: unknown in 12
    assert q["wert"].tolist()[3] == 58
    assert q["bis"].tolist()[-1] is pd.NA  # open band
    r = t[(t["raum"] == "r") & (t["stichtag"] == JETZT)]
    assert set(r["geschlecht"]) == {"m", "w", "gesamt"}
    assert r.loc[r["geschlecht"] == "gesamt", "wert"].tolist() == [29, 108, 24, 7]
    sozial = t[(t["raum"] == "q") & (t["merkmal"] == "allein_lebende_65")]
    assert sozial["wert"].tolist()[0] is pd.NA
    assert set(sozial["stichtag"]) == {JETZT}
    assert set(t.loc[t["raum"] == "q", "ebene"]) == {"quartier"}


def test_fehlender_raum_am_stichtag(klein) -> None:  # type: ignore[no-untyped-def]
    from qprofil.fehler import EingabeFehler

    _, _, a = klein
    with pytest.raises(EingabeFehler, match="Für Raum 13 fehlen Bevölkerungszahlen"):
        a.profil_kennzahlen(a.quartiere["r"], Stichtage(VORHER, None))
    with pytest.raises(KeyError):
        a.verteilung("13", VORHER)


def test_jahre_vorher() -> None:
    assert jahre_vorher(dt.date(2016, 2, 29)) == dt.date(2011, 2, 28)
    assert jahre_vorher(dt.date(2016, 12, 31)) == dt.date(2011, 12, 31)


# --- pandas stays out of the CLI's start-up -------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "import qprofil.cli",
        "from qprofil.cli import main\nsys.argv = ['qprofil', '--help']\ntry:\n    main()\n"
        "except SystemExit:\n    pass",
        "from qprofil.cli import main\nsys.argv = ['qprofil', 'list']\ntry:\n    main()\n"
        "except SystemExit:\n    pass",
    ],
    ids=["import", "help", "list"],
)
def test_pandas_nicht_beim_start(code: str) -> None:
    programm = f"import sys\n{code}\nprint('pandas' in sys.modules, file=sys.stderr)"
    ergebnis = subprocess.run(
        [sys.executable, "-c", programm], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert ergebnis.stderr.strip().splitlines()[-1] == "False"
