"""End to end: another city's project, configured only as docs/konfiguration.md describes.

Wide xlsx export as published (tests/test_fremde_statistik.py), areas by name, own words for
the area levels, no survey, plans, walk, measures or social data, one Stichtag only. The profile
must show the computed values, name none of Dortmund's sources and leave no empty slot.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from docx_lesen import absaetze, tabellen, zeile_mit
from test_fremde_statistik import mappe

REPO = Path(__file__).resolve().parents[1]

TOML = f"""\
[projekt]
titel = "Älter werden in der Hansestadt"
stadt = "Hansestadt"
herausgeber = "Hansestadt, Fachamt Sozialplanung"
stand = 2023-06-30

[eingaben]
quartiere = "daten/quartiere.xlsx"
befragung = ""
planauszuege = ""
begehungen = ""
massnahmen = ""
buergerdialog = ""

[bezeichnungen]
stadtbezirk = "Bezirk"
unterbezirke = "Stadtteile"

[ausgabe]
vorlagen = "{(REPO / "vorlagen").as_posix()}"

[statistik.bevoelkerung]
datei = "daten/stadtteile.xlsx"
quelle = "Statistisches Amt der Hansestadt, Stadtteilprofile"
format = "breit"
blatt = "Stadtteile"
kopfzeilen = 3
stichtag_fest = 2022-12-31
raumebenen_namen = {{ "Hansestadt" = "stadt", "Bergedorf" = "stadtbezirk", "Mitte" = "stadtbezirk" }}

[statistik.bevoelkerung.spalten]
stichtag = ""
raumebene = ""
raum = ""
raumname = "Stadtteil"
insgesamt = "insgesamt"

[statistik.sozialdaten]
datei = ""

[kennzahlen]
altenquotient = "sozialbericht"
altenquotient_quelle = "Sozialbericht der Hansestadt 2022"
"""


def projekt(wurzel: Path) -> Path:
    (wurzel / "daten").mkdir(parents=True)
    (wurzel / "qprofil.toml").write_text(TOML, encoding="utf-8")
    mappe(wurzel / "daten" / "stadtteile.xlsx")
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
            "Kleinstadt",
            "",
            "",
            "Seniorenberatung Ost",
        ]
    )
    b = wb.create_sheet("Seniorenbüros")
    b.append(["Seniorenbüro", "Stadtbezirk-Nr"])
    b.append(["Seniorenberatung Ost", "Bergedorf"])
    wb.save(wurzel / "daten" / "quartiere.xlsx")
    return wurzel


def test_profil_einer_anderen_stadt(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    wurzel = projekt(tmp_path / "hansestadt")
    aufruf = qprofil("build", "bergedorf", "--jobs", "1", cwd=wurzel)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    docx = wurzel / "berichte" / "quartiersprofil_bergedorf.docx"
    alle = tabellen(docx)
    steckbrief = next(t for t in alle if t and t[0][0] == "Merkmal")
    assert zeile_mit(steckbrief, "Bezirk")[1] == "Bergedorf"  # no invented code
    assert zeile_mit(steckbrief, "Stadtteile")[1] == "Bergedorf, Lohbrügge"
    assert zeile_mit(steckbrief, "Siedlungstyp")[1] == "Kleinstadt"
    # No area and no building period given: the rows are left out, not shown empty.
    assert not [z for z in steckbrief if z[0] in ("Fläche", "Bauepoche")]
    kennzahlen = next(t for t in alle if t and t[0][0] == "Kennzahl")
    assert kennzahlen[0][2] == "Bezirk Bergedorf"
    # quarter = Stadtteil Bergedorf (100) + Lohbrügge (200); Bezirk Bergedorf 300; city 1.000
    assert zeile_mit(kennzahlen, "Einwohnerinnen und Einwohner")[1:] == ["300", "300", "1.000"]
    # 65+: (25 + 35) / 300 = 20,0 %; Bezirk 60 / 300; city 200 / 1.000
    assert zeile_mit(kennzahlen, "Anteil 65 Jahre und älter")[1:] == [
        "20,0\u00a0%",
        "20,0\u00a0%",
        "20,0\u00a0%",
    ]
    # Altenquotient 65+ / 18–64, 18–64 = insgesamt − <18 − 65+: 60/190; 200/650 = 30,77
    assert zeile_mit(kennzahlen, "Altenquotient")[1:] == ["31,6", "31,6", "30,8"]
    assert zeile_mit(kennzahlen, "Durchschnittsalter")[1] == "nicht verfügbar"
    text = "\n".join(absaetze(docx) + [z for t in alle for r in t for z in r])
    assert "Dortmund" not in text
    assert "Unterbezirk" not in text
    assert "Stadtbezirk" not in text  # [bezeichnungen] stadtbezirk = "Bezirk"
    assert "Quelle: Statistisches Amt der Hansestadt, Stadtteilprofile, Stichtag 31.12.2022" in text
    assert "Sozialbericht der Hansestadt 2022" in text
    assert "keine Grenze bei 80 Jahren" in text
    # No empty slot of a missing input.
    for leer in ("  ", "()", "„“", " am  ", "zum .", "Stichtag  ", "Vergleichsstichtag ."):
        assert leer not in text, (leer, [z for z in text.splitlines() if leer in z])
    assert not re.search(r"\s[.,;]", text), [
        z for z in text.splitlines() if re.search(r"\s[.,;]", z)
    ]


def test_statistik_vorschau(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """`qprofil statistik` shows what was read and what can be computed, before any build."""
    wurzel = projekt(tmp_path / "hansestadt")
    aufruf = qprofil("statistik", cwd=wurzel)
    assert aufruf.rc == 0, aufruf.err
    zeilen = aufruf.out.splitlines()

    def zeile(merkmal: str) -> str:
        # Outside a terminal the table is plain lines: source, feature, what was read.
        return " ".join(next(z for z in zeilen if merkmal in z).split())

    assert zeile("Stichtage").endswith("Stichtage 31.12.2022")
    assert zeile("Ebene Stadtbezirk").endswith("2: Bergedorf, Mitte")
    assert zeile("Ebene Unterbezirk").endswith("3: Bergedorf, Lohbrügge, St. Pauli")
    assert zeile("Altersgruppen").endswith("0 bis unter 18, 18 bis unter 65, 65 und älter")
    assert zeile("Anteil 65 Jahre").endswith("Anteil 65 Jahre und älter ja")
    assert zeile("Altenquotient").endswith("Altenquotient ja")  # sozialbericht: 18–64
    assert zeile("Anteil 80 Jahre").endswith(
        "nicht verfügbar: Die Altersgruppen der Statistik haben keine Grenze bei 80 Jahren "
        "(Grenzen: 0, 18, 65); eine Altersgruppe wird nie geteilt"
    )
    assert zeile("Haushalte").endswith("Haushalte nicht verfügbar: keine Sozialdaten")
    assert not (wurzel / "berichte").exists()  # nothing built


def test_fehlende_stichtag_einstellung_ist_eine_meldung(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    wurzel = projekt(tmp_path / "hansestadt")
    toml = wurzel / "qprofil.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("stichtag_fest = 2022-12-31\n", ""))
    aufruf = qprofil("statistik", cwd=wurzel)
    assert aufruf.rc == 1
    text = aufruf.out + aufruf.err
    assert text.count("keine Stichtag-Spalte") == 1, text
    assert "statistik.bevoelkerung.spalten.stichtag" in text
    assert "statistik.bevoelkerung.stichtag_fest" in text
