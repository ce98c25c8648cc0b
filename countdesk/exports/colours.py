"""Party colours for the results board and the summary sheet (no Qt, no reportlab).

A party's colour is the one given to its candidates in set-up (the one most of
them carry), else :data:`PARTY_COLOURS` for common parties, matched by the
party's adjective (so "Labour Party" and "Labour" share red), else the next of
:data:`SPARE_COLOURS` in order of the parties given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from countdesk.core.summary import party_key

#: Colours for common parties, by the party's adjective (see countdesk.core.summary).
PARTY_COLOURS: dict[str, str] = {
    "Conservative": "#0087DC",
    "Labour": "#E4003B",
    "Liberal Democrat": "#FAA61A",
    "Green": "#02A95B",
    "Reform UK": "#12B6CF",
    "UKIP": "#6D3177",
    "Plaid Cymru": "#005B54",
    "SNP": "#FDF38E",
    "Independent": "#B0B0B0",
}
#: For any other party, in order of first appearance.
SPARE_COLOURS = ("#C27C0E", "#8E6C8A", "#5B8C5A", "#A05A2C", "#4F8FBF", "#B5838D", "#7A7F3A")
#: No overall control.
NOC_COLOUR = "#5A6470"

_BY_KEY = {party_key(name): colour for name, colour in PARTY_COLOURS.items()}


def colour_map(parties: Iterable[str], from_setup: Mapping[str, str] | None = None) -> dict[str, str]:
    """``#RRGGBB`` for each party named."""
    chosen_in_setup = {party_key(p): c for p, c in (from_setup or {}).items()}
    out: dict[str, str] = {}
    spare = 0
    for party in parties:
        key = party_key(party)
        colour = chosen_in_setup.get(key) or _BY_KEY.get(key)
        if colour is None:
            colour = SPARE_COLOURS[spare % len(SPARE_COLOURS)]
            spare += 1
        out[party] = colour.upper()
    return out


def ink_on(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour`` (``#RRGGBB``)."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 else "#FFFFFF"
