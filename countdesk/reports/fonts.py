"""The embedded font family for every printed document.

reportlab's built-in fonts (and its bundled Vera) lack Welsh ŵ and ŷ, Polish ł
and Greek, so every document uses DejaVu Sans, shipped in ``resources/fonts``
with its licence and embedded (subset) into each PDF.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from countdesk.resources import resource_dir

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontError(RuntimeError):
    """The embedded fonts are missing from this installation."""


def font_dir() -> Path:
    return resource_dir() / "fonts"


def register_fonts() -> str:
    """Register DejaVu Sans (all four faces) with reportlab, once; return the family name.

    The family mapping lets ``<b>`` and ``<i>`` in Paragraphs pick the bold and
    oblique faces.
    """
    global _registered  # noqa: PLW0603
    with _lock:
        if _registered:
            return FAMILY
        folder = font_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FontError(f"the font {filename} is missing from {folder}; reinstall countdesk")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True
        return FAMILY
