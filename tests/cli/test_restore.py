"""Restore and replace cannot undo the returning officer's work without the passphrase, refuse
a backup of another election unless told, say what they set aside, and are atomic: a
restore killed at any point leaves a store at its path (issue 14, findings 3 and 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from countdesk.app import Desk
from countdesk.store import Store
from helpers import ROOT, SAMPLE, CliResult, db_fingerprint

Run = Callable[..., CliResult]
PASS = "correct horse battery"


def passfile(tmp_path: Path, text: str = PASS) -> Path:
    p = tmp_path / f"pass-{len(text)}-{abs(hash(text)) % 1000}.txt"
    p.write_text(text + "\n", encoding="utf-8")
    return p


def backup_of(run: Run, db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    before = set(folder.glob("*.db"))
    assert run("--db", db, "backup", folder).code == 0
    (made,) = set(folder.glob("*.db")) - before
    return made


def test_restore_needs_the_passphrase_and_says_what_it_sets_aside(run: Run, demo_db: Path,
                                                                  tmp_path: Path) -> None:
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
    backup = backup_of(run, demo_db, tmp_path)
    with Desk.open(demo_db) as desk:  # the night goes on after the backup
        desk.show_provisional("Belmont", by="RO")
        for w in desk.result("Belmont").unacknowledged:
            desk.acknowledge("Belmont", w.code, by="RO", explanation="checked")
        desk.declare("Belmont", by="RO", passphrase=PASS)
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "restore", backup)
    assert r.code == 2 and "passphrase" in r.err and "nothing was changed" in r.err
    r = run("--db", demo_db, "restore", backup, "--ro-passphrase-file", passfile(tmp_path, "not it at all"))
    assert r.code == 2 and "wrong passphrase" in r.err
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.result("Belmont").status.value == "declared"
        assert desk.failed_tries()[0] == 1  # the wrong try is on record
    assert db_fingerprint(demo_db) != before  # (only the audited wrong try)
    r = run("--db", demo_db, "restore", backup, "--ro-passphrase-file", passfile(tmp_path))
    assert r.code == 0, r.err
    assert "made after the backup" in r.out and "declare" in r.out
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.result("Belmont").status.value != "declared"


def test_a_backup_of_another_election_needs_to_be_asked_for(run: Run, demo_db: Path, sample_db: Path,
                                                            tmp_path: Path) -> None:
    other = backup_of(run, sample_db, tmp_path)
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "restore", other)
    assert r.code == 2 and "another election" in r.err and "--other-election" in r.err
    assert db_fingerprint(demo_db) == before
    r = run("--db", demo_db, "restore", other, "--other-election")
    assert r.code == 0, r.err
    assert "held another election" in r.out


def test_import_replace_needs_the_passphrase(run: Run, sample_db: Path, tmp_path: Path) -> None:
    with Desk.open(sample_db) as desk:
        desk.set_passphrase(PASS, by="RO")
    before = db_fingerprint(sample_db)
    r = run("--db", sample_db, "import", SAMPLE, "--replace")
    assert r.code == 2 and "passphrase" in r.err
    assert db_fingerprint(sample_db) == before
    r = run("--db", sample_db, "import", SAMPLE, "--replace", "--ro-passphrase-file", passfile(tmp_path))
    assert r.code == 0, r.err


KILL_AT_RENAME = """
import os, sys
from pathlib import Path
from countdesk.store import backups
real = os.replace
def replace(src, dst):
    if str(src).endswith(".restoring"):
        os._exit(9)  # the machine dies between copying the backup in and the rename
    return real(src, dst)
backups.os.replace = replace
backups.restore(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_restore_killed_before_its_one_rename_leaves_the_old_store_and_is_cleaned_up(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    backup = backup_of(run, demo_db, tmp_path)
    with Desk.open(demo_db) as desk:
        desk.show_provisional("Belmont", by="RO")
    with Desk.open(demo_db, read_only=True) as desk:
        shown = desk.provisional("Belmont")
    proc = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, str(backup), str(demo_db)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=False)
    assert proc.returncode == 9
    leftover = demo_db.with_name(f".{demo_db.name}.restoring")
    assert leftover.exists()
    # the store is still at its path, whole, with what was saved before the restore began
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.provisional("Belmont") == shown
        assert desk.verify_audit() == []
    # the next countdesk to write removes the half-made copy
    with Store.open(demo_db) as store:
        store.claim_writer()
    assert not leftover.exists()
    r = run("--db", demo_db, "restore", backup)
    assert r.code == 0, r.err


