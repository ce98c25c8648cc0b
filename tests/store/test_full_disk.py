"""A full disk: the store is still read, checked and backed up to another disk, and a change
is refused saying the disk is full and what to do (issue 14, finding 6). Needs a small
filesystem of its own (a tmpfs, mounted as root); skipped where that cannot be made."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from countdesk.app.files import import_election_file
from helpers import ROOT, SAMPLE


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("no small filesystem can be mounted here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "countdesk.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=False)


def test_a_store_on_a_full_disk_reads_checks_backs_up_and_explains(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "count.db"
    import_election_file(db, SAMPLE)
    assert cli("--db", db, "provisional", "Hillcrest").returncode == 0
    fill(small_disk)
    r = cli("--db", db, "wards")
    assert r.returncode == 0 and "Hillcrest" in r.stdout, r.stderr
    r = cli("--db", db, "result", "Hillcrest", "--json")
    assert r.returncode == 0 and '"provisional_shown_at": "' in r.stdout, r.stderr
    r = cli("--db", db, "audit-verify")
    assert r.returncode == 0 and "audit OK" in r.stdout, r.stderr
    usb = tmp_path / "usb"
    usb.mkdir()
    r = cli("--db", db, "backup", usb)
    assert r.returncode == 0, r.stderr
    assert len(list(usb.glob("count-backup-*.db"))) == 1
    r = cli("--db", db, "add-sheet", "Old Town", "Table 2")  # allowed by the workflow
    assert r.returncode == 2
    assert "is full" in r.stderr and "Free some space" in r.stderr and "unplugged" not in r.stderr
