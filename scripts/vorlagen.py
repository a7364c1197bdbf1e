"""Build the Word templates ``vorlagen/quartiersprofil.docx``, ``vorlagen/gremienvorlage.docx``
and ``vorlagen/veraenderungen.docx`` (the change report of ``qprofil changes``).

The templates are ordinary Word documents with docxtpl placeholders (see
``vorlagen/PLATZHALTER.md``). This script writes them from scratch, deterministically: running it
twice gives the same bytes. Both share the house style (styles, tables, header and footer, fields);
the committee submission ("Gremienvorlage") adapts the headings to the layout of a council draft.
Authors may instead edit a .docx in Word; then do not run this script again for it (``--nur``),
or their changes are overwritten.

Usage::

    python scripts/vorlagen.py                        # writes all three templates into vorlagen/
    python scripts/vorlagen.py --nur gremienvorlage   # only one of them
    python scripts/vorlagen.py --ordner /tmp/x        # writes elsewhere
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

WURZEL = Path(__file__).resolve().parent.parent
ORDNER = WURZEL / "vorlagen"

# Layout: A4 portrait, 2.5 cm margins. 1 cm = 567 twips (1/20 pt).
SEITE_BREITE = 11906
SEITE_HOEHE = 16838
RAND = 1418
SATZBREITE = SEITE_BREITE - 2 * RAND  # 9070 twips = 16.0 cm
#: Photo column of the Quartiersbegehung: 10 cm (a 9.5 cm photo and the cell margins).
FOTOSPALTE = 5670

SCHRIFT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
SCHRIFT_STEUERUNG = "Courier New"
AKZENT = "1F4E79"  # dark blue: headings, table head, rules
AKZENT_HELL = "DCE6F1"
GRAU_TEXT = "595959"
GRAU_LINIE = "A6A6A6"
ZEBRA = "F2F2F2"
SPRACHE = "de-DE"

# Fixed metadata so that two runs give identical files.
ZEITSTEMPEL = dt.datetime(2017, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
ZIP_ZEIT = (1980, 1, 1, 0, 0, 0)

# Table styles, one per document (Word shows the name in its table style gallery).
TABELLE_PROFIL = "Tabelle Quartiersprofil"
TABELLE_GREMIEN = "Tabelle Gremienvorlage"

# Numbering definitions added to numbering.xml (ids far above the ones of the base template).
NUM_UEBERSCHRIFTEN = 101
NUM_AUFZAEHLUNG = 102

# Schema order of child elements: python-docx knows some of them, not all.
PPR_FOLGE = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_FOLGE = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
TCPR_FOLGE = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]
TRPR_FOLGE = [
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
]
TBLPR_FOLGE = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]
STYLE_FOLGE = [
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
]


# --------------------------------------------------------------------------- OOXML helpers


def w(tag: str, *kinder: object, **attrs: str | int) -> OxmlElement:
    """Make a ``w:`` element; keyword ``val="x"`` becomes ``w:val="x"``."""
    elem = OxmlElement("w:" + tag)
    for key, value in attrs.items():
        elem.set(qn("w:" + key.rstrip("_")), str(value))
    for kind in kinder:
        elem.append(kind)
    return elem


def setze(eltern: OxmlElement, kind: OxmlElement, folge: Sequence[str]) -> OxmlElement:
    """Put ``kind`` into ``eltern`` at its schema position, replacing one of the same tag."""
    tag = kind.tag
    for alt in eltern.findall(tag):
        eltern.remove(alt)
    name = tag.split("}")[1]
    spaeter = set(folge[folge.index(name) + 1 :])
    for i, vorhanden in enumerate(eltern):
        if vorhanden.tag.split("}")[-1] in spaeter:
            eltern.insert(i, kind)
            return kind
    eltern.append(kind)
    return kind


def kind_von(eltern: OxmlElement, tag: str, folge: Sequence[str]) -> OxmlElement:
    """Return the child ``w:tag`` of ``eltern``, creating it at its schema position."""
    vorhanden = eltern.find(qn("w:" + tag))
    if vorhanden is not None:
        return vorhanden
    return setze(eltern, w(tag), folge)


def ppr_von(style_oder_absatz: BaseStyle | Paragraph) -> OxmlElement:
    """The w:pPr of a style or paragraph (created if missing)."""
    if isinstance(style_oder_absatz, Paragraph):
        return style_oder_absatz._p.get_or_add_pPr()
    return kind_von(style_oder_absatz.element, "pPr", STYLE_FOLGE)


def rpr_von(style: BaseStyle) -> OxmlElement:
    """The w:rPr of a style (created if missing)."""
    return kind_von(style.element, "rPr", STYLE_FOLGE)


def schriften(rpr: OxmlElement, name: str = SCHRIFT) -> None:
    """Set an explicit font for all scripts (no theme fonts, which would win in Word)."""
    setze(rpr, w("rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name), RPR_FOLGE)


def sprache(rpr: OxmlElement) -> None:
    """Mark text as German (spelling, hyphenation)."""
    setze(rpr, w("lang", val=SPRACHE, eastAsia=SPRACHE, bidi="ar-SA"), RPR_FOLGE)


def rahmenlinie(art: str, staerke: int, farbe: str, abstand: int = 0) -> dict[str, str | int]:
    """Attributes of a border line (``staerke`` in eighths of a point)."""
    return {"val": art, "sz": staerke, "space": abstand, "color": farbe}


def tabstopps(ppr: OxmlElement, *stopps: tuple[str, int, str]) -> None:
    """Replace the tab stops: (alignment, position in twips, leader)."""
    tabs = w("tabs")
    for ausrichtung, position, fuellung in stopps:
        tabs.append(w("tab", val=ausrichtung, leader=fuellung, pos=position))
    setze(ppr, tabs, PPR_FOLGE)


# --------------------------------------------------------------------------- paragraph content


@dataclass(frozen=True)
class Text:
    """A run of text with optional formatting."""

    text: str
    fett: bool = False
    kursiv: bool = False
    hoch: bool = False


@dataclass(frozen=True)
class Feld:
    """A complex field (PAGE, NUMPAGES, SEQ …) with the result shown before an update."""

    anweisung: str
    ergebnis: str
    fett: bool = False


@dataclass(frozen=True)
class Zelle:
    """A table cell with its own alignment (used for merged cells)."""

    inhalt: str
    ausrichtung: str


class Umbruch:
    """A line break inside a paragraph."""


class Tab:
    """A tab character."""


Teil = str | Text | Feld | Umbruch | Tab

UMBRUCH = Umbruch()
TAB = Tab()


def _lauf(absatz: Paragraph, fett: bool = False) -> OxmlElement:
    run = absatz.add_run()
    if fett:
        run.bold = True
    return run._r


def feld_einfuegen(absatz: Paragraph, feld: Feld) -> None:
    """Append a complex field: begin, instruction, separate, cached result, end."""
    for inhalt in (
        w("fldChar", fldCharType="begin"),
        None,
        w("fldChar", fldCharType="separate"),
        "ergebnis",
        w("fldChar", fldCharType="end"),
    ):
        r = _lauf(absatz, feld.fett)
        if inhalt is None:
            instr = w("instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {feld.anweisung} "
            r.append(instr)
        elif inhalt == "ergebnis":
            t = w("t")
            t.text = feld.ergebnis
            r.append(t)
        else:
            r.append(inhalt)


def fuelle(absatz: Paragraph, teile: Iterable[Teil]) -> Paragraph:
    """Append text runs, fields, tabs and line breaks to a paragraph."""
    for teil in teile:
        if isinstance(teil, str):
            absatz.add_run(teil)
        elif isinstance(teil, Text):
            run = absatz.add_run(teil.text)
            run.bold = teil.fett or None
            run.italic = teil.kursiv or None
            if teil.hoch:
                run.font.superscript = True
        elif isinstance(teil, Feld):
            feld_einfuegen(absatz, teil)
        elif isinstance(teil, Umbruch):
            absatz.add_run().add_break()
        elif isinstance(teil, Tab):
            absatz.add_run().add_tab()
    return absatz


class Baustein:
    """Writes the body: paragraphs and tables in document order."""

    def __init__(self, doc: DocumentObject, tabellenstil: str = TABELLE_PROFIL) -> None:
        self.doc = doc
        self.tabellenstil = tabellenstil
        self.zaehler: dict[str, int] = {}

    def absatz(self, stil: str, *teile: Teil) -> Paragraph:
        """A paragraph in the given style."""
        return fuelle(self.doc.add_paragraph(style=stil), teile)

    def steuerung(self, anweisung: str) -> Paragraph:
        """A paragraph holding only a ``{%p … %}`` tag (removed when rendering)."""
        return self.absatz("Vorlagensteuerung", "{%p " + anweisung + " %}")

    def ueberschrift(self, ebene: int, *teile: Teil, nummeriert: bool = True) -> Paragraph:
        """A heading; unnumbered ones keep their outline level (they stay in the TOC)."""
        stil = f"Heading {ebene}" if nummeriert else UEBERSCHRIFT_OHNE_NUMMER
        return self.absatz(stil, *teile)

    def liste(self, quelle: str, variable: str, leer: str) -> None:
        """A bullet list over ``quelle`` with a fallback sentence when it is empty."""
        self.steuerung(f"if {quelle}")
        self.steuerung(f"for {variable} in {quelle}")
        self.absatz("List Bullet", "{{ " + variable + " }}")
        self.steuerung("endfor")
        self.steuerung("else")
        self.absatz("Ohne Angaben", leer)
        self.steuerung("endif")

    def beschriftung(self, art: str, *teile: Teil, vor_tabelle: bool = False) -> Paragraph:
        """A caption "Abbildung N: …" / "Tabelle N: …" numbered with a SEQ field.

        The cached result is the number in template order; qprofil writes the numbers in document
        order when it renders (qprofil/word/rendern.py), LibreOffice recounts whenever it lays
        out the page, Word when the fields are updated (F9).
        """
        self.zaehler[art] = self.zaehler.get(art, 0) + 1
        absatz = self.absatz(
            "Caption",
            Text(art + " ", fett=True),
            Feld(f"SEQ {art} \\* ARABIC", str(self.zaehler[art]), fett=True),
            Text(": ", fett=True),
            *teile,
        )
        if vor_tabelle:
            absatz.paragraph_format.keep_with_next = True
            absatz.paragraph_format.space_before = Pt(9)
            absatz.paragraph_format.space_after = Pt(4)
        return absatz

    def tabelle(
        self,
        spalten: Sequence[tuple[str | Sequence[Teil], int, str]],
        zeilen: Sequence[Sequence[str | Zelle | Sequence[Teil] | Sequence[Sequence[Teil]] | None]],
        beschreibung: str,
        letzte_zeile: bool = False,
        erste_spalte: bool = False,
        zusammenhalten: bool = False,
    ) -> Table:
        """A table in the house style with a repeating header row.

        ``spalten``: (header, width in twips, "links"/"rechts"/"mitte").
        ``zeilen``: per cell a text, a list of parts (one paragraph), a list of lists of parts
        (several paragraphs), or None to merge the cell into its left neighbour. A row whose
        single content starts with ``{%tr`` is a docxtpl control row spanning all columns.
        ``zusammenhalten``: a short table stays on one page with the paragraph that follows
        (its source line); a table longer than a page still breaks.
        """
        breiten = [b for _, b, _ in spalten]
        if sum(breiten) != SATZBREITE:
            raise ValueError(f"Spaltenbreiten {sum(breiten)} ≠ Satzspiegel {SATZBREITE}")
        tabelle = self.doc.add_table(rows=1 + len(zeilen), cols=len(spalten))
        tabelle.style = self.doc.styles[self.tabellenstil]
        tabelle.alignment = WD_TABLE_ALIGNMENT.LEFT
        tbl = tabelle._tbl
        tblpr = tbl.tblPr
        setze(tblpr, w("tblW", w=SATZBREITE, type="dxa"), TBLPR_FOLGE)
        setze(tblpr, w("tblLayout", type="fixed"), TBLPR_FOLGE)
        # LibreOffice reads the hex mask in w:val, Word the attributes: keep them in step.
        maske = 0x0020 | 0x0400 | (0x0040 if letzte_zeile else 0) | (0x0080 if erste_spalte else 0)
        setze(
            tblpr,
            w(
                "tblLook",
                val=f"{maske:04X}",
                firstRow=1,
                lastRow=int(letzte_zeile),
                firstColumn=int(erste_spalte),
                lastColumn=0,
                noHBand=0,
                noVBand=1,
            ),
            TBLPR_FOLGE,
        )
        setze(tblpr, w("tblCaption", val=beschreibung), TBLPR_FOLGE)
        for grid, breite in zip(tbl.tblGrid.findall(qn("w:gridCol")), breiten, strict=True):
            grid.set(qn("w:w"), str(breite))

        for zeile in tabelle.rows:
            trpr = zeile._tr.get_or_add_trPr()
            setze(trpr, w("cantSplit"), TRPR_FOLGE)
            for zelle, breite in zip(zeile.cells, breiten, strict=True):
                setze(zelle._tc.get_or_add_tcPr(), w("tcW", w=breite, type="dxa"), TCPR_FOLGE)

        kopf = tabelle.rows[0]
        setze(kopf._tr.get_or_add_trPr(), w("tblHeader"), TRPR_FOLGE)
        for zelle, (titel, _, ausrichtung) in zip(kopf.cells, spalten, strict=True):
            self._zelle(zelle, "Tabellenkopf", titel, ausrichtung)

        for zeile, inhalte in zip(tabelle.rows[1:], zeilen, strict=True):
            if len(inhalte) == 1 and isinstance(inhalte[0], str) and inhalte[0].startswith("{%tr"):
                zelle = zeile.cells[0].merge(zeile.cells[-1])
                self._zelle(zelle, "Vorlagensteuerung", inhalte[0], "links")
                continue
            zellen = zeile.cells
            start = 0
            for i in range(1, len(inhalte) + 1):
                if i < len(inhalte) and inhalte[i] is None:
                    continue
                zelle = zellen[start] if i - 1 == start else zellen[start].merge(zellen[i - 1])
                inhalt = inhalte[start]
                ausrichtung = spalten[start][2]
                if isinstance(inhalt, Zelle):
                    inhalt, ausrichtung = inhalt.inhalt, inhalt.ausrichtung
                self._zelle(zelle, "Tabellentext", inhalt, ausrichtung)
                start = i
        if zusammenhalten:
            for absatz in tbl.iter(qn("w:p")):
                setze(absatz.get_or_add_pPr(), w("keepNext"), PPR_FOLGE)
        return tabelle

    def _zelle(self, zelle: _Cell, stil: str, inhalt: object, ausrichtung: str) -> None:
        absaetze: list[Sequence[Teil]]
        if isinstance(inhalt, str):
            absaetze = [[inhalt]]
        elif inhalt and all(isinstance(x, list) for x in inhalt):  # type: ignore[union-attr]
            absaetze = list(inhalt)  # type: ignore[arg-type]
        else:
            absaetze = [list(inhalt)]  # type: ignore[arg-type]
        for i, teile in enumerate(absaetze):
            absatz = zelle.paragraphs[0] if i == 0 else zelle.add_paragraph()
            absatz.style = self.doc.styles[stil]
            if ausrichtung == "rechts" and stil != "Vorlagensteuerung":
                absatz.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif ausrichtung == "mitte":
                absatz.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fuelle(absatz, teile)

    def rastertabelle(
        self,
        zellen: Sequence[tuple[int, Sequence[tuple[str, Sequence[Teil]]]]],
        beschreibung: str,
    ) -> Table:
        """A borderless layout table of one row that places blocks side by side (letterhead).

        ``zellen``: per cell its width in twips and its paragraphs as (style, parts). No table
        style and no header row: it carries no data, only a rule below.
        """
        breiten = [b for b, _ in zellen]
        if sum(breiten) != SATZBREITE:
            raise ValueError(f"Spaltenbreiten {sum(breiten)} ≠ Satzspiegel {SATZBREITE}")
        tabelle = self.doc.add_table(rows=1, cols=len(zellen))
        tabelle.alignment = WD_TABLE_ALIGNMENT.LEFT
        tbl = tabelle._tbl
        tblpr = tbl.tblPr
        setze(tblpr, w("tblW", w=SATZBREITE, type="dxa"), TBLPR_FOLGE)
        setze(tblpr, w("tblInd", w=0, type="dxa"), TBLPR_FOLGE)
        setze(
            tblpr,
            w("tblBorders", w("bottom", **rahmenlinie("single", 12, AKZENT))),
            TBLPR_FOLGE,
        )
        setze(tblpr, w("tblLayout", type="fixed"), TBLPR_FOLGE)
        setze(
            tblpr,
            w(
                "tblCellMar",
                w("top", w=0, type="dxa"),
                w("left", w=0, type="dxa"),
                w("bottom", w=142, type="dxa"),
                w("right", w=170, type="dxa"),
            ),
            TBLPR_FOLGE,
        )
        setze(
            tblpr,
            w(
                "tblLook",
                val="0000",
                firstRow=0,
                lastRow=0,
                firstColumn=0,
                lastColumn=0,
                noHBand=1,
                noVBand=1,
            ),
            TBLPR_FOLGE,
        )
        setze(tblpr, w("tblCaption", val=beschreibung), TBLPR_FOLGE)
        for grid, breite in zip(tbl.tblGrid.findall(qn("w:gridCol")), breiten, strict=True):
            grid.set(qn("w:w"), str(breite))
        zeile = tabelle.rows[0]
        setze(zeile._tr.get_or_add_trPr(), w("cantSplit"), TRPR_FOLGE)
        for zelle, (breite, absaetze) in zip(zeile.cells, zellen, strict=True):
            setze(zelle._tc.get_or_add_tcPr(), w("tcW", w=breite, type="dxa"), TCPR_FOLGE)
            for i, (stil, teile) in enumerate(absaetze):
                absatz = zelle.paragraphs[0] if i == 0 else zelle.add_paragraph()
                absatz.style = self.doc.styles[stil]
                fuelle(absatz, teile)
        return tabelle


# --------------------------------------------------------------------------- styles


def absatzstil(
    doc: DocumentObject,
    name: str,
    basis: str | None = "Normal",
    *,
    groesse: float | None = None,
    fett: bool | None = None,
    kursiv: bool | None = None,
    farbe: str | None = None,
    vor: float | None = None,
    nach: float | None = None,
    zeile: float | None = None,
    links: int | None = None,
    haengend: int | None = None,
    ausrichtung: WD_ALIGN_PARAGRAPH | None = None,
    mit_naechstem: bool | None = None,
    zusammen: bool | None = None,
    folgestil: str | None = None,
    schrift: str | None = None,
) -> BaseStyle:
    """Create or redefine a paragraph style (German custom styles, built-in ones by name)."""
    try:
        stil = doc.styles[name]
    except KeyError:
        stil = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        stil.quick_style = True
    if basis is not None:
        stil.base_style = doc.styles[basis]
    stil.hidden = False
    stil.unhide_when_used = False
    font = stil.font
    if groesse is not None:
        font.size = Pt(groesse)
        setze(rpr_von(stil), w("szCs", val=int(groesse * 2)), RPR_FOLGE)
    if fett is not None:
        font.bold = fett
        setze(rpr_von(stil), w("bCs") if fett else w("bCs", val=0), RPR_FOLGE)
    if kursiv is not None:
        font.italic = kursiv
    if farbe is not None:
        setze(rpr_von(stil), w("color", val=farbe), RPR_FOLGE)
    if schrift is not None:
        schriften(rpr_von(stil), schrift)
    pf = stil.paragraph_format
    if vor is not None:
        pf.space_before = Pt(vor)
    if nach is not None:
        pf.space_after = Pt(nach)
    if zeile is not None:
        pf.line_spacing = zeile
    if links is not None:
        pf.left_indent = Twips(links)
    if haengend is not None:
        pf.first_line_indent = Twips(-haengend)
    if ausrichtung is not None:
        pf.alignment = ausrichtung
    if mit_naechstem is not None:
        pf.keep_with_next = mit_naechstem
    if zusammen is not None:
        pf.keep_together = zusammen
    if folgestil is not None:
        stil.next_paragraph_style = doc.styles[folgestil]
    return stil


def bereinige_stile(doc: DocumentObject) -> None:
    """Drop theme fonts and theme colours from all styles; mark everything German."""
    styles = doc.styles.element
    thema = [qn("w:" + a) for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in thema:
            rfonts.attrib.pop(attr, None)
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)
    for farbe in styles.iter(qn("w:color")):
        for attr in ("themeColor", "themeShade", "themeTint"):
            farbe.attrib.pop(qn("w:" + attr), None)
    # The base template carries ~130 built-in table styles in Word 2010 colours: keep only the
    # plain ones (Word offers its own gallery anyway) so that the house table style stands out.
    for stil in styles.findall(qn("w:style")):
        if stil.get(qn("w:type")) == "table" and stil.get(qn("w:styleId")) not in (
            "TableNormal",
            "TableGrid",
        ):
            styles.remove(stil)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), SPRACHE)
        lang.set(qn("w:eastAsia"), SPRACHE)

    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    schriften(rpr)
    setze(rpr, w("sz", val=22), RPR_FOLGE)
    setze(rpr, w("szCs", val=22), RPR_FOLGE)
    sprache(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    setze(ppr, w("spacing", after=120, line=264, lineRule="auto"), PPR_FOLGE)


def stile(doc: DocumentObject, tabelle: str = TABELLE_PROFIL) -> None:
    """Define the house style: Arial 11 pt, German, blue headings, captions, notes, tables.

    ``tabelle`` names the table style of the document (its data tables use only that one).
    """
    bereinige_stile(doc)

    normal = absatzstil(doc, "Normal", None, groesse=11, vor=0, nach=6, zeile=1.1)
    schriften(rpr_von(normal))
    sprache(rpr_von(normal))
    setze(ppr_von(normal), w("widowControl"), PPR_FOLGE)

    # Title page
    absatzstil(doc, "Title", groesse=28, fett=True, farbe=AKZENT, vor=6, nach=6, zeile=1.0)
    titel = doc.styles["Title"]
    setze(ppr_von(titel), w("pBdr"), PPR_FOLGE)  # no rule from the base template
    setze(ppr_von(titel), w("contextualSpacing", val=0), PPR_FOLGE)
    setze(ppr_von(titel), w("suppressAutoHyphens"), PPR_FOLGE)
    for tag in ("spacing", "kern"):
        for alt in rpr_von(titel).findall(qn("w:" + tag)):
            rpr_von(titel).remove(alt)
    absatzstil(
        doc, "Subtitle", groesse=16, fett=False, kursiv=False, farbe=GRAU_TEXT, vor=0, nach=6
    )
    sub = rpr_von(doc.styles["Subtitle"])
    for alt in sub.findall(qn("w:spacing")):
        sub.remove(alt)
    absatzstil(doc, "Titelblatt Absender", groesse=12, fett=True, farbe=AKZENT, nach=0)
    projekt = absatzstil(doc, "Titelblatt Projekt", groesse=14, farbe=AKZENT, vor=150, nach=12)
    setze(
        ppr_von(projekt),
        w("pBdr", w("bottom", **rahmenlinie("single", 12, AKZENT, 6))),
        PPR_FOLGE,
    )
    absatzstil(doc, "Titelblatt Motto", groesse=13, kursiv=True, farbe=GRAU_TEXT, vor=12, nach=0)
    absatzstil(doc, "Titelblatt Angaben", groesse=11, vor=0, nach=2)
    hinweis = absatzstil(doc, "Hinweis", fett=True, farbe=AKZENT, vor=18, nach=0)
    linie = rahmenlinie("single", 8, AKZENT, 4)
    setze(
        ppr_von(hinweis),
        w("pBdr", w("top", **linie), w("left", **linie), w("bottom", **linie), w("right", **linie)),
        PPR_FOLGE,
    )
    setze(ppr_von(hinweis), w("shd", val="clear", color="auto", fill=AKZENT_HELL), PPR_FOLGE)
    setze(ppr_von(hinweis), w("ind", left=113, right=113), PPR_FOLGE)

    # Headings, numbered 1 / 1.1 / 1.1.1 through a multilevel list linked to the styles
    for ebene, groesse, vor, nach in ((1, 16, 24, 10), (2, 13, 16, 6), (3, 11, 12, 4)):
        stil = absatzstil(
            doc,
            f"Heading {ebene}",
            groesse=groesse,
            fett=True,
            kursiv=False,
            farbe=AKZENT if ebene < 3 else "000000",
            vor=vor,
            nach=nach,
            zeile=1.0,
            mit_naechstem=True,
            zusammen=True,
            folgestil="Normal",
        )
        ppr = ppr_von(stil)
        numpr = w("numPr", w("numId", val=NUM_UEBERSCHRIFTEN))
        if ebene > 1:
            numpr.insert(0, w("ilvl", val=ebene - 1))
        setze(ppr, numpr, PPR_FOLGE)
        setze(ppr, w("suppressAutoHyphens"), PPR_FOLGE)
        setze(ppr, w("ind", left=EINZUG_NUMMER[ebene], hanging=EINZUG_NUMMER[ebene]), PPR_FOLGE)
        setze(ppr, w("outlineLvl", val=ebene - 1), PPR_FOLGE)

    # Unnumbered chapter heading (Impressum, Vorwort …), still listed in the TOC
    ohne = absatzstil(doc, UEBERSCHRIFT_OHNE_NUMMER, "Heading 1", folgestil="Normal")
    setze(ppr_von(ohne), w("numPr", w("ilvl", val=0), w("numId", val=0)), PPR_FOLGE)
    setze(ppr_von(ohne), w("ind", left=0, firstLine=0), PPR_FOLGE)

    # Table of contents
    inhalt = absatzstil(
        doc, "TOC Heading", "Normal", groesse=16, fett=True, farbe=AKZENT, vor=0, nach=18
    )
    setze(ppr_von(inhalt), w("numPr", w("ilvl", val=0), w("numId", val=0)), PPR_FOLGE)
    setze(ppr_von(inhalt), w("outlineLvl", val=9), PPR_FOLGE)
    for ebene in (1, 2, 3):
        links = sum(EINZUG_NUMMER[e] for e in range(1, ebene + 1))
        stil = absatzstil(
            doc,
            f"toc {ebene}",
            "Normal",
            fett=ebene == 1,
            vor=8 if ebene == 1 else 2,
            nach=2,
            links=links,
            haengend=EINZUG_NUMMER[ebene],
            folgestil="Normal",
        )
        setze(ppr_von(stil), w("ind", left=links, hanging=EINZUG_NUMMER[ebene]), PPR_FOLGE)
        tabstopps(ppr_von(stil), ("left", links, "none"), ("right", SATZBREITE, "dot"))

    # Captions, notes, pictures
    absatzstil(doc, "Caption", groesse=9, fett=False, kursiv=False, farbe="262626", vor=4, nach=12)
    absatzstil(doc, "Quellenangabe", groesse=8, farbe=GRAU_TEXT, vor=3, nach=12, zeile=1.0)
    anmerkung = absatzstil(
        doc, "Anmerkung", groesse=9, vor=0, nach=3, zeile=1.0, links=340, haengend=340
    )
    tabstopps(ppr_von(anmerkung), ("left", 340, "none"))
    absatzstil(
        doc,
        "Bild",
        vor=9,
        nach=3,
        zeile=1.0,
        ausrichtung=WD_ALIGN_PARAGRAPH.CENTER,
        mit_naechstem=True,
    )
    absatzstil(
        doc,
        "Fotoangaben",
        groesse=8,
        farbe=GRAU_TEXT,
        vor=0,
        nach=12,
        zeile=1.0,
        ausrichtung=WD_ALIGN_PARAGRAPH.CENTER,
    )
    absatzstil(doc, "Ohne Angaben", kursiv=True, farbe=GRAU_TEXT)
    absatzstil(
        doc,
        "Planquelle",
        groesse=9,
        fett=True,
        farbe=GRAU_TEXT,
        vor=6,
        nach=2,
        mit_naechstem=True,
    )
    zitat = absatzstil(
        doc,
        "Quote",
        groesse=10,
        kursiv=True,
        farbe="262626",
        vor=0,
        nach=9,
        links=340,
        zeile=1.1,
    )
    ppr = ppr_von(zitat)
    setze(ppr, w("pBdr", w("left", **rahmenlinie("single", 18, AKZENT_HELL, 8))), PPR_FOLGE)
    setze(ppr, w("ind", left=340, right=340), PPR_FOLGE)
    setze(ppr, w("jc", val="left"), PPR_FOLGE)

    aufzaehlung = absatzstil(doc, "List Bullet", nach=3, links=357, haengend=357)
    setze(ppr_von(aufzaehlung), w("numPr", w("numId", val=NUM_AUFZAEHLUNG)), PPR_FOLGE)
    setze(ppr_von(aufzaehlung), w("contextualSpacing", val=0), PPR_FOLGE)

    # Tables
    absatzstil(doc, "Tabellentext", groesse=9.5, vor=0, nach=0, zeile=1.0)
    absatzstil(doc, "Tabellenkopf", "Tabellentext", fett=True)

    # Lines that only hold {%p …%} tags: visibly different, removed when rendering
    absatzstil(
        doc,
        "Vorlagensteuerung",
        groesse=8,
        farbe="7F7F7F",
        vor=0,
        nach=0,
        zeile=1.0,
        schrift=SCHRIFT_STEUERUNG,
    )

    # Header and footer
    for name in ("Header", "Footer"):
        stil = absatzstil(doc, name, groesse=8, farbe=GRAU_TEXT, vor=0, nach=0, zeile=1.0)
        tabstopps(ppr_von(stil), ("right", SATZBREITE, "none"))
    setze(
        ppr_von(doc.styles["Header"]),
        w("pBdr", w("bottom", **rahmenlinie("single", 4, GRAU_LINIE, 4))),
        PPR_FOLGE,
    )
    setze(
        ppr_von(doc.styles["Footer"]),
        w("pBdr", w("top", **rahmenlinie("single", 4, GRAU_LINIE, 4))),
        PPR_FOLGE,
    )

    tabellenstil(doc, tabelle)


UEBERSCHRIFT_OHNE_NUMMER = "Überschrift 1 ohne Nummer"

# Hanging indents of heading numbers: "1", "1.1", "1.1.1"
EINZUG_NUMMER = {1: 567, 2: 794, 3: 907}


def tabellenstil(doc: DocumentObject, name: str) -> None:
    """Add the table style: blue header row, thin rules, light banding, bold sum row."""
    rand = rahmenlinie("single", 8, AKZENT)
    innen = rahmenlinie("single", 4, GRAU_LINIE)
    kennung = name.replace(" ", "")
    xml = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{kennung}">
  <w:name w:val="{name}"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:top {_attrs(rand)}/>
      <w:bottom {_attrs(rand)}/>
      <w:insideH {_attrs(innen)}/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="45" w:type="dxa"/>
      <w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/>
      <w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:trPr><w:cantSplit/></w:trPr>
  <w:tcPr><w:vAlign w:val="top"/></w:tcPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr>
      <w:shd w:val="clear" w:color="auto" w:fill="{AKZENT}"/>
      <w:vAlign w:val="bottom"/>
    </w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tblPr/>
    <w:tcPr>
      <w:tcBorders><w:top {_attrs(rahmenlinie("single", 8, AKZENT))}/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{AKZENT_HELL}"/>
    </w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band1Horz">
    <w:tblPr/>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ZEBRA}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""
    doc.styles.element.append(parse_xml(xml))


def _attrs(linie: dict[str, str | int]) -> str:
    return " ".join(f'w:{k}="{v}"' for k, v in linie.items())


# --------------------------------------------------------------------------- numbering


def nummerierung(doc: DocumentObject, ueberschriften_nummeriert: bool = True) -> None:
    """Add the multilevel heading numbering and the bullet list to numbering.xml."""
    numbering = doc.part.numbering_part.element
    ebenen = "".join(
        f"""
  <w:lvl w:ilvl="{i}">
    <w:start w:val="1"/>
    <w:numFmt w:val="decimal"/>
    <w:pStyle w:val="Heading{i + 1}"/>
    <w:lvlText w:val="{".".join(f"%{j + 1}" for j in range(i + 1))}"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="{EINZUG_NUMMER[i + 1]}" w:hanging="{EINZUG_NUMMER[i + 1]}"/></w:pPr>
  </w:lvl>"""
        for i in range(3)
    )
    leer = "".join(
        f"""
  <w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val=""/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>"""
        for i in range(3, 9)
    )
    ueberschriften = parse_xml(
        f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_UEBERSCHRIFTEN}">
  <w:nsid w:val="5150F001"/>
  <w:multiLevelType w:val="multilevel"/>
  <w:tmpl w:val="5150F001"/>{ebenen}{leer}
</w:abstractNum>"""
    )
    zeichen = ("•", "–", "•")
    punkte = "".join(
        f"""
  <w:lvl w:ilvl="{i}">
    <w:start w:val="1"/>
    <w:numFmt w:val="bullet"/>
    <w:lvlText w:val="{zeichen[i % 3]}"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="{357 * (i + 1)}" w:hanging="357"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="{SCHRIFT}" w:hAnsi="{SCHRIFT}" w:cs="{SCHRIFT}"/></w:rPr>
  </w:lvl>"""
        for i in range(9)
    )
    aufzaehlung = parse_xml(
        f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_AUFZAEHLUNG}">
  <w:nsid w:val="5150F002"/>
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:tmpl w:val="5150F002"/>{punkte}
</w:abstractNum>"""
    )
    listen = [(NUM_UEBERSCHRIFTEN, ueberschriften), (NUM_AUFZAEHLUNG, aufzaehlung)]
    if not ueberschriften_nummeriert:
        listen = listen[1:]
    # All abstractNum elements come before the first num element.
    erste_num = numbering.find(qn("w:num"))
    for _, abstrakt in listen:
        if erste_num is not None:
            erste_num.addprevious(abstrakt)
        else:
            numbering.append(abstrakt)
    for num_id, _ in listen:
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{num_id}"/></w:num>'
            )
        )


# --------------------------------------------------------------------------- document parts


def einstellungen(doc: DocumentObject) -> None:
    """settings.xml: German, hyphenation, Word 2013+ layout.

    No w:updateFields: Word would ask on every opening whether to update the fields. qprofil fills
    the table of contents and the caption numbers when it renders.
    """
    settings = doc.settings.element
    for kind in list(settings):
        settings.remove(kind)
    xml = f"""<w:settings {nsdecls("w")}>
  <w:zoom w:percent="100"/>
  <w:defaultTabStop w:val="709"/>
  <w:autoHyphenation/>
  <w:hyphenationZone w:val="425"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat>
    <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
    <w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>
    <w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>
    <w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>
  </w:compat>
  <w:themeFontLang w:val="{SPRACHE}"/>
  <w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>
  <w:decimalSymbol w:val=","/>
  <w:listSeparator w:val=";"/>
