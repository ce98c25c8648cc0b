"""Where the keyboard goes in the main window: the ward filter, and the focus after an
operation or a dialog (issue 16, findings 2 and 10).

- Typing in the filter never leaves a ward shown on the right that the list no longer
  shows: the first ward that matches is chosen, or none (and nothing can be declared).
- Down or Enter in the filter goes to the list of wards, on the first match.
- After an operation (a dialog closed, a button disabled or hidden), the focus goes back
  to where work continues in the current tab (the figure being keyed), never to a field
  off to the side that would silently collect the next keys.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from countdesk.core.entry import SheetState
from countdesk.gui.i18n import translate

if TYPE_CHECKING:
    from countdesk.app import Desk
    from countdesk.core import WardResult
    from countdesk.gui.main_window import MainWindow


def first_keying_begun(desk: Desk, ward_id: int, r: WardResult) -> bool:
    """Whether a sheet of the ward, none of it finished yet, has first-keying figures saved
    (the ward's stage is then "first keying", not "verified"; issue 16, finding 8)."""
    if not r.sheets or any(s.state is not SheetState.EMPTY for s in r.sheets):
        return False
    return any(desk.drafts(ward_id, "first", sheet=s.name) for s in r.sheets)


class FilterKeys(QObject):
    """Down and Enter in the ward filter choose from the list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.filter.installEventFilter(self)
        window.filter.textChanged.connect(lambda _t: self.filtered())

    def filtered(self) -> None:
        """The list was narrowed (or widened): keep the chosen ward one that is listed."""
        w = self.window
        if w.desk is None or w.current_ward_id() is not None:
            return
        if w.proxy.rowCount() > 0:
            w.ward_view.selectRow(0)
        else:
            w.no_ward_chosen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                w = self.window
                if w.proxy.rowCount() == 0:
                    w.say(translate("MainWindow", "No ward matches “{0}”.").format(w.filter.text()))
                    return True
                if w.current_ward_id() is None:
                    w.ward_view.selectRow(0)
                w.ward_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)


def focus_target(window: MainWindow) -> QWidget | None:
    """Where work continues in the current tab: the figure being keyed, else the first
    button that can be pressed, else the tab's table."""
    panel = window.tabs.currentWidget()
    entry = window.entry_panel
    if panel is entry and entry.view.isEnabled() and entry.model.editable and entry.slot is not None:
        return entry.view
    start = getattr(entry, "start", None)  # a keying waits for its keyer's name
    if panel is entry and isinstance(start, QWidget) and start.isVisible() and start.isEnabled():
        return start
    if panel is None:
        return None
    from countdesk.core.workflow import Action  # noqa: PLC0415

    # never one that ends a ward's count (a stray Space there would start it)
    buttons: list[QWidget] = [b for a, b in getattr(panel, "action_buttons", {}).items()
                              if b.isVisible() and b.isEnabled()
                              and a not in (Action.COUNTERMAND, Action.REPORT_ERROR)]
    if buttons:  # the first on the screen (top row, leftmost)
        return min(buttons, key=lambda b: (b.mapTo(panel, b.rect().topLeft()).y(),
                                            b.mapTo(panel, b.rect().topLeft()).x()))
    view: object = getattr(panel, "view", None)
    return view if isinstance(view, QWidget) else None


def keep_focus(window: MainWindow) -> None:
    """After an operation: if the focus was lost (its button hidden or disabled, a dialog
    closed) or went outside the ward's tab, put it where work continues."""
    def check() -> None:
        panel = window.tabs.currentWidget()
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is not window:
            return  # a dialog or the board has it
        fine = (focus is not None and focus.isVisible() and focus.isEnabled()
                and ((panel is not None and panel.isAncestorOf(focus))
                     or focus in (window.ward_view, window.filter)))
        if fine:
            return
        target = focus_target(window)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    QTimer.singleShot(0, check)


def widgets_in_layout_order(widget: QWidget) -> list[QWidget]:
    """The widgets under ``widget`` as its layouts place them: rows top to bottom, each left
    to right (hidden ones too, where they would be)."""
    from PySide6.QtWidgets import QLayout, QScrollArea  # noqa: PLC0415

    out: list[QWidget] = []

    def walk_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            child = item.widget()
            if child is not None:
                out.append(child)
                walk_widget(child)
            else:
                inner = item.layout()
                if inner is not None:
                    walk_layout(inner)

    def walk_widget(w: QWidget) -> None:
        inside = w.widget() if isinstance(w, QScrollArea) else None
        if inside is not None:
            walk_widget(inside)
            return
        layout = w.layout()
        if layout is not None:
            walk_layout(layout)

    walk_widget(widget)
    return out


def follow_the_screen(widget: QWidget) -> list[QWidget]:
    """Make Tab go through ``widget``'s controls in the order they are seen (issue 16,
    finding 5: buttons added to a row later were reached last), and out of its tables
    (Tab moved from cell to cell there). Returns that order."""
    from PySide6.QtWidgets import QAbstractItemView  # noqa: PLC0415

    for view in widget.findChildren(QAbstractItemView):
        if not hasattr(view, "refused"):  # Tab leaves a table (the count sheet handles its own)
            view.setTabKeyNavigation(False)
    chain = [w for w in widgets_in_layout_order(widget)
             if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for a, b in pairwise(chain):
        QWidget.setTabOrder(a, b)
    return chain
