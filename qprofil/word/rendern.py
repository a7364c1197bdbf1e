"""Rendering Word templates with docxtpl: safe Jinja, images with alt text, document properties.

Context builders (one per document kind) produce plain data and :class:`Bild` specifications;
this module is the only one that knows docxtpl.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qprofil.dokumente.art import Bild, Eigenschaften
from qprofil.fehler import Ort, QprofilError, VorlagenFehler
from qprofil.text import xml_sicher

# Word's autocorrect writes „…“ ‚…‘ »…« (German) or “…” ‘…’ (English) inside tags; Jinja only
# knows ASCII quotes. Opening quote → the closing quotes that may end the string.
_DOPPELT = {"„": "“”", "“": "”“", "”": "”", "»": "«", "«": "»"}
_EINFACH = {"‚": "‘’", "‘": "’‘", "’": "’", "›": "‹", "‹": "›"}
_TYPOGRAFISCH = frozenset("„“”‚‘’»«›‹")
_XML_ZEICHEN = re.compile(r"&(?:quot|apos|amp|lt|gt|#\d+|#x[0-9a-fA-F]+);|.", re.DOTALL)
_ALS_ASCII = {"&quot;": '"', "&apos;": "'"}

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# {{p x}} and {{r x}}: docxtpl's tags for an embedded document and for formatted text.
_TYP_TAG = re.compile(r"\{\{([pr]) (.*?)(-?)\}\}", re.DOTALL)
# docxtpl's first two clean-ups (DocxTemplate.patch_xml), done here first so that a tag split
# over several runs is one piece of text when quotes and tag types are looked at.
_KLAMMER_RUNS = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL)
_TAG_INNEN = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_RUN_GRENZE = re.compile(r"</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_TEILE = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def render(
    vorlage: Path, kontext: Mapping[str, Any], eigenschaften: Eigenschaften, anzeige: str
) -> bytes:
    """Render ``vorlage`` with ``kontext`` and return the .docx bytes (nothing is written)."""
    if not vorlage.is_file():
        raise VorlagenFehler(
            "Die Vorlage fehlt.",
            Ort(anzeige),
            "Legen Sie die Word-Vorlage in den Ordner vorlagen/ (siehe vorlagen/PLATZHALTER.md).",
        )
    tpl = _vorlagen_klasse()(str(vorlage))
    try:
        tpl.init_docx()
    except Exception as err:  # python-docx raises many kinds for a file that is no .docx
        raise VorlagenFehler(
            "Die Vorlage ist keine lesbare Word-Datei (.docx).",
            Ort(anzeige),
            "Öffnen Sie sie in Word und speichern Sie sie als „Word-Dokument (*.docx)“.",
        ) from err
    bereit = _bilder_einsetzen(tpl, kontext)
    try:
        tpl.render(bereit, _jinja_umgebung(tpl, anzeige), autoescape=True)
    except QprofilError as err:
        absatz = getattr(err, "qprofil_absatz", "")
        if absatz:
            raise VorlagenFehler(f"{err.meldung}{_stelle(absatz)}", err.ort, err.hilfe) from err
        raise
    except Exception as err:  # Jinja, lxml and plain Python errors from inside a placeholder
        raise _vorlagen_fehler(err, vorlage, anzeige) from err
    _eigenschaften_setzen(tpl.docx, eigenschaften)
    puffer = io.BytesIO()
    tpl.save(puffer)
    return puffer.getvalue()


def anfuehrungen_normalisieren(tag: str) -> str:
    """A Jinja tag with typographic quotes as ASCII string delimiters.

    Quotes used as delimiters become ``"`` or ``'``; typographic quotes *inside* a string stay
    what they are (written as ``\\u201e`` escapes, which Jinja decodes), so ``{{ "„x“" }}``
    prints „x“ and ``{% if name == „Derne“ %}`` compares with Derne.
    """
    aus: list[str] = []
    offen: tuple[str, str, bool] | None = None  # (ASCII delimiter, closing chars, typographic)
    zeichen = _XML_ZEICHEN.findall(tag)
    i = 0
    while i < len(zeichen):
        z = zeichen[i]
        a = _ALS_ASCII.get(z, z)
        if offen is None:
            if a in ('"', "'"):
                aus.append(z)
                offen = (a, a, False)
            elif z in _DOPPELT:
                aus.append('"')
                offen = ('"', _DOPPELT[z], True)
            elif z in _EINFACH:
                aus.append("'")
                offen = ("'", _EINFACH[z], True)
            else:
                aus.append(z)
        else:
            begrenzer, schliessend, typografisch = offen
            if typografisch and z in schliessend:
                aus.append(begrenzer)
                offen = None
            elif not typografisch and a == begrenzer:
                aus.append(z)
                offen = None
            elif z == "\\" and not typografisch and i + 1 < len(zeichen):
                aus.append(z + zeichen[i + 1])  # an escape inside an ASCII string stays as it is
                i += 1
            elif z == "\\" or (typografisch and a == begrenzer):
                aus.append("\\" + a)
            elif z in _TYPOGRAFISCH:
                aus.append(f"\\u{ord(z):04x}")
            else:
                aus.append(z)
        i += 1
    return "".join(aus)


def _nur_text(xml: str) -> str:
    """The visible text (placeholders included) of a piece of WordprocessingML."""
    return html.unescape(_XML_TAG.sub("", xml)).strip()


def _stelle(absatz: str, tag: str = "") -> str:
    """Stelle in der Vorlage: „…“ – the paragraph text around ``tag``, for a message."""
    if not absatz:
        return ""
    i = absatz.find(tag) if tag else -1
    if i < 0:
        text = absatz if len(absatz) <= 200 else absatz[:200] + " …"
    else:
        von, bis = max(0, i - 80), min(len(absatz), i + len(tag) + 80)
        text = ("… " if von else "") + absatz[von:bis] + (" …" if bis < len(absatz) else "")
    return f" Stelle in der Vorlage: „{text}“"


def _template_zeile(err: BaseException) -> int | None:
    """The line of the rendered template where a runtime error happened (Jinja's own frame)."""
    zeile = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            zeile = tb.tb_lineno
        tb = tb.tb_next
    return zeile


def _platzhalter(vorlage: Path) -> list[str]:
    """Every {{ … }} and {% … %} of the template, body first, as the author typed it."""
    try:
        with zipfile.ZipFile(vorlage) as z:
            teile = sorted(
                (n for n in z.namelist() if _TEILE.fullmatch(n)),
                key=lambda n: (not n.startswith("word/document"), n),
            )
            texte = [z.read(n).decode("utf-8", "replace") for n in teile]
    except (OSError, zipfile.BadZipFile, KeyError):
        return []
    return [html.unescape(t) for text in texte for t in _TAG.findall(_XML_TAG.sub("", text))]


def _tag_mit(name: str, tags: list[str]) -> str:
    muster = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return next((t for t in tags if muster.search(t)), "")


def _offener_block(tags: list[str], block: str) -> str:
    """The {% block … %} tag that has no end tag (innermost, if several)."""
    stapel: list[str] = []
    for tag in tags:
        m = re.match(r"\{%[-+]?(?:(?:p|tr|tc|r)(?=\s))?\s*(\w+)", tag)
        if not m:
            continue
        if m.group(1) == block:
            stapel.append(tag)
        elif m.group(1) == f"end{block}" and stapel:
            stapel.pop()
    return stapel[-1] if stapel else ""


def _syntax_deutsch(text: str, tags: list[str]) -> str:
    """Jinja's syntax error messages, in German."""
    if m := re.search(r"innermost block that needs to be closed is '(\w+)'", text):
        block = m.group(1)
        offen = _offener_block(tags, block)
        return (
            f"ein {{% {block} %}} ohne {{% end{block} %}}" + (f": {offen}" if offen else "") + "."
        )
    if m := re.match(r"Encountered unknown tag '(\w+)'", text):
        return f"unbekannte oder überzählige Anweisung {{% {m.group(1)} %}}."
    if m := re.match(r"unexpected char '(.+?)'", text):
        return f"unerwartetes Zeichen „{m.group(1)}“."
    if m := re.match(r"expected token '(.+?)', got '(.+?)'", text):
        erwartet = {"end of print statement": "}}", "end of statement block": "%}"}
        return f"erwartet wurde „{erwartet.get(m.group(1), m.group(1))}“, gefunden „{m.group(2)}“."
    if text.startswith("unexpected end of template"):
        return "ein Platzhalter ist nicht geschlossen (es fehlt „}}“ oder „%}“)."
    if m := re.match(r"unexpected '(.+?)'", text):
        return f"unerwartetes „{m.group(1)}“."
    return text


def _vorlagen_fehler(err: Exception, vorlage: Path, anzeige: str) -> VorlagenFehler:
    """A German error naming the placeholder (and the paragraph around it) that failed."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    tags = _platzhalter(vorlage)
    absatz = getattr(err, "qprofil_absatz", "")
    tags_im_absatz = _TAG.findall(absatz) + tags
    if isinstance(err, TemplateSyntaxError):
        stelle = _stelle(absatz)
        if not absatz and (umgebung := _umgebung_text(err)):
            stelle = f" Text in der Nähe: „{umgebung}“"
        if "innermost block" in (err.message or ""):
            stelle = ""  # Jinja noticed at the end of the template; the message names the block
        return VorlagenFehler(
            f"Syntaxfehler in einem Platzhalter: {_syntax_deutsch(err.message or str(err), tags)}"
            + stelle,
            Ort(anzeige),
            "Prüfen Sie geschweifte Klammern und %-Zeichen: {{ name }}, {% for … %} … {% endfor %}.",
        )
    if isinstance(err, SecurityError):
        m = re.search(r"attribute '(.+?)'", str(err))
        name = m.group(1) if m else str(err)
        tag = _tag_mit(name, tags_im_absatz)
        return VorlagenFehler(
            f"Die Vorlage versucht einen unerlaubten Zugriff auf „{name}“"
            + (f" in {tag}" if tag else "")
            + ".",
            Ort(anzeige),
            "Platzhalter dürfen nur Werte einsetzen; entfernen Sie den Ausdruck.",
        )
    if isinstance(err, UndefinedError):
        text = str(err)
        m = re.match(r"'(.+?)' is undefined", text) or re.match(
            r".+ has no attribute '(.+?)'", text
        )
        name = m.group(1) if m else text
        tag = _tag_mit(name, tags_im_absatz)
        return VorlagenFehler(
            f"Die Vorlage verwendet einen Namen, den es nicht gibt: „{name}“"
            + (f" in {tag}" if tag else "")
            + "."
            + _stelle(absatz, tag),
            Ort(anzeige),
            "Korrigieren Sie den Platzhalter; alle Namen stehen in vorlagen/PLATZHALTER.md.",
        )
    return VorlagenFehler(
        f"Fehler beim Ausfüllen der Vorlage: {_technisch_deutsch(err)}." + _stelle(absatz),
        Ort(anzeige),
        "Prüfen Sie den Platzhalter an dieser Stelle (siehe vorlagen/PLATZHALTER.md).",
    )


def _technisch_deutsch(err: Exception) -> str:
    from jinja2 import TemplateError
    from lxml.etree import XMLSyntaxError

    if isinstance(err, TypeError):
        return "ein Platzhalter rechnet oder vergleicht mit Werten, die dazu nicht passen"
    if isinstance(err, ZeroDivisionError):
        return "ein Platzhalter teilt durch null"
    if isinstance(err, XMLSyntaxError):
        return "ein Platzhalter erzeugt ungültiges Word-XML"
    if isinstance(err, TemplateError):
        return str(err)
    return f"{type(err).__name__}: {err}"


def _umgebung_text(err: Exception) -> str:
    zeilen = getattr(err, "docx_context", None)
    if not zeilen:
        return ""
    text = " ".join(z.strip() for z in zeilen if z.strip())
    return text[:200]


def _wert_art(wert: object) -> str:
    if isinstance(wert, str):
        return f"den Text „{wert[:40]}“"
    if isinstance(wert, bool) or wert is None:
        return f"den Wert {wert}"
    if isinstance(wert, int | float):
        return f"die Zahl {wert}"
    if isinstance(wert, Mapping):
        return "eine Gruppe von Werten"
    if isinstance(wert, list | tuple):
        return "eine Liste"
    return f"einen Wert der Art {type(wert).__name__}"


def _docxtpl_arten() -> dict[str, tuple[type, ...]]:
    """The docxtpl value types {{p …}} and {{r …}} need, and that a plain {{ … }} must not get."""
    from docxtpl.richtext import RichText, RichTextParagraph

    absatz: tuple[type, ...] = (RichTextParagraph,)
    try:
        from docxtpl.subdoc import Subdoc

        absatz = (*absatz, Subdoc)
    except ImportError:  # Subdoc needs docxcompose (docxtpl[subdoc])
        pass
    return {"p": absatz, "r": (RichText,), "alle": (*absatz, RichText)}


def _jinja_umgebung(tpl: Any, anzeige: str) -> Any:
    """A sandboxed Jinja environment (templates live on shared drives anyone can edit).

    Missing names are errors (StrictUndefined). {{p …}} and {{r …}} are checked for the value
    type they need, and a plain {{ … }} must not get one: docxtpl would write broken XML that
    Word refuses, while python-docx opens it without complaint.
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    arten = _docxtpl_arten()

    def endwert(wert: Any) -> Any:
        if isinstance(wert, arten["alle"]):
            raise VorlagenFehler(
                "Ein einfacher Platzhalter {{ … }} bekommt formatierten Text oder ein "
                "eingebettetes Dokument.",
                Ort(anzeige),
                "Schreiben Sie {{r …}} für formatierten Text und {{p …}} (allein im Absatz) für "
                "ein eingebettetes Dokument.",
            )
        return wert

    def typ_pruefen(wert: Any, nr: int) -> Markup:
        art, tag = tpl.typ_tags[nr]
        if not isinstance(wert, arten[art]):
            if art == "p":
                meldung = "erwartet ein eingebettetes Dokument (Subdoc)"
                hilfe = "Für einen Wert schreiben Sie {{ … }} ohne „p“; {{p …}} ist nur für eingebettete Dokumente."
            else:
                meldung = "erwartet formatierten Text (RichText)"
                hilfe = "Für einen Wert schreiben Sie {{ … }} ohne „r“; die Schrift legen Sie in Word fest."
            raise VorlagenFehler(
                f"Der Platzhalter {tag} {meldung}, bekommt aber {_wert_art(wert)}.",
                Ort(anzeige),
                hilfe,
            )
        # Already XML: passes the plain-placeholder check and is not escaped again.
        return Markup(wert.__html__())

    umgebung = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, finalize=endwert)
    umgebung.filters["qprofil_typ"] = typ_pruefen
    return umgebung


