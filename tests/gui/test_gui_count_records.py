"""The desktop app's count records: the ballot paper account per box in the Verification
tab, the recount request's type and bundles, and the two new documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import drive_dialog, show_provisional, wait_for
from PySide6.QtCore import Qt

from countdesk.app import Desk
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import RecountDialog


def test_verification_tab_takes_unused_spoilt_and_tendered(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any,
        open_window: Callable[[Path], MainWindow], sample_db: Path) -> None:
    window = open_window(sample_db)
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(2)
    panel = window.verify_panel
    monkeypatch.setattr(Dialogs, "get_text", classmethod(lambda cls, p, t, label: "Station 1"))
    panel._add("box")
    m = panel.boxes
    assert [m.headerData(i, Qt.Orientation.Horizontal) for i in range(5, 8)] == [
        "Unused", "Spoilt", "Tendered"]
    assert m.setData(m.index(0, 2), "1,200")
    assert m.setData(m.index(0, 3), "1198")
    assert m.setData(m.index(0, 5), "400")
    assert m.setData(m.index(0, 6), "3")
    assert m.setData(m.index(0, 7), "1")
    qtmodeltester.check(m)
    assert [m.index(0, c).data() for c in range(2, 8)] == ["1,200", "1,198", "-2", "400", "3", "1"]
    text = panel.summary.text()
    assert "Unused 400, spoilt 3, tendered 1" in text and "Station 1" in text and "recount the box" in text
    # the count waits: keying is refused with F017, on hover and in words
    window.tabs.setCurrentIndex(1)
    with Desk.open(sample_db, read_only=True) as desk:
        w = desk.ward("Old Town")
        (box,) = desk.verification(w.id).boxes
        assert (box.unused, box.spoilt, box.tendered) == (400, 3, 1)
        assert desk.check(w.id, "key_first").code == "F017"  # type: ignore[arg-type]
    assert not m.setData(m.index(0, 6), "-1")  # refused in words, nothing changed
    with Desk.open(sample_db, read_only=True) as desk:
        assert desk.verification(desk.ward("Old Town").id).boxes[0].spoilt == 3
        assert desk.verify_audit() == []


def test_recount_dialog_records_a_bundle_check_and_refuses_a_blank_reason(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    dialog = RecountDialog("Nonsuch")
    qtbot.addWidget(dialog)
    dialog.requested_by.setText("Agent for Gould")
    dialog.bundles_kind.setChecked(True)
    assert dialog.bundles.isEnabled()
    dialog.reason.setText("wide margin")
    dialog.accept()
    assert dialog.result() == 0 and "Name each bundle" in dialog.error.text()
    dialog.bundles.setText("Box 3 bundle 2, , Postal 7")
    dialog.reason.setText("   ")
    dialog.accept()
    assert dialog.result() == 0 and "reason for granting" in dialog.error.text()
    assert dialog.bundle_names == ["Box 3 bundle 2", "Postal 7"] and dialog.kind == "bundles"

    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")

    def fill(d: RecountDialog) -> None:
        d.requested_by.setText("Agent for Gould")
        d.bundles_kind.setChecked(True)
        d.bundles.setText("Box 3 bundle 2, Postal 7")
        d.refused.setChecked(True)
        d.reason.setText("the bundles were checked in the agents' sight")
        d.decided_by.setText("RO")

    drive_dialog(monkeypatch, fill)
    window.result_panel.recount.click()

    def recorded() -> bool:
        with Desk.open(demo_db, read_only=True) as desk:
            return bool(desk.recount_requests("Nonsuch"))

    wait_for(recorded)
    with Desk.open(demo_db, read_only=True) as desk:
        (q,) = desk.recount_requests("Nonsuch")
        assert (q.kind, q.bundles, q.granted, q.decided_by) == (
            "bundles", ("Box 3 bundle 2", "Postal 7"), False, "RO")
        assert q.reason == "the bundles were checked in the agents' sight"


def test_documents_menu_offers_the_recounts_record_and_the_timing_report(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Documents")
    texts = [a.text() for a in menu.actions()]
    assert "Record of re&counts…" in texts and "&Timing report of the count (all wards)…" in texts
    previews: list[Any] = []
    monkeypatch.setattr(Dialogs, "run", classmethod(lambda cls, d: previews.append(d) or True))
    window.select_ward_by_name("Nonsuch")
    window.show_document("recounts", window.current_ward_id())
    wait_for(lambda: bool(previews))
    assert previews[0].windowTitle() == "Record of recounts — Nonsuch"
    window.show_document("timings", None)
    wait_for(lambda: len(previews) == 2)
    assert previews[1].windowTitle() == "Timing report of the count"
