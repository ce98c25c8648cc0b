"""Set-up and verification through the application layer (countdesk.app.setup_ops)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countdesk.app import AppError, Desk
from countdesk.app.setup import NominationsRefused
from countdesk.core import Status
from countdesk.core.records import NominationsImport
from helpers import SEEDS, db_fingerprint

Store = Desk
StoreError = AppError


class _Ops:
    """``S.name(desk, ...)`` calls the Desk operation ``desk.name(...)``."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        target = {"candidates": "candidate_rows"}.get(name, name)

        def call(desk: Desk, *args: Any, **kw: Any) -> Any:
            return getattr(desk, target)(*args, **kw)
        call.__name__ = target
        return call


S = _Ops()

EXAMPLE = SEEDS / "nominations-example.csv"


@pytest.fixture
def sample(sample_db: Path) -> Iterator[Store]:
    with Desk.open(sample_db) as store:
        yield store


@pytest.fixture
def demo(demo_db: Path) -> Iterator[Store]:
    with Desk.open(demo_db) as store:
        yield store


def refused(store: Store, match: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> StoreError:
    """The call is refused with a message matching ``match`` and the store is unchanged."""
    before = db_fingerprint(store.path)
    with pytest.raises(StoreError, match=match) as info:
        fn(store, *args, **kw)
    assert db_fingerprint(store.path) == before
    assert not store.store.conn.in_transaction
    return info.value


def last_audit(store: Store) -> dict[str, Any]:
    rec = store.audit_records()[-1]
    return {**rec, "details": json.loads(rec["details"]), "changes": json.loads(rec["changes"])}


def wid(store: Store, name: str) -> int:
    return store.ward(name).id


def key_first(store: Store, ward: str, operator: str = "Op 1") -> None:
    w = wid(store, ward)
    store.enter_keying(w, "first", {c.id: 500 + i for i, c in enumerate(store.candidates(w))},
                       papers=store.ward(w).ballot_papers_verified, operator=operator)


def declare_hillcrest(store: Store) -> int:
    w = wid(store, "Hillcrest")
    store.show_provisional(w, by="RO")
    store.declare(w, by="RO")
    return w


# ================================================================ election
def test_update_election_changes_fields_and_is_audited(sample: Store) -> None:
    el = S.update_election(sample, authority=" Borough of Newtown ", poll_date="2026-05-08",
                           returning_officer="Jo Bloggs", actor="RO")
    assert (el.authority, el.poll_date, el.returning_officer) == ("Borough of Newtown", "2026-05-08",
                                                                   "Jo Bloggs")
    rec = last_audit(sample)
    assert rec["action"] == "update election" and rec["actor"] == "RO"
    assert rec["details"]["changed"]["authority"] == ["Borough of Exampleton", "Borough of Newtown"]
    assert S.update_election(sample, returning_officer="").returning_officer is None
    assert sample.verify_audit() == []


def test_update_election_that_changes_nothing_writes_nothing(sample: Store) -> None:
    before = db_fingerprint(sample.path)
    el = sample.election()
    assert S.update_election(sample, title=el.title, double_entry=True) == el
    assert S.update_election(sample) == el
    assert db_fingerprint(sample.path) == before


@pytest.mark.parametrize(("kw", "match"), [
    ({"poll_date": "7 May 2026"}, "not a date like 2026-05-07"),
    ({"poll_date": "2026-02-30"}, "not a date"),
    ({"poll_date": "2026-5-7"}, "not a date"),
    ({"authority": "  "}, "the authority is empty"),
    ({"title": "x" * 201}, "the limit is 200"),
    ({"returning_officer": "Jo\x00"}, "control or invisible"),
    ({"double_entry": "no"}, "on or off"),
])
def test_update_election_refusals(sample: Store, kw: dict[str, Any], match: str) -> None:
    refused(sample, match, S.update_election, **kw)


def test_double_entry_off_is_allowed_before_any_operator_keying(sample: Store) -> None:
    # the sample's figures are imported: imported keyings do not count
    assert S.update_election(sample, double_entry=False).double_entry is False
    assert S.update_election(sample, double_entry=True).double_entry is True
    assert sample.verify_audit() == []


def test_double_entry_off_is_refused_once_a_sheet_is_keyed(sample: Store) -> None:
    key_first(sample, "Old Town")
    refused(sample, "cannot be turned off", S.update_election, double_entry=False)


def test_double_entry_off_is_refused_once_a_draft_value_is_saved(sample: Store) -> None:
    w = wid(sample, "Old Town")
    sample.save_draft(w, "first", f"votes:{sample.candidates(w)[0].id}", "12", operator="Op 1")
    refused(sample, "cannot be turned off", S.update_election, double_entry=False)


def test_double_entry_on_is_refused_once_a_ward_is_declared(sample: Store) -> None:
    S.update_election(sample, double_entry=False)
    declare_hillcrest(sample)
    refused(sample, "once a ward has been declared", S.update_election, double_entry=True)
    S.update_election(sample, title="Still editable")  # other details stay editable


def test_create_election_in_an_empty_store_then_add_wards(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db", create=True) as store:
        refused(store, "no election in this store", S.add_ward, "Castle", 3)
        refused(store, "no election", S.update_election, title="x")
        refused(store, "not a date", S.create_election, "Borough", "Election", "tomorrow")
        el = S.create_election(store, "Borough of Newtown", "Election of Councillors", "2026-05-07",
                               returning_officer="Jo Bloggs", actor="RO")
        assert el.double_entry is True and el.previous_seats == {}
        refused(store, "already holds an election", S.create_election, "a", "b", "2026-05-07")
        S.add_ward(store, "Castle", 3, 7450)
        assert store.verify_audit() == []


# =================================================================== wards
def test_add_ward_creates_round_one_with_a_main_count_sheet(sample: Store) -> None:
    n = len(sample.audit_records())
    ward_id = S.add_ward(sample, "  Castle ", "3", "7,450", actor="RO")
    w = sample.ward(ward_id)
    assert (w.name, w.seats, w.electorate, w.position, w.candidates_locked) == ("Castle", 3, 7450, 5,
                                                                                False)
    assert sample.store.rounds(ward_id) == [(sample.store.current_round(ward_id)[0], 1)]
    assert [s.name for _, s in sample.store.sheet_inputs(sample.store.current_round(ward_id)[0])] == ["Main count"]
    assert [e.code for e in sample.result(ward_id).errors] == ["E001"]  # no candidates yet
    assert len(sample.audit_records()) == n + 1
    assert {c["table"] for c in last_audit(sample)["changes"]} == {"wards", "rounds", "sheets"}
    assert S.add_ward(sample, "Keep", 1) > ward_id and sample.ward("Keep").position == 6
    assert sample.verify_audit() == []


@pytest.mark.parametrize(("args", "match"), [
    (("old town", 3), "already a ward called 'Old Town'"),
    (("ÓLD TÓWN", 3), "already a ward called 'Old Town'"),
    (("", 3), "the ward name is empty"),
    (("x" * 101, 3), "the limit is 100"),
    (("Cas\ttle", 3), "control or invisible"),
    (("Castle", 0), "seats must be at least 1"),
    (("Castle", "-1"), "negative"),
    (("Castle", "three"), "not a number"),
    (("Castle", 1.5), "whole number"),
    (("Castle", 2, 0), "electorate must be at least 1"),
    (("Castle", 2, "lots"), "not a number"),
])
def test_add_ward_refusals(sample: Store, args: tuple[Any, ...], match: str) -> None:
    refused(sample, match, S.add_ward, *args)


def test_update_ward(sample: Store) -> None:
    w = wid(sample, "Old Town")
    info = S.update_ward(sample, w, name="Old Town & Quay", seats=2, electorate="9,000", actor="RO")
    assert (info.name, info.seats, info.electorate) == ("Old Town & Quay", 2, 9000)
    assert last_audit(sample)["details"]["changed"]["seats"] == [3, 2]
    # a locked ward can be renamed and its electorate corrected, but not its seats
    r = wid(sample, "Riverside")
    assert S.update_ward(sample, r, name="Riverside North", electorate=5500).name == "Riverside North"
    refused(sample, "seats cannot change once its count has started", S.update_ward, r, seats=3)
    before = db_fingerprint(sample.path)
    S.update_ward(sample, r, seats=2)  # unchanged: nothing written
    assert db_fingerprint(sample.path) == before
    assert sample.verify_audit() == []


def test_update_ward_refusals(sample: Store) -> None:
    w = wid(sample, "Old Town")
    refused(sample, "already a ward called 'Riverside'", S.update_ward, w, name="RIVERSIDE")
    refused(sample, "at least 1", S.update_ward, w, seats=0)
    refused(sample, "below the ballot papers verified", S.update_ward, w, electorate=100)
    refused(sample, "no ward with id 999", S.update_ward, 999, name="x")
    refused(sample, "chosen by its id", S.update_ward, "Old Town", name="x")
    h = declare_hillcrest(sample)
    refused(sample, "was declared", S.update_ward, h, name="Hillcrest East")


def test_seats_cannot_change_once_keyed_even_when_unlocked(sample: Store) -> None:
    w = wid(sample, "Old Town")
    key_first(sample, "Old Town")
    S.unlock_candidates(sample, w, "misspelt name", "RO")
    refused(sample, "seats cannot change", S.update_ward, w, seats=2)


def test_remove_ward(sample: Store) -> None:
    castle = S.add_ward(sample, "Castle", 3)
    S.add_candidate(sample, castle, "Smith", "Ann", "Labour")
    S.set_verification(sample, castle, [("Box 1", "box", 10, 10)])
    S.remove_ward(sample, castle, actor="RO")
    assert "Castle" not in [w.name for w in sample.wards()]
    assert sample.verify_audit() == []
    old = wid(sample, "Old Town")  # imported, never counted: removable
    S.remove_ward(sample, old)
    assert sample.verify_audit() == []


def test_remove_ward_refusals(sample: Store) -> None:
    refused(sample, "already been keyed for Riverside", S.remove_ward, wid(sample, "Riverside"))
    castle = S.add_ward(sample, "Castle", 1)
    S.set_verification(sample, castle, [("Box 1", "box", 10, 11)])
    S.explain_variance(sample, castle, "one extra paper")
    refused(sample, "already has records", S.remove_ward, castle)
    refused(sample, "was declared", S.remove_ward, declare_hillcrest(sample))


# ============================================================== candidates
def test_add_candidate_in_ballot_order_with_colour_and_default_party(sample: Store) -> None:
    w = wid(sample, "Old Town")
    cid = S.add_candidate(sample, w, "O’Neill", "Siân", "Green Party", colour="#02a95b", actor="RO")
    added = next(c for c in S.candidates(sample, w) if c.id == cid)
    assert (added.party, added.colour) == ("Green Party", "#02A95B")
    names = [c.surname for c in S.candidates(sample, w)]
    assert names == sorted(names, key=lambda s: s.replace("’", "").casefold())
    ind = S.add_candidate(sample, w, "Zed", "", "")
    assert next(c for c in S.candidates(sample, w) if c.id == ind).party == "Independent"
    rec = last_audit(sample)
    assert rec["action"] == "add candidate" and rec["changes"][0]["table"] == "candidates"
    assert sample.verify_audit() == []


def test_a_candidate_added_to_an_uncontested_ward_gets_it_a_count_sheet(sample: Store) -> None:
    w = wid(sample, "Millbrook")
    assert sample.result(w).status is Status.UNCONTESTED
    assert sample.store.sheet_inputs(sample.store.current_round(w)[0]) == []
    S.add_candidate(sample, w, "Third", "Tess", "Independent")
    assert [s.name for _, s in sample.store.sheet_inputs(sample.store.current_round(w)[0])] == ["Main count"]
    assert sample.result(w).status is Status.INCOMPLETE  # now there is a count to key
    assert sample.verify_audit() == []


@pytest.mark.parametrize(("args", "kw", "match"), [
    (("", "Ann", "Labour"), {}, "the surname is empty"),
    (("Smith" * 50, "Ann", "Labour"), {}, "the limit is 200"),
    (("Smith", "Ann\u202e", "Labour"), {}, "control or invisible"),
    (("Smith", "Ann", "Labour"), {"colour": "blue"}, "not a colour like"),
    (("LYLE", "deborah", "LABOUR PARTY"), {}, r"LYLE, Deborah \(Labour Party\) is already a candidate"),
])
def test_add_candidate_refusals(sample: Store, args: tuple[str, ...], kw: dict[str, str],
                                match: str) -> None:
    refused(sample, match, S.add_candidate, wid(sample, "Old Town"), *args, **kw)


def test_candidates_of_a_locked_or_declared_ward_cannot_change(sample: Store) -> None:
    r = wid(sample, "Riverside")
    cid = sample.candidates(r)[0].id
    refused(sample, "locked because its count has started", S.add_candidate, r, "New", "N", "Ind")
    refused(sample, "locked", S.update_candidate, cid, surname="Changed")
    refused(sample, "locked", S.remove_candidate, cid)
    h = declare_hillcrest(sample)
    hid = sample.candidates(h)[0].id
    refused(sample, "was declared", S.add_candidate, h, "New", "N", "Ind")
    refused(sample, "was declared", S.update_candidate, hid, forenames="X")
    refused(sample, "was declared", S.remove_candidate, hid)
    refused(sample, "was declared", S.unlock_candidates, h, "typo", "RO")
    refused(sample, "was declared", S.lock_candidates, h)


def test_every_demo_ward_is_locked(demo: Store) -> None:
    for w in demo.wards():
        state = S.setup_state(demo, w.id)
        assert state.locked and not state.can_edit_candidates and not state.can_add_remove_candidates
        refused(demo, "locked", S.add_candidate, w.id, "New", "Nick", "Independent")


def test_update_candidate(sample: Store) -> None:
    w = wid(sample, "Old Town")
    c = S.candidates(sample, w)[0]
    after = S.update_candidate(sample, c.id, surname="Jessopp", colour="#0087dc", actor="RO")
    assert (after.surname, after.colour, after.forenames) == ("Jessopp", "#0087DC", c.forenames)
    assert last_audit(sample)["details"]["changed"]["surname"] == ["Jessop", "Jessopp"]
    assert S.update_candidate(sample, c.id, colour="").colour is None
    assert S.update_candidate(sample, c.id, party="").party == c.description
    before = db_fingerprint(sample.path)
    S.update_candidate(sample, c.id, surname="Jessopp")  # unchanged: nothing written
    assert db_fingerprint(sample.path) == before
    other = S.candidates(sample, w)[1]
    refused(sample, "already a candidate", S.update_candidate, c.id, surname=other.surname,
            forenames=other.forenames, description=other.description)
    refused(sample, "the surname is empty", S.update_candidate, c.id, surname=" ")
    refused(sample, "no candidate with id 9999", S.update_candidate, 9999, surname="x")
    assert sample.verify_audit() == []


def test_remove_candidate(sample: Store) -> None:
    w = wid(sample, "Old Town")
    c = S.candidates(sample, w)[0]
    S.remove_candidate(sample, c.id, actor="RO")
    assert c.id not in [x.id for x in S.candidates(sample, w)]
    assert last_audit(sample)["changes"] == [{"table": "candidates", "id": c.id, "row": None}]
    assert sample.verify_audit() == []
    refused(sample, "no candidate with id", S.remove_candidate, c.id)


def test_unlocking_lets_the_ro_correct_a_name_and_the_figures_stay_with_the_candidate(
        sample: Store) -> None:
    r = wid(sample, "Riverside")
    before = {row.candidate.id: row.votes for row in sample.result(r).candidates}
    cid = sample.candidates(r)[0].id
    refused(sample, "the reason for unlocking is empty", S.unlock_candidates, r, " ", "RO")
    refused(sample, "who is unlocking", S.unlock_candidates, r, "typo", "")
    info = S.unlock_candidates(sample, r, "surname misspelt on the nomination paper", "Pat Example")
    assert not info.candidates_locked
    rec = last_audit(sample)
    assert (rec["action"], rec["actor"]) == ("unlock candidates", "Pat Example")
    assert rec["details"]["reason"] == "surname misspelt on the nomination paper"
    state = S.setup_state(sample, r)
    assert state.can_edit_candidates and not state.can_add_remove_candidates
    assert "cannot be added or removed" in state.reason
    S.update_candidate(sample, cid, surname="Corrected")
    after = {row.candidate.id: row.votes for row in sample.result(r).candidates}
    assert after == before
    assert sample.result(r).row(cid).candidate.surname == "Corrected"
    # adding or removing stays refused while figures exist
    refused(sample, "already been keyed for Riverside", S.add_candidate, r, "New", "N", "Ind")
    refused(sample, "already been keyed", S.remove_candidate, cid)
    refused(sample, "is not locked", S.unlock_candidates, r, "again", "RO")
    assert S.lock_candidates(sample, r, actor="RO", reason="corrected").candidates_locked
    refused(sample, "already locked", S.lock_candidates, r)
    assert sample.verify_audit() == []


def test_the_next_keying_locks_an_unlocked_list_again(sample: Store) -> None:
    w = wid(sample, "Old Town")
    key_first(sample, "Old Town", "Op 1")
    S.unlock_candidates(sample, w, "misspelt", "RO")
    S.update_candidate(sample, sample.candidates(w)[0].id, forenames="Alan J.")
    key_first_second = {c.id: 500 + i for i, c in enumerate(sample.candidates(w))}
    sample.enter_keying(w, "second", key_first_second, papers=3175, operator="Op 2")
    assert sample.ward(w).candidates_locked
    assert sample.verify_audit() == []


def test_a_saved_draft_counts_as_keying_started(sample: Store) -> None:
    w = wid(sample, "Old Town")
    sample.save_draft(w, "first", f"votes:{sample.candidates(w)[0].id}", "12", operator="Op 1")
    assert S.setup_state(sample, w).keying_started
    refused(sample, "already been keyed for Old Town", S.add_candidate, w, "New", "N", "Ind")
    refused(sample, "already been keyed", S.remove_candidate, sample.candidates(w)[0].id)
    S.update_candidate(sample, sample.candidates(w)[0].id, forenames="Al")  # names still correctable


def test_setup_state_of_an_open_ward(sample: Store) -> None:
    s = S.setup_state(sample, wid(sample, "Old Town"))
    assert (s.declared, s.locked, s.keying_started) == (False, False, False)
    assert s.can_edit_candidates and s.can_add_remove_candidates and s.can_change_seats
    assert s.reason == ""


# ============================================================ nominations
def test_import_the_example_file_adds_castle(sample: Store) -> None:
    summary = S.import_nominations(sample, EXAMPLE.read_bytes(), actor="RO")
    assert summary == NominationsImport(wards_added=("Castle",), candidates_added=5,
                                          per_ward=(("Castle", 5),), notes=())
    castle = sample.ward("castle")
    assert (castle.seats, castle.electorate, castle.position) == (3, 7450, 5)
    cands = S.candidates(sample, castle.id)
    assert [c.surname for c in cands] == ["ap Rhys", "Kowalczyk", "O’Neill", "Osborne", "Ó Súilleabháin"]
    assert {c.colour for c in cands} == {"#02A95B", "#E4003B", "#0087DC", "#FAA61A", None}
    assert sample.result(castle.id).status is Status.INCOMPLETE
    rec = last_audit(sample)
    assert rec["action"] == "import nominations" and rec["details"]["wards_added"] == ["Castle"]
    assert len(rec["details"]["sha256"]) == 64
    assert sample.verify_audit() == []
    # the same file again: every line is a duplicate, and nothing is imported
    err = refused(sample, "5 bad lines", S.import_nominations, EXAMPLE.read_bytes())
    assert isinstance(err, NominationsRefused)
    assert [n for n, _ in err.problems] == [2, 3, 4, 5, 6]
    assert "is already a candidate in Castle" in err.problems[0][1]


def test_import_adds_to_existing_open_wards_in_one_change(sample: Store) -> None:
    data = ("Ward;Surname;Other names;Description\r\n"
            "old town;Newman;Nia;Green Party\r\n"
            "Millbrook;Third;Tess;Independent\r\n").encode("cp1252")
    n = len(sample.audit_records())
    summary = S.import_nominations(sample, data)
    assert summary.wards_added == () and summary.candidates_added == 2
    assert summary.per_ward == (("Old Town", 1), ("Millbrook", 1))
    assert len(sample.audit_records()) == n + 1
    m = wid(sample, "Millbrook")
    assert [s.name for _, s in sample.store.sheet_inputs(sample.store.current_round(m)[0])] == ["Main count"]
    assert sample.verify_audit() == []


def test_import_notes_an_uncontested_ward_and_fills_a_missing_electorate(sample: Store) -> None:
    S.add_ward(sample, "Quay", 2)
    data = b"ward,surname,forenames,description,electorate\nQuay,Smith,Ann,Labour,4000\n"
    summary = S.import_nominations(sample, data)
    assert summary.notes == ("Quay: electorate set to 4,000",
                             "Quay: 1 candidate for 2 seats, so it is uncontested unless more are added")
    assert sample.ward("Quay").electorate == 4000
    assert sample.verify_audit() == []


def test_a_bad_file_imports_nothing_and_reports_every_line(sample: Store) -> None:
    data = (b"ward,surname,forenames,description,seats\n"
            b"Castle,Smith,Ann,Labour,3\n"
            b"Castle,,Bob,Labour,\n"
            b"Old Town,Jones,Cy,Labour,\n"
            b"Old Town,Evans,Di,Labour,x\n")
    err = refused(sample, r"^2 bad lines: line 3: surname is empty; line 5: ", S.import_nominations, data)
    assert isinstance(err, NominationsRefused) and [n for n, _ in err.problems] == [3, 5]


@pytest.mark.parametrize(("rows", "lines", "match"), [
    ("Riverside,New,Nick,Ind,\nOld Town,Fine,Fay,Ind,\nRiverside,Other,Olga,Ind,\n", [2, 4],
     "Riverside's candidate list is locked"),
    ("Old Town,Lyle,Deborah,Labour Party,\nOld Town,Fine,Fay,Ind,\n", [2],
     r"LYLE, Deborah \(Labour Party\) is already a candidate in Old Town"),
    ("Castle,New,Nick,Ind,\nCastle,Two,T,Ind,\n", [2], "no ward called 'Castle' yet; give its seats"),
    ("Old Town,New,Nick,Ind,2\n", [2], "Old Town has 3 seats but the file gives 2"),
])
def test_import_refusals_name_the_lines(sample: Store, rows: str, lines: list[int], match: str) -> None:
    data = ("ward,surname,forenames,description,seats\n" + rows).encode()
    err = refused(sample, match, S.import_nominations, data)
    assert isinstance(err, NominationsRefused) and [n for n, _ in err.problems] == lines


def test_import_refuses_a_keyed_or_declared_ward(sample: Store) -> None:
    key_first(sample, "Old Town")
    S.unlock_candidates(sample, wid(sample, "Old Town"), "typo", "RO")
    refused(sample, "figures have already been keyed for Old Town", S.import_nominations,
            b"ward,surname,forenames,description\nOld Town,New,Nick,Ind\n")
    declare_hillcrest(sample)
    refused(sample, "Hillcrest has been declared", S.import_nominations,
            b"ward,surname,forenames,description\nHillcrest,New,Nick,Ind\n")


def test_import_into_the_demo_is_refused_ward_by_ward(demo: Store) -> None:
    data = b"ward,surname,forenames,description\nNonsuch,New,Nick,Ind\nCheam,Two,Tia,Ind\n"
    err = refused(demo, "2 bad lines", S.import_nominations, data)
    assert isinstance(err, NominationsRefused)
    assert all("locked" in m for _, m in err.problems)


@pytest.mark.parametrize(("data", "match"), [
    (b"", "the file is empty"),
    ("ward,surname\n".encode("utf-16"), "UTF-16"),
    (b"Castle,Smith,Ann,Labour\n", "heading row"),
])
def test_import_refuses_unreadable_files(sample: Store, data: bytes, match: str) -> None:
    err = refused(sample, match, S.import_nominations, data)
    assert isinstance(err, NominationsRefused)


# =========================================================== verification
def test_set_verification_records_boxes_and_the_verified_total(sample: Store) -> None:
    w = wid(sample, "Old Town")
    v = S.set_verification(sample, w, [("Box 1 (St Mary's)", "box", "1,200", 1201),
                                       ("Box 2", "box", 900, " 899 "),
                                       ("Postal", "postal", None, 1075)], actor="RO")
    assert [b.label for b in v.boxes] == ["Box 1 (St Mary's)", "Box 2", "Postal"]
    assert (v.total_issued, v.total_counted, v.box_counted, v.postal_counted) == (2100, 3175, 2100, 1075)
    assert v.variance == 0 and v.complete and not v.needs_explanation
    assert v.ballot_papers_verified == 3175 == sample.ward(w).ballot_papers_verified
    assert [b.variance for b in v.boxes] == [1, -1, None]
    rec = last_audit(sample)
    assert rec["action"] == "set verification" and rec["details"]["total_counted"] == 3175
    assert sample.verify_audit() == []


def test_a_variance_needs_an_explanation_recorded_after_the_last_change(sample: Store) -> None:
    w = wid(sample, "Old Town")
    boxes = [("Box 1", "box", 1000, 1003), ("Postal", "postal", None, 500)]
    v = S.set_verification(sample, w, boxes)
    assert v.variance == 3 and v.needs_explanation and v.explanation is None
    v = S.explain_variance(sample, w, "Three papers from box 2 found in box 1.\nAgents told.", by="RO")
    assert not v.needs_explanation and v.explanation_current
    assert v.explanation == "Three papers from box 2 found in box 1.\nAgents told."
    assert v.explained_by == "RO" and v.explained_at
    # saving the same figures again changes nothing and keeps the explanation current
    before = db_fingerprint(sample.path)
    assert S.set_verification(sample, w, boxes) == v
    assert db_fingerprint(sample.path) == before
    # a change to the boxes needs a new explanation; the old one is still shown
    v = S.set_verification(sample, w, [("Box 1", "box", 1000, 1004), ("Postal", "postal", None, 500)])
    assert v.needs_explanation and not v.explanation_current and v.explanation is not None
    v = S.set_verification(sample, w, [("Box 1", "box", 1000, 1000), ("Postal", "postal", None, 500)])
    assert v.variance == 0 and not v.needs_explanation
    assert sample.verify_audit() == []


def test_set_verification_updates_inserts_and_deletes_by_label(sample: Store) -> None:
    w = wid(sample, "Old Town")
    first = S.set_verification(sample, w, [("Box 1", "box", 10, 10), ("Box 2", "box", 20, 20),
                                           ("Box 3", "box", 30, 30)])
    ids = {b.label: b.id for b in first.boxes}
    v = S.set_verification(sample, w, [("box 2", "box", 20, 21), ("Box 4", "BOX", 40, 40),
                                       ("Box 1", "box", 10, 10)])
    assert [b.label for b in v.boxes] == ["box 2", "Box 4", "Box 1"]
    assert next(b.id for b in v.boxes if b.label == "box 2") == ids["Box 2"]
    changes = last_audit(sample)["changes"]
    assert {"table": "verification_boxes", "id": ids["Box 3"], "row": None} in changes
    assert sample.verify_audit() == []


def test_an_incomplete_or_empty_verification_leaves_the_total_unknown(sample: Store) -> None:
    w = wid(sample, "Old Town")
    v = S.set_verification(sample, w, [("Box 1", "box", 1000, 1000), ("Box 2", "box", 800, "")])
    assert not v.complete and v.total_counted == 1000 and v.ballot_papers_verified is None
    assert v.variance == 0  # only boxes with both figures
    v = S.set_verification(sample, w, [])
    assert v.boxes == () and v.ballot_papers_verified is None and not v.complete
    assert sample.verify_audit() == []


@pytest.mark.parametrize(("boxes", "match"), [
    ([("Box 1", "box", -5, 10)], r"row 1 \(Box 1\): papers issued cannot be negative"),
    ([("Box 1", "box", 10, "ten")], "papers counted: 'ten' is not a number"),
    ([("Box 1", "box", 10, 1.5)], "whole number"),
    ([("Box 1", "crate", 10, 10)], "'box' or 'postal'"),
    ([("", "box", 10, 10)], "row 1: the box or station is empty"),
    ([("Box 1", "box", 1, 1), ("BOX 1", "box", 2, 2)], r"row 2 \(BOX 1\): repeats row 1"),
    ([("Box 1", "box", 1)], "expected \\(label, kind, issued, counted\\)"),
    ([("Box 1", "box", 1, 5000), ("Box 2", "box", 1, 5000)], "exceed Old Town's electorate"),
    ([("A", "box", -1, 1), ("B", "box", 1, "x")], "^2 problems in the verification"),
])
def test_set_verification_refusals(sample: Store, boxes: list[Any], match: str) -> None:
    w = wid(sample, "Old Town")
    S.set_verification(sample, w, [("Box 1", "box", 10, 10)])
    refused(sample, match, S.set_verification, w, boxes)


def test_verification_of_a_declared_ward_cannot_change(sample: Store) -> None:
    h = wid(sample, "Hillcrest")
    v = S.set_verification(sample, h, [("Box 1", "box", 1421, 1420)])  # one paper short
    assert v.ballot_papers_verified == 1420 and v.needs_explanation
    refused(sample, "Box 1 at the verification of Hillcrest is not explained", Desk.show_provisional, h)
    S.explain_variance(sample, h, "one paper found in the postal count")
    sample.show_provisional(h)
    sample.declare(h, by="RO")
    refused(sample, "was declared", S.set_verification, h, [("Box 1", "box", 1420, 1420)])
    refused(sample, "was declared", S.explain_variance, h, "late")
    assert S.verification(sample, h).explanation == "one paper found in the postal count"


def test_explain_variance_refusals(sample: Store) -> None:
    w = wid(sample, "Old Town")
    refused(sample, "no ballot boxes or postal papers recorded yet", S.explain_variance, w, "x")
    S.set_verification(sample, w, [("Box 1", "box", 10, 11)])
    refused(sample, "the explanation is empty", S.explain_variance, w, " \n \n")
    refused(sample, "control or invisible", S.explain_variance, w, "bad\x07bell")
    refused(sample, "the limit is 2,000", S.explain_variance, w, "x\n" * 1500)


def test_verification_of_a_ward_without_boxes(sample: Store) -> None:
    v = S.verification(sample, wid(sample, "Riverside"))
    assert v.boxes == () and v.ballot_papers_verified == 2110  # from the imported file
    assert (v.total_counted, v.variance, v.complete, v.needs_explanation) == (0, 0, False, False)


def test_the_summary_boxes_can_be_edited_and_saved_back(sample: Store) -> None:
    w = wid(sample, "Old Town")
    v = S.set_verification(sample, w, [("Box 1", "box", 10, 10), ("Postal", "postal", None, 5)])
    edited = [*v.boxes[:1], ("Box 2", "box", "1,000", "1,000")]
    v2 = S.set_verification(sample, w, edited)
    assert [(b.label, b.counted) for b in v2.boxes] == [("Box 1", 10), ("Box 2", 1000)]
    assert sample.verify_audit() == []


def test_a_ward_name_over_100_characters_is_refused_by_the_import_too(sample: Store) -> None:
    data = ("ward,surname,forenames,description,seats\n" + "W" * 101 + ",A,a,x,1\n").encode()
    err = refused(sample, "the limit is 100", S.import_nominations, data)
    assert isinstance(err, NominationsRefused) and err.problems[0][0] == 2


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=600),
    st.lists(st.lists(st.sampled_from(["Old Town", "Riverside", "Castle", "Smith", "Ann", "", "3",
                                       "x", "#00FF00", "Labour", "Ó", "’"]), min_size=4, max_size=6),
             max_size=6).map(lambda rows: ("ward,surname,forenames,description,seats,colour\n"
                                           + "\n".join(",".join(r) for r in rows)).encode("cp1252"))))
def test_fuzz_import_gives_a_clear_refusal_that_changes_nothing(sample: Store, data: bytes) -> None:
    before = db_fingerprint(sample.path)
    try:
        S.import_nominations(sample, data)
    except NominationsRefused as exc:
        assert exc.problems and "\n" not in str(exc)
        assert db_fingerprint(sample.path) == before
    assert sample.verify_audit() == []
