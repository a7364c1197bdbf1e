"""The command line: parse, call the library, print a summary, map errors to exit codes.

Heavy modules (pandas, matplotlib, docxtpl) are imported inside the commands, so ``--help``
and ``list`` start fast. Exit codes: 0 all built, 1 something failed, 2 usage error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from qprofil import __version__

if TYPE_CHECKING:
    from qprofil.ablauf import Lauf
    from qprofil.fehler import Befund, QprofilError
    from qprofil.projekt import Projekt

app = typer.Typer(
    name="qprofil",
    help=(
        "Quartiersprofile und Gremienvorlagen für die altersgerechte Quartiersentwicklung.\n\n"
        "qprofil liest die Eingaben aus daten/, füllt die Word-Vorlagen aus vorlagen/ und "
        "schreibt die Dokumente nach berichte/. Es arbeitet im Projektordner, in dem "
        "qprofil.toml liegt (oder einem Unterordner davon)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: fast (no rich import for --help) and no markup that swallows [brackets].
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ProjektOption = Annotated[
    Path | None,
    typer.Option(
        "--projekt",
        help="Projektordner (Standard: der Ordner mit qprofil.toml über dem aktuellen Ordner).",
        show_default=False,
        metavar="ORDNER",
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Bei Fehlern die technische Fehlerverfolgung zeigen.")
]


def _stderr():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _stdout():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False)


def _version(wert: bool) -> None:
    if wert:
        typer.echo(f"qprofil {__version__}")
        raise typer.Exit()


@app.callback()
def hauptbefehl(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Version anzeigen und beenden."
        ),
    ] = False,
) -> None:
    """Quartiersprofile und Gremienvorlagen aus Excel-Daten und Word-Vorlagen."""


def _fehler_beenden(err: QprofilError, debug: bool) -> NoReturn:
    from rich.markup import escape

    from qprofil.fehler import BenutzungsFehler

    konsole = _stderr()
    if debug:
        konsole.print_exception()
    konsole.print(f"[bold red]Fehler:[/] {escape(str(err))}")
    raise typer.Exit(2 if isinstance(err, BenutzungsFehler) else 1)


def _laden(projekt: Path | None) -> Projekt:
    from qprofil.projekt import projekt_laden

    return projekt_laden(projekt)


def _befunde_tabelle(befunde: list[Befund], titel: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    tabelle = Table(title=titel, show_lines=True, expand=True)
    tabelle.add_column("Schwere", no_wrap=True)
    tabelle.add_column("Ort (Datei, Blatt, Zeile, Spalte)", ratio=3, overflow="fold")
    tabelle.add_column("Meldung", ratio=4)
    tabelle.add_column("Was tun", ratio=4)
    for b in befunde:
        stil = "red" if b.schwere == "Fehler" else "yellow"
        tabelle.add_row(
            f"[{stil}]{b.schwere}[/]", escape(str(b.ort)), escape(b.meldung), escape(b.hilfe)
        )
    _stderr().print(tabelle)


@app.command()
def build(
    quartiere: Annotated[
        list[str] | None,
        typer.Argument(
            help="Kürzel der Quartiere, z. B. menglinghausen derne.", show_default=False
        ),
    ] = None,
    alle: Annotated[
        bool, typer.Option("--all", help="Alle Quartiere aus daten/quartiere.xlsx.")
    ] = False,
    art: Annotated[
        str,
        typer.Option(
            "--kind", help="Dokumentart: profil, flyer oder dokumentation.", metavar="ART"
        ),
    ] = "profil",
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Zusätzlich PDF/A erzeugen (LibreOffice).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Alles neu erzeugen, auch Unverändertes, und von Hand geänderte Dokumente ersetzen.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Anzahl paralleler Prozesse (Standard: alle Kerne).", min=1
        ),
    ] = None,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Quartiersprofile erzeugen.

    Beispiele:

      qprofil build menglinghausen

      qprofil build --all --pdf
    """
    from qprofil.fehler import BenutzungsFehler, QprofilError

    try:
        if alle and quartiere:
            raise BenutzungsFehler(
                "Entweder Quartiere nennen oder --all angeben, nicht beides.",
                hilfe="Beispiel: „qprofil build --all“ oder „qprofil build derne marten“.",
            )
        p = _laden(projekt)
        lauf = _bauen_mit_fortschritt(p, quartiere or [], alle, art, force, jobs)
        _abschliessen(p, lauf, pdf=pdf, force=force)
    except QprofilError as err:
        _fehler_beenden(err, debug)


