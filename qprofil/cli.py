"""The command line: parse the arguments, call the library, print what happened.

Exit codes: 0 everything built, 1 an input, a build or a PDF failed, 2 the command was used
wrongly. ``_fehler_beenden`` is the one place that turns a ``QprofilError`` into a message and
an exit code. Printing is in ``cli_ausgabe``, the German help in ``cli_hilfe``.

Heavy modules (pandas, matplotlib, docxtpl) and rich are imported inside the commands, so
``--help`` and ``list`` start fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from qprofil import __version__, cli_hilfe
from qprofil.fehler import (
    AuswahlFehler,
    BenutzungsFehler,
    ProjektNichtGefunden,
    QprofilError,
)

if TYPE_CHECKING:
    import datetime as dt

    from qprofil.ablauf import Lauf
    from qprofil.projekt import Projekt

cli_hilfe.einrichten()

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
PdfOption = Annotated[bool, typer.Option("--pdf", help="Zusätzlich PDF/A erzeugen (LibreOffice).")]

# --- errors and exit codes

#: Library errors that mean the request itself was wrong: the CLI reports them as usage errors.
_AUFRUF_FEHLER = (AuswahlFehler, ProjektNichtGefunden)


def _rueckgabewert(err: QprofilError) -> int:
    """2 for a wrong call, 1 for everything else that failed."""
    return 2 if isinstance(err, BenutzungsFehler) else 1


def _fehler_beenden(err: QprofilError, debug: bool) -> NoReturn:
    """Print the error (with traceback on --debug) and end with its exit code."""
    from qprofil.cli_ausgabe import fehler_zeigen

    if isinstance(err, _AUFRUF_FEHLER):
        benutzung = BenutzungsFehler(err.meldung, err.ort, err.hilfe)
        benutzung.__cause__ = err
        err = benutzung
    if debug:
        from rich.console import Console

        Console(stderr=True).print_exception()
    fehler_zeigen(err)
    raise typer.Exit(_rueckgabewert(err))


F = TypeVar("F", bound=Callable[..., Any])


def _befehl(funktion: F) -> F:
    """A command whose ``QprofilError`` ends in a message and an exit code, never a traceback."""

    @functools.wraps(funktion)
    def ausfuehren(*args: Any, **kwargs: Any) -> Any:
        try:
            return funktion(*args, **kwargs)
        except QprofilError as err:
            _fehler_beenden(err, bool(kwargs.get("debug")))

    return ausfuehren  # type: ignore[return-value]


# --- values from the command line


def _auswahl(wert: str) -> str:
    """A keyword such as --kind Beschluss, in the spelling the library uses."""
    return wert.strip().casefold()


def _anzahl(wert: str | None, option: str) -> int | None:
    """A positive whole number given as text (so the message is German, not the parser's)."""
    if wert is None:
        return None
    try:
        zahl = int(wert.strip())
    except ValueError:
        raise BenutzungsFehler(
            f"Ungültiger Wert für {option}: „{wert}“ ist keine ganze Zahl.",
            hilfe=f"Geben Sie eine Anzahl an, z. B. „{option} 4“.",
        ) from None
    if zahl < 1:
        raise BenutzungsFehler(
            f"Ungültiger Wert für {option}: „{wert}“ – es muss mindestens 1 sein.",
            hilfe=f"Geben Sie eine Anzahl ab 1 an, z. B. „{option} 4“.",
        )
    return zahl


def _laden(projekt: Path | None) -> Projekt:
    from qprofil.projekt import projekt_laden

    return projekt_laden(projekt)


# --- commands


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


@app.command()
@_befehl
def build(
    quartiere: Annotated[
        list[str] | None,
        typer.Argument(
            help="Kürzel oder Namen der Quartiere, z. B. menglinghausen derne.",
            show_default=False,
            metavar="QUARTIER",
        ),
    ] = None,
    alle: Annotated[
        bool, typer.Option("--all", help="Alle Quartiere aus daten/quartiere.xlsx.")
    ] = False,
    art: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Dokumentart: profil, flyer, dokumentation oder webseite (in berichte/web/).",
            metavar="ART",
        ),
    ] = "profil",
    pdf: PdfOption = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Alles neu erzeugen, auch Unverändertes, und von Hand geänderte Dokumente ersetzen.",
        ),
    ] = False,
    jobs: Annotated[
        str | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Anzahl paralleler Prozesse, mindestens 1 (Standard: alle Kerne).",
            metavar="ANZAHL",
            show_default=False,
        ),
    ] = None,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Quartiersprofile erzeugen.

    Beispiele:

      qprofil build menglinghausen

      qprofil build --all --pdf

      qprofil build --kind webseite --all
    """
    if alle and quartiere:
        raise BenutzungsFehler(
            "Entweder Quartiere nennen oder --all angeben, nicht beides.",
            hilfe="Beispiel: „qprofil build --all“ oder „qprofil build derne marten“.",
        )
    if not alle and not quartiere:
        raise BenutzungsFehler(
            "Kein Quartier angegeben.",
            hilfe="Nennen Sie ein Quartier (z. B. „qprofil build menglinghausen“) oder --all.",
        )
    if pdf and _auswahl(art) == "webseite":
        raise BenutzungsFehler(
            "Für die Webseite gibt es kein PDF.",
            hilfe="Lassen Sie --pdf weg; PDFs entstehen aus den Word-Dokumenten "
            "(„qprofil build --all --pdf“).",
        )
    anzahl = _anzahl(jobs, "--jobs")
    p = _laden(projekt)

    from qprofil.ablauf import bauen, standard_jobs

    lauf = _mit_fortschritt(
        lambda melden: bauen(
            p,
            quartiere or [],
            alle=alle,
            art=_auswahl(art),
            force=force,
            jobs=anzahl or standard_jobs(),
            fortschritt=melden,
            pdf=pdf,
        )
    )
    _abschliessen(p, lauf)


@app.command(short_help="Gremienvorlage aus den Quartiersprofilen erzeugen.")
@_befehl
def committee(
    quartiere: Annotated[
        list[str],
        typer.Argument(
            help="Kürzel oder Namen der Quartiere, über die berichtet wird.",
            show_default=False,
            metavar="QUARTIER",
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
    pdf: PdfOption = False,
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
    p = _laden(projekt)

    from qprofil.ablauf import gremienvorlage_bauen, standard_jobs

    lauf = _mit_fortschritt(
        lambda melden: gremienvorlage_bauen(
            p,
            quartiere,
            art=_auswahl(art),
            gremien=[_auswahl(g) for g in gremien or []],
            force=force,
            jobs=standard_jobs(),
            fortschritt=melden,
            pdf=pdf,
        )
    )
    _abschliessen(p, lauf)


def _stichtag(wert: str | None, option: str) -> dt.date | int | None:
    """A Stichtag as TT.MM.JJJJ, JJJJ-MM-TT or a year JJJJ."""
    import datetime as dt

    if wert is None:
        return None
    text = wert.strip()
    if text.isdigit() and len(text) == 4:
        return int(text)
    for muster in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, muster).date()
        except ValueError:
            continue
    raise BenutzungsFehler(
        f"Ungültiger Stichtag für {option}: „{wert}“.",
        hilfe=f"Geben Sie ein Datum wie „{option} 31.12.2012“ oder ein Jahr wie „{option} 2012“ an.",
    )


@app.command(short_help="Veränderungsbericht zwischen zwei Stichtagen.")
@_befehl
def changes(
    quartiere: Annotated[
        list[str],
        typer.Argument(
            help="Kürzel oder Namen der Quartiere; mehrere kommen in ein Dokument.",
            show_default=False,
            metavar="QUARTIER",
        ),
    ],
    von: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Früherer Stichtag (TT.MM.JJJJ oder Jahr). Standard: der vorletzte.",
            metavar="STICHTAG",
            show_default=False,
        ),
    ] = None,
    bis: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Späterer Stichtag (TT.MM.JJJJ oder Jahr). Standard: der letzte.",
            metavar="STICHTAG",
            show_default=False,
        ),
    ] = None,
    einzeln: Annotated[
        bool,
        typer.Option("--einzeln", help="Je Quartier ein eigenes Dokument statt eines gemeinsamen."),
    ] = False,
    pdf: PdfOption = False,
    force: Annotated[
        bool, typer.Option("--force", help="Ein von Hand geändertes Dokument ersetzen.")
    ] = False,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Veränderungsbericht: Kennzahlen eines Quartiers an zwei Stichtagen.

    Schreibt berichte/veraenderungen_<kürzel>.docx (mehrere Quartiere: ein Dokument, mit
    --einzeln eines je Quartier): alle Kennzahlen zu beiden Stichtagen für
    Quartier, Stadtbezirk und Stadt, die Veränderung (Anteile in Prozentpunkten, Anzahlen in
    Personen und Prozent), ein Diagramm und je deutliche Veränderung einen Satz.

    Beispiele:

      qprofil changes nippes --from 2007 --to 2012

      qprofil changes menglinghausen derne
    """
    anfang, ende = _stichtag(von, "--from"), _stichtag(bis, "--to")
    p = _laden(projekt)

    from qprofil.ablauf import veraenderungen_bauen

    lauf = _mit_fortschritt(
        lambda melden: veraenderungen_bauen(
            p,
            quartiere,
            von=anfang,
            bis=ende,
            einzeln=einzeln,
            force=force,
            fortschritt=melden,
            pdf=pdf,
        )
    )
    _abschliessen(p, lauf)


