"""The returning officer's passphrase: scrypt hashes, back-off, and how it is offered.

The passphrase itself is never stored: only ``hashlib.scrypt`` of it with a
random salt (and the cost parameters, so they can be raised later). After
:data:`FREE_TRIES` wrong passphrases in a row, each further try must wait
(:func:`backoff_seconds`), counted from the last wrong one; the tries are
stored (and audited), so closing the program does not reset the count.

A passphrase reaches the store in one of three ways: ``Store.as_returning_officer``
(a block of code), :func:`offer` (the command line's ``--passphrase-file``, for
the whole command), or the store's ``passphrase_prompt`` callback (the desktop
app asks through its dialog helper when an action needs it).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

ROLE_RO = "returning_officer"
MIN_LENGTH = 8
MAX_LENGTH = 1024
FREE_TRIES = 5
#: scrypt cost: about 16 MiB and a few tens of milliseconds per try
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024

_offered: ContextVar[str | None] = ContextVar("countdesk_offered_passphrase", default=None)


class PassphraseFileError(Exception):
    """A passphrase file that cannot be used (said in the user's words)."""


@dataclass(frozen=True)
class PassphraseHash:
    hash: str
    salt: str
    n: int
    r: int
    p: int


def hash_passphrase(passphrase: str, *, salt: bytes | None = None, n: int = SCRYPT_N,
                    r: int = SCRYPT_R, p: int = SCRYPT_P) -> PassphraseHash:
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM,
                            dklen=32)
    return PassphraseHash(digest.hex(), salt.hex(), n, r, p)


def matches(passphrase: str, stored: PassphraseHash) -> bool:
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=bytes.fromhex(stored.salt),
                            n=stored.n, r=stored.r, p=stored.p, maxmem=_MAXMEM, dklen=32)
    return hmac.compare_digest(digest.hex(), stored.hash)


def backoff_seconds(failures: int) -> int:
    """How long to wait after ``failures`` wrong passphrases in a row before the next try.

    None for the first five; then 30 s, doubling each time, at most 15 minutes."""
    if failures < FREE_TRIES:
        return 0
    return int(min(30 * 2 ** (failures - FREE_TRIES), 15 * 60))


def check_new(passphrase: str) -> str:
    """A new passphrase, or a ValueError saying what is wrong with it."""
    if len(passphrase) < MIN_LENGTH:
        raise ValueError(f"the passphrase must be at least {MIN_LENGTH} characters long")
    if len(passphrase) > MAX_LENGTH:
        raise ValueError(f"the passphrase must be at most {MAX_LENGTH} characters long")
    if passphrase.strip() != passphrase:
        raise ValueError("the passphrase must not begin or end with a space")
    return passphrase


@contextmanager
def offer(passphrase: str | None) -> Iterator[None]:
    """Offer ``passphrase`` to any store action that needs it inside the block."""
    token = _offered.set(passphrase)
    try:
        yield
    finally:
        _offered.reset(token)


def offered() -> str | None:
    return _offered.get()


def read_passphrase_file(path: str | os.PathLike[str]) -> str:
    """A passphrase from a file (UTF-8; the trailing newline is not part of it)."""
    p = Path(path)
    if p.is_dir():
        raise PassphraseFileError(f"the passphrase file {p} is a folder")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PassphraseFileError(f"the passphrase file {p} cannot be read: {exc.strerror}") from None
    if len(data) > 64 * 1024:
        raise PassphraseFileError(f"the passphrase file {p} is far too long to hold a passphrase")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PassphraseFileError(f"the passphrase file {p} is not UTF-8 text") from None
    text = text.rstrip("\r\n")
    if not text:
        raise PassphraseFileError(f"the passphrase file {p} is empty")
    return text


def duration(seconds: int) -> str:
    """A wait in words: "40 seconds", "2 minutes"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
