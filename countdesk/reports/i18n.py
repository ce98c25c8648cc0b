"""The documents' fixed labels in one or two languages (``resources/i18n/documents.<lang>.json``).

An election prints in English (``("en",)``, the default) or in Welsh and English, in the
order its ``languages`` give. With two languages every fixed label is printed in both, one
above the other (or side by side with " / " where a line is short), in the same style:
neither is smaller. Names, descriptions and figures are printed once, as entered.

The catalogues are plain JSON, one per language, so that a Welsh-speaking officer can
review them; the English one holds exactly the wording the documents always printed, so an
English-only document is unchanged.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from countdesk.resources import resource_dir

DAYS: Mapping[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    # In a date the day is written with "Dydd" and no mutation: "Dydd Iau 5 Mai 2022".
    "cy": ("Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn",
           "Dydd Sul"),
}
MONTHS: Mapping[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
           "Hydref", "Tachwedd", "Rhagfyr"),
}
LANGUAGES = ("en", "cy")
_lock = threading.Lock()


@cache
def _load(lang: str) -> Mapping[str, Any]:
    with _lock:
        path = resource_dir() / "i18n" / f"documents.{lang}.json"
        data: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def catalogue(lang: str) -> Mapping[str, str]:
    """The labels of one language, from ``resources/i18n/documents.<lang>.json``."""
    return {k: v for k, v in _load(lang).items() if not k.startswith("_") and isinstance(v, str)}


def texts(lang: str) -> Mapping[str, str]:
    """The sentences of the other documents, keyed by their English wording (``_texts`` in
    ``documents.<lang>.json``; English is its own key)."""
    found: Mapping[str, str] = _load(lang).get("_texts", {})
    return found


def day_in(lang: str, d: datetime.date) -> str:
    """'Thursday 5 May 2022' / 'Dydd Iau 5 Mai 2022'."""
    return f"{DAYS[lang][d.weekday()]} {d.day} {MONTHS[lang][d.month - 1]} {d.year}"


class Words:
    """The labels of a document in the election's languages."""

    def __init__(self, languages: Sequence[str] = ("en",)) -> None:
        langs = tuple(lang for lang in languages if lang in LANGUAGES)
        self.languages: tuple[str, ...] = langs or ("en",)

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1

    def each(self, key: str, **values: Any) -> list[str]:
        """The label in each language, in order; a value given as a mapping of language to
        text is taken in that language ({"en": "Returning Officer", "cy": ...})."""
        out = []
        for lang in self.languages:
            args = {k: (v[lang] if isinstance(v, Mapping) else v) for k, v in values.items()}
            text = catalogue(lang)[key]
            out.append(text.format(**args) if args else text)
        return out

    def __call__(self, key: str, sep: str = "<br/>", **values: Any) -> str:
        """The label in every language, one above the other (``sep``)."""
        return sep.join(self.each(key, **values))

    def inline(self, key: str, **values: Any) -> str:
        """The label in every language on one line: 'Pleidleisiau / Votes'."""
        return " / ".join(self.each(key, **values))

    def per(self, key: str, **values: Any) -> dict[str, str]:
        """The label by language (to pass as a value of another label)."""
        return dict(zip(self.languages, self.each(key, **values), strict=True))

    def text(self, english: str, sep: str = "<br/>", **values: Any) -> str:
        """A sentence given in English, in every language (its Welsh from ``_texts``): English
        only, it is the English exactly as the documents always printed it."""
        return sep.join(self.texts_each(english, **values))

    def texts_each(self, english: str, **values: Any) -> list[str]:
        out = []
        for lang in self.languages:
            args = {k: (v[lang] if isinstance(v, Mapping) else v) for k, v in values.items()}
            text = english if lang == "en" else texts(lang)[english]
            out.append(text.format(**args) if args else text)
        return out

    def day(self, d: datetime.date, sep: str = " / ") -> str:
        return sep.join(day_in(lang, d) for lang in self.languages)


ENGLISH = Words(("en",))


def words(languages: Sequence[str] | None) -> Words:
    return ENGLISH if not languages or tuple(languages) == ("en",) else Words(languages)
