"""Files shipped with countdesk: found inside the installed package, in the built program
(PyInstaller), or beside the package in a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(installed: str, checkout: str) -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # the built program: installer/countdesk.spec puts them in countdesk/ inside it
        return Path(bundle) / "countdesk" / installed
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def resource_dir() -> Path:
    """``resources/``: fonts (with their licences), icons, styles."""
    return _find("_resources", "resources")


def seeds_dir() -> Path:
    """``seeds/``: the demo and sample elections."""
    return _find("_seeds", "seeds")
