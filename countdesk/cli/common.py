"""What every command shares: refusals, the store to use, NAME=N items, passphrase files,
output files and plain tables."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from countdesk.app import Desk
from countdesk.app.files import default_store_path, make_demo_store
from countdesk.app.safety import read_passphrase_file


class UsageError(Exception):
    """Bad arguments or a refused action: exit 2 with the message."""


def store_path(args: argparse.Namespace) -> Path:
    """The store the command works on: ``--db``, a fresh demo (``--demo``) or the default."""
    if args.db:
        return Path(args.db)
    if args.demo:
        return make_demo_store()
    return default_store_path()


def open_desk(args: argparse.Namespace, *, read_only: bool = False) -> Desk:
    return Desk.open(store_path(args), read_only=read_only)


def ro_passphrase(args: argparse.Namespace) -> str | None:
    """The returning officer's passphrase from ``--ro-passphrase-file`` (None: not given)."""
    path = getattr(args, "ro_passphrase_file", None)
    return None if path is None else read_passphrase_file(path)


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


def words(value: str) -> str:
    """An enum value in words: ``lot_required`` -> ``lot required``."""
    return value.replace("_", " ")


def num(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def print_table(rows: list[list[str]], right: set[int]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        print("  ".join(cells).rstrip())
