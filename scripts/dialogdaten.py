"""Erzeugt die fiktiven Beispieleingaben zum Bürgerdialog in ``daten/buergerdialog/<kürzel>/``.

Aufbau und Spalten folgen ``docs/buergerdialog.md``. Termine und Ergebnisse (Nachbarschaftstreff,
Stadtteilfest, Libellenwiese, „Derne bewegt sich“, „Digital aktiv in Marten“) folgen dem
veröffentlichten Ablauf; alle Namen, Orte, Kartentexte, Punkte, Bögen und Gesprächsinhalte sind
frei erfunden. Fester Zufallsstartwert: ein erneuter Lauf erzeugt dieselben Dateien.

Aufruf (im Projektordner)::

    python scripts/dialogdaten.py                # schreibt daten/buergerdialog/
    python scripts/dialogdaten.py --ziel /tmp/x  # in einen anderen Ordner
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from beispieldaten import breiten, kopf, speichere_xlsx, titel, zellen_umbruch
from openpyxl import Workbook
from openpyxl.styles import Alignment

PROJEKT = Path(__file__).resolve().parent.parent
HINWEIS = "fiktive Beispieldaten"
STARTWERT = 20170629


def zufall(schluessel: str) -> random.Random:
    """Eigener, reproduzierbarer Zufallsstrom je Zweck."""
    digest = hashlib.sha256(f"{STARTWERT}:{schluessel}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# ---------------------------------------------------------------------------------------------
# Bürgerwerkstätten
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Werkstatt:
    kuerzel: str
    angaben: list[tuple[str, object]]
    tagesordnung: list[tuple[object, str]]
    karten: list[tuple[str, str]]  # (Handlungsfeld wie eingetragen, Kartentext mit ¶)
    vorschlaege: list[tuple[str, str, object, object]]  # HF, Vorschlag, Punkte, Maßnahme Nr
    boegen: int
    # Verteilung der Antworten 1–5 je Frage (Gewichte) und Anteil leerer Antworten
    gewichte: tuple[tuple[int, int, int, int, int], ...]
    gefallen: list[str]
    verbessern: list[str]


MENGLINGHAUSEN = Werkstatt(
    kuerzel="menglinghausen",
    angaben=[
        ("Veranstaltung", "Bürgerwerkstatt Menglinghausen"),
        ("Datum", dt.datetime(2017, 6, 29)),
        ("Uhrzeit", "17:00 – 20:00 Uhr"),
        ("Ort", "Ev. Gemeindehaus Menglinghausen,  Kirchweg 12"),
        ("Moderation", "Frau Demir & Herr Kowalski (Seniorenbüro Hombruch)"),
        ("Teilnehmende ", "ca. 70"),
    ],
    tagesordnung=[
        (dt.time(17, 0), "Ankommen bei Kaffee & Kuchen"),
        (dt.time(17, 15), "Begrüßung durch die Bezirksbürgermeisterin"),
        (dt.time(17, 25), "Das Quartiersprofil Menglinghausen in Kürze"),
        ("17:45", "Thementische zu den drei Handlungsfeldern"),
        ("18:45", "Pause"),
        ("19:00", "Punkte kleben: Welche Vorschläge sind Ihnen am wichtigsten?"),
        ("19:40", "Wie geht es weiter? Ausblick & Dank"),
    ],
    karten=[
        ("1", "Bäckerei & Supermarkt sind zu Fuß gut erreichbar"),
        ("1", "Bushaltestelle Schulweg: Einstieg mit Rollator kaum möglich"),
        ("1", "Zu wenig Bänke zwischen Ortsmitte und Friedhof"),
        ("1", "Gehweg am Kirchweg  – Wurzeln,¶Stolpergefahr!"),
        ("1", "Abends fährt der Bus nur stündlich"),
        ("HF 1", "Parkende Autos auf dem Gehweg an der Grundschule"),
        ("1", "Wer schneidet die Hecken? Gehweg zugewachsen"),
        ("1", "Geldautomat fehlt seit die Sparkasse zu ist"),
        ("1", "Viele Stufen vor den Häusern – was, wenn man nicht mehr kann?"),
        ("Handlungsfeld 1", "Beleuchtung am Friedhofsweg zu dunkel"),
        ("2", "Hausarzt ist 2017 in Rente gegangen, Nachfolge unklar"),
        ("2", "Apotheke ist super: bringt auch Medikamente nach Hause"),
        ("2", "Wo gibt es Beratung zur Pflege – hier im Ort?"),
        ("HF 2", "Pflegedienst kommt oft zu unterschiedlichen Zeiten"),
        ("2", "Sportangebot für Ältere fehlt (Gymnastik, Spazierengehen)"),
        ("2", "Fahrt zum Facharzt nach Hombruch ist mühsam"),
        ("2", "Umbau im Bad: wer berät & wer bezahlt?"),
        ("3", "Es fehlt ein Treffpunkt, an dem man einfach so vorbeikommen kann"),
        ("3", "Café Kränzchen ist toll – aber nur einmal im Monat"),
        ("3", "Neue Nachbarn kennt man kaum noch"),
        ("3", "Früher gab es ein Dorffest – wieder einführen!"),
        ("3", "Hilfe beim Einkaufen, wenn man krank ist"),
        ("3", "Junge Familien & Ältere zusammenbringen"),
        ("3", "Schwarzes Brett für Hilfe-Angebote¶(z. B. am Dorfplatz)"),
        ("3", "Ich bin allein, seit mein Mann gestorben ist. Abends ist es still."),
        ("HF 3", "Wer kümmert sich um die Organisation? Ehrenamt braucht Unterstützung"),
        ("3", "Telefonkette für Alleinstehende"),
        ("Soziale Netze", "Kirchengemeinde & Vereine sollten mehr zusammenarbeiten"),
        ("3", "Mittagstisch für Ältere"),
    ],
    vorschlaege=[
        ("3", "Offener Treffpunkt für Jung & Alt im Gemeindehaus", 38, 1),
        ("3", "Wieder ein Dorffest – „Menglinghausen feiert“", 27, 2),
        ("1", "Mehr Bänke mit Armlehnen an der Hauptstraße", 21, 3),
        ("1", "Haltestellen barrierefrei umbauen", 19, 4),
        ("3", "Schwarzes Brett und Nachbarschaftsbörse", 12, 5),
        ("2", "Beratung zu Pflege & Wohnraumanpassung im Ort", 11, 6),
        ("2", "Gymnastik- und Spaziergruppe für Ältere", 9, None),
        ("1", "Begleitung zum Arzt und zum Einkaufen", 9, "7"),
        ("3", "Mittagstisch einmal pro Woche", 6, None),
        ("1", "Hecken schneiden lassen – Gehwege frei halten", 4, None),
        ("3", "Telefonkette für Alleinstehende", None, None),
    ],
    boegen=42,
    gewichte=((14, 18, 6, 2, 1), (10, 17, 9, 3, 1), (8, 14, 11, 5, 2), (20, 13, 5, 1, 1)),
    gefallen=[
        "Die Thementische & die vielen Gespräche mit Nachbarn – schön, dass so viele Ältere "
        "gekommen sind!",
        "Kaffee & Kuchen",
        "Dass man uns zuhört.",
        "Gute Moderation, jeder kam zu Wort.",
        "Die Punkte kleben hat Spaß gemacht",
        "Man hat endlich mal die Nachbarn von gegenüber kennengelernt.",
        "Das Quartiersprofil war verständlich erklärt¶(die Zahlen zum Alter haben mich überrascht)",
        "Alles",
        "Die Kinderbetreuung für die jungen Familien",
    ],
    verbessern=[
        "Der Saal war zu warm und zu laut.",
        "Mikrofon benutzen, hinten hat man wenig verstanden",
        "Die Stufen am Eingang – der Hintereingang war nicht ausgeschildert!",
        "Früher anfangen, im Dunkeln gehe ich nicht gern nach Hause",
        "Mehr Zeit an den Thementischen",
        "Ergebnisse bitte im Gemeindebrief veröffentlichen",
        "Große Schrift auf den Plakaten",
    ],
)

DERNE = Werkstatt(
    kuerzel="derne",
    angaben=[
        ("Veranstaltung", "Bürgerwerkstatt Derne"),
        ("Datum", "13.07.2017"),
        ("Uhrzeit", "16 bis 19 Uhr"),
        ("Ort", "Bürgerhaus Derne, Altenderner Straße 5"),
        ("Moderation", "Herr Nowak (Seniorenbüro Scharnhorst), Frau Schulte"),
        ("Teilnehmende", 46),
    ],
    tagesordnung=[
        (dt.time(16, 0), "Begrüßung"),
        (dt.time(16, 10), "Derne in Zahlen und Bildern – das Quartiersprofil"),
        (dt.time(16, 30), "Arbeit an Thementischen"),
        (dt.time(17, 30), "Pause mit Imbiss"),
        (dt.time(17, 45), "Vorstellung der Ergebnisse, Punktabfrage"),
        (dt.time(18, 40), "Nächste Schritte"),
    ],
    karten=[
        ("1", "Derner Straße: Überqueren ist gefährlich, Ampel zu weit weg"),
        ("1", "Grünzug ist schön – aber Wege holprig"),
        ("1", "Zechenhäuser: Bad im 1. Stock, kein Aufzug möglich"),
        ("1", "Einkaufen: Discounter am Ortsrand, zu Fuß 20 Minuten"),
        ("HF 1", "Bänke im Grünzug fehlen"),
        ("1", "Müll & Hundekot auf den Wegen"),
        ("1", "Busverbindung zum Klinikum dauert über eine Stunde"),
        ("1", "Beleuchtung¶am Bahnübergang"),
        ("2", "Bewegung für Ältere im Freien – z. B. Gymnastik im Park"),
        ("2", "Sportverein hätte Übungsleiter, aber keinen Raum"),
        ("2", "Es gibt nur noch eine Hausärztin, lange Wartezeiten"),
        ("2", "Pflegeberatung: wo? Viele wissen es nicht"),
        ("Gesundheit und Pflege", "Fitnessgeräte für Senioren wie in anderen Städten"),
        ("2", "Sturzprophylaxe-Kurs"),
        ("2", "Thementag Pflege mit den Pflegediensten"),
        ("3", "Kinder & Ältere zusammenbringen – Erzählcafé mit der Grundschule"),
        ("3", "Wir erfahren nichts von Angeboten – Zeitung für Derne?"),
        ("3", "Bergmannstradition: Geschichten aufschreiben"),
        ("3", "Nachbarschaftshilfe organisieren"),
        ("3", "Treffpunkt im Bürgerhaus öfter öffnen"),
        ("3", "Viele Alleinstehende in den Hochhäusern"),
        ("HF 3", "Interkulturelle Nachbarschaft: Sprachbarrieren abbauen"),
        ("3", "Internetkurs für Ältere"),
        ("3", "Ehrenamtliche brauchen Ansprechpartner"),
    ],
    vorschlaege=[
        ("2", "Bewegungstreff im Grünzug – „Derne bewegt sich“", 31, 8),
        ("1", "Sichere Querung der Derner Straße", 26, 12),
        ("2", "Fitnessgeräte & ebener Rundweg im Grünzug", 17, 9),
        ("3", "Erzählcafé: Kinder & Ältere", 14, 10),
        ("3", "Stadtteilzeitung, auch in großer Schrift", 10, 11),
        ("2", "Thementag „Pflege im Quartier“", 7, 13),
        ("3", "Internetkurs für Ältere", 7, None),
        ("1", "Mehr Bänke im Grünzug", 5, None),
    ],
    boegen=31,
    gewichte=((11, 13, 4, 2, 1), (8, 12, 7, 3, 1), (12, 12, 5, 1, 1), (15, 10, 4, 1, 1)),
    gefallen=[
        "Dass der Sportverein gleich mitmachen will!",
        "Gute Stimmung, viele bekannte Gesichter",
        "Der Imbiss & die Getränke",
        "Man konnte sagen, was einen ärgert – und es wurde aufgeschrieben.",
        "Übersichtliche Präsentation",
        "Bilder aus dem Quartier",
    ],
    verbessern=[
        "Einladung kam zu spät, hing nur im Bürgerhaus",
        "Mehr Jüngere einladen",
        "Die Punktabfrage war unübersichtlich",
        "Toilette im Keller – für Rollstuhl nicht erreichbar",
        "Bitte rückmelden, was aus den Vorschlägen wird!",
    ],
)

JUNGFERNTAL = Werkstatt(
    kuerzel="jungferntal",
    angaben=[
        ("Veranstaltung", "Bürgerwerkstatt Jungferntal"),
        ("Datum", dt.datetime(2017, 10, 6)),
        ("Uhrzeit", "15:00 bis 18:00 Uhr"),
        ("Ort", "Nachbarschaftstreff Jungferntal, Libellenweg 8"),
        ("Moderation", "Frau Petrović (Seniorenbüro Huckarde)"),
        ("Teilnehmende", "58"),
    ],
    tagesordnung=[
        ("15:00", "Ankommen, Kaffee"),
        ("15:15", "Begrüßung durch das Seniorenbüro Huckarde und die Wohnungsgesellschaft"),
        ("15:30", "Rundgang zur Libellenwiese (wer mag)"),
        ("16:00", "Thementische"),
        ("17:00", "Punkte verteilen"),
        ("17:30", "Zusammenfassung & Abschluss"),
    ],
    karten=[
        ("1", "Libellenwiese: schön, aber keine Bänke mit Lehne"),
        ("1", "Wege auf der Wiese matschig – mit Rollator unmöglich"),
        ("1", "Durchgänge zwischen den Hochhäusern nachts zu dunkel"),
        ("1", "Aufzug im Haus 14 oft kaputt"),
        ("1", "Einkaufszentrum ist nah, aber die Rampe ist steil"),
        ("Handlungsfeld 1", "Beschilderung fehlt, man verläuft sich in der Siedlung"),
        ("1", "Mehr Blumen & Pflanzen statt Rasen"),
        ("1", "Ein Umweltpfad für Enkel & Großeltern"),
        ("1", "Sitzplätze an der Bushaltestelle"),
        ("2", "Pflegeberatung im Treff, einmal im Monat"),
        ("2", "Ärzte nur in Huckarde – Fahrdienst?"),
        ("2", "Zu wenig Kurzzeitpflegeplätze"),
        ("HF 2", "Hausnotruf: wer hilft bei der Beantragung?"),
        ("2", "Gesundheitssprechstunde auf Türkisch & Russisch"),
        ("3", "Leerstehender Laden als Begegnungszentrum nutzen"),
        ("3", "Viele Ältere sind sehr allein in den Wohnungen"),
        ("3", "Paten für Nachbarn, die Hilfe brauchen"),
        ("3", "Nachbarschaftsagentur: eine Stelle, die alles koordiniert"),
        ("3", "Feste im Hof wie früher"),
        ("3", "Sprachcafé für Nachbarinnen aus verschiedenen Ländern"),
        ("3", "Angebote werden nur auf Deutsch bekannt gemacht"),
        ("Soziale Netze", "Hausmeister als Ansprechpartner ist wichtig"),
        ("3", "Mieterbeirat stärker beteiligen"),
        ("3", "Spieleabend im Treff"),
        ("3", "Armut: viele können sich den Eintritt ins Bad nicht leisten"),
        ("3", "Gemeinsam kochen"),
    ],
    vorschlaege=[
        ("1", "Libellenwiese attraktiver machen: Wege, Bänke, Pflanzen", 44, 14),
        ("3", "Begegnungszentrum im leeren Ladenlokal", 29, 16),
        ("1", "Durchgänge heller beleuchten", 20, 19),
        ("1", "Umweltpfad an der Libellenwiese", 13, 15),
        ("3", "Patenschaften für Nachbarn", 11, 17),
        ("2", "Sprechstunde Pflege & Gesundheit im Treff", 10, 20),
        ("3", "Nachbarschaftsagentur", 8, 18),
        ("3", "Sprachcafé", 8, None),
        ("2", "Fahrdienst zu den Ärzten", 6, None),
    ],
    boegen=38,
    gewichte=((12, 14, 8, 2, 1), (9, 13, 10, 4, 1), (13, 15, 6, 2, 1), (16, 12, 6, 2, 1)),
    gefallen=[
        "Der Rundgang zur Libellenwiese – so sieht man gleich, worum es geht",
        "Dass die Wohnungsgesellschaft da war & zugehört hat",
        "Es wurde übersetzt (Türkisch)",
        "Nette Leute kennengelernt",
        "Die Kinder haben Bilder gemalt",
    ],
    verbessern=[
        "Nicht am Freitagnachmittag, da ist Markt",
        "Mehr Stühle mit Armlehnen",
        "Schriftliche Einladung auch auf Türkisch & Russisch",
        "Kürzere Reden am Anfang",
        "Was passiert jetzt mit den Ergebnissen?",
    ],
)

WERKSTAETTEN = (MENGLINGHAUSEN, DERNE, JUNGFERNTAL)

FRAGEN = [
    (
        "F1 Zufriedenheit",
        "Skala",
        "Wie zufrieden sind Sie insgesamt mit der Veranstaltung?",
        "sehr zufrieden",
        "gar nicht zufrieden",
    ),
    ("F2 Anliegen", "Skala", "Konnten Sie Ihre Anliegen einbringen?", "voll und ganz", "gar nicht"),
    ("F3 Ort", "skala", "Wie gut waren Raum und Erreichbarkeit?", "sehr gut", "sehr schlecht"),
    (
        "F4 Wieder",
        "Skala",
        "Würden Sie wieder an einer solchen Veranstaltung teilnehmen?",
        "auf jeden Fall",
        "auf keinen Fall",
    ),
    ("F5 Gefallen", "Freitext", "Was hat Ihnen besonders gefallen?", None, None),
    ("F6 Verbesserung", "Freitext", "Was sollten wir beim nächsten Mal besser machen?", None, None),
]


def schreibe_veranstaltung(
    ordner: Path, angaben: list[tuple[str, object]], tagesordnung: list[tuple[object, str]] | None
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Angaben"
    start = titel(ws, [f"Bürgerdialog – Angaben zur Veranstaltung ({HINWEIS})"])
    kopf(ws, start, ["Feld", "Angabe"])
    for i, (feld, wert) in enumerate(angaben, start=start + 1):
        ws.cell(row=i, column=1, value=feld)
        zelle = ws.cell(row=i, column=2, value=wert)
        if isinstance(wert, dt.datetime):
            zelle.number_format = "DD.MM.YYYY"
    breiten(ws, {"A": 18, "B": 60})
    if tagesordnung is not None:
        ws = wb.create_sheet("Tagesordnung")
        start = titel(ws, [f"Ablauf ({HINWEIS})"])
        kopf(ws, start, ["Uhrzeit", "Programmpunkt"])
        for i, (zeit, punkt) in enumerate(tagesordnung, start=start + 1):
            zelle = ws.cell(row=i, column=1, value=zeit)
            if isinstance(zeit, dt.time):
                zelle.number_format = "HH:MM"
            ws.cell(row=i, column=2, value=punkt)
        breiten(ws, {"A": 10, "B": 70})
    speichere_xlsx(wb, ordner / "veranstaltung.xlsx", dt.datetime(2017, 10, 20, 9, 0))


def schreibe_ergebnisse(w: Werkstatt, ordner: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Themenkarten"
    start = titel(ws, [f"Abschrift der Moderationskarten – {HINWEIS}"])
    kopf(ws, start, ["Handlungsfeld", "Karte"])
    for i, (hf, text) in enumerate(w.karten, start=start + 1):
        ws.cell(row=i, column=1, value=int(hf) if hf.isdigit() else hf)
        zelle = ws.cell(row=i, column=2, value=zellen_umbruch(text, "crlf" if i % 2 else "lf"))
        zelle.alignment = Alignment(wrap_text=True)
    breiten(ws, {"A": 16, "B": 80})

    ws = wb.create_sheet("Vorschläge")
    start = titel(ws, [f"Vorschläge mit Klebepunkten – {HINWEIS}"])
    kopf(ws, start, ["Handlungsfeld", "Vorschlag", "Punkte", "Maßnahme Nr"])
    for i, (hf, text, punkte, nr) in enumerate(w.vorschlaege, start=start + 1):
        ws.cell(row=i, column=1, value=hf)
        ws.cell(row=i, column=2, value=text)
        ws.cell(row=i, column=3, value=punkte)
        ws.cell(row=i, column=4, value=nr)
    breiten(ws, {"A": 16, "B": 60, "C": 10, "D": 14})
    speichere_xlsx(wb, ordner / "ergebnisse.xlsx", dt.datetime(2017, 10, 20, 9, 0))


def schreibe_evaluation(w: Werkstatt, ordner: Path) -> None:
    rng = zufall(f"evaluation:{w.kuerzel}")
    wb = Workbook()
    ws = wb.active
    ws.title = "Bögen"
    start = titel(ws, [f"Evaluationsbögen, abgetippt – {HINWEIS}"])
    # Kopfzeile wie von Hand getippt: doppelte und angehängte Leerzeichen.
    kopf(
        ws,
        start,
        [
            "Bogen-Nr",
            "F1 Zufriedenheit",
            "F2  Anliegen",
            "F3 Ort ",
            "F4 Wieder",
            "F5 Gefallen",
            "F6 Verbesserung",
        ],
    )
    gefallen = list(w.gefallen)
    verbessern = list(w.verbessern)
    for b in range(w.boegen):
        zeile = start + 1 + b
        ws.cell(row=zeile, column=1, value=b + 1)
        for f, gewichte in enumerate(w.gewichte):
            wert: object = None
            if rng.random() > 0.05:  # gut jeder zwanzigste Bogen lässt eine Frage aus
                wert = rng.choices(range(1, 6), weights=gewichte)[0]
                if rng.random() < 0.1:
                    wert = f" {wert}"  # als Text mit Leerzeichen getippt
            ws.cell(row=zeile, column=2 + f, value=wert)
        # Die ersten Antworten der Listen erscheinen sicher, der Rest zufällig.
        if gefallen and (b < 2 or rng.random() < 0.35):
            ws.cell(row=zeile, column=6, value=zellen_umbruch(gefallen.pop(0), "crlf"))
        if verbessern and (b < 2 or rng.random() < 0.3):
            ws.cell(row=zeile, column=7, value=zellen_umbruch(verbessern.pop(0), "lf"))
    breiten(ws, {"A": 9, "B": 14, "C": 14, "D": 14, "E": 14, "F": 50, "G": 50})

    ws = wb.create_sheet("Fragen")
    start = titel(ws, [f"Schlüssel zum Bogen – {HINWEIS}"])
    kopf(ws, start, ["Spalte", "Art", "Frage", "Bedeutung 1", "Bedeutung 5"])
    for i, zeile_werte in enumerate(FRAGEN, start=start + 1):
        for j, wert in enumerate(zeile_werte, start=1):
            ws.cell(row=i, column=j, value=wert)
    breiten(ws, {"A": 18, "B": 10, "C": 60, "D": 18, "E": 18})
    speichere_xlsx(wb, ordner / "evaluation.xlsx", dt.datetime(2017, 10, 20, 9, 0))


# ---------------------------------------------------------------------------------------------
# Marten: Gespräche mit älteren Menschen statt einer Werkstatt
# ---------------------------------------------------------------------------------------------

MARTEN_ANGABEN: list[tuple[str, object]] = [
    ("Veranstaltung", "Gespräche mit älteren Menschen in Marten"),
    ("Datum", dt.datetime(2017, 9, 4)),
    ("Datum bis", "29.09.2017"),
    ("Uhrzeit", "nach Vereinbarung"),
    ("Ort", "bei den Befragten zu Hause und im Begegnungszentrum Marten"),
    ("Moderation", "Frau Yılmaz (Quartiersbüro Marten), Herr Brandt (Seniorenbüro Lütgendortmund)"),
    ("Teilnehmende", 13),
]

# Datum, Altersgruppe, Geschlecht, Handlungsfeld, Kernaussagen (¶), Wünsche (¶), Maßnahme Nr
INTERVIEWS: list[tuple[object, str, str, str, str, str, object]] = [
    (
        dt.datetime(2017, 9, 4),
        "75-84",
        "w",
        "3",
        "- Kinder wohnen in München, Telefonate über WhatsApp wären schön¶- Handy vom Enkel, "
        "aber keiner erklärt es",
        "Jemand, der mir das Smartphone in Ruhe erklärt",
        21,
    ),
    (
        dt.datetime(2017, 9, 5),
        "65-74",
        "m",
        "1",
        "- Fußweg zum Friedhof ist zugewachsen & dunkel¶- Geht jeden Tag zum Grab seiner Frau",
        "Weg frei schneiden, Laterne",
        26,
    ),
    (
        dt.datetime(2017, 9, 7),
        "85+",
        "W ",
        "2",
        "- Hausärztin macht keine Hausbesuche mehr¶- Tochter fährt sie zum Arzt",
        "Fahrdienst zum Arzt",
        None,
    ),
    (
        dt.datetime(2017, 9, 8),
        "65 – 74",
        "weiblich",
        "3",
        "- Im Begegnungszentrum trifft sie Frauen aus der Moschee-Gemeinde¶- Sprachkurs hat geholfen",
        "Mehr gemeinsame Feste; Angebote auch auf Türkisch",
        23,
    ),
    (
        dt.datetime(2017, 9, 11),
        "75-84",
        "m",
        "1",
        "- Marktplatz: öffentliche Toilette fast immer zu¶- Deshalb nur kurze Wege",
        "Toilette mit festen Öffnungszeiten",
        24,
    ),
    (
        dt.datetime(2017, 9, 12),
        "75–84",
        "w",
        "3",
        "- Alleinstehend seit 2015¶- Kennt in ihrem Haus fast niemanden mehr",
        "Jemand, der mal klingelt",
        22,
    ),
    (
        "13.09.2017",
        "65-74",
        "m",
        "3",
        "- Internet-Café im Quartiersbüro kennt er, traut sich aber nicht hin¶- „Ich bin doch "
        "zu alt für so was“",
        "Kurs nur für Ältere, langsam & mit Wiederholung",
        21,
    ),
    (
        dt.datetime(2017, 9, 15),
        "85+",
        "w",
        "2",
        "- Pflegedienst kommt morgens & abends¶- Tagsüber allein, Angst zu stürzen",
        "Hausnotruf, Besuchsdienst",
        None,
    ),
    (
        dt.datetime(2017, 9, 18),
        "65-74",
        "",
        "2",
        "- Arztbesuche mit Migrationshintergrund schwierig: Sprache¶- Sohn übersetzt, hat aber "
        "wenig Zeit",
        "Begleitung, die übersetzt",
        25,
    ),
    (
        dt.datetime(2017, 9, 20),
        "75-84",
        "m",
        "1",
        "- Bordsteine an der Hauptstraße zu hoch für Rollator¶- Bäcker & Apotheke gut erreichbar",
        "Abgesenkte Bordsteine",
        None,
    ),
    (
        dt.datetime(2017, 9, 22),
        "65-74",
        "w",
        "3",
        "- Engagiert sich im Kirchenchor¶- Würde gern mehr helfen, weiß nicht wo",
        "Eine Stelle, die Ehrenamt vermittelt",
        22,
    ),
    (
        dt.datetime(2017, 9, 26),
        "75-84",
        "w",
        "3",
        "- Enkel zeigen Fotos auf dem Tablet¶- Möchte selbst Fotos verschicken können",
        "Tabletkurs im Begegnungszentrum",
        "21",
    ),
    (
        dt.datetime(2017, 9, 29),
        "85+",
        "m",
        "1",
        "- Geht kaum noch raus, Treppe im Haus ohne Handlauf",
        "Handlauf, Hilfe beim Einkaufen",
        None,
    ),
]


def schreibe_interviews(ordner: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Interviews"
    start = titel(ws, [f"Gespräche mit älteren Menschen in Marten – Zusammenfassung ({HINWEIS})"])
    kopf(
        ws,
        start,
        [
            "Nr",
            "Datum",
            "Altersgruppe",
            "Geschlecht",
            "Handlungsfeld",
            "Kernaussagen",
            "Wünsche",
            "Maßnahme Nr",
        ],
    )
    for i, (datum, alter, geschlecht, hf, aussagen, wuensche, nr) in enumerate(INTERVIEWS, 1):
        zeile = start + i
        werte = [
            i,
            datum,
            alter,
            geschlecht,
            hf,
            zellen_umbruch(aussagen, "crlf"),
            zellen_umbruch(wuensche, "lf"),
            nr,
        ]
        for j, wert in enumerate(werte, start=1):
            zelle = ws.cell(row=zeile, column=j, value=wert)
            zelle.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(wert, dt.datetime):
                zelle.number_format = "DD.MM.YYYY"
    breiten(ws, {"A": 5, "B": 12, "C": 12, "D": 11, "E": 13, "F": 60, "G": 40, "H": 12})
    speichere_xlsx(wb, ordner / "interviews.xlsx", dt.datetime(2017, 10, 20, 9, 0))


README = """\
# Bürgerdialog – fiktive Beispieldaten

