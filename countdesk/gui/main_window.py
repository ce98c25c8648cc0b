"""The main window: the ward overview on the left, the chosen ward on the right.

It holds the :class:`~countdesk.app.Desk` every panel works through. After each
operation (:mod:`countdesk.gui.ops`) it refreshes only the wards the operation
changed: their rows of the overview, and the chosen ward's panels when the chosen
ward is one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from countdesk.app import AppError, Changes, Desk
from countdesk.app.files import import_election_file, make_demo_store
from countdesk.core.progress import Stage, stage
from countdesk.core.records import WardInfo
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.entry import EntryPanel
from countdesk.gui.models import VIEW, WardListModel, WardRow
from countdesk.gui.ops import QueryOp
from countdesk.gui.panel import WardPanel
from countdesk.gui.publishing import add_publish_actions, follow_declarations
from countdesk.gui.reliability import Reliability
from countdesk.gui.result_panel import ResultPanel
from countdesk.gui.settings import Settings
from countdesk.gui.setup_panel import SetupPanel, VerificationPanel

if TYPE_CHECKING:  # QtPdf and printing are loaded when a document is first shown, not at start-up
    from countdesk.gui.documents import PdfPreview


#: the width the chosen ward's tabs need (the result table and its buttons)
RIGHT_PANE = 690


class StartScreen(QWidget):
    """Shown when there is no store to open: new election, open, demo."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("<h1>countdesk</h1><p>The count desk for UK local elections. "
                       "Everything stays on this computer.</p>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        for text, fn in (("&New election from an election file…", window.new_from_file),
                         ("&Open a store…", window.open_store_dialog),
                         ("Open the &demo election (Sutton 2018)", window.open_demo),
                         ("Open the &Welsh demo election (Eryri 2022)", lambda: window.open_demo("wales"))):
            b = QPushButton(text)
            b.setAccessibleName(text.replace("&", "").rstrip("…"))
            b.setMinimumHeight(44)
            b.clicked.connect(fn)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(b, 2)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.desk: Desk | None = None
        self.setWindowTitle("countdesk")
        screen = QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        # the whole window on a small laptop screen (1366×768), else 1366×800
        self.resize(min(1366, room.width()) if room else 1366,
                    min(800, room.height() - 40) if room else 800)
        self.setAccessibleName("countdesk main window")
        self._build_menus()
        self.start = StartScreen(self)

        # Ward overview
        left = QWidget()
        lv = QVBoxLayout(left)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter wards (Ctrl+F)")
        self.filter.setAccessibleName("Filter wards")
        self.filter.setClearButtonEnabled(True)
        lv.addWidget(self.filter)
        self.wards_model = WardListModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.wards_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.ward_view = QTableView()
        self.ward_view.setModel(self.proxy)
        self.ward_view.setAccessibleName("Wards")
        self.ward_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ward_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ward_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ward_view.verticalHeader().setVisible(False)
        self.ward_view.setTabKeyNavigation(False)
        header = self.ward_view.horizontalHeader()
        # Columns are fitted to their contents when the wards are read (not on every change:
        # with hundreds of wards that would measure every row after each operation).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.ward_view.selectionModel().currentRowChanged.connect(lambda *_: self._ward_chosen())
        lv.addWidget(self.ward_view, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Wards declared")
        self.progress.setFormat("%v of %m wards declared")
        lv.addWidget(self.progress)

        # The chosen ward
        right = QWidget()
        rv = QVBoxLayout(right)
        self.ward_title = QLabel("Choose a ward")
        self.ward_title.setAccessibleName("Ward")
        f = self.ward_title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.ward_title.setFont(f)
        rv.addWidget(self.ward_title)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Ward views")
        self.result_panel = ResultPanel(self.operator)
        self.entry_panel = EntryPanel(self.operator)
        self.verify_panel = VerificationPanel(self.operator)
        self.setup_panel = SetupPanel(self.operator)
        self.tabs.addTab(self.result_panel, "&Result")
        self.tabs.addTab(self.entry_panel, "Count &entry")
        self.tabs.addTab(self.verify_panel, "&Verification")
        self.tabs.addTab(self.setup_panel, "Se&t-up")
        rv.addWidget(self.tabs, 1)
        op_row = QHBoxLayout()
        op_label = QLabel("O&perator:")
        self.operator_edit = QLineEdit(settings.operator)
        self.operator_edit.setAccessibleName("Operator name")
        self.operator_edit.setPlaceholderText("Your name (recorded with every entry)")
        self.operator_edit.editingFinished.connect(
            lambda: setattr(self.settings, "operator", self.operator_edit.text().strip()))
        op_label.setBuddy(self.operator_edit)
        op_row.addWidget(op_label)
        op_row.addWidget(self.operator_edit, 1)
        rv.addLayout(op_row)
        self.panels: tuple[WardPanel, ...] = (self.result_panel, self.entry_panel, self.verify_panel,
                                              self.setup_panel)
        self.result_panel.declared.connect(lambda ward_id: self.show_document("declaration", ward_id))
        follow_declarations(self)
        self.result_panel.error_reported.connect(
            lambda ward_id: self.show_document("error_report", ward_id))
        self.previews: list[PdfPreview] = []
        self.reliability = Reliability(self)  # one writer, passphrase prompt, backups

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.overview = left
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([630, 736])
        self.setCentralWidget(self.start)
        self.apply_view_settings()

    # ---------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for text, key, fn in (("&New election from file…", QKeySequence.StandardKey.New, self.new_from_file),
                              ("&Open store…", QKeySequence.StandardKey.Open, self.open_store_dialog),
                              ("Open &demo election", None, self.open_demo)):
            action = QAction(text, self)
            if key is not None:
                action.setShortcut(key)
            action.triggered.connect(fn)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        docs = self.menuBar().addMenu("&Documents")
        for text, kind, needs_ward in (("&Provisional result sheet", "provisional", True),
                                       ("Statement of &verification", "verification", True),
                                       ("Statement of &rejected ballot papers", "rejected", True),
                                       ("Record of re&counts", "recounts", True),
                                       ("&Timing report of the count (all wards)", "timings", False),
                                       ("&Declaration of result (declared ward)", "declaration", True),
                                       ("&Notice of election result (all wards)", "notice", False)):
            action = QAction(text + "…", self)
            action.triggered.connect(
                lambda _c=False, k=kind, w=needs_ward: self.show_document(k, self.current_ward_id()
                                                                          if w else None))
            docs.addAction(action)
        docs.addSeparator()
        key_action = QAction("Choose the returning officer's &signing key…", self)
        key_action.triggered.connect(self.choose_signing_key)
        docs.addAction(key_action)
        image = QAction("Choose a signature &image…", self)
        image.triggered.connect(self.choose_signature_image)
        docs.addAction(image)
        docs.addSeparator()
        save_all = QAction("Save &all declarations…", self)
        save_all.triggered.connect(self.save_all_declarations)
        docs.addAction(save_all)
        add_publish_actions(self, docs)
        board_menu = self.menuBar().addMenu("&Board")
        open_board_action = QAction("&Open results board…", self)
        open_board_action.triggered.connect(self.open_board)
        board_menu.addAction(open_board_action)
        view = self.menuBar().addMenu("&View")
        self.large_action = QAction("&Larger type", self, checkable=True)
        self.large_action.setShortcut(QKeySequence("Ctrl+="))
        self.large_action.setChecked(self.settings.large_type)
        self.large_action.toggled.connect(self._toggle_large)
        view.addAction(self.large_action)
        self.contrast_action = QAction("&High contrast", self, checkable=True)
        self.contrast_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.contrast_action.setChecked(self.settings.high_contrast)
        self.contrast_action.toggled.connect(self._toggle_contrast)
        view.addAction(self.contrast_action)
        find = QAction("&Find ward", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.filter.setFocus())  # noqa: PLW0108
        view.addAction(find)
        for i, name in enumerate(("Result", "Count entry", "Verification", "Set-up"), 1):
            action = QAction(f"Show {name}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _c=False, k=i - 1: self.tabs.setCurrentIndex(k))
            view.addAction(action)

    def _toggle_large(self, on: bool) -> None:
        self.settings.large_type = on
        self.apply_view_settings()

    def _toggle_contrast(self, on: bool) -> None:
        self.settings.high_contrast = on
        self.apply_view_settings()

    def apply_view_settings(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        base = getattr(app, "_countdesk_base_font", None)
        if base is None:
            base = QFont(app.font())
            app._countdesk_base_font = base  # type: ignore[attr-defined]
        font = QFont(base)
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * (1.4 if self.settings.large_type else 1.15))
        app.setFont(font)
        palette = QPalette()
        VIEW["high_contrast"] = self.settings.high_contrast
        if self.settings.high_contrast:
            for role, colour in ((QPalette.ColorRole.Window, Qt.GlobalColor.black),
                                 (QPalette.ColorRole.WindowText, Qt.GlobalColor.white),
                                 (QPalette.ColorRole.Base, Qt.GlobalColor.black),
                                 (QPalette.ColorRole.AlternateBase, Qt.GlobalColor.darkGray),
                                 (QPalette.ColorRole.Text, Qt.GlobalColor.white),
                                 (QPalette.ColorRole.Button, Qt.GlobalColor.black),
                                 (QPalette.ColorRole.ButtonText, Qt.GlobalColor.yellow),
                                 (QPalette.ColorRole.Highlight, Qt.GlobalColor.yellow),
                                 (QPalette.ColorRole.HighlightedText, Qt.GlobalColor.black)):
                palette.setColor(role, colour)
            app.setPalette(palette)
            self.setStyleSheet("QLineEdit, QComboBox, QTableView, QPushButton { border: 2px solid yellow; }")
        else:
            app.setPalette(app.style().standardPalette())
            self.setStyleSheet("")
        # the colours and fonts of every cell change, not the rows: say so to the views
        # (a bare layoutChanged, without layoutAboutToBeChanged, crashed Qt)
        model = self.wards_model
        if model.rowCount() and model.columnCount():
            model.dataChanged.emit(model.index(0, 0),
                                   model.index(model.rowCount() - 1, model.columnCount() - 1))
        if self.desk is not None and self.isVisible():
            QTimer.singleShot(0, self._fit_overview)  # the new type size needs wider columns

    # ------------------------------------------------------------- documents
    def choose_signing_key(self) -> None:
        path = Dialogs.open_file(self, "Returning officer's signing key (PKCS#12)",
                                 "PKCS#12 files (*.p12 *.pfx);;All files (*)")
        if path and self.reliability.key_chosen(path):  # key management: audited, RO's passphrase
            self.settings.signing_key = path
            Dialogs.info(self, "Signing key", f"Declarations will be signed with {path}. "
                         "The passphrase is asked for at each declaration and never stored.")

    def choose_signature_image(self) -> None:
        path = Dialogs.open_file(self, "Signature image", "Images (*.png *.jpg *.jpeg)")
        if path:
            self.settings.signature_image = path

    def save_all_declarations(self) -> None:
        from countdesk.gui.batch import save_all_declarations  # noqa: PLC0415 - see TYPE_CHECKING

        save_all_declarations(self)

    def show_document(self, kind: str, ward_id: int | None,
                      after: Callable[[], object] | None = None) -> QueryOp[bytes] | None:
        """Build a document off the GUI thread, then preview it (print or save from there);
        ``after`` runs once the preview is closed."""
        desk = self.desk
        if desk is None:
            return None
        if kind not in ("notice", "timings") and ward_id is None:
            Dialogs.error(self, "Choose a ward", "Choose a ward in the list first.")
            return None
        image = self.settings.signature_image or None
        key = self.settings.signing_key if kind in ("declaration", "verification", "rejected") else None
        passphrase: str | None = None
        if key:
            passphrase = Dialogs.get_password(self, "Sign the document",
                                              f"Passphrase for the signing key {Path(key).name}:")
            if passphrase is None:
                key = None
        ward_name = desk.ward(ward_id).name if ward_id is not None else None
        titles = {"provisional": "Provisional result", "verification": "Statement of verification",
                  "rejected": "Statement of rejected ballot papers",
                  "declaration": "Declaration of result of poll", "notice": "Notice of election result",
                  "recounts": "Record of recounts", "timings": "Timing report of the count",
                  "error_report": "Error reported after the declaration"}
        title = titles[kind] + (f" — {ward_name}" if ward_name else "")
        note = "Signed with the returning officer's key." if key else (
            "Not signed: choose a signing key in the Documents menu to sign declarations."
            if kind == "declaration" else "")
        if kind == "provisional":
            note = ("Show this to the candidates and agents: they may ask for a recount before "
                    "anything is declared. Closing the preview asks to record that it was shown.")

        def build(desk: Desk) -> bytes:  # on the worker: no widget touched
            return document_bytes(desk, kind, ward_id, key, passphrase, image)

        def done(data: bytes) -> None:
            from countdesk.gui.documents import PdfPreview, suggested_name  # noqa: PLC0415

            self.statusBar().showMessage(f"{title}: ready", 5000)
            preview = PdfPreview(title, data, suggested_name(kind, ward_name), note, self)
            self.previews.append(preview)
            Dialogs.run(preview)
            if after is not None:
                after()

        def failed(exc: Exception) -> None:
            self.statusBar().clearMessage()
            text = (f"{exc.sentence[:1].upper()}{exc.sentence[1:]}\n\n(code {exc.code})"
                    if isinstance(exc, AppError) else str(exc) or type(exc).__name__)
            Dialogs.error(self, f"{titles[kind]} not produced", text)

        self.statusBar().showMessage(f"Preparing the {titles[kind].lower()}…")
        return QueryOp(self, build, done).failure(failed).run_in_background()

    # ---------------------------------------------------------------- stores
    def operator(self) -> str:
        return self.operator_edit.text().strip()

    def say(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 10000)

    def open_store(self, path: str | Path) -> bool:
        desk = self.reliability.open_desk(Path(path))  # one writer; else read-only, if wanted
        if desk is None:
            return False
        try:
            election = desk.election()
        except AppError as exc:
            desk.close()
            Dialogs.app_error(self, "Cannot open the store", exc)
            return False
        if self.desk is not None:
            self.desk.close()
        self.desk = desk
        self.setWindowTitle(f"{election.authority} — {election.title} — {Path(path).name}"
                            f"{' (read-only)' if desk.read_only else ''} — countdesk")
        if self.centralWidget() is not self.splitter:
            self.start.setParent(None)
            self.setCentralWidget(self.splitter)
        self.refresh()
        if self.proxy.rowCount() > 0:
            self.ward_view.selectRow(0)
        self._fit_overview()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.desk is not None:
            self._fit_overview()
            QTimer.singleShot(0, self._fit_overview)  # again once fonts and styles are applied

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.desk is not None and self.centralWidget() is self.splitter:
            self._fit_overview(measure=False)

    def _fit_overview(self, measure: bool = True) -> None:
        """Give the ward overview the width its columns need (ward names are never cut)."""
        view, header = self.ward_view, self.ward_view.horizontalHeader()
        if measure:
            view.resizeColumnsToContents()
            # what the columns need (the last one stretches, so the header's length is not it)
            self._overview_width = sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
                                       for c in range(header.count()))
        layout = self.overview.layout()
        margins = layout.contentsMargins() if layout is not None else self.contentsMargins()
        wanted = (getattr(self, "_overview_width", header.length())
                  + view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
                  + 2 * view.frameWidth() + margins.left() + margins.right() + 12)
        total = max(self.splitter.width(), self.width())
        left = max(min(wanted, total - RIGHT_PANE), total // 3)  # the chosen ward keeps its room
        # a floor, so that a later layout pass (fonts applied, the window placed) keeps it
        self.overview.setMinimumWidth(min(left, wanted))
        self.splitter.setSizes([left, total - left])

    def open_store_dialog(self) -> None:
        path = Dialogs.open_file(self, "Open a countdesk store", "countdesk stores (*.db);;All files (*)")
        if path and self.open_store(path):
            self.settings.last_store = path

    def open_demo(self, which: str | bool = "sutton") -> None:  # "wales": the Welsh demo (Eryri 2022)
        try:
            path = make_demo_store(which if isinstance(which, str) else "sutton")
        except AppError as exc:
            Dialogs.app_error(self, "Cannot open the demo", exc)
            return
        self.open_store(path)

    def new_from_file(self) -> None:
        src = Dialogs.open_file(self, "Election file to import", "Election files (*.json)")
        if not src:
            return
        target = Dialogs.save_file(self, "Save the new store as", str(Path(src).with_suffix(".db")),
                                   "countdesk stores (*.db)")
        if not target:
            return
        try:
            import_election_file(target, src)
        except AppError as exc:
            Dialogs.app_error(self, "Election file not imported", exc)
            return
        if self.open_store(target):
            self.settings.last_store = target

    # ---------------------------------------------------------------- views
    def ward_row(self, w: WardInfo) -> WardRow:
        assert self.desk is not None
        r = self.desk.result(w.id)
        return WardRow(w.id, w.name, w.seats, stage(r, w.ballot_papers_verified is not None),
                       r.ballot_papers_counted, f"{r.turnout_pct}%" if r.turnout_pct is not None else "")

    def refresh(self) -> None:
        """Read every ward again (a store opened, or the election as a whole changed)."""
        if self.desk is None:
            return
        current = self.current_ward_id()
        self.wards_model.set_rows([self.ward_row(w) for w in self.desk.wards()])
        self.ward_view.resizeColumnsToContents()
        self._progress()
        if current is not None:
            self.select_ward(current)
        self._board()

    def apply_changes(self, changes: Changes, initiator: Any = None) -> None:
        """After an operation: refresh the wards it changed, and nothing else."""
        desk = self.desk
        if desk is None or not changes.any:
            return
        self.reliability.changed()
        if changes.election:
            self.refresh()
            return
        for ward_id in sorted(changes.wards):
            try:
                shown = self.wards_model.update_row(self.ward_row(desk.ward(ward_id)))
            except AppError:  # removed
                shown = False
            if not shown:
                self.refresh()
                return
            self._fit_row(ward_id)
        self._progress()
        current = self.current_ward_id()
        if current in changes.wards:
            self.redraw_ward(skip=initiator)
        self._board()

    def _fit_row(self, ward_id: int) -> None:
        """Widen a column of the overview if one changed row needs it (nothing is cut)."""
        row = self.wards_model.row_of(ward_id)
        if row is None:
            return
        header = self.ward_view.horizontalHeader()
        delegate = self.ward_view.itemDelegate()
        option = QStyleOptionViewItem()
        option.initFrom(self.ward_view)
        for col in range(self.wards_model.columnCount()):
            index = self.proxy.mapFromSource(self.wards_model.index(row, col))
            width = delegate.sizeHint(option, index).width() + 2 * self.ward_view.frameWidth()
            if index.isValid() and width > header.sectionSize(col):
                header.resizeSection(col, width)

    def _progress(self) -> None:
        self.progress.setMaximum(max(self.wards_model.rowCount(), 1))
        self.progress.setValue(self.wards_model.count(Stage.DECLARED))

    def open_board(self) -> None:
        """The results board (its module, and the exports it reads, loaded when first opened)."""
        from countdesk.gui.board import open_board  # noqa: PLC0415 - not needed to start

        open_board(self, lambda: self.desk)

    def _board(self) -> None:
        board = getattr(self, "results_board", None)
        if board is not None and board.isVisible():
            board.refresh()

    def current_ward_id(self) -> int | None:
        index = self.ward_view.currentIndex()
        if not index.isValid():
            return None
        value = self.proxy.data(self.proxy.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def select_ward(self, ward_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), Qt.ItemDataRole.UserRole) == ward_id:
                already = self.ward_view.currentIndex().row() == row
                self.ward_view.selectRow(row)  # a new current row shows the ward (currentRowChanged)
                if already:
                    self._ward_chosen()
                return

    def select_ward_by_name(self, name: str) -> None:
        if self.desk is None:
            return
        self.select_ward(self.desk.ward(name).id)

    def _ward_chosen(self) -> None:
        ward_id = self.current_ward_id()
        desk = self.desk
        if desk is None or ward_id is None:
            return
        w = desk.ward(ward_id)
        self.ward_title.setText(f"{w.name} — {w.seats} seat{'s' if w.seats != 1 else ''}")
        for panel in self.panels:
            panel.desk, panel.ward_id = desk, ward_id
        self.redraw_ward()

    def redraw_ward(self, skip: Any = None) -> None:
        """Redraw the chosen ward's panels (but the one that started an operation and shows
        its outcome itself)."""
        for panel in self.panels:
            if panel is not skip:
                panel.set_ward(self.desk, self.current_ward_id())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.desk is not None:
            self.desk.close()
            self.desk = None
        event.accept()


def document_bytes(desk: Desk, kind: str, ward_id: int | None, key: str | None,  # noqa: PLR0917
                   passphrase: str | None, image: str | None) -> bytes:
    """A document from the desk, signed with the returning officer's key when one is given
    (declarations through :meth:`Desk.declaration_bytes`, the one place they are signed)."""
    signer = None
    if key and passphrase is not None:
        from countdesk.reports.signing import load_signer  # noqa: PLC0415 - the key file, once

        signer = load_signer(key, passphrase)
    if kind == "declaration":
        assert ward_id is not None
        return desk.declaration_bytes(ward_id, signer=signer, signature_image=image)
    if kind == "provisional":
        assert ward_id is not None
        return desk.provisional_sheet(ward_id)
    if kind == "error_report":
        assert ward_id is not None
        return desk.error_report_sheet(ward_id, signature_image=image)
    from countdesk.app.documents import sign  # noqa: PLC0415

    data = desk.document(kind, ward_id, signature_image=image)
    return sign(data, signer, desk.election().authority)
