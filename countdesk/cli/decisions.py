"""Decisions: ``provisional``, ``lot``, ``acknowledge``, ``recount``, ``declare`` (one ward or
``--all``), ``countermand``, ``report-error`` and ``correct`` (which only refuses).

Each is allowed only when the ward's workflow allows it; a refusal exits 2 with the
workflow's code and sentence, and nothing changed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from countdesk.app import AppError, Desk
from countdesk.app.documents import declaration_filename, sign
from countdesk.cli.common import UsageError, open_desk, out_path, parse_pairs, ro_passphrase, words
from countdesk.cli.documents import Signing, digest_of
from countdesk.core import WardResult
from countdesk.core.workflow import Action

#: the workflow's code for a warning not yet acknowledged (``declare --all`` exits 3)
UNACKNOWLEDGED = "F008"
#: the workflow's code for a provisional result not yet shown for the current figures
NOT_SHOWN = "F005"


def _elected(r: WardResult) -> str:
    return "; ".join(f"{r.row(c).candidate.ballot_name} ({r.row(c).candidate.party})" for c in r.elected)


def cmd_provisional(args: argparse.Namespace) -> int:
    out = out_path(args.out, "provisional.pdf") if args.out else None
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        r = desk.show_provisional(w.id, by=args.by)
        shown = desk.provisional(w.id)
        if out is not None:
            desk.save_document(out, desk.provisional_sheet(w.id))
    at = f" at {shown.at}" if shown is not None else ""
    print(f"recorded that the provisional result of {w.name} (round {r.round_number}) was shown to "
          f"candidates and agents{at}; they may ask for a recount before the declaration")
    if out is not None:
        print(f"wrote the provisional result for {w.name} to {out}{digest_of(out)}")
    return 0


def cmd_lot(args: argparse.Namespace) -> int:
    passphrase = ro_passphrase(args)
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        r = desk.record_lot(w.id, args.winner, args.method, args.witness, by=args.by,
                            passphrase=passphrase)
    winner = r.row(args.winner)
    print(f"recorded: {winner.candidate.ballot_name} ({winner.candidate.party}) won the lot "
          f"({args.method}); declared votes {winner.declared_votes:,}; ward is {words(r.status.value)}")
    return 0


def cmd_acknowledge(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        desk.acknowledge(w.id, args.code, by=args.by, explanation=args.explanation)
    print(f"acknowledged {args.code.upper()} for {w.name}")
    return 0


def cmd_recount(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        r = desk.request_recount(w.id, args.requested_by, granted=args.granted, reason=args.reason,
                                 decided_by=args.by, kind="full" if args.bundles is None else "bundles",
                                 bundles=args.bundles or ())
    if args.granted:
        print(f"recount granted: {w.name} round {r.round_number} is open for keying (show its "
              "provisional result again before declaring)")
    else:
        print(f"recount request refused and recorded for {w.name}")
    return 0


def cmd_countermand(args: argparse.Namespace) -> int:
    passphrase = ro_passphrase(args)
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        desk.countermand(w.id, args.reason, by=args.by, passphrase=passphrase)
    print(f"the poll in {w.name} is countermanded ({args.reason}): no count and no declaration "
          "from now on")
    return 0


def cmd_report_error(args: argparse.Namespace) -> int:
    votes = parse_pairs(args.votes, "--votes", key_int=True)
    rejected = parse_pairs(args.rejected, "--rejected", key_int=False)
    out = out_path(args.out, "error-report.pdf") if args.out else None
    passphrase = ro_passphrase(args)
    with open_desk(args) as desk:
        w = desk.ward(args.ward)
        report = desk.report_error(w.id, args.reason, votes=votes, rejected=rejected,
                                   papers=args.papers, by=args.by, passphrase=passphrase)
        if out is not None:
            desk.save_document(out, desk.error_report_sheet(w.id, report.id))
    print(f"recorded the error reported in {w.name}'s declared result ({report.reason}). The "
          "declared result stands, unchanged, unless an election court decides otherwise")
    if out is not None:
        print(f"wrote the statement of the error reported to {out}")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    raise UsageError("a declared result cannot be corrected in countdesk (only an election court "
                     "can change it): use report-error to record the error found (countdesk "
                     "report-error WARD --reason TEXT [--votes ID=N ...]); nothing was changed")


# ------------------------------------------------------------------ declare
def cmd_declare(args: argparse.Namespace) -> int:
    if args.all:
        return cmd_declare_all(args)
    if args.out_dir:
        raise UsageError("--out-dir goes with --all; for one ward give --out FILE.pdf")
    if not args.ward or not args.out:
        raise UsageError("declare needs a WARD and --out FILE.pdf (or --all --out-dir DIR)")
    out = out_path(args.out, "declaration.pdf")
    signing = Signing(args)
    passphrase = ro_passphrase(args)
    path = Path(args.db) if args.db else None
    with open_desk(args) as desk:
        ward = desk.ward(args.ward)
        before = ward.declared_at
        try:
            pdf = desk.declare_and_print(ward.id, by=args.by, signature_image=signing.image,
                                         passphrase=passphrase)
            desk.save_document(out, sign(pdf, signing.signer, desk.election().authority))
        except Exception as exc:
            if desk.ward(ward.id).declared_at == before:  # refused: nothing changed
                raise
            _declared_but_not_written(desk, ward.name, out, exc, path=path)
            return 1
        ward = desk.ward(ward.id)
        result = desk.result(ward.id)
    from countdesk.reports.layout import declared_time  # noqa: PLC0415

    print(f"declared {ward.name} on {declared_time(ward.declared_at)}; elected: {_elected(result)}")
    print(f"wrote the declaration to {out} ({signing.how()}){digest_of(out)}")
    return 0


def _declared_but_not_written(desk: Desk, name: str, target: Path, exc: Exception, *,
                              path: Path | None, more: str = "") -> None:
    w = desk.ward(name)
    db = f" --db {path}" if path else ""
    print(f"countdesk: {w.name} IS DECLARED (at {w.declared_at}) and locked, but its declaration "
          f"could not be written to {target}: {exc}. Print it again with: countdesk{db} report "
          f"declaration {w.name!r} --out FILE.pdf{more}", file=sys.stderr)


def cmd_declare_all(args: argparse.Namespace) -> int:
    """Declare every ward the workflow allows, in ward order, writing each sheet into --out-dir.

    Exit 0: every ward that could be declared was (the others are named with their reason).
    Exit 3: a ward was skipped because a warning on it has not been acknowledged; the others
    were declared. Exit 2: refused before anything was declared (no --out-dir, a bad key, the
    passphrase). Exit 1: a ward was declared but its sheet could not be written.
    """
    if args.ward or args.out:
        raise UsageError("--all declares every ready ward: give no WARD and no --out, "
                         "only --out-dir DIR")
    if not args.out_dir:
        raise UsageError("--all needs --out-dir DIR, the folder for the declarations")
    folder = Path(args.out_dir)
    if not folder.is_dir():
        raise UsageError(f"--out-dir {folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"the folder {folder} is read-only")
    signing = Signing(args)
    passphrase = ro_passphrase(args)
    path = Path(args.db) if args.db else None
    declared: list[str] = []
    skipped: list[str] = []
    waiting: list[str] = []
    with open_desk(args) as desk, desk.as_returning_officer(passphrase):
        authority = desk.election().authority
        taken: set[str] = set()
        for ward in desk.wards():
            if ward.declared_at:
                continue
            verdict = desk.check(ward.id, Action.DECLARE)
            if verdict.code == UNACKNOWLEDGED:
                print(f"countdesk: skipped {ward.name}: {verdict.code}: {verdict.reason} "
                      f"(countdesk acknowledge {ward.name!r} CODE)", file=sys.stderr)
                skipped.append(ward.name)
                continue
            if not verdict.allowed:
                print(f"not declared {ward.name}: {verdict.code}: {verdict.reason}")
                state = ("provisional result not shown" if verdict.code == NOT_SHOWN
                         else words(desk.result(ward.id).status.value))
                waiting.append(f"{ward.name} ({state})")
                continue
            target = folder / declaration_filename(ward.name, ward.id, taken)
            try:
                pdf = desk.declare_and_print(ward.id, by=args.by, signature_image=signing.image)
            except AppError as exc:
                if desk.ward(ward.id).declared_at is None:
                    print(f"countdesk: skipped {ward.name}: {exc}", file=sys.stderr)
                    skipped.append(ward.name)
                    continue
                _declared_but_not_written(desk, ward.name, target, exc, path=path,
                                          more="; the wards after it were not declared")
                return 1
            try:
                desk.save_document(target, sign(pdf, signing.signer, authority))
            except Exception as exc:
                _declared_but_not_written(desk, ward.name, target, exc, path=path,
                                          more="; the wards after it were not declared")
                return 1
            print(f"declared {ward.name}: {_elected(desk.result(ward.id))}; wrote {target} "
                  f"({signing.how()})")
            declared.append(ward.name)
    line = f"declared {len(declared)} ward{'s' if len(declared) != 1 else ''}"
    if skipped:
        line += f"; skipped {len(skipped)} with warnings to acknowledge: {', '.join(skipped)}"
    if waiting:
        line += f"; not ready: {', '.join(waiting)}"
    if not declared and not skipped:
        line = "no ward is ready to declare" + (f" (not ready: {', '.join(waiting)})" if waiting else "")
    print(line)
    return 3 if skipped else 0
