"""One writer, the returning officer's passphrase, backups and restores, old stores."""

from __future__ import annotations

import datetime
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_steps import provisional, ready_nonsuch, show

from countdesk.app import AppError, Desk, NeedsPassphrase, StoreBusy, StoreReadOnly, WrongPassphrase
from countdesk.store import access, db, lock
from helpers import ROOT, CliResult, db_fingerprint

Run = Callable[..., CliResult]
PASS = "correct horse battery"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "WRITER_WAIT", 0.2)


def _file(tmp_path: Path, text: str, name: str = "pass.txt") -> Path:
    p = tmp_path / name
    p.write_text(text + "\n", encoding="utf-8")
    return p


# =============================================================== one writer

def test_a_second_instance_is_told_and_can_view_read_only(
        run: Run, demo_db: Path, holder: subprocess.Popen[str]) -> None:
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked")
    assert r.code == 2
    assert "in use" in r.err and f"process {holder.pid}" in r.err, r.err
    assert db_fingerprint(demo_db) == before
    # reading works alongside the writer
    assert run("--db", demo_db, "result", "nonsuch").code == 0
    with Desk.open(demo_db) as desk, pytest.raises(StoreBusy, match="another countdesk"):
        desk.claim_writer()
    with Desk.open(demo_db, read_only=True) as viewer:
        assert viewer.read_only and viewer.result("nonsuch").tie is not None
        with pytest.raises(StoreReadOnly, match="viewing only"):
            viewer.acknowledge("nonsuch", "W002", by="RO", explanation="checked")
    assert db_fingerprint(demo_db) == before


