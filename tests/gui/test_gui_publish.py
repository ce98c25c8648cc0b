"""Documents → Publish results…: the site written off the GUI thread into the chosen folder,
and written again after a declaration when that was chosen."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import wait_for
from PySide6.QtGui import QAction

from countdesk.gui.app import build_window
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.publishing import publish_after_declaration, publish_dialog, remembered


@pytest.fixture
def window(qtbot: Any, demo_db: Path, messages: list[tuple[str, str]]) -> Iterator[MainWindow]:
    w = build_window(argparse.Namespace(db=str(demo_db), demo=False))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def declare(db: Path, name: str) -> None:
    """Declare a ward from another connection, as the command line would."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))
    from publish_steps import declared_demo

    declared_demo(db, [name])


def test_publish_results_from_the_documents_menu(window: MainWindow, demo_db: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 messages: list[tuple[str, str]]) -> None:
    declare(demo_db, "Cheam")
    window.refresh()
    texts = [a.text() for a in window.menuBar().actions()[1].menu().actions() if isinstance(a, QAction)]
    assert "P&ublish results…" in texts
    folder = tmp_path / "usb" / "results"
    folder.parent.mkdir()
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(folder)))
    op = publish_dialog(window)  # the question "again after every declaration?" answered yes
    assert op is not None
    wait_for((folder / "index.html").is_file, 30)
    assert "1 of 18 wards declared" in (folder / "index.html").read_text(encoding="utf-8")
    assert remembered(window) == (str(folder), True)
    wait_for(lambda: "Results published" in window.statusBar().currentMessage(), 10)
    # a declaration later: the site follows
    declare(demo_db, "Belmont")
    assert publish_after_declaration(window) is not None
    wait_for(lambda: "2 of 18 wards declared" in (folder / "index.html").read_text(encoding="utf-8"), 30)
    assert messages == []


def test_a_folder_of_other_files_is_refused_in_words(window: MainWindow, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     messages: list[tuple[str, str]]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "minutes.txt").write_text("keep me")
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(folder)))
    assert publish_dialog(window) is not None
    wait_for(lambda: messages, 30)
    assert messages[0][0] == "Results not published" and "already holds other files" in messages[0][1]
    assert [p.name for p in folder.iterdir()] == ["minutes.txt"]
