"""Double entry of count sheets, as a state machine.

    empty ──first──▶ first_entered ──second──▶ accepted (keyings match)
                                   └─second──▶ different ──third keying of the differing
                                               fields / re-key / supervisor accepts one──▶ …

With double entry off, the first keying is accepted. Imported figures are
accepted as imported. Once a sheet is accepted it is never keyed again in
that round: a recount opens a new round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from countdesk.core.model import (
    OBJECTED_FIELD,
    PAPERS_FIELD,
    REJECTED_FIELDS,
    REJECTED_HEADS,
    REJECTED_IN_PART,
    Candidate,
    Figures,
    Keying,
    SheetInput,
    rejected_field,
    votes_field,
)
from countdesk.core.validation import FigureError, parse_figure


class SheetState(StrEnum):
    EMPTY = "empty"
    FIRST_ENTERED = "first_entered"
    DIFFERENT = "different"
    ACCEPTED = "accepted"


class EntryRefused(ValueError):
    """An action the state machine does not allow in the sheet's state."""


@dataclass(frozen=True)
class SheetStatus:
    name: str
    state: SheetState
    figures: Figures | None  # the accepted figures, when accepted
    source: str | None  # "matched", "single keying", "import", "accepted first", ...
    differences: tuple[str, ...] = ()


def sheet_status(sheet: SheetInput, double_entry: bool) -> SheetStatus:
    if sheet.imported is not None:
        return SheetStatus(sheet.name, SheetState.ACCEPTED,
                           Figures.from_fields(sheet.imported.values), "import")
    first, second = sheet.first, sheet.second
    if first is None:
        return SheetStatus(sheet.name, SheetState.EMPTY, None, None)
    if not double_entry and second is None:
        return SheetStatus(sheet.name, SheetState.ACCEPTED,
                           Figures.from_fields(first.values), "single keying")
    if second is None:
        return SheetStatus(sheet.name, SheetState.FIRST_ENTERED, None, None)
    diffs = differences(first.values, second.values)
    if not diffs:
        return SheetStatus(sheet.name, SheetState.ACCEPTED,
                           Figures.from_fields(first.values), "matched")
    res = sheet.resolution
    if (res is not None and res.first_keying_id == first.id
            and res.second_keying_id == second.id):
        chosen = first if res.accepted_slot == "first" else second
        return SheetStatus(sheet.name, SheetState.ACCEPTED, Figures.from_fields(chosen.values),
                           f"accepted {res.accepted_slot} keying", diffs)
    merged, unresolved = resolve_by_thirds(first, second, sheet.thirds, diffs)
    if merged is not None:
        return SheetStatus(sheet.name, SheetState.ACCEPTED, Figures.from_fields(merged),
                           THIRD_SOURCE, diffs)
    return SheetStatus(sheet.name, SheetState.DIFFERENT, None, None, unresolved)


#: How a sheet settled by a third keying of its differing fields is described.
THIRD_SOURCE = "differing fields keyed a third time"


def _field_value(values: Mapping[str, int], name: str) -> int | None:
    # "objected" is kept only when not zero: a keying without it objected to none
    if name == OBJECTED_FIELD:
        return values.get(name, 0)
    return values.get(name)


def resolve_by_thirds(first: Keying, second: Keying, thirds: Sequence[Keying],
                      diffs: Sequence[str]) -> tuple[dict[str, int] | None, tuple[str, ...]]:
    """Settle two differing keyings by third keyings of the differing fields.

    The rule (issue 16, item 13): a third person, who keyed neither, keys only the fields
    where the two keyings differ, blind to both. Only third keyings made after both the
    first and the second keying count (a re-keying of either starts again). For each
    differing field the latest third keying that gives it decides: where it matches the
    first or the second keying, that value stands; where it matches neither, the field
    stays unresolved (key it a third time again, or the supervisor accepts one keying).
    Returns the sheet's values once every differing field is settled (else None), and the
    fields still unresolved.
    """
    after = [t for t in thirds if t.id > first.id and t.id > second.id]
    if not after:
        return None, tuple(diffs)
    merged = dict(first.values)
    unresolved: list[str] = []
    for name in diffs:
        given = [t.values[name] for t in after if name in t.values]
        if not given:
            unresolved.append(name)
            continue
        value = given[-1]
        if value == _field_value(first.values, name):
            continue
        if value == _field_value(second.values, name):
            if name in second.values:
                merged[name] = second.values[name]
            else:
                merged.pop(name, None)
            continue
        unresolved.append(name)
    if unresolved:
        return None, tuple(unresolved)
    return merged, ()


def differences(a: Mapping[str, int], b: Mapping[str, int]) -> tuple[str, ...]:
    """The fields whose values differ between two keyings, in a stable order."""
    keys = sorted(set(a) | set(b), key=_field_order)
    return tuple(k for k in keys if a.get(k) != b.get(k))


def _field_order(name: str) -> tuple[int, str]:
    if name.startswith("votes:"):
        return (0, name.split(":", 1)[1].zfill(12))
    if name.startswith("rejected:"):
        head = name.split(":", 1)[1]
        return (1, str(REJECTED_FIELDS.index(head)) if head in REJECTED_FIELDS else head)
    return (2, name)