</w:settings>"""
    for kind in list(parse_xml(xml)):
        settings.append(kind)


def pakete_bereinigen(doc: DocumentObject) -> None:
    """Drop parts of python-docx's base template that a city document should not carry."""
    paket = doc.part.package
    for rid, rel in list(paket.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del paket.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del doc.part.rels[rid]
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/theme"):
            teil = rel.target_part
            xml = teil.blob.decode("utf-8")
            # Theme fonts: Arial for headings and body, so new styles in Word match.
            muster = r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*'
            xml = re.sub(muster, rf"\1{SCHRIFT}", xml)
            teil._blob = xml.encode("utf-8")
    app = doc.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
    )
    app._blob = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Template>Normal.dotm</Template><DocSecurity>0</DocSecurity>'
        b"<ScaleCrop>false</ScaleCrop><SharedDoc>false</SharedDoc>"
        b"<HyperlinksChanged>false</HyperlinksChanged><LinksUpToDate>false</LinksUpToDate>"
        b"</Properties>"
    )


def eigenschaften(
    doc: DocumentObject,
    titel: str = "Quartiersprofil {{ quartier.name|safe }}",
    thema: str = "{{ projekt.titel|safe }}",
    stichworte: str = "Quartiersprofil; altersgerechte Quartiersentwicklung",
    kategorie: str = "Quartiersprofil",
) -> None:
    """Core properties; docxtpl renders title and subject like the body.

    ``|safe``: with autoescape docxtpl would store "&amp;" in the property, and python-docx
    escapes it again ("&amp;amp;"); properties are plain text, so no escaping is needed here.
    """
    kern = doc.core_properties
    kern.title = titel
    kern.subject = thema
    kern.author = ""
    kern.last_modified_by = ""
    kern.comments = ""
    kern.keywords = stichworte
    kern.language = SPRACHE
    kern.category = kategorie
    kern.created = ZEITSTEMPEL.replace(tzinfo=None)
    kern.modified = ZEITSTEMPEL.replace(tzinfo=None)
    kern.revision = 1


