"""Text hygiene for every string that comes from an input file.

Excel and Word hand over carriage returns, form feeds, vertical tabs and other control characters.
docxtpl turns ``\\f`` into a page break and ``\\a`` into a new paragraph, and XML-invalid characters
vanish in the body or break headers and footers (PITFALLS.md). So every string read from a file
passes through :func:`saeubern` before it reaches the model.
"""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows \t \n \r and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_XML_UNGUELTIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LEERRAUM = re.compile(r"[ \t\u00a0]+")
_AUFZAEHLUNG = re.compile(r"^\s*(?:[-–•*·▪◦]|\d+[.)])\s+")


def saeubern(wert: object) -> str:
    """A clean single- or multi-line string: NFC, ``\\n`` line ends, no control characters.

    Runs of spaces collapse to one, lines are stripped, empty lines at the ends are dropped.
    """
    if wert is None:
        return ""
    if type(wert) is str and _schon_sauber(wert):
        return wert
    s = unicodedata.normalize("NFC", str(wert))
    s = s.replace("\u00ad", "")  # soft hyphen
    s = s.replace("\u2028", "\n").replace("\u2029", "\n")
    s = xml_sicher(s)
    zeilen = [_LEERRAUM.sub(" ", z).strip() for z in s.split("\n")]
    return "\n".join(zeilen).strip("\n")


def _schon_sauber(s: str) -> bool:
    """True if :func:`saeubern` would return ``s`` unchanged: the common case, checked in C.

    ``isprintable`` is False for every control character, line and paragraph separator, soft
    hyphen (a format character), no-break space and the characters XML forbids.
    """
    return (
        s.isprintable()
        and "  " not in s
        and s[:1] != " "
        and s[-1:] != " "
        and unicodedata.is_normalized("NFC", s)
    )


def xml_sicher(text: str) -> str:
    """``text`` without anything docxtpl turns into structure or that XML forbids.

    Line ends become ``\\n`` (a line break); vertical tab (Excel's in-cell line break in some
    exports) and form feed become ``\\n`` too, the bell a space: docxtpl would otherwise insert a
    page break or a new paragraph. Characters XML 1.0 forbids are removed.
    """
    s = text.replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("\x0b", "\n").replace("\x0c", "\n").replace("\x07", " ")
    return _XML_UNGUELTIG.sub("", s)


def einzeilig(wert: object) -> str:
    """Like :func:`saeubern`, with line breaks turned into spaces (names, captions, codes)."""
    s = saeubern(wert)
    return " ".join(z for z in s.split("\n") if z) if "\n" in s else s


def punkte(wert: object) -> tuple[str, ...]:
    """Split a cell holding several points (one per line, with or without bullets) into items."""
    ergebnis: list[str] = []
    for zeile in saeubern(wert).split("\n"):
        zeile = _AUFZAEHLUNG.sub("", zeile).strip()
        if zeile:
            ergebnis.append(zeile)
    return tuple(ergebnis)


def schluessel(wert: object) -> str:
    """Normalised form of a column header or label for comparison (case, spaces, soft hyphens)."""
    return einzeilig(wert).casefold().replace("–", "-")