Alle Dateien in diesem Ordner sind **fiktive Beispieldaten**, erzeugt mit
`python scripts/dialogdaten.py`. Termine und die daraus entstandenen Maßnahmen folgen dem
veröffentlichten Ablauf; Orte, Namen, Kartentexte, Punkte, Evaluationsbögen und
Gesprächsinhalte sind erfunden. Aufbau der Dateien: `docs/buergerdialog.md`.

| Ordner | Art | Dateien |
|---|---|---|
| `menglinghausen/` | Bürgerwerkstatt 29.06.2017 | veranstaltung, ergebnisse, evaluation (42 Bögen) |
| `derne/` | Bürgerwerkstatt 13.07.2017 | veranstaltung, ergebnisse, evaluation (31 Bögen) |
| `jungferntal/` | Bürgerwerkstatt 06.10.2017 | veranstaltung, ergebnisse, evaluation (38 Bögen) |
| `marten/` | 13 Gespräche mit älteren Menschen, September 2017 | veranstaltung, interviews |

Absichtliche Eigenheiten wie in echten Rückläufen: Zeilenumbrüche in Zellen (teils `\\r\\n`),
`&`, Anführungszeichen, überzählige Leerzeichen (auch in Kopfzeilen), Uhrzeiten teils als
Excel-Zeit, teils als Text, Datum teils als Text, Teilnehmende als „ca. 70“, Handlungsfeld als
`1`, `HF 1`, `Handlungsfeld 1` oder Name, Likert-Antworten teils als Text mit Leerzeichen,
leere Antworten, ein Vorschlag ohne Punkte, Altersgruppen mit `-` oder `–`, Geschlecht als
`w`, `W `, `weiblich` oder leer.
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Erzeugt die Beispieleingaben zum Bürgerdialog.")
    parser.add_argument("--ziel", type=Path, default=PROJEKT / "daten" / "buergerdialog")
    ziel: Path = parser.parse_args(argv).ziel
    for w in WERKSTAETTEN:
        ordner = ziel / w.kuerzel
        schreibe_veranstaltung(ordner, w.angaben, w.tagesordnung)
        schreibe_ergebnisse(w, ordner)
        schreibe_evaluation(w, ordner)
    schreibe_veranstaltung(ziel / "marten", MARTEN_ANGABEN, None)
    schreibe_interviews(ziel / "marten")
    (ziel / "README.md").write_text(README, encoding="utf-8", newline="\n")
    print(f"Beispieleingaben zum Bürgerdialog geschrieben nach {ziel}")


if __name__ == "__main__":
    main()
