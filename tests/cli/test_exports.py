"""``countdesk export``: every format parses back, and the election file round-trips
through ``import`` to the same results (lot winners included)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_steps import declare, show

from countdesk.app import Desk
from countdesk.cli.exports import eml_paths
from countdesk.core.serialize import result_dict
from countdesk.exports.ids import authority_slug, ballot_id, slugify
from helpers import db_fingerprint

Run = Callable[..., Any]
EML = "{urn:oasis:names:tc:evs:schema:eml}"
XNL = "{urn:oasis:names:tc:ciq:xsdschema:xNL:2.0}"


@pytest.fixture
def counted_demo(demo_db: Path) -> Path:
    """The demo with Nonsuch's lot drawn and five wards declared, Nonsuch among them."""
    with Desk.open(demo_db) as desk:
        declare(desk, ["Belmont", "Cheam", "Nonsuch", "St Helier", "Stonecot"])
    return demo_db


def comparable(r: dict[str, Any]) -> dict[str, Any]:
    """A result without what a store-to-store copy cannot keep: ids, the lot's method and time,
    sheets, acknowledgements and the declared flag (the election file has no declarations)."""
    who = {c["id"]: (c["surname"], c["forenames"]) for c in r["candidates"]}
    status = r["status"]
    if status == "declared":
        status = "ready" if r["candidates"][0]["votes"] is not None else "uncontested"
    return {
        "ward": r["ward"], "seats": r["seats"], "status": status,
        "candidates": [{k: v for k, v in c.items() if k != "id"} for c in r["candidates"]],
        "elected": [who[i] for i in r["elected"]],
        "tie": None if r["tie"] is None else {**r["tie"], "candidate_ids": [who[i] for i in r["tie"]["candidate_ids"]]},
        # the file marks lot winners, not the order of the draws (the outcome is the same)
        "lots": sorted(who[lot["winner_id"]] for lot in r["lots"]),
        **{k: r[k] for k in ("margin", "ballot_papers_counted", "ballot_papers_source", "valid_papers",
                             "rejected", "electorate", "turnout_pct", "errors")},
        "warnings": [(w["code"], w["message"]) for w in r["warnings"]],
    }


def results(db: Path) -> dict[str, dict[str, Any]]:
    with Desk.open(db, read_only=True) as desk:
        return {w.name: result_dict(desk.result(w.id)) for w in desk.wards()}


