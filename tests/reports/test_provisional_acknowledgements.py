"""The provisional sheet prints each warning with who acknowledged it, when and why
(issue 16, item 14), read back from the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from countdesk.app import Desk


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_provisional_sheet_says_who_acknowledged_a_warning_and_why(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        w = desk.ward("Nonsuch")
        before = pdf_text(desk.provisional_sheet(w.id))
        assert "Warnings acknowledged before the declaration" in before
        assert "W002" in before and "Not yet acknowledged" in before
        desk.acknowledge(w.id, "W002", by="Deputy Returning Officer",
                         explanation="Equality checked: both bundles recounted by hand")
        after = pdf_text(desk.provisional_sheet(w.id))
        assert "Not yet acknowledged" not in after
        assert "Acknowledged by Deputy Returning Officer" in after
        assert "Equality checked: both bundles recounted by hand" in after
        # a ward without warnings prints no such section
        clean = next(x for x in desk.wards() if desk.result(x.id).status.value == "ready"
                     and not desk.result(x.id).warnings)
        assert "Warnings acknowledged" not in pdf_text(desk.provisional_sheet(clean.id))
