"""Helpers the tests share (not fixtures: those are in conftest.py). Import them with
``from helpers import ...``: every folder's conftest.py is a module called ``conftest``, so
helpers imported from it could come from the wrong folder."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEMO = SEEDS / "demo-sutton-2018.json"
SAMPLE = SEEDS / "sample-ties.json"


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> object:
        return json.loads(self.out)


def db_fingerprint(path: Path) -> str:
    """The logical contents of a store (every table, every row), or of a missing file."""

    if not path.exists():
        return "absent"
    h = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            h.update(t.encode())
            for row in conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid'):
                h.update(repr(row).encode())
    finally:
        conn.close()
    return h.hexdigest()


def election_file(tmp_path: Path, data: object, name: str = "election.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def small_election(**ward_overrides: object) -> dict[str, object]:
    ward: dict[str, object] = {
        "name": "Riverside", "seats": 2, "electorate": 5000, "ballot_papers_verified": 2000,
        "rejected": {"no_official_mark": 1, "too_many_votes": 2, "identifying_mark": 0,
                     "unmarked_or_void": 3, "rejected_in_part": 1},
        "candidates": [
            {"surname": "Adams", "forenames": "Ann", "description": "Labour Party", "party": "Labour",
             "votes": 900},
            {"surname": "Brown", "forenames": "Bob", "description": "Conservative", "votes": 800},
            {"surname": "Clarke", "forenames": "Cat", "description": "Green Party", "votes": 700},
            {"surname": "Davies", "forenames": "Dai", "description": "Liberal Democrats",
             "votes": 600},
        ],
    }
    ward.update(ward_overrides)
    if "ballot_papers_counted" not in ward_overrides and ward.get("ballot_papers_verified") is not None:
        # a counted multi-member ward carries its papers counted; by default they reconcile
        ward["ballot_papers_counted"] = ward["ballot_papers_verified"]
    return {"format": "countdesk-election/1", "authority": "Exampleton Borough Council",
            "title": "Election of Borough Councillors", "poll_date": "2026-05-07",
            "returning_officer": "Pat Example", "double_entry": True, "wards": [ward]}
