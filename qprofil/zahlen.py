"""German number, percent, money and date formatting, and parsing of German number text.

Conventions of German official statistics: decimal comma, thousands point, "." for unknown or
withheld values, "-" for nothing (zero).
"""

from __future__ import annotations

import datetime as dt
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


class KeineZahl(ValueError):
    """The text is not a number in any format qprofil accepts."""


def parse_zahl(text: object) -> Decimal | None:
    """Parse a German number cell; ``.`` (withheld) and empty give None, ``-`` gives 0.

    Accepts ``1.234``, ``1 234``, ``12,5``, ``ca. 5.000 €``, numbers from Excel (int/float).
    Raises KeineZahl for anything else.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise KeineZahl(str(text))
    if isinstance(text, int | float | Decimal):
        if isinstance(text, float) and text != text:  # NaN
            return None
        return Decimal(str(text))
    s = str(text).strip()
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
        return Decimal(re.sub(r"[. \u00a0\u202f]", "", s).replace(",", "."))
    if _PUNKT_DEZIMAL.match(s) and len(s.split(".")[1]) != 3:
        # "12.5" written by a program with a decimal point; "1.234" stays a thousands point.
        return Decimal(s)
    try:
        # Excel text cells sometimes hold "1234.0" for a count.
        wert = Decimal(s)
    except InvalidOperation as err:
        raise KeineZahl(str(text)) from err
    return wert


def parse_anzahl(text: object, *, punkt: bool = False) -> int | None:
    """Parse a count: like parse_zahl, but the value must be a whole number ≥ 0.

    ``punkt``: the text uses a decimal point and no thousands separator (``1023101.0``).
    """
    if punkt and isinstance(text, str) and text.strip() not in ("", GEHEIM, "-"):
        try:
            wert: Decimal | None = Decimal(text.strip())
        except InvalidOperation as err:
            raise KeineZahl(text) from err
    else:
        wert = parse_zahl(text)
    if wert is None:
        return None
    if wert != wert.to_integral_value() or wert < 0:
        raise KeineZahl(str(text))
    return int(wert)
