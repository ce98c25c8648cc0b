"""Where countdesk keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

STORE_NAME = "countdesk.db"


def data_home() -> Path:
    """The folder for the default store and settings.

    ``COUNTDESK_HOME`` wins (tests, demos, a portable USB install); otherwise
    the platform's user data folder.
    """
    override = os.environ.get("COUNTDESK_HOME")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "countdesk"


def default_store_path() -> Path:
    return data_home() / STORE_NAME
