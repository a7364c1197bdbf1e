"""Reader for the small-area statistics, configured per source in qprofil.toml ([statistik]).

Statistical offices export in their own layouts. qprofil reads
- the **long** layout: one row per area × feature × value (Dortmund's export; Köln's
  bevoelkerung.csv with columns raum_id, zeile, zahl), optionally filtered to some rows;
- the **wide** layout: one row per area, one column per age band (and sex), possibly under
  several header rows ("männlich" merged over the age bands).
The configuration maps the source's columns and labels to qprofil's features; errors in a
mapping name the configuration key and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from qprofil.einlesen.tabelle import (
    OHNE_CACHE,
    Grenzen,
    Leser,
    Zeile,
    fuehrende_nullen_ergaenzen,
    ist_fusszeile,
    tausender,
)
from qprofil.fehler import Befunde, EingabeFehler, FehlendeSpalten, Ort, ProjektFehler
from qprofil.modell import Altersband, AltersVerteilung, Raum, Sozialdaten, Statistik
from qprofil.projekt import BevoelkerungsQuelle, SozialQuelle, SozialSpalten
from qprofil.text import einzeilig, schluessel

EBENEN = {"stadt": "Stadt", "stadtbezirk": "Stadtbezirk", "unterbezirk": "Unterbezirk"}

_BAND = re.compile(r"^(\d+)\s*(?:bis unter|bis u\.|-\s*<|-|–)\s*(\d+)(?:\s*jahre)?$")
_JAEHRIGE = r"(?:\s*-?\s*jährigen?|\s*jahren?)?"
#: "18 bis 64 Jahre", "18- bis 64-Jährige": the upper limit is included (18 to 64 years old).
_BIS_EINSCHLIESSLICH = re.compile(rf"^(\d+)\s*-?\s*bis\s+(\d+){_JAEHRIGE}$")
_UNTER = re.compile(rf"^unter\s*(\d+){_JAEHRIGE}$")
_OFFEN = re.compile(
    r"^(\d+)\s*(?:und älter|und mehr|\+|jahre und älter|jahre und mehr"
    r"|-?\s*jährige und ältere|-?\s*jährige und älter)$"
)

#: No count in small-area statistics is larger: more people than live in Germany.
HOECHSTE_ANZAHL = 100_000_000
#: Duplicate rows reported one by one; the rest are counted in one message.
DUBLETTEN_EINZELN = 5

Zaehler = dict[tuple[dt.date, str], dict[tuple[str, Altersband], int | None]]


def altersband_lesen(text: str) -> Altersband | None:
    """Parse an age band label: ``80 bis unter 85``, ``00 - < 03``, ``80-85``, ``90 und älter``,
    ``90+``, ``Unter 18-Jährige``, ``18- bis 64-Jährige`` (64 included), ``65-Jährige und Ältere``."""
    s = schluessel(text)
    if m := _BAND.match(s):
        von, bis = int(m.group(1)), int(m.group(2))
        return Altersband(von, bis) if bis > von else None
    if m := _BIS_EINSCHLIESSLICH.match(s):
        von, bis = int(m.group(1)), int(m.group(2)) + 1
        return Altersband(von, bis) if bis > von else None
    if m := _OFFEN.match(s):
        return Altersband(int(m.group(1)), None)
    if m := _UNTER.match(s):
        return Altersband(0, int(m.group(1)))
    return None


#: A label mapped to "" in [statistik.bevoelkerung.altersgruppen]: not an age band, skipped.
UEBERSPRINGEN = None


def altersgruppen_zuordnung(q: BevoelkerungsQuelle) -> dict[str, Altersband | None]:
    """[statistik.bevoelkerung.altersgruppen]: the source's label → age band (None: skip)."""
    zuordnung: dict[str, Altersband | None] = {}
    for label, ziel in q.altersgruppen.items():
        if not ziel.strip():
            zuordnung[schluessel(label)] = UEBERSPRINGEN
            continue
        band = altersband_lesen(ziel)
        if band is None:
            raise ProjektFehler(
                f"Die Altersgruppe „{ziel}“ für „{label}“ ist nicht lesbar.",
                Ort("qprofil.toml", spalte="statistik.bevoelkerung.altersgruppen"),
                'Schreiben Sie sie als „A bis unter B“ oder „A und älter“ oder als "" für eine '
                "Spalte, die keine Altersgruppe ist (docs/konfiguration.md).",
            )
        zuordnung[schluessel(label)] = band
    return zuordnung


def _band_von(text: str, zuordnung: dict[str, Altersband | None]) -> Altersband | None:
    """The age band of a label: the configured mapping first, then qprofil's own reading."""
    s = schluessel(text)
    if s in zuordnung:
        return zuordnung[s]
    return altersband_lesen(text)


