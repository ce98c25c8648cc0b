"""The set-up tab's party id, commonly used names and ballot position columns, driven through
the real table model, and the set-up notice about printed ballot positions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt

from countdesk.app import Desk
from countdesk.gui.main_window import MainWindow


def test_set_up_tab_edits_party_ids_names_and_positions(
        qtbot: Any, open_window: Callable[[Path], MainWindow], sample_db: Path,
        messages: list[tuple[str, str]]) -> None:
    window = open_window(sample_db)
    window.operator_edit.setText("Elections Officer")
    window.select_ward_by_name("Old Town")
    window.tabs.setCurrentIndex(3)
    panel = window.setup_panel
    model = panel.candidates
    heads = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert heads[5:] == ["Party id", "Commonly used other names", "Commonly used surname",
                         "Ballot position"]
    assert model.index(0, 0).data() == "Jessop"
    # a party id typed in lower case is stored in its canonical form
    assert model.setData(model.index(0, 5), "pp52")
    assert model.index(0, 5).data() == "PP52"
    # not an id: refused in words, nothing saved
    assert not model.setData(model.index(1, 5), "Labour")
    assert messages[-1][0] == "Not saved" and "is not a party id" in messages[-1][1]
    assert model.index(1, 5).data() == ""
    assert model.setData(model.index(1, 6), "Jim")
    # one position given: a notice, the computed order meanwhile
    assert model.setData(model.index(0, 8), "7")
    assert panel.notices.isVisibleTo(panel) and "not used yet" in panel.notices.text()
    with Desk.open(sample_db, read_only=True) as desk:
        rows = desk.candidate_rows(desk.ward("old town").id)
        assert [c.ballot_position for c in rows] == [7, None, None, None, None, None, None]
    # give every other candidate its position, then the printed order is the order
    surnames = [model.index(r, 0).data() for r in range(model.rowCount())]
    for pos, name in enumerate([s for s in surnames if s != "Jessop"], 1):
        r = [model.index(i, 0).data() for i in range(model.rowCount())].index(name)
        assert model.setData(model.index(r, 8), str(pos))
    assert [model.index(r, 0).data() for r in range(model.rowCount())][-1] == "Jessop"
    assert "differ from the alphabetical order" in panel.notices.text()
    with Desk.open(sample_db, read_only=True) as desk:
        c = desk.candidate_rows(desk.ward("old town").id)
        kettering = next(x for x in c if x.surname == "Kettering")
        assert kettering.commonly_used_forenames == "Jim"
        assert kettering.forenames != "Jim"
        assert desk.verify_audit() == []
