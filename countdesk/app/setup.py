"""Setting up an election, and the verification of ballot papers, in a store.

Every function takes the :class:`~countdesk.store.db.Store` first. Each change
is one ``store.transaction(...)`` transaction with its audit record, and every row
goes through ``_insert``/``_update``/``_delete`` so that ``verify_audit`` can
replay it. A refusal raises :class:`StoreError` with a message in the user's
words, before anything is written (checks that depend on the store's state run
inside the transaction, so a refusal rolls back and nothing changes).

The rules about candidate lists (see :func:`unlock_candidates`):

* ``wards.candidates_locked`` is set by the first keying of a ward (and by a
  declaration). While it is set, candidates cannot be added, edited or removed.
* The returning officer may unlock the list (an audited action with a reason)
  to correct a misspelt name, description, party or colour: figures are keyed
  against candidate ids, so a corrected name keeps its figures.
* Adding or removing a candidate is refused once any figure of the ward has been
  keyed or saved as a draft, in any round (even when unlocked): earlier rounds
  stay visible, and their figures would no longer match the candidates.
* The ward's seats cannot change once keying has begun (or while locked).
* Nothing about a declared ward can change here.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from countdesk.app.ballot_paper import ballot_paper_values, current_values
from countdesk.app.errors import AppError
from countdesk.core import Candidate, FigureError, fold, parse_figure
from countdesk.core.ballot import ballot_order, same_person
from countdesk.core.electionfile import ElectionFileError, clean_text
from countdesk.core.nominations import (
    MAX_WARD_NAME,
    check_colour,
    summarise,
)
from countdesk.core.records import (
    CandidateInfo,
    ElectionInfo,
    WardInfo,
    WardSetupState,
)
from countdesk.store.db import Change, Store, now

if TYPE_CHECKING:
    from countdesk.app.base import DeskBase

MAX_REASON = 500
MAX_EXPLANATION = 2000
BOX_KINDS = ("box", "postal")
FIRST_SHEET = "Main count"
#: Audit actions that the verification summary looks for.
SET_VERIFICATION = "set verification"
EXPLAIN_VARIANCE = "explain verification variance"


def SetupRefused(sentence: str) -> AppError:
    """A set-up change refused: the sentence says why; nothing was changed."""
    return AppError("A030", sentence)


class NominationsRefused(AppError):
    """A nominations file that was not imported; ``problems`` lists ``(line, message)``
    (line 0: the file as a whole). Nothing was changed."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = list(problems)
        super().__init__("A031", summarise(self.problems))












# ================================================================= helpers
def _clean(value: object, what: str, *, required: bool = True, max_len: int = 200) -> str:
    try:
        return clean_text(value, what, required=required, max_len=max_len)
    except ElectionFileError as exc:
        raise SetupRefused(str(exc)) from None


def _number(value: object, what: str, *, minimum: int = 0) -> int:
    try:
        number = parse_figure(value, what)
    except FigureError as exc:
        raise SetupRefused(exc.message) from None
    if number < minimum:
        raise SetupRefused(f"{what} must be at least {minimum} (got {number})")
    return number