def _abschliessen(p: Projekt, lauf: Lauf, *, pdf: bool, force: bool) -> None:
    """Convert what was written to PDF if asked, print the summary, exit 1 on any failure."""
    pdf_ok = _pdf_erzeugen(p, lauf, force) if pdf and not lauf.befunde.fehlerhaft else True
    _zusammenfassung(p, lauf)
    if not lauf.ok or not pdf_ok:
        raise typer.Exit(1)


def _mit_fortschritt(arbeit: Callable[[Callable[[str], None]], Lauf]) -> Lauf:
    """Run a build with a rich progress line on stderr."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} fertig {task.fields[zuletzt]}"),
        console=_stderr(),
        transient=True,
    ) as fortschritt:
        aufgabe = fortschritt.add_task("Erzeuge Dokumente", total=None, zuletzt="")

        def melden(name: str) -> None:
            fortschritt.update(aufgabe, advance=1, zuletzt=f"– zuletzt: {name}")

        return arbeit(melden)


def _bauen_mit_fortschritt(
    p: Projekt, quartiere: list[str], alle: bool, art: str, force: bool, jobs: int | None
) -> Lauf:
    from qprofil.ablauf import bauen, standard_jobs

    return _mit_fortschritt(
        lambda melden: bauen(
            p,
            quartiere,
            alle=alle,
            art=art,
            force=force,
            jobs=jobs or standard_jobs(),
            fortschritt=melden,
        )
    )


def _pdf_erzeugen(p: Projekt, lauf: Lauf, force: bool) -> bool:
    """Convert every .docx of the run in one LibreOffice call; False when PDFs are missing."""
    from rich.markup import escape

    from qprofil.ausgabe.pdf import pdf_schreiben
    from qprofil.fehler import PdfFehler

    herkunft = {
        g.pfad.stem: e for e in lauf.ergebnisse for g in e.geschrieben if g.pfad.suffix == ".docx"
    }
    if not herkunft:
        return True
    docx = [g.pfad for e in lauf.ergebnisse for g in e.geschrieben if g.pfad.suffix == ".docx"]
    try:
        for g in pdf_schreiben(p, docx, force):
            herkunft[g.pfad.stem].geschrieben.append(g)
    except PdfFehler as err:
        _stderr().print(f"[bold red]PDF fehlt:[/] {escape(str(err))}")
        return False
    return True


def _zusammenfassung(p: Projekt, lauf: Lauf) -> None:
    from rich.markup import escape
    from rich.table import Table

    alle_befunde = list(lauf.befunde.liste) + [b for e in lauf.ergebnisse for b in e.befunde]
    fehler = [b for b in alle_befunde if b.schwere == "Fehler"]
    if fehler:
        _befunde_tabelle(fehler, "Fehler")
    for b in alle_befunde:
        if b.schwere != "Fehler":
            text = f"{b.ort}: {b.meldung}" + (f" {b.hilfe}" if b.hilfe else "")
            _stderr().print(f"[yellow]Hinweis:[/] {escape(text)}")
    if lauf.befunde.fehlerhaft:
        _stderr().print(
            "[bold red]Es wurde nichts geschrieben:[/] die Eingaben enthalten Fehler (siehe Tabelle)."
        )
        return
    tabelle = Table(title="Ergebnis")
    tabelle.add_column("Quartier")
    tabelle.add_column("Status")
    tabelle.add_column("Datei", overflow="fold")
    tabelle.add_column("Größe", justify="right")
    from qprofil import zahlen

    for e in lauf.ergebnisse:
        if not e.geschrieben:
            tabelle.add_row(escape(e.titel), "[red]fehlgeschlagen[/]", "", "")
        for g in e.geschrieben:
            groesse = g.pfad.stat().st_size / 1024 if g.pfad.exists() else 0
            tabelle.add_row(
                escape(e.titel),
                escape(g.status),
                escape(p.relativ(g.pfad)),
                f"{zahlen.zahl(groesse)} KB",
            )
    _stdout().print(tabelle)
    for e in lauf.ergebnisse:
        for g in e.geschrieben:
            if g.hinweis:
                _stderr().print(f"[yellow]Hinweis:[/] {escape(g.hinweis)}")


@app.command()
def committee(
    quartiere: Annotated[
        list[str],
        typer.Argument(
            help="Kürzel der Quartiere, über die berichtet wird.",
            show_default=False,
            metavar="QUARTIER...",
        ),
    ],
    gremien: Annotated[
        list[str] | None,
        typer.Option(
            "--body",
            help="Nur diese Gremien (Kürzel aus qprofil.toml, mehrfach möglich). Standard: alle "
            "passenden.",
            metavar="KÜRZEL",
            show_default=False,
        ),
    ] = None,
    art: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Vorlageart: mitteilung (zur Kenntnisnahme) oder beschluss.",
            metavar="ART",
        ),
    ] = "mitteilung",
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Zusätzlich PDF/A erzeugen (LibreOffice).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Eine von Hand geänderte Vorlage ersetzen.")
    ] = False,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Gremienvorlage (Drucksache) aus den Quartiersprofilen erzeugen.

    Erzeugt zuerst die Profile (als Anlagen), dann einen Word-Entwurf aus
    vorlagen/gremienvorlage.docx und daneben die Metadaten als OParl-1.1-JSON.

    Beispiele:

      qprofil committee menglinghausen derne

      qprofil committee jungferntal --kind beschluss --body bv-huckarde --body rat
    """
    from qprofil.ablauf import gremienvorlage_bauen, standard_jobs
    from qprofil.fehler import QprofilError

    try:
        p = _laden(projekt)
        lauf = _mit_fortschritt(
            lambda melden: gremienvorlage_bauen(
                p,
                quartiere,
                art=art,
                gremien=gremien or [],
                force=force,
                jobs=standard_jobs(),
                fortschritt=melden,
            )
        )
        _abschliessen(p, lauf, pdf=pdf, force=force)
    except QprofilError as err:
        _fehler_beenden(err, debug)


