"""The local store: one SQLite file per election, written through one writer.

Every change runs in one ``BEGIN IMMEDIATE`` transaction together with its
audit record; the audit log is append-only and hash-chained, and each record
carries the rows the change wrote, so ``verify_audit`` can replay the log and
compare it with the tables.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
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
    REJECTED_FIELDS,
    Candidate,
    EntryRefused,
    FigureError,
    Keying,
    LotDraw,
    Resolution,
    SheetInput,
    SheetState,
    Status,
    WardInput,
    WardResult,
    build_keying_values,
    check_transition,
    compute_result,
    fold,
    parse_figure,
    sheet_status,
)
from countdesk.core.electionfile import ElectionFileError, ElectionSpec, clean_text
from countdesk.core.entry import field_label
from countdesk.core.records import CorrectionInfo, ElectionInfo, WardInfo
from countdesk.store import access, lock
from countdesk.store.schema import (
    APP_ID,
    AUDITED_TABLES,
    SCHEMA_VERSION,
    migrations_set,
    pending_migrations,
)

GENESIS = "0" * 64
#: How long a write waits for another countdesk's writer lock (a command that is
#: finishing) before it is refused. The desktop app holds the lock while it is open.
WRITER_WAIT = 3.0


class StoreError(Exception):
    """Something the user must be told, in their words. Nothing was changed."""


class StoreInUse(StoreError):
    """Another countdesk is writing to this store; it can be opened read-only to view."""


class StoreReadOnly(StoreError):
    """This store was opened for viewing, or its file or folder is read-only."""


class AccessDenied(StoreError):
    """An action that needs the returning officer's passphrase, without it."""


def _clock() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def now() -> str:
    return _clock().isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_time(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(record)).encode("utf-8")).hexdigest()


@dataclass
class Change:
    rows: list[dict[str, Any]] = field(default_factory=list)








def _open_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0)
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, even by accident. On read-only media, where
    SQLite cannot make the WAL index beside the file, the file is read as immutable."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5.0)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=5.0)


