"""The pipeline's shape: imports only go forward through the stages, and no module is in a cycle.

Stages, in the order the data flows (README, "Für Entwicklerinnen und Entwickler"):
base modules → einlesen → auswertung → bilder → dokumente → word → ausgabe → ablauf → cli.
A module may import from its own stage and from earlier ones. Imports inside ``if
TYPE_CHECKING:`` only serve type annotations and never run; they are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKET = Path(__file__).resolve().parents[1] / "qprofil"

#: Rank of each stage; modules directly in qprofil/ not listed here are base modules (rank 0).
STUFEN = {
    "einlesen": 1,
    "auswertung": 2,
    "bilder": 3,
    "dokumente": 4,
    "word": 5,
    "ausgabe": 6,
    "ablauf": 7,
    "cli": 8,
    "__main__": 9,
}


def _modulname(pfad: Path) -> str:
    teile = pfad.relative_to(PAKET.parent).with_suffix("").parts
    return ".".join(teile[:-1] if teile[-1] == "__init__" else teile)


def _stufe(modul: str) -> int:
    teile = modul.split(".")
    if len(teile) < 2:
        return 0  # the package itself (qprofil/__init__.py: the version)
    if teile[1].startswith("cli"):
        return STUFEN["cli"]  # cli.py and its helper modules
    return STUFEN.get(teile[1], 0)


def _ist_type_checking(knoten: ast.If) -> bool:
    t = knoten.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _importe(pfad: Path) -> set[str]:
    """Every qprofil module ``pfad`` imports at run time (top level or inside functions)."""
    return _importe_aus(
        pfad.read_text(encoding="utf-8"), _modulname(pfad), pfad.name == "__init__.py"
    )


def _importe_aus(text: str, modul: str, ist_paket: bool) -> set[str]:
    baum = ast.parse(text)
    paket = modul if ist_paket else modul.rpartition(".")[0]
    gefunden: set[str] = set()

    def besuchen(knoten: ast.AST) -> None:
        for kind in ast.iter_child_nodes(knoten):
            if isinstance(kind, ast.If) and _ist_type_checking(kind):
                for k in kind.orelse:
                    besuchen(k)
                continue
            if isinstance(kind, ast.Import):
                gefunden.update(a.name for a in kind.names if a.name.split(".")[0] == "qprofil")
            elif isinstance(kind, ast.ImportFrom):
                basis = kind.module or ""
                if kind.level:
                    oben = paket.split(".")
                    basis = ".".join(
                        oben[: len(oben) - kind.level + 1] + ([basis] if basis else [])
                    )
                if basis.split(".")[0] == "qprofil":
                    for a in kind.names:
                        kandidat = f"{basis}.{a.name}"
                        gefunden.add(kandidat if _ist_modul(kandidat) else basis)
            besuchen(kind)

    besuchen(baum)
    return gefunden


def _ist_modul(name: str) -> bool:
    pfad = PAKET.parent.joinpath(*name.split("."))
    return pfad.with_suffix(".py").is_file() or (pfad / "__init__.py").is_file()


MODULE = sorted(PAKET.rglob("*.py"))


@pytest.mark.parametrize("pfad", MODULE, ids=lambda p: _modulname(p))
def test_importe_nur_vorwaerts(pfad: Path) -> None:
    modul = _modulname(pfad)
    rueckwaerts = [
        ziel
        for ziel in sorted(_importe(pfad))
        if ziel != "qprofil" and _stufe(ziel) > _stufe(modul)
    ]
    assert not rueckwaerts, (
        f"{modul} (Stufe {_stufe(modul)}) importiert spätere Stufen: {rueckwaerts}"
    )


def test_keine_zyklen() -> None:
    kanten = {_modulname(p): {z for z in _importe(p) if z != _modulname(p)} for p in MODULE}
    zustand: dict[str, int] = {}  # 1 = on the current path, 2 = done
    pfad: list[str] = []

    def tief(m: str) -> None:
        zustand[m] = 1
        pfad.append(m)
        for z in sorted(kanten.get(m, ())):
            if zustand.get(z) == 1:
                pytest.fail("Importzyklus: " + " → ".join([*pfad[pfad.index(z) :], z]))
            if z not in zustand:
                tief(z)
        pfad.pop()
        zustand[m] = 2

    for m in sorted(kanten):
        if m not in zustand:
            tief(m)


def test_pruefung_erkennt_rueckwaertsimporte() -> None:
    """The check itself works: backward imports are found at top level and in functions."""
    text = (
        "from typing import TYPE_CHECKING\n"
        "from qprofil.modell import Quartier\n"
        "if TYPE_CHECKING:\n"
        "    from qprofil.ausgabe.cache import Cache\n"
        "def f():\n"
        "    from qprofil.dokumente import profil\n"
        "    import qprofil.word.rendern\n"
    )
    gefunden = _importe_aus(text, "qprofil.einlesen.beispiel", ist_paket=False)
    assert gefunden == {"qprofil.modell", "qprofil.dokumente.profil", "qprofil.word.rendern"}
    spaeter = sorted(z for z in gefunden if _stufe(z) > _stufe("qprofil.einlesen.beispiel"))
    assert spaeter == ["qprofil.dokumente.profil", "qprofil.word.rendern"]
    assert _stufe("qprofil.cli_hilfe") == STUFEN["cli"]
    assert _stufe("qprofil.zahlen") == 0
