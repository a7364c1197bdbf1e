"""Rendering Word templates with docxtpl: safe Jinja, images with alt text, document properties.

Context builders (one per document kind) produce plain data and :class:`Bild` specifications;
this module is the only one that knows docxtpl.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
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


# --- limits: a template on a shared drive must not exhaust memory or CPU --------------------

#: Longest text a placeholder may compute (repetition, padding, format widths), in characters.
GRENZE_TEXT = 1_000_000
#: Largest number a placeholder may compute with ``**``, in decimal digits.
GRENZE_STELLEN = 1_000
#: Longest text of one filled-in part of the document (body, a header), in characters.
GRENZE_AUSGABE = 50_000_000
#: Seconds one document may take to fill in.
GRENZE_SEKUNDEN = 60
#: Megabytes of memory filling in one document may add.
GRENZE_MB = 1_024

_HILFE_GRENZE = (
    "Platzhalter sollen Werte einsetzen, nicht rechnen: entfernen Sie den Ausdruck (die Grenzen "
    "stehen in docs/grenzen.md)."
)
_EINBINDEN_HILFE = (
    "Jede Vorlage muss für sich vollständig sein: kopieren Sie den Text in die Vorlage und "
    "entfernen Sie {% include %}, {% import %}, {% from … import %} bzw. {% extends %}."
)


def render(
    vorlage: Path,
    kontext: Mapping[str, Any],
    eigenschaften: Eigenschaften,
    anzeige: str,
    *,
    sekunden: int = GRENZE_SEKUNDEN,
    mb: int = GRENZE_MB,
) -> bytes:
    """Render ``vorlage`` with ``kontext`` and return the .docx bytes (nothing is written).

    Filling in may take at most ``sekunden`` and add at most ``mb`` of memory ([grenzen.vorlagen]).
    """
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
        with ueberwacht(anzeige, sekunden, mb):
            tpl.render(bereit, _jinja_umgebung(tpl, anzeige), autoescape=True)
    except QprofilError as err:
        absatz = getattr(err, "qprofil_absatz", "")
        if absatz:
            raise VorlagenFehler(f"{err.meldung}{_stelle(absatz)}", err.ort, err.hilfe) from err
        raise
    except MemoryError as err:
        raise _grenze(anzeige, "das Ausfüllen braucht mehr Arbeitsspeicher, als frei ist") from err
    except Exception as err:  # Jinja, lxml and plain Python errors from inside a placeholder
        raise _vorlagen_fehler(err, vorlage, anzeige) from err
    felder_fuellen(tpl.docx)
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
    if m := re.match(r"No (filter|test) named '(.+?)'", text):
        art = "den Filter" if m.group(1) == "filter" else "den Test"
        return f"{art} „{m.group(2)}“ gibt es nicht."
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
        if m is None and (e := re.match(r".+ has no element (.+)", text)):
            name = f"Element {e.group(1)}"
        elif m is None and "sequence was empty" in text:
            name = "erstes oder letztes Element einer leeren Liste"
        else:
            name = m.group(1) if m else "ein Wert"
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
    if isinstance(err, OverflowError) and "MAX_RANGE" in str(err):
        return "ein Platzhalter zählt mit range() über mehr als 100.000 Schritte"
    if isinstance(err, OverflowError):
        return "ein Platzhalter rechnet mit einer zu großen Zahl"
    if isinstance(err, IndexError | KeyError):
        return "ein Platzhalter greift auf ein Element zu, das es nicht gibt"
    if isinstance(err, ValueError):
        return "ein Platzhalter bekommt einen Wert, mit dem er nicht umgehen kann"
    if isinstance(err, TemplateError) and re.match(r"No (filter|test) named", str(err)):
        # inside {% if %} Jinja finds an unknown filter only when it gets there, at run time
        return _syntax_deutsch(str(err), []).rstrip(".")
    if isinstance(err, TemplateError):
        return f"die Vorlagensprache meldet ein Problem ({type(err).__name__})"
    return f"ein unerwarteter Fehler ({type(err).__name__})"


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

    umgebung = begrenzte_umgebung(anzeige, finalize=endwert, loader=_kein_einbinden(anzeige))
    umgebung.filters["qprofil_typ"] = typ_pruefen
    return umgebung


#: Compiled template parts (see ``Begrenzt.compile``), oldest dropped first.
_KOMPILIERT: dict[tuple[object, ...], Any] = {}


def begrenzte_umgebung(anzeige: str, **optionen: Any) -> Any:
    """The bounded sandbox every template is filled in with, Word and HTML alike.

    Jinja's sandbox refuses attribute access; this one also bounds what an expression makes
    (``*``, ``**``, ``+``, ``%``, ``format`` widths, string-growing filters) and how long one
    part of the output may grow. Missing names are errors (StrictUndefined); output is escaped.
    ``optionen`` go to the environment (loader, finalize, whitespace control).
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Begrenzt(SandboxedEnvironment):  # type: ignore[misc]
        """The sandbox refuses attribute access; this one also bounds what an expression makes."""

        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def compile(
            self,
            source: Any,
            name: str | None = None,
            filename: str | None = None,
            raw: bool = False,
            defer_init: bool = False,
        ) -> Any:
            """Jinja's compile, once per template part and run instead of once per document.

            docxtpl compiles every part of the .docx for every document; the code depends only
            on the source and on the options below, not on the environment object it runs in.
            """
            if not isinstance(source, str) or name or filename or raw or defer_init:
                return super().compile(source, name, filename, raw, defer_init)
            schluessel = (
                source,
                self.finalize is not None,
                self.trim_blocks,
                self.lstrip_blocks,
                self.keep_trailing_newline,
            )
            code = _KOMPILIERT.get(schluessel)
            if code is None:
                code = super().compile(source, name, filename, raw, defer_init)
                if len(_KOMPILIERT) >= 64:
                    _KOMPILIERT.pop(next(iter(_KOMPILIERT)))
                _KOMPILIERT[schluessel] = code
            return code

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _binop_pruefen(operator, left, right, anzeige)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _aufruf_pruefen(__obj, args, anzeige)
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            """str.format and str.format_map, with their widths checked first."""
            sandboxed = super().wrap_str_format(value)
            if sandboxed is None:
                return None
            muster = value.__self__

            def format_(*args: Any, **kwargs: Any) -> Any:
                _format_pruefen(muster, anzeige)
                return sandboxed(*args, **kwargs)

            return format_

    def verbinden(teile: Iterable[str]) -> str:
        """Jinja's concat, counting: a template part may not grow beyond GRENZE_AUSGABE."""
        gesammelt: list[str] = []
        laenge = 0
        for teil in teile:
            laenge += len(teil)
            if laenge > GRENZE_AUSGABE:
                raise _grenze(
                    anzeige,
                    f"ein Teil des Dokuments wird länger als {GRENZE_AUSGABE:,} Zeichen".replace(
                        ",", "."
                    ),
                )
            gesammelt.append(teil)
        return "".join(gesammelt)

    umgebung = Begrenzt(undefined=StrictUndefined, autoescape=True, **optionen)
    umgebung.concat = verbinden
    umgebung.filters["format"] = _format_filter(umgebung.filters["format"], anzeige)
    for name in ("center", "indent", "truncate", "wordwrap"):
        umgebung.filters[name] = _breite_filter(umgebung.filters[name], anzeige)
    umgebung.filters["replace"] = _ersetzen_filter(umgebung.filters["replace"], anzeige)
    return umgebung


