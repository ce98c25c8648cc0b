"""The result of a ward: the one place where countdesk decides who is elected.

Every front end (GUI, CLI, PDF, exports) calls :func:`compute_result` and
shows what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from countdesk.core.ballot import ballot_key, ballot_order, lookalike
from countdesk.core.entry import SheetState, SheetStatus, field_label, sheet_status
from countdesk.core.model import (
    REJECTED_FIELDS,
    REJECTED_HEADS,
    REJECTED_IN_PART,
    Candidate,
    Figures,
    Keying,
    LotDraw,
    SheetInput,
    Status,
    add_figures,
)
from countdesk.core.validation import CLOSE_MARGIN_SHARE, CLOSE_MARGIN_VOTES, Issue


@dataclass(frozen=True)
class WardInput:
    name: str
    seats: int
    candidates: tuple[Candidate, ...]
    electorate: int | None = None
    ballot_papers_verified: int | None = None
    double_entry: bool = True
    sheets: tuple[SheetInput, ...] = ()
    lots: tuple[LotDraw, ...] = ()
    acknowledged: frozenset[str] = frozenset()
    declared: bool = False
    round_number: int = 1
    countermanded: bool = False
    #: terms of office, longest first: ((years, seats), ...); empty: one term for every seat
    terms: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CandidateResult:
    candidate: Candidate
    votes: int | None
    declared_votes: int | None
    position: int | None
    elected: bool | None  # None while a lot is pending for this candidate
    lot_winner: bool = False


@dataclass(frozen=True)
class Tie:
    """An equality of votes that straddles the last seat(s)."""

    votes: int
    candidate_ids: tuple[int, ...]  # in ballot order
    seats: int  # seats at stake among them (for a term tie: longer-term seats at stake)
    #: "seat": tied for the last seat(s); "term": elected, tied for the longer term (rule 49
    #: applied to the terms of office)
    kind: str = "seat"
    #: for a term tie, the longer term at stake, in years
    years: int | None = None

    @property
    def stake(self) -> str:
        """What the tied candidates are level for, in words."""
        seats = f"{self.seats} seat{'s' if self.seats != 1 else ''}"
        if self.kind == "term":
            return f"{seats} with the longer term ({self.years} years)"
        return seats


@dataclass(frozen=True)
class WardResult:
    ward: str
    seats: int
    status: Status
    candidates: tuple[CandidateResult, ...]  # ballot order
    elected: tuple[int, ...]  # by position, then ballot order
    tie: Tie | None
    ballot_papers_counted: int | None
    #: "counted" (keyed on every sheet) or, in a one-seat ward whose sheets do not all carry
    #: it, "computed" (valid papers = the votes, plus the rejected): never the verified total
    papers_source: str | None
    valid_papers: int | None
    rejected: Mapping[str, int]  # each head, rejected_in_part and "total"
    electorate: int | None
    turnout_pct: Decimal | None
    margin: int | None  # counted votes between the last elected and the next
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    sheets: tuple[SheetStatus, ...]
    lots: tuple[LotDraw, ...]  # the lots applied, in order
    round_number: int = 1
    figures: Figures | None = field(default=None, repr=False)
    #: seats left unfilled because fewer candidates stood than there are seats
    unfilled_seats: int = 0
    #: elected candidate id -> term of office in years, when the ward has terms (empty
    #: until they are decided: while a lot for a seat or a term is pending)
    terms: Mapping[int, int] = field(default_factory=dict)
    #: the ward's terms of office, longest first ((years, seats), ...); empty: one term
    term_lengths: tuple[tuple[int, int], ...] = ()

    @property
    def objected(self) -> int:
        """The rejections objected to (of the papers rejected under the heads), summed over the
        round's sheets; 0 until the figures are complete."""
        return self.figures.objected if self.figures is not None else 0

    def row(self, candidate_id: int) -> CandidateResult:
        for r in self.candidates:
            if r.candidate.id == candidate_id:
                return r
        raise KeyError(candidate_id)

    def by_position(self) -> list[CandidateResult]:
        return sorted(
            self.candidates,
            key=lambda r: (-(r.declared_votes if r.declared_votes is not None else -1),
                           ballot_key(r.candidate)),
        )

    @property
    def unacknowledged(self) -> tuple[Issue, ...]:
        return tuple(w for w in self.warnings if not w.acknowledged)

    @property
    def can_declare(self) -> bool:
        """Ready, with every warning acknowledged."""
        return self.status is Status.READY and not self.unacknowledged


