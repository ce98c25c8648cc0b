"""Where countdesk keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

STORE_NAME = "countdesk.db"

#: Beside the built program's executable, this file turns on portable mode (a USB stick).
PORTABLE_MARKER = "portable.txt"
#: In portable mode, the folder beside the executable that holds the store and settings.
PORTABLE_DATA = "countdesk-data"


def portable_home() -> Path | None:
    """``countdesk-data`` beside the executable when the built program has ``portable.txt``.

    Only the built (frozen) program looks: a Python interpreter's folder is never
    taken for a USB stick.
    """
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA
    return None


def data_home() -> Path:
    """The folder for the default store and settings.

    ``COUNTDESK_HOME`` wins (tests, demos); then portable mode (the built program
    with ``portable.txt`` beside it keeps everything in ``countdesk-data`` there);
    otherwise the platform's user data folder.
    """
    override = os.environ.get("COUNTDESK_HOME")
    if override:
        return Path(override).expanduser()
    portable = portable_home()
    if portable is not None:
        return portable
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "countdesk"


def default_store_path() -> Path:
    return data_home() / STORE_NAME
