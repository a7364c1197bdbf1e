"""Document kind „kennzahlen“: every indicator of every area and Stichtag (``qprofil kennzahlen``).

The one kind for the whole city: its content is not built from quarters but from the run's
evaluation of every area of the statistics (quarters, Stadtbezirke, the city, …) at every
Stichtag, as one long table with ranks and the reason for each value not shown
(``qprofil.auswertung.kennzahltabelle``), plus the definitions of the indicators. The pipeline
writes it as workbook (berichte/kennzahlen.xlsx) or, with the option ``format`` "csv", as German
CSV (berichte/kennzahlen.csv), through ``qprofil.ausgabe.kennzahlmappe``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qprofil.dokumente.art import Auftrag, Dokumentart, Eigenschaften, Stadtkontext, Tabelle
from qprofil.projekt import Projekt

if TYPE_CHECKING:
    from qprofil.auswertung.auswertung import Auswertung

TITEL = "Kennzahlen aller Räume und Stichtage"


def stadtkontext(projekt: Projekt, auswertung: Auswertung, auftrag: Auftrag) -> Stadtkontext:
    """The long table of every indicator, area and Stichtag, with the indicators' definitions."""
    from qprofil.auswertung.kennzahltabelle import definitionen, lang

    p = projekt.konfig.projekt
    eigenschaften = Eigenschaften(
        titel=TITEL,
        thema=p.titel,
        autor=p.herausgeber,
        datum=p.stand,
        stichworte="Kennzahlen; Rangfolge; Stichtage",
    )
    return Tabelle(lang(auswertung), definitionen(auswertung.konfig)), eigenschaften


ART = Dokumentart(
    name="kennzahlen",
    vorlage="",
    dateiname="kennzahlen.{format}",
    kontext=None,
    stadtkontext=stadtkontext,
    befehl="qprofil kennzahlen",
    titel=TITEL,
    format="xlsx",
    formate=("csv",),
)
