"""Imports grow with the size of the file, not its square (issue 14, finding 11): the reads an
import repeats per ward use indexes. (The times are measured by benchmarks/run.py,
``nominations_import_s``, never asserted in the test suite.)"""

from __future__ import annotations

from pathlib import Path

from countdesk.app import Desk


def csv_of(wards: int) -> bytes:
    """A statement of persons nominated with six candidates in each of ``wards`` wards."""
    rows = ["ward,surname,forenames,description,seats"]
    for w in range(wards):
        rows += [f"Ward {w:05d},Surname{c}x{w},Forename{c},The Example Party Candidate,3" for c in range(6)]
    return ("\n".join(rows) + "\n").encode()


def test_the_ward_lookups_use_indexes(tmp_path: Path) -> None:
    with Desk.open(tmp_path / "i.db", create=True) as desk:
        plan = " ".join(str(r) for r in desk.store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM candidates WHERE ward_id = 1"))
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


def test_a_large_statement_imports_whole(tmp_path: Path) -> None:
    with Desk.open(tmp_path / "big.db", create=True) as desk:
        desk.create_election("Borough", "Election", "2026-05-07")
        done = desk.import_nominations(csv_of(300))
        assert len(done.wards_added) == 300 and done.candidates_added == 1800
        assert len(desk.wards()) == 300
