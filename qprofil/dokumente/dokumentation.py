"""Document kind „dokumentation“: documentation and evaluation of a quarter's citizen dialogue.

A workshop shows its topic cards by Handlungsfeld, the proposals ranked by votes and the
evaluation forms; a set of interviews shows who was asked and what they said. Both show which
proposals became measures (daten/massnahmen.xlsx).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from qprofil import zahlen
from qprofil.bilder.diagramme import Diagramm
from qprofil.bilder.likert import mittelwert
from qprofil.dokumente.art import Auftrag, Bild, Dokumentart, Eigenschaften, Grundlage, Kontext
from qprofil.dokumente.gemeinsam import projekt_kontext, quartier_kontext
from qprofil.fehler import EingabeFehler, Ort
from qprofil.modell import (
    HANDLUNGSFELDER,
    Buergerdialog,
    Evaluation,
    Interview,
    Massnahme,
    Quartiersdaten,
    Veranstaltung,
    Vorschlag,
)
from qprofil.projekt import Projekt

DIAGRAMM_BREITE_MM = 150


def kontext(projekt: Projekt, grundlagen: Sequence[Grundlage], auftrag: Auftrag) -> Kontext:
    """The template context of a dialogue documentation and its document properties."""
    (g,) = grundlagen
    daten = g.daten
    q = daten.quartier
    d = daten.dialog
    if d is None:
        ordner = projekt.pfad(projekt.konfig.eingaben.buergerdialog) / q.kuerzel
        raise EingabeFehler(
            f"Für das Quartier {q.name} liegen keine Eingaben zum Bürgerdialog vor.",
            Ort(projekt.relativ(ordner)),
            "Legen Sie den Ordner mit veranstaltung.xlsx und ergebnisse.xlsx oder interviews.xlsx "
            "an (siehe docs/buergerdialog.md).",
        )
    v = d.veranstaltung
    massnahmen = {m.nr: m for m in daten.massnahmen}
    rangfolge = _rangfolge(d.vorschlaege)
    rangliste = _rangliste(rangfolge)
    dialog = {
        "art": d.art,
        "titel": v.titel,
        "datum": _zeitraum(v),
        "uhrzeit": v.uhrzeit,
        "ort": v.ort,
        "moderation": v.moderation,
        "teilnehmende": _teilnehmende(v),
        "tagesordnung": [{"uhrzeit": p.uhrzeit, "titel": p.titel} for p in v.tagesordnung],
        "karten_anzahl": zahlen.zahl(len(d.themenkarten)),
        "punkte_summe": zahlen.zahl(sum(p.punkte for p in d.vorschlaege)),
        "handlungsfelder": [
            {
                "nr": str(nr),
                "name": name,
                "karten": [k.text for k in d.themenkarten if k.handlungsfeld == nr],
                "vorschlaege": [r for r in rangliste if r["handlungsfeld"] == str(nr)],
            }
            for nr, name in HANDLUNGSFELDER.items()
            if any(k.handlungsfeld == nr for k in (*d.themenkarten, *d.vorschlaege))
        ],
        "vorschlaege": rangliste,
        "umsetzung": _umsetzung(d, rangfolge, massnahmen),
        "interviews": _interviews(d.interviews) if d.art == "interviews" else None,
        "evaluation": _evaluation(d.evaluation, v, dict(g.bilder.likert)) if d.evaluation else None,
    }
    tage = g.werte.tage
    kontext = {
        **projekt_kontext(projekt, tage),
        "quartier": quartier_kontext(q),
        "dialog": dialog,
        "quellen": _quellen(d, g.daten),
    }
    eigenschaften = Eigenschaften(
        titel=f"Dokumentation: {v.titel}",
        thema=f"{projekt.konfig.projekt.titel} – Bürgerdialog {q.name}",
        autor=projekt.konfig.projekt.herausgeber,
        datum=max(projekt.konfig.projekt.stand, v.datum_bis or v.datum),
        stichworte=f"Bürgerdialog; Dokumentation; Evaluation; {q.name}; {q.stadtbezirk}",
    )
    return kontext, eigenschaften


def _quellen(d: Buergerdialog, daten: Quartiersdaten) -> list[dict[str, str]]:
    """What this documentation is based on, by title and date (no file paths)."""
    v = d.veranstaltung
    quellen = [f"{v.titel}, {_zeitraum(v)}: Ablauf und Teilnahme."]
    if d.art == "werkstatt":
        quellen.append(
            f"Ergebnisse der Arbeitsgruppen: {len(d.themenkarten)} Themenkarten, "
            f"{len(d.vorschlaege)} Vorschläge mit Punkten."
        )
    else:
        quellen.append(f"Gesprächsnotizen: {len(d.interviews)} Gespräche.")
    if d.evaluation is not None:
        quellen.append(f"Auswertung der Rückmeldebögen: {d.evaluation.boegen} Bögen.")
    if daten.massnahmen:
        quellen.append(
            f"Maßnahmevorschläge für das Quartier {daten.quartier.name} "
            f"({len(daten.massnahmen)} Vorschl{'äge' if len(daten.massnahmen) != 1 else 'ag'})."
        )
    return [{"text": t} for t in quellen]


def anwendbar(projekt: Projekt, daten: Quartiersdaten) -> bool:
    """True when the quarter's dialogue inputs exist (its dialogue may not have happened yet)."""
    return daten.dialog is not None


