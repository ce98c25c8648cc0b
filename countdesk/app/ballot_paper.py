"""A candidate's ballot-paper details in set-up: the party's register id, the commonly
used names and the position printed on the statement of persons nominated."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from countdesk.core.electionfile import ElectionFileError, clean_text
from countdesk.core.parties import PartyIdError, clean_party_id
from countdesk.core.records import CandidateInfo
from countdesk.core.validation import FigureError, parse_figure

BALLOT_FIELDS = ("party_id", "commonly_used_forenames", "commonly_used_surname", "ballot_position")
_WORDS = {"commonly_used_forenames": "the commonly used other names",
          "commonly_used_surname": "the commonly used surname"}


def current_values(c: CandidateInfo) -> dict[str, Any]:
    """The stored form of a candidate's ballot-paper details (NULL for none)."""
    return {"party_id": c.party_id, "commonly_used_forenames": c.commonly_used_forenames or None,
            "commonly_used_surname": c.commonly_used_surname or None,
            "ballot_position": c.ballot_position}


def ballot_paper_values(given: Mapping[str, Any], candidates: int) -> dict[str, Any]:
    """The stored form of the details given (None: leave as it is; "": clear). Refused in
    words: a party id that is not one, a position outside 1..the ward's candidates."""
    from countdesk.app.setup import SetupRefused  # noqa: PLC0415 (setup imports this module)

    out: dict[str, Any] = {}
    for key, value in given.items():
        if key not in BALLOT_FIELDS:
            raise TypeError(f"update_candidate() got an unexpected keyword argument {key!r}")
        if value is None:
            continue
        text = str(value).strip()
        if key == "party_id":
            try:
                out[key] = clean_party_id(text)
            except PartyIdError as exc:
                raise SetupRefused(str(exc)) from None
        elif key == "ballot_position":
            if not text:
                out[key] = None
                continue
            try:
                pos = parse_figure(text, "the ballot position")
            except FigureError as exc:
                raise SetupRefused(exc.message) from None
            if not 1 <= pos <= candidates:
                raise SetupRefused(f"ballot position {pos} is outside 1 to {candidates} (the ward "
                                   f"has {candidates} candidates)")
            out[key] = pos
        else:
            try:
                out[key] = clean_text(text, _WORDS[key], required=False) or None
            except ElectionFileError as exc:
                raise SetupRefused(str(exc)) from None
    return out
