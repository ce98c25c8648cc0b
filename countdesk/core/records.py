"""The records every layer passes around: what the store reads, the application
layer returns, and the documents and exports render.

Plain frozen dataclasses, no I/O: the store builds them from its tables, and the
renderers (``reports``, ``exports``) take them without knowing where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from countdesk.core.model import Candidate


@dataclass(frozen=True)
class ElectionInfo:
    authority: str
    title: str
    poll_date: str
    returning_officer: str | None
    double_entry: bool
    previous_seats: dict[str, int]
    #: whose rules govern the count: "england" (SI 2006/3304) or "wales" (SI 2021/1459)
    jurisdiction: str = "england"
    #: the documents' languages, in the order printed: ("en",), ("cy", "en") or ("en", "cy")
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class WardInfo:
    id: int
    position: int
    name: str
    seats: int
    electorate: int | None
    ballot_papers_verified: int | None
    candidates_locked: bool
    declared_at: str | None
    declared_by: str | None
    #: when the declared figures were last corrected by the old ``correct`` command
    #: (None: never). Kept readable; nothing changes a declared result any more.
    corrected_at: str | None = None
    #: the poll was countermanded (RPA 1983 s 39): when, why and by whom
    countermanded_at: str | None = None
    countermand_reason: str | None = None
    countermanded_by: str | None = None
    #: terms of office, longest first: ((years, seats), ...); empty: one term for every seat
    terms: tuple[tuple[int, int], ...] = ()
    #: the ward's Welsh name, where it has one besides ``name`` (None: one name)
    name_cy: str | None = None


@dataclass(frozen=True)
class CorrectionInfo:
    """A correction made by an older countdesk to a declared ward's figures. Kept on record
    and shown as such; the declared result stands (see :class:`ErrorReport`)."""

    id: int
    ward_id: int
    round_id: int
    values: dict[str, int]
    previous: dict[str, int]
    reason: str
    by: str | None
    at: str


@dataclass(frozen=True)
class ErrorReport:
    """An error found after the declaration, recorded and reported, never applied: the
    declared result stands unless an election court decides otherwise."""

    id: int
    ward_id: int
    reason: str
    #: the figures believed right, by field (``votes:ID``, ``rejected:HEAD``, ``papers``)
    believed: dict[str, int]
    #: the declared figures of those fields, for the statement
    declared: dict[str, int]
    by: str | None
    at: str


@dataclass(frozen=True)
class ProvisionalShown:
    """The provisional result of a round, shown to candidates and agents (rule 46(2))."""

    round_number: int
    #: :func:`countdesk.core.workflow.figures_key` of the figures shown
    figures_key: str
    figures: dict[str, int]
    by: str | None
    at: str


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    ward_id: int
    surname: str
    forenames: str
    description: str
    party: str
    colour: str | None
    party_id: str | None = None
    commonly_used_forenames: str = ""
    commonly_used_surname: str = ""
    ballot_position: int | None = None

    @property
    def candidate(self) -> Candidate:
        return Candidate(self.id, self.surname, self.forenames, self.description, self.party,
                         self.party_id, self.commonly_used_forenames, self.commonly_used_surname,
                         self.ballot_position)

    @property
    def ballot_name(self) -> str:
        return self.candidate.ballot_name


@dataclass(frozen=True)
class WardSetupState:
    """What set-up may still change in a ward, and why not (for greying out controls)."""

    ward_id: int
    declared: bool
    locked: bool
    #: some figure has been keyed (or saved as a draft) in some round of the ward
    keying_started: bool
    can_edit_candidates: bool
    can_add_remove_candidates: bool
    can_change_seats: bool
    #: why candidates cannot be edited / added (empty when they can)
    reason: str


@dataclass(frozen=True)
class NominationsImport:
    """What importing a nominations file did."""

    wards_added: tuple[str, ...]
    candidates_added: int
    #: (ward name, candidates added to it), in file order
    per_ward: tuple[tuple[str, int], ...]
    #: things to look at, e.g. a ward with no more candidates than seats
    notes: tuple[str, ...]


@dataclass(frozen=True)
class VerificationBox:
    id: int
    position: int
    label: str
    kind: str  # "box" or "postal"
    issued: int | None  # per the ballot paper account
    counted: int | None
    #: the rest of the ballot paper account (optional): papers unused, spoilt, tendered
    unused: int | None = None
    spoilt: int | None = None
    tendered: int | None = None

    @property
    def variance(self) -> int | None:
        """Counted minus issued; None unless both are known."""
        if self.issued is None or self.counted is None:
            return None
        return self.counted - self.issued


@dataclass(frozen=True)
class VerificationSummary:
    ward_id: int
    ward: str
    boxes: tuple[VerificationBox, ...]
    #: sum of the papers issued, over the boxes with an issued figure
    total_issued: int
    #: sum of the papers counted, over every box and postal entry with a counted figure
    total_counted: int
    #: papers counted in ballot boxes (kind "box") and in postal entries (kind "postal")
    box_counted: int
    postal_counted: int
    #: every entry has a counted figure (and there is at least one)
    complete: bool
    #: counted - issued, over the entries with both figures
    variance: int
    #: the ward's verified total (from these boxes, or from an imported election file)
    ballot_papers_verified: int | None
    #: the latest explanation recorded (it may predate the latest change of the boxes)
    explanation: str | None
    explained_by: str | None
    explained_at: str | None
    #: the latest explanation was recorded after the latest change of the boxes
    explanation_current: bool
    #: the variance is not zero and no explanation was recorded since the boxes last changed
    needs_explanation: bool
    #: sums of the optional figures of the ballot paper accounts, over the boxes with them
    total_unused: int = 0
    total_spoilt: int = 0
    total_tendered: int = 0

    @property
    def unexplained_boxes(self) -> tuple[str, ...]:
        """The entries whose variance is not zero while no explanation stands (empty when the
        variance is explained or there is none)."""
        if not self.needs_explanation:
            return ()
        return tuple(b.label for b in self.boxes if b.variance)


@dataclass(frozen=True)
class WardRecord:
    """A ward's standing records beyond its figures: what the workflow needs to know."""

    info: WardInfo
    provisional: ProvisionalShown | None = None
    error_reports: tuple[ErrorReport, ...] = field(default_factory=tuple)
    corrections: tuple[CorrectionInfo, ...] = field(default_factory=tuple)
