"""The configuration reference docs/konfiguration.md, generated from the models in projekt.py.

Types and defaults come from the pydantic models; the German meaning and an example of every
key are in :data:`BESCHREIBUNG` (keyed by model class and field). ``tests/test_konfig_doku.py``
fails when a model field has no entry, an entry has no field, or the file differs from what
this module writes. Regenerate with ``python -m qprofil.konfig_doku``.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from qprofil import projekt as p

#: Where the reference lies in the repository and how messages name it.
DOKU = "docs/konfiguration.md"

#: Per section: a German introduction.
ABSCHNITTE: dict[type[BaseModel], str] = {
    p.ProjektAngaben: "Wer die Dokumente herausgibt und für welche Stadt. Pflichtabschnitt.",
    p.Eingaben: (
        'Wo die Eingabedateien liegen, relativ zum Projektordner. Ein leerer Text (`""`) '
        "heißt: Das Projekt hat diese Eingabe nicht (z. B. keine Befragung). Die Profile sagen "
        "dann, dass sie fehlt, statt abzubrechen."
    ),
    p.Ausgabe: "Vorlagen- und Ausgabeordner, Auflösung der Fotos.",
    p.KennzahlEinstellungen: (
        "Definitionen, bei denen amtliche Quellen voneinander abweichen (Formeln: "
        "`docs/kennzahlen.md`)."
    ),
    p.VeraenderungEinstellungen: (
        "Ab welcher Veränderung der Veränderungsbericht (`qprofil changes`) sie in einem Satz "
        "nennt. Jede Art von Kennzahl hat ihre eigene Schwelle: Anteile in Prozentpunkten, "
        "Anzahlen in Prozent des früheren Werts, Alter in Jahren, Quotienten „je 100“ in Punkten."
    ),
    p.StatistikEinstellungen: (
        "Wo die kleinräumige Statistik liegt und wie sie zu lesen ist. Jede Statistikstelle "
        "exportiert anders; hier steht, welche Spalte der Quelle welches Merkmal enthält."
    ),
    p.BevoelkerungsQuelle: (
        "Einwohner nach Raum × Altersgruppe (× Geschlecht). Zwei Formen: **lang** (eine Zeile "
        "je Raum × Altersgruppe × Geschlecht, z. B. Kölns `bevoelkerung.csv`) und **breit** "
        "(eine Zeile je Raum, eine Spalte je Altersgruppe, oft unter mehreren Kopfzeilen mit "
        "verbundenen Zellen wie „männlich“ über den Altersgruppen). CSV und Excel-Mappen "
        "(.xlsx, beliebiges Blatt) werden direkt gelesen."
    ),
    p.BevoelkerungsSpalten: (
        "Die Spalte der Quelle für jedes Merkmal, so geschrieben wie in der Kopfzeile. Ein "
        'leerer Text (`""`) heißt: Die Quelle hat diese Spalte nicht. Im breiten Format mit '
        "mehreren Kopfzeilen genügt eine Beschriftung der Spalte (die erste Spalte mit ihr)."
    ),
    p.SozialQuelle: (
        "Haushalte und Grundsicherung je Raum, eine Zeile je Raum und Stichtag. Fehlt der "
        'Abschnitt (oder ist `datei = ""`), zeigen die Profile diese Kennzahlen als „nicht '
        "verfügbar“."
    ),
    p.SozialSpalten: 'Die Spalte der Quelle für jedes Merkmal; `""` = nicht in der Quelle.',
    p.Bezeichnungen: (
        "Die Wörter Ihrer Stadt für ihre Raumebenen, wie sie in den Dokumenten stehen "
        "(Steckbrief, Tabellenköpfe, Titel). In der Statistik heißen die Ebenen weiter "
        "`stadt`, `stadtbezirk`, `unterbezirk`."
    ),
    p.BefragungEinstellungen: (
        "Die Befragungsformulare, die `qprofil survey` für die Seniorenbüros schreibt "
        "(`docs/befragung.md`)."
    ),
    p.GrenzenEinstellungen: (
        "Lesegrenzen, die ein großes Projekt anheben kann (`docs/grenzen.md`). Jede Meldung über "
        "eine überschrittene Grenze nennt den Schlüssel, der sie anhebt."
    ),
    p.TabellenGrenzen: (
        "Grenzen für jede Tabelle außer der Statistik: Befragungen, Quartiersliste, "
        "Planauszüge, Maßnahmen, Fotolisten und Bürgerdialog."
    ),
    p.FotoGrenzen: "Das größte Foto, das qprofil öffnet.",
    p.VorlagenGrenzen: "Zeit und Speicher für das Ausfüllen eines Dokuments.",
    p.GremienvorlageEinstellungen: "Feste Angaben der Gremienvorlagen (`qprofil build --kind gremienvorlage`).",
    p.Gremium: (
        "Ein Gremium, das Vorlagen berät; ein Abschnitt `[[gremium]]` je Gremium, in der "
        "Reihenfolge der Beratung."
    ),
    p.KarteEinstellungen: (
        "Grenzen der statistischen Räume und Punktebenen für Karten und Zählungen. Fehlt der "
        "Abschnitt, enthalten die Profile keine Karten."
    ),
    p.Punktebene: "Eine Punktebene (GeoJSON, z. B. ein OpenStreetMap-Auszug) einer Art von Einrichtung.",
    p.Einladung: (
        "Die Einladung zum Bürgerdialog eines Quartiers für den Flyer; `<kürzel>` ist das "
        "Kürzel des Quartiers aus `quartiere.xlsx`."
    ),
}

#: Per model class name and field: (meaning, example line as written in qprofil.toml).
BESCHREIBUNG: dict[str, dict[str, tuple[str, str]]] = {
    "ProjektAngaben": {
        "titel": ("Titel des Vorhabens auf jedem Dokument.", 'titel = "Altersgerechte Quartiere"'),
        "stadt": ("Name der Stadt, wie er in Texten erscheint.", 'stadt = "Musterstadt"'),
        "herausgeber": (
            "Herausgeber im Impressum.",
            'herausgeber = "Stadt Musterstadt, Sozialamt"',
        ),
        "stand": (
            "Stand der Dokumente; steht auch als Erstellungsdatum in den Dokumenteigenschaften.",
            "stand = 2024-03-31",
        ),
        "hinweis": ("Hinweis auf jedem Dokument, z. B. dass Daten fiktiv sind.", 'hinweis = ""'),
    },
    "Eingaben": {
        "quartiere": (
            "Excel-Mappe mit den Quartieren (`docs/eingabedateien.md`).",
            'quartiere = "daten/quartiere.xlsx"',
        ),
        "befragung": (
            "Ordner mit den Befragungsbögen der Seniorenbüros.",
            'befragung = "daten/befragung"',
        ),
        "planauszuege": ("Excel-Mappe mit Auszügen aus Planwerken.", 'planauszuege = ""'),
        "begehungen": (
            "Ordner mit den Fotos der Quartiersbegehungen.",
            'begehungen = "daten/begehungen"',
        ),
        "massnahmen": (
            "Excel-Mappe mit den Maßnahmevorschlägen.",
            'massnahmen = "daten/massnahmen.xlsx"',
        ),
        "buergerdialog": ("Ordner mit den Ergebnissen der Bürgerdialoge.", 'buergerdialog = ""'),
    },
    "Ausgabe": {
        "vorlagen": ("Ordner mit den Word-Vorlagen.", 'vorlagen = "vorlagen"'),
        "berichte": ("Ordner, in den die Dokumente geschrieben werden.", 'berichte = "berichte"'),
        "foto_ppi": (
            "Auflösung der Fotos in ihrer Größe im Dokument (Bildpunkte je Zoll): 150 = Words "
            "„Web“, 220 = „Drucken“ (größere Dateien).",
            "foto_ppi = 150",
        ),
    },
    "_Grenzen": {
        "max_zeilen": (
            "Höchstens so viele Zeilen liest qprofil aus der Quelle (`docs/grenzen.md`).",
            "max_zeilen = 2000000",
        ),
        "max_spalten": ("Höchstens so viele Spalten.", "max_spalten = 2000"),
        "max_zellen": ("Höchstens so viele Zellen (Zeilen × Spalten).", "max_zellen = 20000000"),
        "max_mb": (
            "Höchstens so viele Megabyte Datei (und je entpacktem Teil einer .xlsx).",
            "max_mb = 400",
        ),
    },
    "GrenzenEinstellungen": {
        "tabellen": ("Siehe `[grenzen.tabellen]`.", ""),
        "fotos": ("Siehe `[grenzen.fotos]`.", ""),
        "vorlagen": ("Siehe `[grenzen.vorlagen]`.", ""),
    },
    "TabellenGrenzen": {
        "max_zeilen": ("Höchstens so viele Zeilen je Tabelle.", "max_zeilen = 200000"),
        "max_spalten": ("Höchstens so viele Spalten je Tabelle.", "max_spalten = 1000"),
        "max_zellen": (
            "Höchstens so viele Zellen (Zeilen × Spalten bis zur letzten gefüllten Zelle).",
            "max_zellen = 5000000",
        ),
        "max_mb": (
            "Höchstens so viele Megabyte Datei (und je entpacktem Teil einer .xlsx).",
            "max_mb = 100",
        ),
    },
    "FotoGrenzen": {
        "max_megapixel": (
            "Größere Fotos werden nicht geöffnet (110 lässt 108-Megapixel-Handyfotos zu; darüber "
            "liegen Panoramen oder absichtlich aufgeblähte Dateien).",
            "max_megapixel = 200",
        ),
    },
    "VorlagenGrenzen": {
        "max_sekunden": (
            "Höchstens so viele Sekunden für das Ausfüllen eines Dokuments.",
            "max_sekunden = 120",
        ),
        "max_mb": (
            "Höchstens so viele Megabyte zusätzlicher Speicher beim Ausfüllen eines Dokuments.",
            "max_mb = 2048",
        ),
    },
    "BevoelkerungsQuelle": {
        "datei": (
            "Die Datei der Quelle (.csv oder .xlsx).",
            'datei = "daten/statistik/einwohner.xlsx"',
        ),
        "quelle": (
            "Wie die Dokumente die Quelle nennen (nach „Quelle:“); leer = „kleinräumige "
            "Bevölkerungsstatistik der Stadt“ mit `projekt.stadt`.",
            'quelle = "Statistisches Amt der Hansestadt, Stadtteilprofile 2022"',
        ),
        "format": (
            '"lang": eine Zeile je Raum × Altersgruppe (× Geschlecht); "breit": eine Zeile je '
            "Raum, Altersgruppen als Spalten.",
            'format = "breit"',
        ),
        "blatt": ("Blatt einer Excel-Mappe; leer = das erste Blatt.", 'blatt = "Stadtteile"'),
        "kopfzeilen": (
            "Breites Format: Anzahl der Kopfzeilen ab der Zeile mit der Raumspalte (z. B. 3, wenn "
            "„Insgesamt“/„davon im Alter von“/„Unter 18-Jährige“ untereinander stehen). Verbundene "
            "Zellen gelten für alle Spalten darunter. Titelzeilen darüber werden übersprungen.",
            "kopfzeilen = 3",
        ),
        "filter": (
            "Nur Zeilen, deren Spalte diesen Wert hat (langes und breites Format), z. B. eine "
            "Tabelle von mehreren in einer Datei oder ein Jahr von mehreren.",
            'filter = { tabelle = "Einwohner nach Alter" }',
        ),
        "spalten": ("Siehe `[statistik.bevoelkerung.spalten]`.", ""),
        "geschlecht": (
            "Bezeichnungen der Geschlechter in der Quelle → `m` oder `w`.",
            'geschlecht = { "Männer" = "m", "Frauen" = "w" }',
        ),
        "altersgruppen": (
            "Bezeichnungen der Altersgruppen, die qprofil nicht selbst erkennt → Altersgruppe in "
            "der Form „A bis unter B“ oder „A und älter“. Von selbst erkannt werden z. B. "
            "„0 bis unter 3“, „00-<03“, „80-85“, „90 und älter“, „90+“, „unter 18“, "
            "„Unter 18-Jährige“, „18- bis 64-Jährige“ (64 eingeschlossen), „65-Jährige und "
            'Ältere“. `""` heißt: keine Altersgruppe, Zeile oder Spalte überspringen (z. B. '
            "„Insgesamt“ im langen Format).",
            'altersgruppen = { "Kinder" = "0 bis unter 18", "Insgesamt" = "" }',
        ),
        "raumebenen": (
            "Raumebene nach dem Muster der Raum-Nr (regulärer Ausdruck), wenn die Quelle keine "
            "Spalte für die Ebene hat. Ebenen: `stadt`, `stadtbezirk`, `unterbezirk`.",
            'raumebenen = { stadt = "000", stadtbezirk = "00[1-9]", unterbezirk = "[1-9]\\\\d\\\\d" }',
        ),
        "raumebenen_namen": (
            'Breites Format ohne Raum-Nr (`spalten.raum = ""`): Raumebene nach dem Namen '
            "(ohne Groß-/Kleinschreibung). Die Zeile der Gesamtstadt tragen Sie als `stadt` ein, "
            "die Stadtbezirke als `stadtbezirk`; alle anderen Namen sind `unterbezirk`. Heißt ein "
            "Stadtbezirk wie einer seiner Stadtteile, stehen zwei Zeilen mit dem Namen in der "
            "Datei: Die mit mehr Einwohnern ist der Stadtbezirk (er enthält den Stadtteil), "
            "gleich ob er als Überschrift über seinen Stadtteilen oder in einem Block am Ende "
            "steht. In `quartiere.xlsx` stehen dann Namen statt Nummern (Unterbezirke durch "
            "Komma getrennt, „St. Pauli“ bleibt ganz; unter „Stadtbezirk-Nr“ der Name des "
            "Stadtbezirks).",
            'raumebenen_namen = { "Hamburg" = "stadt", "Bergedorf" = "stadtbezirk" }',
        ),
        "raum_stellen": (
            "Feste Stellenzahl der Raum-Nr: ergänzt führende Nullen, die Excel entfernt hat.",
            "raum_stellen = 3",
        ),
        "zahlenformat": (
            '"deutsch": 1.234,5; "punkt": 1234.5 (Exporte von Programmen).',
            'zahlenformat = "punkt"',
        ),
        "stichtag_ist_jahr": (
            "Die Stichtag-Spalte enthält ein Jahr; Stichtag ist dann der 31.12.",
            "stichtag_ist_jahr = true",
        ),
        "stichtag_fest": (
            "Der Stichtag, wenn die Quelle keine Spalte dafür hat (er steht z. B. nur im Titel); "
            'dann `spalten.stichtag = ""`.',
            "stichtag_fest = 2023-12-31",
        ),
    },
    "BevoelkerungsSpalten": {
        "stichtag": ('Stichtag (Datum oder Jahr); `""` mit `stichtag_fest`.', 'stichtag = "Jahr"'),
        "raumebene": (
            "Raumebene: „Stadt“, „Stadtbezirk“, „Unterbezirk“ (oder `raumebenen` / "
            "`raumebenen_namen`).",
            'raumebene = ""',
        ),
        "raum": (
            'Raum-Nr; `""`, wenn die Quelle nur Namen hat (dann `raumebenen_namen`).',
            'raum = "raum_id"',
        ),
        "raumname": ("Name des Raums.", 'raumname = "Stadtteil"'),
        "geschlecht": ('Langes Format: Geschlecht; `""` = keine Aufteilung.', 'geschlecht = ""'),
        "altersgruppe": ("Langes Format: Altersgruppe.", 'altersgruppe = "zeile"'),
        "wert": ("Langes Format: Anzahl der Einwohner.", 'wert = "zahl"'),
        "insgesamt": (
            "Breites Format: Spalte mit allen Einwohnern. Fehlt zwischen den Altersgruppen genau "
            "eine (z. B. 18 bis unter 65 bei „Unter 18“ und „65 und älter“), ist sie "
            "Insgesamt minus die übrigen; sonst muss die Summe der Gruppen Insgesamt ergeben.",
            'insgesamt = "Insgesamt"',
        ),
    },
    "SozialQuelle": {
        "datei": (
            'Die Datei der Quelle (.csv oder .xlsx); `""` = keine Sozialdaten.',
            'datei = "daten/statistik/sozialdaten.xlsx"',
        ),
        "blatt": ("Blatt einer Excel-Mappe; leer = das erste Blatt.", 'blatt = "Sozialdaten"'),
        "kopfzeilen": (
            "Anzahl der Kopfzeilen ab der Zeile mit der Raumspalte, wie bei "
            "`[statistik.bevoelkerung]`; eine Spalte ist über jede Beschriftung ihres "
            "Kopfblocks auffindbar. Die Sozialdaten dürfen in derselben Mappe wie die "
            "Bevölkerung stehen.",
            "kopfzeilen = 3",
        ),
        "filter": ("Nur Zeilen, deren Spalte diesen Wert hat.", 'filter = { Jahr = "2013" }'),
        "spalten": ("Siehe `[statistik.sozialdaten.spalten]`.", ""),
        "zahlenformat": ('"deutsch": 1.234,5; "punkt": 1234.5.', 'zahlenformat = "deutsch"'),
        "stichtag_ist_jahr": (
            "Die Stichtag-Spalte enthält ein Jahr; Stichtag ist dann der 31.12.",
            "stichtag_ist_jahr = true",
        ),
        "stichtag_fest": (
            'Der Stichtag, wenn die Quelle keine Spalte dafür hat; dann `spalten.stichtag = ""`.',
            "stichtag_fest = 2023-12-31",
        ),
    },
    "SozialSpalten": {
        "stichtag": (
            'Stichtag (Datum oder Jahr); `""` mit `stichtag_fest`.',
            'stichtag = "Stichtag"',
        ),
        "raum": (
            "Raum-Nr wie in der Bevölkerungsstatistik, oder der Raumname, wenn diese keine "
            "Nummern hat (gleichnamige Stadtbezirke und Stadtteile: die Zeile mit mehr "
            "Haushalten ist der Stadtbezirk).",
            'raum = "Raum-Nr"',
        ),
        "haushalte": ("Haushalte insgesamt.", 'haushalte = "Haushalte"'),
        "einpersonenhaushalte": ("Einpersonenhaushalte.", 'einpersonenhaushalte = ""'),
        "allein_lebende_65": ("Personen ab 65 in Einpersonenhaushalten.", 'allein_lebende_65 = ""'),
        "grundsicherung_65": (
            "Empfänger/-innen von Grundsicherung im Alter (65+).",
            'grundsicherung_65 = ""',
        ),
    },
    "StatistikEinstellungen": {
        "bevoelkerung": ("Siehe `[statistik.bevoelkerung]`.", ""),
        "sozialdaten": ("Siehe `[statistik.sozialdaten]`.", ""),
    },
    "VeraenderungEinstellungen": {
        "schwelle_prozentpunkte": (
            "Ein Anteil (z. B. 80-Jährige und Ältere in %) gilt als deutlich verändert ab dieser "
            "Zahl von Prozentpunkten.",
            "schwelle_prozentpunkte = 0.5",
        ),
        "schwelle_prozent": (
            "Eine Anzahl (Einwohner, Haushalte) gilt als deutlich verändert ab dieser Änderung in "
            "Prozent des früheren Werts.",
            "schwelle_prozent = 2.0",
        ),
        "schwelle_jahre": (
            "Das Durchschnittsalter gilt als deutlich verändert ab dieser Zahl von Jahren.",
            "schwelle_jahre = 0.5",
        ),
        "schwelle_punkte": (
            "Ein Quotient „je 100“ (Altenquotient, Hochaltrigenquote) gilt als deutlich "
            "verändert ab dieser Zahl von Punkten.",
            "schwelle_punkte = 1.0",
        ),
    },
    "BefragungEinstellungen": {
        "ausgang": (
            "Ordner für die leeren Formulare, relativ zum Projektordner; nie `daten/` (ein leeres "
            "Formular ist keine Antwort).",
            'ausgang = "berichte/befragung-ausgang"',
        ),
        "frist": (
            "Datum, bis zu dem die Seniorenbüros das Formular zurückschicken; leer = kein Datum "
            "auf dem Formular.",
            "frist = 2017-05-15",
        ),
        "kontakt": (
            "Ansprechperson für Rückfragen, steht auf dem Hinweisblatt des Formulars.",
            'kontakt = "Frau Muster, Tel. 0231 50-12345"',
        ),
        "formular_je": (
            '`"quartier"`: ein Formular je Quartier. `"seniorenbuero"`: ein Formular je '
            "Seniorenbüro für alle seine Quartiere (laut Spalte „Seniorenbüro“ in "
            "`quartiere.xlsx`); die Antworten nennen das Quartier je Zeile, `survey --import` "
            "legt daraus je Quartier eine Antwortdatei an.",
            'formular_je = "seniorenbuero"',
        ),
    },
    "KennzahlEinstellungen": {
        "stichtag": (
            "Stichtag der Profile; leer = der jüngste in den Daten.",
            "stichtag = 2023-12-31",
        ),
        "altenquotient": (
            'Altenquotient: "destatis" (65+ je 100 von 20–64), "sozialbericht" (18–64) oder '
            '"statistikportal" (15–64).',
            'altenquotient = "destatis"',
        ),
        "altenquotient_quelle": (
            "Quelle der Altenquotient-Definition in der Anmerkung des Profils. Leer: bei "
            "„destatis“ das Statistische Bundesamt, bei „sozialbericht“ und „statistikportal“ "
            "keine Quellenangabe (nur die Altersgrenzen). Setzen Sie hier die Veröffentlichung "
            "Ihrer Stadt ein, aus der die Grenzen stammen.",
            'altenquotient_quelle = "Sozialbericht der Stadt Musterstadt 2022"',
        ),
        "hochaltrigenquote_nenner_ab": (
            "Hochaltrigenquote: 80+ je 100 ab 65 oder ab 60.",
            "hochaltrigenquote_nenner_ab = 65",
        ),
        "offene_altersgruppe_mitte": (
            "Angenommene Mitte der obersten Altersgruppe („90 und älter“) für das "
            "Durchschnittsalter, in Jahren über ihrer Untergrenze.",
            "offene_altersgruppe_mitte = 5",
        ),
        "durchschnittsalter_hoechste_breite": (
            "Ein Durchschnittsalter wird nur berechnet, wenn keine geschlossene Altersgruppe "
            "breiter ist als diese Zahl von Jahren und die oberste offene Gruppe frühestens bei "
            "75 Jahren beginnt; sonst steht „nicht verfügbar“ mit dem Grund in der Anmerkung.",
            "durchschnittsalter_hoechste_breite = 10",
        ),
        "geheimhaltung_unter": (
            "Anzahlen unter diesem Wert werden als „.“ geheim gehalten (0 = aus).",
            "geheimhaltung_unter = 3",
        ),
    },
    "Bezeichnungen": {
        "stadtbezirk": (
            "Die mittlere Ebene (Bezirk), z. B. „Stadtbezirk“, „Bezirk“, „Stadtbereich“; "
            "ein männliches oder sächliches Wort (es steht in „zum …“).",
            'stadtbezirk = "Bezirk"',
        ),
        "unterbezirke": (
            "Die Räume, aus denen ein Quartier besteht (Zeile im Steckbrief), z. B. "
            "„Statistische Unterbezirke“, „Stadtteile“, „Planungsräume“.",
            'unterbezirke = "Stadtteile"',
        ),
    },
    "GremienvorlageEinstellungen": {
        "amt": ("Federführendes Amt.", 'amt = "Sozialamt"'),
        "bearbeitung": (
            "Name der Bearbeiterin oder des Bearbeiters.",
            'bearbeitung = "Frau Beispiel"',
        ),
        "telefon": ("Telefon der Bearbeitung.", 'telefon = "0123 45-678"'),
        "drucksachen_nr": (
            "Drucksachen-Nr.; leer: das Ratsbüro vergibt sie.",
            'drucksachen_nr = ""',
        ),
        "datum": ("Datum der Vorlage; leer = `projekt.stand`.", "datum = 2024-05-02"),
        "oeffentlich": ("Öffentliche Vorlage.", "oeffentlich = true"),
        "oparl_basis": (
            "Basisadresse der OParl-Kennungen des Ratsinformationssystems.",
            'oparl_basis = "https://ratsinfo.example.org/oparl/v1.1"',
        ),
        "haushaltsstelle": (
            "Haushaltsstelle, aus der Kosten gedeckt würden.",
            'haushaltsstelle = ""',
        ),
        "einleitung": (
            "Einleitende Absätze des Sachverhalts, einer je Eintrag; {stadt}, {stichtag} und "
            "{quartiere} werden eingesetzt.",
            'einleitung = ["Die Stadt {stadt} entwickelt ihre Quartiere …"]',
        ),
        "bericht_an": (
            "Gremium, dem die Verwaltung nach einem Jahr berichtet; leer = keines.",
            'bericht_an = ""',
        ),
    },
    "Gremium": {
        "kuerzel": (
            "Kürzel (Kleinbuchstaben, Ziffern, Bindestrich) für `--gremium`.",
            'kuerzel = "bv-mitte"',
        ),
        "name": ("Name des Gremiums.", 'name = "Bezirksvertretung Mitte"'),
        "art": (
            '"bezirksvertretung", "beirat", "ausschuss" oder "rat".',
            'art = "bezirksvertretung"',
        ),
        "stadtbezirk_nr": (
            "Bei einer Bezirksvertretung: die Raum-Nr ihres Stadtbezirks.",
            'stadtbezirk_nr = "01"',
        ),
        "sitzung": ("Nächster Sitzungstermin, wo bekannt.", "sitzung = 2024-06-12"),
    },
    "KarteEinstellungen": {
        "grenzen": (
            "GeoJSON oder Shapefile mit einem Polygon je Raum.",
            'grenzen = "daten/geo/stadtteile.geojson"',
        ),
        "nr_feld": ("Feld mit der Raum-Nr.", 'nr_feld = "STT_NR"'),
        "name_feld": ("Feld mit dem Namen.", 'name_feld = "STT_NAME"'),
        "nr_stellen": ("Feste Stellenzahl der Raum-Nr (führende Nullen).", "nr_stellen = 3"),
        "crs": ("Koordinatensystem, nur wenn die Datei es nicht nennt.", 'crs = "EPSG:25832"'),
        "quelle": (
            "Quellenangabe der Grenzen (Lizenz).",
            'quelle = "Stadt Musterstadt, Offene Daten (CC BY)"',
        ),
        "radius_m": ("Radius in Metern für Erreichbarkeiten.", "radius_m = 500"),
        "nahversorger": (
            "Die Punktart für den Anteil in Reichweite; leer = keiner.",
            'nahversorger = "Apotheken"',
        ),
        "punkte": ("Siehe `[[karte.punkte]]`.", ""),
    },
    "Punktebene": {
        "datei": ("GeoJSON-Datei mit den Punkten.", 'datei = "daten/geo/apotheken.geojson"'),
        "art": ("Art der Einrichtung in Legende und Tabelle.", 'art = "Apotheken"'),
        "name_feld": ("Feld mit dem Namen der Einrichtung.", 'name_feld = "name"'),
    },
    "Einladung": {
        "veranstaltung": ("Art der Veranstaltung.", 'veranstaltung = "Bürgerwerkstatt"'),
        "datum": ("Datum.", "datum = 2024-06-29"),
        "datum_bis": ("Bei einer Reihe: letzter Tag.", "datum_bis = 2024-07-12"),
        "uhrzeit": ("Uhrzeit als Text.", 'uhrzeit = "17 bis 20 Uhr"'),
        "ort": ("Ort.", 'ort = "Bürgerhaus"'),
        "anschrift": ("Anschrift.", 'anschrift = "Marktplatz 1, 12345 Musterstadt"'),
        "anmeldung": ("Wie und bis wann man sich anmeldet.", 'anmeldung = ""'),
        "hinweis": (
            "Weiterer Hinweis, z. B. zur Barrierefreiheit.",
            'hinweis = "Der Saal ist barrierefrei."',
        ),
    },
}


def modelle(annotation: object) -> list[type[BaseModel]]:
    """Model classes inside an annotation (X, X | None, tuple[X, ...], dict[str, X])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in modelle(a)]