def _optional_number(value: object, what: str, *, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _number(value, what, minimum=minimum)


def _colour(value: str | None) -> str | None:
    try:
        return check_colour(value, "the colour")
    except ElectionFileError as exc:
        raise SetupRefused(str(exc)) from None


def _poll_date(value: str | datetime.date) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        datetime.date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError
    except ValueError:
        raise SetupRefused(f"the poll date {text!r} is not a date like 2026-05-07") from None
    return text


def _ward(store: Store, ward_id: int) -> WardInfo:
    if isinstance(ward_id, bool) or not isinstance(ward_id, int):
        raise SetupRefused(f"a ward is chosen by its id, not {ward_id!r}")
    w = store.ward_by_id(ward_id)
    if w is None:
        raise SetupRefused(f"there is no ward with id {ward_id} (was it removed?)")
    return w


def _require_undeclared(w: WardInfo, what: str) -> None:
    if w.declared_at:
        raise SetupRefused(f"{w.name} was declared at {w.declared_at}; {what}")


def _require_election(store: Store) -> ElectionInfo:
    if not store.has_election():
        raise SetupRefused("there is no election in this store yet: enter the election details first")
    return store.election()


def _keying_started(store: Store, ward_id: int) -> bool:
    """Any figure keyed, imported or saved as a draft in any round of the ward."""
    row = store.conn.execute(
        "SELECT (SELECT COUNT(*) FROM keyings k JOIN sheets s ON s.id = k.sheet_id "
        "        JOIN rounds r ON r.id = s.round_id WHERE r.ward_id = ?) + "
        "       (SELECT COUNT(*) FROM draft_values d JOIN sheets s ON s.id = d.sheet_id "
        "        JOIN rounds r ON r.id = s.round_id WHERE r.ward_id = ?)",
        (ward_id, ward_id)).fetchone()
    return bool(row[0])


def _locked_message(w: WardInfo) -> str:
    return (f"{w.name}'s candidate list is locked because its count has started; the returning "
            "officer can unlock it to correct a name")


def _require_editable(store: Store, w: WardInfo) -> None:
    _require_undeclared(w, "its candidates cannot change")
    if w.candidates_locked:
        raise SetupRefused(_locked_message(w))


def _require_no_keying(store: Store, w: WardInfo, doing: str) -> None:
    if _keying_started(store, w.id):
        raise SetupRefused(f"figures have already been keyed for {w.name}, so a candidate cannot be "
                         f"{doing} (names can still be corrected)")


def _candidate_rows(store: Store, ward_id: int) -> list[CandidateInfo]:
    cur = store.conn.execute(f"SELECT {_INFO_COLUMNS} FROM candidates WHERE ward_id = ? ORDER BY id",
                             (ward_id,))
    rows = {c.id: c for c in (_info(r) for r in cur)}
    return [rows[c.id] for c in ballot_order(r.candidate for r in rows.values())]


_INFO_COLUMNS = ("id, ward_id, surname, forenames, description, party, colour, party_id, "
                 "commonly_used_forenames, commonly_used_surname, ballot_position")


def _info(r: Any) -> CandidateInfo:
    return CandidateInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or None, r[8] or "",
                         r[9] or "", r[10])


def _candidate(store: Store, candidate_id: int) -> CandidateInfo:
    if isinstance(candidate_id, bool) or not isinstance(candidate_id, int):
        raise SetupRefused(f"a candidate is chosen by their id, not {candidate_id!r}")
    r = store.conn.execute(f"SELECT {_INFO_COLUMNS} FROM candidates WHERE id = ?",
                           (candidate_id,)).fetchone()
    if r is None:
        raise SetupRefused(f"there is no candidate with id {candidate_id} (were they removed?)")
    return _info(r)


def _duplicate(store: Store, ward_id: int, person: Candidate, *, skip: int | None = None) -> None:
    for other in _candidate_rows(store, ward_id):
        if other.id != skip and same_person(person, other.candidate):
            what = f" ({other.description})" if other.description else ""
            raise SetupRefused(f"{other.ballot_name}{what} is already a candidate in this ward")


def _ensure_sheet(store: Store, ch: Change, ward_id: int) -> None:
    """A ward that becomes contested needs a count sheet in its current round."""
    round_id, _ = store.current_round(ward_id)
    n = store.conn.execute("SELECT COUNT(*) FROM sheets WHERE round_id = ?", (round_id,)).fetchone()[0]
    if n == 0:
        store.insert(ch, "sheets", {"round_id": round_id, "position": 1, "name": FIRST_SHEET})