_KLASSE: Any = None


def _vorlagen_klasse() -> Any:
    """DocxTemplate with quotes normalised in tags, checked tag types and located errors."""
    global _KLASSE
    if _KLASSE is not None:
        return _KLASSE
    from docxtpl import DocxTemplate

    class Vorlage(DocxTemplate):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            #: ("p" or "r", the tag as written) for every {{p …}}/{{r …}}, by number.
            self.typ_tags: list[tuple[str, str]] = []

        def patch_xml(self, src_xml: str) -> str:
            src_xml = _KLAMMER_RUNS.sub("", src_xml)
            src_xml = _TAG_INNEN.sub(lambda m: _RUN_GRENZE.sub("", m.group(0)), src_xml)
            src_xml = _TAG.sub(lambda m: anfuehrungen_normalisieren(m.group(0)), src_xml)
            src_xml = _TYP_TAG.sub(self._typ_markieren, src_xml)
            return super().patch_xml(src_xml)  # type: ignore[no-any-return]

        def _typ_markieren(self, m: re.Match[str]) -> str:
            # {{p x}} → {{p (x)|qprofil_typ(n)}}: the filter checks the value (docxtpl keeps
            # the p/r mark for its own clean-up, which the filter does not disturb).
            self.typ_tags.append((m.group(1), html.unescape(m.group(0))))
            nr = len(self.typ_tags) - 1
            return f"{{{{{m.group(1)} ({m.group(2).strip()})|qprofil_typ({nr}) {m.group(3)}}}}}"

        def render_xml_part(
            self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
        ) -> str:
            try:
                return super().render_xml_part(src_xml, part, context, jinja_env)  # type: ignore[no-any-return]
            except Exception as err:
                _absatz_vermerken(err, src_xml, self.typ_tags)
                raise

    _KLASSE = Vorlage
    return Vorlage


