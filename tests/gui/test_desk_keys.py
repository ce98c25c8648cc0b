"""Every keystroke lands in a figure, moves focus visibly or gets a message; the screen
says where a ward stands; the filter, closing and reopening lose nothing (issue 16,
findings 2, 3, 5, 6, 7, 8, 10, 11), driven through the real widgets."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import key_field, key_sheet, type_figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from countdesk.gui import start
from countdesk.gui.app import build_window
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.models import EntryModel
from countdesk.store.importer import import_into
from helpers import election_file, small_election


def _keying(window: MainWindow, ward: str = "Old Town", name: str = "Operator One") -> Any:
    """Choose the ward's count entry and start its keying under ``name`` (the name dialog
    filled and committed)."""
    window.select_ward_by_name(ward)
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    assert panel.slot in ("first", "second")

    def run(_cls: type, dialog: Any) -> bool:
        dialog.name.setText(name)
        dialog.accept()
        return bool(dialog.result())

    saved = Dialogs.run
    Dialogs.run = classmethod(run)  # type: ignore[method-assign, assignment]
    try:
        panel.start.click()
    finally:
        Dialogs.run = saved  # type: ignore[method-assign]
    assert panel.model.editable, panel.state.text()
    panel.view.setFocus()
    return panel


def _key_all(qtbot: Any, window: MainWindow, votes: list[str], papers: str) -> None:
    """Key every figure of the sheet: the votes, 0 for each rejection head, the papers."""
    rows = window.entry_panel.model.rowCount()
    key_sheet(qtbot, window, votes + ["0"] * (rows - len(votes) - 1))
    key_field(qtbot, window, "papers", papers)


def test_finding_2_ctrl_home_lands_on_a_figure_and_typing_on_a_name_keys_its_figure(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _keying(window)
    panel.view.setCurrentIndex(panel.model.index(5, EntryModel.VALUE))
    qtbot.keyClick(panel.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert panel.view.currentIndex().row() == 0
    assert panel.view.currentIndex().column() == EntryModel.VALUE
    qtbot.keyClick(panel.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert panel.view.currentIndex().column() == EntryModel.VALUE
    assert panel.view.currentIndex().row() == panel.model.rowCount() - 1
    # a click on a name, then a figure typed: it goes into that row's figure
    panel.view.setCurrentIndex(panel.model.index(2, 0))
    type_figure(qtbot, window, "17")
    assert panel.model.rows()[2].value == 17 and "Saved" in panel.message.text()
    # Left and Right never leave the figure column
    qtbot.keyClick(panel.view, Qt.Key.Key_Left)
    assert panel.view.currentIndex().column() == EntryModel.VALUE


def test_finding_2_a_key_where_nothing_can_be_keyed_gets_a_message(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Belmont")  # imported: its sheet is accepted
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    panel.view.setFocus()
    qtbot.keyClick(panel.view, "7")
    assert "“7” was not keyed" in panel.message.text() and "accepted" in panel.message.text()
    assert not [e for e in panel.view.findChildren(QLineEdit) if e.isVisible()]


def test_finding_2_after_finishing_the_focus_is_on_the_next_figure_not_a_field_aside(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    window.activateWindow()
    panel = _keying(window)
    _key_all(qtbot, window, ["100", "90", "80", "70", "60", "50", "40"], "490")
    panel.finish.setFocus()
    panel.finish.click()  # the button goes: the focus must not drift to a field aside
    assert panel.slot == "second"
    for _ in range(5):
        QApplication.processEvents()
    focus = window.focusWidget()  # where the focus is (or goes, when the window is active)
    assert focus is panel.start, focus  # the next keyer starts here, by name
    _keying(window, name="Operator Two")
    for _ in range(5):
        QApplication.processEvents()
    assert window.focusWidget() is panel.view


def test_finding_5_tab_past_the_last_figure_and_ctrl_tab_leave_the_table(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _keying(window)
    assert window.focusWidget() is panel.view
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is not panel.view
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)  # Tab within the sheet: the next figure
    assert window.focusWidget() is panel.view and panel.view.currentIndex().row() == 1
    panel.view.setCurrentIndex(panel.model.index(panel.model.rowCount() - 1, EntryModel.VALUE))
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)
    assert window.focusWidget() is not panel.view


def test_finding_6_a_refused_figure_keeps_the_figure_column_narrow(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _keying(window)
    QApplication.processEvents()
    header = panel.view.horizontalHeader()
    name_width = header.sectionSize(0)
    panel.view.setCurrentIndex(panel.model.index(1, EntryModel.VALUE))
    type_figure(qtbot, window, "-2")
    assert "negative" in panel.message.text()  # the message, below the table
    shown = panel.model.index(1, EntryModel.VALUE).data()
    assert shown.startswith("✖") and "negative" not in shown
    QApplication.processEvents()
    assert header.sectionSize(0) >= name_width - 2  # the names are not squeezed


def test_finding_7_the_differing_keyings_open_on_the_first_difference(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _keying(window)
    figures = ["100", "90", "80", "70", "60", "50", "40"]
    _key_all(qtbot, window, figures, "490")
    panel.finish.click()
    _keying(window, name="Operator Two")
    panel.view.scrollToBottom()  # where the last keying left it
    _key_all(qtbot, window, figures, "491")  # the last row differs
    panel.view.scrollToTop()
    panel.finish.click()
    assert panel.view.model() is panel.compare, panel.state.text() + panel.message.text()
    current = panel.view.currentIndex()
    assert panel.compare.differs(current.row())
    assert panel.view.visualRect(current).intersects(panel.view.viewport().rect())


def test_finding_8_the_status_says_first_keying_and_a_warning_blocks_ready(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    _keying(window)
    type_figure(qtbot, window, "100")

    def status(ward: str) -> str:
        rows = window.wards_model
        return next(rows.index(i, 2).data() for i in range(rows.rowCount())
                    if rows.index(i, 0).data() == ward)

    assert status("Old Town") == "◑ First keying"
    assert window.desk is not None
    for name in ("Riverside", "Millbrook", "Hillcrest"):
        r = window.desk.result(name)
        if r.status.value == "ready" and r.unacknowledged:
            assert "Warning to acknowledge" in status(name) and "Ready" not in status(name)


def test_finding_10_the_filter_never_leaves_an_unlisted_ward_shown(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    window.select_ward_by_name("Hillcrest")
    qtbot.keyClicks(window.filter, "Riv")
    assert window.proxy.rowCount() == 1
    assert window.current_ward_id() is not None
    assert window.ward_title.text().startswith("Riverside")
    window.filter.clear()
    window.select_ward_by_name("Hillcrest")
    qtbot.keyClicks(window.filter, "zzz")
    assert window.proxy.rowCount() == 0
    assert "Hillcrest" not in window.ward_title.text()
    assert not window.result_panel.declare.isEnabled()
    # Down and Enter in the filter go to the first ward listed
    window.filter.clear()
    qtbot.keyClicks(window.filter, "old")
    window.filter.setFocus()
    qtbot.keyClick(window.filter, Qt.Key.Key_Down)
    assert window.ward_title.text().startswith("Old Town")
    assert window.focusWidget() is window.ward_view


def test_finding_11_closing_with_a_figure_typed_asks_and_reopen_offers_the_store(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _keying(window)
    qtbot.keyClick(panel.view, "4")
    editor = next(e for e in panel.view.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, "2")
    asked: list[str] = []
    monkeypatch.setattr(start, "ask_save", lambda _p, _t, text: asked.append(text) or "cancel")
    assert not window.close()  # cancel: still open, the figure still typed
    assert window.isVisible() and "“42”" in asked[0] and editor.text() == "42"
    monkeypatch.setattr(start, "ask_save", lambda _p, _t, text: "save")
    assert window.close()
    assert window.desk is None
    again = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(again)
    assert again.desk is not None  # the last store is opened again
    again.select_ward_by_name("Old Town")
    again.tabs.setCurrentIndex(1)
    assert again.entry_panel.model.rows()[0].value == 42
    again.close()


def test_finding_11_the_start_screen_offers_the_last_store_with_its_path(
        qtbot: Any, tmp_path: Path, sample_db: Path) -> None:
    from countdesk.gui.settings import Settings

    Settings().last_store = str(sample_db)
    window = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(window)
    window.close()  # the last store was opened: now show the start screen as a newcomer does
    sample_db.rename(tmp_path / "moved.db")
    fresh = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(fresh)
    names = [b.accessibleName() for b in fresh.findChildren(QPushButton)]
    assert not any(n.startswith("Reopen the last store") for n in names)  # gone: not offered
    Settings().last_store = str(tmp_path / "moved.db")
    newer = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(newer)
    assert newer.desk is not None and "moved.db" in newer.windowTitle()


def test_finding_3_the_window_and_the_read_back_fit_the_screen(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    from countdesk.gui.ward_dialogs import DeclareDialog

    window = open_window(demo_db)
    screen = window.screen().availableGeometry()
    need = window.minimumSizeHint()  # the smallest supported screen: 1280×720
    assert need.width() <= 1280 and need.height() <= 720 - 40, need
    assert window.desk is not None
    dialog = DeclareDialog(window.desk.result("Beddington North"), "Pat Example", window)
    qtbot.addWidget(dialog)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()


def test_finding_9_the_read_back_scrolls_by_keyboard_and_wheel_to_the_papers_counted(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    from countdesk.gui.ward_dialogs import DeclareDialog

    window = open_window(demo_db)
    assert window.desk is not None
    dialog = DeclareDialog(window.desk.result("Beddington North"), "Pat Example", window)
    qtbot.addWidget(dialog)
    dialog.resize(700, 420)  # less room than the read-back needs
    dialog.show()
    QApplication.processEvents()
    bar = dialog.read_back.verticalScrollBar()
    assert bar.maximum() > 0  # it scrolls, and says so
    assert dialog.focusWidget() is dialog.read_back  # the read-back has the focus first
    qtbot.keyClick(dialog.read_back, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    for _ in range(10):
        qtbot.keyClick(dialog.read_back, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum()  # down to the papers counted
    bar.setValue(0)
    viewport = dialog.read_back.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert bar.value() > 0
    text = dialog.read_back.widget().text()
    assert "Ballot papers counted" in text and "(d)" in text


def test_finding_5_the_result_buttons_tab_in_the_order_they_are_seen(
        open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    window = open_window(demo_db)
    panel = window.result_panel
    order = []
    w = panel.provisional
    for _ in range(8):
        order.append(w)
        w = w.nextInFocusChain()
        while not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            w = w.nextInFocusChain()
    assert order[:7] == [panel.provisional, panel.recount, panel.lot, panel.acknowledge,
                         panel.declare, panel.countermand, panel.report]


def test_finding_5_the_entry_buttons_tab_in_the_order_they_are_seen(
        monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        sample_db: Path) -> None:
    from countdesk.gui.navigation import widgets_in_layout_order

    window = open_window(sample_db)
    panel = window.entry_panel
    seen = [w for w in widgets_in_layout_order(panel) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert panel.view in seen and panel.accept_first in seen
    chain = [seen[0]]
    for _ in range(len(seen) - 1):
        w = chain[-1].nextInFocusChain()
        while not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            w = w.nextInFocusChain()
        chain.append(w)
    assert chain == seen
    # the supervisor's buttons come after the keyers' ones, as on the screen
    assert seen.index(panel.accept_first) > seen.index(panel.rekey_second) > seen.index(panel.finish)


def test_finding_11_the_demo_says_it_is_a_fresh_copy_and_the_start_screen_offers_it_again(
        qtbot: Any, sample_db: Path) -> None:
    from countdesk.gui.settings import Settings

    Settings().last_store = str(sample_db)
    demo = build_window(argparse.Namespace(db=None, demo=True))
    qtbot.addWidget(demo)
    said = demo.statusBar().currentMessage()
    assert "fresh copy" in said and "countdesk-demo.db" in said
    assert str(sample_db) in said  # where the user's own store is
    demo.close()
    Settings().last_store = ""
    start_screen = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(start_screen)
    assert start_screen.desk is None
    names = [b.accessibleName() for b in start_screen.findChildren(QPushButton)]
    assert names[0] == "Reopen the demo copy you worked on"
    labels = [w.text() for w in start_screen.start.findChildren(QLabel)]
    assert any(t.endswith("countdesk-demo.db") for t in labels)  # its path is shown
    start_screen.start.buttons[0].click()
    assert start_screen.desk is not None and "countdesk-demo.db" in start_screen.windowTitle()
    start_screen.close()


def test_finding_8_the_result_tab_does_not_say_ready_while_a_warning_waits(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        tmp_path: Path) -> None:
    # a close margin (W002) in a one-seat ward, counted and verified
    data = small_election(name="Close", seats=1, ballot_papers_verified=3000, ballot_papers_counted=3000,
                          candidates=[{"surname": "Adams", "forenames": "Ann", "description": "Labour",
                                       "party": "Labour", "votes": 1400},
                                      {"surname": "Brown", "forenames": "Bob", "description": "Green",
                                       "party": "Green", "votes": 1394},
                                      {"surname": "Clarke", "forenames": "Cat", "description": "Liberal",
                                       "party": "Liberal", "votes": 200}],
                          rejected={"no_official_mark": 6, "too_many_votes": 0, "identifying_mark": 0,
                                    "unmarked_or_void": 0})
    db = tmp_path / "close.db"
    import_into(db, election_file(tmp_path, data), actor="test")
    window = open_window(db)
    window.select_ward_by_name("Close")
    assert window.desk is not None
    r = window.desk.result("Close")
    assert [w.code for w in r.unacknowledged] == ["W002"], r.warnings
    status = window.result_panel.status_line.text()
    assert "W002 must be acknowledged before declaring" in status
    row = window.wards_model.index(0, 2).data()
    assert row == "⚠ Warning to acknowledge"


def test_finding_9_a_document_preview_takes_the_keyboard_to_scroll_its_pages(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    from countdesk.gui.documents import PdfPreview

    window = open_window(demo_db)
    assert window.desk is not None
    data = b"%PDF-1.4\n"  # the pages themselves do not matter here
    preview = PdfPreview("Provisional result", data, "x.pdf", "", window)
    qtbot.addWidget(preview)
    preview.show()
    QApplication.processEvents()
    assert preview.focusWidget() is preview.view
    assert preview.view.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_finding_5_tab_leaves_the_result_and_verification_tables(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    window = open_window(demo_db)
    for panel in window.panels:
        for view in panel.findChildren(QAbstractItemView):
            if view is not window.entry_panel.view:
                assert not view.tabKeyNavigation(), view.accessibleName()
    view = window.result_panel.view
    view.setFocus()
    assert window.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.focusWidget() is not view