@posix_only
def test_a_lock_left_by_a_crash_is_recovered(run: Run, demo_db: Path,
                                             holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock.lock_path_for(demo_db).exists()  # left behind, naming the dead process
    assert lock.holder(lock.lock_path_for(demo_db))["pid"] == holder.pid  # type: ignore[index]
    r = run("--db", demo_db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked")
    assert r.code == 0, r.err
    assert not lock.lock_path_for(demo_db).exists()  # tidied away by the next writer


def test_one_process_shares_its_lock_between_connections(demo_db: Path) -> None:
    with Desk.open(demo_db) as a:
        a.claim_writer()
        with Desk.open(demo_db) as b:  # e.g. the app's worker thread
            b.acknowledge("nonsuch", "W002", by="RO", explanation="checked")
            show(b, "nonsuch")
        assert lock.held_here(demo_db)
        a.record_lot("nonsuch", 72, "coin")
    assert not lock.held_here(demo_db)
    assert not lock.lock_path_for(demo_db).exists()


def test_reading_never_takes_the_lock(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        desk.result("nonsuch")
        assert not desk.store.is_writer and not lock.lock_path_for(demo_db).exists()


# ============================================================ access control
def test_without_a_passphrase_everything_is_allowed(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        assert not desk.passphrase_set() and not desk.needs_passphrase("declare")
        ward = ready_nonsuch(desk)
        desk.declare(ward, by="RO")


def test_the_passphrase_is_stored_only_as_a_scrypt_hash(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS, by="RO")
        assert desk.passphrase_set() and desk.verify_audit() == []
        assert desk.needs_passphrase("declare") and not desk.needs_passphrase("enter_keying")
    raw = demo_db.read_bytes() + Path(str(demo_db) + "-wal").read_bytes() if Path(
        str(demo_db) + "-wal").exists() else demo_db.read_bytes()
    assert PASS.encode() not in raw
    conn = sqlite3.connect(demo_db)
    h, salt, n = conn.execute("SELECT hash, salt, n FROM passphrases").fetchone()
    conn.close()
    assert len(h) == 64 and len(salt) == 32 and n >= 2**14
    assert access.matches(PASS, access.PassphraseHash(h, salt, n, 8, 1))


def _keyed_twice_differently(desk: Desk) -> None:
    cands = desk.candidates("old town")
    desk.enter_keying("old town", "first", {c.id: 100 + i for i, c in enumerate(cands)}, papers=1000,
                      operator="A")
    desk.enter_keying("old town", "second", {c.id: 101 + i for i, c in enumerate(cands)}, papers=1000,
                      operator="B")


PROTECTED: dict[str, Callable[[Desk, str | None], object]] = {
    "declare": lambda d, p: d.declare("belmont", by="RO", passphrase=p),
    "lot": lambda d, p: d.record_lot("nonsuch", 72, "coin", passphrase=p),
    "accept": lambda d, p: d.accept_keying("old town", "first", by="Sup", passphrase=p),
    "unlock": lambda d, p: d.unlock_candidates(d.ward("belmont").id, "typo", "RO", passphrase=p),
    "double entry off": lambda d, p: d.update_election(double_entry=False, actor="RO", passphrase=p),
    "countermand": lambda d, p: d.countermand("cheam", "death of a candidate", passphrase=p),
    "report error": lambda d, p: d.report_error("nonsuch", "misread", votes={65: 456}, passphrase=p),
    "key event": lambda d, p: d.record_key_event("signing key chosen", {"file": "ro.p12"}, passphrase=p),
    "change passphrase": lambda d, p: d.set_passphrase("a new passphrase", old=p),
}


@pytest.mark.parametrize("action", list(PROTECTED))
def test_each_protected_action_needs_the_passphrase(demo_db: Path, sample_db: Path, action: str) -> None:
    path = sample_db if action in ("accept", "double entry off") else demo_db
    attempt = PROTECTED[action]
    with Desk.open(path) as desk:
        if action == "report error":
            desk.declare(ready_nonsuch(desk), by="RO")
        if action == "lot":
            show(desk, "nonsuch")
        if action == "declare":
            show(desk, "belmont")
            for warning in desk.result("belmont").unacknowledged:
                desk.acknowledge("belmont", warning.code, by="RO", explanation="checked")
        if action == "accept":
            _keyed_twice_differently(desk)
        desk.set_passphrase(PASS)
        before = db_fingerprint(path)
        with pytest.raises(AppError, match="passphrase") as refused:
            attempt(desk, None)
        assert refused.value.code == "P001"
        assert action == "change passphrase" or isinstance(refused.value, NeedsPassphrase)
        assert db_fingerprint(path) == before
        with pytest.raises(WrongPassphrase, match="wrong passphrase"):
            attempt(desk, "not the passphrase")
        assert desk.failed_tries()[0] == 1
        attempt(desk, PASS)
        if action == "change passphrase":
            assert desk.failed_tries()[0] == 0
        else:
            records = desk.audit_records()
            assert json.loads(str(records[-1]["details"])).get("authorised")
        assert desk.verify_audit() == []


def test_operators_key_counts_without_the_passphrase(sample_db: Path) -> None:
    with Desk.open(sample_db) as desk:
        desk.set_passphrase(PASS)
        cands = desk.candidates("old town")
        desk.save_draft("old town", "first", f"votes:{cands[0].id}", "12", operator="A")
        desk.enter_keying("old town", "first", {c.id: 100 + i for i, c in enumerate(cands)},
                          papers=1000, operator="A")
        desk.enter_keying("old town", "second", {c.id: 100 + i for i, c in enumerate(cands)},
                          papers=1000, operator="B")
        assert desk.failed_tries() == (0, None)


def test_wrong_passphrases_back_off_after_five_and_it_persists(
        demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t0 = datetime.datetime(2026, 5, 7, 23, 0, tzinfo=datetime.UTC)
    clock = {"now": t0}
    monkeypatch.setattr(db, "_clock", lambda: clock["now"])
    with Desk.open(demo_db) as desk:
        desk.set_passphrase(PASS)
        show(desk, "nonsuch")
        for i in range(5):
            with pytest.raises(WrongPassphrase, match="wrong passphrase"):
                desk.record_lot("nonsuch", 72, "coin", passphrase=f"guess {i}")
        assert desk.failed_tries()[0] == 5
        assert desk.wait_before_next_try() == 30
    # closing the program does not reset the count
    with Desk.open(demo_db) as desk:
        before = db_fingerprint(demo_db)
        with pytest.raises(WrongPassphrase, match="wait 30 seconds"):
            desk.record_lot("nonsuch", 72, "coin", passphrase=PASS)  # even the right one waits
        assert db_fingerprint(demo_db) == before
        clock["now"] = t0 + datetime.timedelta(seconds=31)
        with pytest.raises(WrongPassphrase, match="wait 1 minute"):
            desk.record_lot("nonsuch", 72, "coin", passphrase="guess 6")
        clock["now"] = t0 + datetime.timedelta(seconds=100)
        desk.record_lot("nonsuch", 72, "coin", passphrase=PASS)
        assert desk.failed_tries()[0] == 0
        actions = [r["action"] for r in desk.audit_records()]
        assert actions.count("wrong passphrase") == 6 and "passphrase accepted" in actions
        assert desk.verify_audit() == []
    assert [access.backoff_seconds(n) for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 900]


def test_set_passphrase_from_the_command_line(run: Run, demo_db: Path, tmp_path: Path) -> None:
    good, new, short = _file(tmp_path, PASS), _file(tmp_path, "another passphrase", "n"), _file(
        tmp_path, "short", "s")
    provisional(run, demo_db, "nonsuch")
    r = run("--db", demo_db, "set-passphrase", "--passphrase-file", short)
    assert r.code == 2 and "at least 8" in r.err
    assert run("--db", demo_db, "set-passphrase", "--passphrase-file", good).code == 0
    r = run("--db", demo_db, "set-passphrase", "--passphrase-file", new)
    assert r.code == 2 and "needs the current one" in r.err
    r = run("--db", demo_db, "set-passphrase", "--passphrase-file", new, "--old-passphrase-file", new)
    assert r.code == 2 and "wrong passphrase" in r.err
    r = run("--db", demo_db, "set-passphrase", "--passphrase-file", new, "--old-passphrase-file", good)
    assert r.code == 0 and "changed" in r.out
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", "72", "--method", "coin")
    assert r.code == 2 and "needs the returning officer's passphrase" in r.err
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", "72", "--method", "coin",
            "--passphrase-file", good)
    assert r.code == 2 and "wrong passphrase" in r.err
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", "72", "--method", "coin",
            "--passphrase-file", new)
    assert r.code == 0, r.err
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", "72", "--method", "coin",
            "--passphrase-file", tmp_path / "missing")
    assert r.code == 2 and "cannot be read" in r.err


def test_declare_and_keygen_take_the_passphrase_beside_the_key(run: Run, demo_db: Path,
                                                               tmp_path: Path) -> None:
    good = _file(tmp_path, PASS)
    keypass = _file(tmp_path, "key passphrase", "k")
    assert run("--db", demo_db, "set-passphrase", "--passphrase-file", good).code == 0
    key = tmp_path / "ro.p12"
    r = run("--db", demo_db, "keygen", "--name", "A. N. Officer", "--out", key,
            "--passphrase-file", keypass)
    assert r.code == 2 and "passphrase" in r.err and not key.exists()
    r = run("--db", demo_db, "keygen", "--name", "A. N. Officer", "--out", key,
            "--passphrase-file", keypass, "--ro-passphrase-file", good)
    assert r.code == 0, r.err
    with Desk.open(demo_db, read_only=True) as desk:
        rec = desk.audit_records()[-1]
        assert rec["action"] == "signing key made" and "certificate_sha256" in str(rec["details"])
    provisional(run, demo_db, "belmont")
    with Desk.open(demo_db) as desk:
        for w in desk.result("belmont").unacknowledged:
            desk.acknowledge("belmont", w.code, by="RO", explanation="checked")
    r = run("--db", demo_db, "declare", "belmont", "--out", tmp_path / "b.pdf", "--key", key,
            "--passphrase-file", keypass)
    assert r.code == 2 and "needs the returning officer's passphrase" in r.err
    assert not (tmp_path / "b.pdf").exists()
    r = run("--db", demo_db, "declare", "belmont", "--out", tmp_path / "b.pdf", "--key", key,
            "--passphrase-file", keypass, "--ro-passphrase-file", good)
    assert r.code == 0, r.err
    assert run("verify", tmp_path / "b.pdf", "--db", demo_db).code == 0


# ================================================================ backups
def test_backup_is_a_checked_copy_with_rotation(run: Run, demo_db: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from countdesk.app import safety
    from countdesk.store import backups  # its clock, to name the backups

    folder = tmp_path / "usb"
    r = run("--db", demo_db, "backup", folder)
    assert r.code == 2 and "does not exist" in r.err
    folder.mkdir()
    stamps = iter(datetime.datetime(2026, 5, 7, 23, m, tzinfo=datetime.UTC) for m in range(10))

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
            return next(stamps)

    monkeypatch.setattr(backups.datetime, "datetime", Clock)
    for _ in range(4):
        r = run("--db", demo_db, "backup", folder, "--keep", "3")
        assert r.code == 0, r.err
    made = safety.backups_of(demo_db, folder)
    assert [p.name for p in made] == [f"demo-backup-20260507T23{m:02d}00Z.db" for m in (1, 2, 3)]
    # nothing partial; each kept backup has its manifest, the removed ones' are gone
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in made] + [p.name + ".manifest.json" for p in made])
    assert db_fingerprint(made[-1]) == db_fingerprint(demo_db)
    with Desk.open(made[-1], read_only=True) as copy:
        assert copy.verify_audit() == []


def test_backup_while_another_countdesk_writes(demo_db: Path, tmp_path: Path,
                                               holder: subprocess.Popen[str]) -> None:
    from countdesk.app.safety import backup

    result = backup(demo_db, tmp_path)
    assert result.path.exists() and db_fingerprint(result.path) == db_fingerprint(demo_db)


def test_restore_checks_the_backup_and_keeps_the_old_store(run: Run, demo_db: Path,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    assert run("--db", demo_db, "backup", folder).code == 0
    (backup,) = list(folder.glob("*.db"))
    good = db_fingerprint(backup)
    # the store is damaged afterwards
    data = bytearray(demo_db.read_bytes())
    data[4096:8192] = b"\x00" * 4096
    demo_db.write_bytes(bytes(data))
    damaged = demo_db.read_bytes()
    r = run("restore", backup, "--db", demo_db)  # --db after the command works too
    assert r.code == 0, r.err
    assert db_fingerprint(demo_db) == good
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name and p.suffix == ".db"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    # a tampered backup is refused, and nothing changes
    conn = sqlite3.connect(backup)
    conn.executescript("DROP TRIGGER keyings_no_update; "
                       "UPDATE keyings SET vals = replace(vals, '1405', '1406');")
    conn.commit()
    conn.close()
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "restore", backup)
    assert r.code == 2 and "audit check" in r.err
    assert db_fingerprint(demo_db) == before
    for bad, words in ((tmp_path / "nothing.db", "no such backup"), (folder, "is a folder")):
        r = run("--db", demo_db, "restore", bad)
        assert r.code == 2 and words in r.err


def test_restore_is_refused_while_the_store_is_in_use(run: Run, demo_db: Path, tmp_path: Path,
                                                      holder: subprocess.Popen[str]) -> None:
    assert run("--db", demo_db, "backup", tmp_path).code == 0
    (backup,) = [p for p in tmp_path.glob("*.db") if "-backup-" in p.name]
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, "restore", backup)
    assert r.code == 2 and "in use" in r.err
    assert db_fingerprint(demo_db) == before


