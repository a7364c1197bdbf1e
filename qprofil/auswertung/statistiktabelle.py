"""The small-area statistics as one tidy pandas table, with the quarters added as areas.

Only the evaluation stage imports this module (pandas is loaded at build time, not by the CLI).

Columns of :func:`tidy` (one row per area × Stichtag × sex × age band × feature):

``raum``
    area code (str); for a quarter its Kürzel.
``ebene``
    level in lower case as :class:`~qprofil.modell.Raum` names it ("stadt", "stadtbezirk",
    "unterbezirk", …), "quartier" for the configured quarters, "" for a code the statistics
    give no level for.
``stichtag``
    :class:`datetime.date`.
``geschlecht``
    population: "m" and "w" for every band; additionally "gesamt" where the source gives only
    totals per band (``AltersVerteilung.gesamt``; then "m"/"w" are missing). Social features:
    "gesamt".
``band_nr``
    position of the age band in the area's distribution (0, 1, …; the order of
    ``AltersVerteilung.baender``); missing for social features.
``von``, ``bis``
    the age band [von, bis) in completed years; ``bis`` missing = "von und älter". Both missing
    for social features.
``merkmal``
    "bevoelkerung" for residents, else a field of :class:`~qprofil.modell.Sozialdaten`
    ("haushalte", "einpersonenhaushalte", "allein_lebende_65", "grundsicherung_65").
``wert``
    nullable integer (``Int64``): an unknown or withheld count stays missing.

A quarter is the sum of its Unterbezirke, with the rules of ``AltersVerteilung.__add__`` and
``Sozialdaten.__add__``: a sum over a missing count is missing; the quarter has a "gesamt" row
when any part has one (then it is the sum of the parts' totals). A quarter exists at a Stichtag
only if every Unterbezirk has population data there with the same age bands, and has social
data only if every Unterbezirk has them.

The model keeps no source row per value, only the files read (``Statistik.quellen``); they are
in ``DataFrame.attrs["quellen"]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING

from qprofil.modell import Quartier, Sozialdaten, Statistik

if TYPE_CHECKING:
    import pandas as pd

SPALTEN = ("raum", "ebene", "stichtag", "geschlecht", "band_nr", "von", "bis", "merkmal", "wert")
BEVOELKERUNG = "bevoelkerung"
QUARTIER = "quartier"
SOZIALE_MERKMALE = tuple(f.name for f in fields(Sozialdaten))

_BAND = ["raum", "ebene", "stichtag", "band_nr", "von", "bis"]


def tidy(statistik: Statistik, quartiere: Iterable[Quartier]) -> pd.DataFrame:
    """All population and social counts of ``statistik`` plus ``quartiere`` as one tidy table."""
    import pandas as pd

    basis = _basis(statistik)
    quartiere = list(quartiere)
    teile = [basis]
    if quartiere:
        teile += [_quartiere_bevoelkerung(basis, quartiere), _quartiere_sozial(basis, quartiere)]
    tabelle = pd.concat([t for t in teile if len(t)] or [basis], ignore_index=True)
    tabelle = _typen(tabelle)
    tabelle.attrs["quellen"] = tuple(statistik.quellen)
    return tabelle


def _typen(df: pd.DataFrame) -> pd.DataFrame:
    """The column types every part of the table shares."""
    df = df.loc[:, list(SPALTEN)].copy()
    for spalte in ("raum", "ebene", "geschlecht", "merkmal"):
        df[spalte] = df[spalte].astype(object)
    for spalte in ("band_nr", "von", "bis", "wert"):
        df[spalte] = df[spalte].astype("Int64")
    df["stichtag"] = df["stichtag"].astype(object)
    return df


def _basis(statistik: Statistik) -> pd.DataFrame:
    """The areas of the statistics as they are (reading the model objects, no computing)."""
    import pandas as pd

    ebenen = {nr: raum.ebene.lower() for nr, raum in statistik.raeume.items()}
    zeilen: list[tuple[object, ...]] = []
    for (tag, nr), v in statistik.bevoelkerung.items():
        ebene = ebenen.get(nr, "")
        for i, band in enumerate(v.baender):
            zeilen.append(
                (nr, ebene, tag, "m", i, band.von, band.bis, BEVOELKERUNG, v.maennlich[i])
            )
            zeilen.append((nr, ebene, tag, "w", i, band.von, band.bis, BEVOELKERUNG, v.weiblich[i]))
            if v.gesamt is not None:
                zeilen.append(
                    (nr, ebene, tag, "gesamt", i, band.von, band.bis, BEVOELKERUNG, v.gesamt[i])
                )
    for (tag, nr), s in statistik.sozialdaten.items():
        ebene = ebenen.get(nr, "")
        for merkmal in SOZIALE_MERKMALE:
            zeilen.append(
                (nr, ebene, tag, "gesamt", None, None, None, merkmal, getattr(s, merkmal))
            )
    df = pd.DataFrame.from_records(zeilen, columns=list(SPALTEN))
    return _typen(df)


def _zuordnung(quartiere: list[Quartier]) -> pd.DataFrame:
    """One row per (quarter, listed Unterbezirk); a code listed twice counts twice, as in the sum."""
    import pandas as pd

    zeilen = [
        (q.kuerzel, nr, teil, len(q.unterbezirke))
        for q in quartiere
        for teil, nr in enumerate(q.unterbezirke)
    ]
    return pd.DataFrame.from_records(zeilen, columns=["quartier", "raum", "teil", "teile"])


def na_summe(df: pd.DataFrame, schluessel: list[str], spalte: str) -> pd.Series:
    """Sum of ``spalte`` per group of ``schluessel``, missing if any summand is missing."""
    hilfe = df.assign(_na=df[spalte].isna(), _w=df[spalte].fillna(0))
    gruppen = hilfe.groupby(schluessel, sort=False, dropna=False)
    summe = gruppen["_w"].sum().astype("Int64")
    return summe.mask(gruppen["_na"].any())


def _quartiere_bevoelkerung(basis: pd.DataFrame, quartiere: list[Quartier]) -> pd.DataFrame:
    """Population of each quarter = sum of its Unterbezirke (see the module notes)."""
    import pandas as pd

    breit = bevoelkerung_breit(basis)
    teile = _zuordnung(quartiere).merge(breit.drop(columns="ebene"), on="raum", how="inner")
    if teile.empty:
        return basis.iloc[0:0]
    # Open bands as -1 in the keys: grouping on missing values is avoided.
    teile["bis_"] = teile["bis"].fillna(-1)
    band = ["quartier", "stichtag", "band_nr", "von", "bis_"]
    gruppen = teile.groupby(band, sort=False)
    # Every band of the quarter must come from every part: then all parts have the same bands.
    von_allen = gruppen["teil"].nunique() == gruppen["teile"].first()
    vollstaendig = von_allen.groupby(level=["quartier", "stichtag"], sort=False).all()
    summen = pd.DataFrame(
        {
            "m": na_summe(teile, band, "m"),
            "w": na_summe(teile, band, "w"),
            "gesamt": na_summe(teile, band, "insgesamt"),
            "_g": gruppen["hat_gesamt"].any(),
        }
    ).reset_index()
    gueltig = vollstaendig[vollstaendig].reset_index()[["quartier", "stichtag"]]
    summen = summen.merge(gueltig, on=["quartier", "stichtag"], how="inner")
    lang = summen.melt(
        id_vars=[*band, "_g"],
        value_vars=["m", "w", "gesamt"],
        var_name="geschlecht",
        value_name="wert",
    )
    lang = lang[(lang["geschlecht"] != "gesamt") | lang["_g"]]
    lang = lang.assign(
        raum=lang["quartier"],
        ebene=QUARTIER,
        merkmal=BEVOELKERUNG,
        bis=lang["bis_"].astype("Int64").mask(lang["bis_"] == -1),
        _o=lang["geschlecht"].map({"m": 0, "w": 1, "gesamt": 2}),
    )
    # Rows in the order of the distribution: band by band, then "m", "w", "gesamt".
    lang = lang.sort_values(["raum", "stichtag", "band_nr", "_o"], kind="stable")
    return _typen(lang)


def bevoelkerung_breit(tabelle: pd.DataFrame) -> pd.DataFrame:
    """Population with one row per area, Stichtag and band and the columns m, w, gesamt, insgesamt.

    ``hat_gesamt`` tells whether the area's distribution gives totals per band; ``insgesamt`` is
    then ``gesamt``, else m + w (missing if either is), as ``AltersVerteilung.insgesamt``.
    """
    bev = tabelle[tabelle["merkmal"] == BEVOELKERUNG]
    schluessel = ["raum", "ebene", "stichtag", "band_nr"]
    baender = bev[[*schluessel, "von", "bis"]].drop_duplicates(schluessel)
    breit = baender
    for geschlecht in ("m", "w", "gesamt"):
        werte = bev.loc[bev["geschlecht"] == geschlecht, [*schluessel, "wert"]]
        breit = breit.merge(werte.rename(columns={"wert": geschlecht}), on=schluessel, how="left")
    mit_gesamt = bev.loc[bev["geschlecht"] == "gesamt", ["raum", "ebene", "stichtag"]]
    mit_gesamt = mit_gesamt.drop_duplicates().assign(hat_gesamt=True)
    breit = breit.merge(mit_gesamt, on=["raum", "ebene", "stichtag"], how="left")
    breit["hat_gesamt"] = breit["hat_gesamt"].astype("boolean").fillna(False).astype(bool)
    for spalte in ("m", "w", "gesamt"):
        breit[spalte] = breit[spalte].astype("Int64")
    breit["insgesamt"] = breit["gesamt"].where(breit["hat_gesamt"], breit["m"] + breit["w"])
    return breit.reset_index(drop=True)


def _quartiere_sozial(basis: pd.DataFrame, quartiere: list[Quartier]) -> pd.DataFrame:
    """Social data of each quarter: the sum over its Unterbezirke if all of them have them."""
    sozial = basis[basis["merkmal"] != BEVOELKERUNG]
    teile = _zuordnung(quartiere).merge(
        sozial[["raum", "stichtag", "merkmal", "wert"]], on="raum", how="inner"
    )
    if teile.empty:
        return basis.iloc[0:0]
    schluessel = ["quartier", "stichtag", "merkmal"]
    gruppen = teile.groupby(schluessel, sort=False)
    vollstaendig = gruppen["teil"].nunique() == gruppen["teile"].first()
    summen = na_summe(teile, schluessel, "wert")[vollstaendig].rename("wert").reset_index()
    summen = summen.assign(
        raum=summen["quartier"],
        ebene=QUARTIER,
        geschlecht="gesamt",
        band_nr=None,
        von=None,
        bis=None,
    )
    return _typen(summen)
