"""Workbooks are read once: rows kept as JSON in the project's cache, keyed by the file's bytes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from docx_lesen import absaetze

from qprofil.ausgabe.cache import Cache
from qprofil.einlesen import tabelle


def _mappe(
    pfad: Path, werte: list[list[object]], *, blaetter: tuple[str, ...] = ("Daten",)
) -> None:
    mappe = openpyxl.Workbook()
    mappe.remove(mappe.active)
    for name in blaetter:
        ws = mappe.create_sheet(name)
        for zeile in werte:
            ws.append(zeile)
    mappe.save(pfad)


@pytest.fixture(autouse=True)
def _ohne_prozess_merker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without the in-process memory of the last workbooks."""
    monkeypatch.setattr(tabelle, "_ZULETZT", type(tabelle._ZULETZT)())


def _nicht_oeffnen(monkeypatch: pytest.MonkeyPatch) -> None:
    def verboten(*_a: object, **_k: object) -> None:
        raise AssertionError("openpyxl hätte die Mappe nicht öffnen dürfen")

    monkeypatch.setattr(openpyxl, "load_workbook", verboten)


def test_werte_kommen_unveraendert_aus_dem_zwischenspeicher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    werte: list[list[object]] = [
        ["Text", "Zahl", "Bruch", "Wahr", "Datum", "Zeit", "Leer"],
        ["Kräuter & Söhne „Café“", 1234, 2 / 3, True, dt.datetime(2016, 12, 31), dt.time(9, 30), None],
        ["0911", -7, 1e-9, False, dt.datetime(2017, 5, 3, 9, 38, 20), dt.time(0, 0, 1), None],
    ]  # fmt: skip
    quelle = tmp_path / "mappe.xlsx"
    _mappe(quelle, werte, blaetter=("Erstes", "Zweites"))
    speicher = tmp_path / "cache"
    eintraege = speicher / "tabellen"

    leser = tabelle.Leser(cache=Cache(speicher))
    gelesen, blatt = leser.rohzeilen(quelle, blatt="zweites")
    assert blatt == "Zweites"
    (eintrag,) = eintraege.iterdir()
    assert eintrag.suffix == ".json"

    monkeypatch.setattr(tabelle, "_ZULETZT", type(tabelle._ZULETZT)())
    _nicht_oeffnen(monkeypatch)
    leser = tabelle.Leser(cache=Cache(speicher))
    erneut, blatt = leser.rohzeilen(quelle, blatt="Zweites")
    erstes, erstes_blatt = leser.rohzeilen(quelle)
    assert erneut == gelesen
    assert [type(w) for w in erneut[1]] == [type(w) for w in gelesen[1]]
    assert isinstance(erneut[1][2], float) and erneut[1][2] == gelesen[1][2]
    assert (erstes_blatt, erstes) == ("Erstes", gelesen)  # no sheet named: the first one


def test_geaenderte_mappe_wird_neu_gelesen(tmp_path: Path) -> None:
    quelle = tmp_path / "mappe.xlsx"
    speicher = tmp_path / "cache"
    eintraege = speicher / "tabellen"
    _mappe(quelle, [["Kopf"], ["alt"]])
    leser = tabelle.Leser(cache=Cache(speicher))
    assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("alt",)]
    _mappe(quelle, [["Kopf"], ["neu"]])
    assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("neu",)]
    assert len(list(eintraege.iterdir())) == 2


def test_beschaedigter_eintrag_wird_ersetzt(tmp_path: Path) -> None:
    quelle = tmp_path / "mappe.xlsx"
    speicher = tmp_path / "cache"
    eintraege = speicher / "tabellen"
    _mappe(quelle, [["Kopf"], ["Wert"]])
    leser = tabelle.Leser(cache=Cache(speicher))
    leser.rohzeilen(quelle)
    (eintrag,) = eintraege.iterdir()
    for kaputt in (b"{nicht json", b'{"Daten": 1}', b'[["Daten", [[{"unbekannt": 1}]]]]', b""):
        eintrag.write_bytes(kaputt)
        tabelle._ZULETZT.clear()
        leser = tabelle.Leser(cache=Cache(speicher))
        assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("Wert",)]
        assert json.loads(eintrag.read_bytes()) == [["Daten", [["Kopf"], ["Wert"]]]]


def test_ohne_zwischenspeicher_wird_nichts_geschrieben(tmp_path: Path) -> None:
    quelle = tmp_path / "mappe.xlsx"
    _mappe(quelle, [["Kopf"], ["Wert"]])
    vorher = sorted(tmp_path.rglob("*"))
    assert tabelle.OHNE_CACHE.rohzeilen(quelle)[0] == [("Kopf",), ("Wert",)]
    assert sorted(tmp_path.rglob("*")) == vorher


