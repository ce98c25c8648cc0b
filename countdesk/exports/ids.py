"""Identifiers for exported results: Democracy Club-style slugs and ballot ids.

Ballot ids follow the UK election id scheme that Democracy Club uses (the
``uk-election-ids`` package builds them): ``local.<organisation>.<ward>.<date>``,
e.g. ``local.sutton.nonsuch.2018-05-03``, and the election as a whole
``local.sutton.2018-05-03``.

The organisation part is made from the authority's name by dropping the common
prefixes and suffixes of council names, then slugifying what is left:

- prefixes: "London Borough of", "Royal Borough of", "Metropolitan Borough of",
  "County Borough of", "Borough of", "City and County of", "City of",
  "County of", "District of", "Council of the";
- suffixes: "Metropolitan Borough Council", "County Borough Council", "Borough
  Council", "District Council", "City Council", "County Council", "Town
  Council", "Parish Council", "Council".

So "London Borough of Sutton" -> ``sutton``, "Royal Borough of Kingston upon
Thames" -> ``kingston-upon-thames``, "Exampleton Borough Council" ->
``exampleton``. Where Democracy Club uses another short name, give it with
``--authority-slug``.

Slugs are made as Django's ``slugify`` makes them (lower case, accents dropped,
anything but letters, digits, spaces and hyphens removed, runs of spaces and
hyphens turned into one hyphen): "St Helier" -> ``st-helier``, "Stocksbridge &
Upper Don" -> ``stocksbridge-upper-don``, "St. John's" -> ``st-johns``.
"""

from __future__ import annotations

import re
import unicodedata

PREFIXES = ("london borough of", "royal borough of", "metropolitan borough of",
            "county borough of", "borough of", "city and county of", "city of", "county of",
            "district of", "council of the")
SUFFIXES = ("metropolitan borough council", "county borough council", "borough council",
            "district council", "city council", "county council", "town council",
            "parish council", "council")


def slugify(text: str) -> str:
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def authority_slug(authority: str) -> str:
    """'London Borough of Sutton' -> 'sutton'."""
    name = " ".join(authority.split())
    low = name.lower()
    for prefix in PREFIXES:
        if low.startswith(prefix + " "):
            name, low = name[len(prefix) + 1:], low[len(prefix) + 1:]
            break
    for suffix in SUFFIXES:
        if low.endswith(" " + suffix):
            name = name[:-(len(suffix) + 1)]
            break
    return slugify(name) or slugify(authority) or "council"


def election_id(org: str, poll_date: str) -> str:
    return f"local.{org}.{poll_date}"


def ballot_id(org: str, ward: str, poll_date: str) -> str:
    return f"local.{org}.{slugify(ward) or 'ward'}.{poll_date}"
