"""The site's style sheet: text colours meet WCAG 2.1 AA contrast on every background they are
used on, and nothing is sized in fixed pixels that would stop the page reflowing at 400% zoom."""

from __future__ import annotations

import re
from importlib import resources

CSS = (resources.files("countdesk.publish") / "templates" / "style.css").read_text(encoding="utf-8")


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_meet_aa_on_every_background() -> None:
    var = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))
    for text in ("ink", "muted", "link"):
        for ground in ("paper", "band", "won"):
            assert contrast(var[text], var[ground]) >= 4.5, (text, ground)
    assert contrast(var["rule"], var["paper"]) >= 3.0  # borders: non-text contrast


def test_no_fixed_widths() -> None:
    widths = re.findall(r"(?:^|[;{\s])(?:min-|max-)?width:\s*([^;]+);", CSS)
    assert widths and all("px" not in w for w in widths), widths
    assert "width=device-width" in (resources.files("countdesk.publish") / "templates" /
                                    "base.html.j2").read_text(encoding="utf-8")
