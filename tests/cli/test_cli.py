"""The command line, end to end, on the demo election and on bad input."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_steps import declare, provisional

from countdesk.app import Desk
from helpers import DEMO, ROOT, SAMPLE, CliResult, db_fingerprint, election_file, small_election

Run = Callable[..., CliResult]


def ids_by_surname(run: Run, db: Path, ward: str) -> dict[str, int]:
    data = run("--db", db, "result", ward, "--json").json()
    assert isinstance(data, dict)
    return {c["surname"]: c["id"] for c in data["candidates"]}


def test_demo_nonsuch_needs_a_lot_and_the_lot_makes_it_ready(run: Run, demo_db: Path) -> None:
    r = run("--db", demo_db, "result", "Nonsuch", "--json")
    assert r.code == 0, r.err
    data: Any = r.json()
    assert data["status"] == "lot_required"
    tied = {c["surname"] for c in data["candidates"] if c["id"] in data["tie"]["candidate_ids"]}
    assert tied == {"McDermott-Hill", "Bourne"}
    assert data["tie"]["seats"] == 1 and data["tie"]["votes"] == 1405
    assert [c["elected"] for c in data["candidates"] if c["surname"] in tied] == [None, None]
    ids = {c["surname"]: c["id"] for c in data["candidates"]}

    # lots come after the provisional result was shown to candidates and agents (rule 46(2))
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", ids["McDermott-Hill"], "--method", "coin")
    assert r.code == 2 and "F005" in r.err
    provisional(run, demo_db, "nonsuch")
    # the lot is refused for a candidate outside the tie
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", ids["Raman"], "--method", "coin toss")
    assert r.code == 2 and "not in the tie" in r.err

    r = run("--db", demo_db, "lot", "NONSUCH", "--winner", ids["McDermott-Hill"], "--method",
            "coin toss", "--witness", "Agent for Bourne", "--witness", "Agent for McDermott-Hill")
    assert r.code == 0, r.err
    data = run("--db", demo_db, "result", "nonsuch", "--json").json()
    assert data["status"] == "ready"
    assert data["tie"] is None
    mh = next(c for c in data["candidates"] if c["surname"] == "McDermott-Hill")
    sb = next(c for c in data["candidates"] if c["surname"] == "Bourne")
    assert mh["declared_votes"] == mh["votes"] + 1 == 1406 and mh["lot_winner"] and mh["elected"]
    assert sb["declared_votes"] == sb["votes"] == 1405 and sb["elected"] is False
    assert len(data["elected"]) == 3
    assert data["lots"][0]["witnesses"] == ["Agent for Bourne", "Agent for McDermott-Hill"]
    # a second lot is refused: there is no tie any more
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", ids["Bourne"], "--method", "coin")
    assert r.code == 2 and "no equality of votes" in r.err
    assert run("--db", demo_db, "audit-verify").code == 0


def test_result_json_has_the_documented_keys(run: Run, demo_db: Path) -> None:
    data: Any = run("--db", demo_db, "result", "7", "--json").json()
    assert data["ward"] == "Nonsuch"
    for key in ("ward", "seats", "status", "candidates", "elected", "tie", "ballot_papers_counted",
                "rejected", "turnout_pct", "errors", "warnings"):
        assert key in data
    for key in ("id", "surname", "forenames", "description", "party", "votes", "declared_votes",
                "position", "elected", "lot_winner"):
        assert key in data["candidates"][0]
    assert data["turnout_pct"] == 44.88
    assert data["ballot_papers_counted"] == 3700
    assert data["rejected"]["total"] == 9


def test_demo_outcome_matches_sutton_2018(run: Run, demo_db: Path) -> None:
    wards: Any = run("--db", demo_db, "wards", "--json").json()
    assert len(wards) == 18
    seats: dict[str, int] = {}
    for w in wards:
        data: Any = run("--db", demo_db, "result", str(w["id"]), "--json").json()
        if data["status"] == "lot_required":
            assert w["name"] == "Nonsuch"
            provisional(run, demo_db, w["name"])
            winner = next(c["id"] for c in data["candidates"] if c["surname"] == "McDermott-Hill")
            assert run("--db", demo_db, "lot", w["name"], "--winner", winner, "--method", "coin").code == 0
            data = run("--db", demo_db, "result", str(w["id"]), "--json").json()
        assert data["status"] == "ready", (w["name"], data["errors"])
        for c in data["candidates"]:
            if c["elected"]:
                seats[c["party"]] = seats.get(c["party"], 0) + 1
        if w["name"] == "Beddington North":
            assert {c["party"] for c in data["candidates"] if c["elected"]} == {"Independent"}
    assert seats == {"Liberal Democrats": 33, "Conservative": 18, "Independent": 3}


def test_human_output_names_every_figure(run: Run, demo_db: Path) -> None:
    r = run("--db", demo_db, "result", "nonsuch")
    assert r.code == 0
    assert "EQUALITY OF VOTES" in r.out and "BOURNE, Samantha (Liberal Democrats)" in r.out
    line = next(x for x in r.out.splitlines() if "MCDERMOTT-HILL" in x)
    assert "Conservative" in line and "1,405" in line
    r = run("--db", demo_db, "wards")
    assert "Nonsuch" in r.out and "lot required" in r.out and "0 of 18 wards declared" in r.out


def test_double_entry_with_a_difference_and_its_resolution(run: Run, sample_db: Path) -> None:
    ids = ids_by_surname(run, sample_db, "Old Town")
    votes = dict(zip(sorted(ids), [700, 650, 600, 520, 480, 300, 150], strict=True))
    first = [f"{ids[s]}={v}" for s, v in votes.items()]
    first += ["--papers", "3175"]  # Old Town elects three: each sheet carries its papers counted
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes", *first,
            "--rejected", "too_many_votes=4", "unmarked_or_void=2", "--operator", "Operator One")
    assert r.code == 0, r.err
    assert run("--db", sample_db, "result", "old town", "--json").json()["status"] == "incomplete"  # type: ignore[index]
    # the same operator cannot do the second keying
    r = run("--db", sample_db, "enter", "old town", "--keying", "second", "--votes", *first,
            "--operator", "operator one")
    assert r.code == 2 and "different operator" in r.err
    # second keying transposes two candidates (the Marsden West mistake)
    surnames = sorted(ids)
    wrong = dict(votes, **{surnames[0]: votes[surnames[1]], surnames[1]: votes[surnames[0]]})
    second = [f"{ids[s]}={v}" for s, v in wrong.items()] + ["--papers", "3175"]
    r = run("--db", sample_db, "enter", "old town", "--keying", "second", "--votes", *second,
            "--rejected", "too_many_votes=4", "unmarked_or_void=2", "--operator", "Operator Two")
    assert r.code == 0 and "differ" in r.out
    data: Any = run("--db", sample_db, "result", "old town", "--json").json()
    assert data["status"] == "incomplete"
    assert data["errors"][0]["code"] == "E203"
    assert surnames[0].upper() in data["errors"][0]["message"]
    assert data["sheets"][0]["differences"] == sorted(
        [f"votes:{ids[surnames[0]]}", f"votes:{ids[surnames[1]]}"], key=lambda f: int(f[6:]))
    # re-keying the second keying correctly resolves it
    r = run("--db", sample_db, "enter", "old town", "--keying", "second", "--votes", *first,
            "--rejected", "too_many_votes=4", "unmarked_or_void=2", "--operator", "Operator Three")
    assert r.code == 0
    data = run("--db", sample_db, "result", "old town", "--json").json()
    assert data["status"] == "ready", data["errors"]
    by = {c["surname"]: c for c in data["candidates"]}
    assert by[surnames[0]]["votes"] == 700
    # accepted sheets cannot be keyed again
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes", *first)
    assert r.code == 2 and "already accepted" in r.err
    assert run("--db", sample_db, "audit-verify").code == 0


def test_supervisor_accepts_one_keying(run: Run, sample_db: Path) -> None:
    ids = ids_by_surname(run, sample_db, "Old Town")
    base = [f"{cid}={100 + i * 10}" for i, cid in enumerate(ids.values())]
    other = [*base[:-1], base[-1].split("=")[0] + "=999"]
    assert run("--db", sample_db, "enter", "Old Town", "--keying", "first", "--votes", *base,
               "--papers", "1000").code == 0
    r = run("--db", sample_db, "accept", "Old Town", "--keying", "first")
    assert r.code == 2 and "no differing keyings" in r.err
    assert run("--db", sample_db, "enter", "Old Town", "--keying", "second", "--votes", *other,
               "--papers", "1000").code == 2  # A008: the second keying names its operator
    assert run("--db", sample_db, "enter", "Old Town", "--keying", "second", "--votes", *other,
               "--papers", "1000", "--operator", "Keyer Two").code == 0
    r = run("--db", sample_db, "accept", "Old Town", "--keying", "first", "--by", "Supervisor")
    assert r.code == 0, r.err
    data: Any = run("--db", sample_db, "result", "Old Town", "--json").json()
    assert data["sheets"][0]["state"] == "accepted"
    assert data["sheets"][0]["source"] == "accepted first keying"
    assert all(c["votes"] != 999 for c in data["candidates"])


def test_three_tied_for_two_seats_through_the_cli(run: Run, sample_db: Path) -> None:
    data: Any = run("--db", sample_db, "result", "riverside", "--json").json()
    assert data["status"] == "lot_required" and len(data["tie"]["candidate_ids"]) == 3
    assert data["tie"]["seats"] == 2
    first = data["tie"]["candidate_ids"][1]
    provisional(run, sample_db, "riverside")
    assert run("--db", sample_db, "lot", "riverside", "--winner", first, "--method", "names in a hat").code == 0
    data = run("--db", sample_db, "result", "riverside", "--json").json()
    assert data["status"] == "lot_required" and len(data["tie"]["candidate_ids"]) == 2
    assert first not in data["tie"]["candidate_ids"]
    second = data["tie"]["candidate_ids"][0]
    assert run("--db", sample_db, "lot", "riverside", "--winner", second, "--method", "names in a hat").code == 0
    data = run("--db", sample_db, "result", "riverside", "--json").json()
    assert data["status"] == "ready" and set(data["elected"]) == {first, second}
    uncontested: Any = run("--db", sample_db, "result", "millbrook", "--json").json()
    assert uncontested["status"] == "uncontested" and len(uncontested["elected"]) == 2


def test_multiple_sheets_are_added_up(run: Run, sample_db: Path) -> None:
    assert run("--db", sample_db, "add-sheet", "old town", "Table 2").code == 0
    assert run("--db", sample_db, "add-sheet", "old town", "table 2").code == 2
    ids = list(ids_by_surname(run, sample_db, "Old Town").values())
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes", *[f"{i}=1" for i in ids])
    assert r.code == 2 and "--sheet" in r.err
    for sheet, n in (("Main count", 100), ("Table 2", 50)):
        for keying in ("first", "second"):
            r = run("--db", sample_db, "enter", "old town", "--sheet", sheet, "--keying", keying,
                    "--votes", *[f"{cid}={n + k}" for k, cid in enumerate(ids)],
                    "--rejected", "unmarked_or_void=1", "--papers", str(n * 3 + 40),
                    "--operator", f"Op {keying}")
            assert r.code == 0, r.err
    data: Any = run("--db", sample_db, "result", "old town", "--json").json()
    assert data["status"] == "ready", data["errors"]
    assert [c["votes"] for c in data["candidates"] if c["id"] == ids[0]] == [150]
    assert data["ballot_papers_counted"] == 530 and data["rejected"]["total"] == 2
    assert data["ballot_papers_source"] == "counted"
    # 530 counted against the verified total: W001 asks for an explanation
    assert "W001" in {w["code"] for w in data["warnings"]}
    assert run("--db", sample_db, "acknowledge", "old town", "w001", "--by", "RO", "--explanation", "checked").code == 0
    data = run("--db", sample_db, "result", "old town", "--json").json()
    assert next(w for w in data["warnings"] if w["code"] == "W001")["acknowledged"] is True


def test_recount_opens_a_new_round_and_keeps_the_old(run: Run, demo_db: Path) -> None:
    r = run("--db", demo_db, "recount", "nonsuch", "--requested-by", "Samantha Bourne",
            "--granted", "--reason", "margin of 0", "--by", "A. N. Officer")
    assert r.code == 0, r.err
    data: Any = run("--db", demo_db, "result", "nonsuch", "--json").json()
    assert data["round"] == 2 and data["status"] == "incomplete"
    assert data["errors"][0]["code"] == "E201"
    old: Any = run("--db", demo_db, "result", "nonsuch", "--round", "1", "--json").json()
    assert old["status"] == "lot_required"
    r = run("--db", demo_db, "recount", "nonsuch", "--requested-by", "Agent", "--refused",
            "--reason", "the margin is wide")
    assert r.code == 0
    assert run("--db", demo_db, "audit-verify").code == 0


def test_tampering_with_a_figure_or_the_log_is_detected(run: Run, demo_db: Path) -> None:
    assert run("--db", demo_db, "audit-verify").code == 0
    conn = sqlite3.connect(demo_db)
    conn.executescript("DROP TRIGGER keyings_no_update;"
                       "UPDATE keyings SET vals = replace(vals, ':1405', ':1505') "
                       "WHERE vals LIKE '%:1405%';")
    conn.close()
    r = run("--db", demo_db, "audit-verify")
    assert r.code != 0
    assert "Nonsuch" in r.err and "1505" in r.err and "1405" in r.err


@pytest.mark.parametrize("sql, words", [
    ("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone else' WHERE seq = 1",
     "audit record 1"),
    ("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 1", "audit record 1"),
    ("UPDATE wards SET seats = 2 WHERE name = 'Nonsuch'", "wards row 7 (Nonsuch): seats is 2"),
    ("UPDATE candidates SET surname = 'Smith' WHERE surname = 'Bourne'", "surname is 'Smith'"),
    ("INSERT INTO sheets (round_id, position, name) VALUES (1, 9, 'Phantom')", "not in the audit log"),
    ("DROP TRIGGER keyings_no_delete; DELETE FROM keyings WHERE id = 3", "keyings row 3 is missing"),
])
def test_each_kind_of_tampering_is_named(run: Run, demo_db: Path, sql: str, words: str) -> None:
    conn = sqlite3.connect(demo_db)
    conn.executescript(sql)
    conn.close()
    r = run("--db", demo_db, "audit-verify")
    assert r.code == 2
    assert words in r.err


# ------------------------------------------------------------ bad input
def _mutate(fn: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = small_election()
    fn(data)
    return data


def _ward(data: dict[str, Any]) -> dict[str, Any]:
    w: dict[str, Any] = data["wards"][0]
    return w


BAD_FILES: list[tuple[str, Any, str]] = [
    ("not json", b"{not json", "not valid JSON"),
    ("empty file", b"", "empty"),
    ("not utf-8", b"\xff\xfe\x00{", "not UTF-8"),
    ("a list", [], "JSON object"),
    ("wrong format", _mutate(lambda d: d.update(format="other/1")), "format"),
    ("no authority", _mutate(lambda d: d.pop("authority")), "authority"),
    ("bad date", _mutate(lambda d: d.update(poll_date="3 May 2018")), "poll_date"),
    ("impossible date", _mutate(lambda d: d.update(poll_date="2018-02-30")), "poll_date"),
    ("double_entry text", _mutate(lambda d: d.update(double_entry="yes")), "double_entry"),
    ("no wards", _mutate(lambda d: d.update(wards=[])), "wards"),
    ("unknown top key", _mutate(lambda d: d.update(ward=[])), "unknown field 'ward'"),
    ("seats zero", _mutate(lambda d: _ward(d).update(seats=0)), "seats"),
    ("seats text", _mutate(lambda d: _ward(d).update(seats="two")), "seats"),
    ("seats fraction", _mutate(lambda d: _ward(d).update(seats=1.5)), "whole number"),
    ("more seats than candidates", _mutate(lambda d: _ward(d).update(seats=5)), "but votes are given"),
    ("no candidates", _mutate(lambda d: _ward(d).update(candidates=[])), "candidates"),
    ("empty surname", _mutate(lambda d: _ward(d)["candidates"][0].update(surname="  ")), "surname"),
    ("control character", _mutate(lambda d: _ward(d)["candidates"][0].update(surname="Ad\x07ams")),
     "control"),
    ("500-character name", _mutate(lambda d: _ward(d)["candidates"][0].update(surname="A" * 500)),
     "limit"),
    ("negative votes", _mutate(lambda d: _ward(d)["candidates"][0].update(votes=-5)), "negative"),
    ("fractional votes", _mutate(lambda d: _ward(d)["candidates"][0].update(votes=10.5)), "whole"),
    ("votes as text", _mutate(lambda d: _ward(d)["candidates"][0].update(votes="900")), "not text"),
    ("votes true", _mutate(lambda d: _ward(d)["candidates"][0].update(votes=True)), "not a number"),
    ("huge votes", _mutate(lambda d: _ward(d)["candidates"][0].update(votes=10**12)), "too large"),
    ("some votes missing", _mutate(lambda d: _ward(d)["candidates"][1].pop("votes")), "give all or none"),
    ("duplicate candidate", _mutate(lambda d: _ward(d)["candidates"].append(
        dict(_ward(d)["candidates"][0], forenames="ANN"))), "listed twice"),
    ("duplicate ward", _mutate(lambda d: d["wards"].append(copy.deepcopy(_ward(d)) | {"name": "RIVERSIDE"})),
     "repeats"),
    ("typo in a key", _mutate(lambda d: _ward(d)["candidates"][0].update(vote=1)), "unknown field 'vote'"),
    ("unknown rejected head", _mutate(lambda d: _ward(d)["rejected"].update(spoilt=3)), "unknown field"),
    ("bad party id", _mutate(lambda d: _ward(d)["candidates"][0].update(party_id="Labour")),
     "not a party id"),
    ("ballot positions repeated", _mutate(lambda d: [c.update(ballot_position=min(i, 3)) for i, c in
                                                     enumerate(_ward(d)["candidates"], 1)]),
     "both have ballot position 3"),
    ("ballot positions with a gap", _mutate(lambda d: [c.update(ballot_position=2 * i) for i, c in
                                                       enumerate(_ward(d)["candidates"], 1)]),
     "positions run from 1 to 4"),
    ("terms that do not add up", _mutate(lambda d: _ward(d).update(
        terms=[{"years": 4, "seats": 2}, {"years": 2, "seats": 1}])), "add up to 3"),
    ("block votes (Highworth)", _mutate(lambda d: _ward(d)["candidates"][0].update(votes=5000)), "E103"),
    ("votes above seats x papers", _mutate(lambda d: [c.update(votes=1900) for c in _ward(d)["candidates"]]),
     "E104"),
    ("papers left out", _mutate(lambda d: [c.update(votes=100) for c in _ward(d)["candidates"]]), "E107"),
    ("verified above electorate", _mutate(lambda d: _ward(d).update(electorate=100)), "exceed the electorate"),
    ("votes but no papers", _mutate(lambda d: [_ward(d).pop(k) for k in ("ballot_papers_verified",
                                                                          "ballot_papers_counted")]),
     "ballot_papers"),
    ("a 2-seat ward without papers counted", _mutate(lambda d: _ward(d).pop("ballot_papers_counted")),
     "needs the ballot papers counted"),
    ("rejected in part in a one-seat ward", _mutate(lambda d: _ward(d).update(seats=1)), "E111"),
    ("5,000 rejected in part with 1,000 papers",
     _mutate(lambda d: (_ward(d).update(ballot_papers_verified=1000, ballot_papers_counted=1000),
                        _ward(d)["rejected"].update(rejected_in_part=5000),
                        [c.update(votes=v) for c, v in zip(_ward(d)["candidates"], (600, 500, 400, 300),
                                                           strict=True)])),
     "E112"),
    ("objected more than rejected", _mutate(lambda d: _ward(d)["rejected"].update(objected=7)),
     "7 rejections objected to, but only 6"),
    ("lot winner without a tie", _mutate(lambda d: _ward(d)["candidates"][0].update(lot_winner=True)),
     "no equality"),
    ("NaN", b'{"format": "countdesk-election/1", "x": NaN}', "NaN"),
]


@pytest.mark.parametrize("name, content, words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
@pytest.mark.parametrize("existing", [False, True], ids=["new store", "existing store"])
def test_malformed_files_are_refused_and_change_nothing(
        run: Run, tmp_path: Path, name: str, content: Any, words: str, existing: bool) -> None:
    db = tmp_path / "store.db"
    if existing:
        assert run("--db", db, "import", SAMPLE).code == 0
    bad = tmp_path / "bad.json"
    bad.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    before = db_fingerprint(db)
    listing = sorted(p.name for p in tmp_path.iterdir())
    args = ["--db", db, "import", bad] + (["--replace"] if existing else [])
    r = run(*args)
    assert r.code == 2, (r.out, r.err)
    assert words.lower() in r.err.lower(), r.err
    assert r.err.count("\n") == 1 and r.err.startswith("countdesk: ")
    assert db_fingerprint(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_import_rules_for_existing_and_declared_stores(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run("--db", db, "import", SAMPLE).code == 0
    before = db_fingerprint(db)
    r = run("--db", db, "import", DEMO)
    assert r.code == 2 and "--replace" in r.err and db_fingerprint(db) == before
    r = run("--db", db, "import", DEMO, "--replace")
    assert r.code == 0 and "kept in" in r.out
    kept = [p for p in tmp_path.iterdir() if "replaced" in p.name]
    assert len(kept) == 1 and db_fingerprint(kept[0]) == before
    assert len(run("--db", db, "wards", "--json").json()) == 18  # type: ignore[arg-type]
    # once a ward is declared, --replace is refused
    with Desk.open(db) as desk:
        declare(desk, ["Belmont"])
    before = db_fingerprint(db)
    r = run("--db", db, "import", SAMPLE, "--replace")
    assert r.code == 2 and "declared" in r.err and db_fingerprint(db) == before


@pytest.mark.parametrize("args, words", [
    (["result", "Nowhere"], "no ward called 'Nowhere'"),
    (["result", "999"], "no ward called"),
    (["enter", "nonsuch", "--keying", "first", "--votes", "65=1"], "already accepted"),
    (["enter", "old", "--keying", "first", "--votes", "x=1"], "no ward called"),
    (["lot", "belmont", "--winner", "1", "--method", "coin"], "F005"),
    (["acknowledge", "belmont", "W009"], "no warning to acknowledge"),
    (["recount", "nonsuch", "--requested-by", " ", "--granted"], "empty"),
])
def test_refused_actions_exit_2_with_a_reason(run: Run, demo_db: Path, args: list[str], words: str) -> None:
    before = db_fingerprint(demo_db)
    r = run("--db", demo_db, *args)
    assert r.code == 2, r.err
    assert words in r.err
    assert db_fingerprint(demo_db) == before


@pytest.mark.parametrize("votes, words", [
    (["{a}=-3"], "negative"),
    (["{a}=1.5"], "whole number"),
    (["{a}=abc"], "not a number"),
    (["{a}=99999999999"], "too large"),
    (["{a}"], "CANDIDATE_ID=VOTES"),
    (["smith=3"], "not a candidate id"),
    (["{a}=1", "{a}=2"], "given twice"),
    (["{a}=1"], "no votes given for"),
    (["{a}=1", "9999=1"], "no candidate with id 9999"),
])
def test_bad_keyed_values_are_refused(run: Run, sample_db: Path, votes: list[str], words: str) -> None:
    ids = ids_by_surname(run, sample_db, "Old Town")
    a = next(iter(ids.values()))
    before = db_fingerprint(sample_db)
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes",
            *[v.format(a=a) for v in votes])
    assert r.code == 2 and words in r.err, r.err
    assert db_fingerprint(sample_db) == before


def test_keyed_values_accept_spaces_and_thousands_separators(run: Run, sample_db: Path) -> None:
    ids = list(ids_by_surname(run, sample_db, "Old Town").values())
    votes = [f"{ids[0]}= 1,234 ", *[f"{cid}={100 + k}" for k, cid in enumerate(ids[1:])]]
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes", *votes,
            "--papers", " 1,500 ")
    assert r.code == 0, r.err
    from countdesk.store import Store
    with Store.open(sample_db) as store:
        ward = store.ward("old town")
        (_, sheet), = store.sheet_inputs(store.current_round(ward.id)[0])
        assert sheet.first is not None and sheet.first.values[f"votes:{ids[0]}"] == 1234


@pytest.mark.parametrize("setup, words", [
    ("missing", "no countdesk store"),
    ("folder", "is a folder"),
    ("text", "not a countdesk store"),
    ("empty", "empty"),
    ("other sqlite", "not a countdesk store"),
    ("truncated", "damaged"),
])
def test_bad_store_files_get_a_clear_message_and_are_not_modified(
        run: Run, tmp_path: Path, demo_db: Path, setup: str, words: str) -> None:
    db = tmp_path / "x.db"
    if setup == "folder":
        db.mkdir()
    elif setup == "text":
        db.write_text("hello")
    elif setup == "empty":
        db.write_bytes(b"")
    elif setup == "other sqlite":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif setup == "truncated":
        data = demo_db.read_bytes()
        db.write_bytes(data[: len(data) // 3])
    before = db.read_bytes() if db.is_file() else None
    r = run("--db", db, "wards")
    assert r.code == 2, (r.out, r.err)
    assert words in r.err
    assert (db.read_bytes() if db.is_file() else None) == before
    assert not db.with_name("x.db-wal").exists() or setup == "truncated"


def test_newer_store_version_is_refused(run: Run, demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    r = run("--db", demo_db, "wards")
    assert r.code == 2 and "newer countdesk" in r.err


def test_console_script_exit_codes(tmp_path: Path) -> None:
    env = dict(os.environ, COUNTDESK_HOME=str(tmp_path))
    cmd = [sys.executable, "-m", "countdesk.cli"]
    ok = subprocess.run([*cmd, "--db", tmp_path / "a.db", "import", DEMO], capture_output=True,
                        text=True, env=env, cwd=ROOT, check=False)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*cmd, "--db", tmp_path / "a.db", "result"], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=False)
    assert bad.returncode == 2
    demo = subprocess.run([*cmd, "--demo", "result", "nonsuch", "--json"], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=False)
    assert demo.returncode == 0 and json.loads(demo.stdout)["status"] == "lot_required"
    assert (tmp_path / "demo" / "countdesk-demo.db").exists()
    assert not (tmp_path / "countdesk.db").exists()  # --demo never touches the user's store


def test_default_store_location_follows_countdesk_home(run: Run, _home: Path) -> None:
    assert run("import", SAMPLE).code == 0
    assert (_home / "countdesk.db").exists()
    assert run("result", "hillcrest").code == 0


def test_election_file_example_from_the_readme_imports(run: Run, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```json\n") + len("```json\n")
    example = json.loads(readme[start: readme.index("```", start)])
    path = election_file(tmp_path, example)
    r = run("--db", tmp_path / "r.db", "import", path)
    assert r.code == 0, r.err
