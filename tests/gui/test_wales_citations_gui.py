"""The desk cites the Welsh rules for an election in Wales (issue 13): the equality-of-votes
banner and the lot dialog, through the real widgets."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from countdesk.app import Desk
from countdesk.core.law import cite, english_citations
from countdesk.core.workflow import Action
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import LotDialog
from countdesk.store.importer import import_into
from helpers import SAMPLE, election_file


@pytest.mark.parametrize("jurisdiction", ["wales", "england"])
def test_the_tie_banner_and_lot_dialog_cite_the_elections_rules(
        qtbot: Any, open_window: Callable[[Path], MainWindow], tmp_path: Path,
        jurisdiction: str) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["jurisdiction"] = jurisdiction
    db = tmp_path / "ties.db"
    import_into(db, election_file(tmp_path, data), actor="test")
    with Desk.open(db) as desk:
        tied = next(w for w in desk.wards() if desk.result(w.id).tie is not None)
        if desk.check(tied.id, Action.SHOW_PROVISIONAL).allowed:
            desk.show_provisional(tied.id, by="RO")
    window = open_window(db)
    window.select_ward_by_name(tied.name)
    banner = window.result_panel.banner.text()
    assert "EQUALITY OF VOTES" in banner and cite(jurisdiction, "lots") in banner
    assert window.desk is not None
    dialog = LotDialog(window.desk.result(tied.id), window, rule=window.desk.cite("lots"))
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(type(window.result_panel.banner)))
    assert cite(jurisdiction, "lots") in words
    if jurisdiction == "wales":
        assert english_citations(banner) == [] and english_citations(words) == []
