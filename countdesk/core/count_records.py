"""The count's records beyond the figures: the recount record and the timings.

Pure: the application layer reads the store (recount requests, each round's result,
the audit log) and these functions and records shape what the documents print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from countdesk.core.result import WardResult

#: The types of recount request: a full recount, or a re-check of named bundles.
RECOUNT_KINDS: dict[str, str] = {
    "full": "full recount",
    "bundles": "re-check of named bundles",
}


@dataclass(frozen=True)
class RecountRequest:
    """One recount request, as recorded: who asked, its type, the decision and the reason."""

    id: int
    round_number: int  # the round whose figures the request was about
    requested_by: str
    granted: bool
    reason: str
    decided_by: str | None
    at: str
    kind: str = "full"  # a key of RECOUNT_KINDS ("full" for requests of an older store)
    bundles: tuple[str, ...] = ()

    @property
    def kind_words(self) -> str:
        words = RECOUNT_KINDS.get(self.kind, self.kind)
        if self.kind == "bundles" and self.bundles:
            words += ": " + ", ".join(self.bundles)
        return words

    @property
    def decision(self) -> str:
        return "granted" if self.granted else "refused"


@dataclass(frozen=True)
class RecountRecord:
    """A ward's rounds (each round's result) and every recount request, for the record."""

    ward_id: int
    ward: str
    rounds: tuple[WardResult, ...]
    requests: tuple[RecountRequest, ...]


# ------------------------------------------------------------------ timings
#: Audit actions of the verification of ballot boxes (the whole list, or one box).
VERIFY_ACTIONS = frozenset({"set verification"})
#: Audit actions of a keyed figure or a finished keying (first or second).
KEYING_PREFIXES = ("first keying", "second keying")
PROVISIONAL_ACTION = "show provisional result"
DECLARE_ACTION = "declare"


@dataclass(frozen=True)
class WardTimings:
    """When a ward reached each stage of its count (ISO times; None where not yet)."""

    ward_id: int
    ward: str
    first_box_at: str | None = None
    first_keying_at: str | None = None
    #: the latest showing of the provisional result (the one a declaration follows)
    provisional_at: str | None = None
    declared_at: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"ward": self.ward, "first_box_at": self.first_box_at,
                "first_keying_at": self.first_keying_at, "provisional_at": self.provisional_at,
                "declared_at": self.declared_at}


def stage_of(action: str) -> str | None:
    """The timing an audit action marks (a field of :class:`WardTimings`), or None."""
    if action in VERIFY_ACTIONS:
        return "first_box_at"
    if action.startswith(KEYING_PREFIXES):
        return "first_keying_at"
    if action == PROVISIONAL_ACTION:
        return "provisional_at"
    if action == DECLARE_ACTION:
        return "declared_at"
    return None


def timings(wards: Sequence[tuple[int, str]],
            audit: Iterable[tuple[str, int | None, str]]) -> list[WardTimings]:
    """Each ward's timings from the audit log: ``wards`` as (id, name) in their order, and
    the audit records as (action, ward id, time) in the order they were written. The first
    box, first keying and declaration are the earliest of their actions; the provisional
    result is the latest showing. Records of other wards, or of no ward, are ignored."""
    found: dict[int, dict[str, str]] = {wid: {} for wid, _ in wards}
    for action, ward_id, at in audit:
        if ward_id not in found:
            continue
        stage = stage_of(action)
        if stage is None:
            continue
        seen = found[ward_id]
        if stage == "provisional_at" or stage not in seen:
            seen[stage] = at
    return [WardTimings(wid, name, **found[wid]) for wid, name in wards]
