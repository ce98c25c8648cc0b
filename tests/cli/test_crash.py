"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it said was saved.

A worker process forks children that key figures into a store, through the
application layer and through the command line; each child is killed with SIGKILL at a
random moment (while opening the store, mid-transaction, mid-commit, while
printing). After every kill the store must open, pass ``PRAGMA
integrity_check``, have an intact audit chain whose log explains every stored
row, hold every write the child had reported as saved (it reports only after
the commit returned), and its writer lock must be free again.

``COUNTDESK_CRASH_KILLS`` sets the number of kills (default 200, about 15 s);
``COUNTDESK_CRASH_SEED`` makes a run repeatable. SIGKILL is a process crash:
the operating system keeps what was written. Power loss is left to SQLite's
``synchronous=FULL`` WAL commits (and SQLite's own crash testing).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from countdesk.app.files import import_election_file
from countdesk.store import Store, lock
from helpers import ROOT, election_file

KILLS = int(os.environ.get("COUNTDESK_CRASH_KILLS", "200"))
SEED = int(os.environ.get("COUNTDESK_CRASH_SEED", str(random.randrange(10**6))))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32",
                                reason="needs fork and SIGKILL (POSIX)")


def _election() -> dict[str, object]:
    wards = []
    for i, name in enumerate(("North", "South", "East")):
        wards.append({
            "name": name, "seats": 2, "electorate": 9000, "ballot_papers_verified": 4000 + i,
            "candidates": [{"surname": s, "forenames": f, "description": d}
                           for s, f, d in (("Adams", "Ann", "Labour"), ("Brown", "Bob", "Conservative"),
                                           ("Clarke", "Cat", "Green"), ("Davies", "Dai", "Plaid"))]})
    return {"format": "countdesk-election/1", "authority": "Crashton", "title": "Crash test",
            "poll_date": "2026-05-07", "double_entry": True, "wards": wards}


def _reported(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True):
        if line.endswith(CUT):  # a line cut short by the kill was not a report
            continue
        out.append(json.loads(line))
    return out


CUT = " #cut short by the kill\n"


def _mark_cut_line(path: Path) -> None:
    """A child killed while writing its report line leaves it without its newline: close it."""
    if path.exists() and path.stat().st_size:
        with path.open("rb+") as fh:
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(CUT.encode())


def _check(db: Path, reports: list[dict[str, object]]) -> int:
    """Everything holds after a kill; returns how many audit records the store has."""
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.verify_audit() == []
        audit = dict(store.conn.execute("SELECT seq, hash FROM audit").fetchall())
        for rep in reports:
            assert audit.get(rep["seq"]) == rep["hash"], f"reported write lost: {rep}"
            if rep["kind"] == "draft":
                row = store.conn.execute("SELECT field, value FROM draft_values WHERE id = ?",
                                         (rep["id"],)).fetchone()
                assert row == (rep["field"], rep["value"]), rep
            elif rep["kind"] == "keying":
                row = store.conn.execute("SELECT slot, vals FROM keyings WHERE id = ?",
                                         (rep["id"],)).fetchone()
                assert row is not None and row[0] == rep["slot"], rep
                assert {k: v for k, v in json.loads(row[1]).items() if k.startswith("votes:")} == rep["vals"]
            elif rep["kind"] == "sheet":
                assert store.conn.execute("SELECT COUNT(*) FROM sheets s JOIN rounds r ON r.id = s.round_id "
                                          "WHERE r.ward_id = ? AND s.name = ?",
                                          (rep["ward"], rep["name"])).fetchone()[0] == 1, rep
        n = len(audit)
    # the dead writer's lock is free again: the next countdesk can write
    lock.acquire(db, wait=0)
    lock.release(db)
    return n


def test_sigkill_at_random_moments_loses_nothing_saved(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "crash.db"
    import_election_file(db, election_file(tmp_path, _election()))
    report = tmp_path / "saved.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    worker = subprocess.Popen([sys.executable, str(Path(__file__).with_name("crash_worker.py"))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                              cwd=tmp_path)
    assert worker.stdin is not None and worker.stdout is not None
    killed = finished = 0
    records = 0
    try:
        for i in range(KILLS):
            mode = "cli" if i % 4 == 3 else "store"
            worker.stdin.write(f"RUN {db} {report} {rng.randrange(10**9)} {mode}\n")
            worker.stdin.flush()
            pid = int(worker.stdout.readline().split()[1])
            # a few kills land while the store opens; most while it writes; some after many writes
            when = rng.random()
            time.sleep(rng.uniform(0, 0.004) if when < 0.1 else
                       rng.uniform(0.004, 0.04) if when < 0.8 else rng.uniform(0.04, 0.15))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            status = int(worker.stdout.readline().split()[1])
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                killed += 1
            else:
                assert os.WEXITSTATUS(status) == 0, f"child failed (seed {SEED}, run {i})"
                finished += 1
            _mark_cut_line(report)
            records = _check(db, _reported(report))
    finally:
        worker.stdin.write("QUIT\n")
        worker.stdin.close()
        worker.wait(timeout=30)
    saved = len(_reported(report))
    print(f"\ncrash test (seed {SEED}): {killed} SIGKILLs, {finished} runs ended on their own; "
          f"{saved} writes reported saved, all present; {records} audit records, chain intact")
    assert killed >= KILLS * 0.95
    assert saved > KILLS  # the children did write between kills
