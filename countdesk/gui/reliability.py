"""The desktop app's side of keeping a store safe.

- **One writer**: when a store opens, the app takes its writer lock. If another
  countdesk is writing to it, the app says so and offers to open it read-only.
- **The returning officer's passphrase**: the store asks for it (through
  :class:`Dialogs`) when an action needs it; *Backups → Returning officer's
  passphrase…* sets or changes it.
- **Backups** to a chosen folder (a USB stick): after every declaration and
  every few minutes while figures change, on a worker thread with its own
  connection (SQLite's online backup), never on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QSettings, QTimer, Signal
from PySide6.QtGui import QAction

from countdesk.gui.dialogs import Dialogs
from countdesk.gui.workers import start_worker
from countdesk.store import Store, StoreError
from countdesk.store.db import StoreInUse
from countdesk.store.paths import data_home

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow

#: minutes between automatic backups while figures are changing
BACKUP_MINUTES = 5
KEEP = 20


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class BackupJob(QRunnable):
    """One backup, on a worker thread (its own connection; no widget touched)."""

    def __init__(self, db_path: Path, folder: Path) -> None:
        super().__init__()
        self.db_path, self.folder = db_path, folder
        self.signals = _Signals()

    def run(self) -> None:
        from countdesk.reliability.backups import backup_store  # noqa: PLC0415

        try:
            result = backup_store(self.db_path, self.folder, keep=KEEP)
        except StoreError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # a worker must report, never die silently
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(str(result.path))


class Reliability(QObject):
    """Installed on the main window: the Backups menu, the backup timer, the passphrase prompt."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._settings = QSettings(str(data_home() / "settings.ini"), QSettings.Format.IniFormat)
        self._job: BackupJob | None = None
        self._pending = False
        self._last_seq: int | None = None
        self.last_backup: str | None = None
        self.last_error: str | None = None
        menu = window.menuBar().addMenu("&Backups")
        for text, fn in (("Choose the &backup folder…", self.choose_folder),
                         ("Back up &now", lambda: self.backup(manual=True)),
                         (None, None),
                         ("Returning officer's &passphrase…", self.set_passphrase)):
            if text is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            action.triggered.connect(fn)
            menu.addAction(action)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.backup)
        self.timer.start()
        declared = getattr(window.result_panel, "declared", None)
        if declared is not None:
            declared.connect(lambda *_: self.backup(force=True))

    # ---------------------------------------------------------------- folder
    @property
    def folder(self) -> Path | None:
        value = self._settings.value("backups/folder", "")
        return Path(str(value)) if value else None

    @folder.setter
    def folder(self, path: Path | None) -> None:
        self._settings.setValue("backups/folder", str(path) if path else "")
        self._settings.sync()

    def choose_folder(self) -> None:
        path = Dialogs.choose_folder(self.window, "Folder for backups (a USB stick, say)")
        if not path:
            return
        folder = Path(path)
        if not folder.is_dir():
            Dialogs.error(self.window, "Backups", f"{folder} is not a folder.")
            return
        self.folder = folder
        self.backup(manual=True)

    # ---------------------------------------------------------------- backup
    def _audit_seq(self) -> int | None:
        store = self.window.store
        if store is None:
            return None
        try:
            row = store.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM audit").fetchone()
        except Exception:
            return None
        return int(row[0])

    def backup(self, *, manual: bool = False, force: bool = False) -> bool:
        """Start a backup now (a worker thread). Automatic ones run only when a folder is
        chosen and something changed since the last one. Returns whether one started."""
        store = self.window.store
        folder = self.folder
        if store is None:
            return False
        if folder is None:
            if manual:
                Dialogs.info(self.window, "Backups", "Choose the backup folder first "
                             "(Backups → Choose the backup folder).")
            return False
        seq = self._audit_seq()
        if not (manual or force) and seq == self._last_seq:
            return False  # nothing changed since the last backup
        if self._job is not None:
            self._pending = True  # one at a time: run again when this one ends
            return False
        job = BackupJob(store.path, folder)
        job.setAutoDelete(False)
        self._job = job

        def ok(path: str) -> None:
            self._job = None
            self._last_seq = seq
            self.last_backup, self.last_error = path, None
            self.window.statusBar().showMessage(f"Backed up to {path}", 8000)
            if manual:
                Dialogs.info(self.window, "Backups", f"Backed up to {path}")
            self._again()

        def bad(message: str) -> None:
            self._job = None
            self.last_error = message
            self.window.statusBar().showMessage(f"BACKUP FAILED: {message}")
            if manual or force:
                Dialogs.error(self.window, "Backup failed", message)
            self._again()

        self.window.statusBar().showMessage("Backing up…")
        start_worker(job, [(job.signals.done, ok), (job.signals.failed, bad)])
        return True

    def _again(self) -> None:
        if self._pending:
            self._pending = False
            self.backup(force=True)

    # ----------------------------------------------------------- one writer
    def store_opened(self, store: Store) -> Store | None:
        """Take the writer lock of a store the app opens. Another countdesk writing to it:
        say so and offer read-only viewing (returns the read-only store), or None."""
        if not store.read_only:
            try:
                store.claim_writer()
            except StoreInUse as exc:
                path = store.path
                store.close()
                if not Dialogs.ask(self.window, "Store in use",
                                   f"{exc}\n\nOpen it read-only, to look at it without changing it?"):
                    return None
                store = Store.open(path, read_only=True)
        if store.read_only:
            self.window.statusBar().showMessage(f"Read-only: {store.read_only_reason}")
        store.passphrase_prompt = self.ask_passphrase
        self._last_seq = None
        return store

    # ----------------------------------------------------------- passphrase
    def key_chosen(self, path: str) -> bool:
        """Choosing the signing key is key management: with a store open it needs the
        returning officer's passphrase (once one is set) and goes into its audit log."""
        import hashlib  # noqa: PLC0415

        store = self.window.store
        if store is None:
            return True
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as exc:
            Dialogs.error(self.window, "Signing key", f"{path} cannot be read: {exc.strerror}")
            return False
        try:
            store.record_key_event("signing key chosen", {"key_file": Path(path).name,
                                                          "key_sha256": digest},
                                   by=self.window.operator() or None)
        except StoreError as exc:
            Dialogs.error(self.window, "Signing key not chosen", str(exc))
            return False
        return True

    def ask_passphrase(self, action: str) -> str | None:
        return Dialogs.get_password(
            self.window, "Returning officer's passphrase",
            f"{action[0].upper()}{action[1:]} needs the returning officer's passphrase:")

    def set_passphrase(self) -> None:
        store = self.window.store
        if store is None:
            return
        old: str | None = None
        if store.passphrase_set():
            old = Dialogs.get_password(self.window, "Change the passphrase", "The current passphrase:")
            if old is None:
                return
        new = Dialogs.get_password(self.window, "Returning officer's passphrase",
                                   "The new passphrase (at least 8 characters):")
        if new is None:
            return
        again = Dialogs.get_password(self.window, "Returning officer's passphrase",
                                     "The new passphrase again:")
        if again is None:
            return
        if again != new:
            Dialogs.error(self.window, "Passphrase not set", "The two passphrases differ; nothing "
                          "was changed.")
            return
        try:
            store.set_passphrase(new, old=old, by=self.window.operator() or None)
        except StoreError as exc:
            Dialogs.error(self.window, "Passphrase not set", str(exc))
            return
        Dialogs.info(self.window, "Returning officer's passphrase",
                     "Set. Declaring, recording lots, unlocking candidate lists, accepting one keying "
                     "over another, turning double entry off and corrections now ask for it.")
