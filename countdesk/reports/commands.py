"""Command-line commands for documents: declare (one ward, or ``--all``), report, keygen, verify.

Registered into ``countdesk``'s parser by :func:`register`. Refused actions
raise :class:`StoreError` or :class:`UsageError` (exit 2, the store unchanged).
reportlab and pyHanko are imported only when one of these commands runs, so
every other command starts as fast as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countdesk.commandline import UsageError, out_path, store_path
from countdesk.reports.kinds import (
    KIND_DECLARATION,
    KIND_NOTICE,
    KIND_PROVISIONAL,
    KIND_SUMMARY,
    KINDS,
    WHOLE_ELECTION,
)
from countdesk.store import Store, StoreError
from countdesk.store.db import AccessDenied
from countdesk.store.files import atomic_write

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner




def register(sub: Any) -> None:
    """Add the document commands to countdesk's sub-command parser."""
    p = sub.add_parser(
        "declare", help="declare a ward's result and write the signed declaration of result of poll",
        description="Mark the ward declared (refused unless it is ready and every warning is "
        "acknowledged), then write its declaration of result of poll. With --all, every ward that "
        "is ready is declared in ward order and its sheet written into --out-dir as "
        "declaration-<ward>.pdf; a ready ward with a warning not yet acknowledged is skipped and "
        "named, the others are still declared (exit 3 when any was skipped).")
    p.add_argument("ward", nargs="?", help="ward name (any case) or id")
    p.add_argument("--out", metavar="FILE.pdf", help="where to write the declaration")
    p.add_argument("--all", action="store_true", help="declare every ward that is ready")
    p.add_argument("--out-dir", metavar="DIR", help="with --all: the folder for the declarations")
    p.add_argument("--by", metavar="NAME",
                   help="who declares: the returning officer or a deputy (printed as the signatory; "
                   "default: the returning officer in the election file)")
    _signing_options(p)
    p.set_defaults(handler=cmd_declare)

    p = sub.add_parser(
        "report", help="write a document: provisional, notice, verification, declaration or summary",
        description="provisional: the provisional result for candidates and agents; notice: the "
        "notice of election result for every ward; verification: the statement of the result of "
        "the verification; declaration: a reprint of a declared ward's declaration; summary: the "
        "summary of results for the press (council control, seats chart, changes, turnout, "
        "councillors elected by ward).")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("ward", nargs="?", help="ward name or id (not for notice or summary)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--draft", action="store_true",
                   help="declaration only: print a ward that is ready but not yet declared, "
                   "marked as a draft, to read it back before declaring")
    _signing_options(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("keygen", help="make a returning officer's signing key and certificate",
                       description="Makes a self-signed certificate and key in a passphrase-protected "
                       "PKCS#12 file, and the certificate alone beside it (.crt) for checking.")
    p.add_argument("--name", required=True, help="the returning officer's name, as it should appear")
    p.add_argument("--out", required=True, metavar="FILE.p12")
    p.add_argument("--passphrase-file", required=True, metavar="FILE",
                   help="a file holding the passphrase (its trailing newline is ignored)")
    p.add_argument("--cert-out", metavar="FILE.crt",
                   help="where to write the certificate (default: beside the key, ending .crt)")
    p.add_argument("--organisation", metavar="TEXT", help="e.g. the council's name")
    p.set_defaults(handler=cmd_keygen)

    p = sub.add_parser("verify", help="check a signed document, and with --db that it matches the store",
                       description="Exit 0 only when the signature is valid and covers the whole file "
                       "and, with --cert, was made with that certificate, and, with --db, the "
                       "document's result digest matches the store.")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--db", dest="verify_db", metavar="PATH",
                   help="the store to compare the result with")
    p.add_argument("--cert", metavar="FILE", help="the signer's certificate (PEM or DER)")
    p.set_defaults(handler=cmd_verify)


def _signing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", metavar="FILE.p12", help="sign with this PKCS#12 key")
    p.add_argument("--passphrase-file", metavar="FILE", help="the key's passphrase, in a file")
    p.add_argument("--signature-image", metavar="FILE",
                   help="an image of the handwritten signature (PNG or JPEG) to print above the name")


