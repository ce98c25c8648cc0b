"""What every part of the command line shares: refusals, the store to use, NAME=N items.

Kept apart from :mod:`countdesk.cli` so that the sub-command modules (reports, exports,
reliability) can import it at the top without a cycle.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from countdesk.resources import seeds_dir
from countdesk.store import data_home, default_store_path
from countdesk.store.importer import import_into

DEMO_FILE = "demo-sutton-2018.json"


class UsageError(Exception):
    """Bad arguments or a refused action: exit 2 with the message."""


def make_demo_store() -> Path:
    """A fresh copy of the demo election, never the user's own store."""
    folder = data_home() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "countdesk-demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    import_into(path, seeds_dir() / DEMO_FILE, actor="demo")
    return path


def store_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db)
    if args.demo:
        return make_demo_store()
    return default_store_path()


def parse_pairs(items: Sequence[str], what: str, key_int: bool) -> dict[Any, str]:
    """Read ``KEY=VALUE`` items (``ID=N`` when ``key_int``), refusing malformed or repeated keys."""
    out: dict[Any, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"bad {what} item {item!r}: write it as "
                             f"{'CANDIDATE_ID=VOTES' if key_int else 'HEAD=NUMBER'}")
        k: Any = key
        if key_int:
            if not key.isdigit():
                raise UsageError(f"bad {what} item {item!r}: {key!r} is not a candidate id "
                                 "(see `countdesk result WARD` for the ids)")
            k = int(key)
        if k in out:
            raise UsageError(f"{what}: {key} is given twice")
        out[k] = value
    return out


def out_path(text: str, example: str) -> Path:
    """An output file whose folder exists (``example`` names a sensible file in the message)."""
    out = Path(text)
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name such as {example}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"the folder {folder} does not exist")
    return out
