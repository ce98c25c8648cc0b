"""The desktop app asks the workflow: its buttons are enabled exactly when the core allows
the action (and say why not), operations refresh only the wards they changed, and the
returning officer's passphrase is asked for once, where an operation needs it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import drive_dialog, show_provisional, wait_for
from PySide6.QtCore import QModelIndex, Qt

from countdesk.app import Desk
from countdesk.core.workflow import Action
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.panel import verdict_tip
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, ReportErrorDialog

PASS = "correct horse battery"


def assert_buttons_match_the_core(window: MainWindow, ward: str) -> None:
    """Every workflow button of the Result and Count entry tabs, against the core's verdicts."""
    desk = window.desk
    assert desk is not None
    window.select_ward_by_name(ward)
    w = desk.ward(ward)
    verdicts = desk.verdicts(w.id)
    states = window.result_panel.action_states()
    assert set(states) == {Action.SHOW_PROVISIONAL, Action.RECORD_LOT, Action.RECOUNT,
                           Action.ACKNOWLEDGE, Action.DECLARE, Action.COUNTERMAND, Action.REPORT_ERROR}
    for action, (enabled, tip) in states.items():
        v = verdicts[action]
        assert enabled == v.allowed, (ward, action, tip)
        assert tip == verdict_tip(v)
        if not v.allowed:
            assert tip.startswith(f"{v.code}: ") and v.reason[1:] in tip
            button = window.result_panel.action_buttons[action]
            assert button.accessibleDescription() == tip
    entry = window.entry_panel
    sheet = entry.sheet.currentText() or None
    for action, (enabled, tip) in entry.action_states().items():
        v = desk.check(w.id, action, None if action is Action.ADD_SHEET else sheet)
        assert enabled == v.allowed, (ward, action, tip)
        assert tip == verdict_tip(v)


def fill_lot(d: LotDialog) -> None:
    d.method.setCurrentText("Tossing a coin")
    for b in d.group.buttons():
        if "MCDERMOTT-HILL" in b.text():
            b.setChecked(True)


def test_buttons_follow_the_workflow_in_every_state(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, sample_db: Path) -> None:
    # countermanded and uncontested wards, in the sample election
    with Desk.open(sample_db) as desk:
        desk.countermand("Hillcrest", "the death of a candidate", by="RO")
    window = open_window(sample_db)
    for ward in ("Old Town", "Millbrook", "Hillcrest", "Riverside"):  # incomplete, uncontested, …
        assert_buttons_match_the_core(window, ward)
    panel = window.result_panel
    window.select_ward_by_name("Millbrook")
    assert panel.declare.isEnabled() and not panel.provisional.isEnabled()
    assert panel.provisional.toolTip().startswith("F003: ")
    window.select_ward_by_name("Hillcrest")
    assert not panel.declare.isEnabled() and panel.declare.toolTip().startswith("F002: ")
    assert "countermanded" in panel.status_line.text()
    window.select_ward_by_name("Old Town")
    assert panel.declare.toolTip().startswith("F004: ")
    assert window.entry_panel.rekey_first.isEnabled()  # the sheet takes its first keying
    window.close()

    # the demo: a lot required, before and after the provisional result; ready; declared
    window = open_window(demo_db)
    assert_buttons_match_the_core(window, "Nonsuch")
    assert_buttons_match_the_core(window, "Belmont")
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    assert_buttons_match_the_core(window, "Nonsuch")
    drive_dialog(monkeypatch, fill_lot)
    window.result_panel.lot.click()
    assert_buttons_match_the_core(window, "Nonsuch")  # W002 to acknowledge

    def fill_ack(d: Any) -> None:  # by name, with an explanation
        d.name.setText("A. Deputy")
        d.explanation.setPlainText("tie decided by lot")

    drive_dialog(monkeypatch, fill_ack)
    window.result_panel.acknowledge.click()
    assert_buttons_match_the_core(window, "Nonsuch")  # ready
    drive_dialog(monkeypatch, lambda d: d.confirm.setChecked(True) if isinstance(d, DeclareDialog) else None)
    window.result_panel.declare.click()
    assert_buttons_match_the_core(window, "Nonsuch")  # declared
    assert window.result_panel.report.isEnabled()
    assert not window.entry_panel.add_sheet.isEnabled()
    assert window.entry_panel.add_sheet.toolTip().startswith("F001: ")


