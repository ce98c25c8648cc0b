"""The command line of the count's records: ``box``, ``recount --bundles``, ``timings``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from countdesk.app import Desk
from helpers import CliResult

Run = Callable[..., CliResult]


def test_box_records_and_replaces_a_box_with_its_account(run: Run, sample_db: Path) -> None:
    r = run("--db", sample_db, "box", "old town", "--box", "Station 1", "--issued", "1,200",
            "--counted", "1198", "--unused", "300", "--spoilt", "2", "--tendered", "1", "--by", "Clerk")
    assert r.code == 0, r.err
    assert "recorded ballot box Station 1 for Old Town" in r.out and "variance -2" in r.out
    assert "not explained" in r.out
    r = run("--db", sample_db, "box", "old town", "--box", "Postal 1", "--postal", "--counted", "310")
    assert r.code == 0, r.err and "verified total 1,508" in r.out
    r = run("--db", sample_db, "box", "old town", "--box", "STATION 1", "--issued", "1200",
            "--counted", "1200", "--spoilt", "3")
    assert r.code == 0, r.err
    with Desk.open(sample_db, read_only=True) as desk:
        v = desk.verification(desk.ward("Old Town").id)
        assert [(b.label, b.kind, b.issued, b.counted, b.unused, b.spoilt, b.tendered)
                for b in v.boxes] == [("STATION 1", "box", 1200, 1200, None, 3, None),
                                      ("Postal 1", "postal", None, 310, None, None, None)]
        assert v.ballot_papers_verified == 1510 and desk.verify_audit() == []


def test_an_unexplained_box_refuses_keying_with_f017(run: Run, sample_db: Path) -> None:
    assert run("--db", sample_db, "box", "old town", "--box", "Box 4", "--issued", "50",
               "--counted", "49").code == 0
    r = run("--db", sample_db, "add-sheet", "old town", "Table 2")
    assert r.code == 0  # adding a sheet is not keying
    with Desk.open(sample_db) as desk:
        cands = desk.candidates("Old Town")
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes",
            *[f"{c.id}=10" for c in cands], "--sheet", "Table 2")
    assert r.code == 2 and r.err.count("\n") <= 1
    assert "F017" in r.err and "Box 4" in r.err and "explain the variance" in r.err
    r = run("--db", sample_db, "explain", "old town", "--explanation",
            "one paper of box 4 found in box 5; agents told", "--by", "RO")
    assert r.code == 0, r.err and "recorded the explanation" in r.out
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes",
            *[f"{c.id}=10" for c in cands], "--sheet", "Table 2", "--papers", "100")
    assert "F017" not in r.err
    with Desk.open(sample_db, read_only=True) as desk:
        v = desk.verification(desk.ward("Old Town").id)
        assert v.explanation == "one paper of box 4 found in box 5; agents told"
        assert v.explained_by == "RO" and not v.needs_explanation


def test_recount_bundles_are_recorded(run: Run, demo_db: Path) -> None:
    r = run("--db", demo_db, "recount", "nonsuch", "--requested-by", "Agent for Bourne", "--refused",
            "--reason", "the margin is wide", "--bundles", "Box 3 bundle 2", "Postal 7", "--by", "RO")
    assert r.code == 0, r.err
    with Desk.open(demo_db, read_only=True) as desk:
        (q,) = desk.recount_requests("Nonsuch")
        assert (q.kind, q.bundles, q.granted, q.decided_by) == (
            "bundles", ("Box 3 bundle 2", "Postal 7"), False, "RO")


def test_timings_json_and_table(run: Run, demo_db: Path) -> None:
    assert run("--db", demo_db, "box", "belmont", "--box", "Box 1", "--issued", "10",
               "--counted", "10").code == 0
    assert run("--db", demo_db, "provisional", "belmont").code == 0
    r = run("--db", demo_db, "timings", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [set(x) for x in data] == [{"ward", "first_box_at", "first_keying_at", "provisional_at",
                                       "declared_at"}] * len(data)
    belmont = next(x for x in data if x["ward"] == "Belmont")
    assert belmont["first_box_at"] and belmont["provisional_at"]
    assert belmont["first_keying_at"] is None and belmont["declared_at"] is None
    assert all(x["first_box_at"] is None for x in data if x["ward"] != "Belmont")
    r = run("--db", demo_db, "timings")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split() == ["ward", "first", "box", "verified", "first", "keying", "provisional",
                                "shown", "declared"]
    assert any(line.startswith("Belmont") and belmont["first_box_at"] in line for line in lines)
