"""Issue 13 item 5: the Welsh demo's bilingual descriptions are grouped by registered party
id ("Llafur Cymru / Welsh Labour" under PP53 is Labour), and "Annibynnol / Independent" or a
blank description without an id is Independent."""

from __future__ import annotations

from pathlib import Path

from countdesk.app import Desk
from countdesk.app.gather import snapshot
from countdesk.core.parties import INDEPENDENT
from countdesk.core.workflow import Action
from countdesk.store.importer import import_into
from helpers import SEEDS


def test_the_welsh_demo_groups_welsh_descriptions_by_party_id(tmp_path: Path) -> None:
    db = tmp_path / "eryri.db"
    import_into(db, SEEDS / "demo-eryri-2022.json", actor="test")
    with Desk.open(db) as desk:
        for w in desk.wards():
            if desk.check(w.id, Action.SHOW_PROVISIONAL).allowed:
                desk.show_provisional(w.id, by="RO")
            if desk.check(w.id, Action.DECLARE).allowed:
                desk.declare(w.id, by="RO")
        summary = snapshot(desk.store).summary
    parties = {p.party: p for p in summary.parties}
    assert set(parties) == {"Plaid Cymru - The Party of Wales", INDEPENDENT, "Labour Party",
                            "Liberal Democrats", "Conservative and Unionist Party"}
    assert parties["Labour Party"].candidates == 3  # every "Llafur Cymru / Welsh Labour"
    assert parties[INDEPENDENT].candidates == 5  # "Annibynnol / Independent" and the blank one
    assert parties["Plaid Cymru - The Party of Wales"].seats == 4
    assert parties["Plaid Cymru - The Party of Wales"].previous == 3  # "Plaid Cymru" before
    assert parties[INDEPENDENT].seats == 1  # returned unopposed in Llanuwchllyn
    assert "Welsh Labour" not in str(summary) and "Annibynnol" not in str(summary)
