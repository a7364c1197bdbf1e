"""What a committee reads in a profile: accessibility answers, photo references, sources.

Each test builds the small test project (tests/projektbau.py), sometimes with an extra input
row, and reads the generated .docx.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from docx_lesen import tabellen

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
