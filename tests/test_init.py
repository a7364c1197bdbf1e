"""qprofil init: a new, empty project with every setting commented and the expected headers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
from docx_lesen import absaetze, tabellen, zeile_mit

from qprofil import konfig_doku
from qprofil.einlesen.quartiere import QUARTIER_SPALTEN
from qprofil.projekt import projekt_laden


def test_init_legt_ein_leeres_projekt_an(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "hansestadt"
    aufruf = qprofil("init", str(ziel), "--stadt", "Hansestadt", cwd=tmp_path)
    assert aufruf.rc == 0, aufruf.err
    p = projekt_laden(ziel)
    assert p.konfig.projekt.stadt == "Hansestadt"
    text = (ziel / "qprofil.toml").read_text(encoding="utf-8")
    tomllib.loads(text)
    # Every section and key is in the file (active or as a comment with its default).
    for titel, modell in konfig_doku.abschnitte():
        assert titel in text, titel
        for name, feld in modell.model_fields.items():
            if not konfig_doku.modelle(feld.annotation):
                assert f"{name} = " in text, (titel, name)
    quartiere = openpyxl.load_workbook(ziel / "daten" / "quartiere.xlsx")
    # Title row marking the example, an empty row, the header, the example quarter.
    assert str(quartiere["Quartiere"]["A1"].value).startswith("Beispiel von qprofil init")
    kopf = [c.value for c in quartiere["Quartiere"][3]]
    assert kopf[: len(QUARTIER_SPALTEN)] == list(QUARTIER_SPALTEN)
    assert quartiere["Quartiere"]["A4"].value == "beispiel"
    statistik = (ziel / "daten" / "statistik" / "bevoelkerung.csv").read_bytes().decode()
    # A title row marks the invented figures; the header is the one the default config reads.
    assert statistik.startswith("Beispiel von qprofil init mit erfundenen Angaben")
    assert (
        "\r\nStichtag;Raumebene;Raum-Nr;Raumname;Geschlecht;Altersgruppe;Einwohner\r\n" in statistik
    )
    for vorlage in ("quartiersprofil.docx", "gremienvorlage.docx", "flyer.docx"):
        assert (ziel / "vorlagen" / vorlage).stat().st_size > 10_000
    assert (ziel / "vorlagen" / "webseite" / "quartier.html").is_file()
    assert (ziel / "berichte").is_dir() and (ziel / "daten" / "befragung").is_dir()


def test_init_ueberschreibt_nichts(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), cwd=tmp_path).rc == 0
    toml = ziel / "qprofil.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "# eigene Notiz\n", encoding="utf-8")
    aufruf = qprofil("init", str(ziel), cwd=tmp_path)
    assert aufruf.rc == 2
    assert "schon ein Projekt" in aufruf.err
    assert toml.read_text(encoding="utf-8").endswith("# eigene Notiz\n")


def test_neues_projekt_besteht_check_und_sagt_dass_es_ein_beispiel_ist(
    tmp_path: Path,
    qprofil,  # type: ignore[no-untyped-def]
) -> None:
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), cwd=tmp_path).rc == 0
    aufruf = qprofil("check", cwd=ziel)
    assert aufruf.rc == 0, aufruf.err
    assert "Keine Fehler gefunden (2 Hinweise)" in aufruf.out
    # Both hints name the file and what to do.
    assert (
        "daten/statistik/bevoelkerung.csv: Die Bevölkerungsstatistik ist noch das Beispiel "
        "von qprofil init (erfundene Zahlen)."
    ) in aufruf.err
    assert "Das Quartier „beispiel“ ist das Beispiel von qprofil init." in aufruf.err
    assert "docs/konfiguration.md" in aufruf.err


def test_fehlende_statistik_bleibt_ein_fehler(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), cwd=tmp_path).rc == 0
    statistik = ziel / "daten" / "statistik" / "bevoelkerung.csv"
    # Only the header left: no figures at all.
    kopf = "Stichtag;Raumebene;Raum-Nr;Raumname;Geschlecht;Altersgruppe;Einwohner\r\n"
    statistik.write_text(kopf, encoding="utf-8")
    aufruf = qprofil("check", cwd=ziel)
    assert aufruf.rc == 1
    assert "daten/statistik/bevoelkerung.csv: Die Datei enthält keine Bevölkerungszahlen." in (
        aufruf.err
    )
    assert "docs/konfiguration.md" in aufruf.err
    statistik.unlink()
    aufruf = qprofil("check", cwd=ziel)
    assert aufruf.rc == 1
    assert "daten/statistik/bevoelkerung.csv: Die Datei fehlt." in aufruf.err
    assert "1 Fehler" in aufruf.out + aufruf.err


def test_neues_projekt_ergibt_ein_ehrliches_profil(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """init → check → build: a profile that marks its figures as invented, says for every
    missing input that it is missing, cites no other city and leaves no empty slot."""
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), "--stadt", "Hansestadt", cwd=tmp_path).rc == 0
    assert qprofil("check", cwd=ziel).rc == 0
    aufruf = qprofil("build", "--all", "--jobs", "1", cwd=ziel)
    assert aufruf.rc == 0, aufruf.out + aufruf.err
    docx = ziel / "berichte" / "quartiersprofil_beispiel.docx"
    alle = tabellen(docx)
    text = "\n".join(absaetze(docx) + [z for t in alle for r in t for z in r])
    # The invented figures say so: on the title page and in the Impressum, and under every table.
    assert text.count("Beispiel von qprofil init: Quartier und Zahlen sind erfunden.") >= 2
    # under both tables and both figures: the configured source, not a wording from code
    assert text.count("Quelle: Beispieldaten von qprofil init (erfundene Zahlen), Stichtag") == 4
    assert "Bevölkerungsstatistik der Stadt" not in text
    # Values computed from the example statistics (quarter = Unterbezirke 11 and 12).
    kennzahlen = next(t for t in alle if t and t[0][0] == "Kennzahl")
    assert kennzahlen[0][1:] == [
        "Quartier Beispielquartier",
        "Stadtbezirk Beispielbezirk",
        "Stadt Hansestadt",
    ]
    # Checked against the example CSV summed here: quarter = Unterbezirke 11 and 12.
    summen: dict[str, int] = {}
    ab_65: dict[str, int] = {}
    for zeile in (ziel / "daten" / "statistik" / "bevoelkerung.csv").read_text().splitlines():
        teile = zeile.split(";")
        if len(teile) == 7 and teile[6].isdigit():
            summen[teile[2]] = summen.get(teile[2], 0) + int(teile[6])
            if teile[5].startswith(("65", "80")):
                ab_65[teile[2]] = ab_65.get(teile[2], 0) + int(teile[6])
    quartier = summen["11"] + summen["12"]
    assert zeile_mit(kennzahlen, "Einwohnerinnen und Einwohner")[1:] == [
        f"{n:,}".replace(",", ".") for n in (quartier, summen["1"], summen["0"])
    ]
    anteil = round((ab_65["11"] + ab_65["12"]) / quartier * 100, 1)
    assert zeile_mit(kennzahlen, "Anteil 65 Jahre und älter")[1] == f"{anteil}\u00a0%".replace(
        ".", ","
    )
    # Every missing input is named as missing.
    assert text.count("Für dieses Quartier liegt keine Befragung des Seniorenbüros vor.") == 3
    assert "schriftliche Befragung" not in text  # no survey cited that does not exist
    assert "Zu diesem Quartier liegen keine Fotos vor." in text
    assert "Für dieses Quartier sind noch keine Maßnahmen vorgeschlagen." in text
    assert text.count("Für dieses Handlungsfeld liegen keine Aussagen aus Masterplänen") == 3
    assert "Nicht verfügbar: Es liegen keine kleinräumigen Sozialdaten vor." in text
    assert "Sozialdaten der Stadt" not in text  # the empty workbook is not cited as a source
    assert "Nicht verfügbar: Die Statistik hat keine Zahlen zum" in text
    assert "Dortmund" not in text
    for leer in ("  ", "()", "„“", "am  statt", " am  ", "zum .", "Stichtag  "):
        assert leer not in text, (leer, [z for z in text.splitlines() if leer in z])


def test_altenquotient_ohne_quelle_nennt_keine_andere_stadt(tmp_path: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    """The Sozialbericht definition without [kennzahlen] altenquotient_quelle: the footnote
    gives the age limits and cites no city's publication. The city's own words for its areas
    stand in profile and web page."""
    ziel = tmp_path / "p"
    assert qprofil("init", str(ziel), "--stadt", "Hansestadt", cwd=tmp_path).rc == 0
    toml = ziel / "qprofil.toml"
    text = toml.read_text(encoding="utf-8")
    assert "\n[kennzahlen]\n" in text
    text = text.replace("\n[kennzahlen]\n", '\n[kennzahlen]\naltenquotient = "sozialbericht"\n')
    text = text.replace(
        "\n[bezeichnungen]\n",
        '\n[bezeichnungen]\nstadtbezirk = "Bezirk"\nunterbezirke = "Ortsteile"\n',
    )
    toml.write_text(text, encoding="utf-8")
    for art in ("profil", "webseite"):
        aufruf = qprofil("build", "--all", "--kind", art, "--jobs", "1", cwd=ziel)
        assert aufruf.rc == 0, aufruf.out + aufruf.err
    seite = (ziel / "berichte" / "web" / "beispiel.html").read_text(encoding="utf-8")
    assert "Bezirk Beispielbezirk" in seite
    assert "Stadtbezirk" not in seite
    assert "Unterbezirk" not in seite
    assert '<th scope="row">Ortsteile</th>' in seite
    # no invented code: the example's Bezirk has one ("1"), it is shown with the city's word
    assert "Beispielbezirk (Bezirk 1)" in seite
    assert "Dortmund" not in seite
    docx = ziel / "berichte" / "quartiersprofil_beispiel.docx"
    alle = tabellen(docx)
    text = "\n".join(absaetze(docx) + [z for t in alle for r in t for z in r])
    anmerkung = next(z for z in absaetze(docx) if "Altenquotient: Einwohner ab 65" in z)
    assert "von 18 bis unter 65 Jahren, P(65+) / P(18–64) × 100 (Andere Quellen" in anmerkung
    assert "Definition:" not in anmerkung
    assert "Dortmund" not in text
    assert "Sozialbericht" not in text
    assert "Stadtbezirk" not in text
    assert "Unterbezirk" not in text
    for leer in ("  ", "()", "„“", "(;", "Definition: ;"):
        assert leer not in text, leer
