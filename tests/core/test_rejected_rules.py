"""Property tests for the rules on rejected papers and papers counted (issue 12, items 1-2):
rejected in part only where a voter has several votes (E111) and never more than the valid
papers (E112); rejections objected to never more than the papers rejected (E113); a
multi-member ward's papers counted keyed on every sheet (E114); a one-seat ward's papers
computed exactly, never the verified total."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countdesk.core import (
    Candidate,
    Keying,
    SheetInput,
    Status,
    WardInput,
    build_keying_values,
    compute_result,
)
from countdesk.core.model import REJECTED_HEADS, Figures, add_figures
from countdesk.core.validation import FigureError


def people(n: int) -> tuple[Candidate, ...]:
    return tuple(Candidate(i + 1, f"Surname{chr(65 + i)}", f"Name{i}", f"Party {i}", f"Party {i}")
                 for i in range(n))


def ward(seats: int, sheets: list[dict[str, int]], *, verified: int | None = None) -> WardInput:
    n = max(int(k.split(":")[1]) for k in sheets[0] if k.startswith("votes:"))
    return WardInput("W", seats, people(n), ballot_papers_verified=verified,
                     sheets=tuple(SheetInput(f"S{i}", imported=Keying(i, "import", v))
                                  for i, v in enumerate(sheets, 1)))


@st.composite
def one_seat_sheet(draw: st.DrawFn) -> dict[str, int]:
    n = draw(st.integers(2, 5))
    values = {f"votes:{i}": draw(st.integers(0, 500)) for i in range(1, n + 1)}
    for h in REJECTED_HEADS:
        values[f"rejected:{h}"] = draw(st.integers(0, 20))
    return values


@given(one_seat_sheet(), st.integers(1, 5000))
def test_rejected_in_part_in_a_one_seat_ward_blocks_the_result(values: dict[str, int], in_part: int) -> None:
    r = compute_result(ward(1, [{**values, "rejected:rejected_in_part": in_part}]))
    assert "E111" in {e.code for e in r.errors}
    assert r.status is Status.INCOMPLETE and r.elected == ()
    assert "elects one councillor" in next(e.message for e in r.errors if e.code == "E111")


@given(one_seat_sheet(), st.integers(0, 5000))
def test_a_one_seat_ward_counts_its_papers_exactly(values: dict[str, int], verified: int) -> None:
    r = compute_result(ward(1, [values], verified=verified))
    heads = sum(values[f"rejected:{h}"] for h in REJECTED_HEADS)
    valid = sum(v for k, v in values.items() if k.startswith("votes:"))
    assert r.papers_source == "computed"
    assert r.ballot_papers_counted == valid + heads and r.valid_papers == valid
    # reconciling with verification stays a warning, with the difference shown
    w001 = [w for w in r.warnings if w.code == "W001"]
    assert bool(w001) == (valid + heads != verified)
    if w001:
        assert f"({valid + heads - verified:+,})" in w001[0].message


@given(st.integers(2, 5), st.integers(1, 4), st.data())
def test_a_multi_member_ward_needs_papers_on_every_sheet(seats: int, nsheets: int, data: st.DataObject) -> None:
    n = seats + 2
    sheets = []
    for _ in range(nsheets):
        votes = {f"votes:{i}": data.draw(st.integers(100, 200)) for i in range(1, n + 1)}
        sheets.append({**votes, "papers": 200 * n})
    missing = data.draw(st.sets(st.integers(0, nsheets - 1), min_size=1))
    for i in missing:
        del sheets[i]["papers"]
    r = compute_result(ward(seats, sheets, verified=200 * n * nsheets))
    assert [e.code for e in r.errors] == ["E114"] and r.status is Status.INCOMPLETE
    for i in range(nsheets):
        assert (f"'S{i + 1}'" in r.errors[0].message) == (i in missing)
    assert r.ballot_papers_counted is None and r.papers_source is None


@given(st.integers(2, 4), st.integers(0, 3000), st.integers(1, 3000))
def test_rejected_in_part_never_exceeds_the_valid_papers(seats: int, valid: int, extra: int) -> None:
    n = seats + 1
    # every valid paper carries one vote for candidate 1 (and the total fits seats x valid)
    values = {"votes:1": valid, **{f"votes:{i}": 0 for i in range(2, n + 1)},
              "papers": valid, "rejected:rejected_in_part": valid + extra}
    r = compute_result(ward(seats, [values]))
    assert "E112" in {e.code for e in r.errors} and r.status is Status.INCOMPLETE
    ok = compute_result(ward(seats, [{**values, "rejected:rejected_in_part": valid}]))
    assert "E112" not in {e.code for e in ok.errors}


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 40)), min_size=1, max_size=4))
def test_objected_to_is_summed_per_round_and_never_above_the_rejected(sheets: list[tuple[int, int]]) -> None:
    cands = people(3)
    parts = []
    for heads, objected in sheets:
        rejected = {"unmarked_or_void": heads}
        if objected > heads:
            with pytest.raises(FigureError) as exc:
                build_keying_values(cands, {1: 1, 2: 1, 3: 1}, rejected, 10 + heads, objected)
            assert exc.value.code == "E113"
            continue
        values = build_keying_values(cands, {1: 1, 2: 1, 3: 1}, rejected, 10 + heads, objected)
        assert ("objected" in values) == (objected > 0)
        parts.append(Figures.from_fields(values))
    total = add_figures(parts)
    assert total.objected == sum(p.objected for p in parts) <= total.rejected_total


def test_the_round_refuses_more_objected_than_rejected() -> None:
    values = {"votes:1": 50, "votes:2": 40, "votes:3": 10, "rejected:unmarked_or_void": 2,
              "objected": 3}
    r = compute_result(ward(1, [values]))
    assert [e.code for e in r.errors] == ["E113"]
    r = compute_result(ward(1, [{**values, "objected": 2}]))
    assert r.errors == () and r.objected == 2 and r.rejected["total"] == 2


def test_five_thousand_rejected_in_part_with_a_thousand_papers() -> None:
    """The issue's case: --rejected rejected_in_part=5000 in a ward with 1,000 papers."""
    base = {"votes:1": 600, "votes:2": 390, "votes:3": 10, "rejected:rejected_in_part": 5000}
    one = compute_result(ward(1, [base], verified=1000))
    assert {"E111", "E112"} <= {e.code for e in one.errors} and one.status is Status.INCOMPLETE
    two = compute_result(ward(2, [{**base, "papers": 1000}], verified=1000))
    assert [e.code for e in two.errors] == ["E112"] and two.status is Status.INCOMPLETE
