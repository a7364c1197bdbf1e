"""The HTML templates of the web kind are filled in by the same bounded sandbox as Word's."""

from __future__ import annotations

from pathlib import Path

import pytest

from qprofil.fehler import VorlagenFehler
from qprofil.word.html import html_rendern


def _vorlage(ordner: Path, text: str, name: str = "seite.html") -> Path:
    (ordner / name).write_text(text, encoding="utf-8")
    return ordner


def test_werte_werden_maskiert_und_einbinden_im_ordner_geht(tmp_path: Path) -> None:
    _vorlage(tmp_path, "<p>{{ name }}</p>", "teil.html")
    _vorlage(tmp_path, "<main>{% include 'teil.html' %}</main>")
    html = html_rendern(tmp_path, "seite.html", {"name": "Hafen & Nord <b>"}, "vorlagen/webseite")
    assert html.decode() == "<main><p>Hafen &amp; Nord &lt;b&gt;</p></main>"


@pytest.mark.parametrize(
    ("ausdruck", "meldung"),
    [
        ("{{ ''.__class__.__mro__ }}", "unerlaubten Zugriff"),
        ("{{ name.__init__.__globals__ }}", "unerlaubten Zugriff"),
        ("{{ 'x' * 500000000 }}", "Grenze"),
        ("{{ 10 ** 100000 }}", "Grenze"),
        ("{{ '%999999999d' | format(1) }}", "Grenze"),
    ],
)
def test_feindliche_ausdruecke_werden_abgewiesen(tmp_path: Path, ausdruck: str, meldung: str):
    _vorlage(tmp_path, f"<p>{ausdruck}</p>")
    with pytest.raises(VorlagenFehler) as info:
        html_rendern(tmp_path, "seite.html", {"name": "x"}, "vorlagen/webseite")
    text = str(info.value)
    assert meldung in text, text
    assert "vorlagen/webseite/seite.html" in text


def test_ein_fehler_beim_rechnen_ist_deutsch_mit_zeile(tmp_path: Path) -> None:
    _vorlage(tmp_path, "<p>\n{{ 1 / zahl }}\n</p>")
    with pytest.raises(VorlagenFehler) as info:
        html_rendern(tmp_path, "seite.html", {"zahl": 0}, "vorlagen/webseite")
    assert "Fehler beim Ausfüllen der HTML-Vorlage (ZeroDivisionError)" in info.value.meldung
    assert info.value.ort.zeile == 2
