"""The audit log: read it, and check it against the tables.

Every change appends one record that carries the rows it wrote, hash-chained to
the one before; :func:`verify_audit` replays the chain and compares every
audited table with what the log says was written, naming the first altered
record or figure in the user's words (ward, sheet, candidate field).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from countdesk.store.schema import AUDITED_TABLES

if TYPE_CHECKING:
    from countdesk.store.db import Store

GENESIS = "0" * 64


def canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    import hashlib  # noqa: PLC0415

    return hashlib.sha256((prev_hash + canonical(record)).encode("utf-8")).hexdigest()


def audit_records(store: Store, actions: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The audit log in order; with ``actions``, only the records of those actions."""
    where = f" WHERE action IN ({', '.join('?' * len(actions))})" if actions else ""
    cur = store.conn.execute(
        "SELECT seq, at, actor, action, ward_id, details, changes, prev_hash, hash FROM audit"
        f"{where} ORDER BY seq", actions)
    return [dict(zip(["seq", "at", "actor", "action", "ward_id", "details", "changes",
                      "prev_hash", "hash"], r, strict=True)) for r in cur]


def verify_audit(store: Store) -> list[str]:
    """Problems found, first one first; empty when the chain holds and every
    stored row is exactly what the log says was written."""
    problems: list[str] = []
    prev = GENESIS
    expected: dict[tuple[str, int], dict[str, Any] | None] = {}
    for i, rec in enumerate(audit_records(store), 1):
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
    problems.extend(schema_problems(store))
    if prev == GENESIS and store.has_election():
        return ["audit record 1 is missing: the log is empty but the store holds an election"]
    actual: dict[tuple[str, int], dict[str, Any]] = {}
    for table in AUDITED_TABLES:
        cur = store.conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
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
                problems.append(f"{key[0]} row {key[1]}{_context(store, key[0], row)}: "
                                + _difference(col, row[col], want.get(col)))
                break
    for key, want in expected.items():
        if want is not None and key not in actual:
            problems.append(f"{key[0]} row {key[1]} is missing (deleted behind countdesk's back)")
    return problems


def _context(store: Store, table: str, row: Mapping[str, Any]) -> str:
    """Where a row belongs, in the user's words (ward and sheet)."""
    try:
        if table == "keyings":
            r = store.conn.execute(
                "SELECT w.name, s.name, ro.number FROM sheets s "
                "JOIN rounds ro ON ro.id = s.round_id JOIN wards w ON w.id = ro.ward_id "
                "WHERE s.id = ?", (row["sheet_id"],)).fetchone()
            if r:
                return f" ({r[0]}, round {r[2]}, sheet {r[1]!r}, {row['slot']} keying)"
        if table in ("candidates", "recount_requests") and "ward_id" in row:
            r = store.conn.execute("SELECT name FROM wards WHERE id = ?", (row["ward_id"],)).fetchone()
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


#: Tables whose rows are never updated or deleted (their triggers refuse it).
APPEND_ONLY = ("audit", "keyings", "lots", "resolutions", "acknowledgements", "recount_requests",
               "draft_values", "verification_statements", "passphrases", "passphrase_attempts",
               "corrections", "provisional", "countermands", "error_reports")


#: Unique indexes that keep the count's identities single (a second ward of the same name, a
#: second round 2, two sheets of one name, two countermands of one ward).
UNIQUE_INDEXES = {"wards_name": "ward names", "rounds_number": "round numbers",
                  "sheets_name": "sheet names", "countermands_ward": "a ward's countermand"}


def schema_problems(store: Store) -> list[str]:
    """The append-only triggers must all be there: dropping one is how a row is changed
    behind countdesk's back."""
    indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    out_indexes = [f"the safeguard that keeps {what} unique ({name}) has been removed behind "
                   "countdesk's back" for name, what in UNIQUE_INDEXES.items() if name not in indexes]
    have = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out = list(out_indexes)
    for table in APPEND_ONLY:
        if table not in tables:
            continue
        for op in ("update", "delete"):
            if f"{table}_no_{op}" not in have:
                out.append(f"the safeguard that stops {table} rows being {op}d "
                           f"({table}_no_{op}) has been removed behind countdesk's back")
    return out
