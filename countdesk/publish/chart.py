"""The seats-by-party chart's geometry: bars over the whole council, the majority line.

The SVG itself is the template ``chart.svg.j2``; here are only the numbers it draws. Bars
are scaled to every seat of the council, so the majority line stands where a majority is;
each bar carries its party and seats as text (the chart never speaks by colour alone) and
a dark outline (3:1 against the page whatever the party's colour, WCAG 1.4.11).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from countdesk.core.summary import CouncilSummary

WIDTH = 300
ROW = 52
TOP = 34
BAR = 20
#: a party without a colour of its own
NEUTRAL = "#6b6b6b"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Bar:
    party: str
    seats: int
    colour: str
    y: float  # the label's baseline
    bar_y: float
    width: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    majority: int
    majority_x: float
    seats_total: int
    bar_height: int = BAR


def chart(summary: CouncilSummary, colours: Mapping[str, str]) -> Chart:
    total = max(summary.seats_total, 1)
    shown = [p for p in summary.parties if p.seats > 0]
    bars = []
    for i, p in enumerate(shown):
        top = TOP + i * ROW
        colour = colours.get(p.party, "")
        bars.append(Bar(p.party, p.seats, colour if _HEX.match(colour) else NEUTRAL,
                        y=top + 16, bar_y=top + 24, width=round(WIDTH * p.seats / total, 2)))
    height = TOP + max(len(bars), 1) * ROW + 4
    return Chart(WIDTH, height, tuple(bars), summary.majority,
                 round(WIDTH * summary.majority / total, 2), summary.seats_total)
