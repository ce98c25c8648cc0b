"""Every command of the command line and its options, in one place.

Each sub-command sets ``handler``: the function (in :mod:`countdesk.cli.counting`,
:mod:`~countdesk.cli.decisions`, :mod:`~countdesk.cli.documents`,
:mod:`~countdesk.cli.exports` or :mod:`~countdesk.cli.safety`) that parses its
arguments, makes one call into :mod:`countdesk.app` and prints. People script
against these names, options and JSON keys: they stay stable.
"""

from __future__ import annotations

import argparse

from countdesk import __version__
from countdesk.cli import counting, decisions, documents, exports, publishing, records, safety
from countdesk.core import REJECTED_FIELDS
from countdesk.reports.kinds import KINDS

RO_HELP = "a file holding the returning officer's passphrase (needed once one is set)"


def _ro_option(p: argparse.ArgumentParser, *, plain: bool) -> None:
    """``--ro-passphrase-file`` (and ``--passphrase-file`` too where that is not the signing
    key's passphrase)."""
    names = ["--ro-passphrase-file"] + (["--passphrase-file"] if plain else [])
    p.add_argument(*names, dest="ro_passphrase_file", metavar="FILE", help=RO_HELP)


def _signing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="FILE.p12", help="sign with this PKCS#12 key")
    p.add_argument("--passphrase-file", metavar="FILE", help="the key's passphrase, in a file")
    p.add_argument("--signature-image", metavar="FILE",
                   help="an image of the handwritten signature (PNG or JPEG) to print above the name")


def _figures(p: argparse.ArgumentParser, *, votes_required: bool) -> None:
    p.add_argument("--votes", nargs="+", required=votes_required, default=[], metavar="ID=N",
                   help="each candidate's votes, by candidate id")
    p.add_argument("--rejected", nargs="+", default=[], metavar="HEAD=N",
                   help="rejected papers: " + ", ".join(REJECTED_FIELDS) + " (absent heads are 0)")
    p.add_argument("--papers", help="ballot papers counted, valid and rejected")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="countdesk", description="The count desk for UK local elections (offline).")
    p.add_argument("--version", action="version", version=f"countdesk {__version__}")
    p.add_argument("--db", metavar="PATH",
                   help="the store file (default: COUNTDESK_HOME or the user data folder)")
    p.add_argument("--demo", action="store_true",
                   help="use a fresh copy of the built-in demo election (Sutton 2018)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _counting(sub)
    _decisions(sub)
    _documents(sub)
    _exports(sub)
    _safety(sub)
    _records(sub)
    publishing.add_commands(sub, _signing_options)
    return p


# ---------------------------------------------------------------- records
def _records(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "box", help="record one ballot box's (or postal batch's) ballot paper account at verification",
        description="Papers issued (from the presiding officer's ballot paper account; required for "
        "a ballot box), unused, spoilt and tendered, and the papers counted at verification. "
        "Recording a box again replaces its figures (audited).")
    s.add_argument("ward")
    s.add_argument("--box", required=True, metavar="NAME", help="the ballot box or polling station")
    s.add_argument("--postal", action="store_true", help="a batch of postal ballot papers")
    s.add_argument("--issued", metavar="N")
    s.add_argument("--counted", required=True, metavar="N", help="papers counted at verification")
    s.add_argument("--unused", metavar="N")
    s.add_argument("--spoilt", metavar="N")
    s.add_argument("--tendered", metavar="N")
    s.add_argument("--by", help="who records it")
    s.set_defaults(handler=records.cmd_box)

    s = sub.add_parser(
        "explain", help="record the explanation of the variance at a ward's verification",
        description="What was found (e.g. a paper of one box found in another) and that the agents "
        "were told. A box whose variance is not explained keeps the ward from the count (F017); "
        "earlier explanations stay in the record.")
    s.add_argument("ward")
    s.add_argument("--explanation", required=True, metavar="TEXT")
    s.add_argument("--by", help="who explains (the returning officer or deputy)")
    s.set_defaults(handler=records.cmd_explain)

    s = sub.add_parser(
        "timings", help="when each ward verified, keyed, showed its provisional result and declared")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=records.cmd_timings)