def seite(
    doc: DocumentObject,
    kopf_absaetze: Sequence[Sequence[Teil]] | None = None,
    fuss_absaetze: Sequence[Sequence[Teil]] | None = None,
    titelseite: bool = True,
) -> None:
    """A4 portrait, 2.5 cm margins, header and footer (one paragraph per list of parts).

    Without ``kopf_absaetze``/``fuss_absaetze``: those of the profile (project title and data
    hint; "Quartiersprofil … · Stand …" and page numbers). ``titelseite``: the first page is a
    title page without header and footer.
    """
    if kopf_absaetze is None:
        kopf_absaetze = [["{{ projekt.titel }}"], *hinweis_kopfzeile()]
    if fuss_absaetze is None:
        fuss_absaetze = [
            ["Quartiersprofil {{ quartier.name }} · Stand {{ stand }}", TAB, *seitenzahl()]
        ]
    abschnitt = doc.sections[0]
    abschnitt.start_type = WD_SECTION_START.NEW_PAGE
    abschnitt.page_width = Twips(SEITE_BREITE)
    abschnitt.page_height = Twips(SEITE_HOEHE)
    for rand in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(abschnitt, rand, Twips(RAND))
    abschnitt.header_distance = Twips(709)
    abschnitt.footer_distance = Twips(709)
    abschnitt.gutter = Twips(0)

    if titelseite:
        abschnitt.different_first_page_header_footer = True
        for leer in (abschnitt.first_page_header, abschnitt.first_page_footer):
            leer.is_linked_to_previous = False
            leer.paragraphs[0].style = doc.styles["Normal"]

    for teil, stil, absaetze in (
        (abschnitt.header, "Header", kopf_absaetze),
        (abschnitt.footer, "Footer", fuss_absaetze),
    ):
        teil.is_linked_to_previous = False
        for i, teile in enumerate(absaetze):
            if i == 0:
                absatz = teil.paragraphs[0]
                absatz.style = doc.styles[stil]
            else:
                absatz = teil.add_paragraph(style=doc.styles[stil])
            fuelle(absatz, teile)


