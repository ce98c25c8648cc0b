"""The statement of rejected ballot papers (`countdesk report rejected WARD`), the number of
rejections objected to keyed per sheet (`enter --objected`), and the notice of election result
giving each ward's rejected papers under each head (rule 50(1)(c)), read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from countdesk.core import REJECTED_LABELS
from countdesk.reports.signing import keygen
from helpers import CliResult, db_fingerprint

Run = Callable[..., CliResult]


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages)).split())


def ids(run: Run, db: Path, ward: str) -> dict[str, int]:
    data: Any = run("--db", db, "result", ward, "--json").json()
    return {c["surname"]: c["id"] for c in data["candidates"]}


def key_old_town(run: Run, db: Path, *, objected: str = "2") -> None:
    """Old Town (3 seats, verified 3,175), keyed twice with 5 papers rejected, 2 objected to."""
    cid = ids(run, db, "old town")
    votes = [f"{cid[s]}={v}" for s, v in (("Jessop", 1500), ("Kettering", 1400), ("Lyle", 1300),
                                          ("Marchetti", 1200), ("Nairn", 900), ("Oduya", 500),
                                          ("Pickering", 300))]
    for keying, who in (("first", "Ann"), ("second", "Bob")):
        r = run("--db", db, "enter", "old town", "--keying", keying, "--votes", *votes,
                "--rejected", "no_official_mark=1", "unmarked_or_void=4", "rejected_in_part=7",
                "--papers", "3175", "--objected", objected, "--operator", who)
        assert r.code == 0, r.err


def test_the_statement_gives_each_head_the_total_objected_and_in_part(run: Run, demo_db: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "rejected.pdf"
    r = run("--db", demo_db, "report", "rejected", "nonsuch", "--out", out)
    assert r.code == 0, r.err
    assert "statement of rejected ballot papers for Nonsuch" in r.out
    flat = text_of(out)
    assert "STATEMENT OF REJECTED BALLOT PAPERS" in flat and "Nonsuch ward (3 seats)" in flat
    # Nonsuch 2018 (the demo): (a) 0, (b) 3, (c) 0, (d) 6; 9 in all; 2 rejected in part
    for head, n in (("no_official_mark", 0), ("too_many_votes", 3), ("identifying_mark", 0),
                    ("unmarked_or_void", 6)):
        assert f"{REJECTED_LABELS[head]} {n}" in flat, head
    assert "Total rejected 9" in flat
    assert "of which the rejection was objected to 0" in flat
    assert "Ballot papers rejected in part (the votes clearly given counted): 2." in flat
    assert "Ballot papers counted 3,700 · valid ballot papers 3,691 · rejected 9." in flat
    assert "Returning Officer" in flat and "Page 1 of 1" in flat


def test_objected_is_keyed_per_sheet_and_printed_and_signed(run: Run, sample_db: Path,
                                                            tmp_path: Path) -> None:
    key_old_town(run, sample_db)
    data: Any = run("--db", sample_db, "result", "old town", "--json").json()
    assert data["rejections_objected"] == 2 and data["rejected"]["total"] == 5
    assert "objected" not in data["rejected"]  # the heads as before: scripts key them back
    assert data["ballot_papers_source"] == "counted" and data["ballot_papers_counted"] == 3175
    keys = keygen("A. N. Officer", tmp_path / "ro.p12", "correct horse battery staple")
    passfile = tmp_path / "pass.txt"
    passfile.write_text("correct horse battery staple\n", encoding="utf-8")
    out = tmp_path / "old-town.pdf"
    r = run("--db", sample_db, "report", "rejected", "old town", "--out", out,
            "--key", keys.p12_path, "--passphrase-file", passfile)
    assert r.code == 0, r.err
    assert "signed by A. N. Officer" in r.out
    flat = text_of(out)
    assert f"{REJECTED_LABELS['no_official_mark']} 1" in flat
    assert f"{REJECTED_LABELS['unmarked_or_void']} 4" in flat
    assert "Total rejected 5" in flat and "of which the rejection was objected to 2" in flat
    assert "the rejection of 2 was objected to" in flat
    assert "rejected in part (the votes clearly given counted): 7." in flat
    r = run("--db", sample_db, "verify", out, "--cert", keys.cert_path)
    assert r.code == 0, r.out + r.err
    assert "Result: matches the current result of Old Town" in r.out


def test_objected_more_than_rejected_is_refused_and_changes_nothing(run: Run, sample_db: Path) -> None:
    cid = ids(run, sample_db, "old town")
    before = db_fingerprint(sample_db)
    votes = [f"{i}=400" for i in cid.values()]
    r = run("--db", sample_db, "enter", "old town", "--keying", "first", "--votes", *votes,
            "--rejected", "unmarked_or_void=2", "--papers", "1000", "--objected", "3")
    assert r.code == 2 and "E113" in r.err
    assert "3 rejections objected to, but the sheet rejects only 2 papers" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert db_fingerprint(sample_db) == before


def test_the_statement_is_refused_without_a_complete_count(run: Run, sample_db: Path,
                                                           tmp_path: Path) -> None:
    before = db_fingerprint(sample_db)
    out = tmp_path / "r.pdf"
    r = run("--db", sample_db, "report", "rejected", "old town", "--out", out)
    assert r.code == 2 and "Old Town has no complete count yet" in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1
    r = run("--db", sample_db, "report", "rejected", "millbrook", "--out", out)
    assert r.code == 2 and "uncontested" in r.err
    r = run("--db", sample_db, "report", "rejected", "--out", out)
    assert r.code == 2
    assert not out.exists() and db_fingerprint(sample_db) == before


def test_the_notice_gives_each_wards_rejected_papers_under_each_head(run: Run, demo_db: Path,
                                                                     tmp_path: Path) -> None:
    assert run("--db", demo_db, "provisional", "nonsuch", "--by", "Returning Officer").code == 0
    winner = ids(run, demo_db, "nonsuch")["McDermott-Hill"]
    assert run("--db", demo_db, "lot", "nonsuch", "--winner", winner, "--method", "coin toss").code == 0
    assert run("--db", demo_db, "acknowledge", "nonsuch", "W002", "--by", "RO", "--explanation", "checked").code == 0
    r = run("--db", demo_db, "declare", "nonsuch", "--out", tmp_path / "d.pdf")
    assert r.code == 0, r.err
    out = tmp_path / "notice.pdf"
    assert run("--db", demo_db, "report", "notice", "--out", out).code == 0
    flat = text_of(out)
    heads = "; ".join(f"{REJECTED_LABELS[h]}: {n}" for h, n in (
        ("no_official_mark", 0), ("too_many_votes", 3), ("identifying_mark", 0), ("unmarked_or_void", 6)))
    assert f"Rejected ballot papers 9, under each head (rule 50): {heads}." in flat
    assert "Ballot papers rejected in part (clear votes counted): 2." in flat
    # a ward not yet declared gives no figures, under any head
    assert flat.count("under each head") == 1
    assert re.search(r"Ballot papers counted 3,700 · Turnout", flat)