@app.command("list")
def liste(projekt: ProjektOption = None, debug: DebugOption = False) -> None:
    """Bekannte Quartiere und die für sie gefundenen Eingaben anzeigen.

    Beispiel:

      qprofil list
    """
    from qprofil.einlesen.uebersicht import uebersicht
    from qprofil.fehler import QprofilError

    try:
        p = _laden(projekt)
        zeilen = uebersicht(p)
    except QprofilError as err:
        _fehler_beenden(err, debug)
    from rich.markup import escape
    from rich.table import Table

    tabelle = Table(title=f"Quartiere in {escape(str(p.wurzel))}")
    for spalte in (
        "Kürzel",
        "Quartier",
        "Stadtbezirk",
        "Unterbezirke",
        "Befragung",
        "Fotos",
        "Maßnahmen",
        "Planauszüge",
    ):
        tabelle.add_column(spalte)
    for z in zeilen:
        tabelle.add_row(*(escape(str(w)) for w in z))
    _stdout().print(tabelle)


@app.command()
def check(
    quartiere: Annotated[
        list[str] | None,
        typer.Argument(
            help="Nur diese Quartiere prüfen (Standard: alle).",
            show_default=False,
            metavar="QUARTIER...",
        ),
    ] = None,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Alle Eingaben und Vorlagen prüfen, ohne etwas zu schreiben.

    Zeigt eine Tabelle aller Probleme mit Datei, Blatt, Zeile und Spalte.
    Endet mit Code 1, wenn es Fehler gibt.

    Beispiel:

      qprofil check
    """
    from qprofil.ablauf import pruefen
    from qprofil.fehler import QprofilError

    try:
        p = _laden(projekt)
        befunde = pruefen(p, quartiere or [])
    except QprofilError as err:
        _fehler_beenden(err, debug)
    if befunde.liste:
        _befunde_tabelle(befunde.liste, "Befunde")
    fehler = len(befunde.fehler_liste())
    hinweise = len(befunde.liste) - fehler
    if fehler:
        _stderr().print(f"[bold red]{fehler} Fehler[/], {hinweise} Hinweise.")
        raise typer.Exit(1)
    _stdout().print(f"Keine Fehler gefunden ({hinweise} Hinweise).")


_USAGE_DEUTSCH = (
    (r"No such option: (\S+?)(?: Did you mean (\S+?)\?)?$", "Unbekannte Option: {0}"),
    (
        r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?",
        "Unbekannter Befehl „{0}“. „qprofil --help“ zeigt alle Befehle.",
    ),
    (r"Missing argument '(.+)'\.?", "Es fehlt die Angabe {0}."),
    (r"Missing option '(.+)'\.?", "Es fehlt die Option {0}."),
    (r"Got unexpected extra arguments? \((.+)\)", "Unerwartete zusätzliche Angabe: {0}"),
    (
        r"Invalid value for '(.+?)'(?: / '.+?')?: .*greater than or equal to (\d+)",
        "Ungültiger Wert für {0}: mindestens {1}.",
    ),
    (r"Invalid value for '(.+?)'(?: / '.+?')?: (.+)", "Ungültiger Wert für {0}: {1}"),
    (r"Option '(.+)' requires an argument\.?", "Die Option {0} braucht einen Wert."),
)


def _deutsch_usage(text: str) -> str:
    for muster, vorlage in _USAGE_DEUTSCH:
        if m := re.match(muster, text):
            return vorlage.format(*((g or "").rstrip(".") for g in m.groups()))
    return text


_HILFE_DEUTSCH = {
    "Arguments": "Argumente",
    "Options": "Optionen",
    "Commands": "Befehle",
    "required": "erforderlich",
    "default: {default}": "Standard: {default}",
    "env var: {var}": "Umgebungsvariable: {var}",
    "Aborted!": "Abgebrochen.",
}


def _hilfe_deutsch() -> None:
    """German headings and hints in the help screens (Typer's texts are English)."""
    import typer.core
    from typer._click import core, formatting

    typer.core._ = lambda text: _HILFE_DEUTSCH.get(text, text)  # type: ignore[attr-defined]
    ursprung_usage = formatting.HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
        ursprung_usage(
            self,
            prog,
            args.replace("[OPTIONS]", "[OPTIONEN]")
            .replace("COMMAND", "BEFEHL")
            .replace("[ARGS]", "[ARGUMENTE]"),
            prefix or "Aufruf: ",
        )

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    ursprung = core.Command.get_help_option

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = ursprung(self, ctx)
        if option is not None:
            option.help = "Diese Hilfe anzeigen und beenden."
        return option

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]


def main() -> None:
    """Entry point of the console script ``qprofil``."""
    from typer._click.exceptions import UsageError

    _hilfe_deutsch()
    try:
        rc = app(standalone_mode=False, prog_name="qprofil")
        if rc == 130:  # Typer turns Ctrl+C into Exit(130) before it reaches us
            print("Abgebrochen.", file=sys.stderr)
    except UsageError as err:
        befehl = err.ctx.command_path if err.ctx else "qprofil"
        print(f"Aufruffehler: {_deutsch_usage(err.format_message())}", file=sys.stderr)
        print(f"Hilfe: {befehl} --help", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        sys.exit(130)
    except Exception as err:
        # Tracebacks only on request: their locals can hold survey answers.
        if "--debug" in sys.argv:
            raise
        print(
            f"Interner Fehler ({type(err).__name__}): {err}\n"
            "Bitte mit --debug erneut ausführen und die Ausgabe an die Betreuung von qprofil senden.",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(rc if isinstance(rc, int) else 0)
