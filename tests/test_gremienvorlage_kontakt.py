"""Committee drafts name a real contact from qprofil.toml and their Anlagen by title."""

from __future__ import annotations

from pathlib import Path

GREMIEN = """
[[gremium]]
kuerzel = "bv-test"
name = "Bezirksvertretung Testbezirk"
art = "bezirksvertretung"
stadtbezirk_nr = "09"

[[gremium]]
kuerzel = "rat"
name = "Rat der Stadt"
art = "rat"
"""


def _mit_gremien(mini: Path, gremienvorlage: str) -> Path:
    toml = mini / "qprofil.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + gremienvorlage + GREMIEN, encoding="utf-8")
    return mini


def test_fehlende_ansprechperson_meldet_check_und_committee(mini: Path, qprofil):
    _mit_gremien(mini, '\n[gremienvorlage]\namt = "Sozialamt"\ntelefon = "0123 456"\n')

    check = qprofil("check", cwd=mini)
    assert check.rc != 0
    text = check.out + check.err
    assert "qprofil.toml" in text and "[gremienvorlage]" in text and "„bearbeitung“" in text
    assert "„telefon“" not in text  # the phone number is there

    committee = qprofil("committee", "testdorf", cwd=mini)
    assert committee.rc != 0
    assert "„bearbeitung“" in committee.out + committee.err
    assert not (mini / "berichte" / "gremienvorlage_mitteilung_testdorf.docx").exists()


def test_ohne_gremien_braucht_check_keine_ansprechperson(mini: Path, qprofil):
    check = qprofil("check", cwd=mini)
    assert "bearbeitung" not in check.out + check.err


def test_ansprechperson_und_anlagentitel_in_der_vorlage(mini: Path, qprofil):
    from docx_lesen import absaetze

    _mit_gremien(
        mini,
        '\n[gremienvorlage]\nbearbeitung = "Frau Kühn"\ntelefon = "0123 456-78"\n',
    )
    aufruf = qprofil("committee", "testdorf", cwd=mini)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    texte = absaetze(mini / "berichte" / "gremienvorlage_mitteilung_testdorf.docx")
    assert any("Frau Kühn" in t for t in texte)
    assert any("0123 456-78" in t for t in texte)
    assert not any("Beispiel" in t for t in texte)
    assert "Anlage 1: Quartiersprofil Testdorf" in texte
    assert not any(".docx" in t for t in texte)
