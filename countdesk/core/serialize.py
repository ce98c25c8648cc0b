"""Plain-data forms of a result (for ``result --json``, exports and digests)."""

from __future__ import annotations

from typing import Any

from countdesk.core.result import WardResult
from countdesk.core.validation import Issue


def issue_dict(issue: Issue) -> dict[str, Any]:
    out: dict[str, Any] = {"code": issue.code, "message": issue.message}
    if not issue.blocking:
        out["acknowledged"] = issue.acknowledged
    return out


def result_dict(result: WardResult) -> dict[str, Any]:
    out = _result_dict(result)
    if result.term_lengths:  # only where the ward has terms: other wards' digests stay as they were
        for row in out["candidates"]:
            row["term"] = result.terms.get(row["id"])
    if result.tie is not None and result.tie.kind == "term":
        out["tie"]["kind"] = "term"
        out["tie"]["years"] = result.tie.years
    return out


def _result_dict(result: WardResult) -> dict[str, Any]:
    return {
        "ward": result.ward,
        "seats": result.seats,
        "unfilled_seats": result.unfilled_seats,
        "status": result.status.value,
        "round": result.round_number,
        "candidates": [
            {
                "id": r.candidate.id,
                "surname": r.candidate.surname,
                "forenames": r.candidate.forenames,
                "description": r.candidate.description,
                "party": r.candidate.party,
                "votes": r.votes,
                "declared_votes": r.declared_votes,
                "position": r.position,
                "elected": r.elected,
                "lot_winner": r.lot_winner,
            }
            for r in result.candidates
        ],
        "elected": list(result.elected),
        "tie": None if result.tie is None else {
            "votes": result.tie.votes,
            "candidate_ids": list(result.tie.candidate_ids),
            "seats": result.tie.seats,
        },
        "lots": [
            {"winner_id": lot.winner_id, "method": lot.method, "witnesses": list(lot.witnesses),
             "drawn_at": lot.drawn_at}
            for lot in result.lots
        ],
        "margin": result.margin,
        "ballot_papers_counted": result.ballot_papers_counted,
        "ballot_papers_source": result.papers_source,
        "valid_papers": result.valid_papers,
        "rejected": dict(result.rejected),
        "rejections_objected": result.objected,
        "electorate": result.electorate,
        "turnout_pct": None if result.turnout_pct is None else float(result.turnout_pct),
        "sheets": [
            {"name": s.name, "state": s.state.value, "source": s.source,
             "differences": list(s.differences)}
            for s in result.sheets
        ],
        "errors": [issue_dict(e) for e in result.errors],
        "warnings": [issue_dict(w) for w in result.warnings],
    }