# ------------------------------------------------------------------ helpers
class _Prepared:
    """Checks made before anything in the store changes."""

    def __init__(self, args: argparse.Namespace) -> None:
        from countdesk.reports.signing import SigningError, load_signer, read_passphrase_file  # noqa: PLC0415

        self.out = out_path(args.out, "declaration.pdf") if getattr(args, "out", None) else None
        self.signer: SimpleSigner | None = None
        if args.key or args.passphrase_file:
            if not (args.key and args.passphrase_file):
                raise UsageError("--key and --passphrase-file go together")
            try:
                self.signer = load_signer(args.key, read_passphrase_file(args.passphrase_file))
            except SigningError as exc:
                raise UsageError(str(exc)) from None
        self.image: bytes | None = None
        if args.signature_image:
            try:
                self.image = Path(args.signature_image).read_bytes()
            except OSError as exc:
                raise UsageError(f"the signature image {args.signature_image} cannot be read: "
                                   f"{exc.strerror}") from None

    def finish(self, pdf: bytes, location: str | None, out: Path | None = None) -> str:
        """Sign if a key was given, write atomically (to ``out``, else ``--out``); say how it was
        signed."""
        from countdesk.reports.signing import sign_with, signer_name  # noqa: PLC0415

        how = "unsigned"
        if self.signer is not None:
            pdf = sign_with(pdf, self.signer, location=location)
            cert = self.signer.signing_cert
            assert cert is not None
            how = f"signed by {signer_name(cert)}"
        target = out or self.out
        assert target is not None
        atomic_write(target, pdf)
        return how


def _digest_of(pdf_path: Path) -> str:
    from countdesk.reports.digest import short_digest  # noqa: PLC0415
    from countdesk.reports.signing import read_document  # noqa: PLC0415

    info = read_document(pdf_path.read_bytes())
    return "" if info is None else f"; result digest {short_digest(info.digest)}"


