"""Child process for the start-up benchmark: the floor, a bare PySide6 window with one table view.

Prints ``time.monotonic()`` on the first pass of the event loop after ``show()``, as
``startup_app.py`` does for countdesk, and ends the process at once.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def _mark(window: QMainWindow) -> None:
    print(f"{time.monotonic():.6f} {'shown' if window.isVisible() else 'hidden'}", flush=True)
    os._exit(0)


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.show()
QTimer.singleShot(0, lambda: _mark(window))
sys.exit(app.exec())
