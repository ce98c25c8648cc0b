"""Atomic file writes: temporary file, fsync, rename, fsync the folder."""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import time
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: A temporary file untouched for this long was left by a crash (a write takes seconds).
STALE_SECONDS = 600.0


def clean_stale_files(folder: Path, pattern: str, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the files matching ``pattern`` in ``folder`` untouched for ``older_than`` seconds
    (what an interrupted write left behind); never follows a symbolic link."""
    removed: list[Path] = []
    now = time.time()
    try:
        found = list(folder.glob(pattern))
    except OSError:
        return removed
    for p in found:
        try:
            st = p.lstat()
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < older_than:
                continue
            p.unlink()
            removed.append(p)
        except OSError:
            continue
    return removed


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the
    whole new one, never half of it. Temporary files an earlier, interrupted write to the
    same name left behind are removed."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_files(folder, f".{glob.escape(target.name)}.*.tmp")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return target
