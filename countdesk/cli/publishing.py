"""The results site, the press pack and the region: ``publish``, ``expected`` and ``region``.

The site is built and written by the application layer (:meth:`Desk.publish_site`); this
module reads the options, makes the call and prints what was written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from countdesk.cli.common import UsageError, open_desk


def cmd_publish(args: argparse.Namespace) -> int:
    from countdesk.cli.documents import Signing  # noqa: PLC0415

    signing = Signing(args)
    image = args.signature_image or None
    with open_desk(args, read_only=True) as desk:
        done = desk.publish_site(args.out, signer=signing.signer, signature_image=image)
    sheets = "signed" if done.signed else "unsigned"
    print(f"published the results site ({done.wards_declared} of {done.wards_total} wards declared, "
          f"{sheets} declarations) to {done.folder}; open {done.folder / 'index.html'}")
    return 0


def cmd_expected(args: argparse.Namespace) -> int:
    at = None if args.clear else args.time
    if at is None and not args.clear:
        raise UsageError("give the expected time as HH:MM, or --clear")
    with open_desk(args) as desk:
        value = desk.set_expected_declaration(args.ward, at, by=args.by)
        name = desk.ward(args.ward).name
    if value is None:
        print(f"{name}: expected time of declaration cleared")
    else:
        print(f"{name}: declaration expected at {value} (UK local time)")
    return 0


def cmd_region(args: argparse.Namespace) -> int:
    from countdesk.app.publishing import utc_now  # noqa: PLC0415
    from countdesk.app.region import region_site  # noqa: PLC0415

    certs = []
    for path in args.cert:
        certs.append(_certificate_der(path))
    target, councils = region_site(args.exports, args.out, utc_now(), certs)
    for c in councils:
        s = c.snapshot.summary
        how = {"signed": f"signature checked, signed by {c.signer}", "sha256": "digest checked"}.get(
            c.checked, "no digest file")
        print(f"{c.snapshot.election.authority}: {s.control or 'control not yet decided'} "
              f"({s.wards_declared} of {s.wards_total} wards; {c.path.name}, {how})")
    print(f"wrote the region's results for {len(councils)} councils to {target}; open "
          f"{target / 'index.html'}")
    return 0


def _certificate_der(path: str) -> bytes:
    """A certificate file (PEM or DER) as DER."""
    from cryptography import x509  # noqa: PLC0415
    from cryptography.hazmat.primitives.serialization import Encoding  # noqa: PLC0415

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"the certificate {path} cannot be read: {exc.strerror}") from None
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else \
            x509.load_der_x509_certificate(data)
    except ValueError:
        raise UsageError(f"{path} is not a certificate (PEM or DER)") from None
    return cert.public_bytes(Encoding.DER)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                 signing_options: object) -> None:
    """``publish`` and ``expected`` (``signing_options``: the parser's ``--key`` options)."""
    s = sub.add_parser(
        "publish", help="write the results site and press pack into a folder (static HTML, JSON, CSV)",
        description="A static results website that works opened from the folder (file://) or "
        "from any web server, with no script and nothing loaded from the network: an index "
        "(control, seats by party, wards declared, the latest declarations), a page per ward "
        "with its declaration sheet and result digest, the results as JSON and CSV, and the "
        "press pack (state of the parties, timings). The folder is replaced whole, in one step; "
        "only an empty folder or one published before is replaced.")
    s.add_argument("--out", required=True, metavar="DIR", help="the site's folder")
    signing_options(s)  # type: ignore[operator]
    s.set_defaults(handler=cmd_publish)

    s = sub.add_parser(
        "expected", help="record when a ward's declaration is expected (for the press pack)",
        description="The returning officer's expected time of declaration for a ward, HH:MM "
        "in UK local time, printed in the press pack's timings and on the results site.")
    s.add_argument("ward", metavar="WARD")
    s.add_argument("time", nargs="?", metavar="HH:MM")
    s.add_argument("--clear", action="store_true", help="remove the expected time")
    s.add_argument("--by", metavar="NAME", help="who gives it")
    s.set_defaults(handler=cmd_expected)

    s = sub.add_parser(
        "region", help="the region's results from several councils' json exports (static site + JSON)",
        description="Reads each council's `countdesk export --format json` file (declared wards "
        "only; a NAME.sha256 digest file beside it, as `publish` writes, must match) and writes "
        "the region's view (a NAME.sig signature beside a file, written by `publish --key`, is "
        "checked): councils by control and change (held, gained, no overall control), "
        "seats by party across the region with the change, each council's result, its ties "
        "decided by lot and turnout. No store is needed.")
    s.add_argument("--out", required=True, metavar="DIR", help="the region site's folder")
    s.add_argument("exports", nargs="+", metavar="EXPORT.json")
    s.add_argument("--cert", action="append", default=[], metavar="FILE",
                   help="a returning officer's certificate (PEM or DER, as keygen writes): every "
                   "file must then be signed (NAME.sig beside it) by one of those given; repeatable")
    s.set_defaults(handler=cmd_region)
