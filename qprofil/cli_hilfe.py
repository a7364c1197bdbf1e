"""German help screens and usage messages for the command line.

Why this module patches Typer: Typer (and the click code it vendors as ``typer._click``) writes
its help headings, the usage line, type hints such as ``<list[str]>`` and its usage error
messages in English, and offers no translation hook. The people using qprofil read German
only, so ``einrichten()`` replaces exactly these pieces, once, before the first command runs:

- the gettext function ``typer.core._`` (headings „Argumente“, „Optionen“, „Standard: …“),
- ``HelpFormatter.write_usage`` (``Aufruf: qprofil build [OPTIONEN] …``),
- ``Command.get_help_option`` (the text of ``--help``),
- how an argument with its own metavar is shown: ``QUARTIER…`` instead of
  ``[quartiere]... <list[str]>``,
- ``UsageError.show``, so a usage error reads the same whether Typer runs standalone (e.g.
  under ``typer.testing.CliRunner``) or through ``qprofil.cli.main``.

These are private names of Typer; the help and usage tests in tests/test_cli*.py fail when an
update of Typer changes them. Everything here is kept out of cli.py so that the commands stay
readable. Nothing here imports rich, pandas or docxtpl: ``qprofil --help`` must start fast.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

_HILFE_DEUTSCH = {
    "Arguments": "Argumente",
    "Options": "Optionen",
    "Commands": "Befehle",
    "required": "erforderlich",
    "default: {default}": "Standard: {default}",
    "env var: {var}": "Umgebungsvariable: {var}",
    "Aborted!": "Abgebrochen.",
}

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
    (
        r"Invalid value for '(.+?)'(?: / '.+?')?: .*valid integer",
        "Ungültiger Wert für {0}: erwartet wird eine ganze Zahl.",
    ),
    (r"Invalid value for '(.+?)'(?: / '.+?')?: .*", "Ungültiger Wert für {0}."),
    (r"Option '(.+)' requires an argument\.?", "Die Option {0} braucht einen Wert."),
    (r"Option '(.+)' does not take a value\.?", "Die Option {0} nimmt keinen Wert."),
)

_eingerichtet = False


def usage_deutsch(text: str) -> str:
    """A German version of one of click's usage error messages."""
    for muster, vorlage in _USAGE_DEUTSCH:
        if m := re.match(muster, text):
            return vorlage.format(*((g or "").rstrip(".") for g in m.groups()))
    return text


def usage_melden(err: Any, datei: IO[str] | None = None) -> None:
    """Print a usage error (click's ``UsageError``) in German: the problem and where help is."""
    befehl = err.ctx.command_path if getattr(err, "ctx", None) else "qprofil"
    ziel = datei if datei is not None else sys.stderr
    print(f"Aufruffehler: {usage_deutsch(err.format_message())}", file=ziel)
    print(f"Hilfe: {befehl} --help", file=ziel)


def einrichten() -> None:
    """Make Typer's help screens and usage errors German (idempotent)."""
    global _eingerichtet
    if _eingerichtet:
        return
    _eingerichtet = True

    import typer.core
    from typer._click import _compat, core, exceptions, formatting

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

    ursprung_hilfe = core.Command.get_help_option

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = ursprung_hilfe(self, ctx)
        if option is not None:
            option.help = "Diese Hilfe anzeigen und beenden."
        return option

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]

    # An argument with a metavar (QUARTIER) is shown as "QUARTIER…", without a Python type.
    argument = typer.core.TyperArgument
    ursprung_typ = argument.display_type_rich
    ursprung_name = argument._rich_display_name
    ursprung_aufruf = argument._usage_display_name

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None if self.metavar is not None else ursprung_typ(self, ctx)

    def rich_display_name(self):  # type: ignore[no-untyped-def]
        if self.metavar is None:
            return ursprung_name(self)
        return self.metavar + ("…" if self.nargs != 1 else "")

    def usage_display_name(self):  # type: ignore[no-untyped-def]
        if self.metavar is None:
            return ursprung_aufruf(self)
        name = rich_display_name(self)
        return name if self.required else f"[{name}]"

    argument.display_type_rich = display_type_rich  # type: ignore[method-assign]
    argument._rich_display_name = rich_display_name  # type: ignore[method-assign]
    argument._usage_display_name = usage_display_name  # type: ignore[method-assign]

    def show(self, file=None):  # type: ignore[no-untyped-def]
        usage_melden(self, file if file is not None else _compat.get_text_stderr())

    exceptions.UsageError.show = show  # type: ignore[method-assign]
