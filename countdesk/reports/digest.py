"""The result digest: SHA-256 over the canonical form of a declared result.

The digest ties a printed sheet to the result in the store: the short form is
printed in the footer, the full form goes into the PDF's metadata (inside the
signature), and ``countdesk verify --db`` recomputes it from the store.

The canonical form is JSON with sorted keys, no spaces and UTF-8 text
(``ensure_ascii=False``), so the same result always gives the same digest on
every machine. What goes in is everything the sheet shows: the election, the
ward, each candidate's counted and declared votes and elected mark, the lots,
the rejected papers, electorate, papers counted and turnout, and when and by
whom it was declared. Internal bookkeeping (sheet states, warning texts, the
status word) is left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from countdesk.core import WardResult
from countdesk.core.records import ElectionInfo, VerificationSummary, WardInfo
from countdesk.core.serialize import result_dict

RESULT_FORMAT = "countdesk-result-digest/1"
NOTICE_FORMAT = "countdesk-notice-digest/1"
VERIFICATION_FORMAT = "countdesk-verification-digest/1"

#: Keys of ``result_dict`` that are bookkeeping, not part of the result shown.
_VOLATILE = ("status", "sheets", "errors", "warnings")


def canonical_json(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_payload(election: ElectionInfo, ward: WardInfo, result: WardResult) -> dict[str, Any]:
    """The plain data the result digest is taken over."""
    data = result_dict(result)
    for key in _VOLATILE:
        data.pop(key, None)
    if not data.get("unfilled_seats"):
        data.pop("unfilled_seats", None)  # digests of wards with every seat filled stay as they were
    if not data.get("rejections_objected"):
        data.pop("rejections_objected", None)  # nor do those of wards where none was objected to
    # a Decimal printed as text, not a float: "44.88", identical everywhere
    data["turnout_pct"] = None if result.turnout_pct is None else str(result.turnout_pct)
    return {
        "format": RESULT_FORMAT,
        "authority": election.authority,
        "title": election.title,
        "poll_date": election.poll_date,
        "returning_officer": election.returning_officer,
        "ward_id": ward.id,
        "ward": ward.name,
        "declared_at": ward.declared_at,
        "declared_by": ward.declared_by,
        "result": data,
    }


def result_digest(election: ElectionInfo, ward: WardInfo, result: WardResult) -> str:
    """The full digest (64 hex digits) of one ward's result."""
    return sha256_hex(canonical_json(result_payload(election, ward, result)))


def notice_digest(election: ElectionInfo, entries: Sequence[tuple[WardInfo, WardResult]]) -> str:
    """The digest of a notice of election result: every ward's declared result, in order.

    Wards not yet declared enter as ``null``: the notice says so, and a notice
    printed before a ward was declared no longer matches once it is. A ward whose
    poll was countermanded also carries the countermand (when, by whom, why), as
    the notice prints it; other wards' entries are as they always were.
    """
    wards: list[dict[str, Any]] = []
    for w, r in entries:
        entry: dict[str, Any] = {"ward_id": w.id, "ward": w.name,
                                 "digest": result_digest(election, w, r) if w.declared_at else None}
        if w.countermanded_at is not None and not w.declared_at:
            entry["countermanded"] = {"at": w.countermanded_at, "by": w.countermanded_by,
                                      "reason": w.countermand_reason}
        wards.append(entry)
    payload = {
        "format": NOTICE_FORMAT,
        "authority": election.authority,
        "title": election.title,
        "poll_date": election.poll_date,
        "wards": wards,
    }
    return sha256_hex(canonical_json(payload))


def verification_digest(election: ElectionInfo, ward: WardInfo, result: WardResult,
                        summary: VerificationSummary | None) -> str:
    """The digest of a statement of the result of the verification: the ward's result and
    every verification entry, with the explanation of any variance."""
    payload: dict[str, Any] = {
        "format": VERIFICATION_FORMAT,
        "result": result_payload(election, ward, result),
        "boxes": None if summary is None else [
            {"label": b.label, "kind": b.kind, "issued": b.issued, "counted": b.counted,
             # the rest of the account only where recorded (older statements' digests stand)
             **{k: v for k, v in (("unused", b.unused), ("spoilt", b.spoilt),
                                  ("tendered", b.tendered)) if v is not None}}
            for b in summary.boxes],
        "explanation": None if summary is None or not summary.explanation_current else {
            "text": summary.explanation, "by": summary.explained_by, "at": summary.explained_at},
    }
    return sha256_hex(canonical_json(payload))


def short_digest(digest: str) -> str:
    """The printed form: the first 16 hex digits in groups of four."""
    head = digest[:16]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))
