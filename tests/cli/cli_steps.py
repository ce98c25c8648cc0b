"""Steps the command-line tests share: the provisional result shown, lots drawn, wards declared.

(A module of its own, not ``tests/cli/conftest.py``: conftest files outside packages all
import as ``conftest``, so a second one would shadow ``tests/conftest.py`` for every test
module that imports from it.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from countdesk.app import Desk
from countdesk.core.workflow import Action
from helpers import CliResult

Run = Callable[..., CliResult]


def provisional(run: Run, db: Path, ward: str, *extra: Any) -> CliResult:
    """Show the ward's provisional result to candidates and agents (rule 46(2)): the step the
    workflow needs before a lot or the declaration."""
    r = run("--db", db, "provisional", ward, *extra)
    assert r.code == 0, r.err
    return r


def show(desk: Desk, ward: str | int) -> None:
    """The provisional result of the ward's current figures shown (once)."""
    if desk.check(ward, Action.SHOW_PROVISIONAL).allowed:
        desk.show_provisional(ward, by="Deputy RO")


def ready_nonsuch(desk: Desk, passphrase: str | None = None) -> int:
    """The demo's Nonsuch made ready to declare: provisional result shown, the lot drawn
    (McDermott-Hill, 72, wins), W002 acknowledged."""
    ward = desk.ward("nonsuch").id
    show(desk, ward)
    desk.record_lot(ward, 72, "coin toss", ["Agent"], passphrase=passphrase)
    desk.acknowledge(ward, "W002", by="RO", explanation="checked")
    return ward


def declare(desk: Desk, names: list[str], passphrase: str | None = None) -> None:
    """Declare the named wards the way the count does it: provisional result shown, the
    Nonsuch lot to McDermott-Hill where there is a tie, every warning acknowledged."""
    for name in names:
        ward = desk.ward(name).id
        show(desk, ward)
        r = desk.result(ward)
        if r.tie is not None:
            winner = next(c for c in r.tie.candidate_ids
                          if r.row(c).candidate.surname == "McDermott-Hill")
            desk.record_lot(ward, winner, "coin toss", ["Agent for Bourne"], passphrase=passphrase)
        for w in desk.result(ward).unacknowledged:
            desk.acknowledge(ward, w.code, by="RO", explanation="checked")
        desk.declare(ward, passphrase=passphrase)