# ==================================================================== files
def test_a_store_from_schema_2_is_migrated_after_a_copy(tmp_path: Path) -> None:
    src = ROOT / "tests" / "fixtures" / "store-v2.db"
    path = tmp_path / "v2.db"
    path.write_bytes(src.read_bytes())
    with Desk.open(path) as desk:
        assert desk.store.conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        assert desk.verify_audit() == []
        ward = desk.ward("Old Town")
        assert desk.drafts(ward.id, "second")  # the v2 draft is still there
        assert not desk.passphrase_set()
        assert desk.verification(ward.id).total_counted == 618
    copies = [p for p in tmp_path.iterdir() if "pre-migration" in p.name]
    assert len(copies) == 1 and db_fingerprint(copies[0]) == db_fingerprint(src)


def test_a_read_only_store_opens_for_viewing_and_is_never_modified(run: Run, demo_db: Path) -> None:
    demo_db.chmod(0o444)
    try:
        before = demo_db.read_bytes()
        assert run("--db", demo_db, "result", "nonsuch").code == 0
        r = run("--db", demo_db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked")
        assert r.code == 2 and "read-only" in r.err
        assert demo_db.read_bytes() == before
    finally:
        demo_db.chmod(0o644)


def test_an_old_store_on_read_only_media_is_not_migrated(tmp_path: Path) -> None:
    src = ROOT / "tests" / "fixtures" / "store-v2.db"
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "v2.db"
    path.write_bytes(src.read_bytes())
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreReadOnly, match="must be upgraded"):
            Desk.open(path)
        assert path.read_bytes() == src.read_bytes()
        assert sorted(p.name for p in folder.iterdir()) == ["v2.db"]
    finally:
        folder.chmod(0o755)


