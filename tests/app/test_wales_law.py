"""Issue 13: no English-only rule citation is shown for an election under the Welsh rules.

The sample election with its three-way tie, imported as a Welsh election, is walked through:
every workflow verdict of every ward (before and after the provisional result is shown), the
refusals the operations raise, the command line's result, and the documents. Each is checked
for an English rule number (:func:`countdesk.core.law.english_citations`); the same walk of
the English election finds them, so the check can fail.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from countdesk.app import AppError, Desk
from countdesk.cli import main
from countdesk.core.law import cite, english_citations
from countdesk.core.workflow import Action
from countdesk.store.importer import import_into
from helpers import SAMPLE, election_file


def _store(tmp_path: Path, jurisdiction: str) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["jurisdiction"] = jurisdiction
    db = tmp_path / f"{jurisdiction}.db"
    import_into(db, election_file(tmp_path, data, f"{jurisdiction}.json"), actor="test")
    return db


def _walk(db: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Every user-visible message of the walk, in order."""
    seen: list[str] = []
    with Desk.open(db) as desk:
        for step in ("before", "after"):
            for w in desk.wards():
                for action in Action:
                    seen.append(desk.check(w.id, action).reason)
                if step == "before":
                    try:
                        desk.declare(w.id, by="RO")
                    except AppError as exc:
                        seen.append(str(exc))
                    if desk.check(w.id, Action.SHOW_PROVISIONAL).allowed:
                        desk.show_provisional(w.id, by="RO")
        tied = next(w for w in desk.wards() if desk.result(w.id).tie is not None)
        try:
            desk.declare(tied.id, by="RO")
        except AppError as exc:
            seen.append(str(exc))
        for kind in ("provisional", "rejected", "verification"):
            pdf = desk.document(kind, tied.id)
            seen.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
        name = tied.name
    capsys.readouterr()
    assert main(["--db", str(db), "result", name]) == 0
    seen.append(capsys.readouterr().out)
    return seen


def test_a_welsh_election_shows_no_english_rule_number(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    messages = _walk(_store(tmp_path, "wales"), capsys)
    cited = [(m, english_citations(m)) for m in messages if english_citations(m)]
    assert cited == []
    text = "\n".join(messages)
    assert cite("wales", "lots") in text  # the Welsh citation is what is shown instead
    assert cite("wales", "provisional") in text


def test_the_same_walk_of_an_english_election_cites_the_english_rules(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messages = _walk(_store(tmp_path, "england"), capsys)
    found = {c for m in messages for c in english_citations(m)}
    assert {"rule 49", "rule 46(2)", "rule 47"} <= found
