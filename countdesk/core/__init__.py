"""The count core: pure Python, no Qt, no I/O.

Everything that decides a result lives here; every front end asks it.
"""

from countdesk.core.ballot import ballot_key, ballot_order, fold
from countdesk.core.entry import (
    EntryRefused,
    SheetState,
    SheetStatus,
    build_keying_values,
    check_transition,
    sheet_status,
)
from countdesk.core.model import (
    REJECTED_FIELDS,
    REJECTED_HEADS,
    REJECTED_LABELS,
    Candidate,
    Figures,
    Keying,
    LotDraw,
    Resolution,
    SheetInput,
    Status,
)
from countdesk.core.result import (
    CandidateResult,
    Tie,
    WardInput,
    WardResult,
    compute_result,
    find_tie,
    turnout,
    ward_from_figures,
)
from countdesk.core.validation import RULES, FigureError, Issue, parse_figure

__all__ = [
    "REJECTED_FIELDS", "REJECTED_HEADS", "REJECTED_LABELS", "RULES", "Candidate",
    "CandidateResult", "EntryRefused", "FigureError", "Figures", "Issue", "Keying", "LotDraw",
    "Resolution", "SheetInput", "SheetState", "SheetStatus", "Status", "Tie", "WardInput",
    "WardResult", "ballot_key", "ballot_order", "build_keying_values", "check_transition",
    "compute_result", "find_tie", "fold", "parse_figure", "sheet_status", "turnout",
    "ward_from_figures",
]
