"""Records only the returning officer could have made.

When the returning officer first sets a passphrase, countdesk makes a random *audit key*
and keeps it in the log only wrapped (AES-GCM) under a key derived from the passphrase with
scrypt; changing the passphrase re-wraps the same key. Every record of an action that needs
the passphrase (declaring, lots, accepting a keying, unlocking, countermanding, reporting an
error, key management, changing the passphrase, double entry off) carries an HMAC-SHA-256 of
its whole content under the audit key. Without the passphrase nobody can make one, so
``audit-verify --ro-passphrase-file`` finds a forged record of any of those kinds, however
well it is chained.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

#: Audit actions that need the returning officer's passphrase once one is set.
RO_ACTIONS = ("declare", "record drawing of lots", "accept first keying", "accept second keying",
              "unlock candidates", "countermand poll", "report error after declaration",
              "change passphrase", "signing key made", "signing key chosen")
KEY_FIELD = "audit_key"
MAC_FIELD = "ro_mac"
_AAD = b"countdesk audit key v1"
_N, _R, _P = 2**14, 8, 1


def _kek(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32,
                          maxmem=64 * 1024 * 1024)


def new_key() -> bytes:
    return os.urandom(32)


def wrap(key: bytes, passphrase: str) -> dict[str, str]:
    """The audit key, encrypted under the passphrase (what the log keeps)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(passphrase, salt)).encrypt(nonce, key, _AAD)
    b64 = base64.b64encode
    return {"salt": b64(salt).decode(), "nonce": b64(nonce).decode(), "sealed": b64(sealed).decode()}


def unwrap(wrapped: Mapping[str, Any], passphrase: str) -> bytes | None:
    """The audit key, or None when this passphrase does not open it."""
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    try:
        salt, nonce, sealed = (base64.b64decode(str(wrapped[k])) for k in ("salt", "nonce", "sealed"))
        return AESGCM(_kek(passphrase, salt)).decrypt(nonce, sealed, _AAD)
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def mac(key: bytes, body: Mapping[str, Any]) -> str:
    """The authenticator of a record's whole content (its details without the authenticator)."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def mac_body(record: Mapping[str, Any], prev_hash: str) -> dict[str, Any]:
    """What the authenticator covers: the record as chained (seq, time, actor, action, ward,
    details without the authenticator, the rows written) and the hash it follows."""
    details = record["details"]
    return {"seq": record["seq"], "at": record["at"], "actor": record["actor"],
            "action": record["action"], "ward_id": record["ward_id"],
            "details": {k: v for k, v in details.items() if k != MAC_FIELD},
            "changes": record["changes"], "prev_hash": prev_hash}


def latest_wrapping(records: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    found = None
    for rec in records:
        if rec["action"] in ("set passphrase", "change passphrase"):
            details = json.loads(rec["details"]) if isinstance(rec["details"], str) else rec["details"]
            if KEY_FIELD in details:
                found = details[KEY_FIELD]
    return found


def check(records: list[dict[str, Any]], passphrase: str | None) -> tuple[list[str], int]:
    """Problems with the records that need the returning officer's passphrase, and how many such
    records there are. Without the passphrase nothing can be checked (problems empty)."""
    problems: list[str] = []
    keyed = False  # an audit key exists from this record on
    needing = 0
    key = None
    if passphrase is not None:
        wrapping = latest_wrapping(records)
        if wrapping is not None:
            key = unwrap(wrapping, passphrase)
            if key is None:
                return (["the passphrase given does not open this store's audit key: it is not the "
                         "returning officer's current passphrase, or the passphrase was replaced "
                         "behind countdesk's back"], 0)
    for rec in records:
        details = json.loads(rec["details"])
        action = str(rec["action"])
        sets_key = action in ("set passphrase", "change passphrase") and KEY_FIELD in details
        if action == "set passphrase" and keyed:
            problems.append(f"audit record {rec['seq']} sets a new passphrase over the returning "
                            "officer's without the current one: not made by countdesk")
        ro = action in RO_ACTIONS or "authorised" in details or sets_key
        if ro and (keyed or sets_key):
            needing += 1
            if key is not None:
                body = mac_body({**rec, "details": details, "changes": json.loads(rec["changes"])},
                                rec["prev_hash"])
                given = details.get(MAC_FIELD)
                if not isinstance(given, str) or not hmac.compare_digest(given, mac(key, body)):
                    problems.append(f"audit record {rec['seq']} ({action}, {rec['at']}) was not made "
                                    "with the returning officer's passphrase: it is forged")
        keyed = keyed or sets_key
    return problems, needing