def hinweis_kopfzeile() -> list[list[Teil]]:
    """Header lines with the data hint ("fiktive Beispieldaten"), shown only when it is set.

    The hint stands on every page, so no page travels without it. It gets a line of its own: a
    long hint next to the title would wrap into it.
    """
    return [
        ["{%p if projekt.hinweis %}"],
        [Text("{{ projekt.hinweis }}", fett=True)],
        ["{%p endif %}"],
    ]


def seitenzahl() -> list[Teil]:
    """ "Seite X von Y" with fields."""
    return ["Seite ", Feld("PAGE", "1"), " von ", Feld("NUMPAGES", "1")]


# --------------------------------------------------------------------------- the body


def kennzahlen_tabelle(
    b: Baustein,
    liste: str,
    beschreibung: str,
    quartier: str = "quartier",
    anmerkung: bool = True,
    zusammen: bool = False,
) -> None:
    """Indicator table: Kennzahl | Quartier | Stadtbezirk … | Stadt …, one row per indicator.

    ``quartier``: the variable holding name and Stadtbezirk; ``anmerkung``: footnote numbers;
    ``zusammen``: keep the table on one page with its source line.
    """
    name: list[Teil] = ["{{ k.name }}"]
    if anmerkung:
        name.append(Text("{{ k.anmerkung }}", hoch=True))
    b.tabelle(
        [
            ("Kennzahl", 3403, "links"),
            (f"Quartier {{{{ {quartier}.name }}}}", 1889, "rechts"),
            (
                f"{{{{ bezeichnungen.stadtbezirk }}}} {{{{ {quartier}.stadtbezirk }}}}",
                1889,
                "rechts",
            ),
            ("Stadt {{ projekt.stadt }}", 1889, "rechts"),
        ],
        [
            [f"{{%tr for k in {liste} %}}"],
            [
                name,
                "{{ k.quartier }}",
                "{{ k.stadtbezirk }}",
                "{{ k.stadt }}",
            ],
            ["{%tr endfor %}"],
        ],
        beschreibung,
        zusammenhalten=zusammen,
    )


