"""Input a person can type never gets "unexpected error": a lone surrogate (undecodable bytes
in an argument), a figure of thousands of digits, a reader that goes away, a noncharacter
(issue 14, finding 10; U+FFFF of finding 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import ROOT, CliResult, db_fingerprint, election_file, small_election

Run = Callable[..., CliResult]


def first_keying_args(run: Run, db: Path, figure: str) -> list[str]:
    data = run("--db", db, "result", "Old Town", "--json").json()
    ids = [c["id"] for c in data["candidates"]]  # type: ignore[index]
    return ["enter", "Old Town", "--keying", "first", "--votes", *[f"{i}={figure}" for i in ids]]


@pytest.mark.parametrize("where", ["votes", "papers"])
def test_a_figure_of_five_thousand_digits_is_refused_in_words(run: Run, sample_db: Path, where: str) -> None:
    huge = "9" * 5000
    args = first_keying_args(run, sample_db, huge if where == "votes" else "10")
    if where == "papers":
        args += ["--papers", huge]
    before = db_fingerprint(sample_db)
    r = run("--db", sample_db, *args)
    assert r.code == 2 and "E109" in r.err and "too large" in r.err, r.err
    assert "unexpected" not in r.err and len(r.err) < 400
    assert db_fingerprint(sample_db) == before


@pytest.mark.parametrize("text", ["\udced", "Ann\udc80e", "Bob\uffff", "\ufdd0"])
def test_a_lone_surrogate_or_noncharacter_in_a_name_is_refused_in_words(run: Run, sample_db: Path,
                                                                        text: str) -> None:
    before = db_fingerprint(sample_db)
    r = run("--db", sample_db, "provisional", "Hillcrest", "--by", text)
    assert r.code == 2 and "not a character that can be printed or exchanged" in r.err, r.err
    assert db_fingerprint(sample_db) == before


def test_a_noncharacter_in_an_election_file_is_refused_at_import(run: Run, tmp_path: Path) -> None:
    data = small_election()
    data["wards"][0]["candidates"][0]["surname"] = "Adams\uffff"  # type: ignore[index]
    r = run("--db", tmp_path / "s.db", "import", election_file(tmp_path, data))
    assert r.code == 2 and "U+FFFF" in r.err
    assert not (tmp_path / "s.db").exists()


def test_a_reader_that_goes_away_gets_no_traceback(run: Run, tmp_path: Path) -> None:
    base = small_election()
    ward = base["wards"][0]  # type: ignore[index]
    base["wards"] = [dict(ward, name=f"Ward number {i:04d} with a long name") for i in range(700)]
    db = tmp_path / "many.db"
    assert run("--db", db, "import", election_file(tmp_path, base)).code == 0
    proc = subprocess.Popen([sys.executable, "-m", "countdesk.cli", "--db", str(db), "wards", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert head.startswith(b"[")
    assert "Traceback" not in err and "unexpected" not in err and "Exception ignored" not in err, err
    assert code in (0, 141)
    assert json.loads(run("--db", db, "wards", "--json").out)[0]["name"].startswith("Ward number")


def test_without_a_display_the_app_says_so_and_points_to_the_command_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), COUNTDESK_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "countdesk.cli", "--demo"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60, check=False)
    if sys.platform in ("win32", "darwin"):
        pytest.skip("a display is always there")
    assert proc.returncode == 2
    assert "no display" in proc.stderr and "command line" in proc.stderr and "xcb" not in proc.stderr
