"""Validate OParl 1.1 objects against the spec's schemas, embedded objects included."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema

SCHEMAS = Path(__file__).parent / "fixtures" / "oparl-1.1"
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")

_formate = jsonschema.FormatChecker()


@_formate.checks("url")
def _ist_url(wert: object) -> bool:
    return isinstance(wert, str) and bool(_URL.match(wert))


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def pruefen(objekt: dict[str, Any], schema_name: str = "Paper.json") -> int:
    """Validate ``objekt`` and, recursively, every embedded object; return how many were checked."""
    schema = _schema(schema_name)
    jsonschema.Draft4Validator(schema, format_checker=_formate).validate(objekt)
    geprueft = 1
    for schluessel, eigenschaft in schema["properties"].items():
        if schluessel not in objekt:
            continue
        unter = eigenschaft.get("schema") or eigenschaft.get("items", {}).get("schema")
        if not unter:
            continue
        werte = objekt[schluessel] if isinstance(objekt[schluessel], list) else [objekt[schluessel]]
        for wert in werte:
            geprueft += pruefen(wert, unter)
    return geprueft