_TYP_INTERN = re.compile(r"\{\{ \((.*?)\)\|qprofil_typ\((\d+)\) -?\}\}")


def _absatz_vermerken(err: Exception, src_xml: str, typ_tags: list[tuple[str, str]]) -> None:
    """Attach the text of the paragraph where rendering failed (docxtpl puts one per line)."""
    from jinja2 import TemplateSyntaxError

    zeile = err.lineno if isinstance(err, TemplateSyntaxError) else _template_zeile(err)
    if zeile is None or hasattr(err, "qprofil_absatz"):
        return
    zeilen = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
    if 0 < zeile <= len(zeilen):
        with contextlib.suppress(AttributeError):  # an exception class with __slots__
            text = _TYP_INTERN.sub(
                lambda m: typ_tags[int(m.group(2))][1], _nur_text(zeilen[zeile - 1])
            )
            err.qprofil_absatz = text  # type: ignore[attr-defined]


def _bild_klasse() -> Any:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docxtpl import InlineImage
    from lxml import etree

    class BildMitAlt(InlineImage):  # type: ignore[misc]
        """InlineImage whose drawing carries alternative text (wp:docPr/@descr)."""

        def __init__(self, tpl: Any, quelle: Any, breite: Any, alt: str) -> None:
            super().__init__(tpl, quelle, width=breite)
            self.alt = alt

        def _insert_image(self) -> str:
            inline = self.tpl.current_rendering_part.new_pic_inline(
                self.image_descriptor, self.width, self.height
            )
            doc_pr = inline.find(qn("wp:docPr"))
            doc_pr.set("descr", self.alt)
            doc_pr.set("title", self.alt[:120])
            pic = etree.tostring(parse_xml(inline.xml), encoding="unicode")
            return (
                f"</w:t></w:r><w:r><w:drawing>{pic}</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">'
            )

        def __html__(self) -> str:
            return self._insert_image()

    return BildMitAlt