def test_showing_the_provisional_result_enables_declare(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Belmont")
    panel = window.result_panel
    assert not panel.declare.isEnabled() and panel.declare.toolTip().startswith("F005: ")
    show_provisional(qtbot, monkeypatch, window, "Belmont")
    assert panel.declare.isEnabled() and panel.recount.isEnabled()
    assert not panel.provisional.isEnabled() and panel.provisional.toolTip().startswith("F011: ")
    assert window.desk is not None and window.desk.provisional("Belmont") is not None
    assert "Provisional result of round 1 shown" in panel.status_line.text()


def test_an_operation_refreshes_only_the_ward_it_changed(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    model = window.wards_model
    changed_rows: list[tuple[int, int]] = []
    resets: list[int] = []
    model.dataChanged.connect(lambda a, b, *_: changed_rows.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(1))
    show_provisional(qtbot, monkeypatch, window, "Belmont")  # no change to the row's stage
    assert resets == [] and changed_rows == []
    drive_dialog(monkeypatch, lambda d: d.confirm.setChecked(True) if isinstance(d, DeclareDialog) else None)
    window.result_panel.declare.click()
    row = next(i for i in range(model.rowCount()) if model.row_at(i).name == "Belmont")
    assert resets == [] and changed_rows == [(row, row)]
    assert model.index(row, 2).data() == "★ Declared"
    assert window.progress.text().startswith("1 of 18")

    # a change to another ward (as the board's or another panel's operation would) leaves
    # the chosen ward's panels alone
    redrawn: list[int] = []
    monkeypatch.setattr(window.result_panel, "redraw", lambda: redrawn.append(1))
    changed_rows.clear()
    nonsuch = window.desk.ward("Nonsuch").id  # type: ignore[union-attr]
    from countdesk.gui.ops import CollectionOp

    assert CollectionOp(window, lambda desk: desk.show_provisional(nonsuch, by="RO"),
                        name="show_provisional").run()
    assert redrawn == [] and resets == [] and changed_rows == []  # same stage: same row


def test_the_passphrase_is_asked_once_and_a_cancel_changes_nothing(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, messages: list[tuple[str, str]]) -> None:
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Belmont")
    asked: list[str] = []
    answer: list[str | None] = [None]
    monkeypatch.setattr(Dialogs, "get_password",
                        classmethod(lambda cls, p, t, label: asked.append(label) or answer[0]))
    drive_dialog(monkeypatch, lambda d: d.confirm.setChecked(True) if isinstance(d, DeclareDialog) else None)
    panel = window.result_panel
    panel.declare.click()
    assert asked == ["Declaring the result of Belmont needs the returning officer's passphrase:"]
    assert messages == []  # politely: no error box
    assert "nothing was changed" in window.statusBar().currentMessage()
    assert window.desk is not None and window.desk.ward("Belmont").declared_at is None
    answer[0] = PASS
    panel.declare.click()
    assert len(asked) == 2 and messages == []
    assert window.desk.ward("Belmont").declared_at is not None
    # an operation that needs none asks none
    window.select_ward_by_name("Nonsuch")
    panel.provisional.click()
    wait_for(lambda: not panel.provisional.isEnabled(), 20)
    assert len(asked) == 2


def test_countermand_and_report_an_error_after_the_declaration(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, messages: list[tuple[str, str]]) -> None:
    window = open_window(demo_db)
    panel = window.result_panel
    answers = iter(["the death of a candidate"])
    monkeypatch.setattr(Dialogs, "get_text", classmethod(lambda cls, p, t, label: next(answers)))
    window.select_ward_by_name("Cheam")
    panel.countermand.click()
    assert window.desk is not None and window.desk.ward("Cheam").countermanded_at is not None
    assert not panel.declare.isEnabled() and panel.declare.toolTip().startswith("F002: ")
    assert "countermanded" in panel.status_line.text()

    show_provisional(qtbot, monkeypatch, window, "Belmont")
    previews: list[Any] = []

    def run(cls: type, dialog: Any) -> bool:
        if type(dialog).__name__ == "PdfPreview":
            previews.append(dialog)
            return True
        if isinstance(dialog, ReportErrorDialog):
            dialog.accept()
            assert "Say what was found" in dialog.error.text()  # refused: nothing said
            dialog.reason.setText("Votes for one candidate were transposed on the sheet")
            first = next(iter(dialog.votes.values()))
            first.setText("1,234")
        else:
            dialog.confirm.setChecked(True)
        dialog.accept()
        return bool(dialog.result())

    monkeypatch.setattr(Dialogs, "run", classmethod(run))
    assert not panel.report.isEnabled() and panel.report.toolTip().startswith("F009: ")
    panel.declare.click()
    wait_for(lambda: len(previews) == 1, 20)
    before = window.desk.result("Belmont")
    assert panel.report.isEnabled()
    panel.report.click()
    wait_for(lambda: len(previews) == 2, 20)
    assert "Error reported after the declaration" in previews[1].windowTitle()
    reports = window.desk.error_reports("Belmont")
    assert len(reports) == 1 and "transposed" in reports[0].reason
    assert list(reports[0].believed.values()) == [1234]
    assert window.desk.result("Belmont") == before  # recorded, never applied
    assert "1 error reported" in panel.status_line.text()
    assert messages == []


def test_models_after_operations_pass_the_model_tester(
        qtmodeltester: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
        open_window: Callable[[Path], MainWindow], demo_db: Path) -> None:
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    drive_dialog(monkeypatch, fill_lot)
    window.result_panel.lot.click()
    qtmodeltester.check(window.wards_model)
    qtmodeltester.check(window.result_panel.model)
    assert window.wards_model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None
