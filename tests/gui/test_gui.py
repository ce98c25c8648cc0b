"""The desktop app, driven through its real widgets with pytest-qt."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import (
    drive_dialog,
    key_empty_as_zero,
    key_field,
    key_sheet,
    name_in_dialog,
    show_provisional,
    type_figure,
    wait_for,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from countdesk.app import Desk
from countdesk.core.ballot import ballot_order
from countdesk.gui.app import build_window
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.models import EntryModel
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog

ROOT = Path(__file__).resolve().parents[2]


def test_models_pass_the_model_tester(qtmodeltester: Any, open_window: Callable[[Path], MainWindow],
                                      demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    qtmodeltester.check(window.wards_model)
    qtmodeltester.check(window.result_panel.model)
    qtmodeltester.check(window.entry_panel.model)


def test_demo_shows_wards_and_the_nonsuch_tie_banner(open_window: Callable[[Path], MainWindow],
                                                    demo_db: Path) -> None:
    window = open_window(demo_db)
    assert "London Borough of Sutton" in window.windowTitle() and demo_db.name in window.windowTitle()
    assert window.wards_model.rowCount() == 18
    assert window.progress.text().startswith("0 of 18")
    window.select_ward_by_name("Nonsuch")
    banner = window.result_panel.banner
    assert banner.isVisible()
    assert "Samantha Bourne (Liberal Democrats)" in banner.text()
    assert "James McDermott-Hill (Conservative)" in banner.text() and "1,405" in banner.text()
    # lots come after the provisional result was shown (rule 46(2)), on the final figures
    panel = window.result_panel
    assert panel.provisional.isEnabled() and not panel.lot.isEnabled()
    assert panel.lot.toolTip().startswith("F005: ") and "provisional result" in panel.lot.toolTip()
    assert not panel.declare.isEnabled() and panel.declare.toolTip().startswith("F005: ")
    assert "not yet shown" in panel.status_line.text()
    # the filter narrows the overview
    window.filter.setText("sutton")
    assert window.proxy.rowCount() == 4


def test_record_the_lot_then_declare_with_read_back(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                    open_window: Callable[[Path], MainWindow],
                                                    demo_db: Path) -> None:
    window = open_window(demo_db)
    window.operator_edit.setText("A. Deputy")
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    panel = window.result_panel
    assert "Provisional result of round 1 shown" in panel.status_line.text()
    assert "by A. Deputy" in panel.status_line.text()
    assert panel.lot.isEnabled() and panel.declare.toolTip().startswith("F006: ")

    def fill_lot(d: LotDialog) -> None:
        d.method.setCurrentText("Tossing a coin")
        d.witnesses.setPlainText("Agent for Bourne\nAgent for McDermott-Hill")
        for b in d.group.buttons():
            if "MCDERMOTT-HILL" in b.text():
                b.setChecked(True)

    shown = drive_dialog(monkeypatch, fill_lot)
    qtbot.mouseClick(panel.lot, Qt.MouseButton.LeftButton)
    assert isinstance(shown[0], LotDialog)
    assert not panel.banner.isVisible()
    r = panel.result
    assert r is not None and r.status.value == "ready"
    rows = {panel.model.index(i, 1).data(): i for i in range(panel.model.rowCount())}
    mh = rows["MCDERMOTT-HILL, James"]
    assert panel.model.index(mh, 4).data() == "1,406 (lot +1)"
    assert panel.model.index(mh, 5).data() == "✔ Elected"
    assert panel.model.index(mh, 2).data() == "Conservative"
    # W002 (margin 0) must be acknowledged before the read-back
    assert [w.code for w in r.unacknowledged] == ["W002"]
    assert not panel.declare.isEnabled()
    assert panel.declare.toolTip().startswith("F008: ") and "W002" in panel.declare.toolTip()
    assert panel.declare.accessibleDescription() == panel.declare.toolTip()
    assert panel.acknowledge.text().replace("&", "") == "Acknowledge W002"
    assert shown[0].by.text() == "A. N. Officer"  # the lot is named after the returning officer

    def fill_ack(d: Any) -> None:  # acknowledged by a named person, with an explanation
        d.name.setText("A. Deputy")
        d.explanation.setPlainText("Tie decided by lot; margin 0 checked")

    drive_dialog(monkeypatch, fill_ack)
    qtbot.mouseClick(panel.acknowledge, Qt.MouseButton.LeftButton)
    assert panel.declare.isEnabled() and not panel.acknowledge.isEnabled()

    def fill_declare(d: DeclareDialog) -> None:
        text = " ".join(label.text() for label in d.findChildren(type(d.error)))
        assert "James McDermott-Hill (Conservative)" in text and "1,406" in text
        d.confirm.setChecked(True)

    drive_dialog(monkeypatch, fill_declare)
    qtbot.mouseClick(panel.declare, Qt.MouseButton.LeftButton)
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.result("Nonsuch").status.value == "declared"
    assert window.progress.text().startswith("1 of 18")
    # declared is final: nothing but an error report
    assert not panel.recount.isEnabled() and not panel.lot.isEnabled()
    assert panel.recount.toolTip().startswith("F001: ") and panel.report.isEnabled()
    assert "Declared at" in panel.status_line.text() and "final" in panel.status_line.text()


def test_declare_needs_the_read_back_ticked(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                            open_window: Callable[[Path], MainWindow],
                                            demo_db: Path) -> None:
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Belmont")
    assert window.result_panel.declare.isEnabled()
    shown = drive_dialog(monkeypatch, lambda d: None)  # OK pressed without ticking the box
    window.result_panel.declare.click()
    assert isinstance(shown[0], DeclareDialog) and "Tick the read-back box" in shown[0].error.text()
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.result("Belmont").status.value == "ready"


def test_key_a_ward_twice_with_a_difference_and_resolve_it(qtbot: Any,
                                                           open_window: Callable[[Path], MainWindow],
                                                           sample_db: Path) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Operator One")
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    assert panel.slot == "first"
    names = [r.label for r in panel.model.rows()[:7]]
    assert window.desk is not None
    ward = window.desk.ward("Old Town")
    assert names == [c.ballot_name for c in ballot_order(window.desk.candidates(ward.id))]
    assert [r.field for r in panel.model.rows()[:7]] == [
        f"votes:{c.id}" for c in ballot_order(window.desk.candidates(ward.id))]
    figures = ["700", "650", "600", "520", "480", "300", "150", "4"]
    key_sheet(qtbot, window, figures)
    key_field(qtbot, window, "papers", "3175")  # Old Town elects three: papers counted are keyed
    assert "Saved" in panel.message.text()
    # a bad figure is refused in words and not stored
    panel.view.setCurrentIndex(panel.model.index(9, EntryModel.VALUE))
    type_figure(qtbot, window, "-2")
    assert "negative" in panel.message.text()
    # empty figures are asked about, never taken as 0: finishing names them and goes to the first
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert panel.slot == "first" and "empty" in panel.message.text()
    assert "rejected papers: too many votes" in panel.message.text()
    assert panel.model.rows()[panel.view.currentIndex().row()].field == "rejected:too_many_votes"
    key_empty_as_zero(qtbot, window)
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert panel.slot == "second"
    # the second operator does not see the first keying
    assert all(r.value is None for r in panel.model.rows())
    window.operator_edit.setText("Operator Two")
    key_sheet(qtbot, window, ["700", "600", "650", "520", "480", "300", "150", "4"])  # transposed
    key_field(qtbot, window, "papers", "3175")
    key_empty_as_zero(qtbot, window)
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert "differ" in panel.state.text()
    rows = panel.model.rows()
    assert rows[1].label in panel.state.text() and rows[2].label in panel.state.text()
    assert panel.rekey_second.isVisible() and panel.accept_first.isVisible()
    # status in the overview says so, in words and a mark
    status = [window.wards_model.index(i, 2).data() for i in range(window.wards_model.rowCount())]
    assert "✖ Keyings differ" in status
    qtbot.mouseClick(panel.rekey_second, Qt.MouseButton.LeftButton)
    assert panel.slot == "second"
    window.operator_edit.setText("Operator Three")
    key_sheet(qtbot, window, figures)
    key_field(qtbot, window, "papers", "3175")
    key_empty_as_zero(qtbot, window)
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert "accepted" in panel.state.text()
    r = window.result_panel.result
    assert r is not None and r.status.value == "ready"
    votes = {row.candidate.ballot_name: row.votes for row in r.candidates}
    assert sorted(votes.values(), reverse=True) == [700, 650, 600, 520, 480, 300, 150]
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.verify_audit() == []


def test_supervisor_accepts_one_keying(qtbot: Any, open_window: Callable[[Path], MainWindow],
                                       sample_db: Path) -> None:
    window = open_window(sample_db)
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    key_sheet(qtbot, window, ["100", "90", "80", "70", "60", "50", "40"])
    key_field(qtbot, window, "papers", "200")
    key_empty_as_zero(qtbot, window)
    panel.finish.click()
    key_sheet(qtbot, window, ["100", "90", "80", "70", "60", "50", "41"])
    key_field(qtbot, window, "papers", "200")
    key_empty_as_zero(qtbot, window)
    panel.finish.click()
    assert panel.accept_first.isVisible()
    # the supervisor is named, and is neither keyer (refused in the dialog, which stays open)
    shown = name_in_dialog(qtbot, panel.accept_first, "Operator Two")
    assert "keyed a count sheet" in shown[0].error.text() and shown[0].result() == 0
    assert "differ" in panel.state.text()
    name_in_dialog(qtbot, panel.accept_first, "Sam Supervisor")
    assert "accepted first keying" in panel.state.text()


def test_recount_opens_a_new_round_and_keeps_the_old(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                     open_window: Callable[[Path], MainWindow],
                                                     demo_db: Path) -> None:
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")

    def fill(d: RecountDialog) -> None:
        d.requested_by.setText("Samantha Bourne")
        d.reason.setText("Margin of 0")

    drive_dialog(monkeypatch, fill)
    window.result_panel.recount.click()
    panel = window.result_panel
    assert panel.round.count() == 2 and "recount 1" in panel.round.currentText()
    assert window.entry_panel.slot == "first"
    # the recount voids the provisional result shown for the old figures
    assert "not yet shown" in panel.status_line.text()
    assert not panel.lot.isEnabled() and panel.lot.toolTip().startswith("F004: ")
    panel.round.setCurrentIndex(0)
    assert panel.result is not None and panel.result.status.value == "lot_required"
    assert not panel.lot.isEnabled()  # the buttons act on the current round


def test_close_and_reopen_finds_everything(qtbot: Any, open_window: Callable[[Path], MainWindow],
                                           sample_db: Path) -> None:
    window = open_window(sample_db)
    window.select_ward_by_name("Old Town")
    key_sheet(qtbot, window, ["123", "45"])
    window.close()
    again = open_window(sample_db)
    again.select_ward_by_name("Old Town")
    rows = again.entry_panel.model.rows()
    assert [r.value for r in rows[:3]] == [123, 45, None]


def test_start_screen_without_a_store(qtbot: Any) -> None:
    window = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(window)
    buttons = [b.accessibleName() for b in window.findChildren(QPushButton)]
    assert "Open a fresh demo election (Sutton 2018)" in buttons
    assert window.centralWidget() is window.start


def test_every_control_has_an_accessible_name_and_type_can_grow(
        open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    for cls_name in ("QPushButton", "QLineEdit", "QComboBox", "QTableView"):
        for w in window.findChildren(QWidget):
            named = type(w).__name__ == cls_name or (cls_name == "QTableView" and w.inherits("QTableView"))
            if named and w.isVisible():
                assert w.accessibleName(), f"{type(w).__name__} {w.objectName()} has no name"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font().pointSizeF()
    window.large_action.setChecked(True)
    assert app.font().pointSizeF() > before
    window.contrast_action.setChecked(True)
    assert app.palette().color(app.palette().ColorRole.Window).name() == "#000000"
    window.contrast_action.setChecked(False)
    window.large_action.setChecked(False)


KILL_SCRIPT = textwrap.dedent("""
    import argparse, sys, time
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit
    from countdesk.gui.app import build_window, make_app
    from countdesk.gui.models import EntryModel
    app = make_app()
    w = build_window(argparse.Namespace(db=sys.argv[1], demo=False))
    w.show()
    w.select_ward_by_name("Old Town")
    from countdesk.gui.dialogs import Dialogs
    def named(d):  # the keyer's name, asked when the keying starts
        d.name.setText("Operator One")
        d.accept()
        return d.result() == 1
    Dialogs.run = staticmethod(named)
    w.tabs.setCurrentIndex(1)  # the Count entry tab, where the figures are typed
    w.entry_panel.start.click()
    view = w.entry_panel.view
    view.setFocus()
    view.setCurrentIndex(w.entry_panel.model.index(0, EntryModel.VALUE))
    for text in ("311", "222", "133"):
        QTest.keyClick(view, text[0])
        editor = [e for e in view.findChildren(QLineEdit) if not e.isHidden()][0]
        QTest.keyClicks(editor, text[1:])
        QTest.keyClick(editor, Qt.Key.Key_Return)
        app.processEvents()
    print("keyed", flush=True)
    # half-typed fourth figure, never committed
    QTest.keyClick(view, "9")
    time.sleep(60)