def writable(path: Path) -> bool:
    """The file or folder can be written, and is not marked read-only.

    A file or folder whose permissions give nobody write access is treated as
    read-only even for an administrator (who could write it anyway): whoever
    made it read-only meant it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & 0o222)


class Store:
    """The one writer of a countdesk store."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *,
                 read_only_reason: str | None = None) -> None:
        self.path = path
        self.conn = conn
        self._results: dict[tuple[int, int | None], tuple[int, WardResult]] = {}
        #: why this store cannot be written here (None: it can)
        self.read_only_reason = read_only_reason
        #: the desktop app sets this to ask for the returning officer's passphrase
        #: (it gets a description of the action and returns the passphrase, or None)
        self.passphrase_prompt: Callable[[str], str | None] | None = None
        self._lock_path = Path(os.path.realpath(path))
        self._lock_release: weakref.finalize[Any, Any] | None = None
        self._ro_granted = False
        self._ro_used = False

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

    def _release_writer(self) -> None:
        if self._lock_release is not None:
            self._lock_release()
            self._lock_release = None

    def _require_writable(self) -> None:
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
    def _change(self, action: str, actor: str | None, ward_id: int | None = None,
                details: Mapping[str, Any] | None = None) -> Iterator[Change]:
        authorised, self._ro_used = self._ro_used, False
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
            self._append_audit(action, actor, ward_id, details, change.rows)
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

    def _row(self, table: str, pk: int) -> dict[str, Any]:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE rowid = ?", (pk,))
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        return dict(zip(names, row, strict=True))

    def _insert(self, change: Change, table: str, row: dict[str, Any]) -> int:
        cols = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        pk = cur.lastrowid
        assert pk is not None
        change.rows.append({"table": table, "id": pk, "row": self._row(table, pk)})
        return pk

    def _update(self, change: Change, table: str, pk: int, values: dict[str, Any]) -> None:
        sets = ", ".join(f'"{k}" = ?' for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), pk])
        change.rows.append({"table": table, "id": pk, "row": self._row(table, pk)})

    def _delete(self, change: Change, table: str, pk: int) -> None:
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (pk,))
        change.rows.append({"table": table, "id": pk, "row": None})

    def _append_audit(self, action: str, actor: str | None, ward_id: int | None,
                      details: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        last = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq = (last[0] + 1) if last else 1
        prev = last[1] if last else GENESIS
        record = {"seq": seq, "at": now(), "actor": actor, "action": action, "ward_id": ward_id,
                  "details": details, "changes": rows}
        self.conn.execute(
            "INSERT INTO audit (seq, at, actor, action, ward_id, details, changes, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, record["at"], actor, action, ward_id, canonical(details), canonical(rows), prev,
             chain_hash(prev, record)))

    # ----------------------------------------------------------------- reads
    def has_election(self) -> bool:
        return bool(self.conn.execute("SELECT COUNT(*) FROM election").fetchone()[0] > 0)

    def election(self) -> ElectionInfo:
        row = self.conn.execute(
            "SELECT authority, title, poll_date, returning_officer, double_entry, previous_seats "
            "FROM election WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"{self.path} holds no election yet (import an election file first)")
        return ElectionInfo(row[0], row[1], row[2], row[3], bool(row[4]), json.loads(row[5] or "{}"))

    def wards(self) -> list[WardInfo]:
        cur = self.conn.execute(
            "SELECT id, position, name, seats, electorate, ballot_papers_verified, candidates_locked, "
            "declared_at, declared_by, (SELECT MAX(at) FROM corrections c WHERE c.ward_id = wards.id) "
            "FROM wards ORDER BY position, id")
        return [WardInfo(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9]) for r in cur]

    _WARD_COLUMNS = (
        "SELECT id, position, name, seats, electorate, ballot_papers_verified, candidates_locked, "
        "declared_at, declared_by, (SELECT MAX(at) FROM corrections c WHERE c.ward_id = wards.id) "
        "FROM wards")

    def ward(self, ref: str | int) -> WardInfo:
        """A ward by id or by name (case- and accent-insensitive)."""
        text = str(ref).strip()
        if text.isdigit():
            r = self.conn.execute(self._WARD_COLUMNS + " WHERE id = ?", (int(text),)).fetchone()
            if r is not None:
                return WardInfo(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9])
        wards = self.wards()
        for w in wards:
            if fold(w.name) == fold(text):
                return w
        names = ", ".join(w.name for w in wards[:30])
        raise StoreError(f"no ward called {text!r}; the wards are: {names}")

    def candidates(self, ward_id: int) -> list[Candidate]:
        cur = self.conn.execute(
            "SELECT id, surname, forenames, description, party FROM candidates WHERE ward_id = ? "
            "ORDER BY id", (ward_id,))
        return [Candidate(*r) for r in cur]

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
            for kid, slot, vals, op in self.conn.execute(
                    "SELECT id, slot, vals, operator FROM keyings WHERE sheet_id = ? ORDER BY id",
                    (sid,)):
                latest[slot] = Keying(kid, slot, json.loads(vals), op)
            res_row = self.conn.execute(
                "SELECT accepted_slot, first_keying_id, second_keying_id, by FROM resolutions "
                "WHERE sheet_id = ? ORDER BY id DESC LIMIT 1", (sid,)).fetchone()
            res = Resolution(*res_row) if res_row else None
            out.append((sid, SheetInput(name, first=latest.get("first"), second=latest.get("second"),
                                        imported=latest.get("import"), resolution=res)))
        return out

    def ward_input(self, ward_id: int, round_number: int | None = None, *,
                   corrected: bool = True) -> WardInput:
        """What the core needs to compute a round's result. A declared ward whose figures
        were corrected reads the latest correction instead of its count sheets (unless
        ``corrected`` is False: the result as first declared)."""
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
        if corrected:
            fix = self.conn.execute(
                "SELECT id, vals, by FROM corrections WHERE round_id = ? ORDER BY id DESC LIMIT 1",
                (round_id,)).fetchone()
            if fix is not None:
                sheets = (SheetInput("Correction", imported=Keying(fix[0], "import", json.loads(fix[1]),
                                                                   fix[2])),)
        return WardInput(
            name=w.name, seats=w.seats, candidates=tuple(self.candidates(ward_id)),
            electorate=w.electorate, ballot_papers_verified=w.ballot_papers_verified,
            double_entry=el.double_entry, sheets=sheets,
            lots=lots, acknowledged=acks, declared=bool(w.declared_at) and latest,
            round_number=number)

    def result(self, ward_id: int, round_number: int | None = None) -> WardResult:
        """The core's result for a round (the latest by default).

        Kept until the next change: every change appends an audit record, so the
        head of the audit log says whether a kept result may still be used. Inside
        a transaction nothing is kept or reused."""
        if self.conn.in_transaction:
            return compute_result(self.ward_input(ward_id, round_number))
        head = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit").fetchone()[0]
        key = (int(ward_id), round_number)
        kept = self._results.get(key)
        if kept is not None and kept[0] == head:
            return kept[1]
        result = compute_result(self.ward_input(ward_id, round_number))
        if len(self._results) > 4096:
            self._results.clear()
        self._results[key] = (head, result)
        return result

    # ---------------------------------------------------------------- import
    def import_election(self, spec: ElectionSpec, *, actor: str | None = None,
                        source: Mapping[str, Any] | None = None) -> None:
        """Load an election into this (new, empty) store in one transaction.

        Every ward's figures are checked by the core before anything is
        committed; a ward with a blocking error refuses the whole file.
        """
        if self.has_election():
            raise StoreError("this store already holds an election")
        stamp = now()
        with self._change("import election", actor, details=dict(source or {})) as ch:
            self._insert(ch, "election", {
                "id": 1, "authority": spec.authority, "title": spec.title,
                "poll_date": spec.poll_date, "returning_officer": spec.returning_officer,
                "double_entry": int(spec.double_entry),
                "previous_seats": canonical(spec.previous_seats), "created_at": stamp})
            for pos, ws in enumerate(spec.wards, 1):
                ward_id = self._insert(ch, "wards", {
                    "position": pos, "name": ws.name, "seats": ws.seats, "electorate": ws.electorate,
                    "ballot_papers_verified": ws.ballot_papers_verified,
                    "candidates_locked": int(ws.counted), "declared_at": None, "declared_by": None})
                ids: list[int] = []
                for cs in ws.candidates:
                    ids.append(self._insert(ch, "candidates", {
                        "ward_id": ward_id, "surname": cs.surname, "forenames": cs.forenames,
                        "description": cs.description, "party": cs.party, "colour": None}))
                round_id = self._insert(ch, "rounds", {
                    "ward_id": ward_id, "number": 1, "opened_at": stamp, "reason": "first count",
                    "requested_by": None})
                if len(ws.candidates) <= ws.seats:
                    continue  # uncontested: no poll, no count sheets
                sheet_id = self._insert(ch, "sheets", {
                    "round_id": round_id, "position": 1,
                    "name": "Imported" if ws.counted else "Main count"})
                if not ws.counted:
                    continue
                cands = self.candidates(ward_id)
                values = build_keying_values(
                    cands, {cid: cs.votes for cid, cs in zip(ids, ws.candidates, strict=True)},
                    ws.rejected or {}, ws.ballot_papers_counted)
                self._insert(ch, "keyings", {
                    "sheet_id": sheet_id, "slot": "import", "vals": canonical(values),
                    "operator": actor, "entered_at": stamp})
                result = self.result(ward_id)
                for cid, cs in zip(ids, ws.candidates, strict=True):
                    if cs.lot_winner:
                        tie = result.tie
                        if tie is None or cid not in tie.candidate_ids:
                            raise ElectionFileError(
                                f"ward {ws.name}: {cs.surname} is marked as winning a lot, "
                                "but there is no equality of votes for the last seat that "
                                "includes them")
                        self._insert(ch, "lots", {
                            "round_id": round_id, "winner_id": cid,
                            "tied_ids": canonical(list(tie.candidate_ids)),
                            "method": "as recorded in the imported file", "witnesses": "[]",
                            "drawn_at": stamp, "recorded_by": actor})
                        result = self.result(ward_id)
                if result.errors:
                    e = result.errors[0]
                    raise ElectionFileError(f"ward {ws.name}: {e.code} {e.message}")

    # -------------------------------------------------------------- keyings
    def _require_open(self, w: WardInfo) -> None:
        if w.declared_at:
            raise StoreError(f"{w.name} was declared at {w.declared_at}; its figures are locked")

    def _sheet(self, ward_id: int, sheet: str | None) -> tuple[int, SheetInput]:
        round_id, number = self.current_round(ward_id)
        sheets = self.sheet_inputs(round_id)
        if not sheets:
            raise StoreError(f"round {number} of this ward has no count sheets (an uncontested ward "
                             "has no count)")
        if sheet is None:
            if len(sheets) > 1:
                names = ", ".join(s.name for _, s in sheets)
                raise StoreError(f"this ward has {len(sheets)} count sheets ({names}); "
                                 "say which sheet (--sheet NAME)")
            return sheets[0]
        for sid, s in sheets:
            if fold(s.name) == fold(sheet):
                return sid, s
        names = ", ".join(s.name for _, s in sheets)
        raise StoreError(f"no count sheet called {sheet!r} in round {number}; the sheets are: {names}")

    def _keyable(self, ward_id: int, slot: str, sheet: str | None
                 ) -> tuple[WardInfo, int, SheetInput]:
        """The ward and sheet, once the state machine allows keying ``slot`` on it."""
        if slot not in ("first", "second"):
            raise StoreError(f"keying must be 'first' or 'second', not {slot!r}")
        w = self.ward(ward_id)
        self._require_open(w)
        el = self.election()
        sheet_id, sheet_in = self._sheet(w.id, sheet)
        status = sheet_status(sheet_in, el.double_entry)
        try:
            check_transition(status, slot, el.double_entry)
        except EntryRefused as exc:
            raise StoreError(str(exc)) from None
        return w, sheet_id, sheet_in

    # Draft values: each figure is saved durably the moment it is keyed.
    def save_draft(self, ward_id: int, slot: str, field_name: str, raw: object, *,
                   sheet: str | None = None, operator: str | None = None) -> int | None:
        """Save one keyed value of an unfinished keying. Empty text clears the field.

        Returns the value stored (None when cleared). Bad values are refused
        with the core's code and change nothing."""
        w, sheet_id, sheet_in = self._keyable(ward_id, slot, sheet)
        cands = self.candidates(w.id)
        allowed = {f"votes:{c.id}" for c in cands} | {f"rejected:{h}" for h in REJECTED_FIELDS}
        allowed.add("papers")
        if field_name not in allowed:
            raise StoreError(f"{field_name!r} is not a figure of this sheet")
        label = field_label(field_name, cands)
        value: int | None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            value = None
        else:
            try:
                value = parse_figure(raw, label[0].upper() + label[1:])
            except FigureError as exc:
                raise StoreError(f"{exc.code}: {exc.message}") from None
        op = _text(operator, "the operator's name", required=False) or None
        if self._drafts(sheet_id, slot).get(field_name) == value:
            return value  # unchanged: nothing to record
        with self._change(f"{slot} keying: value", op, w.id,
                          {"ward": w.name, "sheet": sheet_in.name, "field": field_name}) as ch:
            self._insert(ch, "draft_values", {
                "sheet_id": sheet_id, "slot": slot, "field": field_name, "value": value,
                "operator": op, "entered_at": now()})
        return value

    def drafts(self, ward_id: int, slot: str, *, sheet: str | None = None) -> dict[str, int | None]:
        """The unfinished keying's values (since the last finished keying of that slot)."""
        sheet_id, _ = self._sheet(ward_id, sheet)
        return self._drafts(sheet_id, slot)

    def _drafts(self, sheet_id: int, slot: str) -> dict[str, int | None]:
        upto = self.conn.execute(
            "SELECT COALESCE(MAX(draft_upto), 0) FROM keyings WHERE sheet_id = ? AND slot = ?",
            (sheet_id, slot)).fetchone()[0]
        out: dict[str, int | None] = {}
        for field_name, value in self.conn.execute(
                "SELECT field, value FROM draft_values WHERE sheet_id = ? AND slot = ? AND id > ? "
                "ORDER BY id", (sheet_id, slot, upto)):
            out[field_name] = value
        return {k: v for k, v in out.items() if v is not None}

    def finish_keying(self, ward_id: int, slot: str, *, sheet: str | None = None,
                      operator: str | None = None) -> WardResult:
        """Turn the saved draft values into a finished keying of the sheet."""
        w, sheet_id, sheet_in = self._keyable(ward_id, slot, sheet)
        values = self._drafts(sheet_id, slot)
        votes = {int(k.split(":", 1)[1]): v for k, v in values.items() if k.startswith("votes:")}
        rejected = {k.split(":", 1)[1]: v for k, v in values.items() if k.startswith("rejected:")}
        upto = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM draft_values WHERE sheet_id = ? "
                                 "AND slot = ?", (sheet_id, slot)).fetchone()[0]
        return self.enter_keying(w.id, slot, votes, rejected=rejected, papers=values.get("papers"),
                                 sheet=sheet_in.name, operator=operator, draft_upto=upto)

    def enter_keying(self, ward_id: int, slot: str, votes: Mapping[int, object], *,
                     rejected: Mapping[str, object] | None = None, papers: object | None = None,
                     sheet: str | None = None, operator: str | None = None,
                     draft_upto: int | None = None) -> WardResult:
        """Record one operator's complete keying of a count sheet."""
        w, sheet_id, sheet_in = self._keyable(ward_id, slot, sheet)
        cands = self.candidates(w.id)
        try:
            values = build_keying_values(cands, votes, rejected, papers)
        except FigureError as exc:
            raise StoreError(f"{exc.code}: {exc.message}") from None
        op = _text(operator, "the operator's name", required=False) or None
        other = sheet_in.second if slot == "first" else sheet_in.first
        if op and other is not None and other.operator and fold(other.operator) == fold(op):
            raise StoreError(f"the {slot} keying must be by a different operator from the "
                             f"{'second' if slot == 'first' else 'first'} ({other.operator})")
        with self._change(f"{slot} keying", op, w.id,
                          {"ward": w.name, "sheet": sheet_in.name}) as ch:
            self._insert(ch, "keyings", {"sheet_id": sheet_id, "slot": slot, "vals": canonical(values),
                                         "operator": op, "entered_at": now(),
                                         "draft_upto": draft_upto})
            if not w.candidates_locked:
                self._update(ch, "wards", w.id, {"candidates_locked": 1})
        return self.result(w.id)

    def accept_keying(self, ward_id: int, slot: str, *, sheet: str | None = None,
                      by: str | None = None) -> WardResult:
        """The supervisor accepts one of two differing keyings."""
        w = self.ward(ward_id)
        self._require_open(w)
        el = self.election()
        sheet_id, sheet_in = self._sheet(w.id, sheet)
        status = sheet_status(sheet_in, el.double_entry)
        try:
            check_transition(status, f"accept_{slot}", el.double_entry)
        except EntryRefused as exc:
            raise StoreError(str(exc)) from None
        assert sheet_in.first is not None and sheet_in.second is not None
        self._require_ro(f"accepting the {slot} keying over the other for {w.name}", by)
        with self._change(f"accept {slot} keying", by, w.id,
                          {"ward": w.name, "sheet": sheet_in.name,
                           "differences": list(status.differences)}) as ch:
            self._insert(ch, "resolutions", {
                "sheet_id": sheet_id, "accepted_slot": slot,
                "first_keying_id": sheet_in.first.id, "second_keying_id": sheet_in.second.id,
                "by": by, "at": now()})
        return self.result(w.id)

    def add_sheet(self, ward_id: int, name: str, *, actor: str | None = None) -> None:
        w = self.ward(ward_id)
        self._require_open(w)
        name = _text(name, "the sheet name", max_len=60)
        round_id, number = self.current_round(w.id)
        sheets = self.sheet_inputs(round_id)
        if any(fold(s.name) == fold(name) for _, s in sheets):
            raise StoreError(f"round {number} of {w.name} already has a sheet called {name!r}")
        if any(sheet_status(s, True).state is SheetState.ACCEPTED and s.imported for _, s in sheets):
            raise StoreError(f"{w.name}'s figures were imported; a recount opens a new round")
        if len(self.candidates(w.id)) <= w.seats:
            raise StoreError(f"{w.name} is uncontested: there is no count")
        with self._change("add count sheet", actor, w.id, {"ward": w.name, "sheet": name}) as ch:
            self._insert(ch, "sheets", {"round_id": round_id, "position": len(sheets) + 1,
                                        "name": name})

    # ------------------------------------------------------ lots and others
    def record_lot(self, ward_id: int, winner_id: int, method: str, witnesses: Sequence[str] = (),
                   *, by: str | None = None) -> WardResult:
        w = self.ward(ward_id)
        self._require_open(w)
        result = self.result(w.id)
        if result.status is not Status.LOT_REQUIRED or result.tie is None:
            raise StoreError(f"{w.name} has no equality of votes to decide by lot "
                             f"(status: {result.status.value.replace('_', ' ')})")
        tie = result.tie
        if winner_id not in tie.candidate_ids:
            names = "; ".join(f"{r.candidate.id} {r.candidate.ballot_name} ({r.candidate.party})"
                              for r in result.candidates if r.candidate.id in tie.candidate_ids)
            raise StoreError(f"candidate {winner_id} is not in the tie; the tied candidates are: {names}")
        method = _text(method, "the method of drawing lots")
        wits = [_text(x, "a witness's name") for x in witnesses]
        round_id, _ = self.current_round(w.id)
        winner = result.row(winner_id).candidate
        self._require_ro(f"recording the drawing of lots in {w.name}", by)
        with self._change("record drawing of lots", by, w.id,
                          {"ward": w.name, "winner": winner.ballot_name, "tie_votes": tie.votes,
                           "seats_at_stake": tie.seats}) as ch:
            self._insert(ch, "lots", {
                "round_id": round_id, "winner_id": winner_id,
                "tied_ids": canonical(list(tie.candidate_ids)), "method": method,
                "witnesses": canonical(wits), "drawn_at": now(), "recorded_by": by})
        return self.result(w.id)

    def acknowledge(self, ward_id: int, code: str, *, by: str | None = None) -> WardResult:
        w = self.ward(ward_id)
        self._require_open(w)
        result = self.result(w.id)
        code = code.strip().upper()
        match = [x for x in result.warnings if x.code == code]
        if not match:
            shown = ", ".join(x.code for x in result.warnings) or "none"
            raise StoreError(f"{w.name} has no warning {code} to acknowledge (warnings: {shown})")
        if match[0].acknowledged:
            raise StoreError(f"warning {code} is already acknowledged for {w.name}")
        round_id, _ = self.current_round(w.id)
        with self._change("acknowledge warning", by, w.id,
                          {"ward": w.name, "code": code, "message": match[0].message}) as ch:
            self._insert(ch, "acknowledgements", {"round_id": round_id, "code": code, "by": by,
                                                  "at": now()})
        return self.result(w.id)

    def request_recount(self, ward_id: int, requested_by: str, *, granted: bool, reason: str = "",
                        decided_by: str | None = None) -> WardResult:
        """Record a recount request; a granted one opens a new round keyed like the first."""
        w = self.ward(ward_id)
        self._require_open(w)
        result = self.result(w.id)
        if result.status is Status.UNCONTESTED:
            raise StoreError(f"{w.name} is uncontested: there is no count to recount")
        if result.status is Status.INCOMPLETE and granted:
            raise StoreError(f"{w.name}'s count is not complete yet; finish it before a recount")
        requested_by = _text(requested_by, "who asked for the recount")
        reason = _text(reason, "the reason", required=False, max_len=500)
        round_id, number = self.current_round(w.id)
        with self._change("recount granted" if granted else "recount refused", decided_by, w.id,
                          {"ward": w.name, "round": number}) as ch:
            self._insert(ch, "recount_requests", {
                "ward_id": w.id, "round_id": round_id, "requested_by": requested_by,
                "granted": int(granted), "reason": reason, "decided_by": decided_by, "at": now()})
            if granted:
                new_round = self._insert(ch, "rounds", {
                    "ward_id": w.id, "number": number + 1, "opened_at": now(),
                    "reason": reason or "recount", "requested_by": requested_by})
                names = [s.name for _, s in self.sheet_inputs(round_id) if s.imported is None]
                for pos, name in enumerate(names or ["Main count"], 1):
                    self._insert(ch, "sheets", {"round_id": new_round, "position": pos,
                                                "name": name})
        return self.result(w.id)

    def declare(self, ward_id: int, *, by: str | None = None) -> WardResult:
        """Mark the ward declared and lock it. Refused unless the result is ready
        and every warning is acknowledged."""
        w = self.ward(ward_id)
        self._require_open(w)
        result = self.result(w.id)
        if result.status is not Status.READY and result.status is not Status.UNCONTESTED:
            raise StoreError(f"{w.name} cannot be declared: its status is "
                             f"{result.status.value.replace('_', ' ')}")
        if result.unacknowledged:
            codes = ", ".join(f"{x.code} ({x.message})" for x in result.unacknowledged)
            raise StoreError(f"{w.name} cannot be declared until these warnings are acknowledged: {codes}")
        self._require_ro(f"declaring the result of {w.name}", by)
        with self._change("declare", by, w.id, {"ward": w.name, "elected": list(result.elected)}) as ch:
            self._update(ch, "wards", w.id, {"declared_at": now(), "declared_by": by,
                                             "candidates_locked": 1})
        return self.result(w.id)

    def any_declared(self) -> bool:
        return bool(self.conn.execute(
            "SELECT COUNT(*) FROM wards WHERE declared_at IS NOT NULL").fetchone()[0] > 0)

    # --------------------------------------------------------------- access
    def passphrase_set(self) -> bool:
        """The returning officer has set a passphrase (without one, every action is allowed)."""
        return self._passphrase() is not None

    def _passphrase(self) -> access.PassphraseHash | None:
        row = self.conn.execute(
            "SELECT hash, salt, n, r, p FROM passphrases WHERE role = ? ORDER BY id DESC LIMIT 1",
            (access.ROLE_RO,)).fetchone()
        return None if row is None else access.PassphraseHash(*row)

    def failed_tries(self) -> tuple[int, str | None]:
        """Wrong passphrases in a row (since the last right one), and when the last was."""
        last_ok = self.conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM passphrase_attempts WHERE ok = 1").fetchone()[0]
        row = self.conn.execute(
            "SELECT COUNT(*), MAX(at) FROM passphrase_attempts WHERE ok = 0 AND id > ?",
            (last_ok,)).fetchone()
        return int(row[0]), row[1]

    def wait_before_next_try(self) -> int:
        """Seconds to wait before the passphrase may be tried again (0: now)."""
        failures, last = self.failed_tries()
        delay = access.backoff_seconds(failures)
        if not delay or last is None:
            return 0
        elapsed = (_clock() - _parse_time(last)).total_seconds()
        return max(0, int(delay - elapsed + 0.999))

    def check_passphrase(self, passphrase: str, *, action: str, actor: str | None = None) -> None:
        """Check the returning officer's passphrase for ``action``; a wrong one is recorded
        (and audited) and counts towards the back-off. Raises :class:`AccessDenied`."""
        stored = self._passphrase()
        if stored is None:
            return
        self._require_writable()
        wait = self.wait_before_next_try()
        if wait:
            failures, _ = self.failed_tries()
            raise AccessDenied(f"{failures} wrong passphrases in a row: wait {_duration(wait)} before "
                               "trying again; nothing was changed")
        if access.matches(passphrase, stored):
            failures, _ = self.failed_tries()
            if failures:
                with self._change("passphrase accepted", actor, details={"for": action,
                                                                        "after_wrong_tries": failures}) as ch:
                    self._insert(ch, "passphrase_attempts", {"ok": 1, "action": action, "actor": actor,
                                                            "at": now()})
            return
        with self._change("wrong passphrase", actor, details={"for": action}) as ch:
            self._insert(ch, "passphrase_attempts", {"ok": 0, "action": action, "actor": actor,
                                                    "at": now()})
        failures, _ = self.failed_tries()
        left = access.FREE_TRIES - failures
        if left > 0:
            more = f"{left} more tr{'y' if left == 1 else 'ies'} before a wait"
        else:
            more = f"wait {_duration(access.backoff_seconds(failures))} before trying again"
        raise AccessDenied(f"wrong passphrase for {action} ({more}); nothing was changed")

    @contextmanager
    def as_returning_officer(self, passphrase: str | None, *,
                             actor: str | None = None) -> Iterator[None]:
        """Actions inside the block are authorised by the returning officer's passphrase
        (checked once, here). With no passphrase set, this changes nothing."""
        if self.passphrase_set():
            if passphrase is None:
                raise AccessDenied("this needs the returning officer's passphrase")
            self.check_passphrase(passphrase, action="returning officer's actions", actor=actor)
        previous = self._ro_granted
        self._ro_granted = True
        try:
            yield
        finally:
            self._ro_granted = previous

    def _require_ro(self, action: str, actor: str | None = None) -> None:
        """Refuse ``action`` unless the returning officer's passphrase is given (or none is set).

        Call it before the change's transaction: it may ask (the desktop app's
        prompt) and it records a wrong passphrase in a transaction of its own."""
        if not self.passphrase_set():
            return
        if not self._ro_granted:
            offered = access.offered()
            if offered is None and self.passphrase_prompt is not None:
                offered = self.passphrase_prompt(action)
                if offered is None:
                    raise AccessDenied(f"{action[0].upper()}{action[1:]} needs the returning officer's "
                                       "passphrase; nothing was changed")
            if offered is None:
                raise AccessDenied(f"{action[0].upper()}{action[1:]} needs the returning officer's "
                                   "passphrase (on the command line: --ro-passphrase-file FILE); nothing was "
                                   "changed")
            self.check_passphrase(offered, action=action, actor=actor)
        self._ro_used = True

    def set_passphrase(self, new: str, *, old: str | None = None, by: str | None = None) -> None:
        """Set the returning officer's passphrase; changing it needs the current one."""
        try:
            new = access.check_new(new)
        except ValueError as exc:
            raise StoreError(f"{exc}; nothing was changed") from None
        self._require_writable()
        changing = self.passphrase_set()
        if changing:
            if old is None:
                raise AccessDenied("a passphrase is already set: changing it needs the current one "
                                   "(--old-passphrase-file FILE); nothing was changed")
            self.check_passphrase(old, action="changing the passphrase", actor=by)
        hashed = access.hash_passphrase(new)
        with self._change("change passphrase" if changing else "set passphrase", by) as ch:
            self._insert(ch, "passphrases", {
                "role": access.ROLE_RO, "hash": hashed.hash, "salt": hashed.salt, "n": hashed.n,
                "r": hashed.r, "p": hashed.p, "set_at": now(), "set_by": by})

    def record_key_event(self, what: str, details: Mapping[str, Any], *, by: str | None = None) -> None:
        """Key management (a signing key made or chosen): needs the returning officer's
        passphrase, and goes into the audit log."""
        what = _text(what, "the key event")
        self._require_ro(what, by)
        with self._change(what, by, details=dict(details)):
            pass

    # ----------------------------------------------------------- corrections
    def corrections(self, ward_id: int) -> list[CorrectionInfo]:
        return [CorrectionInfo(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), r[5], r[6], r[7])
                for r in self.conn.execute(
                    "SELECT id, ward_id, round_id, vals, previous, reason, by, at FROM corrections "
                    "WHERE ward_id = ? ORDER BY id", (ward_id,))]

    def declared_result(self, ward_id: int) -> WardResult:
        """The result as first declared, before any correction (the original stays on record)."""
        return compute_result(self.ward_input(ward_id, corrected=False))

    def correct_declaration(self, ward_id: int, votes: Mapping[int, object], *, reason: str,
                            rejected: Mapping[str, object] | None = None, papers: object | None = None,
                            by: str | None = None) -> WardResult:
        """Correct a declared ward's figures: the only change a declared ward allows.

        Needs the returning officer's passphrase and a reason. ``votes`` (and
        ``rejected``, ``papers``) give the corrected figures; figures not given keep
        their declared value. The corrected result must have no blocking error and
        any lot drawn must still decide a tie. The declared figures stay on record
        (:meth:`declared_result`, the audit log)."""
        w = self.ward(ward_id)
        if not w.declared_at:
            raise StoreError(f"{w.name} has not been declared: change its figures by keying (a "
                             "correction is only for a declared result)")
        reason = _text(reason, "the reason for the correction", max_len=500)
        by = _text(by, "who makes the correction", required=False) or None
        current = self.result(w.id)
        round_id, _ = self.current_round(w.id)
        if current.ballot_papers_counted is None and not any(r.votes for r in current.candidates):
            raise StoreError(f"{w.name} was elected unopposed: there are no figures to correct")
        previous: dict[str, Any] = {f"votes:{r.candidate.id}": r.votes for r in current.candidates}
        for head, n in current.rejected.items():
            if head != "total":
                previous[f"rejected:{head}"] = n
        if current.papers_source == "counted" and current.ballot_papers_counted is not None:
            previous["papers"] = current.ballot_papers_counted
        cands = self.candidates(w.id)
        known = {c.id for c in cands}
        for cid in votes:
            if cid not in known:
                raise StoreError(f"there is no candidate with id {cid} in {w.name}")
        all_votes = {c.id: votes.get(c.id, previous.get(f"votes:{c.id}")) for c in cands}
        all_rejected = {k.split(":", 1)[1]: v for k, v in previous.items() if k.startswith("rejected:")}
        all_rejected.update(rejected or {})
        try:
            values = build_keying_values(cands, all_votes, all_rejected,
                                         papers if papers is not None else previous.get("papers"))
        except FigureError as exc:
            raise StoreError(f"{exc.code}: {exc.message}") from None
        if values == {k: v for k, v in previous.items() if v is not None}:
            raise StoreError(f"these are the figures already declared for {w.name}: nothing to correct")
        trial = self.ward_input(w.id)
        sheet = SheetInput("Correction", imported=Keying(0, "import", values, by))
        trial_result = compute_result(
            WardInput(name=trial.name, seats=trial.seats, candidates=trial.candidates,
                      electorate=trial.electorate, ballot_papers_verified=trial.ballot_papers_verified,
                      double_entry=trial.double_entry, sheets=(sheet,), lots=trial.lots,
                      acknowledged=trial.acknowledged, declared=True, round_number=trial.round_number))
        if trial_result.errors:
            e = trial_result.errors[0]
            raise StoreError(f"the corrected figures cannot stand: {e.code} {e.message}")
        if trial_result.status is not Status.DECLARED:
            raise StoreError("the corrected figures make an equality of votes for the last seat, "
                             "which a correction cannot decide; nothing was changed")
        self._require_ro(f"correcting the declared result of {w.name}", by)
        changed = {k: [previous.get(k), v] for k, v in values.items() if previous.get(k) != v}
        with self._change("correct declaration", by, w.id,
                          {"ward": w.name, "reason": reason, "changed": changed,
                           "elected_before": list(current.elected),
                           "elected_after": list(trial_result.elected)}) as ch:
            self._insert(ch, "corrections", {
                "ward_id": w.id, "round_id": round_id, "vals": canonical(values),
                "previous": canonical(previous), "reason": reason, "by": by, "at": now()})
        return self.result(w.id)

    # ----------------------------------------------------------------- audit
    def audit_records(self) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT seq, at, actor, action, ward_id, details, changes, prev_hash, hash FROM audit "
            "ORDER BY seq")
        return [dict(zip(["seq", "at", "actor", "action", "ward_id", "details", "changes",
                          "prev_hash", "hash"], r, strict=True)) for r in cur]

    def verify_audit(self) -> list[str]:
        """Problems found, first one first; empty when the chain holds and every
        stored row is exactly what the log says was written."""
        problems: list[str] = []
        prev = GENESIS
        expected: dict[tuple[str, int], dict[str, Any] | None] = {}
        for i, rec in enumerate(self.audit_records(), 1):
            seq = rec["seq"]
            if seq != i:
                problems.append(f"audit record {i} is missing (next record is {seq})")
                break
            if rec["prev_hash"] != prev:
                problems.append(f"audit record {seq} ({rec['action']}) does not follow record "
                                f"{seq - 1}: the chain is broken")
                break
            try:
                details = json.loads(rec["details"])
                changes = json.loads(rec["changes"])
            except (TypeError, ValueError):
                problems.append(f"audit record {seq} ({rec['action']}) is unreadable")
                break
            body = {"seq": seq, "at": rec["at"], "actor": rec["actor"], "action": rec["action"],
                    "ward_id": rec["ward_id"], "details": details, "changes": changes}
            if chain_hash(prev, body) != rec["hash"]:
                problems.append(f"audit record {seq} ({rec['action']}, {rec['at']}) has been altered: "
                                "its hash does not match its contents")
                break
            prev = rec["hash"]
            for item in changes:
                expected[(item["table"], item["id"])] = item["row"]
        if problems:
            return problems
        if prev == GENESIS and self.has_election():
            return ["audit record 1 is missing: the log is empty but the store holds an election"]
        actual: dict[tuple[str, int], dict[str, Any]] = {}
        for table in AUDITED_TABLES:
            cur = self.conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cur.description][1:]
            for r in cur:
                actual[(table, r[0])] = dict(zip(names, r[1:], strict=True))
        for key, row in actual.items():
            want = expected.get(key)
            if want is None:
                problems.append(f"{key[0]} row {key[1]} is not in the audit log (added behind "
                                "countdesk's back)")
                continue
            for col in row:
                if row[col] != want.get(col):
                    problems.append(f"{key[0]} row {key[1]}{self._context(key[0], row)}: "
                                    + _difference(col, row[col], want.get(col)))
                    break
        for key, want in expected.items():
            if want is not None and key not in actual:
                problems.append(f"{key[0]} row {key[1]} is missing (deleted behind countdesk's back)")
        return problems

    def _context(self, table: str, row: Mapping[str, Any]) -> str:
        """Where a row belongs, in the user's words (ward and sheet)."""
        try:
            if table == "keyings":
                r = self.conn.execute(
                    "SELECT w.name, s.name, ro.number FROM sheets s "
                    "JOIN rounds ro ON ro.id = s.round_id JOIN wards w ON w.id = ro.ward_id "
                    "WHERE s.id = ?", (row["sheet_id"],)).fetchone()
                if r:
                    return f" ({r[0]}, round {r[2]}, sheet {r[1]!r}, {row['slot']} keying)"
            if table in ("candidates", "recount_requests") and "ward_id" in row:
                r = self.conn.execute("SELECT name FROM wards WHERE id = ?", (row["ward_id"],)).fetchone()
                if r:
                    return f" ({r[0]})"
            if table == "wards":
                return f" ({row.get('name')})"
        except sqlite3.Error:
            pass
        return ""


