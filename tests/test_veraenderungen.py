"""qprofil changes: the change report between two Stichtage.

Nippes 2007→2012 is checked against values computed independently from the raw Köln CSV; the
small test project (tests/projektbau.py) against hand computation; the Dortmund example runs for
two quarters. Shares change in Prozentpunkte, counts in persons and per cent.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from docx_lesen import absaetze, tabellen
from projektbau import M_2011, W_2011, M, W

from qprofil import zahlen
from qprofil.dokumente.veraenderungen import MINUS

REPO = Path(__file__).resolve().parents[1]
KOELN = REPO / "examples" / "koeln"
NB = zahlen.GESCHUETZT


def _roh(raum: str, jahr: str) -> dict[str, int]:
    """Residents per age band of one Köln area, straight from the CSV."""
    with (KOELN / "daten" / "bevoelkerung.csv").open(encoding="utf-8") as f:
        return {
            z["zeile"]: int(float(z["zahl"]))
            for z in csv.DictReader(f)
            if z["tabelle"] == "Einwohner nach Alter" and z["raum_id"] == raum and z["jahr"] == jahr
        }


def _koeln_kennzahlen(raum: str, jahr: str) -> dict[str, float]:
    b = _roh(raum, jahr)
    p = sum(b.values())
    unter_18 = sum(n for band, n in b.items() if int(band[:2]) < 18)
    ab_65 = b["65 - < 75"] + b["75 und älter"]
    von_18_bis_64 = sum(n for band, n in b.items() if 18 <= int(band[:2]) < 65)
    return {
        "p": p,
        "u18": unter_18 / p * 100,
        "a65": ab_65 / p * 100,
        "aq": ab_65 / von_18_bis_64 * 100,  # Altenquotient, Definition Sozialbericht (18–64)
    }


def _vz(wert: float, stellen: int = 1) -> str:
    text = zahlen.zahl(abs(wert), stellen)
    if not text.strip("0,."):
        return f"±{text}"
    return ("+" if wert > 0 else MINUS) + text


def _tabelle(docx: Path) -> list[list[str]]:
    (t,) = [t for t in tabellen(docx) if t and t[0][0] == "Kennzahl"]
    return t


def _gruppe(t: list[list[str]], name: str) -> list[list[str]]:
    i = next(i for i, z in enumerate(t) if z[0] == name)
    return t[i : i + 3]


@pytest.fixture(scope="module")
def nippes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess
    import sys

    basis = tmp_path_factory.mktemp("koeln")
    shutil.copytree(KOELN, basis / "examples" / "koeln", ignore=shutil.ignore_patterns("berichte"))
    shutil.copytree(REPO / "vorlagen", basis / "vorlagen")
    projekt = basis / "examples" / "koeln"
    aufruf = subprocess.run(
        [sys.executable, "-m", "qprofil", "changes", "nippes", "--from", "2007", "--to", "2012"],
        cwd=projekt,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert aufruf.returncode == 0, aufruf.stderr
    return projekt / "berichte" / "veraenderungen_nippes.docx"


def test_nippes_wie_aus_der_rohdatei(nippes: Path) -> None:
    t = _tabelle(nippes)
    assert t[0][2:4] == ["31.12.2007", "31.12.2012"]
    for raum, zeile_nr in (("501", 0), ("005", 1), ("000", 2)):
        alt, neu = _koeln_kennzahlen(raum, "2007"), _koeln_kennzahlen(raum, "2012")
        einwohner = _gruppe(t, "Einwohnerinnen und Einwohner")[zeile_nr]
        assert einwohner[2:] == [
            zahlen.zahl(alt["p"]),
            zahlen.zahl(neu["p"]),
            f"{_vz(neu['p'] - alt['p'], 0)}{NB}Personen",
            f"{_vz((neu['p'] - alt['p']) / alt['p'] * 100)}{NB}%",
        ]
        for name, schluessel in (
            ("Anteil unter 18 Jahren", "u18"),
            ("Anteil 65 Jahre und älter", "a65"),
        ):
            zeile = _gruppe(t, name)[zeile_nr]
            assert zeile[2:] == [
                zahlen.prozent(alt[schluessel]),
                zahlen.prozent(neu[schluessel]),
                f"{_vz(neu[schluessel] - alt[schluessel])}{NB}Prozentpunkte",
                "–",  # never a relative change of a share
            ], name
        aq = _gruppe(t, "Altenquotient (je 100)")[zeile_nr]
        assert aq[2:] == [
            zahlen.zahl(alt["aq"], 1),
            zahlen.zahl(neu["aq"], 1),
            f"{_vz(neu['aq'] - alt['aq'])}{NB}Punkte",
            "–",
        ]
    assert [z[1] for z in _gruppe(t, "Einwohnerinnen und Einwohner")] == [
        "Nippes",
        "Stadtbezirk Nippes",
        "Stadt Köln",
    ]


def test_nippes_saetze(nippes: Path) -> None:
    text = absaetze(nippes)
    q07, q12 = _koeln_kennzahlen("501", "2007"), _koeln_kennzahlen("501", "2012")
    s07, s12 = _koeln_kennzahlen("000", "2007"), _koeln_kennzahlen("000", "2012")
    # Residents +5.5 % (threshold 2 %): persons and per cent, the city in per cent.
    assert (
        f"Die Zahl der Einwohnerinnen und Einwohner ist von {zahlen.zahl(q07['p'])} auf "
        f"{zahlen.zahl(q12['p'])} gestiegen ({_vz(q12['p'] - q07['p'], 0)}{NB}Personen, "
        f"{_vz((q12['p'] - q07['p']) / q07['p'] * 100)}{NB}%; Stadt: "
        f"{_vz((s12['p'] - s07['p']) / s07['p'] * 100)}{NB}%)."
    ) in text
    # 65+ share down by about one point: Prozentpunkte, the city's change in Prozentpunkte.
    assert (
        f"Der Anteil der Menschen ab 65 Jahren ist von {zahlen.prozent(q07['a65'])} auf "
        f"{zahlen.prozent(q12['a65'])} gesunken (Stadt: {_vz(s12['a65'] - s07['a65'])}{NB}"
        "Prozentpunkte)."
    ) in text
    # Köln has no 80+ band: these indicators are named as not computable, not tabled.
    (ohne,) = [a for a in text if a.startswith("Aus den Quelldaten nicht berechenbar")]
    assert "Anteil 80 Jahre und älter" in ohne and "Hochaltrigenquote" in ohne
    assert not any(z[0].startswith("Hochaltrigenquote") for z in _tabelle(nippes))
    # The chart of the change of the shares, with its caption and source.
    (titel,) = [a for a in text if a.startswith("Abbildung")]
    assert "31.12.2007–31.12.2012" in titel and "Prozentpunkten" in titel


def test_testdorf_von_hand(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("changes", "testdorf", cwd=mini)  # default: the two latest Stichtage
    assert aufruf.rc == 0, aufruf.err
    docx = mini / "berichte" / "veraenderungen_testdorf.docx"
    t = _tabelle(docx)
    assert t[0][2:4] == ["31.12.2011", "31.12.2016"]
    p11, p16 = sum(M_2011) + sum(W_2011), sum(M) + sum(W)
    assert (p11, p16) == (1040, 1150)
    a80_11, a80_16 = (15 + 32) / p11 * 100, 60 / p16 * 100
    stadt11 = (6 * (15 + 32) + 5 * 50) / (6 * 1040 + 5 * 1885) * 100
    stadt16 = (6 * 60 + 5 * 50) / 16325 * 100
    assert _gruppe(t, "Anteil 80 Jahre und älter (Hochbetagte)")[0][2:] == [
        zahlen.prozent(a80_11),
        zahlen.prozent(a80_16),
        f"{_vz(a80_16 - a80_11)}{NB}Prozentpunkte",
        "–",
    ]
    assert (
        f"Der Anteil der Menschen ab 80 Jahren ist von {zahlen.prozent(a80_11)} auf "
        f"{zahlen.prozent(a80_16)} gestiegen (Stadt: {_vz(stadt16 - stadt11)}{NB}Prozentpunkte)."
    ) in absaetze(docx)
    # Social data only for 2016: households not comparable, said so, no invented change.
    haushalte = _gruppe(t, "Haushalte")[0]
    assert haushalte[2:] == ["nicht verfügbar", "500", "nicht verfügbar", "nicht verfügbar"]


def test_schwelle_einstellbar(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    toml = mini / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + "\n[veraenderungen]\nschwelle_prozentpunkte = 5\n",
        encoding="utf-8",
    )
    aufruf = qprofil("changes", "testdorf", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    text = absaetze(mini / "berichte" / "veraenderungen_testdorf.docx")
    assert not any(a.startswith("Der Anteil der Menschen ab 80 Jahren") for a in text)
    assert any("mindestens 5,0 Prozentpunkte" in a for a in text)


@pytest.mark.parametrize(
    ("argumente", "erwartet"),
    [
        (["--from", "2003"], "Den Stichtag 2003 (--from) gibt es"),
        (["--from", "2016", "--to", "2011"], "muss vor --to"),
        (["--from", "31.13.2011"], "Ungültiger Stichtag für --from"),
    ],
)
def test_falsche_stichtage(mini: Path, qprofil, argumente: list[str], erwartet: str) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("changes", "testdorf", *argumente, cwd=mini)
    assert aufruf.rc == 2
    assert erwartet in aufruf.err
    assert not (mini / "berichte" / "veraenderungen_testdorf.docx").exists()


def test_dortmund_zwei_quartiere(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    projekt = tmp_path / "dortmund"
    projekt.mkdir()
    shutil.copy(REPO / "qprofil.toml", projekt)
    shutil.copytree(REPO / "daten", projekt / "daten")
    shutil.copytree(REPO / "vorlagen", projekt / "vorlagen")
    aufruf = qprofil("changes", "menglinghausen", "derne", cwd=projekt)
    assert aufruf.rc == 0, aufruf.err
    docx = projekt / "berichte" / "veraenderungen_menglinghausen_derne.docx"
    text = absaetze(docx)
    assert "Veränderungen vom 31.12.2011 bis 31.12.2016" in text
    assert any(a.startswith("Quartier Menglinghausen") for a in text)
    assert any(a.startswith("Quartier Derne") for a in text)
    assert len([t for t in tabellen(docx) if t and t[0][0] == "Kennzahl"]) == 2
    # Every absolute change of a share is in Prozentpunkte, of a count in persons/households.
    for t in tabellen(docx):
        if not t or t[0][0] != "Kennzahl":
            continue
        name = ""
        for z in t[1:]:
            name = z[0] or name
            if z[4] in ("nicht verfügbar", "."):
                continue
            if name.startswith(("Anteil", "Allein", "Grundsicherung", "Hochaltrigen", "Frauen")):
                assert z[4].endswith("Prozentpunkte") and z[5] == "–", z
            elif name.startswith("Einwohner"):
                assert z[4].endswith("Personen") and z[5].endswith("%"), z
            elif name.startswith("Haushalte"):
                assert z[4].endswith("Haushalte") and z[5].endswith("%"), z


def test_einzeln_je_quartier_ein_dokument(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    projekt = tmp_path / "dortmund"
    projekt.mkdir()
    shutil.copy(REPO / "qprofil.toml", projekt)
    shutil.copytree(REPO / "daten", projekt / "daten")
    shutil.copytree(REPO / "vorlagen", projekt / "vorlagen")
    aufruf = qprofil("changes", "menglinghausen", "derne", "--einzeln", cwd=projekt)
    assert aufruf.rc == 0, aufruf.err
    for kuerzel, name in (("menglinghausen", "Menglinghausen"), ("derne", "Derne")):
        text = absaetze(projekt / "berichte" / f"veraenderungen_{kuerzel}.docx")
        assert [a for a in text if a.startswith("Quartier ")] == [
            next(a for a in text if a.startswith(f"Quartier {name}"))
        ]


def _kennzahl(schluessel: str, einheit: str, stellen: int):  # type: ignore[no-untyped-def]
    from qprofil.auswertung.kennzahlen import Kennzahl

    return Kennzahl(schluessel, schluessel, einheit, stellen, 0.0, 0.0, 0.0, "")


def test_saetze_und_einheiten_je_art_der_kennzahl() -> None:
    from qprofil.auswertung.kennzahlen import Fehlend
    from qprofil.auswertung.quartier import Veraenderung, _aenderung, auffaellig
    from qprofil.dokumente.veraenderungen import absolut_text, relativ_text, satz
    from qprofil.projekt import VeraenderungEinstellungen

    schwellen = VeraenderungEinstellungen()

    def v(k, alt, neu, s_alt, s_neu):  # type: ignore[no-untyped-def]
        q, s = _aenderung(alt, neu, k.einheit), _aenderung(s_alt, s_neu, k.einheit)
        return Veraenderung(k, q, s, s, auffaellig(k, q, schwellen))

    # The example of the issue: a share, the city's change in Prozentpunkte.
    a80 = v(_kennzahl("anteil_80", "%", 1), 7.9, 8.4, 6.1, 6.3)
    assert a80.auffaellig
    assert satz(a80) == (
        f"Der Anteil der Menschen ab 80 Jahren ist von 7,9{NB}% auf 8,4{NB}% gestiegen "
        f"(Stadt: +0,2{NB}Prozentpunkte)."
    )
    assert relativ_text(a80.kennzahl, a80.quartier) == "–"
    # A count: persons and per cent, the city in per cent.
    ew = v(_kennzahl("einwohner", "", 0), 1000.0, 950.0, 20000.0, 20100.0)
    assert satz(ew) == (
        f"Die Zahl der Einwohnerinnen und Einwohner ist von 1.000 auf 950 gesunken "
        f"({MINUS}50{NB}Personen, {MINUS}5,0{NB}%; Stadt: +0,5{NB}%)."
    )
    eins = _aenderung(5.0, 6.0, "")
    assert absolut_text(_kennzahl("einwohner", "", 0), eins) == f"+1{NB}Person"
    # Age in years; below the threshold (0,5 Jahre) no sentence.
    alter = v(_kennzahl("durchschnittsalter", "Jahre", 1), 44.0, 44.4, 43.0, 43.1)
    assert not alter.auffaellig
    assert absolut_text(alter.kennzahl, alter.quartier) == f"+0,4{NB}Jahre"
    # Unchanged or not comparable: never notable, never a sentence.
    assert not v(_kennzahl("einwohner", "", 0), 10.0, 10.0, 1.0, 1.0).auffaellig
    nv = v(_kennzahl("haushalte", "", 0), Fehlend.NICHT_VERFUEGBAR, 500.0, 1.0, 2.0)
    assert not nv.auffaellig
    assert absolut_text(nv.kennzahl, nv.quartier) == "nicht verfügbar"
    geheim = _aenderung(Fehlend.GEHEIM, 5.0, "%")
    assert absolut_text(_kennzahl("grundsicherung_65", "%", 1), geheim) == "."
