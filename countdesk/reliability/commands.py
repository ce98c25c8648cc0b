"""Command-line commands for keeping a store safe: backup, restore, set-passphrase, correct.

Registered into ``countdesk``'s parser by :func:`register`, which also gives
the commands that need the returning officer's passphrase (``lot``,
``accept``, ``declare``, ``correct``, ``keygen --db``) a way to take it from a
file: ``--passphrase-file FILE`` (``declare`` and ``keygen`` already use that
name for the signing key's passphrase, so there it is ``--ro-passphrase-file``;
every one of them accepts that spelling too). When no passphrase has been set,
these commands work without one.

Refusals raise :class:`StoreError` (exit 2, nothing changed).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from countdesk.commandline import UsageError, parse_pairs, store_path
from countdesk.store import Store, StoreError, access

Handler = Callable[[argparse.Namespace], int]

RO_HELP = "a file holding the returning officer's passphrase (needed once one is set)"



def _read(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        return access.read_passphrase_file(path)
    except access.PassphraseFileError as exc:
        raise StoreError(str(exc)) from None


def _ro_option(p: argparse.ArgumentParser, *, plain: bool) -> None:
    names = ["--ro-passphrase-file"] + (["--passphrase-file"] if plain else [])
    p.add_argument(*names, dest="ro_passphrase_file", metavar="FILE", help=RO_HELP)


def register(sub: Any) -> None:
    """Add backup, restore, set-passphrase and correct, and passphrase options to the
    commands that need the returning officer's authority."""
    p = sub.add_parser(
        "backup", help="back up the store into a folder (SQLite online backup; safe while in use)",
        description="Writes NAME-backup-TIME.db into DIR (a USB stick, say) through SQLite's online "
        "backup, checks it, and keeps the newest --keep backups of this store there.")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--keep", type=int, default=20, help="backups of this store to keep (default 20)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", help="replace the store by a backup, after checking the backup",
        description="Checks the backup (a countdesk store, integrity, audit chain) and then replaces "
        "the store given by --db (before or after the command) with it. The replaced store is kept "
        "beside it as NAME.before-restore-TIME.db. Refused while another countdesk writes to the store.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--db", dest="restore_db", metavar="PATH",
                   help="the store to replace (as `countdesk --db PATH restore FILE`)")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser(
        "audit-compare", help="check that the store's audit log still begins with a backup's",
        description="An edit made behind countdesk's back that also re-computes every later hash "
        "of the audit chain cannot be seen from the store alone; a backup (or any earlier copy) "
        "can see it. Exit 0 when every record of FILE's log is in the store's, unchanged; "
        "otherwise exit 2 naming the first record that differs.")
    p.add_argument("file", metavar="FILE", help="a backup, or any earlier copy of this store")
    p.set_defaults(handler=cmd_audit_compare)

    p = sub.add_parser(
        "set-passphrase", help="set or change the returning officer's passphrase",
        description="Declaring, recording lots, unlocking candidate lists, accepting one keying over "
        "another, turning double entry off, corrections and key management then need it. Only a "
        "scrypt hash is stored. Changing it needs the current one.")
    p.add_argument("--passphrase-file", required=True, metavar="FILE",
                   help="a file holding the new passphrase (at least 8 characters; the trailing "
                   "newline is ignored)")
    p.add_argument("--old-passphrase-file", metavar="FILE", help="the current passphrase, to change it")
    p.add_argument("--by", metavar="NAME", help="who sets it")
    p.set_defaults(handler=cmd_set_passphrase)

    p = sub.add_parser(
        "correct", help="correct a declared ward's figures (returning officer; with a reason)",
        description="The only change a declared ward allows: the corrected figures replace the "
        "declared ones, the original declaration stays on record, and --out writes the corrected "
        "declaration (marked as such).")
    p.add_argument("ward")
    p.add_argument("--votes", nargs="+", default=[], metavar="ID=N",
                   help="corrected votes by candidate id (others keep their declared figure)")
    p.add_argument("--rejected", nargs="+", default=[], metavar="HEAD=N")
    p.add_argument("--papers", help="corrected ballot papers counted")
    p.add_argument("--reason", required=True, help="why the declared figures were wrong")
    p.add_argument("--by", metavar="NAME", help="the returning officer or deputy")
    p.add_argument("--out", metavar="FILE.pdf", help="write the corrected declaration here")
    _ro_option(p, plain=True)
    p.set_defaults(handler=cmd_correct)

    # the commands that need the returning officer's passphrase
    for name in ("lot", "accept"):
        parser = sub.choices.get(name)
        if parser is not None:
            _ro_option(parser, plain=True)
            parser.set_defaults(handler=_core_command(name))
    declare = sub.choices.get("declare")
    if declare is not None:
        _ro_option(declare, plain=False)
        declare.set_defaults(handler=_offering(declare.get_default("handler")))
    keygen = sub.choices.get("keygen")
    if keygen is not None:
        _ro_option(keygen, plain=False)
        keygen.set_defaults(handler=_keygen(keygen.get_default("handler")))


