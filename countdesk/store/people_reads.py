"""Reads about the people at the desk: who keys an unfinished keying, and the warnings
acknowledged (who, why, when)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from countdesk.core.people import Acknowledgement

if TYPE_CHECKING:
    from countdesk.store.db import Store


def draft_operator(store: Store, sheet_id: int, slot: str) -> str | None:
    """The operator named on the latest saved figure of the unfinished ``slot`` keying of a
    sheet (None: no figure saved yet, or none named)."""
    upto = store.conn.execute(
        "SELECT COALESCE(MAX(draft_upto), 0) FROM keyings WHERE sheet_id = ? AND slot = ?",
        (sheet_id, slot)).fetchone()[0]
    row = store.conn.execute(
        "SELECT operator FROM draft_values WHERE sheet_id = ? AND slot = ? AND id > ? "
        "AND operator IS NOT NULL ORDER BY id DESC LIMIT 1", (sheet_id, slot, upto)).fetchone()
    return None if row is None else str(row[0])


def acknowledgements(store: Store, round_id: int) -> list[Acknowledgement]:
    """The warnings acknowledged in a round, oldest first."""
    has_explanation = any(r[1] == "explanation" for r in store.conn.execute(
        "PRAGMA table_info(acknowledgements)"))
    column = "explanation" if has_explanation else "NULL"
    return [Acknowledgement(r[0], r[1], r[2], r[3], r[4]) for r in store.conn.execute(
        f"SELECT a.code, a.by, {column}, a.at, r.number FROM acknowledgements a "
        "JOIN rounds r ON r.id = a.round_id WHERE a.round_id = ? ORDER BY a.id", (round_id,))]