def titelblatt(b: Baustein) -> None:
    """Title page: sender, project, title, district, motto, date, hint."""
    b.absatz("Titelblatt Absender", "{{ projekt.herausgeber }}")
    b.absatz("Titelblatt Projekt", "{{ projekt.titel }}")
    b.absatz("Title", "Quartiersprofil {{ quartier.name }}")
    b.absatz("Subtitle", "{{ bezeichnungen.stadtbezirk }} {{ quartier.stadtbezirk }}")
    b.steuerung("if quartier.motto")
    b.absatz("Titelblatt Motto", "„{{ quartier.motto }}“")
    b.steuerung("endif")
    stand = b.absatz("Titelblatt Angaben", Text("Stand: ", fett=True), "{{ stand }}")
    stand.paragraph_format.space_before = Pt(160)
    b.absatz(
        "Titelblatt Angaben",
        Text("Datenstand der Statistik: ", fett=True),
        "{{ stichtag }}",
    )
    b.steuerung("if projekt.hinweis")
    b.absatz("Hinweis", "{{ projekt.hinweis }}")
    b.steuerung("endif")


def inhaltsverzeichnis(b: Baustein) -> None:
    """TOC field; qprofil writes the headings into it when rendering, Word adds page numbers (F9)."""
    kopf = b.absatz("TOC Heading", "Inhalt")
    kopf.paragraph_format.page_break_before = True
    absatz = b.doc.add_paragraph(style="toc 1")
    p = absatz._p
    setze(p.get_or_add_pPr(), w("ind", left=0, right=0, firstLine=0), PPR_FOLGE)
    for inhalt in ("begin", "instr", "separate", "text", "end"):
        r = w("r")
        if inhalt == "begin":
            r.append(w("fldChar", fldCharType="begin"))
        elif inhalt == "instr":
            instr = w("instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-3" \\h \\z \\u '
            r.append(instr)
        elif inhalt == "separate":
            r.append(w("fldChar", fldCharType="separate"))
        elif inhalt == "text":
            rpr = w("rPr", w("b", val=0), w("i"), w("color", val=GRAU_TEXT))
            r.append(rpr)
            t = w("t")
            t.text = (
                "Das Inhaltsverzeichnis füllt qprofil beim Erzeugen aus. Seitenzahlen ergänzt "
                "Word, wenn man in das Verzeichnis klickt und F9 drückt."
            )
            r.append(t)
        else:
            r.append(w("fldChar", fldCharType="end"))
        p.append(r)


def steckbrief(b: Baustein) -> None:
    """1 Steckbrief: key/value table including the senior office."""
    h = b.ueberschrift(1, "Steckbrief")
    h.paragraph_format.page_break_before = True
    sb = "quartier.seniorenbuero"
    b.beschriftung("Tabelle", "Steckbrief des Quartiers {{ quartier.name }}", vor_tabelle=True)
    b.tabelle(
        [("Merkmal", 2608, "links"), ("Angabe", 6462, "links")],
        [
            ["Quartier", "{{ quartier.name }}"],
            [
                "{{ bezeichnungen.stadtbezirk }}",
                "{{ quartier.stadtbezirk }}{% if quartier.stadtbezirk_code %} "
                "({{ bezeichnungen.stadtbezirk }} {{ quartier.stadtbezirk_code }}){% endif %}",
            ],
            ["{{ bezeichnungen.unterbezirke }}", "{{ quartier.unterbezirke }}"],
            # Optional facts: a row without a value is left out, not shown empty.
            ["{%tr if quartier.flaeche %}"],
            ["Fläche", "{{ quartier.flaeche }}"],
            ["{%tr endif %}"],
            ["{%tr if quartier.siedlungstyp %}"],
            ["Siedlungstyp", "{{ quartier.siedlungstyp }}"],
            ["{%tr endif %}"],
            ["{%tr if quartier.bauepoche %}"],
            ["Bauepoche", "{{ quartier.bauepoche }}"],
            ["{%tr endif %}"],
            [
                "Zuständiges Seniorenbüro",
                [
                    Text(f"{{{{ {sb}.name }}}}", fett=True),
                    f"{{% if {sb}.traeger %}}",
                    UMBRUCH,
                    f"Träger: {{{{ {sb}.traeger }}}}{{% endif %}}",
                    f"{{% if {sb}.anschrift %}}",
                    UMBRUCH,
                    f"{{{{ {sb}.anschrift }}}}{{% endif %}}",
                    f"{{% if {sb}.telefon %}}",
                    UMBRUCH,
                    f"Telefon: {{{{ {sb}.telefon }}}}{{% endif %}}",
                    f"{{% if {sb}.email %}}",
                    UMBRUCH,
                    f"E-Mail: {{{{ {sb}.email }}}}{{% endif %}}",
                    f"{{% if {sb}.sprechzeiten %}}",
                    UMBRUCH,
                    f"Sprechzeiten: {{{{ {sb}.sprechzeiten }}}}{{% endif %}}",
                ],
            ],
        ],
        "Steckbrief des Quartiers",
        erste_spalte=True,
    )
    karte(b)


def karte(b: Baustein) -> None:
    """The quarter's map (only where boundaries are configured)."""
    b.steuerung("if karte")
    b.absatz("Bild", "{{ karte.bild }}")
    b.beschriftung("Abbildung", "{{ karte.titel }}")
    b.absatz("Quellenangabe", "{{ karte.quelle }}")
    b.steuerung("endif")


def demografie(b: Baustein) -> None:
    """2 Demografie: indicator table, source, two charts with captions, notes."""
    b.ueberschrift(1, "Demografie")
    b.absatz(
        "Normal",
        "Die folgenden Kennzahlen vergleichen das Quartier {{ quartier.name }} mit dem "
        "{{ bezeichnungen.stadtbezirk }} {{ quartier.stadtbezirk }} und der Stadt "
        "{{ projekt.stadt }}. Sie beziehen sich auf den Stichtag {{ stichtag }}"
        "{% if vergleichsstichtag %}; Entwicklungen werden gegenüber dem Vergleichsstichtag "
        "{{ vergleichsstichtag }} angegeben{% endif %}.",
    )
    b.beschriftung("Tabelle", "Demografische Kennzahlen im Vergleich", vor_tabelle=True)
    kennzahlen_tabelle(b, "demografie", "Demografische Kennzahlen")
    b.absatz("Quellenangabe", "{{ quelle_statistik }}")

    # Every figure names its source, as the tables do (the charts are drawn from the statistics).
    quelle = (
        "Quelle: {{ projekt.statistik_quelle }}, Stichtag "
        "{{ stichtag }}; eigene Berechnungen."
    )
    b.absatz("Bild", "{{ diagramme.altersstruktur }}")
    b.beschriftung("Abbildung", "{{ diagramme.altersstruktur_titel }}")
    b.absatz("Quellenangabe", quelle)
    b.absatz("Bild", "{{ diagramme.anteile }}")
    b.beschriftung("Abbildung", "{{ diagramme.anteile_titel }}")
    b.absatz("Quellenangabe", quelle)
    # Only where the statistics hold more than two Stichtage.
    b.steuerung("if diagramme.zeitreihe")
    b.absatz("Bild", "{{ diagramme.zeitreihe }}")
    b.beschriftung("Abbildung", "{{ diagramme.zeitreihe_titel }}")
    b.absatz(
        "Quellenangabe",
        "Quelle: {{ projekt.statistik_quelle }}, alle "
        "Stichtage bis {{ stichtag }}; eigene Berechnungen.",
    )
    b.steuerung("endif")

    b.ueberschrift(2, "Anmerkungen zu den Kennzahlen")
    b.absatz(
        "Normal",
        "Die hochgestellten Ziffern in den Tabellen zur Demografie und zur sozialen Lage "
        "verweisen auf diese Anmerkungen. Zeichenerklärung: „.“ = Zahlenwert unbekannt oder "
        "geheim zu halten; „nicht verfügbar“ = Kennzahl für dieses Gebiet nicht berechenbar.",
    )
    b.steuerung("for a in anmerkungen")
    b.absatz("Anmerkung", Text("{{ a.nr }}", hoch=True), TAB, "{{ a.text }}")
    b.steuerung("endfor")


def soziale_lage(b: Baustein) -> None:
    """3 Soziale Lage: indicator table and source."""
    b.ueberschrift(1, "Soziale Lage")
    b.absatz(
        "Normal",
        "Kennzahlen zu Haushalten und zur sozialen Lage im Quartier {{ quartier.name }} zum "
        "Stichtag {{ stichtag }}, im Vergleich zum {{ bezeichnungen.stadtbezirk }} und zur Stadt.",
    )
    b.beschriftung("Tabelle", "Kennzahlen zur sozialen Lage im Vergleich", vor_tabelle=True)
    kennzahlen_tabelle(b, "soziale_lage", "Kennzahlen zur sozialen Lage")
    b.absatz("Quellenangabe", "{{ quelle_statistik }}")


def handlungsfelder(b: Baustein) -> None:
    """4–6: one section per Handlungsfeld."""
    b.steuerung("for hf in handlungsfelder")
    b.ueberschrift(1, "Handlungsfeld {{ hf.nr }}: {{ hf.name }}")

    b.steuerung('if hf.nr == "1" and infrastruktur')
    b.ueberschrift(2, "Infrastruktur aus Geodaten")
    b.beschriftung("Tabelle", "Einrichtungen im Quartier laut Geodaten", vor_tabelle=True)
    b.tabelle(
        [
            ("Art", 4070, "links"),
            ("Anzahl im Quartier", 2500, "rechts"),
            ("je 1.000 Einwohner ab 65", 2500, "rechts"),
        ],
        [
            ["{%tr for i in infrastruktur %}"],
            ["{{ i.art }}", "{{ i.anzahl }}", "{{ i.je_1000 }}"],
            ["{%tr endfor %}"],
        ],
        "Einrichtungen laut Geodaten",
    )
    b.absatz("Normal", "{{ erreichbarkeit }}")
    karte(b)
    b.steuerung("endif")
    b.ueberschrift(2, "Infrastruktur laut Befragung des Seniorenbüros")
    b.steuerung("if hf.inventar")
    b.beschriftung(
        "Tabelle", "Einrichtungen im Handlungsfeld {{ hf.nr }} laut Befragung", vor_tabelle=True
    )
    einrichtung_zeile = [
        "{{ e.einrichtung }}",
        "{{ e.art }}",
        "{{ e.lage }}",
        "{{ e.anzahl }}",
        "{{ e.barrierefrei }}",
        "{{ e.bemerkung }}",
    ]
    tabelle = b.tabelle(
        [
            ("Einrichtung", 2098, "links"),
            ("Art", 1701, "links"),
            ("Lage", 1531, "links"),
            ("Anzahl", 794, "mitte"),
            ("barrierefrei", 1247, "mitte"),
            ("Bemerkung", 1699, "links"),
        ],
        [
            ["{%tr for e in hf.inventar %}"],
            # The first facility stays with the second: never a header with a single row at
            # the foot of a page.
            ["{%tr if loop.first %}"],
            einrichtung_zeile,
            ["{%tr else %}"],
            einrichtung_zeile,
            ["{%tr endif %}"],
            ["{%tr endfor %}"],
        ],
        "Einrichtungen laut Befragung des Seniorenbüros",
    )
    erste = next(z for z in tabelle.rows if "{{ e.einrichtung }}" in z.cells[0].text)
    for absatz in erste._tr.iter(qn("w:p")):
        setze(absatz.get_or_add_pPr(), w("keepNext"), PPR_FOLGE)
    b.steuerung("else")
    b.absatz(
        "Ohne Angaben",
        "Das Seniorenbüro hat für dieses Handlungsfeld keine Einrichtungen angegeben.",
    )
    b.steuerung("endif")
    b.steuerung("if befragung")
    b.absatz(
        "Quellenangabe",
        "Quelle: schriftliche Befragung des Seniorenbüros"
        "{% if befragung.seniorenbuero %} ({{ befragung.seniorenbuero }}){% endif %}"
        "{% if befragung.ausgefuellt_von %}, ausgefüllt von {{ befragung.ausgefuellt_von }}"
        "{% endif %}{% if befragung.datum %} am {{ befragung.datum }}{% endif %}. "
        "Aus derselben Befragung stammen die Stärken, Defizite und Anmerkungen.",
    )
    b.steuerung("else")
    b.absatz("Quellenangabe", "Für dieses Quartier liegt keine Befragung des Seniorenbüros vor.")
    b.steuerung("endif")

    b.ueberschrift(2, "Stärken")
    b.liste("hf.staerken", "punkt", "Für dieses Handlungsfeld wurden keine Stärken genannt.")
    b.ueberschrift(2, "Defizite")
    b.liste("hf.defizite", "punkt", "Für dieses Handlungsfeld wurden keine Defizite genannt.")
    b.ueberschrift(2, "Anmerkungen")
    b.liste("hf.anmerkungen", "punkt", "Zu diesem Handlungsfeld gibt es keine Anmerkungen.")

    b.ueberschrift(2, "Aussagen aus Masterplänen und Konzepten")
    b.steuerung("if hf.planauszuege")
    b.steuerung("for p in hf.planauszuege")
    b.absatz(
        "Planquelle",
        "{{ p.plan }}{% if p.fundstelle %}, {{ p.fundstelle }}{% endif %}"
        "{% if p.datum %} (Stand {{ p.datum }}){% endif %}",
    )
    b.absatz("Quote", "„{{ p.text }}“")
    b.steuerung("endfor")
    b.steuerung("else")
    b.absatz(
        "Ohne Angaben",
        "Für dieses Handlungsfeld liegen keine Aussagen aus Masterplänen oder Konzepten vor.",
    )
    b.steuerung("endif")
    b.absatz(
        "Quellenangabe",
        "{% if hf.fotos %}Zu diesem Handlungsfeld im Abschnitt „Quartiersbegehung“: "
        "{{ hf.fotos }}.{% else %}Zu diesem Handlungsfeld gibt es keine Fotos der "
        "Quartiersbegehung.{% endif %}",
    )
    b.steuerung("endfor")


def begehung(b: Baustein) -> None:
    """Quartiersbegehung: a photo table, the photo left, its number, caption and details right.

    Three landscape photos fit on an A4 page, so the series begins right under the section's
    first lines instead of leaving the rest of a page blank when a photo one above the other
    (two per page) did not fit there. A real table with a repeating header row (Foto,
    Beobachtung), so that it reads in order and is tagged as a table in the PDF.
    """
    b.ueberschrift(1, "Quartiersbegehung")
    b.absatz(
        "Normal",
        "{% if begehung.datum %}Die Quartiersbegehung fand am {{ begehung.datum }} statt. "
        "{% endif %}Die folgenden Fotos dokumentieren Beobachtungen zu den Handlungsfeldern.",
    )
    b.steuerung("if fotos")
    tabelle = b.tabelle(
        [("Foto", FOTOSPALTE, "mitte"), ("Beobachtung", SATZBREITE - FOTOSPALTE, "links")],
        [
            ["{%tr for f in fotos %}"],
            [
                "{{ f.bild }}",
                [
                    [Text("Foto {{ f.nr }}: ", fett=True), "{{ f.bildunterschrift }}"],
                    [
                        "{{ f.ort }}{% if f.datum %}, {{ f.datum }}{% endif %}"
                        "{% if f.handlungsfeld %} · Handlungsfeld {{ f.handlungsfeld }}"
                        "{% endif %}{% if f.bemerkung %}",
                        UMBRUCH,
                        "{{ f.bemerkung }}{% endif %}",
                    ],
                ],
            ],
            ["{%tr endfor %}"],
        ],
        "Fotos der Quartiersbegehung mit Bildunterschrift, Ort, Datum und Handlungsfeld",
    )
    # The details under the caption in the smaller style of photo details.
    zelle = tabelle.rows[2].cells[1]
    for absatz in zelle.paragraphs[1:]:
        absatz.style = b.doc.styles["Fotoangaben"]
        absatz.alignment = WD_ALIGN_PARAGRAPH.LEFT
        absatz.paragraph_format.space_before = Pt(3)
        absatz.paragraph_format.space_after = Pt(0)
    bild = tabelle.rows[2].cells[0].paragraphs[0]
    bild.paragraph_format.space_before = Pt(3)
    bild.paragraph_format.space_after = Pt(3)
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Zu diesem Quartier liegen keine Fotos vor.")
    b.steuerung("endif")


def massnahmen(b: Baustein) -> None:
    """Maßnahmevorschläge: table with a sum row."""
    b.ueberschrift(1, "Maßnahmevorschläge")
    b.steuerung("if massnahmen")
    b.beschriftung(
        "Tabelle", "Maßnahmevorschläge für das Quartier {{ quartier.name }}", vor_tabelle=True
    )
    massnahme_zeile: list[str | list[list[Teil]]] = [
        "{{ m.nr }}",
        "{{ m.handlungsfeld }}",
        [[Text("{{ m.titel }}", fett=True)], ["{{ m.beschreibung }}"]],
        "{{ m.zustaendig }}",
        "{{ m.prioritaet }}",
        "{{ m.kosten }}",
        "{{ m.status }}",
    ]
    tabelle = b.tabelle(
        [
            ("Nr.", 567, "links"),
            ("HF", 510, "mitte"),
            ("Maßnahme", 2891, "links"),
            ("Zuständigkeit", 1701, "links"),
            ("Priorität", 1077, "links"),
            ("Kosten", 1134, "rechts"),
            ("Status", 1190, "links"),
        ],
        [
            ["{%tr for m in massnahmen %}"],
            # The last measure stays on the page of the sum row (kept with it below), so the
            # sum never stands alone under a repeated header.
            ["{%tr if loop.last %}"],
            massnahme_zeile,
            ["{%tr else %}"],
            massnahme_zeile,
            ["{%tr endif %}"],
            ["{%tr endfor %}"],
            [
                Zelle("Summe der geschätzten Kosten", "links"),
                None,
                None,
                Zelle("{{ massnahmen_summe }}", "rechts"),
                None,
                None,
                None,
            ],
        ],
        "Maßnahmevorschläge",
        letzte_zeile=True,
    )
    letzte = next(z for z in tabelle.rows if "{{ m.nr }}" in z.cells[0].text)
    for absatz in letzte._tr.iter(qn("w:p")):
        setze(absatz.get_or_add_pPr(), w("keepNext"), PPR_FOLGE)
    b.absatz(
        "Quellenangabe",
        "HF = Handlungsfeld ({% for hf in handlungsfelder %}{{ hf.nr }}: {{ hf.name }}"
        "{% if not loop.last %}; {% endif %}{% endfor %}). Die Kosten sind geschätzt; "
        "Maßnahmen mit Kosten „noch offen“ sind in der Summe nicht enthalten.",
    )
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Für dieses Quartier sind noch keine Maßnahmen vorgeschlagen.")
    b.steuerung("endif")


def quellen(b: Baustein) -> None:
    """Quellen und Datenstand, Impressum."""
    b.ueberschrift(1, "Quellen und Datenstand")
    b.absatz(
        "Normal",
        "Dieses Quartiersprofil beruht auf den folgenden Quellen.{% if stichtag %} Die "
        "Statistik gibt den Stand zum {{ stichtag }} wieder{% if vergleichsstichtag %}, der "
        "Vergleich den Stand zum {{ vergleichsstichtag }}{% endif %}.{% endif %}",
    )
    b.steuerung("for q in quellen")
    b.absatz("List Bullet", "{{ q.text }}")
    b.steuerung("endfor")

    # No page break before the Impressum: it follows the sources instead of leaving the page
    # after a short sources list almost empty.
    # The Impressum is kept together: if it does not fit, all of it moves to the next page.
    h = b.ueberschrift(1, "Impressum", nummeriert=False)
    h.paragraph_format.space_before = Pt(24)
    impressum = [
        h,
        b.absatz("Normal", Text("Herausgeber", fett=True), UMBRUCH, "{{ projekt.herausgeber }}"),
        b.absatz("Normal", Text("Projekt", fett=True), UMBRUCH, "{{ projekt.titel }}"),
        b.absatz(
            "Normal",
            Text("Stand", fett=True),
            UMBRUCH,
            "{{ stand }} (Statistik: Stichtag {{ stichtag }})",
        ),
    ]
    for absatz in impressum:
        absatz.paragraph_format.keep_with_next = True
    b.steuerung("if projekt.hinweis")
    b.absatz("Normal", Text("Hinweis", fett=True), UMBRUCH, "{{ projekt.hinweis }}")
    b.steuerung("endif")


# --------------------------------------------------------------------------- the committee draft


def stile_gremienvorlage(doc: DocumentObject) -> None:
    """Adapt the house style to a council draft: plain headings, letterhead, Betreff, signatures.

    Council drafts number nothing: the headings lose their numbering and become smaller.
    """
    for ebene, groesse, vor, nach, farbe in (
        (1, 13, 18, 6, AKZENT),
        (2, 12, 14, 4, AKZENT),
        (3, 11, 10, 3, "000000"),
    ):
        stil = absatzstil(doc, f"Heading {ebene}", groesse=groesse, vor=vor, nach=nach, farbe=farbe)
        ppr = ppr_von(stil)
        for tag in ("numPr", "ind"):
            for alt in ppr.findall(qn("w:" + tag)):
                ppr.remove(alt)

    # Betreff: label and subject side by side, wrapped lines aligned with the subject
    betreff = absatzstil(
        doc, "Title", groesse=14, vor=18, nach=12, zeile=1.05, links=1247, haengend=1247
    )
    tabstopps(ppr_von(betreff), ("left", 1247, "none"))

    # Letterhead (layout table at the top of page 1)
    absatzstil(doc, "Kopf Stadt", groesse=18, fett=True, farbe=AKZENT, nach=2, zeile=1.0)
    absatzstil(doc, "Kopf Absender", groesse=9.5, farbe=GRAU_TEXT, nach=0, zeile=1.05)
    absatzstil(doc, "Kopf Vorlageart", groesse=14, fett=True, farbe=AKZENT, nach=6, zeile=1.0)
    angabe = absatzstil(
        doc, "Kopf Angabe", groesse=9.5, vor=0, nach=1, zeile=1.05, links=1985, haengend=1985
    )
    tabstopps(ppr_von(angabe), ("left", 1985, "none"))

    # Body
    absatzstil(doc, "Zwischenzeile", fett=True, vor=6, nach=2, mit_naechstem=True)
    finanzen = absatzstil(doc, "Angabe", nach=2, links=2268, haengend=2268)
    tabstopps(ppr_von(finanzen), ("left", 2268, "none"))
    absatzstil(doc, "Anlage", nach=2, links=1134, haengend=1134, mit_naechstem=True)

    # Signatures: two columns at 0 and 9 cm; the lines are tab leaders
    unterschrift = absatzstil(doc, "Unterschrift", vor=0, nach=0, zeile=1.0, mit_naechstem=True)
    tabstopps(ppr_von(unterschrift), ("left", 5103, "none"))
    linie = absatzstil(doc, "Unterschriftslinie", "Unterschrift", vor=40)
    tabstopps(
        ppr_von(linie),
        ("left", 3969, "underscore"),
        ("left", 5103, "none"),
        ("right", SATZBREITE, "underscore"),
    )


def kopfblock(b: Baustein) -> None:
    """Letterhead: city and issuing office left, kind of draft and its key data right."""

    def angabe(bezeichnung: str, wert: str, fett: bool = False) -> tuple[str, list[Teil]]:
        return ("Kopf Angabe", [bezeichnung, TAB, Text(wert, fett=fett)])

    def steuerung(anweisung: str) -> tuple[str, list[Teil]]:
        return ("Vorlagensteuerung", ["{%p " + anweisung + " %}"])

    b.rastertabelle(
        [
            (
                3969,
                [
                    ("Kopf Stadt", ["Stadt {{ projekt.stadt }}"]),
                    ("Kopf Absender", ["{{ projekt.herausgeber }}"]),
                ],
            ),
            (
                5101,
                [
                    ("Kopf Vorlageart", ["{{ vorlage.art }}"]),
                    angabe("Drucksache-Nr.:", "{{ vorlage.drucksachen_nr }}", fett=True),
                    angabe("Datum:", "{{ vorlage.datum }}"),
                    angabe("Status:", "{{ vorlage.oeffentlich }}"),
                    angabe("Federführendes Amt:", "{{ vorlage.amt }}"),
                    steuerung("if vorlage.bearbeitung"),
                    angabe("Bearbeitung:", "{{ vorlage.bearbeitung }}"),
                    steuerung("endif"),
                    steuerung("if vorlage.telefon"),
                    angabe("Telefon:", "{{ vorlage.telefon }}"),
                    steuerung("endif"),
                ],
            ),
        ],
        "Kopfdaten der Vorlage",
    )
    b.steuerung("if projekt.hinweis")
    b.absatz("Hinweis", "{{ projekt.hinweis }}")
    b.steuerung("endif")
    b.absatz("Title", "Betreff:", TAB, "{{ vorlage.betreff }}")


def beratung(b: Baustein) -> None:
    """Beratungsfolge (one row per body) and the proposed resolution."""
    b.ueberschrift(1, "Beratungsfolge")
    b.tabelle(
        [
            ("Nr.", 567, "links"),
            ("Gremium", 4706, "links"),
            ("Sitzung", 1644, "links"),
            ("Zuständigkeit", 2153, "links"),
        ],
        [
            ["{%tr for b in beratungsfolge %}"],
            ["{{ b.nr }}", "{{ b.gremium }}", "{{ b.sitzung }}", "{{ b.rolle }}"],
            ["{%tr endfor %}"],
        ],
        "Beratungsfolge",
    )
    b.ueberschrift(1, "Beschlussvorschlag")
    b.steuerung("for a in beschlussvorschlag")
    b.absatz("Normal", "{{ a }}")
    b.steuerung("endfor")


def sachverhalt(b: Baustein) -> None:
    """Sachverhalt: introduction, then per quarter indicators, deficits and measures."""
    b.ueberschrift(1, "Sachverhalt")
    b.steuerung("for a in sachverhalt.einleitung")
    b.absatz("Normal", "{{ a }}")
    b.steuerung("endfor")

    b.steuerung("for q in sachverhalt.quartiere")
    b.ueberschrift(2, "Quartier {{ q.name }} ({{ bezeichnungen.stadtbezirk }} {{ q.stadtbezirk }})")
    absatz = b.absatz(
        "Normal",
        "Das Quartier {{ q.name }} gehört zum Siedlungstyp „{{ q.siedlungstyp }}“. Ausgewählte "
        "Kennzahlen im Vergleich zum {{ bezeichnungen.stadtbezirk }} und zur Stadt "
        "{{ projekt.stadt }}:",
    )
    absatz.paragraph_format.keep_with_next = True
    kennzahlen_tabelle(
        b, "q.kennzahlen", "Ausgewählte Kennzahlen", quartier="q", anmerkung=False, zusammen=True
    )
    b.absatz(
        "Quellenangabe",
        "Stichtag {{ sachverhalt.stichtag }}; Werte aus dem Quartiersprofil (Anlage). "
        "„.“ = Zahlenwert unbekannt oder geheim zu halten; „nicht verfügbar“ = für dieses Gebiet "
        "nicht berechenbar.",
    )

    b.ueberschrift(3, "Wesentliche Defizite laut Befragung des Seniorenbüros")
    b.steuerung("if q.defizite")
    b.steuerung("for d in q.defizite")
    b.absatz("Zwischenzeile", "Handlungsfeld {{ d.handlungsfeld }}")
    b.steuerung("for t in d.texte")
    b.absatz("List Bullet", "{{ t }}")
    b.steuerung("endfor")
    b.steuerung("endfor")
    b.steuerung("else")
    b.absatz(
        "Ohne Angaben", "Die Befragung des Seniorenbüros nennt für dieses Quartier keine Defizite."
    )
    b.steuerung("endif")

    b.ueberschrift(3, "Vorgeschlagene Maßnahmen")
    b.steuerung("if q.massnahmen")
    b.tabelle(
        [
            ("Maßnahme", 3969, "links"),
            ("HF", 567, "mitte"),
            ("Priorität", 1134, "links"),
            ("Kosten", 1474, "rechts"),
            ("Status", 1926, "links"),
        ],
        [
            ["{%tr for m in q.massnahmen %}"],
            [
                "{{ m.titel }}",
                "{{ m.handlungsfeld }}",
                "{{ m.prioritaet }}",
                "{{ m.kosten }}",
                "{{ m.status }}",
            ],
            ["{%tr endfor %}"],
            [
                Zelle("Summe der geschätzten Kosten", "links"),
                None,
                None,
                Zelle("{{ q.massnahmen_summe }}", "rechts"),
                None,
            ],
        ],
        "Vorgeschlagene Maßnahmen",
        letzte_zeile=True,
        zusammenhalten=True,
    )
    b.absatz(
        "Quellenangabe",
        "HF = Handlungsfeld. Die Kosten sind geschätzt; Maßnahmen mit Kosten „noch offen“ sind in "
        "der Summe nicht enthalten. Beschreibung und Zuständigkeit: Quartiersprofil (Anlage).",
    )
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Für dieses Quartier sind noch keine Maßnahmen vorgeschlagen.")
    b.steuerung("endif")
    b.steuerung("endfor")


def auswirkungen(b: Baustein) -> None:
    """Finances (NRW style) and the demography check."""
    b.ueberschrift(1, "Finanzielle Auswirkungen")
    b.absatz("Angabe", "Haushalt berührt:", TAB, Text("{{ finanzen.etat_beruehrt }}", fett=True))
    kosten = b.absatz("Angabe", "Geschätzte Kosten:", TAB, Text("{{ finanzen.summe }}", fett=True))
    kosten.paragraph_format.space_after = Pt(6)
    b.steuerung("for a in finanzen.text")
    b.absatz("Normal", "{{ a }}")
    b.steuerung("endfor")

    b.ueberschrift(1, "Auswirkungen auf ältere Menschen / demografischer Wandel")
    b.steuerung("for a in aeltere_menschen")
    b.absatz("Normal", "{{ a }}")
    b.steuerung("endfor")


def anlagen(b: Baustein) -> None:
    """Anlagen (the quarter profiles) and the signature block."""
    b.ueberschrift(1, "Anlagen")
    b.steuerung("if anlagen")
    b.steuerung("for a in anlagen")
    b.absatz("Anlage", "Anlage {{ a.nr }}: {{ a.name }}")
    b.steuerung("endfor")
    stand = b.absatz(
        "Quellenangabe",
        "Stand der Anlagen: {{ stand }}; Statistik zum Stichtag {{ stichtag }}.",
    )
    # The list of Anlagen does not stand apart from the signatures.
    stand.paragraph_format.keep_with_next = True
    b.steuerung("else")
    b.absatz("Ohne Angaben", "Keine Anlagen.")
    b.steuerung("endif")

    # Signature block, kept together: the draft is signed "In Vertretung" of the mayor.
    oben = b.absatz("Unterschrift", "In Vertretung")
    oben.paragraph_format.space_before = Pt(30)
    b.absatz("Unterschriftslinie", TAB, TAB, TAB)
    unten = b.absatz("Unterschrift", "Dezernentin/Dezernent", TAB, "Amtsleitung")
    unten.paragraph_format.keep_with_next = False


# --------------------------------------------------------------------------- build and save


def grundgeruest(ueberschriften_nummeriert: bool, tabelle: str) -> DocumentObject:
    """An empty document with the house style: packages, settings, numbering, styles."""
    doc = Document()
    # python-docx's empty document holds one empty paragraph; start from a clean body.
    body = doc.element.body
    for kind in list(body):
        if kind.tag == qn("w:p"):
            body.remove(kind)

    pakete_bereinigen(doc)
    einstellungen(doc)
    nummerierung(doc, ueberschriften_nummeriert)
    stile(doc, tabelle)
    return doc


def baue_quartiersprofil() -> DocumentObject:
    """Build the quarter profile template in memory."""
    doc = grundgeruest(True, TABELLE_PROFIL)
    eigenschaften(doc)
    seite(doc)

    b = Baustein(doc, TABELLE_PROFIL)
    titelblatt(b)
    inhaltsverzeichnis(b)
    steckbrief(b)
    demografie(b)
    soziale_lage(b)
    handlungsfelder(b)
    begehung(b)
    massnahmen(b)
    quellen(b)
    return doc


def baue_gremienvorlage() -> DocumentObject:
    """Build the committee draft template in memory; it starts directly, without title page."""
    doc = grundgeruest(False, TABELLE_GREMIEN)
    stile_gremienvorlage(doc)
    eigenschaften(
        doc,
        titel="{{ vorlage.betreff|safe }}",
        thema="{{ vorlage.art|safe }} – {{ projekt.titel|safe }}",
        stichworte="Gremienvorlage; Drucksache; altersgerechte Quartiersentwicklung",
        kategorie="Gremienvorlage",
    )
    seite(
        doc,
        [
            ["Stadt {{ projekt.stadt }} – {{ vorlage.art }}", TAB, "{{ projekt.titel }}"],
            *hinweis_kopfzeile(),
        ],
        [["Drucksache-Nr.: {{ vorlage.drucksachen_nr }}", TAB, *seitenzahl()]],
        titelseite=False,
    )

    b = Baustein(doc, TABELLE_GREMIEN)
    kopfblock(b)
    beratung(b)
    sachverhalt(b)
    auswirkungen(b)
    anlagen(b)
    return doc


def veraenderungen_inhalt(b: Baustein) -> None:
    """The change report: per quarter the notable changes, a table and a chart."""
    b.ueberschrift(1, "Veränderungen vom {{ von }} bis {{ bis }}")
    b.absatz(
        "Normal",
        "Dieser Bericht zeigt, wie sich die Kennzahlen für {{ quartiersnamen }} zwischen den "
        "Stichtagen {{ von }} und {{ bis }} verändert haben, jeweils im Vergleich mit dem "
        "Stadtbezirk und der Stadt {{ projekt.stadt }}. Anteile verändern sich in "
        "Prozentpunkten (von 7,9 % auf 8,4 % sind +0,5 Prozentpunkte), Anzahlen in Personen "
        "bzw. Haushalten und in Prozent des früheren Werts.",
    )
    b.steuerung("for q in quartiere")
    b.ueberschrift(2, "Quartier {{ q.name }} (Stadtbezirk {{ q.stadtbezirk }})")
    b.absatz("Normal", Text("Deutliche Veränderungen {{ q.von }} bis {{ q.bis }}", fett=True))
    b.liste(
        "q.saetze",
        "s",
        "Keine Kennzahl des Quartiers hat sich deutlich verändert.",
    )
    b.beschriftung(
        "Tabelle", "Kennzahlen {{ q.name }} am {{ q.von }} und am {{ q.bis }}", vor_tabelle=True
    )
    b.tabelle(
        [
            ("Kennzahl", 1800, "links"),
            ("Raum", 2150, "links"),
            ("{{ q.von }}", 1150, "rechts"),
            ("{{ q.bis }}", 1150, "rechts"),
            ("Veränderung", 1900, "rechts"),
            ("in %", 920, "rechts"),
        ],
        [
            ["{%tr for z in q.zeilen %}"],
            [
                "{{ z.kennzahl }}",
                "{{ z.raum }}",
                "{{ z.alt }}",
                "{{ z.neu }}",
                "{{ z.absolut }}",
                "{{ z.relativ }}",
            ],
            ["{%tr endfor %}"],
        ],
        "Kennzahlen an zwei Stichtagen und ihre Veränderung",
    )
    b.absatz("Quellenangabe", "Quelle: {{ quelle_statistik }}")
    b.steuerung("if q.ohne_werte")
    b.absatz(
        "Normal",
        "Aus den Quelldaten nicht berechenbar und daher nicht in der Tabelle: {{ q.ohne_werte }}.",
    )
    b.steuerung("endif")
    b.steuerung("if q.diagramm")
    b.absatz("Bild", "{{ q.diagramm }}")
    b.beschriftung("Abbildung", "{{ q.diagramm_titel }}")
    b.absatz("Quellenangabe", "Quelle: {{ quelle_statistik }}")
    b.steuerung("endif")
    b.steuerung("endfor")
    b.ueberschrift(2, "Lesehilfe")
    b.absatz(
        "Normal",
        "„Veränderung“ ist der spätere Wert minus den früheren: bei Anteilen in Prozentpunkten, "
        "bei Anzahlen in Personen bzw. Haushalten, beim Durchschnittsalter in Jahren, beim "
        "Altenquotienten in Punkten. „in %“ ist die Veränderung einer Anzahl in Prozent des "
        "früheren Werts; bei Anteilen steht dort „–“, weil eine prozentuale Veränderung eines "
        "Anteils leicht mit Prozentpunkten verwechselt wird. Veränderungen werden aus den "
        "ungerundeten Werten berechnet und können daher um 0,1 von der Differenz der gerundeten "
        "Werte abweichen. Zeichenerklärung: „.“ = geheim "
        "gehalten; „nicht verfügbar“ = aus den Quelldaten nicht berechenbar.",
    )
    b.absatz("Normal", "{{ schwellen }}")


def baue_veraenderungen() -> DocumentObject:
    """Build the change report template (qprofil changes) in memory, without title page."""
    doc = grundgeruest(False, TABELLE_PROFIL)
    eigenschaften(
        doc,
        titel="Veränderungen {{ von }} bis {{ bis }}: {{ quartiersnamen|safe }}",
        stichworte="Veränderungen; Kennzahlen; altersgerechte Quartiersentwicklung",
        kategorie="Veränderungsbericht",
    )
    seite(
        doc,
        [["{{ projekt.titel }}"], *hinweis_kopfzeile()],
        [["Veränderungen {{ von }} bis {{ bis }} · Stand {{ stand }}", TAB, *seitenzahl()]],
        titelseite=False,
    )
    veraenderungen_inhalt(Baustein(doc, TABELLE_PROFIL))
    return doc


VORLAGEN = {
    "quartiersprofil": baue_quartiersprofil,
    "gremienvorlage": baue_gremienvorlage,
    "veraenderungen": baue_veraenderungen,
}


def speichere(doc: DocumentObject, ziel: Path) -> None:
    """Save with fixed zip timestamps so that the file is byte-for-byte reproducible."""
    puffer = io.BytesIO()
    doc.save(puffer)
    puffer.seek(0)
    ausgabe = io.BytesIO()
    with (
        zipfile.ZipFile(puffer) as quelle,
        zipfile.ZipFile(ausgabe, "w", zipfile.ZIP_DEFLATED) as neu,
    ):
        for eintrag in quelle.infolist():
            info = zipfile.ZipInfo(eintrag.filename, date_time=ZIP_ZEIT)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            neu.writestr(info, quelle.read(eintrag.filename))
    ziel.parent.mkdir(parents=True, exist_ok=True)
    ziel.write_bytes(ausgabe.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Erzeugt die Word-Vorlagen.")
    parser.add_argument(
        "--ordner", type=Path, default=ORDNER, help=f"Zielordner (Standard: {ORDNER})"
    )
    parser.add_argument(
        "--nur", choices=sorted(VORLAGEN), help="nur diese Vorlage schreiben (Standard: alle)"
    )
    args = parser.parse_args(argv)
    for name, baue in VORLAGEN.items():
        if args.nur and name != args.nur:
            continue
        ziel = args.ordner / f"{name}.docx"
        speichere(baue(), ziel)
        print(f"Vorlage geschrieben: {ziel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
