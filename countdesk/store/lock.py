"""One writer per store: an operating-system lock on a file beside it.

The writer of ``NAME.db`` holds an exclusive lock on ``NAME.db.lock``
(``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows). The operating
system drops the lock the moment the process ends, however it ends (a crash,
``kill -9``, a pulled plug), so a lock left behind by a crash is never
"stale": the next countdesk simply takes it. The file itself only says who
holds it (process id, computer, since when) for the message a second
instance shows.

Inside one process the lock is shared and counted: the desktop app's worker
threads open their own connections to the store it already holds.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

LOCK_SUFFIX = ".lock"
#: Windows locks a byte range; lock one byte well past the holder's note.
_WIN_LOCK_OFFSET = 1 << 20


class WriterBusy(Exception):
    """Another process holds the store's writer lock."""

    def __init__(self, lock_path: Path, holder: dict[str, object] | None) -> None:
        self.lock_path = lock_path
        self.holder = holder or {}
        super().__init__(self.describe())

    def describe(self) -> str:
        h = self.holder
        parts = []
        if h.get("pid"):
            parts.append(f"process {h['pid']}")
        if h.get("host"):
            parts.append(f"on {h['host']}")
        if h.get("since"):
            parts.append(f"since {h['since']}")
        who = f" ({' '.join(parts)})" if parts else ""
        return f"another countdesk{who} is writing to this store"


class LockUnavailable(Exception):
    """The lock file cannot be made (a read-only folder, say)."""


@dataclass
class _Held:
    fd: int
    count: int


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    """The locked file is still the one at ``path`` (not unlinked by its last holder)."""
    if sys.platform == "win32":  # pragma: no cover - the lock file is never removed on Windows
        return True
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def holder(path: Path) -> dict[str, object] | None:
    """Who wrote the lock file last (it may no longer hold it)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        data = json.loads(text.split("\n", 1)[0] or "{}")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def held_here(db_path: Path) -> bool:
    """This process holds the writer lock of the store at ``db_path``."""
    with _guard:
        return _key(lock_path_for(db_path)) in _held


def acquire(db_path: Path, *, wait: float = 0.0) -> None:
    """Take the writer lock of the store at ``db_path``, waiting up to ``wait`` seconds.

    Raises :class:`WriterBusy` when another process holds it, and
    :class:`LockUnavailable` when the lock file cannot be made."""
    path = lock_path_for(db_path)
    key = _key(path)
    deadline = time.monotonic() + wait
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise LockUnavailable(f"{path}: {exc.strerror}") from None
            if _try_lock(fd):
                if _same_file(fd, path):
                    _note(fd)
                    _held[key] = _Held(fd, 1)
                    return
                _unlock(fd)
                os.close(fd)
                continue  # its last holder removed it as we locked it: take the new one
            os.close(fd)
            if time.monotonic() >= deadline:
                raise WriterBusy(path, holder(path))
            time.sleep(0.05)


def _note(fd: int) -> None:
    since = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    note = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since}) + "\n"
    with contextlib.suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, note.encode("utf-8"))


def release(db_path: Path) -> None:
    """Give back one hold on the writer lock; the last one unlocks (and removes the file)."""
    path = lock_path_for(db_path)
    key = _key(path)
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        if sys.platform != "win32" and _same_file(held.fd, path):
            with contextlib.suppress(OSError):
                path.unlink()  # while still locked: see _same_file
        _unlock(held.fd)
        os.close(held.fd)
