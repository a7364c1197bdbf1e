"""German number, percent, money and date formatting, and parsing of German number text.

Conventions of German official statistics: decimal comma, thousands point, "." for unknown or
withheld values, "-" for nothing (zero).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_decimal

LOCALE = "de_DE"
GEHEIM = "."
NICHT_VERFUEGBAR = "nicht verfügbar"
#: Non-breaking space between a number and its unit: "20,8 %" and "93.700 €" must never be split
#: over two lines (DIN 5008), in Word and in LibreOffice's PDF alike.
GESCHUETZT = "\u00a0"


def zahl(wert: float | int | Decimal | None, stellen: int = 0) -> str:
    """Format a number German style: ``1234.5`` → ``1.234,5``; None → ``.``."""
    if wert is None:
        return GEHEIM
    # German official statistics round half up (DIN 1333), Babel would round half to even.
    gerundet = Decimal(str(wert)).quantize(Decimal(1).scaleb(-stellen), rounding=ROUND_HALF_UP)
    muster = "#,##0" + ("." + "0" * stellen if stellen else "")
    return format_decimal(gerundet, format=muster, locale=LOCALE, decimal_quantization=False)


def prozent(wert: float | None, stellen: int = 1) -> str:
    """Format a percentage: ``12.345`` → ``12,3\u00a0%`` (non-breaking space before %)."""
    if wert is None:
        return GEHEIM
    return f"{zahl(wert, stellen)}{GESCHUETZT}%"


def euro(wert: Decimal | float | int | None) -> str:
    """Format an amount in whole euros: ``12500`` → ``12.500\u00a0€`` (non-breaking space)."""
    if wert is None:
        return "noch offen"
    return f"{zahl(wert, 0)}{GESCHUETZT}€"


def datum(wert: dt.date | None) -> str:
    """Format a date as ``TT.MM.JJJJ`` (empty for None)."""
    return wert.strftime("%d.%m.%Y") if wert else ""


_ZAHL = re.compile(r"^[+-]?\d{1,3}([. \u00a0\u202f]\d{3})*(,\d+)?$|^[+-]?\d+(,\d+)?$")
_PUNKT_DEZIMAL = re.compile(r"^[+-]?\d+\.\d+$")
# What a program writes: 1234.0, 1.5e3. Not "Infinity", "NaN", "sNaN" or "1_000", which
# Decimal() would accept as well.
_PROGRAMM_ZAHL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

_UNENDLICH = ("inf", "infinity", "nan", "snan", "#num!", "#div/0!", "∞")
#: Excel keeps 15 significant digits; no count or amount in qprofil's inputs has more digits
#: before the decimal separator. Larger values (1E308, "1e999999999") are errors, not numbers.
MAX_STELLEN = 15
#: Longest text that is still read as a number (a 100,000-digit text is no cell value).
MAX_ZEICHEN = 40


class KeineZahl(ValueError):
    """The text is not a number in any format qprofil accepts.

    ``grund`` says in German why, when it is more than "not a number" (too large, infinite).
    """

    def __init__(self, text: str, grund: str = "") -> None:
        super().__init__(text)
        self.grund = grund


def _begrenzt(wert: Decimal, text: object) -> Decimal:
    """The value, if it is finite and has at most MAX_STELLEN digits before the decimal point."""
    if not wert.is_finite():
        raise KeineZahl(str(text), "keine endliche Zahl (unendlich oder „NaN“)")
    if wert and wert.adjusted() >= MAX_STELLEN:
        raise KeineZahl(str(text), f"zu groß (mehr als {MAX_STELLEN} Stellen vor dem Komma)")
    if len(wert.as_tuple().digits) > 2 * MAX_STELLEN:
        raise KeineZahl(str(text), f"zu genau (mehr als {2 * MAX_STELLEN} Ziffern)")
    return wert


def parse_zahl(text: object) -> Decimal | None:
    """Parse a German number cell; ``.`` (withheld) and empty give None, ``-`` gives 0.

    Accepts ``1.234``, ``1 234``, ``12,5``, ``ca. 5.000 €``, numbers from Excel (int/float).
    Raises KeineZahl for anything else, and for infinite, NaN or absurdly large values.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise KeineZahl(str(text))
    if isinstance(text, float):
        if not math.isfinite(text):
            raise KeineZahl(str(text), "keine endliche Zahl (unendlich oder „NaN“)")
        return _begrenzt(Decimal(str(text)), text)
    if isinstance(text, int):
        if text.bit_length() > 64:
            # str() of a very long int raises (Python's digit limit): no digits in the text.
            raise KeineZahl("…", f"zu groß (mehr als {MAX_STELLEN} Stellen vor dem Komma)")
        return _begrenzt(Decimal(text), text)
    if isinstance(text, Decimal):
        return _begrenzt(text, text)
    s = str(text).strip()
    if len(s) > MAX_ZEICHEN:
        raise KeineZahl(s[:MAX_ZEICHEN] + "…", f"zu lang (mehr als {MAX_ZEICHEN} Zeichen)")
    for prefix in ("ca.", "ca", "rd.", "etwa", "~"):
        if s.lower().startswith(prefix):
            s = s[len(prefix) :].strip()
            break
    s = s.replace("€", "").replace("EUR", "").replace("Euro", "").strip()
    if s in ("", GEHEIM, "x", "X", "…", "..."):
        return None
    if s in ("-", "–", "—"):
        return Decimal(0)
    if _ZAHL.match(s):
        return _begrenzt(Decimal(re.sub(r"[. \u00a0\u202f]", "", s).replace(",", ".")), text)
    if _PUNKT_DEZIMAL.match(s) and len(s.split(".")[1]) != 3:
        # "12.5" written by a program with a decimal point; "1.234" stays a thousands point.
        return _begrenzt(Decimal(s), text)
    if s.lower().lstrip("+-") in _UNENDLICH:
        raise KeineZahl(str(text), "keine endliche Zahl (unendlich oder „NaN“)")
    if not _PROGRAMM_ZAHL.match(s):
        # Also "1_000": Decimal() would take it.
        raise KeineZahl(str(text))
    try:
        # Excel text cells sometimes hold "1234.0" for a count.
        wert = Decimal(s)
    except InvalidOperation as err:
        raise KeineZahl(str(text)) from err
    return _begrenzt(wert, text)


def parse_anzahl(text: object, *, punkt: bool = False) -> int | None:
    """Parse a count: like parse_zahl, but the value must be a whole number ≥ 0.

    ``punkt``: the text uses a decimal point and no thousands separator (``1023101.0``).
    """
    if punkt and isinstance(text, str) and text.strip() not in ("", GEHEIM, "-"):
        s = text.strip()
        if len(s) > MAX_ZEICHEN:
            raise KeineZahl(s[:MAX_ZEICHEN] + "…", f"zu lang (mehr als {MAX_ZEICHEN} Zeichen)")
        if s.lower().lstrip("+-") in _UNENDLICH:
            raise KeineZahl(text, "keine endliche Zahl (unendlich oder „NaN“)")
        if not _PROGRAMM_ZAHL.match(s):
            raise KeineZahl(text)
        try:
            wert: Decimal | None = _begrenzt(Decimal(s), text)
        except InvalidOperation as err:
            raise KeineZahl(text) from err
    else:
        wert = parse_zahl(text)
    if wert is None:
        return None
    if wert != wert.to_integral_value() or wert < 0:
        raise KeineZahl(str(text))
    return int(wert)
