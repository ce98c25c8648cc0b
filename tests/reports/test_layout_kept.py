"""What a printed sheet keeps from one print to the next changes nothing in it.

Paragraphs of the same text and type style share their parse and their line breaks (each
width is laid out once, whichever paragraph or sheet asks), and a table is measured once
for each height it is offered: a sheet printed with all of that emptied and printed again
with all of it reused is the same file, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import paragraph as rl_paragraph

from countdesk.app import Desk
from countdesk.reports import layout
from countdesk.reports.fonts import register_fonts
from countdesk.reports.layout import Paragraph, styles_for

RO = "A. N. Officer"


@pytest.fixture
def declared(demo_db: Path) -> Desk:
    desk = Desk.open(demo_db)
    for name in ("Beddington North", "Belmont"):  # 13 and 10 candidates, no warning, no tie
        ward = desk.ward(name)
        desk.show_provisional(ward.id, by=RO)
        desk.declare(ward.id, by=RO)
    return desk


def test_a_sheet_is_the_same_file_printed_cold_and_again(declared: Desk) -> None:
    ward = declared.ward("Beddington North")
    other = declared.ward("Belmont")
    layout._PARSED.clear()  # nothing kept: the first print in a fresh process
    cold = declared.document("declaration", ward.id)
    declared.document("declaration", other.id)  # its party descriptions and labels are kept
    assert declared.document("declaration", ward.id) == cold
    assert declared.document("declaration", ward.id) == cold
    layout._PARSED.clear()
    notice = declared.document("notice")  # several pages: long tables split across them
    assert declared.document("notice") == notice
    declared.close()


def test_paragraphs_of_the_same_text_and_style_are_laid_out_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    register_fonts()
    st = styles_for(13)
    broken: list[str] = []
    real = rl_paragraph.Paragraph.breakLines

    def counting(self: rl_paragraph.Paragraph, width: object) -> object:
        broken.append(self.text)
        return real(self, width)

    monkeypatch.setattr(rl_paragraph.Paragraph, "breakLines", counting)
    text = "The Conservative Party Candidate for the ward of Beddington North"
    first = Paragraph(text, st.cell)
    height = first.wrap(120, 10_000)[1]
    second = Paragraph(text, st.cell)  # another row (or sheet) with the same description
    assert second.wrap(120, 10_000)[1] == height
    assert second.wrap(200, 10_000)[1] < height  # a new width is laid out
    assert broken == [text, text]
    bold = Paragraph(text, st.head)  # another style: laid out on its own
    bold.wrap(120, 10_000)
    assert len(broken) == 3
