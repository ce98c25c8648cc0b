"""The results site: every page rendered from Jinja2 templates (autoescaped), as bytes.

:func:`build_site` returns ``{relative path: bytes}`` for the whole site; the application
layer writes it as one folder (:mod:`countdesk.app.publishing`). Every link is relative
and every file is in the folder, so the site works opened from a USB stick (``file://``)
and from any web server; there is no script and nothing is loaded from elsewhere.

- ``index.html``: control, seats by party (an SVG chart with the majority line, and the
  same figures as a table), wards declared of the total, the latest declarations, every ward;
- ``wards/<ward>.html``: the candidates in ballot order with their votes, who was elected,
  the note of any drawing of lots, the rejected papers, turnout, the declaration sheet and
  the result digest;
- ``declarations/declaration-<ward>.pdf``: the sheets as declared (signed when signed);
- ``results.json`` and ``results.csv``: the ``json`` and ``csv`` exports (declared wards);
- ``summary.json``: the council summary, with each ward's status, page and digest;
- ``press/``: the press pack (:mod:`countdesk.publish.press`);
- ``style.css``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup, escape

from countdesk.core import REJECTED_HEADS, Status
from countdesk.core.summary import CouncilSummary, summary_dict
from countdesk.exports import formats
from countdesk.exports.colours import colour_map
from countdesk.exports.gather import Snapshot, Ward
from countdesk.publish.chart import chart
from countdesk.publish.labels import Labels, labels
from countdesk.publish.model import SiteInput, uk_time, ward_slugs
from countdesk.publish.press import press_files
from countdesk.publish.qr import compact_result, qr_svg

SITE_FORMAT = "countdesk-site/1"
#: The file that marks a folder as a countdesk results site (only such a folder is replaced).
MARKER = ".countdesk-site"
#: How many of the latest declarations the index lists.
LATEST = 5


def _template_text(name: str) -> str:
    return (resources.files("countdesk.publish") / "templates" / name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    env = Environment(loader=FunctionLoader(_template_text), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["num"] = lambda n: "" if n is None else f"{n:,}"
    env.filters["signed"] = lambda n: "" if n is None else (f"{n:+d}" if n else "0")
    return env


def translator(lab: Labels) -> Callable[..., Markup]:
    """``t(key, **values)`` for the templates: the label in the page's language, and on a
    bilingual site the other language beside it, marked with its ``lang``."""
    page, other = ("cy", "en") if lab.welsh_first else ("en", "cy")

    def t(key: str, **values: object) -> Markup:
        english = lab.en(key, **values)
        welsh = lab.cy(key, **values)
        if welsh is None:
            if page == "cy":
                return Markup('<span lang="en">{}</span>').format(english)
            return Markup(escape(english))
        first, second = (welsh, english) if page == "cy" else (english, welsh)
        return Markup('{} <span lang="{}" class="second">/ {}</span>').format(first, other, second)
    return t


def page_language(lab: Labels) -> str:
    return "cy" if lab.welsh_first else "en"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def long_date(iso: str) -> str:
    """``2018-05-03`` -> ``Thursday 3 May 2018`` (as given when it is not a date)."""
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%A} {d.day} {d:%B %Y}"


def status_key(w: Ward) -> str:
    if w.result.status is Status.DECLARED:
        return "declared"
    if w.result.status is Status.COUNTERMANDED:
        return "countermanded"
    return "not_declared"


def ward_view(w: Ward, inp: SiteInput, slug: str, lab: Labels) -> dict[str, Any]:
    """What a ward's page (and its line on the index) shows."""
    r = w.result
    declared = r.status is Status.DECLARED
    contested = formats.contested(w)
    lot_ids = {lot.winner_id for lot in r.lots}
    candidates = []
    for row in r.candidates:  # ballot order
        c = row.candidate
        candidates.append({
            "name": c.paper_display_name, "description": c.description, "party": c.party,
            "party_note": c.party if c.party and _fold(c.party) not in _fold(c.description) else "",
            "votes": row.declared_votes if declared and contested else None,
            "elected": bool(row.elected) and declared,
            "lot_winner": row.candidate.id in lot_ids and declared})
    t = translator(lab)
    lots = [t("lot_sentence", name=r.row(lot.winner_id).candidate.paper_display_name)
            for lot in r.lots] if declared else []
    rejected = [{"key": f"head_{h}", "n": r.rejected.get(h, 0)} for h in REJECTED_HEADS]
    digest = inp.digests.get(w.info.id) if declared else None
    code = compact_result(inp.snapshot.election, w.info, r, digest) if digest else None
    return {
        "id": w.info.id, "name": w.info.name, "name_cy": getattr(w.info, "name_cy", None) or "",
        "slug": slug, "seats": w.info.seats,
        "status": status_key(w), "declared": declared, "contested": contested,
        "candidates": candidates, "lots": lots,
        "elected": [c for c in candidates if c["elected"]],
        "rejected": rejected if declared and contested else [],
        "rejected_total": r.rejected.get("total", 0),
        "in_part": r.rejected.get("rejected_in_part", 0) if w.info.seats > 1 and declared else None,
        "papers": r.ballot_papers_counted if declared and contested else None,
        "electorate": r.electorate,
        "turnout": None if not declared or not contested or r.turnout_pct is None
        else f"{r.turnout_pct}%",
        "unfilled": r.unfilled_seats if declared else 0,
        "declared_at": uk_time(w.info.declared_at, with_day=True) if declared else "",
        "declared_time": uk_time(w.info.declared_at) if declared else "",
        "declared_by": w.info.declared_by or "",
        "declaration": f"declarations/declaration-{slug}.pdf"
        if declared and w.info.id in inp.declarations else None,
        "digest": digest,
        "short_digest": " ".join(digest[i:i + 4] for i in range(0, 16, 4)) if digest else None,
        "expected": inp.expected.get(w.info.id),
        "qr": Markup(qr_svg(code)) if code else None,
        "code": code,
    }