@app.command(short_help="Alle Kennzahlen in eine Arbeitsmappe schreiben.")
@_befehl
def kennzahlen(
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="xlsx (Arbeitsmappe für Excel/Calc) oder csv (Semikolon, Dezimalkomma, UTF-8 "
            "mit BOM, für Statistikprogramme).",
            metavar="FORMAT",
        ),
    ] = "xlsx",
    force: Annotated[
        bool, typer.Option("--force", help="Eine von Hand geänderte Datei ersetzen.")
    ] = False,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Alle Kennzahlen aller Räume und Stichtage in eine Arbeitsmappe schreiben.

    Schreibt berichte/kennzahlen.xlsx: je Raumebene ein Blatt (Quartiere, Stadtbezirke,
    Stadt, …) mit Werten und Rängen, ein Blatt mit allen Werten untereinander und ein Blatt
    mit den Definitionen. Mit --format csv stattdessen berichte/kennzahlen.csv.

    Beispiele:

      qprofil kennzahlen

      qprofil kennzahlen --format csv
    """
    p = _laden(projekt)

    from qprofil.ablauf import kennzahlen_schreiben

    lauf = kennzahlen_schreiben(p, format_=_auswahl(format_), force=force)
    _abschliessen(p, lauf)


@app.command(short_help="Befragungsformulare schreiben oder einlesen.")
@_befehl
def survey(
    argumente: Annotated[
        list[str] | None,
        typer.Argument(
            help="Kürzel oder Namen der Quartiere; mit --import die zurückgesandten Formulare.",
            show_default=False,
            metavar="QUARTIER|DATEI",
        ),
    ] = None,
    alle: Annotated[
        bool, typer.Option("--all", help="Formulare für alle Quartiere aus daten/quartiere.xlsx.")
    ] = False,
    vorbelegen: Annotated[
        bool,
        typer.Option(
            "--vorbelegen",
            help="Die Antworten der letzten Befragung eintragen; das Büro korrigiert nur, "
            "was sich geändert hat.",
        ),
    ] = False,
    importieren: Annotated[
        bool,
        typer.Option(
            "--import",
            help="Zurückgesandte Formulare prüfen und in den Befragungsordner (daten/befragung) "
            "übernehmen.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Mit --import: vorhandene Antworten ersetzen (die bisherige Fassung bleibt in "
            ".alt/). Sonst: von Hand geänderte Formulare im Ausgang ersetzen.",
        ),
    ] = False,
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Formulare der schriftlichen Befragung der Seniorenbüros erzeugen oder zurücklesen.

    Schreibt je Quartier eine Arbeitsmappe in den Ausgangsordner ([befragung] ausgang in
    qprofil.toml, Standard berichte/befragung-ausgang): Angaben vorausgefüllt, Auswahllisten,
    Anleitung, Rücksendefrist und Ansprechperson. Mit [befragung] formular_je =
    "seniorenbuero" gibt es je Seniorenbüro eine Mappe für alle seine Quartiere. Mit --import
    werden ausgefüllte Formulare geprüft und nach daten/befragung übernommen (das Formular
    eines Büros als eine Antwortdatei je Quartier); eine vorhandene Antwortdatei wird nur mit
    --force ersetzt und bleibt dann in daten/befragung/.alt/ erhalten.

    Beispiele:

      qprofil survey --all

      qprofil survey menglinghausen --vorbelegen

      qprofil survey --import Downloads/befragung_menglinghausen.xlsx
    """
    p = _laden(projekt)

    from qprofil.ablauf.befragung import befragung_formulare_schreiben, befragungen_importieren

    if importieren:
        if not argumente:
            from qprofil.fehler import AuswahlFehler

            raise AuswahlFehler(
                "Keine Datei angegeben.",
                hilfe="Nennen Sie die ausgefüllten Formulare, z. B. „qprofil survey --import "
                "befragung_menglinghausen.xlsx“.",
            )
        lauf = befragungen_importieren(p, [Path(a) for a in argumente], force=force)
    else:
        lauf = befragung_formulare_schreiben(
            p, argumente or [], alle=alle, vorbelegen=vorbelegen, force=force
        )
    _abschliessen(p, lauf)


