"""Charts for the Word reports: age structure and grouped shares, as PNG with caption and alt text.

matplotlib is imported inside the functions so that ``qprofil --help`` stays fast. Charts are drawn
on a bare ``Figure`` with the Agg canvas, never through pyplot: pyplot keeps every figure in a
global registry until it is closed, a bare Figure is ordinary garbage once the function returns.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qprofil.modell import Altersband, AltersVerteilung
from qprofil.zahlen import prozent, zahl

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Version of the drawing code. Raised whenever a chart looks different for the same data, so
#: that a cache keyed on the inputs can include it and does not serve the old picture.
ZEICHENSTAND = 3

#: Width of every chart; the templates insert charts at this width, so points are real points.
BREITE_CM = 16.0
DPI = 200

# Calm palette that stays apart in greyscale print (luminance roughly 20 %, 50 %, 75 %).
DUNKELBLAU = "#1b3a6b"
MITTELBLAU = "#5b8cc8"
GRAU = "#bfbfbf"
LINIE = "#333333"

NICHT_VERFUEGBAR_KURZ = "n. v."

#: Width in years assumed for the open top band ("90+") when shares are spread per year of age.
OFFENE_BREITE = 10
#: Sentence the age chart's alternative text ends with: how to read the bars.
ALT_JE_ALTERSJAHR = (
    "Das Diagramm zeigt je Altersgruppe den Anteil je Altersjahr (Anteil geteilt durch die Zahl "
    "der Jahrgänge), damit unterschiedlich breite Altersgruppen vergleichbar sind."
)

# Quarter solid and darkest, Stadtbezirk diagonal lines, city cross-hatched grey: three patterns
# that stay apart in greyscale print and without colour vision.
_STILE_DREI: tuple[dict[str, Any], ...] = (
    {"facecolor": DUNKELBLAU, "edgecolor": DUNKELBLAU, "hatch": None},
    {"facecolor": MITTELBLAU, "edgecolor": LINIE, "hatch": "///", "hatchcolor": "white"},
    {"facecolor": GRAU, "edgecolor": LINIE, "hatch": "xx", "hatchcolor": LINIE},
)
# Quarter against city in the age chart: filled against white with hatching.
_STILE_ZWEI: tuple[dict[str, Any], ...] = (
    {"facecolor": DUNKELBLAU, "edgecolor": DUNKELBLAU, "hatch": None},
    {"facecolor": "white", "edgecolor": LINIE, "hatch": "////"},
)

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
    #: The same drawing as SVG (web pages), only when asked for with ``mit_svg()``.
    svg: bytes | None = None


def altersstruktur(
    quartier: AltersVerteilung,
    stadt: AltersVerteilung,
    *,
    quartier_name: str,
    stadt_name: str,
) -> Diagramm:
    """Horizontal bars: share per year of age of each age band, quarter next to city.

    Statistical offices publish unequal bands (0–2, 3–5, 6–9, 10–14, 15–17, 18–19, 20–24 …). Raw
    shares of such bands draw a dip wherever a band is narrower; the share divided by the band's
    width in years (the open top band counted as OFFENE_BREITE years) compares like with like.
    """
    if quartier.baender != stadt.baender:
        raise ValueError("Altersbänder von Quartier und Stadt passen nicht zusammen")
    werte_q = dict(zip(quartier.baender, quartier.insgesamt(), strict=True))
    werte_s = dict(zip(stadt.baender, stadt.insgesamt(), strict=True))
    summe_q = _summe(werte_q)
    summe_s = _summe(werte_s)

    baender = sorted(quartier.baender, key=lambda b: b.von)
    # A band is left out if either area withholds it: half a comparison invites misreading.
    gezeigt = [b for b in baender if werte_q[b] is not None and werte_s[b] is not None]
    if not summe_q or not summe_s:
        # Without a total there is no share; keep whatever is known out of the chart.
        gezeigt = []
    anteile_q = [_anteil(werte_q[b], summe_q) / breite(b) for b in gezeigt]
    anteile_s = [_anteil(werte_s[b], summe_s) / breite(b) for b in gezeigt]

    fehlend: list[str] = []
    for name, werte in ((quartier_name, werte_q), (stadt_name, werte_s)):
        ohne = [b.kurz for b in baender if werte[b] is None]
        if len(ohne) == len(baender):
            fehlend.append(f"{name}: alle Altersgruppen")
        elif ohne:
            fehlend.append(f"{name}: {', '.join(ohne)}")
    hinweise: list[str] = [_erklaerung_je_altersjahr(gezeigt)] if gezeigt else []
    if fehlend:
        hinweise.append(
            "Geheim gehalten oder unbekannt, daher nicht dargestellt – " + "; ".join(fehlend) + "."
        )
        if gezeigt:
            hinweise.append("Anteile bezogen auf die Summe der ausgewiesenen Altersgruppen.")

    # 0.16 in per band: with the usual 19 bands the chart, its caption and the chart of shares
    # below it fit on one A4 page instead of leaving a third of the page empty.
    hoehe_zoll = max(3.0, 0.16 * len(gezeigt) + 1.5 + 0.2 * len(hinweise))
    with _stil():
        fig = _figur(hoehe_zoll)
        ax = fig.add_subplot()
        if gezeigt:
            dicke = 0.38
            ys = list(range(len(gezeigt)))
            # Youngest at the bottom; inside a band the quarter above the city, as in the legend.
            for versatz, werte, stil in (
                (dicke / 2, anteile_q, _STILE_ZWEI[0]),
                (-dicke / 2, anteile_s, _STILE_ZWEI[1]),
            ):
                ax.barh(
                    [y + versatz for y in ys], werte, height=dicke, linewidth=0.8, zorder=3, **stil
                )
            ax.set_yticks(ys, [b.kurz for b in gezeigt])
            ax.tick_params(axis="y", length=0)
            ax.set_ylim(-0.6, len(gezeigt) - 0.4)
            groesster = max(*anteile_q, *anteile_s)
            _prozentachse(ax, groesster * 1.05 if groesster > 0 else 10.0)
            _legende(fig, (quartier_name, stadt_name), _STILE_ZWEI)
        else:
            _leer(ax)
        ax.set_xlabel("Anteil an der Bevölkerung je Altersjahr in %")
        ax.set_ylabel("Alter in Jahren")
        if hinweise:
            _hinweis(fig, " ".join(hinweise))
        png, svg = _png_svg(fig)

    titel = (
        f"Altersstruktur {quartier_name} im Vergleich zu {stadt_name} "
        "(Anteil an der Bevölkerung je Altersjahr in %)"
    )
    alt = _alt_altersstruktur(
        werte_q, werte_s, summe_q, summe_s, quartier_name=quartier_name, stadt_name=stadt_name
    )
    if gezeigt:
        alt += " " + ALT_JE_ALTERSJAHR
    return Diagramm(png=png, titel=titel, alt=alt, svg=svg)


def breite(band: Altersband) -> int:
    """Number of years of age in a band; the open top band counts as OFFENE_BREITE years."""
    return OFFENE_BREITE if band.bis is None else max(1, band.bis - band.von)


def _erklaerung_je_altersjahr(baender: Sequence[Altersband]) -> str:
    """The note under the age chart that says how the bars were computed."""
    text = (
        "Balkenlänge = Anteil der Altersgruppe geteilt durch die Zahl ihrer Jahrgänge, "
        "so sind ungleich breite Altersgruppen vergleichbar."
    )
    offen = [b for b in baender if b.bis is None]
    if offen:
        text += f" „{offen[0].kurz}“ als {OFFENE_BREITE} Jahrgänge gerechnet."
    return text


def _gruppierte_balken(
    ax: Axes,
    kennzahlen: Sequence[tuple[str, float | None, float | None, float | None]],
    abstand: float,
    beschriftung: Callable[[float], str],
) -> None:
    """Horizontal bar groups (quarter, Stadtbezirk, city) with the value at each bar's end.

    The first indicator at the top; inside a group quarter, Stadtbezirk, city from the top, the
    same order as the legend. A negative value is labelled left of its bar; None shows as
    "n. v." at zero.
    """
    n = len(kennzahlen)
    dicke = 0.27
    for i, stil in enumerate(_STILE_DREI):
        ys = [(n - 1 - g) + (1 - i) * dicke for g in range(n)]
        werte = [k[i + 1] for k in kennzahlen]
        ax.barh(
            [y for y, w in zip(ys, werte, strict=True) if w is not None],
            [w for w in werte if w is not None],
            height=dicke * 0.9,
            linewidth=0.8,
            zorder=3,
            **stil,
        )
        for y, w in zip(ys, werte, strict=True):
            fehlt = w is None
            links = w is not None and w < 0
            ax.text(
                (0 if w is None else w) + (-abstand if links else abstand),
                y,
                NICHT_VERFUEGBAR_KURZ if w is None else beschriftung(w),
                ha="right" if links else "left",
                va="center",
                fontsize=9,
                color=LINIE if fehlt else "black",
                fontstyle="italic" if fehlt else "normal",
                zorder=4,
            )
    ax.set_yticks([n - 1 - g for g in range(n)], [_umbrechen(k[0], 26) for k in kennzahlen])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, n - 0.4)


def anteile(
    kennzahlen: Sequence[tuple[str, float | None, float | None, float | None]],
    *,
    namen: tuple[str, str, str],
) -> Diagramm:
    """Grouped bars of shares in % for quarter, Stadtbezirk and city; None shows as "n. v."."""
    if not kennzahlen:
        raise ValueError("anteile() braucht mindestens eine Kennzahl")
    # Horizontal groups: indicator names of any length stay readable on the y axis, and value
    # labels sit at the bar ends where they cannot collide, however many indicators there are.
    n = len(kennzahlen)
    alle = [w for _, *werte in kennzahlen for w in werte if w is not None]
    groesster = max(alle, default=0.0)
    rechts = groesster * 1.14 if groesster > 0 else 10.0
    abstand = rechts * 0.01

    with _stil():
        fig = _figur(max(2.4, 0.6 * n + 1.3))
        ax = fig.add_subplot()
        _gruppierte_balken(ax, kennzahlen, abstand, lambda w: zahl(w, 1))
        _prozentachse(ax, rechts)
        ax.set_xlabel("Anteil in %")
        _legende(fig, namen, _STILE_DREI)
        if any(w is None for _, *werte in kennzahlen for w in werte):
            _hinweis(fig, f"{NICHT_VERFUEGBAR_KURZ} = nicht verfügbar")
        png, svg = _png_svg(fig)

    titel = f"Anteile im Vergleich: {namen[0]}, {namen[1]} und {namen[2]} (in %)"
    teile = []
    for label, *werte in kennzahlen:
        liste = ", ".join(
            f"{name} {prozent(w) if w is not None else 'nicht verfügbar'}"
            for name, w in zip(namen, werte, strict=True)
        )
        teile.append(f"{label}: {liste}")
    alt = f"Anteile im Vergleich – {'; '.join(teile)}."
    return Diagramm(png=png, titel=titel, alt=alt, svg=svg)


def veraenderung(
    kennzahlen: Sequence[tuple[str, float | None, float | None, float | None]],
    *,
    namen: tuple[str, str, str],
    zeitraum: str,
) -> Diagramm:
    """Grouped bars of the change of shares in Prozentpunkte for quarter, Stadtbezirk and city.

    ``zeitraum``: e.g. "31.12.2007–31.12.2012", for caption and alt text. None = "n. v.".
    """
    if not kennzahlen:
        raise ValueError("veraenderung() braucht mindestens eine Kennzahl")
    n = len(kennzahlen)
    alle = [abs(w) for _, *werte in kennzahlen for w in werte if w is not None]
    rand = max(alle, default=0.0) * 1.35 or 1.0
    abstand = rand * 0.015

    with _stil():
        fig = _figur(max(2.6, 0.72 * n + 1.5))
        ax = fig.add_subplot()
        _gruppierte_balken(ax, kennzahlen, abstand, _vorzeichen)
        ax.axvline(0, color=LINIE, linewidth=0.8, zorder=4)
        ax.set_xlim(-rand, rand)
        ax.xaxis.set_major_formatter(_deutsch_formatierer())
        ax.grid(axis="x", color=GRAU, linewidth=0.6, zorder=0)
        ax.set_xlabel(f"Veränderung {zeitraum} in Prozentpunkten")
        _legende(fig, namen, _STILE_DREI)
        if any(w is None for _, *werte in kennzahlen for w in werte):
            _hinweis(fig, f"{NICHT_VERFUEGBAR_KURZ} = nicht verfügbar")
        png, svg = _png_svg(fig)

    titel = f"Veränderung der Anteile {zeitraum}: {namen[0]}, {namen[1]} und {namen[2]} (in Prozentpunkten)"
    teile = []
    for label, *werte in kennzahlen:
        liste = ", ".join(
            f"{name} {_vorzeichen(w) + ' Prozentpunkte' if w is not None else 'nicht verfügbar'}"
            for name, w in zip(namen, werte, strict=True)
        )
        teile.append(f"{label}: {liste}")
    alt = f"Veränderung der Anteile {zeitraum} – {'; '.join(teile)}."
    return Diagramm(png=png, titel=titel, alt=alt, svg=svg)


def zeitreihe(
    jahre: Sequence[str],
    einwohner: Sequence[float | None],
    anteile: Sequence[tuple[str, Sequence[float | None]]],
    *,
    quartier_name: str,
) -> Diagramm:
    """Two small line charts over all Stichtage: residents (left) and shares in % (right).

    ``jahre``: the Stichtage as labels; ``anteile``: (name, one value per Stichtag). A missing
    value leaves a gap in its line.
    """
    if len(jahre) < 2:
        raise ValueError("zeitreihe() braucht mindestens zwei Stichtage")
    x = list(range(len(jahre)))
    stile = (
        {"color": DUNKELBLAU, "linestyle": "-", "marker": "o"},
        {"color": MITTELBLAU, "linestyle": "--", "marker": "s"},
    )
    with _stil():
        fig = _figur(2.6)
        links, rechts = fig.subplots(1, 2)
        links.plot(
            x,
            [float("nan") if w is None else w for w in einwohner],
            linewidth=1.6,
            markersize=4,
            **stile[0],
        )
        links.set_title("Einwohnerinnen und Einwohner", fontsize=10)
        links.yaxis.set_major_formatter(_zahl_formatierer(0))
        for (name, werte), stil in zip(anteile, itertools.cycle(stile), strict=False):
            rechts.plot(
                x,
                [float("nan") if w is None else w for w in werte],
                linewidth=1.6,
                markersize=4,
                label=name,
                **stil,
            )
        rechts.set_title("Anteile in %", fontsize=10)
        rechts.yaxis.set_major_formatter(_zahl_formatierer(1))
        rechts.set_ylim(bottom=0)
        rechts.legend(frameon=False, fontsize=9, loc="lower left")
        for ax in (links, rechts):
            # Many Stichtage: slanted labels, so that neighbouring years never run together.
            schraeg = len(jahre) > 4
            ax.set_xticks(
                x,
                list(jahre),
                fontsize=9,
                rotation=45 if schraeg else 0,
                ha="right" if schraeg else "center",
            )
            ax.grid(axis="y", color=GRAU, linewidth=0.6)
        png, svg = _png_svg(fig)

    titel = f"Entwicklung {jahre[0]}–{jahre[-1]}: Quartier {quartier_name}"

    def reihe(werte: Sequence[float | None], text: Any) -> str:
        return ", ".join(
            f"{j} {text(w) if w is not None else 'nicht verfügbar'}"
            for j, w in zip(jahre, werte, strict=True)
        )

    teile = [f"Einwohnerinnen und Einwohner: {reihe(einwohner, zahl)}"]
    teile += [f"{name}: {reihe(werte, prozent)}" for name, werte in anteile]
    alt = f"Entwicklung im Quartier {quartier_name} – {'; '.join(teile)}."
    return Diagramm(png=png, titel=titel, alt=alt, svg=svg)


def _zahl_formatierer(stellen: int) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda y, _: zahl(y, stellen))


def _vorzeichen(w: float, stellen: int = 1) -> str:
    """A change with its sign: "+0,5", "−1,2", "±0,0"."""
    text = zahl(abs(w), stellen)
    if text.strip("0,.") == "":
        return f"±{text}"
    return ("+" if w > 0 else "−") + text


def _deutsch_formatierer() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _: _vorzeichen(x) if x else "0")


# --- helpers -------------------------------------------------------------------------------


def _stil() -> Any:
    """Context with the default style plus ours, restored afterwards."""
    import matplotlib.style

    return matplotlib.style.context(["default", _STIL])


def _figur(hoehe_zoll: float) -> Figure:
    """A bare Agg figure, BREITE_CM wide; constrained layout keeps labels and legend apart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Whole pixels, so that the PNG is exactly BREITE_CM wide at DPI (1260 px, not 1259).
    breite_px = round(BREITE_CM / 2.54 * DPI)
    fig = Figure(figsize=(breite_px / DPI, hoehe_zoll), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


#: Whether charts are also written as SVG (set by ``mit_svg``; the web pages need it).
_MIT_SVG: ContextVar[bool] = ContextVar("mit_svg", default=False)


@contextlib.contextmanager
def mit_svg() -> Iterator[None]:
    """Inside this block every chart and map also carries its SVG (``Diagramm.svg``)."""
    token = _MIT_SVG.set(True)
    try:
        yield
    finally:
        _MIT_SVG.reset(token)


def svg_gewuenscht() -> bool:
    """Whether the charts drawn now also need their SVG (inside ``mit_svg()``)."""
    return _MIT_SVG.get()


def _png_svg(fig: Figure) -> tuple[bytes, bytes | None]:
    """PNG, and inside ``mit_svg()`` the SVG of the same figure, drawn before it is freed.

    The SVG keeps text as paths (the same DejaVu glyphs on every machine, no web font needed),
    has no date and fixed element ids, so equal input gives equal bytes.
    """
    svg = None
    if _MIT_SVG.get():
        import matplotlib

        fig.set_facecolor("white")
        puffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "qprofil", "svg.fonttype": "path"}):
            fig.savefig(puffer, format="svg", metadata={"Date": None}, facecolor="white")
        svg = puffer.getvalue()
    return _png(fig), svg


