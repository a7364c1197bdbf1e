"""Document kind „flyer“: invitation to a quarter's citizen dialogue in plain language.

The key facts are the profile's indicators (``Quartierswerte``), formatted as in the profile
(``gemeinsam.wert_text``) and put into short sentences; nothing is computed anew.
"""

from __future__ import annotations

from collections.abc import Sequence

from qprofil.auswertung.kennzahlen import Fehlend, Kennzahl
from qprofil.dokumente.art import Auftrag, Bild, Dokumentart, Eigenschaften, Grundlage, Kontext
from qprofil.dokumente.gemeinsam import projekt_kontext, quartier_kontext, wert_text
from qprofil.fehler import Ort, ProjektFehler
from qprofil.modell import Quartiersdaten
from qprofil.projekt import Einladung, Projekt

FOTO_BREITE_MM = 170
FOTO_HOEHE_MAX_MM = 75
ORDINAL = {
    2: "zweite",
    3: "dritte",
    4: "vierte",
    5: "fünfte",
    6: "sechste",
    8: "achte",
    10: "zehnte",
}


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The template context of a flyer and its document properties."""
    (g,) = grundlagen
    daten = g.daten
    q = daten.quartier
    einladung = einladung_von(projekt, q.kuerzel)
    tage = g.werte.tage
    stadt = projekt.konfig.projekt.stadt
    foto: Bild | None = None
    v = g.bilder.titelfoto
    if v is not None:
        foto = Bild(
            v.bild,
            min(FOTO_BREITE_MM, FOTO_HOEHE_MAX_MM * v.breite_px / v.hoehe_px),
            v.foto.bildunterschrift,
        )
    kontext = {
        **projekt_kontext(projekt, tage),
        "quartier": quartier_kontext(q),
        "einladung": {
            "veranstaltung": einladung.veranstaltung,
            "wann": wann(einladung),
            "uhrzeit": einladung.uhrzeit,
            "ort": einladung.ort,
            "anschrift": einladung.anschrift,
            "anmeldung": einladung.anmeldung,
            "hinweis": einladung.hinweis,
        },
        "fakten": fakten(g.werte.alle, q.name, stadt),
        "foto": foto,
        "foto_text": daten.fotos[0].bildunterschrift if daten.fotos else "",
    }
    eigenschaften = Eigenschaften(
        titel=f"Einladung: {einladung.veranstaltung} in {q.name}",
        thema=projekt.konfig.projekt.titel,
        autor=projekt.konfig.projekt.herausgeber,
        datum=projekt.konfig.projekt.stand,
        stichworte=f"Flyer; Bürgerdialog; {q.name}; {q.stadtbezirk}",
    )
    return kontext, eigenschaften


def anwendbar(projekt: Projekt, daten: Quartiersdaten) -> bool:
    """True when the quarter has an invitation configured (else there is nothing to invite to)."""
    return daten.quartier.kuerzel in projekt.konfig.buergerdialog


def einladung_von(projekt: Projekt, kuerzel: str) -> Einladung:
    """The configured invitation of a quarter (qprofil.toml, [buergerdialog.<kürzel>])."""
    einladungen = projekt.konfig.buergerdialog
    if kuerzel not in einladungen:
        vorhanden = ", ".join(einladungen) or "keine"
        raise ProjektFehler(
            f"Für das Quartier „{kuerzel}“ fehlt die Einladung zum Bürgerdialog "
            f"(eingetragen: {vorhanden}).",
            Ort("qprofil.toml", spalte=f"buergerdialog.{kuerzel}"),
            f"Tragen Sie einen Abschnitt [buergerdialog.{kuerzel}] mit datum, uhrzeit, ort und "
            "anmeldung ein (siehe docs/buergerdialog.md).",
        )
    return einladungen[kuerzel]


def wann(e: Einladung) -> str:
    """Date in words: ``Donnerstag, 29. Juni 2017`` or ``4. September bis 29. September 2017``."""
    from babel.dates import format_date

    if e.datum_bis is None or e.datum_bis == e.datum:
        return str(format_date(e.datum, "EEEE, d. MMMM y", locale="de_DE"))
    anfang = "d. MMMM" if e.datum.year == e.datum_bis.year else "d. MMMM y"
    return (
        f"{format_date(e.datum, anfang, locale='de_DE')} bis "
        f"{format_date(e.datum_bis, 'd. MMMM y', locale='de_DE')}"
    )


def fakten(k: dict[str, Kennzahl], name: str, stadt: str) -> list[dict[str, str]]:
    """Three or four key facts: the profile's value and one or two short sentences each."""
    ergebnis = []

    def fakt(schluessel: str, text: str) -> None:
        if schluessel in k and not isinstance(k[schluessel].quartier, Fehlend):
            ergebnis.append(
                {"zahl": wert_text(k[schluessel].quartier, k[schluessel]), "text": text}
            )

    def anteil(schluessel: str) -> float:
        wert = k[schluessel].quartier if schluessel in k else Fehlend.NICHT_VERFUEGBAR
        return 0.0 if isinstance(wert, Fehlend) else wert

    fakt("einwohner", f"Menschen leben in {name}.")
    if "anteil_65" in k:
        vergleich = k["anteil_65"].stadt
        satz = f"{in_worten(anteil('anteil_65'), 'ist', 'sind')} 65 Jahre oder älter."
        if not isinstance(vergleich, Fehlend):
            satz += f" In ganz {stadt} sind es {wert_text(vergleich, k['anteil_65'])}."
        fakt("anteil_65", satz)
    fakt("anteil_80", f"{in_worten(anteil('anteil_80'), 'ist', 'sind')} 80 Jahre oder älter.")
    fakt(
        "allein_65",
        f"{in_worten(anteil('allein_65'), 'lebt', 'leben', ' ab 65 Jahren')} allein.",
    )
    return ergebnis


def in_worten(prozent: float, verb: str, verb_plural: str, zusatz: str = "") -> str:
    """A share in words: ``Mehr als jede vierte Person ist``, ``Etwa 7 von 100 Menschen sind``."""
    if 9.5 <= prozent <= 60:
        n = min(ORDINAL, key=lambda m: abs(prozent - 100 / m))
        abstand = prozent - 100 / n
        kleiner = [m for m in ORDINAL if m > n]
        if abstand < -0.08 * 100 / n and kleiner:
            # 22,5 % is not „fast jede vierte“ (25 %) but „mehr als jede fünfte“ (20 %): „fast“
            # only for a shortfall of less than a twelfth.
            n = min(kleiner)
            abstand = prozent - 100 / n
        wie = "Etwa" if abs(abstand) < 0.75 else ("Mehr als" if abstand > 0 else "Fast")
        return f"{wie} jede {ORDINAL[n]} Person{zusatz} {verb}"
    von_100 = max(1, round(prozent))
    return f"Etwa {von_100} von 100 Menschen{zusatz} {verb if von_100 == 1 else verb_plural}"


ART = Dokumentart(
    name="flyer",
    vorlage="flyer.docx",
    dateiname="flyer_{kuerzel}.docx",
    kontext=kontext,
    bilder=frozenset({"titelfoto"}),
    anwendbar=anwendbar,
)