@app.command("list", short_help="Quartiere und ihre Eingaben anzeigen.")
@_befehl
def liste(projekt: ProjektOption = None, debug: DebugOption = False) -> None:
    """Bekannte Quartiere und die für sie gefundenen Eingaben anzeigen.

    Beispiel:

      qprofil list
    """
    from qprofil.einlesen.uebersicht import uebersicht

    p = _laden(projekt)
    zeilen = uebersicht(p)

    from qprofil.cli_ausgabe import tabelle_zeigen

    tabelle_zeigen(
        f"Quartiere in {p.wurzel}",
        (
            "Kürzel",
            "Quartier",
            "Stadtbezirk",
            "Unterbezirke",
            "Befragung",
            "Fotos",
            "Maßnahmen",
            "Planauszüge",
        ),
        [[str(w) for w in z] for z in zeilen],
    )


@app.command()
@_befehl
def check(
    quartiere: Annotated[
        list[str] | None,
        typer.Argument(
            help="Nur diese Quartiere prüfen (Standard: alle).",
            show_default=False,
            metavar="QUARTIER",
        ),
    ] = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="Ausgabe: text (Tabelle bzw. eine Zeile je Befund) oder json (alle Befunde "
            "als JSON-Liste auf der Standardausgabe).",
            metavar="FORMAT",
        ),
    ] = "text",
    projekt: ProjektOption = None,
    debug: DebugOption = False,
) -> None:
    """Alle Eingaben und Vorlagen prüfen, ohne etwas zu schreiben.

    Zeigt alle Probleme mit Datei, Blatt, Zeile und Spalte.
    Endet mit Code 1, wenn es Fehler gibt.

    Beispiele:

      qprofil check

      qprofil check --format json
    """
    ausgabe = _auswahl(format_)
    if ausgabe not in ("text", "json"):
        raise BenutzungsFehler(
            f"Unbekanntes Ausgabeformat „{format_}“.", hilfe="Möglich sind: text, json."
        )
    p = _laden(projekt)

    from qprofil.ablauf import pruefen
    from qprofil.cli_ausgabe import befunde_json, befunde_zeigen, konsole

    befunde = pruefen(p, quartiere or [])
    fehler = len(befunde.fehler_liste())
    hinweise = len(befunde.liste) - fehler
    if ausgabe == "json":
        print(befunde_json(befunde.liste))
    else:
        befunde_zeigen(befunde.liste, "Befunde", hinweise_in_tabelle=True)
        if fehler:
            konsole(stderr=True).print(f"[bold red]{fehler} Fehler[/], {hinweise} Hinweise.")
        else:
            konsole(stderr=False).print(f"Keine Fehler gefunden ({hinweise} Hinweise).")
    if fehler:
        raise typer.Exit(1)


