"""OParl 1.1 metadata of a committee submission: an oparl:Paper with embedded objects.

OParl (https://oparl.org, schemas in OParl/spec v1.1.1) is the open standard of German council
information systems. It has no fields for Beschlussvorschlag, Sachverhalt or finances: those
live in the main file. So the export is a faithful but partial view of the submission.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = "https://schema.oparl.org/1.1/"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME = {".docx": DOCX_MIME, ".pdf": "application/pdf", ".json": "application/json"}


@dataclass(frozen=True)
class Datei:
    """A file belonging to the submission: its name, bytes (for size and checksum) and title."""

    dateiname: str
    inhalt: bytes
    titel: str


@dataclass(frozen=True)
class Gremienberatung:
    """One body of the Beratungsfolge as OParl sees it."""

    kuerzel: str
    name: str
    rolle: str
    entscheidet: bool
    sitzung: dt.date | None


@dataclass(frozen=True)
class Ortsangabe:
    """A place the submission is about; ``geojson`` is a GeoJSON Feature when a boundary is known."""

    kennung: str
    beschreibung: str
    ortsteil: str
    stadt: str
    geojson: dict[str, Any] | None = None


def _zeit(datum: dt.date) -> str:
    return (
        dt.datetime.combine(datum, dt.time(12, 0), tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
    )


def paper(
    *,
    basis: str,
    kennung: str,
    betreff: str,
    drucksachen_nr: str,
    datum: dt.date,
    vorlageart: str,
    amt: str,
    hauptdatei: Datei,
    anlagen: Sequence[Datei],
    beratungen: Sequence[Gremienberatung],
    orte: Sequence[Ortsangabe],
    stichworte: Sequence[str],
) -> dict[str, Any]:
    """The oparl:Paper of a submission, with embedded File, Consultation and Location objects.

    ``created``/``modified`` are taken from the submission's date (not the clock), so the same
    inputs give the same JSON.
    """
    basis = basis.rstrip("/")
    zeit = _zeit(datum)
    paper_id = f"{basis}/paper/{kennung}"

    def datei(d: Datei, nr: str) -> dict[str, Any]:
        url = f"{basis}/file/{kennung}-{nr}"
        return {
            "id": url,
            "type": SCHEMA + "File",
            "name": d.titel,
            "fileName": d.dateiname,
            "mimeType": MIME.get(Path(d.dateiname).suffix, "application/octet-stream"),
            "date": datum.isoformat(),
            "size": len(d.inhalt),
            "sha512Checksum": hashlib.sha512(d.inhalt).hexdigest(),
            "accessUrl": f"{url}/access",
            "downloadUrl": f"{url}/download/{d.dateiname}",
            "paper": [paper_id],
            "created": zeit,
            "modified": zeit,
        }

    beratung = []
    for i, b in enumerate(beratungen, start=1):
        eintrag: dict[str, Any] = {
            "id": f"{basis}/consultation/{kennung}-{i}",
            "type": SCHEMA + "Consultation",
            "paper": paper_id,
            "organization": [f"{basis}/organization/{b.kuerzel}"],
            "role": b.rolle,
            "authoritative": b.entscheidet,
            "created": zeit,
            "modified": zeit,
        }
        if b.sitzung is not None:
            eintrag["keyword"] = [f"Sitzung {b.sitzung:%d.%m.%Y}"]
        beratung.append(eintrag)

    location = []
    for o in orte:
        eintrag = {
            "id": f"{basis}/location/{o.kennung}",
            "type": SCHEMA + "Location",
            "description": o.beschreibung,
            "subLocality": o.ortsteil,
            "locality": o.stadt,
            "papers": [paper_id],
            "created": zeit,
            "modified": zeit,
        }
        if o.geojson is not None:
            eintrag["geojson"] = o.geojson
        location.append(eintrag)

    ergebnis: dict[str, Any] = {
        "id": paper_id,
        "type": SCHEMA + "Paper",
        "body": f"{basis}/body/1",
        "name": betreff,
        "date": datum.isoformat(),
        "paperType": vorlageart,
        "mainFile": datei(hauptdatei, "0"),
        "auxiliaryFile": [datei(a, str(i)) for i, a in enumerate(anlagen, start=1)],
        "location": location,
        "underDirectionOf": [f"{basis}/organization/{_kennung(amt)}"],
        "consultation": beratung,
        "keyword": list(stichworte),
        "created": zeit,
        "modified": zeit,
    }
    if drucksachen_nr:
        ergebnis["reference"] = drucksachen_nr
    return ergebnis


def _kennung(text: str) -> str:
    """A URL-safe id from a German name."""
    ersatz = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-", "–": "-"})
    return "".join(c for c in text.lower().translate(ersatz) if c.isalnum() or c == "-").strip("-")


def als_json(objekt: dict[str, Any]) -> bytes:
    """Stable, readable JSON bytes (UTF-8, umlauts kept)."""
    return (json.dumps(objekt, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
