"""Geodata of a project: area boundaries and point layers as configured in [karte].

Read once per run (like the statistics); each quarter gets its own cut: its boundary (the union
of its statistical areas), the other areas as neighbours, and all points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qprofil.errors import EingabeFehler, Ort

if TYPE_CHECKING:
    from qprofil.geo import Gebiet, Punkt
    from qprofil.model import Quartier
    from qprofil.project import Projekt


@dataclass(frozen=True)
class Geodaten:
    """All areas (by code) and all points of the project."""

    gebiete: dict[str, Gebiet]
    punkte: tuple[Punkt, ...]


@dataclass(frozen=True)
class QuartiersGeo:
    """One quarter's boundary, its surroundings and the points to show and count."""

    gebiet: Gebiet
    nachbarn: tuple[Gebiet, ...]
    punkte: tuple[Punkt, ...]


def geodaten_lesen(projekt: Projekt) -> Geodaten | None:
    """Read the configured boundaries and point layers (None when [karte] is not configured)."""
    k = projekt.konfig.karte
    if k is None:
        return None
    from qprofil.geo import gebiete_lesen, punkte_lesen

    grenzen = projekt.pfad(k.grenzen)
    gebiete = gebiete_lesen(
        grenzen,
        nr_feld=k.nr_feld,
        name_feld=k.name_feld,
        crs=k.crs,
        anzeige=projekt.relativ(grenzen),
        nr_breite=k.nr_stellen,
    )
    punkte: list[Punkt] = []
    for ebene in k.punkte:
        pfad = projekt.pfad(ebene.datei)
        punkte += punkte_lesen(
            pfad, art=ebene.art, name_feld=ebene.name_feld, anzeige=projekt.relativ(pfad)
        )
    return Geodaten(gebiete, tuple(punkte))


def quartiers_geo(
    projekt: Projekt, geodaten: Geodaten | None, quartier: Quartier
) -> QuartiersGeo | None:
    """The quarter's cut of the geodata; an area code without boundary is an error."""
    if geodaten is None:
        return None
    from qprofil.geo import vereinigen

    fehlend = [nr for nr in quartier.unterbezirke if nr not in geodaten.gebiete]
    if fehlend:
        k = projekt.konfig.karte
        assert k is not None
        raise EingabeFehler(
            f"Quartier {quartier.kuerzel}: für {', '.join(fehlend)} gibt es keine Grenze in der "
            f"Geodatei (Feld „{k.nr_feld}“).",
            Ort(projekt.relativ(projekt.pfad(k.grenzen)), spalte=k.nr_feld),
            "Prüfen Sie die Unterbezirke des Quartiers und [karte] nr_feld/nr_stellen in qprofil.toml.",
        )
    teile = [geodaten.gebiete[nr] for nr in quartier.unterbezirke]
    gebiet = vereinigen(teile, quartier.kuerzel, quartier.name)
    nachbarn = tuple(g for nr, g in geodaten.gebiete.items() if nr not in quartier.unterbezirke)
    return QuartiersGeo(gebiet, nachbarn, geodaten.punkte)
