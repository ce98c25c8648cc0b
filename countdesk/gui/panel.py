"""What every per-ward tab has in common: the store, the chosen ward, the operator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from countdesk.store import Store


class WardPanel(QWidget):
    """A tab showing one ward. ``changed`` tells the window to refresh the overview."""

    changed = Signal()

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__()
        self._operator = operator
        self.store: Store | None = None
        self.ward_id: int | None = None

    def actor(self) -> str | None:
        """The operator's name for the audit log, if given."""
        return self._operator() or None
