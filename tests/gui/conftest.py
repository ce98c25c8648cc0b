"""Fixtures of the desktop app's tests: message boxes recorded, a window on a store."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from countdesk.gui.app import build_window
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every message box shown (title, text); questions are answered yes."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, p, t, x: seen.append((t, x))))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, p, t, x: seen.append((t, x))))
    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, x: True))
    return seen


@pytest.fixture
def open_window(qtbot: Any, messages: list[tuple[str, str]]) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def _open(db: Path) -> MainWindow:
        window = build_window(argparse.Namespace(db=str(db), demo=False))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield _open
    for w in windows:
        w.close()
