"""Who is at the desk, in the real window (issue 16, finding 4 and items 13-14): the keyer
is asked when keying starts; a second keying under the first keyer's name is refused at
once; supervisors are named and are not keyers; warnings are acknowledged with an
explanation; the differing fields are keyed a third time, blind; dialogs that commit need
an explicit choice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import (
    drive_dialog,
    key_empty_as_zero,
    key_field,
    key_sheet,
    name_in_dialog,
    show_provisional,
    type_figure,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from countdesk.app import Desk
from countdesk.gui.main_window import MainWindow
from countdesk.gui.models import EntryModel
from countdesk.gui.people import NameDialog
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog

FIGURES = ["700", "650", "600", "520", "480", "300", "150"]


def _old_town(window: MainWindow) -> Any:
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(1)
    return window.entry_panel


def _key_whole(qtbot: Any, window: MainWindow, figures: list[str], name: str) -> None:
    panel = window.entry_panel
    name_in_dialog(qtbot, panel.start, name)
    key_sheet(qtbot, window, figures)
    key_field(qtbot, window, "papers", "3175")
    key_empty_as_zero(qtbot, window)
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)


def test_finding_4_the_keyer_is_asked_when_keying_starts_and_figures_wait_for_a_name(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Someone Else")  # the field at the bottom is not the keyer
    panel = _old_town(window)
    assert panel.slot == "first" and panel.start.isVisible() and not panel.finish.isEnabled()
    assert "give your name" in panel.state.text()
    # a figure typed before a name is given is answered, not lost and not saved
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, EntryModel.VALUE))
    qtbot.keyClick(panel.view, "7")
    assert "was not keyed" in panel.message.text()
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.drafts("old town", "first") == {}
    shown = name_in_dialog(qtbot, panel.start, "Ann Smith")
    assert isinstance(shown[0], NameDialog) and shown[0].name.text() == "Ann Smith"
    assert shown[0].name.placeholderText() == "" and "Someone Else" not in shown[0].name.text()
    assert panel.start.isHidden() and "Keyed by Ann Smith" in panel.state.text()
    type_figure(qtbot, window, "700")
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.keyer("old town", "first") == "Ann Smith"


def test_finding_4_a_second_keying_under_the_first_keyers_name_is_refused_at_once(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _old_town(window)
    _key_whole(qtbot, window, FIGURES, "Ann Smith")
    assert panel.slot == "second" and panel.start.isVisible()
    shown = name_in_dialog(qtbot, panel.start, "  ann SMITH ")
    dialog = shown[0]
    assert dialog.result() == 0 and "was by Ann Smith" in dialog.error.text()
    assert panel.start.isVisible()  # nothing keyed under that name
    name_in_dialog(qtbot, panel.start, "Bob Jones")
    assert panel.start.isHidden() and "Keyed by Bob Jones" in panel.state.text()


def test_item_13_the_differing_fields_are_keyed_a_third_time_blind_by_someone_else(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    panel = _old_town(window)
    _key_whole(qtbot, window, FIGURES, "Ann Smith")
    _key_whole(qtbot, window, ["700", "600", "650", *FIGURES[3:]], "Bob Jones")  # two transposed
    assert "differ" in panel.state.text() and panel.third.isVisible() and panel.third.isEnabled()
    # a keyer cannot key the differing fields again
    shown = name_in_dialog(qtbot, panel.third, "bob jones")
    assert shown[0].result() == 0 and "was by Bob Jones" in shown[0].error.text()
    name_in_dialog(qtbot, panel.third, "Cat Third")
    assert panel.slot == "third"
    rows = panel.model.rows()
    assert len(rows) == 2  # only the two differing fields, blank: blind to both keyings
    assert all(r.value is None for r in rows)
    assert "Keyed by Cat Third" in panel.state.text()
    key_sheet(qtbot, window, ["650", "600"])  # what the paper sheet says: the first keying
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert "accepted" in panel.state.text() and "third time" in panel.state.text()
    with Desk.open(sample_db, read_only=True) as desk:
        r = desk.result("old town")
        assert sorted((row.votes or 0 for row in r.candidates), reverse=True) == [int(f) for f in FIGURES]
        third = [a for a in desk.audit_records() if a["action"] == "third keying of the differing fields"]
        assert third and third[-1]["actor"] == "Cat Third"


def test_finding_4_and_item_14_a_warning_is_acknowledged_by_name_with_an_explanation(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    panel = window.result_panel
    seen: list[dict[str, Any]] = []

    def fill(d: NameDialog) -> None:
        seen.append({"commit": d.commit.isEnabled()})
        d.name.setText("A. Deputy")
        seen.append({"commit": d.commit.isEnabled()})  # the explanation is still missing
        d.explanation.setPlainText("Margin of 0: the tie is decided by lot")
        seen.append({"commit": d.commit.isEnabled()})

    shown = drive_dialog(monkeypatch, fill)
    qtbot.mouseClick(panel.acknowledge, Qt.MouseButton.LeftButton)
    assert isinstance(shown[0], NameDialog)
    assert [s["commit"] for s in seen] == [False, False, True]
    with Desk.open(demo_db, read_only=True) as desk:
        acks = desk.acknowledgements("Nonsuch")
        assert [(a.code, a.by, a.explanation) for a in acks] == [
            ("W002", "A. Deputy", "Margin of 0: the tie is decided by lot")]


def _stray_keys_do_not_commit(qtbot: Any, dialog: Any) -> None:
    """Enter and Space on every field, box and choice (every focus but the buttons) leave
    the dialog open: only an explicit press of its commit button commits it."""
    dialog.show()
    qtbot.waitExposed(dialog)
    kinds = (QLineEdit, QRadioButton, QComboBox, QCheckBox, QPlainTextEdit)
    for w in [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds)]:
        if not (w.isVisible() and w.isEnabled()):
            continue
        w.setFocus()
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if key == Qt.Key.Key_Space and isinstance(w, QCheckBox):
                continue  # Space ticks a box: it is a field of its own
            qtbot.keyClick(w, key)
            assert dialog.isVisible() and dialog.result() == 0, (type(w).__name__, key)


def test_finding_4_dialogs_that_commit_need_an_explicit_choice(
        qtbot: Any, open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    window = open_window(demo_db)
    assert window.desk is not None
    # the recount: its reason is required; OK stays disabled until it is given
    recount = RecountDialog("Nonsuch", window)
    qtbot.addWidget(recount)
    ok = next(b for b in recount.findChildren(type(window.result_panel.declare)) if "Record" in b.text())
    assert not ok.isEnabled() and not ok.autoDefault() and not ok.isDefault()
    recount.show()
    qtbot.waitExposed(recount)
    assert recount.focusWidget() is recount.requested_by  # the first field, never the commit button
    _stray_keys_do_not_commit(qtbot, recount)
    recount.requested_by.clear()
    recount.reason.clear()
    recount.full.setChecked(True)  # Space on a choice chose it: choose again
    recount.granted.setChecked(True)
    qtbot.keyClicks(recount.requested_by, "Samantha Bourne")
    qtbot.keyClick(recount.requested_by, Qt.Key.Key_Return)
    assert not ok.isEnabled() and recount.result() == 0
    qtbot.keyClicks(recount.reason, "   ")
    assert not ok.isEnabled()
    qtbot.keyClicks(recount.reason, "Margin of 0")
    qtbot.keyClick(recount.reason, Qt.Key.Key_Return)  # Enter in a field never commits
    assert ok.isEnabled() and recount.isVisible() and recount.result() == 0
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert recount.result() == 1
    # the lot: named after the returning officer by default, never committed by Enter
    nonsuch = window.desk.result("Nonsuch")
    lot = LotDialog(nonsuch, window, recorded_by=window.desk.election().returning_officer)
    qtbot.addWidget(lot)
    assert lot.by.text() == "A. N. Officer"
    lot_ok = next(b for b in lot.findChildren(type(ok)) if "Record lot" in b.text())
    assert not lot_ok.isEnabled()  # no winner chosen yet
    lot.group.buttons()[0].setChecked(True)
    assert lot_ok.isEnabled()
    lot.by.clear()
    assert not lot_ok.isEnabled()
    _stray_keys_do_not_commit(qtbot, lot)
    # the declaration: "Declared by" is the election's returning officer; ticked and named
    belmont = window.desk.result("Belmont")
    declare = DeclareDialog(belmont, window.desk.election().returning_officer, window)
    qtbot.addWidget(declare)
    assert declare.by.text() == window.desk.election().returning_officer
    declare_ok = next(b for b in declare.findChildren(type(ok)) if "Declare and lock" in b.text())
    assert not declare_ok.isEnabled() and not declare_ok.autoDefault()
    _stray_keys_do_not_commit(qtbot, declare)
    declare.confirm.setChecked(True)
    assert declare_ok.isEnabled()
    declare.by.clear()
    assert not declare_ok.isEnabled()
    # the name dialog: Enter in the name field does not get round the explanation
    ack = NameDialog(window, "Acknowledge", "text", "&By:", "&Acknowledge", explanation_label="&Why:")
    qtbot.addWidget(ack)
    ack.show()
    qtbot.keyClicks(ack.name, "A. Deputy")
    qtbot.keyClick(ack.name, Qt.Key.Key_Return)
    assert ack.isVisible() and ack.result() == 0 and not ack.commit.isEnabled()
