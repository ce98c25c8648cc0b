"""Validation rules with stable codes.

Codes never change meaning once released: front ends, exports and the
documentation (``docs/validation-codes.md``, checked by a test) refer to
them. ``E`` codes block a result; ``W`` codes are warnings that must be
acknowledged before the result is declared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

MAX_FIGURE = 10_000_000


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    action: str

    @property
    def blocking(self) -> bool:
        return self.code.startswith("E")


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        # Set-up
        Rule("E001", "The ward has no candidates.",
             "Add the candidates from the statement of persons nominated."),
        Rule("E002", "The number of seats must be a whole number of at least 1.",
             "Correct the number of seats in the ward set-up."),
        Rule("E003", "The same candidate is entered twice.",
             "Remove the duplicate entry in the ward set-up."),
        # Figures
        Rule("E101", "A figure is negative.",
             "Re-key the figure from the count sheet; counts cannot be below zero."),
        Rule("E102", "A figure is not a whole number.",
             "Re-key the figure as a whole number of votes or papers."),
        Rule("E103", "A candidate has more votes than there are valid ballot papers.",
             "Check the candidate's figure against the count sheet (was a bundle counted "
             "as a block of votes?) and re-key it."),
        Rule("E104", "The votes add up to more than seats × valid ballot papers.",
             "Each paper carries at most one vote per seat: check every candidate's "
             "figure and the papers counted, then re-key."),
        Rule("E105", "The number of ballot papers counted is not known.",
             "Key the ballot papers counted on each sheet (no longer given: "
             "a multi-member ward without them is E114, and a one-seat ward's are computed)."),
        Rule("E106", "More papers were rejected than were counted.",
             "Check the rejected papers and the papers counted, then re-key."),
        Rule("E107", "The votes add up to fewer than the valid ballot papers.",
             "Every valid paper carries at least one vote: a bundle has been left out "
             "or a figure is short. Re-check the count before any result is shown."),
        Rule("E108", "A figure is not a number.",
             "Key digits only, for example 1405 or 1,405."),
        Rule("E109", "A figure is too large to be a count.",
             "Re-key the figure; no ward count exceeds 10,000,000."),
        Rule("E110", "A figure is missing from a keying.",
             "Key every candidate's votes; rejected papers default to 0."),
        Rule("E111", "Papers are rejected in part in a ward with one seat.",
             "A voter with one vote cannot have a paper rejected in part (only a voter with "
             "several votes can): key those papers under the head they were rejected for, or key 0."),
        Rule("E112", "More papers are rejected in part than there are valid ballot papers.",
             "A paper rejected in part is a valid paper: check the number rejected in part "
             "and the papers counted, then re-key."),
        Rule("E113", "More rejections are objected to than papers were rejected.",
             "Only a rejected paper can carry \"rejection objected to\": check the number "
             "objected to against the rejected papers (a)-(d) of the sheet, then re-key."),
        Rule("E114", "A ward with more than one seat has a count sheet without its ballot "
             "papers counted.",
             "Key the ballot papers counted on every sheet of the round (--papers N, or the "
             "row Ballot papers counted): in a multi-member ward they cannot be worked out "
             "from the votes, and the verified total is not a count."),
        # Count sheets and double entry
        Rule("E201", "A count sheet has not been keyed yet.",
             "Key the sheet's figures (first keying)."),
        Rule("E202", "A count sheet is waiting for its second keying.",
             "A second operator keys the same sheet without seeing the first keying."),
        Rule("E203", "The two keyings of a count sheet differ.",
             "Compare the listed fields with the paper sheet; re-key, or the supervisor "
             "accepts the keying that matches the sheet."),
        Rule("E204", "The round has no count sheets.",
             "Add a count sheet for each counting table."),
        # Lots
        Rule("E301", "A recorded drawing of lots does not match the tie.",
             "The figures changed after the lot was drawn: open a recount or check "
             "the lot record with the returning officer."),
        # Warnings
        Rule("W001", "The ballot papers counted differ from the ballot papers verified.",
             "Re-check the count against the statement of verification; acknowledge "
             "only when the difference is explained."),
        Rule("W002", "The margin for the last seat is small.",
             "Show the provisional result to candidates and agents and offer a recount; "
             "acknowledge when any recount request has been dealt with."),
        Rule("W003", "Two count sheets carry identical figures.",
             "Check that one sheet was not keyed twice (as at Lewisham in 2014); "
             "acknowledge only if both sheets really carry these figures."),
    )
}

#: A last-seat margin at or below this many votes is "small" (W002) ...
CLOSE_MARGIN_VOTES = 10
#: ... as is one below this share of the ballot papers counted.
CLOSE_MARGIN_SHARE = 0.005


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    fields: tuple[str, ...] = field(default_factory=tuple)
    acknowledged: bool = False

    @property
    def blocking(self) -> bool:
        return RULES[self.code].blocking

    @property
    def action(self) -> str:
        return RULES[self.code].action


class FigureError(ValueError):
    """A keyed or imported figure that cannot be accepted."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_figure(value: object, what: str = "the figure") -> int:
    """Turn a keyed or imported value into a count, or raise FigureError.

    Accepts whole numbers, digit strings with surrounding spaces and UK
    thousands separators ("1,405"). Refuses negatives, fractions, text,
    booleans and absurdly large numbers, each with its own code.
    """
    if isinstance(value, bool):
        raise FigureError("E108", f"{what}: {value!r} is not a number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise FigureError("E108", f"{what}: {value!r} is not a number")
        if value < 0:
            raise FigureError("E101", f"{what} cannot be negative (got {value:g})")
        raise FigureError("E102", f"{what} must be a whole number (got {value!r})")
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise FigureError("E110", f"{what} is empty")
        sign = ""
        if text[0] in "-−":
            sign, text = "-", text[1:].strip()
        if re.fullmatch(r"\d+", text) or _GROUPED.fullmatch(text):
            digits = text.replace(",", "").lstrip("0")
            if len(digits) > len(str(MAX_FIGURE)):
                raise FigureError("E109", f"{what} is too large to be a count ({len(digits):,} digits)")
            number = int(digits or "0")
            if sign:
                raise FigureError("E101", f"{what} cannot be negative (got -{number})")
        elif re.fullmatch(r"\d*[.,]\d+|\d+\.", text):
            raise FigureError("E102", f"{what} must be a whole number (got {value.strip()!r})")
        else:
            shown = value.strip()
            if len(shown) > 20:
                shown = shown[:20] + "…"
            raise FigureError("E108", f"{what}: {shown!r} is not a number")
    else:
        raise FigureError("E108", f"{what}: {value!r} is not a number")
    if number < 0:
        raise FigureError("E101", f"{what} cannot be negative (got {number})")
    if number > MAX_FIGURE:
        raise FigureError("E109", f"{what} is too large to be a count (got {number:,})")
    return number
