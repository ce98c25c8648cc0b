"""What the site is built from: everything handed over by the application layer."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from countdesk.core.count_records import WardTimings
from countdesk.exports.gather import Snapshot
from countdesk.exports.ids import slugify


@dataclass(frozen=True)
class SiteInput:
    snapshot: Snapshot
    #: when the site was made (ISO 8601, UTC)
    generated_at: str
    #: declared ward id -> the full result digest (64 hex digits)
    digests: Mapping[int, str] = field(default_factory=dict)
    #: declared ward id -> its declaration sheet (PDF bytes)
    declarations: Mapping[int, bytes] = field(default_factory=dict)
    #: the declaration sheets are signed by the returning officer
    signed: bool = False
    #: party -> colour (``#RRGGBB``)
    colours: Mapping[str, str] = field(default_factory=dict)
    timings: Sequence[WardTimings] = ()
    #: ward id -> the expected time of declaration the returning officer gave (``HH:MM``)
    expected: Mapping[int, str] = field(default_factory=dict)
    #: the election's languages; ("en", "cy") makes a bilingual site
    languages: tuple[str, ...] = ("en",)
    #: Welsh texts of the labels from the documents catalogue, where installed
    catalogue: Mapping[str, str] | None = None


def ward_slugs(snapshot: Snapshot) -> dict[int, str]:
    """Ward id -> a file name stem, unique in the election ("st-helier")."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for w in snapshot.wards:
        base = slugify(w.info.name) or f"ward-{w.info.id}"
        slug = base if base not in taken else f"{base}-{w.info.id}"
        taken.add(slug)
        out[w.info.id] = slug
    return out


def _london() -> datetime.tzinfo:
    try:
        return ZoneInfo("Europe/London")
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def uk_time(iso: str | None, *, with_day: bool = False) -> str:
    """A stored UTC time as UK local time: ``02:14 BST`` (``Fri 4 May 02:14 BST``)."""
    if not iso:
        return ""
    try:
        at = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    local = at.astimezone(_london())
    zone = local.tzname() or "UTC"
    if with_day:
        return f"{local:%a} {local.day} {local:%b %Y} {local:%H:%M} {zone}"
    return f"{local:%H:%M} {zone}"