def statistik_lesen(
    bevoelkerung: BevoelkerungsQuelle,
    sozialdaten: SozialQuelle | None,
    befunde: Befunde,
    *,
    wurzel: Path,
    anzeige: dict[Path, str] | None = None,
    leser: Leser = OHNE_CACHE,
) -> Statistik:
    """Read population and (optionally) social data as configured into one Statistik object."""
    anzeige = anzeige or {}
    pfad = _pfad(wurzel, bevoelkerung.datei)
    name = anzeige.get(pfad, str(bevoelkerung.datei))
    raeume: dict[str, Raum] = {}
    # Each source is read within its own limits ([statistik.bevoelkerung] max_zeilen …).
    bev_leser = leser.mit_grenzen(_grenzen(bevoelkerung, "statistik.bevoelkerung"))
    if bevoelkerung.format == "lang":
        zaehler = _lang_lesen(pfad, name, bevoelkerung, raeume, befunde, bev_leser)
    else:
        zaehler = _breit_lesen(pfad, name, bevoelkerung, raeume, befunde, bev_leser)
    if not zaehler and not befunde.fehlerhaft:
        raise EingabeFehler(
            "Die Datei enthält keine Bevölkerungszahlen.",
            Ort(name),
            "Legen Sie den Export Ihrer Statistikstelle ab und tragen Sie unter "
            "[statistik.bevoelkerung] in qprofil.toml ein, wo er liegt und wie er aufgebaut ist "
            "(datei, format, spalten, filter; docs/konfiguration.md). „qprofil statistik“ zeigt, "
            "was gelesen wird.",
        )
    if raeume and not any(r.ebene == "Stadt" for r in raeume.values()):
        befunde.fehler(
            EingabeFehler(
                "Die Statistik enthält keine Zeilen für die Gesamtstadt.",
                Ort(name),
                "Die Gesamtstadt braucht die Raumebene „Stadt“ (Spalte, "
                "[statistik.bevoelkerung.raumebenen] nach Nummer oder raumebenen_namen nach "
                "Namen in qprofil.toml; docs/konfiguration.md).",
            )
        )
    ohne_geschlecht = not bevoelkerung.spalten.geschlecht and bevoelkerung.format == "lang"
    verteilungen = _verteilungen(zaehler, name, befunde, ohne_geschlecht=ohne_geschlecht)
    sozial: dict[tuple[dt.date, str], Sozialdaten] = {}
    quellen = [pfad]
    if sozialdaten is not None and str(sozialdaten.datei) not in ("", "."):
        sozial_pfad = _pfad(wurzel, sozialdaten.datei)
        sozial = _sozialdaten(
            sozial_pfad,
            sozialdaten,
            raeume,
            befunde,
            anzeige.get(sozial_pfad, str(sozialdaten.datei)),
            verteilungen,
            leser.mit_grenzen(_grenzen(sozialdaten, "statistik.sozialdaten")),
        )
        quellen.append(sozial_pfad)
    return Statistik(raeume, verteilungen, sozial, tuple(quellen))


def _grenzen(q: BevoelkerungsQuelle | SozialQuelle, schluessel_: str) -> Grenzen:
    return Grenzen(
        zeilen=q.max_zeilen,
        spalten=q.max_spalten,
        zellen=q.max_zellen,
        mb=q.max_mb,
        schluessel=schluessel_,
    )


def _anzahl(z: Zeile, spalte: str, *, punkt: bool, anzeige: str | None = None) -> int | None:
    """A count cell, at most HOECHSTE_ANZAHL."""
    wert = z.anzahl(spalte, punkt=punkt)
    if wert is not None and wert > HOECHSTE_ANZAHL:
        raise EingabeFehler(
            f"Die Anzahl {tausender(wert)} ist nicht plausibel (mehr als "
            f"{tausender(HOECHSTE_ANZAHL)}, mehr Menschen als in Deutschland leben).",
            z.ort(anzeige or spalte),
            "Prüfen Sie den Wert; oft ist beim Export ein Exponent oder eine Einheit verrutscht.",
        )
    return wert


class _Schreibweisen:
    """The first spelling of each Stichtag: one date in two spellings is one message, not
    thousands of duplicate rows."""

    def __init__(self, befunde: Befunde, spalte: str) -> None:
        self.befunde = befunde
        self.spalte = spalte
        self.erste: dict[dt.date, tuple[str, int]] = {}
        self.gemeldet: set[dt.date] = set()

    def abweichend(self, z: Zeile, tag: dt.date) -> bool:
        """True (and reported once per date) when the row spells its Stichtag differently."""
        roh = z.roh(self.spalte)
        text = "Excel-Datum" if isinstance(roh, dt.date) else z.zeile_text(self.spalte)
        erste = self.erste.setdefault(tag, (text, z.nr))
        if erste[0] == text:
            return False
        if tag not in self.gemeldet:
            self.gemeldet.add(tag)
            self.befunde.fehler(
                EingabeFehler(
                    f"Der Stichtag {tag:%d.%m.%Y} steht in zwei Schreibweisen in der Datei: "
                    f"„{erste[0]}“ (ab Zeile {erste[1]}) und „{text}“ (ab Zeile {z.nr}); die "
                    "Zeilen mit der zweiten Schreibweise wären Doppel der ersten.",
                    z.ort(self.spalte),
                    "Wahrscheinlich wurde derselbe Export zweimal eingefügt: Löschen Sie die "
                    "Zeilen mit einer der beiden Schreibweisen.",
                )
            )
        return True


class _Dubletten:
    """Duplicate rows: the first few one by one, the rest counted in one message."""

    def __init__(self, befunde: Befunde, name: str) -> None:
        self.befunde = befunde
        self.name = name
        self.anzahl = 0

    def melden(self, fehler: EingabeFehler) -> None:
        self.anzahl += 1
        if self.anzahl <= DUBLETTEN_EINZELN:
            self.befunde.fehler(fehler)

    def abschluss(self) -> None:
        weitere = self.anzahl - DUBLETTEN_EINZELN
        if weitere > 0:
            self.befunde.fehler(
                EingabeFehler(
                    f"… und {tausender(weitere)} weitere doppelte Zeilen.",
                    Ort(self.name),
                    "Wahrscheinlich wurde ein Teil der Tabelle zweimal eingefügt.",
                )
            )


def _pfad(wurzel: Path, datei: Path) -> Path:
    return datei if datei.is_absolute() else wurzel / datei


def _spalten_lesen(
    pfad: Path,
    name: str,
    blatt: str,
    spalten: dict[str, str],
    schluessel_praefix: str,
    leser: Leser,
) -> list[Zeile]:
    """Read a table whose columns come from the configuration; missing ones name the config key."""
    benutzt = {k: v for k, v in spalten.items() if v}
    try:
        return leser.tabelle(
            pfad, list(dict.fromkeys(benutzt.values())), blatt=blatt or None, anzeige=name
        )
    except FehlendeSpalten as err:
        fehlend = [k for k, v in benutzt.items() if v in err.fehlend]
        schluessel_text = ", ".join(f"{schluessel_praefix}.{k} = „{benutzt[k]}“" for k in fehlend)
        raise ProjektFehler(
            f"{err.meldung} Betroffene Einstellung: {schluessel_text}.",
            err.ort,
            "Tragen Sie in qprofil.toml den Spaltennamen ein, wie er in der Datei steht, oder "
            'lassen Sie die Einstellung leer (""), wenn die Quelle das Merkmal nicht hat '
            "(docs/konfiguration.md).",
        ) from err


