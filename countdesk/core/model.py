"""Plain domain objects: candidates, figures, keyings, lots.

No I/O and no Qt here: these are built by the store or by tests and handed to
:func:`countdesk.core.result.compute_result`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: The four heads of rejected ballot papers (rule 47), in statutory order.
REJECTED_HEADS: tuple[str, ...] = (
    "no_official_mark",
    "too_many_votes",
    "identifying_mark",
    "unmarked_or_void",
)
#: Papers rejected in part: reported, but their clear votes count (not in the total).
REJECTED_IN_PART = "rejected_in_part"
REJECTED_FIELDS: tuple[str, ...] = (*REJECTED_HEADS, REJECTED_IN_PART)

REJECTED_LABELS: Mapping[str, str] = {
    "no_official_mark": "(a) want of an official mark",
    "too_many_votes": "(b) voting for more candidates than the voter was entitled to",
    "identifying_mark": "(c) writing or mark by which the voter could be identified",
    "unmarked_or_void": "(d) being unmarked or wholly void for uncertainty",
    "rejected_in_part": "rejected in part (clear votes counted)",
}

#: The field that holds the number of ballot papers counted on a sheet.
PAPERS_FIELD = "papers"
#: The field that holds how many of a sheet's rejected papers (the heads (a)-(d)) were
#: endorsed "rejection objected to" (rule 47(3)); kept only when not zero.
OBJECTED_FIELD = "objected"


def votes_field(candidate_id: int) -> str:
    """The keying field name for a candidate's votes."""
    return f"votes:{candidate_id}"


def rejected_field(head: str) -> str:
    return f"rejected:{head}"


class Status(StrEnum):
    INCOMPLETE = "incomplete"
    LOT_REQUIRED = "lot_required"
    READY = "ready"
    DECLARED = "declared"
    UNCONTESTED = "uncontested"
    #: the poll was countermanded (RPA 1983 s 39): no count, no declaration
    COUNTERMANDED = "countermanded"


@dataclass(frozen=True)
class Candidate:
    id: int
    surname: str
    forenames: str
    description: str
    party: str
    #: the Electoral Commission's register id (``PP53``), or a Democracy Club id
    #: (``joint-party:53-119``, ``ynmp-party:2``); None when not given
    party_id: str | None = None
    #: the commonly used names the candidate asked to stand under (empty: none)
    commonly_used_forenames: str = ""
    commonly_used_surname: str = ""
    #: the position printed on the statement of persons nominated (None: computed)
    ballot_position: int | None = None
    #: the candidate's address (printed only on a Welsh notice of an unopposed return;
    #: never on the board or in exports other than the election file)
    address: str = ""

    @property
    def ballot_name(self) -> str:
        """SURNAME, Other Names — the full name (the store, set-up, persons nominated)."""
        return f"{self.surname.upper()}, {self.forenames}" if self.forenames else self.surname.upper()

    @property
    def paper_surname(self) -> str:
        """The surname as on the ballot paper (the commonly used one, if given)."""
        return self.commonly_used_surname or self.surname

    @property
    def paper_forenames(self) -> str:
        """The other names as on the ballot paper (the commonly used ones, if given)."""
        return self.commonly_used_forenames or self.forenames

    @property
    def ballot_paper_name(self) -> str:
        """SURNAME, Other Names as on the ballot paper: what the declaration, the notice
        and the provisional sheet print."""
        surname, forenames = self.paper_surname, self.paper_forenames
        return f"{surname.upper()}, {forenames}" if forenames else surname.upper()

    @property
    def paper_display_name(self) -> str:
        return f"{self.paper_forenames} {self.paper_surname}".strip()

    @property
    def display_name(self) -> str:
        return f"{self.forenames} {self.surname}".strip()


@dataclass(frozen=True)
class Figures:
    """The figures of one count sheet, or the sum of a round's sheets."""

    votes: Mapping[int, int] = field(default_factory=dict)
    rejected: Mapping[str, int] = field(default_factory=dict)
    #: Ballot papers counted (valid and rejected); None when not keyed.
    papers: int | None = None
    #: Rejections objected to (of the papers rejected under the heads); 0 when not keyed.
    objected: int = 0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.get(h, 0) for h in REJECTED_HEADS)

    def as_fields(self) -> dict[str, int]:
        out = {votes_field(cid): v for cid, v in self.votes.items()}
        out.update({rejected_field(h): self.rejected.get(h, 0) for h in REJECTED_FIELDS})
        if self.papers is not None:
            out[PAPERS_FIELD] = self.papers
        if self.objected:
            out[OBJECTED_FIELD] = self.objected
        return out

    @staticmethod
    def from_fields(values: Mapping[str, int]) -> Figures:
        votes: dict[int, int] = {}
        rejected: dict[str, int] = {}
        papers: int | None = None
        objected = 0
        for key, value in values.items():
            if key.startswith("votes:"):
                votes[int(key.split(":", 1)[1])] = value
            elif key.startswith("rejected:"):
                rejected[key.split(":", 1)[1]] = value
            elif key == PAPERS_FIELD:
                papers = value
            elif key == OBJECTED_FIELD:
                objected = value
        return Figures(votes=votes, rejected=rejected, papers=papers, objected=objected)


def add_figures(parts: list[Figures]) -> Figures:
    """The round's figures: the sum of its sheets, computed, never typed."""
    votes: dict[int, int] = {}
    rejected: dict[str, int] = {}
    papers: int | None = 0
    objected = 0
    for part in parts:
        objected += part.objected
        for cid, v in part.votes.items():
            votes[cid] = votes.get(cid, 0) + v
        for head, n in part.rejected.items():
            rejected[head] = rejected.get(head, 0) + n
        if part.papers is None or papers is None:
            papers = None
        else:
            papers += part.papers
    if not parts:
        papers = None
    return Figures(votes=votes, rejected=rejected, papers=papers, objected=objected)


@dataclass(frozen=True)
class Keying:
    """One operator's keying of one count sheet."""

    id: int
    slot: str  # "first", "second", "third" (the differing fields again) or "import"
    values: Mapping[str, int]
    operator: str | None = None


@dataclass(frozen=True)
class Resolution:
    """A supervisor's acceptance of one of two differing keyings."""

    accepted_slot: str  # "first" or "second"
    first_keying_id: int
    second_keying_id: int
    by: str | None = None


@dataclass(frozen=True)
class LotDraw:
    """The outcome of one drawing of lots (rule 49)."""

    winner_id: int
    method: str
    witnesses: tuple[str, ...] = ()
    drawn_at: str | None = None


@dataclass(frozen=True)
class SheetInput:
    name: str
    first: Keying | None = None
    second: Keying | None = None
    imported: Keying | None = None
    resolution: Resolution | None = None
    #: third keyings of the differing fields (slot "third"), oldest first; only those
    #: keyed after both the first and the second keying count (:func:`~countdesk.core.entry.sheet_status`)
    thirds: tuple[Keying, ...] = ()
