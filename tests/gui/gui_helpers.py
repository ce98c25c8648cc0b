"""Helpers that drive the desktop app's real widgets in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.models import EntryModel


def wait_for(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    """Process events until ``predicate()`` holds (a worker's result has arrived).

    Not ``qtbot.waitUntil``: once some test has run the application's own event loop
    (``app.exec()``), Qt's waits can keep the GIL and starve the worker thread."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not done within {timeout} s")
        QApplication.processEvents()
        time.sleep(0.005)


def drive_dialog(monkeypatch: pytest.MonkeyPatch, fill: Callable[[Any], None]) -> list[Any]:
    """Replace the modal run with one that fills the real dialog and presses its OK button
    (document previews are closed at once)."""
    shown: list[Any] = []

    def run(cls: type, dialog: Any) -> bool:
        if type(dialog).__name__ == "PdfPreview":
            shown.append(dialog)
            return True
        shown.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(Dialogs, "run", classmethod(run))
    return shown


def show_provisional(qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: MainWindow, ward: str) -> None:
    """Show a ward's provisional result through the Result tab: the sheet is previewed
    (off the GUI thread), then the step is recorded."""
    previews: list[Any] = []
    monkeypatch.setattr(Dialogs, "run", classmethod(lambda cls, d: previews.append(d) or True))
    window.select_ward_by_name(ward)
    panel = window.result_panel
    assert panel.provisional.isEnabled(), panel.provisional.toolTip()
    qtbot.mouseClick(panel.provisional, Qt.MouseButton.LeftButton)
    wait_for(lambda: not panel.provisional.isEnabled())
    assert previews and "Provisional result" in previews[0].windowTitle()


def type_figure(qtbot: Any, window: MainWindow, text: str) -> None:
    """Type a figure into the current cell of the entry table and press Enter."""
    view = window.entry_panel.view
    qtbot.keyClick(view, text[0])
    editors = [e for e in view.findChildren(QLineEdit) if not e.isHidden()]
    assert len(editors) == 1, "typing a digit did not open the figure for editing"
    editor = editors[0]
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call


def key_field(qtbot: Any, window: MainWindow, field: str, text: str) -> None:
    """Key one figure of the sheet by its field (``papers``, ``objected``, ``rejected:HEAD``)."""
    start_keying(qtbot, window)
    panel = window.entry_panel
    row = next(i for i, r in enumerate(panel.model.rows()) if r.field == field)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row, EntryModel.VALUE))
    type_figure(qtbot, window, text)


#: who keys each keying when a test does not say (the second is never the first keyer)
KEYERS = {"first": "Operator One", "second": "Operator Two", "third": "Operator Three"}


def name_in_dialog(qtbot: Any, button: Any, name: str) -> list[Any]:
    """Press ``button`` (a real one), type ``name`` into the name dialog it opens and press
    the dialog's commit button; returns the dialogs shown."""
    shown: list[Any] = []

    def run(cls: type, dialog: Any) -> bool:
        shown.append(dialog)
        qtbot.keyClicks(dialog.name, name)
        qtbot.mouseClick(dialog.commit, Qt.MouseButton.LeftButton)
        return dialog.result() == 1

    saved = Dialogs.__dict__["run"]
    Dialogs.run = classmethod(run)  # type: ignore[method-assign,assignment]
    try:
        button.click()  # the real button (its tab may be out of sight)
    finally:
        Dialogs.run = saved  # type: ignore[method-assign]
    return shown


def start_keying(qtbot: Any, window: MainWindow, name: str | None = None) -> None:
    """Give the keyer's name when a keying starts (the app asks it before any figure)."""
    panel = window.entry_panel
    if panel.start.isHidden():
        return
    name = name or window.operator() or KEYERS.get(panel.slot or "first", "Operator One")
    name_in_dialog(qtbot, panel.start, name)
    assert panel.start.isHidden(), panel.message.text()


def key_empty_as_zero(qtbot: Any, window: MainWindow) -> None:
    """Type 0 into every figure still empty (zeros are typed, never assumed)."""
    panel = window.entry_panel
    for i, row in enumerate(panel.model.rows()):
        if row.value is None:
            panel.view.setFocus()
            panel.view.setCurrentIndex(panel.model.index(i, EntryModel.VALUE))
            type_figure(qtbot, window, "0")


def key_sheet(qtbot: Any, window: MainWindow, figures: list[str]) -> None:
    start_keying(qtbot, window)
    panel = window.entry_panel
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, EntryModel.VALUE))
    for text in figures:
        type_figure(qtbot, window, text)
