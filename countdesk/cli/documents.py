"""Documents: ``report``, ``keygen`` and ``verify``, and the signing options that ``declare``
shares with ``report``.

Every document is built by the application layer (:meth:`Desk.document`,
:meth:`Desk.declaration_bytes`) and written by :meth:`Desk.save_document`;
reportlab and pyHanko are imported only when one of these commands runs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from countdesk.app import Desk
from countdesk.app.documents import sign
from countdesk.cli.common import UsageError, open_desk, out_path, ro_passphrase
from countdesk.reports.kinds import (
    KIND_DECLARATION,
    KIND_NOTICE,
    KIND_PROVISIONAL,
    KIND_RECOUNTS,
    KIND_REJECTED,
    KIND_SUMMARY,
    KIND_TIMINGS,
    WHOLE_ELECTION,
)

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner


class Signing:
    """The signing options (``--key``, ``--passphrase-file``, ``--signature-image``), checked
    before anything in the store changes."""

    def __init__(self, args: argparse.Namespace) -> None:
        from countdesk.reports.signing import SigningError, load_signer, read_passphrase_file  # noqa: PLC0415

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

    def how(self) -> str:
        """How the documents are signed, in words."""
        if self.signer is None:
            return "unsigned"
        from countdesk.reports.signing import signer_name  # noqa: PLC0415

        cert = self.signer.signing_cert
        assert cert is not None
        return f"signed by {signer_name(cert)}"


def digest_of(pdf_path: Path) -> str:
    """``; result digest 1a2b 3c4d 5e6f 7a8b`` for a written document (empty when it carries
    none)."""
    from countdesk.reports.digest import short_digest  # noqa: PLC0415
    from countdesk.reports.signing import read_document  # noqa: PLC0415

    info = read_document(pdf_path.read_bytes())
    return "" if info is None else f"; result digest {short_digest(info.digest)}"


def cmd_report(args: argparse.Namespace) -> int:
    kind: str = args.kind
    if kind in WHOLE_ELECTION and args.ward:
        raise UsageError(f"the {kind} covers every ward of the election: give no WARD")
    if kind not in WHOLE_ELECTION and not args.ward:
        raise UsageError(f"report {kind} needs a WARD (name or id)")
    if args.draft and kind != KIND_DECLARATION:
        raise UsageError("--draft is for report declaration only")
    out = out_path(args.out, f"{kind}.pdf")
    signing = Signing(args)
    with open_desk(args) as desk:
        if kind == KIND_DECLARATION and not args.draft:
            data = desk.declaration_bytes(args.ward, signer=signing.signer,
                                          signature_image=signing.image)
        else:
            data = sign(desk.document(kind, args.ward, draft=args.draft, signature_image=signing.image),
                        signing.signer, desk.election().authority)
        what = _what(desk, kind, args.ward, args.draft)
        desk.save_document(out, data)
    print(f"wrote {what} to {out} ({signing.how()}){digest_of(out)}")
    return 0


def _what(desk: Desk, kind: str, ward: str | None, draft: bool) -> str:
    if kind == KIND_NOTICE:
        return "the notice of election result"
    if kind == KIND_SUMMARY:
        return "the summary of results"
    if kind == KIND_TIMINGS:
        return "the timing report of the count"
    assert ward is not None
    name = desk.ward(ward).name
    if kind == KIND_DECLARATION:
        return f"the declaration for {name}" + (" (DRAFT)" if draft else "")
    if kind == KIND_PROVISIONAL:
        return f"the provisional result for {name}"
    if kind == KIND_RECOUNTS:
        return f"the record of recounts for {name}"
    if kind == KIND_REJECTED:
        return f"the statement of rejected ballot papers for {name}"
    return f"the statement of the result of the verification for {name}"


def cmd_keygen(args: argparse.Namespace) -> int:
    """A signing key; with ``--db`` its making is key management, audited in that store and
    needing the returning officer's passphrase once one is set (checked before the key is made)."""
    if not args.db:
        _keygen(args)
        return 0
    passphrase = ro_passphrase(args)
    with Desk.open(Path(args.db)) as desk, desk.as_returning_officer(passphrase):
        out, cert = _keygen(args)
        desk.record_key_event("signing key made", {
            "name": args.name, "key_file": out.name, "certificate": cert.name,
            "certificate_sha256": _sha256(cert), "certificate_fingerprint": _fingerprint(cert)})
    print(f"recorded in the audit log of {args.db}")
    return 0


def _keygen(args: argparse.Namespace) -> tuple[Path, Path]:
    from countdesk.reports.signing import SigningError, keygen, read_passphrase_file  # noqa: PLC0415

    try:
        info = keygen(args.name, args.out, read_passphrase_file(args.passphrase_file),
                      cert_out=args.cert_out, organisation=args.organisation)
    except SigningError as exc:
        raise UsageError(str(exc)) from None
    print(f"made a signing key for {info.name} in {info.p12_path} (keep it, and its passphrase, safe)")
    print(f"certificate: {info.cert_path} — give it to anyone who checks a signed sheet: "
          f"countdesk verify FILE.pdf --cert {info.cert_path}")
    print(f"fingerprint (SHA-256): {info.fingerprint}")
    print(f"valid until {info.not_after:%d %B %Y}")
    return Path(info.p12_path), Path(info.cert_path)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def cmd_verify(args: argparse.Namespace) -> int:
    from countdesk.app import AppError  # noqa: PLC0415
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
            with Desk.open(Path(db)) as desk:
                match = desk.match_document(verdict.document, data,
                                            verdict.cert_fingerprint if verdict.signed else None)
        except AppError as exc:
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


def _fingerprint(cert: Path) -> str | None:
    """The certificate's fingerprint (SHA-256 of its DER form), as ``verify`` shows it."""
    from countdesk.reports.signing import SigningError, fingerprint, load_certificate  # noqa: PLC0415

    try:
        return fingerprint(load_certificate(cert).dump())
    except (SigningError, OSError):
        return None
