"""What `qprofil list` shows: the known quarters and the inputs found for each."""

from __future__ import annotations

from qprofil.einlesen.eingaben import begehungs_ordner, eingaben_lesen, leser_fuer
from qprofil.einlesen.listen import fotoliste_finden, fotoliste_lesen
from qprofil.fehler import Befunde
from qprofil.projekt import Projekt


def uebersicht(projekt: Projekt) -> list[tuple[str, ...]]:
    """One row per quarter: Kürzel, name, Stadtbezirk, areas, survey, photos, measures, plan excerpts."""
    befunde = Befunde()
    leser = leser_fuer(projekt)
    eingaben = eingaben_lesen(projekt, befunde, leser)
    zeilen = []
    for q in eingaben.quartiere.values():
        ordner = begehungs_ordner(projekt, q.kuerzel)
        fotos = (
            fotoliste_lesen(ordner, befunde, leser=leser)
            if ordner and fotoliste_finden(ordner)
            else ()
        )
        befragung = eingaben.befragungen.get(q.kuerzel)
        zeilen.append(
            (
                q.kuerzel,
                q.name,
                q.stadtbezirk,
                ", ".join(q.unterbezirke),
                befragung.datei.name if befragung else "fehlt",
                str(len(fotos)) if fotos else "keine",
                str(sum(1 for m in eingaben.massnahmen if m.quartier == q.kuerzel)),
                str(sum(1 for p in eingaben.planauszuege if p.quartier in (None, q.kuerzel))),
            )
        )
    return zeilen
