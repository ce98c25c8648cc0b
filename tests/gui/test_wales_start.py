"""The start screen offers the Welsh demo beside Sutton's (issue 13 item 6)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")


def test_the_start_screen_offers_the_welsh_demo_beside_sutton(qtbot: Any) -> None:
    import argparse

    from PySide6.QtWidgets import QPushButton

    from countdesk.gui.app import build_window

    window = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(window)
    buttons = {b.accessibleName(): b for b in window.findChildren(QPushButton)}
    assert any("demo election (Sutton 2018)" in name for name in buttons)
    welsh = [b for name, b in buttons.items() if "Welsh demo election (Eryri 2022" in name]
    assert len(welsh) == 1
    welsh[0].click()
    assert window.desk is not None
    el = window.desk.election()
    assert (el.authority, el.jurisdiction, el.languages) == ("Cyngor Sir Eryri", "wales", ("cy", "en"))
    assert window.desk.path.name == "countdesk-demo-cymru.db"


def test_the_results_board_of_the_welsh_demo_shows_no_address(qtbot: Any, tmp_path: Any) -> None:
    from countdesk.app import Desk
    from countdesk.core.workflow import Action
    from countdesk.gui.board import ResultsBoard
    from countdesk.store.importer import import_into
    from helpers import SEEDS

    db = tmp_path / "eryri.db"
    import_into(db, SEEDS / "demo-eryri-2022.json", actor="test")
    with Desk.open(db) as desk:
        ward = desk.ward("Llanuwchllyn")
        assert desk.result(ward.id).candidates[0].candidate.address  # the demo gives one
        desk.declare(ward.id, by="RO")
        assert desk.check(ward.id, Action.DECLARE).allowed is False
        board = ResultsBoard(lambda: desk)
        qtbot.addWidget(board)
        board.refresh()
        words = board.describe()
    assert "1 of 5 wards declared" in words and "Latest declaration: Llanuwchllyn" in words
    assert "Tŷ Gwyn" not in words and "LL23" not in words
