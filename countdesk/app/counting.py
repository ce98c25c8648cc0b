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
from countdesk.core import REJECTED_FIELDS, SheetInput, WardResult, build_keying_values, fold, parse_figure
from countdesk.core.entry import field_label, next_slot, sheet_status
from countdesk.core.workflow import Action
from countdesk.store.audit import canonical
from countdesk.store.db import now

if TYPE_CHECKING:
    pass

_SLOT_ACTION = {"first": Action.KEY_FIRST, "second": Action.KEY_SECOND}


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
        if slot not in _SLOT_ACTION:
            raise AppError("A004", f"keying must be 'first' or 'second', not {slot!r}")
        w = self.ward(ward)
        sheet_id, s = self.sheet(w.id, sheet)
        self.require(w.id, _SLOT_ACTION[slot], s.name)
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
        if field_name not in allowed:
            raise AppError("A005", f"{field_name!r} is not a figure of this sheet")
        label = field_label(field_name, cands)
        value: int | None = None
        if not (raw is None or (isinstance(raw, str) and not raw.strip())):
            value = parse_figure(raw, label[0].upper() + label[1:])
        op = clean(operator, "the operator's name", required=False) or None
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
        other = s.second if slot == "first" else s.first
        if op and other is not None and other.operator and fold(other.operator) == fold(op):
            raise AppError("A006", f"the {slot} keying must be by a different operator from the "
                           f"{'second' if slot == 'first' else 'first'} ({other.operator})")
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
        """The supervisor accepts one of two differing keyings of a sheet."""
        if slot not in _SLOT_ACTION:
            raise AppError("A004", f"the keying to accept must be 'first' or 'second', not {slot!r}")
        w = self.ward(ward)
        sheet_id, s = self.sheet(w.id, sheet)
        self.require(w.id, Action.ACCEPT_KEYING, s.name)
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
