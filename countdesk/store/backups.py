"""Backups and restores of a store, with SQLite's online backup.

A backup is safe to take while countdesk is writing: it reads one consistent
snapshot through its own read-only connection (so the desktop app can run it
on a worker thread). The copy is written beside its final name, synced to the
disk, checked (``PRAGMA integrity_check``), and only then renamed into place:
a backup folder never holds half a backup. Older backups of the same store
beyond ``keep`` are removed, oldest first.

A restore checks the backup first (a countdesk store, not from a newer
countdesk, integrity ok, audit chain intact), refuses while another countdesk
writes to the store, and keeps the store it replaces beside it as
``NAME.before-restore-TIME.db``. Nothing is ever deleted by a restore.
"""

from __future__ import annotations

import contextlib
import datetime
import glob
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from countdesk.files import STALE_SECONDS, atomic_write, clean_stale_files, fsync_dir
from countdesk.store import lock
from countdesk.store.connection import writable
from countdesk.store.db import Store
from countdesk.store.errors import StoreError

DEFAULT_KEEP = 20
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    audit_records: int
    removed: tuple[Path, ...]
    #: problems the audit check found in the store (backed up all the same)
    audit_problems: tuple[str, ...]


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)


def backup_name(db_path: Path, when: datetime.datetime) -> str:
    return f"{db_path.stem}-backup-{when.strftime(_STAMP)}{db_path.suffix or '.db'}"


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r"-backup-(\d{8}T\d{6}Z)(?:-(\d+))?"
                      + re.escape(db_path.suffix or ".db") + "$")


def backups_of(db_path: Path, folder: Path) -> list[Path]:
    """This store's backups in ``folder``, oldest first."""
    pat = _pattern(db_path)
    try:
        found = [(m.group(1), int(m.group(2) or 1), p) for p in folder.iterdir()
                 if (m := pat.match(p.name))]
    except OSError:
        return []
    return [p for _, _, p in sorted(found)]


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise StoreError(f"the backup folder {folder} does not exist (is the USB stick plugged in?)")
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a folder to put backups in")
    if not writable(folder):
        raise StoreError(f"the backup folder {folder} is read-only; choose a writable one")


def backup_store(db_path: str | os.PathLike[str], folder: str | os.PathLike[str], *,
                 keep: int = DEFAULT_KEEP) -> BackupResult:
    """Back up the store at ``db_path`` into ``folder``; returns what was made.

    Raises :class:`StoreError` (nothing left behind in ``folder``) when it cannot."""
    src_path, dest_dir = Path(db_path), Path(folder)
    if keep < 1:
        raise StoreError("keep at least one backup")
    _check_folder(dest_dir)
    source = Store.open(src_path, read_only=True)  # a countdesk store, readable, not newer
    try:
        return _backup_from(source, src_path, dest_dir, keep)
    finally:
        source.close()


