"""The count-entry table's row of rejections objected to, the papers counted a multi-member
ward must key, and Documents → Statement of rejected ballot papers, through the real widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import key_empty_as_zero, key_field, key_sheet, wait_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from countdesk.app import Desk
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow


def test_the_objected_row_sits_beside_the_heads_and_is_checked(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Operator One")
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    fields = [r.field for r in panel.model.rows()]
    heads = [f for f in fields if f.startswith("rejected:")]
    assert fields.index("objected") == fields.index(heads[-1]) + 1  # beside the heads
    labels = {r.field: r.label for r in panel.model.rows()}
    assert labels["objected"] == "Rejected: of (a)-(d), rejection objected to"
    assert labels["papers"] == "Ballot papers counted on this sheet (required: 3 seats)"
    # 7 candidates' votes and 4 papers rejected for want of an official mark; 5 objected to
    key_sheet(qtbot, window, ["700", "650", "600", "520", "480", "300", "150", "4"])
    key_field(qtbot, window, "objected", "5")
    # without the papers counted (nor the heads left empty), the keying of a three-seat ward
    # is not finished: empty figures are named, never taken as 0
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert "ballot papers counted" in panel.message.text() and "empty" in panel.message.text()
    assert panel.slot == "first"
    key_field(qtbot, window, "papers", "3175")
    key_empty_as_zero(qtbot, window)
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert "5 rejections objected to, but the sheet rejects only 4 papers" in panel.message.text()
    assert panel.slot == "first"
    key_field(qtbot, window, "objected", "3")
    qtbot.mouseClick(panel.finish, Qt.MouseButton.LeftButton)
    assert panel.slot == "second"
    with Desk.open(sample_db, read_only=True) as desk:
        _, sheet = desk.sheet("Old Town", None)
        assert sheet.first is not None
        assert sheet.first.values["objected"] == 3 and sheet.first.values["papers"] == 3175


def test_documents_menu_offers_the_statement_of_rejected_papers(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    from pypdf import PdfReader

    from countdesk.gui.documents import PdfPreview

    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    previews: list[PdfPreview] = []
    monkeypatch.setattr(Dialogs, "run", classmethod(
        lambda cls, dialog: previews.append(dialog) or True))
    docs = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Documents")
    action = next(a for a in docs.actions() if isinstance(a, QAction)
                  and a.text().replace("&", "") == "Statement of rejected ballot papers…")
    action.trigger()
    wait_for(lambda: bool(previews), 20)
    assert "Statement of rejected ballot papers — Nonsuch" in previews[0].windowTitle()
    out = tmp_path / "rejected.pdf"
    assert previews[0].save(str(out)) == out
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "STATEMENT OF REJECTED BALLOT PAPERS" in text and "Total rejected 9" in text
    # a ward with no complete count: refused in words, nothing shown
    window.select_ward_by_name("Belmont")
    assert window.desk is not None
    window.desk.request_recount("Belmont", "Agent", granted=True, reason="close", decided_by="RO")
    seen = len(messages)
    action.trigger()
    wait_for(lambda: len(messages) > seen, 20)
    assert any("no complete count" in text for _, text in messages), messages
    assert len(previews) == 1
