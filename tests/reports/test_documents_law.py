"""The documents follow the law on declared results, countermanded polls and unfilled seats.

Built from core records directly (no store), read back with pypdf:

- a declared result is final: a correction recorded afterwards is only a note,
  the figures printed are those declared;
- the statement of an error reported after the declaration;
- a countermanded poll has no declaration or provisional result, and the notice
  says it was countermanded, why, and that no result is declared;
- seats left unfilled (fewer candidates than seats) are said on every document
  showing the unopposed ward, and in the JSON export.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from countdesk.core import Candidate, Status, WardInput, WardResult, compute_result, ward_from_figures
from countdesk.core.records import ElectionInfo, ErrorReport, WardInfo
from countdesk.exports.eml import eml_510, eml_520
from countdesk.exports.formats import csv_bytes, dc_csv_bytes, election_file, nist_report
from countdesk.exports.gather import build_snapshot
from countdesk.reports import documents as docs
from countdesk.reports.digest import notice_digest, result_digest
from countdesk.reports.kinds import KIND_ERROR_REPORT, KINDS
from countdesk.reports.signing import read_document
from countdesk.reports.summary_sheet import summary_pdf

STANDS = "The declared result stands unless an election court decides otherwise."
DECLARED_AT = "2026-05-08T01:14:00Z"

ELECTION = ElectionInfo(authority="Exampleton Borough Council", title="Election of Borough Councillors",
                        poll_date="2026-05-07", returning_officer="Pat Example", double_entry=True,
                        previous_seats={})
RIVERSIDE = (Candidate(11, "Adams", "Ann", "Labour Party", "Labour"),
             Candidate(12, "Brown", "Bob", "Conservative", "Conservative"),
             Candidate(13, "Clarke", "Cat", "Green Party", "Green"),
             Candidate(14, "Davies", "Dai", "Liberal Democrats", "Liberal Democrat"))
VOTES = {11: 900, 12: 800, 13: 700, 14: 600}
REJECTED = {"no_official_mark": 1, "too_many_votes": 2, "identifying_mark": 0, "unmarked_or_void": 3}


# ------------------------------------------------------------------ helpers (as in test_reports)
def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def rows(text: str, names: list[str], ends: tuple[str, ...] = ("The word", "Rejected")) -> dict[str, str]:
    """Each candidate's row: the text from their name to the next candidate's name."""
    flat = squash(text)
    out: dict[str, str] = {}
    for i, name in enumerate(names):
        start = flat.index(name)
        if i + 1 < len(names):
            end = flat.index(names[i + 1], start)
        else:
            found = [e for e in (flat.find(m, start) for m in ends) if e >= 0]
            end = min(found, default=start + 120)
        out[name] = flat[start:end]
    return out


def ward_info(ward_id: int, name: str, seats: int, *, declared: bool = True, **kw: object) -> WardInfo:
    base: dict[str, object] = dict(
        id=ward_id, position=ward_id, name=name, seats=seats, electorate=5000,
        ballot_papers_verified=1606, candidates_locked=True,
        declared_at=DECLARED_AT if declared else None, declared_by="Pat Example" if declared else None)
    base.update(kw)
    return WardInfo(**base)  # type: ignore[arg-type]


def riverside(declared: bool = True) -> tuple[WardInfo, WardResult]:
    result = compute_result(ward_from_figures("Riverside", 2, RIVERSIDE, VOTES, rejected=REJECTED,
                                              papers=1606, electorate=5000, declared=declared))
    assert result.status is (Status.DECLARED if declared else Status.READY)
    return ward_info(1, "Riverside", 2, declared=declared), result


def countermanded_ward() -> tuple[WardInfo, WardResult]:
    cands = (Candidate(21, "Evans", "Eve", "Labour Party", "Labour"),
             Candidate(22, "Fisher", "Fay", "Conservative", "Conservative"),
             Candidate(23, "Gould", "Gus", "Independent", ""))
    result = compute_result(WardInput(name="Coxford", seats=1, candidates=cands, electorate=7000,
                                      countermanded=True))
    assert result.status is Status.COUNTERMANDED
    info = ward_info(2, "Coxford", 1, declared=False, countermanded_at="2026-05-06T10:30:00Z",
                     countermand_reason="the death of a candidate, Gus Gould",
                     countermanded_by="Pat Example")
    return info, result


def unopposed_ward(seats: int = 3, n: int = 2, ward_id: int = 3,
                   name: str = "Hillside") -> tuple[WardInfo, WardResult]:
    cands = tuple(Candidate(30 + i, s, f, d, p) for i, (s, f, d, p) in enumerate([
        ("Hughes", "Hal", "Labour Party", "Labour"), ("Irving", "Ida", "Green Party", "Green"),
        ("Jones", "Jo", "Conservative", "Conservative")][:n]))
    result = compute_result(WardInput(name=name, seats=seats, candidates=cands, declared=True))
    assert result.status is Status.DECLARED and result.unfilled_seats == seats - n
    return ward_info(ward_id, name, seats), result


# ------------------------------------------------------------------ a. declared is final
def test_a_correction_is_a_note_and_the_declaration_keeps_the_declared_figures() -> None:
    ward, result = riverside()
    note = docs.CorrectionNote("the Green total was misread from the tally sheet",
                               "2026-05-09T09:00:00Z", "Sam Deputy",
                               ("CLARKE, Cat: 700 → 760",))
    pdf = docs.declaration_pdf(ELECTION, ward, result, correction=note)
    assert pages(pdf) == 1
    text = squash(pdf_text(pdf))
    assert "DECLARATION OF RESULT OF POLL" in text
    assert "corrected" not in text.lower()
    row = rows(text, ["ADAMS, Ann", "BROWN, Bob", "CLARKE, Cat", "DAVIES, Dai"])
    assert "900" in row["ADAMS, Ann"] and "Elected" in row["ADAMS, Ann"]
    assert "800" in row["BROWN, Bob"] and "Elected" in row["BROWN, Bob"]
    assert "700" in row["CLARKE, Cat"] and "760" not in row["CLARKE, Cat"]
    assert "Elected" not in row["CLARKE, Cat"] and "Elected" not in row["DAVIES, Dai"]
    assert "Error reported after the declaration" in text
    assert "misread from the tally sheet" in text and "Sam Deputy" in text
    assert "CLARKE, Cat: 700 → 760" in text
    assert "These figures were not applied" in text
    assert STANDS in text
    info = read_document(pdf)
    assert info is not None and info.kind == "declaration"
    assert "orrected" not in info.title
    assert info.digest == result_digest(ELECTION, ward, result)


def test_a_declaration_without_a_correction_has_no_note() -> None:
    ward, result = riverside()
    text = squash(pdf_text(docs.declaration_pdf(ELECTION, ward, result)))
    assert "Error reported" not in text and "election court" not in text


# ------------------------------------------------------------------ b. error report
def report_for(ward: WardInfo, **kw: object) -> ErrorReport:
    base: dict[str, object] = dict(
        id=7, ward_id=ward.id, reason="the Green total was misread\nfrom the tally sheet",
        believed={"votes:13": 760, "rejected:unmarked_or_void": 4, "papers": 1607},
        declared={"votes:13": 700, "rejected:unmarked_or_void": 3, "papers": 1606},
        by="C. Agent (Green Party)", at="2026-05-09T09:00:00Z")
    base.update(kw)
    return ErrorReport(**base)  # type: ignore[arg-type]


def test_b_error_report_statement_shows_the_declared_result_and_what_is_reported() -> None:
    ward, result = riverside()
    pdf = docs.error_report_pdf(ELECTION, ward, result, report_for(ward))
    assert pages(pdf) == 1
    text = squash(pdf_text(pdf))
    assert "STATEMENT OF AN ERROR REPORTED AFTER THE DECLARATION" in text
    assert "Riverside" in text and "Exampleton Borough Council" in text
    assert ("The declared result stands unless an election court decides otherwise (Representation "
            "of the People Act 1983, Part III). This statement does not change it.") in text
    # the declared table, in ballot order, exactly as declared
    names = ["ADAMS, Ann", "BROWN, Bob", "CLARKE, Cat", "DAVIES, Dai"]
    flat = text[:text.index("What is reported to be wrong")]
    assert [flat.index(n) for n in names] == sorted(flat.index(n) for n in names)
    row = rows(flat, names, ends=("Rejected ballot papers",))
    for name, votes, elected in zip(names, (900, 800, 700, 600), (True, True, False, False), strict=True):
        assert f"{votes:,}" in row[name]
        assert ("Elected" in row[name]) is elected
    assert "Labour Party" in row["ADAMS, Ann"] and "Green Party" in row["CLARKE, Cat"]
    # what is believed wrong: declared figure, reported figure, difference
    wrong = text[text.index("What is reported to be wrong"):]
    assert "Votes for CLARKE, Cat (Green) 700 760 +60" in wrong
    assert "Ballot papers rejected for (d) being unmarked or wholly void for uncertainty 3 4 +1" in wrong
    assert "Ballot papers counted (valid and rejected) 1,606 1,607 +1" in wrong
    assert "Reason given: the Green total was misread from the tally sheet" in wrong
    assert "Reported by C. Agent (Green Party) on Saturday 9 May 2026 at 10:00 BST" in wrong
    info = read_document(pdf)
    assert info is not None and info.kind == KIND_ERROR_REPORT == "error-report"
    assert info.ward_id == ward.id and info.digest == result_digest(ELECTION, ward, result)
    assert KIND_ERROR_REPORT not in KINDS  # not a `countdesk report` choice


def test_b_error_report_uses_the_declared_figure_recorded_with_the_report() -> None:
    ward, result = riverside()
    report = report_for(ward, believed={"votes:11": 905}, declared={"votes:11": 900})
    text = squash(pdf_text(docs.error_report_pdf(ELECTION, ward, result, report)))
    assert "Votes for ADAMS, Ann (Labour) 900 905 +5" in text


@pytest.mark.parametrize("case", ["not declared", "other ward", "unopposed", "nothing believed"])
def test_b_error_report_refusals(case: str) -> None:
    ward, result = riverside(declared=case != "not declared")
    report = report_for(ward)
    if case == "other ward":
        report = report_for(ward, ward_id=99)
    elif case == "unopposed":
        ward, result = unopposed_ward()
        report = report_for(ward, believed={"papers": 1})
    elif case == "nothing believed":
        report = report_for(ward, believed={}, declared={})
    with pytest.raises(docs.ReportError):
        docs.error_report_pdf(ELECTION, ward, result, report)


# ------------------------------------------------------------------ c. countermanded poll
def test_c_notice_says_the_poll_was_countermanded_and_gives_no_figures() -> None:
    declared = riverside()
    coxford = countermanded_ward()
    pdf = docs.notice_pdf(ELECTION, [declared, coxford])
    text = squash(pdf_text(pdf))
    part = text[text.index("Coxford ward"):]
    assert "Poll countermanded" in part
    assert "the death of a candidate, Gus Gould" in part
    assert "No result is declared for this ward" in part
    for name in ("EVANS", "FISHER", "GOULD", "Elected"):
        assert name not in part.split("Seats won")[0]
    assert "Not included: wards where the poll was countermanded (Coxford)" in text
    assert "900" in text  # the declared ward keeps its figures
    # the digest covers the countermand
    other = WardInfo(**{**coxford[0].__dict__, "countermand_reason": "something else"})
    assert notice_digest(ELECTION, [declared, coxford]) != notice_digest(ELECTION, [declared, (other, coxford[1])])
    assert notice_digest(ELECTION, [declared]) == notice_digest(ELECTION, [declared])


@pytest.mark.parametrize("document", ["declaration", "provisional", "verification"])
def test_c_a_countermanded_poll_has_no_declaration_provisional_or_verification(document: str) -> None:
    ward, result = countermanded_ward()
    build = {"declaration": docs.declaration_pdf, "provisional": docs.provisional_pdf,
             "verification": docs.verification_pdf}[document]
    with pytest.raises(docs.ReportError, match="countermanded") as exc:
        build(ELECTION, ward, result)
    assert "no result is declared" in str(exc.value)
    assert "death of a candidate" in str(exc.value)


def test_c_exports_treat_a_countermanded_poll_as_not_declared() -> None:
    snap = build_snapshot(ELECTION, [riverside(), countermanded_ward()], {1: 10})
    for provisional in (False, True):
        dc = list(csv.DictReader(io.StringIO(dc_csv_bytes(snap, provisional, "exampleton").decode())))
        assert dc and {r["post_label"] for r in dc} == {"Riverside"}
        plain = csv_bytes(snap, provisional).decode("utf-8-sig")
        assert "Coxford" not in plain and "Riverside" in plain
        nist = nist_report(snap, provisional, "exampleton", "2026-05-08T02:00:00Z")
        assert [c["Name"] for c in nist["Election"][0]["Contest"]] == ["Riverside"]
        for eml in (eml_510(snap, provisional, "exampleton"), eml_520(snap, provisional, "exampleton")):
            assert b"Coxford" not in eml
            ET.fromstring(eml)
        data = election_file(snap, provisional)
        cox = next(w for w in data["wards"] if w["name"] == "Coxford")
        assert all("votes" not in c for c in cox["candidates"]) and "rejected" not in cox


# ------------------------------------------------------------------ d. unfilled seats
@pytest.mark.parametrize(("seats", "n", "sentence"), [
    (3, 2, "1 seat remains unfilled and will be filled at a further election."),
    (3, 1, "2 seats remain unfilled and will be filled at a further election."),
])
def test_d_unopposed_declaration_says_how_many_seats_remain_unfilled(seats: int, n: int,
                                                                     sentence: str) -> None:
    ward, result = unopposed_ward(seats, n)
    pdf = docs.declaration_pdf(ELECTION, ward, result)
    assert pages(pdf) == 1
    text = squash(pdf_text(pdf))
    assert "DECLARATION OF PERSONS ELECTED UNOPPOSED" in text
    assert sentence in text
    assert text.count("Elected unopposed") == n
    assert "HUGHES, Hal" in text


def test_d_every_seat_filled_says_nothing_of_unfilled_seats() -> None:
    ward, result = unopposed_ward(2, 2)
    assert result.unfilled_seats == 0
    assert "unfilled" not in pdf_text(docs.declaration_pdf(ELECTION, ward, result))


def test_d_notice_and_summary_say_the_seat_remains_unfilled() -> None:
    entries = [riverside(), unopposed_ward()]
    sentence = "1 seat remains unfilled and will be filled at a further election."
    notice = squash(pdf_text(docs.notice_pdf(ELECTION, entries)))
    hill = notice[notice.index("Hillside ward"):]
    assert "Elected unopposed" in hill and sentence in hill
    snap = build_snapshot(ELECTION, entries, {1: 1, 3: 2})
    summary = squash(pdf_text(summary_pdf(snap)))
    assert sentence in summary


def test_d_json_export_carries_unfilled_seats_and_keeps_every_other_key() -> None:
    entries = [riverside(), unopposed_ward(), unopposed_ward(2, 2, ward_id=4, name="Lakeside")]
    data = election_file(build_snapshot(ELECTION, entries), provisional=False)
    by_name = {w["name"]: w for w in data["wards"]}
    assert by_name["Hillside"]["unfilled_seats"] == 1
    assert "unfilled_seats" not in by_name["Riverside"] and "unfilled_seats" not in by_name["Lakeside"]
    assert set(by_name["Riverside"]) == {"name", "seats", "electorate", "ballot_papers_verified",
                                         "ballot_papers_counted", "rejected", "candidates"}
    assert set(by_name["Hillside"]) == {"name", "seats", "electorate", "ballot_papers_verified",
                                        "candidates", "unfilled_seats"}
    json.dumps(data)