def _backup_from(store: Store, src_path: Path, dest_dir: Path, keep: int) -> BackupResult:
    """Copy through the store's own read-only connection, which reads it wherever SQLite can
    (read-only media, a full disk: the write-ahead log included)."""
    problems = tuple(store.verify_audit())
    clean_stale(dest_dir, f".{glob.escape(src_path.stem)}-backup-*.partial*")  # a crash mid-backup left it
    when = datetime.datetime.now(datetime.UTC)
    target = dest_dir / backup_name(src_path, when)
    n = 2
    while target.exists():
        target = dest_dir / f"{Path(backup_name(src_path, when)).stem}-{n}{src_path.suffix or '.db'}"
        n += 1
    tmp = dest_dir / f".{target.name}.partial"
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
            records = int(dest.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
            head = dest.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            dest.close()
        if ok != "ok":
            raise StoreError(f"the backup of {src_path} failed its integrity check ({ok}); "
                             "the store itself may be damaged")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(dest_dir)
        _write_manifest(target, src_path, when, records, head)
    except sqlite3.Error as exc:
        raise StoreError(f"the backup of {src_path} into {dest_dir} failed: {exc}") from None
    except OSError as exc:
        raise StoreError(f"the backup could not be written to {dest_dir}: "
                         f"{exc.strerror or exc}") from None
    finally:
        for suffix in ("", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    removed: list[Path] = []
    existing = backups_of(src_path, dest_dir)
    for old in existing[: max(0, len(existing) - keep)]:
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
                removed.append(old)
                manifest_path(old).unlink(missing_ok=True)
    return BackupResult(target, records, tuple(removed), problems)


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def _write_manifest(backup: Path, store: Path, when: datetime.datetime, records: int,
                    head: tuple[int, str] | None) -> None:
    """Beside each backup, what it holds: the store, when, the backup's SHA-256 and the head of
    its audit log (an anchor of the log outside the store: ``audit-verify --anchor``)."""
    import hashlib  # noqa: PLC0415

    manifest = {"format": "countdesk-backup-manifest/1", "store": store.name, "backup": backup.name,
                "made_at": when.isoformat(timespec="seconds").replace("+00:00", "Z"),
                "sha256": hashlib.sha256(backup.read_bytes()).hexdigest(), "audit_records": records,
                "audit_head": None if head is None else {"seq": int(head[0]), "hash": str(head[1])}}
    atomic_write(manifest_path(backup), (json.dumps(manifest, indent=1) + "\n").encode("utf-8"))


def check_backup(path: Path) -> int:
    """A backup fit to restore: returns its number of audit records, or raises StoreError."""
    if not path.exists():
        raise StoreError(f"{path}: no such backup")
    with Store.open(path, read_only=True) as store:
        ok = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise StoreError(f"{path} is damaged (integrity check: {ok}); choose another backup")
        problems = store.verify_audit()
        if problems:
            raise StoreError(f"{path} fails the audit check: {problems[0]}; choose another backup")
        if not store.has_election():
            raise StoreError(f"{path} holds no election")
        return len(store.audit_records())


def restore(backup: str | os.PathLike[str], db_path: str | os.PathLike[str]) -> Path | None:
    """Replace the store at ``db_path`` by ``backup`` once the backup checks out.

    Atomic: the backup is copied beside the store, the store is copied aside (its write-ahead
    log folded in first), and then one rename puts the copy in the store's place. Interrupted
    anywhere, the path holds the old store or the new one, never neither; the half-made copy
    is removed at the next start (:func:`clean_leftovers`).

    Returns where the replaced store was kept (None when there was none). Whether the
    returning officer allows it is the application layer's question, asked before this."""
    src, target = Path(backup), Path(db_path)
    if src.is_dir():
        raise StoreError(f"{src} is a folder; give the backup file to restore")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the path of the store file")
    if target.exists() and src.resolve() == target.resolve():
        raise StoreError("the backup and the store are the same file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"the folder {folder} does not exist")
    if not writable(folder) or (target.exists() and not writable(target)):
        raise StoreError(f"{target} is read-only here; nothing was changed")
    check_backup(src)
    try:
        lock.acquire(target, wait=0)
    except lock.WriterBusy as exc:
        raise StoreError(f"{target} is in use: {exc.describe()}. Close it there first; "
                         "nothing was changed") from None
    except lock.LockUnavailable as exc:
        raise StoreError(f"{target} cannot be written here ({exc}); nothing was changed") from None
    tmp = restoring_path(target)
    kept: Path | None = None
    try:
        _copy(src, tmp)
        if target.exists():
            stamp = datetime.datetime.now(datetime.UTC).strftime(_STAMP)
            kept = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix or '.db'}")
            _settle(target)
            try:
                _copy(target, kept)  # the replaced store, whole, before anything moves
            except (sqlite3.Error, StoreError):
                _raw_copy(target, kept)  # a damaged store is kept as it is, with its log
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)  # the one step that changes the store: atomic
        fsync_dir(folder)
    except sqlite3.Error as exc:
        raise StoreError(f"{src} could not be restored: {exc}; nothing was changed") from None
    except OSError as exc:
        raise StoreError(f"{src} could not be restored: {exc.strerror or exc}; the store is "
                         "unchanged") from None
    finally:
        tmp.unlink(missing_ok=True)
        lock.release(target)
    return kept


def restoring_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.restoring")


def _copy(src: Path, dest: Path) -> None:
    """A consistent, checked, fsynced single-file copy of a store (SQLite's online backup)."""
    s = _connect_ro(src)
    try:
        d = sqlite3.connect(str(dest))
        try:
            s.backup(d)
            d.execute("PRAGMA journal_mode=DELETE")
            ok = d.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            d.close()
    finally:
        s.close()
    if ok != "ok":
        raise StoreError(f"the copy of {src} failed its integrity check ({ok}); nothing was changed")
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())


