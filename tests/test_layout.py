"""The package's shape: layers as docs/architecture.md says, and modules small enough to read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 600


def test_no_module_is_over_600_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "countdesk").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_tests_are_laid_out_like_the_package() -> None:
    package = {p.name for p in (ROOT / "countdesk").iterdir() if p.is_dir() and not p.name.startswith("_")}
    tests = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name not in ("fixtures",)}
    assert {"core", "store", "app", "cli", "gui", "reports"} <= tests
    assert tests - {"fixtures"} <= package | {"fixtures"}
    loose = sorted(p.name for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_layout.py")
    assert loose == [], "tests belong in the folder of the layer they test"


def test_the_layer_contracts_are_in_the_repository() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.importlinter]" in text and text.count("[[tool.importlinter.contracts]]") >= 5
    assert "lint-imports" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