def _png(fig: Figure) -> bytes:
    """Render to PNG (RGB, no text chunks, so equal input gives equal bytes) and free the figure.

    One draw: the layout engine runs inside it. ``savefig`` would draw twice with a layout
    engine (once to lay out, once to render) and write RGBA at zlib level 6; this gives the
    same pixels in about 60 % of the time. Level 1 costs some 20 KB per chart.
    """
    from PIL import Image

    fig.set_facecolor("white")
    fig.canvas.draw()
    breite, hoehe = fig.canvas.get_width_height()
    rgba = fig.canvas.buffer_rgba()  # type: ignore[attr-defined]
    bild = Image.frombuffer("RGBA", (breite, hoehe), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    # Break the figure ↔ axes ↔ artists cycles now instead of leaving them all to the cyclic
    # collector (the figure itself is unreachable once the caller has the bytes).
    fig.clear()
    puffer = io.BytesIO()
    bild.save(puffer, "PNG", compress_level=1, dpi=(DPI, DPI))
    return puffer.getvalue()


def _legende(fig: Figure, namen: Sequence[str], stile: Sequence[dict[str, Any]]) -> None:
    """Legend above the chart, one row if the names fit, else one name per row."""
    from matplotlib.patches import Patch

    griffe = [
        Patch(label=name, linewidth=0.8, **stil) for name, stil in zip(namen, stile, strict=True)
    ]
    # About 70 characters fit in one row at 10 pt on 16 cm, each entry's patch and gap ~6 more.
    einzeilig = sum(len(name) + 6 for name in namen) <= 70
    fig.legend(
        handles=griffe,
        loc="outside upper center",
        ncols=len(griffe) if einzeilig else 1,
        frameon=False,
    )


def _hinweis(fig: Figure, text: str) -> None:
    """A note under the chart (as figure-level x label, so constrained layout makes room)."""
    fig.supxlabel(_umbrechen(text, 80), fontsize=9, x=0.01, ha="left", color=LINIE)


def _umbrechen(text: str, breite: int) -> str:
    """Wrap at spaces only: a German compound split mid-word is harder to read than a long line."""
    return textwrap.fill(text, breite, break_long_words=False, break_on_hyphens=False)


def _leer(ax: Axes) -> None:
    """Placeholder content when nothing can be shown."""
    ax.text(
        0.5,
        0.5,
        "Keine ausgewiesenen Werte",
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=10,
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _prozentachse(ax: Axes, rechts: float) -> None:
    """x axis from 0 to ``rechts`` with German tick labels and light vertical grid lines."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    ax.set_xlim(0, rechts)
    # Ticks fixed first, so that every label gets the same number of decimals.
    ticks = [
        t
        for t in MaxNLocator(nbins=7, steps=[1, 2, 5, 10]).tick_values(0, rechts)
        if 0 <= t <= rechts + 1e-9
    ]
    stellen = _stellen(ticks)
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: zahl(x, stellen)))
    ax.grid(axis="x", color="#d9d9d9", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)


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
        (
            b
            for b in werte
            if b.von >= von and (bis is None or (b.bis is not None and b.bis <= bis))
        ),
        key=lambda b: b.von,
    )
    if not teil or teil[0].von != von or teil[-1].bis != bis or not summe:
        return None
    for a, b in itertools.pairwise(teil):
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
