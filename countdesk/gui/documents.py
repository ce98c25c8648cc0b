"""Printed documents in the app: previewed, printed, saved.

Every document is built off the GUI thread by a :class:`~countdesk.gui.ops.QueryOp`
(its own read-only desk on the worker); the finished bytes come back to the GUI
thread and are shown here. QtPdf is loaded only when the first document is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from countdesk.app import AppError, Desk
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.ops import host_of

PRINT_DPI = 300


class PdfPreview(QDialog):
    """Preview a document before printing or saving it."""

    def __init__(self, title: str, data: bytes, suggested_name: str, note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.suggested_name = suggested_name
        self.setWindowTitle(title)
        self.setAccessibleName(self.tr("Preview: {title}").format(title=title))
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        # the whole dialog on the screen (its buttons too), on a laptop's 768 lines
        self.resize(min(900, room.width() - 40) if room else 900,
                    min(1000, room.height() - 60) if room else 1000)
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setAccessibleName(self.tr("Document note"))
            layout.addWidget(label)
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Document preview"))
        self.view.pageNavigator().jump(0, QPointF(0, 0), 0)
        layout.addWidget(self.view, 1)
        # the page takes the keyboard first: arrows and Page Down read it to the end
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setFocus()
        row = QHBoxLayout()
        for text, fn in ((self.tr("&Print…"), self.print_document), (self.tr("&Save as PDF…"), self.save),
                         (self.tr("&Close"), self.accept)):
            b = QPushButton(text)
            b.setAccessibleName(text.replace("&", "").rstrip("…"))
            b.clicked.connect(lambda _c=False, f=fn: f())
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

    @property
    def pages(self) -> int:
        return int(self.document.pageCount())

    def save(self, path: str | None = None) -> Path | None:
        target = path or Dialogs.save_file(self, self.tr("Save as PDF"), self.suggested_name,
                                            self.tr("PDF files (*.pdf)"))
        if not target:
            return None
        try:
            desk: Desk | None = host_of(self.parentWidget()).desk
            if desk is None:
                raise AppError("A044", "the store was closed")
            written = desk.save_document(target, self.data)  # atomically
        except OSError as exc:
            Dialogs.error(self, self.tr("Not saved"), f"{target}: {exc.strerror or exc}")
            return None
        except AppError as exc:
            Dialogs.app_error(self, self.tr("Not saved"), exc)
            return None
        Dialogs.info(self, self.tr("Saved"), self.tr("Saved {path}").format(path=written))
        return written

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setCopyCount(1)
        if not Dialogs.run(QPrintDialog(printer, self)):
            return
        self.paint(printer)

    def paint(self, printer: QPrinter) -> None:
        """Render each page at the printer's resolution (QtPdf printing is raster)."""
        painter = QPainter()
        if not painter.begin(printer):
            Dialogs.error(self, self.tr("Not printed"), self.tr("The printer could not be started."))
            return
        try:
            for page in range(self.pages):
                if page:
                    printer.newPage()
                rect = painter.viewport()
                size = self.document.pagePointSize(page)
                scale = min(rect.width() / size.width(), rect.height() / size.height())
                image = self.document.render(page, QSize(int(size.width() * scale),
                                                         int(size.height() * scale)))
                painter.drawImage(0, 0, image)
        finally:
            painter.end()


def suggested_name(kind: str, ward: str | None) -> str:
    base = kind if ward is None else f"{kind}-{ward}"
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in base.lower()) + ".pdf"
