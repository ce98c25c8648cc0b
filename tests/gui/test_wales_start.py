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
