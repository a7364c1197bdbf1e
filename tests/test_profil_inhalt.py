"""What a committee reads in a profile: accessibility answers, photo references, sources.

Each test builds the small test project (tests/projektbau.py), sometimes with an extra input
row, and reads the generated .docx.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from docx_lesen import absaetze, tabellen
from projektbau import foto

PROFIL = "berichte/quartiersprofil_testdorf.docx"
BEFRAGUNG = "daten/befragung/seniorenbuero_testbezirk.xlsx"


def _bauen(mini: Path, qprofil) -> Path:
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    return mini / PROFIL


def _inventar_zeilen(docx: Path) -> dict[str, list[str]]:
    """Every row of the infrastructure tables, keyed by the facility (first cell)."""
    zeilen = {}
    for t in tabellen(docx):
        if t and any("barrierefrei" in z.casefold() for z in t[0]):
            spalte = next(i for i, z in enumerate(t[0]) if "barrierefrei" in z.casefold())
            for z in t[1:]:
                zeilen[z[0]] = [z[spalte], *z]
    return zeilen


def test_barrierefreiheit_vier_antworten_und_strich_bei_anzahl_null(mini: Path, qprofil):
    mappe = openpyxl.load_workbook(mini / BEFRAGUNG)
    blatt = mappe["Infrastruktur"]
    blatt.append(["1", "Wochenmarkt", "Nahversorger", "Dorfplatz", 1, None, None])
    blatt.append(["2", "Sanitätshaus", "Sanitätshaus", "", 0, "nein", "gibt es nicht"])
    blatt.append(["3", "Seniorentreff", "Begegnungsstätte", "Markt 3", 1, "k. A.", None])
    mappe.save(mini / BEFRAGUNG)

    zeilen = _inventar_zeilen(_bauen(mini, qprofil))

    assert zeilen["Bäckerei Kräuter & Söhne"][0] == "ja"
    assert zeilen["Apotheke am Markt"][0] == "nein"
    assert zeilen["Begegnungsstätte"][0] == "teilweise"
    assert zeilen["Wochenmarkt"][0] == "unbekannt"  # empty cell
    assert zeilen["Seniorentreff"][0] == "unbekannt"
    assert zeilen["Sanitätshaus"][0] == "–"  # Anzahl 0: nothing to be accessible
    assert not any("teilweise/unbekannt" in z[0] for z in zeilen.values())


def test_fotoverweis_nennt_nummern():
    from qprofil.dokumente.profil import fotos_verweis

    assert fotos_verweis([]) == ""
    assert fotos_verweis([7]) == "Foto 7"
    assert fotos_verweis([7, 8, 9]) == "Fotos 7–9"
    assert fotos_verweis([2, 5]) == "Fotos 2 und 5"
    assert fotos_verweis([5, 2, 7, 8, 9]) == "Fotos 2, 5 und 7–9"
    assert fotos_verweis([3, 4]) == "Fotos 3 und 4"


def test_fotoverweis_im_profil_zeigt_auf_die_richtigen_fotos(mini: Path, qprofil):
    ordner = mini / "daten/begehungen/testdorf"
    foto(ordner / "IMG_0003.jpg")
    foto(ordner / "IMG_0004.jpg")
    mappe = openpyxl.load_workbook(ordner / "fotoliste.xlsx")
    blatt = mappe["Fotos"]
    blatt.append(["IMG_0003.jpg", "Arztpraxis ohne Aufzug", "Markt", "12.04.2017", 2, ""])
    blatt.append(["IMG_0004.jpg", "Fehlende Bank am Friedhof", "Friedhof", "12.04.2017", 1, ""])
    mappe.save(ordner / "fotoliste.xlsx")

    texte = absaetze(_bauen(mini, qprofil))

    def verweis(hf: int) -> str:
        start = next(i for i, t in enumerate(texte) if t.startswith(f"Handlungsfeld {hf}:"))
        return next(t for t in texte[start:] if "Quartiersbegehung" in t)

    assert verweis(1).endswith("Fotos 1 und 4.")
    assert verweis(2).endswith("Foto 3.")
    assert verweis(3).endswith("Foto 2.")
    # the numbers are those of the captions
    assert "Foto 3: Arztpraxis ohne Aufzug" in texte
    assert "Foto 4: Fehlende Bank am Friedhof" in texte
    assert not any(t.rstrip().endswith("„Quartiersbegehung“: 2") for t in texte)


def test_quellen_nennen_titel_und_datum_statt_dateipfaden(mini: Path, qprofil):
    texte = absaetze(_bauen(mini, qprofil))
    start = max(i for i, t in enumerate(texte) if t == "Quellen und Datenstand")
    ende = next(i for i in range(start, len(texte)) if texte[i] == "Impressum")
    abschnitt = texte[start + 1 : ende]
    assert abschnitt[0].startswith("Dieses Quartiersprofil beruht auf den folgenden Quellen.")
    assert abschnitt[1:] == [
        "Kleinräumige Bevölkerungsstatistik der Stadt Teststadt (Hauptwohnsitz), Stichtag "
        "31.12.2016, zum Vergleich 31.12.2011.",
        "Kleinräumige Sozialdaten der Stadt Teststadt (Haushalte, Grundsicherung im Alter), "
        "Stichtag 31.12.2016.",
        "Schriftliche Befragung der Seniorenbüros, Rückmeldung: Seniorenbüro Testbezirk, "
        "Stand 15.03.2017.",
        "Masterplan Einzelhandel, Stand 01.06.2013.",
        "Masterplan Mobilität 2030, Stand 01.01.2018.",
        "Quartiersbegehung am 12.04.2017, 2 Fotos.",
        f"Maßnahmevorschläge für das Quartier Testdorf ({_massnahmen_anzahl(mini)} Vorschläge).",
    ]
    assert not any("daten/" in t or ".xlsx" in t or ".csv" in t for t in abschnitt)


def _massnahmen_anzahl(mini: Path) -> int:
    blatt = openpyxl.load_workbook(mini / "daten/massnahmen.xlsx").worksheets[0]
    return sum(1 for z in blatt.iter_rows(min_row=2, values_only=True) if z[0])


def test_eingabe_nach_dem_stand_gibt_einen_hinweis(mini: Path, qprofil):
    # Stand 31.03.2017 (tests/projektbau.py); the walkthrough was on 12.04.2017 (rows 2 and 3
    # of the photo list), the survey dates from 15.03.2017, „Masterplan Mobilität 2030“
    # (row 3 of the plans) from 01.01.2018.
    aufruf = qprofil("check", cwd=mini)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    zeilen = [" ".join(z.split()) for z in (aufruf.out + aufruf.err).splitlines()]
    foto = next(z for z in zeilen if "IMG_0001.jpg" in z)
    assert foto.startswith("daten/begehungen/testdorf/fotoliste.xlsx, Blatt „Fotos“, Zeile 2,")
    assert "vom 12.04.2017, also nach dem Stand der Dokumente (31.03.2017)" in foto
    assert "„stand“ unter [projekt] in qprofil.toml" in foto
    plan = next(z for z in zeilen if "Masterplan Mobilität 2030" in z)
    assert plan.startswith("daten/planauszuege.xlsx, Blatt „Auszüge“, Zeile 3, Spalte „Datum“")
    assert "vom 01.01.2018" in plan
    assert not any("Masterplan Einzelhandel" in z for z in zeilen)  # 2013: before the Stand
    assert not any("Die Befragung ist vom" in z for z in zeilen)

    # the same hints on build; with a Stand after every input, none
    bau = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert "nach dem Stand der Dokumente" in bau.out + bau.err
    toml = mini / "qprofil.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("stand = 2017-03-31", "stand = 2018-01-31"),
        encoding="utf-8",
    )
    bau = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert bau.rc == 0
    assert "nach dem Stand der Dokumente" not in bau.out + bau.err


def test_keine_internen_dateipfade_im_profil(mini: Path, qprofil):
    texte = absaetze(_bauen(mini, qprofil))
    befragung = next(t for t in texte if t.startswith("Quelle: schriftliche Befragung"))
    assert "Seniorenbüro Testbezirk" in befragung and "15.03.2017" in befragung
    assert not any("daten/" in t or ".xlsx" in t or ".csv" in t for t in texte)


def test_gleicher_hinweis_aus_mehreren_quartieren_nur_einmal(capsys):
    from qprofil.cli_ausgabe import befunde_zeigen
    from qprofil.fehler import Befund, Ort

    plan = [
        Befund("Hinweis", "Datenstand", Ort("daten/planauszuege.xlsx", "Auszüge", z, "Datum"), m)
        for z, m in ((10, "Der Auszug ist vom 14.06.2017."), (11, "Der Auszug ist vom 15.06.2017."))
    ]
    # four quarters report the same two plan rows
    befunde_zeigen(plan * 4, "Hinweise", hinweise_in_tabelle=False)
    err = capsys.readouterr().err
    assert "Hinweise (2):" in err
    assert "und 1 weiterer gleicher Hinweis (Zeile 11)." in err
