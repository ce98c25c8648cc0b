"""Council results and exports: ``summary`` and ``export``.

The store is read through :mod:`countdesk.app.gather`; the formats are rendered by
:mod:`countdesk.exports` and written atomically.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
from pathlib import Path

from countdesk.cli.common import UsageError, open_desk, out_path
from countdesk.core.summary import CouncilSummary, summary_dict

FORMATS = ("json", "csv", "dc-csv", "eml", "nist")


# ------------------------------------------------------------------ summary
def cmd_summary(args: argparse.Namespace) -> int:
    from countdesk.app.gather import snapshot  # noqa: PLC0415

    with open_desk(args, read_only=True) as desk:
        snap = snapshot(desk.store)
    s = snap.summary
    if args.json:
        data = summary_dict(s)
        el = snap.election
        out = {"authority": el.authority, "title": el.title, "poll_date": el.poll_date, **data}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    el = snap.election
    print(f"{el.authority} — {el.title}, poll {el.poll_date}")
    for line in summary_lines(s):
        print(line)
    return 0


def _signed(n: int | None) -> str:
    if n is None:
        return ""
    return f"{n:+d}" if n else "0"


def control_line(s: CouncilSummary) -> str:
    """The control outcome, or where things stand while it is not decided."""
    if s.control_decided and s.control:
        how = ""
        if s.control_decided_after and not s.complete:
            how = (f" (decided by the declaration of {s.control_decided_after}, "
                   f"ward {s.control_decided_wards} of {s.wards_total} declared)")
        elif s.control_decided_after:
            how = (f" (decided by the declaration of {s.control_decided_after}, "
                   f"the {_ordinal(s.control_decided_wards or 0)} ward declared)")
        return f"Control: {s.control}{how}"
    leader = s.parties[0] if s.parties and s.parties[0].seats else None
    text = "Control: not yet decided"
    if leader is not None:
        need = s.majority - leader.seats
        text += f"; {leader.party} {leader.seats} seats, {need} more needed for a majority"
    text += f"; {s.seats_total - s.seats_declared} seats still to declare"
    return text


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def summary_lines(s: CouncilSummary) -> list[str]:
    lines = [f"{s.wards_declared} of {s.wards_total} wards declared "
             f"({s.seats_declared} of {s.seats_total} seats); majority {s.majority}",
             control_line(s)]
    # the change is shown once every ward is in (before, it compares part of the council
    # with the whole of the old one); --json always gives it
    table = [["party", "seats", "change", "votes", "share"]]
    for p in s.parties:
        share = "" if p.vote_share_pct is None else f"{p.vote_share_pct}%"
        table.append([p.party, str(p.seats), _signed(p.change), f"{p.votes:,}", share])
    if not s.complete:
        table = [row[:2] + row[3:] for row in table]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, len(row))]
        lines.append("  ".join(cells).rstrip())
    if not s.complete and any(p.change is not None for p in s.parties):
        lines.append("(the change in seats is shown once every ward is declared)")
    if s.turnout_pct is not None:
        lines.append(f"Turnout {s.turnout_pct}% ({s.ballot_papers_counted:,} ballot papers counted, "
                     f"electorate {s.electorate:,}, in the declared wards with a poll)")
    if s.latest:
        lines.append(f"Latest declaration: {s.latest}")
    return lines


# ------------------------------------------------------------------- export
def eml_paths(out: Path) -> tuple[Path, Path]:
    """``results.xml`` -> ``results-510.xml`` and ``results-520.xml``."""
    stem = out.name[:-4] if out.name.lower().endswith(".xml") else out.name
    return out.with_name(f"{stem}-510.xml"), out.with_name(f"{stem}-520.xml")


def _shared(path: Path) -> Path:
    """Readable by others as any new file would be (exports are for sharing)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


def cmd_export(args: argparse.Namespace) -> int:
    from countdesk.app.gather import party_colours, snapshot  # noqa: PLC0415
    from countdesk.exports import eml, formats  # noqa: PLC0415
    from countdesk.exports.ids import authority_slug, slugify  # noqa: PLC0415

    out = out_path(args.out, "results.csv")
    with open_desk(args, read_only=True) as desk:
        snap = snapshot(desk.store)
        colours = party_colours(desk.store)
        org = slugify(args.authority_slug) if args.authority_slug else authority_slug(
            snap.election.authority)
        if not org:
            raise UsageError("--authority-slug must contain letters or digits")
        wards = formats.exported(snap, args.provisional)
        if not wards and args.format != "json":
            if args.provisional:
                raise UsageError("no ward has a result yet: nothing to export")
            raise UsageError("no ward has been declared yet: nothing to export "
                             "(--provisional exports results not yet declared)")
        declared = sum(1 for w in wards if w.declared)
        what = f"{len(wards)} ward(s)" + (f", {len(wards) - declared} provisional"
                                          if args.provisional else "")
        issued = max((w.info.declared_at for w in wards if w.info.declared_at), default=None)
        files: list[tuple[Path, bytes]] = []
        if args.format == "json":
            files.append((out, formats.json_bytes(snap, args.provisional)))
        elif args.format == "csv":
            files.append((out, formats.csv_bytes(snap, args.provisional)))
        elif args.format == "dc-csv":
            files.append((out, formats.dc_csv_bytes(snap, args.provisional, org)))
        elif args.format == "nist":
            now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace(
                "+00:00", "Z")
            files.append((out, formats.nist_bytes(snap, args.provisional, org, now, colours)))
        else:
            p510, p520 = eml_paths(out)
            files.append((p510, eml.eml_510(snap, args.provisional, org, issued)))
            files.append((p520, eml.eml_520(snap, args.provisional, org, issued)))
        written = [_shared(desk.save_document(path, data)) for path, data in files]
    print(f"wrote {args.format} results for {what} to {' and '.join(str(p) for p in written)}")
    return 0
