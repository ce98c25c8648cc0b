"""The store: durable, audited, one transaction per change."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countdesk.app import AppError, Desk
from countdesk.store import Store
from countdesk.store.db import GENESIS, canonical, chain_hash
from countdesk.store.schema import SCHEMA_VERSION
from helpers import db_fingerprint


def test_pragmas_are_set(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        c = store.conn
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_saved_keying_is_visible_to_another_connection_at_once(sample_db: Path) -> None:
    with Desk.open(sample_db) as store:
        ward = store.ward("Old Town")
        votes = {c.id: 100 + i for i, c in enumerate(store.candidates(ward.id))}
        store.enter_keying(ward.id, "first", votes, papers=1000, operator="Op 1")
        # no close, no checkpoint: a separate reader must already see it
        other = sqlite3.connect(sample_db)
        rows = other.execute("SELECT slot, operator FROM keyings WHERE slot = 'first'").fetchall()
        other.close()
        assert rows == [("first", "Op 1")]


def test_each_change_carries_its_audit_record_in_the_same_transaction(sample_db: Path) -> None:
    with Desk.open(sample_db) as store:
        ward = store.ward("Old Town")
        n = len(store.audit_records())
        votes = {c.id: 100 for c in store.candidates(ward.id)}
        votes[next(iter(votes))] = -1
        with pytest.raises(AppError):
            store.enter_keying(ward.id, "first", votes, papers=1000)
        assert len(store.audit_records()) == n
        votes = {c.id: 100 + i for i, c in enumerate(store.candidates(ward.id))}
        store.enter_keying(ward.id, "first", votes, papers=1000, operator="Op")
        recs = store.audit_records()
        assert len(recs) == n + 1
        last = recs[-1]
        assert last["action"] == "first keying" and last["actor"] == "Op"
        changes = json.loads(last["changes"])
        assert {c["table"] for c in changes} == {"keyings", "wards"}  # the candidate list locks too
        assert store.ward("Old Town").candidates_locked


def test_append_only_tables_refuse_updates(sample_db: Path) -> None:
    conn = sqlite3.connect(sample_db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM keyings")
    conn.close()


def test_declared_ward_is_locked(demo_db: Path) -> None:
    with Desk.open(demo_db) as store:
        ward = store.ward("Nonsuch")
        with pytest.raises(AppError, match="provisional") as info:
            store.declare(ward.id)
        assert info.value.code == "F005"
        r = store.result(ward.id)
        assert r.tie is not None
        with pytest.raises(AppError, match="provisional"):
            store.record_lot(ward.id, r.tie.candidate_ids[1], "coin toss", ["Agent"])
        store.show_provisional(ward.id, by="RO")
        with pytest.raises(AppError, match="lots must be drawn") as info:
            store.declare(ward.id)
        assert info.value.code == "F006"
        store.record_lot(ward.id, r.tie.candidate_ids[1], "coin toss", ["Agent"])
        with pytest.raises(AppError, match="acknowledged") as info:
            store.declare(ward.id)
        assert info.value.code == "F008"
        store.acknowledge(ward.id, "W002", by="RO", explanation="checked")
        r = store.declare(ward.id, by="RO")
        assert r.status.value == "declared"
        before = db_fingerprint(demo_db)
        for attempt in (lambda: store.request_recount(ward.id, "Agent", granted=True),
                        lambda: store.acknowledge(ward.id, "W002", by="RO", explanation="checked"),
                        lambda: store.show_provisional(ward.id),
                        lambda: store.countermand(ward.id, "death of a candidate"),
                        lambda: store.declare(ward.id)):
            with pytest.raises(AppError, match="declared") as info:
                attempt()
            assert info.value.code == "F001"
        assert db_fingerprint(demo_db) == before
        assert store.verify_audit() == []


def test_migration_copies_the_file_first(tmp_path: Path, demo_db: Path) -> None:
    # a store from before any migration: remove the record of the applied migration
    conn = sqlite3.connect(demo_db)
    conn.execute("DELETE FROM _sqlite_migrations")
    conn.commit()
    conn.close()
    with pytest.raises(sqlite3.OperationalError):
        Store.open(demo_db)  # the migration re-runs and fails (tables exist): rolled back whole
    assert any("pre-migration" in p.name for p in demo_db.parent.iterdir())


TAMPERING = ["edit actor", "edit time", "edit action", "edit ward", "edit details", "edit changes",
             "edit prev_hash", "edit hash", "delete", "delete the last", "insert", "append", "swap two",
             "edit a figure and re-hash the rest of the chain"]


def tamper(work: Path, recs: list[dict[str, Any]], seq: int, how: str) -> None:
    """Change audit record ``seq`` of the store at ``work`` in the way ``how`` names."""
    conn = sqlite3.connect(work)
    conn.executescript("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
    column = {"edit actor": ("actor", "'mallory'"), "edit time": ("at", "'2026-01-01T00:00:00Z'"),
              "edit action": ("action", "action || ' (edited)'"), "edit ward": ("ward_id", "COALESCE(ward_id, 0) + 1"),
              "edit details": ("details", "'{}'"), "edit prev_hash": ("prev_hash", "'" + "0" * 64 + "'"),
              "edit hash": ("hash", "'" + "f" * 64 + "'")}
    if how in column:
        col, value = column[how]
        if how == "edit prev_hash" and seq == 1:
            value = "'" + "1" * 64 + "'"
        if how == "edit details" and recs[seq - 1]["details"] == "{}":
            value = "'{\"x\":1}'"
        conn.execute(f"UPDATE audit SET {col} = {value} WHERE seq = ?", (seq,))
    elif how == "edit changes":
        conn.execute("UPDATE audit SET changes = '[]' WHERE seq = ?", (seq,))
        if recs[seq - 1]["changes"] == "[]":
            conn.execute("UPDATE audit SET changes = '[{\"table\":\"x\",\"id\":1,\"row\":null}]' "
                         "WHERE seq = ?", (seq,))
    elif how == "delete":
        conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    elif how == "delete the last":
        conn.execute("DELETE FROM audit WHERE seq = ?", (len(recs),))
    elif how == "swap two":
        other = seq % len(recs) + 1
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = ?", (seq,))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (seq, other))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = -1", (other,))
    elif how in ("insert", "append"):
        # a forged record that hashes correctly on its own, squeezed in (or added at the end)
        at = seq if how == "insert" else len(recs) + 1
        if how == "insert":
            conn.execute("UPDATE audit SET seq = seq + 1000 WHERE seq >= ?", (at,))
            conn.execute("UPDATE audit SET seq = seq - 999 WHERE seq >= 1000")
        prev = recs[at - 2]["hash"] if at > 1 else GENESIS
        body = {"seq": at, "at": "2026-01-01T00:00:00Z", "actor": "mallory", "action": "declare",
                "ward_id": None, "details": {}, "changes": [
                    {"table": "wards", "id": 1, "row": {"declared_at": "2026-01-01T00:00:00Z"}}]}
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?)",
                     (at, body["at"], "mallory", "declare", None, json.dumps(body["changes"]), prev,
                      chain_hash(prev, body)))
    else:
        # a figure edited in the log, and every later hash recomputed so the chain holds:
        # the stored figures no longer match the log
        with_figures = [r for r in recs if '"vals"' in r["changes"]]
        rec = with_figures[seq % len(with_figures)]
        changes = json.loads(rec["changes"])
        for item in changes:
            if item["row"] and "vals" in item["row"]:
                vals = json.loads(item["row"]["vals"])
                key = next(k for k in vals if k.startswith("votes:"))
                vals[key] += 1
                item["row"]["vals"] = json.dumps(vals, sort_keys=True, separators=(",", ":"))
                break
        prev = recs[rec["seq"] - 2]["hash"] if rec["seq"] > 1 else GENESIS
        for r in recs[rec["seq"] - 1:]:
            body = {"seq": r["seq"], "at": r["at"], "actor": r["actor"], "action": r["action"],
                    "ward_id": r["ward_id"], "details": json.loads(r["details"]),
                    "changes": changes if r["seq"] == rec["seq"] else json.loads(r["changes"])}
            digest = chain_hash(prev, body)
            conn.execute("UPDATE audit SET changes = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                         (canonical(body["changes"]), prev, digest, r["seq"]))
            prev = digest
    conn.commit()
    conn.close()


@pytest.fixture(scope="session")
def _tamper_base(tmp_path_factory: pytest.TempPathFactory, _demo_template: Path) -> Path:
    """A log of every kind of action (lots, acknowledgements, recounts, keyings, passphrases,
    a declaration and its correction), made once."""
    work = tmp_path_factory.mktemp("tamper") / "base.db"
    work.write_bytes(_demo_template.read_bytes())
    with Desk.open(work) as store:
        ward = store.ward("Nonsuch")
        r = store.result(ward.id)
        assert r.tie is not None
        store.set_passphrase("correct horse battery", by="RO")
        with store.as_returning_officer("correct horse battery"):
            store.show_provisional(ward.id, by="RO")
            store.record_lot(ward.id, r.tie.candidate_ids[0], "coin", ["A"])
            store.acknowledge(ward.id, "W002", by="RO", explanation="checked")
            store.request_recount(ward.id, "Agent", granted=False, reason="no")
            store.declare(ward.id, by="RO")
            store.report_error(ward.id, "misread", votes={65: 456}, by="RO")
        store.countermand("Cheam", "death of a candidate", by="RO",
                          passphrase="correct horse battery")
        belmont = store.ward("Belmont")
        store.request_recount(belmont.id, "Agent", granted=True, reason="close")
        cands = store.candidates(belmont.id)
        store.enter_keying(belmont.id, "first", {c.id: 300 + i for i, c in enumerate(cands)}, papers=900,
                           operator="A")
        assert store.verify_audit() == []
    return work


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_single_edited_deleted_or_inserted_audit_record_is_detected(
        _tamper_base: Path, tmp_path: Path, data: st.DataObject) -> None:
    """Every kind of change to one audit record is found by ``verify_audit``."""
    work = tmp_path / f"work-{data.draw(st.integers(0, 10**9))}.db"
    work.write_bytes(_tamper_base.read_bytes())
    with Store.open(work, read_only=True) as store:
        recs = store.audit_records()
    seq = data.draw(st.integers(1, len(recs)))
    how = data.draw(st.sampled_from(TAMPERING))
    tamper(work, recs, seq, how)
    with Store.open(work) as store:
        problems = store.verify_audit()
    assert problems, how
    work.unlink()


def test_a_store_from_schema_1_is_migrated_after_a_copy(tmp_path: Path) -> None:
    src = Path(__file__).parent.parent / "fixtures" / "store-v1.db"
    db = tmp_path / "old.db"
    db.write_bytes(src.read_bytes())
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        ward = store.ward("Old Town")
        assert store.result(ward.id).errors[0].code == "E202"  # the v1 first keying is still there
        assert store.verify_audit() == []
    copies = [p for p in tmp_path.iterdir() if "pre-migration" in p.name]
    assert len(copies) == 1 and db_fingerprint(copies[0]) == db_fingerprint(src)


def test_draft_values_survive_a_crash_and_become_the_keying(sample_db: Path) -> None:
    store = Desk.open(sample_db)
    ward = store.ward("Old Town")
    cands = store.candidates(ward.id)
    for i, c in enumerate(cands[:3]):
        store.save_draft(ward.id, "first", f"votes:{c.id}", f" {100 + i} ", operator="Op 1")
    with pytest.raises(AppError, match="negative"):
        store.save_draft(ward.id, "first", f"votes:{cands[3].id}", "-4")
    with pytest.raises(AppError, match="E108"):
        store.save_draft(ward.id, "first", f"votes:{cands[3].id}", "12a")
    # simulate a crash: the connection is dropped without closing
    del store
    store = Desk.open(sample_db)
    drafts = store.drafts(ward.id, "first")
    assert drafts == {f"votes:{c.id}": 100 + i for i, c in enumerate(cands[:3])}
    # the second keying does not see the first one's drafts
    with pytest.raises(AppError, match="no first keying"):
        store.save_draft(ward.id, "second", f"votes:{cands[0].id}", "1")
    with pytest.raises(AppError, match="figures are empty: votes for") as empty:
        store.finish_keying(ward.id, "first", operator="Op 1")
    assert empty.value.code == "E110"
    for i, c in enumerate(cands[3:], 3):
        store.save_draft(ward.id, "first", f"votes:{c.id}", str(100 + i), operator="Op 1")
    store.save_draft(ward.id, "first", "rejected:too_many_votes", "2")
    # empty figures are never taken as 0: the heads not typed, and (Old Town elects three)
    # the papers counted, are named
    with pytest.raises(AppError, match="E110") as empty:
        store.finish_keying(ward.id, "first", operator="Op 1")
    assert "no official mark" in empty.value.sentence and "ballot papers counted" in empty.value.sentence
    assert "too many votes" not in empty.value.sentence
    for head in ("no_official_mark", "identifying_mark", "unmarked_or_void", "rejected_in_part"):
        store.save_draft(ward.id, "first", f"rejected:{head}", "0")
    store.save_draft(ward.id, "first", "papers", "1000")
    store.save_draft(ward.id, "first", "objected", "1")
    r = store.finish_keying(ward.id, "first", operator="Op 1")
    assert r.sheets[0].state.value == "first_entered"
    assert r.errors[0].code == "E202"
    assert store.drafts(ward.id, "first") == {}
    assert store.drafts(ward.id, "second") == {}
    assert store.verify_audit() == []
    store.close()