def _abschnitt_name(pfad: str, annotation: object) -> str:
    herkunft = typing.get_origin(annotation)
    if herkunft is tuple:
        return f"[[{pfad}]]"
    if herkunft is dict:
        return f"[{pfad}.<kürzel>]"
    return f"[{pfad}]"


def abschnitte() -> list[tuple[str, type[BaseModel]]]:
    """Every section of qprofil.toml as (heading, model), in the order of the models."""
    ergebnis: list[tuple[str, type[BaseModel]]] = []

    def besuchen(modell: type[BaseModel], pfad: str) -> None:
        for name, feld in modell.model_fields.items():
            for kind in modelle(feld.annotation):
                unter = f"{pfad}.{name}" if pfad else name
                ergebnis.append((_abschnitt_name(unter, feld.annotation), kind))
                besuchen(kind, unter.split("[")[0])

    besuchen(p.Konfiguration, "")
    return ergebnis


def felder(modell: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The fields of a section in the order of the model, the inherited read limits last."""
    eigene = [(n, f) for n, f in modell.model_fields.items() if not n.startswith("max_")]
    return eigene + [(n, f) for n, f in modell.model_fields.items() if n.startswith("max_")]


def klasse_von(modell: type[BaseModel], feld: str) -> str:
    """The class that declares ``feld`` (inherited limits are described once, in _Grenzen)."""
    for klasse in modell.__mro__:
        if feld in getattr(klasse, "__annotations__", {}):
            return klasse.__name__
    return modell.__name__


def _typ(annotation: object, feld: FieldInfo) -> str:
    grenzen = ""
    for m in feld.metadata:
        for attr, wort in (("ge", "mindestens"), ("gt", "größer als"), ("le", "höchstens")):
            if getattr(m, attr, None) is not None:
                grenzen += f", {wort} {toml_wert(getattr(m, attr))}"
    return _typ_name(annotation) + grenzen


def _typ_name(annotation: object) -> str:
    herkunft = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if herkunft in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        return " oder ".join(_typ_name(a) for a in rest) + " (darf fehlen)"
    if herkunft is typing.Literal:
        return "einer von " + ", ".join(f"`{toml_wert(a)}`" for a in args)
    if herkunft is dict:
        return f"Tabelle: Text → {_typ_name(args[1])}"
    if herkunft in (list, tuple):
        return f"Liste: {_typ_name(args[0])}"
    namen = {
        str: "Text",
        Path: "Pfad (Text)",
        int: "ganze Zahl",
        float: "Zahl",
        bool: "`true` oder `false`",
        dt.date: "Datum JJJJ-MM-TT",
    }
    if annotation in namen:
        return namen[annotation]  # type: ignore[index]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "Abschnitt"
    return str(annotation)


def toml_wert(wert: object) -> str:
    if isinstance(wert, bool):
        return "true" if wert else "false"
    if isinstance(wert, Path):
        return f'"{wert.as_posix()}"'
    if isinstance(wert, str):
        return '"' + wert.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(wert, dict):
        return (
            "{ "
            + ", ".join(f"{_toml_schluessel(k)} = {toml_wert(v)}" for k, v in wert.items())
            + " }"
            if wert
            else "{}"
        )
    if isinstance(wert, list | tuple):
        return "[" + ", ".join(toml_wert(v) for v in wert) + "]"
    if isinstance(wert, int):
        return f"{wert}"
    return str(wert)


def _toml_schluessel(k: str) -> str:
    return k if k.isascii() and k.replace("_", "").replace("-", "").isalnum() else toml_wert(k)


def _standard(feld: FieldInfo) -> str:
    if feld.is_required():
        return "Pflicht"
    wert = feld.default
    if wert is PydanticUndefined:
        return "—"
    if wert is None:
        return "nicht gesetzt"
    if isinstance(wert, BaseModel):
        return "siehe Abschnitt"
    text = toml_wert(wert)
    if len(text) > 80:
        text = text[:77] + "…"
    return f"`{text}`"


def fehlende_beschreibungen() -> list[str]:
    """Model fields without a description, and descriptions without a field."""
    fehlend = []
    benutzt: set[tuple[str, str]] = set()
    modelle = [p.Konfiguration] + [m for _, m in abschnitte()]
    for modell in modelle:
        for name in modell.model_fields:
            if modell is p.Konfiguration:
                continue
            klasse = klasse_von(modell, name)
            benutzt.add((klasse, name))
            if name not in BESCHREIBUNG.get(klasse, {}):
                fehlend.append(f"{klasse}.{name} hat keine Beschreibung")
    for klasse, felder in BESCHREIBUNG.items():
        for name in felder:
            if (klasse, name) not in benutzt:
                fehlend.append(f"{klasse}.{name} ist beschrieben, aber kein Feld")
    for _, modell in abschnitte():
        if modell not in ABSCHNITTE:
            fehlend.append(f"Abschnitt {modell.__name__} hat keine Einleitung")
    return fehlend


def erzeugen() -> str:
    """The text of docs/konfiguration.md."""
    zeilen = [
        "# Konfiguration: alle Einstellungen von qprofil.toml",
        "",
        "<!-- Erzeugt aus qprofil/projekt.py mit `python -m qprofil.konfig_doku`; nicht von Hand "
        "ändern. -->",
        "",
        "`qprofil.toml` liegt im Projektordner und markiert ihn: qprofil sucht die Datei vom "
        "aktuellen Ordner aus aufwärts. Sie ist in [TOML](https://toml.io/de/) geschrieben: "
        "`[abschnitt]` und darunter `schlüssel = wert`; Text in Anführungszeichen, Datum als "
        "JJJJ-MM-TT ohne Anführungszeichen, `true`/`false`, Tabellen als "
        '`{ "a" = "b" }`. Ein Tippfehler in einem Schlüssel wird gemeldet.',
        "",
        "Ein neues Projekt mit allen Abschnitten (kommentiert) legt `qprofil init ORDNER` an. "
        "Was qprofil aus der Statistik liest, zeigt `qprofil statistik`, bevor ein Dokument "
        "gebaut wird.",
        "",
        "Pfade sind relativ zum Projektordner. „Pflicht“ heißt: Ohne diesen Schlüssel startet "
        "qprofil nicht.",
        "",
        "## Inhalt",
        "",
    ]
    liste = abschnitte()
    oben = [("[projekt]", p.ProjektAngaben)] if liste[0][1] is not p.ProjektAngaben else []
    for titel, _ in oben + liste:
        zeilen.append(f"- [`{titel}`](#{_anker(titel)})")
    zeilen.append("")
    for titel, modell in oben + liste:
        zeilen += [f"## `{titel}`", "", ABSCHNITTE.get(modell, ""), ""]
        for name, feld in felder(modell):
            if modelle(feld.annotation):
                continue  # a subsection, described under its own heading
            bedeutung, beispiel = BESCHREIBUNG.get(klasse_von(modell, name), {}).get(name, ("", ""))
            zeilen += [
                f"### `{name}`",
                "",
                f"- Typ: {_typ(feld.annotation, feld)}",
                f"- Standard: {_standard(feld)}",
                f"- Bedeutung: {bedeutung}",
            ]
            if beispiel:
                zeilen.append(f"- Beispiel: `{beispiel}`")
            zeilen.append("")
    return "\n".join(zeilen).rstrip("\n") + "\n"


def _anker(titel: str) -> str:
    zeichen = [c for c in titel.lower() if c.isalnum() or c in "-_ ."]
    return "".join(zeichen).replace(" ", "-").replace(".", "")


def main() -> None:
    """Write docs/konfiguration.md next to the package (in the repository)."""
    ziel = Path(__file__).resolve().parents[1] / DOKU
    ziel.write_text(erzeugen(), encoding="utf-8")
    print(f"{ziel} geschrieben.")


if __name__ == "__main__":
    main()
