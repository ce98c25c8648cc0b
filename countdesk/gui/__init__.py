"""The desktop app (PySide6). It shows what the core decides and never computes a result."""

from __future__ import annotations

import sys


def _keep_singletons_alive() -> None:
    """Work around PySide6 returning ``None`` (and ``True``/``False``) without a reference.

    From Python 3.12 these objects are immortal and their count of references is never
    used, and PySide6 6.12 counts on it: every call of a C++ method returning nothing
    (``label.setText(…)``) takes one reference from ``None`` and never gives it back.
    On Python 3.11 the count reaches zero after some thousands of calls (a few hundred
    keyed figures) and Python aborts the program: "Fatal Python error: none_dealloc:
    deallocating None". Giving them references enough to never reach zero is what 3.12
    does; nothing else is touched.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes  # noqa: PLC0415

    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, the first field
        count.value += 1 << 40


_keep_singletons_alive()
