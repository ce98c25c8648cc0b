"""The command line refuses what the core refuses about the people at the desk, and keys
the differing fields a third time (`rekey`) (issue 16, finding 4, items 13-14)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import CliResult, db_fingerprint

Run = Callable[..., CliResult]


def _ids(run: Run, db: Path) -> list[int]:
    data: Any = run("--db", db, "result", "old town", "--json").json()
    return [c["id"] for c in sorted(data["candidates"], key=lambda c: c["id"])]


def _enter(run: Run, db: Path, slot: str, votes: dict[int, int], *extra: str) -> CliResult:
    return run("--db", db, "enter", "old town", "--keying", slot,
               "--votes", *[f"{k}={v}" for k, v in votes.items()], "--papers", "1000",
               "--rejected", "too_many_votes=2", *extra)


def _refused(run: Run, db: Path, *args: object, text: str) -> CliResult:
    before = db_fingerprint(db)
    r = run("--db", db, *args)
    assert r.code == 2, (r.out, r.err)
    assert text in r.err, r.err
    assert db_fingerprint(db) == before
    return r


def test_the_second_keying_is_by_someone_else_and_named(run: Run, sample_db: Path) -> None:
    ids = _ids(run, sample_db)
    votes = {cid: 300 + i for i, cid in enumerate(ids)}
    assert _enter(run, sample_db, "first", votes, "--operator", "Ann Smith").code == 0
    before = db_fingerprint(sample_db)
    for same in ("ann smith", " ANN  SMITH "):
        r = _enter(run, sample_db, "second", votes, "--operator", same)
        assert r.code == 2 and "was by Ann Smith" in r.err
    r = _enter(run, sample_db, "second", votes)
    assert r.code == 2 and "needs the name of the operator" in r.err
    assert db_fingerprint(sample_db) == before
    assert _enter(run, sample_db, "second", votes, "--operator", "Bob Jones").code == 0


def test_rekey_keys_only_the_differing_fields_blind_then_the_sheet_is_accepted(
        run: Run, sample_db: Path) -> None:
    ids = _ids(run, sample_db)
    first = {cid: 300 + i for i, cid in enumerate(ids)}
    second = first | {ids[1]: 399}
    assert _enter(run, sample_db, "first", first, "--operator", "Ann").code == 0
    assert _enter(run, sample_db, "second", second, "--operator", "Bob").code == 0
    listed = run("--db", sample_db, "rekey", "old town", "--list")
    assert listed.code == 0
    assert listed.out.startswith(f"votes:{ids[1]}\tvotes for ")
    assert "399" not in listed.out and "301" not in listed.out  # blind to both keyings
    _refused(run, sample_db, "rekey", "old town", "--votes", f"{ids[1]}=301", "--operator", "bob",
             text="was by Bob")
    _refused(run, sample_db, "rekey", "old town", "--votes", f"{ids[1]}=301", f"{ids[0]}=300",
             "--operator", "Cat", text="is not a field where the two keyings differ")
    _refused(run, sample_db, "rekey", "old town", "--operator", "Cat", text="no figure for: votes for")
    r = run("--db", sample_db, "rekey", "old town", "--votes", f"{ids[1]}=301", "--operator", "Cat")
    assert r.code == 0 and "sheet accepted" in r.out, r.err
    data: Any = run("--db", sample_db, "result", "old town", "--json").json()
    assert {c["id"]: c["votes"] for c in data["candidates"]} == first
    assert run("--db", sample_db, "rekey", "old town", "--list").out.startswith("no fields to key again")


def test_the_supervisor_and_the_acknowledgement_are_named(run: Run, sample_db: Path) -> None:
    ids = _ids(run, sample_db)
    first = {cid: 300 + i for i, cid in enumerate(ids)}
    assert _enter(run, sample_db, "first", first, "--operator", "Ann").code == 0
    assert _enter(run, sample_db, "second", first | {ids[0]: 1}, "--operator", "Bob").code == 0
    _refused(run, sample_db, "accept", "old town", "--keying", "first", text="needs the name of the supervisor")
    _refused(run, sample_db, "accept", "old town", "--keying", "first", "--by", "ANN",
             text="Ann keyed a count sheet of this ward")
    assert run("--db", sample_db, "accept", "old town", "--keying", "first", "--by", "Carol").code == 0
    data: Any = run("--db", sample_db, "result", "old town", "--json").json()
    code = next(w["code"] for w in data["warnings"] if not w["acknowledged"])
    _refused(run, sample_db, "acknowledge", "old town", code, "--by", "Carol",
             text="needs a short explanation")
    _refused(run, sample_db, "acknowledge", "old town", code, "--explanation", "checked",
             text="needs the name of the supervisor")
    _refused(run, sample_db, "acknowledge", "old town", code, "--by", "bob", "--explanation", "ok",
             text="Bob keyed a count sheet")
    r = run("--db", sample_db, "acknowledge", "old town", code, "--by", "Carol",
            "--explanation", "Papers counted checked against the ballot paper account")
    assert r.code == 0, r.err
    audit = json.dumps([a for a in _audit(sample_db) if a["action"] == "acknowledge warning"])
    assert "Papers counted checked against the ballot paper account" in audit and "Carol" in audit


def _audit(db: Path) -> list[dict[str, Any]]:
    from countdesk.app import Desk

    with Desk.open(db) as desk:
        return desk.audit_records()
