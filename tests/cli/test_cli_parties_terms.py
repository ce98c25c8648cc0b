"""From the command line: an Ipswich St John's-style ward (an ordinary election and a casual
vacancy combined) with an equality for the longer term decided by lot; party ids in the
summary and the exports; the ballot-position notice at import."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import CliResult, db_fingerprint

Run = Callable[..., CliResult]


def _file(tmp_path: Path) -> Path:
    def cand(surname: str, forenames: str, description: str, votes: int, **extra: Any
             ) -> dict[str, Any]:
        return {"surname": surname, "forenames": forenames, "description": description,
                "votes": votes, **extra}
    st_johns = {
        "name": "St John's", "seats": 3, "electorate": 8000, "ballot_papers_verified": 2400,
        "ballot_papers_counted": 2400,
        "terms": [{"years": 4, "seats": 2}, {"years": 2, "seats": 1}],
        "candidates": [
            cand("Smith", "Robert", "Labour Party", 1500, party_id="PP53",
                 commonly_used_forenames="Bob"),
            cand("Jones", "Alice", "Labour and Co-operative Party", 1200, party_id="PP53"),
            cand("Khan", "Sara", "Labour Party", 1200, party_id="PP53"),
            cand("Brown", "Tom", "Conservative Party Candidate", 900, party_id="PP52"),
            cand("Green", "Pat", "Independent", 400)]}
    bishops = {
        "name": "Bishops Hill", "seats": 1, "ballot_papers_verified": 990, "ballot_papers_counted": 990,
        "candidates": [
            cand("Owen", "Rhys", "Welsh Labour", 600, party_id="PP53", ballot_position=2),
            cand("Ap Ifan", "Nia", "Annibynnol", 390, ballot_position=1)]}
    data = {"format": "countdesk-election/1", "authority": "Ipswich Borough Council",
            "title": "Borough Council Election", "poll_date": "2024-05-02",
            "returning_officer": "Returning Officer",  # lots and declarations are named after them
            "previous_seats": {"Labour": 3, "Conservative": 1}, "wards": [st_johns, bishops]}
    path = tmp_path / "ipswich.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_tie_for_the_longer_term_is_decided_by_lot_and_result_json_gives_terms(
        run: Run, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    r = run("--db", db, "import", _file(tmp_path))
    assert r.code == 0, r.err
    # the printed positions of Bishops Hill put Ap Ifan first, as the computed order does
    assert "notice:" not in r.out
    r = run("--db", db, "result", "st john's", "--json")
    data = json.loads(r.out)
    assert data["status"] == "lot_required"
    ids = {c["surname"]: c["id"] for c in data["candidates"]}
    assert data["tie"] == {"votes": 1200, "candidate_ids": [ids["Jones"], ids["Khan"]], "seats": 1,
                           "kind": "term", "years": 4}
    assert all(c["term"] is None for c in data["candidates"])
    text = run("--db", db, "result", "st john's").out
    assert "1 seat with the longer term (4 years): lots must be drawn (rule 49)" in text
    # a lot before the provisional result is refused, and changes nothing
    before = db_fingerprint(db)
    r = run("--db", db, "lot", "st john's", "--winner", str(ids["Khan"]), "--method", "coin toss")
    assert r.code == 2 and "F005" in r.err
    assert db_fingerprint(db) == before
    assert run("--db", db, "provisional", "st john's", "--by", "Deputy RO").code == 0
    r = run("--db", db, "lot", "st john's", "--winner", str(ids["Brown"]), "--method", "coin toss")
    assert r.code == 2 and "not in the tie" in r.err
    r = run("--db", db, "lot", "st john's", "--winner", str(ids["Khan"]), "--method", "coin toss",
            "--witness", "Agent for Jones")
    assert r.code == 0, r.err
    data = json.loads(run("--db", db, "result", "st john's", "--json").out)
    assert data["status"] == "ready" and data["tie"] is None
    assert {c["surname"]: c["term"] for c in data["candidates"]} == {
        "Smith": 4, "Khan": 4, "Jones": 2, "Brown": None, "Green": None}
    khan = next(c for c in data["candidates"] if c["surname"] == "Khan")
    assert khan["declared_votes"] == 1201 and khan["lot_winner"] is True
    # an ordinary ward's JSON has no term key
    other = json.loads(run("--db", db, "result", "bishops hill", "--json").out)
    assert all("term" not in c for c in other["candidates"])


def _declare_all(run: Run, db: Path, ids: dict[str, int]) -> None:
    for ward in ("st john's", "bishops hill"):
        assert run("--db", db, "provisional", ward).code == 0
    assert run("--db", db, "lot", "st john's", "--winner", str(ids["Khan"]), "--method",
               "coin toss").code == 0
    for ward in ("st john's", "bishops hill"):
        for w in json.loads(run("--db", db, "result", ward, "--json").out)["warnings"]:
            if not w["acknowledged"]:
                assert run("--db", db, "acknowledge", ward, w["code"], "--by", "RO", "--explanation", "checked").code == 0
    (db.parent / "decl").mkdir()
    r = run("--db", db, "declare", "--all", "--out-dir", db.parent / "decl")
    assert r.code == 0, r.err


def test_summary_and_exports_group_by_party_id(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run("--db", db, "import", _file(tmp_path)).code == 0
    data = json.loads(run("--db", db, "result", "st john's", "--json").out)
    _declare_all(run, db, {c["surname"]: c["id"] for c in data["candidates"]})
    summary = json.loads(run("--db", db, "summary", "--json").out)
    parties = {p["party"]: p for p in summary["parties"]}
    assert set(parties) == {"Labour Party", "Conservative and Unionist Party", "Independent"}
    assert parties["Labour Party"]["seats"] == 4 and parties["Labour Party"]["candidates"] == 4
    assert parties["Labour Party"]["change"] == 1
    assert parties["Independent"]["candidates"] == 2
    assert summary["control"] == "Labour hold"
    out = tmp_path / "dc.csv"
    assert run("--db", db, "export", "--format", "dc-csv", "--out", out).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["person_name"]: r["party_id"] for r in rows} == {
        "Robert Smith": "PP53", "Alice Jones": "PP53", "Sara Khan": "PP53", "Tom Brown": "PP52",
        "Pat Green": "", "Rhys Owen": "PP53", "Nia Ap Ifan": ""}
    assert {r["person_name"]: r["party_name"] for r in rows}["Alice Jones"] == \
        "Labour and Co-operative Party"
    out = tmp_path / "r.csv"
    assert run("--db", db, "export", "--format", "csv", "--out", out).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["surname"]: r["term"] for r in rows if r["ward"] == "St John's"} == {
        "Smith": "4", "Khan": "4", "Jones": "2", "Brown": "", "Green": ""}
    out = tmp_path / "n.json"
    assert run("--db", db, "export", "--format", "nist", "--out", out).code == 0
    nist = json.loads(out.read_text(encoding="utf-8"))
    names = sorted(p["Name"]["Text"][0]["Content"] for p in nist["Election"][0]["Party"]) \
        if "Party" in nist["Election"][0] else sorted(
            p["Name"]["Text"][0]["Content"] for p in nist["Party"])
    assert names == ["Conservative and Unionist Party", "Independent", "Labour Party"]
    out = tmp_path / "results.xml"
    assert run("--db", db, "export", "--format", "eml", "--out", out).code == 0
    eml = next(tmp_path.glob("results-510.xml")).read_text(encoding="utf-8")
    assert 'AffiliationIdentifier Id="PP53"' in eml and 'Id="PP52"' in eml


def test_import_and_wards_show_a_ballot_position_notice(run: Run, tmp_path: Path) -> None:
    path = _file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for c, pos in zip(data["wards"][1]["candidates"], (1, 2), strict=True):
        c["ballot_position"] = pos  # Owen printed before Ap Ifan
    path.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "s.db"
    r = run("--db", db, "import", path)
    assert r.code == 0, r.err
    assert ("notice: Bishops Hill: the printed ballot positions differ from the alphabetical order: "
            "position 1 is OWEN, Rhys, alphabetically AP IFAN, Nia") in r.out
    assert "notice: Bishops Hill:" in run("--db", db, "wards").out
    data = json.loads(run("--db", db, "result", "bishops hill", "--json").out)
    assert [c["surname"] for c in data["candidates"]] == ["Owen", "Ap Ifan"]
