"""What crashes leave behind is removed at the next start, and never counted as a backup
(issue 14, finding 12): a half-made backup, an interrupted import, a document's temporary file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from countdesk.files import atomic_write
from countdesk.store import Store
from countdesk.store.backups import backup_store, backups_of


def aged(path: Path, content: bytes = b"half", seconds: float = 3600) -> Path:
    path.write_bytes(content)
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def test_a_half_made_backup_is_removed_by_the_next_backup_and_never_counted(demo_db: Path,
                                                                           tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    stem = demo_db.stem
    stale = aged(usb / f".{stem}-backup-20260101T000000Z.db.partial")
    stale_wal = aged(usb / f".{stem}-backup-20260101T000000Z.db.partial-journal")
    fresh = aged(usb / f".{stem}-backup-20261231T000000Z.db.partial", seconds=1)  # still being written
    other = aged(usb / ".someone-else.db.partial")
    assert backups_of(demo_db, usb) == []
    result = backup_store(demo_db, usb)
    assert not stale.exists() and not stale_wal.exists()
    assert fresh.exists() and other.exists()
    assert backups_of(demo_db, usb) == [result.path]


def test_an_interrupted_import_is_removed_when_the_store_is_next_written(demo_db: Path) -> None:
    left = aged(demo_db.with_name(f".{demo_db.name}.import-abc123.db"))
    aged(Path(f"{left}-journal"))
    building = demo_db.with_name(f".{demo_db.name}.import-inuse.db")
    busy = Store.open(building, create=True)
    busy.claim_writer()  # another countdesk is building it right now
    try:
        with Store.open(demo_db) as store:
            store.claim_writer()
        assert not left.exists() and not Path(f"{left}-journal").exists()
        assert building.exists()
    finally:
        busy.close()


def test_a_documents_temporary_file_is_removed_by_the_next_write_of_it(tmp_path: Path) -> None:
    stale = aged(tmp_path / ".declaration-nonsuch.pdf.x1y2z3.tmp")
    fresh = aged(tmp_path / ".declaration-nonsuch.pdf.abc.tmp", seconds=1)
    other = aged(tmp_path / ".declaration-cheam.pdf.q.tmp")
    atomic_write(tmp_path / "declaration-nonsuch.pdf", b"%PDF-1.7 ...")
    assert not stale.exists() and fresh.exists() and other.exists()
    assert (tmp_path / "declaration-nonsuch.pdf").read_bytes() == b"%PDF-1.7 ..."
