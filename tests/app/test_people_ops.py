"""Who is at the desk, through the application layer (issue 16, finding 4, items 13-14):
keyers named and distinct, refused at once; supervisors named and not keyers; a warning
acknowledged with an explanation; differing fields keyed a third time, blind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from countdesk.app import AppError, Desk
from countdesk.core import SheetState
from countdesk.core.entry import THIRD_SOURCE
from helpers import db_fingerprint


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


def keyed(desk: Desk, ward: str, slot: str, votes: dict[int, int], operator: str) -> None:
    desk.enter_keying(ward, slot, votes, papers=1000, rejected={"too_many_votes": 2},
                      operator=operator)


def differing(desk: Desk) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """Old Town keyed twice by Ann and Bob, differing on two candidates' votes."""
    ids = [c.id for c in desk.candidates("old town")]
    first = {cid: 100 + i for i, cid in enumerate(ids)}
    second = first | {ids[0]: 150, ids[2]: 90}
    keyed(desk, "old town", "first", first, "Ann Smith")
    keyed(desk, "old town", "second", second, "Bob Jones")
    return ids, first, second


def test_a_second_keying_under_the_first_keyers_name_is_refused_at_the_first_figure(sample: Desk) -> None:
    ids = [c.id for c in sample.candidates("old town")]
    keyed(sample, "old town", "first", {cid: 100 for cid in ids}, "Ann Smith")
    for same in ("Ann Smith", "ann smith", "  ANN   Smith "):
        err = refused(sample, "A006", sample.save_draft, "old town", "second", f"votes:{ids[0]}", "100",
                      operator=same)
        assert "was by Ann Smith" in err.sentence
        refused(sample, "A006", sample.check_keyer, "old town", "second", same)
    # unnamed: refused too (the second keying is checked against the first by name)
    refused(sample, "A008", sample.save_draft, "old town", "second", f"votes:{ids[0]}", "100")
    refused(sample, "A008", sample.check_keyer, "old town", "second", "  ")
    assert sample.check_keyer("old town", "second", " Bob Jones ") == "Bob Jones"
    sample.save_draft("old town", "second", f"votes:{ids[0]}", "100", operator="Bob Jones")
    assert sample.keyer("old town", "second") == "Bob Jones"


def test_the_supervisor_who_accepts_a_keying_is_named_and_keyed_neither(sample: Desk) -> None:
    differing(sample)
    refused(sample, "A023", sample.accept_keying, "old town", "first")
    refused(sample, "A024", sample.accept_keying, "old town", "first", by="bob JONES")
    r = sample.accept_keying("old town", "first", by="Carol Supervisor")
    assert r.sheets[0].state is SheetState.ACCEPTED
    record = [a for a in sample.audit_records() if a["action"] == "accept first keying"][-1]
    assert record["actor"] == "Carol Supervisor"


def test_the_differing_fields_are_keyed_a_third_time_blind_and_settle_the_sheet(sample: Desk) -> None:
    ids, first, second = differing(sample)
    fields = sample.differing_fields("old town")
    assert [f for f, _ in fields] == [f"votes:{ids[0]}", f"votes:{ids[2]}"]
    shown = json.dumps(fields)
    assert "150" not in shown and "90" not in shown and "votes for" in shown  # blind: names, no values
    # only the differing fields; by someone who keyed neither
    refused(sample, "A005", sample.save_draft, "old town", "third", f"votes:{ids[1]}", "101",
            operator="Cat Third")
    refused(sample, "A006", sample.save_draft, "old town", "third", f"votes:{ids[0]}", "100",
            operator="ann smith")
    refused(sample, "A008", sample.enter_third, "old town", {f"votes:{ids[0]}": 100, f"votes:{ids[2]}": 90})
    sample.save_draft("old town", "third", f"votes:{ids[0]}", "100", operator="Cat Third")
    err = refused(sample, "E110", sample.finish_keying, "old town", "third", operator="Cat Third")
    assert "votes for" in err.sentence
    sample.save_draft("old town", "third", f"votes:{ids[2]}", "90", operator="Cat Third")
    r = sample.finish_keying("old town", "third", operator="Cat Third")
    sheet = r.sheets[0]
    assert sheet.state is SheetState.ACCEPTED and sheet.source == THIRD_SOURCE
    assert r.row(ids[0]).votes == first[ids[0]]  # matched the first keying
    assert r.row(ids[2]).votes == second[ids[2]]  # matched the second keying
    record = [a for a in sample.audit_records() if a["action"] == "third keying of the differing fields"]
    assert record and record[-1]["actor"] == "Cat Third"
    assert sample.verify_audit() == []


