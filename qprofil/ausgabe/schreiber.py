"""The only code that writes outputs: inside berichte/, atomically, never over a person's edits.

Every generated file is recorded in a manifest (berichte/.qprofil-manifest.json) with the SHA-256
of what qprofil wrote and a hash of everything it was made from. From that:
- a file whose content differs from what qprofil wrote was edited by a person: a rebuild keeps it
  and writes the new version beside it (or, with --force, replaces it);
- a file whose inputs are unchanged is not rebuilt (incremental builds);
- a document's key figures (its indicators, as printed) are kept with it, so that a rebuild can
  say which of them changed since the last build.
A lock file keeps two runs from writing into the same folder at once.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qprofil.fehler import AusgabeFehler, Ort

MANIFEST = ".qprofil-manifest.json"
SPERRE = ".qprofil.lock"
# Fixed zip entry time: two builds from the same inputs give byte-identical files.
ZIP_ZEIT = (1980, 1, 1, 0, 0, 0)
# Already compressed: deflating them again saves under 1 % and costs most of the writing time.
# OPC (ECMA-376 Part 2) allows stored entries; Word and LibreOffice read them.
_GESPEICHERT = (".jpeg", ".jpg", ".png", ".gif")


def sha256(daten: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(daten).hexdigest()


def datei_sha256(pfad: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with pfad.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def zip_normalisieren(daten: bytes) -> bytes:
    """Rewrite a .docx/.zip with fixed entry times and attributes, keeping the entry order.

    XML is deflated; images, compressed already, are stored.
    """
    quelle = zipfile.ZipFile(io.BytesIO(daten))
    ziel_puffer = io.BytesIO()
    with zipfile.ZipFile(ziel_puffer, "w", zipfile.ZIP_DEFLATED) as ziel:
        for info in quelle.infolist():
            neu = zipfile.ZipInfo(info.filename, date_time=ZIP_ZEIT)
            gespeichert = info.filename.lower().endswith(_GESPEICHERT)
            neu.compress_type = zipfile.ZIP_STORED if gespeichert else zipfile.ZIP_DEFLATED
            neu.external_attr = 0o644 << 16
            neu.create_system = 0
            ziel.writestr(neu, quelle.read(info.filename), compresslevel=6)
    return ziel_puffer.getvalue()


def atomar_schreiben(ziel: Path, daten: bytes, *, sync: bool = True) -> None:
    """Write under a temporary name in the same folder, then move into place.

    ``sync=False`` skips fsync: for cache entries, which may be lost in a crash without harm.
    """
    ziel.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=ziel.suffix, dir=ziel.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(daten)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        # mkstemp creates 0600; outputs are shared documents, so use the usual umask.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, ziel)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_GRUENDE = {
    errno.ENOSPC: "der Speicherplatz ist voll",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EACCES: "keine Schreibberechtigung (oder die Datei ist in einem anderen Programm geöffnet)",
    errno.EPERM: "keine Schreibberechtigung",
    errno.EROFS: "das Laufwerk ist schreibgeschützt",
    errno.EBUSY: "die Datei ist in einem anderen Programm geöffnet",
    errno.ENAMETOOLONG: "der Pfad ist zu lang",
    errno.EIO: "Ein-/Ausgabefehler des Laufwerks",
    errno.EEXIST: "an dieser Stelle liegt eine Datei, kein Ordner",
    errno.ENOTDIR: "ein Teil des Pfades ist eine Datei, kein Ordner",
    errno.ENOENT: "ein Ordner des Pfades fehlt",
}


def grund(err: OSError) -> str:
    """Why writing failed, in German (the operating system's text is English)."""
    bekannt = _GRUENDE.get(err.errno or 0)
    if bekannt is not None:
        return bekannt
    return f"Fehler {err.errno} des Betriebssystems" if err.errno else "unbekannter Fehler"


def _umask() -> int:
    maske = os.umask(0)
    os.umask(maske)
    return maske


@dataclass(frozen=True)
class Geschrieben:
    """What happened to one output file."""

    pfad: Path
    #: "neu", "aktualisiert", "unverändert", "neben bearbeiteter Datei", "ersetzt (--force)"
    status: str
    hinweis: str = ""
    #: Key figures that differ from the last build: (name, before, now), as printed.
    geaendert: tuple[tuple[str, str, str], ...] = ()


class Ausgabeordner:
    """The output folder with its manifest; use as a context manager to hold the lock."""

    def __init__(self, ordner: Path, *, force: bool = False) -> None:
        self.ordner = ordner
        self.force = force
        self._manifest: dict[str, dict[str, Any]] = {}
        self._sperre = None
        #: Temporary files of an earlier run that was killed, removed on entering.
        self.entfernt: list[str] = []

    def __enter__(self) -> Ausgabeordner:
        from filelock import FileLock, Timeout

        try:
            self.ordner.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise AusgabeFehler(
                f"Der Ausgabeordner kann nicht angelegt werden: {grund(err)}.",
                Ort(self.ordner),
                "Prüfen Sie den Pfad und die Schreibrechte.",
            ) from err
        self._sperre = FileLock(str(self.ordner / SPERRE), timeout=0)
        try:
            self._sperre.acquire()
        except Timeout as err:
            raise AusgabeFehler(
                "In diesen Ordner schreibt gerade ein anderer qprofil-Lauf.",
                Ort(self.ordner),
                "Warten Sie, bis er fertig ist, und starten Sie dann erneut.",
            ) from err
        except OSError as err:
            raise AusgabeFehler(
                f"Die Sperrdatei {SPERRE} kann nicht angelegt werden: {grund(err)}.",
                Ort(self.ordner),
                "Prüfen Sie die Schreibrechte für den Ausgabeordner.",
            ) from err
        self._manifest = self._manifest_lesen()
        self.entfernt = _reste_entfernen(self.ordner)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._sperre is not None:
            self._sperre.release()

    def _manifest_lesen(self) -> dict[str, dict[str, Any]]:
        pfad = self.ordner / MANIFEST
        if not pfad.is_file():
            return {}
        try:
            daten = json.loads(pfad.read_text(encoding="utf-8"))
            return dict(daten.get("dateien", {}))
        except (ValueError, OSError):
            # A broken manifest only costs a rebuild; treating every file as edited is safe.
            return {}

    def _manifest_schreiben(self) -> None:
        text = json.dumps({"version": 1, "dateien": self._manifest}, indent=1, sort_keys=True)
        atomar_schreiben(self.ordner / MANIFEST, text.encode("utf-8"))

    def _pfad(self, name: str) -> Path:
        if Path(name).name != name or name.startswith("."):
            raise AusgabeFehler(f"Ungültiger Dateiname „{name}“.", Ort(self.ordner))
        if len(os.fsencode(name)) > 255:
            raise AusgabeFehler(
                f"Der Dateiname „{name[:60]}…“ ist länger, als ein Dateisystem erlaubt "
                "(höchstens 255 Bytes).",
                Ort(self.ordner),
                "Wählen Sie kürzere Kürzel oder weniger Quartiere für ein Dokument.",
            )
        return self.ordner / name

    def aktuell(self, name: str, eingaben_hash: str) -> bool:
        """True when ``name`` exists unchanged and was made from the same inputs."""
        eintrag = self._manifest.get(name)
        pfad = self._pfad(name)
        if self.force or eintrag is None or not pfad.is_file():
            return False
        unveraendert = datei_sha256(pfad) == eintrag.get("sha256")
        return eintrag.get("eingaben") == eingaben_hash and unveraendert

    def schreiben(
        self,
        name: str,
        daten: bytes,
        eingaben_hash: str,
        kennzahlen: Mapping[str, str] | None = None,
    ) -> Geschrieben:
        """Write one output safely and record it in the manifest.

        ``kennzahlen``: the document's key figures as printed (name → text); they are kept in
        the manifest, and those that differ from the last build's are returned.
        """
        ziel = self._pfad(name)
        vorher = self._manifest.get(name, {}).get("kennzahlen")
        status = "neu"
        hinweis = ""
        if ziel.exists():
            eintrag = self._manifest.get(name)
            von_uns = eintrag is not None and datei_sha256(ziel) == eintrag.get("sha256")
            if von_uns:
                status = "aktualisiert"
            elif self.force:
                status = "ersetzt (--force)"
                hinweis = f"Die von Hand geänderte Datei {name} wurde überschrieben (--force)."
            else:
                bearbeitet = name
                ziel = self._pfad(_neben_name(name))
                status = "neben bearbeiteter Datei"
                hinweis = (
                    f"{bearbeitet} wurde seit der Erzeugung von Hand geändert und bleibt erhalten; "
                    f"die neue Fassung steht in {ziel.name}. Mit --force wird die Datei ersetzt."
                )
        try:
            atomar_schreiben(ziel, daten)
        except OSError as err:
            raise AusgabeFehler(
                f"Die Datei kann nicht geschrieben werden: {grund(err)}.",
                Ort(ziel),
                "Die vorige Fassung ist unverändert. Ist die Datei in Word geöffnet, schließen Sie "
                "sie; ist das Laufwerk voll, schaffen Sie Platz; dann starten Sie erneut.",
            ) from err
        eintrag: dict[str, Any] = {"sha256": sha256(daten), "eingaben": eingaben_hash}
        geaendert: tuple[tuple[str, str, str], ...] = ()
        if kennzahlen is not None:
            eintrag["kennzahlen"] = dict(kennzahlen)
            if isinstance(vorher, dict):
                geaendert = tuple(
                    (k, str(vorher[k]), neu)
                    for k, neu in kennzahlen.items()
                    if k in vorher and vorher[k] != neu
                )
        self._manifest[ziel.name] = eintrag
        try:
            self._manifest_schreiben()
        except OSError as err:
            # The document is in place; without its manifest entry the next run treats it as
            # edited by hand and writes beside it: nothing is lost.
            raise AusgabeFehler(
                f"Das Verzeichnis der erzeugten Dateien kann nicht geschrieben werden: {grund(err)}.",
                Ort(self.ordner / MANIFEST),
                "Prüfen Sie Speicherplatz und Schreibrechte und starten Sie erneut.",
            ) from err
        return Geschrieben(ziel, status, hinweis, geaendert)

    def vermerken(self, name: str) -> Geschrieben:
        """Report an output that was up to date and therefore not rebuilt."""
        return Geschrieben(self._pfad(name), "unverändert")

    def dateien(self) -> Iterator[str]:
        """Names of all files qprofil has recorded."""
        yield from sorted(self._manifest)


def _reste_entfernen(ordner: Path) -> list[str]:
    """Remove the temporary files a killed run left (``kill -9``, power cut); return their names.

    Only this writer makes ``.tmp-*`` files, and only while it holds the folder's lock, which
    the caller holds now: whatever is there belongs to no running process.
    """
    entfernt = []
    for pfad in sorted(ordner.glob(".tmp-*")):
        with contextlib.suppress(OSError):
            if pfad.is_file() and not pfad.is_symlink():
                pfad.unlink()
                entfernt.append(pfad.name)
    return entfernt


def _neben_name(name: str) -> str:
    stamm, punkt, endung = name.rpartition(".")
    return f"{stamm}_neu.{endung}" if punkt else f"{name}_neu"