def test_a_rewritten_log_is_caught_by_comparing_with_a_backup(run: Run, demo_db: Path,
                                                              tmp_path: Path) -> None:
    """Editing a figure, the log's copy of it and every later hash passes the store's own
    check only if the tables match too; a backup still tells."""
    from countdesk.store.db import GENESIS, canonical, chain_hash

    assert run("--db", demo_db, "backup", tmp_path).code == 0
    (backup,) = [p for p in tmp_path.glob("*.db") if "-backup-" in p.name]
    assert run("--db", demo_db, "audit-compare", backup).code == 0
    assert run("--db", demo_db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked").code == 0
    assert run("--db", demo_db, "audit-compare", backup).code == 0  # appended to: fine
    # a forger changes the imported figure in the table and in the log, and re-hashes the chain
    conn = sqlite3.connect(demo_db)
    conn.executescript("DROP TRIGGER keyings_no_update; DROP TRIGGER audit_no_update;")
    conn.execute("UPDATE keyings SET vals = replace(vals, '\"votes:72\":1405', '\"votes:72\":1406')")
    prev = GENESIS
    for seq, at, actor, action, ward, details, logged in conn.execute(
            "SELECT seq, at, actor, action, ward_id, details, changes FROM audit ORDER BY seq").fetchall():
        changes = logged.replace('\\"votes:72\\":1405', '\\"votes:72\\":1406')
        body = {"seq": seq, "at": at, "actor": actor, "action": action, "ward_id": ward,
                "details": json.loads(details), "changes": json.loads(changes)}
        digest = chain_hash(prev, body)
        conn.execute("UPDATE audit SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (canonical(body["changes"]), prev, digest, seq))
        prev = digest
    conn.commit()
    r = run("--db", demo_db, "audit-verify")  # the removed safeguards give it away...
    assert r.code == 2 and "keyings_no_update" in r.err
    for table in ("keyings", "audit"):  # ...so the forger puts them back
        conn.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                     f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    conn.commit()
    conn.close()
    assert run("--db", demo_db, "audit-verify").code == 0  # a whole-chain forgery holds together...
    r = run("--db", demo_db, "audit-compare", backup)
    assert r.code == 2 and "audit record 1 " in r.err and "rewritten" in r.err  # ...but not against a copy