def _format_filter(original: Any, anzeige: str) -> Any:
    def format_(wert: Any, *args: Any, **kwargs: Any) -> Any:
        _format_pruefen(str(wert), anzeige)
        return original(wert, *args, **kwargs)

    return format_


def _breite_filter(original: Any, anzeige: str) -> Any:
    def begrenzt(wert: Any, breite: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if (n := _zahl_ganz(breite)) is not None:
            _text_pruefen(n, anzeige)
        return original(wert, breite, *args, **kwargs)

    return begrenzt


def _ersetzen_filter(original: Any, anzeige: str) -> Any:
    def ersetzen(eval_ctx: Any, wert: Any, alt: Any, neu: Any, anzahl: Any = None) -> Any:
        text, a, n = str(wert), str(alt), str(neu)
        treffer = text.count(a) if a else len(text) + 1
        _text_pruefen(len(text) + treffer * max(len(n) - len(a), 0), anzeige)
        return original(eval_ctx, wert, alt, neu, anzahl)

    ersetzen.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return ersetzen


def _kein_einbinden(anzeige: str) -> Any:
    from jinja2 import BaseLoader

    class KeinEinbinden(BaseLoader):  # type: ignore[misc]
        """{% include %}, {% import %}, {% extends %}: a template is complete in itself."""

        def get_source(self, environment: Any, template: str) -> Any:
            raise VorlagenFehler(
                f"Die Vorlage will eine andere Vorlage „{template}“ einbinden ({{% include %}}, "
                "{% import %} oder {% extends %}). Das ist nicht erlaubt.",
                Ort(anzeige),
                _EINBINDEN_HILFE,
            )

    return KeinEinbinden()


def _grenze(anzeige: str, was: str) -> VorlagenFehler:
    return VorlagenFehler(
        f"Die Vorlage überschreitet eine Grenze: {was}.", Ort(anzeige), _HILFE_GRENZE
    )


def _text_pruefen(laenge: int, anzeige: str) -> None:
    if laenge > GRENZE_TEXT:
        raise _grenze(
            anzeige,
            f"ein Platzhalter erzeugt einen Text von {laenge:,} Zeichen (höchstens "
            f"{GRENZE_TEXT:,})".replace(",", "."),
        )


def _zahl_ganz(wert: object) -> int | None:
    return wert if isinstance(wert, int) and not isinstance(wert, bool) else None


def _binop_pruefen(operator: str, links: Any, rechts: Any, anzeige: str) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be huge, before computing it."""
    if operator == "*":
        for folge, anzahl in ((links, rechts), (rechts, links)):
            n = _zahl_ganz(anzahl)
            if isinstance(folge, str | list | tuple) and n is not None:
                _text_pruefen(len(folge) * max(n, 0), anzeige)
    elif operator == "**":
        basis, hoch = _zahl_ganz(links), _zahl_ganz(rechts)
        if basis is not None and hoch is not None and abs(basis) > 1 and hoch > 0:
            stellen = basis.bit_length() * hoch * 0.302
            if stellen > GRENZE_STELLEN:
                raise _grenze(
                    anzeige,
                    f"ein Platzhalter berechnet eine Zahl mit etwa {int(stellen):,} Stellen "
                    f"(höchstens {GRENZE_STELLEN:,})".replace(",", "."),
                )
        elif (
            isinstance(links, float | int)
            and isinstance(rechts, float | int)
            and abs(rechts) > GRENZE_STELLEN
        ):
            raise _grenze(anzeige, f"ein Platzhalter rechnet mit dem Exponenten {rechts} (zu groß)")
    elif operator == "+":
        if isinstance(links, str | list | tuple) and isinstance(rechts, str | list | tuple):
            _text_pruefen(len(links) + len(rechts), anzeige)
    elif operator == "%" and isinstance(links, str):
        _format_pruefen(links, anzeige)


_BREITE = re.compile(r"\d+")


def _format_pruefen(muster: str, anzeige: str) -> None:
    """Refuse format widths and precisions that would pad a value to a huge text."""
    for zahl in _BREITE.findall(muster):
        if len(zahl) > 6 or int(zahl) > GRENZE_TEXT:
            raise _grenze(
                anzeige,
                f"ein Platzhalter formatiert mit der Breite {zahl} (Format „{muster[:40]}“)",
            )
    if "*" in muster and "%" in muster:
        raise _grenze(anzeige, "ein Platzhalter formatiert mit einer berechneten Breite („*“)")


#: str methods whose result length depends on an argument: checked before they run.
_TEXT_METHODEN = {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join"}


def _aufruf_pruefen(objekt: Any, args: tuple[Any, ...], anzeige: str) -> None:
    selbst = getattr(objekt, "__self__", None)
    name = getattr(objekt, "__name__", "")
    if not isinstance(selbst, str) or name not in _TEXT_METHODEN:
        return
    if name in ("center", "ljust", "rjust", "zfill") and args:
        if (n := _zahl_ganz(args[0])) is not None:
            _text_pruefen(n, anzeige)
    elif name == "expandtabs" and args:
        if (n := _zahl_ganz(args[0])) is not None:
            _text_pruefen(selbst.count("\t") * n + len(selbst), anzeige)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        alt, neu = args[0], str(args[1])
        treffer = selbst.count(alt) if alt else len(selbst) + 1
        _text_pruefen(len(selbst) + treffer * max(len(neu) - len(alt), 0), anzeige)
    elif name == "join" and args and isinstance(args[0], list | tuple):
        _text_pruefen(len(selbst) * len(args[0]), anzeige)


def _rss_mb() -> float | None:
    """Resident memory of this process in MB (Linux); None elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            seiten = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return seiten * os.sysconf("SC_PAGE_SIZE") / 1024**2


@contextlib.contextmanager
def ueberwacht(anzeige: str, sekunden: int, mb: int) -> Iterator[None]:
    """Stop filling in a template after ``sekunden`` or when it adds more than ``mb`` megabytes.

    A timer signal looks ten times a second (only in a process's main thread, where Python
    handles signals, and where the system has interval timers; elsewhere the checks on each
    expression above still hold).
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    beginn = time.monotonic()
    speicher = _rss_mb()
    #: When the last limit error was raised. The timer keeps running after it (code that
    #: swallows exceptions must not make the limit go away), but raises again only a second
    #: later, so that the first error unwinds the rendering cleanly.
    zuletzt = [float("-inf")]

    def pruefen(_nummer: int, _rahmen: object) -> None:
        jetzt = time.monotonic()
        if jetzt - zuletzt[0] < 1:
            return
        if jetzt - beginn > sekunden:
            zuletzt[0] = jetzt
            raise _grenze(
                anzeige,
                f"das Ausfüllen dauert länger als {sekunden} Sekunden ([grenzen.vorlagen] "
                "max_sekunden)",
            )
        belegt = _rss_mb()
        if speicher is not None and belegt is not None and belegt - speicher > mb:
            zuletzt[0] = jetzt
            raise _grenze(
                anzeige,
                f"das Ausfüllen braucht mehr als {mb:,} MB Arbeitsspeicher ([grenzen.vorlagen] "
                "max_mb)".replace(",", "."),
            )

    vorher = signal.signal(signal.SIGALRM, pruefen)
    signal.setitimer(signal.ITIMER_REAL, 0.1, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, vorher)


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
            neu = {k: umwandeln(v) for k, v in wert.items()}
            # A dict class with its own truth value keeps it: {% if befragung %} is false
            # without a survey (dokumente.gemeinsam.Angaben).
            return type(wert)(neu) if "__bool__" in vars(type(wert)) else neu
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


# --- Fields filled at build time: table of contents and caption numbers ----------------------
#
# A Word field keeps its last result in the file. Templates carry a placeholder there and used to
# ask Word to update all fields on opening (w:updateFields) – a question on every opening – while
# LibreOffice shows the placeholder. So the results are computed here from the rendered text:
# the table of contents lists the headings with their numbers (no page numbers: only a layout
# engine knows them; Word adds them with F9, and the PDF macro lets LibreOffice recompute the
# whole directory with page numbers), and SEQ fields get the caption numbers in document order.
# The fields stay fields, so Word can still refresh them.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STUFEN = re.compile(r'\\o\s+"(\d)-(\d)"')
_NUMMER_PLATZ = re.compile(r"%(\d)")


@dataclass(frozen=True)
class _Eintrag:
    ebene: int  # 0-based outline level
    nummer: str  # "2.1" or ""
    text: str


def felder_fuellen(docx: Any) -> None:
    """Fill the table of contents and SEQ numbers of a rendered document; drop updateFields."""
    body = docx.element.body
    _toc_fuellen(docx, body)
    _seq_fuellen(body)
    for alt in docx.settings.element.findall(f"{_W}updateFields"):
        docx.settings.element.remove(alt)


def _felder(body: Any) -> list[tuple[str, list[Any], Any, Any]]:
    """Every complex field: (instruction, runs between begin and end, separate run, end run).

    The runs are listed in document order and may span paragraphs; nested fields are included
    in the runs of the outer one.
    """
    offen: list[tuple[list[str], list[Any], list[Any]]] = []  # instruction, runs, [separate]
    fertig: list[tuple[str, list[Any], Any, Any]] = []
    for r in body.iter(f"{_W}r"):
        for feld in offen:
            feld[1].append(r)
        zeichen = r.find(f"{_W}fldChar")
        art = zeichen.get(f"{_W}fldCharType") if zeichen is not None else None
        if art == "begin":
            offen.append(([], [r], []))
            continue
        if not offen:
            continue
        if art == "separate":
            offen[-1][2].append(r)
        elif art == "end":
            anweisung, laeufe, trenner = offen.pop()
            fertig.append(("".join(anweisung).strip(), laeufe, trenner[0] if trenner else None, r))
        else:
            for instr in r.findall(f"{_W}instrText"):
                if not offen[-1][2]:
                    offen[-1][0].append(instr.text or "")
    return fertig


def _stile(docx: Any) -> dict[str, dict[str, Any]]:
    """Per paragraph style id: base style, outline level and numbering (numId, ilvl)."""
    stile: dict[str, dict[str, Any]] = {}
    for stil in docx.styles.element.findall(f"{_W}style"):
        if stil.get(f"{_W}type") != "paragraph":
            continue
        basis = stil.find(f"{_W}basedOn")
        eintrag: dict[str, Any] = {"basis": basis.get(f"{_W}val") if basis is not None else None}
        ppr = stil.find(f"{_W}pPr")
        if ppr is not None:
            eintrag.update(_ppr_angaben(ppr))
        name = stil.find(f"{_W}name")
        eintrag["name"] = name.get(f"{_W}val", "").lower() if name is not None else ""
        stile[stil.get(f"{_W}styleId", "")] = eintrag
    return stile


def _ppr_angaben(ppr: Any) -> dict[str, Any]:
    """Outline level and numbering set directly in a pPr."""
    angaben: dict[str, Any] = {}
    ebene = ppr.find(f"{_W}outlineLvl")
    if ebene is not None:
        angaben["ebene"] = int(ebene.get(f"{_W}val", "9"))
    numpr = ppr.find(f"{_W}numPr")
    if numpr is not None:
        num = numpr.find(f"{_W}numId")
        ilvl = numpr.find(f"{_W}ilvl")
        if num is not None:
            angaben["num"] = num.get(f"{_W}val")
        if ilvl is not None:
            angaben["ilvl"] = int(ilvl.get(f"{_W}val", "0"))
    return angaben


def _wert(stile: dict[str, dict[str, Any]], stil: str | None, schluessel: str) -> Any:
    """A style property, following basedOn."""
    gesehen: set[str] = set()
    while stil and stil in stile and stil not in gesehen:
        gesehen.add(stil)
        if schluessel in stile[stil]:
            return stile[stil][schluessel]
        stil = stile[stil].get("basis")
    return None


def _nummernformate(docx: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId → ilvl → (lvlText, numFmt, start) from numbering.xml."""
    try:
        numbering = docx.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstrakt: dict[str, dict[int, tuple[str, str, int]]] = {}
    for a in numbering.findall(f"{_W}abstractNum"):
        stufen: dict[int, tuple[str, str, int]] = {}
        for lvl in a.findall(f"{_W}lvl"):
            text = lvl.find(f"{_W}lvlText")
            fmt = lvl.find(f"{_W}numFmt")
            start = lvl.find(f"{_W}start")
            stufen[int(lvl.get(f"{_W}ilvl", "0"))] = (
                text.get(f"{_W}val", "") if text is not None else "",
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                int(start.get(f"{_W}val", "1")) if start is not None else 1,
            )
        abstrakt[a.get(f"{_W}abstractNumId", "")] = stufen
    formate = {}
    for num in numbering.findall(f"{_W}num"):
        verweis = num.find(f"{_W}abstractNumId")
        if verweis is not None:
            formate[num.get(f"{_W}numId", "")] = abstrakt.get(verweis.get(f"{_W}val", ""), {})
    return formate


def _nummer_text(muster: str, werte: list[int]) -> str:
    """Word's lvlText ("%1.%2") with the current counters."""

    def ersetzen(m: re.Match[str]) -> str:
        stelle = int(m.group(1)) - 1
        return str(werte[stelle]) if stelle < len(werte) else ""

    return _NUMMER_PLATZ.sub(ersetzen, muster)


def _absatztext(p: Any) -> str:
    """Visible text of a paragraph (tabs and breaks as spaces, field instructions left out)."""
    teile = []
    for element in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        teile.append((element.text or "") if element.tag == f"{_W}t" else " ")
    return " ".join("".join(teile).split())


def _ueberschriften(docx: Any, body: Any, von: int, bis: int, ausser: set[Any]) -> list[_Eintrag]:
    """Headings with outline level von..bis (0-based) in document order, with their numbers."""
    stile = _stile(docx)
    formate = _nummernformate(docx)
    zaehler: dict[str, list[int]] = {}
    eintraege: list[_Eintrag] = []
    for p in body.iter(f"{_W}p"):
        if p in ausser:
            continue
        ppr = p.find(f"{_W}pPr")
        direkt = _ppr_angaben(ppr) if ppr is not None else {}
        stil_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
        stil = stil_el.get(f"{_W}val") if stil_el is not None else None
        ebene = direkt.get("ebene", _wert(stile, stil, "ebene"))
        if ebene is None:
            # Built-in heading styles without an explicit outline level (Word's own files).
            name = (_wert(stile, stil, "name") or "") if stil else ""
            treffer = re.fullmatch(r"heading (\d)", name)
            ebene = int(treffer.group(1)) - 1 if treffer else None
        num = direkt.get("num", _wert(stile, stil, "num"))
        ilvl = direkt.get("ilvl", _wert(stile, stil, "ilvl")) or 0
        nummer = ""
        if num and num != "0" and num in formate:
            stufen = formate[num]
            werte = zaehler.setdefault(num, [])
            while len(werte) <= ilvl:
                werte.append(stufen.get(len(werte), ("", "decimal", 1))[2] - 1)
            werte[ilvl] += 1
            del werte[ilvl + 1 :]
            muster, fmt, _ = stufen.get(ilvl, ("", "decimal", 1))
            if fmt == "decimal":
                nummer = _nummer_text(muster, werte)
        if ebene is None or not von <= ebene <= bis:
            continue
        text = _absatztext(p)
        if text:
            eintraege.append(_Eintrag(ebene, nummer, text))
    return eintraege


def _lauf(text: str | None = None, tab: bool = False) -> Any:
    from lxml import etree

    r = etree.Element(f"{_W}r")
    if tab:
        etree.SubElement(r, f"{_W}tab")
    if text is not None:
        t = etree.SubElement(r, f"{_W}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _toc_fuellen(docx: Any, body: Any) -> None:
    """Write the headings as the result of the first TOC field (entries in styles "toc N")."""
    from lxml import etree

    for anweisung, laeufe, trenner, ende in _felder(body):
        if not anweisung.upper().startswith("TOC") or trenner is None:
            continue
        stufen = _STUFEN.search(anweisung)
        von, bis = (int(stufen.group(1)) - 1, int(stufen.group(2)) - 1) if stufen else (0, 2)
        absaetze = []
        for r in laeufe:
            p = r.getparent()
            while p is not None and p.tag != f"{_W}p":
                p = p.getparent()
            if p is not None and p not in absaetze:
                absaetze.append(p)
        eintraege = _ueberschriften(docx, body, von, bis, set(absaetze))
        if not eintraege or not absaetze:
            return
        erster, letzter = absaetze[0], absaetze[-1]
        if trenner.getparent() is not erster or ende.getparent() is not letzter:
            return  # a field inside a hyperlink or similar: leave it to Word
        anfang = laeufe[0].find(f"{_W}fldChar")
        anfang.attrib.pop(f"{_W}dirty", None)
        # Whatever follows the field in its last paragraph stays after it.
        danach = list(ende.itersiblings())
        # Drop the old result: everything after "separate" up to and including "end".
        for kind in list(trenner.itersiblings()):
            erster.remove(kind)
        for p in absaetze[1:]:
            p.getparent().remove(p)
        stil_ids = {
            s.get("name"): sid
            for sid, s in _stile(docx).items()
            if s.get("name", "").startswith("toc ")
        }
        absatz = erster
        for nr, eintrag in enumerate(eintraege):
            if nr:
                neu = etree.Element(f"{_W}p")
                absatz.addnext(neu)
                absatz = neu
            ppr = absatz.find(f"{_W}pPr")
            if ppr is None:
                ppr = etree.Element(f"{_W}pPr")
                absatz.insert(0, ppr)
            if nr == 0:
                # The placeholder's own indent would shift the first entry.
                for alt in ppr.findall(f"{_W}ind"):
                    ppr.remove(alt)
            stil = stil_ids.get(f"toc {eintrag.ebene + 1}")
            if stil:
                for alt in ppr.findall(f"{_W}pStyle"):
                    ppr.remove(alt)
                ps = etree.Element(f"{_W}pStyle")
                ps.set(f"{_W}val", stil)
                ppr.insert(0, ps)
            if eintrag.nummer:
                absatz.append(_lauf(eintrag.nummer))
                absatz.append(_lauf(tab=True))
            absatz.append(_lauf(eintrag.text))
        absatz.append(ende)
        for kind in danach:
            absatz.append(kind)
        return


def _seq_fuellen(body: Any) -> None:
    """Caption numbers: the result of every SEQ field counted in document order."""
    zaehler: dict[str, int] = {}
    for anweisung, laeufe, trenner, ende in _felder(body):
        teile = anweisung.split()
        if len(teile) < 2 or teile[0].upper() != "SEQ" or trenner is None:
            continue
        name = teile[1]
        schalter = [t.lower() for t in teile[2:]]
        if "\\r" in schalter and schalter.index("\\r") + 1 < len(schalter):
            with contextlib.suppress(ValueError):
                zaehler[name] = int(schalter[schalter.index("\\r") + 1]) - 1
        if "\\c" not in schalter:
            zaehler[name] = zaehler.get(name, 0) + 1
        anfang = laeufe[0].find(f"{_W}fldChar")
        anfang.attrib.pop(f"{_W}dirty", None)  # the result is current: no question in Word
        if "\\h" in schalter:
            continue
        texte = [
            t
            for r in laeufe[laeufe.index(trenner) + 1 : laeufe.index(ende)]
            for t in r.findall(f"{_W}t")
        ]
        if texte:
            texte[0].text = str(zaehler.get(name, 0))
            for t in texte[1:]:
                t.text = ""
