"""The region's view: several councils' results together, as the press reports the night.

Councils by control and its change (held, gained, no overall control), seats by party across
the region with the change, and each council's result, ties decided by lot and turnout. Every
council figure is that council's summary (:func:`countdesk.core.summary.council_summary`); the
region's are their sums (parties grouped as the summary groups them, by
:func:`~countdesk.core.summary.party_key`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from countdesk.core.summary import NO_OVERALL_CONTROL, CouncilSummary, party_adjective, party_key
from countdesk.exports.gather import Snapshot
from countdesk.publish.labels import labels
from countdesk.publish.model import uk_time
from countdesk.publish.site import environment, long_date, translator

REGION_FORMAT = "countdesk-region/1"
MARKER = ".countdesk-site"

HELD, GAINED, NOC, WON, UNDECIDED = "held", "gained", "no overall control", "won", "not yet decided"


def outcome(s: CouncilSummary) -> str:
    """held, gained, no overall control, won (no previous control known) or not yet decided."""
    if not s.control_decided:
        return UNDECIDED
    if s.controlling_party is None:
        return NOC
    if s.previous_control is None:
        return WON
    if s.previous_control != NO_OVERALL_CONTROL and \
            party_key(s.previous_control) == party_key(s.controlling_party):
        return HELD
    return GAINED


def _pct(part: int, whole: int) -> str | None:
    if whole <= 0:
        return None
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def council_data(file: str, snap: Snapshot, checked: str, signer: str | None = None,
                 fingerprint: str | None = None) -> dict[str, Any]:
    s = snap.summary
    el = snap.election
    lots = []
    for w in snap.wards:
        for lot in w.result.lots:
            c = w.result.row(lot.winner_id).candidate
            lots.append({"ward": w.info.name, "winner": c.paper_display_name, "party": c.party,
                         "votes": w.result.row(lot.winner_id).votes})
    return {
        "authority": el.authority, "title": el.title, "poll_date": el.poll_date, "file": file,
        "file_checked": checked, "signed_by": signer, "signer_fingerprint": fingerprint,
        "wards_declared": s.wards_declared, "wards_total": s.wards_total,
        "seats_declared": s.seats_declared, "seats_total": s.seats_total, "majority": s.majority,
        "control": s.control if s.control_decided else None,
        "controlling_party": s.controlling_party, "previous_control": s.previous_control,
        "outcome": outcome(s),
        "turnout_pct": None if s.turnout_pct is None else str(s.turnout_pct),
        "ballot_papers_counted": s.ballot_papers_counted, "electorate": s.electorate,
        "parties": [{"party": p.party, "seats": p.seats, "previous_seats": p.previous,
                     "change": p.change, "votes": p.votes} for p in s.parties],
        "lots": lots,
    }


#: One council: (file name, snapshot, how checked, signer, certificate fingerprint).
Council = tuple[str, Snapshot, str, "str | None", "str | None"]


def region_data(councils: Sequence[Council], generated_at: str) -> dict[str, Any]:
    each = [council_data(*c) for c in councils]
    seats: dict[str, dict[str, Any]] = {}
    all_previous = all(p["previous_seats"] is not None for c in each for p in c["parties"])
    for c in each:
        for p in c["parties"]:
            key = party_key(p["party"])
            row = seats.setdefault(key, {"party": party_adjective(p["party"]), "seats": 0,
                                         "previous_seats": 0, "votes": 0, "councils_standing": 0})
            row["seats"] += p["seats"]
            row["previous_seats"] += p["previous_seats"] or 0
            row["votes"] += p["votes"]
            row["councils_standing"] += 1
    parties = []
    for row in seats.values():
        if not all_previous:
            row["previous_seats"] = None
        row["change"] = None if row["previous_seats"] is None else row["seats"] - row["previous_seats"]
        parties.append(row)
    parties.sort(key=lambda r: (-r["seats"], -r["votes"], r["party"]))
    control: dict[str, dict[str, int]] = {}
    for c in each:
        now = party_adjective(c["controlling_party"]) if c["controlling_party"] else (
            NO_OVERALL_CONTROL if c["outcome"] != UNDECIDED else UNDECIDED)
        before = c["previous_control"]
        before = None if before is None else (
            NO_OVERALL_CONTROL if before == NO_OVERALL_CONTROL else party_adjective(before))
        control.setdefault(now, {"councils": 0, "before": 0})["councils"] += 1
        if before is not None:
            control.setdefault(before, {"councils": 0, "before": 0})["before"] += 1
    by_control: list[dict[str, Any]] = [
        {"control": k, "councils": v["councils"], "before": v["before"],
         "change": v["councils"] - v["before"]} for k, v in control.items()]
    by_control.sort(key=lambda r: (-r["councils"], r["control"]))
    outcomes = {o: sum(1 for c in each if c["outcome"] == o) for o in (HELD, GAINED, NOC, WON, UNDECIDED)}
    papers = sum(c["ballot_papers_counted"] for c in each)
    electorate = sum(c["electorate"] for c in each)
    return {
        "format": REGION_FORMAT, "generated_at": generated_at, "councils_total": len(each),
        "outcomes": outcomes, "by_control": by_control,
        "seats_total": sum(c["seats_total"] for c in each),
        "seats_declared": sum(c["seats_declared"] for c in each),
        "parties": parties,
        "ballot_papers_counted": papers, "electorate": electorate,
        "turnout_pct": _pct(papers, electorate),
        "councils": each,
    }


def region_files(councils: Sequence[Council], generated_at: str) -> dict[str, bytes]:
    data = region_data(councils, generated_at)
    env = environment()
    lab = labels()
    html = env.get_template("region.html.j2").render(
        r=data, t=translator(lab), lang="en", root="", published=uk_time(generated_at, with_day=True),
        long_date=long_date)
    return {
        "index.html": html.encode(),
        "region.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(),
        "style.css": (env.loader.get_source(env, "style.css")[0]).encode(),  # type: ignore[union-attr]
        MARKER: b"countdesk-region/1\nA countdesk region site: written again whole each time.\n",
    }
