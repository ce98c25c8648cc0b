"""What the summary, the results board and the exports read from a store.

One read of every ward (its :class:`WardInfo` and the core's result) and the
order in which wards were declared, taken from the audit log (each declaration
is one audited ``declare`` action, so the log's sequence number orders them
exactly, even within one second); the stored time of declaration is the
fallback. The snapshot itself is built by :func:`countdesk.exports.gather.build_snapshot`.
"""

from __future__ import annotations

import sqlite3

from countdesk.core.records import CandidateInfo
from countdesk.core.summary import CouncilSummary
from countdesk.exports.gather import Snapshot, build_snapshot, party_colours_of
from countdesk.store import Store

#: The audit action recorded when a ward is declared.
DECLARE_ACTION = "declare"


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
    """The election as the store holds it now."""
    seq = declaration_sequence(store)
    wards = [(w, store.result(w.id)) for w in store.wards()]
    return build_snapshot(store.election(), wards, seq)


def summary(store: Store) -> CouncilSummary:
    return snapshot(store).summary


def party_colours(store: Store) -> dict[str, str]:
    """Party -> the colour (``#RRGGBB``) most of its candidates carry in set-up, where any do."""
    try:
        rows = store.conn.execute(
            "SELECT id, ward_id, surname, forenames, description, party, colour FROM candidates "
            "WHERE colour IS NOT NULL AND colour != ''").fetchall()
    except sqlite3.Error:
        return {}
    return party_colours_of(CandidateInfo(*r) for r in rows)