def _zeitraum(v: Veranstaltung) -> str:
    if v.datum_bis and v.datum_bis != v.datum:
        return f"{zahlen.datum(v.datum)} bis {zahlen.datum(v.datum_bis)}"
    return zahlen.datum(v.datum)


def _teilnehmende(v: Veranstaltung) -> str:
    if v.teilnehmende is None:
        return ""
    return ("ca. " if v.teilnehmende_ungefaehr else "") + zahlen.zahl(v.teilnehmende)


def _rangfolge(vorschlaege: Sequence[Vorschlag]) -> list[tuple[int, Vorschlag]]:
    """Proposals by votes, most first; equal votes share a rank and keep the file's order."""
    sortiert = sorted(vorschlaege, key=lambda p: -p.punkte)
    ergebnis: list[tuple[int, Vorschlag]] = []
    for i, p in enumerate(sortiert):
        gleich = i > 0 and sortiert[i - 1].punkte == p.punkte
        ergebnis.append((ergebnis[-1][0] if gleich else i + 1, p))
    return ergebnis


def _rangliste(rangfolge: list[tuple[int, Vorschlag]]) -> list[dict[str, str]]:
    return [
        {
            "rang": str(rang),
            "text": p.text,
            "handlungsfeld": str(p.handlungsfeld),
            "punkte": zahlen.zahl(p.punkte),
            "massnahmen": ", ".join(f"Nr. {nr}" for nr in p.massnahmen),
        }
        for rang, p in rangfolge
    ]


def _umsetzung(
    d: Buergerdialog, rangfolge: list[tuple[int, Vorschlag]], massnahmen: dict[str, Massnahme]
) -> list[dict[str, str]]:
    """One row per proposal (or interview) and the measure it became."""
    herkunft: list[tuple[str, tuple[str, ...]]] = [
        (f"{p.text} ({zahlen.zahl(p.punkte)} Punkte)", p.massnahmen) for _, p in rangfolge
    ]
    herkunft += [
        (f"Gespräch {i.nr}: {'; '.join(i.wuensche or i.aussagen)}", i.massnahmen)
        for i in d.interviews
    ]
    return [
        {
            "herkunft": text,
            "nr": nr,
            "titel": massnahmen[nr].titel,
            "status": massnahmen[nr].status,
            "zustaendig": massnahmen[nr].zustaendig,
        }
        for text, nummern in herkunft
        for nr in nummern
    ]


