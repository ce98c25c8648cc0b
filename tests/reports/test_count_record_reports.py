"""The record of recounts, the timing report and the statement of verification with the
whole ballot paper account, written from the command line and read back with pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from countdesk.app import Desk
from countdesk.reports.signing import read_document
from helpers import CliResult

Run = Callable[..., CliResult]


def flat(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_record_of_recounts_prints_every_round_side_by_side_and_each_request(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    assert run("--db", demo_db, "recount", "nonsuch", "--requested-by", "Agent for Gould", "--refused",
               "--reason", "the margin is wide", "--bundles", "Box 3 bundle 2", "--by", "RO").code == 0
    assert run("--db", demo_db, "recount", "nonsuch", "--requested-by", "Agent for Bourne",
               "--granted", "--reason", "margin of 0", "--by", "Deputy RO").code == 0
    with Desk.open(demo_db) as desk:  # round 2 keyed: Bourne one vote more
        w = desk.ward("Nonsuch")
        r1 = desk.result(w.id, 1)
        votes = {c.candidate.id: (c.votes or 0) + (1 if c.candidate.surname == "Bourne" else 0)
                 for c in r1.candidates}
        rejected = {k: v for k, v in r1.rejected.items() if k not in ("total", "objected")}
        papers = (r1.ballot_papers_counted or 0) + 1
        for slot, op in (("first", "A"), ("second", "B")):
            desk.enter_keying(w.id, slot, votes, operator=op, rejected=rejected, papers=papers)
    out = tmp_path / "recounts.pdf"
    r = run("--db", demo_db, "report", "recounts", "nonsuch", "--out", out)
    assert r.code == 0, r.err
    text = flat(out)
    assert "RECORD OF RECOUNTS" in text and "Nonsuch" in text
    assert "Round 1 count Round 2 recount" in text
    # each candidate's name and party beside the figures of both rounds
    assert "BOURNE, Samantha Liberal Democrats 1,405 1,406" in text
    assert "FAIRBROTHER, Helen Margaret The Conservative Party Candidate 1,612 1,612" in text
    assert f"Ballot papers counted {r1.ballot_papers_counted:,} {papers:,}" in text
    assert "Agent for Gould re-check of named bundles: Box 3 bundle 2 refused by RO the margin is wide" in text
    assert "Agent for Bourne full recount granted by Deputy RO margin of 0" in text
    info = read_document(out.read_bytes())
    assert info is not None and info.kind == "recounts"
    assert "Result: matches the records" in run("verify", out, "--db", demo_db).out


def test_timing_report_lists_every_ward_and_its_times(run: Run, demo_db: Path, tmp_path: Path) -> None:
    assert run("--db", demo_db, "box", "cheam", "--box", "Box 1", "--issued", "10",
               "--counted", "10").code == 0
    assert run("--db", demo_db, "provisional", "cheam").code == 0
    out = tmp_path / "timings.pdf"
    r = run("--db", demo_db, "report", "timings", "--out", out)
    assert r.code == 0, r.err
    text = flat(out)
    assert "TIMING REPORT OF THE COUNT" in text
    assert "Ward First ballot box verified First count sheet keyed Provisional result shown Declared" in text
    with Desk.open(demo_db, read_only=True) as desk:
        names = [w.name for w in desk.wards()]
    for name in names:
        assert name.split()[0] in text
    assert "0 of 18 wards declared." in text
    assert "Beddington North — — — —" in text
    assert "Result: matches the records" in run("verify", out, "--db", demo_db).out
    assert run("--db", demo_db, "report", "timings", "cheam", "--out", out).code == 2


def test_statement_of_verification_prints_the_whole_account_and_names_an_unexplained_box(
        run: Run, demo_db: Path, tmp_path: Path) -> None:
    for args in (["--box", "Station 1", "--issued", "1200", "--counted", "1198", "--unused", "400",
                  "--spoilt", "3", "--tendered", "1"],
                 ["--box", "Station 2", "--issued", "900", "--counted", "900", "--spoilt", "1"],
                 ["--box", "Postal 1", "--postal", "--counted", "300"]):
        assert run("--db", demo_db, "box", "belmont", *args).code == 0
    out = tmp_path / "verification.pdf"
    assert run("--db", demo_db, "report", "verification", "belmont", "--out", out).code == 0
    text = flat(out)
    assert ("Ballot box / polling station Papers issued Unused Spoilt Tendered Papers counted Variance"
            in text)
    assert "Station 1 1,200 400 3 1 1,198 -2" in text
    assert "Station 2 900 — 1 — 900 0" in text
    assert "Postal 1 — — — — 300 —" in text
    assert "Total 2,100 400 4 1 2,398 -2" in text
    assert "(variance in: Station 1)" in text and "recounted" in text
