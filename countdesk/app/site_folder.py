"""A folder written whole: built beside its place, then swapped in, so that a reader (a
browser, a web server, a copy to a USB stick) sees the old site or the new one, never half.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``; elsewhere the old folder is moved
aside and the new one renamed into place (two renames, a moment with no folder, never a
half-written one). The old site is kept beside it as ``.NAME.previous.site-old`` until the next
publish, so that a reader still in it (a web server sending a page, a copy under way) never
has its files taken away mid-read. Only an empty folder or one a countdesk publish made (it holds the
marker file) is ever replaced: a folder of anything else is refused, never deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from countdesk.files import STALE_SECONDS, fsync_dir

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class FolderRefused(Exception):
    """The target is not a folder countdesk may replace (the message says why)."""


@cache
def _renameat2() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (True), or False where the system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    rc = fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)  # type: ignore[operator]
    if rc != 0:
        err = ctypes.get_errno()
        if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
            return False
        raise OSError(err, os.strerror(err), str(b))
    return True


def check_target(target: Path, marker: str) -> None:
    """Refuse a target that is a file, or a folder holding anything but a site we made."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise FolderRefused(f"{target} is not a folder: give a folder for the site")
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file():
        raise FolderRefused(f"{target} already holds other files: the site is written into an "
                            "empty folder or over a site published before (it replaces the "
                            "whole folder), so choose a new or empty folder")
    parent = target.parent
    if not parent.is_dir():
        raise FolderRefused(f"the folder {parent} does not exist")


def write_folder(target: str | os.PathLike[str], files: Mapping[str, bytes], marker: str) -> Path:
    """Write ``files`` (relative path -> bytes) as the whole folder ``target``."""
    target = Path(target).absolute()
    check_target(target, marker)
    parent = target.parent
    for stale in parent.glob(f".{target.name}.*.site-tmp"):  # left by an interrupted publish
        with contextlib.suppress(OSError):
            if time.time() - stale.lstat().st_mtime > STALE_SECONDS and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".site-tmp", dir=parent))
    try:
        for rel, data in files.items():
            path = tmp / rel
            if ".." in Path(rel).parts or Path(rel).is_absolute():
                raise ValueError(f"a site file outside the site: {rel}")
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for folder in sorted({p.parent for p in tmp.rglob("*")} | {tmp}, reverse=True):
            fsync_dir(folder)
        os.chmod(tmp, 0o755 & ~_umask())
        # the site before the last one, kept until now for readers still in it, goes
        previous = parent / f".{target.name}.previous.site-old"
        shutil.rmtree(previous, ignore_errors=True)
        if not target.exists():
            os.rename(tmp, target)
        elif exchange(tmp, target):
            os.rename(tmp, previous)  # tmp now holds the old site: kept for its readers
        else:
            os.rename(target, previous)
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with contextlib.suppress(OSError):
        fsync_dir(parent)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
