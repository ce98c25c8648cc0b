"""Documents → Save all declarations…: every declared ward's sheet, saved off the GUI thread.

The sheets are built (and signed, if a signing key is chosen) on a worker
thread with its own connection to the store, one ward after another, and each
is written atomically into the chosen folder as ``declaration-<ward>.pdf``. A
progress dialog follows the work and its Cancel button stops it after the
sheet being made. No widget is touched from the worker: it reports through
signals, delivered on the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from countdesk.gui.dialogs import Dialogs
from countdesk.gui.documents import PdfJob
from countdesk.gui.workers import start_worker
from countdesk.store import Store
from countdesk.store.files import atomic_write

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow


@dataclass
class BatchOutcome:
    total: int
    saved: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False


class _BatchSignals(QObject):
    progress = Signal(int, str)  # sheets done, the ward being made now
    finished = Signal(object)  # BatchOutcome


def declaration_filename(ward: str, ward_id: int, taken: set[str]) -> str:
    """``declaration-<ward>.pdf``, made unique with the ward's id if needed."""
    from countdesk.reports.commands import declaration_filename as name  # noqa: PLC0415

    return name(ward, ward_id, taken)


class SaveDeclarationsJob(PdfJob):
    """Build, sign and save the declaration of every declared ward of the store at ``path``."""

    def __init__(self, path: Path, folder: Path, *, key: str | None = None,
                 passphrase: str | None = None, image: str | None = None) -> None:
        super().__init__(path, lambda store: b"")
        self.folder = folder
        self.key = key
        self.passphrase = passphrase
        self.image = image
        self.cancel = threading.Event()
        self.batch = _BatchSignals()

    def run(self) -> None:
        from countdesk.reports import api  # noqa: PLC0415

        outcome = BatchOutcome(total=0)
        signer = None
        try:
            if self.key and self.passphrase is not None:
                from countdesk.reports.signing import load_signer  # noqa: PLC0415

                signer = load_signer(self.key, self.passphrase)  # the key file is read once
            with Store.open(self.path, read_only=True) as store:
                wards = [w for w in store.wards() if w.declared_at]
                outcome.total = len(wards)
                taken: set[str] = set()
                for done, ward in enumerate(wards):
                    if self.cancel.is_set():
                        outcome.cancelled = True
                        break
                    self.batch.progress.emit(done, ward.name)
                    try:
                        data = api.build(store, "declaration", ward.id, signature_image=self.image)
                        if signer is not None:
                            from countdesk.reports.signing import sign_with  # noqa: PLC0415

                            data = sign_with(data, signer)
                        target = self.folder / declaration_filename(ward.name, ward.id, taken)
                        outcome.saved.append(atomic_write(target, data))
                    except Exception as exc:
                        outcome.problems.append(f"{ward.name}: {exc or type(exc).__name__}")
                        if isinstance(exc, OSError):
                            break  # the folder itself is the trouble: stop here
        except Exception as exc:
            outcome.problems.append(str(exc) or type(exc).__name__)
        self.batch.progress.emit(len(outcome.saved), "")
        self.batch.finished.emit(outcome)


def start(path: Path, folder: Path, *, key: str | None = None, passphrase: str | None = None,
          image: str | None = None) -> SaveDeclarationsJob:
    job = SaveDeclarationsJob(path, folder, key=key, passphrase=passphrase, image=image)
    start_worker(job, [(job.batch.finished, lambda _outcome: None)])
    return job


def save_all_declarations(window: MainWindow) -> SaveDeclarationsJob | None:
    """Ask for a folder (and the key's passphrase), then save every declaration off the GUI thread."""
    store = window.store
    if store is None:
        return None
    declared = [w for w in store.wards() if w.declared_at]
    if not declared:
        Dialogs.info(window, "Save all declarations", "No ward has been declared yet.")
        return None
    folder = Dialogs.choose_folder(window, "Save all declarations in the folder")
    if not folder:
        return None
    key = window.settings.signing_key or None
    passphrase: str | None = None
    if key:
        passphrase = Dialogs.get_password(window, "Sign the declarations",
                                          f"Passphrase for the signing key {Path(key).name}:")
        if passphrase is None:
            key = None
    n = len(declared)
    dialog = QProgressDialog(f"Saving {n} declaration{'s' if n != 1 else ''}…", "&Cancel", 0, n, window)
    dialog.setWindowTitle("Save all declarations")
    dialog.setAccessibleName("Saving declarations")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = start(store.path, Path(folder), key=key, passphrase=passphrase,
                image=window.settings.signature_image or None)
    window.declarations_job = job  # type: ignore[attr-defined]
    window.declarations_progress = dialog  # type: ignore[attr-defined]
    dialog.canceled.connect(job.cancel.set)

    def progress(done: int, ward: str) -> None:
        dialog.setValue(done)
        if ward:
            dialog.setLabelText(f"Saving the declaration for {ward} ({done + 1} of {n})…")

    def finished(outcome: BatchOutcome) -> None:
        dialog.hide()
        dialog.deleteLater()
        window.declarations_progress = None  # type: ignore[attr-defined]
        window.declarations_job = None  # type: ignore[attr-defined]
        signed = " (signed)" if key else ""
        text = f"Saved {len(outcome.saved)} of {outcome.total} declarations{signed} in {folder}."
        if outcome.cancelled:
            text += " Cancelled: the others were not saved."
        if outcome.problems:
            Dialogs.error(window, "Some declarations were not saved",
                          text + "\n\n" + "\n".join(outcome.problems[:20]))
        else:
            Dialogs.info(window, "Declarations saved", text)
        window.statusBar().showMessage(text, 8000)

    job.batch.progress.connect(progress, Qt.ConnectionType.QueuedConnection)
    job.batch.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    dialog.show()
    return job

