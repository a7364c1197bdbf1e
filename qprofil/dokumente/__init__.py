"""Document kinds: each is one template plus one context builder.

To add a kind, write a module with ``kontext(projekt, daten) -> (dict, Eigenschaften)`` (and,
if it does not apply to every quarter, ``anwendbar(projekt, daten) -> bool``), put its template
into vorlagen/, and register it in ``ARTEN``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from qprofil.modell import Quartiersdaten
from qprofil.projekt import Projekt


@dataclass(frozen=True)
class Dokumentart:
    """A kind of document built per quarter."""

    name: str
    vorlage: str  # file name in vorlagen/
    dateiname: str  # output file name, {kuerzel} is replaced
    modul: str  # module with kontext()

    def kontext(self, projekt: Projekt, daten: Quartiersdaten) -> tuple[dict[str, Any], Any]:
        """Build this kind's context (imports the builder only when used)."""
        builder: Callable[..., tuple[dict[str, Any], Any]] = import_module(self.modul).kontext
        return builder(projekt, daten)

    def anwendbar(self, projekt: Projekt, daten: Quartiersdaten) -> bool:
        """Whether this kind applies to the quarter (e.g. a dialogue documentation needs a dialogue).

        A builder module may define ``anwendbar(projekt, daten)``; without it, every quarter.
        """
        pruefung = getattr(import_module(self.modul), "anwendbar", None)
        return pruefung is None or bool(pruefung(projekt, daten))

    def ausgabe_name(self, kuerzel: str) -> str:
        """The output file name for a quarter."""
        return self.dateiname.format(kuerzel=kuerzel)


ARTEN: dict[str, Dokumentart] = {
    "profil": Dokumentart(
        "profil",
        "quartiersprofil.docx",
        "quartiersprofil_{kuerzel}.docx",
        "qprofil.dokumente.profil",
    ),
    "flyer": Dokumentart("flyer", "flyer.docx", "flyer_{kuerzel}.docx", "qprofil.dokumente.flyer"),
    "dokumentation": Dokumentart(
        "dokumentation",
        "dokumentation.docx",
        "dokumentation_{kuerzel}.docx",
        "qprofil.dokumente.dokumentation",
    ),
}
