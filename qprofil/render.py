"""Rendering Word templates with docxtpl: safe Jinja, images with alt text, document properties.

Context builders (one per document kind) produce plain data and :class:`Bild` specifications;
this module is the only one that knows docxtpl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qprofil.errors import Ort, VorlagenFehler

# Word's German autocorrect writes „…“ ‚…‘ »…« inside tags; Jinja only knows ASCII quotes.
_DEUTSCHE_ANFUEHRUNG = str.maketrans(
    {"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "»": '"', "«": '"'}
)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass(frozen=True)
class Bild:
    """An image to insert: a file or PNG/JPEG bytes, a width in mm and its alternative text."""

    quelle: Path | bytes
    breite_mm: float
    alt: str


@dataclass(frozen=True)
class Eigenschaften:
    """Document properties (core.xml): title, subject, author, keywords and a fixed date."""

    titel: str
    thema: str
    autor: str
    datum: dt.date
    stichworte: str = ""


def render(vorlage: Path, kontext: Mapping[str, Any], eigenschaften: Eigenschaften, anzeige: str) -> bytes:
    """Render ``vorlage`` with ``kontext`` and return the .docx bytes (nothing is written)."""
    from docx.opc.exceptions import PackageNotFoundError
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError

    if not vorlage.is_file():
        raise VorlagenFehler(
            "Die Vorlage fehlt.",
            Ort(anzeige),
            "Legen Sie die Word-Vorlage in den Ordner vorlagen/ (siehe vorlagen/PLATZHALTER.md).",
        )
    klasse = _vorlagen_klasse()
    try:
        tpl = klasse(str(vorlage))
        tpl.docx  # noqa: B018 - opening is lazy; fail here with a clear message
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        raise VorlagenFehler(
            "Die Vorlage ist keine lesbare Word-Datei (.docx).",
            Ort(anzeige),
            "Öffnen Sie sie in Word und speichern Sie sie als „Word-Dokument (*.docx)“.",
        ) from err
    bereit = _bilder_einsetzen(tpl, kontext)
    try:
        tpl.render(bereit, _jinja_umgebung(), autoescape=True)
    except TemplateSyntaxError as err:
        raise VorlagenFehler(
            f"Syntaxfehler in einem Platzhalter: {err.message}. Text in der Nähe: "
            f"„{_umgebung_text(err)}“",
            Ort(anzeige),
            "Prüfen Sie geschweifte Klammern und %-Zeichen: {{ name }}, {% for … %} … {% endfor %}.",
        ) from err
    except UndefinedError as err:
        raise VorlagenFehler(
            f"Die Vorlage verwendet einen Namen, den es nicht gibt: {_undefined_deutsch(err)}.",
            Ort(anzeige),
            "Korrigieren Sie den Platzhalter; alle Namen stehen in vorlagen/PLATZHALTER.md.",
        ) from err
    except SecurityError as err:
        raise VorlagenFehler(
            f"Die Vorlage versucht einen unerlaubten Zugriff ({err}).",
            Ort(anzeige),
            "Platzhalter dürfen nur Werte einsetzen; entfernen Sie den Ausdruck.",
        ) from err
    except TemplateError as err:
        raise VorlagenFehler(
            f"Fehler beim Ausfüllen der Vorlage: {err}.",
            Ort(anzeige),
            "Prüfen Sie den genannten Platzhalter (siehe vorlagen/PLATZHALTER.md).",
        ) from err
    _eigenschaften_setzen(tpl.docx, eigenschaften)
    puffer = io.BytesIO()
    tpl.save(puffer)
    return puffer.getvalue()


def _umgebung_text(err: Exception) -> str:
    zeilen = getattr(err, "docx_context", None)
    if not zeilen:
        return ""
    text = " ".join(z.strip() for z in zeilen if z.strip())
    return text[:200]


def _undefined_deutsch(err: Exception) -> str:
    text = str(err)
    if m := re.match(r"'(.+?)' is undefined", text):
        return f"„{m.group(1)}“"
    if m := re.match(r"'(.+?)' has no attribute '(.+?)'", text):
        return f"„{m.group(2)}“ (in {m.group(1)})"
    return text


def _jinja_umgebung():  # type: ignore[no-untyped-def]
    """A sandboxed Jinja environment: templates live on shared drives anyone can edit."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


_KLASSE: Any = None


def _vorlagen_klasse() -> Any:
    """DocxTemplate with German quotes normalised in tags and images that carry alt text."""
    global _KLASSE
    if _KLASSE is not None:
        return _KLASSE
    from docxtpl import DocxTemplate

    class Vorlage(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            src_xml = _TAG.sub(lambda m: m.group(0).translate(_DEUTSCHE_ANFUEHRUNG), src_xml)
            return super().patch_xml(src_xml)  # type: ignore[no-any-return]

    _KLASSE = Vorlage
    return Vorlage


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
                "</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % pic
            )

        def __html__(self) -> str:
            return self._insert_image()

    return BildMitAlt


def _bilder_einsetzen(tpl: Any, kontext: Mapping[str, Any]) -> dict[str, Any]:
    """Replace every Bild in the (nested) context by an image object bound to ``tpl``."""
    from docx.shared import Mm

    klasse = _bild_klasse()

    def umwandeln(wert: Any) -> Any:
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
    cp.title = e.titel
    cp.subject = e.thema
    cp.author = e.autor
    cp.last_modified_by = e.autor
    cp.keywords = e.stichworte
    cp.language = "de-DE"
    cp.created = zeit
    cp.modified = zeit
    cp.revision = 1