def _raw_copy(src: Path, dest: Path) -> None:
    """A byte-for-byte copy of a store and its write-ahead log, fsynced (for a store too
    damaged for SQLite to copy)."""
    for suffix in ("", "-wal"):
        part = Path(f"{src}{suffix}")
        if part.exists():
            shutil.copyfile(part, Path(f"{dest}{suffix}"))
            with open(Path(f"{dest}{suffix}"), "rb+") as fh:
                os.fsync(fh.fileno())


def clean_stale(folder: Path, pattern: str, *, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove files matching ``pattern`` in ``folder`` that no one has touched for
    ``older_than`` seconds: what an interrupted backup or document write left (never counted
    as a backup). A file still being written is younger than that."""
    return clean_stale_files(folder, pattern, older_than=older_than)


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove what an interrupted restore or import left beside the store (called by the
    store's writer, which holds its lock): the half-made copy of a restore, and import
    files no other countdesk is still building (they are locked while being built)."""
    removed: list[Path] = []
    folder = db_path.parent if str(db_path.parent) else Path(".")
    candidates = [restoring_path(db_path), *folder.glob(f".{db_path.name}.import-*.db")]
    for path in candidates:
        if not path.exists() or path.is_symlink():
            continue
        if path.name.endswith(".db") and lock.in_use(path):
            continue
        for side in ("", "-wal", "-shm", "-journal", ".lock"):
            with contextlib.suppress(OSError):
                Path(f"{path}{side}").unlink()
        removed.append(path)
    return removed


def _settle(path: Path) -> None:
    """Fold the store's write-ahead log into the file, when it can be read at all."""
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(str(path), timeout=5.0)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def compare_logs(db_path: Path, earlier: Path) -> tuple[list[str], int]:
    """Problems found comparing the store's audit log with an earlier copy's, and how many
    records the earlier copy has. The store's log must begin with the earlier one's, record
    for record (a log is only ever appended to)."""
    with Store.open(earlier, read_only=True) as old:
        old_problems = old.verify_audit()
        if old_problems:
            raise StoreError(f"{earlier} fails its own audit check: {old_problems[0]}")
        before = old.audit_records()
        old_app = old.election().title if old.has_election() else None
    with Store.open(db_path, read_only=True) as store:
        now = {r["seq"]: r for r in store.audit_records()}
        title = store.election().title if store.has_election() else None
        own = store.verify_audit()
    problems: list[str] = []
    if old_app != title:
        problems.append(f"{earlier} is a copy of another election ({old_app!r}, not {title!r})")
    for rec in before:
        mine = now.get(rec["seq"])
        if mine is None:
            problems.append(f"audit record {rec['seq']} ({rec['action']}, {rec['at']}) of {earlier} "
                            "is missing from the store")
            break
        if mine["hash"] != rec["hash"]:
            problems.append(f"audit record {rec['seq']} ({rec['action']}, {rec['at']}) differs from "
                            f"{earlier}: the log was rewritten after that copy was made")
            break
    problems += own
    return problems, len(before)
