"""qprofil kennzahlen: the indicator workbook and its CSV.

Every workbook cell of the quarter, its Stadtbezirk and the city is compared with the built
profile; values are checked against hand computation (tests/projektbau.py) and, for Köln,
against the raw CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx_lesen import tabellen as alle_tabellen
from projektbau import M2, W2, M, W

from qprofil import zahlen

REPO = Path(__file__).resolve().parents[1]
KOELN = REPO / "examples" / "koeln"
STICHTAG = dt.datetime(2016, 12, 31)


def _zeilen(ws) -> dict[tuple[str, dt.datetime], dict[str, object]]:  # type: ignore[no-untyped-def]
    """A wide sheet as {(Raum-Nr., Stichtag): {header: value}}."""
    kopf = [c.value for c in ws[1]]
    return {
        (str(z[0]), z[2]): dict(zip(kopf, z, strict=True))
        for z in ws.iter_rows(min_row=2, values_only=True)
    }


def _text(wert: object, titel: str, stellen: int) -> str:
    """A workbook value as the profile prints it."""
    if isinstance(wert, str):
        return wert
    assert isinstance(wert, int | float), (titel, wert)
    if titel.endswith("(%)"):
        return zahlen.prozent(wert, stellen)
    return zahlen.zahl(wert, stellen)


@pytest.fixture
def mappe_und_profil(mini: Path, qprofil) -> tuple[openpyxl.Workbook, Path]:  # type: ignore[no-untyped-def]
    aufruf = qprofil("kennzahlen", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    assert "berichte/kennzahlen.xlsx" in aufruf.out
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    wb = openpyxl.load_workbook(mini / "berichte" / "kennzahlen.xlsx")
    return wb, mini / "berichte" / "quartiersprofil_testdorf.docx"


def test_jede_zelle_wie_im_profil(mappe_und_profil) -> None:  # type: ignore[no-untyped-def]
    wb, profil = mappe_und_profil
    assert wb.sheetnames == [
        "Quartiere",
        "Stadt",
        "Stadtbezirke",
        "Unterbezirke",
        "Alle Werte",
        "Definitionen",
    ]
    stellen = {
        z[0]: 0 if z[2] == "Anzahl" else 1
        for z in wb["Definitionen"].iter_rows(min_row=2, max_col=3, values_only=True)
        if z[1]
    }
    tabellen = [t for t in alle_tabellen(profil) if t and t[0][0] == "Kennzahl"]
    assert len(tabellen) == 2
    profil_zeilen = {z[0]: z for t in tabellen for z in t[1:]}
    quellen = [
        ("Quartiere", "testdorf", 1),
        ("Stadtbezirke", "09", 2),
        ("Stadt", "0", 3),
    ]
    verglichen = 0
    for blatt, raum, spalte in quellen:
        zeile = _zeilen(wb[blatt])[(raum, STICHTAG)]
        for name, n in stellen.items():
            titel = next(t for t in zeile if t.startswith(name + " ("))
            im_profil = next(v for k, v in profil_zeilen.items() if k.startswith(name))
            assert _text(zeile[titel], titel, n) == im_profil[spalte], (blatt, name)
            verglichen += 1
    assert verglichen == 3 * 13


def test_werte_von_hand_gerechnet(mappe_und_profil) -> None:  # type: ignore[no-untyped-def]
    wb, _ = mappe_und_profil
    q = _zeilen(wb["Quartiere"])[("testdorf", STICHTAG)]
    p = sum(M) + sum(W)
    assert p == 1150
    assert q["Einwohnerinnen und Einwohner (Anzahl)"] == 1150
    assert q["Anteil 65 Jahre und älter (%)"] == pytest.approx((60 + 20 + 80 + 40) / 1150 * 100)
    assert q["Anteil 80 Jahre und älter (Hochbetagte) (%)"] == pytest.approx(60 / 1150 * 100)
    assert q["Frauenanteil 80 Jahre und älter (%)"] == pytest.approx(40 / 60 * 100)
    assert q["Anteil Einpersonenhaushalte (%)"] == pytest.approx(230 / 500 * 100)
    assert q["Grundsicherung im Alter (65+) (%)"] == pytest.approx(10 / 200 * 100)
    # Altenquotient (destatis): P(65+) / P(20–64)
    assert q["Altenquotient (je 100)"] == pytest.approx(200 / (300 + 40 + 310 + 45) * 100)
    # Entwicklung against 2011 (P = 1040)
    assert q["Entwicklung in 5 Jahren (%)"] == pytest.approx((1150 - 1040) / 1040 * 100)
    # Every area of the statistics, not only the configured quarter: both Unterbezirke, ranked.
    ub = _zeilen(wb["Unterbezirke"])
    p2 = sum(M2) + sum(W2)
    assert ub[("0912", STICHTAG)]["Einwohnerinnen und Einwohner (Anzahl)"] == p2
    assert ub[("0912", STICHTAG)]["Rang Einwohnerinnen und Einwohner"] == 1
    assert ub[("0911", STICHTAG)]["Rang Einwohnerinnen und Einwohner"] == 2
    a65_0911 = 200 / 1150
    a65_0912 = (80 + 20 + 100 + 30) / p2
    assert a65_0911 > a65_0912
    assert ub[("0911", STICHTAG)]["Rang Anteil 65 Jahre und älter"] == 1
    # The 2011 Stichtag is in the workbook as well; social data exist only for 2016.
    alt = _zeilen(wb["Quartiere"])[("testdorf", dt.datetime(2011, 12, 31))]
    assert alt["Einwohnerinnen und Einwohner (Anzahl)"] == 1040
    assert alt["Haushalte (Anzahl)"] == "nicht verfügbar"


def test_zahlen_formate_filter_und_kopf(mappe_und_profil) -> None:  # type: ignore[no-untyped-def]
    wb, _ = mappe_und_profil
    ws = wb["Quartiere"]
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref == ws.dimensions
    assert ws.column_dimensions["B"].width >= 20
    kopf = [c.value for c in ws[1]]
    zeile = next(r for r in ws.iter_rows(min_row=2) if r[2].value == STICHTAG)
    zellen = dict(zip(kopf, zeile, strict=True))
    einwohner = zellen["Einwohnerinnen und Einwohner (Anzahl)"]
    assert einwohner.data_type == "n" and einwohner.number_format == "#,##0"
    anteil = zellen["Anteil 65 Jahre und älter (%)"]
    assert anteil.data_type == "n" and anteil.number_format == "#,##0.0"
    assert zellen["Stichtag"].is_date and zellen["Stichtag"].number_format == "DD.MM.YYYY"
    lang = wb["Alle Werte"]
    assert [c.value for c in lang[1]] == [
        "Raum-Nr.",
        "Raum",
        "Ebene",
        "Stichtag",
        "Kennzahl",
        "Wert",
        "Einheit",
        "Rang",
        "Hinweis",
    ]
    assert lang.freeze_panes == "C2" and lang.auto_filter.ref == lang.dimensions
    # 4 areas of the statistics + 1 quarter, 2 Stichtage, 13 indicators
    assert lang.max_row == 1 + 5 * 2 * 13
    d = {z[1]: z for z in wb["Definitionen"].iter_rows(min_row=2, values_only=True) if z[1]}
    assert "untere Grenze 20 Jahre (Statistisches Bundesamt)" in d["altenquotient"][5]
    assert "P(65+) / P(20–64)" in d["altenquotient"][3]


def test_geheimhaltung_mit_grund(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    toml = mini / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + "geheimhaltung_unter = 11\n", encoding="utf-8"
    )
    aufruf = qprofil("kennzahlen", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    wb = openpyxl.load_workbook(mini / "berichte" / "kennzahlen.xlsx")
    ws = wb["Quartiere"]
    kopf = [c.value for c in ws[1]]
    zeile = next(r for r in ws.iter_rows(min_row=2) if r[2].value == STICHTAG)
    # Grundsicherung 65+ of testdorf: 10 persons, below 11: withheld, with the reason.
    zelle = dict(zip(kopf, zeile, strict=True))["Grundsicherung im Alter (65+) (%)"]
    assert zelle.value == "."
    assert "geheim gehalten" in zelle.comment.text and "unter 11" in zelle.comment.text
    lang = [r for r in wb["Alle Werte"].iter_rows(min_row=2, values_only=True)]
    (treffer,) = [
        r
        for r in lang
        if r[0] == "testdorf" and r[3] == STICHTAG and r[4] == "Grundsicherung im Alter (65+)"
    ]
    assert treffer[5] == "." and treffer[7] is None and "unter 11" in treffer[8]


def test_csv_deutsch(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("kennzahlen", "--format", "csv", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    roh = (mini / "berichte" / "kennzahlen.csv").read_bytes()
    assert roh.startswith(b"\xef\xbb\xbf")
    zeilen = list(csv.reader(io.StringIO(roh.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0][:7] == [
        "Raum-Nr.",
        "Raum",
        "Ebene",
        "Stichtag",
        "Kennzahl",
        "Schlüssel",
        "Wert",
    ]
    werte = {(z[0], z[3], z[5]): z for z in zeilen[1:]}
    einwohner = werte[("testdorf", "31.12.2016", "einwohner")]
    assert einwohner[6] == "1150" and einwohner[7] == "Anzahl"
    anteil = werte[("testdorf", "31.12.2016", "anteil_65")]
    assert "," in anteil[6] and "." not in anteil[6]
    assert float(anteil[6].replace(",", ".")) == pytest.approx(200 / 1150 * 100)


def test_gleiche_zahlen_gleiche_datei(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    assert qprofil("kennzahlen", cwd=mini).rc == 0
    vorher = (mini / "berichte" / "kennzahlen.xlsx").read_bytes()
    zweiter = qprofil("kennzahlen", cwd=mini)
    assert zweiter.rc == 0 and "unverändert" in zweiter.out
    assert (mini / "berichte" / "kennzahlen.xlsx").read_bytes() == vorher
    # An edited workbook is kept; the new one is written beside it.
    (mini / "berichte" / "kennzahlen.xlsx").write_bytes(vorher + b" ")
    dritter = qprofil("kennzahlen", cwd=mini)
    assert dritter.rc == 0 and (mini / "berichte" / "kennzahlen_neu.xlsx").read_bytes() == vorher
    assert (mini / "berichte" / "kennzahlen.xlsx").read_bytes() == vorher + b" "


def test_unbekanntes_format(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    aufruf = qprofil("kennzahlen", "--format", "ods", cwd=mini)
    assert aufruf.rc == 2
    assert "xlsx" in aufruf.err and "csv" in aufruf.err
    assert "Unbekanntes Format „ods“" in " ".join(aufruf.err.split())
    assert not (mini / "berichte" / "kennzahlen.ods").exists()


def test_eine_dokumentart_im_manifest(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """The workbook is the document kind „kennzahlen“ (the whole city), written like every
    document: through the manifest, with the file's hash, in both formats side by side."""
    import hashlib
    import json

    from qprofil.dokumente import ARTEN

    art = ARTEN["kennzahlen"]
    assert art.umfang == "stadt" and art.befehl == "qprofil kennzahlen"
    assert (art.format, art.formate) == ("xlsx", ("csv",))
    assert qprofil("kennzahlen", cwd=mini).rc == 0
    assert qprofil("kennzahlen", "--format", "CSV", cwd=mini).rc == 0
    berichte = mini / "berichte"
    manifest = json.loads((berichte / ".qprofil-manifest.json").read_text(encoding="utf-8"))
    for name in ("kennzahlen.xlsx", "kennzahlen.csv"):
        summe = hashlib.sha256((berichte / name).read_bytes()).hexdigest()
        assert manifest["dateien"][name]["sha256"] == summe, name
    assert openpyxl.load_workbook(berichte / "kennzahlen.xlsx").properties.title == (
        "Kennzahlen aller Räume und Stichtage"
    )


