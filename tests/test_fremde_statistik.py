"""Another city's export as it is: title row, merged header rows, no codes, no level column,
the Stichtag only in the title, coarse age bands with a total column, a Bezirk named like one of
its Stadtteile. Expected values are worked out by hand from the rows below."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from qprofil.einlesen.quartiere import quartiere_lesen, unterbezirke_teilen
from qprofil.einlesen.statistik import altersband_lesen, statistik_lesen
from qprofil.fehler import Befunde, EingabeFehler, ProjektFehler
from qprofil.modell import Altersband, Raum
from qprofil.projekt import BevoelkerungsQuelle, BevoelkerungsSpalten, SozialQuelle, SozialSpalten

TAG = dt.date(2022, 12, 31)

ZEILEN = [
    # Stadtteil, insgesamt, unter 18, 65 und älter
    ("Hansestadt", 1000, 150, 200),
    ("Bergedorf", 300, 50, 60),  # the Bezirk …
    ("Bergedorf", 100, 15, 25),  # … and its Stadtteil of the same name
    ("Lohbrügge", 200, 35, 35),
    ("Mitte", 700, 100, 140),
    ("St. Pauli", 700, 100, 140),
]


def mappe(pfad: Path, zeilen=ZEILEN) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Übersicht"
    wb.create_sheet("Stadtteile")
    ws = wb["Stadtteile"]
    ws.append(["Bevölkerung in den Stadtteilen am 31.12.2022"])
    ws.append([])
    ws.append(["Stadtteil", "Bevölkerung", None, None])
    ws.append([None, "insgesamt", "davon", None])
    ws.append([None, None, "Unter 18-Jährige", "65-Jährige und Ältere"])
    ws.merge_cells("A3:A5")
    ws.merge_cells("B3:D3")
    ws.merge_cells("B4:B5")
    ws.merge_cells("C4:D4")
    for z in zeilen:
        ws.append(list(z))
    ws.append(["Quelle: Statistisches Amt (Testdaten)"])
    wb.save(pfad)
    return pfad


def quelle(**aenderungen) -> BevoelkerungsQuelle:
    werte = dict(
        datei=Path("stadtteile.xlsx"),
        format="breit",
        blatt="Stadtteile",
        kopfzeilen=3,
        spalten=BevoelkerungsSpalten(
            stichtag="", raumebene="", raum="", raumname="Stadtteil", insgesamt="insgesamt"
        ),
        raumebenen_namen={
            "Hansestadt": "stadt",
            "Bergedorf": "stadtbezirk",
            "Mitte": "stadtbezirk",
        },
        stichtag_fest=TAG,
    )
    werte.update(aenderungen)
    return BevoelkerungsQuelle(**werte)


def test_fremder_export_wird_direkt_gelesen(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx")
    befunde = Befunde()
    s = statistik_lesen(quelle(), None, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.raeume["Bergedorf (Stadtbezirk)"] == Raum(
        "Bergedorf (Stadtbezirk)", "Bergedorf", "Stadtbezirk"
    )
    assert s.raeume["Bergedorf"] == Raum("Bergedorf", "Bergedorf", "Unterbezirk")
    assert s.raeume["St. Pauli"].ebene == "Unterbezirk"
    assert s.stadt_nr() == "Hansestadt (Stadt)"
    baender = (Altersband(0, 18), Altersband(18, 65), Altersband(65, None))
    # 18 to under 65 = insgesamt − unter 18 − 65 und älter
    erwartet = {
        "Hansestadt (Stadt)": (150, 1000 - 150 - 200, 200),
        "Bergedorf (Stadtbezirk)": (50, 300 - 50 - 60, 60),
        "Bergedorf": (15, 100 - 15 - 25, 25),
        "Lohbrügge": (35, 130, 35),
        "St. Pauli": (100, 460, 140),
    }
    for nr, werte in erwartet.items():
        v = s.bevoelkerung[(TAG, nr)]
        assert v.baender == baender
        assert v.insgesamt() == werte, nr


def test_summe_passt_nicht_zu_insgesamt(tmp_path: Path) -> None:
    """Without a gap the bands must add up to the total; the message names row and column."""
    mappe(tmp_path / "stadtteile.xlsx", [("Hansestadt", 1000, 150, 200, 600)])
    wb = openpyxl.load_workbook(tmp_path / "stadtteile.xlsx")
    ws = wb["Stadtteile"]
    ws["E5"] = "18- bis 64-Jährige"
    wb.save(tmp_path / "stadtteile.xlsx")
    befunde = Befunde()
    statistik_lesen(quelle(), None, befunde, wurzel=tmp_path)
    meldungen = [b for b in befunde.fehler_liste()]
    assert len(meldungen) == 1, meldungen
    assert "950" in meldungen[0].meldung and "1.000" in meldungen[0].meldung
    assert meldungen[0].ort.zeile == 6 and meldungen[0].ort.spalte == "insgesamt"


def test_insgesamt_kleiner_als_die_gruppen(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx", [("Hansestadt", 300, 150, 200)])
    befunde = Befunde()
    statistik_lesen(quelle(), None, befunde, wurzel=tmp_path)
    assert any("mehr als „insgesamt“" in b.meldung for b in befunde.fehler_liste())


def test_ohne_insgesamt_ist_die_luecke_ein_fehler_mit_hinweis(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx")
    sp = BevoelkerungsSpalten(stichtag="", raumebene="", raum="", raumname="Stadtteil")
    befunde = Befunde()
    statistik_lesen(quelle(spalten=sp), None, befunde, wurzel=tmp_path)
    assert any("nicht lückenlos" in b.meldung for b in befunde.fehler_liste())


def test_falsche_spalte_nennt_den_schluessel(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx")
    sp = BevoelkerungsSpalten(
        stichtag="", raumebene="", raum="", raumname="Stadtteil", insgesamt="Gesamt"
    )
    with pytest.raises(ProjektFehler) as err:
        statistik_lesen(quelle(spalten=sp), None, Befunde(), wurzel=tmp_path)
    assert err.value.ort.spalte == "statistik.bevoelkerung.spalten.insgesamt"
    assert "„Gesamt“" in err.value.meldung
    assert "docs/konfiguration.md" in err.value.hilfe


def test_altersgruppen_aus_der_konfiguration(tmp_path: Path) -> None:
    """Labels qprofil does not know are mapped by config; "" marks a column as no age band."""
    mappe(tmp_path / "stadtteile.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "stadtteile.xlsx")
    ws = wb["Stadtteile"]
    ws["C5"], ws["D5"] = "Kinder und Jugendliche", "Seniorinnen und Senioren"
    wb.save(tmp_path / "stadtteile.xlsx")
    q = quelle(
        altersgruppen={
            "Kinder und Jugendliche": "0 bis unter 18",
            "Seniorinnen und Senioren": "65+",
        }
    )
    befunde = Befunde()
    s = statistik_lesen(q, None, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.bevoelkerung[(TAG, "Lohbrügge")].insgesamt() == (35, 130, 35)
    with pytest.raises(ProjektFehler) as err:
        statistik_lesen(
            quelle(altersgruppen={"Kinder und Jugendliche": "Kinder"}),
            None,
            Befunde(),
            wurzel=tmp_path,
        )
    assert err.value.ort.spalte == "statistik.bevoelkerung.altersgruppen"


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Unter 18-Jährige", Altersband(0, 18)),
        ("unter 6 Jahren", Altersband(0, 6)),
        ("18- bis 64-Jährige", Altersband(18, 65)),
        ("18 bis 64 Jahre", Altersband(18, 65)),
        ("65-Jährige und Ältere", Altersband(65, None)),
        ("65 Jahre und älter", Altersband(65, None)),
        ("80 bis unter 85", Altersband(80, 85)),
    ],
)
def test_altersgruppen_wie_in_veroeffentlichungen(text: str, band: Altersband) -> None:
    assert altersband_lesen(text) == band


def test_sozialdaten_ohne_stichtag_spalte_eine_meldung(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sozialdaten"
    ws.append(["Stadtteil", "Haushalte"])
    for name in ("Lohbrügge", "St. Pauli"):
        ws.append([name, 90])
    wb.save(tmp_path / "sozial.xlsx")
    sp = SozialSpalten(
        stichtag="",
        raum="Stadtteil",
        haushalte="Haushalte",
        einpersonenhaushalte="",
        allein_lebende_65="",
        grundsicherung_65="",
    )
    sozial = SozialQuelle(datei=Path("sozial.xlsx"), spalten=sp)
    with pytest.raises(ProjektFehler) as err:
        statistik_lesen(quelle(), sozial, Befunde(), wurzel=tmp_path)
    assert err.value.ort.spalte == "statistik.sozialdaten.spalten.stichtag"
    assert "statistik.sozialdaten.stichtag_fest" in err.value.hilfe
    # With the fixed Stichtag, areas are matched by name.
    sozial = SozialQuelle(datei=Path("sozial.xlsx"), spalten=sp, stichtag_fest=TAG)
    befunde = Befunde()
    s = statistik_lesen(quelle(), sozial, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.sozialdaten[(TAG, "St. Pauli")].haushalte == 90


def test_namen_mit_leerzeichen_bleiben_ganz() -> None:
    raeume = {
        "St. Pauli": Raum("St. Pauli", "St. Pauli", "Unterbezirk"),
        "0931": Raum("0931", "A", "Unterbezirk"),
    }
    assert unterbezirke_teilen("St. Pauli", raeume) == ["St. Pauli"]
    assert unterbezirke_teilen("St. Pauli; Neustadt", raeume) == ["St. Pauli", "Neustadt"]
    assert unterbezirke_teilen("0931 0932", raeume) == ["0931", "0932"]
    assert unterbezirke_teilen("0931, 0932\n0933", None) == ["0931", "0932", "0933"]


def test_quartier_mit_namen_und_gleichnamigem_bezirk(tmp_path: Path) -> None:
    """quartiere.xlsx names areas; the Bezirk „Bergedorf“ is told apart from the Stadtteil."""
    mappe(tmp_path / "stadtteile.xlsx")
    s = statistik_lesen(quelle(), None, Befunde(), wurzel=tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Quartiere"
    ws.append(
        [
            "Kürzel",
            "Quartier",
            "Stadtbezirk-Nr",
            "Stadtbezirk",
            "Unterbezirke",
            "Siedlungstyp",
            "Bauepoche",
            "Fläche (ha)",
            "Seniorenbüro",
        ]
    )
    ws.append(
        [
            "bergedorf",
            "Bergedorf",
            "Bergedorf",
            "Bergedorf",
            "Bergedorf, Lohbrügge",
            "",
            "",
            "",
            "Büro Ost",
        ]
    )
    ws.append(["pauli", "St. Pauli", "Mitte", "Mitte", "St. Pauli", "", "", "", "Büro Ost"])
    b = wb.create_sheet("Seniorenbüros")
    b.append(["Seniorenbüro", "Stadtbezirk-Nr"])
    b.append(["Büro Ost", "Bergedorf"])
    wb.save(tmp_path / "quartiere.xlsx")
    befunde = Befunde()
    q = quartiere_lesen(tmp_path / "quartiere.xlsx", befunde, raeume=s.raeume)
    assert not befunde.fehlerhaft, befunde.liste
    assert q["bergedorf"].unterbezirke == ("Bergedorf", "Lohbrügge")
    assert q["bergedorf"].stadtbezirk_nr == "Bergedorf (Stadtbezirk)"
    assert q["pauli"].unterbezirke == ("St. Pauli",)
    assert q["pauli"].stadtbezirk_nr == "Mitte (Stadtbezirk)"


def test_unbekannte_altersgruppe_im_langen_format_nennt_den_schluessel(tmp_path: Path) -> None:
    (tmp_path / "lang.csv").write_text(
        "Raum-Nr;Raumebene;Altersgruppe;Einwohner\n0;Stadt;Kinder;5\n0;Stadt;Insgesamt;5\n",
        encoding="utf-8",
    )
    sp = BevoelkerungsSpalten(stichtag="", raumname="", geschlecht="")
    q = BevoelkerungsQuelle(datei=Path("lang.csv"), spalten=sp, stichtag_fest=TAG)
    befunde = Befunde()
    statistik_lesen(q, None, befunde, wurzel=tmp_path)
    fehler = befunde.fehler_liste()
    assert any("„Kinder“" in f.meldung and "altersgruppen" in f.hilfe for f in fehler), fehler
    befunde = Befunde()
    q = BevoelkerungsQuelle(
        datei=Path("lang.csv"),
        spalten=sp,
        stichtag_fest=TAG,
        altersgruppen={"Kinder": "0 und älter", "Insgesamt": ""},
    )
    s = statistik_lesen(q, None, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.bevoelkerung[(TAG, "0")].insgesamt() == (5,)


def test_eingabefehler_ist_kein_projektfehler() -> None:
    assert not issubclass(EingabeFehler, ProjektFehler)


def test_grobe_altersgruppen_in_den_kennzahlen(tmp_path: Path) -> None:
    """Coarse bands: shares that fit are computed, the rest „nicht verfügbar“ with the reason."""
    from qprofil.auswertung.auswertung import Auswertung
    from qprofil.auswertung.kennzahlen import Fehlend
    from qprofil.auswertung.stichtage import Stichtage
    from qprofil.modell import Quartier, Seniorenbuero
    from qprofil.projekt import KennzahlEinstellungen

    mappe(tmp_path / "stadtteile.xlsx")
    s = statistik_lesen(quelle(), None, Befunde(), wurzel=tmp_path)
    buero = Seniorenbuero("Büro Ost", "Bergedorf (Stadtbezirk)")
    q = Quartier(
        "bergedorf",
        "Bergedorf",
        "Bergedorf (Stadtbezirk)",
        "Bergedorf",
        ("Bergedorf", "Lohbrügge"),
        "",
        "",
        None,
        buero,
    )
    konfig = KennzahlEinstellungen(
        altenquotient="sozialbericht", altenquotient_quelle="Sozialbericht Hansestadt 2022"
    )
    a = Auswertung(s, [q], konfig)
    demo, _ = a.profil_kennzahlen(q, Stichtage(TAG, None))
    k = {x.schluessel: x for x in demo}
    # quarter = Stadtteil Bergedorf + Lohbrügge: P = 100 + 200, <18 = 15 + 35, 65+ = 25 + 35
    assert k["einwohner"].quartier == 300
    assert k["anteil_u18"].quartier == pytest.approx(50 / 300 * 100)
    assert k["anteil_65"].quartier == pytest.approx(60 / 300 * 100)
    # Altenquotient 18–64 = P − <18 − 65+ (from the total column): 60 / 190
    assert k["altenquotient"].quartier == pytest.approx(60 / 190 * 100)
    assert k["altenquotient"].stadtbezirk == pytest.approx(60 / 190 * 100)  # 300 − 50 − 60
    assert k["altenquotient"].stadt == pytest.approx(200 / 650 * 100)
    assert "Sozialbericht Hansestadt 2022" in k["altenquotient"].definition
    assert "Dortmund" not in k["altenquotient"].definition
    for schluessel in ("anteil_80", "hochaltrigenquote", "frauenanteil_80", "durchschnittsalter"):
        assert k[schluessel].quartier is Fehlend.NICHT_VERFUEGBAR, schluessel
        assert "Nicht verfügbar:" in k[schluessel].definition, schluessel
    assert "keine Grenze bei 80 Jahren" in k["anteil_80"].definition
    assert "(Grenzen: 0, 18, 65)" in k["anteil_80"].definition
    assert "„18 bis unter 65“" in k["durchschnittsalter"].definition
    assert "Nicht verfügbar" not in k["anteil_65"].definition


def test_filter_im_breiten_format(tmp_path: Path) -> None:
    """Two years in one sheet: `filter` keeps the rows of one (the same option as for long data)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Jahr", "Stadtteil", "insgesamt", "Unter 18-Jährige", "65-Jährige und Ältere"])
    ws.append([2021, "Hansestadt", 900, 140, 190])
    ws.append([2022, "Hansestadt", 1000, 150, 200])
    wb.save(tmp_path / "jahre.xlsx")
    sp = BevoelkerungsSpalten(
        stichtag="", raumebene="", raum="", raumname="Stadtteil", insgesamt="insgesamt"
    )
    q = BevoelkerungsQuelle(
        datei=Path("jahre.xlsx"),
        format="breit",
        spalten=sp,
        raumebenen_namen={"Hansestadt": "stadt"},
        stichtag_fest=TAG,
        filter={"Jahr": "2022"},
    )
    befunde = Befunde()
    s = statistik_lesen(q, None, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.bevoelkerung[(TAG, "Hansestadt (Stadt)")].insgesamt() == (150, 650, 200)
    with pytest.raises(ProjektFehler) as err:
        statistik_lesen(
            q.model_copy(update={"filter": {"Jahrgang": "2022"}}), None, Befunde(), wurzel=tmp_path
        )
    assert err.value.ort.spalte == "statistik.bevoelkerung.filter.Jahrgang"


def test_sozialdaten_mit_filter(tmp_path: Path) -> None:
    mappe(tmp_path / "stadtteile.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sozialdaten"
    ws.append(["Jahr", "Stadtteil", "Haushalte"])
    ws.append([2021, "Lohbrügge", 80])
    ws.append([2022, "Lohbrügge", 90])
    wb.save(tmp_path / "sozial.xlsx")
    sp = SozialSpalten(
        stichtag="",
        raum="Stadtteil",
        haushalte="Haushalte",
        einpersonenhaushalte="",
        allein_lebende_65="",
        grundsicherung_65="",
    )
    sozial = SozialQuelle(
        datei=Path("sozial.xlsx"), spalten=sp, stichtag_fest=TAG, filter={"Jahr": "2022"}
    )
    befunde = Befunde()
    s = statistik_lesen(quelle(), sozial, befunde, wurzel=tmp_path)
    assert not befunde.fehlerhaft, befunde.liste
    assert s.sozialdaten[(TAG, "Lohbrügge")].haushalte == 90
