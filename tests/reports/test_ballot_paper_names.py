"""The ballot-facing documents (declaration, notice, provisional sheet) print candidates as on
the ballot paper: their commonly used names, in the printed ballot order; the full name stays
in the store and on set-up. Read back with pypdf (text and figures)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from countdesk.app import Desk
from countdesk.app.files import import_election_file


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))
                    .split())


def _store(tmp_path: Path) -> Path:
    cands: list[dict[str, Any]] = [
        {"surname": "Williams-Price", "forenames": "Dafydd Rhys", "description": "Plaid Cymru",
         "commonly_used_surname": "Price", "commonly_used_forenames": "Dai", "votes": 812,
         "party_id": "PP77", "ballot_position": 3},
        {"surname": "Fitzgerald", "forenames": "Margaret Anne", "description": "Labour Party",
         "commonly_used_forenames": "Peggy", "votes": 1034, "party_id": "PP53",
         "ballot_position": 1},
        {"surname": "Evans", "forenames": "Catrin", "description": "Independent", "votes": 377,
         "ballot_position": 2},
    ]
    data = {"format": "countdesk-election/1", "authority": "Cyngor Sir Ceredigion County Council",
            "title": "Election of County Councillors", "poll_date": "2022-05-05",
            "returning_officer": "A. N. Officer",
            "wards": [{"name": "Aberporth", "seats": 1, "electorate": 4000,
                       "ballot_papers_verified": 2230, "ballot_papers_counted": 2230,
                       "rejected": {"unmarked_or_void": 7}, "candidates": cands}]}
    src = tmp_path / "e.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "s.db"
    import_election_file(db, src)
    return db


def test_declaration_notice_and_provisional_use_commonly_used_names(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with Desk.open(db) as desk:
        ward = desk.ward("aberporth").id
        provisional = pdf_text(desk.document("provisional", ward))
        desk.show_provisional(ward, by="Deputy RO")
        for w in desk.result(ward).unacknowledged:
            desk.acknowledge(ward, w.code, by="RO", explanation="checked")
        desk.declare(ward)
        declaration = pdf_text(desk.declaration_bytes(ward))
        notice = pdf_text(desk.document("notice"))
        # the full names stay in the store and on set-up
        rows = desk.candidate_rows(ward)
        assert [c.surname for c in rows] == ["Fitzgerald", "Evans", "Williams-Price"]
        assert rows[2].forenames == "Dafydd Rhys"
    for text in (declaration, notice, provisional):
        assert "FITZGERALD, Peggy" in text and "PRICE, Dai" in text and "EVANS, Catrin" in text
        assert "Margaret" not in text and "WILLIAMS-PRICE" not in text and "Dafydd" not in text
    # figures beside the names, in the printed ballot order on the declaration
    assert "FITZGERALD, Peggy Labour Party 1,034" in declaration
    assert "PRICE, Dai Plaid Cymru 812" in declaration
    assert declaration.index("FITZGERALD, Peggy") < declaration.index("EVANS, Catrin") \
        < declaration.index("PRICE, Dai")
    assert "Peggy FITZGERALD" in declaration  # the person elected, as on the ballot paper


def test_terms_of_office_on_the_provisional_sheet_and_the_declaration(tmp_path: Path) -> None:
    cands = [{"surname": s, "forenames": f, "description": "Labour Party", "party_id": "PP53",
              "votes": v} for s, f, v in (("Smith", "Robert", 1500), ("Jones", "Alice", 1200),
                                          ("Khan", "Sara", 1200))]
    cands[0]["commonly_used_forenames"] = "Bob"
    cands.append({"surname": "Brown", "forenames": "Tom", "description": "Conservative",
                  "votes": 900})
    data = {"format": "countdesk-election/1", "authority": "Ipswich Borough Council",
            "title": "Borough Council Election", "poll_date": "2024-05-02",
            "returning_officer": "A. N. Officer",
            "wards": [{"name": "St John's", "seats": 3, "electorate": 8000,
                       "ballot_papers_verified": 2000, "ballot_papers_counted": 2000,
                       "terms": [{"years": 4, "seats": 2}, {"years": 2, "seats": 1}],
                       "candidates": cands}]}
    src = tmp_path / "e.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "s.db"
    import_election_file(db, src)
    with Desk.open(db) as desk:
        ward = desk.ward("st john's").id
        sheet = pdf_text(desk.document("provisional", ward))
        assert ("JONES, Alice (Labour Party) and KHAN, Sara (Labour Party) each have 1,200 votes "
                "for 1 seat with the longer term (4 years)") in sheet
        desk.show_provisional(ward, by="Deputy RO")
        khan = next(r.candidate.id for r in desk.result(ward).candidates
                    if r.candidate.surname == "Khan")
        desk.record_lot(ward, khan, "cut of cards", ["Agent for Jones"])
        for w in desk.result(ward).unacknowledged:
            desk.acknowledge(ward, w.code, by="RO", explanation="checked")
        desk.declare(ward)
        declaration = pdf_text(desk.declaration_bytes(ward))
    assert "Terms of office: Bob SMITH and Sara KHAN for 4 years; Alice JONES for 2 years." in \
        declaration
    assert "KHAN, Sara Labour Party 1,201† Elected" in declaration
    assert "an additional vote was allotted to Sara Khan" in declaration
