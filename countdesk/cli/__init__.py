"""The countdesk command line: every command over the application layer (:mod:`countdesk.app`).

The commands and their options are all in :mod:`countdesk.cli.parser`; each command
lives in a module by purpose (counting, decisions, documents, exports, safety), reads
its arguments, makes one call into :mod:`countdesk.app` and prints.

Exit codes: 0 done; 2 bad input or a refused action (``countdesk: <reason>`` on stderr,
nothing changed); 3 done in part (``declare --all`` skipped a ward with a warning not
yet acknowledged); 1 anything unexpected. With no command, the desktop app starts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence

from countdesk.app import AppError
from countdesk.cli.common import UsageError
from countdesk.cli.parser import build_parser

__all__ = ["UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not getattr(args, "takes_any", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return run(args)
    except (AppError, UsageError) as exc:
        return _refused(str(exc))
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return _refused("the store is busy in another countdesk; try again")
        print(f"countdesk: unexpected database error: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        return _refused(f"the store is damaged ({exc}); restore it from a backup")
    except KeyboardInterrupt:
        print("countdesk: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (``countdesk wards | head``): stop quietly, as the shell expects
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        if _is_store_refusal(exc):
            return _refused(str(exc))
        print(f"countdesk: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    if args.command is None:
        return start_gui(args)
    return int(args.handler(args))


def start_gui(args: argparse.Namespace) -> int:
    if no_display():
        raise UsageError("there is no display here to show the desktop app (no DISPLAY or "
                         "WAYLAND_DISPLAY). Run it on the count laptop's screen, or use the command "
                         "line: `countdesk --db PATH wards`, `result WARD`, … (`countdesk --help`)")
    try:
        from countdesk.gui.app import run_app  # noqa: PLC0415
    except ImportError as exc:
        raise UsageError(f"the desktop app is not available here ({exc}); "
                         "see `countdesk --help` for the command line") from None
    return int(run_app(args))


def no_display() -> bool:
    """On Linux and other X11/Wayland systems, no screen to open a window on (and no Qt
    platform chosen instead, such as offscreen)."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _refused(message: str) -> int:
    print(f"countdesk: {message}", file=sys.stderr)
    return 2


def _is_store_refusal(exc: BaseException) -> bool:
    """A refusal the store made that reached here without passing through an operation of
    the application layer (which turns them into :class:`AppError`): still a refusal."""
    return any(cls.__name__ == "StoreError" and cls.__module__.startswith("countdesk.")
               for cls in type(exc).__mro__)