@app.command()
@_befehl
def init(
    ordner: Annotated[
        Path, typer.Argument(help="Neuer Projektordner.", show_default=False, metavar="ORDNER")
    ],
    stadt: Annotated[
        str, typer.Option("--stadt", help="Name der Stadt (steht in qprofil.toml).")
    ] = "Musterstadt",
    debug: DebugOption = False,
) -> None:
    """Ein neues Projekt für eine Stadt anlegen.

    Schreibt qprofil.toml mit allen Abschnitten (kommentiert), die Ordner daten/, vorlagen/
    und berichte/, die Eingabemappen mit den richtigen Spaltenköpfen und die Vorlagen, dazu
    ein Beispielquartier mit erfundenen Zahlen (als Beispiel gekennzeichnet), damit check und
    build sofort laufen. Überschreibt nichts.

    Beispiel:

      qprofil init hansestadt --stadt Hansestadt
    """
    from qprofil.ausgabe.neues_projekt import projekt_anlegen
    from qprofil.cli_ausgabe import konsole

    geschrieben = projekt_anlegen(ordner, stadt)
    k = konsole(stderr=False)
    k.print(f"Neues Projekt in {ordner}: {len(geschrieben)} Dateien angelegt.", markup=False)
    k.print(
        "Es enthält ein Beispielquartier („beispiel“) mit erfundenen Zahlen: „qprofil build "
        "--all“ zeigt, wie ein Profil aussieht. Nächste Schritte: den Export Ihrer "
        "Statistikstelle nach daten/statistik/ legen und in qprofil.toml unter [statistik] "
        "beschreiben (docs/konfiguration.md, docs/andere-stadt.md), mit „qprofil statistik“ "
        "prüfen, Ihre Quartiere in daten/quartiere.xlsx eintragen, „hinweis“ unter [projekt] "
        "entfernen, dann „qprofil check“ und „qprofil build“.",
        markup=False,
    )


