"""Flyer and citizen-dialogue documentation: built from the example data and read back from .docx;
the dialogue readers on small files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx_lesen import absaetze, bilder, tabelle_mit, ueberschriften, xml, zeile_mit

from qprofil.bilder import likert as charts_dialog
from qprofil.dokumente.flyer import in_worten
from qprofil.einlesen.dialog import buergerdialog_lesen, evaluation_lesen, veranstaltung_lesen
from qprofil.einlesen.listen import fotoliste_lesen
from qprofil.einlesen.quartiere import quartiere_lesen
from qprofil.fehler import Befunde, EingabeFehler
from qprofil.modell import Massnahme

REPO = Path(__file__).resolve().parents[1]
FLYER = "berichte/flyer_menglinghausen.docx"
PROFIL = "berichte/quartiersprofil_menglinghausen.docx"


@pytest.fixture(scope="module")
def beispiel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example project: qprofil.toml, daten/ and vorlagen/ of the repository."""
    ziel = tmp_path_factory.mktemp("beispiel")
    shutil.copy(REPO / "qprofil.toml", ziel / "qprofil.toml")
    shutil.copytree(REPO / "daten", ziel / "daten")
    shutil.copytree(REPO / "vorlagen", ziel / "vorlagen")
    return ziel


@pytest.fixture
def flyer(beispiel: Path, qprofil) -> Path:
    aufruf = qprofil("build", "--kind", "flyer", "menglinghausen", "-j", "1", cwd=beispiel)
    assert aufruf.rc == 0, aufruf.err
    return beispiel / FLYER


@pytest.fixture
def doku(beispiel: Path, qprofil) -> Path:
    aufruf = qprofil("build", "--kind", "dokumentation", "--all", "-j", "1", cwd=beispiel)
    assert aufruf.rc == 0, aufruf.err
    return beispiel / "berichte"


def _text(pfad: Path) -> str:
    return "\n".join(absaetze(pfad))


# --------------------------------------------------------------------------- flyer


def test_flyer_name_motto_einladung_kontakt(flyer: Path, beispiel: Path):
    q = quartiere_lesen(beispiel / "daten/quartiere.xlsx", Befunde())["menglinghausen"]
    text = _text(flyer)
    assert "Menglinghausen" in absaetze(flyer)
    assert f"„{q.motto}“" in text
    assert "Einladung: Bürgerwerkstatt" in text
    assert "Donnerstag, 29. Juni 2017" in text
    assert "Evangelisches Gemeindehaus Menglinghausen" in text
    assert "Kirchweg 12, 44227 Dortmund" in text
    assert f"Telefon: {q.seniorenbuero.telefon}" in text
    assert q.seniorenbuero.telefon == "0231 50-28409"
    assert "{{" not in text and "{%" not in text


def test_flyer_kennzahlen_wie_im_profil(flyer: Path, beispiel: Path, qprofil):
    assert qprofil("build", "menglinghausen", "-j", "1", cwd=beispiel).rc == 0
    kennzahlen = tabelle_mit(beispiel / PROFIL, "Kennzahl")
    einwohner = zeile_mit(kennzahlen, "Einwohnerinnen und Einwohner")[1]
    anteil_65 = zeile_mit(kennzahlen, "Anteil 65 Jahre und älter")[1]
    stadt_65 = zeile_mit(kennzahlen, "Anteil 65 Jahre und älter")[3]
    fakten = tabelle_mit(flyer, "Menschen leben in Menglinghausen.")
    assert fakten[0] == [einwohner, "Menschen leben in Menglinghausen."]
    zeile = zeile_mit(fakten, anteil_65)
    assert zeile[1].endswith(f"65 Jahre oder älter. In ganz Dortmund sind es {stadt_65}.")
    assert 3 <= len(fakten) <= 4


def test_flyer_foto_mit_alternativtext(flyer: Path, beispiel: Path):
    erstes = fotoliste_lesen(beispiel / "daten/begehungen/menglinghausen", Befunde())[0]
    (bild,) = bilder(flyer)
    assert bild["alt"] == erstes.bildunterschrift
    assert "&" in bild["alt"]  # „Bäckerei & Supermarkt“, intact


def _teile(pfad: Path) -> dict[str, str]:
    with zipfile.ZipFile(pfad) as z:
        namen = [
            n
            for n in z.namelist()
            if re.fullmatch(r"word/(document|styles|numbering|header\d*|footer\d*)\.xml", n)
        ]
        return {n: z.read(n).decode("utf-8") for n in namen}


