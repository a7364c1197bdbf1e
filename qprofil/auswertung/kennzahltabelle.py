"""Every indicator of every area and Stichtag as one table, for the indicator workbook.

Built on :class:`~qprofil.auswertung.auswertung.Auswertung` (the values are the very ones the
profiles show), with the area names, units, the reason for each missing value and the rank of
each area within its level. No I/O: the workbook and the CSV are written by
``qprofil.ausgabe.kennzahlmappe``.

Columns of :func:`lang`: ``ebene``, ``raum``, ``raumname``, ``stichtag``, ``kennzahl`` (key),
``name``, ``einheit``, ``stellen``, ``wert`` (float, NaN when not shown), ``fehlend`` (the
:class:`~qprofil.auswertung.kennzahlen.Fehlend` member or None), ``hinweis`` (why a value is
missing, German) and ``rang`` (1 = highest value among the areas of the same level at the same
Stichtag, ties share the smaller rank; missing where the value is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qprofil.auswertung.kennzahlen import (
    ALTENQUOTIENT,
    Fehlend,
    Kennzahl,
    altenquotient_quelle_text,
)
from qprofil.auswertung.statistiktabelle import QUARTIER
from qprofil.auswertung.stichtage import VERGLEICHSJAHRE

if TYPE_CHECKING:
    import pandas as pd

    from qprofil.auswertung.auswertung import Auswertung
    from qprofil.projekt import KennzahlEinstellungen

#: Sheet titles of the levels; other levels get their own name with an "e" ("Stadtteile").
EBENEN = {
    QUARTIER: "Quartiere",
    "stadt": "Stadt",
    "stadtbezirk": "Stadtbezirke",
    "unterbezirk": "Unterbezirke",
    "stadtteil": "Stadtteile",
    "": "Ohne Ebene",
}
_REIHENFOLGE = (QUARTIER, "stadt", "stadtbezirk")

QUELLE_STATISTIK = "Kleinräumige Bevölkerungsstatistik (Hauptwohnsitz am Stichtag)"
QUELLE_SOZIAL = "Kleinräumige Sozialdaten (Melderegister, Grundsicherungsstatistik)"


@dataclass(frozen=True)
class Definition:
    """One indicator's row on the definitions sheet."""

    schluessel: str
    name: str
    einheit: str
    stellen: int
    definition: str
    quelle: str
    einstellung: str


def ebenen_titel(ebene: str) -> str:
    """The sheet title of a level ("stadtbezirk" → "Stadtbezirke")."""
    return EBENEN.get(ebene, ebene.capitalize() + "e")


def ebenen_folge(ebenen: list[str]) -> list[str]:
    """Quarters, city, Stadtbezirke first, then the other levels by name."""
    vorn = [e for e in _REIHENFOLGE if e in ebenen]
    return vorn + sorted(e for e in ebenen if e not in _REIHENFOLGE)


def definitionen(konfig: KennzahlEinstellungen) -> list[Definition]:
    """Name, unit, definition, source and the configuration used, for every indicator."""
    from qprofil.auswertung.auswertung import beschreibungen

    demo, sozial = beschreibungen(konfig)
    untere, _ = ALTENQUOTIENT[konfig.altenquotient]
    quelle_aq = altenquotient_quelle_text(konfig.altenquotient, konfig.altenquotient_quelle)
    geheim = (
        f"geheimhaltung_unter = {konfig.geheimhaltung_unter} (Anzahlen von 1 bis "
        f"{konfig.geheimhaltung_unter - 1} und daraus berechnete Anteile werden als „.“ gezeigt)"
        if konfig.geheimhaltung_unter > 1
        else "geheimhaltung_unter = 0 (keine Geheimhaltung)"
    )
    einstellungen = {
        "entwicklung": f"Vergleich mit dem Stichtag {VERGLEICHSJAHRE} Jahre zuvor",
        "durchschnittsalter": (
            f"offene_altersgruppe_mitte = {konfig.offene_altersgruppe_mitte} Jahre"
        ),
        "altenquotient": (
            f"altenquotient = „{konfig.altenquotient}“: untere Grenze {untere} Jahre"
            + (f" ({quelle_aq})" if quelle_aq else "")
        ),
        "hochaltrigenquote": (
            f"hochaltrigenquote_nenner_ab = {konfig.hochaltrigenquote_nenner_ab} Jahre"
        ),
    }

    def zeile(k: Kennzahl, quelle: str) -> Definition:
        extra = einstellungen.get(k.schluessel)
        return Definition(
            k.schluessel,
            k.name,
            k.einheit,
            k.stellen,
            k.definition,
            quelle,
            "; ".join(t for t in (extra, geheim) if t),
        )

    return [zeile(k, QUELLE_STATISTIK) for k in demo] + [
        zeile(k, f"{QUELLE_SOZIAL}; {QUELLE_STATISTIK}") for k in sozial
    ]


def hinweis(fehlend: Fehlend | None, kennzahl: str, geheim_unter: int) -> str:
    """Why a value is not shown, in German ("" when it is)."""
    if fehlend is None:
        return ""
    if fehlend is Fehlend.GEHEIM:
        return f"geheim gehalten: eine zugrunde liegende Anzahl liegt unter {geheim_unter}"
    if kennzahl == "entwicklung":
        return (
            f"nicht berechenbar: kein Stichtag {VERGLEICHSJAHRE} Jahre zuvor in der Statistik "
            "oder Einwohnerzahl dort unbekannt"
        )
    return (
        "nicht berechenbar: die Altersgruppen der Quelle passen nicht zur Definition, "
        "eine Zahl ist unbekannt oder die Quelle enthält das Merkmal nicht"
    )


def lang(auswertung: Auswertung) -> pd.DataFrame:
    """Every indicator of every area and Stichtag in long form (see the module notes)."""
    import pandas as pd

    konfig = auswertung.konfig
    werte = auswertung.werte
    defs = {d.schluessel: d for d in definitionen(konfig)}
    namen = {nr: r.name for nr, r in auswertung.statistik.raeume.items()}
    quartiersnamen = {k: q.name for k, q in auswertung.quartiere.items()}
    ist_quartier = werte["ebene"] == QUARTIER
    raumname = werte["raum"].map(namen).where(~ist_quartier, werte["raum"].map(quartiersnamen))
    fehlend = werte["fehlend"].where(werte["fehlend"].map(lambda f: isinstance(f, Fehlend)), None)
    tabelle = pd.DataFrame(
        {
            "ebene": werte["ebene"],
            "raum": werte["raum"],
            "raumname": raumname.fillna(""),
            "stichtag": werte["stichtag"],
            "kennzahl": werte["kennzahl"],
            "name": werte["kennzahl"].map(lambda k: defs[k].name),
            "einheit": werte["kennzahl"].map(lambda k: defs[k].einheit),
            "stellen": werte["kennzahl"].map(lambda k: defs[k].stellen),
            "wert": werte["wert"].astype("float64"),
            "fehlend": fehlend,
        }
    )
    tabelle["hinweis"] = [
        hinweis(f, k, konfig.geheimhaltung_unter)
        for f, k in zip(tabelle["fehlend"].tolist(), tabelle["kennzahl"].tolist(), strict=True)
    ]
    tabelle["rang"] = (
        tabelle.groupby(["ebene", "stichtag", "kennzahl"], sort=False)["wert"]
        .rank(method="min", ascending=False)
        .astype("Int64")
    )
    return tabelle.reset_index(drop=True)
