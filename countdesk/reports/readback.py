"""Reading a printed document back: the text its pages show, as a person would read it.

``countdesk verify --db`` compares this text, not only the digest written in the file's
metadata, with the store: a sheet that shows other figures or other winners, or another
ward's result relabelled, fails even if it carries a genuine digest.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence


def page_text(pdf: bytes) -> str:
    """Every page's text, NFC, with runs of white space made single spaces."""
    from pypdf import PdfReader  # noqa: PLC0415 - only when a document is read back

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def rows(text: str, names: Sequence[Sequence[str]], ends: Sequence[str]) -> list[str | None]:
    """For each candidate (given as the spellings their name may be printed in, in the order
    the sheet prints them), the text from their name to the next candidate's name (the last
    to the first of ``ends`` after it); None where the name is not on the page in that order."""
    starts: list[int | None] = []
    pos = 0
    for spellings in names:
        found = [(i, s) for s in spellings if (i := text.find(s, pos)) >= 0]
        if not found:
            starts.append(None)
            continue
        i, s = min(found)
        starts.append(i)
        pos = i + len(s)
    out: list[str | None] = []
    found_ends = [i for e in ends if (i := text.find(e, pos)) >= 0]
    stop = min(found_ends, default=-1)
    for k, start in enumerate(starts):
        if start is None:
            out.append(None)
            continue
        nxt = next((s for s in starts[k + 1:] if s is not None), None)
        out.append(text[start: nxt if nxt is not None else (stop if stop >= 0 else len(text))])
    return out


def shows_figure(row: str, figure: int) -> bool:
    """The row shows ``figure`` as a whole number (1,405 or 1405), not as part of another."""
    return re.search(rf"(?<![\d,]){re.escape(f'{figure:,}')}(?![\d,])", row) is not None
