"""Safety: the returning officer's passphrase, key management, the audit log,
backups and restore.

Backups and restore work on the store's file (:mod:`countdesk.store.backups`);
these operations are what the front ends call.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countdesk.app.base import DeskBase
from countdesk.app.errors import AppError, from_store
from countdesk.app.ops import operation
from countdesk.app.text import clean
from countdesk.store import access, ro_auth
from countdesk.store.db import now
from countdesk.store.errors import StoreError

if TYPE_CHECKING:
    from countdesk.store.backups import BackupResult


class SafetyOps(DeskBase):
    @operation("safety", "setting the returning officer's passphrase")
    def set_passphrase(self, new: str, *, old: str | None = None, by: str | None = None) -> None:
        """Set the returning officer's passphrase; changing it needs the current one."""
        try:
            new = access.check_new(new)
        except ValueError as exc:
            raise AppError("P003", f"{exc}; nothing was changed") from None
        changing = self.store.passphrase_set()
        if changing:
            if old is None:
                raise AppError("P001", "a passphrase is already set: changing it needs the current "
                               "one (--old-passphrase-file FILE); nothing was changed")
            self.store.check_passphrase(old, action="changing the passphrase", actor=by)
        # the key that authenticates the returning officer's records: made with the first
        # passphrase, opened with the current one and kept wrapped under the new one
        key = (self.audit_key(old) if changing and old is not None else None) or ro_auth.new_key()
        hashed = access.hash_passphrase(new)
        details = {ro_auth.KEY_FIELD: ro_auth.wrap(key, new)}
        with self.store.transaction("change passphrase" if changing else "set passphrase", by,
                                    details=details, authorised=changing, mac_key=key) as ch:
            self.store.insert(ch, "passphrases", {
                "role": access.ROLE_RO, "hash": hashed.hash, "salt": hashed.salt, "n": hashed.n,
                "r": hashed.r, "p": hashed.p, "set_at": now(), "set_by": by})

    @operation("safety", "key management", passphrase="always")
    def record_key_event(self, what: str, details: Mapping[str, Any], *,
                         by: str | None = None, passphrase: str | None = None) -> None:
        """Key management (a signing key made or chosen): audited, with the returning
        officer's passphrase once one is set."""
        what = clean(what, "the key event")
        with self.transaction(what, by, details=dict(details)):
            pass

    def verify_audit(self, passphrase: str | None = None) -> list[str]:
        """Problems found in the audit log, first one first (empty: intact). With the returning
        officer's passphrase, every record of an action that needs it is checked for the
        authenticator only that passphrase could have made."""
        problems = self.store.verify_audit()
        if not problems and passphrase is not None:
            problems, _ = ro_auth.check(self.store.audit_records(), passphrase)
        return problems

    def check_anchor(self, anchor: Path) -> list[str]:
        """Does the store still extend an anchor of its log kept outside it? A backup (every
        record it holds still here, unchanged) or a printed declaration (the audit record it
        was printed on still here, with the same hash): catches a log cut short or rolled back."""
        try:
            head = anchor.read_bytes()[:5]
        except OSError as exc:
            raise AppError("A051", f"the anchor {anchor} cannot be read: {exc.strerror}") from None
        if head[:1] == b"{":  # a backup's manifest
            try:
                found = json.loads(anchor.read_text(encoding="utf-8"))["audit_head"]
                seq, digest = int(found["seq"]), str(found["hash"])
            except (ValueError, KeyError, TypeError):
                raise AppError("A051", f"{anchor.name} is not a backup manifest with an audit "
                               "head") from None
        elif head != b"%PDF-":
            problems, _ = compare_logs(self.path, anchor)
            return problems
        else:
            from countdesk.reports.signing import read_document  # noqa: PLC0415

            info = read_document(anchor.read_bytes())
            if info is None or info.anchor is None:
                raise AppError("A051", f"{anchor.name} carries no audit anchor (only declarations "
                               "and summaries printed by this version do)")
            seq, digest = info.anchor
        row = self.store.conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            return [f"the store's log no longer holds audit record {seq}, on which {anchor.name} was "
                    "printed: it has been cut short or rolled back"]
        if row[0] != digest:
            return [f"audit record {seq} is not the one {anchor.name} was printed on: the log has been "
                    "rewritten"]
        return []

    def ro_records(self) -> int:
        """How many records need the returning officer's passphrase to be checked."""
        return ro_auth.check(self.store.audit_records(), None)[1]

    def failed_tries(self) -> tuple[int, str | None]:
        return self.store.failed_tries()

    def wait_before_next_try(self) -> int:
        return self.store.wait_before_next_try()


