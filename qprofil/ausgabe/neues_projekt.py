"""``qprofil init ORDNER``: a new, empty project for another city.

Writes ``qprofil.toml`` with every section and key (commented, with meaning and default, from
the same descriptions as docs/konfiguration.md), the folder layout, empty input workbooks with
the headers qprofil expects, and the default templates. Never overwrites a file: an existing
``qprofil.toml`` stops the command; other existing files are left as they are.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

from pydantic import BaseModel

from qprofil import konfig_doku
from qprofil.ausgabe.schreiber import atomar_schreiben
from qprofil.einlesen.listen import MASSNAHME_SPALTEN, PLAN_SPALTEN
from qprofil.einlesen.quartiere import BUERO_OPTIONAL, BUERO_SPALTEN, QUARTIER_SPALTEN
from qprofil.fehler import BenutzungsFehler, Ort
from qprofil.projekt import CONFIG_NAME, BevoelkerungsSpalten, SozialQuelle

#: The templates shipped with qprofil (next to the package in the repository).
VORLAGEN = Path(__file__).resolve().parents[2] / "vorlagen"

#: Sections whose keys are all optional: written as active headers with commented keys.
_AKTIV = {
    "[projekt]",
    "[eingaben]",
    "[bezeichnungen]",
    "[ausgabe]",
    "[kennzahlen]",
    "[statistik.bevoelkerung]",
    "[statistik.bevoelkerung.spalten]",
    "[statistik.sozialdaten]",
    "[statistik.sozialdaten.spalten]",
    "[gremienvorlage]",
}


def _kommentar(text: str, einzug: str = "# ") -> list[str]:
    return textwrap.wrap(
        text, width=98, initial_indent=einzug, subsequent_indent=einzug, break_on_hyphens=False
    )


def toml_text(stadt: str, heute: dt.date) -> str:
    """qprofil.toml of a new project: every section, every key commented with its default."""
    werte = {
        "titel": f"Altersgerechte Quartiersentwicklung in {stadt}",
        "stadt": stadt,
        "herausgeber": f"Stadt {stadt}",
        "stand": heute.isoformat(),
    }
    zeilen = [
        "# Projektkonfiguration von qprofil. Diese Datei markiert den Projektordner.",
        f"# Alle Einstellungen mit Typ, Standard und Beispiel: {konfig_doku.DOKU} im Programm-",
        "# ordner von qprofil. Ein Schlüssel mit # davor ist aus: Es gilt der genannte Standard.",
        "# Prüfen Sie nach jeder Änderung mit „qprofil statistik“ und „qprofil check“.",
        "",
    ]
    for titel, modell in konfig_doku.abschnitte():
        aktiv = titel in _AKTIV
        zeilen += _kommentar(konfig_doku.ABSCHNITTE.get(modell, ""))
        zeilen.append(titel if aktiv else f"# {titel}")
        for name, feld in konfig_doku.felder(modell):
            if konfig_doku.modelle(feld.annotation):
                continue
            bedeutung, beispiel = konfig_doku.BESCHREIBUNG[konfig_doku.klasse_von(modell, name)][
                name
            ]
            zeilen += _kommentar(bedeutung)
            if titel == "[projekt]" and name in werte:
                wert = werte[name] if name == "stand" else konfig_doku.toml_wert(werte[name])
                zeilen.append(f"{name} = {wert}")
            elif feld.is_required() or feld.default is None:
                zeilen.append(f"# {beispiel}" if beispiel else f"# {name} = …")
            else:
                zeilen.append(f"# {name} = {_standard_toml(feld.default)}")
        zeilen.append("")
    return "\n".join(zeilen)


def _standard_toml(wert: object) -> str:
    if isinstance(wert, BaseModel):
        return "…"
    return konfig_doku.toml_wert(wert)


def _mappe(blaetter: dict[str, tuple[str, ...]]) -> bytes:
    import openpyxl

    mappe = openpyxl.Workbook()
    mappe.remove(mappe.active)
    for name, spalten in blaetter.items():
        mappe.create_sheet(name).append(list(spalten))
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def projekt_anlegen(ordner: Path, stadt: str, *, heute: dt.date | None = None) -> list[Path]:
    """Create the project in ``ordner``; the files written (existing ones are kept)."""
    if (ordner / CONFIG_NAME).exists():
        raise BenutzungsFehler(
            "Hier gibt es schon ein Projekt.",
            Ort(ordner / CONFIG_NAME),
            "Wählen Sie einen neuen Ordner; qprofil init überschreibt nichts.",
        )
    if ordner.exists() and not ordner.is_dir():
        raise BenutzungsFehler(
            "Das ist eine Datei, kein Ordner.", Ort(ordner), "Wählen Sie einen neuen Ordner."
        )
    bev = BevoelkerungsSpalten()
    sozial = SozialQuelle()
    dateien: dict[str, bytes] = {
        "daten/quartiere.xlsx": _mappe(
            {
                "Quartiere": (*QUARTIER_SPALTEN, "Motto"),
                "Seniorenbüros": BUERO_SPALTEN + BUERO_OPTIONAL,
            }
        ),
        "daten/statistik/bevoelkerung.csv": (
            ";".join(
                (
                    bev.stichtag,
                    bev.raumebene,
                    bev.raum,
                    bev.raumname,
                    bev.geschlecht,
                    bev.altersgruppe,
                    bev.wert,
                )
            )
            + "\r\n"
        ).encode("utf-8"),
        "daten/statistik/sozialdaten.xlsx": _mappe(
            {sozial.blatt: tuple(v for v in sozial.spalten.model_dump().values() if v)}
        ),
        "daten/massnahmen.xlsx": _mappe({"Maßnahmen": (*MASSNAHME_SPALTEN, "Beschreibung")}),
        "daten/planauszuege.xlsx": _mappe({"Auszüge": PLAN_SPALTEN}),
    }
    for datei in sorted(VORLAGEN.glob("*")) if VORLAGEN.is_dir() else []:
        if datei.suffix in (".docx", ".md"):
            dateien[f"vorlagen/{datei.name}"] = datei.read_bytes()
    geschrieben: list[Path] = []
    for ordnername in ("daten/befragung", "daten/begehungen", "daten/buergerdialog", "berichte"):
        (ordner / ordnername).mkdir(parents=True, exist_ok=True)
    for name, daten in dateien.items():
        ziel = ordner / name
        if ziel.exists():
            continue
        atomar_schreiben(ziel, daten)
        geschrieben.append(ziel)
    # Last: qprofil.toml marks the folder as a project only when everything else is there.
    toml = toml_text(stadt, heute or dt.date.today())
    atomar_schreiben(ordner / CONFIG_NAME, toml.encode("utf-8"))
    geschrieben.append(ordner / CONFIG_NAME)
    return geschrieben
