"""Ballot-paper order: surname, then other names, ignoring case and accents."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from countdesk.core.model import Candidate


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for sorting and matching.

    ``Ó Súilleabháin`` and ``o suilleabhain`` fold the same; ``Łukasz`` folds
    to ``lukasz`` (letters with strokes have no decomposition, so they are
    mapped by hand).

    Cached: every result compares each pair of its candidates' names (E003),
    so the same few names are folded over and over.
    """
    if text.isascii():  # NFKD, combining marks and strokes change no ASCII letter
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_STROKES)
    return " ".join(text.casefold().split())


_STROKES = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE", "æ": "ae"}
)

#: Characters that show nothing (zero-width spaces and joiners, fillers, the combining grapheme
#: joiner, variation selectors, soft hyphen): ignored when telling whether two entries are one.
_INVISIBLE: dict[int, None] = {
    **dict.fromkeys(map(ord, "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
                              "\u2060\u2061\u2062\u2063\u2064\u3164\ufeff\uffa0")),
    **dict.fromkeys(range(0xFE00, 0xFE10)),
}
#: Cyrillic and Greek letters that look like Latin ones (Unicode's confusables for the
#: letters a name is typed with): "Аdams" with a Cyrillic А is Adams.
_LOOKALIKE = str.maketrans(
    "АВЕКМНОРСТУХаеорсухіјѕӏԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",
    "ABEKMHOPCTYXaeopcyxijsldqwABEZHIKMNOPTYXoikvptux",
)


@lru_cache(maxsize=16384)
def lookalike(text: str) -> str:
    """The form of a name two entries share when they *look* the same: :func:`fold` after NFKC,
    with invisible characters removed and Cyrillic or Greek look-alike letters read as Latin.
    Used to find one candidate entered twice, never to print or sort."""
    if text.isascii():
        return fold(text)
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_LOOKALIKE)
    return fold(text)


@lru_cache(maxsize=16384)
def _sort_text(text: str) -> str:
    # Spaces, apostrophes and hyphens do not order names: O'Neill sorts as ONeill.
    return "".join(ch for ch in fold(text) if ch.isalnum())


def ballot_key(candidate: Candidate) -> tuple[str, str, str, str, int]:
    """Sort key for the statement of persons nominated.

    Surname, then other names; equal names fall back to the exact spelling,
    then description and id so that the order is total and stable.
    """
    return (
        _sort_text(candidate.surname),
        _sort_text(candidate.forenames),
        candidate.surname + "\x00" + candidate.forenames,
        fold(candidate.description),
        candidate.id,
    )


def computed_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Alphabetical order (:func:`ballot_key`), whatever positions were given."""
    return sorted(candidates, key=ballot_key)


def ballot_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The order of the ballot paper: the positions printed on the statement of persons
    nominated when every candidate of the ward has one (and they are 1..n without gaps
    or repeats), otherwise the computed alphabetical order."""
    cands = list(candidates)
    if cands and positions_problem(cands) is None and cands[0].ballot_position is not None:
        return sorted(cands, key=lambda c: (c.ballot_position or 0, ballot_key(c)))
    return sorted(cands, key=ballot_key)


def positions_problem(candidates: Iterable[Candidate]) -> str | None:
    """Why a ward's ballot positions cannot be used, in words (None: usable, or none given).

    Positions are all given or all absent, and run 1..n without gaps or repeats."""
    cands = list(candidates)
    given = [c for c in cands if c.ballot_position is not None]
    if not given:
        return None
    if len(given) != len(cands):
        missing = next(c for c in cands if c.ballot_position is None)
        return (f"{missing.ballot_name} has no ballot position but other candidates have one: "
                "give a position to every candidate of the ward or to none")
    seen: dict[int, Candidate] = {}
    for c in sorted(given, key=ballot_key):
        pos = c.ballot_position or 0
        if pos < 1 or pos > len(cands):
            return (f"{c.ballot_name} has ballot position {pos}, but the ward has "
                    f"{len(cands)} candidates: positions run from 1 to {len(cands)}")
        if pos in seen:
            return (f"{seen[pos].ballot_name} and {c.ballot_name} both have ballot position "
                    f"{pos}: each position is used once")
        seen[pos] = c
    return None


def positions_notice(candidates: Iterable[Candidate]) -> str | None:
    """A notice (not an error) when the printed positions differ from the computed
    alphabetical order: the first candidate whose place differs, in words."""
    cands = list(candidates)
    if not cands or cands[0].ballot_position is None or positions_problem(cands) is not None:
        return None
    printed = ballot_order(cands)
    computed = computed_order(cands)
    for i, (p, c) in enumerate(zip(printed, computed, strict=True), 1):
        if p is not c:
            return (f"the printed ballot positions differ from the alphabetical order: "
                    f"position {i} is {p.ballot_name}, alphabetically {c.ballot_name}; "
                    "the printed order is used (check it against the statement of persons "
                    "nominated)")
    return None


def same_person(a: Candidate, b: Candidate) -> bool:
    """Two entries that are the same candidate typed twice.

    Same surname, other names and description, ignoring case, accents, spacing,
    invisible characters and look-alike letters (:func:`lookalike`). (Two real people
    of the same name stand with different descriptions; the statement of persons
    nominated tells them apart.)
    """
    return (
        lookalike(a.surname) == lookalike(b.surname)
        and lookalike(a.forenames) == lookalike(b.forenames)
        and lookalike(a.description) == lookalike(b.description)
    )


def setup_notices(candidates: Iterable[Candidate]) -> tuple[str, ...]:
    """Set-up notices about a ward's ballot positions (not errors: nothing is refused and
    no warning needs acknowledging): positions given but not usable yet (the computed
    order is used meanwhile), or printed positions that differ from the computed order."""
    cands = list(candidates)
    problem = positions_problem(cands)
    if problem is not None:
        return (f"the ballot positions are not used yet ({problem}); the alphabetical order "
                "is used meanwhile",)
    notice = positions_notice(cands)
    return (notice,) if notice else ()
