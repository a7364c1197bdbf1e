"""End to end: build a profile of the small test project and read the .docx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx_lesen import absaetze, bilder, tabelle_mit, ueberschriften, xml, zeile_mit
from docx_lesen import tabellen as alle_tabellen
from PIL import Image

PROFIL = "berichte/quartiersprofil_testdorf.docx"


@pytest.fixture
def gebaut(mini: Path, qprofil) -> Path:
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    return mini / PROFIL


def test_ueberschriften(gebaut: Path):
    texte = [t for _, t in ueberschriften(gebaut)]
    for erwartet in (
        "Quartiersprofil Testdorf",
        "Steckbrief",
        "Demografie",
        "Soziale Lage",
        "Quartiersbegehung",
        "Maßnahmevorschläge",
        "Quellen und Datenstand",
    ):
        assert any(erwartet in t for t in texte), erwartet
    assert any(t.startswith("Handlungsfeld 2: Gesundheit und Pflege") for t in texte)
    stile = {s for s, _ in ueberschriften(gebaut)}
    assert "Heading 1" in stile and "Heading 2" in stile


def test_kennzahlen_deutsch_formatiert_und_von_hand_gerechnet(gebaut: Path):
    t = tabelle_mit(gebaut, "Kennzahl")
    # quarter 0911: P = 1.150; Stadtbezirk 09: 3.035; city: 16.325 (tests/projektbau.py)
    assert zeile_mit(t, "Einwohnerinnen und Einwohner")[1:] == ["1.150", "3.035", "16.325"]
    # 65+: 200/1150 = 17,39 %; 430/3035 = 14,17 %; 2350/16325 = 14,40 %
    assert zeile_mit(t, "Anteil 65 Jahre und älter")[1:] == [
        "17,4\u00a0%",
        "14,2\u00a0%",
        "14,4\u00a0%",
    ]
    # (1150 − 1040) / 1040 = 10,58 %
    assert zeile_mit(t, "Entwicklung in 5 Jahren")[1] == "10,6\u00a0%"
    # Destatis: 200 / (610 + 85) × 100 = 28,78
    assert zeile_mit(t, "Altenquotient")[1] == "28,8"
    # 47.522,5 / 1150 = 41,32 years
    assert zeile_mit(t, "Durchschnittsalter")[1] == "41,3"
    assert zeile_mit(t, "Frauenanteil 80")[1] == "66,7\u00a0%"
    texte = "\n".join(absaetze(gebaut))
    assert "P(65+) / P(20–64) × 100" in texte  # the definition used, in the notes
    assert "Stichtag 31.12.2016" in texte


def test_soziale_lage(gebaut: Path):
    tabellen = [t for t in alle_tabellen(gebaut) if any("Grundsicherung" in z[0] for z in t)]
    (t,) = tabellen
    # 10 / 200 = 5,0 %; Stadtbezirk 30 / 430 = 6,98 %; city 160 / 2350 = 6,81 %
    assert zeile_mit(t, "Grundsicherung im Alter")[1:] == ["5,0\u00a0%", "7,0\u00a0%", "6,8\u00a0%"]
    # 70 / 200 = 35,0 %
    assert zeile_mit(t, "Allein lebende")[1] == "35,0\u00a0%"


def test_bilder_mit_alternativtext_und_verkleinert(gebaut: Path):
    alle = bilder(gebaut)
    assert len(alle) == 4  # two charts, two photos
    assert all(b["alt"] for b in alle)
    assert any("Rampe & Geländer an der Haltestelle" in b["alt"] for b in alle)
    fotos = [b for b in alle if b["alt"].startswith("Foto")]
    for b in fotos:
        bild = Image.open(io.BytesIO(b["blob"]))
        assert bild.format == "JPEG"
        # the 1200 × 900 source, shown 150 mm wide at 150 ppi: 150 / 25.4 × 150 = 885.8 → 886
        assert max(bild.size) == 886
        assert not bild.getexif()  # no EXIF, no GPS
    hochkant = Image.open(io.BytesIO(fotos[1]["blob"]))
    assert hochkant.height > hochkant.width  # EXIF orientation 6 applied


def test_foto_aufloesung_aus_der_konfiguration(mini: Path, qprofil):
    toml = mini / "qprofil.toml"
    text = toml.read_text(encoding="utf-8")
    assert "[ausgabe]" not in text
    toml.write_text(text + "\n[ausgabe]\nfoto_ppi = 96\n", encoding="utf-8")
    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    fotos = [b for b in bilder(mini / PROFIL) if b["alt"].startswith("Foto")]
    # 150 / 25.4 × 96 = 566.9 → 567 px needed; the 1200 px JPEG decoded at 1/2 scale has 600,
    # within 25 % of 567, and is kept as it is
    assert [max(Image.open(io.BytesIO(b["blob"])).size) for b in fotos] == [600, 600]


def test_bildunterschrift_und_befragung_intakt(gebaut: Path):
    texte = absaetze(gebaut)
    assert any("Foto 1: Rampe & Geländer an der Haltestelle" in t for t in texte)
    assert "Treffpunkt „Café Kränzchen“ – Kaffee & Kuchen für Ältere" in texte
    assert any("Bäckerei Kräuter & Söhne" in t for t in texte)
    inhalt = "\n".join(texte)
    assert "{{" not in inhalt and "{%" not in inhalt


def test_massnahmen_mit_summe(gebaut: Path):
    t = tabelle_mit(gebaut, "Maßnahme")
    assert any("Nachbarschaftstreff" in z[2] and "12.500\u00a0€" in z for z in t)
    texte = "\n".join(absaetze(gebaut))
    assert "17.500\u00a0€ (ohne 1 noch nicht geschätzte Maßnahme)" in texte


def test_dokumenteigenschaften(gebaut: Path):
    cp = Document(str(gebaut)).core_properties
    assert cp.title == "Quartiersprofil Testdorf"
    assert cp.author == "Stadt Teststadt, Sozialamt"
    assert cp.language == "de-DE"
    assert cp.created.year == 2017  # from the configured Stand, not the clock
    assert 'w:val="de-DE"' in xml(gebaut, "word/styles.xml")


def test_zweimal_gebaut_ist_bytegleich(mini: Path, qprofil):
    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    erst = (mini / PROFIL).read_bytes()
    assert qprofil("build", "testdorf", "-j", "1", "--force", cwd=mini).rc == 0
    assert (mini / PROFIL).read_bytes() == erst


def test_unveraendert_wird_nicht_neu_gebaut(mini: Path, qprofil):
    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    zeit = (mini / PROFIL).stat().st_mtime_ns
    zweiter = qprofil("build", "testdorf", "-j", "1", cwd=mini)
    assert zweiter.rc == 0
    assert "unverändert" in zweiter.out
    assert (mini / PROFIL).stat().st_mtime_ns == zeit


def test_bearbeitete_datei_wird_nicht_ueberschrieben(mini: Path, qprofil):
    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    ziel = mini / PROFIL
    doc = Document(str(ziel))
    doc.add_paragraph("Von Hand ergänzt.")
    doc.save(str(ziel))
    bearbeitet = ziel.read_bytes()
    aufruf = qprofil("build", "testdorf", "-j", "1", "--force", cwd=mini)
    assert aufruf.rc == 0
    # --force replaces; without it the edit is kept and the new version written beside it
    assert ziel.read_bytes() != bearbeitet
    doc = Document(str(ziel))
    doc.add_paragraph("Wieder von Hand ergänzt.")
    doc.save(str(ziel))
    bearbeitet = ziel.read_bytes()
    (mini / "daten/massnahmen.xlsx").touch()
    aufruf = qprofil("build", "testdorf", "-j", "1", cwd=mini)
    assert aufruf.rc == 0
    assert ziel.read_bytes() == bearbeitet
    assert (mini / "berichte/quartiersprofil_testdorf_neu.docx").is_file()
    assert "von Hand geändert" in aufruf.err


def test_aus_unterordner(mini: Path, qprofil):
    aufruf = qprofil("build", "testdorf", "-j", "1", cwd=mini / "daten" / "statistik")
    assert aufruf.rc == 0, aufruf.err
    assert (mini / PROFIL).is_file()


def test_zwei_prozesse(mini: Path, qprofil):
    aufruf = qprofil("build", "--all", "--jobs", "2", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    assert (mini / PROFIL).is_file()


def test_textaenderung_zeichnet_und_kodiert_nichts_neu(mini: Path, qprofil):
    """Charts and resized photos come from the cache when only a text changed."""
    import openpyxl

    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    cache = mini / ".qprofil-cache"
    vorher = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert any(p.suffix == ".png" for p in vorher) and any(p.suffix == ".jpg" for p in vorher)
    mappe = openpyxl.load_workbook(mini / "daten/massnahmen.xlsx")
    mappe["Maßnahmen"]["E2"] = "Treff im Gemeindehaus, jetzt auch samstags"
    mappe.save(mini / "daten/massnahmen.xlsx")
    assert qprofil("build", "testdorf", "-j", "1", cwd=mini).rc == 0
    nachher = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    # Charts and photos untouched; only the changed workbook's rows were stored anew.
    neu = set(nachher) - set(vorher)
    assert [p.parent.name for p in neu] == ["tabellen"]
    assert {p: nachher[p] for p in vorher} == vorher
    assert any("jetzt auch samstags" in t for t in absaetze(mini / PROFIL))


def test_nach_jedem_quartier_bleibt_vom_dokument_nichts_im_speicher(mini: Path, qprofil):
    """Rendered documents sit in reference cycles; the build frees them after each quarter,
    so a long run's memory stays flat (bench/run.py, target e)."""
    import gc

    from docxtpl import DocxTemplate

    aufruf = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert aufruf.rc == 0, aufruf.err
    uebrig = [o for o in gc.get_objects() if isinstance(o, DocxTemplate)]
    assert uebrig == []


