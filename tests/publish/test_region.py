"""``countdesk region``: three councils counted on their own laptops, their json exports read
together; every figure of the region's view agrees with the councils' own summaries."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from publish_steps import declared_demo

from countdesk.app import Desk
from countdesk.core.summary import party_key
from helpers import CliResult, election_file

Run = Callable[..., CliResult]
PARTIES = (("Labour", "Labour Party"), ("Conservative", "The Conservative Party Candidate"),
           ("Liberal Democrats", "Liberal Democrats"), ("Green Party", "Green Party"),
           ("Independent", "Independent"))


def council(rng: random.Random, authority: str, strong: str | None, held_by: str) -> dict[str, Any]:
    """A council's election with generated results (some wards tied for the last seat): the
    ``strong`` party stands everywhere and polls well; ``held_by`` had most seats before."""
    wards = []
    for i in range(rng.randint(4, 7)):
        seats = rng.randint(1, 3)
        cands: list[dict[str, Any]] = []
        chosen = rng.sample(PARTIES, rng.randint(2, 5))
        if strong and strong not in [p for p, _ in chosen]:
            chosen.append(next(pd for pd in PARTIES if pd[0] == strong))
        for party, description in chosen:
            for k in range(seats if party == strong else rng.randint(1, seats)):
                cands.append({"surname": f"{party.split(maxsplit=1)[0]}son{i}{k}", "forenames": "Alex",
                              "description": description, "party": party,
                              "votes": rng.randint(2000, 4000) if party == strong else rng.randint(50, 1900)})
        while len(cands) <= seats:
            cands.append({"surname": f"Extra{i}{len(cands)}", "forenames": "Sam",
                          "description": "Independent", "party": "Independent", "votes": rng.randint(50, 900)})
        if rng.random() < 0.35:  # an equality of votes for the last seat: decided by lot
            ordered = sorted(cands, key=lambda c: -c["votes"])
            ordered[seats]["votes"] = ordered[seats - 1]["votes"]
        rejected = {"no_official_mark": rng.randint(0, 3), "too_many_votes": rng.randint(0, 9),
                    "identifying_mark": 0, "unmarked_or_void": rng.randint(0, 9),
                    "rejected_in_part": rng.randint(0, 4) if seats > 1 else 0}
        rejected_total = sum(v for k, v in rejected.items() if k != "rejected_in_part")
        votes = [c["votes"] for c in cands]
        valid = sum(votes) if seats == 1 else max(*votes, -(-sum(votes) // seats)) + rng.randint(0, 200)
        counted = valid + rejected_total
        wards.append({"name": f"{authority.split(maxsplit=1)[0]} Ward {i + 1}", "seats": seats,
                      "electorate": counted * rng.randint(2, 3), "ballot_papers_verified": counted,
                      "ballot_papers_counted": counted, "rejected": rejected, "candidates": cands})
    total = sum(w["seats"] for w in wards)
    most = total // 2 + 1 + rng.randint(0, total - total // 2 - 1)
    rest = total - most
    others = [p for p in ("Conservative", "Labour", "Liberal Democrats") if p != held_by]
    previous = {held_by: most, others[0]: rest // 2, others[1]: rest - rest // 2}
    return {"format": "countdesk-election/1", "authority": authority,
            "title": "Election of Councillors", "poll_date": "2026-05-07",
            "returning_officer": "R. Officer", "double_entry": True,
            "previous_seats": {k: v for k, v in previous.items() if v}, "wards": wards}


@pytest.fixture
def three(tmp_path: Path, run: Run) -> list[tuple[Path, Path]]:
    """Three councils counted and declared, each exported (two with a digest file)."""
    rng = random.Random(17)
    out = []
    for n, (name, strong, held_by) in enumerate((
            ("Northam Borough Council", "Conservative", "Conservative"),  # a hold
            ("Southby District Council", "Liberal Democrats", "Labour"),  # a gain
            ("Westwick City Council", None, "Labour"))):  # most likely no overall control
        db = tmp_path / f"c{n}.db"
        src = election_file(tmp_path, council(rng, name, strong, held_by), f"c{n}-setup.json")
        r = run("--db", db, "import", src)
        assert r.code == 0, r.err
        declared_demo(db)
        export = tmp_path / f"council-{n}.json"
        r = run("--db", db, "export", "--format", "json", "--out", export)
        assert r.code == 0, r.err
        if n < 2:
            export.with_name(export.name + ".sha256").write_text(
                f"{hashlib.sha256(export.read_bytes()).hexdigest()}  {export.name}\n")
        out.append((db, export))
    return out


def test_the_region_agrees_with_every_councils_summary(three: list[tuple[Path, Path]], tmp_path: Path,
                                                       run: Run) -> None:
    r = run("region", "--out", tmp_path / "region", *[e for _, e in three])
    assert r.code == 0, r.err
    region = json.loads((tmp_path / "region" / "region.json").read_text(encoding="utf-8"))
    assert region["councils_total"] == 3
    seats: dict[str, int] = {}
    previous: dict[str, int] = {}
    papers = electorate = 0
    outcomes = {"held": 0, "gained": 0, "no overall control": 0}
    lots_seen = 0
    for (db, _), shown in zip(three, region["councils"], strict=True):
        s = run("--db", db, "summary", "--json").json()
        assert isinstance(s, dict)
        assert shown["authority"] == s["authority"]
        assert shown["control"] == s["control"] and s["control_decided"]
        for key in ("wards_declared", "wards_total", "seats_total", "majority", "controlling_party",
                    "previous_control", "ballot_papers_counted", "electorate"):
            assert shown[key] == s[key], key
        assert float(shown["turnout_pct"]) == s["turnout_pct"]
        assert [(p["party"], p["seats"], p["change"], p["votes"]) for p in shown["parties"]] == [
            (p["party"], p["seats"], p["change"], p["votes"]) for p in s["parties"]]
        word = ("no overall control" if s["controlling_party"] is None else
                "held" if s["control"].endswith(" hold") else "gained")
        assert shown["outcome"] == word
        outcomes[word] += 1
        for p in s["parties"]:
            seats[party_key(p["party"])] = seats.get(party_key(p["party"]), 0) + p["seats"]
            previous[party_key(p["party"])] = previous.get(party_key(p["party"]), 0) + p["previous_seats"]
        papers += s["ballot_papers_counted"]
        electorate += s["electorate"]
        with Desk.open(db, read_only=True) as desk:
            lots = [(w.name, desk.result(w.id).row(lot.winner_id).candidate.paper_display_name)
                    for w in desk.wards() for lot in desk.result(w.id).lots]
        assert [(lot["ward"], lot["winner"]) for lot in shown["lots"]] == lots
        lots_seen += len(lots)
    assert lots_seen > 0  # the generated night has ties decided by lot
    assert outcomes["held"] and outcomes["gained"]  # and councils held and gained
    assert {party_key(p["party"]): p["seats"] for p in region["parties"]} == seats
    assert {party_key(p["party"]): p["change"] for p in region["parties"]} == {
        k: seats[k] - previous[k] for k in seats}
    assert region["seats_total"] == sum(seats.values())
    assert {k: region["outcomes"][k] for k in outcomes} == outcomes
    assert region["ballot_papers_counted"] == papers and region["electorate"] == electorate
    assert sum(c["councils"] for c in region["by_control"]) == 3
    assert [c["file_checked"] for c in region["councils"]] == ["sha256", "sha256", "none"]
    html = (tmp_path / "region" / "index.html").read_text(encoding="utf-8")
    for c in region["councils"]:
        assert c["authority"] in html
    assert not re.search(r"(?i)https?:|<script", html)
    assert "digest checked" in r.out and "no digest file" in r.out


def test_a_changed_export_is_refused(three: list[tuple[Path, Path]], tmp_path: Path, run: Run) -> None:
    export = three[0][1]
    data = json.loads(export.read_text(encoding="utf-8"))
    data["wards"][0]["candidates"][0]["votes"] += 1
    export.write_text(json.dumps(data, indent=2), encoding="utf-8")
    r = run("region", "--out", tmp_path / "region", *[e for _, e in three])
    assert r.code == 2 and "does not match its digest" in r.err and export.name in r.err
    assert not (tmp_path / "region").exists()


def test_a_provisional_export_is_refused(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db, ["Cheam"])
    out = tmp_path / "p.json"
    assert run("--db", demo_db, "export", "--format", "json", "--provisional", "--out", out).code == 0
    r = run("region", "--out", tmp_path / "region", out)
    assert r.code == 2 and "declared-only" in r.err


def test_the_published_site_carries_what_region_reads(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db)
    assert run("--db", demo_db, "publish", "--out", tmp_path / "site").code == 0
    r = run("region", "--out", tmp_path / "region", tmp_path / "site" / "results.json")
    assert r.code == 0, r.err
    assert "Liberal Democrat hold" in r.out and "digest checked" in r.out


def keygen(run: Run, tmp_path: Path, name: str) -> tuple[Path, Path, Path]:
    secret = tmp_path / f"{name}.pass"
    secret.write_text("correct horse battery\n")
    p12 = tmp_path / f"{name}.p12"
    r = run("keygen", "--name", name, "--out", p12, "--passphrase-file", secret)
    assert r.code == 0, r.err
    return p12, secret, p12.with_suffix(".crt")


def test_a_signed_export_is_verified(demo_db: Path, tmp_path: Path, run: Run) -> None:
    declared_demo(demo_db)
    p12, secret, cert = keygen(run, tmp_path, "A. N. Officer")
    _, _, other = keygen(run, tmp_path, "Someone Else")
    site = tmp_path / "site"
    r = run("--db", demo_db, "publish", "--out", site, "--key", p12, "--passphrase-file", secret)
    assert r.code == 0, r.err
    assert (site / "results.json.sig").is_file()
    r = run("region", "--out", tmp_path / "region", site / "results.json", "--cert", cert)
    assert r.code == 0, r.err
    assert "signature checked, signed by A. N. Officer" in r.out
    region = json.loads((tmp_path / "region" / "region.json").read_text(encoding="utf-8"))
    assert region["councils"][0]["signed_by"] == "A. N. Officer"
    # the signer is not the one asked for
    r = run("region", "--out", tmp_path / "region2", site / "results.json", "--cert", other)
    assert r.code == 2 and "not among those given with --cert" in r.err
    # the file changed, its digest file made to match: the signature still catches it
    changed = site / "results.json"
    data = changed.read_bytes().replace(b'"votes": 1405', b'"votes": 1407', 1)
    changed.write_bytes(data)
    (site / "results.json.sha256").write_text(f"{hashlib.sha256(data).hexdigest()}  results.json\n")
    r = run("region", "--out", tmp_path / "region3", changed)
    assert r.code == 2 and "signature does not match the file" in r.err
    assert not (tmp_path / "region3").exists()


def test_cert_asks_for_signed_files(three: list[tuple[Path, Path]], tmp_path: Path, run: Run) -> None:
    _, _, cert = keygen(run, tmp_path, "R. Officer")
    r = run("region", "--out", tmp_path / "region", three[0][1], "--cert", cert)
    assert r.code == 2 and "is not signed" in r.err
