"""The one way the desktop app runs an operation, in the style of Anki's
``CollectionOp`` / ``QueryOp`` (``qt/aqt/operations/__init__.py``).

:class:`CollectionOp` runs an operation that changes the store. It runs on the GUI
thread, which owns the store's one writing connection (a SQLite connection belongs
to one thread); every such operation is one short transaction. Before it runs, the
returning officer's passphrase is asked for (through :class:`Dialogs`) when
``desk.needs_passphrase(name)`` says so; a refusal (:class:`AppError`) is shown in
one place (:meth:`Dialogs.app_error`); afterwards the window refreshes only the
wards the operation changed (:meth:`Desk.collect_changes`), or everything when
the election as a whole changed.

:class:`QueryOp` runs a slow read off the GUI thread (building or signing a PDF,
saving every declaration, a backup): the worker opens its own read-only
:class:`Desk` on the same file, reports progress through a signal, and its
result reaches ``success`` on the GUI thread. Never touch a widget inside ``op``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from countdesk.app import OPERATIONS, AppError, Changes, Desk, NeedsPassphrase
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate
from countdesk.gui.workers import start_worker

T = TypeVar("T")


class OpHost(Protocol):
    """What an operation needs from the main window."""

    desk: Desk | None

    def operator(self) -> str: ...

    def apply_changes(self, changes: Changes, initiator: QWidget | None = None) -> None: ...

    def say(self, text: str) -> None: ...


def host_of(widget: QWidget | None) -> Any:
    """The main window that holds ``widget`` (the first ancestor with a desk)."""
    w = widget
    while w is not None:
        if hasattr(w, "apply_changes") and hasattr(w, "desk"):
            return w
        w = w.parentWidget()
    raise LookupError("this widget is not inside the countdesk main window")


class CollectionOp(Generic[T]):
    """Run ``op(desk)``, an operation that changes the store, now, on the GUI thread.

    ``name`` is the operation's name in :data:`countdesk.app.OPERATIONS` (the one whose
    passphrase rule applies); ``title`` heads the message shown if it is refused; ``what``
    says what is being done, for the passphrase prompt ("declaring the result of Nonsuch")."""

    def __init__(self, parent: QWidget, op: Callable[[Desk], T], *, name: str | None = None,
                 title: str | None = None, what: str | None = None) -> None:
        self._parent = parent
        self._what = what
        self._op = op
        self._name = name
        self._title = title or translate("Ops", "Not done")
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[AppError], Any] | None = None
        self.result: T | None = None
        self.changes = Changes()
        #: the panel that started it and shows its outcome itself (not redrawn after it)
        self.initiator: QWidget | None = None

    def success(self, fn: Callable[[T], Any] | None) -> CollectionOp[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[AppError], Any] | None) -> CollectionOp[T]:
        """Handle a refusal here instead of the standard message box."""
        self._failure = fn
        return self

    def run(self) -> bool:
        """Run it; True if it was done."""
        host = host_of(self._parent)
        desk: Desk | None = host.desk
        if desk is None:
            return False
        spec = OPERATIONS.get(self._name) if self._name else None
        actor = host.operator() or None
        passphrase: str | None = None
        if spec is not None and desk.needs_passphrase(spec.name):
            passphrase = self._ask(host, self._what or spec.describe)
            if passphrase is None:
                return False
        cancelled = False
        with desk.collect_changes() as changes:
            refused = self._attempt(desk, spec, passphrase, actor)
            if (isinstance(refused, NeedsPassphrase) and spec is not None and passphrase is None
                    and spec.needs_passphrase):  # needed only in some cases (double entry off)
                passphrase = self._ask(host, self._what or spec.describe)
                cancelled = passphrase is None
                refused = None if cancelled else self._attempt(desk, spec, passphrase, actor)
        self.changes = changes
        if changes.any:
            host.apply_changes(changes, self.initiator)
        if cancelled:
            return False
        if refused is not None:
            if self._failure is not None:
                self._failure(refused)
            else:
                Dialogs.app_error(self._parent, self._title, refused)
            return False
        if self._success is not None:
            self._success(self.result)  # type: ignore[arg-type]
        return True

    def _attempt(self, desk: Desk, spec: Any, passphrase: str | None, actor: str | None
                 ) -> AppError | None:
        """Run the operation once: None when done, else the refusal."""
        try:
            if spec is None:
                self.result = self._op(desk)
            else:
                # The passphrase is checked once, for this operation (its audit names it);
                # the operations ``op`` calls inside run as authorised.
                with desk.running(spec, passphrase, actor):
                    self.result = self._op(desk)
        except AppError as exc:
            return exc
        return None

    def _ask(self, host: Any, describe: str) -> str | None:
        passphrase = Dialogs.passphrase(self._parent, describe)
        if passphrase is None:
            host.say(translate("Ops", "{title}: {what} needs the returning officer's passphrase; "
                               "nothing was changed.").format(title=self._title, what=describe))
        return passphrase


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, path: Path, op: Callable[[Desk], Any], *, writes: bool = False) -> None:
        super().__init__()
        self.path, self.op, self.writes = path, op, writes
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with Desk.open(self.path, read_only=not self.writes) as desk:
                value = self.op(desk)
        except Exception as exc:  # a worker reports, never dies silently
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(value)


_alive: set[QueryOp[Any]] = set()


class QueryOp(Generic[T]):
    """Run ``op(desk)`` on a worker thread with its own read-only :class:`Desk` over the
    same store, then ``success(result)`` on the GUI thread. ``op`` may call
    :meth:`report` and :meth:`cancelled` (both safe from the worker); nothing else of
    the GUI."""

    def __init__(self, parent: QWidget, op: Callable[[Desk], T], success: Callable[[T], Any], *,
                 writes: bool = False) -> None:
        """``writes``: the operation changes the store (a long import, say): the worker opens
        its own writing connection (this program already holds the writer lock), and the
        window is refreshed when it is done."""
        self._writes = writes
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], Any] | None = None
        self._cancel = threading.Event()
        self._progress: tuple[str, str, int, bool] | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.running = False

    def failure(self, fn: Callable[[Exception], Any] | None) -> QueryOp[T]:
        self._failure = fn
        return self

    def with_progress(self, label: str, maximum: int = 0, *, title: str = "countdesk",
                      cancellable: bool = False) -> QueryOp[T]:
        """Show a progress dialog while it runs (``maximum`` 0: busy, no count)."""
        self._progress = (title, label, maximum, cancellable)
        return self

    # --------------------------------------------------------- from the worker
    def report(self, done: int, text: str = "") -> None:
        self._job.signals.progress.emit(done, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    # ------------------------------------------------------------ GUI thread
    def run_in_background(self, path: Path | None = None) -> QueryOp[T]:
        """Start it on the store of the main window (or the store at ``path``)."""
        if path is None:
            desk: Desk | None = host_of(self._parent).desk
            if desk is None:
                raise LookupError("no store is open")
            path = desk.path
        self._job = _Job(path, self._op, writes=self._writes)
        if self._progress is not None:
            title, label, maximum, cancellable = self._progress
            cancel = translate("Ops", "&Cancel") if cancellable else ""
            dialog = QProgressDialog(label, cancel, 0, maximum, self._parent)
            dialog.setWindowTitle(title)
            dialog.setAccessibleName(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if cancellable:
                dialog.canceled.connect(self.cancel)
            else:
                dialog.setCancelButton(None)
            self.progress_dialog = dialog
            self._job.signals.progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
            dialog.show()
        _alive.add(self)
        self.running = True
        start_worker(self._job, [(self._job.signals.done, self._done),
                                 (self._job.signals.failed, self._failed)])
        return self

    def _show_progress(self, done: int, text: str) -> None:
        dialog = self.progress_dialog  # setValue may process events, and finish meanwhile
        if dialog is not None:
            if text:
                dialog.setLabelText(text)
            dialog.setValue(done)

    def _finish(self) -> None:
        self.running = False
        _alive.discard(self)
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _done(self, value: Any) -> None:
        self._finish()
        if self._writes:
            host = host_of(self._parent)
            apply = getattr(host, "apply_changes", None)
            if apply is not None:
                apply(Changes(election=True))
        self._success(value)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        if self._failure is not None:
            self._failure(exc)
        elif isinstance(exc, AppError):
            Dialogs.app_error(self._parent, translate("Ops", "Not done"), exc)
        else:
            Dialogs.error(self._parent, translate("Ops", "Not done"), f"{exc or type(exc).__name__}")