def test_beispiel_parallel_wie_seriell(tmp_path: Path, qprofil):
    """The shipped example, all four quarters: two workers give the same bytes as one process
    (and more quarters than can be in flight at once, so results are written while later
    quarters are still being checked)."""
    import hashlib
    import shutil

    repo = Path(__file__).resolve().parent.parent
    projekt = tmp_path / "beispiel"
    projekt.mkdir()
    shutil.copy(repo / "qprofil.toml", projekt / "qprofil.toml")
    shutil.copytree(repo / "daten", projekt / "daten")
    shutil.copytree(repo / "vorlagen", projekt / "vorlagen")

    def profile() -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((projekt / "berichte").glob("*.docx"))
        }

    seriell = qprofil("build", "--all", "--jobs", "1", cwd=projekt)
    assert seriell.rc == 0, seriell.err
    vorher = profile()
    assert len(vorher) == 4
    parallel = qprofil("build", "--all", "--jobs", "2", "--force", cwd=projekt)
    assert parallel.rc == 0, parallel.err
    assert parallel.out.count("aktualisiert") == 4  # all four rendered again, none skipped
    assert profile() == vorher


def test_webseite_parallel_wie_seriell(tmp_path: Path, qprofil):
    """Web pages go through the same loop as the .docx, workers included: two workers write the
    same files, byte for byte, as one process; a second run rewrites nothing (every quarter
    unchanged), and a touched photo rebuilds only its quarter."""
    import hashlib
    import os
    import shutil

    repo = Path(__file__).resolve().parent.parent
    projekt = tmp_path / "beispiel"
    projekt.mkdir()
    shutil.copy(repo / "qprofil.toml", projekt / "qprofil.toml")
    shutil.copytree(repo / "daten", projekt / "daten")
    shutil.copytree(repo / "vorlagen", projekt / "vorlagen")
    web = projekt / "berichte" / "web"

    def dateien() -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(web.iterdir())
            if p.is_file() and not p.name.startswith(".")
        }

    seriell = qprofil("build", "--all", "--kind", "webseite", "--jobs", "1", cwd=projekt)
    assert seriell.rc == 0, seriell.err
    vorher = dateien()
    seiten = [n for n in vorher if n.endswith(".html") and "-" not in n and n != "index.html"]
    assert len(seiten) == 4 and "index.html" in vorher and "qprofil.css" in vorher
    assert any(n.endswith(".svg") for n in vorher) and any(n.endswith(".jpg") for n in vorher)
    for seite in seiten:
        fragment = seite.replace(".html", "-inhalt.html")
        assert fragment in vorher
        # The page and its fragment are rendered from one context in the worker.
        text = (web / seite).read_text(encoding="utf-8")
        assert (web / fragment).read_text(encoding="utf-8").strip()[:40] in text
    shutil.rmtree(projekt / ".qprofil-cache", ignore_errors=True)
    parallel = qprofil(
        "build", "--all", "--kind", "webseite", "--jobs", "2", "--force", cwd=projekt
    )
    assert parallel.rc == 0, parallel.err
    assert parallel.out.count("aktualisiert") == 4 * 2  # page and fragment of each quarter
    assert dateien() == vorher

    zeiten = {p.name: p.stat().st_mtime_ns for p in web.iterdir() if p.is_file()}
    wieder = qprofil("build", "--all", "--kind", "webseite", "--jobs", "2", cwd=projekt)
    assert wieder.rc == 0, wieder.err
    assert "aktualisiert" not in wieder.out and wieder.out.count("unverändert") == 4 * 2
    foto = sorted((projekt / "daten" / "begehungen" / "derne").glob("*.jpg"))[0]
    st = foto.stat()
    os.utime(foto, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    einzeln = qprofil("build", "--all", "--kind", "webseite", "--jobs", "2", cwd=projekt)
    assert einzeln.rc == 0, einzeln.err
    assert einzeln.out.count("aktualisiert") == 2, einzeln.out
    nachher = {p.name: p.stat().st_mtime_ns for p in web.iterdir() if p.is_file()}
    geaendert = {n for n, t in nachher.items() if t != zeiten.get(n) and not n.startswith(".")}
    assert geaendert and all(n.startswith("derne") for n in geaendert), geaendert