def _lang_lesen(
    pfad: Path,
    name: str,
    q: BevoelkerungsQuelle,
    raeume: dict[str, Raum],
    befunde: Befunde,
    leser: Leser,
) -> Zaehler:
    sp = q.spalten
    spalten = {
        "stichtag": sp.stichtag,
        "raumebene": sp.raumebene if not q.raumebenen else "",
        "raum": sp.raum,
        "raumname": sp.raumname,
        "geschlecht": sp.geschlecht,
        "altersgruppe": sp.altersgruppe,
        "wert": sp.wert,
    }
    for feld in ("raum", "altersgruppe", "wert"):
        if not spalten[feld]:
            raise ProjektFehler(
                "Im langen Format braucht qprofil eine Spalte für dieses Merkmal.",
                Ort("qprofil.toml", spalte=f"statistik.bevoelkerung.spalten.{feld}"),
                "Tragen Sie den Spaltennamen der Quelle ein (docs/konfiguration.md).",
            )
    filter_spalten = dict(q.filter)
    zeilen = _spalten_lesen(
        pfad,
        name,
        q.blatt,
        {**spalten, **{f"filter.{k}": k for k in filter_spalten}},
        "statistik.bevoelkerung.spalten",
        leser,
    )
    geschlechter = {schluessel(k): v for k, v in q.geschlecht.items()}
    zuordnung = altersgruppen_zuordnung(q)
    zaehler: Zaehler = defaultdict(dict)
    _stichtag_pruefen(q, "statistik.bevoelkerung", hat_spalte=bool(sp.stichtag))
    stichtag_fest = q.stichtag_fest
    schreibweisen = _Schreibweisen(befunde, sp.stichtag)
    dubletten = _Dubletten(befunde, name)
    for z in zeilen:
        if any(schluessel(z.zeile_text(k)) != schluessel(v) for k, v in filter_spalten.items()):
            continue
        if ist_fusszeile(z, [v for v in spalten.values() if v]):
            continue
        with befunde.sammeln():
            tag = _stichtag(z, sp.stichtag, q.stichtag_ist_jahr) if sp.stichtag else stichtag_fest
            assert tag is not None  # _stichtag_pruefen
            if sp.stichtag and schreibweisen.abweichend(z, tag):
                continue
            raum = _raum(z, sp.raum, spalten["raumebene"], sp.raumname, q, raeume)
            if sp.geschlecht:
                text = z.zeile_text(sp.geschlecht)
                geschlecht = geschlechter.get(schluessel(text))
                if geschlecht is None:
                    raise EingabeFehler(
                        f"Unbekanntes Geschlecht „{text}“.",
                        z.ort(sp.geschlecht),
                        f"Erwartet wird {' oder '.join(f'„{k}“' for k in q.geschlecht)} "
                        "(einstellbar in [statistik.bevoelkerung.geschlecht]).",
                    )
            else:
                geschlecht = "gesamt"
            text = z.zeile_text(sp.altersgruppe)
            if schluessel(text) in zuordnung and zuordnung[schluessel(text)] is UEBERSPRINGEN:
                continue
            band = _band_von(text, zuordnung)
            if band is None:
                raise EingabeFehler(
                    f"Die Altersgruppe „{text}“ ist nicht lesbar.",
                    z.ort(sp.altersgruppe),
                    "Ordnen Sie sie in qprofil.toml unter [statistik.bevoelkerung.altersgruppen] "
                    f'zu, z. B. „"{text}" = "65 und älter"“, oder mit "" als keine Altersgruppe '
                    "(docs/konfiguration.md).",
                )
            zellen = zaehler[(tag, raum.nr)]
            if (geschlecht, band) in zellen:
                dubletten.melden(
                    EingabeFehler(
                        f"Doppelte Zeile: Raum {raum.nr}, {band.label}"
                        + (f", {z.zeile_text(sp.geschlecht)}" if sp.geschlecht else "")
                        + f", Stichtag {tag:%d.%m.%Y} steht schon weiter oben.",
                        z.ort(sp.altersgruppe),
                        "Löschen Sie die doppelte Zeile.",
                    )
                )
                continue
            zellen[(geschlecht, band)] = _anzahl(z, sp.wert, punkt=q.zahlenformat == "punkt")
    dubletten.abschluss()
    return zaehler


def kopfblock(
    roh: list[tuple[object, ...]], kennung: str, kopfzeilen: int, name: str, schluessel_: str
) -> tuple[int, int, list[list[str]], dict[str, int]]:
    """The header block of a sheet: first and last row, each column's labels top to bottom and
    a look-up from label to column.

    The block starts at the row holding ``kennung`` (within the first 20 rows; title rows above
    are skipped) and spans ``kopfzeilen`` rows. Merged cells arrive as one value followed by
    empty cells and are filled to the right (not in the last row, whose cells are single
    columns). A column is found by its full header ("A | B"), its lowest label, or any label of
    its block (the first column with that label: "Bevölkerung" over its description).
    """
    kopf_anfang = next(
        (
            i
            for i, r in enumerate(roh[:20])
            if any(schluessel(c) == schluessel(kennung) for c in r if c)
        ),
        None,
    )
    if kopf_anfang is None:
        raise ProjektFehler(
            f"Die Spalte „{kennung}“ steht in keiner der ersten 20 Zeilen von {name}.",
            Ort("qprofil.toml", spalte=schluessel_),
            "Tragen Sie den Namen der Spalte ein, wie er in der Kopfzeile steht "
            "(docs/konfiguration.md).",
        )
    # A vertically merged "Raum" cell holds its text in the top row: the header block starts
    # there and spans `kopfzeilen` rows downwards.
    kopf_ende = min(kopf_anfang + kopfzeilen - 1, len(roh) - 1)
    kopf = roh[kopf_anfang : kopf_ende + 1]
    breite = max(len(r) for r in kopf)
    teile: list[list[str]] = [[] for _ in range(breite)]
    for nr, r in enumerate(kopf):
        letzter = ""
        for j in range(breite):
            wert = einzeilig(r[j]) if j < len(r) and r[j] is not None else ""
            if wert:
                letzter = wert
            elif nr < len(kopf) - 1:
                wert = letzter
            if wert:
                teile[j].append(wert)
    namen: dict[str, int] = {}
    for j, t in enumerate(teile):
        namen.setdefault(schluessel(" | ".join(t)), j)
        if t:
            namen.setdefault(schluessel(t[-1]), j)
    for j, t in enumerate(teile):
        for teil in t:
            namen.setdefault(schluessel(teil), j)
    return kopf_anfang, kopf_ende, teile, namen


