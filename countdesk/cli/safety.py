"""Keeping a store safe: ``audit-verify``, ``audit-compare``, ``backup``, ``restore`` and
``set-passphrase``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from countdesk.app import Desk
from countdesk.app import safety as app_safety
from countdesk.app.safety import read_passphrase_file
from countdesk.cli.common import UsageError, open_desk, ro_passphrase, store_path


def cmd_audit_verify(args: argparse.Namespace) -> int:
    passphrase = ro_passphrase(args)
    with open_desk(args) as desk:
        problems = desk.verify_audit(passphrase)
        n = len(desk.audit_records())
        ro = desk.ro_records()
        for anchor in args.anchor:
            if not problems:
                problems = desk.check_anchor(Path(anchor))
    if problems:
        print(f"AUDIT FAILED: {problems[0]}", file=sys.stderr)
        for extra in problems[1:10]:
            print(f"  also: {extra}", file=sys.stderr)
        return 2
    print(f"audit OK: {n} records, chain intact, stored figures match the log")
    for anchor in args.anchor:
        print(f"the log still holds every record of {anchor}, unchanged")
    if ro and passphrase is not None:
        print(f"the {ro} records of the returning officer's actions were all made with the passphrase")
    elif ro:
        print(f"{ro} records of the returning officer's actions were not checked for forgery: give the "
              "passphrase (--ro-passphrase-file FILE) to check them")
    return 0


def cmd_audit_compare(args: argparse.Namespace) -> int:
    problems, n = app_safety.compare_logs(store_path(args), Path(args.file))
    if problems:
        print(f"AUDIT DIFFERS: {problems[0]}", file=sys.stderr)
        return 2
    print(f"audit OK: the store's log begins with all {n} records of {args.file}, unchanged")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    result = app_safety.backup(store_path(args), Path(args.folder), keep=args.keep)
    print(f"backed up to {result.path} ({result.audit_records} audit records); "
          f"{len(result.removed)} older backup{'s' if len(result.removed) != 1 else ''} removed")
    if result.audit_problems:
        print(f"warning: the store fails the audit check: {result.audit_problems[0]}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if args.demo:
        raise UsageError("--demo always uses the built-in demo; give --db to restore a store")
    target = Path(args.restore_db) if args.restore_db else store_path(args)
    outcome = app_safety.restore(Path(args.file), target, passphrase=ro_passphrase(args),
                                 other_election=args.other_election)
    with Desk.open(target, read_only=True) as desk:
        n = len(desk.audit_records())
        el = desk.election()
    print(f"restored {el.title}, {el.authority} ({n} audit records, chain intact) into {target}")
    if outcome.kept is not None:
        print(f"the store it replaced is kept in {outcome.kept}")
    if outcome.other_election:
        print("the store it replaced held another election")
    elif outcome.lost_records:
        print(f"{outcome.lost_records} change{'s' if outcome.lost_records != 1 else ''} made after the "
              f"backup ({outcome.latest_lost}) are not in it; they stay in {outcome.kept}")
    return 0


def cmd_set_passphrase(args: argparse.Namespace) -> int:
    new = read_passphrase_file(args.passphrase_file)
    old = read_passphrase_file(args.old_passphrase_file) if args.old_passphrase_file else None
    with open_desk(args) as desk:
        changing = desk.passphrase_set()
        desk.set_passphrase(new, old=old, by=args.by)
    print("changed the returning officer's passphrase" if changing else
          "set the returning officer's passphrase: declaring, lots, unlocking candidates, accepting "
          "a keying over another, turning double entry off, countermanding a poll, reporting an "
          "error after the declaration and key management now need it")
    return 0
