"""The set-up tab's party id, commonly used names and ballot position columns, driven through
the real table model, and the set-up notice about printed ballot positions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from countdesk.app import Desk
from countdesk.app.files import import_election_file
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import LotDialog


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


def test_a_tie_for_the_longer_term_in_the_banner_and_the_lot_dialog(
        qtbot: Any, open_window: Callable[[Path], MainWindow], tmp_path: Path) -> None:
    cands = [{"surname": s, "forenames": "A", "description": "Labour Party", "votes": v}
             for s, v in (("Smith", 1500), ("Jones", 1200), ("Khan", 1200), ("Brown", 900))]
    data = {"format": "countdesk-election/1", "authority": "Ipswich Borough Council",
            "title": "Borough Council Election", "poll_date": "2024-05-02",
            "wards": [{"name": "St John's", "seats": 3, "ballot_papers_verified": 2000,
                       "ballot_papers_counted": 2000,
                       "terms": [{"years": 4, "seats": 2}, {"years": 2, "seats": 1}],
                       "candidates": cands}]}
    src = tmp_path / "e.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "s.db"
    import_election_file(db, src)
    window = open_window(db)
    window.select_ward_by_name("St John's")
    banner = window.result_panel.banner.text()
    assert "each have 1,200 votes for 1 seat with the longer term (4 years)" in banner
    result = window.result_panel.result
    assert result is not None and result.tie is not None and result.tie.kind == "term"
    dialog = LotDialog(result, window)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "votes for 1 seat with the longer term (4 years)" in texts


def test_the_results_board_shows_one_labour_party_for_pp53(
        qtbot: Any, open_window: Callable[[Path], MainWindow], tmp_path: Path) -> None:
    def cand(surname: str, desc: str, votes: int, pid: str | None = None) -> dict[str, Any]:
        return {"surname": surname, "forenames": "A", "description": desc, "votes": votes,
                **({"party_id": pid} if pid else {})}
    wards = [
        {"name": "Aber", "seats": 1, "ballot_papers_counted": 1500, "ballot_papers_verified": 1500,
         "candidates": [cand("Jones", "Welsh Labour", 900, "PP53"),
                        cand("Price", "Plaid Cymru", 600, "PP77")]},
        {"name": "Bryn", "seats": 1, "ballot_papers_counted": 1500, "ballot_papers_verified": 1500,
         "candidates": [cand("Morgan", "Labour Party", 800, "PP53"),
                        cand("Evans", "Annibynnol", 700)]}]
    data = {"format": "countdesk-election/1", "authority": "Cyngor Example", "title": "Election",
            "poll_date": "2022-05-05", "previous_seats": {"Labour": 2}, "wards": wards}
    src = tmp_path / "e.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "s.db"
    import_election_file(db, src)
    with Desk.open(db) as desk:
        for name in ("Aber", "Bryn"):
            desk.show_provisional(name, by="RO")
            for w in desk.result(name).unacknowledged:
                desk.acknowledge(name, w.code, by="RO", explanation="checked")
            desk.declare(name, by="RO")
    window = open_window(db)
    for action in window.findChildren(QAction):
        if action.text().replace("&", "") == "Open results board…":
            action.trigger()
    board = window.results_board  # type: ignore[attr-defined]
    board.poll()
    assert board.summary is not None
    assert [(p.party, p.seats) for p in board.summary.parties if p.seats] == [("Labour Party", 2)]
    assert "Labour hold" in board.describe()
    assert "Welsh Labour" not in board.describe()
