"""A store of schema 5 (before 0006_parties_names) migrates: every candidate reads with no
party id, no commonly used names and no ballot position, every ward with no terms of office;
the results and the audit log are as they were, and the new columns take values."""

from __future__ import annotations

from pathlib import Path

from countdesk.app import Desk
from countdesk.core.serialize import result_dict
from countdesk.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_a_store_of_schema_5_migrates_to_parties_names_and_terms(tmp_path: Path) -> None:
    db = tmp_path / "v5.db"
    db.write_bytes((FIXTURES / "store-v5.db").read_bytes())
    with Desk.open(db) as desk:
        assert desk.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in desk.store.conn.execute(
            "SELECT name FROM _sqlite_migrations")}
        assert {"0005_count_records", "0006_parties_names"} <= names
        for w in desk.wards():
            assert w.terms == ()
            for c in desk.candidate_rows(w.id):
                assert (c.party_id, c.commonly_used_forenames, c.commonly_used_surname,
                        c.ballot_position) == (None, "", "", None)
                assert c.candidate.ballot_paper_name == c.ballot_name
            data = result_dict(desk.result(w.id))
            assert all("term" not in row for row in data["candidates"])
        assert desk.verify_audit() == []
        # the new columns take values, audited
        cid = desk.candidate_rows(desk.ward("Old Town").id)[0].id
        c = desk.update_candidate(cid, party_id="PP52", commonly_used_forenames="Al")
        assert (c.party_id, c.commonly_used_forenames) == ("PP52", "Al")
        assert desk.verify_audit() == []
    copies = [p for p in tmp_path.iterdir() if "pre-migration" in p.name]
    assert len(copies) == 1


def test_a_store_of_schema_5_migrates_to_england_english_and_no_addresses(tmp_path: Path) -> None:
    """Migration 0008 (Wales): an existing election is England's, printed in English, its
    wards have one name and its candidates no address; the new columns take values."""
    db = tmp_path / "v5w.db"
    db.write_bytes((FIXTURES / "store-v5.db").read_bytes())
    with Desk.open(db) as desk:
        names = {r[0] for r in desk.store.conn.execute("SELECT name FROM _sqlite_migrations")}
        assert "0008_wales" in names
        election = desk.election()
        assert (election.jurisdiction, election.languages) == ("england", ("en",))
        for w in desk.wards():
            assert w.name_cy is None
            assert all(r.candidate.address == "" for r in desk.result(w.id).candidates)
        desk.store.conn.execute("UPDATE election SET jurisdiction = 'wales', languages = '[\"cy\", \"en\"]'")
        assert (desk.election().jurisdiction, desk.election().languages) == ("wales", ("cy", "en"))