def _breit_lesen(
    pfad: Path,
    name: str,
    q: BevoelkerungsQuelle,
    raeume: dict[str, Raum],
    befunde: Befunde,
    leser: Leser,
) -> Zaehler:
    """Wide layout: one row per area; age (and sex) from the column headers.

    Areas are identified by code (``spalten.raum``) or, without codes, by name and level
    (``raumebenen_namen``). With ``spalten.insgesamt`` one missing age band is the total minus
    the others, and without a gap the bands must add up to the total.
    """
    sp = q.spalten
    nach_name = not sp.raum
    if nach_name and not sp.raumname:
        raise ProjektFehler(
            "Ohne Spalte für die Raum-Nr braucht qprofil die Spalte mit dem Raumnamen.",
            Ort("qprofil.toml", spalte="statistik.bevoelkerung.spalten.raumname"),
            "Tragen Sie den Spaltennamen mit den Namen der Räume ein (docs/konfiguration.md).",
        )
    kennung = sp.raumname if nach_name else sp.raum
    kennung_feld = "raumname" if nach_name else "raum"
    roh, blatt = leser.rohzeilen(pfad, blatt=q.blatt or None, anzeige=name)
    kopf_anfang, kopf_ende, teile, namen = kopfblock(
        roh, kennung, q.kopfzeilen, name, f"statistik.bevoelkerung.spalten.{kennung_feld}"
    )
    geschlechter = {schluessel(k): v for k, v in q.geschlecht.items()}
    zuordnung = altersgruppen_zuordnung(q)

    def index(feld: str, spalte: str) -> int | None:
        if not spalte:
            return None
        if schluessel(spalte) not in namen:
            raise ProjektFehler(
                f"Die Spalte „{spalte}“ fehlt in {name} (Kopfzeilen {kopf_anfang + 1} bis "
                f"{kopf_ende + 1}).",
                Ort(
                    "qprofil.toml",
                    spalte="statistik.bevoelkerung."
                    + (feld if feld.startswith("filter.") else f"spalten.{feld}"),
                ),
                "Tragen Sie den Spaltennamen ein, wie er in der Kopfzeile steht, oder prüfen Sie "
                "statistik.bevoelkerung.kopfzeilen (docs/konfiguration.md).",
            )
        return namen[schluessel(spalte)]

    i_raum = index(kennung_feld, kennung)
    i_tag = index("stichtag", sp.stichtag)
    i_name = index("raumname", sp.raumname)
    i_ebene = None if q.raumebenen or nach_name else index("raumebene", sp.raumebene)
    i_gesamt = index("insgesamt", sp.insgesamt)
    i_filter = {k: index(f"filter.{k}", k) for k in q.filter}
    feste = {i_raum, i_tag, i_name, i_ebene, i_gesamt, *i_filter.values()}
    spalten_info: dict[int, tuple[str, Altersband]] = {}
    for j, t in enumerate(teile):
        if j in feste:
            continue
        baender = [_band_von(x, zuordnung) for x in t if schluessel(x) in zuordnung]
        if UEBERSPRINGEN in baender and not any(baender):
            continue
        band = next((b for b in baender if b), None) or next(
            (b for b in (altersband_lesen(x) for x in t) if b), None
        )
        if band is None:
            continue
        geschlecht = next(
            (geschlechter[schluessel(x)] for x in t if schluessel(x) in geschlechter), "gesamt"
        )
        spalten_info[j] = (geschlecht, band)
    if not spalten_info:
        raise ProjektFehler(
            f"In den Kopfzeilen {kopf_anfang + 1} bis {kopf_ende + 1} von {name} steht keine "
            "lesbare Altersgruppe.",
            Ort("qprofil.toml", spalte="statistik.bevoelkerung.kopfzeilen"),
            "Prüfen Sie statistik.bevoelkerung.kopfzeilen; Altersgruppen wie „0 bis unter 3“ "
            "oder „75 und älter“, andere Bezeichnungen ordnen Sie unter "
            "statistik.bevoelkerung.altersgruppen zu (docs/konfiguration.md).",
        )
    luecke = _luecke(spalten_info, sp.insgesamt, name) if i_gesamt is not None else None
    _stichtag_pruefen(q, "statistik.bevoelkerung", hat_spalte=i_tag is not None)
    zaehler: Zaehler = defaultdict(dict)
    schreibweisen = _Schreibweisen(befunde, "stichtag")
    dubletten = _Dubletten(befunde, name)
    punkt = q.zahlenformat == "punkt"
    for i in range(kopf_ende + 1, len(roh)):
        r = roh[i]
        if not any(c is not None and str(c).strip() for c in r):
            continue
        werte: dict[str, object] = {}
        for feld, j in (
            ("raum", i_raum),
            ("stichtag", i_tag),
            ("raumname", i_name),
            ("raumebene", i_ebene),
            ("insgesamt", i_gesamt),
        ):
            if j is not None:
                werte[feld] = r[j] if j < len(r) else None
        for j in spalten_info:
            werte[f"#{j}"] = r[j] if j < len(r) else None
        for k, j in i_filter.items():
            werte[f"filter.{k}"] = r[j] if j is not None and j < len(r) else None
        z = Zeile(Path(name), blatt, i + 1, werte)
        if any(
            schluessel(z.zeile_text(f"filter.{k}")) != schluessel(v) for k, v in q.filter.items()
        ):
            continue
        if z.roh(kennung_feld) is None or all(z.roh(f"#{j}") is None for j in spalten_info):
            continue  # footer lines ("Quelle: …") fill only the first cell
        with befunde.sammeln():
            tag = (
                _stichtag(z, "stichtag", q.stichtag_ist_jahr)
                if i_tag is not None
                else q.stichtag_fest
            )
            assert tag is not None  # _stichtag_pruefen
            if i_tag is not None and schreibweisen.abweichend(z, tag):
                continue
            neu: dict[tuple[str, Altersband], int | None] = {}
            for j, (geschlecht, band) in spalten_info.items():
                spalte_name = " | ".join(teile[j])
                try:
                    neu[(geschlecht, band)] = _anzahl(z, f"#{j}", punkt=punkt)
                except EingabeFehler as err:
                    raise EingabeFehler(err.meldung, z.ort(spalte_name), err.hilfe) from err
            if i_gesamt is not None:
                _mit_insgesamt(z, sp.insgesamt, neu, luecke, punkt=punkt)
            if nach_name:
                raum = _raum_nach_name(z, q, raeume, tag, zaehler, neu)
            else:
                raum = _raum(
                    z, "raum", "raumebene" if i_ebene is not None else "", "raumname", q, raeume
                )
            zellen = zaehler[(tag, raum.nr)]
            if zellen:
                dubletten.melden(
                    EingabeFehler(
                        f"Raum {raum.nr} zum Stichtag {tag:%d.%m.%Y} steht doppelt in der Tabelle.",
                        z.ort(kennung),
                        "Löschen Sie die doppelte Zeile."
                        if not nach_name
                        else "Heißen zwei Räume gleich, tragen Sie die Ebene unter "
                        "statistik.bevoelkerung.raumebenen_namen ein (docs/konfiguration.md).",
                    )
                )
                continue
            zellen.update(neu)
    dubletten.abschluss()
    return zaehler


