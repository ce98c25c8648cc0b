"""Documents → Save all declarations…: every declared ward's sheet, saved off the GUI thread.

One :class:`~countdesk.gui.ops.QueryOp`: on a worker with its own read-only desk,
:meth:`Desk.save_all_declarations` builds each declaration (signed, if a signing key is
chosen, through :meth:`Desk.declaration_bytes`, the one place they are signed) and
writes it atomically into the chosen folder as ``declaration-<ward>.pdf``. A progress
dialog follows the work and its Cancel button stops it after the sheet being made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from countdesk.app import Desk
from countdesk.app.documents import BatchOutcome
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate
from countdesk.gui.ops import QueryOp

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow


def save_all_declarations(window: MainWindow) -> QueryOp[BatchOutcome] | None:
    """Ask for a folder (and the key's passphrase), then save every declaration off the GUI thread."""
    desk = window.desk
    if desk is None:
        return None
    n = sum(1 for w in desk.wards() if w.declared_at)
    if not n:
        Dialogs.info(window, translate("Batch", "Save all declarations"),
                     translate("Batch", "No ward has been declared yet."))
        return None
    chosen = Dialogs.choose_folder(window, translate("Batch", "Save all declarations in the folder"))
    if not chosen:
        return None
    folder = Path(chosen)
    key = window.settings.signing_key or None
    passphrase: str | None = None
    if key:
        passphrase = Dialogs.get_password(window, translate("Batch", "Sign the declarations"),
                                          translate("Batch", "Passphrase for the signing key {name}:")
                                          .format(name=Path(key).name))
        if passphrase is None:
            key = None
    image = window.settings.signature_image or None

    def save(d: Desk) -> BatchOutcome:  # on the worker: no widget touched
        signer = None
        if key and passphrase is not None:
            from countdesk.reports.signing import load_signer  # noqa: PLC0415 - read once

            signer = load_signer(key, passphrase)
        return d.save_all_declarations(
            folder, signer=signer, signature_image=image, cancelled=op.cancelled,
            progress=lambda done, ward: op.report(
                done, translate("Batch", "Saving the declaration for {ward} ({done} of {n})…")
                .format(ward=ward, done=done + 1, n=n) if ward else ""))

    def finished(outcome: BatchOutcome) -> None:
        text = (translate("Batch", "Saved {saved} of {total} declarations (signed) in {folder}.") if key
                else translate("Batch", "Saved {saved} of {total} declarations in {folder}.")).format(
            saved=len(outcome.saved), total=outcome.total, folder=folder)
        if outcome.cancelled:
            text += " " + translate("Batch", "Cancelled: the others were not saved.")
        if outcome.problems:
            Dialogs.error(window, translate("Batch", "Some declarations were not saved"),
                          text + "\n\n" + "\n".join(outcome.problems[:20]))
        else:
            Dialogs.info(window, translate("Batch", "Declarations saved"), text)
        window.statusBar().showMessage(text, 8000)

    def failed(exc: Exception) -> None:
        Dialogs.error(window, translate("Batch", "Declarations not saved"), str(exc) or type(exc).__name__)

    op: QueryOp[BatchOutcome] = QueryOp(window, save, finished).failure(failed)
    op.with_progress((translate("Batch", "Saving {n} declarations…") if n != 1
                      else translate("Batch", "Saving 1 declaration…")).format(n=n), n,
                     title=translate("Batch", "Save all declarations"), cancellable=True)
    return op.run_in_background()
