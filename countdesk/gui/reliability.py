"""The desktop app's side of keeping a store safe.

- **One writer**: when a store opens, the app takes its writer lock. If another
  countdesk is writing to it, the app says so and offers to open it read-only.
- **The returning officer's passphrase**: asked for (through :class:`Dialogs`) by
  :class:`~countdesk.gui.ops.CollectionOp` when an operation needs it; *Backups →
  Returning officer's passphrase…* sets or changes it.
- **Backups** to a chosen folder (a USB stick): after every declaration and every few
  minutes while figures change, through :class:`~countdesk.gui.ops.QueryOp` (a worker
  thread with its own connection: SQLite's online backup), never on the GUI thread.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction

from countdesk.app import AppError, Desk, StoreBusy, safety
from countdesk.app.files import data_home
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow

#: minutes between automatic backups while figures are changing
BACKUP_MINUTES = 5
KEEP = 20


class Reliability(QObject):
    """Installed on the main window: the Backups menu, the backup timer, one writer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._settings = QSettings(str(data_home() / "settings.ini"), QSettings.Format.IniFormat)
        self._job: QueryOp[Path] | None = None
        self._pending = False
        self._dirty = True  # something changed since the last backup
        self.last_backup: str | None = None
        self.last_error: str | None = None
        menu = window.menuBar().addMenu(self.tr("Backu&ps"))
        for text, fn in ((self.tr("Choose the &backup folder…"), self.choose_folder),
                         (self.tr("Back up &now"), lambda: self.backup(manual=True)),
                         (None, None),
                         (self.tr("Returning officer's &passphrase…"), self.set_passphrase)):
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

    def changed(self) -> None:
        """An operation changed the store (the window calls this after each one)."""
        self._dirty = True

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
        path = Dialogs.choose_folder(self.window, self.tr("Folder for backups (a USB stick, say)"))
        if not path:
            return
        folder = Path(path)
        if not folder.is_dir():
            Dialogs.error(self.window, self.tr("Backups"),
                          self.tr("{folder} is not a folder.").format(folder=folder))
            return
        self.folder = folder
        self.backup(manual=True)

    # ---------------------------------------------------------------- backup
    def backup(self, *, manual: bool = False, force: bool = False) -> bool:
        """Start a backup now (off the GUI thread). Automatic ones run only when a folder is
        chosen and something changed since the last one. Returns whether one started."""
        desk = self.window.desk
        folder = self.folder
        if desk is None:
            return False
        if folder is None:
            if manual:
                Dialogs.info(self.window, self.tr("Backups"), self.tr("Choose the backup folder first "
                             "(Backups → Choose the backup folder)."))
            return False
        if not (manual or force or self._dirty):
            return False  # nothing changed since the last backup
        if self._job is not None and self._job.running:
            self._pending = True  # one at a time: run again when this one ends
            return False
        self._dirty = False

        def ok(path: Path) -> None:
            self._job = None
            self.last_backup, self.last_error = str(path), None
            done = self.tr("Backed up to {path}").format(path=path)
            self.window.statusBar().showMessage(done, 8000)
            if manual:
                Dialogs.info(self.window, self.tr("Backups"), done)
            self._again()

        def bad(exc: Exception) -> None:
            self._job = None
            self._dirty = True
            message = exc.sentence if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
            self.last_error = message
            self.window.statusBar().showMessage(self.tr("BACKUP FAILED: {message}").format(message=message))
            if manual or force:
                Dialogs.error(self.window, self.tr("Backup failed"), message)
            self._again()

        self.window.statusBar().showMessage(self.tr("Backing up…"))
        self._job = QueryOp(self.window, lambda d: safety.backup(d.path, folder, keep=KEEP).path, ok)
        self._job.failure(bad).run_in_background()
        return True

    def _again(self) -> None:
        if self._pending:
            self._pending = False
            self.backup(force=True)

    # ----------------------------------------------------------- one writer
    def open_desk(self, path: Path) -> Desk | None:
        """Open the store at ``path`` and take its writer lock. Another countdesk writing to
        it: say so and offer read-only viewing (returns that desk), or None."""
        try:
            desk = Desk.open(path)
        except AppError as exc:
            Dialogs.app_error(self.window, self.tr("Cannot open the store"), exc)
            return None
        if not desk.read_only:
            try:
                desk.claim_writer()
            except StoreBusy as exc:
                desk.close()
                if not Dialogs.ask(self.window, self.tr("Store in use"),
                                   self.tr("{sentence}\n\nOpen it read-only, to look at it without "
                                           "changing it?").format(sentence=exc.sentence)):
                    return None
                try:
                    desk = Desk.open(path, read_only=True)
                except AppError as again:
                    Dialogs.app_error(self.window, self.tr("Cannot open the store"), again)
                    return None
        if desk.read_only:
            self.window.statusBar().showMessage(
                self.tr("Read-only: {reason}").format(reason=desk.read_only_reason))
        self._dirty = True
        return desk

    # ----------------------------------------------------------- passphrase
    def key_chosen(self, path: str) -> bool:
        """Choosing the signing key is key management: with a store open it needs the
        returning officer's passphrase (once one is set) and goes into its audit log."""
        if self.window.desk is None:
            return True
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as exc:
            Dialogs.error(self.window, self.tr("Signing key"), self.tr("{path} cannot be read: {error}")
                          .format(path=path, error=exc.strerror))
            return False
        details = {"key_file": Path(path).name, "key_sha256": digest}
        fingerprint = self._certificate_of(path)
        if fingerprint is None:
            return False
        # registered, so that `verify --db` can tell a sheet signed with another key
        details["certificate_fingerprint"] = fingerprint
        return CollectionOp(self.window, lambda desk: desk.record_key_event(
            "signing key chosen", details, by=self.window.operator() or None),
            name="record_key_event", title=self.tr("Signing key not chosen"),
            what=self.tr("choosing the returning officer's signing key")).run()

    def _certificate_of(self, path: str) -> str | None:
        """The key's certificate fingerprint, once its own passphrase opens it (None: not opened,
        said in words)."""
        from countdesk.reports.signing import SigningError, fingerprint, load_signer  # noqa: PLC0415

        secret = Dialogs.get_password(self.window, self.tr("Signing key"),
                                      self.tr("The passphrase of the signing key {name} (to check "
                                              "that it opens; it is not stored):")
                                      .format(name=Path(path).name))
        if secret is None:
            self.window.statusBar().showMessage(self.tr("Signing key not chosen"))
            return None
        try:
            cert = load_signer(path, secret).signing_cert
        except SigningError as exc:
            Dialogs.error(self.window, self.tr("Signing key"), str(exc))
            return None
        assert cert is not None
        return str(fingerprint(cert.dump()))

    def set_passphrase(self) -> None:
        desk = self.window.desk
        if desk is None:
            return
        old: str | None = None
        if desk.passphrase_set():
            old = Dialogs.get_password(self.window, self.tr("Change the passphrase"),
                                       self.tr("The current passphrase:"))
            if old is None:
                return
        new = Dialogs.get_password(self.window, self.tr("Returning officer's passphrase"),
                                   self.tr("The new passphrase (at least 8 characters):"))
        if new is None:
            return
        again = Dialogs.get_password(self.window, self.tr("Returning officer's passphrase"),
                                     self.tr("The new passphrase again:"))
        if again is None:
            return
        if again != new:
            Dialogs.error(self.window, self.tr("Passphrase not set"),
                          self.tr("The two passphrases differ; nothing was changed."))
            return
        if CollectionOp(self.window, lambda d: d.set_passphrase(new, old=old,
                                                                 by=self.window.operator() or None),
                        name="set_passphrase", title=self.tr("Passphrase not set")).run():
            Dialogs.info(self.window, self.tr("Returning officer's passphrase"),
                         self.tr("Set. Declaring, recording lots, countermanding a poll, reporting an error "
                         "after a declaration, unlocking candidate lists, accepting one keying over "
                         "another and turning double entry off now ask for it."))