def _new_ward(store: Store, ch: Change, name: str, seats: int, electorate: int | None) -> int:
    last = store.conn.execute("SELECT COALESCE(MAX(position), 0) FROM wards").fetchone()[0]
    ward_id = store.insert(ch, "wards", {
        "position": last + 1, "name": name, "seats": seats, "electorate": electorate,
        "ballot_papers_verified": None, "candidates_locked": 0, "declared_at": None,
        "declared_by": None})
    round_id = store.insert(ch, "rounds", {
        "ward_id": ward_id, "number": 1, "opened_at": now(), "reason": "first count",
        "requested_by": None})
    store.insert(ch, "sheets", {"round_id": round_id, "position": 1, "name": FIRST_SHEET})
    return ward_id


def _unique_ward_name(store: Store, name: str, *, skip: int | None = None) -> None:
    for w in store.wards():
        if w.id != skip and fold(w.name) == fold(name):
            raise SetupRefused(f"there is already a ward called {w.name!r}")


# ================================================================ election
def create_election(store: Store, authority: str, title: str, poll_date: str | datetime.date, *,
                    returning_officer: str | None = None, double_entry: bool = True,
                    actor: str | None = None) -> ElectionInfo:
    """Start a new election in an empty store (set-up by hand, not from a file)."""
    if store.has_election():
        raise SetupRefused("this store already holds an election")
    values = {
        "id": 1,
        "authority": _clean(authority, "the authority"),
        "title": _clean(title, "the title of the election"),
        "poll_date": _poll_date(poll_date),
        "returning_officer": _clean(returning_officer, "the returning officer's name",
                                    required=False) or None,
        "double_entry": int(_bool(double_entry, "double entry")),
        "previous_seats": "{}",
        "created_at": now(),
    }
    with store.transaction("create election", actor, details={
            "authority": values["authority"], "title": values["title"]}) as ch:
        store.insert(ch, "election", values)
    return store.election()


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise SetupRefused(f"{what} must be on or off (true or false), not {value!r}")
    return value


def update_election(desk: DeskBase, *, authority: str | None = None, title: str | None = None,
                    poll_date: str | datetime.date | None = None,
                    returning_officer: str | None = None, double_entry: bool | None = None,
                    actor: str | None = None) -> ElectionInfo:
    """Change the election's details; None leaves a field as it is.

    ``returning_officer=""`` clears the name. A call that changes nothing writes
    nothing (no audit record).

    Double entry:

    * turning it **off** is refused once any count sheet has been keyed by an
      operator (a finished keying or a saved draft, in any ward): sheets keyed
      once under double entry would become the count on one person's word, and
      operators started work expecting a second keying. Imported figures do not
      count (they are accepted either way).
    * turning it **on** is refused once any ward has been declared, because it
      would change how a declared ward's figures are read; before that it is
      safe: a sheet keyed once simply waits for its second keying.
    """
    store = desk.store
    el = _require_election(store)
    values: dict[str, Any] = {}
    if authority is not None:
        values["authority"] = _clean(authority, "the authority")
    if title is not None:
        values["title"] = _clean(title, "the title of the election")
    if poll_date is not None:
        values["poll_date"] = _poll_date(poll_date)
    if returning_officer is not None:
        values["returning_officer"] = _clean(returning_officer, "the returning officer's name",
                                             required=False) or None
    if double_entry is not None:
        values["double_entry"] = int(_bool(double_entry, "double entry"))
    current = {"authority": el.authority, "title": el.title, "poll_date": el.poll_date,
               "returning_officer": el.returning_officer, "double_entry": int(el.double_entry)}
    changed = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changed:
        return el
    if "double_entry" in changed and not double_entry:
        desk.authorise("turning double entry off", actor)
    with desk.transaction("update election", actor, details={"changed": changed}) as ch:
        if "double_entry" in changed:
            if double_entry:
                if store.any_declared():
                    raise SetupRefused("double entry cannot be turned on once a ward has been declared")
            else:
                keyed = store.conn.execute(
                    "SELECT (SELECT COUNT(*) FROM keyings WHERE slot IN ('first', 'second')) + "
                    "(SELECT COUNT(*) FROM draft_values)").fetchone()[0]
                if keyed:
                    raise SetupRefused("double entry cannot be turned off: count sheets have already "
                                     "been keyed under double entry; finish the count with it on")
        store.update(ch, "election", 1, {k: values[k] for k in changed})
    return store.election()


