"""Every indicator for every area and Stichtag, computed once per run on the tidy table.

The formulas are those of :mod:`qprofil.auswertung.kennzahlen` (the reference functions), computed
column-wise with pandas over all areas at once. Floating-point results are computed in the same
order of operations as there (``zaehler / nenner * 100``; the average age summed band by band in
the order of the distribution), so they are identical to the last bit.

Only the build imports this module: pandas is not loaded by the CLI's start-up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qprofil.auswertung.kennzahlen import (
    ALTENQUOTIENT,
    OFFEN_AB_MINDESTENS,
    AltersVerteilung,
    Fehlend,
    Kennzahl,
    Raeume,
    Wert,
    demografie,
    keine_sozialdaten,
    mit_grund,
    soziale_lage,
)
from qprofil.auswertung.statistiktabelle import (
    QUARTIER,
    SOZIALE_MERKMALE,
    bevoelkerung_breit,
    tidy,
)
from qprofil.auswertung.stichtage import VERGLEICHSJAHRE, Stichtage, jahre_vorher
from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import Altersband, Quartier, Statistik
from qprofil.projekt import KennzahlEinstellungen

if TYPE_CHECKING:
    import pandas as pd

#: Keys of the demographic indicators, in the order of :func:`kennzahlen.demografie`.
DEMOGRAFIE = (
    "einwohner",
    "entwicklung",
    "durchschnittsalter",
    "anteil_u18",
    "anteil_65",
    "anteil_80",
    "altenquotient",
    "hochaltrigenquote",
    "frauenanteil_80",
)
#: Keys of the social indicators, in the order of :func:`kennzahlen.soziale_lage`.
SOZIALE_LAGE = ("haushalte", "einpersonenhaushalte", "allein_65", "grundsicherung_65")

_GRUPPE = ["ebene", "raum", "stichtag"]


class Auswertung:
    """The evaluation of one run: the tidy statistics table and every indicator value.

    ``tabelle``: see :func:`qprofil.auswertung.statistiktabelle.tidy`.

    ``werte``: one row per area (every level, quarters included), Stichtag with population data
    and indicator, columns ``ebene``, ``raum``, ``stichtag``, ``kennzahl`` (the keys in
    :data:`DEMOGRAFIE` and :data:`SOZIALE_LAGE`), ``wert`` (float, NaN when not shown) and
    ``fehlend`` (the :class:`Fehlend` member why not, else None). Entwicklung compares with the
    Stichtag five years earlier where the statistics have it.
    """

    def __init__(
        self,
        statistik: Statistik,
        quartiere: Iterable[Quartier],
        konfig: KennzahlEinstellungen,
    ) -> None:
        self.statistik = statistik
        self.quartiere = {q.kuerzel: q for q in quartiere}
        self.konfig = konfig
        self.tabelle = tidy(statistik, self.quartiere.values())
        self.werte = _werte(self.tabelle, statistik, konfig)
        self._index = _nachschlagen(self.werte)

    # --- what documents need ---------------------------------------------------------------

    def wert(self, raum: str | Quartier, stichtag: dt.date, kennzahl: str) -> Wert:
        """One indicator of an area (code) or quarter at a Stichtag (KeyError if unknown)."""
        return self._index[(*self._schluessel(raum), stichtag)][kennzahl]

    def profil_kennzahlen(
        self, quartier: Quartier, stichtage: Stichtage
    ) -> tuple[list[Kennzahl], list[Kennzahl]]:
        """Demographic and social indicators of a profile: quarter, its Stadtbezirk, the city.

        The same :class:`Kennzahl` objects as ``demografie``/``soziale_lage`` give today.
        """
        drei = [
            (QUARTIER, quartier.kuerzel),
            self._schluessel(quartier.stadtbezirk_nr),
            self._schluessel(self.statistik.stadt_nr()),
        ]
        werte = []
        for schluessel, nummern in zip(
            drei,
            (quartier.unterbezirke, (quartier.stadtbezirk_nr,), (self.statistik.stadt_nr(),)),
            strict=True,
        ):
            try:
                werte.append(self._index[(*schluessel, stichtage.aktuell)])
            except KeyError as err:
                fehlt = next(
                    (
                        nr
                        for nr in nummern
                        if (stichtage.aktuell, nr) not in self.statistik.bevoelkerung
                    ),
                    nummern[0],
                )
                s = self.statistik
                raise EingabeFehler(
                    f"Für Raum {fehlt} fehlen Bevölkerungszahlen zum Stichtag "
                    f"{stichtage.aktuell:%d.%m.%Y}.",
                    Ort(s.quellen[0].name if s.quellen else "Statistik"),
                    "Ergänzen Sie die Zahlen oder korrigieren Sie die Unterbezirke des Quartiers.",
                ) from err
        if stichtage.vorher is None:
            # The profile shows no Entwicklung without the comparison date.
            werte = [{**w, "entwicklung": Fehlend.NICHT_VERFUEGBAR} for w in werte]
        elif stichtage.vorher != jahre_vorher(stichtage.aktuell):
            raise ValueError("Vergleichsstichtag ist nicht fünf Jahre vor dem Stichtag")
        demo, sozial = beschreibungen(self.konfig)

        verteilung = self.verteilung(quartier, stichtage.aktuell)
        untere, _ = ALTENQUOTIENT[self.konfig.altenquotient]
        grenzen = {
            "untere": untere,
            "nenner_ab": self.konfig.hochaltrigenquote_nenner_ab,
            "hoechste_breite": self.konfig.durchschnittsalter_hoechste_breite,
        }

        def mit_werten(k: Kennzahl, demo: bool = True) -> Kennzahl:
            q, b, s = (w[k.schluessel] for w in werte)
            k = dataclasses.replace(k, quartier=q, stadtbezirk=b, stadt=s)
            if k.schluessel == "entwicklung" and stichtage.vorher is None:
                vorher = jahre_vorher(stichtage.aktuell)
                k = dataclasses.replace(
                    k,
                    definition=f"{k.definition} Nicht verfügbar: Die Statistik hat keine Zahlen "
                    f"zum {vorher:%d.%m.%Y}.",
                )
            if not demo and not self.statistik.sozialdaten:
                # No social data at all (none configured, or an empty workbook): say so.
                return keine_sozialdaten(k)
            # The reason stands in the note: which age limit the source lacks.
            return mit_grund(k, verteilung, **grenzen) if demo else mit_grund(k, verteilung)

        return [mit_werten(k) for k in demo], [mit_werten(k, demo=False) for k in sozial]

    def verlauf(self, quartier: Quartier) -> list[tuple[dt.date, tuple[dict[str, Wert], ...]]]:
        """Every Stichtag at which the quarter has values, oldest first, with the values of
        quarter, Stadtbezirk and city (by indicator key) there; an area without values at a
        Stichtag gets NICHT_VERFUEGBAR for every indicator."""
        schluessel = [
            (QUARTIER, quartier.kuerzel),
            self._schluessel(quartier.stadtbezirk_nr),
            self._schluessel(self.statistik.stadt_nr()),
        ]
        leer = dict.fromkeys(DEMOGRAFIE + SOZIALE_LAGE, Fehlend.NICHT_VERFUEGBAR)
        ergebnis = []
        for tag in self.statistik.stichtage:
            if (*schluessel[0], tag) not in self._index:
                continue
            ergebnis.append(
                (tag, tuple(dict(self._index.get((*s, tag), leer)) for s in schluessel))
            )
        return ergebnis

    def verteilung(self, raum: str | Quartier, stichtag: dt.date) -> AltersVerteilung:
        """The age distribution of an area (code) or quarter at a Stichtag (KeyError if none)."""
        ebene, nr = self._schluessel(raum)
        breit = self._verteilungen.get((ebene, nr, stichtag))
        if breit is None:
            raise KeyError((stichtag, nr))

        def werte(spalte: str) -> tuple[int | None, ...]:
            return tuple(None if w is None else int(w) for w in _liste(breit[spalte]))

        baender = tuple(
            Altersband(int(von), None if bis is None else int(bis))
            for von, bis in zip(_liste(breit["von"]), _liste(breit["bis"]), strict=True)
        )
        gesamt = werte("gesamt") if bool(breit["hat_gesamt"].iloc[0]) else None
        return AltersVerteilung(baender, werte("m"), werte("w"), gesamt)

    @functools.cached_property
    def _verteilungen(self) -> dict[tuple[str, str, dt.date], pd.DataFrame]:
        """The wide population table split by area and Stichtag, bands in order; built once.

        A document asks for a few distributions; filtering the whole tidy table for each one
        cost a full pass over every area of the city per question.
        """
        breit = bevoelkerung_breit(self.tabelle)
        breit = breit.sort_values(["ebene", "raum", "stichtag", "band_nr"], kind="stable")
        return {
            (str(ebene), str(raum), stichtag): gruppe
            for (ebene, raum, stichtag), gruppe in breit.groupby(
                ["ebene", "raum", "stichtag"], sort=False
            )
        }

    def _schluessel(self, raum: str | Quartier) -> tuple[str, str]:
        """(ebene, raum) of an area code or quarter as in the tables."""
        if isinstance(raum, Quartier):
            return QUARTIER, raum.kuerzel
        r = self.statistik.raeume.get(raum)
        return (r.ebene.lower() if r is not None else ""), raum


def _liste(spalte: pd.Series) -> list[object]:
    """Python values of a column, missing as None."""
    fehlt = spalte.isna().tolist()
    return [None if f else w for w, f in zip(spalte.tolist(), fehlt, strict=True)]


def beschreibungen(konfig: KennzahlEinstellungen) -> tuple[list[Kennzahl], list[Kennzahl]]:
    """Names, units and definitions of the indicators, from the reference functions.

    Computed on empty distributions, so the texts stay in one place (kennzahlen.py).
    """
    leer = AltersVerteilung((), (), ())
    r = Raeume(leer, leer, leer, None, None, None, None, None, None)
    demo = demografie(
        r,
        altenquotient_definition=konfig.altenquotient,
        hochaltrige_nenner_ab=konfig.hochaltrigenquote_nenner_ab,
        offene_mitte=konfig.offene_altersgruppe_mitte,
        geheim_unter=konfig.geheimhaltung_unter,
        vergleichsjahre=VERGLEICHSJAHRE,
        hoechste_breite=konfig.durchschnittsalter_hoechste_breite,
        altenquotient_quelle=konfig.altenquotient_quelle,
    )
    return demo, soziale_lage(r, geheim_unter=konfig.geheimhaltung_unter)


def _nachschlagen(werte: pd.DataFrame) -> dict[tuple[str, str, dt.date], dict[str, Wert]]:
    """The values by (ebene, raum, stichtag) and indicator, as Python objects."""
    index: dict[tuple[str, str, dt.date], dict[str, Wert]] = {}
    for ebene, raum, tag, kennzahl, wert, fehlend in zip(
        werte["ebene"].tolist(),
        werte["raum"].tolist(),
        werte["stichtag"].tolist(),
        werte["kennzahl"].tolist(),
        werte["wert"].tolist(),
        werte["fehlend"].tolist(),
        strict=True,
    ):
        index.setdefault((ebene, raum, tag), {})[kennzahl] = (
            fehlend if isinstance(fehlend, Fehlend) else float(wert)
        )
    return index


# --- vectorised indicators ----------------------------------------------------------------


class _Rechner:
    """Column-wise versions of the reference functions over all groups (area × Stichtag)."""

    def __init__(self, tabelle: pd.DataFrame, geheim_unter: int) -> None:
        import pandas as pd

        self.pd = pd
        self.g = geheim_unter
        breit = bevoelkerung_breit(tabelle).sort_values(
            [*_GRUPPE, "band_nr"], kind="stable", ignore_index=True
        )
        gruppen = breit.groupby(_GRUPPE, sort=False)
        breit["gid"] = gruppen.ngroup()
        self.breit = breit
        self.gruppen = breit[[*_GRUPPE, "gid"]].drop_duplicates("gid").set_index("gid")
        self.index = self.gruppen.index

    def _je_gruppe(self, werte: pd.Series, wie: str) -> pd.Series:
        return getattr(werte.groupby(self.breit["gid"], sort=True), wie)().reindex(self.index)

    def summe(self, von: int, bis: int | None, geschlecht: str = "gesamt") -> pd.Series:
        """P(von–bis) per group, missing where the bands don't fit or a count is unknown."""
        b = self.breit
        spalte = {"m": "m", "w": "w", "gesamt": "insgesamt"}[geschlecht]
        unten = self._je_gruppe(b["von"] == von, "any").fillna(False)
        oben_zeile = b["bis"].isna() if bis is None else (b["bis"] == bis).fillna(False)
        oben = self._je_gruppe(oben_zeile.astype(bool), "any").fillna(False)
        drin = b["von"] >= von
        if bis is not None:
            drin = drin & (b["bis"] <= bis).fillna(False)
        drin = drin.astype(bool)
        werte = b[spalte]
        unbekannt = self._je_gruppe((drin & werte.isna()).astype(bool), "any").fillna(False)
        total = self._je_gruppe(werte.where(drin, 0).fillna(0), "sum").fillna(0).astype("Int64")
        return total.mask(~(unten & oben) | unbekannt)

    def quote(self, zaehler: pd.Series, nenner: pd.Series) -> pd.DataFrame:
        """zaehler / nenner × 100 with the rules of ``kennzahlen.quote``."""
        fehlt = zaehler.isna() | nenner.isna()
        z = zaehler.fillna(0).astype("int64")
        n = nenner.fillna(0).astype("int64")
        geheim = ~fehlt & (self._geheim(z) | self._geheim(n))
        null = ~fehlt & ~geheim & (n == 0)
        ok = ~(fehlt | geheim | null)
        wert = z.astype("float64") / n.where(ok, 1).astype("float64") * 100
        return self._ergebnis(wert, ok, geheim)

    def anzahl(self, n: pd.Series) -> pd.DataFrame:
        """A count as a value: withheld below the threshold, unavailable when unknown."""
        fehlt = n.isna()
        z = n.fillna(0).astype("int64")
        geheim = ~fehlt & self._geheim(z)
        return self._ergebnis(z.astype("float64"), ~(fehlt | geheim), geheim)

    def durchschnittsalter(self, offene_mitte: int, hoechste_breite: int) -> pd.DataFrame:
        """Σ (band mid-point × P(band)) / P, summed band by band as the reference does; not
        from coarse bands (``kennzahlen.zu_grob``)."""
        b = self.breit
        breite = (b["bis"] - b["von"]).fillna(0) > hoechste_breite
        offen_frueh = b["bis"].isna() & (b["von"] < OFFEN_AB_MINDESTENS)
        grob = self._je_gruppe((breite | offen_frueh).astype(bool), "any").fillna(False)
        mitte = ((b["von"] + b["bis"]).astype("float64") / 2).where(
            b["bis"].notna(), (b["von"] + offene_mitte).astype("float64")
        )
        produkt = (mitte * b["insgesamt"].astype("float64")).astype("float64")
        matrix = (
            self.pd.DataFrame({"gid": b["gid"], "nr": b["band_nr"], "p": produkt})
            .pivot(index="gid", columns="nr", values="p")
            .reindex(self.index)
            .sort_index(axis=1)
            .fillna(0.0)
            .to_numpy(dtype="float64")
        )
        total = self.pd.Series(0.0, index=self.index)
        for spalte in range(matrix.shape[1]):  # over band positions, not over areas
            total = total + matrix[:, spalte]
        unbekannt = self._je_gruppe(b["insgesamt"].isna(), "any").fillna(False)
        n_total = self._je_gruppe(b["insgesamt"].fillna(0), "sum").fillna(0).astype("int64")
        ok = ~unbekannt & (n_total != 0) & ~grob.astype(bool)
        wert = total / n_total.where(ok, 1).astype("float64")
        return self._ergebnis(wert, ok, self.pd.Series(False, index=self.index))

    def entwicklung(self, einwohner: pd.Series, vorhanden: set[dt.date]) -> pd.DataFrame:
        """(P_t − P_t−5) / P_t−5 × 100 against the same area five years earlier."""
        pd = self.pd
        k = self.gruppen.assign(p=einwohner)
        tage = {t: jahre_vorher(t) for t in k["stichtag"].unique().tolist()}
        k["vorher"] = k["stichtag"].map(lambda t: tage[t] if tage[t] in vorhanden else None)
        alt = k[["ebene", "raum", "stichtag", "p"]].rename(
            columns={"stichtag": "vorher", "p": "p_vorher"}
        )
        k = (
            k.reset_index()
            .merge(alt, on=["ebene", "raum", "vorher"], how="left")
            .set_index("gid")
            .reindex(self.index)
        )
        jetzt = k["p"].astype("Int64")
        vorher = k["p_vorher"].astype("Int64")
        ok = ~(jetzt.isna() | vorher.isna()) & (vorher.fillna(0) != 0)
        differenz = (jetzt.fillna(0) - vorher.fillna(0)).astype("int64").astype("float64")
        wert = differenz / vorher.where(ok, 1).fillna(1).astype("float64") * 100
        return self._ergebnis(wert, ok.astype(bool), pd.Series(False, index=self.index))

    def sozial(self, tabelle: pd.DataFrame) -> pd.DataFrame:
        """The social counts per group (columns = features), missing where an area has none."""
        s = tabelle[tabelle["merkmal"].isin(SOZIALE_MERKMALE)]
        breit = s.set_index([*_GRUPPE, "merkmal"])["wert"].unstack("merkmal")
        hat = s[_GRUPPE].drop_duplicates().assign(_hat=True)
        k = self.gruppen.reset_index().merge(hat, on=_GRUPPE, how="left")
        k = k.merge(breit.reset_index(), on=_GRUPPE, how="left").set_index("gid")
        k = k.reindex(self.index)
        ergebnis = self.pd.DataFrame(index=self.index)
        for merkmal in SOZIALE_MERKMALE:
            spalte = k[merkmal] if merkmal in k else self.pd.Series(_pd_na(), index=self.index)
            ergebnis[merkmal] = spalte.astype("Int64")
        ergebnis["_hat"] = k["_hat"].astype("boolean").fillna(False).astype(bool)
        return ergebnis

    def _geheim(self, n: pd.Series) -> pd.Series:
        # Zero is published ("-"); only small positive counts identify individuals.
        return (n > 0) & (n < self.g)

    def _ergebnis(self, wert: pd.Series, ok: pd.Series, geheim: pd.Series) -> pd.DataFrame:
        fehlend = self.pd.Series(Fehlend.NICHT_VERFUEGBAR, index=self.index, dtype=object)
        fehlend = fehlend.mask(geheim.to_numpy(), Fehlend.GEHEIM)
        fehlend = fehlend.mask(ok.to_numpy(), None)
        return self.pd.DataFrame(
            {"wert": wert.where(ok.to_numpy()).astype("float64"), "fehlend": fehlend},
            index=self.index,
        )


