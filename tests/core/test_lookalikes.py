"""One candidate entered twice is found even when the second entry only *looks* the same:
zero-width and filler characters, a Cyrillic or Greek look-alike letter, a compatibility form
(issue 14, finding 12). Different names stay different."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countdesk.core import Candidate, compute_result, ward_from_figures
from countdesk.core.ballot import lookalike, same_person
from countdesk.core.electionfile import ElectionFileError, parse_election

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\u3164", "\u115f", "\u00ad"]
LOOKALIKES = {"A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
              "C": "С", "T": "Т", "X": "Х", "a": "а", "e": "е", "o": "о", "p": "р", "c": "с",
              "y": "у", "x": "х", "i": "і"}
NAMES = ["Adams", "Bourne", "McDermott-Hill", "Patel", "Okonkwo", "Crabtree", "Fairbrother", "Smith"]


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(NAMES))
    out = []
    for letter in name:
        out.append(LOOKALIKES[letter] if letter in LOOKALIKES and draw(st.booleans()) else letter)
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return name, "".join(out)


@settings(max_examples=300)
@given(disguised())
def test_a_disguised_copy_of_a_name_is_the_same_person(pair: tuple[str, str]) -> None:
    name, copy = pair
    assert lookalike(copy) == lookalike(name)
    a = Candidate(1, name, "Ann", "Labour Party", "Labour")
    b = Candidate(2, copy, "Ann", "Labour Party", "Labour")
    assert same_person(a, b)


@given(st.sampled_from(NAMES), st.sampled_from(NAMES))
def test_different_names_stay_different(a: str, b: str) -> None:
    assert (lookalike(a) == lookalike(b)) == (a == b)


def test_compatibility_forms_fold_too() -> None:
    assert lookalike("Ａｄａｍｓ") == lookalike("Adams")  # fullwidth letters
    assert lookalike("ﬁnn") == lookalike("finn")  # a ligature


def test_the_core_names_both_entries() -> None:
    ward = ward_from_figures("Riverside", 1, [Candidate(1, "Adams", "Ann", "Labour Party", "Labour"),
                                              Candidate(2, "Аdams", "Ann", "Labour Party", "Labour")],
                             {1: 10, 2: 10}, papers=20)
    (err,) = [e for e in compute_result(ward).errors if e.code == "E003"]
    assert "entered twice" in err.message and "also as" in err.message


def test_an_election_file_with_a_look_alike_twice_is_refused_naming_both() -> None:
    ward = {"name": "Riverside", "seats": 1, "candidates": [
        {"surname": "Adams", "forenames": "Ann", "description": "Labour Party"},
        {"surname": "\u0410dams", "forenames": "Ann", "description": "Labour Party"},  # Cyrillic А
        {"surname": "Brown", "forenames": "Bob", "description": "Green Party"}]}
    data = {"format": "countdesk-election/1", "authority": "Borough", "title": "Election",
            "poll_date": "2026-05-07", "wards": [ward]}
    with pytest.raises(ElectionFileError, match=r"listed twice \(also as"):
        parse_election(data)
