"""``qprofil init ORDNER``: a new project for another city.

Writes ``qprofil.toml`` with every section and key (commented, with meaning and default, from
the same descriptions as docs/konfiguration.md), the folder layout, input workbooks with the
headers qprofil expects, and the default templates (Word and web page). Never overwrites a
file: an existing ``qprofil.toml`` stops the command; other existing files are left as they are.

Like ``mkdocs new``, the project is ready to build: one example quarter (Kürzel „beispiel“)
with invented population figures, marked as such in the workbooks, in ``[projekt] hinweis``
(title page and Impressum of every document) and in ``[statistik.bevoelkerung] quelle`` (the
source line under every table). ``check`` and ``build`` say so in a hint until both are
replaced. Survey, walkthrough, measures, plans and social data are left empty: the profile
states for each that it is not available.
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
from qprofil.einlesen.quartiere import (
    BEISPIEL_HINWEIS,
    BEISPIEL_KUERZEL,
    BEISPIEL_QUELLE,
    BUERO_OPTIONAL,
    BUERO_SPALTEN,
    QUARTIER_SPALTEN,
)
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
    werte: dict[str, dict[str, str]] = {
        "[projekt]": {
            "titel": konfig_doku.toml_wert(f"Altersgerechte Quartiersentwicklung in {stadt}"),
            "stadt": konfig_doku.toml_wert(stadt),
            "herausgeber": konfig_doku.toml_wert(f"Stadt {stadt}"),
            "stand": heute.isoformat(),
            "hinweis": konfig_doku.toml_wert(BEISPIEL_HINWEIS),
        },
        "[statistik.bevoelkerung]": {"quelle": konfig_doku.toml_wert(BEISPIEL_QUELLE)},
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
            if name in werte.get(titel, {}):
                zeilen.append(f"{name} = {werte[titel][name]}")
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


def _mappe(
    blaetter: dict[str, tuple[str, ...]],
    beispiel: dict[str, list[tuple[object, ...]]] | None = None,
) -> bytes:
    """A workbook with one header row per sheet; ``beispiel``: a title row marking the sheet
    as an example above the header, and example rows below it."""
    import openpyxl

    mappe = openpyxl.Workbook()
    mappe.remove(mappe.active)
    for name, spalten in blaetter.items():
        blatt = mappe.create_sheet(name)
        zeilen = (beispiel or {}).get(name)
        if zeilen is not None:
            blatt.append([f"{BEISPIEL_TITEL}: Ersetzen Sie die Beispielzeilen durch Ihre eigenen."])
            blatt.append([])
        blatt.append(list(spalten))
        for zeile in zeilen or ():
            blatt.append(list(zeile))
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


#: Title row of the example workbooks and statistics.
BEISPIEL_TITEL = "Beispiel von qprofil init mit erfundenen Angaben"

#: The example statistics: code, level, name, residents per age band (0–18, 18–20, 20–65,
#: 65–80, 80+) for men and women. The city is the sum of its two Stadtbezirke, a Stadtbezirk
#: the sum of its Unterbezirke.
_BAENDER = (
    "0 bis unter 18",
    "18 bis unter 20",
    "20 bis unter 65",
    "65 bis unter 80",
    "80 und älter",
)
_UNTERBEZIRKE = {
    "11": ("Beispielquartier Nord", (310, 40, 1200, 390, 110), (300, 38, 1180, 450, 190)),
    "12": ("Beispielquartier Süd", (280, 35, 1050, 300, 80), (270, 33, 1010, 360, 150)),
    "13": ("Beispielort West", (520, 60, 2100, 410, 90), (500, 58, 2050, 470, 170)),
    "21": ("Beispielort Ost", (900, 110, 3900, 760, 190), (860, 105, 3800, 880, 330)),
}


def beispiel_statistik(stadt: str, stichtag: dt.date) -> str:
    """The example population statistics in the default long layout (CSV, as in the config)."""
    s = BevoelkerungsSpalten()
    kopf = (s.stichtag, s.raumebene, s.raum, s.raumname, s.geschlecht, s.altersgruppe, s.wert)
    tag = f"{stichtag:%d.%m.%Y}"

    def summe(*nummern: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        m = tuple(sum(_UNTERBEZIRKE[n][1][i] for n in nummern) for i in range(len(_BAENDER)))
        w = tuple(sum(_UNTERBEZIRKE[n][2][i] for n in nummern) for i in range(len(_BAENDER)))
        return m, w

    raeume = [
        ("0", "Stadt", stadt, *summe("11", "12", "13", "21")),
        ("1", "Stadtbezirk", "Beispielbezirk", *summe("11", "12", "13")),
        ("2", "Stadtbezirk", "Zweiter Beispielbezirk", *summe("21")),
        *((nr, "Unterbezirk", name, m, w) for nr, (name, m, w) in _UNTERBEZIRKE.items()),
    ]
    zeilen = [
        f"{BEISPIEL_TITEL} (keine echten Zahlen)",
        "Ersetzen Sie diese Datei durch den Export Ihrer Statistikstelle und beschreiben Sie ihn "
        "unter [statistik.bevoelkerung] in qprofil.toml.",
        "",
        ";".join(kopf),
    ]
    for nr, ebene, name, maenner, frauen in raeume:
        for geschlecht, werte in (("männlich", maenner), ("weiblich", frauen)):
            for band, n in zip(_BAENDER, werte, strict=True):
                zeilen.append(f"{tag};{ebene};{nr};{name};{geschlecht};{band};{n}")
    return "\r\n".join(zeilen) + "\r\n"


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
    heute = heute or dt.date.today()
    sozial = SozialQuelle()
    buero = "Seniorenbüro Beispielbezirk"
    dateien: dict[str, bytes] = {
        "daten/quartiere.xlsx": _mappe(
            {
                "Quartiere": (*QUARTIER_SPALTEN, "Motto"),
                "Seniorenbüros": BUERO_SPALTEN + BUERO_OPTIONAL,
            },
            beispiel={
                "Quartiere": [
                    (
                        BEISPIEL_KUERZEL,
                        "Beispielquartier",
                        "1",
                        "Beispielbezirk",
                        "11, 12",
                        "Beispiel-Siedlungstyp",
                        "",
                        None,
                        buero,
                        "",
                    )
                ],
                "Seniorenbüros": [(buero, "1")],
            },
        ),
        "daten/statistik/bevoelkerung.csv": beispiel_statistik(
            stadt, dt.date(heute.year - 1, 12, 31)
        ).encode("utf-8"),
        "daten/statistik/sozialdaten.xlsx": _mappe(
            {sozial.blatt: tuple(v for v in sozial.spalten.model_dump().values() if v)}
        ),
        "daten/massnahmen.xlsx": _mappe({"Maßnahmen": (*MASSNAHME_SPALTEN, "Beschreibung")}),
        "daten/planauszuege.xlsx": _mappe({"Auszüge": PLAN_SPALTEN}),
    }
    # The Word templates and the web page's (check renders both).
    for datei in sorted(VORLAGEN.rglob("*")) if VORLAGEN.is_dir() else []:
        if datei.suffix in (".docx", ".md", ".html", ".css") and datei.is_file():
            dateien[f"vorlagen/{datei.relative_to(VORLAGEN).as_posix()}"] = datei.read_bytes()
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
    toml = toml_text(stadt, heute)
    atomar_schreiben(ordner / CONFIG_NAME, toml.encode("utf-8"))
    geschrieben.append(ordner / CONFIG_NAME)
    return geschrieben