def _einwohner(zellen: dict[tuple[str, Altersband], int | None]) -> int:
    return sum(w or 0 for w in zellen.values())


def _luecke(
    spalten_info: dict[int, tuple[str, Altersband]], spalte: str, name: str
) -> Altersband | None:
    """The one age band missing between the columns, filled from the total column (or None)."""
    geschlechter = {g for g, _ in spalten_info.values()}
    baender = sorted({b for _, b in spalten_info.values()})
    luecken: list[Altersband] = []
    erwartet: int | None = 0
    for band in baender:
        if erwartet is None:
            break
        if band.von > erwartet:
            luecken.append(Altersband(erwartet, band.von))
        erwartet = band.bis if band.von >= erwartet else max(erwartet, band.bis or erwartet)
    if erwartet is not None:
        luecken.append(Altersband(erwartet, None))
    if not luecken:
        return None
    if len(luecken) > 1 or geschlechter != {"gesamt"}:
        raise ProjektFehler(
            f"Zwischen den Altersgruppen von {name} fehlen "
            + ", ".join(f"„{b.label}“" for b in luecken)
            + ("" if geschlechter == {"gesamt"} else " (bei Spalten nach Geschlecht)")
            + f"; aus der Spalte „{spalte}“ lässt sich nur eine fehlende Gruppe ohne "
            "Aufteilung nach Geschlecht ergänzen.",
            Ort("qprofil.toml", spalte="statistik.bevoelkerung.spalten.insgesamt"),
            "Nehmen Sie die fehlenden Altersgruppen in den Export auf (docs/konfiguration.md).",
        )
    return luecken[0]


def _mit_insgesamt(
    z: Zeile,
    spalte: str,
    neu: dict[tuple[str, Altersband], int | None],
    luecke: Altersband | None,
    *,
    punkt: bool,
) -> None:
    """Fill the missing band as total minus the others, or check that the bands add up."""
    try:
        gesamt = _anzahl(z, "insgesamt", punkt=punkt, anzeige=spalte)
    except EingabeFehler as err:
        raise EingabeFehler(err.meldung, z.ort(spalte), err.hilfe) from err
    teile = list(neu.values())
    summe = None if gesamt is None or None in teile else sum(w or 0 for w in teile)
    if luecke is not None:
        rest = None if summe is None or gesamt is None else gesamt - summe
        if rest is not None and rest < 0:
            raise EingabeFehler(
                f"Die Altersgruppen ergeben zusammen {tausender(summe or 0)}, mehr als "
                f"„{spalte}“ ({tausender(gesamt or 0)}).",
                z.ort(spalte),
                "Prüfen Sie die Zahlen der Zeile; die Spalte insgesamt muss alle Einwohner zählen.",
            )
        neu[("gesamt", luecke)] = rest
    elif summe is not None and summe != gesamt:
        raise EingabeFehler(
            f"Die Altersgruppen ergeben zusammen {tausender(summe)}, „{spalte}“ aber "
            f"{tausender(gesamt or 0)}.",
            z.ort(spalte),
            "Prüfen Sie die Zahlen der Zeile oder ob eine Altersgruppe doppelt gezählt ist.",
        )


