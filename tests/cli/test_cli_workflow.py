"""The ward's workflow from the command line: the provisional result before lots and the
declaration, recounts, countermanded polls, unfilled seats, and errors reported after the
declaration (which change nothing). Every refusal exits 2 with the workflow's code and
leaves the store exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_steps import provisional

from helpers import CliResult, db_fingerprint, election_file, small_election

Run = Callable[..., CliResult]
PASS = "correct horse battery"


def refused(run: Run, db: Path, code: str, *args: Any) -> CliResult:
    """``args`` is refused with ``code`` and changes nothing."""
    before = db_fingerprint(db)
    r = run("--db", db, *args)
    assert r.code == 2, (args, r.out, r.err)
    assert r.err.startswith("countdesk: ") and code in r.err, r.err
    assert r.err.count("\n") == 1
    assert db_fingerprint(db) == before
    return r


def result(run: Run, db: Path, ward: str, *extra: str) -> Any:
    r = run("--db", db, "result", ward, "--json", *extra)
    assert r.code == 0, r.err
    return r.json()


def acknowledge_all(run: Run, db: Path, ward: str) -> None:
    for w in result(run, db, ward)["warnings"]:
        if not w["acknowledged"]:
            assert run("--db", db, "acknowledge", ward, w["code"], "--by", "RO", "--explanation", "checked").code == 0


# ------------------------------------------------------ the provisional result
def test_declare_needs_the_provisional_result_shown_first(run: Run, demo_db: Path, tmp_path: Path) -> None:
    acknowledge_all(run, demo_db, "belmont")
    out = tmp_path / "belmont.pdf"
    r = refused(run, demo_db, "F005", "declare", "belmont", "--out", out)
    assert "provisional result" in r.err and "rule 46(2)" in r.err
    assert not out.exists()
    assert result(run, demo_db, "belmont")["provisional_shown_at"] is None

    sheet = tmp_path / "provisional.pdf"
    r = provisional(run, demo_db, "belmont", "--by", "Deputy RO", "--out", sheet)
    assert "shown to candidates and agents" in r.out and sheet.exists()
    data = result(run, demo_db, "belmont")
    assert data["provisional_shown_at"] and data["provisional_shown_at"].endswith("Z")
    wards: Any = run("--db", demo_db, "wards", "--json").json()
    belmont = next(w for w in wards if w["name"] == "Belmont")
    assert belmont["provisional_shown_at"] == data["provisional_shown_at"]
    assert "provisional result shown" in run("--db", demo_db, "result", "belmont").out
    refused(run, demo_db, "F011", "provisional", "belmont")  # once per set of figures

    r = run("--db", demo_db, "declare", "belmont", "--out", out)
    assert r.code == 0, r.err
    assert out.exists() and "declared Belmont" in r.out
    assert result(run, demo_db, "belmont")["status"] == "declared"
    refused(run, demo_db, "F001", "provisional", "belmont")


def test_a_lot_needs_the_provisional_result_shown_first(run: Run, demo_db: Path) -> None:
    refused(run, demo_db, "F005", "lot", "nonsuch", "--winner", "72", "--method", "coin toss")
    refused(run, demo_db, "F005", "declare", "nonsuch", "--out", "x.pdf")
    provisional(run, demo_db, "nonsuch")
    refused(run, demo_db, "F006", "declare", "nonsuch", "--out", "x.pdf")  # the lot comes first
    r = run("--db", demo_db, "lot", "nonsuch", "--winner", "72", "--method", "coin toss")
    assert r.code == 0, r.err
    # the lot does not change the counted figures: the provisional result shown still stands
    assert result(run, demo_db, "nonsuch")["provisional_shown_at"] is not None


def test_a_provisional_result_needs_a_complete_count(run: Run, sample_db: Path) -> None:
    refused(run, sample_db, "F004", "provisional", "old town")
    refused(run, sample_db, "F003", "provisional", "millbrook")  # uncontested: no poll


def test_a_granted_recount_voids_the_provisional_result(run: Run, demo_db: Path) -> None:
    first = result(run, demo_db, "belmont")
    provisional(run, demo_db, "belmont")
    r = run("--db", demo_db, "recount", "belmont", "--requested-by", "Agent for Archer", "--granted",
            "--reason", "close last seat")
    assert r.code == 0, r.err
    data = result(run, demo_db, "belmont")
    assert data["round"] == 2 and data["provisional_shown_at"] is None
    refused(run, demo_db, "F004", "declare", "belmont", "--out", "x.pdf")  # round 2 not yet keyed
    votes = [f"{c['id']}={c['votes']}" for c in first["candidates"]]
    rejected = [f"{k}={v}" for k, v in first["rejected"].items() if k != "total"]
    for slot, who in (("first", "Ann"), ("second", "Bob")):
        r = run("--db", demo_db, "enter", "belmont", "--keying", slot, "--votes", *votes,
                "--rejected", *rejected, "--papers", str(first["ballot_papers_counted"]),
                "--operator", who)
        assert r.code == 0, r.err
    acknowledge_all(run, demo_db, "belmont")
    assert result(run, demo_db, "belmont")["status"] == "ready"
    # the same figures as round 1, but round 1's provisional result does not count for round 2
    refused(run, demo_db, "F005", "declare", "belmont", "--out", "x.pdf")
    provisional(run, demo_db, "belmont")
    r = run("--db", demo_db, "declare", "belmont", "--out", demo_db.with_name("belmont.pdf"))
    assert r.code == 0, r.err
    assert result(run, demo_db, "belmont", "--round", "1")["provisional_shown_at"] is None


# ------------------------------------------------------- a countermanded poll
def test_a_countermanded_poll_is_neither_counted_nor_declared(run: Run, sample_db: Path,
                                                              tmp_path: Path) -> None:
    r = run("--db", sample_db, "countermand", "old town", "--reason", "death of a candidate",
            "--by", "A. N. Officer")
    assert r.code == 0, r.err
    assert "countermanded" in r.out
    data = result(run, sample_db, "old town")
    assert data["status"] == "countermanded"
    ids = [c["id"] for c in data["candidates"]]
    refused(run, sample_db, "F002", "enter", "old town", "--keying", "first", "--votes",
            *[f"{i}=10" for i in ids])
    refused(run, sample_db, "F002", "lot", "old town", "--winner", ids[0], "--method", "coin")
    refused(run, sample_db, "F002", "declare", "old town", "--out", tmp_path / "x.pdf")
    refused(run, sample_db, "F002", "provisional", "old town")
    refused(run, sample_db, "F002", "countermand", "old town", "--reason", "again")
    assert not (tmp_path / "x.pdf").exists()
    wards: Any = run("--db", sample_db, "wards", "--json").json()
    assert next(w for w in wards if w["name"] == "Old Town")["status"] == "countermanded"


def test_countermanding_needs_the_passphrase_once_one_is_set(run: Run, demo_db: Path,
                                                             tmp_path: Path) -> None:
    good = tmp_path / "ro.txt"
    good.write_text(PASS + "\n", encoding="utf-8")
    assert run("--db", demo_db, "set-passphrase", "--passphrase-file", good).code == 0
    refused(run, demo_db, "passphrase", "countermand", "cheam", "--reason", "death of a candidate")
    r = run("--db", demo_db, "countermand", "cheam", "--reason", "death of a candidate",
            "--ro-passphrase-file", good)
    assert r.code == 0, r.err
    assert result(run, demo_db, "cheam")["status"] == "countermanded"


# ----------------------------------------------------------- unfilled seats
def test_fewer_candidates_than_seats_imports_and_declares_without_a_poll(run: Run, tmp_path: Path) -> None:
    data: Any = small_election(seats=5)
    for c in data["wards"][0]["candidates"]:
        c.pop("votes")
    db = tmp_path / "u.db"
    r = run("--db", db, "import", election_file(tmp_path, data))
    assert r.code == 0, r.err
    res = result(run, db, "riverside")
    assert res["status"] == "uncontested" and res["unfilled_seats"] == 1 and res["seats"] == 5
    assert len(res["elected"]) == 4
    assert "UNFILLED SEATS: 1" in run("--db", db, "result", "riverside").out
    refused(run, db, "F003", "provisional", "riverside")
    out = tmp_path / "riverside.pdf"
    r = run("--db", db, "declare", "riverside", "--out", out)
    assert r.code == 0, r.err
    assert out.exists()
    assert result(run, db, "riverside")["status"] == "declared"


# ------------------------------------------------- errors after the declaration
def _declare_belmont(run: Run, db: Path, out: Path, *extra: Any) -> None:
    acknowledge_all(run, db, "belmont")
    provisional(run, db, "belmont")
    r = run("--db", db, "declare", "belmont", "--out", out, *extra)
    assert r.code == 0, r.err


def _outputs(run: Run, db: Path, folder: Path) -> dict[str, bytes]:
    """Everything a declared result is read from: result --json, the declaration, the exports."""
    folder.mkdir()
    out: dict[str, bytes] = {"result": run("--db", db, "result", "belmont", "--json").out.encode()}
    assert run("--db", db, "report", "declaration", "belmont", "--out", folder / "d.pdf").code == 0
    for fmt in ("json", "csv", "dc-csv", "eml"):
        assert run("--db", db, "export", "--format", fmt, "--out", folder / f"x.{fmt}").code == 0
    out.update({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    return out


def test_report_error_records_and_changes_nothing_declared(run: Run, demo_db: Path,
                                                           tmp_path: Path) -> None:
    refused(run, demo_db, "F009", "report-error", "belmont", "--reason", "misread", "--votes", "33=1")
    _declare_belmont(run, demo_db, tmp_path / "declared.pdf")
    before = _outputs(run, demo_db, tmp_path / "before")
    declared = result(run, demo_db, "belmont")
    watkins = next(c for c in declared["candidates"] if c["id"] == 33)["votes"]

    statement = tmp_path / "error.pdf"
    r = run("--db", demo_db, "report-error", "belmont", "--reason", "Watkins's figure was misread",
            "--votes", f"33={watkins + 100}", "--by", "A. N. Officer", "--out", statement)
    assert r.code == 0, r.err
    assert "declared result stands" in r.out and "election court" in r.out
    assert statement.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(statement).pages)
    assert "misread" in text

    after = _outputs(run, demo_db, tmp_path / "after")
    assert after == before  # byte for byte
    assert (tmp_path / "declared.pdf").read_bytes() == before["d.pdf"]
    assert run("verify", tmp_path / "declared.pdf", "--db", demo_db).out.count("matches") == 1
    assert run("--db", demo_db, "audit-verify").code == 0
    # a bad report is refused and changes nothing
    refused(run, demo_db, "negative", "report-error", "belmont", "--reason", "x", "--votes", "33=-1")
    refused(run, demo_db, "E110", "report-error", "belmont", "--reason", "x", "--votes", "65=1")


def test_report_error_needs_the_passphrase_once_one_is_set(run: Run, demo_db: Path,
                                                           tmp_path: Path) -> None:
    good = tmp_path / "ro.txt"
    good.write_text(PASS + "\n", encoding="utf-8")
    assert run("--db", demo_db, "set-passphrase", "--passphrase-file", good).code == 0
    _declare_belmont(run, demo_db, tmp_path / "b.pdf", "--ro-passphrase-file", good)
    refused(run, demo_db, "passphrase", "report-error", "belmont", "--reason", "misread")
    r = run("--db", demo_db, "report-error", "belmont", "--reason", "misread", "--papers", "3,921",
            "--passphrase-file", good)
    assert r.code == 0, r.err


def test_correct_is_refused_and_points_to_report_error(run: Run, demo_db: Path, tmp_path: Path) -> None:
    for args in (["correct", "belmont", "--votes", "33=1", "--reason", "x"],
                 ["correct", "belmont", "--votes", "33=1", "--reason", "x", "--passphrase-file",
                  tmp_path / "none.txt", "--out", tmp_path / "c.pdf"],
                 ["correct"]):
        r = refused(run, demo_db, "report-error", *args)
        assert "cannot be corrected" in r.err
    _declare_belmont(run, demo_db, tmp_path / "b.pdf")
    refused(run, demo_db, "report-error", "correct", "belmont", "--votes", "33=1", "--reason", "x")
    assert not (tmp_path / "c.pdf").exists()
    with pytest.raises(SystemExit) as usage:  # other commands still refuse unknown options
        run("--db", demo_db, "enter", "x", "--keying", "first", "--votes", "1=1", "--bogus")
    assert usage.value.code == 2


# ------------------------------------------------------------- declare --all
def test_declare_all_names_the_wards_it_may_not_declare_yet(run: Run, sample_db: Path,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    out.mkdir()
    r = run("--db", sample_db, "declare", "--all", "--out-dir", out)
    assert r.code == 0, r.err
    # Millbrook is uncontested (no provisional result to show); Hillcrest's was not shown yet
    assert "declared 1 ward" in r.out and "Hillcrest (provisional result not shown)" in r.out
    assert "not declared Hillcrest: F005" in r.out
    assert sorted(p.name for p in out.iterdir()) == ["declaration-millbrook.pdf"]
    provisional(run, sample_db, "hillcrest")
    r = run("--db", sample_db, "declare", "--all", "--out-dir", out)
    hillcrest = result(run, sample_db, "hillcrest")
    if any(not w["acknowledged"] for w in hillcrest["warnings"]):
        assert r.code == 3 and "skipped Hillcrest" in r.err
        acknowledge_all(run, sample_db, "hillcrest")
        r = run("--db", sample_db, "declare", "--all", "--out-dir", out)
    assert r.code == 0, r.err
    assert "declared Hillcrest" in r.out
    wards = json.loads(run("--db", sample_db, "wards", "--json").out)
    assert {w["name"] for w in wards if w["status"] == "declared"} == {"Hillcrest", "Millbrook"}
