"""Wohin geht die Zeit beim Bauen eines Quartiers? cProfile auf ``qprofil.ablauf.quartier_rendern``.

Aufruf (im Repository)::

    python bench/profil_quartier.py                          # erstes Quartier in bench/stadt/
    python bench/profil_quartier.py --projekt /tmp/x ub-0211 --warm

Gemessen wird wie in einem Arbeitsprozess von ``build``: Projekt und gemeinsame Eingaben sind
schon gelesen, ein anderes Quartier wurde vorher gebaut (Bibliotheken und Schriften geladen).
Ohne ``--warm`` ist der Foto-Zwischenspeicher leer (kalter Lauf, eigener temporärer Ordner; das
Projekt bleibt unverändert), mit ``--warm`` liegen die Fotos schon verkleinert vor.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent

# (Bezeichnung, Datei-Endung, Funktionsname); Zeiten sind kumulativ
POSTEN = (
    ("Fotoliste lesen (quartiersdaten)", "qprofil/einlesen/eingaben.py", "quartiersdaten"),
    ("Eingaben-Hash", "qprofil/ablauf/__init__.py", "eingaben_hash"),
    ("Kennzahlen (auswerten)", "qprofil/auswertung/quartier.py", "auswerten"),
    ("Bilder vorbereiten gesamt", "qprofil/bilder/vorbereiten.py", "vorbereiten"),
    ("Kontext (profil)", "qprofil/dokumente/profil.py", "kontext"),
    ("  Diagramm Altersstruktur", "qprofil/bilder/diagramme.py", "altersstruktur"),
    ("  Diagramm Anteile", "qprofil/bilder/diagramme.py", "anteile"),
    ("  Fotos vorbereiten gesamt", "qprofil/bilder/fotos.py", "bild_vorbereiten"),
    ("    Foto lesen", "pathlib.py", "read_bytes"),
    ("    Foto öffnen/dekodieren/drehen/verkleinern", "qprofil/bilder/fotos.py", "_oeffnen"),
    ("      JPEG dekodieren (load)", "PIL/ImageFile.py", "load"),
    ("      EXIF-Drehung", "PIL/ImageOps.py", "exif_transpose"),
    ("      Verkleinern (resize)", "PIL/Image.py", "resize"),
    ("    JPEG schreiben", "qprofil/bilder/fotos.py", "_jpeg"),
    ("  Bildgröße lesen", "qprofil/bilder/fotos.py", "bildgroesse"),
    ("Rendern gesamt (qprofil.word.rendern)", "qprofil/word/rendern.py", "render"),
    ("  docxtpl render", "docxtpl/template.py", "render"),
    ("  docx speichern (save)", "docxtpl/template.py", "save"),
    ("Zip normalisieren", "qprofil/ausgabe/schreiber.py", "zip_normalisieren"),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Profil eines Quartiers-Builds.")
    parser.add_argument("quartier", nargs="?", help="Kürzel (Vorgabe: das erste Quartier)")
    parser.add_argument("--projekt", type=Path, default=HIER / "stadt")
    parser.add_argument("--warm", action="store_true", help="Fotos schon im Zwischenspeicher")
    parser.add_argument("--top", type=int, default=0, help="zusätzlich die N teuersten Funktionen")
    args = parser.parse_args(argv)

    from qprofil.ablauf import auswertung_von, quartier_rendern
    from qprofil.ausgabe.cache import Cache
    from qprofil.dokumente import ARTEN
    from qprofil.einlesen.eingaben import eingaben_lesen
    from qprofil.einlesen.tabelle import OHNE_CACHE
    from qprofil.fehler import Befunde
    from qprofil.projekt import projekt_laden

    original = projekt_laden(args.projekt.resolve())
    eingaben = eingaben_lesen(original, Befunde(), OHNE_CACHE)
    liste = list(eingaben.quartiere)
    kuerzel = args.quartier or liste[0]
    vorlauf = next(k for k in liste if k != kuerzel) if len(liste) > 1 else kuerzel
    art = ARTEN["profil"]
    with tempfile.TemporaryDirectory(prefix="qprofil-profil-") as tmp:
        projekt = original
        auswertung = auswertung_von(projekt, eingaben)
        cache = Cache(Path(tmp))
        quartier_rendern(projekt, eingaben, auswertung, art, vorlauf, cache)  # Vorlauf
        if args.warm:
            quartier_rendern(projekt, eingaben, auswertung, art, kuerzel, cache)
        profil = cProfile.Profile()
        beginn = time.perf_counter()
        cpu = time.process_time()
        profil.enable()
        gerendert, befunde = quartier_rendern(projekt, eingaben, auswertung, art, kuerzel, cache)
        profil.disable()
        cpu = time.process_time() - cpu
        gesamt = time.perf_counter() - beginn
    if gerendert is None:
        raise SystemExit(f"Bau fehlgeschlagen: {befunde}")

    stats = pstats.Stats(profil)
    anzahl_fotos = 0
    zeilen = []
    for name, datei, funktion in POSTEN:
        summe = 0.0
        aufrufe = 0
        for (pfad, _zeile, fname), (_cc, nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            if fname == funktion and pfad.replace("\\", "/").endswith(datei):
                summe += ct
                aufrufe += nc
        if funktion == "bild_vorbereiten":
            anzahl_fotos = aufrufe
        zeilen.append((name, summe, aufrufe))
    profil_gesamt = max(
        ct for (_p, _z, f), (*_, ct, _c) in stats.stats.items() if f == "quartier_rendern"
    )  # type: ignore[attr-defined]

    print(
        f"Quartier {kuerzel}: {anzahl_fotos} Fotos, Foto-Zwischenspeicher "
        f"{'warm' if args.warm else 'kalt'}; {gesamt:.2f} s Wanduhr, {cpu:.2f} s CPU "
        f"(ohne cProfile-Aufschlag weniger), .docx {len(gerendert.dokument) / 2**20:.1f} MB"
    )
    print(f"{'Posten':52} {'Sekunden':>9} {'Anteil':>7} {'Aufrufe':>8}")
    for name, summe, aufrufe in zeilen:
        anteil = 100 * summe / profil_gesamt if profil_gesamt else 0
        print(f"{name:52} {summe:9.3f} {anteil:6.1f} % {aufrufe:8d}")
    print(f"{'quartier_rendern gesamt (unter cProfile)':52} {profil_gesamt:9.3f} {100:6.1f} %")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    sys.exit(main())