def check_transition(status: SheetStatus, action: str, double_entry: bool) -> None:
    """Raise EntryRefused unless ``action`` (first, second, accept_first, accept_second,
    third: a third keying of the differing fields) is allowed on a sheet in this state."""
    state = status.state
    if state is SheetState.ACCEPTED:
        how = f" ({status.source})" if status.source else ""
        raise EntryRefused(
            f"sheet {status.name!r} is already accepted{how}; its figures can only change "
            "through a recount, which opens a new round")
    if action == "first":
        return
    if action == "second":
        if not double_entry:
            raise EntryRefused("double entry is off for this election: only a first keying is taken")
        if state is SheetState.EMPTY:
            raise EntryRefused(f"sheet {status.name!r} has no first keying yet; key it first")
        return
    if action in ("accept_first", "accept_second", "third"):
        if state is not SheetState.DIFFERENT:
            raise EntryRefused(
                f"sheet {status.name!r} has no differing keyings to choose between "
                f"(it is {state.value.replace('_', ' ')})")
        return
    raise EntryRefused(f"unknown action {action!r}")


def field_label(name: str, candidates: Sequence[Candidate]) -> str:
    """A field name in the user's words, naming the candidate and party."""
    if name.startswith("votes:"):
        cid = int(name.split(":", 1)[1])
        for c in candidates:
            if c.id == cid:
                return f"votes for {c.ballot_name} ({c.party})"
        return f"votes for candidate {cid}"
    if name.startswith("rejected:"):
        return "rejected papers: " + name.split(":", 1)[1].replace("_", " ")
    if name == PAPERS_FIELD:
        return "ballot papers counted"
    if name == OBJECTED_FIELD:
        return "rejections objected to"
    return name


def build_keying_values(
    candidates: Sequence[Candidate],
    votes: Mapping[int, object],
    rejected: Mapping[str, object] | None = None,
    papers: object | None = None,
    objected: object | None = None,
    *,
    seats: int = 1,
) -> dict[str, int]:
    """Validate one keying and return its field values.

    Every candidate of the ward must have a figure and no one else may;
    rejected heads not given are zero. The rejections objected to (kept only when not
    zero) are never more than the papers the sheet rejects under the heads (E113). Where
    the ward elects more than one councillor (``seats``) the sheet must carry its ballot
    papers counted (E114): they cannot be worked out from the votes.
    Raises FigureError naming the field.
    """
    known = {c.id: c for c in candidates}
    unknown = sorted(set(votes) - set(known))
    if unknown:
        raise FigureError("E110", "no candidate with id " + ", ".join(map(str, unknown))
                          + " stands in this ward")
    values: dict[str, int] = {}
    for cid, raw in votes.items():
        c = known[cid]
        values[votes_field(cid)] = parse_figure(raw, f"votes for {c.ballot_name} ({c.party})")
    missing = [known[cid] for cid in known if cid not in votes]
    if missing:
        names = "; ".join(f"{c.id} {c.ballot_name}" for c in missing)
        raise FigureError("E110", f"no votes given for: {names}")
    rejected = dict(rejected or {})
    bad_heads = sorted(set(rejected) - set(REJECTED_FIELDS))
    if bad_heads:
        raise FigureError("E110", f"unknown rejected head {bad_heads[0]!r}; the heads are "
                          + ", ".join(REJECTED_FIELDS))
    for head in REJECTED_FIELDS:
        raw = rejected.get(head, 0)
        values[rejected_field(head)] = parse_figure(raw, "rejected papers, " + head.replace("_", " "))
    if papers is not None:
        values[PAPERS_FIELD] = parse_figure(papers, "ballot papers counted")
    elif seats > 1:
        raise FigureError("E114", f"the ballot papers counted are missing: the ward elects {seats} "
                          "councillors, so each sheet carries its papers counted (--papers N)")
    if objected is not None:
        n = parse_figure(objected, "rejections objected to")
        heads = sum(values[rejected_field(h)] for h in REJECTED_HEADS)
        if n > heads:
            raise FigureError("E113", f"{n:,} rejections objected to, but the sheet rejects only "
                              f"{heads:,} paper{'s' if heads != 1 else ''} under the heads (a)-(d)")
        if n:
            values[OBJECTED_FIELD] = n
    return values


def next_slot(status: SheetStatus, double_entry: bool) -> str | None:
    """The keying a sheet takes next: "first", "second", or None (accepted, or its
    keyings differ and a supervisor or a re-keying must settle them)."""
    if status.state is SheetState.EMPTY:
        return "first"
    if status.state is SheetState.FIRST_ENTERED and double_entry:
        return "second"
    return None


def empty_fields(values: Mapping[str, int | None], candidates: Sequence[Candidate], *,
                 seats: int = 1) -> tuple[str, ...]:
    """The fields of a keying left empty that must be typed before it is finished (zeros
    are typed, never assumed): every candidate's votes, the rejected heads (a)-(d), and,
    where the ward elects more than one councillor, the papers rejected in part and the
    ballot papers counted; the rejections objected to once the heads reject any paper."""
    def empty(name: str) -> bool:
        return values.get(name) is None

    need = [votes_field(c.id) for c in candidates]
    need += [rejected_field(h) for h in REJECTED_HEADS]
    if seats > 1:
        need += [rejected_field(REJECTED_IN_PART), PAPERS_FIELD]
    if sum(values.get(rejected_field(h)) or 0 for h in REJECTED_HEADS):
        need.append(OBJECTED_FIELD)
    return tuple(n for n in need if empty(n))
