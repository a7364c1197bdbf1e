"""Overview map of a quarter: boundary, neighbouring areas, points of interest, 500 m radius.

Drawn like the profile's charts (qprofil.bilder.diagramme): bare ``Figure`` on the Agg canvas, fixed style,
German numbers, PNG without version stamp. Only the vector data passed in is drawn: no web tiles,
no network. Kinds of points differ by marker shape as well as colour, so that the map stays
readable in greyscale print and without colour vision.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qprofil.auswertung.raeumlich import anteil_im_umkreis, mittelpunkt, umkreis, zaehlen
from qprofil.bilder.diagramme import BREITE_CM, DPI, DUNKELBLAU, LINIE, Diagramm, _png_svg, _stil
from qprofil.modell import Gebiet, Punkt
from qprofil.zahlen import prozent, zahl

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Marker shape and colour per kind, in the order the kinds first occur. Okabe–Ito colours stay
# apart for the common colour vision deficiencies; the shapes carry the difference in grey.
_MARKER: tuple[tuple[str, str, float], ...] = (
    ("o", "#0072B2", 6.0),
    ("s", "#D55E00", 5.5),
    ("^", "#009E73", 7.0),
    ("D", "#CC79A7", 5.0),
    ("v", "#E69F00", 7.0),
    ("P", "#56B4E9", 7.0),
    ("X", "#000000", 6.5),
    ("h", "#8C564B", 6.5),
)
QUARTIER_FUELLUNG = "#dbe5f1"
NACHBAR_FUELLUNG = "#f2f2f2"
NACHBAR_LINIE = "#8c8c8c"
NACHBAR_TEXT = "#555555"
UMKREIS_FARBE = "#7a1f1f"
ERREICHBAR_FARBE = "#2e7d32"

_RAND_ZOLL = 0.06
# Mean width of a character and height of a line of 8 pt DejaVu Sans italic, in inches.
_ZEICHEN_ZOLL = 0.075
_ZEILE_TEXT_ZOLL = 0.14
_ZEILE_ZOLL = 0.22
_SEITENVERHAELTNIS = (0.6, 1.0)  # map height / width, so that very long quarters stay usable
_MASSSTAB_M = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000)


def karte(
    gebiet: Gebiet,
    nachbarn: Sequence[Gebiet],
    punkte: Sequence[Punkt],
    *,
    titel: str,
    quelle_grenzen: str,
    radius_m: float | None = 500,
    nahversorger_art: str | None = None,
) -> Diagramm:
    """Map of the quarter with its neighbours, points by kind, walking radius, scale and north.

    ``nachbarn`` may contain every area of the city (the quarter itself and its parts are left
    out); only what lies in the map extent is drawn. With ``nahversorger_art`` the part of the
    quarter within ``radius_m`` of a point of that kind is hatched (see geo.anteil_im_umkreis).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Patch
    from shapely.geometry import box

    zentrum = mittelpunkt(gebiet)
    anzahl = zaehlen(gebiet, punkte)
    arten = list(anzahl)
    anteil: float | None = None
    if nahversorger_art is not None and radius_m:
        versorger = [p for p in punkte if p.art == nahversorger_art]
        anteil = anteil_im_umkreis(gebiet, versorger, radius_m)

    # Extent: the quarter and its circle with a margin, widened to the map's aspect ratio.
    minx, miny, maxx, maxy = gebiet.geometrie.bounds
    if radius_m:
        minx, miny = min(minx, zentrum[0] - radius_m), min(miny, zentrum[1] - radius_m)
        maxx, maxy = max(maxx, zentrum[0] + radius_m), max(maxy, zentrum[1] + radius_m)
    rand = max(0.15 * max(maxx - minx, maxy - miny), 300.0)
    minx, miny, maxx, maxy = minx - rand, miny - rand, maxx + rand, maxy + rand
    breite_zoll = round(BREITE_CM / 2.54 * DPI) / DPI
    karte_b = breite_zoll - 2 * _RAND_ZOLL
    verhaeltnis = min(
        max((maxy - miny) / (maxx - minx), _SEITENVERHAELTNIS[0]), _SEITENVERHAELTNIS[1]
    )
    karte_h = karte_b * verhaeltnis
    if (maxy - miny) / (maxx - minx) < verhaeltnis:
        mitte, halb = (miny + maxy) / 2, (maxx - minx) * verhaeltnis / 2
        miny, maxy = mitte - halb, mitte + halb
    else:
        mitte, halb = (minx + maxx) / 2, (maxy - miny) / verhaeltnis / 2
        minx, maxx = mitte - halb, mitte + halb
    ausschnitt = box(minx, miny, maxx, maxy)

    # Legend entries: quarter, radius, reachable part, then the kinds with their counts.
    griffe: list[Any] = [
        Patch(
            facecolor=QUARTIER_FUELLUNG,
            edgecolor=DUNKELBLAU,
            linewidth=2.0,
            label=gebiet.name if gebiet.name.startswith("Quartier") else f"Quartier {gebiet.name}",
        )
    ]
    if radius_m:
        griffe.append(
            Line2D(
                [],
                [],
                color=UMKREIS_FARBE,
                linestyle=(0, (5, 3)),
                linewidth=1.4,
                label=f"Umkreis {_laenge(radius_m)} um den Mittelpunkt (+)",
            )
        )
    if anteil is not None:
        griffe.append(
            Patch(
                facecolor="none",
                edgecolor=ERREICHBAR_FARBE,
                hatch="////",
                linewidth=0,
                label=(
                    f"bis {_laenge(radius_m or 0)} zu {nahversorger_art} "
                    f"({prozent(anteil)} der Fläche)"
                ),
            )
        )
    stile = {art: _MARKER[i % len(_MARKER)] for i, art in enumerate(arten)}
    for art in arten:
        griffe.append(
            Line2D(
                [], [], label=f"{art}: {zahl(anzahl[art])} im Quartier", **_punktstil(stile[art])
            )
        )
    spalten = 2
    zeilen = math.ceil(len(griffe) / spalten)
    legende_h = zeilen * _ZEILE_ZOLL + 0.12
    hoehe_zoll = karte_h + legende_h + 2 * _RAND_ZOLL

    with _stil():
        fig = _figur(breite_zoll, hoehe_zoll)
        ax = fig.add_axes(
            (
                _RAND_ZOLL / breite_zoll,
                (legende_h + _RAND_ZOLL) / hoehe_zoll,
                karte_b / breite_zoll,
                karte_h / hoehe_zoll,
            )
        )
        ax.set_xlim(minx, maxx)
        ax.set_ylim(miny, maxy)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xticks([])
        ax.set_yticks([])
        for seite in ax.spines.values():
            seite.set_visible(True)
            seite.set_color(LINIE)
            seite.set_linewidth(0.8)

        _nachbarn(ax, gebiet, nachbarn, ausschnitt)
        _flaeche(ax, gebiet.geometrie, facecolor=QUARTIER_FUELLUNG, edgecolor="none", zorder=2)
        if anteil is not None and anteil > 0:
            versorger = [p for p in punkte if p.art == nahversorger_art]
            _erreichbar(ax, gebiet, versorger, radius_m or 0)
        _flaeche(
            ax,
            gebiet.geometrie,
            facecolor="none",
            edgecolor=DUNKELBLAU,
            linewidth=2.2,
            zorder=4,
        )
        if radius_m:
            ax.add_patch(
                Circle(
                    zentrum,
                    radius_m,
                    facecolor="none",
                    edgecolor=UMKREIS_FARBE,
                    linestyle=(0, (5, 3)),
                    linewidth=1.4,
                    zorder=5,
                )
            )
            ax.plot(*zentrum, marker="+", color=UMKREIS_FARBE, markersize=9, mew=1.6, zorder=5)
            # Label on the circle at "half past one", where it rarely meets the outline.
            winkel = math.radians(50)
            ax.text(
                zentrum[0] + radius_m * math.cos(winkel),
                zentrum[1] + radius_m * math.sin(winkel),
                _laenge(radius_m),
                fontsize=9,
                color=UMKREIS_FARBE,
                ha="left",
                va="bottom",
                zorder=8,
                path_effects=_halo(),
            )
        _punkte(ax, gebiet, punkte, stile, anzahl, ausschnitt)
        _massstab(ax, minx, miny, maxx, maxy)
        _nordpfeil(ax)
        ax.text(
            0.995,
            0.006,
            textwrap.fill(
                f"© OpenStreetMap-Mitwirkende (ODbL); Grenzen: {quelle_grenzen}",
                70,
                break_long_words=False,
            ),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="#222222",
            zorder=10,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 2},
        )
        fig.legend(
            handles=griffe,
            loc="upper center",
            bbox_to_anchor=(0.5, legende_h / hoehe_zoll),
            ncols=spalten,
            frameon=False,
            fontsize=9,
            handlelength=2.4,
            columnspacing=1.5,
            borderaxespad=0.2,
        )
        png, svg = _png_svg(fig)

    zaehlung = ", ".join(f"{art} {zahl(anzahl[art])}" for art in arten) or "keine Punkte"
    alt = (
        f"Karte des Quartiers {gebiet.name} mit den angrenzenden Gebieten; im Quartier: {zaehlung}"
    )
    if radius_m:
        alt += f"; gestrichelt ein Umkreis von {_laenge(radius_m)} um den Mittelpunkt"
    if anteil is not None:
        alt += (
            f"; schraffiert der Teil des Quartiers höchstens {_laenge(radius_m or 0)} "
            f"Luftlinie von {nahversorger_art} entfernt ({prozent(anteil)} der Fläche)"
        )
    return Diagramm(png=png, titel=titel, alt=alt + ".", svg=svg)


