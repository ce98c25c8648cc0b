"""Child process for the start-up benchmark: ``countdesk --demo`` up to its main window shown.

Runs the real command line (``countdesk.cli.main(["--demo"])``); the only change is a
zero-delay timer, set once the main window is built, that prints ``time.monotonic()`` on
the first pass of the event loop after ``show()`` and ends the process at once.
"""

from __future__ import annotations

import os
import sys
import time

from countdesk import cli

_start_gui = cli.start_gui


def _mark(window: object) -> None:
    visible = bool(getattr(window, "isVisible")())  # noqa: B009
    print(f"{time.monotonic():.6f} {'shown' if visible else 'hidden'}", flush=True)
    os._exit(0)


def start_gui(args: object) -> int:
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    import countdesk.gui.app as app_mod  # noqa: PLC0415

    build = app_mod.build_window

    def build_window(a: object) -> object:
        window = build(a)  # type: ignore[arg-type]
        QTimer.singleShot(0, lambda: _mark(window))  # fires after run_app's window.show()
        return window

    app_mod.build_window = build_window  # type: ignore[assignment]
    return _start_gui(args)  # type: ignore[arg-type]


cli.start_gui = start_gui  # type: ignore[assignment]
sys.exit(cli.main(["--demo"]))
