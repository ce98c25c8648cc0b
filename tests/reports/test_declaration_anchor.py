"""The chain anchored outside the file (issue 14, finding 1): a declaration prints and carries
the audit record it was declared in; ``audit-verify --anchor SHEET.pdf`` finds a log cut short
below it (a declaration undone with the rows it wrote), which the store alone cannot see."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from countdesk.app import Desk
from countdesk.reports.readback import page_text
from countdesk.reports.signing import read_document
from helpers import CliResult

Run = Callable[..., CliResult]


def declare_belmont(run: Run, db: Path, out: Path) -> None:
    assert run("--db", db, "provisional", "Belmont").code == 0
    with Desk.open(db) as desk:
        for w in desk.result("Belmont").unacknowledged:
            desk.acknowledge("Belmont", w.code, by="RO", explanation="checked")
    r = run("--db", db, "declare", "Belmont", "--out", out)
    assert r.code == 0, r.err


def test_the_declaration_carries_its_audit_record(run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "belmont.pdf"
    declare_belmont(run, demo_db, out)
    info = read_document(out.read_bytes())
    assert info is not None and info.anchor is not None
    seq, digest = info.anchor
    with Desk.open(demo_db, read_only=True) as desk:
        rec = next(r for r in desk.audit_records() if r["seq"] == seq)
    assert rec["action"] == "declare" and rec["hash"] == digest
    from countdesk.reports.digest import short_digest

    assert f"Stands on audit record {seq} ({short_digest(digest)})" in page_text(out.read_bytes())
    again = tmp_path / "again.pdf"
    assert run("--db", demo_db, "report", "declaration", "Belmont", "--out", again).code == 0
    assert again.read_bytes() == out.read_bytes()  # a reprint stands on the same record
    assert run("--db", demo_db, "audit-verify", "--anchor", out).code == 0


def test_a_log_cut_below_the_declaration_is_caught_by_its_sheet(run: Run, demo_db: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "belmont.pdf"
    declare_belmont(run, demo_db, out)
    conn = sqlite3.connect(demo_db)
    conn.executescript("DROP TRIGGER audit_no_delete;")
    seq, changes = conn.execute("SELECT seq, changes FROM audit WHERE action = 'declare'").fetchone()
    conn.execute("DELETE FROM audit WHERE seq >= ?", (seq,))
    for item in json.loads(changes):
        if item["table"] == "wards":
            conn.execute("UPDATE wards SET declared_at = NULL, declared_by = NULL WHERE id = ?",
                         (item["id"],))
    conn.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                 "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")
    conn.commit()
    conn.close()
    assert run("--db", demo_db, "audit-verify").code == 0  # the store agrees with itself...
    r = run("--db", demo_db, "audit-verify", "--anchor", out)  # ...but not with its sheet
    assert r.code == 2 and "cut short or rolled back" in r.err, r.out + r.err


def test_an_anchor_that_is_no_anchor_is_refused_in_words(run: Run, demo_db: Path, tmp_path: Path) -> None:
    prov = tmp_path / "prov.pdf"
    assert run("--db", demo_db, "report", "provisional", "Belmont", "--out", prov).code == 0
    r = run("--db", demo_db, "audit-verify", "--anchor", prov)
    assert r.code == 2 and "carries no audit anchor" in r.err


def test_the_summary_stands_on_the_latest_declaration(run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "belmont.pdf"
    declare_belmont(run, demo_db, out)
    summary = tmp_path / "summary.pdf"
    assert run("--db", demo_db, "report", "summary", "--out", summary).code == 0
    s_info, d_info = read_document(summary.read_bytes()), read_document(out.read_bytes())
    assert s_info is not None and d_info is not None and s_info.anchor == d_info.anchor
    assert run("--db", demo_db, "audit-verify", "--anchor", summary).code == 0
