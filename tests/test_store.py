"""The store: durable, audited, one transaction per change."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import db_fingerprint
from countdesk.store import Store, StoreError
from countdesk.store.db import GENESIS, chain_hash
from countdesk.store.schema import SCHEMA_VERSION


def test_pragmas_are_set(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        c = store.conn
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_saved_keying_is_visible_to_another_connection_at_once(sample_db: Path) -> None:
    with Store.open(sample_db) as store:
        ward = store.ward("Old Town")
        votes = {c.id: 100 + i for i, c in enumerate(store.candidates(ward.id))}
        store.enter_keying(ward.id, "first", votes, operator="Op 1")
        # no close, no checkpoint: a separate reader must already see it
        other = sqlite3.connect(sample_db)
        rows = other.execute("SELECT slot, operator FROM keyings WHERE slot = 'first'").fetchall()
        other.close()
        assert rows == [("first", "Op 1")]


def test_each_change_carries_its_audit_record_in_the_same_transaction(sample_db: Path) -> None:
    with Store.open(sample_db) as store:
        ward = store.ward("Old Town")
        n = len(store.audit_records())
        votes = {c.id: 100 for c in store.candidates(ward.id)}
        votes[next(iter(votes))] = -1
        with pytest.raises(StoreError):
            store.enter_keying(ward.id, "first", votes)
        assert len(store.audit_records()) == n
        votes = {c.id: 100 + i for i, c in enumerate(store.candidates(ward.id))}
        store.enter_keying(ward.id, "first", votes, operator="Op")
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
    with Store.open(demo_db) as store:
        ward = store.ward("Nonsuch")
        with pytest.raises(StoreError, match="lot required"):
            store.declare(ward.id)
        r = store.result(ward.id)
        assert r.tie is not None
        store.record_lot(ward.id, r.tie.candidate_ids[1], "coin toss", ["Agent"])
        with pytest.raises(StoreError, match="acknowledged"):
            store.declare(ward.id)
        store.acknowledge(ward.id, "W002", by="RO")
        r = store.declare(ward.id, by="RO")
        assert r.status.value == "declared"
        before = db_fingerprint(demo_db)
        with pytest.raises(StoreError, match="declared"):
            store.request_recount(ward.id, "Agent", granted=True)
        with pytest.raises(StoreError, match="declared"):
            store.acknowledge(ward.id, "W002")
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


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_single_edited_deleted_or_inserted_audit_record_is_detected(
        demo_db: Path, data: st.DataObject) -> None:
    work = demo_db.with_name(f"work-{data.draw(st.integers(0, 10**9))}.db")
    work.write_bytes(demo_db.read_bytes())
    with Store.open(work) as store:
        ward = store.ward("Nonsuch")
        r = store.result(ward.id)
        assert r.tie is not None
        store.record_lot(ward.id, r.tie.candidate_ids[0], "coin", ["A"])
        store.acknowledge(ward.id, "W002")
        store.request_recount(ward.id, "Agent", granted=False, reason="no")
        recs = store.audit_records()
    seq = data.draw(st.integers(1, len(recs)))
    how = data.draw(st.sampled_from(["edit actor", "edit changes", "delete", "insert"]))
    conn = sqlite3.connect(work)
    conn.executescript("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
    if how == "edit actor":
        conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = ?", (seq,))
    elif how == "edit changes":
        conn.execute("UPDATE audit SET changes = replace(changes, '1405', '1406') WHERE seq = ?", (seq,))
        if conn.total_changes == 0 or "1405" not in recs[seq - 1]["changes"]:
            conn.execute("UPDATE audit SET details = '{}' WHERE seq = ?", (seq,))
    elif how == "delete":
        conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    else:
        # a forged record that hashes correctly on its own, squeezed in
        conn.execute("UPDATE audit SET seq = seq + 1000 WHERE seq >= ?", (seq,))
        conn.execute("UPDATE audit SET seq = seq - 999 WHERE seq >= 1000")
        prev = recs[seq - 2]["hash"] if seq > 1 else GENESIS
        body = {"seq": seq, "at": "2026-01-01T00:00:00Z", "actor": "mallory", "action": "forged",
                "ward_id": None, "details": {}, "changes": []}
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, '{}', '[]', ?, ?)",
                     (seq, body["at"], "mallory", "forged", None, prev, chain_hash(prev, body)))
    conn.commit()
    conn.close()
    with Store.open(work) as store:
        problems = store.verify_audit()
    assert problems, how
    work.unlink()


def test_a_store_from_schema_1_is_migrated_after_a_copy(tmp_path: Path) -> None:
    src = Path(__file__).parent / "fixtures" / "store-v1.db"
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
    store = Store.open(sample_db)
    ward = store.ward("Old Town")
    cands = store.candidates(ward.id)
    for i, c in enumerate(cands[:3]):
        store.save_draft(ward.id, "first", f"votes:{c.id}", f" {100 + i} ", operator="Op 1")
    with pytest.raises(StoreError, match="negative"):
        store.save_draft(ward.id, "first", f"votes:{cands[3].id}", "-4")
    with pytest.raises(StoreError, match="E108"):
        store.save_draft(ward.id, "first", f"votes:{cands[3].id}", "12a")
    # simulate a crash: the connection is dropped without closing
    del store
    store = Store.open(sample_db)
    drafts = store.drafts(ward.id, "first")
    assert drafts == {f"votes:{c.id}": 100 + i for i, c in enumerate(cands[:3])}
    # the second keying does not see the first one's drafts
    with pytest.raises(StoreError, match="no first keying"):
        store.save_draft(ward.id, "second", f"votes:{cands[0].id}", "1")
    with pytest.raises(StoreError, match="no votes given"):
        store.finish_keying(ward.id, "first", operator="Op 1")
    for i, c in enumerate(cands[3:], 3):
        store.save_draft(ward.id, "first", f"votes:{c.id}", str(100 + i), operator="Op 1")
    store.save_draft(ward.id, "first", "rejected:too_many_votes", "2")
    r = store.finish_keying(ward.id, "first", operator="Op 1")
    assert r.errors[0].code == "E202"
    assert store.drafts(ward.id, "first") == {}
    assert store.drafts(ward.id, "second") == {}
    assert store.verify_audit() == []
    store.close()
