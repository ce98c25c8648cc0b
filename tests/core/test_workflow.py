"""Property tests for the ward's workflow (countdesk.core.workflow), over generated
ward histories: keying, the provisional result, recounts, lots, declaration,
countermand and error reports, applied only when the workflow allows them."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from countdesk.core import Candidate, Keying, LotDraw, SheetInput, Status, WardInput, compute_result
from countdesk.core.model import Figures
from countdesk.core.workflow import (
    ACTION_WORDS,
    WORKFLOW_RULES,
    Action,
    WardState,
    check,
    figures_key,
    verdicts,
)


@st.composite
def wards(draw: st.DrawFn) -> WardInput:
    """A ward at some point of its count: candidates (sometimes no more than seats), one or
    two sheets in some keying state, figures drawn from a small pool so ties are common."""
    seats = draw(st.integers(1, 3))
    uncontested = draw(st.integers(0, 9)) == 9
    n = draw(st.integers(max(1, seats - 1), seats)) if uncontested else draw(st.integers(seats + 1, seats + 4))
    cands = tuple(Candidate(i + 1, f"Surname{i}", f"Name{i}", f"Party {i % 3}", f"Party {i % 3}")
                  for i in range(n))
    pool = draw(st.lists(st.integers(1, 40), min_size=1, max_size=3))
    sheets = []
    for s in range(draw(st.integers(1, 2))):
        votes = {c.id: draw(st.sampled_from(pool)) for c in cands}
        valid = max(*votes.values(), -(-sum(votes.values()) // seats))
        values = Figures(votes=votes, rejected={"unmarked_or_void": 1}, papers=valid + 1).as_fields()
        state = draw(st.sampled_from(["matched", "empty", "first", "different", *["matched"] * 8]))
        first = second = None
        if state != "empty":
            first = Keying(10 * s + 1, "first", values, "Op A")
        if state == "matched":
            second = Keying(10 * s + 2, "second", values, "Op B")
        if state == "different":
            other = dict(values)
            key = f"votes:{cands[0].id}"
            other[key] = other[key] + 1
            second = Keying(10 * s + 2, "second", other, "Op B")
        sheets.append(SheetInput(f"Table {s + 1}", first=first, second=second))
    return WardInput(name="Nonsuch", seats=seats, candidates=cands, electorate=10_000,
                     sheets=tuple(sheets), round_number=draw(st.integers(1, 3)),
                     acknowledged=frozenset(draw(st.sampled_from([
                         {"W001", "W002", "W003"}, set(), {"W001", "W003"}, {"W002"}]))),
                     countermanded=draw(st.integers(0, 9)) == 9)


@st.composite
def states(draw: st.DrawFn) -> WardState:
    ward = draw(wards())
    result = compute_result(ward)
    shown = draw(st.sampled_from(["never", "current", "current", "stale"]))
    key = figures_key(result)
    provisional = {"never": None, "current": key, "stale": "1:{}"}[shown]
    declared = draw(st.integers(0, 5)) == 5
    return WardState(result=result, declared=declared, countermanded=ward.countermanded,
                     provisional_key=provisional, double_entry=ward.double_entry)


SETTINGS = settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@SETTINGS
@given(states())
def test_every_verdict_is_allowed_or_refused_with_a_documented_code_and_a_sentence(state: WardState) -> None:
    for action, verdict in verdicts(state).items():
        assert verdict.action is action
        assert action in ACTION_WORDS
        if verdict.allowed:
            assert verdict.code is None and verdict.reason == ""
        else:
            assert verdict.code in WORKFLOW_RULES, verdict
            assert (verdict.reason and verdict.reason[0].islower()) or verdict.reason[0].isupper()


@SETTINGS
@given(states())
def test_a_declared_ward_is_final(state: WardState) -> None:
    state = replace(state, declared=True)
    allowed = {a for a, v in verdicts(state).items() if v.allowed}
    assert allowed == {Action.REPORT_ERROR}
    assert all(v.code == "F001" for a, v in verdicts(state).items() if a is not Action.REPORT_ERROR)


@SETTINGS
@given(states())
def test_an_error_is_reported_only_after_the_declaration(state: WardState) -> None:
    v = check(replace(state, declared=False), Action.REPORT_ERROR)
    assert not v.allowed and v.code == "F009"


@SETTINGS
@given(states())
def test_a_countermanded_poll_allows_nothing(state: WardState) -> None:
    state = replace(state, declared=False, countermanded=True)
    assert not any(v.allowed for v in verdicts(state).values())


@SETTINGS
@given(states())
def test_declare_needs_the_provisional_result_of_these_figures_any_lot_and_every_warning(
        state: WardState) -> None:
    v = check(state, Action.DECLARE)
    r = state.result
    if not v.allowed:
        event(f"declare refused {v.code}")
        return
    assert not state.declared and not state.countermanded
    if state.contested:
        assert r.status is Status.READY
        assert state.provisional_key is not None and state.provisional_key == figures_key(r)
        assert not r.unacknowledged
    event("declare allowed " + ("contested" if state.contested else "uncontested"))


@SETTINGS
@given(states())
def test_a_lot_only_after_the_provisional_result_and_only_for_a_tie(state: WardState) -> None:
    v = check(state, Action.RECORD_LOT)
    r = state.result
    expected = (not state.declared and not state.countermanded and state.contested
                and r.status is Status.LOT_REQUIRED and state.provisional_current)
    assert v.allowed == expected
    if (not state.declared and not state.countermanded and state.contested
            and r.status is Status.LOT_REQUIRED and not state.provisional_current):
        assert v.code == "F005"
    event(f"lot {'allowed' if v.allowed else v.code}")


@SETTINGS
@given(states())
def test_changed_figures_void_the_provisional_result(state: WardState) -> None:
    """Whatever was shown before, once the figures differ from those shown neither a lot
    nor the declaration of a contested ward is allowed."""
    stale = replace(state, provisional_key="0:{\"votes:1\":1}")
    assert not stale.provisional_current
    if stale.contested:
        assert not check(stale, Action.DECLARE).allowed
        assert not check(stale, Action.RECORD_LOT).allowed


@SETTINGS
@given(states())
def test_keying_is_allowed_only_where_a_sheet_can_take_it(state: WardState) -> None:
    kf = check(state, Action.KEY_FIRST)
    if kf.allowed:
        assert not state.declared and not state.countermanded and state.contested
        assert any(s.state.value in ("empty", "first_entered", "different") for s in state.result.sheets)
    acc = check(state, Action.ACCEPT_KEYING)
    if acc.allowed:
        assert any(s.state.value == "different" for s in state.result.sheets)


def _apply(ward: WardInput, state: WardState, action: Action) -> tuple[WardInput, WardState]:
    """What an allowed action does to the ward, as the application layer does it."""
    r = state.result
    if action is Action.SHOW_PROVISIONAL:
        return ward, replace(state, provisional_key=figures_key(r))
    if action is Action.RECORD_LOT:
        assert r.tie is not None
        ward = replace(ward, lots=(*ward.lots, LotDraw(r.tie.candidate_ids[0], "coin")))
    elif action is Action.ACKNOWLEDGE:
        ward = replace(ward, acknowledged=ward.acknowledged | {w.code for w in r.warnings})
    elif action is Action.RECOUNT:
        ward = replace(ward, round_number=ward.round_number + 1, lots=(), acknowledged=frozenset())
    elif action is Action.DECLARE:
        ward = replace(ward, declared=True)
        return ward, replace(state, result=compute_result(ward), declared=True)
    elif action is Action.COUNTERMAND:
        ward = replace(ward, countermanded=True)
        return ward, replace(state, result=compute_result(ward), countermanded=True)
    else:
        return ward, state
    provisional = state.provisional_key if action is not Action.RECOUNT else None
    return ward, replace(state, result=compute_result(ward), provisional_key=provisional)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(wards(), st.lists(st.sampled_from([*Action, Action.SHOW_PROVISIONAL, Action.RECORD_LOT,
                                          Action.ACKNOWLEDGE, Action.DECLARE] * 2), min_size=1, max_size=14))
def test_any_history_of_allowed_actions_declares_only_figures_shown_and_lots_on_final_figures(
        ward: WardInput, actions: list[Action]) -> None:
    ward = replace(ward, countermanded=False, lots=(), acknowledged=frozenset())
    state = WardState(result=compute_result(ward))
    shown_before_lot = True
    for action in actions:
        if not check(state, action).allowed:
            continue
        if action is Action.RECORD_LOT:
            shown_before_lot = state.provisional_current
        before = state
        ward, state = _apply(ward, state, action)
        if action is Action.DECLARE:
            event("declared in a history")
            assert (not before.contested) or before.provisional_current
            assert state.result.status is Status.DECLARED
            counted = {r.candidate.id: r.votes for r in state.result.candidates}
            assert counted == {r.candidate.id: r.votes for r in before.result.candidates}
    assert shown_before_lot


def test_the_generators_make_the_interesting_states() -> None:
    """VxAdmin's warning: a generator that makes dull wards silently skips the rules. Every
    verdict that matters must come up often enough."""
    import random

    from hypothesis import find  # noqa: F401 - documents the intent; sampling below

    seen: dict[str, int] = {}
    rng = random.Random(7)

    @settings(max_examples=600, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(states())
    def sample(state: WardState) -> None:
        for action in (Action.DECLARE, Action.RECORD_LOT):
            v = check(state, action)
            label = f"{action.value} {'allowed' if v.allowed else v.code}"
            if v.allowed and action is Action.DECLARE:
                label += " contested" if state.contested else " uncontested"
            seen[label] = seen.get(label, 0) + 1

    sample()
    rng.random()
    total = 600
    for label, share in (("declare allowed contested", 0.02), ("declare allowed uncontested", 0.02),
                         ("declare F005", 0.02), ("declare F006", 0.005), ("declare F008", 0.005),
                         ("record_lot allowed", 0.01), ("record_lot F005", 0.005)):
        assert seen.get(label, 0) >= share * total, (label, seen)