def _raum_nach_name(
    z: Zeile,
    q: BevoelkerungsQuelle,
    raeume: dict[str, Raum],
    tag: dt.date,
    zaehler: Zaehler,
    neu: dict[tuple[str, Altersband], int | None],
) -> Raum:
    """An area without a code: identified by its name and level.

    The level comes from [statistik.bevoelkerung.raumebenen_namen] (default Unterbezirk). When
    a name listed as Stadtbezirk has two rows at a Stichtag, one is the Stadtbezirk and one its
    Stadtteil of the same name; the Stadtbezirk contains the Stadtteil, so the row with more
    residents is the Stadtbezirk, wherever it stands (heading above its Stadtteile, or in a
    block of Bezirke at the end). Unterbezirke are keyed by their name (as quartiere.xlsx lists
    them); the other levels by "Name (Ebene)".
    """
    name = z.pflicht("raumname")
    ebenen = {schluessel(k): v for k, v in q.raumebenen_namen.items()}
    ebene = EBENEN[ebenen.get(schluessel(name), "unterbezirk")]
    nr = name if ebene == "Unterbezirk" else f"{name} ({ebene})"
    if ebene == "Stadtbezirk" and zaehler.get((tag, nr)):
        if _einwohner(neu) > _einwohner(zaehler[(tag, nr)]):
            # The row read first was the Stadtteil: it moves to the Unterbezirk of that name.
            zaehler[(tag, name)] = zaehler.pop((tag, nr))
            raeume.setdefault(name, Raum(name, name, "Unterbezirk"))
        else:
            ebene, nr = "Unterbezirk", name
    raum = raeume.get(nr)
    if raum is None:
        raum = Raum(nr, name, ebene)
        raeume[nr] = raum
    return raum


def _stichtag_pruefen(
    q: BevoelkerungsQuelle | SozialQuelle, abschnitt: str, *, hat_spalte: bool
) -> None:
    """Every row needs a Stichtag: from a column, or one fixed date for the whole source.

    Checked once for the source: a missing column is one configuration message, not one per row.
    """
    if not hat_spalte and q.stichtag_fest is None:
        raise ProjektFehler(
            "Die Quelle hat keine Stichtag-Spalte.",
            Ort("qprofil.toml", spalte=f"{abschnitt}.spalten.stichtag"),
            "Tragen Sie die Spalte mit Datum oder Jahr ein oder setzen Sie "
            f"{abschnitt}.stichtag_fest = JJJJ-MM-TT, wenn der Stichtag nur im Titel steht "
            "(docs/konfiguration.md).",
        )


#: Small-area statistics in digital form do not go back further.
FRUEHESTER_STICHTAG = dt.date(1950, 1, 1)


def _stichtag(z: Zeile, spalte: str, ist_jahr: bool) -> dt.date:
    if ist_jahr:
        text = z.zeile_text(spalte)
        if not re.fullmatch(r"\d{4}", text.removesuffix(".0")):
            raise EingabeFehler(
                f"„{text}“ ist keine Jahreszahl.", z.ort(spalte), "Erwartet wird z. B. 2012."
            )
        tag: dt.date | None = dt.date(max(int(text[:4]), 1), 12, 31)
    else:
        tag = z.datum(spalte)
    if tag is None:
        raise EingabeFehler(
            "Der Stichtag fehlt.", z.ort(spalte), "Tragen Sie ihn als TT.MM.JJJJ ein."
        )
    if tag < FRUEHESTER_STICHTAG:
        raise EingabeFehler(
            f"Der Stichtag {tag.day:02d}.{tag.month:02d}.{tag.year:04d} ist nicht plausibel "
            f"(vor {FRUEHESTER_STICHTAG.year}).",
            z.ort(spalte),
            "Prüfen Sie die Jahreszahl; schreiben Sie den Stichtag als TT.MM.JJJJ, z. B. 31.12.2016.",
        )
    if tag > dt.date.today():
        raise EingabeFehler(
            f"Der Stichtag {tag:%d.%m.%Y} liegt in der Zukunft.",
            z.ort(spalte),
            "Statistik gibt es nur für vergangene Stichtage: Prüfen Sie die Jahreszahl.",
        )
    return tag


def _raum(
    z: Zeile,
    sp_raum: str,
    sp_ebene: str,
    sp_name: str,
    q: BevoelkerungsQuelle,
    raeume: dict[str, Raum],
) -> Raum:
    nr = z.pflicht(sp_raum)
    if nr.endswith(".0") and nr[:-2].isdigit():
        nr = nr[:-2]
    if q.raum_stellen and nr.isdigit():
        nr = nr.zfill(q.raum_stellen)
    if q.raumebenen:
        ebene = next((e for e, muster in q.raumebenen.items() if re.fullmatch(muster, nr)), None)
        ebene = EBENEN.get(schluessel(ebene), ebene) if ebene else None
        if ebene is None:
            raise EingabeFehler(
                f"Die Raum-Nr „{nr}“ passt zu keiner Raumebene.",
                z.ort(sp_raum),
                "Ergänzen Sie [statistik.bevoelkerung.raumebenen] in qprofil.toml "
                "(docs/konfiguration.md).",
            )
    else:
        ebene = EBENEN.get(schluessel(z.zeile_text(sp_ebene))) if sp_ebene else None
        if ebene is None:
            raise EingabeFehler(
                f"Unbekannte Raumebene „{z.zeile_text(sp_ebene)}“.",
                z.ort(sp_ebene),
                "Erwartet wird „Stadt“, „Stadtbezirk“ oder „Unterbezirk“.",
            )
    raum = raeume.get(nr)
    if raum is None:
        raum = Raum(nr, z.zeile_text(sp_name) if sp_name else nr, ebene)
        raeume[nr] = raum
    elif raum.ebene != ebene:
        raise EingabeFehler(
            f"Die Raum-Nr {nr} steht weiter oben als {raum.ebene}, hier als {ebene}.",
            z.ort(sp_ebene or sp_raum),
            "Jede Raum-Nr gehört zu genau einer Raumebene.",
        )
    return raum


