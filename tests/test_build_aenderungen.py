"""Rebuilding a profile whose figures changed: the summary names each changed indicator.

The figures of the last build are kept in berichte/.qprofil-manifest.json with the document.
"""

from __future__ import annotations

import json
from pathlib import Path

from qprofil import zahlen

ZEILE = "31.12.2016;Unterbezirk;0911;Testdorf-Mitte;weiblich;80 und älter;40"


def test_geaenderte_kennzahlen_in_der_zusammenfassung(mini: Path, qprofil) -> None:  # type: ignore[no-untyped-def]
    erste = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert erste.rc == 0, erste.err
    assert "Geänderte Kennzahlen" not in erste.out  # nothing to compare with yet
    manifest = json.loads((mini / "berichte" / ".qprofil-manifest.json").read_text("utf-8"))
    gemerkt = manifest["dateien"]["quartiersprofil_testdorf.docx"]["kennzahlen"]
    assert gemerkt["Einwohnerinnen und Einwohner"] == "1.150"

    # New statistics: twelve more women aged 80+ in the quarter's Unterbezirk.
    csv = mini / "daten" / "statistik" / "bevoelkerung.csv"
    text = csv.read_bytes().decode("cp1252")
    assert ZEILE in text
    csv.write_bytes(text.replace(ZEILE, ZEILE[:-2] + "52").encode("cp1252"))
    zweite = qprofil("build", "testdorf", "--jobs", "1", cwd=mini)
    assert zweite.rc == 0, zweite.err
    assert "Geänderte Kennzahlen in berichte/quartiersprofil_testdorf.docx" in zweite.out
    zeilen = [z.strip() for z in zweite.out.splitlines()]
    assert "Einwohnerinnen und Einwohner: 1.150 → 1.162" in zeilen
    a80 = f"{zahlen.prozent(60 / 1150 * 100)} → {zahlen.prozent(72 / 1162 * 100)}"
    assert f"Anteil 80 Jahre und älter (Hochbetagte): {a80}" in zeilen
    frauen = f"{zahlen.prozent(40 / 60 * 100)} → {zahlen.prozent(52 / 72 * 100)}"
    assert f"Frauenanteil 80 Jahre und älter: {frauen}" in zeilen
    # Unchanged figures are not listed (households come from the social data).
    assert not any(z.startswith("Haushalte:") for z in zeilen)

    # A third build without changes lists nothing.
    dritte = qprofil("build", "testdorf", "--jobs", "1", "--force", cwd=mini)
    assert dritte.rc == 0, dritte.err
    assert "Geänderte Kennzahlen" not in dritte.out
