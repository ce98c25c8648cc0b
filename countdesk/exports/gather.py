"""What the summary, the results board and the exports read from a store.

One read of every ward (its :class:`WardInfo` and the core's result) and the
order in which wards were declared, taken from the audit log (each declaration
is one audited ``declare`` action, so the log's sequence number orders them
exactly, even within one second); the stored time of declaration is the
fallback.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from countdesk.core import WardResult
from countdesk.core.summary import CouncilSummary, WardEntry, council_summary
from countdesk.store import ElectionInfo, Store, WardInfo

#: The audit action recorded by ``Store.declare``.
DECLARE_ACTION = "declare"


@dataclass(frozen=True)
class Ward:
    info: WardInfo
    result: WardResult
    declared_seq: int | None

    @property
    def declared(self) -> bool:
        return self.info.declared_at is not None

    @property
    def entry(self) -> WardEntry:
        return WardEntry(self.result, self.declared_seq, self.info.declared_at)


@dataclass(frozen=True)
class Snapshot:
    """The election as the store holds it now."""

    election: ElectionInfo
    wards: tuple[Ward, ...]  # in ward order

    @property
    def summary(self) -> CouncilSummary:
        return council_summary([w.entry for w in self.wards], self.election.previous_seats)


def declaration_sequence(store: Store) -> dict[int, int]:
    """Ward id -> the audit sequence number of its declaration."""
    try:
        rows = store.conn.execute(
            "SELECT ward_id, MAX(seq) FROM audit WHERE action = ? AND ward_id IS NOT NULL "
            "GROUP BY ward_id", (DECLARE_ACTION,)).fetchall()
    except sqlite3.Error:
        return {}
    return {int(w): int(s) for w, s in rows}


def snapshot(store: Store) -> Snapshot:
    seq = declaration_sequence(store)
    wards = tuple(Ward(w, store.result(w.id), seq.get(w.id) if w.declared_at else None)
                  for w in store.wards())
    return Snapshot(store.election(), wards)


def summary(store: Store) -> CouncilSummary:
    return snapshot(store).summary


def party_colours(store: Store) -> dict[str, str]:
    """Party -> the colour (``#RRGGBB``) most of its candidates carry in set-up, where any do."""
    try:
        rows = store.conn.execute(
            "SELECT party, colour, COUNT(*) AS n FROM candidates "
            "WHERE colour IS NOT NULL AND colour != '' GROUP BY party, colour "
            "ORDER BY n DESC, colour").fetchall()
    except sqlite3.Error:
        return {}
    out: dict[str, str] = {}
    for party, colour, _ in rows:
        out.setdefault(party, colour)
    return out
