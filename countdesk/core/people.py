"""Who is at the desk: the rules about the people who key a count sheet and the people
who decide (issue 16, "every decision signed by a name").

* A keying of a count sheet is by a named operator. Where double entry is on, the
  second keying, and a third keying of the differing fields, must name their operator
  (the first may be unnamed only when it came from the command line without
  ``--operator``); the second keying is never by the first keyer, and the third keying
  is by someone who keyed neither (A006, A008).
* The supervisor who accepts one of two differing keyings, and the person who
  acknowledges a warning, is named (A023) and did not key the sheet (for a warning: any
  sheet of the ward's current round) (A024).
* A warning is acknowledged with a short explanation (A025).
* Names are compared folded: case, accents and runs of spaces do not make two people
  (``fold``), so "Ann Smith" and " ann  SMITH " are one person.

Pure functions: each returns None when the rule is kept, else ``(code, sentence)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from countdesk.core.ballot import fold
from countdesk.core.model import SheetInput

Refusal = tuple[str, str]

#: The codes of these rules, with what the user can do (``docs/validation-codes.md``).
PEOPLE_RULES: dict[str, tuple[str, str]] = {
    "A006": ("The same person keyed both keyings, or keyed the differing fields again.",
             "A second person keys the sheet again, blind; a third person keys the differing "
             "fields."),
    "A008": ("A keying that must be checked against another is not named.",
             "Give the name of the operator keying (in the app when keying starts; on the "
             "command line --operator NAME)."),
    "A023": ("A decision without the name of the person taking it.",
             "Give the name of the supervisor or returning officer (--by NAME)."),
    "A024": ("The supervisor keyed the sheet they would decide on.",
             "Someone who keyed none of the ward's sheets in this round decides."),
    "A025": ("A warning acknowledged without an explanation.",
             "Say in a few words why the figures stand (--explanation TEXT)."),
}


@dataclass(frozen=True)
class Acknowledgement:
    """A warning acknowledged: who, why, when (kept in the record and printed on the
    provisional sheet)."""

    code: str
    by: str | None
    explanation: str | None
    at: str
    round_number: int | None = None


def same_person(a: str | None, b: str | None) -> bool:
    """Two names given for one person (case, accents and spacing ignored); blank names are
    nobody."""
    if not a or not b or not a.strip() or not b.strip():
        return False
    return fold(a) == fold(b)


def keyers(sheets: Iterable[SheetInput]) -> tuple[str, ...]:
    """Everyone named on a finished keying of these sheets (first, second, third)."""
    out: list[str] = []
    for s in sheets:
        for k in (s.first, s.second, *s.thirds):
            if k is not None and k.operator and not any(same_person(k.operator, x) for x in out):
                out.append(k.operator)
    return tuple(out)


def keyer_refusal(slot: str, operator: str | None, sheet: SheetInput, *,
                  double_entry: bool = True) -> Refusal | None:
    """Whether ``operator`` may key the ``slot`` keying ("first", "second" or "third") of
    this sheet."""
    named = bool(operator and operator.strip())
    if slot in ("second", "third") and double_entry and not named:
        what = "second keying" if slot == "second" else "third keying of the differing fields"
        return ("A008", f"the {what} of sheet {sheet.name!r} needs the name of the operator "
                "keying it: it is checked against the other keyings by name")
    if not named:
        return None
    if slot == "second" and sheet.first is not None and same_person(operator, sheet.first.operator):
        return ("A006", f"the first keying of sheet {sheet.name!r} was by {sheet.first.operator}: "
                "the second keying must be by a different operator, who keys it blind")
    if slot == "first" and sheet.second is not None and same_person(operator, sheet.second.operator):
        return ("A006", f"the second keying of sheet {sheet.name!r} was by {sheet.second.operator}: "
                "the first keying must be by a different operator")
    if slot == "third":
        for k in (sheet.first, sheet.second):
            if k is not None and same_person(operator, k.operator):
                return ("A006", f"the {k.slot} keying of sheet {sheet.name!r} was by {k.operator}: "
                        "the differing fields are keyed again by someone who keyed neither")
    return None


def decider_refusal(by: str | None, sheets: Iterable[SheetInput], what: str) -> Refusal | None:
    """Whether ``by`` may take a supervisor's decision (``what``: "accepting a keying",
    "acknowledging a warning") over these sheets: named, and not one of their keyers."""
    if not by or not by.strip():
        return ("A023", f"{what} needs the name of the supervisor taking the decision")
    for name in keyers(sheets):
        if same_person(by, name):
            return ("A024", f"{name} keyed a count sheet of this ward in this round: {what} is "
                    "for a supervisor who keyed none of them")
    return None


def explanation_refusal(explanation: str | None, code: str) -> Refusal | None:
    """A warning is acknowledged with a short explanation."""
    if not explanation or not explanation.strip():
        return ("A025", f"acknowledging warning {code} needs a short explanation: why the figures "
                "stand (for example \"recounted the box; the figures are right\")")
    return None
