"""The crash-test worker: forks children that write to a store until they are killed.

Run as a script by tests/cli/test_crash.py. It imports countdesk once, then for each
``RUN`` line on stdin forks a child (cheap, so hundreds of kills fit in seconds),
prints the child's pid, waits for it to die and prints how it died. The test
kills the child with SIGKILL at a random moment.

A child writes through the application layer (``store``) or the command line (``cli``,
in-process) and, after each write has returned — that is, after its commit —
appends one JSON line to the report file: what it saved, and the audit record
(sequence number and hash) of that commit. The test then checks that every
reported write is in the store. A write killed before its report line is
written may or may not be there; both are fine.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout (this file is tests/cli/crash_worker.py)
sys.path.insert(0, str(ROOT))

from countdesk import cli  # noqa: E402
from countdesk.app import AppError, Desk  # noqa: E402
from countdesk.core import REJECTED_FIELDS  # noqa: E402

MAX_WRITES = 400  # a child that is never killed stops on its own


def _report(fd: int, desk: Desk, kind: str, **info: Any) -> None:
    seq, digest = desk.store.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    line = json.dumps({"kind": kind, "seq": seq, "hash": digest, **info}) + "\n"
    os.write(fd, line.encode("utf-8"))


def _last_seq(desk: Desk) -> int:
    return int(desk.store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit").fetchone()[0])


def _cli(args: list[str]) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        return cli.main(args)


def child(db: str, report: str, seed: int, mode: str) -> None:
    rng = random.Random(seed)
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    desk = Desk.open(db)
    conn = desk.store.conn
    wards = [w for w in desk.wards() if len(desk.candidates(w.id)) > w.seats]
    writes = 0
    while writes < MAX_WRITES:
        w = rng.choice(wards)
        cands = desk.candidates(w.id)
        sheets = desk.sheets(w.id)
        open_sheets = [s for _, s in sheets if s.imported is None and s.second is None]
        if not open_sheets or rng.random() < 0.08:
            name = f"Table {seed}-{writes}"
            if mode == "cli" and rng.random() < 0.5:
                if _cli(["--db", db, "add-sheet", str(w.id), name]) != 0:
                    continue
            else:
                desk.add_sheet(w.id, name, actor="crash test")
            _report(fd, desk, "sheet", ward=w.id, name=name)
            writes += 1
            continue
        sheet = rng.choice(open_sheets)
        slot = "first" if sheet.first is None else "second"
        values = ({c.id: rng.randint(0, 400) for c in cands} if sheet.first is None else
                  {int(k.split(":")[1]): v for k, v in sheet.first.values.items() if k.startswith("votes:")})
        # a multi-member ward's sheet carries its papers counted (E114)
        papers = (rng.randint(0, 1200) if sheet.first is None else sheet.first.values.get("papers", 0))
        if mode == "cli" and rng.random() < 0.5:
            args = ["--db", db, "enter", str(w.id), "--sheet", sheet.name, "--keying", slot,
                    "--operator", f"Op {slot}", "--papers", str(papers),
                    "--votes", *[f"{cid}={v}" for cid, v in values.items()]]
            if _cli(args) != 0:
                continue
            kid = conn.execute("SELECT MAX(id) FROM keyings").fetchone()[0]
            _report(fd, desk, "keying", id=kid, sheet=sheet.name, slot=slot,
                    vals={f"votes:{cid}": v for cid, v in values.items()})
            writes += 1
            continue
        # key it figure by figure, each saved the moment it is keyed, then finish it
        fields = [*((f"votes:{cid}", v) for cid, v in values.items()), ("papers", papers),
                  *((f"rejected:{head}", 0) for head in REJECTED_FIELDS)]  # zeros are typed
        for name, v in fields:
            before = _last_seq(desk)
            try:
                desk.save_draft(w.id, slot, name, str(v), sheet=sheet.name, operator=f"Op {slot}")
            except AppError:
                break
            if _last_seq(desk) == before:
                continue  # the same value was already saved (by a child killed earlier)
            did = conn.execute("SELECT MAX(id) FROM draft_values").fetchone()[0]
            _report(fd, desk, "draft", id=did, field=name, value=v)
            writes += 1
        desk.finish_keying(w.id, slot, sheet=sheet.name, operator=f"Op {slot}")
        kid = conn.execute("SELECT MAX(id) FROM keyings").fetchone()[0]
        _report(fd, desk, "keying", id=kid, sheet=sheet.name, slot=slot,
                vals={f"votes:{cid}": v for cid, v in values.items()})
        writes += 1
    desk.close()


def main() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "QUIT":
            return
        _, db, report, seed, mode = parts
        pid = os.fork()
        if pid == 0:  # the child
            code = 0
            try:
                child(db, report, int(seed), mode)
            except BaseException as exc:  # a child that fails says why, then dies
                sys.stderr.write(f"child {seed}: {type(exc).__name__}: {exc}\n")
                sys.stderr.flush()
                code = 3
            os._exit(code)
        print(f"PID {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"EXIT {status}", flush=True)


if __name__ == "__main__":
    main()
