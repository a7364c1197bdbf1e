"""Build the Word templates ``vorlagen/flyer.docx`` and ``vorlagen/dokumentation.docx``.

Both reuse the house style helpers of ``scripts/vorlagen.py`` (placeholders: see
``vorlagen/PLATZHALTER.md``). The output is deterministic: running the script twice gives the
same bytes. Authors may instead edit the .docx files in Word; then do not run this script again.

The flyer follows plain-language print rules: at least 12 pt everywhere, dark text on white
(contrast at least 7:1), short lines, no italics.

Usage::

    python scripts/vorlagen_dialog.py                  # writes both into vorlagen/
    python scripts/vorlagen_dialog.py --ziel ORDNER    # writes elsewhere
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import Table

from vorlagen import (
    AKZENT,
    PPR_FOLGE,
    RPR_FOLGE,
    SEITE_BREITE,
    SEITE_HOEHE,
    TAB,
    TABELLE_PROFIL,
    TBLPR_FOLGE,
    TCPR_FOLGE,
    TRPR_FOLGE,
    UMBRUCH,
    ZEITSTEMPEL,
    Baustein,
    Teil,
    Text,
    absatzstil,
    bereinige_stile,
    eigenschaften,
    einstellungen,
    fuelle,
    grundgeruest,
    hinweis_kopfzeile,
    pakete_bereinigen,
    ppr_von,
    rahmenlinie,
    rpr_von,
    schriften,
    seite,
    seitenzahl,
    setze,
    speichere,
    sprache,
    w,
)

WURZEL = Path(__file__).resolve().parent.parent
ZIEL = WURZEL / "vorlagen"

# Flyer: A4 portrait, 2 cm margins, 17 cm line.
FLYER_RAND = 1134
FLYER_BREITE = SEITE_BREITE - 2 * FLYER_RAND
TEXT = "1A1A1A"  # near black: contrast 17:1 on white
MIN_HALBPUNKTE = 24  # 12 pt
MIN_KONTRAST = 7.0


# --------------------------------------------------------------------------- shared helpers


def neues_dokument() -> DocumentObject:
    """An empty python-docx document without its default paragraph and thumbnail."""
    doc = Document()
    body = doc.element.body
    for kind in list(body):
        if kind.tag == qn("w:p"):
            body.remove(kind)
    pakete_bereinigen(doc)
    return doc


def flyer_eigenschaften(doc: DocumentObject) -> None:
    """Fixed core properties of the flyer (rendering sets title, subject, author, date)."""
    kern = doc.core_properties
    kern.title = "Einladung: {{ einladung.veranstaltung|safe }} in {{ quartier.name|safe }}"
    kern.subject = "{{ projekt.titel|safe }}"
    kern.author = ""
    kern.last_modified_by = ""
    kern.comments = ""
    kern.keywords = "Flyer; Bürgerdialog; altersgerechte Quartiersentwicklung"
    kern.language = "de-DE"
    kern.category = "Flyer"
    kern.created = ZEITSTEMPEL.replace(tzinfo=None)
    kern.modified = ZEITSTEMPEL.replace(tzinfo=None)
    kern.revision = 1


def _luminanz(farbe: str) -> float:
    kanaele = [int(farbe[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanaele]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def kontrast(farbe: str) -> float:
    """Contrast ratio of a text colour against white (WCAG)."""
    return 1.05 / (_luminanz(farbe) + 0.05)


def mindestens_lesbar(doc: DocumentObject) -> None:
    """Raise every font size below 12 pt to 12 pt and every pale text colour to near black."""
    for wurzel in (doc.styles.element, doc.part.numbering_part.element):
        for tag in ("w:sz", "w:szCs"):
            for sz in wurzel.iter(qn(tag)):
                if int(sz.get(qn("w:val"))) < MIN_HALBPUNKTE:
                    sz.set(qn("w:val"), str(MIN_HALBPUNKTE))
        for farbe in wurzel.iter(qn("w:color")):
            wert = farbe.get(qn("w:val"), "auto")
            if wert != "auto" and kontrast(wert) < MIN_KONTRAST:
                farbe.set(qn("w:val"), TEXT)


def layout_tabelle(
    doc: DocumentObject,
    breiten: Sequence[int],
    zeilen: Sequence[Sequence[tuple[str, Sequence[Teil]] | str]],
    beschreibung: str,
    *,
    rahmen: bool = False,
    mittig: bool = False,
) -> Table:
    """A borderless (or framed) layout table; a row that is a ``{%tr …%}`` string is a control row."""
    tabelle = doc.add_table(rows=len(zeilen), cols=len(breiten))
    tabelle.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = tabelle._tbl.tblPr
    setze(tblpr, w("tblW", w=sum(breiten), type="dxa"), TBLPR_FOLGE)
    if rahmen:
        linie = rahmenlinie("single", 18, AKZENT)
        innen = rahmenlinie("single", 6, AKZENT)
        rand = w("tblBorders", w("top", **linie), w("left", **linie), w("bottom", **linie))
        rand.append(w("right", **linie))
        rand.append(w("insideH", **innen))
        setze(tblpr, rand, TBLPR_FOLGE)
    else:
        setze(tblpr, w("tblBorders"), TBLPR_FOLGE)
    setze(tblpr, w("tblLayout", type="fixed"), TBLPR_FOLGE)
    setze(
        tblpr,
        w(
            "tblCellMar",
            w("top", w=85, type="dxa"),
            w("left", w=142, type="dxa"),
            w("bottom", w=85, type="dxa"),
            w("right", w=142, type="dxa"),
        ),
        TBLPR_FOLGE,
    )
    setze(tblpr, w("tblCaption", val=beschreibung), TBLPR_FOLGE)
    for grid, breite in zip(tabelle._tbl.tblGrid.findall(qn("w:gridCol")), breiten, strict=True):
        grid.set(qn("w:w"), str(breite))
    for zeile, inhalte in zip(tabelle.rows, zeilen, strict=True):
        setze(zeile._tr.get_or_add_trPr(), w("cantSplit"), TRPR_FOLGE)
        for zelle, breite in zip(zeile.cells, breiten, strict=True):
            setze(zelle._tc.get_or_add_tcPr(), w("tcW", w=breite, type="dxa"), TCPR_FOLGE)
            if mittig:
                setze(zelle._tc.get_or_add_tcPr(), w("vAlign", val="center"), TCPR_FOLGE)
        if isinstance(inhalte, str):
            zelle = zeile.cells[0].merge(zeile.cells[-1])
            zelle.paragraphs[0].style = doc.styles["Vorlagensteuerung"]
            fuelle(zelle.paragraphs[0], [inhalte])
            continue
        for zelle, (stil, teile) in zip(zeile.cells, inhalte, strict=True):
            absatz = zelle.paragraphs[0]
            absatz.style = doc.styles[stil]
            fuelle(absatz, teile)
    return tabelle


# --------------------------------------------------------------------------- flyer


def flyer_stile(doc: DocumentObject) -> None:
    """Plain-language style: Arial 14 pt, near black, headings dark blue, nothing under 12 pt."""
    bereinige_stile(doc)
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    setze(rpr, w("sz", val=28), RPR_FOLGE)
    setze(rpr, w("szCs", val=28), RPR_FOLGE)
    setze(rpr, w("color", val=TEXT), RPR_FOLGE)

    normal = absatzstil(doc, "Normal", None, groesse=14, farbe=TEXT, vor=0, nach=8, zeile=1.15)
    schriften(rpr_von(normal))
    sprache(rpr_von(normal))
    setze(ppr_von(normal), w("widowControl"), PPR_FOLGE)
    # No automatic hyphenation: split words are hard to read.
    setze(ppr_von(normal), w("suppressAutoHyphens"), PPR_FOLGE)

    absatzstil(doc, "Flyer Absender", groesse=14, fett=True, farbe=AKZENT, nach=4)
    titel = absatzstil(
        doc, "Title", groesse=40, fett=True, kursiv=False, farbe=AKZENT, vor=0, nach=4, zeile=1.0
    )
    setze(ppr_von(titel), w("pBdr"), PPR_FOLGE)
    for tag in ("spacing", "kern"):
        for alt in rpr_von(titel).findall(qn("w:" + tag)):
            rpr_von(titel).remove(alt)
    absatzstil(
        doc, "Flyer Motto", groesse=22, kursiv=False, farbe=AKZENT, vor=0, nach=10, zeile=1.1
    )
    absatzstil(
        doc,
        "Bild",
        vor=6,
        nach=2,
        zeile=1.0,
        ausrichtung=WD_ALIGN_PARAGRAPH.CENTER,
        mit_naechstem=True,
    )
    absatzstil(doc, "Flyer Bildunterschrift", groesse=12, farbe=TEXT, nach=10, zeile=1.0)
    for ebene, groesse, vor in ((1, 24, 12), (2, 18, 8)):
        stil = absatzstil(
            doc,
            f"Heading {ebene}",
            groesse=groesse,
            fett=True,
            kursiv=False,
            farbe=AKZENT,
            vor=vor,
            nach=6,
            zeile=1.0,
            mit_naechstem=True,
            zusammen=True,
            folgestil="Normal",
        )
        setze(ppr_von(stil), w("outlineLvl", val=ebene - 1), PPR_FOLGE)
        setze(ppr_von(stil), w("suppressAutoHyphens"), PPR_FOLGE)
    absatzstil(doc, "Einladung Frage", groesse=16, fett=True, farbe=AKZENT, nach=0, zeile=1.1)
    absatzstil(doc, "Einladung Antwort", groesse=16, farbe=TEXT, nach=0, zeile=1.15)
    absatzstil(
        doc,
        "Fakt Zahl",
        groesse=26,
        fett=True,
        farbe=AKZENT,
        vor=4,
        nach=4,
        zeile=1.0,
        ausrichtung=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    absatzstil(doc, "Fakt Text", groesse=15, farbe=TEXT, vor=4, nach=4, zeile=1.15)
    absatzstil(doc, "Kontakt Name", groesse=18, fett=True, farbe=TEXT, vor=0, nach=2)
    absatzstil(doc, "Kontakt Telefon", groesse=22, fett=True, farbe=AKZENT, vor=0, nach=6)
    absatzstil(doc, "Flyer klein", groesse=12, farbe=TEXT, vor=2, nach=4, zeile=1.1)
    absatzstil(
        doc,
        "Vorlagensteuerung",
        groesse=12,
        farbe="404040",
        vor=0,
        nach=0,
        zeile=1.0,
        schrift="Courier New",
    )
    for name in ("Header", "Footer"):
        absatzstil(doc, name, groesse=12, farbe=TEXT, vor=0, nach=0, zeile=1.0)


def flyer_seite(doc: DocumentObject) -> None:
    """A4 portrait, 2 cm margins, footer with the data hint on every page."""
    abschnitt = doc.sections[0]
    abschnitt.start_type = WD_SECTION_START.NEW_PAGE
    abschnitt.page_width = Twips(SEITE_BREITE)
    abschnitt.page_height = Twips(SEITE_HOEHE)
    for rand in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(abschnitt, rand, Twips(FLYER_RAND))
    abschnitt.header_distance = Twips(567)
    abschnitt.footer_distance = Twips(567)
    abschnitt.gutter = Twips(0)
    abschnitt.header.is_linked_to_previous = False
    abschnitt.header.paragraphs[0].style = doc.styles["Header"]
    fuss = abschnitt.footer
    fuss.is_linked_to_previous = False
    teile: list[list[Teil]] = [
        ["{%p if projekt.hinweis %}"],
        [Text("{{ projekt.hinweis }}", fett=True)],
        ["{%p endif %}"],
    ]
    for i, inhalt in enumerate(teile):
        absatz = fuss.paragraphs[0] if i == 0 else fuss.add_paragraph()
        absatz.style = doc.styles["Footer"]
        fuelle(absatz, inhalt)


def flyer_inhalt(b: Baustein) -> None:
    """Page 1: quarter, motto, photo, invitation. Page 2: why, key facts, contact."""
    sb = "quartier.seniorenbuero"
    b.absatz("Flyer Absender", "{{ projekt.stadt }} · {{ " + sb + ".name }}")
    b.absatz("Title", "{{ quartier.name }}")
    b.steuerung("if quartier.motto")
    b.absatz("Flyer Motto", "„{{ quartier.motto }}“")
    b.steuerung("endif")
    b.steuerung("if foto")
    b.absatz("Bild", "{{ foto }}")
    b.absatz("Flyer Bildunterschrift", "Foto: {{ foto_text }}")
    b.steuerung("endif")

    b.absatz("Heading 1", "Einladung: {{ einladung.veranstaltung }}")
    b.absatz(
        "Normal",
        "Wir laden Sie herzlich ein. Sagen Sie uns Ihre Meinung: "
        "Was ist gut in {{ quartier.name }}? Was fehlt?",
    )
    links = 2268
    rechts = FLYER_BREITE - links
    layout_tabelle(
        b.doc,
        [links, rechts],
        [
            [
                ("Einladung Frage", ["Wann?"]),
                (
                    "Einladung Antwort",
                    [
                        Text("{{ einladung.wann }}", fett=True),
                        "{% if einladung.uhrzeit %}",
                        UMBRUCH,
                        "{{ einladung.uhrzeit }}{% endif %}",
                    ],
                ),
            ],
            [
                ("Einladung Frage", ["Wo?"]),
                (
                    "Einladung Antwort",
                    [
                        Text("{{ einladung.ort }}", fett=True),
                        "{% if einladung.anschrift %}",
                        UMBRUCH,
                        "{{ einladung.anschrift }}{% endif %}",
                    ],
                ),
            ],
            "{%tr if einladung.anmeldung %}",
            [
                ("Einladung Frage", ["Anmeldung"]),
                ("Einladung Antwort", ["{{ einladung.anmeldung }}"]),
            ],
            "{%tr endif %}",
        ],
        "Wann und wo: Ort, Zeit und Anmeldung",
        rahmen=True,
    )
    b.steuerung("if einladung.hinweis")
    hinweis = b.absatz("Normal", "{{ einladung.hinweis }}")
    hinweis.paragraph_format.space_before = Pt(8)
    b.steuerung("endif")

    h = b.absatz("Heading 1", "Worum geht es?")
    h.paragraph_format.page_break_before = True
    b.absatz(
        "Normal",
        "Viele Menschen in {{ quartier.name }} werden älter. "
        "Sie möchten gut und sicher hier leben. So lange wie möglich.",
    )
    b.absatz(
        "Normal",
        "Die Stadt {{ projekt.stadt }} und das {{ " + sb + ".name }} wollen das Quartier "
        "mit Ihnen zusammen verbessern.",
    )
    b.absatz("Normal", "Sie kennen Ihr Quartier am besten. Ihre Ideen sind wichtig!")

    b.absatz("Heading 1", "{{ quartier.name }} in Zahlen")
    zahl = 2835
    layout_tabelle(
        b.doc,
        [zahl, FLYER_BREITE - zahl],
        [
            "{%tr for f in fakten %}",
            [("Fakt Zahl", ["{{ f.zahl }}"]), ("Fakt Text", ["{{ f.text }}"])],
            "{%tr endfor %}",
        ],
        "Wichtige Zahlen über das Quartier",
        mittig=True,
    )
    b.absatz(
        "Flyer klein",
        "Die Zahlen sind vom {{ stichtag }}. Sie kommen aus der Statistik der Stadt "
        "{{ projekt.stadt }}.",
    )

    b.absatz("Heading 1", "Haben Sie Fragen? Rufen Sie uns an!")
    b.absatz("Kontakt Name", "{{ " + sb + ".name }}")
    b.steuerung(f"if {sb}.telefon")
    b.absatz("Kontakt Telefon", "Telefon: {{ " + sb + ".telefon }}")
    b.steuerung("endif")
    b.absatz(
        "Normal",
        "{% if " + sb + ".anschrift %}{{ " + sb + ".anschrift }}{% endif %}"
        "{% if " + sb + ".email %}",
        UMBRUCH,
        "E-Mail: {{ " + sb + ".email }}{% endif %}{% if " + sb + ".sprechzeiten %}",
        UMBRUCH,
        "Sprechzeiten: {{ " + sb + ".sprechzeiten }}{% endif %}",
    )
    b.absatz("Flyer klein", "Herausgeber: {{ projekt.herausgeber }}")


def baue_flyer() -> DocumentObject:
    """The whole flyer template in memory."""
    doc = neues_dokument()
    einstellungen(doc)
    # Nothing to update in a flyer: do not ask the reader about fields on opening.
    for alt in doc.settings.element.findall(qn("w:updateFields")):
        doc.settings.element.remove(alt)
    flyer_stile(doc)
    flyer_eigenschaften(doc)
    flyer_seite(doc)
    flyer_inhalt(Baustein(doc, "Normal Table"))
    mindestens_lesbar(doc)
    return doc


# --------------------------------------------------------------------------- documentation


def titelblatt(b: Baustein) -> None:
    """Title page: sender, project, title, quarter, date, data hint."""
    b.absatz("Titelblatt Absender", "{{ projekt.herausgeber }}")
    b.absatz("Titelblatt Projekt", "{{ projekt.titel }}")
    b.absatz("Title", "Dokumentation: {{ dialog.titel }}")
    b.absatz(
        "Subtitle",
        "Bürgerdialog im Quartier {{ quartier.name }}, {{ bezeichnungen.stadtbezirk }} "
        "{{ quartier.stadtbezirk }}",
    )
    b.steuerung("if quartier.motto")
    b.absatz("Titelblatt Motto", "„{{ quartier.motto }}“")
    b.steuerung("endif")
    datum = b.absatz(
        "Titelblatt Angaben",
        Text(
            '{% if dialog.art == "interviews" %}Zeitraum der Gespräche: {% else %}'
            "Datum der Veranstaltung: {% endif %}",
            fett=True,
        ),
        "{{ dialog.datum }}",
    )
    datum.paragraph_format.space_before = Pt(160)
    b.steuerung("if projekt.hinweis")
    b.absatz("Hinweis", "{{ projekt.hinweis }}")
    b.steuerung("endif")


def veranstaltung(b: Baustein) -> None:
    """1 The event (or interview series): facts, agenda."""
    h = b.ueberschrift(
        1, '{% if dialog.art == "interviews" %}Die Gespräche{% else %}Die Veranstaltung{% endif %}'
    )
    h.paragraph_format.page_break_before = True
    b.beschriftung("Tabelle", "Angaben zum Bürgerdialog", vor_tabelle=True)
    b.tabelle(
        [("Merkmal", 2608, "links"), ("Angabe", 6462, "links")],
        [
            [
                "Art",
                '{% if dialog.art == "interviews" %}Einzelgespräche mit älteren Menschen'
                "{% else %}Bürgerwerkstatt{% endif %}",
            ],
            ["Bezeichnung", "{{ dialog.titel }}"],
            [
                '{% if dialog.art == "interviews" %}Zeitraum{% else %}Datum{% endif %}',
                "{{ dialog.datum }}",
            ],
            ["{%tr if dialog.uhrzeit %}"],
            ["Uhrzeit", "{{ dialog.uhrzeit }}"],
            ["{%tr endif %}"],
            ["Ort", "{{ dialog.ort }}"],
            ["{%tr if dialog.moderation %}"],
            [
                '{% if dialog.art == "interviews" %}Gesprächsführung{% else %}Moderation{% endif %}',
                "{{ dialog.moderation }}",
            ],
            ["{%tr endif %}"],
            ["{%tr if dialog.teilnehmende %}"],
            [
                '{% if dialog.art == "interviews" %}Gespräche{% else %}Teilnehmende{% endif %}',
                "{{ dialog.teilnehmende }}",
            ],
            ["{%tr endif %}"],
            ["{%tr if dialog.evaluation %}"],
            ["Evaluationsbögen", "{{ dialog.evaluation.ruecklauf }}"],
            ["{%tr endif %}"],
        ],
        "Angaben zum Bürgerdialog",
        erste_spalte=True,
    )
    b.steuerung("if dialog.tagesordnung")
    b.ueberschrift(2, "Ablauf")
    b.beschriftung("Tabelle", "Ablauf der Veranstaltung", vor_tabelle=True)
    b.tabelle(
        [("Uhrzeit", 1418, "links"), ("Programmpunkt", 7652, "links")],
        [
            ["{%tr for p in dialog.tagesordnung %}"],
            ["{{ p.uhrzeit }}", "{{ p.titel }}"],
            ["{%tr endfor %}"],
        ],
        "Ablauf der Veranstaltung",
    )
    b.steuerung("endif")


def interviews(b: Baustein) -> None:
    """Interviews: who was asked, and what they said by Handlungsfeld."""
    i = "dialog.interviews"
    b.ueberschrift(1, "Wer wurde befragt?")
    b.absatz(
        "Normal",
        "Statt einer Bürgerwerkstatt wurden im Quartier {{ quartier.name }} vom "
        "{{ " + i + ".zeitraum }} {{ " + i + ".anzahl }} Einzelgespräche mit älteren Menschen "
        "geführt. Die Gespräche folgten den drei Handlungsfeldern; die Tabelle nennt für jedes "
        "Gespräch das Handlungsfeld, um das es vor allem ging.",
    )
    b.absatz("Normal", Text("Geschlecht: ", fett=True), "{{ " + i + ".geschlecht }}")
    b.beschriftung("Tabelle", "Gespräche nach Altersgruppe", vor_tabelle=True)
    b.tabelle(
        [("Altersgruppe (Jahre)", 4535, "links"), ("Gespräche", 4535, "rechts")],
        [
            ["{%tr for a in " + i + ".altersgruppen %}"],
            ["{{ a.gruppe }}", "{{ a.anzahl }}"],
            ["{%tr endfor %}"],
        ],
        "Gespräche nach Altersgruppe",
    )
    b.beschriftung("Tabelle", "Übersicht der Gespräche", vor_tabelle=True)
    b.tabelle(
        [
            ("Nr.", 850, "links"),
            ("Datum", 1701, "links"),
            ("Altersgruppe", 2268, "links"),
            ("Geschlecht", 2268, "links"),
            ("Handlungsfeld", 1983, "mitte"),
        ],
        [
            ["{%tr for g in " + i + ".liste %}"],
            [
                "{{ g.nr }}",
                "{{ g.datum }}",
                "{{ g.altersgruppe }}",
                "{{ g.geschlecht }}",
                "{{ g.handlungsfeld }}",
            ],
            ["{%tr endfor %}"],
        ],
        "Übersicht der Gespräche",
    )

    b.ueberschrift(1, "Was die Befragten sagen")
    b.steuerung("for hf in " + i + ".handlungsfelder")
    b.ueberschrift(2, "Handlungsfeld {{ hf.nr }}: {{ hf.name }}")
    b.absatz("Quellenangabe", "{{ hf.anzahl }} vor allem zu diesem Handlungsfeld")
    b.ueberschrift(3, "Kernaussagen")
    b.steuerung("for a in hf.aussagen")
    b.absatz("List Bullet", "{{ a.text }} (Gespräch {{ a.nr }})")
    b.steuerung("endfor")
    b.steuerung("if hf.wuensche")
    b.ueberschrift(3, "Wünsche")
    b.steuerung("for a in hf.wuensche")
    b.absatz("List Bullet", "{{ a.text }} (Gespräch {{ a.nr }})")
    b.steuerung("endfor")
    b.steuerung("endif")
    b.steuerung("endfor")


def werkstatt(b: Baustein) -> None:
    """Workshop: topic cards and proposals by Handlungsfeld, proposals ranked by votes."""
    b.ueberschrift(1, "Ergebnisse nach Handlungsfeldern")
    b.absatz(
        "Normal",
        "An den Thementischen schrieben die Teilnehmenden {{ dialog.karten_anzahl }} Karten. "
        "Daraus entstanden Vorschläge, die alle mit Klebepunkten gewichtet haben. Die Karten "
        "sind hier so wiedergegeben, wie sie geschrieben wurden.",
    )
    b.steuerung("for hf in dialog.handlungsfelder")
    b.ueberschrift(2, "Handlungsfeld {{ hf.nr }}: {{ hf.name }}")
    b.ueberschrift(3, "Themenkarten")
    b.liste("hf.karten", "karte", "Zu diesem Handlungsfeld wurden keine Karten geschrieben.")
    b.ueberschrift(3, "Vorschläge")
    b.steuerung("if hf.vorschlaege")
    b.steuerung("for v in hf.vorschlaege")
    b.absatz("List Bullet", "{{ v.text }} – {{ v.punkte }} Punkte")
    b.steuerung("endfor")
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Zu diesem Handlungsfeld gibt es keinen Vorschlag.")
    b.steuerung("endif")
    b.steuerung("endfor")

    b.ueberschrift(1, "Vorschläge nach Punkten")
    b.absatz(
        "Normal",
        "Insgesamt wurden {{ dialog.punkte_summe }} Punkte vergeben. Vorschläge mit gleich "
        "vielen Punkten teilen sich einen Rang.",
    )
    b.beschriftung("Tabelle", "Vorschläge nach Zahl der Punkte", vor_tabelle=True)
    b.tabelle(
        [
            ("Rang", 737, "mitte"),
            ("Vorschlag", 4819, "links"),
            ("HF", 567, "mitte"),
            ("Punkte", 1020, "rechts"),
            ("Maßnahme", 1927, "links"),
        ],
        [
            ["{%tr for v in dialog.vorschlaege %}"],
            [
                "{{ v.rang }}",
                "{{ v.text }}",
                "{{ v.handlungsfeld }}",
                "{{ v.punkte }}",
                "{{ v.massnahmen }}",
            ],
            ["{%tr endfor %}"],
        ],
        "Vorschläge nach Zahl der Punkte",
    )
    b.absatz(
        "Quellenangabe",
        "HF = Handlungsfeld. Maßnahme = Nummer in der Liste der Maßnahmevorschläge (siehe "
        "nächster Abschnitt).",
    )


def umsetzung(b: Baustein) -> None:
    """Which proposals became measures."""
    b.ueberschrift(1, "Was daraus geworden ist")
    b.steuerung("if dialog.umsetzung")
    b.absatz(
        "Normal",
        "Diese Vorschläge aus dem Bürgerdialog sind in die Liste der Maßnahmevorschläge für "
        "{{ quartier.name }} eingegangen:",
    )
    b.beschriftung("Tabelle", "Vom Vorschlag zur Maßnahme", vor_tabelle=True)
    b.tabelle(
        [
            (
                '{% if dialog.art == "interviews" %}Gespräch{% else %}Vorschlag{% endif %}',
                3402,
                "links",
            ),
            ("Nr.", 567, "mitte"),
            ("Maßnahme", 2835, "links"),
            ("Status", 2266, "links"),
        ],
        [
            ["{%tr for u in dialog.umsetzung %}"],
            [
                "{{ u.herkunft }}",
                "{{ u.nr }}",
                [[Text("{{ u.titel }}", fett=True)], ["{{ u.zustaendig }}"]],
                "{{ u.status }}",
            ],
            ["{%tr endfor %}"],
        ],
        "Vom Vorschlag zur Maßnahme",
    )
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Aus diesem Bürgerdialog ist noch keine Maßnahme entstanden.")
    b.steuerung("endif")


def evaluation(b: Baustein) -> None:
    """Evaluation: summary table, one chart per scale question, free-text answers."""
    e = "dialog.evaluation"
    b.ueberschrift(1, "Evaluation")
    b.steuerung("if " + e)
    b.absatz(
        "Normal",
        "Am Ende der Veranstaltung füllten die Teilnehmenden einen Bewertungsbogen aus: "
        "{{ " + e + ".ruecklauf }}. Bei den Fragen mit Skala steht 1 für die beste und 5 für die "
        "schlechteste Bewertung.",
    )
    b.beschriftung("Tabelle", "Bewertung im Überblick", vor_tabelle=True)
    b.tabelle(
        [
            ("Frage", 4819, "links"),
            ("Antworten", 1247, "rechts"),
            ("Mittelwert", 1304, "rechts"),
            ("1 oder 2", 1700, "rechts"),
        ],
        [
            ["{%tr for f in " + e + ".fragen %}"],
            ["{{ f.text }}", "{{ f.antworten }}", "{{ f.mittelwert }}", "{{ f.anteil_1_2 }}"],
            ["{%tr endfor %}"],
        ],
        "Bewertung im Überblick",
    )
    b.absatz(
        "Quellenangabe",
        "Antworten = Bögen mit einer Antwort auf die Frage. „1 oder 2“ = Anteil dieser Bögen, "
        "die 1 oder 2 angekreuzt haben.",
    )
    b.steuerung("for f in " + e + ".fragen")
    b.absatz("Bild", "{{ f.bild }}")
    b.beschriftung("Abbildung", "{{ f.text }} ({{ f.skala }})")
    b.absatz(
        "Quellenangabe",
        "Quelle: Evaluationsbögen {{ dialog.titel }}, {{ dialog.datum }}; {{ f.antworten }} "
        "Antworten.",
    )
    b.steuerung("endfor")
    b.steuerung("for t in " + e + ".freitext")
    b.ueberschrift(2, "{{ t.frage }}")
    b.steuerung("for z in t.zitate")
    b.absatz("Quote", "„{{ z }}“")
    b.steuerung("endfor")
    b.steuerung("endfor")
    b.steuerung("else")
    b.absatz(
        "Ohne Angaben",
        "Zu diesem Bürgerdialog gibt es keine schriftliche Evaluation.",
    )
    b.steuerung("endif")


def quellen(b: Baustein) -> None:
    """Sources and imprint."""
    b.ueberschrift(1, "Quellen")
    b.absatz("Normal", "Diese Dokumentation beruht auf den folgenden Quellen:")
    b.steuerung("for q in quellen")
    b.absatz("List Bullet", "{{ q.text }}")
    b.steuerung("endfor")
    b.absatz("Normal", Text("Herausgeber", fett=True), UMBRUCH, "{{ projekt.herausgeber }}")
    b.steuerung("if projekt.hinweis")
    b.absatz("Normal", Text("Hinweis", fett=True), UMBRUCH, "{{ projekt.hinweis }}")
    b.steuerung("endif")


def baue_dokumentation() -> DocumentObject:
    """The whole documentation template in memory, in the house style of the profile."""
    doc = grundgeruest(True, TABELLE_PROFIL)
    eigenschaften(
        doc,
        titel="Dokumentation: {{ dialog.titel|safe }}",
        thema="{{ projekt.titel|safe }}",
        stichworte="Bürgerdialog; Dokumentation; Evaluation; altersgerechte Quartiersentwicklung",
        kategorie="Dokumentation Bürgerdialog",
    )
    seite(
        doc,
        [["{{ projekt.titel }}"], *hinweis_kopfzeile()],
        [["Dokumentation Bürgerdialog {{ quartier.name }}", TAB, *seitenzahl()]],
        titelseite=True,
    )
    b = Baustein(doc, TABELLE_PROFIL)
    titelblatt(b)
    veranstaltung(b)
    b.steuerung('if dialog.art == "interviews"')
    interviews(b)
    b.steuerung("else")
    werkstatt(b)
    b.steuerung("endif")
    umsetzung(b)
    evaluation(b)
    quellen(b)
    return doc


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description="Erzeugt die Word-Vorlagen für Flyer und Dokumentation des Bürgerdialogs."
    )
    parser.add_argument("--ziel", type=Path, default=ZIEL, help=f"Zielordner (Standard: {ZIEL})")
    ziel: Path = parser.parse_args(argv).ziel
    for name, doc in (("flyer.docx", baue_flyer()), ("dokumentation.docx", baue_dokumentation())):
        speichere(doc, ziel / name)
        print(f"Vorlage geschrieben: {ziel / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
