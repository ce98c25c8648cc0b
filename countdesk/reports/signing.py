"""Signing and checking printed documents: offline PAdES signatures with pyHanko.

- :func:`keygen` makes a returning officer's self-signed certificate and key
  in a passphrase-protected PKCS#12 file, with the certificate beside it
  (``.crt``, PEM) to hand to anyone who checks a sheet.
- :func:`sign_pdf` signs the final bytes of a document (PAdES B-B: no time
  stamp server, no network). Any later change breaks the signature.
- :func:`verify_pdf` checks a signed document: the signature covers the whole
  file and is intact, and, when a certificate is given, that certificate made
  it. Trust roots are passed explicitly and nothing is ever fetched.
- :func:`read_document` reads countdesk's metadata (kind, ward, digest) back.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from countdesk.files import atomic_write

# pyHanko logs a failed path validation (e.g. a sheet checked against the wrong
# certificate) with a traceback; the verdict says it in words instead.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

KEY_BITS = 3072
VALID_YEARS = 10
SIGNATURE_FIELD = "ReturningOfficer"

_ANCHOR = re.compile(r"countdesk-anchor:(\d+):([0-9a-f]{64})")
_KEYWORDS = re.compile(
    r"countdesk-kind:(?P<kind>[a-z][a-z-]*)(?:\s+countdesk-ward-id:(?P<ward>\d+))?"
    r"\s+countdesk-digest:sha256:(?P<digest>[0-9a-f]{64})")


class SigningError(Exception):
    """A key, certificate or passphrase that cannot be used (said in the user's words)."""


Passphrase = str | bytes


def _pass_bytes(passphrase: Passphrase) -> bytes:
    data = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    if not data:
        raise SigningError("the passphrase is empty")
    return data


def read_passphrase_file(path: str | Path) -> bytes:
    """A passphrase from a file: the trailing newline is not part of it; empty is refused."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SigningError(f"the passphrase file {p} cannot be read: {exc.strerror}") from None
    data = data.rstrip(b"\r\n")
    if not data:
        raise SigningError(f"the passphrase file {p} is empty")
    return data


def fingerprint(cert_der: bytes) -> str:
    """SHA-256 of the certificate, as colon-separated hex pairs (as browsers show it)."""
    digest = hashlib.sha256(cert_der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


# ------------------------------------------------------------------ keygen
@dataclass(frozen=True)
class KeyInfo:
    p12_path: Path
    cert_path: Path
    name: str
    fingerprint: str
    not_after: datetime.datetime


def keygen(name: str, out_p12: str | Path, passphrase: Passphrase, *,
           cert_out: str | Path | None = None, organisation: str | None = None) -> KeyInfo:
    """Make a self-signed RSA certificate and key for ``name``.

    Writes the key and certificate to ``out_p12`` (PKCS#12, encrypted with the
    passphrase) and the certificate alone to ``cert_out`` (default: the same
    name ending ``.crt``). Refuses to overwrite either file.
    """
    name = " ".join(name.split())
    if not name:
        raise SigningError("the certificate needs a name (the returning officer's)")
    if len(name) > 64:
        raise SigningError("the name is too long for a certificate (64 characters at most)")
    secret = _pass_bytes(passphrase)
    p12 = Path(out_p12)
    crt = Path(cert_out) if cert_out is not None else p12.with_suffix(".crt")
    if p12 == crt:
        raise SigningError("the key file and the certificate file must differ")
    for path in (p12, crt):
        if path.exists():
            raise SigningError(f"{path} already exists; countdesk will not overwrite a key or "
                               "certificate (choose another name)")
        if not path.parent.is_dir():
            raise SigningError(f"the folder {path.parent} does not exist")

    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    subject = x509.Name(attrs)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    not_after = now + datetime.timedelta(days=365 * VALID_YEARS + VALID_YEARS // 4)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None, serialization.BestAvailableEncryption(secret))
    atomic_write(p12, blob)
    try:
        atomic_write(crt, cert.public_bytes(serialization.Encoding.PEM))
    except BaseException:
        p12.unlink(missing_ok=True)
        raise
    return KeyInfo(p12, crt, name, fingerprint(cert.public_bytes(serialization.Encoding.DER)),
                   not_after)


# ----------------------------------------------------------------- signing
class _KeptKeySigner(signers.SimpleSigner):
    """A SimpleSigner that reads its RSA private key once, not for every signature.

    pyHanko's SimpleSigner parses (and so re-checks) the private key on every raw
    signature, and signs twice per document (once to size the signature): about
    130 ms each time for an RSA-3072 key, against about 3 ms for the signature
    itself. Any other kind of key goes through pyHanko as before.
    """

    _key: rsa.RSAPrivateKey | None = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algo = mechanism.signature_algo
        except ValueError:
            algo = mechanism["algorithm"].native
        if algo != "rsassa_pkcs1v15" or self.signing_key.algorithm != "rsa":
            return bytes(super().sign_raw(data, digest_algorithm))
        if self._key is None:
            key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            self._key = key
        return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


def load_signer(p12_path: str | Path, passphrase: Passphrase) -> signers.SimpleSigner:
    """The signer in a PKCS#12 file; a wrong passphrase or a bad file is a SigningError.

    Load it once and sign many documents with :func:`sign_with`: reading the file
    (decrypting it and checking the key) is most of the time :func:`sign_pdf` takes."""
    p = Path(p12_path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SigningError(f"the key file {p} cannot be read: {exc.strerror}") from None
    secret = _pass_bytes(passphrase)
    try:  # as SimpleSigner.load_pkcs12_data, keeping the key it reads
        key, cert, others = pkcs12.load_key_and_certificates(data, secret)
    except (ValueError, TypeError):
        raise SigningError(f"{p} cannot be opened: wrong passphrase, or not a PKCS#12 key file") from None
    if cert is None:
        raise SigningError(f"{p} holds no certificate")
    if key is None:
        raise SigningError(f"{p} holds no private key")
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    registry.register_multiple({_asn1_cert(c) for c in others})
    key_info = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signer = _KeptKeySigner(signing_cert=_asn1_cert(cert), signing_key=key_info, cert_registry=registry)
    if isinstance(key, rsa.RSAPrivateKey):
        signer._key = key
    return signer


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def signer_name(cert: asn1_x509.Certificate) -> str:
    native = cert.subject.native
    return str(native.get("common_name") or cert.subject.human_friendly)


def sign_pdf(pdf_bytes: bytes, p12_path: str | Path, passphrase: Passphrase, *,
             reason: str = "Returning officer's declaration", location: str | None = None) -> bytes:
    """Sign the final bytes of a document (PAdES B-B, offline) and return the signed file."""
    signer = load_signer(p12_path, passphrase)
    return sign_with(pdf_bytes, signer, reason=reason, location=location)


def sign_with(pdf_bytes: bytes, signer: signers.SimpleSigner, *,
              reason: str = "Returning officer's declaration", location: str | None = None) -> bytes:
    """As :func:`sign_pdf`, with a signer already loaded (:func:`load_signer`)."""
    cert = signer.signing_cert
    assert cert is not None
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, reason=reason, location=location,
        name=signer_name(cert))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    out = signers.sign_pdf(writer, meta, signer=signer)
    return bytes(out.getvalue())


# ---------------------------------------------------------------- metadata
@dataclass(frozen=True)
class DocumentInfo:
    """What countdesk wrote into a document's metadata."""

    kind: str
    digest: str
    ward_id: int | None
    title: str
    #: the audit record the document stands on (number, hash), where it carries one
    anchor: tuple[int, str] | None = None


def _read_info(reader: PdfFileReader) -> DocumentInfo | None:
    try:
        info = reader.trailer["/Info"]
        keywords = str(info.get("/Keywords", ""))
        title = str(info.get("/Title", ""))
    except Exception:
        return None
    m = _KEYWORDS.search(keywords)
    if not m:
        return None
    ward = m.group("ward")
    a = _ANCHOR.search(keywords)
    anchor = (int(a.group(1)), a.group(2)) if a else None
    return DocumentInfo(m.group("kind"), m.group("digest"), int(ward) if ward else None, title, anchor)


def read_document(pdf_bytes: bytes) -> DocumentInfo | None:
    """countdesk's metadata in a PDF, or None (not a countdesk document, or unreadable)."""
    try:
        return _read_info(PdfFileReader(io.BytesIO(pdf_bytes), strict=False))
    except Exception:
        return None


# ------------------------------------------------------------------ verify
def load_certificate(source: str | Path | bytes) -> asn1_x509.Certificate:
    """A certificate from a PEM or DER file (or bytes)."""
    if isinstance(source, bytes):
        data = source
        where = "the certificate"
    else:
        where = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise SigningError(f"the certificate {where} cannot be read: {exc.strerror}") from None
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except ValueError:
        raise SigningError(f"{where} is not a certificate (PEM or DER)") from None
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify_pdf` found. ``ok`` only when every check passed."""

    ok: bool
    signed: bool
    problems: tuple[str, ...] = ()
    signer: str | None = None
    signed_at: datetime.datetime | None = None
    cert_fingerprint: str | None = None
    cert_checked: bool = False
    document: DocumentInfo | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        """Plain verdict lines, for people."""
        out: list[str] = []
        if self.ok:
            at = "" if self.signed_at is None else f" at {_when(self.signed_at)}"
            out.append(f"Signature: valid, signed by {self.signer}{at}")
            if self.cert_checked:
                out.append(f"Certificate: the given certificate ({self.cert_fingerprint}) made "
                           "this signature")
            else:
                out.append(f"Certificate: {self.cert_fingerprint} (not checked against a known "
                           "certificate; give --cert FILE to check who signed)")
        elif not self.signed:
            out.append(f"Signature: NONE — {self.problems[0] if self.problems else 'not signed'}")
        else:
            who = f" (signed by {self.signer})" if self.signer else ""
            out.append(f"Signature: NOT VALID{who} — {'; '.join(self.problems)}")
        if self.document is not None:
            out.append(f"Document: {self.document.title}; result digest {self.document.digest}")
        out.extend(self.notes)
        return out


def _when(at: datetime.datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    return at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def verify_pdf(pdf_bytes: bytes, cert: str | Path | bytes | asn1_x509.Certificate | None = None) -> Verdict:
    """Check a signed document, offline.

    Valid means: the file is a PDF with exactly the signatures countdesk puts
    there, each cryptographically intact and valid, the last one covering the
    whole file (nothing added after signing), and the signer's certificate
    trusted, where the only trust root is ``cert`` when given (so another key
    fails) or else the signer's own certificate (integrity only). No
    revocation information or certificate is fetched from anywhere.
    """
    expected = cert if isinstance(cert, asn1_x509.Certificate) or cert is None else load_certificate(cert)
    if pdf_bytes.lstrip()[:5] != b"%PDF-":
        return Verdict(False, False, ("this is not a PDF file",))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        document = _read_info(reader)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:
        return Verdict(False, False, (f"the file is damaged or truncated ({_short(exc)})",))
    if not sigs:
        return Verdict(False, False, ("this file is not signed",), document=document)

    problems: list[str] = []
    signer = None
    signed_at: datetime.datetime | None = None
    fp = None
    for i, sig in enumerate(sigs):
        last = i == len(sigs) - 1
        try:
            signer_cert = sig.signer_cert
            signer = signer_name(signer_cert)
            fp = fingerprint(signer_cert.dump())
            if expected is not None and signer_cert.dump() != expected.dump():
                problems.append(f"it was made with another certificate ({fp}), not the one given")
            root = expected if expected is not None else signer_cert
            context = ValidationContext(trust_roots=[root], allow_fetching=False,
                                        revocation_mode="soft-fail")
            status = validate_pdf_signature(
                sig, context, key_usage_settings=KeyUsageConstraints(
                    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False))
        except Exception as exc:
            problems.append(f"the signature cannot be checked: the file is damaged ({_short(exc)})")
            continue
        signed_at = status.signer_reported_dt or sig.self_reported_timestamp
        container = _container_problem(pdf_bytes, sig)
        if container:
            problems.append(container)
        if not status.intact:
            problems.append("the file was changed after it was signed")
        elif not status.valid:
            problems.append("the signature does not match the signer's certificate")
        if last and status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
            problems.append("something was added to the file after it was signed")
        if status.intact and status.valid and not status.trusted and not problems:
            problems.append("the signer's certificate is not valid for signing now "
                            "(expired, not yet valid, or not a signing certificate)")
    unique = tuple(dict.fromkeys(problems))
    return Verdict(not unique, True, unique, signer, signed_at, fp, expected is not None and not unique,
                   document)


def _container_problem(data: bytes, sig: Any) -> str | None:
    """The one part of a signed file the signature cannot cover is the signature itself
    (``/Contents``). Require it to be exactly the signature as written: its hex digits in
    one case, and nothing but zero padding after the signature, so that no byte of the
    file can change unnoticed."""
    try:
        _, len1, start2, _ = (int(x) for x in sig.byte_range)
        raw: bytes = sig.pkcs7_content
        hexed = raw.hex().encode("ascii")
        if data[len1:start2] not in (b"<" + hexed + b">", b"<" + hexed.upper() + b">"):
            return "the signature data in the file was altered"
        parsed = asn1_parser.parse(raw, strict=False)
        used = len(parsed[3]) + len(parsed[4]) + len(parsed[5])
    except Exception:
        return "the signature data in the file was altered"
    if any(raw[used:]):
        return "the signature data in the file was altered"
    return None


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
