"""The survey forms in the pipeline (``qprofil survey``): write the forms into the outbox, and
take returned forms into the survey folder.

Both read the shared inputs like every other run, check everything first and write only
through the one ``Ausgabeordner`` (forms) or the atomic writer (answer files, with the
previous version kept in ``.alt/``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from qprofil.ablauf import Ergebnis, Lauf
from qprofil.ausgabe.cache import Cache
from qprofil.ausgabe.schreiber import Ausgabeordner, Geschrieben, sha256
from qprofil.einlesen.eingaben import eingaben_lesen, leser_fuer, quartiere_waehlen
from qprofil.fehler import Befund, Befunde, KeinQuartierGewaehlt, Ort
from qprofil.projekt import CONFIG_NAME, Projekt


def befragung_formulare_schreiben(
    projekt: Projekt,
    namen: Sequence[str],
    *,
    alle: bool = False,
    vorbelegen: bool = False,
    force: bool = False,
) -> Lauf:
    """Write the survey forms into the outbox ([befragung] ausgang).

    One form per quarter, or with ``[befragung] formular_je = "seniorenbuero"`` one per
    Seniorenbüro covering all its quarters (a quarter named on the command line stands for
    its office's form). ``vorbelegen``: last round's answers (from the survey folder) are
    prefilled. Errors in other inputs (statistics, plans) do not stop the forms; errors in the
    quarter table do, and with ``vorbelegen`` so do errors in a quarter's answer file.
    """
    from qprofil.ausgabe.befragungsformular import (
        buero_dateiname,
        buero_formular,
        dateiname,
        formular,
    )
    from qprofil.einlesen.befragung import Antworten, antworten_lesen

    if not namen and not alle:
        raise KeinQuartierGewaehlt()
    befunde = Befunde()
    alles = Befunde()
    eingaben = eingaben_lesen(projekt, alles, leser_fuer(projekt, Cache(None)))
    for b in eingaben.quartier_fehler:
        befunde.liste.append(b)
    if befunde.fehlerhaft:
        return Lauf([], befunde)
    gewaehlt = quartiere_waehlen(eingaben, list(namen), alle)
    konfig = projekt.konfig.befragung
    je_buero = konfig.formular_je == "seniorenbuero"
    if je_buero:
        # every quarter of the office, in the order of the quarter table
        bueros = dict.fromkeys(q.seniorenbuero.name for q in gewaehlt)
        gruppen = [
            [q for q in eingaben.quartiere.values() if q.seniorenbuero.name == b] for b in bueros
        ]
    else:
        gruppen = [[q] for q in gewaehlt]
    ordner = projekt.konfig.eingaben.befragung
    fehler_in_befragung = ordner is not None and any(
        str(b.ort.datei or "").startswith(projekt.relativ(projekt.pfad(ordner)))
        for b in alles.fehler_liste()
    )
    ergebnisse: list[Ergebnis] = []
    with Ausgabeordner(projekt.pfad(konfig.ausgang), force=force) as ausgabe:
        for gruppe in gruppen:
            buero = gruppe[0].seniorenbuero.name
            ergebnis = Ergebnis(f"Befragungsformular {buero if je_buero else gruppe[0].name}")
            ergebnisse.append(ergebnis)
            antworten: dict[str, Antworten] = {}
            for quartier in gruppe if vorbelegen else ():
                vorige = eingaben.befragungen.get(quartier.kuerzel)
                if vorige is None:
                    ergebnis.befunde.append(
                        Befund(
                            "Hinweis",
                            "Eingabe",
                            Ort(quartier.name),
                            "Für das Quartier gibt es keine Antworten der letzten Runde; "
                            + (
                                "seine Zeilen im Formular sind leer."
                                if je_buero
                                else "das Formular ist leer."
                            ),
                            "Hat ein Büro geantwortet, prüfen Sie die Befragungen mit "
                            "„qprofil check“: eine fehlerhafte Antwortdatei wird nicht gelesen."
                            if fehler_in_befragung
                            else "",
                        )
                    )
                    continue
                lokal = Befunde()
                with lokal.sammeln():
                    antworten[quartier.kuerzel] = antworten_lesen(
                        vorige.datei,
                        eingaben.quartiere,
                        lokal,
                        projekt.relativ(vorige.datei),
                    )
                ergebnis.befunde.extend(lokal.liste)
            if any(b.schwere == "Fehler" for b in ergebnis.befunde):
                continue
            if je_buero:
                daten = buero_formular(
                    gruppe,
                    **_angaben(projekt),
                    antworten=antworten,
                )
                name = buero_dateiname(buero)
            else:
                daten = formular(
                    gruppe[0],
                    **_angaben(projekt),
                    antworten=antworten.get(gruppe[0].kuerzel),
                )
                name = dateiname(gruppe[0])
            hash_ = sha256(daten)
            if ausgabe.aktuell(name, hash_):
                ergebnis.geschrieben.append(ausgabe.vermerken(name))
            else:
                ergebnis.geschrieben.append(ausgabe.schreiben(name, daten, hash_))
    return Lauf(ergebnisse, befunde)


#: Folder inside the survey folder with the answer files an import replaced.
ALT_ORDNER = ".alt"


def _angaben(projekt: Projekt) -> dict[str, object]:
    """What every form states besides its quarters: the Stand, due date and contact."""
    konfig = projekt.konfig.befragung
    return {"stand": projekt.konfig.projekt.stand, "frist": konfig.frist, "kontakt": konfig.kontakt}


def befragungen_importieren(
    projekt: Projekt, dateien: Sequence[Path], *, force: bool = False
) -> Lauf:
    """Take returned forms into the survey folder (``qprofil survey --import``).

    Each file is read and checked first; one with errors is not imported. A quarter's form
    is copied as it is; an office's form becomes one answer workbook per quarter (the
    quarter's form with the office's answers for it), the kind of file the survey folder
    holds. An existing answer file for the same quarter is replaced only with ``force``, and
    its previous version is kept in ``.alt/`` (name with date and time); if one quarter of an
    office's form is held back, none of its quarters is written. This is the only command
    that changes ``daten/``.
    """
    from qprofil.ausgabe.befragungsformular import dateiname, formular
    from qprofil.ausgabe.schreiber import atomar_schreiben, grund
    from qprofil.einlesen.befragung import befragungen_lesen, formular_lesen
    from qprofil.fehler import AusgabeFehler, EingabeFehler

    befunde = Befunde()
    if projekt.konfig.eingaben.befragung is None:
        befunde.fehler(
            EingabeFehler(
                "In qprofil.toml ist kein Ordner für die Befragung eingetragen.",
                Ort(CONFIG_NAME),
                'Tragen Sie unter [eingaben] befragung = "daten/befragung" ein.',
            )
        )
        return Lauf([], befunde)
    ordner = projekt.pfad(projekt.konfig.eingaben.befragung)
    alles = Befunde()
    eingaben = eingaben_lesen(projekt, alles, leser_fuer(projekt, Cache(None)))
    befunde.liste.extend(eingaben.quartier_fehler)
    if befunde.fehlerhaft:
        return Lauf([], befunde)
    vorhanden: dict[str, Path] = {}
    if ordner.is_dir():
        vorhanden = {
            k: b.datei for k, b in befragungen_lesen(ordner, eingaben.quartiere, Befunde()).items()
        }
    ergebnisse: list[Ergebnis] = []
    for datei in dateien:
        ergebnis = Ergebnis(f"Befragung {datei.name}")
        ergebnisse.append(ergebnis)
        lokal = Befunde()
        gelesen = None
        with lokal.sammeln():
            if datei.suffix.lower() not in (".xlsx", ".xlsm"):
                raise EingabeFehler(
                    "Nur Excel-Arbeitsmappen (.xlsx) können übernommen werden.",
                    Ort(datei),
                    "Speichern Sie das Formular in Excel oder LibreOffice Calc als .xlsx.",
                )
            gelesen = formular_lesen(datei, eingaben.quartiere, lokal, str(datei))
        ergebnis.befunde.extend(lokal.liste)
        if gelesen is None or lokal.fehlerhaft:
            continue
        stempel, antworten = gelesen
        # (quarter, answer file, content): a quarter's form as it is, an office's form as one
        # quarter's form per quarter
        plan: list[tuple[str, Path, bytes]] = []
        je_buero = stempel is not None and stempel.art == "seniorenbuero"
        if je_buero and all(a.leer for a in antworten):
            ergebnis.befunde.append(
                Befund(
                    "Fehler",
                    "Eingabe",
                    Ort(str(datei)),
                    "Das Formular enthält keine Antworten; es wird nicht übernommen.",
                    "Ist es die richtige Datei? Die Antworten stehen in den Blättern "
                    "„Infrastruktur“ und „Einschätzung“.",
                )
            )
            continue
        for a in antworten:
            kuerzel = a.befragung.quartier
            if je_buero and a.leer:
                # an office that answered for some of its quarters only: the others' answer
                # files stay as they are
                ergebnis.befunde.append(
                    Befund(
                        "Hinweis",
                        "Eingabe",
                        Ort(str(datei)),
                        f"Für das Quartier „{kuerzel}“ enthält das Formular keine Antworten; "
                        "für dieses Quartier wird nichts übernommen.",
                    )
                )
                continue
            if je_buero:
                quartier = eingaben.quartiere[kuerzel]
                daten = formular(
                    quartier,
                    **_angaben(projekt),
                    antworten=a,
                )
                plan.append((kuerzel, vorhanden.get(kuerzel, ordner / dateiname(quartier)), daten))
            else:
                ziel = vorhanden.get(kuerzel, ordner / f"{datei.stem}.xlsx")
                if ziel.exists() and ziel.resolve() == datei.resolve():
                    ergebnis.geschrieben.append(Geschrieben(ziel, "unverändert"))
                    continue
                plan.append((kuerzel, ziel, datei.read_bytes()))
        unveraendert = [(k, z) for k, z, d in plan if z.exists() and z.read_bytes() == d]
        for _, ziel in unveraendert:
            ergebnis.geschrieben.append(Geschrieben(ziel, "unverändert"))
        plan = [(k, z, d) for k, z, d in plan if (k, z) not in unveraendert]
        gesperrt = [(k, z) for k, z, _ in plan if z.exists()] if not force else []
        for kuerzel, ziel in gesperrt:
            ergebnis.befunde.append(
                Befund(
                    "Fehler",
                    "Eingabe",
                    Ort(projekt.relativ(ziel)),
                    f"Für das Quartier „{kuerzel}“ gibt es schon diese Antwortdatei; sie wird "
                    "nicht überschrieben.",
                    "Mit --force wird sie ersetzt; die bisherige Fassung bleibt dann in "
                    f"{ALT_ORDNER}/ im Befragungsordner erhalten."
                    + (
                        " Aus diesem Formular wird bis dahin kein Quartier übernommen."
                        if len(plan) > 1
                        else ""
                    ),
                )
            )
        if gesperrt:
            continue
        zeit = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
        for kuerzel, ziel, daten in plan:
            hinweis = ""
            status = "neu"
            alt: Path | None = None
            if ziel.exists():
                alt = ziel.parent / ALT_ORDNER / f"{ziel.stem}_{zeit}{ziel.suffix}"
                status = "ersetzt (--force)"
                hinweis = f"Die bisherige Fassung liegt in {projekt.relativ(alt)}."
            try:
                if alt is not None:
                    atomar_schreiben(alt, ziel.read_bytes())
                atomar_schreiben(ziel, daten)
            except OSError as err:
                ergebnis.befunde.append(
                    Befund(
                        "Fehler",
                        AusgabeFehler.art,
                        Ort(projekt.relativ(ziel)),
                        f"Die Antwortdatei kann nicht geschrieben werden: {grund(err)}.",
                        "Die bisherige Fassung ist unverändert. Schließen Sie die Datei in Excel "
                        "und starten Sie erneut.",
                    )
                )
                continue
            vorhanden[kuerzel] = ziel
            ergebnis.geschrieben.append(Geschrieben(ziel, status, hinweis))
    return Lauf(ergebnisse, befunde)
