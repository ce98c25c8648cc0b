"""The ward's legal workflow: which action is allowed now, and if not, why.

One pure function of a ward's state, :func:`check`, answers for every action
(key a sheet, accept a keying, add a sheet, show the provisional result, grant
or refuse a recount, record a lot, acknowledge a warning, declare, countermand,
report an error after the declaration). Every front end asks it: the desktop app
enables its buttons from it and shows the reason on hover, the command line
refuses with the same code and sentence, and the application layer refuses any
operation it does not allow. The sequence it enforces (SI 2006/3304 Sch 2):

* keying, double entry and recounts until the round's figures are complete;
* the **provisional result** shown to candidates and agents (rule 46(2)), for the
  figures of the current round: any change to them (a new sheet keyed, a recount)
  voids it;
* a **lot** (rule 49) only after that, on the final figures;
* the **declaration** (rule 50) only for figures whose provisional result was
  shown, with any lot recorded and every warning acknowledged;
* **declared is final**: nothing changes the declared figures or who was elected;
  an error found afterwards is *reported*, never applied;
* a **countermanded** poll (RPA 1983 s 39) is neither counted nor declared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from countdesk.core.entry import EntryRefused, SheetState, check_transition
from countdesk.core.model import Status
from countdesk.core.result import WardResult


class Action(StrEnum):
    KEY_FIRST = "key_first"
    KEY_SECOND = "key_second"
    ACCEPT_KEYING = "accept_keying"
    KEY_THIRD = "key_third"  # a third keying of the differing fields only
    ADD_SHEET = "add_sheet"
    SHOW_PROVISIONAL = "show_provisional"
    RECOUNT = "recount"  # grant a recount (opens a new round)
    REFUSE_RECOUNT = "refuse_recount"  # record a request that was refused
    RECORD_LOT = "record_lot"
    ACKNOWLEDGE = "acknowledge"
    DECLARE = "declare"
    COUNTERMAND = "countermand"
    REPORT_ERROR = "report_error"


#: Each action in the user's words (for messages and tooltips).
ACTION_WORDS: dict[Action, str] = {
    Action.KEY_FIRST: "key a count sheet (first keying)",
    Action.KEY_SECOND: "key a count sheet (second keying)",
    Action.ACCEPT_KEYING: "accept one of two differing keyings",
    Action.KEY_THIRD: "key the differing fields a third time (blind, by someone who keyed neither)",
    Action.ADD_SHEET: "add a count sheet",
    Action.SHOW_PROVISIONAL: "show the provisional result",
    Action.RECOUNT: "grant a recount",
    Action.REFUSE_RECOUNT: "record a refused recount request",
    Action.RECORD_LOT: "record the drawing of lots",
    Action.ACKNOWLEDGE: "acknowledge a warning",
    Action.DECLARE: "declare the result",
    Action.COUNTERMAND: "countermand the poll",
    Action.REPORT_ERROR: "report an error found after the declaration",
}

#: The codes of refused actions, with what the user can do (``docs/validation-codes.md``).
WORKFLOW_RULES: dict[str, tuple[str, str]] = {
    "F001": ("The ward has been declared: its result is final.",
             "Nothing in countdesk changes a declared result; only an election court can. "
             "Record an error found afterwards with report-error."),
    "F002": ("The poll in the ward was countermanded.",
             "There is no count and no declaration; a new poll will be held."),
    "F003": ("The ward is uncontested: there is no poll and no count.",
             "Declare the candidates elected unopposed."),
    "F004": ("The count of the current round is not complete.",
             "Deal with the blocking errors shown with the result first."),
    "F005": ("The provisional result of these figures has not been shown.",
             "Show the provisional result to candidates and agents (rule 46(2)) and deal with "
             "any recount request first."),
    "F006": ("An equality of votes must be decided by lot first.",
             "Draw lots between the tied candidates (rule 49) and record the outcome."),
    "F007": ("There is no equality of votes to decide by lot.",
             "Lots are drawn only when candidates tie for the last seat(s)."),
    "F008": ("A warning has not been acknowledged.",
             "Read the warning, check the figures, and acknowledge it by name."),
    "F009": ("The ward has not been declared.",
             "Until the declaration, figures are changed by keying or a recount, not reported."),
    "F010": ("The count sheet cannot take this keying now.",
             "Follow the sheet's state: first keying, then second keying by someone else."),
    "F011": ("The provisional result of these figures was already shown.",
             "Reprint the provisional sheet if needed; the step is recorded once per set of figures."),
    "F012": ("There is no warning to acknowledge.",
             "Nothing to do."),
    "F013": ("The round's figures were imported.",
             "A recount opens a new round with its own count sheets."),
    "F014": ("Double entry is off for this election.",
             "Only a first keying is taken."),
    "F015": ("The round has no count sheets.",
             "Add a count sheet for each counting table."),
    "F016": ("There are no differing keyings to choose between.",
             "A supervisor chooses only where two keyings of a sheet differ."),
    "F017": ("A ballot box's variance at verification is not explained.",
             "Explain the variance (what was found, and that agents were told), or recount the "
             "box and record its figures again; the count of the ward waits until then."),
}

#: The actions an unexplained variance at verification holds back (the count of the ward,
#: and so its provisional result and declaration).
HELD_BY_VERIFICATION = frozenset({Action.KEY_FIRST, Action.KEY_SECOND, Action.KEY_THIRD,
                                  Action.SHOW_PROVISIONAL, Action.DECLARE})


@dataclass(frozen=True)
class WardState:
    """Everything the workflow needs to know about a ward, read at one moment."""

    result: WardResult  # the current round's result
    declared: bool = False
    countermanded: bool = False
    #: :func:`figures_key` of the figures whose provisional result was shown in the
    #: current round (None: never shown in this round)
    provisional_key: str | None = None
    double_entry: bool = True
    #: the ballot boxes (or postal entries) whose variance at verification is not explained
    #: (empty when every variance is explained, or there is none)
    unexplained_boxes: tuple[str, ...] = ()

    @property
    def verification_unexplained(self) -> bool:
        return bool(self.unexplained_boxes)

    @property
    def contested(self) -> bool:
        return len(self.result.candidates) > self.result.seats

    @property
    def provisional_current(self) -> bool:
        """The provisional result of exactly the current figures was shown."""
        key = figures_key(self.result)
        return key is not None and key == self.provisional_key


@dataclass(frozen=True)
class Verdict:
    action: Action
    allowed: bool
    code: str | None = None  # why not (an ``F`` code), None when allowed
    reason: str = ""  # a sentence in the user's words, empty when allowed

    def __bool__(self) -> bool:
        return self.allowed


def figures_key(result: WardResult) -> str | None:
    """A key of the round's counted figures (None until they are complete): two results
    with the same key show candidates and agents the same figures."""
    if result.figures is None or result.status not in (Status.READY, Status.LOT_REQUIRED,
                                                        Status.DECLARED):
        return None
    return f"{result.round_number}:" + json.dumps(
        result.figures.as_fields(), sort_keys=True, separators=(",", ":"))


def _no(action: Action, code: str, reason: str) -> Verdict:
    return Verdict(action, False, code, reason)


def check(state: WardState, action: Action, sheet: str | None = None) -> Verdict:
    """Whether ``action`` is allowed on the ward now and, if not, why.

    ``sheet`` narrows the keying actions to one count sheet (by name, any case);
    without it they are allowed when some sheet of the round allows them."""
    r = state.result
    ward = r.ward
    ok = Verdict(action, True)
    if state.declared:
        if action is Action.REPORT_ERROR:
            return ok
        return _no(action, "F001", f"{ward} has been declared: its result is final and cannot be "
                   "changed in countdesk (only an election court can change it)")
    if action is Action.REPORT_ERROR:
        return _no(action, "F009", f"{ward} has not been declared: until then figures are put "
                   "right by keying or a recount, not by an error report")
    if state.countermanded:
        return _no(action, "F002", f"the poll in {ward} was countermanded: there is no count and "
                   "no declaration")
    if not state.contested:
        if action is Action.DECLARE:
            return ok
        if action is Action.COUNTERMAND:
            return _no(action, "F003", f"{ward} is uncontested: there is no poll to countermand")
        return _no(action, "F003", f"{ward} is uncontested: there is no poll and no count")
    if action is Action.COUNTERMAND:
        return ok
    if action in HELD_BY_VERIFICATION and state.unexplained_boxes:
        return _unexplained(state, action)
    if action in (Action.KEY_FIRST, Action.KEY_SECOND, Action.ACCEPT_KEYING, Action.KEY_THIRD):
        return _check_keying(state, action, sheet)
    if action is Action.ADD_SHEET:
        if any(s.source == "import" for s in r.sheets):
            return _no(action, "F013", f"{ward}'s figures were imported: a recount opens a new round")
        return ok
    if action is Action.REFUSE_RECOUNT:
        return ok
    complete = r.status in (Status.READY, Status.LOT_REQUIRED)
    if action is Action.ACKNOWLEDGE:
        if not r.unacknowledged:
            return _no(action, "F012", f"{ward} has no warning to acknowledge")
        return ok
    if not complete:
        first = r.errors[0].message if r.errors else "the figures are not complete"
        return _no(action, "F004", f"{ward}'s count is not complete ({first})")
    if action is Action.RECOUNT:
        return ok
    if action is Action.SHOW_PROVISIONAL:
        if state.provisional_current:
            return _no(action, "F011", f"the provisional result of round {r.round_number} of {ward} "
                       "was already shown for these figures")
        return ok
    if not state.provisional_current:
        what = "drawing lots" if action is Action.RECORD_LOT else "declaring"
        return _no(action, "F005", f"the provisional result of {ward} (round {r.round_number}) has "
                   f"not been shown to candidates and agents for these figures: show it (rule 46(2)) "
                   f"and deal with any recount request before {what}")
    if action is Action.RECORD_LOT:
        if r.status is not Status.LOT_REQUIRED or r.tie is None:
            return _no(action, "F007", f"{ward} has no equality of votes to decide by lot")
        return ok
    if action is Action.DECLARE:
        if r.status is Status.LOT_REQUIRED:
            return _no(action, "F006", f"{ward} has an equality of votes for the last seat: "
                       "lots must be drawn (rule 49) before declaring")
        if r.unacknowledged:
            codes = ", ".join(f"{w.code} ({w.message})" for w in r.unacknowledged)
            return _no(action, "F008", f"{ward} cannot be declared until these warnings are "
                       f"acknowledged: {codes}")
        return ok
    raise ValueError(f"unknown action {action!r}")  # pragma: no cover - every Action is handled


def _unexplained(state: WardState, action: Action) -> Verdict:
    boxes = state.unexplained_boxes
    named = ", ".join(boxes[:5]) + (f" and {len(boxes) - 5} more" if len(boxes) > 5 else "")
    which = "box" if len(boxes) == 1 else "boxes"
    return _no(action, "F017", f"the variance of {named} at the verification of "
               f"{state.result.ward} is not explained: explain the variance, or recount the "
               f"{which} and record the figures again, before the count goes on")


def _check_keying(state: WardState, action: Action, sheet: str | None) -> Verdict:
    r = state.result
    if not r.sheets:
        return _no(action, "F015", f"round {r.round_number} of {r.ward} has no count sheets")
    if action is Action.KEY_SECOND and not state.double_entry:
        return _no(action, "F014", "double entry is off for this election: only a first keying is taken")
    slot = {Action.KEY_FIRST: "first", Action.KEY_SECOND: "second",
            Action.ACCEPT_KEYING: "accept_first", Action.KEY_THIRD: "third"}[action]
    sheets = [s for s in r.sheets if sheet is None or s.name.casefold() == sheet.casefold()]
    if not sheets:
        names = ", ".join(s.name for s in r.sheets)
        return _no(action, "F010", f"no count sheet called {sheet!r} in round {r.round_number}; "
                   f"the sheets are: {names}")
    first_reason = ""
    for st in sheets:
        try:
            check_transition(st, slot, state.double_entry)
        except EntryRefused as exc:
            first_reason = first_reason or str(exc)
            continue
        return Verdict(action, True)
    choosing = action in (Action.ACCEPT_KEYING, Action.KEY_THIRD)
    if choosing and sheet is None:
        return _no(action, "F016", f"no count sheet of {r.ward} has differing keyings to choose between")
    code = "F016" if choosing and all(
        s.state is not SheetState.DIFFERENT for s in sheets) else "F010"
    return _no(action, code, first_reason)


def verdicts(state: WardState) -> dict[Action, Verdict]:
    """Every action's verdict, for a front end that shows them all at once."""
    return {a: check(state, a) for a in Action}
