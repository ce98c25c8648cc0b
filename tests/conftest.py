"""Shared fixtures. Qt runs offscreen; every test gets its own COUNTDESK_HOME."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from countdesk import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEMO = SEEDS / "demo-sutton-2018.json"
SAMPLE = SEEDS / "sample-ties.json"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("COUNTDESK_HOME", str(home))
    return home


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    def _run(*args: str) -> CliResult:
        capsys.readouterr()
        code = cli.main([str(a) for a in args])
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return _run


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from countdesk.store.importer import import_into

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    import_into(path, DEMO, actor="fixture")
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    from countdesk.store.importer import import_into

    path = tmp_path / "sample.db"
    import_into(path, SAMPLE, actor="fixture")
    return path


def db_fingerprint(path: Path) -> str:
    """The logical contents of a store (every table, every row), or of a missing file."""
    import sqlite3

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
    return {"format": "countdesk-election/1", "authority": "Exampleton Borough Council",
            "title": "Election of Borough Councillors", "poll_date": "2026-05-07",
            "returning_officer": "Pat Example", "double_entry": True, "wards": [ward]}


HOLDER = """
import sys, time
from countdesk.store import Store
store = Store.open(sys.argv[1])
store.claim_writer()
print("holding", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(demo_db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another countdesk process that has the demo store open for writing."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_db)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()
