"""The press pack: the council-level state of the parties and the timings of the count.

The state of the parties is the council summary's (:func:`countdesk.core.summary.council_summary`)
figures as the press association takes them: each party's seats won, the change against the
seats held before, and the council's control and majority. The timings are the count records'
(:meth:`countdesk.app.count_records_ops.CountRecordOps.timings`) with the expected time of
declaration the returning officer gave for each ward.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from countdesk.core.count_records import WardTimings
from countdesk.exports.formats import safe_cell
from countdesk.exports.gather import Snapshot

STATE_FORMAT = "countdesk-state-of-parties/1"
TIMINGS_FORMAT = "countdesk-timings/1"

STATE_COLUMNS = ("party", "seats", "previous_seats", "change", "votes", "vote_share_pct",
                 "candidates")
TIMINGS_COLUMNS = ("ward", "expected_declaration", "first_box_at", "first_keying_at",
                   "provisional_at", "declared_at")


def state_of_parties(snap: Snapshot, generated_at: str) -> dict[str, Any]:
    s = snap.summary
    el = snap.election
    return {
        "format": STATE_FORMAT,
        "authority": el.authority, "title": el.title, "poll_date": el.poll_date,
        "generated_at": generated_at,
        "complete": s.complete,
        "wards_declared": s.wards_declared, "wards_total": s.wards_total,
        "seats_declared": s.seats_declared, "seats_total": s.seats_total,
        "majority": s.majority,
        "control": s.control if s.control_decided else None,
        "control_decided": s.control_decided,
        "controlling_party": s.controlling_party,
        "previous_control": s.previous_control,
        "parties": [
            {"party": p.party, "seats": p.seats, "previous_seats": p.previous,
             # the change compares the whole council: given once every ward is in
             "change": p.change if s.complete else None,
             "votes": p.votes,
             "vote_share_pct": None if p.vote_share_pct is None else str(p.vote_share_pct),
             "candidates": p.candidates}
            for p in s.parties],
    }


def timings_rows(timings: Sequence[WardTimings], expected: Mapping[int, str]) -> list[dict[str, Any]]:
    return [{"ward": t.ward, "expected_declaration": expected.get(t.ward_id),
             "first_box_at": t.first_box_at, "first_keying_at": t.first_keying_at,
             "provisional_at": t.provisional_at, "declared_at": t.declared_at}
            for t in timings]


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def _csv(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else safe_cell(str(row[k])) for k in columns})
    return buf.getvalue().encode("utf-8-sig")


def press_files(snap: Snapshot, generated_at: str, timings: Sequence[WardTimings],
                expected: Mapping[int, str]) -> dict[str, bytes]:
    """``press/state-of-parties.json|csv`` and ``press/timings.json|csv``."""
    state = state_of_parties(snap, generated_at)
    rows = timings_rows(timings, expected)
    el = snap.election
    return {
        "press/state-of-parties.json": _json(state),
        "press/state-of-parties.csv": _csv(STATE_COLUMNS, state["parties"]),
        "press/timings.json": _json({"format": TIMINGS_FORMAT, "authority": el.authority,
                                     "poll_date": el.poll_date, "generated_at": generated_at,
                                     "times": "ISO 8601, UTC; expected_declaration: HH:MM, UK "
                                              "local time", "wards": rows}),
        "press/timings.csv": _csv(TIMINGS_COLUMNS, rows),
    }
