"""Work off the GUI thread: every worker of the app starts here.

Python's cyclic garbage collector runs in whichever thread happens to allocate. Run on a
worker, it could destroy Qt objects (closed windows and dialogs waiting to be collected) off
the GUI thread, which crashes Qt. So garbage is collected on the GUI thread before a worker
starts, and automatic collection is paused while any worker runs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QRunnable, Qt, QThreadPool, SignalInstance

_running: set[QRunnable] = set()


def start_worker(job: QRunnable, finishing: Sequence[tuple[SignalInstance, Callable[..., Any]]]) -> None:
    """Run ``job`` on the thread pool. ``finishing`` pairs each signal by which the job ends
    (done, failed…) with the GUI-thread slot that handles it."""
    job.setAutoDelete(False)
    if not _running:
        gc.collect()
        gc.disable()
    _running.add(job)
    for signal, slot in finishing:
        signal.connect(lambda *_args: _finished(job), Qt.ConnectionType.QueuedConnection)
        signal.connect(slot, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)


def _finished(job: QRunnable) -> None:
    _running.discard(job)
    if not _running:
        gc.enable()
