"""A Welsh election's site: every fixed label in Welsh and English, Welsh first when the
election prints Welsh first, each marked with its language for a screen reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from publish_steps import declared_demo

from countdesk.reports.i18n import catalogue
from helpers import SEEDS, CliResult

Run = Callable[..., CliResult]


def test_the_welsh_demo_site_is_bilingual_welsh_first(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "eryri.db"
    assert run("--db", db, "import", SEEDS / "demo-eryri-2022.json").code == 0
    declared_demo(db)
    assert run("--db", db, "publish", "--out", tmp_path / "site").code == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in index
    assert 'Seddi a enillwyd, fesul plaid <span lang="en" class="second">/ Seats by party</span>' in index
    page = (tmp_path / "site" / "wards" / "barmouth.html").read_text(encoding="utf-8")
    cy = catalogue("cy")
    for key in ("votes", "elected", "turnout", "head_no_official_mark", "papers_counted"):
        assert cy[key] in page, key
    assert 'Barmouth <span lang="cy" class="second">/ Abermaw</span>' in page
    # an English-only label on a Welsh page says it is English
    assert '<span lang="en">The declaration of result (PDF)</span>' in page


def test_an_english_election_has_no_welsh(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db, ["Cheam"])
    assert run("--db", demo_db, "publish", "--out", tmp_path / "site").code == 0
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="en">' in text and 'lang="cy"' not in text
