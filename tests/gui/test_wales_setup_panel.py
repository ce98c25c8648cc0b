"""The set-up tab's Welsh controls (issue 13), through the real widgets: the rules and the
documents' languages, a ward's Welsh name, and a candidate's address."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from countdesk.app import Desk
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow


def test_set_up_tab_sets_the_welsh_rules_languages_name_and_address(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path,
        messages: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Elections Officer")
    window.select_ward_by_name("Old Town")
    panel = window.setup_panel
    panel.rules.setCurrentIndex(panel.rules.findData("wales"))
    panel.languages.setCurrentIndex(panel.languages.findData("cy,en"))
    panel._save_election()
    panel.ward_name_cy.setText("Hen Dref")
    panel._save_ward()
    panel.cand_view.setCurrentIndex(panel.candidates.index(0, 0))
    monkeypatch.setattr(Dialogs, "get_text", classmethod(lambda cls, p, t, x: "Tŷ Gwyn, Y Bala"))
    panel._address()
    assert messages == []
    with Desk.open(sample_db, read_only=True) as desk:
        el = desk.election()
        assert (el.jurisdiction, el.languages) == ("wales", ("cy", "en"))
        ward = desk.ward("Old Town")
        assert ward.name_cy == "Hen Dref"
        first = panel.candidates.ids[0]
        assert {r.candidate.id: r.candidate.address for r in desk.result(ward.id).candidates}[
            first] == "Tŷ Gwyn, Y Bala"
    panel.redraw()
    assert panel.rules.currentData() == "wales" and panel.ward_name_cy.text() == "Hen Dref"

