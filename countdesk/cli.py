"""The countdesk command line.

Exit codes: 0 done; 2 bad input or a refused action (reason on stderr);
1 anything unexpected. With no sub-command, the desktop app starts.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from countdesk import __version__
from countdesk.commandline import UsageError, parse_pairs, store_path
from countdesk.core import REJECTED_FIELDS, WardResult
from countdesk.core.serialize import result_dict
from countdesk.store import Store, StoreError, default_store_path
from countdesk.store.importer import import_into


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="countdesk", description="The count desk for UK local elections (offline).")
    p.add_argument("--version", action="version", version=f"countdesk {__version__}")
    p.add_argument("--db", metavar="PATH",
                   help="the store file (default: COUNTDESK_HOME or the user data folder)")
    p.add_argument("--demo", action="store_true",
                   help="use a fresh copy of the built-in demo election (Sutton 2018)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("import", help="load an election file into the store")
    s.add_argument("file")
    s.add_argument("--replace", action="store_true",
                   help="replace the election already in the store (refused once any ward is declared)")

    s = sub.add_parser("wards", help="list the wards and their status")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("result", help="show a ward's result")
    s.add_argument("ward", help="ward name (any case) or id")
    s.add_argument("--round", type=int, help="an earlier round (default: the latest)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("enter", help="record one operator's keying of a count sheet")
    s.add_argument("ward")
    s.add_argument("--sheet", help="the count sheet (default: the ward's only one)")
    s.add_argument("--keying", required=True, choices=["first", "second"])
    s.add_argument("--votes", nargs="+", required=True, metavar="ID=N",
                   help="each candidate's votes, by candidate id")
    s.add_argument("--rejected", nargs="+", default=[], metavar="HEAD=N",
                   help="rejected papers: " + ", ".join(REJECTED_FIELDS) + " (absent heads are 0)")
    s.add_argument("--papers", help="ballot papers counted on this sheet, valid and rejected "
                   "(default: the verified total)")
    s.add_argument("--operator", help="who keyed it")

    s = sub.add_parser("accept", help="supervisor: accept one of two differing keyings")
    s.add_argument("ward")
    s.add_argument("--sheet")
    s.add_argument("--keying", required=True, choices=["first", "second"])
    s.add_argument("--by", help="the supervisor's name")

    s = sub.add_parser("add-sheet", help="add a count sheet (one per counting table) to the round")
    s.add_argument("ward")
    s.add_argument("name")

    s = sub.add_parser("lot", help="record the outcome of drawing lots (rule 49)")
    s.add_argument("ward")
    s.add_argument("--winner", required=True, type=int, metavar="CANDIDATE_ID")
    s.add_argument("--method", required=True, help="e.g. 'coin toss', 'drawing straws'")
    s.add_argument("--witness", action="append", default=[], metavar="NAME")
    s.add_argument("--by", help="who recorded it")

    s = sub.add_parser("acknowledge", help="acknowledge a warning on a ward's result")
    s.add_argument("ward")
    s.add_argument("code", help="the warning code, e.g. W002")
    s.add_argument("--by")

    s = sub.add_parser("recount", help="record a recount request; a granted one opens a new round")
    s.add_argument("ward")
    s.add_argument("--requested-by", required=True)
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--granted", action="store_true")
    group.add_argument("--refused", action="store_true")
    s.add_argument("--reason", default="")
    s.add_argument("--by", help="the returning officer or deputy deciding")

    sub.add_parser("audit-verify", help="check the audit chain and the stored figures against it")
    for register in _extensions():
        register(sub)
    return p


def _extensions() -> list[Any]:
    """Sub-command groups that live beside their code (declarations, reports)."""
    import importlib  # noqa: PLC0415

    out: list[Any] = []
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise  # a real import error inside an extension
            continue
        out.append(module.register)
    return out


#: Modules whose ``register(sub)`` adds sub-commands (each sets ``handler`` on its parsers).
EXTENSIONS = ("countdesk.reports.commands", "countdesk.exports.commands",
              "countdesk.reliability.commands")


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (StoreError, UsageError) as exc:
        print(f"countdesk: {exc}", file=sys.stderr)
        return 2
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            print("countdesk: the store is busy in another countdesk; try again", file=sys.stderr)
            return 2
        print(f"countdesk: unexpected database error: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        print(f"countdesk: the store is damaged ({exc}); restore it from a backup", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("countdesk: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:
        print(f"countdesk: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    if args.command is None:
        return start_gui(args)
    if args.command == "import":
        if args.demo:
            raise UsageError("--demo always uses the built-in demo; give --db to import a file")
        path = Path(args.db) if args.db else default_store_path()
        if not args.db:
            path.parent.mkdir(parents=True, exist_ok=True)
        kept = import_into(path, args.file, replace=args.replace)
        with Store.open(path) as store:
            el = store.election()
            n = len(store.wards())
        print(f"imported {el.title}, {el.authority} ({n} wards) into {path}")
        if kept is not None:
            print(f"the replaced election is kept in {kept}")
        return 0
    handler = getattr(args, "handler", None)
    if handler is not None:  # commands registered by an extension
        return int(handler(args))
    path = store_path(args)
    with Store.open(path) as store:
        return COMMANDS[args.command](store, args)


def start_gui(args: argparse.Namespace) -> int:
    try:
        from countdesk.gui.app import run_app  # noqa: PLC0415
    except ImportError as exc:
        raise UsageError(f"the desktop app is not available here ({exc}); "
                         "see `countdesk --help` for the command line") from None
    return int(run_app(args))


# ---------------------------------------------------------------- commands
def cmd_wards(store: Store, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for w in store.wards():
        r = store.result(w.id)
        rows.append({"id": w.id, "name": w.name, "seats": w.seats,
                     "candidates": len(r.candidates), "status": r.status.value,
                     "round": r.round_number, "electorate": w.electorate,
                     "ballot_papers_counted": r.ballot_papers_counted,
                     "turnout_pct": None if r.turnout_pct is None else float(r.turnout_pct),
                     "declared_at": w.declared_at})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    el = store.election()
    print(f"{el.authority} — {el.title}, poll {el.poll_date}")
    table = [["id", "ward", "seats", "cands", "status", "papers", "turnout"]]
    for row in rows:
        table.append([str(row["id"]), row["name"], str(row["seats"]), str(row["candidates"]),
                      row["status"].replace("_", " "),
                      _num(row["ballot_papers_counted"]),
                      "" if row["turnout_pct"] is None else f"{row['turnout_pct']:.2f}%"])
    _print_table(table, right={0, 2, 3, 5, 6})
    declared = sum(1 for r in rows if r["status"] == "declared")
    print(f"{declared} of {len(rows)} wards declared")
    return 0


def cmd_result(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    result = store.result(w.id, args.round)
    if args.json:
        print(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
        return 0
    print_result(result)
    return 0


def print_result(r: WardResult) -> None:
    status = r.status.value.replace("_", " ").upper()
    print(f"{r.ward} — {r.seats} seat{'s' if r.seats != 1 else ''} — round {r.round_number} — {status}")
    lot_winners = {lot.winner_id for lot in r.lots}
    table = [["id", "candidate", "party", "votes", "declared", "pos", ""]]
    for row in r.candidates:
        c = row.candidate
        mark = {True: "ELECTED", False: "", None: "TIED"}[row.elected]
        if c.id in lot_winners:
            mark += " (won lot)"
        table.append([str(c.id), c.ballot_name, c.party, _num(row.votes),
                      _num(row.declared_votes) if row.declared_votes != row.votes else "",
                      "" if row.position is None else str(row.position), mark.strip()])
    _print_table(table, right={0, 3, 4, 5})
    if r.tie is not None:
        names = ", ".join(f"{r.row(i).candidate.ballot_name} ({r.row(i).candidate.party})"
                          for i in r.tie.candidate_ids)
        print(f"EQUALITY OF VOTES: {names} each have {r.tie.votes:,} votes for "
              f"{r.tie.seats} seat{'s' if r.tie.seats != 1 else ''}: lots must be drawn (rule 49)")
    if r.ballot_papers_counted is not None:
        src = " (verified total)" if r.papers_source == "verified" else ""
        turnout = f", turnout {r.turnout_pct}%" if r.turnout_pct is not None else ""
        print(f"ballot papers counted {r.ballot_papers_counted:,}{src}; rejected "
              f"{r.rejected.get('total', 0):,}{turnout}")
    for e in r.errors:
        print(f"ERROR {e.code}: {e.message}. {e.action}")
    for w in r.warnings:
        state = "acknowledged" if w.acknowledged else "needs acknowledging"
        print(f"WARNING {w.code} ({state}): {w.message}. {w.action}")


def cmd_enter(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    votes = parse_pairs(args.votes, "--votes", key_int=True)
    rejected = parse_pairs(args.rejected, "--rejected", key_int=False)
    r = store.enter_keying(w.id, args.keying, votes, rejected=rejected, papers=args.papers,
                           sheet=args.sheet, operator=args.operator)
    sheet = next((s for s in r.sheets if args.sheet is None or s.name.lower() == args.sheet.lower()),
                 None)
    state = sheet.state.value.replace("_", " ") if sheet else "?"
    print(f"saved the {args.keying} keying for {w.name}; sheet is {state}; ward is "
          f"{r.status.value.replace('_', ' ')}")
    if sheet is not None and sheet.differences and sheet.state.value == "different":
        for e in r.errors:
            if e.code == "E203":
                print(f"the keyings differ: {e.message}")
    return 0


def cmd_accept(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    r = store.accept_keying(w.id, args.keying, sheet=args.sheet, by=args.by)
    print(f"accepted the {args.keying} keying for {w.name}; ward is {r.status.value.replace('_', ' ')}")
    return 0


def cmd_add_sheet(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    store.add_sheet(w.id, args.name)
    print(f"added count sheet {args.name!r} to {w.name}")
    return 0


def cmd_lot(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    r = store.record_lot(w.id, args.winner, args.method, args.witness, by=args.by)
    winner = r.row(args.winner)
    print(f"recorded: {winner.candidate.ballot_name} ({winner.candidate.party}) won the lot "
          f"({args.method}); declared votes {winner.declared_votes:,}; ward is "
          f"{r.status.value.replace('_', ' ')}")
    return 0


def cmd_acknowledge(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    store.acknowledge(w.id, args.code, by=args.by)
    print(f"acknowledged {args.code.upper()} for {w.name}")
    return 0


def cmd_recount(store: Store, args: argparse.Namespace) -> int:
    w = store.ward(args.ward)
    r = store.request_recount(w.id, args.requested_by, granted=args.granted, reason=args.reason,
                              decided_by=args.by)
    if args.granted:
        print(f"recount granted: {w.name} round {r.round_number} is open for keying")
    else:
        print(f"recount request refused and recorded for {w.name}")
    return 0


def cmd_audit_verify(store: Store, args: argparse.Namespace) -> int:
    problems = store.verify_audit()
    n = len(store.audit_records())
    if problems:
        print(f"AUDIT FAILED: {problems[0]}", file=sys.stderr)
        for extra in problems[1:10]:
            print(f"  also: {extra}", file=sys.stderr)
        return 2
    print(f"audit OK: {n} records, chain intact, stored figures match the log")
    return 0


COMMANDS = {
    "wards": cmd_wards, "result": cmd_result, "enter": cmd_enter, "accept": cmd_accept,
    "add-sheet": cmd_add_sheet, "lot": cmd_lot, "acknowledge": cmd_acknowledge,
    "recount": cmd_recount, "audit-verify": cmd_audit_verify,
}


def _num(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _print_table(rows: list[list[str]], right: set[int]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        print("  ".join(cells).rstrip())

if __name__ == "__main__":
    # Run the imported module, not this __main__ copy, so that extensions raising
    # countdesk.cli.UsageError are answered with exit code 2 like everything else.
    from countdesk.cli import main as _main

    raise SystemExit(_main())