def test_a_third_figure_matching_neither_keying_leaves_that_field_to_settle(sample: Desk) -> None:
    ids, _first, second = differing(sample)
    r = sample.enter_third("old town", {f"votes:{ids[0]}": 777, f"votes:{ids[2]}": 90},
                           operator="Cat Third")
    assert r.sheets[0].state is SheetState.DIFFERENT
    assert [f for f, _ in sample.differing_fields("old town")] == [f"votes:{ids[0]}"]
    r = sample.enter_third("old town", {f"votes:{ids[0]}": 150}, operator="Dee Fourth")
    assert r.sheets[0].state is SheetState.ACCEPTED
    assert r.row(ids[0]).votes == second[ids[0]]


def test_a_warning_is_acknowledged_by_name_with_an_explanation(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Nonsuch")
        assert [x.code for x in desk.result(w.id).unacknowledged] == ["W002"]
        refused(desk, "A023", desk.acknowledge, w.id, "W002", explanation="margin checked")
        refused(desk, "A025", desk.acknowledge, w.id, "W002", by="Deputy RO")
        refused(desk, "A025", desk.acknowledge, w.id, "W002", by="Deputy RO", explanation="   ")
        desk.acknowledge(w.id, "W002", by="Deputy RO", explanation="Tie checked: both bundles recounted")
        acks = desk.acknowledgements(w.id)
        assert [(a.code, a.by, a.explanation) for a in acks] == [
            ("W002", "Deputy RO", "Tie checked: both bundles recounted")]
        record = [a for a in desk.audit_records() if a["action"] == "acknowledge warning"][-1]
        assert record["actor"] == "Deputy RO"
        assert desk.verify_audit() == []


def test_a_keyer_cannot_acknowledge_a_warning_of_the_ward_they_keyed(sample: Desk) -> None:
    ids = [c.id for c in sample.candidates("old town")]
    votes = {cid: 100 + 10 * i for i, cid in enumerate(ids)}
    keyed(sample, "old town", "first", votes, "Ann Smith")
    keyed(sample, "old town", "second", votes, "Bob Jones")
    warnings = sample.result("old town").unacknowledged
    assert warnings, "Old Town keyed with papers 1000 raises a warning"
    code = warnings[0].code
    refused(sample, "A024", sample.acknowledge, "old town", code, by="ANN SMITH", explanation="ok")
    sample.acknowledge("old town", code, by="Carol Supervisor", explanation="papers checked")


def test_lots_and_declarations_are_named_after_the_returning_officer_by_default(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Nonsuch")
        ro = desk.election().returning_officer
        assert ro
        desk.show_provisional(w.id, by="Deputy RO")
        tie = desk.result(w.id).tie
        assert tie is not None
        desk.record_lot(w.id, tie.candidate_ids[0], "coin toss")
        desk.acknowledge(w.id, "W002", by="Deputy RO", explanation="tie decided by lot")
        desk.declare(w.id)
        assert desk.ward(w.id).declared_by == ro
        actions = {a["action"]: a["actor"] for a in desk.audit_records()}
        assert actions["record drawing of lots"] == ro and actions["declare"] == ro


def test_a_recount_needs_its_reason(sample: Desk) -> None:
    ids = [c.id for c in sample.candidates("old town")]
    votes = {cid: 300 + 10 * i for i, cid in enumerate(ids)}
    keyed(sample, "old town", "first", votes, "Ann")
    keyed(sample, "old town", "second", votes, "Bob")
    for blank in ("", "   "):
        refused(sample, "A010", sample.request_recount, "old town", "Agent", granted=True, reason=blank)