def _offering(handler: Handler) -> Handler:
    """``handler`` with the passphrase from ``--ro-passphrase-file`` offered to the store."""
    def run(args: argparse.Namespace) -> int:
        with access.offer(_read(args.ro_passphrase_file)):
            return int(handler(args))
    return run


def _core_command(name: str) -> Handler:
    def run(args: argparse.Namespace) -> int:
        from countdesk import cli  # noqa: PLC0415

        with access.offer(_read(args.ro_passphrase_file)), Store.open(store_path(args)) as store:
            return int(cli.COMMANDS[name](store, args))
    return _rename(run, name)


def _rename(fn: Handler, name: str) -> Handler:
    fn.__name__ = f"cmd_{name.replace('-', '_')}"
    return fn


def _keygen(handler: Handler) -> Handler:
    """keygen with --db: a signing key made for a store is key management (audited, and
    needs the returning officer's passphrase once one is set)."""
    def run(args: argparse.Namespace) -> int:
        if not args.db:
            return int(handler(args))
        passphrase = _read(args.ro_passphrase_file)
        with Store.open(Path(args.db)) as store, store.as_returning_officer(passphrase):
            code = int(handler(args))
            if code == 0:
                out = Path(args.out)
                cert = Path(args.cert_out) if args.cert_out else out.with_suffix(".crt")
                store.record_key_event("signing key made", {
                    "name": args.name, "key_file": out.name, "certificate": cert.name,
                    "certificate_sha256": _sha256(cert)})
                print(f"recorded in the audit log of {args.db}")
            return code
    return run


def _sha256(path: Path) -> str | None:
    import hashlib  # noqa: PLC0415

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ----------------------------------------------------------------- commands
def cmd_backup(args: argparse.Namespace) -> int:
    from countdesk.reliability.backups import backup_store  # noqa: PLC0415

    result = backup_store(store_path(args), Path(args.folder), keep=args.keep)
    print(f"backed up to {result.path} ({result.audit_records} audit records); "
          f"{len(result.removed)} older backup{'s' if len(result.removed) != 1 else ''} removed")
    if result.audit_problems:
        print(f"warning: the store fails the audit check: {result.audit_problems[0]}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from countdesk.reliability.backups import restore  # noqa: PLC0415

    if args.demo:
        raise StoreError("--demo always uses the built-in demo; give --db to restore a store")
    target = Path(args.restore_db) if args.restore_db else store_path(args)
    kept = restore(Path(args.file), target)
    with Store.open(target, read_only=True) as store:
        n = len(store.audit_records())
        el = store.election()
    print(f"restored {el.title}, {el.authority} ({n} audit records, chain intact) into {target}")
    if kept is not None:
        print(f"the store it replaced is kept in {kept}")
    return 0


def cmd_set_passphrase(args: argparse.Namespace) -> int:
    new = _read(args.passphrase_file)
    old = _read(args.old_passphrase_file)
    assert new is not None
    with Store.open(store_path(args)) as store:
        changing = store.passphrase_set()
        store.set_passphrase(new, old=old, by=args.by)
    print("changed the returning officer's passphrase" if changing else
          "set the returning officer's passphrase: declaring, lots, unlocking candidates, accepting "
          "a keying over another, turning double entry off, corrections and key management now "
          "need it")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    try:
        votes = parse_pairs(args.votes, "--votes", key_int=True)
        rejected = parse_pairs(args.rejected, "--rejected", key_int=False)
    except UsageError as exc:  # a badly written item
        raise StoreError(str(exc)) from None
    if not votes and not rejected and args.papers is None:
        raise StoreError("give the corrected figures (--votes, --rejected or --papers)")
    out = Path(args.out) if args.out else None
    if out is not None and (out.is_dir() or not (out.parent if str(out.parent) else Path(".")).is_dir()):
        raise StoreError(f"--out {out}: give a file name in an existing folder")
    with access.offer(_read(args.ro_passphrase_file)), Store.open(store_path(args)) as store:
        w = store.ward(args.ward)
        r = store.correct_declaration(w.id, votes, rejected=rejected, papers=args.papers,
                                      reason=args.reason, by=args.by)
        elected = "; ".join(f"{r.row(c).candidate.ballot_name} ({r.row(c).candidate.party})"
                            for c in r.elected)
        print(f"corrected the declared result of {w.name}; elected: {elected}. The original "
              "declaration stays in the record")
        if out is not None:
            from countdesk.reports import api  # noqa: PLC0415
            from countdesk.store.files import atomic_write  # noqa: PLC0415

            atomic_write(out, api.build(store, "declaration", w.id))
            print(f"wrote the corrected declaration to {out} (unsigned; to sign it: countdesk "
                  f"--db PATH report declaration {w.id} --out FILE.pdf --key KEY.p12 "
                  "--passphrase-file FILE)")
    return 0


def cmd_audit_compare(args: argparse.Namespace) -> int:
    import sys  # noqa: PLC0415

    from countdesk.reliability.backups import compare_logs  # noqa: PLC0415

    problems, n = compare_logs(store_path(args), Path(args.file))
    if problems:
        print(f"AUDIT DIFFERS: {problems[0]}", file=sys.stderr)
        return 2
    print(f"audit OK: the store's log begins with all {n} records of {args.file}, unchanged")
    return 0
