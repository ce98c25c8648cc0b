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

The lock is on the store's *file*, not only on its name: the writer also holds an
exclusive ``flock`` on the database file itself, so a second writer reaching the
same file by another name (a hard link, a bind mount) is refused too (SQLite's own
locks are POSIX byte-range locks, which ``flock`` does not touch on local disks).
The lock file is opened without following symbolic links and must be a plain file
with one name, so a planted link cannot make countdesk overwrite another file.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import socket
import stat
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
        if h.get("other_name"):
            return "another countdesk is writing to this store's file under another name (a link to it)"
        return f"another countdesk{who} is writing to this store"


class LockUnavailable(Exception):
    """The lock file cannot be made (a read-only folder, say)."""


@dataclass
class _Held:
    fd: int
    count: int
    db_fd: int | None = None


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
            fd = _open_lock_file(path)
            if _try_lock(fd):
                if _same_file(fd, path):
                    db_fd = _lock_database_file(db_path)
                    if db_fd is False:
                        _unlock(fd)
                        os.close(fd)
                        if time.monotonic() >= deadline:
                            raise WriterBusy(path, {"other_name": True})
                        time.sleep(0.05)
                        continue
                    _note(fd)
                    _held[key] = _Held(fd, 1, db_fd)
                    return
                _unlock(fd)
                os.close(fd)
                continue  # its last holder removed it as we locked it: take the new one
            os.close(fd)
            if time.monotonic() >= deadline:
                raise WriterBusy(path, holder(path))
            time.sleep(0.05)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _open_lock_file(path: Path) -> int:
    """The lock file, opened without following a symbolic link; it must be a plain file with
    one name (a planted link or hard link to another file is refused, never written)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    except OSError as exc:
        if path.is_symlink():
            raise LockUnavailable(f"{path} is a symbolic link, not countdesk's lock file; remove it "
                                  "(countdesk will not write through it)") from None
        raise LockUnavailable(f"{path}: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
        os.close(fd)
        raise LockUnavailable(f"{path} is not countdesk's lock file (not a plain file with one "
                              "name); remove it")
    return fd


def _lock_database_file(db_path: Path) -> int | bool | None:
    """An exclusive ``flock`` on the database file itself: its fd, None where there is nothing
    to lock (no file yet; Windows, where the lock file alone is used), False when another
    writer holds the file under another name."""
    if sys.platform == "win32":  # pragma: no cover - byte-range locks would meet SQLite's own
        return None
    try:
        fd = os.open(db_path, os.O_RDONLY | _CLOEXEC)
    except OSError:
        return None
    if _try_lock(fd):
        return fd
    os.close(fd)
    return False


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
        if held.db_fd is not None:
            _unlock(held.db_fd)
            os.close(held.db_fd)
        _unlock(held.fd)
        os.close(held.fd)


def in_use(db_path: Path) -> bool:
    """A countdesk (this one or another) holds the writer lock of the store at ``db_path``."""
    if held_here(db_path):
        return True
    fd = _lock_database_file(db_path)
    if fd is False:
        return True
    if isinstance(fd, int):
        _unlock(fd)
        os.close(fd)
    return False