def test_flyer_schrift_ueberall_mindestens_12_pt(flyer: Path):
    teile = _teile(flyer)
    # Runs without a size inherit the document default: it must be ≥ 12 pt itself.
    standard = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", teile["word/styles.xml"], re.S)
    assert standard is not None
    groesse = re.search(r'<w:sz w:val="(\d+)"', standard.group(0))
    assert groesse is not None and int(groesse.group(1)) >= 24
    # Every explicit size in styles, body, header and footer (half points): ≥ 24.
    for name, inhalt in teile.items():
        for wert in re.findall(r'<w:sz(?:Cs)? w:val="(\d+)"', inhalt):
            assert int(wert) >= 24, f"{name}: Schriftgröße {int(wert) / 2} pt"


def _kontrast(farbe: str) -> float:
    kanaele = [int(farbe[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanaele]
    return 1.05 / (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] + 0.05)


def test_flyer_dunkle_schrift_auf_weiss(flyer: Path):
    for name, inhalt in _teile(flyer).items():
        for farbe in re.findall(r'<w:color w:val="([0-9A-Fa-f]{6})"', inhalt):
            assert _kontrast(farbe) >= 7, f"{name}: Textfarbe {farbe} zu hell"
        # no coloured or grey cell or paragraph background behind the text
        for fuellung in re.findall(r'<w:shd [^>]*w:fill="([0-9A-Fa-f]{6})"', inhalt):
            assert fuellung.upper() == "FFFFFF", f"{name}: Hintergrund {fuellung}"
    assert "<w:i/>" not in xml(flyer)  # no italics in plain language


def test_flyer_ohne_einladung_meldet_den_abschnitt(mini: Path, qprofil):
    aufruf = qprofil("build", "--kind", "flyer", "testdorf", "-j", "1", cwd=mini)
    assert aufruf.rc == 1
    assert "buergerdialog.testdorf" in aufruf.err
    assert not (mini / "berichte/flyer_testdorf.docx").exists()


@pytest.mark.parametrize(
    ("prozent", "erwartet"),
    [
        (26.9, "Mehr als jede vierte Person ist"),
        (33.1, "Etwa jede dritte Person ist"),
        (23.0, "Fast jede vierte Person ist"),
        (22.5, "Mehr als jede fünfte Person ist"),  # Derne: 2,5 points short of a quarter
        (50.0, "Etwa jede zweite Person ist"),
        (8.4, "Etwa 8 von 100 Menschen sind"),
        (0.6, "Etwa 1 von 100 Menschen ist"),
    ],
)
def test_anteil_in_worten(prozent: float, erwartet: str):
    assert in_worten(prozent, "ist", "sind") == erwartet


# --------------------------------------------------------------------------- documentation


def test_dokumentation_vorschlaege_nach_punkten(doku: Path):
    t = tabelle_mit(doku / "dokumentation_menglinghausen.docx", "Rang")
    kopf, *zeilen = t
    spalte = kopf.index("Punkte")
    punkte = [int(z[spalte]) for z in zeilen]
    assert punkte == sorted(punkte, reverse=True)
    assert zeilen[0][1] == "Offener Treffpunkt für Jung & Alt im Gemeindehaus"
    assert zeilen[-1][1] == "Telefonkette für Alleinstehende"  # no dots: 0, last
    assert punkte[-1] == 0
    # equal votes share a rank
    neun = [z[0] for z in zeilen if z[spalte] == "9"]
    assert len(neun) == 2 and neun[0] == neun[1]


def test_dokumentation_ein_diagramm_je_frage(doku: Path):
    alle = bilder(doku / "dokumentation_menglinghausen.docx")
    fragen = [
        "Wie zufrieden sind Sie insgesamt mit der Veranstaltung?",
        "Konnten Sie Ihre Anliegen einbringen?",
        "Wie gut waren Raum und Erreichbarkeit?",
        "Würden Sie wieder an einer solchen Veranstaltung teilnehmen?",
    ]
    assert len(alle) == len(fragen)
    for bild, frage in zip(alle, fragen, strict=True):
        assert bild["alt"].startswith(f"Antworten auf die Frage „{frage}“ (42 Bögen): 1 – ")
        assert re.search(r"Mittelwert \d,\d\.$", bild["alt"])
        assert bild["blob"].startswith(b"\x89PNG")


def test_dokumentation_zitate_intakt(doku: Path):
    texte = absaetze(doku / "dokumentation_menglinghausen.docx")
    assert (
        "„Die Thementische & die vielen Gespräche mit Nachbarn – schön, dass so viele Ältere "
        "gekommen sind!“"
    ) in texte
    assert "„Kaffee & Kuchen“" in texte


def test_dokumentation_vorschlag_wird_massnahme(doku: Path):
    t = tabelle_mit(doku / "dokumentation_menglinghausen.docx", "Status")
    treff = zeile_mit(t, "Offener Treffpunkt für Jung & Alt")
    assert treff[1] == "1" and treff[2].startswith("Nachbarschaftstreff im Gemeindehaus")
    fest = zeile_mit(t, "Wieder ein Dorffest")
    assert fest[1] == "2" and fest[2].startswith("Stadtteilfest „Menglinghausen feiert“")
    jungferntal = tabelle_mit(doku / "dokumentation_jungferntal.docx", "Status")
    assert zeile_mit(jungferntal, "Libellenwiese attraktiver")[2].startswith(
        "Attraktivere Libellenwiese"
    )
    derne = tabelle_mit(doku / "dokumentation_derne.docx", "Status")
    assert any("„Derne bewegt sich“" in z[2] for z in derne)


def test_dokumentation_werkstatt_nach_handlungsfeldern(doku: Path):
    titel = [t for _, t in ueberschriften(doku / "dokumentation_derne.docx")]
    assert "Ergebnisse nach Handlungsfeldern" in titel
    assert any(t.startswith("Handlungsfeld 2: Gesundheit und Pflege") for t in titel)
    text = _text(doku / "dokumentation_derne.docx")
    assert "Fitnessgeräte für Senioren wie in anderen Städten" in text
    assert "{{" not in text and "{%" not in text


def test_dokumentation_marten_zeigt_interviews(doku: Path):
    marten = doku / "dokumentation_marten.docx"
    titel = [t for _, t in ueberschriften(marten)]
    assert "Wer wurde befragt?" in titel
    assert "Was die Befragten sagen" in titel
    assert "Vorschläge nach Punkten" not in titel
    assert "Ergebnisse nach Handlungsfeldern" not in titel
    text = _text(marten)
    assert "13 Einzelgespräche" in text
    assert "Fußweg zum Friedhof ist zugewachsen & dunkel (Gespräch 2)" in text
    assert "Zu diesem Bürgerdialog gibt es keine schriftliche Evaluation." in text
    assert bilder(marten) == []
    umsetzung = tabelle_mit(marten, "Status")
    assert any("„Digital aktiv in Marten“" in z[2] for z in umsetzung)
    alter = tabelle_mit(marten, "Altersgruppe (Jahre)")
    assert [z[0] for z in alter[1:]] == ["65–74", "75–84", "85+"]


def test_dokumentation_ohne_eingaben_meldet_den_ordner(mini: Path, qprofil):
    aufruf = qprofil("build", "--kind", "dokumentation", "testdorf", "-j", "1", cwd=mini)
    assert aufruf.rc == 1
    assert "daten/buergerdialog/testdorf" in aufruf.err
    assert "keine Eingaben zum Bürgerdialog" in aufruf.err


# --------------------------------------------------------------------------- readers


def _mappe(pfad: Path, blaetter: dict[str, list[list[object]]]) -> Path:
    mappe = openpyxl.Workbook()
    mappe.remove(mappe.active)
    for name, zeilen in blaetter.items():
        ws = mappe.create_sheet(name)
        for zeile in zeilen:
            ws.append(zeile)
    pfad.parent.mkdir(parents=True, exist_ok=True)
    mappe.save(pfad)
    return pfad


FRAGEN = [
    ["Spalte", "Art", "Frage", "Bedeutung 1", "Bedeutung 5"],
    ["F1", "Skala", "Wie zufrieden waren Sie?", "sehr", "gar nicht"],
    ["F2 Text", "Freitext", "Was war gut?", None, None],
]


def test_evaluation_liest_skala_und_freitext(tmp_path: Path):
    pfad = _mappe(
        tmp_path / "evaluation.xlsx",
        {
            "Bögen": [
                ["Rücklauf (Test)"],
                [],
                ["Bogen-Nr", "F1 ", "F2  Text"],
                [1, 1, "Kaffee & Kuchen\r\nund die Gespräche"],
                [2, " 3", None],
                [3, 4.0, "   "],
                [4, None, "Übersichtlich"],
            ],
            "Fragen": FRAGEN,
        },
    )
    befunde = Befunde()
    e = evaluation_lesen(pfad, befunde)
    assert not befunde.fehlerhaft
    assert e.boegen == 4
    assert e.skala["F1"] == (1, 3, 4, None)
    assert e.freitext["F2 Text"] == ("Kaffee & Kuchen\nund die Gespräche", "Übersichtlich")
    assert e.fragen[0].bedeutung_1 == "sehr"


@pytest.mark.parametrize("falsch", [6, "x", "2,5", "2-3", 0])
def test_falscher_likert_wert_nennt_datei_blatt_zeile_spalte(tmp_path: Path, falsch: object):
    pfad = _mappe(
        tmp_path / "evaluation.xlsx",
        {
            "Bögen": [["Bogen-Nr", "F1", "F2 Text"], [1, 2, None], [2, falsch, "gut"]],
            "Fragen": FRAGEN,
        },
    )
    befunde = Befunde()
    evaluation_lesen(pfad, befunde, "daten/buergerdialog/x/evaluation.xlsx")
    (fehler,) = befunde.fehler_liste()
    assert "ist keine Antwort auf der Skala von 1 bis 5" in fehler.meldung
    assert str(fehler.ort) == (
        "daten/buergerdialog/x/evaluation.xlsx, Blatt „Bögen“, Zeile 3, Spalte „F1“"
    )
    assert "1, 2, 3, 4 oder 5" in fehler.hilfe


def test_evaluation_unbekannte_art(tmp_path: Path):
    pfad = _mappe(
        tmp_path / "evaluation.xlsx",
        {"Bögen": [["F1"], [1]], "Fragen": [["Spalte", "Art", "Frage"], ["F1", "Ankreuzen", "?"]]},
    )
    befunde = Befunde()
    with pytest.raises(EingabeFehler, match="keine Fragen"):
        evaluation_lesen(pfad, befunde)
    (fehler,) = befunde.fehler_liste()
    assert (fehler.ort.blatt, fehler.ort.zeile, fehler.ort.spalte) == ("Fragen", 2, "Art")


ANGABEN = [
    ["Feld", "Angabe"],
    ["Veranstaltung", "Bürgerwerkstatt Test"],
    ["Datum", dt.datetime(2017, 6, 29)],
    ["Ort ", "Gemeindehaus,  Kirchweg 1"],
    ["Teilnehmende", "ca. 70"],
]


def test_veranstaltung_mit_ungefaehrer_teilnehmerzahl_und_excel_uhrzeit(tmp_path: Path):
    pfad = _mappe(
        tmp_path / "veranstaltung.xlsx",
        {
            "Angaben": ANGABEN,
            "Tagesordnung": [["Uhrzeit", "Programmpunkt"], [dt.time(17, 0), "Kaffee & Kuchen"]],
        },
    )
    v = veranstaltung_lesen(pfad, Befunde())
    assert v.datum == dt.date(2017, 6, 29)
    assert v.ort == "Gemeindehaus, Kirchweg 1"
    assert (v.teilnehmende, v.teilnehmende_ungefaehr) == (70, True)
    assert v.tagesordnung[0].uhrzeit == "17:00"
    assert v.tagesordnung[0].titel == "Kaffee & Kuchen"


def test_veranstaltung_ohne_datum(tmp_path: Path):
    pfad = _mappe(
        tmp_path / "veranstaltung.xlsx", {"Angaben": [r for r in ANGABEN if r[0] != "Datum"]}
    )
    with pytest.raises(EingabeFehler, match="„Datum“") as info:
        veranstaltung_lesen(pfad, Befunde(), tagesordnung=False)
    assert info.value.ort.blatt == "Angaben"


MASSNAHMEN = (
    Massnahme("1", "testdorf", 3, "Nachbarschaftstreff", "", "", "hoch", None, "geplant"),
)


def test_unbekannte_massnahme_nr_nennt_die_zelle(tmp_path: Path):
    ordner = tmp_path / "testdorf"
    _mappe(
        ordner / "veranstaltung.xlsx",
        {"Angaben": ANGABEN, "Tagesordnung": [["Uhrzeit", "Programmpunkt"]]},
    )
    _mappe(
        ordner / "ergebnisse.xlsx",
        {
            "Themenkarten": [["Handlungsfeld", "Karte"], ["HF 3", "Treffpunkt fehlt"]],
            "Vorschläge": [
                ["Handlungsfeld", "Vorschlag", "Punkte", "Maßnahme Nr"],
                ["3", "Treffpunkt", 12, 1],
                ["3", "Fest", None, "1, 9"],
            ],
        },
    )
    befunde = Befunde()
    d = buergerdialog_lesen(ordner, MASSNAHMEN, befunde, "daten/buergerdialog/testdorf")
    assert d is not None and d.art == "werkstatt"
    assert d.vorschlaege[0].massnahmen == ("1",)
    (fehler,) = befunde.fehler_liste()
    assert "Nr 9" in fehler.meldung
    assert str(fehler.ort) == (
        "daten/buergerdialog/testdorf/ergebnisse.xlsx, Blatt „Vorschläge“, Zeile 3, "
        "Spalte „Maßnahme Nr“"
    )


def test_interviews_und_ordnerregeln(tmp_path: Path):
    ordner = tmp_path / "marten"
    assert buergerdialog_lesen(ordner, (), Befunde()) is None  # no dialogue yet
    _mappe(ordner / "veranstaltung.xlsx", {"Angaben": ANGABEN})
    _mappe(
        ordner / "interviews.xlsx",
        {
            "Interviews": [
                ["Datum", "Altersgruppe", "Geschlecht", "Handlungsfeld", "Kernaussagen", "Wünsche"],
                [
                    "04.09.2017",
                    "75 - 84",
                    "W ",
                    "Soziale Netze",
                    "- Handy & Tablet\n- allein",
                    None,
                ],
                [dt.datetime(2017, 9, 5), "85+", None, 1, "Weg zum Friedhof", "Laterne"],
            ]
        },
    )
    d = buergerdialog_lesen(ordner, MASSNAHMEN, Befunde())
    assert d is not None and d.art == "interviews"
    erstes, zweites = d.interviews
    assert (erstes.altersgruppe, erstes.geschlecht, erstes.handlungsfeld) == (
        "75–84",
        "weiblich",
        3,
    )
    assert erstes.aussagen == ("Handy & Tablet", "allein")
    assert zweites.geschlecht == "keine Angabe"
    assert zweites.nr == 2
    _mappe(ordner / "ergebnisse.xlsx", {"Themenkarten": [["Handlungsfeld", "Karte"]]})
    with pytest.raises(
        EingabeFehler, match=re.escape("sowohl ergebnisse.xlsx als auch interviews.xlsx")
    ):
        buergerdialog_lesen(ordner, MASSNAHMEN, Befunde())


# --------------------------------------------------------------------------- chart


def test_likert_diagramm_deterministisch_und_deutsch():
    antworten = [1, 1, 2, 2, 2, 3, None, 5, 1, 2, 4]
    a = charts_dialog.likert(
        "Wie war es?", antworten, bedeutung_1="sehr gut", bedeutung_5="schlecht"
    )
    b = charts_dialog.likert(
        "Wie war es?", antworten, bedeutung_1="sehr gut", bedeutung_5="schlecht"
    )
    assert a.png == b.png
    assert b"matplotlib" not in a.png
    assert a.alt == (
        "Antworten auf die Frage „Wie war es?“ (11 Bögen): 1 – sehr gut 3, 2 4, 3 1, 4 1, "
        "5 – schlecht 1, keine Angabe 1; Mittelwert 2,3."
    )


def test_dokumentation_quellen_mit_titel_und_datum(doku: Path):
    texte = absaetze(doku / "dokumentation_derne.docx")
    start = max(i for i, t in enumerate(texte) if t == "Quellen")
    assert texte[start + 2 : start + 6] == [
        "Bürgerwerkstatt Derne, 13.07.2017: Ablauf und Teilnahme.",
        "Ergebnisse der Arbeitsgruppen: 24 Themenkarten, 8 Vorschläge mit Punkten.",
        "Auswertung der Rückmeldebögen: 31 Bögen.",
        "Maßnahmevorschläge für das Quartier Derne (6 Vorschläge).",
    ]
    assert not any("daten/" in t or ".xlsx" in t for t in texte)
