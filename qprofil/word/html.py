"""Rendering web pages: a Jinja2 HTML template from vorlagen/ with a kind's context (in memory).

The same context values as the Word documents (plain, already formatted German strings), with
autoescape on, so a quarter name like „Hafen & Nord“ can never break the markup. Undefined
placeholders are errors, not empty text: a typo in a template staff edited is reported with the
template's name and line. The templates are filled in by the same bounded sandbox as the Word
templates (:func:`qprofil.word.rendern.begrenzte_umgebung`): no attribute access, bounded
expressions, time and memory per page ([grenzen.vorlagen]); {% include %} is allowed here, but
only of templates in the same folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qprofil.fehler import Ort, QprofilError, VorlagenFehler
from qprofil.word.rendern import GRENZE_MB, GRENZE_SEKUNDEN, begrenzte_umgebung, ueberwacht


def html_rendern(
    ordner: Path,
    name: str,
    kontext: Mapping[str, Any],
    anzeige: str,
    *,
    sekunden: int = GRENZE_SEKUNDEN,
    mb: int = GRENZE_MB,
) -> bytes:
    """Render the template ``name`` in ``ordner`` (UTF-8 bytes, nothing is written).

    ``anzeige``: the folder as shown in error messages (relative to the project).
    """
    import jinja2
    from jinja2.exceptions import SecurityError

    if not (ordner / name).is_file():
        raise VorlagenFehler(
            "Die HTML-Vorlage fehlt.",
            Ort(f"{anzeige}/{name}"),
            "Legen Sie die Vorlagen der Webseite in den Ordner vorlagen/webseite/ "
            "(die mitgelieferten stehen im Beispielprojekt).",
        )
    vorlage = f"{anzeige}/{name}"
    umgebung = begrenzte_umgebung(
        vorlage,
        loader=jinja2.FileSystemLoader(str(ordner)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    try:
        with ueberwacht(vorlage, sekunden, mb):
            text = umgebung.get_template(name).render(**kontext)
    except QprofilError:
        raise
    except SecurityError as err:
        raise VorlagenFehler(
            "Die HTML-Vorlage versucht einen unerlaubten Zugriff.",
            Ort(vorlage, zeile=_zeile(err)),
            "Platzhalter dürfen nur Werte einsetzen; entfernen Sie den Ausdruck.",
        ) from err
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
    except MemoryError as err:
        raise VorlagenFehler(
            "Die Vorlage braucht beim Ausfüllen mehr Arbeitsspeicher, als frei ist.",
            Ort(vorlage),
            "Entfernen Sie rechnende Ausdrücke aus den Platzhaltern (siehe docs/grenzen.md).",
        ) from err
    except Exception as err:  # a placeholder that computes with values that don't fit
        raise VorlagenFehler(
            f"Fehler beim Ausfüllen der HTML-Vorlage ({type(err).__name__}).",
            Ort(vorlage, zeile=_zeile(err)),
            "Prüfen Sie die Platzhalter dieser Vorlage (siehe vorlagen/PLATZHALTER.md).",
        ) from err
    return text.encode("utf-8")


def _zeile(err: BaseException) -> int | None:
    """The template line of an error raised while rendering, from Jinja's rewritten traceback."""
    tb = err.__traceback__
    zeile = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            zeile = tb.tb_lineno
        tb = tb.tb_next
    return zeile
