"""Context pieces every document kind shares: project, quarter, indicators, measures, sources.

Context values are plain, already formatted strings (German number format), so template authors
never format anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from qprofil import zahlen
from qprofil.auswertung.kennzahlen import Fehlend, Kennzahl, Wert
from qprofil.auswertung.stichtage import Stichtage
from qprofil.modell import HANDLUNGSFELDER, Massnahme, Quartier, Quartiersdaten
from qprofil.projekt import Projekt


def projekt_kontext(projekt: Projekt, tage: Stichtage | None = None) -> dict[str, Any]:
    """``projekt``, ``bezeichnungen``, ``stand``, ``stichtag``, ``vergleichsstichtag``.

    ``projekt.statistik_quelle``: the population statistics as cited under tables and figures
    ([statistik.bevoelkerung] quelle, else a neutral wording with the city's name).
    """
    p = projekt.konfig.projekt
    return {
        "bezeichnungen": projekt.konfig.bezeichnungen.model_dump(),
        "projekt": {
            "titel": p.titel,
            "stadt": p.stadt,
            "herausgeber": p.herausgeber,
            "hinweis": p.hinweis,
            "statistik_quelle": statistik_quelle(projekt),
        },
        "stand": zahlen.datum(p.stand),
        "stichtag": zahlen.datum(tage.aktuell) if tage else "",
        "vergleichsstichtag": zahlen.datum(tage.vorher) if tage and tage.vorher else "",
    }


class Angaben(dict[str, str]):
    """A group of values in a template context that is false when all of them are empty.

    Every key is present (a template may name any of them), yet ``{% if befragung %}`` asks
    whether there is anything: a plain dict of empty strings would be true.
    """

    def __bool__(self) -> bool:
        return any(self.values())


def statistik_quelle(projekt: Projekt) -> str:
    """The population statistics as the documents cite them ([statistik.bevoelkerung] quelle)."""
    quelle = projekt.konfig.statistik.bevoelkerung.quelle
    return quelle or f"kleinräumige Bevölkerungsstatistik der Stadt {projekt.konfig.projekt.stadt}"


def stadtbezirk_code(q: Quartier) -> str:
    """The Stadtbezirk's code where the statistics have one ("" where areas go by name)."""
    nr = q.stadtbezirk_nr
    if not re.fullmatch(r"[\w.-]+", nr) or nr.casefold() == q.stadtbezirk.casefold():
        return ""
    return nr


def quartier_kontext(q: Quartier) -> dict[str, Any]:
    """``quartier`` with its Seniorenbüro."""
    b = q.seniorenbuero
    return {
        "name": q.name,
        "kuerzel": q.kuerzel,
        "stadtbezirk": q.stadtbezirk,
        "stadtbezirk_nr": q.stadtbezirk_nr,
        "stadtbezirk_code": stadtbezirk_code(q),
        "unterbezirke": ", ".join(q.unterbezirke),
        "siedlungstyp": q.siedlungstyp,
        "bauepoche": q.bauepoche,
        "flaeche": f"{zahlen.zahl(q.flaeche_ha, 1)} ha" if q.flaeche_ha is not None else "",
        "motto": q.motto,
        "seniorenbuero": {
            "name": b.name,
            "traeger": b.traeger,
            "anschrift": b.anschrift,
            "telefon": b.telefon,
            "email": b.email,
            "sprechzeiten": b.sprechzeiten,
        },
    }


def wert_text(wert: Wert, k: Kennzahl) -> str:
    """One indicator value as shown in a table: ``23,4 %``, ``12.345``, ``.``, ``nicht verfügbar``."""
    if isinstance(wert, Fehlend):
        return wert.value
    if k.einheit == "%":
        return zahlen.prozent(wert, k.stellen)
    return zahlen.zahl(wert, k.stellen)


def kennzahlen_kontext(
    kennzahlen: Sequence[Kennzahl], start_nr: int = 1
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Rows for an indicator table and the numbered notes with their definitions."""
    zeilen = []
    anmerkungen = []
    for i, k in enumerate(kennzahlen, start=start_nr):
        name = k.name if k.einheit in ("", "%") else f"{k.name} ({k.einheit})"
        zeilen.append(
            {
                "name": name,
                "einheit": k.einheit,
                "quartier": wert_text(k.quartier, k),
                "stadtbezirk": wert_text(k.stadtbezirk, k),
                "stadt": wert_text(k.stadt, k),
                "anmerkung": str(i),
            }
        )
        anmerkungen.append({"nr": str(i), "text": k.definition})
    return zeilen, anmerkungen


def massnahmen_kontext(massnahmen: Sequence[Massnahme]) -> tuple[list[dict[str, str]], str]:
    """Rows of the measures table and the sum of the estimated costs."""
    zeilen = [
        {
            "nr": m.nr,
            "handlungsfeld": str(m.handlungsfeld),
            "handlungsfeld_name": HANDLUNGSFELDER[m.handlungsfeld],
            "titel": m.titel,
            "beschreibung": m.beschreibung,
            "zustaendig": m.zustaendig,
            "prioritaet": m.prioritaet,
            "kosten": zahlen.euro(m.kosten),
            "status": m.status,
        }
        for m in massnahmen
    ]
    return zeilen, kosten_summe_text(massnahmen)


def kosten_summe(massnahmen: Sequence[Massnahme]) -> Decimal:
    """Sum of the estimated costs (measures without estimate count as 0)."""
    return sum((m.kosten for m in massnahmen if m.kosten is not None), Decimal(0))


def kosten_summe_text(massnahmen: Sequence[Massnahme]) -> str:
    """The summed costs, with a note when some measures have no estimate yet."""
    offen = sum(1 for m in massnahmen if m.kosten is None)
    text = zahlen.euro(kosten_summe(massnahmen))
    if offen:
        text += f" (ohne {offen} noch nicht geschätzte Maßnahme{'n' if offen > 1 else ''})"
    return text


def quellen_kontext(
    projekt: Projekt, daten: Quartiersdaten, tage: Stichtage
) -> list[dict[str, str]]:
    """The sources a profile used, by title and date – no file paths, nothing of other quarters.

    Statistics with Stichtag, the quarter's own survey, the plans quoted for it, its walkthrough,
    its measures and the map basis. Which files were read is the business of ``check``, not of a
    document handed to a committee.
    """
    stadt = projekt.konfig.projekt.stadt
    # A configured source ([statistik.bevoelkerung] quelle) is cited as such, not as the city's.
    eigene = projekt.konfig.statistik.bevoelkerung.quelle
    quellen = [
        (
            f"{eigene} (Einwohner nach Alter)"
            if eigene
            else f"Kleinräumige Bevölkerungsstatistik der Stadt {stadt} (Hauptwohnsitz)"
        )
        + f", Stichtag {zahlen.datum(tage.aktuell)}"
        + (f", zum Vergleich {zahlen.datum(tage.vorher)}" if tage.vorher else "")
        + "."
    ]
    # Social data only when the source has any (an empty workbook is not a source).
    if len(daten.statistik.quellen) > 1 and daten.statistik.sozialdaten:
        quellen.append(
            (
                f"{eigene} (Haushalte und soziale Lage)"
                if eigene
                else f"Kleinräumige Sozialdaten der Stadt {stadt} (Haushalte, Grundsicherung im "
                "Alter)"
            )
            + f", Stichtag {zahlen.datum(tage.aktuell)}."
        )
    if daten.befragung is not None:
        b = daten.befragung
        quellen.append(
            f"Schriftliche Befragung der Seniorenbüros, Rückmeldung: {b.seniorenbuero}"
            + (f", Stand {zahlen.datum(b.datum)}" if b.datum else "")
            + "."
        )
    plaene = sorted(
        {(p.plan, p.datum) for p in daten.planauszuege}, key=lambda p: (p[1] is None, p[1], p[0])
    )
    for plan, datum in plaene:
        quellen.append(f"{plan}" + (f", Stand {zahlen.datum(datum)}" if datum else "") + ".")
    if daten.fotos:
        tage_begehung = sorted({f.datum for f in daten.fotos if f.datum})
        quellen.append(
            "Quartiersbegehung"
            + (f" am {', '.join(zahlen.datum(d) for d in tage_begehung)}" if tage_begehung else "")
            + f", {len(daten.fotos)} Foto{'s' if len(daten.fotos) != 1 else ''}."
        )
    if daten.massnahmen:
        quellen.append(
            f"Maßnahmevorschläge für das Quartier {daten.quartier.name} "
            f"({len(daten.massnahmen)} Vorschl{'äge' if len(daten.massnahmen) != 1 else 'ag'})."
        )
    k = projekt.konfig.karte
    if daten.geo is not None and k is not None:
        quellen.append(
            f"Kartengrundlage: {k.quelle}; Einrichtungen: © OpenStreetMap-Mitwirkende (ODbL)."
        )
    return [{"text": t} for t in quellen]
