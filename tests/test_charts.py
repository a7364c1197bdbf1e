"""Charts: valid PNG, German alt text, byte-identical output, withheld values, no leaked figures."""

from __future__ import annotations

import gc
import io
import subprocess
import sys

import pytest
from PIL import Image

from qprofil.bilder import diagramme as charts
from qprofil.modell import Altersband, AltersVerteilung

PNG_SIGNATUR = b"\x89PNG\r\n\x1a\n"
NAMEN = ("Menglinghausen", "Stadtbezirk Hombruch", "Dortmund")
BAENDER = (Altersband(0, 18), Altersband(18, 65), Altersband(65, 80), Altersband(80, None))


def verteilung(*insgesamt: int | None) -> AltersVerteilung:
    """Counts per band split into two sexes (None stays withheld)."""
    maennlich = tuple(None if n is None else n // 2 for n in insgesamt)
    weiblich = tuple(None if n is None else n - n // 2 for n in insgesamt)
    return AltersVerteilung(BAENDER, maennlich, weiblich)


# 1,000 residents: under 18 15.2 %, 65+ 27.4 %, 80+ 9.8 %.
QUARTIER = verteilung(152, 574, 176, 98)
# 600,000 residents: under 18 16.8 %, 65+ 21.1 %, 80+ 6.9 %.
STADT = verteilung(100_800, 372_600, 85_200, 41_400)

KENNZAHLEN = [
    ("unter 18", 15.2, 16.0, 16.8),
    ("65+", 27.4, 22.3, 21.1),
    ("80+", 9.8, 7.7, 6.9),
]


def png_info(png: bytes) -> tuple[int, int]:
    """Size of a PNG, after checking that Pillow can decode it fully."""
    with Image.open(io.BytesIO(png)) as bild:
        bild.load()
        assert bild.format == "PNG"
        return bild.size


def test_altersstruktur_png_und_alt_text() -> None:
    d = charts.altersstruktur(
        QUARTIER, STADT, quartier_name="Menglinghausen", stadt_name="Dortmund"
    )
    assert d.png.startswith(PNG_SIGNATUR)
    breite, hoehe = png_info(d.png)
    assert breite == round(charts.BREITE_CM / 2.54 * charts.DPI)
    assert hoehe > 400
    assert d.alt == (
        "Altersstruktur Menglinghausen im Vergleich zu Dortmund: "
        "Anteil 65 Jahre und älter 27,4\u00a0% gegenüber 21,1\u00a0%; "
        "80 Jahre und älter 9,8\u00a0% gegenüber 6,9\u00a0%; "
        "unter 18 Jahre 15,2\u00a0% gegenüber 16,8\u00a0%. " + charts.ALT_JE_ALTERSJAHR
    )
    assert "Menglinghausen" in d.titel
    assert "Dortmund" in d.titel


def test_altersstruktur_ist_deterministisch_ohne_versionsangabe() -> None:
    a = charts.altersstruktur(QUARTIER, STADT, quartier_name="Q", stadt_name="S")
    b = charts.altersstruktur(QUARTIER, STADT, quartier_name="Q", stadt_name="S")
    assert a.png == b.png
    assert b"matplotlib" not in a.png  # no "Software" text chunk with a version in it


def test_altersstruktur_mit_geheim_gehaltenem_band() -> None:
    quartier = verteilung(152, 574, 176, None)
    d = charts.altersstruktur(
        quartier, STADT, quartier_name="Menglinghausen", stadt_name="Dortmund"
    )
    png_info(d.png)
    # 65+ and 80+ need the withheld band; under 18 is still known (relative to known bands).
    assert "65 Jahre und älter Menglinghausen nicht verfügbar, Dortmund 21,1\u00a0%" in d.alt
    assert "80 Jahre und älter Menglinghausen nicht verfügbar, Dortmund 6,9\u00a0%" in d.alt
    assert "unter 18 Jahre 16,9\u00a0% gegenüber 16,8\u00a0%" in d.alt  # 152 of 902 known residents
    # The note changes the picture: withheld data must not look like the complete one.
    assert (
        d.png
        != charts.altersstruktur(
            QUARTIER, STADT, quartier_name="Menglinghausen", stadt_name="Dortmund"
        ).png
    )


def test_altersstruktur_nur_teilweise_bekannte_geschlechter() -> None:
    quartier = AltersVerteilung(BAENDER, (76, 287, 88, None), (76, 287, 88, 49))
    d = charts.altersstruktur(quartier, STADT, quartier_name="Q", stadt_name="S")
    assert "80 Jahre und älter Q nicht verfügbar" in d.alt


def test_altersstruktur_ohne_werte() -> None:
    leer = verteilung(None, None, None, None)
    d = charts.altersstruktur(leer, STADT, quartier_name="Q", stadt_name="S")
    png_info(d.png)
    assert d.alt.startswith("Altersstruktur Q im Vergleich zu S")
    assert "Q nicht verfügbar" in d.alt


def test_altersstruktur_feine_baender_und_unsortiert() -> None:
    grenzen = [0, 6, 10, 15, 18, 21, 25, 30, 40, 50, 60, 65, 70, 75, 80, 85, 90]
    baender = tuple(Altersband(a, b) for a, b in zip(grenzen, [*grenzen[1:], None], strict=True))
    werte = tuple(range(10, 10 + len(baender)))
    # Reversed input order must give the same chart and values.
    vorwaerts = AltersVerteilung(baender, werte, werte)
    rueckwaerts = AltersVerteilung(baender[::-1], werte[::-1], werte[::-1])
    a = charts.altersstruktur(vorwaerts, vorwaerts, quartier_name="Q", stadt_name="S")
    b = charts.altersstruktur(rueckwaerts, rueckwaerts, quartier_name="Q", stadt_name="S")
    assert a.png == b.png
    assert a.alt == b.alt
    gesamt = 2 * sum(werte)
    ab65 = 2 * sum(werte[grenzen.index(65) :])
    assert f"{ab65 / gesamt * 100:.1f}\u00a0%".replace(".", ",") in a.alt


def test_altersstruktur_ohne_passende_grenze_laesst_gruppe_weg() -> None:
    baender = (Altersband(0, 20), Altersband(20, 60), Altersband(60, None))
    v = AltersVerteilung(baender, (10, 20, 30), (10, 20, 30))
    d = charts.altersstruktur(v, v, quartier_name="Q", stadt_name="S")
    # Neither 65 nor 18 nor 80 is a band limit: no made-up numbers.
    assert (
        d.alt
        == "Altersstruktur Q im Vergleich zu S: Anteile der Altersgruppen an der Bevölkerung. "
        + charts.ALT_JE_ALTERSJAHR
    )


def test_altersstruktur_verschiedene_baender_sind_ein_fehler() -> None:
    anders = AltersVerteilung(BAENDER[:3], (1, 2, 3), (1, 2, 3))
    with pytest.raises(ValueError, match="Altersbänder"):
        charts.altersstruktur(QUARTIER, anders, quartier_name="Q", stadt_name="S")


def test_anteile_png_und_alt_text() -> None:
    d = charts.anteile(KENNZAHLEN, namen=NAMEN)
    assert d.png.startswith(PNG_SIGNATUR)
    assert png_info(d.png)[0] == round(charts.BREITE_CM / 2.54 * charts.DPI)
    for wert in (
        "15,2\u00a0%",
        "16,0\u00a0%",
        "16,8\u00a0%",
        "27,4\u00a0%",
        "22,3\u00a0%",
        "21,1\u00a0%",
        "9,8\u00a0%",
        "7,7\u00a0%",
    ):
        assert wert in d.alt
    assert d.alt.startswith("Anteile im Vergleich – unter 18: Menglinghausen 15,2\u00a0%, ")
    assert d.alt.endswith("Dortmund 6,9\u00a0%.")
    assert all(name in d.titel for name in NAMEN)


def test_anteile_ist_deterministisch() -> None:
    assert (
        charts.anteile(KENNZAHLEN, namen=NAMEN).png == charts.anteile(KENNZAHLEN, namen=NAMEN).png
    )


def test_anteile_nicht_verfuegbar() -> None:
    mit_luecken = [("unter 18", 15.2, None, 16.8), ("65+", None, None, None)]
    d = charts.anteile(mit_luecken, namen=NAMEN)
    png_info(d.png)
    assert "Stadtbezirk Hombruch nicht verfügbar" in d.alt
    assert "65+: Menglinghausen nicht verfügbar, Stadtbezirk Hombruch nicht verfügbar" in d.alt
    assert (
        d.png
        != charts.anteile([("unter 18", 15.2, 0.0, 16.8), ("65+", 0.0, 0.0, 0.0)], namen=NAMEN).png
    )


def test_anteile_lange_namen_und_viele_kennzahlen() -> None:
    viele = [(f"Kennzahl mit recht langem Namen Nr. {i}", 10.0 + i, 11.0, 12.5) for i in range(8)]
    d = charts.anteile(viele, namen=("Hörde-Zentrum / Phoenix-See", "Innenstadt-Nord", "Dortmund"))
    _, hoehe = png_info(d.png)
    _, hoehe_drei = png_info(
        charts.anteile(
            viele[:3], namen=("Hörde-Zentrum / Phoenix-See", "Innenstadt-Nord", "Dortmund")
        ).png
    )
    # grows with the number of indicators instead of squeezing them
    assert hoehe > 1.8 * hoehe_drei
    assert "Nr. 7: Hörde-Zentrum / Phoenix-See 17,0\u00a0%" in d.alt


def test_anteile_ohne_kennzahlen_ist_ein_fehler() -> None:
    with pytest.raises(ValueError):
        charts.anteile([], namen=NAMEN)


@pytest.mark.parametrize(
    ("rechts", "erwartet"),
    [(43.0, ["0", "10", "20", "30", "40"]), (0.9, ["0,0", "0,2", "0,4", "0,6", "0,8"])],
)
def test_achse_mit_dezimalkomma(rechts: float, erwartet: list[str]) -> None:
    with charts._stil():
        fig = charts._figur(3.0)
        ax = fig.add_subplot()
        charts._prozentachse(ax, rechts)
        fig.canvas.draw()
        beschriftung = [t.get_text() for t in ax.get_xticklabels()]
    assert beschriftung == erwartet


def test_viele_diagramme_hinterlassen_keine_figuren() -> None:
    """Charts use a bare Figure (not pyplot): nothing registers it globally, so it is garbage."""
    from matplotlib.figure import Figure

    # Both chart kinds share _figur() and _png(); the cheaper one keeps the test short.
    charts.altersstruktur(QUARTIER, STADT, quartier_name="Q", stadt_name="S")
    for i in range(25):
        charts.anteile([("65+", 20.0 + i / 10, 21.0, None)], namen=NAMEN)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Figure)]
    if "matplotlib.pyplot" in sys.modules:  # imported by some other test: check its registry too
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []


