"""The one error type of the application layer: a code and a sentence.

Every refusal an operation makes reaches the front ends as :class:`AppError`:
the command line prints the sentence and exits 2, the desktop app shows it in a
message box. The code is stable (``docs/validation-codes.md``): ``E``/``W`` for
figures (the core's validation rules), ``F`` for the ward's workflow, ``P`` for
the returning officer's passphrase, ``S`` for the store, ``A`` for anything else
the user must put right. Nothing was changed when one is raised.
"""

from __future__ import annotations

from countdesk.core.validation import FigureError


class AppError(Exception):
    """A refusal, in the user's words. Nothing was changed."""

    def __init__(self, code: str, sentence: str) -> None:
        super().__init__(sentence)
        self.code = code
        self.sentence = sentence

    def __str__(self) -> str:
        if self.code[:1] in ("E", "F") and self.code[1:].isdigit():
            return f"{self.code}: {self.sentence}"
        return self.sentence


class NeedsPassphrase(AppError):
    """The operation needs the returning officer's passphrase and none was given."""


class WrongPassphrase(AppError):
    """The passphrase given was wrong (or tries must wait)."""


class StoreBusy(AppError):
    """Another countdesk writes to this store."""


class StoreReadOnly(AppError):
    """This store cannot be written here."""


def from_figure(exc: FigureError) -> AppError:
    return AppError(exc.code, exc.message)


def from_store(exc: Exception) -> AppError:
    """A store refusal as the application layer's error (the store's message kept)."""
    from countdesk.store.db import AccessDenied, StoreInUse  # noqa: PLC0415
    from countdesk.store.db import StoreReadOnly as _ReadOnly  # noqa: PLC0415

    text = str(exc)
    code, _, rest = text.partition(": ")
    if isinstance(exc, StoreInUse):
        return StoreBusy("S001", text)
    if isinstance(exc, _ReadOnly):
        return StoreReadOnly("S002", text)
    if isinstance(exc, AccessDenied):
        if "wrong passphrase" in text or "wait" in text:
            return WrongPassphrase("P002", text)
        return NeedsPassphrase("P001", text)
    if len(code) == 4 and code[0] in "EFW" and code[1:].isdigit():
        return AppError(code, rest)
    return AppError("S000", text)