# --- helpers -------------------------------------------------------------------------------


def _figur(breite_zoll: float, hoehe_zoll: float) -> Any:
    """A bare Agg figure; axes are placed by hand since equal aspect defeats automatic layout."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(breite_zoll, hoehe_zoll), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _pfad(geometrie: Any) -> Any:
    """A matplotlib Path of a (multi)polygon; holes get the opposite winding, so they stay empty."""
    import numpy as np
    from matplotlib.path import Path as MplPath
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geometrie, Polygon):
        teile = [geometrie]
    elif isinstance(geometrie, MultiPolygon):
        teile = list(geometrie.geoms)
    else:
        teile = [g for g in getattr(geometrie, "geoms", []) if isinstance(g, Polygon)]
    ecken: list[Any] = []
    codes: list[Any] = []
    for teil in teile:
        teil = orient(teil, 1.0)
        for ring in (teil.exterior, *teil.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            c = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            c[0] = MplPath.MOVETO
            c[-1] = MplPath.CLOSEPOLY
            ecken.append(xy)
            codes.append(c)
    if not ecken:
        return None
    return MplPath(np.concatenate(ecken), np.concatenate(codes))


def _flaeche(ax: Axes, geometrie: Any, **stil: Any) -> None:
    """Draw a (multi)polygon as one patch."""
    from matplotlib.patches import PathPatch

    pfad = _pfad(geometrie)
    if pfad is not None:
        ax.add_patch(PathPatch(pfad, joinstyle="round", **stil))


def _nachbarn(ax: Axes, gebiet: Gebiet, nachbarn: Sequence[Gebiet], ausschnitt: Any) -> None:
    """Neighbouring areas in grey, named where enough of them is visible."""
    from shapely.geometry import MultiPolygon, box
    from shapely.ops import polylabel

    minx, miny, maxx, maxy = ausschnitt.bounds
    b, h = maxx - minx, maxy - miny
    meter_je_zoll = b / ax.get_position().width / ax.figure.get_figwidth()
    # Keep names off the strip with scale bar and attribution and off the north arrow.
    frei = ausschnitt.difference(box(minx, miny, maxx, miny + 0.1 * h)).difference(
        box(maxx - 0.12 * b, maxy - 0.2 * h, maxx, maxy)
    )
    quartier = gebiet.geometrie
    for nachbar in nachbarn:
        g = nachbar.geometrie
        if nachbar.nr == gebiet.nr or not g.intersects(ausschnitt):
            continue
        # The quarter's own parts (a quarter united from several areas) are not neighbours.
        if g.area > 0 and g.intersection(quartier).area > 0.5 * g.area:
            continue
        # Clipping to a slightly larger box keeps paths short without visible cut edges.
        sichtbar = g.intersection(ausschnitt.buffer(0.05 * b))
        _flaeche(
            ax,
            sichtbar,
            facecolor=NACHBAR_FUELLUNG,
            edgecolor=NACHBAR_LINIE,
            linewidth=0.7,
            zorder=1,
        )
        platz = g.intersection(frei).difference(quartier)
        if platz.is_empty or platz.area < 0.02 * b * h:
            continue
        if isinstance(platz, MultiPolygon):
            platz = max(platz.geoms, key=lambda t: t.area)
        elif platz.geom_type != "Polygon":
            continue
        stelle = polylabel(platz, tolerance=10.0)
        text = _umbrechen_name(nachbar.name)
        # A name written across the quarter's outline would read as the quarter's: skip it.
        zeilen = text.split("\n")
        halb_b = 0.5 * max(len(z) for z in zeilen) * _ZEICHEN_ZOLL * meter_je_zoll
        halb_h = 0.5 * len(zeilen) * _ZEILE_TEXT_ZOLL * meter_je_zoll
        rahmen = box(stelle.x - halb_b, stelle.y - halb_h, stelle.x + halb_b, stelle.y + halb_h)
        if rahmen.intersects(quartier.boundary) or not ausschnitt.contains(rahmen):
            continue
        ax.text(
            stelle.x,
            stelle.y,
            text,
            fontsize=8,
            fontstyle="italic",
            color=NACHBAR_TEXT,
            ha="center",
            va="center",
            zorder=3,
            path_effects=_halo(),
        )


def _erreichbar(ax: Axes, gebiet: Gebiet, versorger: Sequence[Punkt], radius_m: float) -> None:
    """Hatch the part of the quarter within the radius of a supplier."""
    if not versorger:
        return
    _flaeche(
        ax,
        umkreis(versorger, radius_m).intersection(gebiet.geometrie),
        facecolor="none",
        edgecolor=ERREICHBAR_FARBE,
        hatch="////",
        linewidth=0,
        zorder=3,
    )


def _punkte(
    ax: Axes,
    gebiet: Gebiet,
    punkte: Sequence[Punkt],
    stile: dict[str, tuple[str, str, float]],
    anzahl: dict[str, int],
    ausschnitt: Any,
) -> None:
    """Points by kind; those outside the quarter paler, rare kinds drawn last (on top)."""
    import numpy as np
    from shapely import contains_xy, prepare

    minx, miny, maxx, maxy = ausschnitt.bounds
    prepare(gebiet.geometrie)
    # Many benches must not hide the one pharmacy: the kind with the fewest points goes on top.
    reihenfolge = sorted(stile, key=lambda art: (-anzahl[art], list(stile).index(art)))
    for ebene, art in enumerate(reihenfolge):
        xy = np.array(
            [
                (p.x, p.y)
                for p in punkte
                if p.art == art and minx <= p.x <= maxx and miny <= p.y <= maxy
            ],
            dtype=float,
        ).reshape(-1, 2)
        if not len(xy):
            continue
        drin = contains_xy(gebiet.geometrie, xy[:, 0], xy[:, 1])
        for auswahl, alpha in ((~drin, 0.45), (drin, 1.0)):
            if auswahl.any():
                ax.plot(
                    xy[auswahl, 0],
                    xy[auswahl, 1],
                    alpha=alpha,
                    zorder=6 + ebene * 0.01,
                    **_punktstil(stile[art]),
                )


def _punktstil(stil: tuple[str, str, float]) -> dict[str, Any]:
    """Marker of a facility kind, the same on the map and in its legend."""
    form, farbe, groesse = stil
    return {
        "linestyle": "none",
        "marker": form,
        "markersize": groesse,
        "markerfacecolor": farbe,
        "markeredgecolor": "white",
        "markeredgewidth": 0.6,
    }


def _massstab(ax: Axes, minx: float, miny: float, maxx: float, maxy: float) -> None:
    """Scale bar in the lower left: two halves black and white, labelled in m or km."""
    from matplotlib.patches import Rectangle

    breite = maxx - minx
    laenge = max((m for m in _MASSSTAB_M if m <= 0.25 * breite), default=_MASSSTAB_M[0])
    hoch = 0.012 * (maxy - miny)
    x0 = minx + 0.03 * breite
    y0 = miny + 0.035 * (maxy - miny)
    ax.add_patch(
        Rectangle(
            (x0 - 0.015 * breite, y0 - 0.025 * (maxy - miny)),
            laenge + 0.06 * breite,
            hoch + 0.085 * (maxy - miny),
            facecolor="white",
            edgecolor="none",
            alpha=0.85,
            zorder=9,
        )
    )
    for i, farbe in enumerate(("#222222", "white")):
        ax.add_patch(
            Rectangle(
                (x0 + i * laenge / 2, y0),
                laenge / 2,
                hoch,
                facecolor=farbe,
                edgecolor="#222222",
                linewidth=0.8,
                zorder=10,
            )
        )
    km = laenge >= 1000
    einheit = 1000 if km else 1
    for anteil, mit_einheit in ((0.0, False), (0.5, False), (1.0, True)):
        wert = anteil * laenge / einheit
        text = zahl(wert, 0 if float(wert).is_integer() else 1)
        if mit_einheit:
            text += " km" if km else " m"
        ax.text(
            x0 + anteil * laenge,
            y0 + hoch * 1.6,
            text,
            fontsize=8,
            ha="center",
            va="bottom",
            zorder=10,
        )


def _nordpfeil(ax: Axes) -> None:
    """North arrow in the upper right (grid north; in Köln it differs from true north by ~1.5°)."""
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle(
            (0.925, 0.815),
            0.06,
            0.175,
            transform=ax.transAxes,
            facecolor="white",
            edgecolor="none",
            alpha=0.85,
            zorder=9,
        )
    )
    ax.annotate(
        "",
        xy=(0.955, 0.93),
        xytext=(0.955, 0.83),
        xycoords="axes fraction",
        arrowprops={
            "arrowstyle": "-|>,head_width=0.35,head_length=0.7",
            "color": "#222222",
            "linewidth": 1.6,
        },
        zorder=10,
    )
    ax.text(
        0.955,
        0.935,
        "N",
        transform=ax.transAxes,
        fontsize=11,
        fontweight="bold",
        ha="center",
        va="bottom",
        zorder=10,
        path_effects=_halo(),
    )


def _halo() -> list[Any]:
    """A white outline behind text, so labels stay legible on lines and points."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.5, foreground="white")]


def _umbrechen_name(name: str) -> str:
    """Double names ("Bocklemünd/Mengenich") on two lines so that they fit small areas."""
    if len(name) > 14 and "/" in name:
        return name.replace("/", "/\n", 1)
    return name


def _laenge(meter: float) -> str:
    """A distance German style: ``500 m``, ``1 km``, ``1,5 km``."""
    if meter >= 1000:
        km = meter / 1000
        return f"{zahl(km, 0 if km.is_integer() else 1)} km"
    return f"{zahl(meter, 0)} m"