# ==================================================================== wards
def add_ward(store: Store, name: str, seats: int | str, electorate: int | str | None = None,
             actor: str | None = None) -> int:
    """Add a ward (after the last one) with round 1 and one count sheet, "Main count".

    The name must be new, ignoring case and accents; seats at least 1;
    the electorate, if given, at least 1. Returns the new ward's id."""
    _require_election(store)
    name = _clean(name, "the ward name", max_len=MAX_WARD_NAME)
    seats_n = _number(seats, "seats", minimum=1)
    elect_n = _optional_number(electorate, "the electorate", minimum=1)
    with store.transaction("add ward", actor, details={"ward": name, "seats": seats_n}) as ch:
        _unique_ward_name(store, name)
        ward_id = _new_ward(store, ch, name, seats_n, elect_n)
    return ward_id


def update_ward(store: Store, ward_id: int, *, name: str | None = None, seats: int | str | None = None,
                electorate: int | str | None = None, actor: str | None = None) -> WardInfo:
    """Rename a ward, or change its seats or electorate (None leaves a field as it is;
    ``electorate=""`` clears it).

    Refused for a declared ward. Seats cannot change once the count has started
    (the candidate list is locked, or any figure has been keyed)."""
    w = _ward(store, ward_id)
    values: dict[str, Any] = {}
    if name is not None:
        values["name"] = _clean(name, "the ward name", max_len=MAX_WARD_NAME)
    if seats is not None:
        values["seats"] = _number(seats, "seats", minimum=1)
    if electorate is not None:
        values["electorate"] = _optional_number(electorate, "the electorate", minimum=1)
    current = {"name": w.name, "seats": w.seats, "electorate": w.electorate}
    changed = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changed:
        return w
    with store.transaction("update ward", actor, w.id, {"ward": w.name, "changed": changed}) as ch:
        _require_undeclared(w, "it cannot change")
        if "name" in changed:
            _unique_ward_name(store, values["name"], skip=w.id)
        if "seats" in changed and (w.candidates_locked or _keying_started(store, w.id)):
            raise SetupRefused(f"{w.name}'s seats cannot change once its count has started")
        if "electorate" in changed and values["electorate"] is not None:
            verified = w.ballot_papers_verified
            if verified is not None and verified > values["electorate"]:
                raise SetupRefused(f"the electorate ({values['electorate']:,}) cannot be below the "
                                 f"ballot papers verified ({verified:,})")
        store.update(ch, "wards", w.id, {k: values[k] for k in changed})
    return _ward(store, w.id)


def remove_ward(store: Store, ward_id: int, actor: str | None = None) -> None:
    """Remove a ward entered by mistake, with its candidates, boxes, round and sheets.

    Refused once anything has happened at the count: a figure keyed, a lot,
    a recount, an acknowledgement, a verification statement, or a declaration."""
    w = _ward(store, ward_id)
    with store.transaction("remove ward", actor, w.id, {"ward": w.name}) as ch:
        _require_undeclared(w, "it cannot be removed")
        if _keying_started(store, w.id):
            raise SetupRefused(f"figures have already been keyed for {w.name}; it cannot be removed")
        c = store.conn
        used = c.execute(
            "SELECT (SELECT COUNT(*) FROM lots l JOIN rounds r ON r.id = l.round_id WHERE r.ward_id = ?)"
            " + (SELECT COUNT(*) FROM acknowledgements a JOIN rounds r ON r.id = a.round_id "
            "    WHERE r.ward_id = ?)"
            " + (SELECT COUNT(*) FROM recount_requests WHERE ward_id = ?)"
            " + (SELECT COUNT(*) FROM verification_statements WHERE ward_id = ?)",
            (w.id, w.id, w.id, w.id)).fetchone()[0]
        if used:
            raise SetupRefused(f"{w.name} already has records of its count; it cannot be removed")
        for (pk,) in c.execute("SELECT id FROM candidates WHERE ward_id = ? ORDER BY id", (w.id,)).fetchall():
            store.delete(ch, "candidates", pk)
        for (pk,) in c.execute("SELECT id FROM verification_boxes WHERE ward_id = ? ORDER BY id",
                               (w.id,)).fetchall():
            store.delete(ch, "verification_boxes", pk)
        rounds = c.execute("SELECT id FROM rounds WHERE ward_id = ? ORDER BY id", (w.id,)).fetchall()
        for (round_id,) in rounds:
            for (pk,) in c.execute("SELECT id FROM sheets WHERE round_id = ? ORDER BY id",
                                   (round_id,)).fetchall():
                store.delete(ch, "sheets", pk)
            store.delete(ch, "rounds", round_id)
        store.delete(ch, "wards", w.id)