# ------------------------------------------------------------------- counting
def _counting(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser("import", help="load an election file into the store")
    s.add_argument("file")
    s.add_argument("--replace", action="store_true",
                   help="replace the election already in the store (refused once any ward is declared; "
                   "needs the returning officer's passphrase once one is set)")
    s.add_argument("--ro-passphrase-file", dest="ro_passphrase_file", metavar="FILE",
                   help="a file holding the returning officer's passphrase (for --replace)")
    s.set_defaults(handler=counting.cmd_import)

    s = sub.add_parser("wards", help="list the wards and their status")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=counting.cmd_wards)

    s = sub.add_parser("result", help="show a ward's result")
    s.add_argument("ward", help="ward name (any case) or id")
    s.add_argument("--round", type=int, help="an earlier round (default: the latest)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=counting.cmd_result)

    s = sub.add_parser("enter", help="record one operator's keying of a count sheet")
    s.add_argument("ward")
    s.add_argument("--sheet", help="the count sheet (default: the ward's only one)")
    s.add_argument("--keying", required=True, choices=["first", "second"])
    s.add_argument("--votes", nargs="+", required=True, metavar="ID=N",
                   help="each candidate's votes, by candidate id")
    s.add_argument("--rejected", nargs="+", default=[], metavar="HEAD=N",
                   help="rejected papers: " + ", ".join(REJECTED_FIELDS) + " (absent heads are 0)")
    s.add_argument("--papers", help="ballot papers counted on this sheet, valid and rejected "
                   "(required where the ward elects more than one councillor; in a one-seat ward "
                   "computed from the votes when not given)")
    s.add_argument("--objected", metavar="N",
                   help="how many of the sheet's rejected papers were endorsed 'rejection "
                   "objected to' (default 0)")
    s.add_argument("--operator", help="who keyed it (required for the second keying where "
                   "double entry is on; never the first keyer)")
    s.set_defaults(handler=counting.cmd_enter)

    s = sub.add_parser(
        "rekey", help="key only the fields where two keyings differ, a third time",
        description="A third person, who keyed neither keying, keys only the differing fields "
        "(--list names them, without either keying's value). Where the third figure matches "
        "one of the two keyings, that value stands; where it matches neither, the field stays "
        "to settle.")
    s.add_argument("ward")
    s.add_argument("--sheet", help="the count sheet (default: the ward's only one)")
    s.add_argument("--list", action="store_true", help="name the fields to key, then stop")
    s.add_argument("--votes", nargs="+", default=[], metavar="ID=N")
    s.add_argument("--rejected", nargs="+", default=[], metavar="HEAD=N")
    s.add_argument("--papers", metavar="N")
    s.add_argument("--objected", metavar="N")
    s.add_argument("--operator", help="who keys it (required; someone who keyed neither keying)")
    s.set_defaults(handler=counting.cmd_rekey)

    s = sub.add_parser("accept", help="supervisor: accept one of two differing keyings")
    s.add_argument("ward")
    s.add_argument("--sheet")
    s.add_argument("--keying", required=True, choices=["first", "second"])
    s.add_argument("--by", help="the supervisor's name (required; someone who keyed no sheet of "
                   "the ward's round)")
    _ro_option(s, plain=True)
    s.set_defaults(handler=counting.cmd_accept)

    s = sub.add_parser("add-sheet", help="add a count sheet (one per counting table) to the round")
    s.add_argument("ward")
    s.add_argument("name")
    s.set_defaults(handler=counting.cmd_add_sheet)


# ------------------------------------------------------------------ decisions
def _decisions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "provisional", help="record that the provisional result was shown to candidates and agents",
        description="Rule 46(2): before anything is declared, candidates and agents see the "
        "provisional result and may ask for a recount. Records who showed it, when, and the "
        "figures it showed; lots and the declaration need it for the current figures (a "
        "granted recount voids it). --out also writes the provisional sheet.")
    s.add_argument("ward")
    s.add_argument("--by", metavar="NAME", help="who showed it")
    s.add_argument("--out", metavar="FILE.pdf", help="write the provisional sheet here")
    s.set_defaults(handler=decisions.cmd_provisional)

    s = sub.add_parser("lot", help="record the outcome of drawing lots (equality of votes: rule 49 "
                                                   "in England, Sch 1 Pt 4 in Wales)")
    s.add_argument("ward")
    s.add_argument("--winner", required=True, type=int, metavar="CANDIDATE_ID")
    s.add_argument("--method", required=True, help="e.g. 'coin toss', 'drawing straws'")
    s.add_argument("--witness", action="append", default=[], metavar="NAME")
    s.add_argument("--by", help="who recorded it")
    _ro_option(s, plain=True)
    s.set_defaults(handler=decisions.cmd_lot)

    s = sub.add_parser("acknowledge", help="acknowledge a warning on a ward's result")
    s.add_argument("ward")
    s.add_argument("code", help="the warning code, e.g. W002")
    s.add_argument("--by", metavar="NAME", help="who acknowledges it (required; someone who keyed "
                   "no sheet of the ward's round)")
    s.add_argument("--explanation", metavar="TEXT",
                   help="why the figures stand (required; printed on the provisional sheet)")
    s.set_defaults(handler=decisions.cmd_acknowledge)

    s = sub.add_parser("recount", help="record a recount request; a granted one opens a new round")
    s.add_argument("ward")
    s.add_argument("--requested-by", required=True)
    group = s.add_mutually_exclusive_group(required=True)
    group.add_argument("--granted", action="store_true")
    group.add_argument("--refused", action="store_true")
    s.add_argument("--reason", default="", help="why it was granted or refused (required)")
    s.add_argument("--bundles", nargs="+", metavar="NAME",
                   help="a re-check of these named bundles only (without it: a full recount)")
    s.add_argument("--by", help="the returning officer or deputy deciding")
    s.set_defaults(handler=decisions.cmd_recount)

    s = sub.add_parser(
        "declare", help="declare a ward's result and write the signed declaration of result of poll",
        description="Mark the ward declared (refused unless the workflow allows it: the provisional "
        "result shown for these figures, any lot recorded, every warning acknowledged), then write "
        "its declaration of result of poll. With --all, every ward that may be declared is, in ward "
        "order, its sheet written into --out-dir as declaration-<ward>.pdf; a ward with a warning "
        "not yet acknowledged is skipped and named, the others are still declared (exit 3 when any "
        "was skipped).")
    s.add_argument("ward", nargs="?", help="ward name (any case) or id")
    s.add_argument("--out", metavar="FILE.pdf", help="where to write the declaration")
    s.add_argument("--all", action="store_true", help="declare every ward that is ready")
    s.add_argument("--out-dir", metavar="DIR", help="with --all: the folder for the declarations")
    s.add_argument("--by", metavar="NAME",
                   help="who declares: the returning officer or a deputy (printed as the signatory; "
                   "default: the returning officer in the election file)")
    _signing_options(s)
    _ro_option(s, plain=False)
    s.set_defaults(handler=decisions.cmd_declare)

    s = sub.add_parser(
        "countermand", help="countermand the poll in a ward (returning officer; with a reason)",
        description="The poll is countermanded (the death of a candidate, RPA 1983 s 39): no "
        "keying, no lot and no declaration from now on.")
    s.add_argument("ward")
    s.add_argument("--reason", required=True, help="why the poll is countermanded")
    s.add_argument("--by", metavar="NAME", help="the returning officer or deputy")
    _ro_option(s, plain=True)
    s.set_defaults(handler=decisions.cmd_countermand)

    s = sub.add_parser(
        "report-error", help="record an error found after the declaration (the result stands)",
        description="Records what is believed wrong in a declared result, and why. Nothing "
        "changes: the declared result, its declaration and every export stay as declared "
        "unless an election court decides otherwise. --out writes the statement of the error.")
    s.add_argument("ward")
    s.add_argument("--reason", required=True, help="what was found to be wrong")
    _figures(s, votes_required=False)
    s.add_argument("--by", metavar="NAME", help="the returning officer or deputy")
    s.add_argument("--out", metavar="FILE.pdf", help="write the statement of the error here")
    _ro_option(s, plain=True)
    s.set_defaults(handler=decisions.cmd_report_error)

    s = sub.add_parser(
        "correct", help="(refused) a declared result cannot be corrected: use report-error",
        description="A declared result is final: only an election court can change it. Record an "
        "error found afterwards with report-error. Any arguments are accepted and refused.")
    s.add_argument("ward", nargs="?")
    s.set_defaults(handler=decisions.cmd_correct, takes_any=True)


