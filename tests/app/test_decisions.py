"""The ward's legal sequence through the application layer: provisional result,
lots, recounts, the declaration, a countermanded poll, errors reported after the
declaration, unfilled seats, the passphrase, and which wards an operation changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from countdesk.app import OPERATIONS, AppError, Desk, NeedsPassphrase, WrongPassphrase
from countdesk.app.files import import_election_file
from countdesk.core import Status
from countdesk.core.serialize import result_dict
from countdesk.core.workflow import Action
from helpers import db_fingerprint, election_file, small_election

PASS = "correct horse battery"


@pytest.fixture
def demo(demo_db: Path) -> Iterator[Desk]:
    with Desk.open(demo_db) as desk:
        yield desk


@pytest.fixture
def sample(sample_db: Path) -> Iterator[Desk]:
    with Desk.open(sample_db) as desk:
        yield desk


def refused(desk: Desk, code: str, fn: object, *args: object, **kw: object) -> AppError:
    before = db_fingerprint(desk.path)
    with pytest.raises(AppError) as info:
        fn(*args, **kw)  # type: ignore[operator]
    assert info.value.code == code, info.value
    assert db_fingerprint(desk.path) == before
    return info.value


def key_ward(desk: Desk, ward: str, votes: list[int], papers: int | None = None) -> None:
    w = desk.ward(ward)
    cands = desk.candidates(w.id)
    figures = dict(zip([c.id for c in cands], votes, strict=True))
    for slot, op in (("first", "Op A"), ("second", "Op B")):
        desk.enter_keying(w.id, slot, figures, papers=papers, operator=op)


def test_declare_and_lot_need_the_provisional_result_first(demo: Desk) -> None:
    w = demo.ward("Nonsuch")
    tie = demo.result(w.id).tie
    assert tie is not None
    assert demo.provisional(w.id) is None
    err = refused(demo, "F005", demo.record_lot, w.id, tie.candidate_ids[0], "coin toss")
    assert "provisional result" in err.sentence and "rule 46(2)" in err.sentence
    refused(demo, "F005", demo.declare, w.id, by="RO")
    demo.show_provisional(w.id, by="Returning Officer")
    shown = demo.provisional(w.id)
    assert shown is not None and shown.by == "Returning Officer" and shown.round_number == 1
    assert shown.figures[f"votes:{tie.candidate_ids[0]}"] == 1405
    refused(demo, "F011", demo.show_provisional, w.id)
    demo.record_lot(w.id, tie.candidate_ids[0], "coin toss", ["Agent"])
    demo.acknowledge(w.id, "W002", by="RO", explanation="checked")
    assert demo.declare(w.id, by="RO").status is Status.DECLARED


def test_a_granted_recount_voids_the_provisional_result(demo: Desk) -> None:
    w = demo.ward("Belmont")
    demo.show_provisional(w.id)
    verdict = demo.check(w.id, Action.DECLARE)
    assert verdict.code == ("F008" if demo.result(w.id).unacknowledged else None)
    demo.request_recount(w.id, "Agent for Smith", granted=True, reason="close", decided_by="RO")
    assert demo.provisional(w.id) is None
    refused(demo, "F004", demo.declare, w.id)
    votes = [r.votes or 0 for r in demo.result(w.id, 1).candidates]
    key_ward(demo, "Belmont", votes, papers=w.ballot_papers_verified)  # three seats: papers keyed
    assert demo.result(w.id).status in (Status.READY, Status.LOT_REQUIRED)
    refused(demo, "F005", demo.declare, w.id)
    demo.show_provisional(w.id)
    for code in [x.code for x in demo.result(w.id).unacknowledged]:
        demo.acknowledge(w.id, code, by="RO", explanation="checked")
    assert demo.declare(w.id).status is Status.DECLARED


def test_a_new_sheet_keyed_after_the_provisional_result_voids_it(sample: Desk) -> None:
    w = sample.ward("Old Town")
    n = len(sample.candidates(w.id))
    key_ward(sample, "Old Town", [700, 650, 600, 520, 480, 300, 150][:n], papers=1300)
    assert sample.check(w.id, Action.SHOW_PROVISIONAL).allowed, sample.result(w.id).errors
    sample.show_provisional(w.id)
    assert sample.provisional(w.id) is not None
    sample.add_sheet(w.id, "Table 2")
    assert sample.provisional(w.id) is None
    assert sample.check(w.id, Action.DECLARE).code == "F004"


def test_declared_is_final_and_an_error_report_changes_nothing_declared(demo: Desk, tmp_path: Path) -> None:
    w = demo.ward("Cheam")
    demo.show_provisional(w.id)
    for x in demo.result(w.id).unacknowledged:
        demo.acknowledge(w.id, x.code, by="RO", explanation="checked")
    demo.declare(w.id, by="RO")
    result_before = json.dumps(result_dict(demo.result(w.id)), sort_keys=True)
    sheet_before = demo.declaration_bytes(w.id)
    notice_before = demo.document("notice")
    c = demo.candidates(w.id)[0]
    refused(demo, "F009", demo.report_error, "Belmont", "wrong", votes={c.id: 1})
    refused(demo, "A010", demo.report_error, w.id, "   ")
    report = demo.report_error(w.id, "two bundles transposed", votes={c.id: 999}, by="RO")
    assert report.believed == {f"votes:{c.id}": 999}
    declared = next(r.declared_votes for r in demo.result(w.id).candidates if r.candidate.id == c.id)
    assert report.declared == {f"votes:{c.id}": declared}
    assert json.dumps(result_dict(demo.result(w.id)), sort_keys=True) == result_before
    assert demo.declaration_bytes(w.id) == sheet_before
    assert demo.document("notice") == notice_before
    assert demo.error_reports(w.id) == [report]
    assert demo.verify_audit() == []


def test_a_countermanded_poll_is_neither_counted_nor_declared(sample: Desk) -> None:
    w = sample.ward("Old Town")
    refused(sample, "A010", sample.countermand, w.id, "")
    sample.countermand(w.id, "death of a candidate (RPA 1983 s 39)", by="RO")
    assert sample.result(w.id).status is Status.COUNTERMANDED
    assert sample.ward(w.id).countermand_reason == "death of a candidate (RPA 1983 s 39)"
    cands = sample.candidates(w.id)
    refused(sample, "F002", sample.enter_keying, w.id, "first", {c.id: 1 for c in cands})
    refused(sample, "F002", sample.declare, w.id)
    refused(sample, "F002", sample.countermand, w.id, "again")
    assert not any(v.allowed for v in sample.verdicts(w.id).values())
    refused(sample, "F003", sample.countermand, "Millbrook", "no poll")


def test_fewer_candidates_than_seats_imports_and_leaves_seats_unfilled(tmp_path: Path) -> None:
    data = small_election()
    ward = data["wards"][0]  # type: ignore[index]
    ward["seats"] = 3
    ward["candidates"] = ward["candidates"][:2]
    for c in ward["candidates"]:
        c.pop("votes", None)
    ward.pop("rejected", None)
    ward.pop("ballot_papers_verified", None)
    path = tmp_path / "short.db"
    import_election_file(path, election_file(tmp_path, data))
    with Desk.open(path) as desk:
        w = desk.wards()[0]
        r = desk.result(w.id)
        assert r.status is Status.UNCONTESTED and r.unfilled_seats == 1
        assert len(r.elected) == 2
        assert result_dict(r)["unfilled_seats"] == 1
        assert desk.declare(w.id).status is Status.DECLARED
        assert desk.result(w.id).unfilled_seats == 1


def test_operations_that_need_the_passphrase_say_so_and_check_it_once(demo: Desk) -> None:
    needing = {n for n, spec in OPERATIONS.items() if spec.passphrase == "always"}
    assert {"declare", "record_lot", "countermand", "report_error", "accept_keying",
            "unlock_candidates"} <= needing
    assert not demo.needs_passphrase("declare")
    demo.set_passphrase(PASS, by="RO")
    assert demo.needs_passphrase("declare") and not demo.needs_passphrase("show_provisional")
    w = demo.ward("Nonsuch")
    demo.show_provisional(w.id)
    tie = demo.result(w.id).tie
    assert tie is not None
    with pytest.raises(NeedsPassphrase):
        demo.record_lot(w.id, tie.candidate_ids[0], "coin")
    with pytest.raises(WrongPassphrase):
        demo.record_lot(w.id, tie.candidate_ids[0], "coin", passphrase="not it at all")
    demo.record_lot(w.id, tie.candidate_ids[0], "coin", passphrase=PASS)
    record = demo.audit_records()[-1]
    assert record["action"] == "record drawing of lots"
    assert json.loads(str(record["details"]))["authorised"] == "returning officer's passphrase"
    # nothing stays authorised after the operation
    with pytest.raises(NeedsPassphrase):
        demo.countermand("Cheam", "death of a candidate")


def test_an_operation_reports_the_wards_it_changed(demo: Desk) -> None:
    nonsuch, belmont = demo.ward("Nonsuch"), demo.ward("Belmont")
    with demo.collect_changes() as changes:
        demo.show_provisional(nonsuch.id)
    assert changes.wards == {nonsuch.id} and not changes.election
    with demo.collect_changes() as changes, pytest.raises(AppError):
        demo.declare(belmont.id)  # refused: nothing changed
    assert not changes.any
    with demo.collect_changes() as changes:
        demo.update_election(title="Borough election")
    assert changes.election


def test_a_result_kept_for_one_ward_survives_a_change_of_another(demo: Desk) -> None:
    nonsuch, belmont = demo.ward("Nonsuch"), demo.ward("Belmont")
    kept = demo.result(belmont.id)
    demo.show_provisional(nonsuch.id)
    assert demo.result(belmont.id) is kept
    demo.show_provisional(belmont.id)
    assert demo.result(belmont.id) is not kept or demo.result(belmont.id) == kept


def test_corrections_from_an_older_countdesk_stay_readable_and_are_never_applied(demo: Desk) -> None:
    w = demo.ward("Cheam")
    demo.show_provisional(w.id)
    for x in demo.result(w.id).unacknowledged:
        demo.acknowledge(w.id, x.code, by="RO", explanation="checked")
    declared = demo.declare(w.id)
    c = demo.candidates(w.id)[0]
    store = demo.store
    round_id, _ = store.current_round(w.id)
    with store.transaction("correct declaration", "RO", w.id, {"ward": w.name}) as ch:
        store.insert(ch, "corrections", {
            "ward_id": w.id, "round_id": round_id, "vals": json.dumps({f"votes:{c.id}": 1}),
            "previous": json.dumps({f"votes:{c.id}": 2}), "reason": "old command", "by": "RO",
            "at": "2025-05-02T10:00:00Z"})
    assert demo.result(w.id) == declared
    assert demo.corrections(w.id)[0].reason == "old command"
    note = demo.correction_note(w.id)
    assert note is not None and note.reason == "old command"
    assert demo.verify_audit() == []
