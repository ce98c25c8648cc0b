"""Issue 13: setting up a Welsh election by hand (rules, languages, a ward's Welsh name, a
candidate's address) and from the nominations CSV; each change audited, refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from countdesk.app import AppError, Desk
from countdesk.core.workflow import Action
from helpers import db_fingerprint


def _new(tmp_path: Path) -> Path:
    db = tmp_path / "new.db"
    with Desk.open(db, create=True) as desk:
        desk.create_election("Cyngor Sir Eryri", "Etholiad", "2022-05-05", actor="set-up")
    return db


def test_rules_languages_welsh_name_and_address_are_set_and_audited(tmp_path: Path) -> None:
    db = _new(tmp_path)
    with Desk.open(db) as desk:
        el = desk.set_rules(jurisdiction="wales", languages=["cy", "en"], actor="set-up")
        assert (el.jurisdiction, el.languages) == ("wales", ("cy", "en"))
        ward_id = desk.add_ward("Barmouth", 1, actor="set-up")
        assert desk.set_ward_name_cy(ward_id, " Abermaw ", actor="set-up").name_cy == "Abermaw"
        cid = desk.add_candidate(ward_id, "Puw", "Elin", "Annibynnol / Independent", actor="set-up")
        assert desk.set_candidate_address(cid, "Tŷ Gwyn, Y Bala", actor="set-up") == "Tŷ Gwyn, Y Bala"
        assert desk.result(ward_id).candidates[0].candidate.address == "Tŷ Gwyn, Y Bala"
        assert desk.cite("lots") != "rule 49"
        actions = [r[0] for r in desk.store.conn.execute(
            "SELECT details FROM audit WHERE action IN ('update election', 'update ward', "
            "'update candidate') ORDER BY seq")]
        assert len(actions) == 3 and "name_cy" in actions[1] and "address" in actions[2]
        # nothing changed: nothing written
        before = db_fingerprint(db)
        desk.set_rules(jurisdiction="WALES", languages="cy, en", actor="set-up")
    assert db_fingerprint(db) == before


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"jurisdiction": "scotland"}, "england"), ({"languages": ["cy"]}, "languages")])
def test_bad_rules_or_languages_are_refused_and_change_nothing(
        tmp_path: Path, kwargs: dict[str, object], words: str) -> None:
    db = _new(tmp_path)
    before = db_fingerprint(db)
    with Desk.open(db) as desk, pytest.raises(AppError, match=words) as exc:
        desk.set_rules(actor="set-up", **kwargs)  # type: ignore[arg-type]
    assert exc.value.code == "A030"
    assert db_fingerprint(db) == before


def test_the_rules_cannot_change_once_a_ward_is_declared(demo_db: Path) -> None:
    with Desk.open(demo_db) as desk:
        ward = next(w for w in desk.wards() if desk.result(w.id).status.value == "uncontested"
                    or desk.check(w.id, Action.SHOW_PROVISIONAL).allowed)
        if desk.check(ward.id, Action.SHOW_PROVISIONAL).allowed:
            desk.show_provisional(ward.id, by="RO")
        desk.declare(ward.id, by="RO")
        with pytest.raises(AppError, match="declared"):
            desk.set_rules(jurisdiction="wales", actor="set-up")
        assert desk.election().jurisdiction == "england"


def test_the_nominations_csv_carries_addresses(tmp_path: Path) -> None:
    db = _new(tmp_path)
    csv = ("ward,surname,forenames,description,seats,address\n"
           "Llanuwchllyn,Puw,Elin Mair,,1,\"Tŷ Gwyn, Ffordd yr Eglwys, Llanuwchllyn\"\n"
           "Barmouth,Ellis,Gwenllïan,Plaid Cymru - The Party of Wales,1,\n").encode()
    with Desk.open(db) as desk:
        desk.import_nominations(csv, actor="set-up")
        got = {r.candidate.surname: r.candidate.address
               for w in desk.wards() for r in desk.result(w.id).candidates}
    assert got == {"Puw": "Tŷ Gwyn, Ffordd yr Eglwys, Llanuwchllyn", "Ellis": ""}