# ------------------------------------------------------------------ documents
def _documents(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "report", help="write a document: provisional, notice, verification, declaration, summary, "
        "recounts, timings or rejected",
        description="provisional: the provisional result for candidates and agents; notice: the "
        "notice of election result for every ward; verification: the statement of the result of "
        "the verification; declaration: a reprint of a declared ward's declaration; summary: the "
        "summary of results for the press (council control, seats chart, changes, turnout, "
        "councillors elected by ward); recounts: the record of a ward's rounds and recount "
        "requests; timings: the timing report of the count (every ward); rejected: the statement "
        "of rejected ballot papers of a ward (each head, objected to, rejected in part).")
    s.add_argument("kind", choices=KINDS)
    s.add_argument("ward", nargs="?", help="ward name or id (not for notice or summary)")
    s.add_argument("--out", required=True, metavar="FILE.pdf")
    s.add_argument("--draft", action="store_true",
                   help="declaration only: print a ward that is ready but not yet declared, "
                   "marked as a draft, to read it back before declaring")
    _signing_options(s)
    s.set_defaults(handler=documents.cmd_report)

    s = sub.add_parser("keygen", help="make a returning officer's signing key and certificate",
                       description="Makes a self-signed certificate and key in a passphrase-protected "
                       "PKCS#12 file, and the certificate alone beside it (.crt) for checking. With "
                       "--db, making it is recorded in that store's audit log (key management: the "
                       "returning officer's passphrase, once one is set).")
    s.add_argument("--name", required=True, help="the returning officer's name, as it should appear")
    s.add_argument("--out", required=True, metavar="FILE.p12")
    s.add_argument("--passphrase-file", required=True, metavar="FILE",
                   help="a file holding the key's passphrase (its trailing newline is ignored)")
    s.add_argument("--cert-out", metavar="FILE.crt",
                   help="where to write the certificate (default: beside the key, ending .crt)")
    s.add_argument("--organisation", metavar="TEXT", help="e.g. the council's name")
    _ro_option(s, plain=False)
    s.set_defaults(handler=documents.cmd_keygen)

    s = sub.add_parser("verify", help="check a signed document, and with --db that it matches the store",
                       description="Exit 0 only when the signature is valid and covers the whole file "
                       "and, with --cert, was made with that certificate, and, with --db, the "
                       "document's result digest matches the store.")
    s.add_argument("file", metavar="FILE.pdf")
    s.add_argument("--db", dest="verify_db", metavar="PATH",
                   help="the store to compare the result with")
    s.add_argument("--cert", metavar="FILE", help="the signer's certificate (PEM or DER)")
    s.set_defaults(handler=documents.cmd_verify)


