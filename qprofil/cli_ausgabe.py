"""What the command line prints: findings, results, error messages.

On a terminal, findings and results are rich tables whose cells wrap (nothing is cut off with
„…“). When the output goes to a file or a pipe, every finding and every written file is one line
in a stable format, so it can be searched and compared:

    Datei, Blatt „…“, Zeile 3, Spalte „…“: Meldung – Was tun

Hints of the same kind (e.g. a leading zero added in many rows) are shown once with a count;
``check --format json`` lists every single one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from qprofil.fehler import Befund, als_zeile

if TYPE_CHECKING:
    from qprofil.ablauf import Lauf
    from qprofil.projekt import Projekt


def konsole(*, stderr: bool) -> Console:
    """A console for stdout or stderr; outside a terminal, lines are never broken by rich."""
    k = Console(stderr=stderr, highlight=False)
    if not k.is_terminal:
        k.soft_wrap = True
    return k


def zeile(b: Befund) -> str:
    """One finding as one line: place, message and what to do (empty parts left out)."""
    return als_zeile(b.meldung, b.ort, b.hilfe)


@dataclass
class Gruppe:
    """Findings of the same kind: the first one is shown, the others are counted."""

    erster: Befund
    weitere: list[Befund] = field(default_factory=list)

    def zusatz(self) -> str:
        """„und 3 weitere gleiche Hinweise (Zeilen 24, 74, 83).“, or empty.

        No „…“: it would read as text cut off.
        """
        if not self.weitere:
            return ""
        n = len(self.weitere)
        wort = "Hinweis" if self.erster.schwere == "Hinweis" else "Befund"
        text = f"und 1 weiterer gleicher {wort}" if n == 1 else f"und {n} weitere gleiche {wort}e"
        zeilen = [str(b.ort.zeile) for b in self.weitere if b.ort.zeile is not None]
        if len(zeilen) == n and n <= 10:
            text += f" ({'Zeile' if n == 1 else 'Zeilen'} {', '.join(zeilen)})"
        return text + "."


_ZITAT = re.compile(r"„[^“]*“|\d+")


def _art_der_meldung(b: Befund) -> tuple[object, ...]:
    """Findings that differ only in quoted values and numbers are of the same kind."""
    o = b.ort
    return (b.schwere, b.art, str(o.datei), o.blatt, o.spalte, _ZITAT.sub("#", b.meldung), b.hilfe)


def gruppieren(befunde: Sequence[Befund]) -> list[Gruppe]:
    """Errors one by one (each needs fixing); hints of the same kind in one group."""
    gruppen: list[Gruppe] = []
    nach_art: dict[tuple[object, ...], Gruppe] = {}
    for b in befunde:
        if b.schwere == "Fehler":
            gruppen.append(Gruppe(b))
            continue
        schluessel = _art_der_meldung(b)
        if schluessel in nach_art:
            nach_art[schluessel].weitere.append(b)
        else:
            nach_art[schluessel] = Gruppe(b)
            gruppen.append(nach_art[schluessel])
    return gruppen


def befunde_zeigen(befunde: Sequence[Befund], titel: str, *, hinweise_in_tabelle: bool) -> None:
    """Print findings on stderr: errors first, then hints, same kinds of hints counted once."""
    if not befunde:
        return
    # A finding about an input every quarter reads (a plan excerpt for all quarters) is reported
    # by each quarter's run: show it once.
    befunde = list(dict.fromkeys(befunde))
    k = konsole(stderr=True)
    fehler = gruppieren([b for b in befunde if b.schwere == "Fehler"])
    hinweise = gruppieren([b for b in befunde if b.schwere != "Fehler"])
    if not k.is_terminal:
        for name, gruppen in (("Fehler", fehler), ("Hinweise", hinweise)):
            if gruppen:
                anzahl = sum(1 + len(g.weitere) for g in gruppen)
                k.print(f"{name} ({anzahl}):", markup=False)
            for g in gruppen:
                k.print(zeile(g.erster), markup=False)
                if g.zusatz():
                    k.print(f"  {g.zusatz()}", markup=False)
        return
    in_tabelle = fehler + hinweise if hinweise_in_tabelle else fehler
    if in_tabelle:
        tabelle = Table(title=titel, show_lines=True, expand=True)
        tabelle.add_column("Schwere", no_wrap=True)
        tabelle.add_column("Ort (Datei, Blatt, Zeile, Spalte)", ratio=3, overflow="fold")
        tabelle.add_column("Meldung", ratio=4, overflow="fold")
        tabelle.add_column("Was tun", ratio=4, overflow="fold")
        for g in in_tabelle:
            b = g.erster
            stil = "red" if b.schwere == "Fehler" else "yellow"
            meldung = b.meldung + (f"\n{g.zusatz()}" if g.zusatz() else "")
            tabelle.add_row(
                f"[{stil}]{b.schwere}[/]", escape(str(b.ort)), escape(meldung), escape(b.hilfe)
            )
        k.print(tabelle)
    if not hinweise_in_tabelle:
        for g in hinweise:
            k.print(f"[yellow]Hinweis:[/] {escape(zeile(g.erster))}")
            if g.zusatz():
                k.print(f"  {escape(g.zusatz())}")


def befunde_json(befunde: Sequence[Befund]) -> str:
    """Every finding (none grouped) as a JSON list, for scripts and other programs."""
    return json.dumps(
        [
            {
                "datei": None if b.ort.datei is None else str(b.ort.datei),
                "blatt": b.ort.blatt,
                "zeile": b.ort.zeile,
                "spalte": b.ort.spalte,
                "schwere": b.schwere,
                "meldung": b.meldung,
                "hilfe": b.hilfe,
            }
            for b in befunde
        ],
        ensure_ascii=False,
        indent=2,
    )


def ergebnis_zeigen(p: Projekt, lauf: Lauf) -> None:
    """The documents of a run: what was written where, how big; failures marked."""
    from qprofil import zahlen

    zeilen: list[tuple[str, str, str, str]] = []
    for e in lauf.ergebnisse:
        if not e.geschrieben:
            zeilen.append((e.titel, "fehlgeschlagen", "", ""))
        for g in e.geschrieben:
            groesse = g.pfad.stat().st_size / 1024 if g.pfad.exists() else 0
            zeilen.append((e.titel, g.status, p.relativ(g.pfad), f"{zahlen.zahl(groesse)} KB"))
    k = konsole(stderr=False)
    if not k.is_terminal:
        for titel, status, datei, groesse in zeilen:
            text = f"{titel}: {status}"
            if datei:
                text += f" – {datei} ({groesse})"
            k.print(text, markup=False)
    else:
        # The path gets the room it needs as far as the terminal allows; only a path longer
        # than that is folded (never cut). Titles wrap between words, the size goes under the
        # status, so that a path fits into 80 columns.
        def breite(spalte: int) -> int:
            return max((len(w) for z in zeilen for w in z[spalte].split()), default=0)

        rest = k.width - 9 - max(breite(0), 8) - max(breite(1), 6)
        tabelle = Table(title="Ergebnis", pad_edge=False)
        tabelle.add_column("Dokument", overflow="fold")
        tabelle.add_column("Status (Größe)", overflow="fold")
        tabelle.add_column("Datei", overflow="fold", width=max(10, min(breite(2), rest)))
        for titel, status, datei, groesse in zeilen:
            stil = "[red]" if status == "fehlgeschlagen" else ""
            if groesse:
                status = f"{status} ({groesse})"
            tabelle.add_row(escape(titel), stil + escape(status), escape(datei))
        k.print(tabelle)
    k_err = konsole(stderr=True)
    for e in lauf.ergebnisse:
        for g in e.geschrieben:
            if g.hinweis:
                k_err.print(f"[yellow]Hinweis:[/] {escape(g.hinweis)}")
    aenderungen_zeigen(p, lauf)


def aenderungen_zeigen(p: Projekt, lauf: Lauf) -> None:
    """Which figures of each rebuilt document changed since its last build (from the manifest)."""
    k = konsole(stderr=False)
    for e in lauf.ergebnisse:
        for g in e.geschrieben:
            if not g.geaendert:
                continue
            k.print(
                f"Geänderte Kennzahlen in {p.relativ(g.pfad)} seit dem letzten Erzeugen "
                "(vor einer Sitzung neu lesen):",
                markup=False,
            )
            for name, vorher, jetzt in g.geaendert:
                k.print(f"  {name}: {vorher} → {jetzt}", markup=False)


def tabelle_zeigen(titel: str, spalten: Sequence[str], zeilen: Sequence[Sequence[str]]) -> None:
    """A plain table on stdout; outside a terminal tab-separated (opens in Excel, greps well)."""
    k = konsole(stderr=False)
    if not k.is_terminal:
        for z in [spalten, *zeilen]:
            k.print("\t".join(" ".join(w.split()) for w in z), markup=False)
        return
    tabelle = Table(title=escape(titel))
    for spalte in spalten:
        tabelle.add_column(spalte, overflow="fold")
    for z in zeilen:
        tabelle.add_row(*(escape(w) for w in z))
    k.print(tabelle)


def fehler_zeigen(err: Exception, *, titel: str = "Fehler") -> None:
    """One error that ended the command, as one message on stderr."""
    konsole(stderr=True).print(f"[bold red]{titel}:[/] {escape(str(err))}")
