"""The count's records (issue 12, items 4-6): the ballot paper account per box, the recount
record and the timings, through the Desk; and a store of schema 4 migrated with its data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from countdesk.app import AppError, Desk
from countdesk.store.schema import SCHEMA_VERSION
from helpers import db_fingerprint

FIXTURES = Path(__file__).parent.parent / "fixtures"


def refused(desk: Desk, match: str, fn: object, *args: object, **kw: object) -> AppError:
    """Refused (``match``: a code, or words of the sentence), one line, nothing changed."""
    before = db_fingerprint(desk.path)
    is_code = re.fullmatch(r"[A-Z]\d{3}", match) is not None
    with pytest.raises(AppError, match=None if is_code else match) as info:
        fn(*args, **kw)  # type: ignore[operator]
    if is_code:
        assert info.value.code == match, info.value
    assert db_fingerprint(desk.path) == before
    assert "\n" not in str(info.value)
    return info.value


def test_a_store_of_schema_4_migrates_and_keeps_its_boxes_and_recount_requests(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    db.write_bytes((FIXTURES / "store-v4.db").read_bytes())
    with Desk.open(db) as desk:
        assert desk.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        riverside = desk.ward("Riverside")
        v = desk.verification(riverside.id)
        assert [(b.label, b.kind, b.issued, b.counted, b.unused, b.spoilt, b.tendered)
                for b in v.boxes] == [("Box 1", "box", 1000, 1001, None, None, None),
                                      ("Postal", "postal", None, 200, None, None, None)]
        assert v.explanation == "one paper from box 2" and not v.needs_explanation
        (q,) = desk.recount_requests("Hillcrest")
        assert (q.requested_by, q.granted, q.reason, q.decided_by, q.kind, q.bundles) == (
            "Agent", False, "margin wide", "RO", "full", ())
        assert desk.verify_audit() == []
        # the new columns take figures
        v = desk.record_box(riverside.id, "Box 1", issued=1000, counted=1000, spoilt=2, tendered=1)
        assert v.boxes[0].spoilt == 2 and v.total_tendered == 1 and v.variance == 0
        assert desk.verify_audit() == []


@pytest.mark.parametrize("fixture", ["store-v1.db", "store-v2.db"])
def test_older_stores_migrate_through_count_records(tmp_path: Path, fixture: str) -> None:
    db = tmp_path / fixture
    db.write_bytes((FIXTURES / fixture).read_bytes())
    with Desk.open(db) as desk:
        cols = {r[1] for r in desk.store.conn.execute("PRAGMA table_info(verification_boxes)")}
        assert {"unused", "spoilt", "tendered"} <= cols
        cols = {r[1] for r in desk.store.conn.execute("PRAGMA table_info(recount_requests)")}
        assert {"kind", "bundles"} <= cols
        assert desk.verify_audit() == []


def test_record_box_adds_then_replaces_a_box_audited(sample_db: Path) -> None:
    with Desk.open(sample_db) as desk:
        w = desk.ward("Old Town")
        v = desk.record_box(w.id, "Station 1", issued="1,200", counted=1198, unused=300, spoilt=2,
                            tendered=1, actor="Clerk")
        assert [(b.label, b.issued, b.counted, b.unused, b.spoilt, b.tendered) for b in v.boxes] == [
            ("Station 1", 1200, 1198, 300, 2, 1)]
        assert v.unexplained_boxes == ("Station 1",)
        v = desk.record_box(w.id, "Postal 1", postal=True, counted=310)
        assert v.ballot_papers_verified == 1508 and v.postal_counted == 310
        v = desk.record_box(w.id, "station 1", issued=1200, counted=1200, spoilt=3)  # replaced
        assert [(b.label, b.counted, b.unused, b.spoilt) for b in v.boxes] == [
            ("station 1", 1200, None, 3), ("Postal 1", 310, None, None)]
        assert v.unexplained_boxes == () and v.ballot_papers_verified == 1510
        actions = [r["action"] for r in desk.audit_records() if r["ward_id"] == w.id]
        assert actions.count("set verification") == 3
        assert desk.verify_audit() == []


@pytest.mark.parametrize(("kw", "match"), [
    ({"issued": 10, "counted": -1}, "cannot be negative"),
    ({"issued": "ten", "counted": 10}, "papers issued: 'ten' is not a number"),
    ({"issued": 10, "counted": 10, "spoilt": "2x"}, "papers spoilt"),
    ({"issued": 10, "counted": 10, "tendered": -3}, "tendered cannot be negative"),
    ({"counted": 10}, "give the papers issued"),
    ({"issued": 10}, "give the papers counted"),
    ({"issued": 10, "counted": 10, "label": " "}, "box or station"),
])
def test_record_box_refusals_change_nothing(sample_db: Path, kw: dict[str, object], match: str) -> None:
    with Desk.open(sample_db) as desk:
        w = desk.ward("Old Town")
        label = kw.pop("label", "Box 1")
        refused(desk, match, desk.record_box, w.id, label, **kw)


def test_a_box_recorded_as_postal_cannot_become_a_ballot_box(sample_db: Path) -> None:
    with Desk.open(sample_db) as desk:
        desk.record_box("Old Town", "Postal 1", postal=True, counted=10)
        refused(desk, "recorded as postal papers", desk.record_box, "Old Town", "postal 1", issued=10,
                counted=10)


def test_an_unexplained_box_holds_keying_until_explained_or_recounted(sample_db: Path) -> None:
    with Desk.open(sample_db) as desk:
        w = desk.ward("Old Town")
        assert desk.check(w.id, "key_first").allowed  # type: ignore[arg-type]
        desk.record_box(w.id, "Box 7", issued=500, counted=498)
        verdict = desk.check(w.id, "key_first")  # type: ignore[arg-type]
        assert verdict.code == "F017" and "Box 7" in verdict.reason
        cands = desk.candidates(w.id)
        refused(desk, "F017", desk.save_draft, w.id, "first", f"votes:{cands[0].id}", "5",
                operator="Op 1")
        desk.record_box(w.id, "Box 7", issued=500, counted=500)  # the box recounted
        assert desk.check(w.id, "key_first").allowed  # type: ignore[arg-type]
        desk.record_box(w.id, "Box 7", issued=500, counted=499)
        assert desk.check(w.id, "key_first").code == "F017"  # type: ignore[arg-type]
        desk.explain_variance(w.id, "one paper found in box 8; agents told", by="RO")
        assert desk.check(w.id, "key_first").allowed  # type: ignore[arg-type]


def test_a_box_of_a_declared_ward_is_refused_in_words(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Belmont")
        desk.show_provisional(w.id)
        for warning in desk.result(w.id).unacknowledged:
            desk.acknowledge(w.id, warning.code, by="RO", explanation="checked")
        desk.declare(w.id, by="RO")
        err = refused(desk, "was declared", desk.record_box, w.id, "Box 1", issued=10, counted=10)
        assert "verification cannot change" in str(err)


def test_recount_requests_record_type_who_decision_and_reason(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Nonsuch")
        refused(desk, "reason for refusing the recount is empty", desk.request_recount, w.id, "Agent",
                granted=False, reason="  ")
        refused(desk, "reason for granting the recount is empty", desk.request_recount, w.id, "Agent",
                granted=True)
        refused(desk, "A022", desk.request_recount, w.id, "Agent", granted=False, reason="x",
                kind="bundles")
        refused(desk, "A022", desk.request_recount, w.id, "Agent", granted=False, reason="x",
                kind="bundles", bundles=["Box 1 b1", " "])
        refused(desk, "A022", desk.request_recount, w.id, "Agent", granted=False, reason="x",
                kind="bundles", bundles=["B1", "b1"])
        refused(desk, "A022", desk.request_recount, w.id, "Agent", granted=False, reason="x",
                kind="partial")
        refused(desk, "A022", desk.request_recount, w.id, "Agent", granted=False, reason="x",
                bundles=["B1"])
        desk.request_recount(w.id, "Agent for Bourne", granted=False, reason="margin is wide",
                             decided_by="RO", kind="bundles", bundles=["Box 3 bundle 2", "Postal 7"])
        desk.request_recount(w.id, "Agent for Archer", granted=True, reason="margin of 0",
                             decided_by="Deputy RO")
        first, second = desk.recount_requests(w.id)
        assert (first.kind, first.bundles, first.granted, first.round_number) == (
            "bundles", ("Box 3 bundle 2", "Postal 7"), False, 1)
        assert first.kind_words == "re-check of named bundles: Box 3 bundle 2, Postal 7"
        assert (second.kind, second.decision, second.decided_by, second.reason) == (
            "full", "granted", "Deputy RO", "margin of 0")
        record = desk.recount_record(w.id)
        assert [r.round_number for r in record.rounds] == [1, 2] and len(record.requests) == 2
        stored = desk.store.conn.execute("SELECT bundles FROM recount_requests ORDER BY id").fetchall()
        assert json.loads(stored[0][0]) == ["Box 3 bundle 2", "Postal 7"] and stored[1][0] is None
        assert desk.verify_audit() == []


def test_timings_follow_the_count(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Belmont")
        assert all(t.first_box_at is None for t in desk.timings())
        desk.set_verification(w.id, [("Box 1", "box", None, None)])  # added, not yet counted
        assert all(t.first_box_at is None for t in desk.timings())
        desk.record_box(w.id, "Box 1", issued=100, counted=100)
        desk.show_provisional(w.id)
        for warning in desk.result(w.id).unacknowledged:
            desk.acknowledge(w.id, warning.code, by="RO", explanation="checked")
        desk.declare(w.id, by="RO")
        got = {t.ward: t for t in desk.timings()}
        assert list(got) == [x.name for x in desk.wards()]
        b = got["Belmont"]
        assert b.first_box_at and b.provisional_at and b.declared_at
        assert b.first_box_at <= b.provisional_at <= b.declared_at
        assert b.declared_at == desk.ward(w.id).declared_at
        assert b.first_keying_at is None  # the demo's figures were imported, not keyed
        assert got["Cheam"].as_json() == {"ward": "Cheam", "first_box_at": None,
                                          "first_keying_at": None, "provisional_at": None,
                                          "declared_at": None}
