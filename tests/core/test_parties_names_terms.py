"""Registered parties (party ids), names and positions as on the ballot paper, and terms of
office (issue 12, items 7-9): the core's rules, with property tests."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countdesk.core import Candidate, LotDraw, Status, WardInput, compute_result, ward_from_figures
from countdesk.core.ballot import (
    ballot_order,
    computed_order,
    positions_notice,
    positions_problem,
    setup_notices,
)
from countdesk.core.electionfile import ElectionFileError, parse_election
from countdesk.core.parties import (
    INDEPENDENT,
    PartyIdError,
    clean_party_id,
    is_independent,
    party_group,
    party_names,
)
from countdesk.core.serialize import result_dict
from countdesk.core.summary import WardEntry, candidate_party_key, council_summary, party_key

# ------------------------------------------------------------------ party ids


@pytest.mark.parametrize("text, expected", [
    ("PP53", "PP53"), ("pp53", "PP53"), (" PP 53 ", "PP53"), ("PP053", "PP53"),
    ("joint-party:53-119", "joint-party:53-119"), ("ynmp-party:2", "ynmp-party:2"),
    ("", None), ("   ", None), (None, None)])
def test_party_ids_are_read_in_their_canonical_form(text: str | None, expected: str | None) -> None:
    assert clean_party_id(text) == expected


@pytest.mark.parametrize("text", ["Labour", "53", "PP", "PP53a", "P53", "party:53", "PP-53"])
def test_a_party_id_that_is_not_one_is_refused_in_words(text: str) -> None:
    with pytest.raises(PartyIdError, match="is not a party id: use the Electoral Commission's"):
        clean_party_id(text)


DESCRIPTIONS = ["Welsh Labour", "Labour Party", "Labour and Co-operative Party", "Llafur Cymru",
                "The Labour Party Candidate", "Independent", "Local Conservatives", "", "Green"]


def _cand(i: int, description: str, party: str | None = None, party_id: str | None = None
          ) -> Candidate:
    return Candidate(i, f"S{i}", "A", description, party if party is not None else description,
                     party_id)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DESCRIPTIONS), st.sampled_from(DESCRIPTIONS)),
                min_size=1, max_size=8),
       st.sampled_from(["PP53", "PP52", "PP9999", "ynmp-party:2"]))
def test_candidates_with_the_same_party_id_are_one_party_whatever_their_descriptions(
        labels: list[tuple[str, str]], pid: str) -> None:
    cands = [_cand(i, d, p, pid) for i, (d, p) in enumerate(labels, 1)]
    names = party_names(cands)
    keys = {candidate_party_key(c, names) for c in cands}
    assert len(keys) == 1
    groups = {party_group(c, names) for c in cands}
    assert len(groups) == 1
    # the name shown: the table's for a well-known id, else the party of the first candidate
    assert groups == {{"PP53": "Labour Party", "PP52": "Conservative and Unionist Party",
                       "ynmp-party:2": INDEPENDENT}.get(pid, cands[0].party or cands[0].description
                                                        or pid)}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*DESCRIPTIONS, "Annibynnol", "Independent Residents"]),
                          st.sampled_from(DESCRIPTIONS)), min_size=1, max_size=8))
def test_without_an_id_independents_are_one_party_and_others_keep_their_grouping(
        labels: list[tuple[str, str]]) -> None:
    cands = [_cand(i, d, p) for i, (d, p) in enumerate(labels, 1)]
    names = party_names(cands)
    assert names == {}
    for c in cands:
        if "independent" in (c.description + c.party).lower() or "annibynnol" in c.description.lower():
            assert is_independent(c)
            assert party_group(c, names) == INDEPENDENT
        else:
            # today's grouping: by the party name (its adjective)
            assert candidate_party_key(c, names) == party_key(c.party or INDEPENDENT)


def test_an_id_wins_over_an_independent_description() -> None:
    c = _cand(1, "Independent Labour", "Independent Labour", "PP53")
    assert not is_independent(c)
    assert party_group(c, party_names([c])) == "Labour Party"


def _declared(name: str, cands: list[Candidate], votes: list[int], seats: int = 1
              ) -> WardEntry:
    ward = ward_from_figures(name, seats, cands, {c.id: v for c, v in zip(cands, votes, strict=True)},
                             papers=sum(votes), declared=True)
    result = compute_result(ward)
    assert result.status is Status.DECLARED, result.errors
    return WardEntry(result)


def test_a_welsh_summary_with_welsh_labour_and_labour_party_under_pp53_shows_one_labour_party(
        ) -> None:
    # Done-when of issue 12: "Welsh Labour gain from Labour" no more.
    w1 = [Candidate(1, "Jones", "Carys", "Welsh Labour", "Welsh Labour", "PP53"),
          Candidate(2, "Price", "Dafydd", "Plaid Cymru - The Party of Wales", "Plaid Cymru", "PP77"),
          Candidate(3, "Evans", "Bryn", "Annibynnol / Independent", "Annibynnol / Independent")]
    w2 = [Candidate(4, "Morgan", "Elin", "Labour Party", "Labour Party", "PP53"),
          Candidate(5, "Hughes", "Gwen", "Welsh Conservatives", "Welsh Conservatives", "PP52"),
          Candidate(6, "Roberts", "Iwan", "Independent", "Independent")]
    w3 = [Candidate(7, "Davies", "Siân", "Llafur Cymru / Welsh Labour", "Welsh Labour", "PP53"),
          Candidate(8, "Thomas", "Huw", "Annibynnol", "Annibynnol")]
    entries = [_declared("Aber", w1, [900, 500, 100]), _declared("Bryn", w2, [800, 700, 50]),
               _declared("Cwm", w3, [300, 600])]
    summary = council_summary(entries, {"Labour": 2, "Independent": 1})
    labour = [p for p in summary.parties if "labour" in p.party.lower()]
    assert len(labour) == 1
    assert labour[0].party == "Labour Party"
    assert labour[0].seats == 2 and labour[0].candidates == 3 and labour[0].votes == 2000
    assert labour[0].previous == 2 and labour[0].change == 0
    independents = [p for p in summary.parties if p.party == INDEPENDENT]
    assert len(independents) == 1 and independents[0].seats == 1 and independents[0].candidates == 3
    assert {p.party for p in summary.parties} == {"Labour Party", INDEPENDENT,
                                                   "Plaid Cymru - The Party of Wales",
                                                   "Conservative and Unionist Party"}
    assert [c.party for c in summary.councillors] == ["Labour Party", "Labour Party", INDEPENDENT]
    assert summary.control == "Labour hold"
    assert "Welsh Labour" not in str(summary)


# ----------------------------------------------------------- ballot positions


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.permutations(list(range(1, n + 1)))))
def test_printed_positions_given_for_every_candidate_are_the_order(perm: list[int]) -> None:
    cands = [Candidate(i, f"Name{i}", "A", "x", "x", ballot_position=p)
             for i, p in enumerate(perm, 1)]
    assert positions_problem(cands) is None
    assert [c.ballot_position for c in ballot_order(cands)] == sorted(perm)
    computed = [c.id for c in computed_order(cands)]
    printed = [c.id for c in ballot_order(cands)]
    assert (positions_notice(cands) is None) == (computed == printed)
    # a notice, never a refusal
    assert len(setup_notices(cands)) == (0 if computed == printed else 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.integers(-1, 10), min_size=2, max_size=8))
def test_positions_with_gaps_repeats_or_missing_are_refused_and_not_used(
        positions: list[int | None]) -> None:
    cands = [Candidate(i, f"Name{i}", "A", "x", "x", ballot_position=p)
             for i, p in enumerate(positions, 1)]
    given_all = all(p is not None for p in positions)
    valid = given_all and sorted(p for p in positions if p is not None) == list(
        range(1, len(positions) + 1))
    none_given = all(p is None for p in positions)
    problem = positions_problem(cands)
    assert (problem is None) == (valid or none_given)
    if problem is not None:
        assert ballot_order(cands) == computed_order(cands)
        assert "\n" not in problem


def test_the_refusals_of_positions_say_what_is_wrong() -> None:
    def cands(*ps: int | None) -> list[Candidate]:
        return [Candidate(i, f"Name{i}", "A", "x", "x", ballot_position=p)
                for i, p in enumerate(ps, 1)]
    assert positions_problem(cands(1, 1, 2)) == ("NAME1, A and NAME2, A both have ballot position "
                                                 "1: each position is used once")
    assert positions_problem(cands(1, 2, 4)) == ("NAME3, A has ballot position 4, but the ward has 3 "
                                                 "candidates: positions run from 1 to 3")
    assert positions_problem(cands(1, None, 2)) == (
        "NAME2, A has no ballot position but other candidates have one: give a position to every "
        "candidate of the ward or to none")


def test_mac_before_mc_when_the_printed_statement_says_so() -> None:
    mc = Candidate(1, "McDonald", "Ann", "x", "x", ballot_position=2)
    mac = Candidate(2, "MacDonald", "Bob", "x", "x", ballot_position=1)
    # computed: "macdonald" < "mcdonald" already; swap them to make the printed order differ
    mc2, mac2 = dataclasses.replace(mc, ballot_position=1), dataclasses.replace(mac, ballot_position=2)
    assert [c.id for c in ballot_order([mc, mac])] == [2, 1]
    assert positions_notice([mc, mac]) is None
    assert [c.id for c in ballot_order([mc2, mac2])] == [1, 2]
    notice = positions_notice([mc2, mac2])
    assert notice is not None and "position 1 is MCDONALD, Ann, alphabetically MACDONALD, Bob" in notice


def test_commonly_used_names_are_the_ballot_paper_name_and_the_full_name_stays() -> None:
    c = Candidate(1, "Smith-Jones", "Robert William", "Labour Party", "Labour", "PP53",
                  commonly_used_forenames="Bob", commonly_used_surname="Smith")
    assert c.ballot_paper_name == "SMITH, Bob"
    assert c.ballot_name == "SMITH-JONES, Robert William"
    assert c.paper_display_name == "Bob Smith"
    only_fore = dataclasses.replace(c, commonly_used_surname="")
    assert only_fore.ballot_paper_name == "SMITH-JONES, Bob"


# ----------------------------------------------------------- terms of office

TERMS = ((4, 2), (2, 1))


def _terms_ward(votes: list[int], terms: tuple[tuple[int, int], ...] = TERMS,
                lots: tuple[LotDraw, ...] = ()) -> WardInput:
    seats = sum(n for _, n in terms)
    cands = [Candidate(i, f"Name{i}", "A", "x", "x") for i in range(1, len(votes) + 1)]
    ward = ward_from_figures("St John's", seats, cands,
                             {c.id: v for c, v in zip(cands, votes, strict=True)},
                             papers=max(*votes, -(-sum(votes) // seats)), lots=lots)
    return dataclasses.replace(ward, terms=terms)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([10, 20, 30, 40]) | st.integers(0, 50), min_size=4, max_size=7),
       st.sampled_from([((4, 2), (2, 1)), ((4, 1), (2, 2)), ((4, 1), (3, 1), (1, 1))]))
def test_the_elected_with_most_votes_take_the_longer_terms(
        votes: list[int], terms: tuple[tuple[int, int], ...]) -> None:
    ward = _terms_ward(votes, terms)
    r = compute_result(ward)
    lots: list[LotDraw] = []
    while r.status is Status.LOT_REQUIRED:  # draw every lot (seats, then terms) for the first tied
        assert r.tie is not None and r.terms == {}
        lots.append(LotDraw(r.tie.candidate_ids[0], "coin"))
        r = compute_result(dataclasses.replace(ward, lots=tuple(lots)))
    assert r.status is Status.READY, r.errors
    assert sorted(r.terms) == sorted(r.elected)
    assert sorted(r.terms.values(), reverse=True) == [y for y, n in terms for _ in range(n)]
    for a in r.elected:
        for b in r.elected:
            if r.row(a).declared_votes > r.row(b).declared_votes:  # type: ignore[operator]
                assert r.terms[a] >= r.terms[b]
    assert all(row["term"] == r.terms.get(row["id"]) for row in result_dict(r)["candidates"])


def test_an_equality_for_the_longer_term_is_decided_by_lot() -> None:
    ward = _terms_ward([500, 400, 400, 100, 90])
    r = compute_result(ward)
    assert r.status is Status.LOT_REQUIRED
    assert r.tie is not None and r.tie.kind == "term" and r.tie.years == 4
    assert r.tie.candidate_ids == (2, 3) and r.tie.seats == 1
    assert r.tie.stake == "1 seat with the longer term (4 years)"
    assert [r.row(i).elected for i in (1, 2, 3, 4, 5)] == [True, True, True, False, False]
    assert result_dict(r)["tie"] == {"votes": 400, "candidate_ids": [2, 3], "seats": 1,
                                     "kind": "term", "years": 4}
    after = compute_result(dataclasses.replace(ward, lots=(LotDraw(3, "cut of cards"),)))
    assert after.status is Status.READY and after.tie is None
    assert after.terms == {1: 4, 3: 4, 2: 2}
    assert after.row(3).declared_votes == 401 and after.row(3).lot_winner


def test_a_lot_for_the_last_seat_comes_first_then_the_terms() -> None:
    ward = _terms_ward([500, 300, 300, 300, 100])  # three tied for two seats (4y and 2y at stake)
    r = compute_result(ward)
    assert r.tie is not None and r.tie.kind == "seat" and r.tie.seats == 2
    r = compute_result(dataclasses.replace(ward, lots=(LotDraw(2, "coin"),)))
    # 2 now has 301: elected with the longer term; 3 and 4 still tied for the last seat
    assert r.tie is not None and r.tie.kind == "seat" and r.tie.candidate_ids == (3, 4)
    r = compute_result(dataclasses.replace(ward, lots=(LotDraw(2, "coin"), LotDraw(4, "coin"))))
    # 2 and 4 both have 301 now: the longer term is between them
    assert r.tie is not None and r.tie.kind == "term" and r.tie.candidate_ids == (2, 4)
    r = compute_result(dataclasses.replace(
        ward, lots=(LotDraw(2, "coin"), LotDraw(4, "coin"), LotDraw(4, "coin"))))
    assert r.status is Status.READY and r.terms == {1: 4, 4: 4, 2: 2}


def test_an_ordinary_ward_has_no_term_key_and_its_json_is_unchanged() -> None:
    cands = [Candidate(i, f"Name{i}", "A", "x", "x") for i in range(1, 4)]
    r = compute_result(ward_from_figures("W", 2, cands, {1: 30, 2: 20, 3: 10}, papers=40))
    data = result_dict(r)
    assert r.terms == {} and all("term" not in c for c in data["candidates"])
    assert data["tie"] is None


def _file(**ward: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "St John's", "seats": 3,
        "candidates": [{"surname": f"N{i}", "forenames": "A", "description": "x"} for i in range(5)]}
    base.update(ward)
    return {"format": "countdesk-election/1", "authority": "Ipswich Borough Council",
            "title": "Borough Council Election", "poll_date": "2024-05-02", "wards": [base]}


def test_the_election_file_reads_terms_party_ids_names_and_positions() -> None:
    data = _file(terms=[{"years": 2, "seats": 1}, {"years": 4, "seats": 2}])
    cands = data["wards"][0]["candidates"]  # type: ignore[index]
    cands[0].update(party_id="pp53", commonly_used_forenames="Bob", ballot_position=1)
    for i, c in enumerate(cands[1:], 2):
        c["ballot_position"] = i
    spec = parse_election(data)
    ward = spec.wards[0]
    assert ward.terms == ((4, 2), (2, 1))
    assert ward.candidates[0].party_id == "PP53"
    assert ward.candidates[0].commonly_used_forenames == "Bob"
    assert [c.ballot_position for c in ward.candidates] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("change, words", [
    ({"terms": [{"years": 4, "seats": 2}, {"years": 2, "seats": 2}]},
     "the terms' seats add up to 4, but the ward elects 3"),
    ({"terms": [{"years": 4, "seats": 2}, {"years": 4, "seats": 1}]}, "two terms have the same length"),
    ({"terms": [{"years": 4}]}, "needs \"years\" and \"seats\""),
    ({"terms": [{"years": 4, "seats": 3, "from": 2024}]}, "unknown field 'from'"),
    ({"terms": []}, "must be a list"),
    ({"terms": [{"years": 0, "seats": 3}]}, "at least 1 year"),
])
def test_bad_terms_are_refused_in_words(change: dict[str, object], words: str) -> None:
    with pytest.raises(ElectionFileError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse_election(_file(**change))
