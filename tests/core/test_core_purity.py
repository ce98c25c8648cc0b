"""The core imports with PySide6 (and every I/O library) absent, and is documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from countdesk.core import RULES
from helpers import ROOT

BLOCKER = r"""
import sys, importlib.abc
BLOCKED = {"PySide6", "shiboken6", "sqlite3", "sqlite_utils", "reportlab", "socket", "subprocess",
           "pyhanko", "urllib", "http"}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked in this test")
        return None
sys.meta_path.insert(0, Block())
BEFORE = set(sys.modules)
import countdesk.core as core
from countdesk.core.electionfile import parse_election
from countdesk.core.serialize import result_dict
cs = [core.Candidate(1, "Bourne", "Samantha", "Liberal Democrats", "Liberal Democrats"),
      core.Candidate(2, "McDermott-Hill", "James", "Conservative", "Conservative"),
      core.Candidate(3, "Other", "A", "Labour", "Labour")]
r = core.compute_result(core.ward_from_figures("Nonsuch", 1, cs, {1: 205, 2: 205, 3: 10}, papers=420))
assert r.status is core.Status.LOT_REQUIRED, r.status
print("ok", sorted(m for m in set(sys.modules) - BEFORE if m.split(".")[0] in BLOCKED))
"""


def test_core_imports_and_works_without_qt_or_io_libraries() -> None:
    out = subprocess.run([sys.executable, "-c", BLOCKER], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok []"


def test_core_source_has_no_io_or_qt_imports() -> None:
    banned = {"PySide6", "sqlite3", "sqlite_utils", "reportlab", "socket", "os", "pathlib", "io",
              "shutil", "subprocess", "tempfile", "open"}
    for path in (ROOT / "countdesk" / "core").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0]]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                names = [node.func.id]
            else:
                continue
            assert not banned.intersection(names), f"{path.name} uses {names}"


def test_every_validation_code_is_documented_with_what_to_do() -> None:
    doc = (ROOT / "docs" / "validation-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (E\d{3}|W\d{3}) \|", doc, re.M))
    assert documented == set(RULES), set(RULES) ^ documented
    for rule in RULES.values():
        assert rule.action.split(";")[0][:30] in doc, rule.code


def test_every_workflow_and_application_code_is_documented_and_used() -> None:
    from countdesk.app.errors import APP_CODES
    from countdesk.core.workflow import WORKFLOW_RULES

    doc = (ROOT / "docs" / "validation-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([FAPS]\d{3}) \|", doc, re.M))
    assert documented == set(WORKFLOW_RULES) | set(APP_CODES), documented ^ (set(WORKFLOW_RULES) | set(APP_CODES))
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "countdesk").rglob("*.py"))
    raised = set(re.findall(r"\"([FAPS]\d{3})\"", source))
    assert raised <= documented, raised - documented
