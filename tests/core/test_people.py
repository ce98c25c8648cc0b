"""Who is at the desk, and settling differing keyings by a third keying of only the
differing fields (issue 16, finding 4 and items 13-14): property tests of the core rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countdesk.core import Candidate, Keying, SheetInput, SheetState, sheet_status
from countdesk.core.entry import THIRD_SOURCE, EntryRefused, check_transition, empty_fields, resolve_by_thirds
from countdesk.core.people import (
    decider_refusal,
    explanation_refusal,
    keyer_refusal,
    keyers,
    same_person,
)

NAMES = ["Ann Smith", "Bob Jones", "Chloé Evans", "Dafydd ap Ifan", "Łukasz Wróbel"]
FIELDS = ["votes:1", "votes:2", "votes:3", "rejected:no_official_mark", "papers"]


@st.composite
def spellings(draw: st.DrawFn, name: str) -> str:
    """The same person's name as a tired operator might type it: any case, extra spaces."""
    words = name.split()
    cased = [draw(st.sampled_from([w, w.upper(), w.lower(), w.title()])) for w in words]
    gaps = [draw(st.sampled_from([" ", "  ", "\t"])) for _ in words[1:]]
    out = cased[0] + "".join(g + w for g, w in zip(gaps, cased[1:], strict=True))
    return draw(st.sampled_from(["", " ", "  "])) + out + draw(st.sampled_from(["", " "]))


@given(st.sampled_from(NAMES).flatmap(lambda n: st.tuples(st.just(n), spellings(n))))
def test_the_same_name_typed_differently_is_one_person(pair: tuple[str, str]) -> None:
    name, typed = pair
    assert same_person(name, typed)
    first = SheetInput("Table 1", first=Keying(1, "first", {"votes:1": 5}, name))
    refusal = keyer_refusal("second", typed, first)
    assert refusal is not None and refusal[0] == "A006"
    differ = SheetInput("Table 1", first=Keying(1, "first", {"votes:1": 5}, "Someone"),
                        second=Keying(2, "second", {"votes:1": 6}, name))
    for slot in ("third",):
        r = keyer_refusal(slot, typed, differ)
        assert r is not None and r[0] == "A006"
    r = decider_refusal(typed, [differ], "accepting a keying")
    assert r is not None and r[0] == "A024"


@given(st.sampled_from(NAMES), st.sampled_from(NAMES))
def test_two_different_people_may_key_and_a_third_may_decide(a: str, b: str) -> None:
    sheet = SheetInput("T", first=Keying(1, "first", {"votes:1": 5}, a))
    allowed = keyer_refusal("second", b, sheet)
    assert (allowed is None) == (a != b)
    both = SheetInput("T", first=Keying(1, "first", {"votes:1": 5}, a),
                      second=Keying(2, "second", {"votes:1": 6}, b))
    others = [n for n in NAMES if n not in (a, b)]
    assert decider_refusal(others[0], [both], "acknowledging W002") is None
    assert keyer_refusal("third", others[0], both) is None
    assert set(keyers([both])) == {a, b}


def test_names_are_required_where_they_are_checked() -> None:
    sheet = SheetInput("T", first=Keying(1, "first", {"votes:1": 5}, "Ann"))
    for blank in (None, "", "   "):
        assert keyer_refusal("second", blank, sheet) == (
            "A008", "the second keying of sheet 'T' needs the name of the operator keying it: it "
            "is checked against the other keyings by name")
        assert keyer_refusal("second", blank, sheet, double_entry=False) is None
        assert keyer_refusal("first", blank, SheetInput("T")) is None
        r = decider_refusal(blank, [sheet], "accepting a keying")
        assert r is not None and r[0] == "A023"
        r = explanation_refusal(blank, "W002")
        assert r is not None and r[0] == "A025"
    assert explanation_refusal("recounted box 3", "W002") is None


@st.composite
def differing_sheets(draw: st.DrawFn) -> tuple[SheetInput, dict[str, int], dict[str, int]]:
    first = {f: draw(st.integers(0, 50)) for f in FIELDS}
    second = dict(first)
    changed = draw(st.lists(st.sampled_from(FIELDS), min_size=1, unique=True))
    for f in changed:
        second[f] = first[f] + draw(st.integers(1, 9))
    return (SheetInput("T", first=Keying(10, "first", first, "Ann"),
                       second=Keying(11, "second", second, "Bob")), first, second)