def test_protokoll_umfang_und_formate() -> None:
    """The protocol refuses kinds that mix scopes: a city-wide kind has no quarters, images or
    per-quarter context, and a table format belongs to a city-wide kind only."""
    from qprofil.dokumente import ARTEN, profil
    from qprofil.dokumente.art import Auftrag, Dokumentart
    from qprofil.dokumente.kennzahlen import stadtkontext
    from qprofil.fehler import UnbekannteAuswahl

    with pytest.raises(ValueError, match="genau eines"):
        Dokumentart("x", "", "x.xlsx", kontext=None)
    with pytest.raises(ValueError, match="genau eines"):
        Dokumentart("x", "", "x.xlsx", kontext=profil.kontext, stadtkontext=stadtkontext)
    with pytest.raises(ValueError, match="nur für Arten der ganzen Stadt"):
        Dokumentart("x", "", "x.xlsx", kontext=profil.kontext, format="xlsx")
    with pytest.raises(ValueError, match="keine Quartiere"):
        Dokumentart("x", "", "x.xlsx", kontext=None, stadtkontext=stadtkontext, mehrere=True)
    with pytest.raises(ValueError, match="unbekanntes Format 'ods'"):
        Dokumentart("x", "", "x", kontext=None, stadtkontext=stadtkontext, formate=("ods",))
    umfaenge = {a.name: a.umfang for a in ARTEN.values()}
    assert umfaenge["kennzahlen"] == "stadt" and umfaenge["profil"] == "quartier"
    assert umfaenge["veraenderungen"] == umfaenge["gremienvorlage"] == "quartiere"
    art = ARTEN["kennzahlen"]
    assert art.im_format(None) is art and art.im_format("xlsx") is art
    assert art.im_format("csv").format == "csv"
    assert art.ausgabe_name([], Auftrag({"format": "csv"})) == "kennzahlen.csv"
    with pytest.raises(UnbekannteAuswahl, match="Format"):
        art.im_format("ods")


