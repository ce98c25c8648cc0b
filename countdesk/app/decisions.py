"""Decisions: the provisional result, recounts, lots, warnings, the declaration,
a countermanded poll, and errors reported after the declaration.

Each one is allowed only when the ward's workflow (:mod:`countdesk.core.workflow`)
allows it, and refused with its code and sentence otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from countdesk.app.base import DeskBase
from countdesk.app.errors import AppError
from countdesk.app.ops import operation
from countdesk.app.text import clean
from countdesk.core import REJECTED_FIELDS, FigureError, WardResult, parse_figure
from countdesk.core.count_records import RECOUNT_KINDS
from countdesk.core.entry import field_label
from countdesk.core.people import Acknowledgement, explanation_refusal
from countdesk.core.records import ErrorReport
from countdesk.core.workflow import Action, figures_key
from countdesk.store.audit import canonical
from countdesk.store.db import now

if TYPE_CHECKING:
    from countdesk.app.desk import Desk

MAX_REASON = 500


class DecisionOps(DeskBase):
    def acknowledgements(self, ward: str | int, round_number: int | None = None
                         ) -> list[Acknowledgement]:
        """The warnings acknowledged in a round (the current one by default): who, why, when."""
        from countdesk.store.people_reads import acknowledgements  # noqa: PLC0415

        w = self.ward(ward)
        rounds = dict((n, rid) for rid, n in self.store.rounds(w.id))
        number = round_number if round_number is not None else max(rounds, default=None)
        if number not in rounds:
            raise AppError("A002", f"{w.name} has no round {number}")
        return acknowledgements(self.store, rounds[number])

    def _named(self, by: str | None, what: str) -> str:
        """Who takes a returning officer's decision: the name given, else the election's
        returning officer; refused when neither is known (A023)."""
        name = clean(by, "who takes the decision", required=False)
        if not name:
            name = (self.election().returning_officer or "").strip()
        if not name:
            raise AppError("A023", f"{what} needs the name of the person taking the decision "
                           "(the election has no returning officer named)")
        return name

    @operation("decisions", "recording that the provisional result was shown")
    def show_provisional(self, ward: str | int, *, by: str | None = None) -> WardResult:
        """Record that the provisional result of the current round was shown to candidates
        and agents (who showed it, when, and the figures it showed). Rule 46(2): they may
        then ask for a recount before anything is declared."""
        w = self.ward(ward)
        state = self.require(w.id, Action.SHOW_PROVISIONAL)
        r = state.result
        key = figures_key(r)
        assert key is not None and r.figures is not None
        by = clean(by, "who showed the provisional result", required=False) or None
        round_id, number = self.store.current_round(w.id)
        with self.transaction("show provisional result", by, w.id,
                              {"ward": w.name, "round": number}) as ch:
            self.store.insert(ch, "provisional", {
                "ward_id": w.id, "round_id": round_id, "figures_key": key,
                "figures": canonical(r.figures.as_fields()), "by": by, "at": now()})
        return self.result(w.id)

    @operation("decisions", "recording the drawing of lots", passphrase="always")
    def record_lot(self, ward: str | int, winner_id: int, method: str,
                   witnesses: Sequence[str] = (), *, by: str | None = None,
                    passphrase: str | None = None) -> WardResult:
        w = self.ward(ward)
        result = self.require(w.id, Action.RECORD_LOT).result
        tie = result.tie
        assert tie is not None
        if winner_id not in tie.candidate_ids:
            names = "; ".join(f"{r.candidate.id} {r.candidate.ballot_name} ({r.candidate.party})"
                              for r in result.candidates if r.candidate.id in tie.candidate_ids)
            raise AppError("A020", f"candidate {winner_id} is not in the tie; the tied candidates "
                           f"are: {names}")
        method = clean(method, "the method of drawing lots")
        wits = [clean(x, "a witness's name") for x in witnesses]
        by = self._named(by, "recording the drawing of lots")
        round_id, _ = self.store.current_round(w.id)
        winner = result.row(winner_id).candidate
        with self.transaction("record drawing of lots", by, w.id,
                              {"ward": w.name, "winner": winner.ballot_name, "tie_votes": tie.votes,
                               "seats_at_stake": tie.seats}) as ch:
            self.store.insert(ch, "lots", {
                "round_id": round_id, "winner_id": winner_id,
                "tied_ids": canonical(list(tie.candidate_ids)), "method": method,
                "witnesses": canonical(wits), "drawn_at": now(), "recorded_by": by})
        return self.result(w.id)

    @operation("decisions", "acknowledging a warning")
    def acknowledge(self, ward: str | int, code: str, *, by: str | None = None,
                    explanation: str | None = None) -> WardResult:
        """Acknowledge a warning: by a named supervisor who keyed none of the round's sheets
        (A023, A024), with a short explanation (A025), kept in the record and printed on the
        provisional sheet."""
        w = self.ward(ward)
        result = self.require(w.id, Action.ACKNOWLEDGE).result
        code = code.strip().upper()
        match = [x for x in result.warnings if x.code == code]
        if not match:
            shown = ", ".join(x.code for x in result.warnings) or "none"
            raise AppError("A021", f"{w.name} has no warning {code} to acknowledge (warnings: {shown})")
        if match[0].acknowledged:
            raise AppError("A021", f"warning {code} is already acknowledged for {w.name}")
        by = clean(by, "who acknowledges the warning", required=False) or None
        cast("Desk", self).check_decider(w.id, by, f"acknowledging warning {code}")
        refusal = explanation_refusal(explanation, code)
        if refusal is not None:
            raise AppError(*refusal)
        explanation = clean(explanation, "the explanation", max_len=MAX_REASON)
        round_id, _ = self.store.current_round(w.id)
        with self.transaction("acknowledge warning", by, w.id,
                              {"ward": w.name, "code": code, "message": match[0].message,
                               "explanation": explanation}) as ch:
            self.store.insert(ch, "acknowledgements", {"round_id": round_id, "code": code, "by": by,
                                                       "at": now(), "explanation": explanation})
        return self.result(w.id)

    @operation("decisions", "recording a recount request")
    def request_recount(self, ward: str | int, requested_by: str, *, granted: bool,
                        reason: str = "", decided_by: str | None = None, kind: str = "full",
                        bundles: Sequence[str] = ()) -> WardResult:
        """Record a recount request: who asked, its type (``kind`` "full" for a full recount,
        "bundles" for a re-check of the named ``bundles``), the decision and its reason
        (required either way). A granted one opens a new round keyed like the first (which
        voids the provisional result shown for the old figures)."""
        w = self.ward(ward)
        self.require(w.id, Action.RECOUNT if granted else Action.REFUSE_RECOUNT)
        requested_by = clean(requested_by, "who asked for the recount")
        kind, bundle_names = _recount_kind(kind, bundles)
        decision = "granting" if granted else "refusing"
        reason = clean(reason, f"the reason for {decision} the recount", max_len=MAX_REASON)
        decided_by = clean(decided_by, "who decided", required=False) or None
        round_id, number = self.store.current_round(w.id)
        with self.transaction("recount granted" if granted else "recount refused", decided_by, w.id,
                              {"ward": w.name, "round": number, "kind": kind,
                               "bundles": list(bundle_names)}) as ch:
            self.store.insert(ch, "recount_requests", {
                "ward_id": w.id, "round_id": round_id, "requested_by": requested_by,
                "granted": int(granted), "reason": reason, "decided_by": decided_by, "at": now(),
                "kind": kind,
                "bundles": canonical(list(bundle_names)) if kind == "bundles" else None})
            if granted:
                new_round = self.store.insert(ch, "rounds", {
                    "ward_id": w.id, "number": number + 1, "opened_at": now(),
                    "reason": reason or "recount", "requested_by": requested_by})
                names = [s.name for _, s in self.store.sheet_inputs(round_id) if s.imported is None]
                for pos, name in enumerate(names or ["Main count"], 1):
                    self.store.insert(ch, "sheets", {"round_id": new_round, "position": pos,
                                                     "name": name})
        return self.result(w.id)

    @operation("decisions", "declaring the result", passphrase="always")
    def declare(self, ward: str | int, *, by: str | None = None,
                    passphrase: str | None = None) -> WardResult:
        """Declare the ward: its result is final from now on. Refused unless the workflow
        allows it (provisional result shown for these figures, any lot recorded, every
        warning acknowledged; or an uncontested ward)."""
        w = self.ward(ward)
        result = self.require(w.id, Action.DECLARE).result
        by = self._named(by, "declaring the result")
        with self.transaction("declare", by, w.id, {"ward": w.name, "elected": list(result.elected)}) as ch:
            self.store.update(ch, "wards", w.id, {"declared_at": now(), "declared_by": by,
                                                  "candidates_locked": 1})
        return self.result(w.id)

    @operation("decisions", "countermanding the poll", passphrase="always")
    def countermand(self, ward: str | int, reason: str, *, by: str | None = None,
                    passphrase: str | None = None) -> WardResult:
        """The poll is countermanded (the death of a candidate, RPA 1983 s 39): no keying, no
        lot, no declaration from now on."""
        w = self.ward(ward)
        self.require(w.id, Action.COUNTERMAND)
        reason = clean(reason, "the reason the poll is countermanded", max_len=MAX_REASON)
        by = clean(by, "who countermands the poll", required=False) or None
        with self.transaction("countermand poll", by, w.id, {"ward": w.name, "reason": reason}) as ch:
            self.store.insert(ch, "countermands", {"ward_id": w.id, "reason": reason, "by": by,
                                                   "at": now()})
        return self.result(w.id)

    @operation("decisions", "reporting an error found after the declaration", passphrase="always")
    def report_error(self, ward: str | int, reason: str, *,
                     votes: Mapping[int, object] | None = None,
                     rejected: Mapping[str, object] | None = None, papers: object | None = None,
                     by: str | None = None, passphrase: str | None = None) -> ErrorReport:
        """Record an error found after the declaration: what is believed wrong, and why. The
        declared result, its declaration and every export stay as declared; only an election
        court can change them."""
        w = self.ward(ward)
        result = self.require(w.id, Action.REPORT_ERROR).result
        reason = clean(reason, "the reason (what was found to be wrong)", max_len=MAX_REASON)
        by = clean(by, "who reports the error", required=False) or None
        cands = {c.id: c for c in self.store.candidates(w.id)}
        believed: dict[str, int] = {}
        for cid, raw in (votes or {}).items():
            if cid not in cands:
                raise AppError("E110", f"there is no candidate with id {cid} in {w.name}")
            believed[f"votes:{cid}"] = parse_figure(raw, field_label(f"votes:{cid}", list(cands.values())))
        for head, raw in (rejected or {}).items():
            if head not in REJECTED_FIELDS:
                raise AppError("E110", f"unknown rejected head {head!r}; the heads are "
                               + ", ".join(REJECTED_FIELDS))
            believed[f"rejected:{head}"] = parse_figure(raw, "rejected papers, " + head.replace("_", " "))
        if papers is not None:
            believed["papers"] = parse_figure(papers, "ballot papers counted")
        declared = _declared_fields(result)
        for key in believed:
            if key not in declared:
                raise FigureError("E110", f"{w.name} has no declared figure for {key}")
        with self.transaction("report error after declaration", by, w.id,
                              {"ward": w.name, "reason": reason,
                               "believed": believed}) as ch:
            rid = self.store.insert(ch, "error_reports", {
                "ward_id": w.id, "reason": reason, "believed": canonical(believed),
                "declared": canonical({k: declared[k] for k in believed}), "by": by, "at": now()})
        return next(r for r in self.store.error_reports(w.id) if r.id == rid)


def _recount_kind(kind: str, bundles: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The type of a recount request and the bundles it names, checked."""
    kind = str(kind or "").strip().lower()
    if kind not in RECOUNT_KINDS:
        raise AppError("A022", f"a recount is a full recount or a re-check of named bundles "
                       f"(full or bundles), not {kind!r}")
    if isinstance(bundles, str):
        bundles = [bundles]
    names = tuple(clean(b, "the name of a bundle", required=False, max_len=100) for b in bundles)
    if kind == "full":
        if any(names):
            raise AppError("A022", "a full recount recounts every bundle: name bundles only for "
                           "a re-check of named bundles")
        return kind, ()
    if not names or not all(names):
        raise AppError("A022", "a re-check of bundles needs the name of each bundle to re-check "
                       "(for example --bundles 'Box 3 bundle 2')")
    seen: set[str] = set()
    for n in names:
        if n.casefold() in seen:
            raise AppError("A022", f"the bundle {n!r} is named twice")
        seen.add(n.casefold())
    return kind, names


def _declared_fields(result: WardResult) -> dict[str, Any]:
    out: dict[str, Any] = {f"votes:{r.candidate.id}": r.declared_votes for r in result.candidates
                           if r.declared_votes is not None}
    for head, n in result.rejected.items():
        if head != "total":
            out[f"rejected:{head}"] = n
    if result.ballot_papers_counted is not None:
        out["papers"] = result.ballot_papers_counted
    return out
