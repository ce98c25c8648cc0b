"""Which rules govern the election, and the citation of each rule countdesk shows.

One table per jurisdiction: a key (what the rule is about) to the text cited in messages,
help and documents. England: the Local Elections (Principal Areas) (England and Wales)
Rules 2006, SI 2006/3304, Schedule 2. Wales (since 5 May 2022): the Local Elections
(Principal Areas) (Wales) Rules 2021, SI 2021/1459, Schedule 1 (poll not combined).

Where a Welsh rule number could not be confirmed in the legislation's text, the Welsh
citation names the Part of Schedule 1 and the rule's subject instead of a number: see
``docs/wales.md`` for the sources and what is still to be confirmed. Pure, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ENGLAND = "england"
WALES = "wales"
JURISDICTIONS: tuple[str, ...] = (ENGLAND, WALES)

#: The documents' languages: English only, or Welsh and English in the order printed.
LANGUAGE_CHOICES: tuple[tuple[str, ...], ...] = (("en",), ("cy", "en"), ("en", "cy"))

RULES_TITLE: Mapping[str, str] = {
    ENGLAND: "Local Elections (Principal Areas) (England and Wales) Rules 2006, SI 2006/3304, Sch 2",
    WALES: "Local Elections (Principal Areas) (Wales) Rules 2021, SI 2021/1459, Sch 1",
}

_W_PART4 = "Wales Rules 2021 Sch 1 Pt 4"

#: key -> citation, per jurisdiction. Every rule citation shown to a user comes from here.
CITATIONS: Mapping[str, Mapping[str, str]] = {
    ENGLAND: {
        "verification": "rule 45",
        "recount": "rule 46",
        "provisional": "rule 46(2)",
        "rejected": "rule 47",
        "rejected_in_part": "rule 47(2)",
        "objected": "rule 47(3)",
        "lots": "rule 49",
        "declaration": "rule 50",
        "unopposed": "rule 14",
    },
    WALES: {
        "verification": f"{_W_PART4}, the count: verification",
        "recount": f"{_W_PART4}, re-count",
        "provisional": f"{_W_PART4}, re-count",
        "rejected": f"{_W_PART4}, rejected ballot papers",
        "rejected_in_part": f"{_W_PART4}, rejected ballot papers",
        "objected": f"{_W_PART4}, rejected ballot papers",
        "lots": f"{_W_PART4}, equality of votes",
        "declaration": f"{_W_PART4}, declaration of result",
        "unopposed": "Wales Rules 2021 Sch 1 rule 20(3)",
    },
}

#: The English citations as they appear in countdesk's own sentences, longest first, with
#: the key each stands for: how :func:`localise` finds them.
_ENGLISH_FORMS: tuple[tuple[str, str], ...] = tuple(sorted(
    ((text, key) for key, text in CITATIONS[ENGLAND].items()), key=lambda p: -len(p[0])))
_PATTERN = re.compile(r"\brule (\d+)(\(\d+\))?")


def clean_jurisdiction(value: object) -> str:
    """``england`` or ``wales`` (any case); anything else raises ValueError with a reason."""
    if value is None:
        return ENGLAND
    if not isinstance(value, str) or value.strip().lower() not in JURISDICTIONS:
        raise ValueError(f"the jurisdiction must be \"england\" or \"wales\", not {value!r}")
    return value.strip().lower()


def clean_languages(value: object) -> tuple[str, ...]:
    """``["en"]``, ``["cy", "en"]`` or ``["en", "cy"]``; anything else raises ValueError."""
    if value is None:
        return ("en",)
    if isinstance(value, str):
        value = [p.strip() for p in value.replace("/", ",").split(",") if p.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("the languages must be a list: [\"en\"], [\"cy\", \"en\"] or [\"en\", \"cy\"]")
    langs = tuple(v.strip().lower() for v in value)
    if langs not in LANGUAGE_CHOICES:
        raise ValueError(f"the languages {list(langs)} are not one of [\"en\"], [\"cy\", \"en\"] "
                         "or [\"en\", \"cy\"] (Welsh and English, in the order the documents print them)")
    return langs


def cite(jurisdiction: str, key: str) -> str:
    """The citation of the rule about ``key`` under ``jurisdiction``'s rules."""
    table = CITATIONS.get(jurisdiction, CITATIONS[ENGLAND])
    return table[key]


def localise(text: str, jurisdiction: str) -> str:
    """A sentence of countdesk's with its English rule citations replaced by the
    jurisdiction's (unchanged for England). An English citation with no key in the table
    is left as it is: :func:`english_citations` finds it (the Welsh walk test uses it)."""
    if jurisdiction == ENGLAND or "rule " not in text:
        return text
    table = CITATIONS[jurisdiction]

    def swap(m: re.Match[str]) -> str:
        found = m.group(0)
        for english, key in _ENGLISH_FORMS:
            if found == english:
                return table[key]
        return found

    return _PATTERN.sub(swap, text)


def english_citations(text: str) -> list[str]:
    """The English-numbered rule citations in ``text`` ("rule 49", "rule 46(2)", ...)."""
    return [m.group(0) for m in _PATTERN.finditer(text)
            if any(m.group(0) == e for e, _ in _ENGLISH_FORMS)]
