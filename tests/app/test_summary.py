"""The council summary (countdesk.core.summary): property tests for its rules, the demo's
2018 outcome, and ``countdesk summary``.

The generators make small councils of a few wards and four parties with random
declaration orders, so that councils decided early, hung councils, holds and
gains are all common; ``test_generators_reach_every_outcome`` proves each is
reachable.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from countdesk.app import Desk
from countdesk.core import Candidate, Status, WardInput, WardResult, compute_result, ward_from_figures
from countdesk.core.summary import (
    NO_OVERALL_CONTROL,
    WardEntry,
    control_words,
    council_summary,
    majority_of,
    party_adjective,
    party_key,
    previous_control,
    summary_dict,
)
from countdesk.core.workflow import Action

PARTIES = ["Liberal Democrats", "Conservative", "Labour Party", "Independent"]


@st.composite
def ward_pair(draw: st.DrawFn, index: int, favourite: str | None = None) -> tuple[WardResult, WardResult]:
    """One ward's result before and after its declaration (never with a pending lot)."""
    seats = draw(st.integers(1, 3))
    uncontested = draw(st.integers(0, 9)) == 0
    n = seats if uncontested else draw(st.integers(seats + 1, seats + 4))
    cands = [Candidate(index * 100 + i, f"Surname{i}", f"Name{i}", party, party)
             for i, party in enumerate(draw(st.lists(st.sampled_from(PARTIES + [favourite] * 4
                                                                     if favourite else PARTIES),
                                                     min_size=n, max_size=n)))]
    name = f"Ward {index}"
    if uncontested:
        ward = WardInput(name, seats, tuple(cands))
        return compute_result(ward), compute_result(WardInput(name, seats, tuple(cands), declared=True))
    votes_list = draw(st.lists(st.integers(0, 400), min_size=n, max_size=n, unique=True))
    votes = {c.id: v for c, v in zip(cands, votes_list, strict=True)}
    valid = max(*votes_list, -(-sum(votes_list) // seats))
    rejected = draw(st.integers(0, 9))
    electorate = draw(st.none() | st.integers(valid + rejected, 5 * (valid + rejected) + 10))

    def make(declared: bool) -> WardResult:
        return compute_result(ward_from_figures(
            name, seats, cands, votes, rejected={"too_many_votes": rejected},
            papers=valid + rejected, electorate=electorate, declared=declared))

    return make(False), make(True)


@st.composite
def elections(draw: st.DrawFn) -> tuple[list[tuple[WardResult, WardResult]], list[int], dict[str, int]]:
    # sometimes one party stands far more candidates, so that majorities are common too; the
    # previous council is usually known, and often run by that party, so holds are common
    favourite = draw(st.none() | st.sampled_from(PARTIES))
    previous = draw(st.just({}) | st.dictionaries(st.sampled_from(PARTIES), st.integers(0, 12),
                                                  min_size=1, max_size=4))
    if favourite is not None and draw(st.booleans()):
        previous = {favourite: draw(st.integers(6, 12)), **{p: 1 for p in PARTIES[:2] if p != favourite}}
    n = draw(st.integers(1, 7))
    wards = [draw(ward_pair(i, favourite)) for i in range(n)]
    order = draw(st.permutations(list(range(n))))
    return wards, list(order), previous


def entries_after(wards: list[tuple[WardResult, WardResult]], order: list[int], k: int) -> list[WardEntry]:
    """Every ward, the first ``k`` of ``order`` declared (in that order)."""
    done = {w: seq for seq, w in enumerate(order[:k])}
    return [WardEntry(after if i in done else before, done.get(i))
            for i, (before, after) in enumerate(wards)]


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(elections(), st.data())
def test_seats_come_only_from_declared_wards(election: Any, data: st.DataObject) -> None:
    wards, order, previous = election
    k = data.draw(st.integers(0, len(order)))
    entries = entries_after(wards, order, k)
    s = council_summary(entries, previous)
    declared = [e.result for e in entries if e.result.status is Status.DECLARED]
    assert s.wards_declared == len(declared) == k
    assert s.wards_total == len(wards)
    assert sum(p.seats for p in s.parties) == sum(len(r.elected) for r in declared) == s.seats_declared
    assert len(s.councillors) == s.seats_declared
    for p in s.parties:
        assert p.seats == sum(1 for r in declared for cid in r.elected
                              if party_key(r.row(cid).candidate.party) == party_key(p.party))
    counted = sum(row.votes or 0 for r in declared for row in r.candidates)
    assert s.votes_total == sum(p.votes for p in s.parties) == counted
    assert s.declared_order == tuple(wards[i][0].ward for i in order[:k])
    assert s.latest == (wards[order[k - 1]][0].ward if k else None)


@FAST
@given(elections())
def test_majority_is_more_than_half_of_all_seats(election: Any) -> None:
    wards, order, previous = election
    s = council_summary(entries_after(wards, order, 0), previous)
    assert s.seats_total == sum(before.seats for before, _ in wards)
    assert 2 * s.majority > s.seats_total >= 2 * (s.majority - 1)
    assert s.majority == majority_of(s.seats_total)


@FAST
@given(elections())
def test_a_decided_outcome_never_changes_and_names_the_deciding_ward(election: Any) -> None:
    wards, order, previous = election
    final = council_summary(entries_after(wards, order, len(order)), previous)
    assert final.control_decided and final.control is not None, "every ward in decides control"
    first_decided: int | None = None
    for k in range(len(order) + 1):
        s = council_summary(entries_after(wards, order, k), previous)
        if first_decided is not None:
            assert s.control_decided, "a decided outcome was undecided by a later declaration"
        if s.control_decided:
            if first_decided is None:
                first_decided = k
            assert s.control == final.control
            assert s.controlling_party == final.controlling_party
            assert s.control_decided_wards == first_decided
            assert s.control_decided_after == (wards[order[first_decided - 1]][0].ward
                                                if first_decided else None)
        else:
            assert s.control is None and s.control_decided_after is None
    assert final.control_decided_wards == first_decided


@FAST
@given(elections(), st.data())
def test_control_follows_the_seats(election: Any, data: st.DataObject) -> None:
    wards, order, previous = election
    k = data.draw(st.integers(0, len(order)))
    s = council_summary(entries_after(wards, order, k), previous)
    leaders = [p for p in s.parties if p.seats >= s.majority]
    assert len(leaders) <= 1
    if leaders:
        assert s.control_decided and s.controlling_party == leaders[0].party
    else:
        assert s.controlling_party is None
        # NOC is decided only when nobody can still reach a majority
        assert s.control_decided == all(p.most_possible < s.majority for p in s.parties)
    before = previous_control(previous)
    if s.control_decided:
        assert s.control == control_words(s.controlling_party or NO_OVERALL_CONTROL, before)
        if s.controlling_party and before and party_key(before) == party_key(s.controlling_party):
            assert s.control.endswith(" hold")
        if s.controlling_party is None:
            assert NO_OVERALL_CONTROL in s.control


@FAST
@given(elections(), st.data())
def test_change_is_seats_less_previous_holdings(election: Any, data: st.DataObject) -> None:
    wards, order, previous = election
    k = data.draw(st.integers(0, len(order)))
    s = council_summary(entries_after(wards, order, k), previous)
    if sum(previous.values()) == 0:
        assert all(p.change is None and p.previous is None for p in s.parties)
        assert s.previous_control is None
        return
    for p in s.parties:
        assert p.previous == sum(n for q, n in previous.items() if party_key(q) == party_key(p.party))
        assert p.change == p.seats - p.previous
    assert sum(p.change or 0 for p in s.parties) == s.seats_declared - sum(previous.values())


@FAST
@given(elections(), st.data())
def test_turnout_is_papers_over_electorate_of_declared_wards(election: Any, data: st.DataObject) -> None:
    wards, order, previous = election
    k = data.draw(st.integers(0, len(order)))
    s = council_summary(entries_after(wards, order, k), previous)
    used = [wards[i][1] for i in order[:k]
            if wards[i][1].electorate and wards[i][1].ballot_papers_counted is not None
            and wards[i][1].candidates[0].votes is not None]
    assert s.electorate == sum(r.electorate or 0 for r in used)
    assert s.ballot_papers_counted == sum(r.ballot_papers_counted or 0 for r in used)
    if not used:
        assert s.turnout_pct is None
        return
    assert s.turnout_pct is not None
    lows = [r.turnout_pct for r in used if r.turnout_pct is not None]
    assert min(lows) - Decimal("0.01") <= s.turnout_pct <= max(lows) + Decimal("0.01")


def test_generators_reach_every_outcome() -> None:
    """Each interesting case is common, so the properties above are not vacuous."""
    seen: list[tuple[bool, bool, str]] = []

    @seed(2018)
    @settings(max_examples=300, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(elections())
    def sample(e: Any) -> None:
        wards, order, previous = e
        early = council_summary(entries_after(wards, order, len(order) - 1), previous)
        final = council_summary(entries_after(wards, order, len(order)), previous)
        seen.append((len(order) >= 3 and early.control_decided and early.controlling_party is not None,
                     len(order) >= 3 and early.control_decided and early.controlling_party is None,
                     final.control or ""))

    sample()
    share = {
        "a majority decided before the last ward": sum(a for a, _, _ in seen),
        "no overall control decided before the last ward": sum(b for _, b, _ in seen),
        "a hold": sum(c.endswith(" hold") for _, _, c in seen),
        "a gain": sum(" gain from " in c for _, _, c in seen),
        "a loss to no overall control": sum(" lose to " in c for _, _, c in seen),
    }
    for what, n in share.items():
        assert n >= 0.04 * len(seen), f"only {n} of {len(seen)} generated councils had {what}"


@pytest.mark.parametrize(("name", "adjective"), [
    ("Liberal Democrats", "Liberal Democrat"), ("Liberal Democrat", "Liberal Democrat"),
    ("The Conservative Party Candidate", "Conservative"), ("Conservative and Unionist Party", "Conservative"),
    ("Labour Party", "Labour"), ("Labour and Co-operative Party", "Labour"), ("Green Party", "Green"),
    ("UK Independence Party (UKIP)", "UKIP"), ("Scottish National Party (SNP)", "SNP"),
    ("Plaid Cymru - The Party of Wales", "Plaid Cymru"), ("Independent", "Independent"), ("", "Independent"),
    ("Sutton Residents' Association", "Sutton Residents' Association"), ("The Yorkshire Party", "Yorkshire"),
])
def test_party_adjectives(name: str, adjective: str) -> None:
    assert party_adjective(name) == adjective


@pytest.mark.parametrize(("now", "before", "words"), [
    ("Liberal Democrats", "Liberal Democrats", "Liberal Democrat hold"),
    ("Conservative", NO_OVERALL_CONTROL, "Conservative gain from No overall control"),
    ("Labour Party", "Conservative", "Labour gain from Conservative"),
    (NO_OVERALL_CONTROL, "Conservative", "Conservative lose to No overall control"),
    (NO_OVERALL_CONTROL, NO_OVERALL_CONTROL, "No overall control"),
    (NO_OVERALL_CONTROL, None, "No overall control"),
    ("Green Party", None, "Green win"),
])
def test_control_words(now: str, before: str | None, words: str) -> None:
    assert control_words(now, before) == words


# ----------------------------------------------------------------- the demo
def show_provisional(store: Desk) -> None:
    for w in store.wards():
        if store.check(w.id, Action.SHOW_PROVISIONAL).allowed:
            store.show_provisional(w.id, by="RO")


def declare_all(store: Desk) -> None:
    show_provisional(store)
    nonsuch = store.ward("Nonsuch")
    tie = store.result(nonsuch.id).tie
    assert tie is not None
    winner = next(c for c in tie.candidate_ids
                  if store.result(nonsuch.id).row(c).candidate.surname == "McDermott-Hill")
    store.record_lot(nonsuch.id, winner, "coin toss")
    for w in store.wards():
        for warning in store.result(w.id).unacknowledged:
            store.acknowledge(w.id, warning.code, by="RO", explanation="checked")
        store.declare(w.id)


def test_demo_gives_suttons_2018_outcome(demo_db: Path, run: Callable[..., Any]) -> None:
    r = run("--db", demo_db, "summary", "--json")
    assert r.code == 0, r.err
    before = r.json()
    assert before["wards_declared"] == 0 and before["control"] is None
    assert before["control_decided"] is False
    with Desk.open(demo_db) as store:
        declare_all(store)
    r = run("--db", demo_db, "summary", "--json")
    data = r.json()
    assert data["seats_total"] == 54 and data["majority"] == 28
    assert (data["wards_declared"], data["wards_total"]) == (18, 18)
    seats = {p["party"]: (p["seats"], p["change"]) for p in data["parties"]}
    assert seats["Liberal Democrats"] == (33, -12)
    assert seats["Conservative"] == (18, 9)
    assert seats["Independent"] == (3, 3)
    assert data["control"] == "Liberal Democrat hold"
    # declared in ward order, the Liberal Democrats reach 28 with the 16th ward
    assert data["control_decided_after"] == "Wallington South"
    assert data["control_decided_wards"] == 16
    assert data["turnout_pct"] == pytest.approx(
        100 * data["ballot_papers_counted"] / data["electorate"], abs=0.01)
    assert sum(p["votes"] for p in data["parties"]) == data["votes_total"]
    assert {"party", "seats", "change", "votes"} <= set(data["parties"][0])
    assert len(data["councillors"]) == 54

    text = run("--db", demo_db, "summary")
    assert text.code == 0
    assert "Liberal Democrat hold" in text.out
    assert "decided by the declaration of Wallington South" in text.out
    assert "Liberal Democrats" in text.out and "-12" in text.out and "+9" in text.out


def test_summary_while_counting_says_what_is_needed(demo_db: Path, run: Callable[..., Any]) -> None:
    with Desk.open(demo_db) as store:
        show_provisional(store)
        for name in ("Belmont", "Cheam"):
            ward = store.ward(name)
            for warning in store.result(ward.id).unacknowledged:
                store.acknowledge(ward.id, warning.code, by="RO", explanation="checked")
            store.declare(ward.id)
    r = run("--db", demo_db, "summary")
    assert r.code == 0
    assert "2 of 18 wards declared" in r.out
    assert "not yet decided" in r.out
    assert summary_dict(council_summary([]))["seats_total"] == 0