def turnout(papers: int | None, electorate: int | None) -> Decimal | None:
    """Ballot papers counted / electorate, as a percentage to two decimals."""
    if papers is None or not electorate or electorate <= 0:
        return None
    pct = Decimal(papers) * 100 / Decimal(electorate)
    return pct.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def find_tie(votes: Mapping[int, int], seats: int, order: Sequence[Candidate]) -> Tie | None:
    """The equality of votes that straddles the seat boundary, if any.

    Candidates are tied for the last seat(s) when the candidate in the last
    elected place and the first not elected have equal votes; every
    candidate on that figure is in the tie. Equal votes wholly above or
    wholly below the boundary are not a tie.
    """
    if len(order) <= seats:
        return None
    ranked = sorted(votes.values(), reverse=True)
    last_in, first_out = ranked[seats - 1], ranked[seats]
    if last_in != first_out:
        return None
    ids = tuple(c.id for c in order if votes[c.id] == last_in)
    above = sum(1 for v in ranked if v > last_in)
    return Tie(votes=last_in, candidate_ids=ids, seats=seats - above)


def find_term_tie(declared: Mapping[int, int], ward: WardInput, order: Sequence[Candidate]
                  ) -> Tie | None:
    """Where the ward has terms of office and no equality for the last seat: an equality
    of votes among the elected that decides who takes a longer term (the elected with
    most votes take the longer terms; rule 49 applied to the terms), else None."""
    if len(ward.terms) < 2 or len(order) <= ward.seats:
        return None
    ranked = sorted(order, key=lambda c: -declared[c.id])[:ward.seats]
    elected_votes = {c.id: declared[c.id] for c in ranked}
    elected_order = [c for c in order if c.id in elected_votes]
    boundary = 0
    for years, n in ward.terms[:-1]:
        boundary += n
        tie = find_tie(elected_votes, boundary, elected_order)
        if tie is not None:
            return replace(tie, kind="term", years=years)
    return None