def _verteilungen(
    zaehler: Zaehler, name: str, befunde: Befunde, *, ohne_geschlecht: bool
) -> dict[tuple[dt.date, str], AltersVerteilung]:
    alle_baender = sorted({band for zellen in zaehler.values() for _, band in zellen})
    _baender_pruefen(alle_baender, name, befunde)
    geschlechter = (
        ("gesamt",)
        if ohne_geschlecht
        else tuple(sorted({g for zellen in zaehler.values() for g, _ in zellen}))
    )
    if not ohne_geschlecht and geschlechter == ("gesamt",):
        ohne_geschlecht = True
    ergebnis = {}
    for (tag, nr), zellen in zaehler.items():
        fehlend = [
            f"{band.label}" + ("" if g == "gesamt" else f" {g}")
            for band in alle_baender
            for g in geschlechter
            if (g, band) not in zellen
        ]
        if fehlend:
            befunde.fehler(
                EingabeFehler(
                    f"Für Raum {nr} am {tag:%d.%m.%Y} fehlen Zeilen: {', '.join(fehlend[:4])}"
                    + (" …" if len(fehlend) > 4 else "")
                    + ".",
                    Ort(name),
                    "Jeder Raum braucht zu jedem Stichtag alle Altersgruppen"
                    + ("." if ohne_geschlecht else " für beide Geschlechter."),
                )
            )
            continue
        baender = tuple(alle_baender)
        if ohne_geschlecht:
            ergebnis[(tag, nr)] = AltersVerteilung.ohne_geschlecht(
                baender, tuple(zellen[("gesamt", b)] for b in baender)
            )
        else:
            ergebnis[(tag, nr)] = AltersVerteilung(
                baender,
                tuple(zellen[("m", b)] for b in baender),
                tuple(zellen[("w", b)] for b in baender),
            )
    return ergebnis


def _baender_pruefen(baender: list[Altersband], name: str, befunde: Befunde) -> None:
    erwartet = 0
    for band in baender:
        if band.von != erwartet:
            befunde.fehler(
                EingabeFehler(
                    f"Die Altersgruppen sind nicht lückenlos: nach {erwartet} Jahren folgt "
                    f"„{band.label}“.",
                    Ort(name),
                    "Die Altersgruppen müssen bei 0 beginnen und sich weder überlappen noch "
                    "Lücken haben.",
                )
            )
            return
        if band.bis is None:
            return
        erwartet = band.bis


def _sozialdaten(
    pfad: Path,
    q: SozialQuelle,
    raeume: dict[str, Raum],
    befunde: Befunde,
    name: str,
    verteilungen: dict[tuple[dt.date, str], AltersVerteilung] | None,
    leser: Leser,
) -> dict[tuple[dt.date, str], Sozialdaten]:
    sp = q.spalten
    spalten = sp.model_dump()
    ergebnis: dict[tuple[dt.date, str], Sozialdaten] = {}
    punkt = q.zahlenformat == "punkt"
    _stichtag_pruefen(q, "statistik.sozialdaten", hat_spalte=bool(sp.stichtag))
    if not sp.raum:
        raise ProjektFehler(
            "Die Sozialdaten brauchen eine Spalte mit der Raum-Nr oder dem Raumnamen.",
            Ort("qprofil.toml", spalte="statistik.sozialdaten.spalten.raum"),
            "Tragen Sie den Spaltennamen ein, wie er in der Kopfzeile steht "
            "(docs/konfiguration.md).",
        )
    filter_spalten = dict(q.filter)
    if q.kopfzeilen > 1:
        zeilen = _kopfblock_zeilen(pfad, name, q, spalten, leser)
    else:
        zeilen = _spalten_lesen(
            pfad,
            name,
            q.blatt,
            {**spalten, **{f"filter.{k}": k for k in filter_spalten}},
            "statistik.sozialdaten.spalten",
            leser,
        )
    gleichnamig = _gleichnamige_bezirke(raeume)
    for z in zeilen:
        if any(schluessel(z.zeile_text(k)) != schluessel(v) for k, v in filter_spalten.items()):
            continue
        if ist_fusszeile(z, [v for v in spalten.values() if v]):
            continue
        with befunde.sammeln():
            tag = _stichtag(z, sp.stichtag, q.stichtag_ist_jahr) if sp.stichtag else q.stichtag_fest
            assert tag is not None  # _stichtag_pruefen
            nr = raum_nr_abgleichen(z, sp.raum, raeume, befunde)
            bezirk = gleichnamig.get(nr)
            if (tag, nr) in ergebnis and bezirk is not None and (tag, bezirk) not in ergebnis:
                # A Stadtbezirk named like its Stadtteil: it contains the Stadtteil, so the row
                # with more households is the Stadtbezirk (as in the population statistics).
                alt = ergebnis[(tag, nr)]
                neu = _sozial_werte(z, sp, punkt)
                if (neu.haushalte or 0) > (alt.haushalte or 0):
                    ergebnis[(tag, bezirk)] = neu
                else:
                    ergebnis[(tag, bezirk)], ergebnis[(tag, nr)] = alt, neu
                continue
            if (tag, nr) in ergebnis:
                raise EingabeFehler(
                    f"Raum {nr} am {tag:%d.%m.%Y} steht doppelt in der Tabelle.",
                    z.ort(sp.raum),
                    "Löschen Sie die doppelte Zeile.",
                )

            def wert(spalte: str, z: Zeile = z) -> int | None:
                return _anzahl(z, spalte, punkt=punkt) if spalte else None

            daten = Sozialdaten(
                haushalte=wert(sp.haushalte),
                einpersonenhaushalte=wert(sp.einpersonenhaushalte),
                allein_lebende_65=wert(sp.allein_lebende_65),
                grundsicherung_65=wert(sp.grundsicherung_65),
            )
            # Checked against the area's residents 65+ only where the row is unambiguous.
            ab_65 = None if nr in gleichnamig else _ab_65((verteilungen or {}).get((tag, nr)))
            _teil_pruefen(
                z,
                sp.einpersonenhaushalte,
                daten.einpersonenhaushalte,
                sp.haushalte,
                daten.haushalte,
                "Haushalte",
            )
            _teil_pruefen(
                z,
                sp.allein_lebende_65,
                daten.allein_lebende_65,
                sp.einpersonenhaushalte,
                daten.einpersonenhaushalte,
                "Einpersonenhaushalte",
            )
            for spalte, teil in (
                (sp.allein_lebende_65, daten.allein_lebende_65),
                (sp.grundsicherung_65, daten.grundsicherung_65),
            ):
                _teil_pruefen(
                    z,
                    spalte,
                    teil,
                    "",
                    ab_65,
                    "Einwohnerinnen und Einwohner ab 65 Jahren in der Bevölkerungsstatistik",
                    statistik=True,
                )
            ergebnis[(tag, nr)] = daten
    return ergebnis


