"""Reader for the quarter definitions (daten/quartiere.xlsx) and shared look-ups."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from qprofil.einlesen.tabelle import OHNE_CACHE, Leser, Zeile, fuehrende_nullen_ergaenzen
from qprofil.fehler import Befunde, EingabeFehler, Ort
from qprofil.modell import HANDLUNGSFELDER, Quartier, Raum, Seniorenbuero
from qprofil.text import schluessel

KUERZEL_MUSTER = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

QUARTIER_SPALTEN = (
    "Kürzel",
    "Quartier",
    "Stadtbezirk-Nr",
    "Stadtbezirk",
    "Unterbezirke",
    "Siedlungstyp",
    "Bauepoche",
    "Fläche (ha)",
    "Seniorenbüro",
)
BUERO_SPALTEN = ("Seniorenbüro", "Stadtbezirk-Nr")
BUERO_OPTIONAL = ("Träger", "Anschrift", "Telefon", "E-Mail", "Sprechzeiten")

#: The example that ``qprofil init`` writes: its quarter, the source its invented statistics
#: are cited as, and the note on every document. ``check`` and ``build`` give a hint while
#: they are in use.
BEISPIEL_KUERZEL = "beispiel"
BEISPIEL_QUELLE = "Beispieldaten von qprofil init (erfundene Zahlen)"
BEISPIEL_HINWEIS = (
    "Beispiel von qprofil init: Quartier und Zahlen sind erfunden. Ersetzen Sie sie durch "
    "Ihre eigenen Daten."
)


def quartiere_lesen(
    pfad: Path,
    befunde: Befunde,
    anzeige: str | None = None,
    raeume: Mapping[str, Raum] | None = None,
    *,
    leser: Leser = OHNE_CACHE,
) -> dict[str, Quartier]:
    """Read sheets „Quartiere“ and „Seniorenbüros“; quarters keyed by their Kürzel.

    With ``raeume`` (the areas of the statistics) every area code is checked against it, and
    codes that lost their leading zeros in Excel are restored with a hint.
    """
    name = anzeige or str(pfad)
    bueros: dict[str, Seniorenbuero] = {}
    for z in leser.tabelle(
        pfad, BUERO_SPALTEN, blatt="Seniorenbüros", optional=BUERO_OPTIONAL, anzeige=name
    ):
        with befunde.sammeln():
            buero = Seniorenbuero(
                name=z.pflicht("Seniorenbüro"),
                stadtbezirk_nr=z.pflicht("Stadtbezirk-Nr"),
                traeger=z.zeile_text("Träger"),
                anschrift=z.zeile_text("Anschrift"),
                telefon=z.zeile_text("Telefon"),
                email=z.zeile_text("E-Mail"),
                sprechzeiten=z.zeile_text("Sprechzeiten"),
            )
            bueros[schluessel(buero.name)] = buero

    quartiere: dict[str, Quartier] = {}
    for z in leser.tabelle(
        pfad, QUARTIER_SPALTEN, blatt="Quartiere", optional=("Motto",), anzeige=name
    ):
        with befunde.sammeln():
            q = _quartier(z, bueros, raeume, befunde)
            if q.kuerzel in quartiere:
                raise EingabeFehler(
                    f"Das Kürzel „{q.kuerzel}“ kommt doppelt vor.",
                    z.ort("Kürzel"),
                    "Jedes Quartier braucht ein eigenes Kürzel.",
                )
            quartiere[q.kuerzel] = q
    if not quartiere and not befunde.fehlerhaft:
        raise EingabeFehler(
            "Im Blatt sind keine Quartiere eingetragen.",
            Ort(name, "Quartiere"),
            "Tragen Sie je Quartier eine Zeile ein.",
        )
    return quartiere


def _quartier(
    z: Zeile,
    bueros: dict[str, Seniorenbuero],
    raeume: Mapping[str, Raum] | None,
    befunde: Befunde,
) -> Quartier:
    kuerzel = z.pflicht("Kürzel")
    if not KUERZEL_MUSTER.match(kuerzel):
        raise EingabeFehler(
            f"Das Kürzel „{kuerzel}“ ist ungültig.",
            z.ort("Kürzel"),
            "Erlaubt sind Kleinbuchstaben a–z, Ziffern und Bindestrich, ohne Umlaute "
            "(z. B. „luetgendortmund“).",
        )
    unterbezirke = tuple(
        _raum_nr(u, z, "Unterbezirke", raeume, befunde, ebene="Unterbezirk")
        for u in unterbezirke_teilen(z.pflicht("Unterbezirke"), raeume)
    )
    stadtbezirk_nr = _raum_nr(
        z.pflicht("Stadtbezirk-Nr"), z, "Stadtbezirk-Nr", raeume, befunde, ebene="Stadtbezirk"
    )
    buero_name = z.pflicht("Seniorenbüro")
    buero = bueros.get(schluessel(buero_name))
    if buero is None:
        raise EingabeFehler(
            f"Das Seniorenbüro „{buero_name}“ steht nicht im Blatt „Seniorenbüros“.",
            z.ort("Seniorenbüro"),
            "Schreiben Sie den Namen genau wie im Blatt „Seniorenbüros“ oder ergänzen Sie das Büro dort.",
        )
    return Quartier(
        kuerzel=kuerzel,
        name=z.pflicht("Quartier"),
        stadtbezirk_nr=stadtbezirk_nr,
        stadtbezirk=z.pflicht("Stadtbezirk"),
        unterbezirke=unterbezirke,
        siedlungstyp=z.zeile_text("Siedlungstyp"),
        bauepoche=z.zeile_text("Bauepoche"),
        flaeche_ha=_flaeche(z),
        seniorenbuero=buero,
        motto=z.zeile_text("Motto"),
    )


#: A quarter larger than this (Berlin has 89.100 ha) is a unit or typing error (m² for ha).
HOECHSTE_FLAECHE_HA = 100_000


def _flaeche(z: Zeile) -> Decimal | None:
    flaeche = z.zahl("Fläche (ha)")
    if flaeche is not None and not 0 < flaeche <= HOECHSTE_FLAECHE_HA:
        raise EingabeFehler(
            f"Eine Fläche von {z.zeile_text('Fläche (ha)')} ha ist nicht plausibel (zulässig "
            f"über 0 bis {HOECHSTE_FLAECHE_HA:,} ha)".replace(",", ".")
            + ".",
            z.ort("Fläche (ha)"),
            "Tragen Sie die Fläche des Quartiers in Hektar ein (1 ha = 10.000 m²), z. B. 182,4.",
        )
    return flaeche


def unterbezirke_teilen(text: str, raeume: Mapping[str, Raum] | None) -> list[str]:
    """The entries of an „Unterbezirke“ cell.

    Separated by comma, semicolon or line break; a part that is not a known area as a whole
    („0931 0932“) is split at spaces, so names with spaces („St. Pauli“) stay whole.
    """
    ergebnis: list[str] = []
    for teil in (t.strip() for t in re.split(r"[,;\n]+", text)):
        if not teil:
            continue
        woerter = teil.split()
        if (
            len(woerter) > 1
            and not _bekannt(teil, raeume)
            and all(w[:1].isdigit() for w in woerter)
        ):
            ergebnis.extend(woerter)
        else:
            ergebnis.append(" ".join(woerter))
    return ergebnis


def _bekannt(text: str, raeume: Mapping[str, Raum] | None) -> bool:
    if raeume is None:
        return False
    return text in raeume or any(schluessel(r.name) == schluessel(text) for r in raeume.values())


def _raum_nr(
    nr: str,
    z: Zeile,
    spalte: str,
    raeume: Mapping[str, Raum] | None,
    befunde: Befunde,
    *,
    ebene: str = "",
) -> str:
    """An area code of the quarter table, checked against the statistics.

    Where the statistics identify areas by name, the name of an area of the given level
    stands for it (a Stadtbezirk named like one of its Unterbezirke is still told apart).
    """
    if raeume is None or (nr in raeume and (not ebene or raeume[nr].ebene == ebene)):
        return nr
    gleichnamig = [
        r.nr for r in raeume.values() if r.ebene == ebene and schluessel(r.name) == schluessel(nr)
    ]
    if len(gleichnamig) == 1:
        return gleichnamig[0]
    if nr in raeume:
        return nr
    ergaenzt = fuehrende_nullen_ergaenzen(nr, raeume)
    if ergaenzt is None:
        raise EingabeFehler(
            f"Die Raum-Nr „{nr}“ steht nicht in der Bevölkerungsstatistik.",
            z.ort(spalte),
            "Prüfen Sie die Nummer; Raumnummern sind Text mit fester Stellenzahl (z. B. 0931).",
        )
    befunde.hinweis(
        f"Raum-Nr „{nr}“ als „{ergaenzt}“ gelesen (führende Null ergänzt).",
        z.ort(spalte),
        "Formatieren Sie die Spalte in Excel als Text, damit die führende Null erhalten bleibt.",
    )
    return ergaenzt


@functools.lru_cache(maxsize=8)
def _namen_index(paare: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Normalised Kürzel and name → Kürzel; the first quarter wins, as in a search in order."""
    index: dict[str, str] = {}
    for kuerzel, name in paare:
        index.setdefault(schluessel(kuerzel), kuerzel)
        index.setdefault(schluessel(name), kuerzel)
    return index


