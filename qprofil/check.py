"""`qprofil check`: validate every input and template without writing anything."""

from __future__ import annotations

import tempfile
from pathlib import Path

from qprofil.documents import ARTEN
from qprofil.eingaben import eingaben_lesen, quartiere_waehlen, quartiersdaten
from qprofil.errors import Befunde
from qprofil.project import Projekt
from qprofil.render import render


def pruefen(projekt: Projekt, namen: list[str]) -> Befunde:
    """Read all inputs, build every document in memory and collect all problems.

    Resized photos go to a temporary folder that is removed afterwards: check writes nothing
    into the project.
    """
    befunde = Befunde()
    eingaben = eingaben_lesen(projekt, befunde)
    quartiere = quartiere_waehlen(eingaben, namen, alle=not namen)
    if eingaben.statistik is None:
        return befunde
    with tempfile.TemporaryDirectory(prefix="qprofil-check-") as tmp:
        pruef_projekt = Projekt(projekt.wurzel, projekt.konfig)
        pruef_projekt.cache = Path(tmp)
        for q in quartiere:
            with befunde.sammeln():
                qbefunde = Befunde()
                daten = quartiersdaten(pruef_projekt, eingaben, q, qbefunde)
                befunde.liste += qbefunde.liste
                if qbefunde.fehlerhaft:
                    continue
                for art in ARTEN.values():
                    if art is not ARTEN["profil"] and not art.anwendbar(pruef_projekt, daten):
                        continue
                    vorlage = projekt.vorlagen / art.vorlage
                    with befunde.sammeln():
                        kontext, eigenschaften = art.kontext(pruef_projekt, daten)
                        render(vorlage, kontext, eigenschaften, projekt.relativ(vorlage))
    return _ohne_doppelte(befunde)


def _ohne_doppelte(befunde: Befunde) -> Befunde:
    """Each finding once: a template error shows up for every quarter, but is one error."""
    ergebnis = Befunde()
    for befund in dict.fromkeys(befunde.liste):
        ergebnis.liste.append(befund)
    return ergebnis
