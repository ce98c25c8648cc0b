"""Counting: keying count sheets (figure by figure, or whole), double entry, sheets.

Each figure is saved durably the moment it is keyed (a draft of the keying); a
finished keying is checked by the core and recorded in one transaction. Which
keying a sheet may take is the workflow's answer (:mod:`countdesk.core.workflow`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from countdesk.app.base import DeskBase
from countdesk.app.errors import AppError
from countdesk.app.ops import operation
from countdesk.app.text import clean
from countdesk.core import (
    REJECTED_FIELDS,
    SheetInput,
    SheetState,
    WardResult,
    build_keying_values,
    fold,
    parse_figure,
)
from countdesk.core.entry import empty_fields, field_label, next_slot, sheet_status
from countdesk.core.people import decider_refusal, keyer_refusal
from countdesk.core.workflow import Action
from countdesk.store.audit import canonical
from countdesk.store.db import now

if TYPE_CHECKING:
    pass

_SLOT_ACTION = {"first": Action.KEY_FIRST, "second": Action.KEY_SECOND}
#: the keyings an operator makes: the first, the second, and the differing fields again
_KEY_ACTION = {**_SLOT_ACTION, "third": Action.KEY_THIRD}


class CountingOps(DeskBase):
    def sheets(self, ward: str | int) -> list[tuple[int, SheetInput]]:
        """The current round's count sheets (id and what was keyed)."""
        w = self.ward(ward)
        round_id, _ = self.store.current_round(w.id)
        return self.store.sheet_inputs(round_id)

    def sheet(self, ward: str | int, sheet: str | None) -> tuple[int, SheetInput]:
        """One count sheet of the current round, by name (any case); the only one when
        ``sheet`` is None."""
        w = self.ward(ward)
        _, number = self.store.current_round(w.id)
        sheets = self.sheets(w.id)
        if not sheets:
            raise AppError("F015", f"round {number} of {w.name} has no count sheets (an uncontested "
                           "ward has no count)")
        if sheet is None:
            if len(sheets) > 1:
                names = ", ".join(s.name for _, s in sheets)
                raise AppError("A003", f"{w.name} has {len(sheets)} count sheets ({names}); "
                               "say which sheet (--sheet NAME)")
            return sheets[0]
        for sid, s in sheets:
            if fold(s.name) == fold(sheet):
                return sid, s
        names = ", ".join(s.name for _, s in sheets)
        raise AppError("A003", f"no count sheet called {sheet!r} in round {number} of {w.name}; "
                       f"the sheets are: {names}")

    def next_slot(self, ward: str | int, sheet: str | None = None) -> str | None:
        """The keying a sheet takes next ("first", "second"), or None when it takes none
        (accepted, or its keyings differ)."""
        w = self.ward(ward)
        if not self.check(w.id, Action.KEY_FIRST).allowed and not self.check(w.id, Action.KEY_SECOND):
            return None
        _, s = self.sheet(w.id, sheet)
        double = self.election().double_entry
        return next_slot(sheet_status(s, double), double)

    def _keyable(self, ward: str | int, slot: str, sheet: str | None
                 ) -> tuple[int, int, SheetInput]:
        if slot not in _KEY_ACTION:
            raise AppError("A004", f"keying must be 'first', 'second' or 'third' (the differing "
                           f"fields again), not {slot!r}")
        w = self.ward(ward)
        sheet_id, s = self.sheet(w.id, sheet)
        self.require(w.id, _KEY_ACTION[slot], s.name)
        return w.id, sheet_id, s

    def drafts(self, ward: str | int, slot: str, *, sheet: str | None = None
               ) -> dict[str, int | None]:
        """The unfinished keying's values (since the last finished keying of that slot)."""
        sheet_id, _ = self.sheet(ward, sheet)
        return self.store.drafts_of(sheet_id, slot)

    @operation("counting", "saving a keyed figure")
    def save_draft(self, ward: str | int, slot: str, field_name: str, raw: object, *,
                   sheet: str | None = None, operator: str | None = None) -> int | None:
        """Save one keyed value of an unfinished keying, durably. Empty text clears the field.
        Returns the value stored (None when cleared); a bad value is refused with the core's
        code and changes nothing."""
        ward_id, sheet_id, s = self._keyable(ward, slot, sheet)
        cands = self.store.candidates(ward_id)
        allowed = {f"votes:{c.id}" for c in cands} | {f"rejected:{h}" for h in REJECTED_FIELDS}
        allowed |= {"papers", "objected"}
        if slot == "third":
            allowed &= set(self._differing(s))
        if field_name not in allowed:
            what = "a field where the two keyings differ" if slot == "third" else "a figure of this sheet"
            raise AppError("A005", f"{field_name!r} is not {what}")
        label = field_label(field_name, cands)
        value: int | None = None
        if not (raw is None or (isinstance(raw, str) and not raw.strip())):
            value = parse_figure(raw, label[0].upper() + label[1:])
        op = clean(operator, "the operator's name", required=False) or None
        self._check_keyer(slot, op, s)  # refused at the first figure, not at the end
        if self.store.drafts_of(sheet_id, slot).get(field_name) == value:
            return value  # unchanged: nothing to record
        w = self.ward(ward_id)
        with self.transaction(f"{slot} keying: value", op, ward_id,
                              {"ward": w.name, "sheet": s.name, "field": field_name}) as ch:
            self.store.insert(ch, "draft_values", {
                "sheet_id": sheet_id, "slot": slot, "field": field_name, "value": value,
                "operator": op, "entered_at": now()})
        return value

    @operation("counting", "finishing a keying")
    def finish_keying(self, ward: str | int, slot: str, *, sheet: str | None = None,
                      operator: str | None = None) -> WardResult:
        """Turn the saved draft values into a finished keying of the sheet."""
        ward_id, sheet_id, s = self._keyable(ward, slot, sheet)
        values = self.store.drafts_of(sheet_id, slot)
        if slot == "third":
            return self._record_third(ward_id, sheet_id, s, values, operator,
                                      self.store.last_draft_id(sheet_id, slot))
        cands = self.store.candidates(ward_id)
        empty = empty_fields(values, cands, seats=self.ward(ward_id).seats)
        if empty:
            names = "; ".join(field_label(f, cands) for f in empty)
            raise AppError("E110", f"{len(empty)} figure{'s are' if len(empty) != 1 else ' is'} "
                           f"empty: {names}. Type each one, 0 where there were none (an empty "
                           "figure is never taken as 0)")
        votes = {int(k.split(":", 1)[1]): v for k, v in values.items() if k.startswith("votes:")}
        rejected = {k.split(":", 1)[1]: v for k, v in values.items() if k.startswith("rejected:")}
        upto = self.store.last_draft_id(sheet_id, slot)
        return self._record_keying(ward_id, slot, sheet_id, s, votes, rejected, values.get("papers"),
                                   operator, upto, values.get("objected"))

    @operation("counting", "recording a keying")
    def enter_keying(self, ward: str | int, slot: str, votes: Mapping[int, object], *,
                     rejected: Mapping[str, object] | None = None, papers: object | None = None,
                     objected: object | None = None, sheet: str | None = None,
                     operator: str | None = None) -> WardResult:
        """Record one operator's complete keying of a count sheet (``objected``: how many of
        its rejected papers were endorsed "rejection objected to")."""
        ward_id, sheet_id, s = self._keyable(ward, slot, sheet)
        return self._record_keying(ward_id, slot, sheet_id, s, votes, rejected, papers, operator, None,
                                   objected)

    def _record_keying(self, ward_id: int, slot: str, sheet_id: int, s: SheetInput,  # noqa: PLR0917
                       votes: Mapping[int, object], rejected: Mapping[str, object] | None,
                       papers: object | None, operator: str | None, upto: int | None,
                       objected: object | None = None) -> WardResult:
        w = self.ward(ward_id)
        values = build_keying_values(self.store.candidates(ward_id), votes, rejected, papers, objected,
                                     seats=w.seats)
        op = clean(operator, "the operator's name", required=False) or None
        self._check_keyer(slot, op, s)
        with self.transaction(f"{slot} keying", op, ward_id, {"ward": w.name, "sheet": s.name}) as ch:
            self.store.insert(ch, "keyings", {"sheet_id": sheet_id, "slot": slot,
                                              "vals": canonical(values), "operator": op,
                                              "entered_at": now(), "draft_upto": upto})
            if not w.candidates_locked:
                self.store.update(ch, "wards", ward_id, {"candidates_locked": 1})
        return self.result(ward_id)

    @operation("counting", "accepting one keying over the other", passphrase="always")
    def accept_keying(self, ward: str | int, slot: str, *, sheet: str | None = None,
                      by: str | None = None, passphrase: str | None = None) -> WardResult:
        """The supervisor accepts one of two differing keyings of a sheet: a named supervisor
        who keyed no sheet of the ward's round (A023, A024)."""
        if slot not in _SLOT_ACTION:
            raise AppError("A004", f"the keying to accept must be 'first' or 'second', not {slot!r}")
        w = self.ward(ward)
        sheet_id, s = self.sheet(w.id, sheet)
        self.require(w.id, Action.ACCEPT_KEYING, s.name)
        by = clean(by, "the supervisor's name", required=False) or None
        self.check_decider(w.id, by, "accepting one of two differing keyings")
        status = sheet_status(s, self.election().double_entry)
        assert s.first is not None and s.second is not None
        with self.transaction(f"accept {slot} keying", by, w.id,
                              {"ward": w.name, "sheet": s.name,
                               "differences": list(status.differences)}) as ch:
            self.store.insert(ch, "resolutions", {
                "sheet_id": sheet_id, "accepted_slot": slot, "first_keying_id": s.first.id,
                "second_keying_id": s.second.id, "by": by, "at": now()})
        return self.result(w.id)

    @operation("counting", "adding a count sheet")
    def add_sheet(self, ward: str | int, name: str, *, actor: str | None = None) -> None:
        w = self.ward(ward)
        self.require(w.id, Action.ADD_SHEET)
        name = clean(name, "the sheet name", max_len=60)
        round_id, number = self.store.current_round(w.id)
        sheets = self.store.sheet_inputs(round_id)
        if any(fold(s.name) == fold(name) for _, s in sheets):
            raise AppError("A007", f"round {number} of {w.name} already has a sheet called {name!r}")
        with self.transaction("add count sheet", actor, w.id, {"ward": w.name, "sheet": name}) as ch:
            self.store.insert(ch, "sheets", {"round_id": round_id, "position": len(sheets) + 1,
                                             "name": name})

    # ------------------------------------------------- who is at the desk
    def _check_keyer(self, slot: str, operator: str | None, s: SheetInput) -> None:
        refusal = keyer_refusal(slot, operator, s, double_entry=self.election().double_entry)
        if refusal is not None:
            raise AppError(*refusal)

    def check_keyer(self, ward: str | int, slot: str, operator: str | None, *,
                    sheet: str | None = None) -> str:
        """The operator's name, cleaned, once they may key the ``slot`` keying of the sheet
        (asked when keying starts, before any figure); else the refusal (A006, A008)."""
        _, _, s = self._keyable(ward, slot, sheet)
        op = clean(operator, "the operator's name", required=False)
        self._check_keyer(slot, op or None, s)
        if not op:
            raise AppError("A008", "give the name of the operator keying this sheet")
        return op

    def keyer(self, ward: str | int, slot: str, *, sheet: str | None = None) -> str | None:
        """Who is keying the unfinished ``slot`` keying (named on its latest saved figure)."""
        from countdesk.store.people_reads import draft_operator  # noqa: PLC0415

        sheet_id, _ = self.sheet(ward, sheet)
        return draft_operator(self.store, sheet_id, slot)

    def check_decider(self, ward: str | int, by: str | None, what: str) -> None:
        """Refuse a supervisor's decision on the ward's current round unless ``by`` is named
        and keyed none of its sheets (A023, A024)."""
        refusal = decider_refusal(by, [s for _, s in self.sheets(ward)], what)
        if refusal is not None:
            raise AppError(*refusal)

    def _differing(self, s: SheetInput) -> tuple[str, ...]:
        status = sheet_status(s, self.election().double_entry)
        return status.differences if status.state is SheetState.DIFFERENT else ()

    def differing_fields(self, ward: str | int, *, sheet: str | None = None) -> list[tuple[str, str]]:
        """The fields still to settle where two keyings of a sheet differ, as (field, label),
        without either keying's value: what a third keying keys, blind."""
        w = self.ward(ward)
        _, s = self.sheet(w.id, sheet)
        cands = self.store.candidates(w.id)
        return [(f, field_label(f, cands)) for f in self._differing(s)]

    @operation("counting", "keying the differing fields a third time")
    def enter_third(self, ward: str | int, values: Mapping[str, object], *, sheet: str | None = None,
                    operator: str | None = None) -> WardResult:
        """A third keying of only the fields where the two keyings differ, by someone who
        keyed neither (``values``: {field: figure}, every differing field and no other).
        Where it matches one of the two keyings, that value stands
        (:func:`countdesk.core.entry.resolve_by_thirds`)."""
        ward_id, sheet_id, s = self._keyable(ward, "third", sheet)
        return self._record_third(ward_id, sheet_id, s, dict(values), operator, None)

    def _record_third(self, ward_id: int, sheet_id: int, s: SheetInput,  # noqa: PLR0917
                      values: Mapping[str, object], operator: str | None,
                      upto: int | None) -> WardResult:
        w = self.ward(ward_id)
        cands = self.store.candidates(ward_id)
        fields = self._differing(s)
        extra = [f for f in values if f not in fields]
        if extra:
            raise AppError("A005", f"{field_label(extra[0], cands)} is not a field where the two "
                           "keyings differ: a third keying keys only those")
        missing = [f for f in fields if values.get(f) is None or str(values.get(f)).strip() == ""]
        if missing:
            names = "; ".join(field_label(f, cands) for f in missing)
            raise AppError("E110", f"the third keying has no figure for: {names}. Type each one "
                           "from the paper sheet (0 where there were none)")
        parsed = {f: parse_figure(values[f], field_label(f, cands)) for f in fields}
        op = clean(operator, "the operator's name", required=False) or None
        self._check_keyer("third", op, s)
        with self.transaction("third keying of the differing fields", op, ward_id,
                              {"ward": w.name, "sheet": s.name, "fields": list(fields)}) as ch:
            self.store.insert(ch, "keyings", {"sheet_id": sheet_id, "slot": "third",
                                              "vals": canonical(parsed), "operator": op,
                                              "entered_at": now(), "draft_upto": upto})
        return self.result(ward_id)
