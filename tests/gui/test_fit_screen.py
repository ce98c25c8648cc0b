"""The window and every dialog fit a laptop's screen (issue 16, finding 3): at 1366×768 a
15-candidate ward's count sheet shows whole, without scrolling; at 1280×720 (the smallest
supported) nothing is wider or taller than the screen. Run in a child process whose
offscreen screen has the laptop's size (the other tests' screen is Qt's 800×800)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, election_file, small_election

CHILD = r"""
import argparse, json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from countdesk.gui.app import build_window
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.documents import PdfPreview
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog, ReportErrorDialog
room = app.primaryScreen().availableGeometry()
out = {"screen": [room.width(), room.height()]}
win = build_window(argparse.Namespace(db=sys.argv[1], demo=False))
win.show()
for _ in range(5):
    app.processEvents()
out["window"] = [win.frameGeometry().width(), win.frameGeometry().height()]
win.select_ward_by_name("Fifteen")
win.tabs.setCurrentIndex(1)
for _ in range(5):
    app.processEvents()
view = win.entry_panel.view
out["rows"] = win.entry_panel.model.rowCount()
out["entry_scrolls"] = view.verticalScrollBar().maximum()
for large in (True, False):
    win.settings.large_type = large
    win.apply_view_settings()
    for _ in range(5):
        app.processEvents()
    out["window_large" if large else "window_after"] = [win.frameGeometry().width(),
                                                        win.frameGeometry().height()]
r = win.desk.result("Fifteen")
dialogs = {"recount": RecountDialog("Fifteen", win), "report": ReportErrorDialog(r, win),
           "declare": DeclareDialog(r, "Pat Example", win),
           "preview": PdfPreview("Provisional result", b"%PDF-1.4\n", "x.pdf", "note", win)}
for name, d in dialogs.items():
    d.show()
    for _ in range(3):
        app.processEvents()
    out[name] = [d.frameGeometry().width(), d.frameGeometry().height()]
    d.close()
print(json.dumps(out))
"""


def _screen(tmp_path: Path, width: int, height: int) -> dict[str, list[int] | int]:
    candidates = [{"surname": f"Surname{i:02d}", "forenames": "Alexandra Catherine",
                   "description": "Independent", "party": "Independent"} for i in range(15)]
    data = small_election(name="Fifteen", seats=3, candidates=candidates, ballot_papers_counted=None,
                          ballot_papers_verified=None)
    db = tmp_path / "fifteen.db"
    if not db.exists():
        from countdesk.store.importer import import_into

        import_into(db, election_file(tmp_path, data), actor="test")
    config = tmp_path / f"screen-{width}.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpiX": 96,
                                               "logicalDpiY": 96}]}))
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               COUNTDESK_HOME=str(tmp_path / f"home-{width}"))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict[str, list[int] | int] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def test_the_window_and_the_dialogs_fit_the_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    got = _screen(tmp_path, *size)
    assert got["screen"] == list(size)
    for name in ("window", "window_large", "window_after", "recount", "report", "declare", "preview"):
        w, h = got[name]  # type: ignore[misc]
        assert w <= size[0] and h <= size[1], f"{name} is {w}×{h} on a {size[0]}×{size[1]} screen"


def test_a_fifteen_candidate_sheet_shows_whole_at_1366x768(tmp_path: Path) -> None:
    got = _screen(tmp_path, 1366, 768)
    assert got["rows"] == 15 + 5 + 1 + 1  # the candidates, the rejected heads, objected, papers
    assert got["entry_scrolls"] == 0, "the count sheet scrolls at 1366×768"
