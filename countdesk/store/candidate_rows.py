"""Reading candidates (with their party id, commonly used names and ballot position) and a
ward's terms of office: one place for the columns added by migration 0006."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from countdesk.core.model import Candidate

#: The columns of a :class:`Candidate`, in its field order.
CANDIDATE_COLUMNS = ("id, surname, forenames, description, party, party_id, "
                     "commonly_used_forenames, commonly_used_surname, ballot_position, address")


def candidate_from_row(r: Sequence[Any]) -> Candidate:
    return Candidate(r[0], r[1], r[2], r[3], r[4], r[5] or None, r[6] or "", r[7] or "",
                     r[8], r[9] or "")


def terms_text(terms: Sequence[tuple[int, int]]) -> str | None:
    """A ward's terms as stored (None: no terms)."""
    return json.dumps([list(t) for t in terms], separators=(",", ":")) if terms else None


def terms_of(text: str | None) -> tuple[tuple[int, int], ...]:
    if not text:
        return ()
    return tuple((int(y), int(n)) for y, n in json.loads(text))


def candidate_extras(c: Any) -> dict[str, Any]:
    """The 0006 columns of a candidate to insert: only those given (a candidate without
    them is stored, and audited, as before)."""
    out: dict[str, Any] = {}
    if getattr(c, "party_id", None):
        out["party_id"] = c.party_id
    for name in ("commonly_used_forenames", "commonly_used_surname"):
        if getattr(c, name, ""):
            out[name] = getattr(c, name)
    if getattr(c, "ballot_position", None) is not None:
        out["ballot_position"] = c.ballot_position
    if getattr(c, "address", ""):  # migration 0008
        out["address"] = c.address
    return out


def election_extras(e: Any) -> dict[str, Any]:
    """The 0008 columns of the election to insert: only where not the default (England,
    English only), so an English election is stored, and audited, as before."""
    out: dict[str, Any] = {}
    if getattr(e, "jurisdiction", "england") != "england":
        out["jurisdiction"] = e.jurisdiction
    if tuple(getattr(e, "languages", ("en",))) != ("en",):
        out["languages"] = json.dumps(list(e.languages))
    return out
