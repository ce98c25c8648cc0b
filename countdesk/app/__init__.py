"""The application layer: every operation a returning officer and the count staff
perform, called alike by the command line, the desktop app and batch jobs.

Open a :class:`Desk` over a store; each operation takes plain arguments, returns
core records, raises :class:`AppError` (a code and a sentence) and declares
whether it needs the returning officer's passphrase (``passphrase=`` from the
caller). :meth:`Desk.collect_changes` says which wards it changed.
"""

from countdesk.app.desk import Desk
from countdesk.app.errors import AppError, NeedsPassphrase, StoreBusy, StoreReadOnly, WrongPassphrase
from countdesk.app.ops import OPERATIONS, Changes, OpSpec

__all__ = ["OPERATIONS", "AppError", "Changes", "Desk", "NeedsPassphrase", "OpSpec", "StoreBusy",
           "StoreReadOnly", "WrongPassphrase"]