def _sozial_werte(z: Zeile, sp: SozialSpalten, punkt: bool) -> Sozialdaten:
    def wert(spalte: str) -> int | None:
        return _anzahl(z, spalte, punkt=punkt) if spalte else None

    return Sozialdaten(
        haushalte=wert(sp.haushalte),
        einpersonenhaushalte=wert(sp.einpersonenhaushalte),
        allein_lebende_65=wert(sp.allein_lebende_65),
        grundsicherung_65=wert(sp.grundsicherung_65),
    )


def _gleichnamige_bezirke(raeume: dict[str, Raum]) -> dict[str, str]:
    """Unterbezirk key → key of the Stadtbezirk of the same name (areas identified by name)."""
    bezirke = {schluessel(r.name): r.nr for r in raeume.values() if r.ebene == "Stadtbezirk"}
    return {
        r.nr: bezirke[schluessel(r.name)]
        for r in raeume.values()
        if r.ebene == "Unterbezirk" and schluessel(r.name) in bezirke and r.nr == r.name
    }


def _kopfblock_zeilen(
    pfad: Path, name: str, q: SozialQuelle, spalten: dict[str, str], leser: Leser
) -> list[Zeile]:
    """Rows of a table under several header rows, keyed by the configured column labels."""
    sp = q.spalten
    roh, blatt = leser.rohzeilen(pfad, blatt=q.blatt or None, anzeige=name)
    _, kopf_ende, _, namen = kopfblock(
        roh, sp.raum, q.kopfzeilen, name, "statistik.sozialdaten.spalten.raum"
    )
    indizes: dict[str, int] = {}
    for feld, label in [*spalten.items(), *((f"filter.{k}", k) for k in q.filter)]:
        if not label:
            continue
        if schluessel(label) not in namen:
            raise ProjektFehler(
                f"Die Spalte „{label}“ fehlt in {name}.",
                Ort("qprofil.toml", spalte=f"statistik.sozialdaten.spalten.{feld}"),
                "Tragen Sie den Spaltennamen ein, wie er in der Kopfzeile steht, oder prüfen Sie "
                "statistik.sozialdaten.kopfzeilen (docs/konfiguration.md).",
            )
        indizes[label] = namen[schluessel(label)]
    zeilen = []
    for i in range(kopf_ende + 1, len(roh)):
        r = roh[i]
        werte = {label: (r[j] if j < len(r) else None) for label, j in indizes.items()}
        if all(w is None or not str(w).strip() for w in werte.values()):
            continue
        zeilen.append(Zeile(Path(name), blatt, i + 1, werte))
    return zeilen


def _ab_65(verteilung: AltersVerteilung | None) -> int | None:
    """Residents aged 65 and over, when the age bands have a limit at 65 and all are known."""
    if verteilung is None or not any(b.von == 65 for b in verteilung.baender):
        return None
    werte = [
        w for b, w in zip(verteilung.baender, verteilung.insgesamt(), strict=True) if b.von >= 65
    ]
    return None if any(w is None for w in werte) else sum(w for w in werte if w is not None)


def _teil_pruefen(
    z: Zeile,
    spalte: str,
    teil: int | None,
    ganzes_spalte: str,
    ganzes: int | None,
    ganzes_name: str,
    *,
    statistik: bool = False,
) -> None:
    """A part (one-person households) must not be larger than its whole (households)."""
    if not spalte or teil is None or ganzes is None or teil <= ganzes:
        return
    vergleich = (
        f"als es {ganzes_name} gibt ({tausender(ganzes)})"
        if statistik
        else f"als „{ganzes_spalte}“ ({tausender(ganzes)})"
    )
    raise EingabeFehler(
        f"Die Zahl „{spalte}“ ({tausender(teil)}) ist größer {vergleich}: ein Teil kann nicht "
        "größer sein als das Ganze.",
        z.ort(spalte),
        "Prüfen Sie, ob die Zahlen in die richtigen Spalten und Zeilen (Raum, Stichtag) "
        "eingetragen sind.",
    )


def raum_nr_abgleichen(z: Zeile, spalte: str, raeume: dict[str, Raum], befunde: Befunde) -> str:
    """The area code of a cell, matched against the known codes; restores lost leading zeros."""
    nr = z.pflicht(spalte)
    if nr in raeume:
        return nr
    gleichnamig = [r.nr for r in raeume.values() if schluessel(r.name) == schluessel(nr)]
    if len(gleichnamig) == 1:
        return gleichnamig[0]
    ergaenzt = fuehrende_nullen_ergaenzen(nr, raeume)
    if ergaenzt is not None:
        befunde.hinweis(
            f"Raum-Nr „{nr}“ als „{ergaenzt}“ gelesen (führende Null ergänzt).",
            z.ort(spalte),
            "Formatieren Sie die Spalte in Excel als Text, damit die führende Null erhalten bleibt.",
        )
        return ergaenzt
    raise EingabeFehler(
        f"Die Raum-Nr „{nr}“ kommt in der Bevölkerungsstatistik nicht vor.",
        z.ort(spalte),
        "Prüfen Sie die Nummer; Raumnummern sind Text mit fester Stellenzahl (z. B. 0931).",
    )
