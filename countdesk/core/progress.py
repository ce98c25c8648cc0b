"""Where a ward stands on the night, in the words count staff use.

Derived from the core's result only, so every front end shows the same words.
"""

from __future__ import annotations

from enum import StrEnum

from countdesk.core.entry import SheetState
from countdesk.core.model import Status
from countdesk.core.result import WardResult


class Stage(StrEnum):
    NOT_STARTED = "not started"
    VERIFIED = "verified"
    FIRST_KEYING = "first keying"
    SECOND_KEYING = "second keying"
    KEYINGS_DIFFER = "keyings differ"
    CHECK_FIGURES = "check figures"
    LOT_REQUIRED = "lot required"
    WARNING = "warning to acknowledge"
    READY = "ready"
    DECLARED = "declared"
    UNCONTESTED = "uncontested"


#: A symbol for each stage, so that colour is never the only signal.
STAGE_MARK: dict[Stage, str] = {
    Stage.NOT_STARTED: "○",
    Stage.VERIFIED: "◔",
    Stage.FIRST_KEYING: "◑",
    Stage.SECOND_KEYING: "◕",
    Stage.KEYINGS_DIFFER: "✖",
    Stage.CHECK_FIGURES: "✖",
    Stage.LOT_REQUIRED: "⚠",
    Stage.WARNING: "⚠",
    Stage.READY: "✔",
    Stage.DECLARED: "★",
    Stage.UNCONTESTED: "★",
}


def stage(result: WardResult, verified: bool, *, keying: bool = False) -> Stage:
    """The ward's stage: ``verified`` says whether a verified total is recorded, ``keying``
    whether a first keying has begun (figures saved, not yet finished).

    "Ready" only when nothing the count staff must do blocks the declaration but the
    returning officer's own steps: a warning not yet acknowledged is its own stage."""
    if result.status is Status.DECLARED:
        return Stage.DECLARED
    if result.status is Status.UNCONTESTED:
        return Stage.UNCONTESTED
    if result.status is Status.LOT_REQUIRED:
        return Stage.LOT_REQUIRED
    if result.status is Status.READY:
        return Stage.WARNING if result.unacknowledged else Stage.READY
    states = [s.state for s in result.sheets]
    if SheetState.DIFFERENT in states:
        return Stage.KEYINGS_DIFFER
    if SheetState.FIRST_ENTERED in states:
        return Stage.SECOND_KEYING
    if states and all(s is SheetState.ACCEPTED for s in states):
        return Stage.CHECK_FIGURES
    if SheetState.ACCEPTED in states:
        return Stage.FIRST_KEYING
    if keying:
        return Stage.FIRST_KEYING
    return Stage.VERIFIED if verified else Stage.NOT_STARTED
