"""The one error type of the application layer: a code and a sentence.

Every refusal an operation makes reaches the front ends as :class:`AppError`:
the command line prints the sentence and exits 2, the desktop app shows it in a
message box. The code is stable (``docs/validation-codes.md``): ``E``/``W`` for
figures (the core's validation rules), ``F`` for the ward's workflow, ``P`` for
the returning officer's passphrase, ``S`` for the store, ``A`` for anything else
the user must put right. Nothing was changed when one is raised.
"""

from __future__ import annotations

from countdesk.core.people import PEOPLE_RULES
from countdesk.core.validation import FigureError

#: Every code the application layer raises besides the core's (E, W, F), with what it
#: means and what to do (``docs/validation-codes.md``, checked by a test).
APP_CODES: dict[str, tuple[str, str]] = {
    "A001": ("No ward by that name or id.", "Choose a ward from the list (`countdesk wards`)."),
    "A002": ("No such round in the ward.", "Give a round the ward has (`result WARD --json` lists it)."),
    "A003": ("The count sheet is not named, or no sheet has that name.",
             "Give the sheet's name (--sheet NAME); the message lists the sheets."),
    "A004": ("A keying is first, second or third (the differing fields again).",
             "Say which keying: first, second or third."),
    "A005": ("Not a figure of this count sheet.", "Key a candidate's votes, a rejected head or the papers."),
    "A007": ("A count sheet with that name already exists.", "Choose another name for the sheet."),
    "A010": ("Free text that cannot be accepted (empty, too long, control characters).",
             "Type the name or reason again in plain words."),
    "A020": ("The candidate is not among those tied.", "Choose one of the tied candidates listed."),
    "A021": ("No such warning to acknowledge, or it is already acknowledged.",
             "Acknowledge one of the warnings listed with the result."),
    "A022": ("A recount request of no known type, or a re-check of bundles naming none.",
             "Say full (a full recount) or bundles with the name of each bundle to re-check."),
    "A030": ("A set-up change refused.", "The message says why; nothing was changed."),
    "A031": ("A nominations file refused.", "Correct the lines named and import the file again."),
    "A040": ("A document cannot honestly be printed.", "The message says why (e.g. no result yet)."),
    "A041": ("A document needs a ward, or takes none.", "Give a ward for ward documents, none for the "
             "notice and the summary."),
    "A042": ("A declaration of a ward not declared, or a draft of one that is.",
             "Declare first, or print a draft to read back before declaring."),
    "A043": ("No error has been reported for the ward.", "Report it first (report-error)."),
    "A044": ("The store was closed before the document was made.", "Open the store and ask again."),
    "A051": ("The anchor given cannot be read or carries no audit anchor.",
             "Give a backup of the store, or a declaration printed by this version."),
    "A050": ("The backup is of another election than the store it would replace.",
             "Choose a backup of this store, or say that this election is to be replaced "
             "(--other-election; needs the returning officer's passphrase)."),
    "A080": ("An expected time of declaration that is not a time of day.",
             "Write it as HH:MM on the 24-hour clock, such as 02:30."),
    "A081": ("The results site cannot be written into that folder.",
             "Choose a new or empty folder, or the folder of a site published before."),
    "A082": ("A council's results file for the region cannot be used.",
             "The message says which file and why; export it again from that council's countdesk."),
    "P001": ("The returning officer's passphrase is needed.",
             "Give it (in the app when asked; on the command line --ro-passphrase-file FILE)."),
    "P002": ("The passphrase was wrong, or tries must wait.", "Try again with the right passphrase "
             "after the wait shown."),
    "P003": ("A new passphrase that is too short or too long.", "Choose 8 to 1,024 characters."),
    "P004": ("A passphrase file that cannot be used.", "Give a readable UTF-8 file holding the passphrase."),
    "S000": ("The store refused the change.", "The message says why; nothing was changed."),
    "S001": ("Another countdesk is writing to this store.", "Close it there first, or open this one "
             "read-only to view."),
    "S002": ("The store cannot be written here.", "Copy it somewhere writable to make changes."),
    **PEOPLE_RULES,  # who is at the desk: A006, A008, A023, A024, A025
}


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
    from countdesk.store.errors import AccessDenied, StoreInUse  # noqa: PLC0415
    from countdesk.store.errors import StoreReadOnly as _ReadOnly  # noqa: PLC0415

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
