"""A ward's result is kept between changes: a keyed figure of an unfinished keying (which no
result is computed from) keeps it, anything else, from this program or another, does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from countdesk.app import Desk
from countdesk.store import db as store_db


def fields(desk: Desk, ward_id: int) -> dict[str, str]:
    values = {f"votes:{c.id}": str(100 + i) for i, c in enumerate(desk.candidates(ward_id))}
    for head in ("no_official_mark", "too_many_votes", "identifying_mark", "unmarked_or_void",
                 "rejected_in_part"):
        values[f"rejected:{head}"] = "0"
    values["papers"] = str(sum(int(v) for v in values.values()))
    return values


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the wards whose result the store computed (not reused)."""
    names: list[str] = []
    real = store_db.compute_result

    def counting(ward_input: store_db.WardInput) -> store_db.WardResult:
        names.append(ward_input.name)
        return real(ward_input)

    monkeypatch.setattr(store_db, "compute_result", counting)
    return names


def test_keyed_figures_keep_the_result_and_a_finished_keying_changes_it(
        sample_db: Path, computed: list[str]) -> None:
    with Desk.open(sample_db) as desk:
        ward = desk.ward("Old Town")
        before = desk.result(ward.id)
        assert computed == ["Old Town"]
        for name, value in fields(desk, ward.id).items():
            desk.save_draft(ward.id, "first", name, value, operator="Op 1")
            assert desk.result(ward.id) is before  # a draft figure: the kept result stands
        assert computed == ["Old Town"]
        desk.finish_keying(ward.id, "first", operator="Op 1")
        after = desk.result(ward.id)
        assert after is not before and computed.count("Old Town") >= 2
        assert desk.store.conn.execute("SELECT COUNT(*) FROM draft_values").fetchone()[0] > 0


def test_figures_keyed_and_finished_by_another_program_are_seen(sample_db: Path) -> None:
    with Desk.open(sample_db) as desk, Desk.open(sample_db) as other:
        ward = desk.ward("Old Town")
        first = desk.result(ward.id)
        assert first.sheets[0].state.value == "empty"
        for name, value in fields(other, ward.id).items():  # another countdesk keys the sheet
            other.save_draft(ward.id, "first", name, value, operator="Op 1")
            assert desk.result(ward.id).sheets[0].state.value == "empty"
        other.finish_keying(ward.id, "first", operator="Op 1")
        assert desk.result(ward.id).sheets[0].state.value == "first_entered"
