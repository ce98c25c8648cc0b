"""The local store: one SQLite file per election, written through one writer.

Every change runs in one ``BEGIN IMMEDIATE`` transaction together with its
audit record; the audit log is append-only and hash-chained, and each record
carries the rows the change wrote, so ``verify_audit`` can replay the log and
compare it with the tables.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from countdesk.core import (
    Candidate,
    Keying,
    LotDraw,
    Resolution,
    SheetInput,
    WardInput,
    WardResult,
    compute_result,
    fold,
)
from countdesk.core.electionfile import ElectionFileError, ElectionSpec, clean_text
from countdesk.core.records import CorrectionInfo, ElectionInfo, ErrorReport, ProvisionalShown, WardInfo
from countdesk.store import lock, ro_auth
from countdesk.store.audit import GENESIS, audit_records, canonical, chain_hash, verify_audit
from countdesk.store.candidate_rows import CANDIDATE_COLUMNS, candidate_from_row, terms_of
from countdesk.store.connection import (
    FULL_DISK,
    _check_header,
    _open_connection,
    _open_read_only,
    _write_error,
    _write_problem,
    disk_full,
    strict_text,
    writable,
)
from countdesk.store.errors import StoreError, StoreInUse, StoreReadOnly
from countdesk.store.passphrase import PassphraseRecords
from countdesk.store.schema import (
    APP_ID,
    SCHEMA_VERSION,
    migrations_set,
    pending_migrations,
)

#: How long a write waits for another countdesk's writer lock (a command that is
#: finishing) before it is refused. The desktop app holds the lock while it is open.
WRITER_WAIT = 3.0


def _clock() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def now() -> str:
    return _clock().isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_time(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))



#: Tables no result is computed from (:meth:`Store.ward_input` never reads them): a change
#: that writes rows of these alone leaves every kept result current.
RESULT_NEUTRAL_TABLES = frozenset({"draft_values"})


@dataclass
class Change:
    rows: list[dict[str, Any]] = field(default_factory=list)








class Store(PassphraseRecords):
    """The one writer of a countdesk store."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *,
                 read_only_reason: str | None = None) -> None:
        self.path = path
        self.conn = conn
        conn.text_factory = strict_text
        self._results: dict[tuple[int, int | None], tuple[int, WardResult]] = {}
        #: why this store cannot be written here (None: it can)
        self.read_only_reason = read_only_reason
        #: opened read-only because the disk holding it is full
        self.disk_full = False
        self._lock_path = Path(os.path.realpath(path))
        self._lock_release: weakref.finalize[Any, Any] | None = None
        #: called after every commit with the ward the change was about (None: the
        #: election as a whole); the application layer says from it which wards changed
        self.on_commit: list[Callable[[int | None], None]] = []

    # ------------------------------------------------------------------ open
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False,
             read_only: bool = False) -> Store:
        """Open a store. Nothing is written until the first change (which takes the
        writer lock); ``read_only`` opens it for viewing only. A store on read-only
        media, or in a read-only file or folder, opens read-only by itself."""
        p = Path(path)
        if p.is_dir():
            raise StoreError(f"{p} is a folder, not a countdesk store")
        exists = p.exists()
        if not exists and not create:
            raise StoreError(f"there is no countdesk store at {p} (import an election file first)")
        folder = p.parent if str(p.parent) else Path(".")
        if not exists and not folder.exists():
            raise StoreError(f"the folder {folder} does not exist")
        if not exists and not writable(folder):
            raise StoreError(f"the folder {folder} is read-only; choose a writable place for the store")
        if exists and not os.access(p, os.R_OK):
            raise StoreError(f"{p} cannot be read (check its permissions)")
        if exists and p.stat().st_nlink > 1:
            raise StoreError(f"{p} has {p.stat().st_nlink} names (hard links): each name would keep "
                             "its own write-ahead log, so work saved under one could be lost under "
                             "another. Copy the store to a file of its own (cp, not ln) and open that")
        reason: str | None = None
        if read_only:
            reason = "it was opened for viewing only"
        elif exists and not writable(p):
            reason = "the file is read-only"
        elif exists and not writable(folder):
            reason = f"its folder {folder} is read-only"
        if exists:
            _check_header(p)
        try:
            conn = _open_read_only(p) if reason else _open_connection(p)
        except sqlite3.Error as exc:
            raise StoreError(f"{p} cannot be opened: {exc}") from None
        store = cls(p, conn, read_only_reason=reason)
        try:
            store._prepare(new=not exists)
        except StoreError:
            store.close()
            if reason is not None or not exists or not disk_full(p):
                raise
            # a full disk: SQLite cannot even make its log's index to read; read it as on
            # read-only media (the log included), and say why nothing can be written
            store = cls(p, _open_read_only(p), read_only_reason=FULL_DISK.format(path=p))
            store.disk_full = True
            store._prepare(new=False)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, new: bool) -> None:
        c = self.conn
        try:
            if not new:
                tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if "meta" not in tables:
                    raise StoreError(f"{self.path} is an SQLite file but not a countdesk store")
                app = c.execute("SELECT value FROM meta WHERE key='app'").fetchone()
                if not app or app[0] != APP_ID:
                    raise StoreError(f"{self.path} is an SQLite file but not a countdesk store")
                version = c.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} was written by a newer countdesk (store version {version}; "
                        f"this program reads up to {SCHEMA_VERSION}). Use the newer countdesk.")
            if self.read_only_reason is None:
                mode = c.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() != "wal":
                    self._claim_writer(wait=WRITER_WAIT)
                    mode = c.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                    if mode.lower() != "wal":
                        raise StoreError(f"{self.path}: cannot switch the store to WAL mode (got {mode})")
                c.execute("PRAGMA synchronous=FULL")
            c.execute("PRAGMA foreign_keys=ON")
            c.execute("PRAGMA busy_timeout=5000")
            pending = pending_migrations(c)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and _write_problem(exc):
                raise _write_error(self.path, exc) from None
            raise StoreError(f"{self.path} is damaged or not a countdesk store ({exc})") from None
        if pending:
            if self.read_only_reason is not None:
                raise StoreReadOnly(
                    f"{self.path} comes from an older countdesk and must be upgraded before it can "
                    f"be read, but {self.read_only_reason}; copy it somewhere writable first")
            self._claim_writer(wait=WRITER_WAIT)
            if not new:
                backup = self.path.with_name(f"{self.path.name}.pre-migration-{now().replace(':', '')}")
                self.backup_to(backup)
            try:
                from sqlite_utils import Database  # noqa: PLC0415 - only to create or migrate

                db = Database(c, execute_plugins=False)
                c.execute("BEGIN EXCLUSIVE")
                try:
                    migrations_set().apply(db)
                    if new:
                        db.table("meta").insert_all(
                            [{"key": "app", "value": APP_ID}, {"key": "created_at", "value": now()}])
                    c.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                    c.execute("COMMIT")
                except BaseException:
                    if c.in_transaction:
                        c.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                if _write_problem(exc):
                    raise _write_error(self.path, exc) from None
                raise

    def close(self) -> None:
        if self.read_only_reason is None and self._lock_release is not None:
            # the writer folds the write-ahead log into the file (a reader leaves it be)
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        self._release_writer()

    # ------------------------------------------------------------ one writer
    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def is_writer(self) -> bool:
        """This program holds the store's writer lock."""
        return self._lock_release is not None

    def claim_writer(self, *, wait: float = 0.0) -> None:
        """Take the writer lock now (the desktop app does so when it opens a store).

        Raises :class:`StoreInUse` when another countdesk writes to the store, and
        :class:`StoreReadOnly` for a store opened read-only."""
        if self.read_only_reason is not None:
            raise StoreReadOnly(f"{self.path} is open read-only: {self.read_only_reason}")
        self._claim_writer(wait=wait)

    def _claim_writer(self, *, wait: float) -> None:
        if self._lock_release is not None:
            return
        try:
            lock.acquire(self._lock_path, wait=wait)
        except lock.WriterBusy as exc:
            raise StoreInUse(f"{self.path} is in use: {exc.describe()}. Close it there first "
                             "(or open this store read-only to view it); nothing was changed") from None
        except lock.LockUnavailable as exc:
            raise StoreReadOnly(f"{self.path} cannot be written here ({exc}); nothing was changed. "
                                "Copy it somewhere writable to make changes") from None
        self._lock_release = weakref.finalize(self, lock.release, self._lock_path)
        from countdesk.store.backups import clean_leftovers  # noqa: PLC0415

        clean_leftovers(self.path)  # what an interrupted restore or import left beside it

    def _release_writer(self) -> None:
        if self._lock_release is not None:
            self._lock_release()
            self._lock_release = None

    def _require_writable(self) -> None:
        if self.read_only_reason is not None and self.disk_full:
            raise StoreReadOnly(self.read_only_reason)  # already says what to do
        if self.read_only_reason is not None:
            raise StoreReadOnly(f"{self.path} is read-only here ({self.read_only_reason}); nothing "
                                "was changed. Copy it somewhere writable to make changes")
        self._claim_writer(wait=WRITER_WAIT)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup."""
        tmp = target.with_name(target.name + ".partial")
        dest = sqlite3.connect(str(tmp))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)

    # ---------------------------------------------------------- transactions
    @contextmanager
    def transaction(self, action: str, actor: str | None, ward_id: int | None = None,
                    details: Mapping[str, Any] | None = None, *,
                    authorised: bool = False, mac_key: bytes | None = None) -> Iterator[Change]:
        """One change: ``BEGIN IMMEDIATE``, the rows written through :meth:`insert`,
        :meth:`update` and :meth:`delete`, one audit record carrying them, ``COMMIT``.
        Anything raised inside rolls the whole change back. ``authorised`` says the
        application layer checked the returning officer's passphrase for it."""
        self._require_writable()
        change = Change()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(self.path, exc) from None
        try:
            yield change
            details = dict(details or {})
            if authorised:
                details["authorised"] = "returning officer's passphrase"
            seq = self._append_audit(action, actor, ward_id, details, change.rows, mac_key=mac_key)
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if _write_problem(exc):
                raise _write_error(self.path, exc) from None
            raise
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if change.rows and all(r["table"] in RESULT_NEUTRAL_TABLES for r in change.rows):
            self._results_still_hold(seq)
        for hook in list(self.on_commit):
            hook(ward_id)

    def _results_still_hold(self, seq: int) -> None:
        """The change just recorded as ``seq`` wrote no row a result is computed from (a
        keyed figure of an unfinished keying): every result kept as current up to the
        record before it is current up to this one too (no re-read after each figure)."""
        for key, (head, result) in self._results.items():
            if head == seq - 1:
                self._results[key] = (seq, result)

    def _row(self, table: str, pk: int) -> dict[str, Any]:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (pk,))
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return dict(zip(names, row, strict=True))

    def insert(self, change: Change, table: str, row: dict[str, Any]) -> int:
        cols = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        pk = cur.lastrowid
        assert pk is not None
        change.rows.append({"table": table, "id": pk, "row": self._row(table, pk)})
        return pk

    def update(self, change: Change, table: str, pk: int, values: dict[str, Any]) -> None:
        sets = ", ".join(f'"{k}" = ?' for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), pk])
        change.rows.append({"table": table, "id": pk, "row": self._row(table, pk)})

    def delete(self, change: Change, table: str, pk: int) -> None:
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (pk,))
        change.rows.append({"table": table, "id": pk, "row": None})

    def _append_audit(self, action: str, actor: str | None, ward_id: int | None,
                      details: dict[str, Any], rows: list[dict[str, Any]], *,
                      mac_key: bytes | None = None) -> int:
        last = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq = (last[0] + 1) if last else 1
        prev = last[1] if last else GENESIS
        record = {"seq": seq, "at": now(), "actor": actor, "action": action, "ward_id": ward_id,
                  "details": details, "changes": rows}
        if mac_key is not None:  # made with the returning officer's passphrase: authenticate it
            details[ro_auth.MAC_FIELD] = ro_auth.mac(mac_key, ro_auth.mac_body(record, prev))
        self.conn.execute(
            "INSERT INTO audit (seq, at, actor, action, ward_id, details, changes, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, record["at"], actor, action, ward_id, canonical(details), canonical(rows), prev,
             chain_hash(prev, record)))
        return int(seq)

    # ----------------------------------------------------------------- reads
    def has_election(self) -> bool:
        return bool(self.conn.execute("SELECT COUNT(*) FROM election").fetchone()[0] > 0)

    def election(self) -> ElectionInfo:
        row = self.conn.execute(
            "SELECT authority, title, poll_date, returning_officer, double_entry, previous_seats, "
            "jurisdiction, languages FROM election WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"{self.path} holds no election yet (import an election file first)")
        return ElectionInfo(row[0], row[1], row[2], row[3], bool(row[4]), json.loads(row[5] or "{}"),
                            row[6] or "england", tuple(json.loads(row[7])) if row[7] else ("en",))

    _WARD_COLUMNS = (
        "SELECT wards.id, position, name, seats, electorate, ballot_papers_verified, candidates_locked, "
        "declared_at, declared_by, (SELECT MAX(at) FROM corrections c WHERE c.ward_id = wards.id), "
        "k.at, k.reason, k.by, wards.terms, wards.name_cy "
        "FROM wards LEFT JOIN countermands k ON k.ward_id = wards.id")

    @staticmethod
    def _ward_info(r: Sequence[Any]) -> WardInfo:
        return WardInfo(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10], r[11],
                        r[12], terms_of(r[13]), r[14] or None)

    def wards(self) -> list[WardInfo]:
        cur = self.conn.execute(self._WARD_COLUMNS + " ORDER BY position, wards.id")
        return [self._ward_info(r) for r in cur]

    def ward_by_id(self, ward_id: int) -> WardInfo | None:
        r = self.conn.execute(self._WARD_COLUMNS + " WHERE wards.id = ?", (ward_id,)).fetchone()
        return None if r is None else self._ward_info(r)

    def ward(self, ref: str | int) -> WardInfo:
        """A ward by id or by name (case- and accent-insensitive)."""
        text = str(ref).strip()
        if text.isdigit() and (by_id := self.ward_by_id(int(text))) is not None:
            return by_id
        wards = self.wards()
        for w in wards:
            if fold(w.name) == fold(text):
                return w
        names = ", ".join(w.name for w in wards[:30])
        raise StoreError(f"no ward called {text!r}; the wards are: {names}")

    def candidates(self, ward_id: int) -> list[Candidate]:
        cur = self.conn.execute(f"SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE ward_id = ? "
                                "ORDER BY id", (ward_id,))
        return [candidate_from_row(r) for r in cur]

    def current_round(self, ward_id: int) -> tuple[int, int]:
        row = self.conn.execute(
            "SELECT id, number FROM rounds WHERE ward_id = ? ORDER BY number DESC LIMIT 1",
            (ward_id,)).fetchone()
        if row is None:
            raise StoreError("this ward has no count round")
        return row[0], row[1]

    def rounds(self, ward_id: int) -> list[tuple[int, int]]:
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT id, number FROM rounds WHERE ward_id = ? ORDER BY number", (ward_id,))]

    def sheet_inputs(self, round_id: int) -> list[tuple[int, SheetInput]]:
        out = []
        for sid, name in self.conn.execute(
                "SELECT id, name FROM sheets WHERE round_id = ? ORDER BY position, id", (round_id,)):
            latest: dict[str, Keying] = {}
            thirds: list[Keying] = []  # the differing fields keyed a third time
            for kid, slot, vals, op in self.conn.execute(
                    "SELECT id, slot, vals, operator FROM keyings WHERE sheet_id = ? ORDER BY id",
                    (sid,)):
                latest[slot] = Keying(kid, slot, json.loads(vals), op)
                if slot == "third":
                    thirds.append(latest[slot])
            res_row = self.conn.execute(
                "SELECT accepted_slot, first_keying_id, second_keying_id, by FROM resolutions "
                "WHERE sheet_id = ? ORDER BY id DESC LIMIT 1", (sid,)).fetchone()
            res = Resolution(*res_row) if res_row else None
            out.append((sid, SheetInput(name, first=latest.get("first"), second=latest.get("second"),
                                        imported=latest.get("import"), resolution=res,
                                        thirds=tuple(thirds))))
        return out

    def ward_input(self, ward_id: int, round_number: int | None = None) -> WardInput:
        """What the core needs to compute a round's result. A declared result is read as
        declared: corrections recorded by an older countdesk are never applied."""
        w = self.ward(ward_id)
        el = self.election()
        if round_number is None:
            round_id, number = self.current_round(ward_id)
        else:
            match = [r for r in self.rounds(ward_id) if r[1] == round_number]
            if not match:
                raise StoreError(f"{w.name} has no round {round_number}")
            round_id, number = match[0]
        lots = tuple(
            LotDraw(r[0], r[1], tuple(json.loads(r[2])), r[3]) for r in self.conn.execute(
                "SELECT winner_id, method, witnesses, drawn_at FROM lots WHERE round_id = ? "
                "ORDER BY id", (round_id,)))
        acks = frozenset(r[0] for r in self.conn.execute(
            "SELECT code FROM acknowledgements WHERE round_id = ?", (round_id,)))
        latest = number == self.current_round(ward_id)[1]
        sheets = tuple(s for _, s in self.sheet_inputs(round_id))
        return WardInput(
            name=w.name, seats=w.seats, candidates=tuple(self.candidates(ward_id)),
            electorate=w.electorate, ballot_papers_verified=w.ballot_papers_verified,
            double_entry=el.double_entry, sheets=sheets,
            lots=lots, acknowledged=acks, declared=bool(w.declared_at) and latest,
            round_number=number, countermanded=w.countermanded_at is not None,
            terms=w.terms)

    def result(self, ward_id: int, round_number: int | None = None) -> WardResult:
        """The core's result for a round (the latest by default).

        Kept until a change of that ward: every change appends an audit record naming
        its ward (or none, for the election as a whole), so a kept result is used again
        while no later record names this ward or the whole election, whoever wrote it.
        Inside a transaction nothing is kept or reused."""
        if self.conn.in_transaction:
            return compute_result(self.ward_input(ward_id, round_number))
        head = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit").fetchone()[0]
        key = (int(ward_id), round_number)
        kept = self._results.get(key)
        if kept is not None:
            if kept[0] == head:
                return kept[1]
            touched = self.conn.execute(
                "SELECT 1 FROM audit WHERE seq > ? AND (ward_id IS NULL OR ward_id = ?) LIMIT 1",
                (kept[0], int(ward_id))).fetchone()
            if touched is None:
                self._results[key] = (head, kept[1])
                return kept[1]
        result = compute_result(self.ward_input(ward_id, round_number))
        if len(self._results) > 4096:
            self._results.clear()
        self._results[key] = (head, result)
        return result

    # ---------------------------------------------------------------- import
    def import_election(self, spec: ElectionSpec, *, actor: str | None = None,
                        source: Mapping[str, Any] | None = None) -> None:
        """Load an election into this (new, empty) store in one transaction
        (:func:`countdesk.store.importer.load_election`)."""
        from countdesk.store.importer import load_election  # noqa: PLC0415

        load_election(self, spec, actor=actor, source=source)

    def any_declared(self) -> bool:
        return bool(self.conn.execute(
            "SELECT COUNT(*) FROM wards WHERE declared_at IS NOT NULL").fetchone()[0] > 0)

    # ----------------------------------------------------------------- audit
    def audit_records(self) -> list[dict[str, Any]]:
        return audit_records(self)

    def audit_records_of(self, *actions: str) -> list[dict[str, Any]]:
        """The audit records of these actions only, in order (the log can be long)."""
        return audit_records(self, actions)

    def verify_audit(self) -> list[str]:
        """Problems found, first one first; empty when the chain holds and every
        stored row is exactly what the log says was written."""
        return verify_audit(self)

    # ----------------------------------------------------------- corrections
    def corrections(self, ward_id: int) -> list[CorrectionInfo]:
        return [CorrectionInfo(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6], r[7])
                for r in self.conn.execute(
                    "SELECT id, ward_id, round_id, vals, previous, reason, by, at FROM corrections "
                    "WHERE ward_id = ? ORDER BY id", (ward_id,))]

    def error_reports(self, ward_id: int) -> list[ErrorReport]:
        return [ErrorReport(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6])
                for r in self.conn.execute(
                    "SELECT id, ward_id, reason, believed, declared, by, at FROM error_reports "
                    "WHERE ward_id = ? ORDER BY id", (ward_id,))]

    def provisional(self, ward_id: int) -> ProvisionalShown | None:
        """The latest showing of the provisional result in the ward's current round."""
        round_id, number = self.current_round(ward_id)
        r = self.conn.execute(
            "SELECT figures_key, figures, by, at FROM provisional WHERE round_id = ? "
            "ORDER BY id DESC LIMIT 1", (round_id,)).fetchone()
        if r is None:
            return None
        return ProvisionalShown(number, r[0], json.loads(r[1]), r[2], r[3])

    def drafts_of(self, sheet_id: int, slot: str) -> dict[str, int | None]:
        """The unfinished keying's values of a sheet (since the last finished keying of that slot)."""
        upto = self.conn.execute(
            "SELECT COALESCE(MAX(draft_upto), 0) FROM keyings WHERE sheet_id = ? AND slot = ?",
            (sheet_id, slot)).fetchone()[0]
        out: dict[str, int | None] = {}
        for field_name, value in self.conn.execute(
                "SELECT field, value FROM draft_values WHERE sheet_id = ? AND slot = ? AND id > ? "
                "ORDER BY id", (sheet_id, slot, upto)):
            out[field_name] = value
        return {k: v for k, v in out.items() if v is not None}

    def last_draft_id(self, sheet_id: int, slot: str) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM draft_values WHERE sheet_id = ? "
                                     "AND slot = ?", (sheet_id, slot)).fetchone()[0])


def _text(value: str | None, what: str, *, required: bool = True, max_len: int = 200) -> str:
    try:
        return clean_text(value, what, required=required, max_len=max_len)
    except ElectionFileError as exc:
        raise StoreError(str(exc)) from None
