"""The election as the summary, the results board and the exports see it, built from records.

Pure functions over the records of :mod:`countdesk.core.records` and the core's
results; no store here. :func:`countdesk.app.gather.snapshot` reads a store and
calls :func:`build_snapshot`; :func:`countdesk.app.gather.party_colours` calls
:func:`party_colours_of`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from countdesk.core import WardResult
from countdesk.core.records import CandidateInfo, ElectionInfo, WardInfo
from countdesk.core.summary import CouncilSummary, WardEntry, council_summary


@dataclass(frozen=True)
class Ward:
    info: WardInfo
    result: WardResult
    #: the order of its declaration among the wards (None: not declared)
    declared_seq: int | None

    @property
    def declared(self) -> bool:
        return self.info.declared_at is not None

    @property
    def entry(self) -> WardEntry:
        return WardEntry(self.result, self.declared_seq, self.info.declared_at)


@dataclass(frozen=True)
class Snapshot:
    """The election at one moment: every ward with its result."""

    election: ElectionInfo
    wards: tuple[Ward, ...]  # in ward order

    @property
    def summary(self) -> CouncilSummary:
        return council_summary([w.entry for w in self.wards], self.election.previous_seats)


def build_snapshot(election: ElectionInfo, wards: Iterable[tuple[WardInfo, WardResult]],
                   declared_order: Mapping[int, int] | None = None) -> Snapshot:
    """The snapshot of ``election`` from each ward's record and result, in ward order.

    ``declared_order`` maps a ward id to a number that orders the declarations
    (e.g. the audit sequence number of each ``declare``); a ward not declared gets
    none, whatever the mapping says. Wards missing from it fall back to their time
    of declaration in the summary.
    """
    order = declared_order or {}
    return Snapshot(election, tuple(
        Ward(info, result, order.get(info.id) if info.declared_at else None)
        for info, result in wards))


def party_colours_of(candidates: Iterable[CandidateInfo]) -> dict[str, str]:
    """Party -> the colour (``#RRGGBB``) most of its candidates carry, where any carry one
    (a tie between colours goes to the one first in text order)."""
    counts = Counter((c.party, c.colour) for c in candidates if c.colour)
    out: dict[str, str] = {}
    for (party, colour), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1])):
        out.setdefault(party, colour or "")
    return out