# --------------------------------------------------------------------- json
def test_json_round_trips_through_import(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "sutton.json"
    r = run("--db", counted_demo, "export", "--format", "json", "--out", out, "--provisional")
    assert r.code == 0, r.err
    copy = tmp_path / "copy.db"
    r = run("--db", copy, "import", out)
    assert r.code == 0, r.err
    before, after = results(counted_demo), results(copy)
    assert list(before) == list(after)
    for name in before:
        assert comparable(after[name]) == comparable(before[name]), name
    nonsuch = {c["surname"]: c for c in after["Nonsuch"]["candidates"]}
    assert nonsuch["McDermott-Hill"]["lot_winner"] is True
    assert nonsuch["McDermott-Hill"]["declared_votes"] == 1406
    assert nonsuch["Bourne"]["declared_votes"] == 1405
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["previous_seats"] == {"Liberal Democrats": 45, "Conservative": 9}


def test_json_without_provisional_carries_only_declared_figures(run: Run, counted_demo: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "declared.json"
    assert run("--db", counted_demo, "export", "--format", "json", "--out", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["wards"]) == 18  # a whole election file ...
    with_votes = {w["name"] for w in data["wards"] if "votes" in w["candidates"][0]}
    assert with_votes == {"Belmont", "Cheam", "Nonsuch", "St Helier", "Stonecot"}  # ... declared figures only
    copy = tmp_path / "copy.db"
    assert run("--db", copy, "import", out).code == 0
    before, after = results(counted_demo), results(copy)
    for name in with_votes:
        assert comparable(after[name]) == comparable(before[name])
    assert after["Belmont"]["status"] == "ready"
    assert after["Sutton West"]["status"] == "incomplete"


def test_sample_round_trip_with_three_tied_for_two_seats(run: Run, sample_db: Path, tmp_path: Path) -> None:
    with Desk.open(sample_db) as desk:
        ward = desk.ward("Riverside")
        show(desk, ward.id)
        for _ in range(2):
            r = desk.result(ward.id)
            assert r.tie is not None
            desk.record_lot(ward.id, r.tie.candidate_ids[-1], "drawing straws")
        assert desk.result(ward.id).status.value == "ready"
        desk.acknowledge(ward.id, "W002", by="RO", explanation="checked")
        desk.declare(ward.id)
        desk.declare(desk.ward("Millbrook").id)  # uncontested: no provisional result to show
    out = tmp_path / "sample.json"
    assert run("--db", sample_db, "export", "--format", "json", "--out", out, "--provisional").code == 0
    copy = tmp_path / "copy.db"
    assert run("--db", copy, "import", out).code == 0
    before, after = results(sample_db), results(copy)
    for name in before:
        assert comparable(after[name]) == comparable(before[name]), name
    winners = [c["surname"] for c in after["Riverside"]["candidates"] if c["lot_winner"]]
    assert len(winners) == 2
    assert "Ŵyn" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- csv
def test_csv_one_row_per_candidate_of_each_declared_ward(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    r = run("--db", counted_demo, "export", "--format", "csv", "--out", out)
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert {"ward", "seats", "surname", "other_names", "party", "votes", "declared_votes", "position",
            "elected", "lot_winner"} <= set(rows[0])
    expected = results(counted_demo)
    wards = {row["ward"] for row in rows}
    assert wards == {"Belmont", "Cheam", "Nonsuch", "St Helier", "Stonecot"}
    assert len(rows) == sum(len(expected[w]["candidates"]) for w in wards)
    for row in rows:
        cand = next(c for c in expected[row["ward"]]["candidates"]
                    if (c["surname"], c["forenames"]) == (row["surname"], row["other_names"]))
        assert int(row["votes"]) == cand["votes"]
        assert int(row["declared_votes"]) == cand["declared_votes"]
        assert row["elected"] == ("yes" if cand["elected"] else "no")
        assert row["status"] == "declared"
    mh = next(r for r in rows if r["surname"] == "McDermott-Hill")
    assert (mh["votes"], mh["declared_votes"], mh["lot_winner"], mh["elected"]) == ("1405", "1406", "yes", "yes")
    assert sum(r["elected"] == "yes" for r in rows) == 15


def test_provisional_csv_marks_results_not_yet_declared(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert run("--db", counted_demo, "export", "--format", "csv", "--out", out, "--provisional").code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len({r["ward"] for r in rows}) == 18
    assert {r["status"] for r in rows if r["ward"] == "Sutton West"} == {"provisional"}


# ------------------------------------------------------------------- dc-csv
def test_dc_csv_is_democracy_club_shaped(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "dc.csv"
    assert run("--db", counted_demo, "export", "--format", "dc-csv", "--out", out).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    nonsuch = [r for r in rows if r["post_label"] == "Nonsuch"]
    assert {r["ballot_paper_id"] for r in nonsuch} == {"local.sutton.nonsuch.2018-05-03"}
    assert {r["election_id"] for r in rows} == {"local.sutton.2018-05-03"}
    mh = next(r for r in nonsuch if r["person_name"] == "James McDermott-Hill")
    bourne = next(r for r in nonsuch if r["person_name"].endswith("Bourne"))
    assert (mh["num_ballots"], mh["elected"], mh["tied_vote_winner"], mh["rank"]) == ("1405", "true", "true", "3")
    assert (bourne["num_ballots"], bourne["elected"], bourne["tied_vote_winner"]) == ("1405", "false", "false")
    with Desk.open(counted_demo, read_only=True) as desk:
        r = desk.result("Nonsuch")
    assert mh["num_turnout_reported"] == str(r.ballot_papers_counted)
    assert mh["turnout_percentage"] == str(r.turnout_pct)
    assert mh["num_spoilt_ballots"] == str(r.rejected["total"])
    assert mh["total_electorate"] == str(r.electorate)
    assert sorted(int(x["rank"]) for x in nonsuch)[:3] == [1, 2, 3]


@pytest.mark.parametrize(("authority", "slug"), [
    ("London Borough of Sutton", "sutton"), ("Royal Borough of Kingston upon Thames", "kingston-upon-thames"),
    ("Exampleton Borough Council", "exampleton"), ("City of Bradford Metropolitan District Council", "bradford-metropolitan"),
    ("Cyngor Sir Ynys Môn", "cyngor-sir-ynys-mon"), ("Sutton Council", "sutton"), ("Borough of Poole", "poole"),
])
def test_authority_slugs(authority: str, slug: str) -> None:
    assert authority_slug(authority) == slug


def test_ward_slugs_are_django_like() -> None:
    assert slugify("St Helier") == "st-helier"
    assert slugify("Stocksbridge & Upper Don") == "stocksbridge-upper-don"
    assert slugify("St. John's") == "st-johns"
    assert ballot_id("sutton", "Carshalton South and Clockhouse", "2018-05-03") == \
        "local.sutton.carshalton-south-and-clockhouse.2018-05-03"


def test_authority_slug_can_be_given(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "dc.csv"
    assert run("--db", counted_demo, "export", "--format", "dc-csv", "--out", out,
               "--authority-slug", "Sutton LBC").code == 0
    assert "local.sutton-lbc.belmont.2018-05-03" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- eml
def test_eml_510_and_520_follow_the_published_structure(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "sutton.xml"
    r = run("--db", counted_demo, "export", "--format", "eml", "--out", out)
    assert r.code == 0, r.err
    p510, p520 = eml_paths(out)
    assert (p510.name, p520.name) == ("sutton-510.xml", "sutton-520.xml")
    expected = results(counted_demo)

    count = ET.parse(p510).getroot()
    assert count.tag == f"{EML}EML" and count.get("Id") == "510" and count.get("SchemaVersion")
    assert count.find(f"{EML}TransactionId") is not None
    assert count.find(f"{EML}ManagingAuthority/{EML}AuthorityIdentifier").text == "London Borough of Sutton"
    election = count.find(f"{EML}Count/{EML}Election")
    assert election.find(f"{EML}ElectionIdentifier").get("Id") == "local.sutton.2018-05-03"
    contests = election.findall(f"{EML}Contests/{EML}Contest")
    assert len(contests) == 5
    for contest in contests:
        name = contest.find(f"{EML}ContestIdentifier/{EML}ContestName").text
        res = expected[name]
        total = contest.find(f"{EML}TotalVotes")
        votes = {sel.find(f"{EML}Candidate/{EML}CandidateFullName/{XNL}PersonName/{XNL}LastName").text:
                 int(sel.find(f"{EML}ValidVotes").text) for sel in total.findall(f"{EML}Selection")}
        assert votes == {c["surname"]: c["votes"] for c in res["candidates"]}
        assert int(total.find(f"{EML}Cast").text) == res["ballot_papers_counted"]
        assert int(total.find(f"{EML}TotalCounted").text) == res["valid_papers"]
        rejected = {rv.get("ReasonCode"): int(rv.text) for rv in total.findall(f"{EML}RejectedVotes")}
        assert sum(rejected.values()) == res["rejected"]["total"]
        # the children of TotalVotes come in the schema's order
        tags = [child.tag.removeprefix(EML) for child in total]
        assert tags == ["Selection"] * len(votes) + ["Cast", "TotalCounted"] + ["RejectedVotes"] * 4

    result = ET.parse(p520).getroot()
    assert result.get("Id") == "520"
    contests = result.findall(f"{EML}Result/{EML}Election/{EML}Contest")
    assert len(contests) == 5
    for contest in contests:
        name = contest.find(f"{EML}ContestIdentifier/{EML}ContestName").text
        sels = contest.findall(f"{EML}Selection")
        elected = [s for s in sels if s.find(f"{EML}Elected").text == "yes"]
        assert len(elected) == expected[name]["seats"]
        ranks = [int(s.find(f"{EML}Ranking").text) for s in sels]
        assert ranks == sorted(ranks)
    nonsuch = next(c for c in contests if c.find(f"{EML}ContestIdentifier").get("Id")
                   == "local.sutton.nonsuch.2018-05-03")
    third = nonsuch.findall(f"{EML}Selection")[2]
    assert third.find(f"{EML}Candidate/{EML}CandidateIdentifier/{EML}CandidateName").text == "James McDermott-Hill"
    assert third.find(f"{EML}Elected").text == "yes"


# --------------------------------------------------------------------- nist
def test_nist_report(run: Run, counted_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "nist.json"
    assert run("--db", counted_demo, "export", "--format", "nist", "--out", out).code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    for key in ("Format", "GeneratedDate", "Issuer", "IssuerAbbreviation", "SequenceEnd", "SequenceStart",
                "Status", "VendorApplicationId"):
        assert key in report
    assert report["@type"] == "ElectionResults.ElectionReport"
    assert report["Status"] == "certified"
    election = report["Election"][0]
    for key in ("ElectionScopeId", "EndDate", "Name", "StartDate", "Type"):
        assert key in election
    ids = {g["@id"] for g in report["GpUnit"]} | {p["@id"] for p in report["Party"]} | \
        {c["@id"] for c in election["Candidate"]}
    assert election["ElectionScopeId"] in ids
    assert len(election["Contest"]) == 5
    winners = {c["@id"] for c in election["Candidate"] if c.get("PostElectionStatus") == "winner"}
    assert len(winners) == 15
    for contest in election["Contest"]:
        assert contest["ElectoralDistrictId"] in ids and contest["VotesAllowed"] == 3
        for sel in contest["BallotSelection"]:
            assert all(cid in ids for cid in sel["CandidateIds"])
            assert sel["VoteCounts"][0]["GpUnitId"] == contest["ElectoralDistrictId"]
    for cand in election["Candidate"]:
        assert cand["PartyId"] in ids

    out2 = tmp_path / "nist-provisional.json"
    assert run("--db", counted_demo, "export", "--format", "nist", "--out", out2, "--provisional").code == 0
    prov = json.loads(out2.read_text(encoding="utf-8"))
    assert prov["Status"] == "unofficial-complete"  # every ward has a result, not all declared
    statuses = {c.get("PostElectionStatus") for c in prov["Election"][0]["Candidate"]}
    assert {"winner", "projected-winner"} <= statuses


# ----------------------------------------------------------------- refusals
def test_nothing_declared_is_refused_and_nothing_is_written(run: Run, demo_db: Path, tmp_path: Path) -> None:
    before = db_fingerprint(demo_db)
    for fmt in ("csv", "dc-csv", "eml", "nist"):
        out = tmp_path / f"x.{fmt}"
        r = run("--db", demo_db, "export", "--format", fmt, "--out", out)
        assert r.code == 2 and "no ward has been declared" in r.err
        assert not list(tmp_path.glob("x.*"))
    r = run("--db", demo_db, "export", "--format", "csv", "--out", tmp_path / "nope" / "x.csv")
    assert r.code == 2 and "does not exist" in r.err
    r = run("--db", demo_db, "export", "--format", "csv", "--out", tmp_path)
    assert r.code == 2 and "folder" in r.err
    assert db_fingerprint(demo_db) == before


def test_export_replaces_a_file_whole_and_leaves_no_temporary_files(run: Run, counted_demo: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    out.write_text("old contents\n" * 10_000)
    assert run("--db", counted_demo, "export", "--format", "csv", "--out", out).code == 0
    assert "old contents" not in out.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".db" and "demo" not in p.name) == \
        ["home", "results.csv"]
    assert out.stat().st_mode & 0o044  # readable by others, like any shared file
