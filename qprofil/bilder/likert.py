"""Chart of one evaluation question of a citizen dialogue: answers on the scale 1–5.

Drawn like the profile's charts (qprofil.bilder.diagramme): bare ``Figure`` on the Agg canvas, fixed style,
German numbers, PNG without version stamp. Every answer has its own hatch pattern and shade, so
the bars stay apart in greyscale print and without colour vision.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qprofil.bilder.diagramme import (
    DUNKELBLAU,
    GRAU,
    LINIE,
    MITTELBLAU,
    Diagramm,
    _figur,
    _png,
    _stil,
)
from qprofil.zahlen import prozent, zahl

# Scale value 1 … 5, then "keine Angabe" (outline only).
_STILE: tuple[dict[str, Any], ...] = (
    {"facecolor": DUNKELBLAU, "edgecolor": DUNKELBLAU, "hatch": None},
    {"facecolor": MITTELBLAU, "edgecolor": LINIE, "hatch": "///", "hatchcolor": "white"},
    {"facecolor": "white", "edgecolor": LINIE, "hatch": "...", "hatchcolor": LINIE},
    {"facecolor": GRAU, "edgecolor": LINIE, "hatch": "xx", "hatchcolor": LINIE},
    {"facecolor": "white", "edgecolor": LINIE, "hatch": "\\\\\\", "hatchcolor": LINIE},
    {"facecolor": "white", "edgecolor": LINIE, "hatch": None},
)
KEINE_ANGABE = "keine Angabe"


def likert(
    frage: str, antworten: Sequence[int | None], *, bedeutung_1: str = "", bedeutung_5: str = ""
) -> Diagramm:
    """Horizontal bars: how many forms ticked 1, 2, 3, 4, 5 (and how many left it empty)."""
    anzahl = [sum(1 for a in antworten if a == wert) for wert in range(1, 6)]
    ohne = sum(1 for a in antworten if a is None)
    beantwortet = sum(anzahl)
    namen = [str(w) for w in range(1, 6)]
    if bedeutung_1:
        namen[0] = f"1 – {bedeutung_1}"
    if bedeutung_5:
        namen[4] = f"5 – {bedeutung_5}"
    werte = [*anzahl, ohne] if ohne else anzahl
    namen = [*namen, KEINE_ANGABE] if ohne else namen
    groesster = max(werte, default=0)
    rechts = max(groesster * 1.3, 1)

    with _stil():
        fig = _figur(0.34 * len(werte) + 0.9)
        ax = fig.add_subplot()
        ys = list(range(len(werte)))[::-1]  # 1 at the top
        for i, (y, wert) in enumerate(zip(ys, werte, strict=True)):
            ax.barh([y], [wert], height=0.7, linewidth=0.8, zorder=3, **_STILE[i])
            # Shares of the forms that answered; "keine Angabe" as a count only.
            anteil = i < 5 and wert > 0
            ax.text(
                wert + rechts * 0.01,
                y,
                f"{zahl(wert)} ({prozent(100 * wert / beantwortet, 0)})" if anteil else zahl(wert),
                ha="left",
                va="center",
                fontsize=10,
                zorder=4,
            )
        ax.set_yticks(ys, namen)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(-0.6, len(werte) - 0.4)
        ax.set_xlim(0, rechts)
        ax.xaxis.set_major_formatter(_ganzzahlig())
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        ax.set_xlabel("Anzahl der Bögen")
        png = _png(fig)

    mittel = mittelwert(antworten)
    teile = [f"{n} {zahl(w)}" for n, w in zip(namen, werte, strict=True)]
    alt = (
        f"Antworten auf die Frage „{frage}“ ({zahl(len(antworten))} Bögen): "
        + ", ".join(teile)
        + (f"; Mittelwert {zahl(mittel, 1)}." if mittel is not None else ".")
    )
    return Diagramm(png=png, titel=frage, alt=alt)


def mittelwert(antworten: Sequence[int | None]) -> float | None:
    """Mean of the ticked values (forms without an answer left out); None if nobody answered."""
    werte = [a for a in antworten if a is not None]
    return sum(werte) / len(werte) if werte else None


def _ganzzahlig() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: zahl(x) if abs(x - round(x)) < 1e-9 else "")
