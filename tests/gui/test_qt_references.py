"""The desktop app survives a long night: PySide6 6.12 takes a reference from ``None`` at
every call of a method returning nothing, which on Python 3.11 aborted the program after
some thousands of calls ("deallocating None"); importing the desktop app guards against it."""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
import sys
import countdesk.gui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(100_000):  # a count night's worth of updates to one label
    label.setText(str(i))
    label.setVisible(False)
    label.isVisible()
print("still running", flush=True)
"""


def test_a_hundred_thousand_qt_calls_do_not_abort_the_program() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert "deallocating" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "still running"
