"""View → High contrast and Larger type, switched back and forth on a running window, keep
the app alive (issue 16, finding 1: a bare layoutChanged signal crashed Qt). Run in a child
process, so that a crash is a failed test, not a lost test run."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import ROOT

TOGGLE = """
import argparse, faulthandler, sys
faulthandler.enable()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from countdesk.app.files import make_demo_store
from countdesk.gui.app import build_window
win = build_window(argparse.Namespace(db=str(make_demo_store()), demo=False))
win.show()
app.processEvents()
win.select_ward_by_name("Nonsuch")
for action in (win.contrast_action, win.contrast_action, win.contrast_action, win.contrast_action):
    action.trigger()
    app.processEvents()
print("alive", win.settings.high_contrast)
"""


def test_switching_high_contrast_back_and_forth_keeps_the_app_alive(tmp_path: object) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               COUNTDESK_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", TOGGLE], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "alive False" in proc.stdout
