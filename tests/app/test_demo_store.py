"""The demo store: a fresh copy at every start, made from a template imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from countdesk.app import Desk
from countdesk.app import files as app_files
from countdesk.app.files import make_demo_store
from countdesk.store.paths import data_home


def templates() -> list[Path]:
    return sorted((data_home() / "demo").glob(f"{app_files.DEMO_TEMPLATE}*.db"))


def test_each_demo_is_a_fresh_copy_of_the_whole_demo() -> None:
    first = make_demo_store()
    with Desk.open(first) as desk:
        assert len(desk.wards()) == 18
        nonsuch = desk.ward("Nonsuch")
        assert desk.result(nonsuch.id).tie is not None  # the equality of votes, as imported
        desk.show_provisional(nonsuch.id, by="someone practising")
        practised = len(desk.audit_records())
    second = make_demo_store()
    assert second == first
    with Desk.open(second) as desk:
        assert len(desk.audit_records()) == practised - 1  # what was done on the copy is gone
        assert desk.verify_audit() == []
    assert len(templates()) == 1


def test_the_template_is_imported_once_and_again_when_the_demo_file_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_demo_store()
    (template,) = templates()
    made = template.stat().st_mtime_ns
    make_demo_store()
    assert templates() == [template] and template.stat().st_mtime_ns == made  # copied, not imported

    monkeypatch.setattr("countdesk.__version__", "9.9.9")
    path = make_demo_store()
    (rebuilt,) = templates()  # a new countdesk version: imported afresh, the old one removed
    assert rebuilt != template
    with Desk.open(path) as desk:
        assert len(desk.wards()) == 18


def test_a_half_made_template_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(app_files, "import_election_file", broken)
    with pytest.raises(OSError):
        make_demo_store()
    assert templates() == []
    assert [p.name for p in (data_home() / "demo").iterdir()] == []
