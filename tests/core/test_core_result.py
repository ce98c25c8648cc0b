"""The count core on real and awkward cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from countdesk.core import (
    Candidate,
    Keying,
    LotDraw,
    SheetInput,
    Status,
    WardInput,
    ballot_order,
    compute_result,
    turnout,
    ward_from_figures,
)
from countdesk.core.model import Figures


def cands(*names: str) -> list[Candidate]:
    out = []
    for i, n in enumerate(names, 1):
        surname, _, rest = n.partition(",")
        out.append(Candidate(i, surname.strip(), rest.strip(), f"Party {i}", f"Party {i}"))
    return out


def nonsuch() -> tuple[list[Candidate], dict[int, int]]:
    cs = [
        Candidate(1, "Fairbrother", "Helen", "The Conservative Party Candidate", "Conservative"),
        Candidate(2, "Lindqvist", "Peter", "The Conservative Party Candidate", "Conservative"),
        Candidate(3, "McDermott-Hill", "James", "The Conservative Party Candidate", "Conservative"),
        Candidate(4, "Bourne", "Samantha", "Liberal Democrats", "Liberal Democrats"),
        Candidate(5, "Raman", "Priya", "Liberal Democrats", "Liberal Democrats"),
        Candidate(6, "Aldridge", "Fiona", "Labour Party", "Labour"),
    ]
    return cs, {1: 1612, 2: 1568, 3: 1405, 4: 1405, 5: 1372, 6: 455}


def test_nonsuch_tie_straddles_third_seat_and_lot_decides_it() -> None:
    cs, votes = nonsuch()
    ward = ward_from_figures("Nonsuch", 3, cs, votes, papers=3700, electorate=8245)
    r = compute_result(ward)
    assert r.status is Status.LOT_REQUIRED
    assert r.tie is not None
    assert set(r.tie.candidate_ids) == {3, 4}
    assert r.tie.votes == 1405 and r.tie.seats == 1
    assert r.row(3).elected is None and r.row(4).elected is None
    assert r.row(1).elected and r.row(2).elected
    assert r.row(5).elected is False
    assert r.elected == (1, 2)

    ward = ward_from_figures("Nonsuch", 3, cs, votes, papers=3700, electorate=8245,
                             lots=[LotDraw(3, "coin toss", ("Agent A",))])
    r = compute_result(ward)
    assert r.status is Status.READY
    assert r.tie is None
    assert r.row(3).votes == 1405 and r.row(3).declared_votes == 1406 and r.row(3).lot_winner
    assert r.row(4).votes == 1405 and r.row(4).declared_votes == 1405 and not r.row(4).lot_winner
    assert r.row(3).elected is True and r.row(4).elected is False
    assert r.elected == (1, 2, 3)
    assert r.row(3).position == 3 and r.row(4).position == 4


def test_equal_votes_that_do_not_straddle_the_boundary_are_not_a_tie() -> None:
    cs = cands("A", "B", "C", "D", "E")
    # two elected level at the top; two level at the bottom
    r = compute_result(ward_from_figures("W", 2, cs, {1: 900, 2: 900, 3: 500, 4: 300, 5: 300},
                                         papers=1500))
    assert r.status is Status.READY and r.tie is None
    assert set(r.elected) == {1, 2}
    assert r.row(1).position == r.row(2).position == 1
    assert r.row(4).position == r.row(5).position == 4


def test_three_tied_for_two_seats_need_two_draws() -> None:
    cs = cands("A", "B", "C", "D")
    votes = {1: 812, 2: 812, 3: 812, 4: 640}
    base = dict(papers=1600)
    r = compute_result(ward_from_figures("W", 2, cs, votes, **base))  # type: ignore[arg-type]
    assert r.status is Status.LOT_REQUIRED and r.tie is not None
    assert r.tie.candidate_ids == (1, 2, 3) and r.tie.seats == 2

    r = compute_result(ward_from_figures("W", 2, cs, votes, lots=[LotDraw(2, "names drawn")],
                                         **base))  # type: ignore[arg-type]
    assert r.status is Status.LOT_REQUIRED and r.tie is not None
    assert r.tie.candidate_ids == (1, 3) and r.tie.seats == 1
    assert r.row(2).elected is True and r.row(2).declared_votes == 813

    r = compute_result(ward_from_figures("W", 2, cs, votes,
                                         lots=[LotDraw(2, "names drawn"), LotDraw(3, "names drawn")],
                                         **base))  # type: ignore[arg-type]
    assert r.status is Status.READY
    assert set(r.elected) == {2, 3}
    assert r.row(1).declared_votes == 812 and r.row(1).elected is False


def test_three_tied_for_one_seat_need_one_draw() -> None:
    cs = cands("A", "B", "C", "D")
    votes = {1: 1000, 2: 500, 3: 500, 4: 500}
    r = compute_result(ward_from_figures("W", 2, cs, votes, papers=1500))
    assert r.tie is not None and r.tie.seats == 1 and len(r.tie.candidate_ids) == 3
    r = compute_result(ward_from_figures("W", 2, cs, votes, papers=1500, lots=[LotDraw(4, "cards")]))
    assert r.status is Status.READY and set(r.elected) == {1, 4}


def test_a_lot_that_does_not_match_the_figures_blocks_the_result() -> None:
    cs = cands("A", "B", "C")
    r = compute_result(ward_from_figures("W", 1, cs, {1: 10, 2: 9, 3: 8}, papers=27,
                                         lots=[LotDraw(2, "coin")]))
    assert r.status is Status.INCOMPLETE
    assert [e.code for e in r.errors] == ["E301"]


def test_uncontested_ward_returns_everyone_without_a_poll() -> None:
    cs = cands("A", "B")
    r = compute_result(WardInput("W", 2, tuple(cs)))
    assert r.status is Status.UNCONTESTED
    assert set(r.elected) == {1, 2}
    assert all(row.votes is None and row.elected for row in r.candidates)


def test_blocking_errors_have_stable_codes() -> None:
    cs = cands("A", "B", "C")
    assert compute_result(WardInput("W", 1, ())).errors[0].code == "E001"
    assert compute_result(WardInput("W", 0, tuple(cs))).errors[0].code == "E002"
    dup = [*cs, Candidate(9, "a", "", "Party 1", "Party 1")]
    assert compute_result(WardInput("W", 1, tuple(dup))).errors[0].code == "E003"
    # Highworth 2019: block votes credited to every candidate
    r = compute_result(ward_from_figures("W", 1, cs, {1: 2000, 2: 300, 3: 200}, papers=1000))
    assert "E103" in {e.code for e in r.errors} and r.status is Status.INCOMPLETE
    r = compute_result(ward_from_figures("W", 2, cs, {1: 900, 2: 900, 3: 900}, papers=1000))
    assert [e.code for e in r.errors] == ["E104"]
    r = compute_result(ward_from_figures("W", 1, cs, {1: 100, 2: 50, 3: 10}, papers=1000))
    assert [e.code for e in r.errors] == ["E107"]
    r = compute_result(ward_from_figures("W", 1, cs, {1: 100, 2: 50, 3: 10},
                                         rejected={"no_official_mark": 50}, papers=20))
    assert [e.code for e in r.errors] == ["E106"]
    # one seat, papers not keyed: computed exactly (valid = the votes), never the verified total
    r = compute_result(ward_from_figures("W", 1, cs, {1: 100, 2: 50, 3: 10}))
    assert r.errors == () and (r.ballot_papers_counted, r.papers_source) == (160, "computed")
    # two seats, papers not keyed: not ready, and the error says what to key
    r = compute_result(ward_from_figures("W", 2, cs, {1: 100, 2: 50, 3: 10}))
    assert [e.code for e in r.errors] == ["E114"] and r.status is Status.INCOMPLETE
    assert "key the ballot papers counted on sheet 'Imported'" in r.errors[0].message
    r = compute_result(ward_from_figures("W", 1, cs, {1: -1, 2: 50, 3: 10}, papers=60))
    assert "E101" in {e.code for e in r.errors}
    bad = ward_from_figures("W", 1, cs, {1: 1, 2: 50, 3: 10}, papers=60)
    sheet = SheetInput("S", imported=Keying(1, "import", {"votes:1": 1.5, "votes:2": 50,  # type: ignore[dict-item]
                                                           "votes:3": 10}))
    bad = WardInput("W", 1, tuple(cs), ballot_papers_verified=60, sheets=(sheet,))
    assert "E102" in {e.code for e in compute_result(bad).errors}
    for r in (compute_result(bad),):
        assert r.elected == () and r.status is Status.INCOMPLETE


def test_errors_name_the_candidate_and_party() -> None:
    cs = cands("Smith, Jo", "Jones, Al")
    r = compute_result(ward_from_figures("W", 1, cs, {1: 2000, 2: 10}, papers=500))
    msg = next(e.message for e in r.errors if e.code == "E103")
    assert "SMITH, Jo" in msg and "Party 1" in msg and "2,000" in msg


def test_warnings_papers_differ_and_close_margin() -> None:
    cs = cands("A", "B", "C")
    sheet = SheetInput("Table 1", imported=Keying(
        1, "import", Figures({1: 500, 2: 495, 3: 100}, {}, 1095).as_fields()))
    ward = WardInput("W", 1, tuple(cs), ballot_papers_verified=1097, sheets=(sheet,))
    r = compute_result(ward)
    assert r.status is Status.READY
    assert {w.code for w in r.warnings} == {"W001", "W002"}
    assert not r.can_declare
    r = compute_result(WardInput("W", 1, tuple(cs), ballot_papers_verified=1097, sheets=(sheet,),
                                 acknowledged=frozenset({"W001", "W002"})))
    assert r.can_declare and all(w.acknowledged for w in r.warnings)


def test_close_margin_scales_with_papers() -> None:
    cs = cands("A", "B", "C")
    # margin 40 is under 0.5% of 10,000 papers
    r = compute_result(ward_from_figures("W", 1, cs, {1: 5040, 2: 5000, 3: 100}, papers=10140))
    assert "W002" in {w.code for w in r.warnings}
    r = compute_result(ward_from_figures("W", 1, cs, {1: 5200, 2: 4800, 3: 140}, papers=10140))
    assert r.warnings == ()


def test_sheets_are_added_up_and_a_sheet_keyed_twice_is_flagged() -> None:
    cs = cands("A", "B")
    f1 = Figures({1: 300, 2: 200}, {"too_many_votes": 2}, 502).as_fields()
    f2 = Figures({1: 250, 2: 240}, {"unmarked_or_void": 1}, 491).as_fields()
    sheets = (SheetInput("T1", first=Keying(1, "first", f1), second=Keying(2, "second", f1)),
              SheetInput("T2", first=Keying(3, "first", f2), second=Keying(4, "second", f2)))
    r = compute_result(WardInput("W", 1, tuple(cs), electorate=2000, sheets=sheets))
    assert r.row(1).votes == 550 and r.row(2).votes == 440
    assert r.ballot_papers_counted == 993 and r.rejected["total"] == 3
    assert r.turnout_pct == Decimal("49.65")
    sheets = (sheets[0], SheetInput("T2", first=Keying(3, "first", f1), second=Keying(4, "second", f1)))
    r = compute_result(WardInput("W", 1, tuple(cs), sheets=sheets))
    assert "W003" in {w.code for w in r.warnings}


def test_unfinished_sheets_make_the_ward_incomplete() -> None:
    cs = cands("A", "B")
    f1 = Figures({1: 300, 2: 200}, {}, 500).as_fields()
    f1b = dict(f1, **{"votes:2": 210})
    for sheets, code in [
        ((), "E204"),
        ((SheetInput("T1"),), "E201"),
        ((SheetInput("T1", first=Keying(1, "first", f1)),), "E202"),
        ((SheetInput("T1", first=Keying(1, "first", f1), second=Keying(2, "second", f1b)),), "E203"),
    ]:
        r = compute_result(WardInput("W", 1, tuple(cs), sheets=sheets))
        assert r.status is Status.INCOMPLETE
        assert [e.code for e in r.errors] == [code]
        assert all(row.votes is None for row in r.candidates)


def test_turnout_two_decimals_and_none_without_electorate() -> None:
    assert turnout(3700, 8245) == Decimal("44.88")
    assert turnout(1, 3) == Decimal("33.33")
    assert turnout(2, 3) == Decimal("66.67")
    assert turnout(100, None) is None
    assert turnout(100, 0) is None
    assert turnout(None, 100) is None


def test_ballot_order_ignores_case_accents_and_punctuation() -> None:
    names = ["Ó Súilleabháin, Áine", "O'Neill, Sean", "obrien, Kate", "Łukasz, Wróbel", "Lewis, Ann",
             "Zeta, Zoë", "Ní Bhriain, Zoë", "ap Siôn, Ŵyn", "Adams, Zak", "Adams, Anne"]
    cs = cands(*names)
    order = [f"{c.surname}, {c.forenames}" for c in ballot_order(cs)]
    assert order == ["Adams, Anne", "Adams, Zak", "ap Siôn, Ŵyn", "Lewis, Ann", "Łukasz, Wróbel",
                     "Ní Bhriain, Zoë", "obrien, Kate", "O'Neill, Sean", "Ó Súilleabháin, Áine",
                     "Zeta, Zoë"]


@pytest.mark.parametrize("seats", [1, 2, 3])
def test_result_rows_always_follow_ballot_order(seats: int) -> None:
    cs = cands("Zed", "Alpha", "Mid", "Beta")
    r = compute_result(ward_from_figures("W", seats, cs, {1: 400, 2: 300, 3: 200, 4: 100}, papers=500))
    assert [row.candidate.surname for row in r.candidates] == ["Alpha", "Beta", "Mid", "Zed"]