def control_view(s: CouncilSummary, lab: Labels) -> dict[str, Any]:
    if s.control_decided and s.control:
        how = lab.en("decided_by", ward=s.control_decided_after) if s.control_decided_after else ""
        return {"decided": True, "words": s.control, "how": how}
    leader = s.parties[0] if s.parties and s.parties[0].seats else None
    how = "" if leader is None else lab.en("leader_needs", party=leader.party, seats=leader.seats,
                                            need=s.majority - leader.seats)
    return {"decided": False, "words": None, "how": how}


def build_site(inp: SiteInput) -> dict[str, bytes]:
    """Every file of the site, by its path in the site's folder."""
    snap = inp.snapshot
    s = snap.summary
    lab = labels(inp.languages, inp.catalogue)
    env = environment()
    slugs = ward_slugs(snap)
    wards = [ward_view(w, inp, slugs[w.info.id], lab) for w in snap.wards]
    by_name = {v["name"]: v for v in wards}
    latest = [by_name[name] for name in reversed(s.declared_order[-LATEST:])]
    common = {"t": translator(lab), "el": snap.election, "lang": page_language(lab),
              "published": uk_time(inp.generated_at, with_day=True),
              "poll_date": long_date(snap.election.poll_date), "signed": inp.signed}
    files: dict[str, bytes] = {}
    files["index.html"] = env.get_template("index.html.j2").render(
        root="", s=s, wards=wards, latest=latest, control=control_view(s, lab),
        chart=chart(s, colour_map([p.party for p in s.parties], inp.colours)), **common).encode()
    for v in wards:
        files[f"wards/{v['slug']}.html"] = env.get_template("ward.html.j2").render(
            root="../", w=v, **common).encode()
        if v["declaration"]:
            files[v["declaration"]] = inp.declarations[v["id"]]
    files["results.json"] = formats.json_bytes(snap, provisional=False)
    # sha256sum's form: what `countdesk region` checks the file against when it travels
    digest = hashlib.sha256(files["results.json"]).hexdigest()
    files["results.json.sha256"] = f"{digest}  results.json\n".encode()
    files["results.csv"] = formats.csv_bytes(snap, provisional=False)
    files["summary.json"] = summary_json(snap, inp, wards)
    files.update(press_files(snap, inp.generated_at, inp.timings, inp.expected))
    files["style.css"] = _template_text("style.css").encode()
    files[MARKER] = (f"{SITE_FORMAT}\nA countdesk results site: publishing again replaces this "
                     "whole folder.\n").encode()
    return files


def summary_json(snap: Snapshot, inp: SiteInput, wards: list[dict[str, Any]]) -> bytes:
    el = snap.election
    data = {"format": SITE_FORMAT, "authority": el.authority, "title": el.title,
            "poll_date": el.poll_date, "generated_at": inp.generated_at,
            **summary_dict(snap.summary),
            "wards": [{"ward": v["name"], "status": v["status"], "page": f"wards/{v['slug']}.html",
                       "declaration": v["declaration"], "digest": v["digest"]} for v in wards]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
