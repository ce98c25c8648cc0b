"""A ward's stage in the overview says what blocks it (issue 16, finding 8): "ready" only
when no warning waits to be acknowledged, "first keying" while a first keying is under way."""

from __future__ import annotations

from countdesk.core import Candidate, Keying, SheetInput, WardInput, compute_result
from countdesk.core.model import Figures
from countdesk.core.progress import STAGE_MARK, Stage, stage


def _cands() -> tuple[Candidate, ...]:
    return tuple(Candidate(i, n, "A", f"Party {i}", f"Party {i}") for i, n in enumerate("ABC", 1))


def _close_ward(acknowledged: frozenset[str] = frozenset()) -> WardInput:
    sheet = SheetInput("Table 1", imported=Keying(
        1, "import", Figures({1: 500, 2: 495, 3: 100}, {}, 1095).as_fields()))
    return WardInput("W", 1, _cands(), ballot_papers_verified=1095, sheets=(sheet,),
                     acknowledged=acknowledged)


def test_a_warning_to_acknowledge_is_not_ready() -> None:
    r = compute_result(_close_ward())
    assert [w.code for w in r.unacknowledged] == ["W002"]
    assert stage(r, True) is Stage.WARNING
    assert STAGE_MARK[Stage.WARNING] == "⚠"
    r = compute_result(_close_ward(frozenset({"W002"})))
    assert r.can_declare and stage(r, True) is Stage.READY


def test_a_first_keying_under_way_says_so() -> None:
    r = compute_result(WardInput("W", 1, _cands(), ballot_papers_verified=1095,
                                 sheets=(SheetInput("Table 1"),)))
    assert stage(r, True) is Stage.VERIFIED
    assert stage(r, True, keying=True) is Stage.FIRST_KEYING
    assert stage(r, False, keying=True) is Stage.FIRST_KEYING