def test_fehler_der_mappe_werden_nicht_gespeichert(tmp_path: Path) -> None:
    quelle = tmp_path / "kaputt.xlsx"
    quelle.write_bytes(b"PK\x03\x04 kein zip")
    speicher = tmp_path / "cache"
    leser = tabelle.Leser(cache=Cache(speicher))
    with pytest.raises(tabelle.EingabeFehler) as info:
        leser.rohzeilen(quelle, anzeige="daten/kaputt.xlsx")
    assert "keine lesbare Excel-Arbeitsmappe" in str(info.value)
    assert not speicher.exists()


def test_erneuter_build_oeffnet_keine_mappe_und_sieht_aenderungen(
    mini: Path, qprofil, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    erster = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert erster.rc == 0, erster.err
    assert any((mini / ".qprofil-cache" / "tabellen").glob("*.json"))

    # Unchanged workbooks: the second build (forced, so it renders) never opens one.
    tabelle._ZULETZT.clear()
    with monkeypatch.context() as m:
        _nicht_oeffnen(m)
        zweiter = qprofil("build", "testdorf", "--jobs", "1", "--force", cwd=mini)
    assert zweiter.rc == 0, zweiter.err

    # A changed survey workbook is read again, and its new text reaches the profile.
    (befragung,) = (mini / "daten" / "befragung").glob("*.xlsx")
    mappe = openpyxl.load_workbook(befragung)
    treffer = [
        zelle
        for ws in mappe.worksheets
        for zeile in ws.iter_rows()
        for zelle in zeile
        if isinstance(zelle.value, str) and "Kräuter" in zelle.value
    ]
    assert treffer, "die Testbefragung nennt die Bäckerei Kräuter & Söhne"
    treffer[0].value = treffer[0].value.replace("Kräuter", "Kümmel")
    mappe.save(befragung)
    dritter = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert dritter.rc == 0, dritter.err
    text = "\n".join(absaetze(mini / "berichte" / "quartiersprofil_testdorf.docx"))
    assert "Bäckerei Kümmel & Söhne" in text and "Kräuter" not in text


def test_gespeichert_wird_was_gehasht_wurde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved anew in Excel while qprofil reads it: the cache never mixes two versions."""
    quelle = tmp_path / "mappe.xlsx"
    speicher = tmp_path / "cache"
    _mappe(quelle, [["Kopf"], ["alt"]])
    laden = openpyxl.load_workbook

    def waehrenddessen_gespeichert(*args: object, **kwargs: object) -> object:
        _mappe(quelle, [["Kopf"], ["neu"]])
        return laden(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(openpyxl, "load_workbook", waehrenddessen_gespeichert)
        leser = tabelle.Leser(cache=Cache(speicher))
        assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("alt",)]
    leser = tabelle.Leser(cache=Cache(speicher))
    assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("neu",)]
    _mappe(quelle, [["Kopf"], ["alt"]])
    assert leser.rohzeilen(quelle)[0] == [("Kopf",), ("alt",)]


def test_emoji_als_excel_maske(tmp_path: Path) -> None:
    """Excel escapes an emoji as two UTF-16 halves; a lone half must not break the cache."""
    quelle = tmp_path / "mappe.xlsx"
    speicher = tmp_path / "cache"
    eintraege = speicher / "tabellen"
    _mappe(quelle, [["Kopf"], ["Grüße _xD83D__xDE00_"], ["halb _xD83D_"]])
    leser = tabelle.Leser(cache=Cache(speicher))
    erstes = leser.rohzeilen(quelle)[0]
    assert erstes[1:] == [("Grüße \U0001f600",), ("halb \ud83d",)]
    tabelle._ZULETZT.clear()
    leser = tabelle.Leser(cache=Cache(speicher))
    assert leser.rohzeilen(quelle)[0] == erstes
    assert len(list(eintraege.iterdir())) == 1


def test_gespeicherte_zeilen_gelten_nur_fuer_dieselben_grenzen(tmp_path: Path) -> None:
    """Rows read under raised limits are not handed to a reader with lower ones."""
    quelle = tmp_path / "mappe.xlsx"
    speicher = tmp_path / "cache"
    _mappe(quelle, [["Kopf"], *([f"Zeile {i}"] for i in range(20))])
    weit = tabelle.Leser(grenzen=tabelle.Grenzen(zeilen=1000), cache=Cache(speicher))
    assert len(weit.rohzeilen(quelle)[0]) == 21
    eng = tabelle.Leser(grenzen=tabelle.Grenzen(zeilen=10), cache=Cache(speicher))
    with pytest.raises(tabelle.EingabeFehler) as info:
        eng.rohzeilen(quelle, anzeige="daten/mappe.xlsx")
    assert "(höchstens 10)" in str(info.value) and "daten/mappe.xlsx" in str(info.value)
    # From the cache of either reader, the same rows as freshly read under the same limits.
    tabelle._ZULETZT.clear()
    assert weit.rohzeilen(quelle)[0] == tabelle.Leser(grenzen=weit.grenzen).rohzeilen(quelle)[0]
