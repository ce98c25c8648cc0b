"""Starting the desktop app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from countdesk import __version__
from countdesk.app.files import default_store_path
from countdesk.gui import i18n
from countdesk.gui.main_window import MainWindow
from countdesk.gui.settings import Settings


def make_app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("countdesk")
    app.setApplicationVersion(__version__)
    return app


def build_window(args: argparse.Namespace) -> MainWindow:
    """The main window on the store the arguments name: --db, --demo, or the last one used."""
    settings = Settings()
    i18n.install(settings.language or i18n.system_language())  # before any widget is made
    window = MainWindow(settings)
    if getattr(args, "db", None):
        if window.open_store(args.db):
            settings.last_store = str(Path(args.db).resolve())
    elif getattr(args, "demo", False):
        window.open_demo()
    elif settings.last_store and Path(settings.last_store).exists():
        window.open_store(settings.last_store)
    elif default_store_path().exists():
        window.open_store(default_store_path())
    return window


#: Set to 1 to quit as soon as the main window has been shown (the installer's smoke test).
QUIT_AFTER_SHOWN = "COUNTDESK_QUIT_AFTER_SHOWN"


def run_app(args: argparse.Namespace) -> int:
    app = make_app()
    window = build_window(args)
    window.show()
    if os.environ.get(QUIT_AFTER_SHOWN, "") not in ("", "0"):
        QTimer.singleShot(0, lambda: _quit_after_shown(app, window))
    return int(app.exec())


def _quit_after_shown(app: QApplication, window: MainWindow) -> None:
    """Say what was shown (on stderr, when there is one), close the window and quit:
    exit status 0 if the window was visible, 1 if not."""
    shown = window.isVisible()
    if sys.stderr is not None:  # a windowed program on Windows has none
        state = "shown" if shown else "NOT shown"
        menus = ", ".join(a.text().replace("&", "") for a in window.menuBar().actions())
        print(f"countdesk: main window {state}: {window.windowTitle()} (menus: {menus})", file=sys.stderr,
              flush=True)
    window.close()
    app.exit(0 if shown else 1)
