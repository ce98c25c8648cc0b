"""Shared fixtures. Qt runs offscreen; every test gets its own COUNTDESK_HOME."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from countdesk import cli
from helpers import DEMO, ROOT, SAMPLE, SEEDS, CliResult, db_fingerprint, election_file, small_election

__all__ = ["DEMO", "ROOT", "SAMPLE", "SEEDS", "CliResult", "db_fingerprint", "election_file",
           "small_election"]


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("COUNTDESK_HOME", str(home))
    return home


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
