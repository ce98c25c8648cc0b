"""Party ids, commonly used names, ballot positions and terms of office through the
application layer: stored, read back, edited in set-up (audited), refused in words with
nothing changed, and exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from countdesk.app import AppError, Desk
from countdesk.app.files import import_election_file
from countdesk.app.gather import snapshot
from countdesk.app.setup import NominationsRefused
from countdesk.core import Status
from countdesk.core.serialize import result_dict
from countdesk.exports.formats import election_file
from helpers import db_fingerprint


def _election(tmp_path: Path, *, positions: list[int] | None = None,
              terms: list[dict[str, int]] | None = None, votes: list[int] | None = None) -> Path:
    cands: list[dict[str, Any]] = [
        {"surname": "MacDonald", "forenames": "Robert", "description": "Welsh Labour",
         "party_id": "PP53", "commonly_used_forenames": "Bob"},
        {"surname": "McDonald", "forenames": "Ann", "description": "Labour Party", "party_id": "pp53"},
        {"surname": "Evans", "forenames": "Catrin", "description": "Annibynnol"},
        {"surname": "Williams-Price", "forenames": "Dafydd", "description": "Plaid Cymru",
         "commonly_used_surname": "Price", "party_id": "PP77"},
    ]
    for i, c in enumerate(cands):
        if positions:
            c["ballot_position"] = positions[i]
        if votes:
            c["votes"] = votes[i]
    ward: dict[str, Any] = {"name": "St John's", "seats": 3, "electorate": 6000,
                            "candidates": cands}
    if votes:
        ward["ballot_papers_verified"] = ward["ballot_papers_counted"] = 1500
    if terms:
        ward["terms"] = terms
    data = {"format": "countdesk-election/1", "authority": "Ipswich Borough Council",
            "title": "Borough Council Election", "poll_date": "2024-05-02", "wards": [ward]}
    path = tmp_path / "election.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_stores_party_ids_commonly_used_names_positions_and_terms(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    import_election_file(db, _election(tmp_path, positions=[2, 1, 3, 4],
                                       terms=[{"years": 4, "seats": 2}, {"years": 2, "seats": 1}]))
    with Desk.open(db) as desk:
        w = desk.ward("st john's")
        assert w.terms == ((4, 2), (2, 1))
        rows = desk.candidate_rows(w.id)
        # the printed positions are the order everywhere: McDonald before MacDonald here
        assert [c.surname for c in rows] == ["McDonald", "MacDonald", "Evans", "Williams-Price"]
        assert [c.ballot_position for c in rows] == [1, 2, 3, 4]
        assert [c.party_id for c in rows] == ["PP53", "PP53", None, "PP77"]
        assert rows[1].commonly_used_forenames == "Bob" and rows[1].forenames == "Robert"
        assert rows[3].candidate.ballot_paper_name == "PRICE, Dafydd"
        r = desk.result(w.id)
        assert [row.candidate.surname for row in r.candidates][:2] == ["McDonald", "MacDonald"]
        notices = desk.setup_notices(w.id)
        assert len(notices) == 1 and "differ from the alphabetical order" in notices[0]
        assert desk.verify_audit() == []


def test_terms_in_result_json_and_the_export_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    import_election_file(db, _election(tmp_path, votes=[900, 700, 800, 600],
                                       terms=[{"years": 4, "seats": 2}, {"years": 2, "seats": 1}]))
    with Desk.open(db) as desk:
        w = desk.ward("st john's")
        r = desk.result(w.id)
        assert r.status is Status.READY
        by_id = {c.candidate.surname: c.candidate.id for c in r.candidates}
        assert r.terms == {by_id["MacDonald"]: 4, by_id["Evans"]: 4, by_id["McDonald"]: 2}
        data = result_dict(r)
        assert {c["surname"]: c["term"] for c in data["candidates"]} == {
            "MacDonald": 4, "Evans": 4, "McDonald": 2, "Williams-Price": None}
        exported = election_file(snapshot(desk.store), provisional=True)
    ward = exported["wards"][0]
    assert ward["terms"] == [{"years": 4, "seats": 2}, {"years": 2, "seats": 1}]
    mac = next(c for c in ward["candidates"] if c["surname"] == "MacDonald")
    assert mac["party_id"] == "PP53" and mac["commonly_used_forenames"] == "Bob"
    assert "party_id" not in next(c for c in ward["candidates"] if c["surname"] == "Evans")
    again = tmp_path / "again.json"
    again.write_text(json.dumps(exported), encoding="utf-8")
    import_election_file(tmp_path / "again.db", again)
    with Desk.open(tmp_path / "again.db") as desk2:
        back = result_dict(desk2.result(desk2.ward("st john's").id))
    def terms(d: dict[str, Any]) -> list[tuple[str, int, int | None]]:
        return [(c["surname"], c["votes"], c["term"]) for c in d["candidates"]]
    assert terms(back) == terms(data)


def test_set_up_edits_party_id_names_and_position_audited(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    import_election_file(db, _election(tmp_path))
    with Desk.open(db) as desk:
        w = desk.ward("st john's")
        evans = next(c for c in desk.candidate_rows(w.id) if c.surname == "Evans")
        after = desk.update_candidate(evans.id, party_id="ynmp-party:2",
                                      commonly_used_forenames="Cat", ballot_position="3")
        assert (after.party_id, after.commonly_used_forenames, after.ballot_position) == (
            "ynmp-party:2", "Cat", 3)
        rec = json.loads(desk.audit_records()[-1]["details"])
        assert rec["changed"]["party_id"] == [None, "ynmp-party:2"]
        # positions given for one candidate only: a notice, the computed order meanwhile
        assert "not used yet" in desk.setup_notices(w.id)[0]
        cleared = desk.update_candidate(evans.id, party_id="", ballot_position="",
                                        commonly_used_forenames="")
        assert (cleared.party_id, cleared.commonly_used_forenames, cleared.ballot_position) == (
            None, "", None)
        assert desk.setup_notices(w.id) == ()
        assert desk.verify_audit() == []


@pytest.mark.parametrize("kw, words", [
    ({"party_id": "Labour"}, "'Labour' is not a party id"),
    ({"ballot_position": "9"}, "ballot position 9 is outside 1 to 4"),
    ({"ballot_position": "0"}, "ballot position 0 is outside 1 to 4"),
    ({"ballot_position": "two"}, "not a number"),
    ({"commonly_used_surname": "Pr\u202eice"}, r"U\+202E"),
])
def test_set_up_refusals_change_nothing(tmp_path: Path, kw: dict[str, str], words: str) -> None:
    db = tmp_path / "s.db"
    import_election_file(db, _election(tmp_path))
    with Desk.open(db) as desk:
        cid = desk.candidate_rows(desk.ward("st john's").id)[0].id
        before = db_fingerprint(db)
        with pytest.raises(AppError, match=words):
            desk.update_candidate(cid, **kw)
        assert db_fingerprint(db) == before


def test_nominations_csv_reads_the_new_columns_and_refuses_repeated_positions(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    import_election_file(db, _election(tmp_path))
    head = ("ward,seats,surname,forenames,description,party id,commonly used forenames,"
            "commonly used surname,ballot position\n")
    with Desk.open(db) as desk:
        bad = head + ("Castle,2,Bell,Ann,Labour Party,PP53,,,1\nCastle,2,Amos,Bo,Green Party,PP63,,,1\n"
                      "Castle,2,Cole,Cy,Reform UK,,,,2\n")
        before = db_fingerprint(db)
        with pytest.raises(NominationsRefused, match="both have ballot position 1"):
            desk.import_nominations(bad.encode())
        assert db_fingerprint(db) == before
        with pytest.raises(NominationsRefused, match="'Lab' is not a party id"):
            desk.import_nominations((head + "Castle,2,Bell,Ann,Labour Party,Lab,,,\n").encode())
        good = head + ("Castle,2,Bell,Ann,Labour Party,PP53,Annie,,2\nCastle,2,Amos,Bo,Green Party,"
                       "PP63,,,3\nCastle,2,Cole,Cy,Reform UK,,,,1\n")
        desk.import_nominations(good.encode())
        rows = desk.candidate_rows(desk.ward("castle").id)
        assert [(c.surname, c.party_id, c.ballot_position) for c in rows] == [
            ("Cole", None, 1), ("Bell", "PP53", 2), ("Amos", "PP63", 3)]
        assert rows[1].candidate.ballot_paper_name == "BELL, Annie"


def test_a_lot_for_the_longer_term_recorded_in_an_election_file(tmp_path: Path) -> None:
    path = _election(tmp_path, votes=[900, 700, 700, 600],
                     terms=[{"years": 4, "seats": 1}, {"years": 2, "seats": 2}])
    db = tmp_path / "s.db"
    import_election_file(db, path)  # MacDonald 4 years; McDonald and Evans level: no lot needed
    with Desk.open(db) as desk:
        r = desk.result(desk.ward("st john's").id)
        assert r.status is Status.READY and sorted(r.terms.values()) == [2, 2, 4]
    path = _election(tmp_path, votes=[700, 700, 800, 600],
                     terms=[{"years": 4, "seats": 2}, {"years": 2, "seats": 1}])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["wards"][0]["candidates"][1]["lot_winner"] = True  # McDonald won the lot for 4 years
    path.write_text(json.dumps(data), encoding="utf-8")
    db2 = tmp_path / "s2.db"
    import_election_file(db2, path)
    with Desk.open(db2) as desk:
        r = desk.result(desk.ward("st john's").id)
        terms = {row.candidate.surname: r.terms.get(row.candidate.id) for row in r.candidates}
        assert r.status is Status.READY
        assert terms == {"Evans": 4, "McDonald": 4, "MacDonald": 2, "Williams-Price": None}
        mcd = next(row for row in r.candidates if row.candidate.surname == "McDonald")
        assert mcd.lot_winner and mcd.declared_votes == 701
