"""The election and its count: ``import``, ``wards``, ``result``, ``enter``, ``rekey``,
``accept``, ``add-sheet``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from countdesk.app import Desk
from countdesk.app.files import default_store_path, import_election_file
from countdesk.cli.common import (
    UsageError,
    num,
    open_desk,
    parse_pairs,
    print_table,
    ro_passphrase,
    words,
)
from countdesk.core import WardResult
from countdesk.core.records import ProvisionalShown
from countdesk.core.serialize import result_dict


def cmd_import(args: argparse.Namespace) -> int:
    if args.demo:
        raise UsageError("--demo always uses the built-in demo; give --db to import a file")
    path = Path(args.db) if args.db else default_store_path()
    if not args.db:
        path.parent.mkdir(parents=True, exist_ok=True)
    kept = import_election_file(path, args.file, replace=args.replace,
                                passphrase=ro_passphrase(args))
    with Desk.open(path, read_only=True) as desk:
        el = desk.election()
        wards = desk.wards()
        notices = [f"notice: {w.name}: {text}" for w in wards for text in desk.setup_notices(w.id)]
    print(f"imported {el.title}, {el.authority} ({len(wards)} wards) into {path}")
    for line in notices:
        print(line)
    if kept is not None:
        print(f"the replaced election is kept in {kept}")
    return 0


def _shown_at(shown: ProvisionalShown | None, result: WardResult) -> str | None:
    if shown is None or shown.round_number != result.round_number:
        return None
    return shown.at


def cmd_wards(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    notices: list[str] = []
    with open_desk(args) as desk:
        el = desk.election()
        for w in desk.wards():
            r = desk.result(w.id)
            notices += [f"notice: {w.name}: {text}" for text in desk.setup_notices(w.id)]
            rows.append({"id": w.id, "name": w.name, "seats": w.seats,
                         "candidates": len(r.candidates), "status": r.status.value,
                         "round": r.round_number, "electorate": w.electorate,
                         "ballot_papers_counted": r.ballot_papers_counted,
                         "turnout_pct": None if r.turnout_pct is None else float(r.turnout_pct),
                         "declared_at": w.declared_at,
                         "provisional_shown_at": _shown_at(desk.provisional(w.id), r)})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"{el.authority} — {el.title}, poll {el.poll_date}")
    table = [["id", "ward", "seats", "cands", "status", "papers", "turnout"]]
    for row in rows:
        table.append([str(row["id"]), row["name"], str(row["seats"]), str(row["candidates"]),
                      words(row["status"]), num(row["ballot_papers_counted"]),
                      "" if row["turnout_pct"] is None else f"{row['turnout_pct']:.2f}%"])
    print_table(table, right={0, 2, 3, 5, 6})
    declared = sum(1 for r in rows if r["status"] == "declared")
    print(f"{declared} of {len(rows)} wards declared")
    for line in notices:
        print(line)
    return 0


def cmd_result(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        result = desk.result(w.id, args.round)
        shown = desk.provisional(w.id)
        lots_rule = desk.cite("lots")
    if args.json:
        data = result_dict(result)
        data["provisional_shown_at"] = _shown_at(shown, result)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print_result(result, shown if _shown_at(shown, result) else None, lots_rule=lots_rule)
    return 0


def print_result(r: WardResult, shown: ProvisionalShown | None = None, *,
                 lots_rule: str = "rule 49") -> None:
    status = words(r.status.value).upper()
    print(f"{r.ward} — {r.seats} seat{'s' if r.seats != 1 else ''} — round {r.round_number} — {status}")
    lot_winners = {lot.winner_id for lot in r.lots}
    table = [["id", "candidate", "party", "votes", "declared", "pos", ""]]
    for row in r.candidates:
        c = row.candidate
        mark = {True: "ELECTED", False: "", None: "TIED"}[row.elected]
        if c.id in lot_winners:
            mark += " (won lot)"
        table.append([str(c.id), c.ballot_name, c.party, num(row.votes),
                      num(row.declared_votes) if row.declared_votes != row.votes else "",
                      "" if row.position is None else str(row.position), mark.strip()])
    print_table(table, right={0, 3, 4, 5})
    if r.unfilled_seats:
        print(f"UNFILLED SEATS: {r.unfilled_seats} (fewer candidates than seats)")
    if r.tie is not None:
        names = ", ".join(f"{r.row(i).candidate.ballot_name} ({r.row(i).candidate.party})"
                          for i in r.tie.candidate_ids)
        print(f"EQUALITY OF VOTES: {names} each have {r.tie.votes:,} votes for "
              f"{r.tie.stake}: lots must be drawn ({lots_rule})")
    if r.ballot_papers_counted is not None:
        src = " (computed: valid papers + rejected)" if r.papers_source == "computed" else ""
        turnout = f", turnout {r.turnout_pct}%" if r.turnout_pct is not None else ""
        print(f"ballot papers counted {r.ballot_papers_counted:,}{src}; rejected "
              f"{r.rejected.get('total', 0):,}{turnout}")
    if shown is not None:
        by = f" by {shown.by}" if shown.by else ""
        print(f"provisional result shown to candidates and agents at {shown.at}{by}")
    for e in r.errors:
        print(f"ERROR {e.code}: {e.message}. {e.action}")
    for w in r.warnings:
        state = "acknowledged" if w.acknowledged else "needs acknowledging"
        print(f"WARNING {w.code} ({state}): {w.message}. {w.action}")


def cmd_enter(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        votes = parse_pairs(args.votes, "--votes", key_int=True)
        rejected = parse_pairs(args.rejected, "--rejected", key_int=False)
        r = desk.enter_keying(w.id, args.keying, votes, rejected=rejected, papers=args.papers,
                              objected=args.objected, sheet=args.sheet, operator=args.operator)
    sheet = next((s for s in r.sheets if args.sheet is None or s.name.lower() == args.sheet.lower()),
                 None)
    state = words(sheet.state.value) if sheet else "?"
    print(f"saved the {args.keying} keying for {w.name}; sheet is {state}; ward is "
          f"{words(r.status.value)}")
    if sheet is not None and sheet.differences and sheet.state.value == "different":
        for e in r.errors:
            if e.code == "E203":
                print(f"the keyings differ: {e.message}")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    """A third keying of only the fields where two keyings differ (``--list`` names them,
    without either keying's value)."""
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        fields = desk.differing_fields(w.id, sheet=args.sheet)
        if args.list:
            if not fields:
                print(f"no fields to key again: no sheet of {w.name} has differing keyings")
            for name, label in fields:
                print(f"{name}\t{label}")
            return 0
        values: dict[str, object] = {f"votes:{k}": v for k, v in
                                     parse_pairs(args.votes, "--votes", key_int=True).items()}
        values |= {f"rejected:{k}": v for k, v in
                   parse_pairs(args.rejected, "--rejected", key_int=False).items()}
        for name, given in (("papers", args.papers), ("objected", args.objected)):
            if given is not None:
                values[name] = given
        r = desk.enter_third(w.id, values, sheet=args.sheet, operator=args.operator)
    sheet = next((s for s in r.sheets if args.sheet is None or s.name.lower() == args.sheet.lower()),
                 None)
    if sheet is not None and sheet.state.value == "accepted":
        print(f"the third keying settled every differing field: sheet accepted; ward is "
              f"{words(r.status.value)}")
    else:
        still = ", ".join(sheet.differences) if sheet is not None else "?"
        print(f"saved the third keying for {w.name}; it matched neither keying on: {still} "
              "(key those again, or a supervisor accepts one keying)")
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        r = desk.accept_keying(w.id, args.keying, sheet=args.sheet, by=args.by,
                               passphrase=ro_passphrase(args))
    print(f"accepted the {args.keying} keying for {w.name}; ward is {words(r.status.value)}")
    return 0


def cmd_add_sheet(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        desk.add_sheet(w.id, args.name)
    print(f"added count sheet {args.name!r} to {w.name}")
    return 0
