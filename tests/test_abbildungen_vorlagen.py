"""The shipped templates: every figure names its source, and Word is not asked to update fields."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

VORLAGEN = Path(__file__).resolve().parent.parent / "vorlagen"


@pytest.mark.parametrize("datei", sorted(VORLAGEN.glob("*.docx")), ids=lambda p: p.name)
def test_vorlage_fragt_nicht_nach_feldaktualisierung(datei: Path) -> None:
    with zipfile.ZipFile(datei) as archiv:
        assert b"updateFields" not in archiv.read("word/settings.xml")
        assert b'w:dirty="true"' not in archiv.read("word/document.xml")


@pytest.mark.parametrize(
    "name", ["quartiersprofil.docx", "dokumentation.docx", "veraenderungen.docx"]
)
def test_jede_abbildung_hat_eine_quellenangabe(name: str) -> None:
    absaetze = [
        p
        for p in Document(str(VORLAGEN / name)).paragraphs
        if p.style is not None and p.style.name != "Vorlagensteuerung"
    ]
    abbildungen = [i for i, p in enumerate(absaetze) if p.text.startswith("Abbildung")]
    assert abbildungen
    for i in abbildungen:
        folgend = absaetze[i + 1]
        assert folgend.style.name == "Quellenangabe", absaetze[i].text
        assert folgend.text.startswith(("Quelle", "{{ karte.quelle }}")), folgend.text


def test_profil_abbildung_nennt_statistik_und_stichtag(mini: Path, qprofil) -> None:
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    dokument = Document(str(mini / "berichte" / "quartiersprofil_testdorf.docx"))
    texte = [p.text for p in dokument.paragraphs]
    alter = next(i for i, t in enumerate(texte) if t.startswith("Abbildung") and "Alters" in t)
    assert "je Altersjahr" in texte[alter]
    assert texte[alter + 1].startswith("Quelle: kleinräumige Bevölkerungsstatistik")
    assert "Stichtag" in texte[alter + 1]
