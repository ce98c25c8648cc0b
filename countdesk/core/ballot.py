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


def ballot_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=ballot_key)


def same_person(a: Candidate, b: Candidate) -> bool:
    """Two entries that are the same candidate typed twice.

    Same surname, other names and description, ignoring case, accents and
    spacing. (Two real people of the same name stand with different
    descriptions; the statement of persons nominated tells them apart.)
    """
    return (
        fold(a.surname) == fold(b.surname)
        and fold(a.forenames) == fold(b.forenames)
        and fold(a.description) == fold(b.description)
    )