def _bilder_einsetzen(tpl: Any, kontext: Mapping[str, Any]) -> dict[str, Any]:
    """Replace every Bild in the (nested) context by an image object bound to ``tpl``."""
    from docx.shared import Mm

    klasse = _bild_klasse()

    def umwandeln(wert: Any) -> Any:
        if isinstance(wert, str) and not hasattr(wert, "__html__"):
            # The last line of defence for text from anywhere (settings too): no page breaks,
            # paragraphs or XML-invalid characters from a stray control character.
            return xml_sicher(wert)
        if isinstance(wert, Bild):
            quelle = io.BytesIO(wert.quelle) if isinstance(wert.quelle, bytes) else str(wert.quelle)
            return klasse(tpl, quelle, Mm(wert.breite_mm), wert.alt)
        if isinstance(wert, Mapping):
            return {k: umwandeln(v) for k, v in wert.items()}
        if isinstance(wert, list | tuple):
            return [umwandeln(v) for v in wert]
        return wert

    return umwandeln(kontext)  # type: ignore[no-any-return]


def _eigenschaften_setzen(docx: Any, e: Eigenschaften) -> None:
    zeit = dt.datetime.combine(e.datum, dt.time(12, 0))
    cp = docx.core_properties
    # lxml refuses control characters in core.xml
    cp.title = xml_sicher(e.titel)
    cp.subject = xml_sicher(e.thema)
    cp.author = xml_sicher(e.autor)
    cp.last_modified_by = xml_sicher(e.autor)
    cp.keywords = xml_sicher(e.stichworte)
    cp.language = "de-DE"
    cp.created = zeit
    cp.modified = zeit
    cp.revision = 1
