"""Registered parties: the Electoral Commission's register ids, and how candidates are
grouped into parties for the council summary, the results board and the exports.

The rule (:func:`party_group`):

- Candidates with the same ``party_id`` are one party, whatever their descriptions
  ("Welsh Labour" and "Labour Party" under ``PP53`` are one Labour party). The party is
  shown under its registered name: the name in :data:`KNOWN_PARTY_IDS` for the well-known
  ids, otherwise the ``party`` of the first candidate with that id (in ward order, then
  ballot order).
- A candidate without an id whose description (or party) contains "Independent" or
  "Annibynnol" is Independent.
- Any other candidate without an id is grouped by its party name, as before
  (:func:`countdesk.core.summary.party_key`: "Labour" and "Labour Party" are one party).

Ids are the Commission's register numbers (``PP`` and digits, e.g. ``PP53``; case and
spaces are forgiven: ``pp 53`` is ``PP53``) or Democracy Club's ids for what the register
does not number: joint descriptions (``joint-party:53-119``, Labour and Co-operative) and
independents (``ynmp-party:2``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from countdesk.core.model import Candidate

INDEPENDENT = "Independent"

#: Well-known register ids and the names they are shown under.
KNOWN_PARTY_IDS: Mapping[str, str] = {
    "PP52": "Conservative and Unionist Party",
    "PP53": "Labour Party",
    "PP90": "Liberal Democrats",
    "PP63": "Green Party",
    "PP77": "Plaid Cymru - The Party of Wales",
    "PP85": "UK Independence Party (UKIP)",
    "joint-party:53-119": "Labour and Co-operative Party",
    "ynmp-party:2": INDEPENDENT,
}

_PP = re.compile(r"PP\s*(\d{1,6})", re.IGNORECASE)
_DC = re.compile(r"(joint-party:\d{1,6}-\d{1,6}|ynmp-party:\d{1,6})", re.IGNORECASE)
_INDEPENDENT = re.compile(r"independent|annibynnol", re.IGNORECASE)


class PartyIdError(ValueError):
    pass


def clean_party_id(value: str | None) -> str | None:
    """The party id in its canonical form, None when empty; :class:`PartyIdError` (one
    sentence) when it is not an id."""
    text = (value or "").strip()
    if not text:
        return None
    if m := _PP.fullmatch(text):
        return f"PP{int(m.group(1))}"
    if _DC.fullmatch(text):
        return text.lower()
    raise PartyIdError(
        f"{text!r} is not a party id: use the Electoral Commission's register number, such as "
        "PP53, or joint-party:53-119 / ynmp-party:2")


def is_independent(candidate: Candidate) -> bool:
    """No party id, and "Independent" or "Annibynnol" in the description or party."""
    return candidate.party_id is None and bool(
        _INDEPENDENT.search(candidate.description) or _INDEPENDENT.search(candidate.party))


def party_names(candidates: Iterable[Candidate]) -> dict[str, str]:
    """Party id -> the name it is shown under, for the ids among these candidates."""
    names: dict[str, str] = {}
    for c in candidates:
        if c.party_id is not None and c.party_id not in names:
            names[c.party_id] = KNOWN_PARTY_IDS.get(c.party_id) or c.party or c.description \
                or c.party_id
    return names


def party_group(candidate: Candidate, names: Mapping[str, str]) -> str:
    """The party name this candidate is counted under (see the module's rule); ``names``
    from :func:`party_names` over every candidate of the election."""
    if candidate.party_id is not None:
        return names.get(candidate.party_id) or KNOWN_PARTY_IDS.get(candidate.party_id) \
            or candidate.party
    if is_independent(candidate):
        return INDEPENDENT
    return candidate.party or INDEPENDENT
