"""The one cache: every artefact qprofil keeps between runs, under a hash of what it is made from.

One object, created once per run by ``ablauf`` and handed explicitly to the stages that use it:
the rows read from workbooks (``tabellen``), photos made fit for a page (``fotos``), charts
(``diagramme``) and maps (``karten``). Each kind is a subfolder of ``.qprofil-cache/``; an entry
is a file named by its key. Entries are written through the one atomic writer, so parallel
workers may share the folder and an interrupted run leaves no half entry. A damaged or missing
entry is simply made again: the cache never decides a result, it only saves time.

``Cache(None)`` keeps nothing (``qprofil check`` writes nothing into the project).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from qprofil.ausgabe.schreiber import atomar_schreiben

#: The kinds of cached artefacts (subfolders of the cache folder).
ARTEN = ("tabellen", "fotos", "diagramme", "karten")


@dataclass(frozen=True)
class Cache:
    """The cache folder (``None``: keep nothing)."""

    ordner: Path | None

    @property
    def aktiv(self) -> bool:
        """Whether entries are kept."""
        return self.ordner is not None

    def pfad(self, art: str, name: str) -> Path | None:
        """Where the entry ``name`` of kind ``art`` lives (None: the cache keeps nothing)."""
        if art not in ARTEN:
            raise ValueError(f"unbekannte Art im Zwischenspeicher: {art}")
        return None if self.ordner is None else self.ordner / art / name

    def holen(self, art: str, name: str) -> bytes | None:
        """The entry's bytes, or None if there is none (or it cannot be read)."""
        pfad = self.pfad(art, name)
        if pfad is None:
            return None
        try:
            return pfad.read_bytes()
        except OSError:
            return None

    def vorhanden(self, art: str, name: str) -> Path | None:
        """The entry's path if it exists (for files handed on by path, like photos)."""
        pfad = self.pfad(art, name)
        return pfad if pfad is not None and pfad.is_file() else None

    def reste_entfernen(self) -> int:
        """Remove temporary files a killed run left in the cache; only call with berichte/ locked."""
        if self.ordner is None:
            return 0
        anzahl = 0
        for art in ARTEN:
            for pfad in (self.ordner / art).glob(".tmp-*"):
                with contextlib.suppress(OSError):
                    pfad.unlink()
                    anzahl += 1
        return anzahl

    def ablegen(self, art: str, name: str, daten: bytes) -> Path | None:
        """Keep ``daten`` as the entry (atomically); None if the cache keeps nothing.

        A full disk or a read-only project folder only means no entry: the caller has its
        result in memory and goes on.
        """
        pfad = self.pfad(art, name)
        if pfad is None:
            return None
        with contextlib.suppress(OSError):
            atomar_schreiben(pfad, daten, sync=False)
            return pfad
        return None
