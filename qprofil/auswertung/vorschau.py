"""What qprofil read from the statistics, before any document is built (``qprofil statistik``).

Per source: the areas found by level, the Stichtage, the age bands and features recognised; then
for each indicator whether it can be computed from them, and if not, why. Works on the model
objects only (no pandas), so the preview is quick even for a big city.
"""

from __future__ import annotations

from dataclasses import dataclass

from qprofil.auswertung.kennzahlen import (
    ALTENQUOTIENT,
    AltersVerteilung,
    Raeume,
    demografie,
    grund_nicht_verfuegbar,
    soziale_lage,
)
from qprofil.auswertung.stichtage import VERGLEICHSJAHRE, jahre_vorher
from qprofil.modell import Statistik
from qprofil.projekt import Konfiguration

#: Names of an area level shown before "…".
NAMEN_HOECHSTENS = 8

#: The social feature each social indicator needs (a column of [statistik.sozialdaten.spalten]).
SOZIALE_SPALTEN = {
    "haushalte": ("haushalte",),
    "einpersonenhaushalte": ("einpersonenhaushalte", "haushalte"),
    "allein_65": ("allein_lebende_65",),
    "grundsicherung_65": ("grundsicherung_65",),
}


#: The social features in the order of [statistik.sozialdaten.spalten].
SOZIALE_SPALTEN_ALLE = (
    "haushalte",
    "einpersonenhaushalte",
    "allein_lebende_65",
    "grundsicherung_65",
)


@dataclass(frozen=True)
class Zeile:
    """One line of the preview: section, what, and what was found."""

    abschnitt: str
    merkmal: str
    angabe: str


def _datum(tag: object) -> str:
    return f"{tag:%d.%m.%Y}"


def _namen(namen: list[str]) -> str:
    gezeigt = ", ".join(namen[:NAMEN_HOECHSTENS])
    return f"{len(namen)}: {gezeigt}" + (" …" if len(namen) > NAMEN_HOECHSTENS else "")


def vorschau(statistik: Statistik, konfig: Konfiguration, dateien: list[str]) -> list[Zeile]:
    """The preview lines of ``statistik`` as read with ``konfig``."""
    z: list[Zeile] = []
    bev = "Bevölkerung"
    z.append(Zeile(bev, "Datei", dateien[0] if dateien else ""))
    tage = statistik.stichtage
    z.append(Zeile(bev, "Stichtage", ", ".join(_datum(t) for t in tage) or "keine"))
    for ebene in ("Stadt", "Stadtbezirk", "Unterbezirk"):
        namen = [r.name for r in statistik.raeume.values() if r.ebene == ebene]
        z.append(Zeile(bev, f"Räume der Ebene {ebene}", _namen(namen) if namen else "keine"))
    verteilung = _beispiel(statistik)
    if verteilung is not None:
        z.append(Zeile(bev, "Altersgruppen", ", ".join(b.label for b in verteilung.baender)))
        z.append(
            Zeile(
                bev,
                "Geschlecht",
                "nicht aufgeteilt" if verteilung.gesamt is not None else "männlich und weiblich",
            )
        )
    sozial_konfig = konfig.statistik.sozialdaten
    hat_sozial = sozial_konfig is not None and str(sozial_konfig.datei) not in ("", ".")
    soz = "Sozialdaten"
    spalten: dict[str, str] = sozial_konfig.spalten.model_dump() if sozial_konfig else {}
    if hat_sozial:
        z.append(Zeile(soz, "Datei", dateien[1] if len(dateien) > 1 else ""))
        merkmale = [k for k in SOZIALE_SPALTEN_ALLE if spalten.get(k)]
        z.append(Zeile(soz, "Merkmale", ", ".join(merkmale) or "keine"))
        raeume = {nr for _, nr in statistik.sozialdaten}
        z.append(Zeile(soz, "Räume mit Daten", str(len(raeume))))
    else:
        z.append(Zeile(soz, "Datei", "keine ([statistik.sozialdaten] datei ist leer)"))

    k = konfig.kennzahlen
    untere, _ = ALTENQUOTIENT[k.altenquotient]
    leer = AltersVerteilung((), (), ())
    r = Raeume(leer, leer, leer, None, None, None, None, None, None)
    for kennzahl in demografie(r):
        if kennzahl.schluessel == "entwicklung":
            vorher = jahre_vorher(tage[-1]) if tage else None
            grund = (
                ""
                if vorher in tage
                else f"kein Stichtag {VERGLEICHSJAHRE} Jahre vor dem jüngsten"
                + (f" ({_datum(vorher)})" if vorher else "")
            )
        elif verteilung is None:
            grund = "keine Bevölkerungszahlen"
        else:
            grund = grund_nicht_verfuegbar(
                kennzahl.schluessel,
                verteilung,
                untere=untere,
                nenner_ab=k.hochaltrigenquote_nenner_ab,
                hoechste_breite=k.durchschnittsalter_hoechste_breite,
            )
        z.append(Zeile("Kennzahl", kennzahl.name, f"nicht verfügbar: {grund}" if grund else "ja"))
    for kennzahl in soziale_lage(r):
        fehlt = [s for s in SOZIALE_SPALTEN[kennzahl.schluessel] if not spalten.get(s)]
        if not hat_sozial:
            grund = "keine Sozialdaten"
        elif fehlt:
            grund = "keine Spalte " + ", ".join(f"statistik.sozialdaten.spalten.{s}" for s in fehlt)
        elif verteilung is not None:
            grund = grund_nicht_verfuegbar(kennzahl.schluessel, verteilung)
        else:
            grund = "keine Bevölkerungszahlen"
        z.append(Zeile("Kennzahl", kennzahl.name, f"nicht verfügbar: {grund}" if grund else "ja"))
    return z


def _beispiel(statistik: Statistik) -> AltersVerteilung | None:
    """The city's distribution at the latest Stichtag (any area's if there is no city row)."""
    if not statistik.bevoelkerung:
        return None
    tag = statistik.stichtage[-1]
    try:
        return statistik.bevoelkerung[(tag, statistik.stadt_nr())]
    except KeyError:
        return next(v for (t, _), v in statistik.bevoelkerung.items() if t == tag)