def _interviews(interviews: Sequence[Interview]) -> dict[str, Any]:
    """Who was asked and, by Handlungsfeld, what they said and wished for."""
    daten = sorted(i.datum for i in interviews if i.datum)
    alter = Counter(i.altersgruppe or "keine Angabe" for i in interviews)
    geschlecht = Counter(i.geschlecht for i in interviews)
    return {
        "anzahl": zahlen.zahl(len(interviews)),
        "zeitraum": (
            f"{zahlen.datum(daten[0])} bis {zahlen.datum(daten[-1])}"
            if len(set(daten)) > 1
            else zahlen.datum(daten[0])
            if daten
            else ""
        ),
        "altersgruppen": [
            {"gruppe": g, "anzahl": zahlen.zahl(n)}
            for g, n in sorted(alter.items(), key=lambda e: _zahl_am_anfang(e[0]))
        ],
        "geschlecht": "; ".join(
            f"{g}: {zahlen.zahl(geschlecht[g])}"
            for g in ("weiblich", "männlich", "divers", "keine Angabe")
            if geschlecht[g]
        ),
        "liste": [
            {
                "nr": str(i.nr),
                "datum": zahlen.datum(i.datum),
                "altersgruppe": i.altersgruppe,
                "geschlecht": i.geschlecht,
                "handlungsfeld": str(i.handlungsfeld),
            }
            for i in interviews
        ],
        "handlungsfelder": [
            {
                "nr": str(nr),
                "name": name,
                "anzahl": _gespraeche(sum(1 for i in interviews if i.handlungsfeld == nr)),
                "aussagen": [
                    {"text": a, "nr": str(i.nr)}
                    for i in interviews
                    if i.handlungsfeld == nr
                    for a in i.aussagen
                ],
                "wuensche": [
                    {"text": w, "nr": str(i.nr)}
                    for i in interviews
                    if i.handlungsfeld == nr
                    for w in i.wuensche
                ],
            }
            for nr, name in HANDLUNGSFELDER.items()
            if any(i.handlungsfeld == nr for i in interviews)
        ],
    }


def _evaluation(e: Evaluation, v: Veranstaltung, diagramme: dict[str, Diagramm]) -> dict[str, Any]:
    """Return rate, one chart and summary per scale question, the free-text answers."""
    fragen = []
    for nr, f in enumerate((f for f in e.fragen if not f.freitext), start=1):
        antworten = e.skala[f.spalte]
        d = diagramme[f.spalte]
        mittel = mittelwert(antworten)
        beantwortet = [a for a in antworten if a is not None]
        fragen.append(
            {
                "nr": str(nr),
                "text": f.text,
                "bild": Bild(d.png, DIAGRAMM_BREITE_MM, d.alt),
                "antworten": zahlen.zahl(len(beantwortet)),
                "mittelwert": zahlen.zahl(mittel, 1) if mittel is not None else "–",
                "anteil_1_2": (
                    zahlen.prozent(
                        100 * sum(1 for a in beantwortet if a <= 2) / len(beantwortet), 0
                    )
                    if beantwortet
                    else "–"
                ),
                "skala": (
                    f"1 = {f.bedeutung_1}, 5 = {f.bedeutung_5}"
                    if f.bedeutung_1 and f.bedeutung_5
                    else "1 bis 5"
                ),
            }
        )
    ruecklauf = zahlen.zahl(e.boegen) + " Bögen"
    if v.teilnehmende:
        ruecklauf += (
            f" von {_teilnehmende(v)} Teilnehmenden "
            f"({'ca. ' if v.teilnehmende_ungefaehr else ''}"
            f"{zahlen.prozent(100 * e.boegen / v.teilnehmende, 0)})"
        )
    return {
        "boegen": zahlen.zahl(e.boegen),
        "ruecklauf": ruecklauf,
        "fragen": fragen,
        "freitext": [
            {"frage": f.text, "zitate": list(e.freitext[f.spalte])}
            for f in e.fragen
            if f.freitext and e.freitext[f.spalte]
        ],
    }


def _gespraeche(n: int) -> str:
    return f"{zahlen.zahl(n)} Gespräch" + ("" if n == 1 else "e")


def _zahl_am_anfang(text: str) -> tuple[int, str]:
    ziffern = ""
    for zeichen in text:
        if not zeichen.isdigit():
            break
        ziffern += zeichen
    return (int(ziffern) if ziffern else 999, text)


ART = Dokumentart(
    name="dokumentation",
    vorlage="dokumentation.docx",
    dateiname="dokumentation_{kuerzel}.docx",
    kontext=kontext,
    bilder=frozenset({"likert"}),
    anwendbar=anwendbar,
)