@pytest.mark.parametrize("auswahl", [["testdorf"], ["--all"]])
def test_build_lehnt_kennzahlen_ab(mini: Path, qprofil, auswahl: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The workbook covers the whole city, not quarters: ``build`` says so and names the
    command, and writes nothing."""
    aufruf = qprofil("build", *auswahl, "--kind", "Kennzahlen", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 2, aufruf.out
    text = " ".join(aufruf.err.split())
    assert "„kennzahlen“ umfasst die ganze Stadt" in text, text
    assert "nicht einzelne Quartiere" in text and "„qprofil kennzahlen“" in text, text
    assert not list(mini.glob("berichte/kennzahlen*"))


def test_build_nennt_befehl_fuer_mehrere_quartiere(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """A kind for several quarters asked of ``build`` names its command, too."""
    aufruf = qprofil("build", "testdorf", "--kind", "veraenderungen", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 2
    text = " ".join(aufruf.err.split())
    assert "mehrere Quartiere in einem Dokument" in text and "„qprofil changes“" in text, text
    # An unknown kind still lists the kinds ``build`` makes (not the workbook).
    aufruf = qprofil("build", "testdorf", "--kind", "kennzahl", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 2
    text = " ".join(aufruf.err.split())
    assert "Unbekannte Dokumentart „kennzahl“" in text and "webseite" in text, text
    assert "Möglich sind: profil" in text and "kennzahlen," not in text, text


def _koeln_roh(raum: str, jahr: str) -> dict[str, int]:
    with (KOELN / "daten" / "bevoelkerung.csv").open(encoding="utf-8") as f:
        return {
            z["zeile"]: int(float(z["zahl"]))
            for z in csv.DictReader(f)
            if z["tabelle"] == "Einwohner nach Alter" and z["raum_id"] == raum and z["jahr"] == jahr
        }


def test_koeln_alle_stadtteile_wie_rohdaten(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(KOELN, tmp_path / "koeln", ignore=shutil.ignore_patterns("berichte"))
    projekt = tmp_path / "koeln"
    toml = projekt / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"../../vorlagen"', f'"{REPO / "vorlagen"}"'),
        encoding="utf-8",
    )
    aufruf = qprofil("kennzahlen", cwd=projekt)
    assert aufruf.rc == 0, aufruf.err
    wb = openpyxl.load_workbook(projekt / "berichte" / "kennzahlen.xlsx")
    stadtteile = _zeilen(wb["Stadtteile"])
    jahre = sorted({tag.year for _, tag in stadtteile})
    assert len(stadtteile) > 80 * len(jahre)  # every Stadtteil, not only the three quarters
    for (raum, tag), zeile in list(stadtteile.items())[:: max(1, len(stadtteile) // 40)]:
        baender = _koeln_roh(raum, str(tag.year))
        p = sum(baender.values())
        assert zeile["Einwohnerinnen und Einwohner (Anzahl)"] == p
        a65 = (baender["65 - < 75"] + baender["75 und älter"]) / p * 100
        assert zeile["Anteil 65 Jahre und älter (%)"] == pytest.approx(a65, rel=1e-12)
        # Köln has no 80+ band: not computable, never estimated.
        assert zeile["Anteil 80 Jahre und älter (Hochbetagte) (%)"] == "nicht verfügbar"
    nippes = _zeilen(wb["Quartiere"])[("nippes", dt.datetime(2012, 12, 31))]
    assert nippes["Einwohnerinnen und Einwohner (Anzahl)"] == sum(
        _koeln_roh("501", "2012").values()
    )

    # Every indicator of every Köln profile (quarter, Stadtbezirk, city) as in the workbook.
    aufruf = qprofil("build", "--all", "--jobs", "1", cwd=projekt)
    assert aufruf.rc == 0, aufruf.err
    stellen = {
        z[0]: 0 if z[2] == "Anzahl" else 1
        for z in wb["Definitionen"].iter_rows(min_row=2, max_col=3, values_only=True)
        if z[1]
    }
    tag = dt.datetime(2012, 12, 31)
    bezirke, stadt = _zeilen(wb["Stadtbezirke"]), _zeilen(wb["Stadt"])[("000", tag)]
    verglichen = 0
    for kuerzel, bezirk in (("nippes", "005"), ("ehrenfeld", "004"), ("chorweiler", "006")):
        profil = projekt / "berichte" / f"quartiersprofil_{kuerzel}.docx"
        zeilen = {
            z[0]: z for t in alle_tabellen(profil) if t and t[0][0] == "Kennzahl" for z in t[1:]
        }
        drei = (_zeilen(wb["Quartiere"])[(kuerzel, tag)], bezirke[(bezirk, tag)], stadt)
        for name, n in stellen.items():
            im_profil = next(v for k, v in zeilen.items() if k.startswith(name))
            for spalte, zeile in enumerate(drei, start=1):
                titel = next(t for t in zeile if t.startswith(name + " ("))
                assert _text(zeile[titel], titel, n) == im_profil[spalte], (kuerzel, name)
                verglichen += 1
    assert verglichen == 3 * 13 * 3


def test_calc_liest_zahlen_als_zahlen(mini: Path, qprofil, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice Calc reads the values as numbers and dates (so they sort and filter as such)."""
    import subprocess
    import zipfile

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) fehlt / not installed")
    aufruf = qprofil("kennzahlen", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    ziel = tmp_path / "ods"
    lauf = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profil'}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(ziel),
            str(mini / "berichte" / "kennzahlen.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    ods = ziel / "kennzahlen.ods"
    assert ods.is_file(), lauf.stderr + lauf.stdout
    inhalt = zipfile.ZipFile(ods).read("content.xml").decode("utf-8")
    quartiere = inhalt.split('table:name="Quartiere"', 1)[1].split("</table:table>", 1)[0]
    # testdorf 2016: 1.150 residents as a float cell, the Stichtag as a date cell.
    assert 'office:value-type="float" office:value="1150"' in quartiere
    assert 'office:value-type="date" office:date-value="2016-12-31' in quartiere
    assert 'office:value="17.391304347826' in quartiere  # 65+: 200 / 1150 × 100, unrounded
