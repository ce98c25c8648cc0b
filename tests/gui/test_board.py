"""The results board and Documents → Save all declarations, through the real widgets (pytest-qt)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import show_provisional, wait_for
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QPushButton

from countdesk.app import Desk
from countdesk.core.workflow import Action
from countdesk.exports.colours import PARTY_COLOURS, SPARE_COLOURS, colour_map, ink_on
from countdesk.gui.app import build_window
from countdesk.gui.batch import save_all_declarations
from countdesk.gui.board import ResultsBoard
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, p, t, x: seen.append((t, x))))
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, p, t, x: seen.append((t, x))))
    return seen


@pytest.fixture
def window(qtbot: Any, demo_db: Path, messages: list[tuple[str, str]]) -> Iterator[MainWindow]:
    w = build_window(argparse.Namespace(db=str(demo_db), demo=False))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def menu_action(window: MainWindow, text: str) -> QAction:
    for action in window.findChildren(QAction):
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no menu item {text!r}")


def open_the_board(window: MainWindow) -> ResultsBoard:
    menu_action(window, "Open results board…").trigger()
    board = getattr(window, "results_board", None)
    assert isinstance(board, ResultsBoard) and board.isVisible()
    return board


def declare_in_store(db: Path, *names: str) -> None:
    """Declare wards from another connection, as the command line would."""
    with Desk.open(db) as desk:
        for name in names:
            ward = desk.ward(name)
            if desk.check(ward.id, Action.SHOW_PROVISIONAL):
                desk.show_provisional(ward.id, by="RO")
            for w in desk.result(ward.id).unacknowledged:
                desk.acknowledge(ward.id, w.code, by="RO", explanation="checked")
            desk.declare(ward.id)


def test_board_updates_when_a_ward_is_declared_in_the_app(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    board = open_the_board(window)
    assert board.summary is not None and board.summary.wards_declared == 0
    assert "0 of 18 wards declared" in board.describe()
    assert "Control not yet decided" in board.describe()

    # declare Belmont through the Result tab's read-back, as an operator would
    def run(cls: type, dialog: Any) -> bool:
        if type(dialog).__name__ == "PdfPreview":
            return True
        dialog.confirm.setChecked(True)
        dialog.accept()
        return True

    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, x: True))
    show_provisional(qtbot, monkeypatch, window, "Belmont")
    monkeypatch.setattr(Dialogs, "run", classmethod(run))
    window.result_panel.declare.click()
    wait_for(lambda: board.summary is not None and board.summary.wards_declared == 1, 5)
    assert board.summary.latest == "Belmont"
    assert "Latest declaration: Belmont" in board.describe()
    # the audit record of the declaration is on the board, for anyone to note as an anchor
    with Desk.open(Path(window.desk.path), read_only=True) as desk:  # type: ignore[union-attr]
        seq = next(r["seq"] for r in reversed(desk.audit_records()) if r["action"] == "declare")
    assert f"Audit record {seq} · " in board.describe()
    assert sum(p.seats for p in board.summary.parties) == 3
    # the latest declaration names each councillor elected
    with Desk.open(Path(window.desk.path), read_only=True) as desk:  # type: ignore[union-attr]
        r = desk.result("Belmont")
    assert [c.surname for c in board.summary.councillors_for("Belmont")] == \
        [r.row(cid).candidate.surname for cid in r.elected]


def test_board_notices_declarations_made_elsewhere_and_shows_control(
        qtbot: Any, window: MainWindow, demo_db: Path) -> None:
    board = open_the_board(window)
    nonsuch_tie = window.desk.result("Nonsuch").tie  # type: ignore[union-attr]
    assert nonsuch_tie is not None
    with Desk.open(demo_db) as desk:  # another connection, like the command line
        r = desk.result("Nonsuch")
        winner = next(c for c in nonsuch_tie.candidate_ids if r.row(c).candidate.surname == "McDermott-Hill")
        desk.show_provisional("Nonsuch", by="RO")
        desk.record_lot("Nonsuch", winner, "coin toss")
    names = [w.name for w in window.desk.wards()]  # type: ignore[union-attr]
    declare_in_store(demo_db, *names[:16])
    board.poll()  # what the board's timer does every few seconds
    assert board.summary is not None and board.summary.wards_declared == 16
    assert board.summary.control == "Liberal Democrat hold"
    assert "Liberal Democrat hold" in board.describe()

    board.resize(1920, 1080)
    image = board.grab().toImage()
    assert (image.width(), image.height()) == (1920, 1080)
    colours = {image.pixelColor(x, y).name().upper() for x in range(0, 1920, 8) for y in range(0, 1080, 8)}
    assert PARTY_COLOURS["Liberal Democrat"] in colours  # bars (and the banner) in party colours
    assert PARTY_COLOURS["Conservative"] in colours


def test_board_type_is_big_enough_for_a_hall(qtbot: Any) -> None:
    board = ResultsBoard(lambda: None)
    qtbot.addWidget(board)
    board.resize(1920, 1080)
    # one unit is a hundredth of the height: party names 4.4 units, the outcome 6.4
    assert board._font(4.4 * 10.8).pixelSize() >= 40
    assert board._font(6.4 * 10.8).pixelSize() >= 60
    assert board.describe() == "No election is open."
    board.grab()  # paints without a store


def test_party_colours_setup_first_then_defaults_then_spares() -> None:
    got = colour_map(["Liberal Democrats", "Labour Party", "Sutton Residents", "Conservative"],
                     {"Conservative": "#112233"})
    assert got["Liberal Democrats"] == PARTY_COLOURS["Liberal Democrat"]
    assert got["Labour Party"] == PARTY_COLOURS["Labour"]
    assert got["Conservative"] == "#112233"
    assert got["Sutton Residents"] == SPARE_COLOURS[0]
    assert ink_on("#FAA61A") == "#000000" and ink_on("#0087DC") == "#FFFFFF"
    assert QColor(got["Labour Party"]).isValid()


# ------------------------------------------------------ save all declarations
def test_save_all_declarations_off_the_gui_thread(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                  window: MainWindow, demo_db: Path, tmp_path: Path,
                                                  messages: list[tuple[str, str]]) -> None:
    from pypdf import PdfReader

    declare_in_store(demo_db, "Belmont", "Cheam", "St Helier")
    window.refresh()
    folder = tmp_path / "sheets"
    folder.mkdir()
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(folder)))
    op = save_all_declarations(window)
    assert op is not None
    progress = op.progress_dialog
    assert progress is not None and progress.isVisible() and progress.maximum() == 3
    wait_for(lambda: any(t == "Declarations saved" for t, _ in messages), 30)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["declaration-belmont.pdf", "declaration-cheam.pdf", "declaration-st-helier.pdf"]
    text = PdfReader(folder / "declaration-cheam.pdf").pages[0].extract_text()
    assert "DECLARATION OF RESULT OF POLL" in text and "Cheam" in text
    assert "Saved 3 of 3 declarations" in messages[-1][1]


def test_save_all_declarations_can_be_cancelled(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                window: MainWindow, demo_db: Path, tmp_path: Path,
                                                messages: list[tuple[str, str]]) -> None:
    declare_in_store(demo_db, "Belmont", "Cheam")
    window.refresh()
    # the progress dialog's Cancel button stops the work before the next sheet
    monkeypatch.setattr(Dialogs, "choose_folder", classmethod(lambda cls, p, t: str(tmp_path)))
    running = save_all_declarations(window)
    assert running is not None
    dialog = running.progress_dialog
    assert dialog is not None
    cancel = [b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Cancel"]
    cancel[0].click()
    assert running.cancelled()
    wait_for(lambda: any("Saved" in x for _, x in messages), 30)
    assert running.progress_dialog is None and not running.running
    saved = len(list(tmp_path.glob("declaration-*.pdf")))
    assert f"Saved {saved} of 2 declarations" in messages[-1][1]


def test_save_all_with_nothing_declared_says_so(window: MainWindow, messages: list[tuple[str, str]]) -> None:
    assert save_all_declarations(window) is None
    assert messages == [("Save all declarations", "No ward has been declared yet.")]
