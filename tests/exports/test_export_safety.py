"""Exports are safe to open: spreadsheet formulas in names are neutralised in every CSV, and
the XML files always parse, whatever characters a name carries (issue 14, finding 9)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from countdesk.core import Candidate, compute_result, ward_from_figures
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.exports.eml import eml_510, eml_520, xml_text
from countdesk.exports.formats import csv_bytes, dc_csv_bytes, safe_cell
from countdesk.exports.gather import build_snapshot

ELECTION = ElectionInfo(authority="Exampleton Borough Council", title="Election of Borough Councillors",
                        poll_date="2026-05-07", returning_officer="Pat Example", double_entry=True,
                        previous_seats={})
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+SUM(A1:A9)", "-2+3", "@cmd",
           "\tTabbed", "\rReturned"]


def snapshot(surnames: list[str], descriptions: list[str] | None = None) -> object:
    descriptions = descriptions or [f"Party {i}" for i in range(len(surnames))]
    cands = tuple(Candidate(i + 1, s, f"Name{i}", d, d) for i, (s, d) in enumerate(
        zip(surnames, descriptions, strict=True)))
    votes = {c.id: 900 - 100 * i for i, c in enumerate(cands)}
    ward_in = ward_from_figures("Riverside", 1, cands, votes, papers=sum(votes.values()) + 2,
                                rejected={"unmarked_or_void": 2}, declared=True)
    info = WardInfo(1, 1, "Riverside", 1, 9000, sum(votes.values()) + 2, True,
                    "2026-05-08T01:00:00Z", "RO")
    return build_snapshot(ELECTION, [(info, compute_result(ward_in))], {1: 1})


@pytest.mark.parametrize("maker", [lambda s: csv_bytes(s, False).decode("utf-8-sig"),
                                   lambda s: dc_csv_bytes(s, False, "exampleton").decode("utf-8")])
def test_no_csv_cell_starts_a_formula(maker: object) -> None:
    snap = snapshot(HOSTILE, descriptions=["=1+1", "Labour", "@x", "Green", "-y", "Ind"])
    text = maker(snap)  # type: ignore[operator]
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    for cell in cells:
        if cell and cell[0] in "=+-@\t\r":
            assert cell.lstrip("-").replace(",", "").isdigit(), cell  # only a negative figure may
    assert any(c.startswith("'=") for c in cells)  # a description that would have been a formula
    assert any("=HYPERLINK" in c for c in cells)  # the name is kept, as text


def test_a_surname_formula_is_kept_as_text_in_the_plain_csv() -> None:
    text = csv_bytes(snapshot(HOSTILE), False).decode("utf-8-sig")  # type: ignore[arg-type]
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells
    assert "'-2+3" in cells and "'@cmd" in cells and "'+SUM(A1:A9)" in cells


def test_figures_are_never_changed_by_the_neutralising() -> None:
    assert safe_cell("1405") == "1405" and safe_cell("-12") == "-12" and safe_cell("+9") == "+9"
    assert safe_cell("=A1") == "'=A1" and safe_cell("Smith") == "Smith" and safe_cell("") == ""


def test_eml_always_parses_whatever_a_name_carries() -> None:
    snap = snapshot(["Adams\uffff", "Brown\x0b", "Clarke\udc80", "Davies\ufffe"])
    for eml in (eml_510(snap, False, "exampleton"), eml_520(snap, False, "exampleton")):  # type: ignore[arg-type]
        root = ET.fromstring(eml)
        text = "".join(root.itertext())
        assert "Adams" in text and "\uffff" not in text
    assert xml_text("A\x00B\uffffC\U0001F600") == "ABC\U0001F600"
