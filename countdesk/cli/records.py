"""The count's records: ``box`` (one ballot box's account at verification), ``explain``
(the explanation of the variance at verification) and ``timings`` (when each ward reached
each stage of its count)."""

from __future__ import annotations

import argparse
import json

from countdesk.cli.common import open_desk


def cmd_box(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        s = desk.record_box(w.id, args.box, postal=args.postal, issued=args.issued,
                            counted=args.counted, unused=args.unused, spoilt=args.spoilt,
                            tendered=args.tendered, actor=args.by)
    what = "postal papers" if args.postal else "ballot box"
    verified = "not known yet" if s.ballot_papers_verified is None else f"{s.ballot_papers_verified:,}"
    print(f"recorded {what} {args.box.strip()} for {w.name}: verified total {verified}, "
          f"variance {s.variance:+,}")
    if s.unexplained_boxes:
        print(f"the variance of {', '.join(s.unexplained_boxes)} is not explained: explain it "
              "(Verification tab) or recount the box before the count goes on")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        desk.explain_variance(w.id, args.explanation, by=args.by)
    print(f"recorded the explanation of the variance at the verification of {w.name}")
    return 0


def cmd_timings(args: argparse.Namespace) -> int:
    with open_desk(args, read_only=True) as desk:
        rows = desk.timings()
    if args.json:
        print(json.dumps([t.as_json() for t in rows], ensure_ascii=False, indent=2))
        return 0
    heads = ("ward", "first box verified", "first keying", "provisional shown", "declared")
    table = [heads] + [(t.ward, *(v or "—" for v in (t.first_box_at, t.first_keying_at,
                                                    t.provisional_at, t.declared_at)))
                       for t in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(heads))]
    for r in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    return 0