""")


def test_killing_the_app_mid_sheet_loses_nothing(tmp_path: Path, sample_db: Path,
                                                 open_window: Callable[[Path], MainWindow]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTDESK_HOME=str(tmp_path / "kh"))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(sample_db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "keyed", proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    window = open_window(sample_db)
    window.select_ward_by_name("Old Town")
    values = [r.value for r in window.entry_panel.model.rows()[:4]]
    assert values == [311, 222, 133, None]
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.verify_audit() == []


def test_set_up_a_ward_by_hand_and_by_csv(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                         open_window: Callable[[Path], MainWindow], sample_db: Path,
                                         messages: list[tuple[str, str]]) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Elections Officer")
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(3)
    panel = window.setup_panel
    # a new ward by hand, then a candidate typed in with the keyboard
    answers = iter(["Northgate", "2"])
    monkeypatch.setattr(Dialogs, "get_text", classmethod(lambda cls, p, t, label: next(answers)))
    panel._add_ward()
    window.select_ward_by_name("Northgate")
    assert panel.ward_name.text() == "Northgate" and panel.seats.text() == "2"
    for surname, forenames, desc in (("Ní Bhriain", "Zoë", "Green Party"), ("Adams", "Ann", "Labour Party"),
                                     ("Brown", "Bob", "Independent")):
        for edit, text in ((panel.new_surname, surname), (panel.new_forenames, forenames),
                           (panel.new_description, desc)):
            if text.isascii():
                qtbot.keyClicks(edit, text)
            else:  # QTest cannot synthesise key events for accented letters
                edit.insert(text)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [panel.candidates.index(r, 0).data() for r in range(3)] == ["Adams", "Brown", "Ní Bhriain"]
    # a duplicate is refused in words
    qtbot.keyClicks(panel.new_surname, "adams")
    qtbot.keyClicks(panel.new_forenames, "ANN")
    qtbot.keyClicks(panel.new_description, "Labour Party")
    panel.add_button.click()
    assert messages and "Candidate not added" in messages[-1][0]
    # edit a cell in the table
    assert panel.candidates.setData(panel.candidates.index(1, 3), "Independent")
    # the statement of persons nominated from CSV
    csv = ROOT / "seeds" / "nominations-example.csv"
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, p, t, f: str(csv)))
    panel._import_csv()  # checked and imported off the GUI thread, with a busy dialog
    assert panel.import_op.progress_dialog is not None or not panel.import_op.running
    wait_for(lambda: not panel.import_op.running)
    assert messages[-1][0] == "Nominations imported"
    names = [window.wards_model.row_at(i).name for i in range(window.wards_model.rowCount())]
    assert "Castle" in names and "Northgate" in names
    # a bad CSV imports nothing and names the line
    bad = sample_db.parent / "bad.csv"
    bad.write_text("ward,surname,forenames,description\nCastle,,Ann,Labour\n", encoding="utf-8")
    monkeypatch.setattr(Dialogs, "open_file", classmethod(lambda cls, p, t, f: str(bad)))
    before = window.wards_model.rowCount()
    panel._import_csv()
    wait_for(lambda: not panel.import_op.running)
    assert messages[-1][0] == "Nothing imported" and "line 2" in messages[-1][1]
    assert window.wards_model.rowCount() == before
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.verify_audit() == []


def test_candidate_list_locks_once_keying_starts(qtbot: Any, open_window: Callable[[Path], MainWindow],
                                                 demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    panel = window.setup_panel
    assert not panel.add_button.isEnabled()
    assert not panel.candidates.flags(panel.candidates.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert panel.lock_state.text().startswith("Locked:")
    assert panel.unlock_button.isEnabled()


def test_verification_boxes_variance_and_explanation(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                     qtmodeltester: Any,
                                                     open_window: Callable[[Path], MainWindow],
                                                     sample_db: Path) -> None:
    window = open_window(sample_db)
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(2)
    panel = window.verify_panel
    labels = iter(["Station 1 (St Mary's Hall)", "Postal opening 1"])
    monkeypatch.setattr(Dialogs, "get_text", classmethod(lambda cls, p, t, label: next(labels)))
    panel._add("box")
    panel._add("postal")
    m = panel.boxes
    assert m.rowCount() == 2
    assert m.setData(m.index(0, 2), "1,200")
    assert m.setData(m.index(0, 3), "1198")
    assert m.setData(m.index(1, 3), "310")
    qtmodeltester.check(m)
    assert m.index(0, 4).data() == "-2"
    assert "1,508" in panel.summary.text() and "Explain the variance" in panel.summary.text()
    qtbot.keyClicks(panel.explanation, "Two papers found in the box for station 2")
    panel._explain()
    assert "Explained" in panel.summary.text()
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.ward("Old Town").ballot_papers_verified == 1508
        assert desk.verify_audit() == []


def test_declaring_produces_the_sheet_to_preview_print_and_save(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    from pypdf import PdfReader

    from countdesk.gui.documents import PdfPreview

    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Belmont")
    previews: list[PdfPreview] = []

    def run(cls: type, dialog: Any) -> bool:
        if isinstance(dialog, PdfPreview):
            previews.append(dialog)
            return True
        dialog.confirm.setChecked(True)
        dialog.accept()
        return True

    monkeypatch.setattr(Dialogs, "run", classmethod(run))
    window.result_panel.declare.click()
    wait_for(lambda: bool(previews), 20)
    preview = previews[0]
    assert preview.pages == 1
    assert "Declaration of result of poll — Belmont" in preview.windowTitle()
    out = tmp_path / "belmont.pdf"
    assert preview.save(str(out)) == out
    text = PdfReader(out).pages[0].extract_text()
    with Desk.open(demo_db, read_only=True) as desk:
        r = desk.result("Belmont")
    for row in r.candidates:
        assert row.candidate.surname.upper() in text.upper()
        assert f"{row.declared_votes:,}" in text
    # printing renders each page at 300 dpi onto the printer (a PDF printer here)
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    preview.paint(printer)
    assert printed.exists() and printed.stat().st_size > 10_000
    # the provisional sheet and the notice come from the Documents menu
    window.show_document("notice", None)
    wait_for(lambda: len(previews) == 2, 20)
    assert "Notice of election result" in previews[1].windowTitle()