def backup(db_path: str | os.PathLike[str], folder: str | os.PathLike[str], *, keep: int = 20
           ) -> BackupResult:
    """Back up the store at ``db_path`` into ``folder`` (SQLite online backup)."""
    from countdesk.store.backups import backup_store  # noqa: PLC0415

    try:
        return backup_store(db_path, folder, keep=keep)
    except StoreError as exc:
        raise from_store(exc) from None


@dataclass(frozen=True)
class RestoreOutcome:
    #: where the replaced store is kept (None: there was none)
    kept: Path | None
    #: changes in the replaced store that the backup does not hold (they stay in ``kept``)
    lost_records: int
    #: what those changes were, in words ("show provisional result, declare")
    latest_lost: str | None
    #: the backup is of another election than the store it replaced
    other_election: bool


def _first_record(db_path: Path) -> tuple[str | None, str]:
    """The hash of a store's first audit record (its identity: every copy of one store shares
    it) and its election in words."""
    from countdesk.store.db import Store  # noqa: PLC0415

    with Store.open(db_path, read_only=True) as store:
        first = store.conn.execute("SELECT hash FROM audit WHERE seq = 1").fetchone()
        title = (f"{store.election().title}, {store.election().authority}" if store.has_election()
                 else "no election")
    return (None if first is None else str(first[0])), title


def restore(backup_file: Path, db_path: Path, *, passphrase: str | None = None,
            other_election: bool = False) -> RestoreOutcome:
    """Replace the store at ``db_path`` by a checked backup.

    Where the store has a returning officer's passphrase, restoring needs it (a restore can
    undo declarations and lots); a backup of another election is refused unless
    ``other_election`` is given. Says what the restore sets aside: the changes made after the
    backup stay in the replaced store, kept beside it."""
    from countdesk.store.backups import check_backup  # noqa: PLC0415
    from countdesk.store.backups import restore as _restore  # noqa: PLC0415
    from countdesk.store.db import Store  # noqa: PLC0415

    try:
        if backup_file.is_dir():
            raise StoreError(f"{backup_file} is a folder; give the backup file to restore")
        check_backup(backup_file)
        lost, latest, other = 0, None, False
        readable = True
        if db_path.exists():
            try:
                _first_record(db_path)
            except (StoreError, sqlite3.DatabaseError):
                readable = False  # a damaged store: restoring is how it is mended
        if db_path.exists() and readable:
            mine, my_title = _first_record(db_path)
            theirs, their_title = _first_record(backup_file)
            other = mine is not None and theirs != mine
            if other and not other_election:
                raise AppError("A050", f"{backup_file} is a backup of another election ({their_title}), "
                               f"not of the store it would replace ({my_title}); nothing was changed. "
                               "To replace this election with it, say so (--other-election)")
            with Store.open(db_path) as store:
                if not other:
                    with Store.open(backup_file, read_only=True) as old:
                        n_old = len(old.audit_records())
                    after = store.audit_records()[n_old:]
                    lost = len(after)
                    actions = list(dict.fromkeys(str(r["action"]) for r in after))
                    if actions:
                        latest = ", ".join(actions[:6]) + (", …" if len(actions) > 6 else "")
                if store.passphrase_set():
                    if passphrase is None:
                        raise AppError("P001", "Restoring a backup over this store needs the returning "
                                       "officer's passphrase (--ro-passphrase-file FILE): it can undo "
                                       "declarations and lots; nothing was changed")
                    store.check_passphrase(passphrase, action="restoring a backup over this store")
        kept = _restore(backup_file, db_path)
    except StoreError as exc:
        raise from_store(exc) from None
    return RestoreOutcome(kept, lost, latest, other)


def compare_logs(db_path: Path, earlier: Path) -> tuple[list[str], int]:
    from countdesk.store.backups import compare_logs as _compare  # noqa: PLC0415

    try:
        return _compare(db_path, earlier)
    except StoreError as exc:
        raise from_store(exc) from None


def backups_of(db_path: Path, folder: Path) -> list[Path]:
    from countdesk.store.backups import backups_of as _of  # noqa: PLC0415

    return _of(db_path, folder)


def read_passphrase_file(path: str | os.PathLike[str]) -> str:
    try:
        return access.read_passphrase_file(path)
    except access.PassphraseFileError as exc:
        raise AppError("P004", str(exc)) from None
