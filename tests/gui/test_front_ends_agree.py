"""The desktop app and the command line cannot decide differently from the core.

Generated wards (seats, candidates, figures with ties common, some with no more
candidates than seats) are brought to a random point of their count by a random
history of actions; then every action is asked three ways: the core's verdict
(``desk.verdicts``), the desktop app's buttons (enabled, tooltip), and the
command line (run on a copy of the store: exit 0 exactly when the core allows it,
else exit 2 with the core's code and sentence).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from countdesk.app import AppError, Desk
from countdesk.app.files import import_election_file
from countdesk.core.workflow import Action
from countdesk.gui.main_window import MainWindow
from countdesk.gui.panel import verdict_tip
from helpers import CliResult, small_election

SURNAMES = ["Adams", "Bourne", "Clarke", "Davies", "Evans", "McDermott-Hill"]


@st.composite
def elections(draw: st.DrawFn) -> dict[str, Any]:
    seats = draw(st.integers(1, 3))
    n = draw(st.sampled_from([seats - 1, seats, *[seats + k for k in (1, 2, 3)] * 3]))
    n = max(1, n)
    pool = draw(st.lists(st.integers(100, 400), min_size=1, max_size=3))
    cands = [{"surname": SURNAMES[i], "forenames": f"Name{i}", "description": f"Party {i % 3}",
              "party": f"Party {i % 3}"} for i in range(n)]
    ward: dict[str, Any] = {"seats": seats, "candidates": cands, "electorate": 20_000}
    if n > seats:
        votes = [draw(st.sampled_from(pool)) for _ in cands]
        for c, v in zip(cands, votes, strict=True):
            c["votes"] = v
        valid = max(*votes, -(-sum(votes) // seats))
        ward["ballot_papers_verified"] = valid + 6
        ward["rejected"] = {"no_official_mark": 1, "too_many_votes": 2, "identifying_mark": 0,
                            "unmarked_or_void": 3, "rejected_in_part": 0}
    else:
        ward.pop("electorate")
    return small_election(**ward)


HISTORY = [Action.SHOW_PROVISIONAL, Action.RECORD_LOT, Action.ACKNOWLEDGE, Action.DECLARE,
           Action.RECOUNT, Action.COUNTERMAND, Action.REPORT_ERROR]


def cli_args(desk: Desk, ward: str, action: Action, out: Path) -> list[str]:
    """The command line's spelling of an action on the ward."""
    r = desk.result(ward)
    tied = r.tie.candidate_ids[0] if r.tie is not None else r.candidates[0].candidate.id
    code = r.unacknowledged[0].code if r.unacknowledged else "W002"
    return {
        Action.SHOW_PROVISIONAL: ["provisional", ward, "--by", "RO"],
        Action.RECORD_LOT: ["lot", ward, "--winner", str(tied), "--method", "coin toss"],
        Action.ACKNOWLEDGE: ["acknowledge", ward, code, "--by", "RO", "--explanation", "checked"],
        Action.DECLARE: ["declare", ward, "--out", str(out / "d.pdf")],
        Action.RECOUNT: ["recount", ward, "--requested-by", "Agent", "--granted", "--reason", "close"],
        Action.REFUSE_RECOUNT: ["recount", ward, "--requested-by", "Agent", "--refused", "--reason",
                                "margin wide"],
        Action.COUNTERMAND: ["countermand", ward, "--reason", "death of a candidate"],
        Action.REPORT_ERROR: ["report-error", ward, "--reason", "a bundle misread"],
        Action.ADD_SHEET: ["add-sheet", ward, "Table 9"],
    }[action]


def apply(desk: Desk, ward: str, action: Action) -> None:
    r = desk.result(ward)
    try:
        if action is Action.SHOW_PROVISIONAL:
            desk.show_provisional(ward)
        elif action is Action.RECORD_LOT and r.tie is not None:
            desk.record_lot(ward, r.tie.candidate_ids[0], "coin toss")
        elif action is Action.ACKNOWLEDGE:
            for w in r.unacknowledged:
                desk.acknowledge(ward, w.code, by="RO", explanation="checked")
        elif action is Action.DECLARE:
            desk.declare(ward)
        elif action is Action.RECOUNT:
            desk.request_recount(ward, "Agent", granted=True, reason="close")
            for _, sheet in desk.sheets(ward):  # key the new round the same, twice
                votes = {c.candidate.id: c.votes for c in desk.result(ward, r.round_number).candidates}
                for slot, op in (("first", "A"), ("second", "B")):
                    desk.enter_keying(ward, slot, votes, sheet=sheet.name, operator=op,
                                      papers=r.ballot_papers_counted,
                                      rejected={k: v for k, v in r.rejected.items() if k != "total"})
        elif action is Action.COUNTERMAND:
            desk.countermand(ward, "death of a candidate")
        elif action is Action.REPORT_ERROR:
            desk.report_error(ward, "a bundle misread")
    except AppError:
        pass  # not allowed at this point of the history: nothing changed


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=elections(),
       history=st.tuples(st.sampled_from([[], [Action.SHOW_PROVISIONAL, Action.RECORD_LOT, Action.ACKNOWLEDGE],
                                          [Action.SHOW_PROVISIONAL, Action.RECORD_LOT, Action.ACKNOWLEDGE,
                                           Action.DECLARE]]),
                         st.lists(st.sampled_from([a for a in HISTORY if a is not Action.COUNTERMAND] * 4
                                                  + [Action.COUNTERMAND]), max_size=4)
                         ).map(lambda t: [*t[0], *t[1]]))
def test_gui_cli_and_core_give_the_same_answer_for_every_action(
        data: dict[str, Any], history: list[Action], tmp_path: Path,
        run: Callable[..., CliResult], open_window: Callable[[Path], MainWindow]) -> None:
    case = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    case.mkdir()
    (case / "election.json").write_text(json.dumps(data), encoding="utf-8")
    db = case / "count.db"
    import_election_file(db, case / "election.json")
    ward = "Riverside"
    with Desk.open(db) as desk:
        for action in history:
            apply(desk, ward, action)
        verdicts = desk.verdicts(ward)
        for action in (Action.DECLARE, Action.RECORD_LOT):
            event(f"{action.value}: {verdicts[action].code or 'allowed'}")
        args = {a: cli_args(desk, ward, a, case) for a in (*HISTORY, Action.REFUSE_RECOUNT, Action.ADD_SHEET)}

    # the desktop app
    window = open_window(db)
    window.select_ward_by_name(ward)
    for action, (enabled, tip) in window.result_panel.action_states().items():
        assert enabled == verdicts[action].allowed, (action, tip, history)
        assert tip == verdict_tip(verdicts[action])
    for action, (enabled, tip) in window.entry_panel.action_states().items():
        if action in (Action.ADD_SHEET, Action.KEY_THIRD):  # the third keying of differing fields
            assert enabled == verdicts[action].allowed, (action, tip, history)
    window.close()

    # the command line, each action on a fresh copy of the store
    for action, cli in args.items():
        copy = case / f"{action.value}.db"
        shutil.copyfile(db, copy)
        r = run("--db", copy, *cli)
        v = verdicts[action]
        if v.allowed:
            assert r.code == 0, (action, history, r.err)
        else:
            assert r.code == 2, (action, history, r.out, r.err)
            assert f"{v.code}: {v.reason}" in r.err, (action, r.err)
