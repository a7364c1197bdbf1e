"""Each reader on small real files (xlsx written with openpyxl, CSV in cp1252)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from projektbau import mini_projekt

from qprofil.einlesen.befragung import befragung_lesen
from qprofil.einlesen.listen import fotoliste_lesen, massnahmen_lesen, planauszuege_lesen
from qprofil.einlesen.quartiere import quartiere_lesen
from qprofil.einlesen.statistik import altersband_lesen, statistik_lesen
from qprofil.fehler import Befunde, EingabeFehler
from qprofil.modell import Altersband
from qprofil.projekt import BevoelkerungsQuelle, SozialQuelle


@pytest.fixture(scope="module")
def projekt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_projekt(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="module")
def quartiere(projekt: Path):
    return quartiere_lesen(projekt / "daten/quartiere.xlsx", Befunde())


def test_quartiere(quartiere):
    q = quartiere["testdorf"]
    assert q.name == "Testdorf"
    assert q.unterbezirke == ("0911",)
    assert q.stadtbezirk_nr == "09"
    assert q.flaeche_ha == Decimal("123.4")
    assert q.seniorenbuero.traeger == "Stadt & AWO"


def test_statistik_liest_csv_mit_tausenderpunkt_und_strich(projekt: Path):
    befunde = Befunde()
    s = statistik_lesen(BevoelkerungsQuelle(), SozialQuelle(), befunde, wurzel=projekt)
    assert s.stichtage == (dt.date(2011, 12, 31), dt.date(2016, 12, 31))
    stadt = s.bevoelkerung[(dt.date(2016, 12, 31), "0")]
    # city 0–15 male: 6·100 + 5·200 = 1.600 (written "1.600" in the file)
    assert stadt.maennlich[0] == 1600
    assert s.raeume["0911"].ebene == "Unterbezirk"
    # Raum-Nr 0912 was stored as the number 912 in the xlsx: restored, with a hint
    assert s.sozialdaten[(dt.date(2016, 12, 31), "0912")].haushalte == 900
    hinweise = [b for b in befunde.liste if b.schwere == "Hinweis"]
    assert any("0912" in b.meldung and b.ort.zeile == 7 for b in hinweise)
    assert not befunde.fehlerhaft


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("80 bis unter 85", Altersband(80, 85)),
        ("90 und älter", Altersband(90, None)),
        ("75 und älter", Altersband(75, None)),
        ("65-<75", Altersband(65, 75)),
        ("00-<03", Altersband(0, 3)),
        ("65-75", Altersband(65, 75)),
        ("unter 3", Altersband(0, 3)),
    ],
)
def test_altersband_lesen(text, band):
    assert altersband_lesen(text) == band


def test_befragung_text_bleibt_intakt(projekt: Path, quartiere):
    b = befragung_lesen(
        projekt / "daten/befragung/seniorenbuero_testbezirk.xlsx", quartiere, Befunde()
    )
    assert b.quartier == "testdorf"
    assert b.datum == dt.date(2017, 3, 15)
    assert [e.handlungsfeld for e in b.inventar] == [1, 2, 3]
    baecker = b.inventar[0]
    assert baecker.einrichtung == "Bäckerei Kräuter & Söhne"
    assert baecker.barrierefrei == "ja"
    assert baecker.bemerkung == "Stufe am Eingang"
    assert b.inventar[1].anzahl == 1  # empty = 1
    assert (
        b.einschaetzung(3).staerken[0] == "Treffpunkt „Café Kränzchen“ – Kaffee & Kuchen für Ältere"
    )
    assert b.einschaetzung(2).defizite == ("Kein Facharzt", "Lange Wartezeiten")
    assert b.einschaetzung(1).staerken == ("Kurze Wege zum Bäcker", "Grünflächen")


def test_planauszuege(projekt: Path, quartiere):
    p = planauszuege_lesen(projekt / "daten/planauszuege.xlsx", quartiere, Befunde())
    assert [a.quartier for a in p] == ["testdorf", None]
    assert p[0].fundstelle == "Kap. 4.2, S. 37"


def test_massnahmen(projekt: Path, quartiere):
    m = massnahmen_lesen(projekt / "daten/massnahmen.xlsx", quartiere, Befunde())
    assert [x.kosten for x in m] == [Decimal(12500), Decimal(5000), None]
    assert [x.handlungsfeld for x in m] == [3, 1, 2]
    assert m[1].quartier == "testdorf"  # given by name


def test_fotoliste(projekt: Path):
    fotos = fotoliste_lesen(projekt / "daten/begehungen/testdorf", Befunde())
    assert [f.datei.name for f in fotos] == ["IMG_0001.jpg", "IMG_0002.jpg"]
    assert fotos[1].datum == dt.date(2017, 4, 12)
    assert fotos[0].bildunterschrift == "Rampe & Geländer an der Haltestelle"


def test_fehler_nennt_datei_blatt_zeile_spalte(tmp_path: Path, quartiere):
    import openpyxl

    mappe = openpyxl.Workbook()
    ws = mappe.active
    ws.title = "Maßnahmen"
    ws.append(
        [
            "Nr",
            "Quartier",
            "Handlungsfeld",
            "Maßnahme",
            "Zuständigkeit",
            "Priorität",
            "Kosten (EUR)",
            "Status",
        ]
    )
    ws.append([1, "testdorf", 1, "Bänke", "Tiefbauamt", "hoch", "zwölftausend", "Idee"])
    mappe.save(tmp_path / "m.xlsx")
    befunde = Befunde()
    assert massnahmen_lesen(tmp_path / "m.xlsx", quartiere, befunde) == ()
    (fehler,) = befunde.fehler_liste()
    assert (fehler.ort.blatt, fehler.ort.zeile, fehler.ort.spalte) == (
        "Maßnahmen",
        2,
        "Kosten (EUR)",
    )
    assert "zwölftausend" in fehler.meldung and "keine Zahl" in fehler.meldung


def test_fehlende_spalte(tmp_path: Path, quartiere):
    import openpyxl

    mappe = openpyxl.Workbook()
    mappe.active.title = "Auszüge"
    mappe.active.append(["Plan", "Fundstelle", "Datum", "Quartier", "Handlungsfeld", "Text"])
    mappe.save(tmp_path / "p.xlsx")
    with pytest.raises(EingabeFehler, match="„Auszug“"):
        planauszuege_lesen(tmp_path / "p.xlsx", quartiere, Befunde())


def test_breites_format_mit_zwei_kopfzeilen(tmp_path: Path):
    """Wide layout as in Excel publications: „männlich“/„weiblich“ merged over the age bands."""
    import openpyxl

    from qprofil.projekt import BevoelkerungsSpalten

    mappe = openpyxl.Workbook()
    ws = mappe.active
    ws.title = "Bevölkerung"
    ws.append(["Bevölkerung am 31.12.2016 nach Altersgruppen (Testdaten)"])
    ws.append([])
    ws.append(["Raum", "Name", "männlich", None, None, "weiblich", None, None])
    ws.append([None, None, *["0 bis unter 18", "18 bis unter 65", "65 und älter"] * 2])
    ws.merge_cells("C3:E3")
    ws.merge_cells("F3:H3")
    ws.append(["0", "Stadt", "1 200", "3.400", "700", "1 100", "3.300", "1.000"])
    ws.append([911, "Teil", 10, 40, "-", 12, 38, 5])  # leading zero lost, '-' = 0
    ws.append(["Quelle: Testdaten"])
    mappe.save(tmp_path / "breit.xlsx")
    quelle = BevoelkerungsQuelle(
        datei=Path("breit.xlsx"),
        format="breit",
        kopfzeilen=2,
        spalten=BevoelkerungsSpalten(stichtag="", raum="Raum", raumname="Name", raumebene=""),
        raumebenen={"Stadt": "0000", "Unterbezirk": "09\\d\\d"},
        raum_stellen=4,
        stichtag_fest=dt.date(2016, 12, 31),
    )
    befunde = Befunde()
    s = statistik_lesen(quelle, None, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    stadt = s.bevoelkerung[(dt.date(2016, 12, 31), "0000")]
    assert stadt.baender == (Altersband(0, 18), Altersband(18, 65), Altersband(65, None))
    assert stadt.maennlich == (1200, 3400, 700)
    assert stadt.weiblich == (1100, 3300, 1000)
    teil = s.bevoelkerung[(dt.date(2016, 12, 31), "0911")]
    assert teil.maennlich == (10, 40, 0)
    assert s.raeume["0911"].ebene == "Unterbezirk"
