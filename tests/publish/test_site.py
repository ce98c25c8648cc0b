"""``countdesk publish``: the results site of the Sutton demo, read back as a reader would.

Every ward and councillor named, every declaration linked and copied, the figures and
digests those of the store, the exports beside it, nothing loaded from elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from publish_steps import declared_demo

from countdesk.app import Desk
from countdesk.app.gather import snapshot
from countdesk.exports import formats
from countdesk.reports.digest import result_digest
from countdesk.reports.signing import read_document
from helpers import CliResult

Run = Callable[..., CliResult]
TEXT = (".html", ".css", ".json", ".csv", ".svg")


class Page(HTMLParser):
    """The links, sources, scripts and visible text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.scripts = 0
        self.text: list[str] = []
        self.langs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for key in ("href", "src", "action", "data", "poster"):
            if a.get(key):
                self.links.append(str(a[key]))
        if a.get("lang"):
            self.langs.append(str(a["lang"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def publish(run: Run, db: Path, out: Path) -> CliResult:
    r = run("--db", db, "publish", "--out", out)
    assert r.code == 0, r.err
    return r


@pytest.fixture
def site(demo_db: Path, tmp_path: Path, run: Run) -> Path:
    declared_demo(demo_db)
    out = tmp_path / "site"
    publish(run, demo_db, out)
    return out


def test_the_site_names_every_ward_and_councillor_and_links_every_declaration(
        site: Path, demo_db: Path) -> None:
    with Desk.open(demo_db, read_only=True) as desk:
        snap = snapshot(desk.store)
    index = read(site / "index.html")
    assert "Liberal Democrat hold" in index.words
    assert "18 of 18 wards declared" in index.words
    for w in snap.wards:
        assert w.info.name in index.words
        link = next(h for h in index.links if h.startswith("wards/") and
                    read(site / h).words.count(w.info.name) and f"<h1>{w.info.name}</h1>"
                    in (site / h).read_text(encoding="utf-8"))
        page = read(site / link)
        r = w.result
        for row in r.candidates:
            assert row.candidate.paper_display_name in page.words
            assert f"{row.declared_votes:,}" in page.words
        for cid in r.elected:
            name = r.row(cid).candidate.paper_display_name
            assert name in index.words  # the councillor, on the index too
            assert re.search(re.escape(name) + r" .*?Elected", page.words)
        assert f"{r.turnout_pct}%" in page.words
        pdfs = [h for h in page.links if h.endswith(".pdf")]
        assert len(pdfs) == 1
        pdf = (site / "wards" / pdfs[0]).resolve()
        assert pdf.read_bytes().startswith(b"%PDF")
        digest = result_digest(snap.election, w.info, r)
        assert digest in page.words  # the digest the declaration carries
        info = read_document(pdf.read_bytes())
        assert info is not None and info.digest == digest
        assert " ".join(digest[i:i + 4] for i in range(0, 16, 4)) in page.words


def test_the_order_of_candidates_is_the_ballot_order_and_the_lot_is_noted(site: Path) -> None:
    text = (site / "wards" / "nonsuch.html").read_text(encoding="utf-8")
    names = ["Fiona Aldridge", "Samantha Bourne", "Graham Crabtree", "Helen Margaret Fairbrother",
             "Thomas Edward Gould", "Zoë Hartley", "Peter Lindqvist", "James McDermott-Hill",
             "Kwame Mensah", "Owen Pearce", "Priya Raman"]
    where = [text.index(n) for n in names]
    assert where == sorted(where)
    words = read(site / "wards" / "nonsuch.html").words
    assert ("lots were drawn and, as a consequence, an additional vote was allotted to James "
            "McDermott-Hill") in words
    assert "1,406 †" in words and "Rejected ballot papers" in words


def test_the_results_files_are_the_exports(site: Path, demo_db: Path) -> None:
    with Desk.open(demo_db, read_only=True) as desk:
        snap = snapshot(desk.store)
    assert (site / "results.json").read_bytes() == formats.json_bytes(snap, provisional=False)
    assert (site / "results.csv").read_bytes() == formats.csv_bytes(snap, provisional=False)
    rows = list(csv.DictReader(io.StringIO((site / "results.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == sum(len(w.result.candidates) for w in snap.wards)
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    assert summary["control"] == "Liberal Democrat hold"
    assert {p["party"]: p["seats"] for p in summary["parties"] if p["seats"]} == {
        "Liberal Democrats": 33, "Conservative": 18, "Independent": 3}
    assert all(w["digest"] and (site / w["declaration"]).is_file() for w in summary["wards"])


def test_nothing_is_loaded_from_elsewhere_and_every_link_is_in_the_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 19
    for path in site.rglob("*"):
        if path.suffix in TEXT:
            text = path.read_text(encoding="utf-8-sig")
            assert not re.search(r"(?i)https?:|ftp:|//[a-z0-9]", text), path
            assert "@import" not in text and "url(" not in text, path
    for path in pages:
        page = read(path)
        assert page.scripts == 0, path
        for link in page.links:
            if link.startswith("#"):
                continue
            assert ":" not in link and not link.startswith("/"), (path, link)
            target = (path.parent / link.split("#")[0]).resolve()
            assert target.is_file(), (path, link)
            assert site.resolve() in target.parents


def test_the_chart_draws_the_majority_line_and_labels_every_party(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert 'class="majority"' in svg and "Majority 28" in svg
    for label in ("Liberal Democrats: 33", "Conservative: 18", "Independent: 3"):
        assert label in svg
    # the line stands at 28 of 54 seats of the bars' width
    line = re.search(r'<line x1="([\d.]+)"', svg)
    bar = re.search(r'<rect x="10" y="[\d.]+" width="([\d.]+)" height="20" fill="[^"]+" class="bar"/>'
                    r"", svg)
    assert line and bar
    assert float(line.group(1)) - 10 == pytest.approx(300 * 28 / 54, abs=0.01)
    assert float(bar.group(1)) == pytest.approx(300 * 33 / 54, abs=0.01)


def test_a_site_part_way_through_the_night(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db, ["Belmont", "Cheam", "Nonsuch"])
    r = run("--db", demo_db, "expected", "Stonecot", "2:45", "--by", "RO")
    assert r.code == 0, r.err
    publish(run, demo_db, tmp_path / "site")
    index = read(tmp_path / "site" / "index.html").words
    assert "3 of 18 wards declared" in index and "Not yet decided" in index
    assert "The change in seats is shown once every ward is declared" in index
    latest = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    latest = latest[latest.index('id="latest-h"'):latest.index('id="wards-h"')]
    assert [m for m in re.findall(r'href="wards/([a-z-]+)\.html"', latest)] == [
        "nonsuch", "cheam", "belmont"]
    stonecot = read(tmp_path / "site" / "wards" / "stonecot.html").words
    assert "Not yet declared" in stonecot and "Expected declaration 02:45" in stonecot
    assert "Votes" not in stonecot and not list((tmp_path / "site").glob("declarations/*stonecot*"))
    assert len(list((tmp_path / "site" / "declarations").iterdir())) == 3


def test_names_are_escaped(tmp_path: Path, run: Run) -> None:
    from helpers import election_file, small_election

    data: dict[str, Any] = small_election()
    data["wards"][0]["candidates"][0]["forenames"] = '<script>alert("x")</script>'
    data["wards"][0]["name"] = "River & <b>side</b>"
    db = tmp_path / "x.db"
    assert run("--db", db, "import", election_file(tmp_path, data)).code == 0
    with Desk.open(db) as desk:
        from publish_steps import declare

        declare(desk)
    publish(run, db, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "<b>side" not in text
    (page,) = (tmp_path / "site" / "wards").glob("*.html")
    text = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in text and "River &amp; &lt;b&gt;side&lt;/b&gt;" in text
