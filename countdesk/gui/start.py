"""The start screen, reopening the night's work, and closing without losing a figure
(issue 16, finding 11).

- The start screen offers the last store used, with its path, and the demo copy worked
  on, before a new election, another store or a fresh demo.
- *File → Reopen the last store* does the same from the menu.
- ``--demo`` says that it is a fresh copy, where it is, and where the user's own store is.
- Closing the window with a figure typed but not entered asks: save it, discard it, or
  go back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from countdesk.app.files import data_home
from countdesk.gui.i18n import translate

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow


def demo_copy() -> Path:
    """Where ``--demo`` keeps its copy (replaced by the next ``--demo``)."""
    return data_home() / "demo" / "countdesk-demo.db"


def last_store(window: MainWindow) -> Path | None:
    last = window.settings.last_store
    return Path(last) if last and Path(last).exists() else None


class StartScreen(QWidget):
    """Shown when there is no store open: reopen the last one, new election, open, demo."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("<h1>countdesk</h1><p>The count desk for UK local elections. "
                               "Everything stays on this computer.</p>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        choices: list[tuple[str, Callable[[], object], str]] = []
        last, demo = last_store(window), demo_copy()
        if last is not None:
            choices.append((self.tr("&Reopen the last store: {0}").format(last.name),
                            lambda: window.open_store(last), str(last)))
        if demo.exists() and demo != last:
            choices.append((self.tr("Reopen the demo &copy you worked on"),
                            lambda: window.open_store(demo), str(demo)))
        choices += [(self.tr("&New election from an election file…"), window.new_from_file, ""),
                    (self.tr("&Open a store…"), window.open_store_dialog, ""),
                    # Alt+D is the Documents menu
                    (self.tr("Open a fresh de&mo election (Sutton 2018)"), window.open_demo, ""),
                    (self.tr("Open a fresh &Welsh demo election (Eryri 2022, Cymraeg / English)"),
                     window.open_welsh_demo, "")]
        self.buttons: list[QPushButton] = []
        for text, fn, path in choices:
            b = QPushButton(text)
            b.setAccessibleName(text.replace("&", "").rstrip("…"))
            b.setMinimumHeight(44)
            b.clicked.connect(lambda _c=False, f=fn: f())
            self.buttons.append(b)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(b, 2)
            row.addStretch(1)
            layout.addLayout(row)
            if path:
                where = QLabel(path)
                where.setAlignment(Qt.AlignmentFlag.AlignCenter)
                where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                where.setAccessibleName(self.tr("Path of the store"))
                layout.addWidget(where)
        home = QLabel(self.tr("countdesk keeps its settings and the demo copy in {0}").format(data_home()))
        home.setAlignment(Qt.AlignmentFlag.AlignCenter)
        home.setWordWrap(True)
        layout.addWidget(home)
        layout.addStretch(2)
        if self.buttons:
            self.setFocusProxy(self.buttons[0])


def reopen_last(window: MainWindow) -> None:
    """*File → Reopen the last store*."""
    last = last_store(window)
    if last is None:
        window.say(translate("Start", "No store has been opened on this computer yet "
                                      "(the demo copy is reopened from the start screen)."))
        return
    window.open_store(last)


def explain_demo(window: MainWindow, path: Path) -> None:
    """Say that the demo is a fresh copy, where it is, and where the user's own store is."""
    last = last_store(window)
    own = (translate("Start", " Your own store is {0} (File → Reopen the last store).").format(last)
           if last is not None and last != path else "")
    window.statusBar().showMessage(translate(
        "Start", "Demo: a fresh copy of the Sutton 2018 election, at {0}; the next --demo "
                 "replaces it.{1}").format(path, own))


def unsaved_figure(window: MainWindow) -> str | None:
    """The figure typed into the count-entry table but not yet entered, if any."""
    view = window.entry_panel.view
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    editor = next((e for e in view.findChildren(QLineEdit) if e.isVisible()), None)
    if editor is None:
        return None
    text = editor.text().strip()
    index = view.currentIndex()
    was = str(index.data(Qt.ItemDataRole.EditRole) or "")
    return text if text and text != was else None


def may_close(window: MainWindow) -> bool:
    """Closing: a typed figure not yet entered is saved, discarded or kept (go back)."""
    typed = unsaved_figure(window)
    if typed is None:
        return True
    view = window.entry_panel.view
    label = str(view.model().index(view.currentIndex().row(), 0).data() or "")
    answer = ask_save(window, translate("Start", "A figure is typed but not entered"),
                      translate("Start", "“{0}” is typed for {1} but not entered. Save it before "
                                         "closing?").format(typed, label))
    if answer == "cancel":
        return False
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    if answer == "save":
        view.commitData(editor)
        model = window.entry_panel.model
        if model.last_error:  # refused: stay open, the message says why
            window.entry_panel.message.setText(f"✖ {model.last_error}")
            return False
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return True


def ask_save(parent: QWidget, title: str, text: str) -> str:
    """"save", "discard" or "cancel" (the default: nothing is lost by a stray Enter)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(title)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"
