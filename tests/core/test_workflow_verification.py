"""Property tests: a ballot box whose variance at verification is not explained keeps the
ward from the count (F017), and nothing else of the workflow changes; and the timings of
the count read from the audit log (countdesk.core.count_records)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from test_workflow import SETTINGS, states

from countdesk.core.count_records import stage_of, timings
from countdesk.core.workflow import HELD_BY_VERIFICATION, WORKFLOW_RULES, Action, WardState, check

LABELS = st.lists(st.sampled_from(["Box 1", "Box 2 (Cheam Library)", "Postal 1", "Station 4",
                                   "Box 5", "Box 6", "Box 7"]), min_size=1, max_size=7, unique=True)


@SETTINGS
@given(states(), LABELS)
def test_an_unexplained_variance_holds_the_count_and_nothing_else(state: WardState,
                                                                  boxes: list[str]) -> None:
    held = replace(state, unexplained_boxes=tuple(boxes))
    assert held.verification_unexplained and not state.verification_unexplained
    final = state.declared or state.countermanded or not state.contested
    for action in Action:
        before, after = check(state, action), check(held, action)
        if final or action not in HELD_BY_VERIFICATION:
            assert after == before  # declared, countermanded, uncontested, or another action
            continue
        assert not after.allowed and after.code == "F017"
        assert "F017" in WORKFLOW_RULES
        for label in boxes[:5]:
            assert label in after.reason
        if len(boxes) > 5:
            assert f"and {len(boxes) - 5} more" in after.reason
        assert "explain the variance" in after.reason and "recount the" in after.reason
        assert state.result.ward in after.reason and "\n" not in after.reason


@SETTINGS
@given(states())
def test_with_every_variance_explained_f017_is_never_given(state: WardState) -> None:
    assert all(check(state, a).code != "F017" for a in Action)


def test_keying_and_declaring_are_exactly_the_held_actions() -> None:
    assert {Action.KEY_FIRST, Action.KEY_SECOND} <= HELD_BY_VERIFICATION
    assert Action.REFUSE_RECOUNT not in HELD_BY_VERIFICATION  # a request is always recorded
    assert Action.COUNTERMAND not in HELD_BY_VERIFICATION


ACTIONS = st.sampled_from(["set verification", "explain verification variance", "first keying: value",
                           "second keying", "first keying", "show provisional result", "declare",
                           "recount granted", "add count sheet", "import election"])
AUDIT = st.lists(st.tuples(ACTIONS, st.sampled_from([1, 2, 3, None])), max_size=40)


@SETTINGS
@given(AUDIT)
def test_timings_are_the_first_of_each_stage_and_the_last_provisional(
        records: list[tuple[str, int | None]]) -> None:
    audit = [(action, ward, f"2026-05-07T{22 + i // 60 % 2:02d}:{i % 60:02d}:00Z")
             for i, (action, ward) in enumerate(records)]
    wards = [(1, "Belmont"), (2, "Cheam")]  # ward 3 is not asked for: its records are ignored
    got = timings(wards, audit)
    assert [t.ward for t in got] == ["Belmont", "Cheam"]
    for t in got:
        mine = [(a, at) for a, w, at in audit if w == t.ward_id]
        for stage in ("first_box_at", "first_keying_at", "provisional_at", "declared_at"):
            times = [at for a, at in mine if stage_of(a) == stage]
            want = (times[-1] if stage == "provisional_at" else times[0]) if times else None
            assert getattr(t, stage) == want
        assert set(t.as_json()) == {"ward", "first_box_at", "first_keying_at", "provisional_at",
                                    "declared_at"}