def test_import_laedt_matplotlib_erst_beim_zeichnen() -> None:
    programm = (
        "import sys, qprofil.bilder.diagramme as c\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib beim Import geladen'\n"
        "c.anteile([('65+', 1.0, 2.0, 3.0)], namen=('a', 'b', 'c'))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot geladen'\n"
    )
    ergebnis = subprocess.run(
        [sys.executable, "-c", programm], capture_output=True, text=True, timeout=120
    )
    assert ergebnis.returncode == 0, ergebnis.stderr


def test_altersstruktur_je_altersjahr_ohne_falsche_delle() -> None:
    """Unequal bands (0–2, 3–5, 6–9, 18–19 …) are divided by their width: no false dip."""
    baender = (
        Altersband(0, 3),
        Altersband(3, 6),
        Altersband(6, 10),
        Altersband(10, 18),
        Altersband(18, 20),
        Altersband(20, 25),
        Altersband(25, None),
    )
    # The same number of residents in every year of age: raw shares would dip at 18–19.
    je_jahr = 10
    anzahlen = tuple(je_jahr * charts.breite(b) for b in baender)
    v = AltersVerteilung.ohne_geschlecht(baender, anzahlen)
    assert [charts.breite(b) for b in baender] == [3, 3, 4, 8, 2, 5, charts.OFFENE_BREITE]
    d = charts.altersstruktur(v, v, quartier_name="Q", stadt_name="S")
    assert "je Altersjahr" in d.titel
    assert d.alt.endswith(charts.ALT_JE_ALTERSJAHR)
    # The bars: equal for every band when the population per year of age is equal.
    from matplotlib.figure import Figure

    gezeichnet: list[list[float]] = []
    original = Figure.add_subplot

    def merken(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        ax = original(self, *args, **kwargs)
        echt = ax.barh

        def barh(y, breiten, *a, **k):  # type: ignore[no-untyped-def]
            gezeichnet.append(list(breiten))
            return echt(y, breiten, *a, **k)

        ax.barh = barh
        return ax

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Figure, "add_subplot", merken)
        charts.altersstruktur(v, v, quartier_name="Q", stadt_name="S")
    assert len(gezeichnet) == 2
    for werte in gezeichnet:
        assert max(werte) - min(werte) < 1e-9, werte
