"""Steps the publishing tests share: the demo election counted and declared, ward by ward.

(A module of its own: test modules import it as ``from publish_steps import ...``.)
"""

from __future__ import annotations

import inspect
from pathlib import Path

from countdesk.app import Desk
from countdesk.core.workflow import Action


def acknowledge(desk: Desk, ward: int, code: str) -> None:
    """Acknowledge a warning, naming who and why where this countdesk asks for them."""
    params = inspect.signature(desk.acknowledge).parameters
    extra: dict[str, str] = {}
    if "by" in params:
        extra["by"] = "Supervisor"
    if "explanation" in params:
        extra["explanation"] = "Figures checked against the sheets"
    desk.acknowledge(ward, code, **extra)


def declare(desk: Desk, names: list[str] | None = None) -> None:
    """Declare the named wards (every ward that can be when None) as the count does: the provisional
    result shown, the Nonsuch lot to McDermott-Hill (elsewhere to the first tied), every warning
    acknowledged."""
    wards = [desk.ward(n) for n in names] if names is not None else list(desk.wards())
    for w in wards:
        ward = w.id
        if desk.check(ward, Action.SHOW_PROVISIONAL).allowed:
            desk.show_provisional(ward, by="Deputy RO")
        r = desk.result(ward)
        if r.tie is not None:
            winner = next((c for c in r.tie.candidate_ids
                           if r.row(c).candidate.surname == "McDermott-Hill"), r.tie.candidate_ids[0])
            desk.record_lot(ward, winner, "coin toss", ["Agent for Bourne"])
        for warning in desk.result(ward).unacknowledged:
            acknowledge(desk, ward, warning.code)
        if names is None and not desk.check(ward, Action.DECLARE).allowed:
            continue  # every ward that can be: one still being counted stays so
        desk.declare(ward)


def declared_demo(db: Path, names: list[str] | None = None) -> Path:
    with Desk.open(db) as desk:
        declare(desk, names)
    return db
