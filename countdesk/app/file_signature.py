"""A detached signature of a results file (``results.json.sig`` beside ``results.json``), made
with the returning officer's signing key, so that a file that travels (to the region, to the
press) can be checked as the council's own and unchanged.

The signature file is JSON: ``format`` (``countdesk-file-signature/1``), ``file`` (the name
signed), ``sha256`` of its bytes, ``algorithm`` (``rsa-pkcs1v15-sha256``), the signer's
``certificate`` (DER, base64), its ``signer`` name and SHA-256 ``fingerprint``, and the
``signature`` (base64) over the file's bytes. A check proves the file is exactly what that
certificate's key signed; whose certificate it is, is for the reader to compare (the
fingerprint, or ``countdesk region --cert``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner

SIG_FORMAT = "countdesk-file-signature/1"
ALGORITHM = "rsa-pkcs1v15-sha256"


class SignatureProblem(ValueError):
    """The signature does not check out (the message says why, in words)."""


@dataclass(frozen=True)
class Signed:
    signer: str
    fingerprint: str
    certificate: bytes  # DER


def sign_file(data: bytes, name: str, signer: SimpleSigner) -> bytes:
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import padding, rsa  # noqa: PLC0415

    from countdesk.reports.signing import fingerprint, signer_name  # noqa: PLC0415

    key = serialization.load_der_private_key(signer.signing_key.dump(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SignatureProblem("the signing key is not an RSA key (make one with countdesk keygen)")
    cert = signer.signing_cert
    assert cert is not None
    der = cert.dump()
    out: dict[str, Any] = {
        "format": SIG_FORMAT, "file": name, "sha256": hashlib.sha256(data).hexdigest(),
        "algorithm": ALGORITHM, "signer": signer_name(cert), "fingerprint": fingerprint(der),
        "certificate": base64.b64encode(der).decode(),
        "signature": base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()}
    return (json.dumps(out, indent=2) + "\n").encode()


def verify_file(data: bytes, signature: bytes) -> Signed:
    """Check ``signature`` (a ``.sig`` file) over ``data``; SignatureProblem if it fails."""
    from cryptography import x509  # noqa: PLC0415
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415
    from cryptography.hazmat.primitives import hashes  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import padding, rsa  # noqa: PLC0415

    try:
        sig = json.loads(signature)
        if sig.get("format") != SIG_FORMAT or sig.get("algorithm") != ALGORITHM:
            raise SignatureProblem("the signature file is not a countdesk file signature")
        der = base64.b64decode(sig["certificate"], validate=True)
        raw = base64.b64decode(sig["signature"], validate=True)
        cert = x509.load_der_x509_certificate(der)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, SignatureProblem):
            raise
        raise SignatureProblem("the signature file cannot be read") from None
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureProblem("the signature's certificate does not hold an RSA key")
    try:
        key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise SignatureProblem("the signature does not match the file: it was changed after it "
                               "was signed, or the copy is damaged") from None
    digest = hashlib.sha256(der).hexdigest().upper()
    return Signed(str(sig.get("signer", "")), ":".join(digest[i:i + 2] for i in range(0, 64, 2)), der)
