"""Opening the store's SQLite file, and a failed write in the user's words."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from countdesk.store.errors import StoreError, StoreReadOnly


def strict_text(raw: bytes) -> str:
    """SQLite TEXT as str; bytes that are not UTF-8 (a damaged file) are a database error,
    which every front end answers as a damaged store, never a traceback."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise sqlite3.DataError("a text value is not valid UTF-8: the file is damaged") from None


def _open_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0)
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, even by accident. On read-only media, where
    SQLite cannot make the WAL index beside the file, the file is read as immutable."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5.0)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # committed changes still in the write-ahead log, which SQLite cannot read here
            # (no -shm can be made beside it): read a private copy of the pair, never less
            return _open_snapshot(path)
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5.0)


def _open_snapshot(path: Path) -> sqlite3.Connection:
    """A read-only connection to a private copy of the store and its write-ahead log (for a
    store on read-only media): it shows everything committed. The copy is removed when the
    program ends."""
    folder = Path(tempfile.mkdtemp(prefix="countdesk-readonly-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return conn


def writable(path: Path) -> bool:
    """The file or folder can be written, and is not marked read-only.

    A file or folder whose permissions give nobody write access is treated as
    read-only even for an administrator (who could write it anyway): whoever
    made it read-only meant it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & 0o222)


def _write_problem(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("full", "disk i/o", "readonly", "read-only", "locked", "busy",
                                   "unable to open"))


#: Less free space than this on a store's disk, after a failed write, means the disk is full.
FULL_BELOW = 1024 * 1024

FULL_DISK = ("the disk holding {path} is full: nothing was saved and the store is unchanged. Free "
             "some space on it (or move the store to another disk) and do it again; the store can "
             "still be read, checked and backed up to another disk")


def disk_full(path: Path) -> bool:
    """The disk holding ``path`` has (next to) no free space left."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def _write_error(path: Path, exc: sqlite3.OperationalError) -> StoreError:
    """A failed write, in the user's words. SQLite rolled it back: nothing was saved."""
    text = str(exc).lower()
    if "full" in text or ("disk i/o" in text and disk_full(path)):
        return StoreError(FULL_DISK.format(path=path))
    if "full" in text:
        return StoreError(f"the disk holding {path} is full: nothing was saved and the store is "
                          "unchanged. Free some space (or move the store) and do it again")
    if "disk i/o" in text:
        return StoreError(f"{path} could not be written (disk I/O error): nothing was saved. Check "
                          "the drive; if it was unplugged, plug it back in and do it again")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreReadOnly(f"{path} cannot be written (read-only file, folder or drive): nothing "
                             "was saved. Copy it somewhere writable to make changes")
    return StoreError(f"{path} is busy in another program; nothing was saved, try again")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}") from None
    if len(head) == 0:
        raise StoreError(f"{path} is empty, not a countdesk store")
    if head != b"SQLite format 3\x00":
        raise StoreError(f"{path} is not a countdesk store (it is not an SQLite database)")