# ----------------------------------------------------------------- commands
def cmd_declare(args: argparse.Namespace) -> int:
    from countdesk.reports import api  # noqa: PLC0415
    from countdesk.reports.documents import ReportError, declared_time  # noqa: PLC0415

    if args.all:
        return cmd_declare_all(args)
    if args.out_dir:
        raise UsageError("--out-dir goes with --all; for one ward give --out FILE.pdf")
    if not args.ward or not args.out:
        raise UsageError("declare needs a WARD and --out FILE.pdf (or --all --out-dir DIR)")
    prep = _Prepared(args)
    assert prep.out is not None
    path = store_path(args)
    with Store.open(path) as store:
        ward = store.ward(args.ward)
        before = ward.declared_at
        try:
            result, pdf = api.declare(store, ward.id, by=args.by, signature_image=prep.image)
            how = prep.finish(pdf, store.election().authority)
        except Exception as exc:
            ward = store.ward(ward.id)
            if ward.declared_at == before:  # refused: nothing changed
                if isinstance(exc, ReportError):
                    raise StoreError(str(exc)) from None
                raise
            print(f"countdesk: {ward.name} IS DECLARED (at {ward.declared_at}) and locked, but its "
                  f"declaration could not be written to {prep.out}: {exc}. Print it again with: "
                  f"countdesk --db {path} report declaration {ward.name!r} --out FILE.pdf",
                  file=sys.stderr)
            return 1
        ward = store.ward(ward.id)
    elected = "; ".join(f"{result.row(c).candidate.ballot_name} ({result.row(c).candidate.party})"
                        for c in result.elected)
    print(f"declared {ward.name} on {declared_time(ward.declared_at)}; elected: {elected}")
    print(f"wrote the declaration to {prep.out} ({how}){_digest_of(prep.out)}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from countdesk.reports import api  # noqa: PLC0415
    from countdesk.reports.documents import ReportError  # noqa: PLC0415

    kind: str = args.kind
    if kind in WHOLE_ELECTION and args.ward:
        raise UsageError(f"the {kind} covers every ward of the election: give no WARD")
    if kind not in WHOLE_ELECTION and not args.ward:
        raise UsageError(f"report {kind} needs a WARD (name or id)")
    if args.draft and kind != KIND_DECLARATION:
        raise UsageError("--draft is for report declaration only")
    prep = _Prepared(args)
    assert prep.out is not None  # --out is required
    with Store.open(store_path(args)) as store:
        authority = store.election().authority
        try:
            pdf = api.build(store, kind, args.ward, draft=args.draft, signature_image=prep.image)
        except ReportError as exc:
            raise StoreError(str(exc)) from None
        if kind == KIND_NOTICE:
            what = "the notice of election result"
        elif kind == KIND_SUMMARY:
            what = "the summary of results"
        else:
            name = store.ward(args.ward).name
            what = {KIND_DECLARATION: f"the declaration for {name}" + (" (DRAFT)" if args.draft else ""),
                    KIND_PROVISIONAL: f"the provisional result for {name}"}.get(
                        kind, f"the statement of the result of the verification for {name}")
    how = prep.finish(pdf, authority)
    print(f"wrote {what} to {prep.out} ({how}){_digest_of(prep.out)}")
    return 0


def declaration_filename(ward: str, ward_id: int, taken: set[str]) -> str:
    """``declaration-<ward>.pdf`` (letters, digits and hyphens), unique among ``taken``."""
    base = "".join(ch if ch.isalnum() else "-" for ch in ward.lower())
    base = "-".join(part for part in base.split("-") if part) or f"ward-{ward_id}"
    name = f"declaration-{base}.pdf"
    if name in taken:
        name = f"declaration-{base}-{ward_id}.pdf"
    taken.add(name)
    return name


@contextmanager
def _as_returning_officer(store: Store) -> Iterator[None]:
    """With a returning officer's passphrase set, check the one offered (``--ro-passphrase-file``)
    once, before any ward is declared, rather than once per ward."""
    from countdesk.store import access  # noqa: PLC0415

    if not store.passphrase_set():
        yield
        return
    with store.as_returning_officer(access.offered()):
        yield


def cmd_declare_all(args: argparse.Namespace) -> int:
    """Declare every ward that is ready, in ward order, writing each sheet into --out-dir.

    Exit 0: every ready ward declared (wards still counting or awaiting a drawing of lots are
    named and left alone). Exit 3: some ready ward was skipped because a warning on it has not
    been acknowledged; the others were declared. Exit 2: refused before anything was declared
    (no --out-dir, a bad key). Exit 1: a ward was declared but its sheet could not be written.
    """
    from countdesk.core import Status  # noqa: PLC0415
    from countdesk.reports import api  # noqa: PLC0415
    from countdesk.reports.documents import ReportError  # noqa: PLC0415

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
    prep = _Prepared(args)
    path = store_path(args)
    declared: list[str] = []
    skipped: list[str] = []
    waiting: list[str] = []
    with Store.open(path) as store, _as_returning_officer(store):
        authority = store.election().authority
        taken: set[str] = set()
        for ward in store.wards():
            if ward.declared_at:
                continue
            result = store.result(ward.id)
            if result.status not in (Status.READY, Status.UNCONTESTED):
                waiting.append(f"{ward.name} ({result.status.value.replace('_', ' ')})")
                continue
            if result.unacknowledged:
                codes = "; ".join(f"{w.code} {w.message}" for w in result.unacknowledged)
                print(f"countdesk: skipped {ward.name}: acknowledge first: {codes} "
                      f"(countdesk --db {path} acknowledge {ward.name!r} CODE)", file=sys.stderr)
                skipped.append(ward.name)
                continue
            target = folder / declaration_filename(ward.name, ward.id, taken)
            try:
                result, pdf = api.declare(store, ward.id, by=args.by, signature_image=prep.image)
            except AccessDenied:
                raise
            except (StoreError, ReportError) as exc:
                print(f"countdesk: skipped {ward.name}: {exc}", file=sys.stderr)
                skipped.append(ward.name)
                continue
            try:
                how = prep.finish(pdf, authority, target)
            except Exception as exc:
                print(f"countdesk: {ward.name} IS DECLARED and locked, but its declaration could not "
                      f"be written to {target}: {exc}. Print it again with: countdesk --db {path} "
                      f"report declaration {ward.name!r} --out FILE.pdf; the wards after it were not "
                      "declared", file=sys.stderr)
                return 1
            elected = "; ".join(f"{result.row(c).candidate.ballot_name} ({result.row(c).candidate.party})"
                                for c in result.elected)
            print(f"declared {ward.name}: {elected}; wrote {target} ({how})")
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


def cmd_keygen(args: argparse.Namespace) -> int:
    from countdesk.reports.signing import SigningError, keygen, read_passphrase_file  # noqa: PLC0415

    try:
        passphrase = read_passphrase_file(args.passphrase_file)
        info = keygen(args.name, args.out, passphrase, cert_out=args.cert_out,
                      organisation=args.organisation)
    except SigningError as exc:
        raise UsageError(str(exc)) from None
    print(f"made a signing key for {info.name} in {info.p12_path} (keep it, and its passphrase, safe)")
    print(f"certificate: {info.cert_path} — give it to anyone who checks a signed sheet: "
          f"countdesk verify FILE.pdf --cert {info.cert_path}")
    print(f"fingerprint (SHA-256): {info.fingerprint}")
    print(f"valid until {info.not_after:%d %B %Y}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from countdesk.reports.checks import match_store  # noqa: PLC0415
    from countdesk.reports.signing import SigningError, verify_pdf  # noqa: PLC0415

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        verdict = verify_pdf(data, args.cert)
    except SigningError as exc:
        raise UsageError(str(exc)) from None
    lines = verdict.lines()
    ok = verdict.ok
    first_problem = verdict.problems[0] if verdict.problems else ""
    db = args.verify_db or args.db
    if db:
        try:
            with Store.open(Path(db)) as store:
                match = match_store(verdict.document, store)
        except StoreError as exc:
            lines.append(f"Result: cannot be checked: {exc}")
            ok = False
            first_problem = first_problem or str(exc)
        else:
            lines.append(match.line)
            if not match.ok:
                ok = False
                first_problem = first_problem or match.line.removeprefix("Result: ")
    for line in lines:
        print(line)
    if not ok:
        print(f"countdesk: {path} failed verification: {first_problem}", file=sys.stderr)
        return 2
    return 0