def _pd_na() -> object:
    """pandas' missing value (imported lazily)."""
    import pandas as pd

    return pd.NA


def _nicht_verfuegbar_wo(ergebnis: pd.DataFrame, fehlt: pd.Series) -> pd.DataFrame:
    """``ergebnis`` with NICHT_VERFUEGBAR wherever ``fehlt``."""
    f = fehlt.to_numpy()
    return ergebnis.assign(
        wert=ergebnis["wert"].mask(f),
        fehlend=ergebnis["fehlend"].mask(f, Fehlend.NICHT_VERFUEGBAR),
    )


def _werte(
    tabelle: pd.DataFrame, statistik: Statistik, konfig: KennzahlEinstellungen
) -> pd.DataFrame:
    """Every indicator for every group (area × Stichtag with population data), long format."""
    import pandas as pd

    r = _Rechner(tabelle, konfig.geheimhaltung_unter)
    untere, _ = ALTENQUOTIENT[konfig.altenquotient]
    einwohner = r.summe(0, None)
    p65 = r.summe(65, None)
    p80 = r.summe(80, None)
    sozial = r.sozial(tabelle)
    ohne_sozial = ~sozial["_hat"]
    ergebnisse = {
        "einwohner": r.anzahl(einwohner),
        "entwicklung": r.entwicklung(einwohner, set(statistik.stichtage)),
        "durchschnittsalter": r.durchschnittsalter(
            konfig.offene_altersgruppe_mitte, konfig.durchschnittsalter_hoechste_breite
        ),
        "anteil_u18": r.quote(r.summe(0, 18), einwohner),
        "anteil_65": r.quote(p65, einwohner),
        "anteil_80": r.quote(p80, einwohner),
        "altenquotient": r.quote(p65, r.summe(untere, 65)),
        "hochaltrigenquote": r.quote(p80, r.summe(konfig.hochaltrigenquote_nenner_ab, None)),
        "frauenanteil_80": r.quote(r.summe(80, None, "w"), p80),
        "haushalte": _nicht_verfuegbar_wo(r.anzahl(sozial["haushalte"]), ohne_sozial),
        "einpersonenhaushalte": _nicht_verfuegbar_wo(
            r.quote(sozial["einpersonenhaushalte"], sozial["haushalte"]), ohne_sozial
        ),
        "allein_65": _nicht_verfuegbar_wo(r.quote(sozial["allein_lebende_65"], p65), ohne_sozial),
        "grundsicherung_65": _nicht_verfuegbar_wo(
            r.quote(sozial["grundsicherung_65"], p65), ohne_sozial
        ),
    }
    teile = [r.gruppen.join(e).assign(kennzahl=schluessel) for schluessel, e in ergebnisse.items()]
    werte = pd.concat(teile).reset_index(drop=True)
    werte = werte.loc[:, ["ebene", "raum", "stichtag", "kennzahl", "wert", "fehlend"]]
    reihenfolge = {k: i for i, k in enumerate(DEMOGRAFIE + SOZIALE_LAGE)}
    werte = werte.assign(_o=werte["kennzahl"].map(reihenfolge))
    werte = werte.sort_values(["ebene", "raum", "stichtag", "_o"], kind="stable")
    return werte.drop(columns="_o").reset_index(drop=True)