@given(differing_sheets(), st.data())
def test_a_third_keying_settles_each_differing_field_to_one_of_the_two(
        case: tuple[SheetInput, dict[str, int], dict[str, int]], data: st.DataObject) -> None:
    sheet, first, second = case
    status = sheet_status(sheet, True)
    assert status.state is SheetState.DIFFERENT
    diffs = status.differences
    # for each differing field the third person keys the first's value, the second's, or
    # something else
    choice = {f: data.draw(st.sampled_from(["first", "second", "neither"])) for f in diffs}
    third = {f: first[f] if c == "first" else second[f] if c == "second" else first[f] + second[f] + 1
             for f, c in choice.items()}
    settled = SheetInput(sheet.name, first=sheet.first, second=sheet.second,
                         thirds=(Keying(12, "third", third, "Cat"),))
    after = sheet_status(settled, True)
    neither = tuple(f for f in diffs if choice[f] == "neither")
    if neither:
        assert after.state is SheetState.DIFFERENT
        assert after.differences == neither  # only these are left to settle
    else:
        assert after.state is SheetState.ACCEPTED and after.source == THIRD_SOURCE
        assert after.figures is not None
        fields = after.figures.as_fields()
        for f in FIELDS:  # a field that did not differ keeps the agreed value
            assert fields[f] == (third[f] if f in diffs else first[f])
    # a follow-up third keying of only the fields left settles them
    if neither:
        more = Keying(13, "third", {f: second[f] for f in neither}, "Dee")
        again = SheetInput(sheet.name, first=sheet.first, second=sheet.second,
                           thirds=(*settled.thirds, more))
        assert sheet_status(again, True).state is SheetState.ACCEPTED


@given(differing_sheets())
def test_a_third_keying_made_before_a_re_keying_does_not_count(
        case: tuple[SheetInput, dict[str, int], dict[str, int]]) -> None:
    sheet, first, _second = case
    assert sheet.first is not None and sheet.second is not None
    diffs = sheet_status(sheet, True).differences
    early = Keying(5, "third", {f: first[f] for f in diffs}, "Cat")  # older than both keyings
    stale = SheetInput(sheet.name, first=sheet.first, second=sheet.second, thirds=(early,))
    assert sheet_status(stale, True).state is SheetState.DIFFERENT
    merged, left = resolve_by_thirds(sheet.first, sheet.second, (early,), diffs)
    assert merged is None and left == diffs


def test_a_third_keying_is_taken_only_where_the_keyings_differ() -> None:
    same = SheetInput("T", first=Keying(1, "first", {"votes:1": 5}, "A"),
                      second=Keying(2, "second", {"votes:1": 5}, "B"))
    status = sheet_status(same, True)
    with pytest.raises(EntryRefused):
        check_transition(status, "third", True)
    differ = SheetInput("T", first=Keying(1, "first", {"votes:1": 5}, "A"),
                        second=Keying(2, "second", {"votes:1": 6}, "B"))
    check_transition(sheet_status(differ, True), "third", True)


@given(st.integers(1, 3), st.dictionaries(st.sampled_from(
    ["votes:1", "votes:2", "rejected:no_official_mark", "rejected:too_many_votes",
     "rejected:identifying_mark", "rejected:unmarked_or_void", "rejected:rejected_in_part",
     "papers", "objected"]), st.integers(0, 5) | st.none()))
def test_empty_figures_are_named_never_taken_as_zero(seats: int, values: dict[str, int | None]) -> None:
    cands = [Candidate(1, "Adams", "A", "P", "P"), Candidate(2, "Bourne", "B", "Q", "Q")]
    empty = set(empty_fields(values, cands, seats=seats))
    for f in ("votes:1", "votes:2", "rejected:no_official_mark", "rejected:too_many_votes",
              "rejected:identifying_mark", "rejected:unmarked_or_void"):
        assert (f in empty) == (values.get(f) is None)
    for f in ("papers", "rejected:rejected_in_part"):
        assert (f in empty) == (seats > 1 and values.get(f) is None)
    heads = sum(values.get(f) or 0 for f in ("rejected:no_official_mark", "rejected:too_many_votes",
                                             "rejected:identifying_mark", "rejected:unmarked_or_void"))
    assert ("objected" in empty) == (heads > 0 and values.get("objected") is None)
    assert 0 not in [values.get(f) for f in empty]  # a typed 0 is a figure, not an empty one
