"""The one place where countdesk shows message boxes, file pickers and the returning
officer's passphrase prompt.

Tests patch these class methods instead of clicking real modal dialogs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from countdesk.gui.i18n import translate

if TYPE_CHECKING:
    from countdesk.app import AppError


class Dialogs:
    @classmethod
    def info(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setAccessibleName(title)
        box.exec()

    @classmethod
    def app_error(cls, parent: QWidget | None, title: str, exc: AppError) -> None:
        """A refusal of the application layer: its sentence, then its code."""
        sentence = exc.sentence[:1].upper() + exc.sentence[1:]
        cls.error(parent, title, translate("Dialogs", "{sentence}\n\n(code {code})").format(
            sentence=sentence, code=exc.code))

    @classmethod
    def passphrase(cls, parent: QWidget | None, what: str) -> str | None:
        """The returning officer's passphrase for ``what`` ("declaring the result of
        Nonsuch"), or None if cancelled."""
        return cls.get_password(parent, translate("Dialogs", "Returning officer's passphrase"),
                                translate("Dialogs", "{what} needs the returning officer's passphrase:")
                                .format(what=what[:1].upper() + what[1:]))

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def get_text(cls, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label)
        return text if ok else None

    @classmethod
    def get_password(cls, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    @classmethod
    def open_file(cls, parent: QWidget | None, title: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path or None

    @classmethod
    def save_file(cls, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    @classmethod
    def choose(cls, parent: QWidget | None, title: str, label: str, items: list[str],
               current: int = 0) -> int | None:
        """One of ``items`` (its index), or None if cancelled."""
        item, ok = QInputDialog.getItem(parent, title, label, items, current, False)
        return items.index(item) if ok and item in items else None

    @classmethod
    def choose_folder(cls, parent: QWidget | None, title: str) -> str | None:
        path = QFileDialog.getExistingDirectory(parent, title)
        return path or None

    @classmethod
    def run(cls, dialog: QWidget) -> bool:
        """Run a modal dialog (tests replace this to drive the dialog themselves)."""
        return bool(dialog.exec())  # type: ignore[attr-defined]
