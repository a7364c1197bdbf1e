"""Charts for the Word reports: age structure and grouped shares, as PNG with caption and alt text.

matplotlib is imported inside the functions so that ``qprofil --help`` stays fast. Charts are drawn
on a bare ``Figure`` with the Agg canvas, never through pyplot: pyplot keeps every figure in a
global registry until it is closed, a bare Figure is ordinary garbage once the function returns.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qprofil.model import Altersband, AltersVerteilung
from qprofil.zahlen import prozent, zahl

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Width of every chart; the templates insert charts at this width, so points are real points.
BREITE_CM = 16.0
DPI = 200

# Calm palette that stays apart in greyscale print (luminance roughly 20 %, 50 %, 75 %).
DUNKELBLAU = "#1b3a6b"
MITTELBLAU = "#5b8cc8"
GRAU = "#bfbfbf"
LINIE = "#333333"

NICHT_VERFUEGBAR_KURZ = "n. v."

# Fixed style, so that a user's matplotlibrc cannot change the charts and the output stays
# byte-identical. DejaVu Sans ships with matplotlib: same glyphs on every machine.
_STIL: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.labelsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "axes.edgecolor": LINIE,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.9,
    "path.simplify": False,
}


@dataclass(frozen=True)
class Diagramm:
    """A rendered chart: PNG bytes, caption and alternative text."""

    png: bytes  # PNG image, BREITE_CM wide at DPI
    titel: str  # caption text (German)
    alt: str  # alternative text: one German sentence with the key values


def altersstruktur(
    quartier: AltersVerteilung,
    stadt: AltersVerteilung,
    *,
    quartier_name: str,
    stadt_name: str,
) -> Diagramm:
    """Horizontal bars: share of each age band in the population, quarter next to city."""
    if quartier.baender != stadt.baender:
        raise ValueError("Altersbänder von Quartier und Stadt passen nicht zusammen")
    werte_q = dict(zip(quartier.baender, quartier.insgesamt(), strict=True))
    werte_s = dict(zip(stadt.baender, stadt.insgesamt(), strict=True))
    summe_q = _summe(werte_q)
    summe_s = _summe(werte_s)

    baender = sorted(quartier.baender, key=lambda b: b.von)
    gezeigt: list[Altersband] = []
    fehlend: list[str] = []
    for band in baender:
        wer = [n for n, w in ((quartier_name, werte_q), (stadt_name, werte_s)) if w[band] is None]
        if wer:
            fehlend.append(f"{band.kurz} ({', '.join(wer)})")
        else:
            gezeigt.append(band)
    if not summe_q or not summe_s:
        # Without a total there is no share; keep whatever is known out of the chart.
        gezeigt = []

    anteile_q = [_anteil(werte_q[b], summe_q) for b in gezeigt]
    anteile_s = [_anteil(werte_s[b], summe_s) for b in gezeigt]

    hinweise: list[str] = []
    if fehlend:
        hinweise.append(
            "Nicht dargestellt, weil geheim gehalten oder unbekannt: " + "; ".join(fehlend) + "."
        )
    if any(v is None for v in werte_q.values()) or any(v is None for v in werte_s.values()):
        hinweise.append("Anteile bezogen auf die Summe der ausgewiesenen Altersgruppen.")

    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    hoehe_zoll = max(3.2, 0.22 * len(gezeigt) + 1.6 + 0.2 * len(hinweise))
    with _stil():
        fig = _figur(hoehe_zoll)
        ax = fig.add_subplot()
        if gezeigt:
            dicke = 0.38
            ys = list(range(len(gezeigt)))
            # Quarter above, city below inside each band; legend order follows.
            ax.barh(
                [y + dicke / 2 for y in ys],
                anteile_q,
                height=dicke,
                color=DUNKELBLAU,
                edgecolor=DUNKELBLAU,
                linewidth=0.6,
                label=quartier_name,
                zorder=3,
            )
            ax.barh(
                [y - dicke / 2 for y in ys],
                anteile_s,
                height=dicke,
                color="white",
                edgecolor=LINIE,
                hatch="////",
                linewidth=0.8,
                label=stadt_name,
                zorder=3,
            )
            ax.set_yticks(ys, [b.kurz for b in gezeigt])
            ax.set_ylim(-0.6, len(gezeigt) - 0.4)
            groesster = max(max(anteile_q), max(anteile_s))
            ax.set_xlim(0, groesster * 1.05 if groesster > 0 else 1)
            # Ticks fixed first, so that every label gets the same number of decimals.
            ticks = [
                t
                for t in MaxNLocator(nbins=8, steps=[1, 2, 5, 10]).tick_values(0, ax.get_xlim()[1])
                if 0 <= t <= ax.get_xlim()[1] + 1e-9
            ]
            stellen = _stellen(ticks)
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: zahl(x, stellen)))
            ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
            fig.legend(loc="outside upper center", ncols=2, frameon=False)
        else:
            _leer(ax)
        ax.set_xlabel("Anteil an der Bevölkerung in %")
        ax.set_ylabel("Alter in Jahren")
        if hinweise:
            _hinweis(fig, " ".join(hinweise))
        png = _png(fig)

    titel = f"Altersstruktur {quartier_name} im Vergleich zu {stadt_name} (Anteile in %)"
    alt = _alt_altersstruktur(
        werte_q, werte_s, summe_q, summe_s, quartier_name=quartier_name, stadt_name=stadt_name
    )
    return Diagramm(png=png, titel=titel, alt=alt)


def anteile(
    kennzahlen: Sequence[tuple[str, float | None, float | None, float | None]],
    *,
    namen: tuple[str, str, str],
) -> Diagramm:
    """Grouped bars of shares in % for quarter, Stadtbezirk and city; None shows as "n. v."."""
    if not kennzahlen:
        raise ValueError("anteile() braucht mindestens eine Kennzahl")
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    n = len(kennzahlen)
    # Quarter solid and darkest, Stadtbezirk diagonal, city cross-hatched: three patterns that
    # survive greyscale print and colour blindness.
    stile = (
        {"color": DUNKELBLAU, "edgecolor": DUNKELBLAU, "hatch": None},
        {"color": MITTELBLAU, "edgecolor": LINIE, "hatch": "///", "hatchcolor": "white"},
        {"color": GRAU, "edgecolor": LINIE, "hatch": "xx", "hatchcolor": LINIE},
    )
    breite = 0.8 / 3
    alle = [w for _, *werte in kennzahlen for w in werte if w is not None]
    groesster = max(alle, default=0.0)
    oben = groesster * 1.18 if groesster > 0 else 1.0
    # With many groups the value labels are wider than a bar: turn them upright.
    senkrecht = n > 4

    with _stil():
        fig = _figur(3.6 if not senkrecht else 4.0)
        ax = fig.add_subplot()
        for i, (name, stil) in enumerate(zip(namen, stile, strict=True)):
            xs = [g + (i - 1) * breite for g in range(n)]
            werte = [k[i + 1] for k in kennzahlen]
            ax.bar(
                [x for x, w in zip(xs, werte, strict=True) if w is not None],
                [w for w in werte if w is not None],
                width=breite * 0.92,
                linewidth=0.8,
                label=name,
                zorder=3,
                **stil,
            )
            for x, w in zip(xs, werte, strict=True):
                text = NICHT_VERFUEGBAR_KURZ if w is None else zahl(w, 1)
                ax.text(
                    x,
                    (0 if w is None else w) + oben * 0.015,
                    text,
                    ha="center",
                    va="bottom",
                    rotation=90 if senkrecht else 0,
                    fontsize=9,
                    color=LINIE if w is None else "black",
                    fontstyle="italic" if w is None else "normal",
                    zorder=4,
                )
        ax.set_xticks(
            range(n), [_umbrechen(k[0], 14 if n <= 4 else 10) for k in kennzahlen]
        )
        ax.tick_params(axis="x", length=0)
        ax.set_xlim(-0.55, n - 0.45)
        ax.set_ylim(0, oben)
        ticks = [
            t
            for t in MaxNLocator(nbins=6, steps=[1, 2, 5, 10]).tick_values(0, groesster or 1)
            if 0 <= t <= oben
        ]
        stellen = _stellen(ticks)
        ax.yaxis.set_major_locator(FixedLocator(ticks))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: zahl(y, stellen)))
        ax.set_ylabel("Anteil in %")
        ax.grid(axis="y", color="#d9d9d9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        fig.legend(loc="outside upper center", ncols=3, frameon=False)
        if any(w is None for _, *werte in kennzahlen for w in werte):
            _hinweis(fig, f"{NICHT_VERFUEGBAR_KURZ} = nicht verfügbar")
        png = _png(fig)

    titel = f"Anteile im Vergleich: {namen[0]}, {namen[1]} und {namen[2]} (in %)"
    teile = []
    for label, *werte in kennzahlen:
        liste = ", ".join(
            f"{name} {prozent(w) if w is not None else 'nicht verfügbar'}"
            for name, w in zip(namen, werte, strict=True)
        )
        teile.append(f"{label}: {liste}")
    alt = f"Anteile im Vergleich – {'; '.join(teile)}."
    return Diagramm(png=png, titel=titel, alt=alt)


# --- helpers -------------------------------------------------------------------------------


def _stil() -> Any:
    """Context with the default style plus ours, restored afterwards."""
    import matplotlib.style

    return matplotlib.style.context(["default", _STIL])


def _figur(hoehe_zoll: float) -> Figure:
    """A bare Agg figure, BREITE_CM wide; constrained layout keeps labels and legend apart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(BREITE_CM / 2.54, hoehe_zoll), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    """Render to PNG without the version stamp (so equal input gives equal bytes) and free it."""
    puffer = io.BytesIO()
    fig.savefig(puffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    # Break the figure ↔ axes ↔ artists cycles now instead of leaving them all to the cyclic
    # collector (the figure itself is unreachable once the caller has the bytes).
    fig.clear()
    return puffer.getvalue()


def _hinweis(fig: Figure, text: str) -> None:
    """A note under the chart (as figure-level x label, so constrained layout makes room)."""
    fig.supxlabel(_umbrechen(text, 95), fontsize=9, x=0.01, ha="left", color=LINIE)


def _umbrechen(text: str, breite: int) -> str:
    """Wrap at spaces only: a German compound split mid-word is harder to read than a long line."""
    return textwrap.fill(text, breite, break_long_words=False, break_on_hyphens=False)


def _leer(ax: Axes) -> None:
    """Placeholder content when nothing can be shown."""
    ax.text(0.5, 0.5, "Keine ausgewiesenen Werte", ha="center", va="center",
            transform=ax.transAxes, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])


