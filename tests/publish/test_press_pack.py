"""The press pack beside the site: the state of the parties and the timings of the count,
with the expected times of declaration the returning officer records."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from publish_steps import declared_demo

from countdesk.app import Desk
from countdesk.app.gather import summary
from helpers import ROOT, CliResult, db_fingerprint

Run = Callable[..., CliResult]


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_state_of_the_parties_is_the_council_summary(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db)
    assert run("--db", demo_db, "publish", "--out", tmp_path / "site").code == 0
    with Desk.open(demo_db, read_only=True) as desk:
        s = summary(desk.store)
    state = json.loads((tmp_path / "site" / "press" / "state-of-parties.json").read_text(encoding="utf-8"))
    assert state["control"] == "Liberal Democrat hold" == s.control
    assert (state["majority"], state["seats_total"], state["complete"]) == (28, 54, True)
    assert [(p["party"], p["seats"], p["previous_seats"], p["change"]) for p in state["parties"]] == [
        (p.party, p.seats, p.previous, p.change) for p in s.parties]
    table = {r["party"]: r for r in rows(tmp_path / "site" / "press" / "state-of-parties.csv")}
    assert (table["Liberal Democrats"]["seats"], table["Liberal Democrats"]["change"]) == ("33", "-12")
    assert (table["Conservative"]["seats"], table["Conservative"]["change"]) == ("18", "9")
    assert table["Independent"]["previous_seats"] == "0"


def test_timings_carry_the_expected_times(demo_db: Path, tmp_path: Path, run: Run) -> None:
    for ward, at in (("Cheam", "01:30"), ("Stonecot", "3:05")):
        r = run("--db", demo_db, "expected", ward, at, "--by", "A. N. Officer")
        assert r.code == 0, r.err
    declared_demo(demo_db, ["Cheam"])
    assert run("--db", demo_db, "publish", "--out", tmp_path / "site").code == 0
    timings = {r["ward"]: r for r in rows(tmp_path / "site" / "press" / "timings.csv")}
    assert timings["Cheam"]["expected_declaration"] == "01:30"
    assert timings["Cheam"]["declared_at"] and timings["Cheam"]["provisional_at"]
    assert timings["Stonecot"]["expected_declaration"] == "03:05"
    assert timings["Stonecot"]["declared_at"] == ""
    data = json.loads((tmp_path / "site" / "press" / "timings.json").read_text(encoding="utf-8"))
    assert len(data["wards"]) == 18
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.timings()[[t.ward for t in desk.timings()].index("Cheam")].declared_at == \
            timings["Cheam"]["declared_at"]


def test_a_bad_time_is_refused_and_changes_nothing(demo_db: Path, run: Run) -> None:
    before = db_fingerprint(demo_db)
    for bad in ("25:00", "half two", "2.30", "12:60"):
        r = run("--db", demo_db, "expected", "Cheam", bad)
        assert r.code == 2 and "is not a time of day: write it as HH:MM" in r.err
    assert db_fingerprint(demo_db) == before


def test_the_expected_time_is_audited_and_ends_at_the_declaration(demo_db: Path, run: Run) -> None:
    assert run("--db", demo_db, "expected", "Cheam", "01:30").code == 0
    assert run("--db", demo_db, "expected", "Cheam", "--clear").code == 0
    assert run("--db", demo_db, "expected", "Cheam", "02:00").code == 0
    r = run("--db", demo_db, "audit-verify")
    assert r.code == 0, r.out + r.err
    with Desk.open(demo_db, read_only=True) as desk:
        assert desk.expected_declarations() == {desk.ward("Cheam").id: "02:00"}
    declared_demo(demo_db, ["Cheam"])
    r = run("--db", demo_db, "expected", "Cheam", "03:00")
    assert r.code == 2 and "already declared" in r.err


def test_an_older_store_takes_expected_times_after_migrating(tmp_path: Path, run: Run) -> None:
    old = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "store-v5.db", old)
    with Desk.open(old) as desk:
        ward = desk.wards()[0]
        desk.set_expected_declaration(ward.id, "04:15")
        assert desk.expected_declarations() == {ward.id: "04:15"}
