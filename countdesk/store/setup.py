"""Setting up an election, and the verification of ballot papers, in a store.

Every function takes the :class:`~countdesk.store.db.Store` first. Each change
is one ``store._change(...)`` transaction with its audit record, and every row
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
import hashlib
from collections.abc import Sequence
from typing import Any

from countdesk.core import Candidate, FigureError, ballot_key, fold, parse_figure
from countdesk.core.ballot import same_person
from countdesk.core.electionfile import ElectionFileError, clean_text
from countdesk.core.nominations import (
    MAX_WARD_NAME,
    NominationsError,
    check_colour,
    parse_nominations,
    summarise,
)
from countdesk.core.records import (
    CandidateInfo,
    ElectionInfo,
    NominationsImport,
    VerificationBox,
    VerificationSummary,
    WardInfo,
    WardSetupState,
)
from countdesk.store.db import Change, Store, StoreError, now

MAX_REASON = 500
MAX_EXPLANATION = 2000
BOX_KINDS = ("box", "postal")
FIRST_SHEET = "Main count"
#: Audit actions that the verification summary looks for.
SET_VERIFICATION = "set verification"
EXPLAIN_VARIANCE = "explain verification variance"


class NominationsRefused(StoreError):
    """A nominations file that was not imported; ``problems`` lists ``(line, message)``
    (line 0: the file as a whole). Nothing was changed."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = list(problems)
        super().__init__(summarise(self.problems))












# ================================================================= helpers
def _clean(value: object, what: str, *, required: bool = True, max_len: int = 200) -> str:
    try:
        return clean_text(value, what, required=required, max_len=max_len)
    except ElectionFileError as exc:
        raise StoreError(str(exc)) from None


def _number(value: object, what: str, *, minimum: int = 0) -> int:
    try:
        number = parse_figure(value, what)
    except FigureError as exc:
        raise StoreError(exc.message) from None
    if number < minimum:
        raise StoreError(f"{what} must be at least {minimum} (got {number})")
    return number


