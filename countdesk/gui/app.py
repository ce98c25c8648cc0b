"""Starting the desktop app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from countdesk import __version__
from countdesk.gui.main_window import MainWindow
from countdesk.gui.settings import Settings
from countdesk.store import default_store_path


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


def run_app(args: argparse.Namespace) -> int:
    app = make_app()
    window = build_window(args)
    window.show()
    return int(app.exec())