# -------------------------------------------------------------------- exports
def _exports(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "summary", help="the council summary: seats by party, change, control, turnout",
        description="Seats by party from the declared wards, the change since the previous "
        "election, the majority, who controls the council (in the words the press uses) and "
        "whether that is already decided, votes by party and the turnout.")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=exports.cmd_summary)

    s = sub.add_parser(
        "export", help="write the results for others to load: json, csv, dc-csv, eml or nist",
        description="json: the election file, which `countdesk import` reads back; csv: one row "
        "per candidate per ward; dc-csv: Democracy Club-shaped results; eml: OASIS EML 510 "
        "(count) and 520 (result), written as NAME-510.xml and NAME-520.xml; nist: NIST SP "
        "1500-100 election results JSON. Declared wards only unless --provisional.")
    s.add_argument("--format", required=True, choices=exports.FORMATS)
    s.add_argument("--out", required=True, metavar="FILE",
                   help="where to write (for eml, the name the two files are made from)")
    s.add_argument("--provisional", action="store_true",
                   help="also wards whose result is not yet declared (ready, lot required, "
                   "uncontested), marked as provisional")
    s.add_argument("--authority-slug", metavar="SLUG",
                   help="the council's short name in ballot ids (default: made from the "
                   "authority's name, e.g. 'sutton' from 'London Borough of Sutton')")
    s.set_defaults(handler=exports.cmd_export)