def quartier_zuordnen(
    text: str, quartiere: dict[str, Quartier], ort: Ort, *, alle_erlaubt: bool = False
) -> str | None:
    """The Kürzel for a quarter given by Kürzel or name; None for „alle“ where allowed."""
    s = schluessel(text)
    if alle_erlaubt and s in ("alle", "alle quartiere", "*"):
        return None
    kuerzel = _namen_index(tuple((q.kuerzel, q.name) for q in quartiere.values())).get(s)
    if kuerzel is not None:
        return kuerzel
    bekannte = ", ".join(q.kuerzel for q in quartiere.values())
    raise EingabeFehler(
        f"Unbekanntes Quartier „{text}“.",
        ort,
        f"Bekannte Quartiere: {bekannte}" + (" (oder „alle“)." if alle_erlaubt else "."),
    )


_HF_NAMEN = {schluessel(name): nr for nr, name in HANDLUNGSFELDER.items()}


def handlungsfeld_lesen(z: Zeile, spalte: str = "Handlungsfeld") -> int:
    """Parse a Handlungsfeld cell: ``1``, ``HF 2``, ``Handlungsfeld 3`` or the full name."""
    text = z.zeile_text(spalte)
    s = schluessel(text)
    if s in _HF_NAMEN:
        return _HF_NAMEN[s]
    treffer = re.match(r"^(?:hf|handlungsfeld)?\s*([123])(?:\D.*)?$", s)
    if treffer:
        return int(treffer.group(1))
    for name, nr in _HF_NAMEN.items():
        if s and name.startswith(s):
            return nr
    raise EingabeFehler(
        f"„{text}“ ist kein Handlungsfeld." if text else "Das Handlungsfeld fehlt.",
        z.ort(spalte),
        "Tragen Sie 1, 2 oder 3 ein (1 Wohnen …, 2 Gesundheit und Pflege, 3 Soziale Netze …).",
    )