# =============================================================== candidates
def candidates(store: Store, ward_id: int) -> list[CandidateInfo]:
    """The ward's candidates in ballot-paper order, with their colours."""
    return _candidate_rows(store, _ward(store, ward_id).id)


def setup_state(store: Store, ward_id: int) -> WardSetupState:
    w = _ward(store, ward_id)
    declared = bool(w.declared_at)
    keyed = _keying_started(store, w.id)
    if declared:
        reason = f"{w.name} has been declared"
    elif w.candidates_locked:
        reason = _locked_message(w)
    elif keyed:
        reason = f"figures have already been keyed for {w.name}: names can be corrected, " \
                 "but candidates cannot be added or removed"
    else:
        reason = ""
    editable = not declared and not w.candidates_locked
    return WardSetupState(
        ward_id=w.id, declared=declared, locked=w.candidates_locked, keying_started=keyed,
        can_edit_candidates=editable, can_add_remove_candidates=editable and not keyed,
        can_change_seats=not declared and not w.candidates_locked and not keyed, reason=reason)


def add_candidate(store: Store, ward_id: int, surname: str, forenames: str, description: str, *,
                  party: str | None = None, colour: str | None = None,
                  actor: str | None = None) -> int:
    """Add a candidate as on the statement of persons nominated; returns their id.

    ``party`` defaults to the description (or "Independent" when both are empty);
    ``colour`` is ``#RRGGBB`` or empty. Refused when the list is locked, when
    figures have been keyed, for a declared ward, and for a duplicate (same
    surname, other names and description, ignoring case and accents)."""
    w = _ward(store, ward_id)
    surname = _clean(surname, "the surname")
    forenames = _clean(forenames, "the other names", required=False)
    description = _clean(description, "the description", required=False)
    party = _clean(party, "the party", required=False) or description or "Independent"
    colour_v = _colour(colour)
    person = Candidate(0, surname, forenames, description, party)
    with store.transaction("add candidate", actor, w.id,
                       {"ward": w.name, "candidate": person.ballot_name, "party": party}) as ch:
        _require_editable(store, w)
        _require_no_keying(store, w, "added")
        _duplicate(store, w.id, person)
        cid = store.insert(ch, "candidates", {
            "ward_id": w.id, "surname": surname, "forenames": forenames,
            "description": description, "party": party, "colour": colour_v})
        if len(_candidate_rows(store, w.id)) > w.seats:
            _ensure_sheet(store, ch, w.id)
    return cid