def assign_terms(elected_ids: Sequence[int], terms: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Elected candidate id -> years: ``elected_ids`` by position (most votes first) take
    the terms longest first."""
    out: dict[int, int] = {}
    i = 0
    for years, n in terms:
        for cid in elected_ids[i:i + n]:
            out[cid] = years
        i += n
    return out


def compute_result(ward: WardInput) -> WardResult:
    order = ballot_order(ward.candidates)
    errors: list[Issue] = []
    warnings: list[Issue] = []
    base = dict(ward=ward.name, seats=ward.seats, electorate=ward.electorate,
                round_number=ward.round_number, term_lengths=ward.terms)

    def empty(status: Status, elected: bool | None = False,
              statuses: tuple[SheetStatus, ...] = ()) -> WardResult:
        rows = tuple(CandidateResult(c, None, None, None, elected) for c in order)
        return WardResult(
            status=status, candidates=rows,
            elected=tuple(c.id for c in order) if elected else (), tie=None,
            ballot_papers_counted=None, papers_source=None, valid_papers=None,
            rejected={}, turnout_pct=None, margin=None, errors=tuple(errors),
            warnings=(), sheets=statuses, lots=(), **base)  # type: ignore[arg-type]

    # Set-up rules
    if not order:
        errors.append(Issue("E001", f"{ward.name}: no candidates have been entered"))
    if not isinstance(ward.seats, int) or isinstance(ward.seats, bool) or ward.seats < 1:
        errors.append(Issue("E002", f"{ward.name}: seats must be at least 1 (got {ward.seats!r})"))
    for a, b in _same_people(order):
        also = "" if (a.ballot_name, a.description) == (b.ballot_name, b.description) else (
            f", also as {b.ballot_name} ({b.description}), which looks the same")
        errors.append(Issue("E003", f"{a.ballot_name} ({a.description}) is entered twice{also}",
                            (f"candidate:{a.id}", f"candidate:{b.id}")))
    if errors:
        return empty(Status.INCOMPLETE)
    if ward.countermanded and not ward.declared:
        return empty(Status.COUNTERMANDED)
    if len(order) <= ward.seats:
        unopposed = empty(Status.DECLARED if ward.declared else Status.UNCONTESTED, elected=True)
        return replace(unopposed, unfilled_seats=ward.seats - len(order))

    # Count sheets and double entry
    statuses = tuple(sheet_status(s, ward.double_entry) for s in ward.sheets)
    if not statuses:
        errors.append(Issue("E204", f"{ward.name}: round {ward.round_number} has no count sheets"))
    for st in statuses:
        if st.state is SheetState.EMPTY:
            errors.append(Issue("E201", f"sheet {st.name!r} has not been keyed"))
        elif st.state is SheetState.FIRST_ENTERED:
            errors.append(Issue("E202", f"sheet {st.name!r} is waiting for its second keying"))
        elif st.state is SheetState.DIFFERENT:
            labels = ", ".join(field_label(f, order) for f in st.differences)
            errors.append(Issue("E203", f"sheet {st.name!r}: the keyings differ on {labels}",
                                st.differences))
    if errors:
        return empty(Status.INCOMPLETE, statuses=statuses)

    accepted = [st.figures for st in statuses if st.figures is not None]
    figures = add_figures(accepted)
    votes: dict[int, int] = {}
    for c in order:
        v = figures.votes.get(c.id)
        if v is None:
            errors.append(Issue("E110", f"no votes recorded for {c.ballot_name} ({c.party})",
                                (f"votes:{c.id}",)))
            continue
        votes[c.id] = v
    for name, value in [*((f"votes:{k}", v) for k, v in figures.votes.items()),
                        *((f"rejected:{k}", v) for k, v in figures.rejected.items()),
                        ("papers", figures.papers), ("objected", figures.objected)]:
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(Issue("E102", f"{field_label(name, order)} is not a whole number", (name,)))
        elif value < 0:
            errors.append(Issue("E101", f"{field_label(name, order)} is negative ({value})", (name,)))
    if errors:
        return empty(Status.INCOMPLETE, statuses=statuses)

    rejected = {h: figures.rejected.get(h, 0) for h in REJECTED_FIELDS}
    rejected_total = sum(rejected[h] for h in REJECTED_HEADS)
    rejected["total"] = rejected_total
    papers, source = figures.papers, "counted"
    if papers is None and ward.seats == 1:
        # one vote per paper: every valid paper is one vote, so the papers are known exactly
        papers, source = sum(votes.values()) + rejected_total, "computed"
    elif papers is None:
        without = [st.name for st in statuses if st.figures is not None and st.figures.papers is None]
        errors.append(Issue(
            "E114", f"{ward.name} elects {ward.seats} councillors: key the ballot papers counted "
            f"on sheet{'s' if len(without) != 1 else ''} " + ", ".join(repr(n) for n in without),
            ("papers",)))
    in_part = rejected[REJECTED_IN_PART]
    if in_part and ward.seats == 1:
        errors.append(Issue(
            "E111", f"{in_part:,} paper{'s' if in_part != 1 else ''} rejected in part, but "
            f"{ward.name} elects one councillor: a voter with one vote cannot have a paper "
            "rejected in part", (f"rejected:{REJECTED_IN_PART}",)))
    if figures.objected > rejected_total:
        errors.append(Issue(
            "E113", f"{figures.objected:,} rejections objected to, but only {rejected_total:,} "
            "papers rejected under the heads (a)-(d)", ("objected",)))
    valid: int | None = None
    if papers is None:
        pass
    elif rejected_total > papers:
        errors.append(Issue("E106", f"{rejected_total:,} papers rejected but only {papers:,} counted",
                            ("papers",)))
    else:
        valid = papers - rejected_total
        if in_part > valid:
            errors.append(Issue(
                "E112", f"{in_part:,} papers rejected in part, but only {valid:,} valid ballot "
                "papers were counted", (f"rejected:{REJECTED_IN_PART}",)))
        for c in order:
            if votes[c.id] > valid:
                errors.append(Issue(
                    "E103", f"{c.ballot_name} ({c.party}) has {votes[c.id]:,} votes but only "
                    f"{valid:,} valid ballot papers were counted", (f"votes:{c.id}",)))
        total = sum(votes.values())
        if total > ward.seats * valid:
            errors.append(Issue(
                "E104", f"the votes add up to {total:,}, more than {ward.seats} seats × "
                f"{valid:,} valid papers = {ward.seats * valid:,}"))
        elif total < valid:
            errors.append(Issue(
                "E107", f"the votes add up to {total:,}, fewer than the {valid:,} valid papers"))
    if (papers is not None and ward.ballot_papers_verified is not None
            and papers != ward.ballot_papers_verified):
        diff = papers - ward.ballot_papers_verified
        warnings.append(Issue(
            "W001", f"{papers:,} ballot papers counted but {ward.ballot_papers_verified:,} verified "
            f"({diff:+,})", ("papers",)))
    keyed = [(st.name, st.figures) for st in statuses if st.figures is not None]
    for i, (name_a, fa) in enumerate(keyed):
        for name_b, fb in keyed[i + 1:]:
            if fa.as_fields() == fb.as_fields() and sum(fa.votes.values()) > 0:
                warnings.append(Issue("W003", f"sheets {name_a!r} and {name_b!r} carry identical figures"))

    common = dict(ballot_papers_counted=papers, papers_source=source if papers is not None else None,
                  valid_papers=valid, rejected=rejected, turnout_pct=turnout(papers, ward.electorate),
                  sheets=statuses, figures=figures, **base)
    if errors:
        rows = tuple(CandidateResult(c, votes[c.id], None, None, False) for c in order)
        return WardResult(status=Status.INCOMPLETE, candidates=rows, elected=(), tie=None,
                          margin=None, errors=tuple(errors), warnings=tuple(warnings),
                          lots=(), **common)  # type: ignore[arg-type]

    # Equality of votes and lots (rule 49)
    declared = dict(votes)
    winners: set[int] = set()
    applied: list[LotDraw] = []
    for lot in ward.lots:
        tie = find_tie(declared, ward.seats, order) or find_term_tie(declared, ward, order)
        if tie is None or lot.winner_id not in tie.candidate_ids:
            errors.append(Issue("E301", f"the lot drawn for candidate {lot.winner_id} "
                                "does not match an equality of votes in these figures"))
            break
        declared[lot.winner_id] += 1
        winners.add(lot.winner_id)
        applied.append(lot)
    tie = None if errors else (find_tie(declared, ward.seats, order)
                               or find_term_tie(declared, ward, order))

    ranked = sorted(votes.values(), reverse=True)
    margin = ranked[ward.seats - 1] - ranked[ward.seats]
    if papers is not None and (margin <= CLOSE_MARGIN_VOTES or margin < CLOSE_MARGIN_SHARE * papers):
        warnings.append(Issue(
            "W002", f"the last seat was decided by {margin:,} vote{'s' if margin != 1 else ''}"
            f" (before any lot)"))
    warnings = [Issue(w.code, w.message, w.fields, w.code in ward.acknowledged) for w in warnings]

    if errors:
        rows = tuple(CandidateResult(c, votes[c.id], None, None, False) for c in order)
        return WardResult(status=Status.INCOMPLETE, candidates=rows, elected=(), tie=None,
                          margin=margin, errors=tuple(errors), warnings=tuple(warnings),
                          lots=tuple(applied), **common)  # type: ignore[arg-type]

    ranked_declared = sorted(declared.values(), reverse=True)
    cut = ranked_declared[ward.seats - 1]
    above = {d: i for i, d in reversed(list(enumerate(ranked_declared)))}  # votes -> how many have more
    rows_list: list[CandidateResult] = []
    for c in order:
        d = declared[c.id]
        if tie is not None and tie.kind == "seat" and c.id in tie.candidate_ids:
            elected: bool | None = None
        else:
            elected = d >= cut
        position = 1 + above[d]
        rows_list.append(CandidateResult(c, votes[c.id], d, position, elected, c.id in winners))
    rows = tuple(rows_list)
    elected_ids = tuple(r.candidate.id for r in sorted(
        (r for r in rows if r.elected), key=lambda r: (r.position or 0, ballot_key(r.candidate))))
    if tie is not None:
        status = Status.LOT_REQUIRED
    elif ward.declared:
        status = Status.DECLARED
    else:
        status = Status.READY
    terms = assign_terms(elected_ids, ward.terms) if ward.terms and tie is None else {}
    return WardResult(status=status, candidates=rows, elected=elected_ids, tie=tie, margin=margin,
                      errors=(), warnings=tuple(warnings), lots=tuple(applied), terms=terms,
                      **common)  # type: ignore[arg-type]


def _same_people(order: Sequence[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """Every pair of entries that are the same person typed twice (:func:`same_person`),
    earlier entry first, in the order of the ballot paper."""
    seen: dict[tuple[str, str, str], list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for j, c in enumerate(order):
        key = (lookalike(c.surname), lookalike(c.forenames), lookalike(c.description))
        earlier = seen.setdefault(key, [])
        pairs += [(i, j) for i in earlier]
        earlier.append(j)
    return [(order[i], order[j]) for i, j in sorted(pairs)]


def ward_from_figures(
    name: str,
    seats: int,
    candidates: Sequence[Candidate],
    votes: Mapping[int, int],
    *,
    rejected: Mapping[str, int] | None = None,
    papers: int | None = None,
    electorate: int | None = None,
    lots: Sequence[LotDraw] = (),
    declared: bool = False,
) -> WardInput:
    """A ward whose figures were imported in one sheet (for imports and tests): ``papers``
    is both the ballot papers counted on that sheet and the verified total."""
    values = Figures(votes=dict(votes), rejected=dict(rejected or {}), papers=papers).as_fields()
    return WardInput(
        name=name, seats=seats, candidates=tuple(candidates), electorate=electorate,
        ballot_papers_verified=papers,
        sheets=(SheetInput("Imported", imported=Keying(0, "import", values)),),
        lots=tuple(lots), declared=declared)