def _difference(col: str, have: object, want: object) -> str:
    """Name the changed field; inside a JSON column, name the key that changed."""
    if isinstance(have, str) and isinstance(want, str):
        try:
            a, b = json.loads(have), json.loads(want)
        except ValueError:
            a = b = None
        if isinstance(a, dict) and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k):
                    return f"{k} is {_short(a.get(k))} but the audit log says {_short(b.get(k))}"
    return f"{col} is {_short(have)} but the audit log says {_short(want)}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _write_problem(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("full", "disk i/o", "readonly", "read-only", "locked", "busy",
                                   "unable to open"))


def _write_error(path: Path, exc: sqlite3.OperationalError) -> StoreError:
    """A failed write, in the user's words. SQLite rolled it back: nothing was saved."""
    text = str(exc).lower()
    if "full" in text:
        return StoreError(f"the disk holding {path} is full: nothing was saved and the store is "
                          "unchanged. Free some space (or move the store) and do it again")
    if "disk i/o" in text:
        return StoreError(f"{path} could not be written (disk I/O error): nothing was saved. Check "
                          "the drive; if it was unplugged, plug it back in and do it again")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreReadOnly(f"{path} cannot be written (read-only file, folder or drive): nothing "
                             "was saved. Copy it somewhere writable to make changes")
    return StoreError(f"{path} is busy in another program; nothing was saved, try again")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}") from None
    if len(head) == 0:
        raise StoreError(f"{path} is empty, not a countdesk store")
    if head != b"SQLite format 3\x00":
        raise StoreError(f"{path} is not a countdesk store (it is not an SQLite database)")


def _text(value: str | None, what: str, *, required: bool = True, max_len: int = 200) -> str:
    try:
        return clean_text(value, what, required=required, max_len=max_len)
    except ElectionFileError as exc:
        raise StoreError(str(exc)) from None