@app.command(short_help="Zeigen, was aus der Statistik gelesen wird.")
@_befehl
def statistik(projekt: ProjektOption = None, debug: DebugOption = False) -> None:
    """Zeigen, was qprofil aus der Statistik liest, bevor ein Dokument gebaut wird.

    Je Quelle: die gefundenen Räume je Ebene, die Stichtage, Altersgruppen und Merkmale;
    dann je Kennzahl, ob sie sich berechnen lässt, und wenn nicht, warum. Die Einstellungen
    stehen in docs/konfiguration.md.

    Beispiel:

      qprofil statistik
    """
    from qprofil.ablauf import statistik_vorschau
    from qprofil.cli_ausgabe import befunde_zeigen, konsole, tabelle_zeigen

    p = _laden(projekt)
    befunde, zeilen = statistik_vorschau(p)
    if zeilen:
        tabelle_zeigen(
            f"Statistik in {p.wurzel}",
            ("Quelle", "Merkmal", "gelesen"),
            [(z.abschnitt, z.merkmal, z.angabe) for z in zeilen],
        )
    befunde_zeigen(befunde.liste, "Befunde", hinweise_in_tabelle=True)
    if befunde.fehlerhaft:
        konsole(stderr=True).print(
            f"[bold red]{len(befunde.fehler_liste())} Fehler[/] beim Lesen der Statistik."
        )
        raise typer.Exit(1)


# --- building with progress, PDF and summary


def _mit_fortschritt(arbeit: Callable[[Callable[[str], None]], Lauf]) -> Lauf:
    """Run a build with a progress line on stderr (only shown on a terminal)."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    from qprofil.cli_ausgabe import konsole

    k = konsole(stderr=True)
    if not k.is_terminal:  # a progress line in a file or pipe would only add noise
        return arbeit(lambda name: None)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} fertig {task.fields[zuletzt]}"),
        console=k,
        transient=True,
    ) as fortschritt:
        aufgabe = fortschritt.add_task("Erzeuge Dokumente", total=None, zuletzt="")

        def melden(name: str) -> None:
            fortschritt.update(aufgabe, advance=1, zuletzt=f"– zuletzt: {name}")

        return arbeit(melden)


def _abschliessen(p: Projekt, lauf: Lauf) -> None:
    """Print the run's problems and summary; exit 1 on any failure."""
    from qprofil.cli_ausgabe import befunde_zeigen, ergebnis_zeigen, fehler_zeigen, konsole

    alle_befunde = list(lauf.befunde.liste) + [b for e in lauf.ergebnisse for b in e.befunde]
    befunde_zeigen(alle_befunde, "Fehler", hinweise_in_tabelle=False)
    if lauf.pdf_fehler is not None:
        fehler_zeigen(lauf.pdf_fehler, titel="PDF fehlt")
    if lauf.befunde.fehlerhaft:
        konsole(stderr=True).print(
            "[bold red]Es wurde nichts geschrieben:[/] die Eingaben enthalten Fehler (siehe oben)."
        )
    else:
        ergebnis_zeigen(p, lauf)
    if not lauf.ok:
        raise typer.Exit(1)


#: The signal that ended the run (SIGTERM, SIGHUP), if it was not Ctrl+C.
_SIGNAL: list[int] = []


def _signal_wie_strg_c(nummer: int, _rahmen: object) -> None:
    """SIGTERM and SIGHUP end a run as Ctrl+C does: workers stopped, temporary files removed."""
    _SIGNAL.append(nummer)
    raise KeyboardInterrupt


def _signale_abfangen() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        nummer = getattr(signal, name, None)
        if nummer is not None:
            signal.signal(nummer, _signal_wie_strg_c)


def _abgebrochen() -> NoReturn:
    import contextlib
    import signal

    nummer = _SIGNAL[0] if _SIGNAL else signal.SIGINT
    text = "Abgebrochen."
    if _SIGNAL:
        text = (
            f"Abgebrochen (Signal {signal.Signals(nummer).name}). Bereits fertige Dokumente "
            "sind geschrieben, halbfertige wurden verworfen."
        )
    # After SIGHUP the terminal may be gone: the exit code must still be right.
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr)
    sys.exit(128 + nummer)


def main() -> None:
    """Entry point of the console script ``qprofil``."""
    from typer._click.exceptions import UsageError

    _signale_abfangen()
    try:
        rc = app(standalone_mode=False, prog_name="qprofil")
        if rc == 130:  # Typer turns Ctrl+C into Exit(130) before it reaches us
            _abgebrochen()
    except UsageError as err:
        cli_hilfe.usage_melden(err)
        sys.exit(2)
    except KeyboardInterrupt:
        _abgebrochen()
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
