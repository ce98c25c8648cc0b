"""What every per-ward tab has in common: the desk, the chosen ward, the operator, and
buttons enabled from the ward's workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QAbstractButton, QWidget

from countdesk.app import Desk
from countdesk.core.workflow import Action, Verdict
from countdesk.gui.i18n import translate
from countdesk.gui.ops import CollectionOp
from countdesk.gui.words import action_words

T = TypeVar("T")


def verdict_tip(verdict: Verdict) -> str:
    """What a button's tooltip says: what it does, or why it cannot be done now (with the
    workflow's code)."""
    if verdict.allowed:
        words = action_words(verdict.action)
        return words[:1].upper() + words[1:] + "."
    reason = verdict.reason[:1].upper() + verdict.reason[1:]
    return f"{verdict.code}: {reason}."


def show_verdict(button: QAbstractButton, verdict: Verdict) -> None:
    """Enable ``button`` exactly when the workflow allows its action; say why not."""
    tip = verdict_tip(verdict)
    button.setEnabled(verdict.allowed)
    button.setToolTip(tip)
    button.setAccessibleDescription(tip)


class WardPanel(QWidget):
    """A tab showing one ward of the main window's desk."""

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__()
        self._operator = operator
        self.desk: Desk | None = None
        self.ward_id: int | None = None
        #: each workflow action's button (the one whose state comes from the verdict)
        self.action_buttons: dict[Action, QAbstractButton] = {}

    def actor(self) -> str | None:
        """The operator's name for the audit log, if given."""
        return self._operator() or None

    def set_ward(self, desk: Desk | None, ward_id: int | None) -> None:
        self.desk, self.ward_id = desk, ward_id
        self.redraw()

    def redraw(self) -> None:
        """Show the ward as the desk has it now."""

    def op(self, op: Callable[[Desk], T], *, name: str | None = None, title: str | None = None,
           what: str | None = None) -> CollectionOp[T]:
        return CollectionOp(self, op, name=name, title=title, what=what)

    def show_verdicts(self, verdicts: dict[Action, Verdict] | None) -> None:
        for action, button in self.action_buttons.items():
            if verdicts is None:
                button.setEnabled(False)
                button.setToolTip(translate("WardPanel", "Choose a ward first."))
                button.setAccessibleDescription(button.toolTip())
            else:
                show_verdict(button, verdicts[action])

    def action_states(self) -> dict[Action, tuple[bool, str]]:
        """Each workflow button's state, {action: (enabled, tooltip)}, to compare with the core."""
        return {a: (b.isEnabled(), b.toolTip()) for a, b in self.action_buttons.items()}

    def current_ward_name(self) -> str:
        if self.desk is None or self.ward_id is None:
            return ""
        return self.desk.ward(self.ward_id).name
