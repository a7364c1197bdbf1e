"""Rendering web pages: a Jinja2 HTML template from vorlagen/ with a kind's context (in memory).

The same context values as the Word documents (plain, already formatted German strings), with
autoescape on, so a quarter name like „Hafen & Nord“ can never break the markup. Undefined
placeholders are errors, not empty text: a typo in a template staff edited is reported with the
template's name and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qprofil.fehler import Ort, VorlagenFehler


def html_rendern(ordner: Path, name: str, kontext: Mapping[str, Any], anzeige: str) -> bytes:
    """Render the template ``name`` in ``ordner`` (UTF-8 bytes, nothing is written).

    ``anzeige``: the folder as shown in error messages (relative to the project).
    """
    import jinja2

    if not (ordner / name).is_file():
        raise VorlagenFehler(
            "Die HTML-Vorlage fehlt.",
            Ort(f"{anzeige}/{name}"),
            "Legen Sie die Vorlagen der Webseite in den Ordner vorlagen/webseite/ "
            "(die mitgelieferten stehen im Beispielprojekt).",
        )
    umgebung = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ordner)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    try:
        text = umgebung.get_template(name).render(**kontext)
    except jinja2.TemplateSyntaxError as err:
        raise VorlagenFehler(
            f"Die HTML-Vorlage enthält einen Fehler: {err.message}.",
            Ort(f"{anzeige}/{err.name or name}", zeile=err.lineno),
            "Prüfen Sie die Platzhalter {{ … }} und {% … %} in dieser Zeile.",
        ) from err
    except jinja2.TemplateNotFound as err:
        raise VorlagenFehler(
            f"Die HTML-Vorlage bindet „{err.name}“ ein, die es nicht gibt.",
            Ort(f"{anzeige}/{name}"),
            "Prüfen Sie den Namen im {% include %} oder legen Sie die Datei an.",
        ) from err
    except jinja2.UndefinedError as err:
        raise VorlagenFehler(
            f"Die HTML-Vorlage verwendet einen unbekannten Platzhalter ({err.message}).",
            Ort(f"{anzeige}/{name}"),
            "Der Platzhalter steht in dieser Vorlage oder einer, die sie mit {% include %} "
            "einbindet. Vergleichen Sie den Namen mit vorlagen/PLATZHALTER.md und korrigieren Sie "
            "ihn.",
        ) from err
    return text.encode("utf-8")
