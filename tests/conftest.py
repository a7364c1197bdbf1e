"""Shared fixtures. In CI (environment variable CI set) a skipped test counts as a failure."""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"In CI darf kein Test übersprungen werden: {report.longrepr}"


from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402


@dataclass
class Aufruf:
    """Exit code and output of one qprofil call."""

    rc: int
    out: str
    err: str


@pytest.fixture
def qprofil(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the real console entry point in-process: ``qprofil("build", "x", cwd=path)``."""
    import sys

    from qprofil.cli import main

    def aufrufen(*args: str, cwd: Path) -> Aufruf:
        monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["qprofil", *args])
        monkeypatch.setenv("COLUMNS", "200")
        capsys.readouterr()
        try:
            main()
            rc = 0
        except SystemExit as ende:
            rc = ende.code if isinstance(ende.code, int) else (0 if ende.code is None else 1)
        ausgabe = capsys.readouterr()
        return Aufruf(rc, ausgabe.out, ausgabe.err)

    return aufrufen


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh small project (see tests/projektbau.py)."""
    from projektbau import mini_projekt

    return mini_projekt(tmp_path / "projekt")
