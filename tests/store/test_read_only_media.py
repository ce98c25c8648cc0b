"""A store on read-only media shows everything committed, the write-ahead log included, and
never older data than the file holds (issue 14, finding 5)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from countdesk.app import Desk
from countdesk.store import connection
from helpers import ROOT

WRITE_AND_DIE = """
import os, sys
from countdesk.app import Desk
desk = Desk.open(sys.argv[1])
desk.show_provisional("Belmont", by="RO")  # committed: in the write-ahead log
os._exit(9)  # no checkpoint, no clean close: the change lives only in the -wal
"""


def test_committed_changes_in_the_log_are_seen_where_no_index_can_be_made(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proc = subprocess.run([sys.executable, "-c", WRITE_AND_DIE, str(demo_db)], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), check=False)
    assert proc.returncode == 9
    wal = Path(f"{demo_db}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    Path(f"{demo_db}-shm").unlink(missing_ok=True)
    real = sqlite3.connect

    def read_only_media(database: str, *args: object, **kw: object) -> sqlite3.Connection:
        uri = str(database)
        # as on a write-protected USB stick: SQLite cannot make the -shm index beside the file
        if str(demo_db.name) in uri and "mode=ro" in uri and "immutable" not in uri \
                and str(demo_db.parent) in uri.replace("%20", " "):
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(connection.sqlite3, "connect", read_only_media)
    with Desk.open(demo_db, read_only=True) as desk:
        shown = desk.provisional("Belmont")
        assert shown is not None and shown.by == "RO"
        assert desk.verify_audit() == []
    assert wal.stat().st_size > 0  # the media were not written