def _stellen(ticks: Sequence[float]) -> int:
    """Decimals needed so that every tick label is exact (0 or 1)."""
    return 0 if all(abs(t - round(t)) < 1e-9 for t in ticks) else 1


def _summe(werte: dict[Altersband, int | None]) -> int:
    """Sum of the known counts (withheld bands count as missing, see the chart's note)."""
    return sum(v for v in werte.values() if v is not None)


def _anteil(wert: int | None, summe: int) -> float:
    """Share in percent."""
    return 100.0 * (wert or 0) / summe if summe else 0.0


def _gruppe(
    werte: dict[Altersband, int | None], summe: int, von: int, bis: int | None
) -> float | None:
    """Share of the age group [von, bis) if the bands tile it exactly and all are known."""
    teil = sorted(
        (b for b in werte if b.von >= von and (bis is None or (b.bis is not None and b.bis <= bis))),
        key=lambda b: b.von,
    )
    if not teil or teil[0].von != von or teil[-1].bis != bis or not summe:
        return None
    for a, b in zip(teil, teil[1:], strict=False):
        if a.bis != b.von:
            return None
    if any(werte[b] is None for b in teil):
        return None
    return 100.0 * sum(werte[b] or 0 for b in teil) / summe


def _alt_altersstruktur(
    werte_q: dict[Altersband, int | None],
    werte_s: dict[Altersband, int | None],
    summe_q: int,
    summe_s: int,
    *,
    quartier_name: str,
    stadt_name: str,
) -> str:
    """One sentence with the shares of the groups that matter for senior planning."""
    teile: list[str] = []
    for label, von, bis in (
        ("65 Jahre und älter", 65, None),
        ("80 Jahre und älter", 80, None),
        ("unter 18 Jahre", 0, 18),
    ):
        q = _gruppe(werte_q, summe_q, von, bis)
        s = _gruppe(werte_s, summe_s, von, bis)
        if q is not None and s is not None:
            teile.append(f"{label} {prozent(q)} gegenüber {prozent(s)}")
        elif q is not None or s is not None:
            teile.append(
                f"{label} {quartier_name} {prozent(q) if q is not None else 'nicht verfügbar'}, "
                f"{stadt_name} {prozent(s) if s is not None else 'nicht verfügbar'}"
            )
    kopf = f"Altersstruktur {quartier_name} im Vergleich zu {stadt_name}"
    if not teile:
        return f"{kopf}: Anteile der Altersgruppen an der Bevölkerung."
    return f"{kopf}: Anteil {'; '.join(teile)}."