# --------------------------------------------------------------------- safety
def _safety(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser(
        "audit-verify", help="check the audit chain and the stored figures against it",
        description="Checks the hash chain, every stored row against the log, and the append-only "
        "safeguards. With the returning officer's passphrase, also checks that every record of an "
        "action that needs it (declaring, lots, accepting a keying, unlocking, countermanding, "
        "reporting an error, key management, changing the passphrase) was made with it: a record "
        "forged without it fails, however well it is chained.")
    s.add_argument("--ro-passphrase-file", "--passphrase-file", dest="ro_passphrase_file",
                   metavar="FILE", help="a file holding the returning officer's passphrase")
    s.add_argument("--anchor", action="append", default=[], metavar="FILE",
                   help="a backup (or any earlier copy) of this store, or a declaration it printed: "
                   "the store's log must still hold every record of the backup, or the audit record "
                   "the declaration was printed on, unchanged (catches a log cut short or rolled "
                   "back); repeatable")
    s.set_defaults(handler=safety.cmd_audit_verify)

    s = sub.add_parser(
        "audit-compare", help="check that the store's audit log still begins with a backup's",
        description="An edit made behind countdesk's back that also re-computes every later hash "
        "of the audit chain cannot be seen from the store alone; a backup (or any earlier copy) "
        "can see it. Exit 0 when every record of FILE's log is in the store's, unchanged; "
        "otherwise exit 2 naming the first record that differs.")
    s.add_argument("file", metavar="FILE", help="a backup, or any earlier copy of this store")
    s.set_defaults(handler=safety.cmd_audit_compare)

    s = sub.add_parser(
        "backup", help="back up the store into a folder (SQLite online backup; safe while in use)",
        description="Writes NAME-backup-TIME.db into DIR (a USB stick, say) through SQLite's online "
        "backup, checks it, and keeps the newest --keep backups of this store there.")
    s.add_argument("folder", metavar="DIR")
    s.add_argument("--keep", type=int, default=20, help="backups of this store to keep (default 20)")
    s.set_defaults(handler=safety.cmd_backup)

    s = sub.add_parser(
        "restore", help="replace the store by a backup, after checking the backup",
        description="Checks the backup (a countdesk store, integrity, audit chain) and then replaces "
        "the store given by --db (before or after the command) with it, in one atomic step. The "
        "replaced store is kept beside it as NAME.before-restore-TIME.db, and the changes it holds "
        "that the backup does not are named. Refused while another countdesk writes to the store; "
        "needs the returning officer's passphrase once one is set; a backup of another election "
        "needs --other-election.")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--db", dest="restore_db", metavar="PATH",
                   help="the store to replace (as `countdesk --db PATH restore FILE`)")
    s.add_argument("--other-election", action="store_true",
                   help="replace the store's election with a backup of another election")
    s.add_argument("--ro-passphrase-file", "--passphrase-file", dest="ro_passphrase_file",
                   metavar="FILE", help="a file holding the returning officer's passphrase")
    s.set_defaults(handler=safety.cmd_restore)

    s = sub.add_parser(
        "set-passphrase", help="set or change the returning officer's passphrase",
        description="Declaring, recording lots, unlocking candidate lists, accepting one keying over "
        "another, turning double entry off, countermanding a poll, reporting an error after the "
        "declaration and key management then need it. Only a scrypt hash is stored. Changing it "
        "needs the current one.")
    s.add_argument("--passphrase-file", required=True, metavar="FILE",
                   help="a file holding the new passphrase (at least 8 characters; the trailing "
                   "newline is ignored)")
    s.add_argument("--old-passphrase-file", metavar="FILE", help="the current passphrase, to change it")
    s.add_argument("--by", metavar="NAME", help="who sets it")
    s.set_defaults(handler=safety.cmd_set_passphrase)
