"""The results board's QR code (key Q): the latest declared ward's result, in countdesk's
compact form with its digest (:mod:`countdesk.publish.qr`), for a phone or a broadcaster's
scanner to take off the count laptop with no network. Esc or Q closes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from countdesk.app import AppError, Desk
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate


class QrCode(QWidget):
    """A QR code painted square, black on white, as large as it fits (quiet zone included)."""

    def __init__(self, matrix: tuple[tuple[bool, ...], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = matrix
        self.setMinimumSize(len(matrix) * 3, len(matrix) * 3)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        n = len(self.matrix)
        side = min(self.width(), self.height())
        cell = side // n
        x0 = (self.width() - cell * n) // 2
        y0 = (self.height() - cell * n) // 2
        p.fillRect(QRectF(x0, y0, cell * n, cell * n), QColor("white"))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    p.fillRect(QRectF(x0 + x * cell, y0 + y * cell, cell, cell), QColor("black"))
        p.end()


class ResultCodeDialog(QDialog):
    def __init__(self, ward: str, text: str, parent: QWidget | None = None) -> None:
        from countdesk.publish.qr import parse_compact, qr_matrix  # noqa: PLC0415

        super().__init__(parent)
        self.text = text
        digest = parse_compact(text).digest
        self.setWindowTitle(self.tr("Result of {ward} as a QR code").format(ward=ward))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("{ward}: the declared result").format(ward=ward))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.code = QrCode(qr_matrix(text))
        self.code.setAccessibleName(self.tr("QR code of the declared result of {ward}").format(ward=ward))
        layout.addWidget(self.code, 1)
        short = " ".join(digest[i:i + 4] for i in range(0, 16, 4))
        self.digest_label = QLabel(self.tr("Result digest {digest} · Esc to close").format(digest=short))
        self.digest_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.digest_label)
        self.resize(640, 720)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Q):
            self.close()
            return
        super().keyPressEvent(event)


def show_result_code(parent: QWidget, desk: Callable[[], Desk | None]) -> ResultCodeDialog | None:
    """Show the latest declared ward's result as a QR code (or say why not)."""
    d = desk()
    if d is None:
        return None
    try:
        ward, text = d.result_code()
    except AppError as exc:
        Dialogs.info(parent, translate("ResultCodeDialog", "No result to show"), str(exc))
        return None
    dialog = ResultCodeDialog(ward, text, parent)
    dialog.show()
    return dialog