def _optional_number(value: object, what: str, *, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _number(value, what, minimum=minimum)


def _colour(value: str | None) -> str | None:
    try:
        return check_colour(value, "the colour")
    except ElectionFileError as exc:
        raise StoreError(str(exc)) from None


def _poll_date(value: str | datetime.date) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        datetime.date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError
    except ValueError:
        raise StoreError(f"the poll date {text!r} is not a date like 2026-05-07") from None
    return text


def _ward(store: Store, ward_id: int) -> WardInfo:
    if isinstance(ward_id, bool) or not isinstance(ward_id, int):
        raise StoreError(f"a ward is chosen by its id, not {ward_id!r}")
    for w in store.wards():
        if w.id == ward_id:
            return w
    raise StoreError(f"there is no ward with id {ward_id} (was it removed?)")


def _require_undeclared(w: WardInfo, what: str) -> None:
    if w.declared_at:
        raise StoreError(f"{w.name} was declared at {w.declared_at}; {what}")


def _require_election(store: Store) -> ElectionInfo:
    if not store.has_election():
        raise StoreError("there is no election in this store yet: enter the election details first")
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
        raise StoreError(_locked_message(w))


def _require_no_keying(store: Store, w: WardInfo, doing: str) -> None:
    if _keying_started(store, w.id):
        raise StoreError(f"figures have already been keyed for {w.name}, so a candidate cannot be "
                         f"{doing} (names can still be corrected)")


def _candidate_rows(store: Store, ward_id: int) -> list[CandidateInfo]:
    cur = store.conn.execute(
        "SELECT id, ward_id, surname, forenames, description, party, colour FROM candidates "
        "WHERE ward_id = ? ORDER BY id", (ward_id,))
    rows = [CandidateInfo(*r) for r in cur]
    return sorted(rows, key=lambda c: ballot_key(c.candidate))


def _candidate(store: Store, candidate_id: int) -> CandidateInfo:
    if isinstance(candidate_id, bool) or not isinstance(candidate_id, int):
        raise StoreError(f"a candidate is chosen by their id, not {candidate_id!r}")
    r = store.conn.execute(
        "SELECT id, ward_id, surname, forenames, description, party, colour FROM candidates "
        "WHERE id = ?", (candidate_id,)).fetchone()
    if r is None:
        raise StoreError(f"there is no candidate with id {candidate_id} (were they removed?)")
    return CandidateInfo(*r)


def _duplicate(store: Store, ward_id: int, person: Candidate, *, skip: int | None = None) -> None:
    for other in _candidate_rows(store, ward_id):
        if other.id != skip and same_person(person, other.candidate):
            what = f" ({other.description})" if other.description else ""
            raise StoreError(f"{other.ballot_name}{what} is already a candidate in this ward")


def _ensure_sheet(store: Store, ch: Change, ward_id: int) -> None:
    """A ward that becomes contested needs a count sheet in its current round."""
    round_id, _ = store.current_round(ward_id)
    n = store.conn.execute("SELECT COUNT(*) FROM sheets WHERE round_id = ?", (round_id,)).fetchone()[0]
    if n == 0:
        store._insert(ch, "sheets", {"round_id": round_id, "position": 1, "name": FIRST_SHEET})


def _new_ward(store: Store, ch: Change, name: str, seats: int, electorate: int | None) -> int:
    last = store.conn.execute("SELECT COALESCE(MAX(position), 0) FROM wards").fetchone()[0]
    ward_id = store._insert(ch, "wards", {
        "position": last + 1, "name": name, "seats": seats, "electorate": electorate,
        "ballot_papers_verified": None, "candidates_locked": 0, "declared_at": None,
        "declared_by": None})
    round_id = store._insert(ch, "rounds", {
        "ward_id": ward_id, "number": 1, "opened_at": now(), "reason": "first count",
        "requested_by": None})
    store._insert(ch, "sheets", {"round_id": round_id, "position": 1, "name": FIRST_SHEET})
    return ward_id


def _unique_ward_name(store: Store, name: str, *, skip: int | None = None) -> None:
    for w in store.wards():
        if w.id != skip and fold(w.name) == fold(name):
            raise StoreError(f"there is already a ward called {w.name!r}")


# ================================================================ election
def create_election(store: Store, authority: str, title: str, poll_date: str | datetime.date, *,
                    returning_officer: str | None = None, double_entry: bool = True,
                    actor: str | None = None) -> ElectionInfo:
    """Start a new election in an empty store (set-up by hand, not from a file)."""
    if store.has_election():
        raise StoreError("this store already holds an election")
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
    with store._change("create election", actor, details={
            "authority": values["authority"], "title": values["title"]}) as ch:
        store._insert(ch, "election", values)
    return store.election()


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise StoreError(f"{what} must be on or off (true or false), not {value!r}")
    return value


def update_election(store: Store, *, authority: str | None = None, title: str | None = None,
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
        store._require_ro("turning double entry off", actor)
    with store._change("update election", actor, details={"changed": changed}) as ch:
        if "double_entry" in changed:
            if double_entry:
                if store.any_declared():
                    raise StoreError("double entry cannot be turned on once a ward has been declared")
            else:
                keyed = store.conn.execute(
                    "SELECT (SELECT COUNT(*) FROM keyings WHERE slot IN ('first', 'second')) + "
                    "(SELECT COUNT(*) FROM draft_values)").fetchone()[0]
                if keyed:
                    raise StoreError("double entry cannot be turned off: count sheets have already "
                                     "been keyed under double entry; finish the count with it on")
        store._update(ch, "election", 1, {k: values[k] for k in changed})
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
    with store._change("add ward", actor, details={"ward": name, "seats": seats_n}) as ch:
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
    with store._change("update ward", actor, w.id, {"ward": w.name, "changed": changed}) as ch:
        _require_undeclared(w, "it cannot change")
        if "name" in changed:
            _unique_ward_name(store, values["name"], skip=w.id)
        if "seats" in changed and (w.candidates_locked or _keying_started(store, w.id)):
            raise StoreError(f"{w.name}'s seats cannot change once its count has started")
        if "electorate" in changed and values["electorate"] is not None:
            verified = w.ballot_papers_verified
            if verified is not None and verified > values["electorate"]:
                raise StoreError(f"the electorate ({values['electorate']:,}) cannot be below the "
                                 f"ballot papers verified ({verified:,})")
        store._update(ch, "wards", w.id, {k: values[k] for k in changed})
    return _ward(store, w.id)


def remove_ward(store: Store, ward_id: int, actor: str | None = None) -> None:
    """Remove a ward entered by mistake, with its candidates, boxes, round and sheets.

    Refused once anything has happened at the count: a figure keyed, a lot,
    a recount, an acknowledgement, a verification statement, or a declaration."""
    w = _ward(store, ward_id)
    with store._change("remove ward", actor, w.id, {"ward": w.name}) as ch:
        _require_undeclared(w, "it cannot be removed")
        if _keying_started(store, w.id):
            raise StoreError(f"figures have already been keyed for {w.name}; it cannot be removed")
        c = store.conn
        used = c.execute(
            "SELECT (SELECT COUNT(*) FROM lots l JOIN rounds r ON r.id = l.round_id WHERE r.ward_id = ?)"
            " + (SELECT COUNT(*) FROM acknowledgements a JOIN rounds r ON r.id = a.round_id "
            "    WHERE r.ward_id = ?)"
            " + (SELECT COUNT(*) FROM recount_requests WHERE ward_id = ?)"
            " + (SELECT COUNT(*) FROM verification_statements WHERE ward_id = ?)",
            (w.id, w.id, w.id, w.id)).fetchone()[0]
        if used:
            raise StoreError(f"{w.name} already has records of its count; it cannot be removed")
        for (pk,) in c.execute("SELECT id FROM candidates WHERE ward_id = ? ORDER BY id", (w.id,)).fetchall():
            store._delete(ch, "candidates", pk)
        for (pk,) in c.execute("SELECT id FROM verification_boxes WHERE ward_id = ? ORDER BY id",
                               (w.id,)).fetchall():
            store._delete(ch, "verification_boxes", pk)
        rounds = c.execute("SELECT id FROM rounds WHERE ward_id = ? ORDER BY id", (w.id,)).fetchall()
        for (round_id,) in rounds:
            for (pk,) in c.execute("SELECT id FROM sheets WHERE round_id = ? ORDER BY id",
                                   (round_id,)).fetchall():
                store._delete(ch, "sheets", pk)
            store._delete(ch, "rounds", round_id)
        store._delete(ch, "wards", w.id)


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
    with store._change("add candidate", actor, w.id,
                       {"ward": w.name, "candidate": person.ballot_name, "party": party}) as ch:
        _require_editable(store, w)
        _require_no_keying(store, w, "added")
        _duplicate(store, w.id, person)
        cid = store._insert(ch, "candidates", {
            "ward_id": w.id, "surname": surname, "forenames": forenames,
            "description": description, "party": party, "colour": colour_v})
        if len(_candidate_rows(store, w.id)) > w.seats:
            _ensure_sheet(store, ch, w.id)
    return cid


def update_candidate(store: Store, candidate_id: int, *, surname: str | None = None,
                     forenames: str | None = None, description: str | None = None,
                     party: str | None = None, colour: str | None = None,
                     actor: str | None = None) -> CandidateInfo:
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
    current = {"surname": c.surname, "forenames": c.forenames, "description": c.description,
               "party": c.party, "colour": c.colour}
    changed = {k: [current[k], v] for k, v in values.items() if current[k] != v}
    if not changed:
        return c
    merged = {**current, **values}
    person = Candidate(c.id, merged["surname"], merged["forenames"], merged["description"],
                       merged["party"])
    with store._change("update candidate", actor, w.id,
                       {"ward": w.name, "candidate": c.ballot_name, "changed": changed}) as ch:
        _require_editable(store, w)
        _duplicate(store, w.id, person, skip=c.id)
        store._update(ch, "candidates", c.id, {k: values[k] for k in changed})
    return _candidate(store, c.id)


def remove_candidate(store: Store, candidate_id: int, actor: str | None = None) -> None:
    """Remove a candidate entered by mistake (or withdrawn before the poll).

    Refused while the list is locked, once any figure of the ward has been keyed
    (in any round), and for a declared ward."""
    c = _candidate(store, candidate_id)
    w = _ward(store, c.ward_id)
    with store._change("remove candidate", actor, w.id,
                       {"ward": w.name, "candidate": c.ballot_name, "party": c.party}) as ch:
        _require_editable(store, w)
        _require_no_keying(store, w, "removed")
        store._delete(ch, "candidates", c.id)


def unlock_candidates(store: Store, ward_id: int, reason: str, actor: str) -> WardInfo:
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
    w = _ward(store, ward_id)
    reason = _clean(reason, "the reason for unlocking", max_len=MAX_REASON)
    actor = _clean(actor, "the name of who is unlocking the list")
    _require_undeclared(w, "its candidates cannot change")
    if not w.candidates_locked:
        raise StoreError(f"{w.name}'s candidate list is not locked")
    store._require_ro(f"unlocking the candidate list of {w.name}", actor)
    with store._change("unlock candidates", actor, w.id, {"ward": w.name, "reason": reason}) as ch:
        _require_undeclared(w, "its candidates cannot change")
        if not w.candidates_locked:
            raise StoreError(f"{w.name}'s candidate list is not locked")
        store._update(ch, "wards", w.id, {"candidates_locked": 0})
    return _ward(store, w.id)


def lock_candidates(store: Store, ward_id: int, actor: str | None = None,
                    reason: str | None = None) -> WardInfo:
    """Lock a ward's candidate list (e.g. after a correction). Refused for a declared
    ward (already locked) or a list that is already locked."""
    w = _ward(store, ward_id)
    reason_t = _clean(reason, "the reason", required=False, max_len=MAX_REASON)
    with store._change("lock candidates", actor, w.id, {"ward": w.name, "reason": reason_t}) as ch:
        _require_undeclared(w, "its candidate list is locked for good")
        if w.candidates_locked:
            raise StoreError(f"{w.name}'s candidate list is already locked")
        store._update(ch, "wards", w.id, {"candidates_locked": 1})
    return _ward(store, w.id)


# ============================================================= nominations
def import_nominations(store: Store, csv_bytes: bytes, actor: str | None = None) -> NominationsImport:
    """Import a statement of persons nominated (CSV; see docs/nominations-csv.md).

    All or nothing, in one transaction: wards not yet in the store are added
    (their seats must be given), candidates are added to existing wards whose
    list is open. Any bad line (a malformed row, a candidate already in the ward,
    a locked, keyed or declared ward, a new ward without seats, seats that
    differ from an existing ward's) refuses the whole file with
    :class:`NominationsRefused`, which lists every bad line by number."""
    _require_election(store)
    try:
        rows = parse_nominations(csv_bytes)
    except NominationsError as exc:
        raise NominationsRefused(exc.problems) from None
    digest = hashlib.sha256(bytes(csv_bytes)).hexdigest()
    known = {fold(w.name) for w in store.wards()}
    planned = list(dict.fromkeys(r.ward for r in rows if fold(r.ward) not in known))
    details = {"sha256": digest, "candidates": len(rows), "wards_added": planned}
    with store._change("import nominations", actor, details=details) as ch:
        problems: list[tuple[int, str]] = []
        existing = {fold(w.name): w for w in store.wards()}
        keyed: dict[int, bool] = {}
        first_line: dict[str, int] = {}
        for r in rows:
            key = fold(r.ward)
            first_line.setdefault(key, r.line)
            w = existing.get(key)
            if w is None:
                if r.seats is None and first_line[key] == r.line:
                    problems.append((r.line, f"there is no ward called {r.ward!r} yet; give its seats "
                                             "(a seats column) to add it"))
                continue
            if w.declared_at:
                problems.append((r.line, f"{w.name} has been declared; its candidates cannot change"))
                continue
            if w.candidates_locked:
                problems.append((r.line, _locked_message(w)))
                continue
            if w.id not in keyed:
                keyed[w.id] = _keying_started(store, w.id)
            if keyed[w.id]:
                problems.append((r.line, f"figures have already been keyed for {w.name}; "
                                         "candidates cannot be added"))
                continue
            if r.seats is not None and r.seats != w.seats and first_line[key] == r.line:
                problems.append((r.line, f"{w.name} has {w.seats} seats but the file gives {r.seats}; "
                                         "leave seats empty for an existing ward or change the ward"))
            if (r.electorate is not None and w.electorate is not None and r.electorate != w.electorate
                    and first_line[key] == r.line):
                problems.append((r.line, f"{w.name} has an electorate of {w.electorate:,} but the file "
                                         f"gives {r.electorate:,}"))
            person = Candidate(0, r.surname, r.forenames, r.description, r.party)
            for other in _candidate_rows(store, w.id):
                if same_person(person, other.candidate):
                    what = f" ({other.description})" if other.description else ""
                    problems.append((r.line, f"{other.ballot_name}{what} is already a candidate "
                                             f"in {w.name}"))
                    break
        if problems:
            raise NominationsRefused(sorted(problems, key=lambda p: p[0]))
        added: dict[str, int] = {}
        new_wards: list[str] = []
        per_ward: dict[str, int] = {}
        names: dict[str, str] = {}
        for r in rows:
            key = fold(r.ward)
            if key not in existing and key not in added:
                assert r.seats is not None
                added[key] = _new_ward(store, ch, r.ward, r.seats, r.electorate)
                new_wards.append(r.ward)
            ward_id = added[key] if key in added else existing[key].id
            names.setdefault(key, r.ward if key in added else existing[key].name)
            store._insert(ch, "candidates", {
                "ward_id": ward_id, "surname": r.surname, "forenames": r.forenames,
                "description": r.description, "party": r.party, "colour": r.colour})
            per_ward[key] = per_ward.get(key, 0) + 1
        notes: list[str] = []
        for key, w in existing.items():
            if key in per_ward and w.electorate is None:
                given = next((r.electorate for r in rows if fold(r.ward) == key and r.electorate), None)
                if given is not None:
                    store._update(ch, "wards", w.id, {"electorate": given})
                    notes.append(f"{w.name}: electorate set to {given:,}")
        for key in per_ward:
            ward_id = added[key] if key in added else existing[key].id
            w = _ward(store, ward_id)
            n = len(_candidate_rows(store, ward_id))
            if n > w.seats:
                _ensure_sheet(store, ch, ward_id)
            else:
                notes.append(f"{w.name}: {n} candidate{'s' if n != 1 else ''} for {w.seats} "
                             f"seat{'s' if w.seats != 1 else ''}, so it is uncontested unless more "
                             "are added")
    return NominationsImport(
        wards_added=tuple(new_wards), candidates_added=len(rows),
        per_ward=tuple((names[k], n) for k, n in per_ward.items()), notes=tuple(notes))



# ============================================================ verification
#: One entry of the verification: (label, kind "box" or "postal", issued, counted).
BoxRow = tuple[str, str, int | str | None, int | str | None]


def _box_rows(store: Store, ward_id: int) -> list[VerificationBox]:
    cur = store.conn.execute(
        "SELECT id, position, label, kind, issued, counted FROM verification_boxes WHERE ward_id = ? "
        "ORDER BY position, id", (ward_id,))
    return [VerificationBox(*r) for r in cur]


def _check_boxes(boxes: Sequence[BoxRow | VerificationBox]) -> list[dict[str, Any]]:
    if isinstance(boxes, str | bytes):
        raise StoreError("the boxes must be a list of (label, kind, issued, counted)")
    problems: list[str] = []
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(boxes, 1):
        where = f"row {i}"
        label_raw: object
        kind_raw: object
        issued_raw: object
        counted_raw: object
        try:
            if isinstance(entry, VerificationBox):
                label_raw, kind_raw, issued_raw, counted_raw = (
                    entry.label, entry.kind, entry.issued, entry.counted)
            else:
                label_raw, kind_raw, issued_raw, counted_raw = entry
        except (TypeError, ValueError):
            problems.append(f"{where}: expected (label, kind, issued, counted)")
            continue
        try:
            label = _clean(label_raw, "the box or station", max_len=MAX_WARD_NAME)
            where = f"row {i} ({label})"
            kind = str(kind_raw or "").strip().lower()
            if kind not in BOX_KINDS:
                raise StoreError(f"the kind must be 'box' or 'postal', not {kind_raw!r}")
            issued = _optional_number(issued_raw, "papers issued")
            counted = _optional_number(counted_raw, "papers counted")
        except StoreError as exc:
            problems.append(f"{where}: {exc}")
            continue
        key = fold(label)
        if key in seen:
            problems.append(f"{where}: repeats row {seen[key]}")
            continue
        seen[key] = i
        out.append({"position": i, "label": label, "kind": kind, "issued": issued,
                    "counted": counted})
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise StoreError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the "
                         f"verification: {shown}")
    return out


def set_verification(store: Store, ward_id: int, boxes: Sequence[BoxRow | VerificationBox],
                     actor: str | None = None) -> VerificationSummary:
    """Replace the ward's verification: each ballot box (or polling station) and each
    postal entry as ``(label, kind, issued, counted)`` with kind ``"box"`` or
    ``"postal"``; figures may be numbers, text such as ``"1,234"``, or None/"" when
    not known yet.

    Rows are matched to the stored ones by label (ignoring case and accents):
    changed rows are updated, new ones inserted, missing ones deleted, all in the
    audit log. The ward's ``ballot_papers_verified`` becomes the total counted
    when every entry has a counted figure, and None (unknown) otherwise or when
    the list is empty. A call that changes nothing writes nothing. Refused for a
    declared ward, and when the total counted exceeds the electorate."""
    w = _ward(store, ward_id)
    rows = _check_boxes(boxes)
    complete = bool(rows) and all(r["counted"] is not None for r in rows)
    total = sum(r["counted"] or 0 for r in rows)
    verified = total if complete else None
    if w.electorate is not None and total > w.electorate:
        raise StoreError(f"the papers counted ({total:,}) exceed {w.name}'s electorate "
                         f"({w.electorate:,})")
    _require_undeclared(w, "its verification cannot change")
    old = {fold(b.label): b for b in _box_rows(store, w.id)}
    plan: list[tuple[str, int | None, dict[str, Any]]] = []
    for r in rows:
        before = old.pop(fold(r["label"]), None)
        if before is None:
            plan.append(("insert", None, r))
        else:
            current = {"position": before.position, "label": before.label, "kind": before.kind,
                       "issued": before.issued, "counted": before.counted}
            diff = {k: v for k, v in r.items() if current[k] != v}
            if diff:
                plan.append(("update", before.id, diff))
    plan.extend(("delete", b.id, {}) for b in old.values())
    if not plan and w.ballot_papers_verified == verified:
        return verification(store, w.id)
    variance = sum(r["counted"] - r["issued"] for r in rows
                   if r["issued"] is not None and r["counted"] is not None)
    with store._change(SET_VERIFICATION, actor, w.id,
                       {"ward": w.name, "entries": len(rows), "total_counted": total,
                        "complete": complete, "variance": variance}) as ch:
        _require_undeclared(_ward(store, w.id), "its verification cannot change")
        for op, pk, _ in plan:
            if op == "delete":
                assert pk is not None
                store._delete(ch, "verification_boxes", pk)
        for op, pk, values in plan:
            if op == "update":
                assert pk is not None
                store._update(ch, "verification_boxes", pk, values)
            elif op == "insert":
                store._insert(ch, "verification_boxes", {"ward_id": w.id, **values})
        if w.ballot_papers_verified != verified:
            store._update(ch, "wards", w.id, {"ballot_papers_verified": verified})
    return verification(store, w.id)


def verification(store: Store, ward_id: int) -> VerificationSummary:
    """The ward's statement of verification, as it stands."""
    w = _ward(store, ward_id)
    boxes = tuple(_box_rows(store, w.id))
    issued = sum(b.issued for b in boxes if b.issued is not None)
    counted = sum(b.counted for b in boxes if b.counted is not None)
    postal = sum(b.counted for b in boxes if b.counted is not None and b.kind == "postal")
    variance = sum(v for v in (b.variance for b in boxes) if v is not None)
    st = store.conn.execute(
        "SELECT explanation, by, at FROM verification_statements WHERE ward_id = ? "
        "ORDER BY id DESC LIMIT 1", (w.id,)).fetchone()
    last_set, last_explained = _last_seqs(store, w.id)
    current = st is not None and last_explained > last_set
    return VerificationSummary(
        ward_id=w.id, ward=w.name, boxes=boxes, total_issued=issued, total_counted=counted,
        box_counted=counted - postal, postal_counted=postal,
        complete=bool(boxes) and all(b.counted is not None for b in boxes), variance=variance,
        ballot_papers_verified=w.ballot_papers_verified,
        explanation=st[0] if st else None, explained_by=st[1] if st else None,
        explained_at=st[2] if st else None, explanation_current=current,
        needs_explanation=variance != 0 and not current)


def _last_seqs(store: Store, ward_id: int) -> tuple[int, int]:
    """Audit sequence numbers of the last change of the boxes and the last explanation."""
    row = store.conn.execute(
        "SELECT COALESCE(MAX(CASE WHEN action = ? THEN seq END), 0), "
        "       COALESCE(MAX(CASE WHEN action = ? THEN seq END), 0) "
        "FROM audit WHERE ward_id = ?", (SET_VERIFICATION, EXPLAIN_VARIANCE, ward_id)).fetchone()
    return int(row[0]), int(row[1])


def _explanation(text: object) -> str:
    if not isinstance(text, str):
        raise StoreError("the explanation must be text")
    lines = [_clean(line, "the explanation", required=False, max_len=MAX_EXPLANATION)
             for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    if not out.strip():
        raise StoreError("the explanation is empty")
    if len(out) > MAX_EXPLANATION:
        raise StoreError(f"the explanation is {len(out):,} characters long; the limit is "
                         f"{MAX_EXPLANATION:,}")
    return out


def explain_variance(store: Store, ward_id: int, explanation: str,
                     by: str | None = None) -> VerificationSummary:
    """Record the explanation of the verification's variance (appended; earlier ones
    stay in the record). Several lines are allowed. Refused for a declared ward and
    for a ward with no verification entries yet."""
    w = _ward(store, ward_id)
    text = _explanation(explanation)
    by_t = _clean(by, "the name of who explains", required=False) or None
    with store._change(EXPLAIN_VARIANCE, by_t, w.id, {"ward": w.name}) as ch:
        _require_undeclared(w, "its verification cannot change")
        if not _box_rows(store, w.id):
            raise StoreError(f"{w.name} has no ballot boxes or postal papers recorded yet; "
                             "enter the verification first")
        store._insert(ch, "verification_statements", {
            "ward_id": w.id, "explanation": text, "by": by_t, "at": now()})
    return verification(store, w.id)

