"""The results board's QR code (key Q): what the screen shows decodes to the latest declared
ward's result as the store holds it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt

from countdesk.app import Desk
from countdesk.gui.board import ResultsBoard

ZBAR = shutil.which("zbarimg")


def declare(db: Path, *names: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))
    from publish_steps import declared_demo

    declared_demo(db, list(names))


@pytest.mark.skipif(ZBAR is None, reason="zbarimg (Debian zbar-tools) is not installed: the code on "
                    "the screen cannot be decoded here (.ci/run installs it as root)")
def test_key_q_shows_the_latest_result_as_a_code_that_decodes(qtbot: Any, demo_db: Path,
                                                               tmp_path: Path) -> None:
    declare(demo_db, "Cheam", "Nonsuch")
    with Desk.open(demo_db, read_only=True) as desk:
        board = ResultsBoard(lambda: desk)
        qtbot.addWidget(board)
        board.show()
        qtbot.keyClick(board, Qt.Key.Key_Q)
        dialog = board.result_code
        assert dialog is not None and dialog.isVisible()
        assert "Nonsuch" in dialog.windowTitle()
        qtbot.waitExposed(dialog)
        shot = tmp_path / "screen.png"
        assert dialog.code.grab().save(str(shot))
        decoded = subprocess.run([str(ZBAR), "--raw", "-q", str(shot)], capture_output=True,
                                 check=True).stdout.decode("utf-8").rstrip("\n")
        assert decoded == desk.result_code("Nonsuch")[1]
        assert dialog.digest_label.text().startswith("Result digest ")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        board.close()


def test_key_q_before_any_declaration_says_so(qtbot: Any, demo_db: Path,
                                              messages: list[tuple[str, str]]) -> None:
    with Desk.open(demo_db, read_only=True) as desk:
        board = ResultsBoard(lambda: desk)
        qtbot.addWidget(board)
        board.show()
        qtbot.keyClick(board, Qt.Key.Key_Q)
        assert board.result_code is None
        assert messages == [("No result to show", "no ward has been declared yet: there is no result "
                                                  "to show")]
        board.close()