def update_candidate(store: Store, candidate_id: int, *, surname: str | None = None,
                     forenames: str | None = None, description: str | None = None,
                     party: str | None = None, colour: str | None = None,
                     actor: str | None = None, **ballot: str | int | None) -> CandidateInfo:
    """Correct a candidate's details; None leaves a field as it is (``colour=""``
    clears the colour; ``party=""`` resets it to the description).

    Refused while the list is locked (the returning officer can unlock it: the
    figures keyed for this candidate stay theirs), for a declared ward, and when
    the change would make the candidate a duplicate."""
    c = _candidate(store, candidate_id)
    w = _ward(store, c.ward_id)
    values: dict[str, Any] = {}
    if surname is not None:
        values["surname"] = _clean(surname, "the surname")
    if forenames is not None:
        values["forenames"] = _clean(forenames, "the other names", required=False)
    if description is not None:
        values["description"] = _clean(description, "the description", required=False)
    if party is not None:
        values["party"] = (_clean(party, "the party", required=False)
                           or values.get("description", c.description) or "Independent")
    if colour is not None:
        values["colour"] = _colour(colour)
    n = len(_candidate_rows(store, c.ward_id))
    values.update(ballot_paper_values(ballot, n))
    current = {"surname": c.surname, "forenames": c.forenames, "description": c.description,
               "party": c.party, "colour": c.colour, **current_values(c)}
    changed = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changed:
        return c
    merged = {**current, **values}
    person = Candidate(c.id, merged["surname"], merged["forenames"], merged["description"],
                       merged["party"])
    with store.transaction("update candidate", actor, w.id,
                       {"ward": w.name, "candidate": c.ballot_name, "changed": changed}) as ch:
        _require_editable(store, w)
        _duplicate(store, w.id, person, skip=c.id)
        store.update(ch, "candidates", c.id, {k: values[k] for k in changed})
    return _candidate(store, c.id)


def remove_candidate(store: Store, candidate_id: int, actor: str | None = None) -> None:
    """Remove a candidate entered by mistake (or withdrawn before the poll).

    Refused while the list is locked, once any figure of the ward has been keyed
    (in any round), and for a declared ward."""
    c = _candidate(store, candidate_id)
    w = _ward(store, c.ward_id)
    with store.transaction("remove candidate", actor, w.id,
                       {"ward": w.name, "candidate": c.ballot_name, "party": c.party}) as ch:
        _require_editable(store, w)
        _require_no_keying(store, w, "removed")
        store.delete(ch, "candidates", c.id)


def unlock_candidates(desk: DeskBase, ward_id: int, reason: str, actor: str) -> WardInfo:
    """The returning officer unlocks a ward's candidate list (audited, with a reason).

    What an RO needs at a count: a misspelt name, description or party noticed
    after keying has begun must be correctable, and since every figure is keyed
    against the candidate's id, editing the name keeps the figures with the right
    person. So unlocking is allowed while figures exist. Unlocking does not allow
    adding or removing candidates once any figure has been keyed in any round of
    the ward (that would change what earlier keyings mean); those stay refused.
    Refused for a declared ward, without a reason or a name, or when the list
    is not locked. The next keying locks the list again; so does
    :func:`lock_candidates`."""
    store = desk.store
    w = _ward(store, ward_id)
    reason = _clean(reason, "the reason for unlocking", max_len=MAX_REASON)
    actor = _clean(actor, "the name of who is unlocking the list")
    _require_undeclared(w, "its candidates cannot change")
    if not w.candidates_locked:
        raise SetupRefused(f"{w.name}'s candidate list is not locked")
    desk.authorise(f"unlocking the candidate list of {w.name}", actor)
    with desk.transaction("unlock candidates", actor, w.id, {"ward": w.name, "reason": reason}) as ch:
        _require_undeclared(w, "its candidates cannot change")
        if not w.candidates_locked:
            raise SetupRefused(f"{w.name}'s candidate list is not locked")
        store.update(ch, "wards", w.id, {"candidates_locked": 0})
    return _ward(store, w.id)


def lock_candidates(store: Store, ward_id: int, actor: str | None = None,
                    reason: str | None = None) -> WardInfo:
    """Lock a ward's candidate list (e.g. after a correction). Refused for a declared
    ward (already locked) or a list that is already locked."""
    w = _ward(store, ward_id)
    reason_t = _clean(reason, "the reason", required=False, max_len=MAX_REASON)
    with store.transaction("lock candidates", actor, w.id, {"ward": w.name, "reason": reason_t}) as ch:
        _require_undeclared(w, "its candidate list is locked for good")
        if w.candidates_locked:
            raise SetupRefused(f"{w.name}'s candidate list is already locked")
        store.update(ch, "wards", w.id, {"candidates_locked": 1})
    return _ward(store, w.id)
