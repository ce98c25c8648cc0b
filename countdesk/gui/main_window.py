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
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from countdesk.app import AppError, Changes, Desk
from countdesk.app.files import import_election_file, make_demo_store
from countdesk.core.progress import Stage, stage
from countdesk.core.records import WardInfo
from countdesk.gui import i18n, theme
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.entry import EntryPanel
from countdesk.gui.fit import fit_overview, fit_row
from countdesk.gui.models import WardListModel, WardRow
from countdesk.gui.navigation import FilterKeys, first_keying_begun, follow_the_screen, keep_focus
from countdesk.gui.ops import QueryOp
from countdesk.gui.panel import WardPanel
from countdesk.gui.publishing import add_publish_actions, follow_declarations
from countdesk.gui.reliability import Reliability
from countdesk.gui.result_panel import ResultPanel
from countdesk.gui.settings import Settings
from countdesk.gui.setup_panel import SetupPanel, VerificationPanel
from countdesk.gui.start import StartScreen, explain_demo, may_close, reopen_last

if TYPE_CHECKING:  # QtPdf and printing are loaded when a document is first shown, not at start-up
    from countdesk.gui.documents import PdfPreview


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.desk: Desk | None = None
        self.setWindowTitle("countdesk")
        screen = QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        # the whole window, frame and title too, on a small laptop screen (1366×768), else 1366×800
        self.resize(min(1366, room.width() - 8) if room else 1366,
                    min(800, room.height() - 40) if room else 800)
        self.setAccessibleName(self.tr("countdesk main window"))
        self._build_menus()
        self.start = StartScreen(self)

        # Ward overview
        left = QWidget()
        lv = QVBoxLayout(left)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter wards (Ctrl+F)"))
        self.filter.setAccessibleName(self.tr("Filter wards"))
        self.filter.setClearButtonEnabled(True)
        lv.addWidget(self.filter)
        self.wards_model = WardListModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.wards_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_keys = FilterKeys(self)  # the chosen ward stays one listed; Down/Enter choose
        self.ward_view = QTableView()
        self.ward_view.setModel(self.proxy)
        self.ward_view.setAccessibleName(self.tr("Wards"))
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
        self.progress.setAccessibleName(self.tr("Wards declared"))
        self.progress.setFormat(self.tr("%v of %m wards declared"))
        lv.addWidget(self.progress)

        # The chosen ward
        right = QWidget()
        rv = QVBoxLayout(right)
        self.ward_title = QLabel(self.tr("Choose a ward"))
        self.ward_title.setAccessibleName(self.tr("Ward"))
        f = self.ward_title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.ward_title.setFont(f)
        rv.addWidget(self.ward_title)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Ward views"))
        self.result_panel = ResultPanel(self.operator)
        self.entry_panel = EntryPanel(self.operator)
        self.verify_panel = VerificationPanel(self.operator)
        self.setup_panel = SetupPanel(self.operator)
        self.tabs.addTab(self.result_panel, self.tr("&Result"))
        self.tabs.addTab(self.entry_panel, self.tr("Count &entry"))
        self.tabs.addTab(self.verify_panel, self.tr("Ver&ification"))
        self.tabs.addTab(self.setup_panel, self.tr("Se&t-up"))
        rv.addWidget(self.tabs, 1)
        op_row = QHBoxLayout()
        op_label = QLabel(self.tr("Operator:"))
        self.operator_edit = QLineEdit(settings.operator)
        self.operator_edit.setAccessibleName(self.tr("Operator name"))
        self.operator_edit.setPlaceholderText(self.tr("Your name (recorded with every entry)"))
        self.operator_edit.editingFinished.connect(
            lambda: setattr(self.settings, "operator", self.operator_edit.text().strip()))
        op_label.setBuddy(self.operator_edit)
        op_row.addWidget(op_label)
        op_row.addWidget(self.operator_edit, 1)
        rv.addLayout(op_row)
        self.panels: tuple[WardPanel, ...] = (self.result_panel, self.entry_panel, self.verify_panel,
                                              self.setup_panel)
        for panel in self.panels:
            follow_the_screen(panel)  # Tab in the order the controls are seen
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
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, key, fn in ((self.tr("&New election from file…"), QKeySequence.StandardKey.New,
                               self.new_from_file),
                              (self.tr("&Open store…"), QKeySequence.StandardKey.Open,
                               self.open_store_dialog),
                              (self.tr("Open &demo election"), None, self.open_demo)):
            action = QAction(text, self)
            if key is not None:
                action.setShortcut(key)
            action.triggered.connect(fn)
            file_menu.addAction(action)
        reopen = QAction(self.tr("&Reopen the last store"), self)
        reopen.setShortcut(QKeySequence("Ctrl+Shift+O"))
        reopen.triggered.connect(lambda: reopen_last(self))
        file_menu.addAction(reopen)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        docs = self.menuBar().addMenu(self.tr("&Documents"))
        for text, kind, needs_ward in ((self.tr("&Provisional result sheet…"), "provisional", True),
                                       (self.tr("Statement of &verification…"), "verification", True),
                                       (self.tr("Statement of &rejected ballot papers…"), "rejected", True),
                                       (self.tr("Record of re&counts…"), "recounts", True),
                                       (self.tr("&Timing report of the count (all wards)…"), "timings",
                                        False),
                                       (self.tr("&Declaration of result (declared ward)…"), "declaration",
                                        True),
                                       (self.tr("&Notice of election result (all wards)…"), "notice", False)):
            action = QAction(text, self)
            action.triggered.connect(
                lambda _c=False, k=kind, w=needs_ward: self.show_document(k, self.current_ward_id()
                                                                          if w else None))
            docs.addAction(action)
        docs.addSeparator()
        key_action = QAction(self.tr("Choose the returning officer's &signing key…"), self)
        key_action.triggered.connect(self.choose_signing_key)
        docs.addAction(key_action)
        image = QAction(self.tr("Choose a signature &image…"), self)
        image.triggered.connect(self.choose_signature_image)
        docs.addAction(image)
        docs.addSeparator()
        save_all = QAction(self.tr("Save &all declarations…"), self)
        save_all.triggered.connect(self.save_all_declarations)
        docs.addAction(save_all)
        add_publish_actions(self, docs)
        board_menu = self.menuBar().addMenu(self.tr("&Board"))
        open_board_action = QAction(self.tr("&Open results board…"), self)
        open_board_action.triggered.connect(self.open_board)
        board_menu.addAction(open_board_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.large_action = QAction(self.tr("&Larger type"), self, checkable=True)
        self.large_action.setShortcut(QKeySequence("Ctrl+="))
        self.large_action.setChecked(self.settings.large_type)
        self.large_action.toggled.connect(self._toggle_large)
        view.addAction(self.large_action)
        self.contrast_action = QAction(self.tr("&High contrast"), self, checkable=True)
        self.contrast_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.contrast_action.setChecked(self.settings.high_contrast)
        self.contrast_action.toggled.connect(self._toggle_contrast)
        view.addAction(self.contrast_action)
        find = QAction(self.tr("&Find ward"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.filter.setFocus())  # noqa: PLW0108
        view.addAction(find)
        for i, name in enumerate((self.tr("Show Result"), self.tr("Show Count entry"),
                                  self.tr("Show Verification"), self.tr("Show Set-up")), 1):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _c=False, k=i - 1: self.tabs.setCurrentIndex(k))
            view.addAction(action)
        view.addSeparator()
        i18n.add_language_menu(self, view)

    def _toggle_large(self, on: bool) -> None:
        self.settings.large_type = on
        self.apply_view_settings()

    def _toggle_contrast(self, on: bool) -> None:
        self.settings.high_contrast = on
        self.apply_view_settings()

    def apply_view_settings(self) -> None:
        """The theme and type size of the settings, applied in place (no window recreated)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        theme.apply(app, high_contrast=self.settings.high_contrast, large_type=self.settings.large_type)
        # the colours and fonts of every cell change, not the rows: say so to the views
        # (a bare layoutChanged, without layoutAboutToBeChanged, crashed Qt)
        model = self.wards_model
        if model.rowCount() and model.columnCount():
            model.dataChanged.emit(model.index(0, 0),
                                   model.index(model.rowCount() - 1, model.columnCount() - 1))
        if self.desk is not None and self.current_ward_id() is not None:
            self.redraw_ward()  # messages drawn in the theme's colours
        if self.desk is not None and self.isVisible():
            QTimer.singleShot(0, self._fit_overview)  # the new type size needs wider columns

    # ------------------------------------------------------------- documents
    def choose_signing_key(self) -> None:
        path = Dialogs.open_file(self, self.tr("Returning officer's signing key (PKCS#12)"),
                                 self.tr("PKCS#12 files (*.p12 *.pfx);;All files (*)"))
        if path and self.reliability.key_chosen(path):  # key management: audited, RO's passphrase
            self.settings.signing_key = path
            Dialogs.info(self, self.tr("Signing key"), self.tr("Declarations will be signed with {path}. "
                         "The passphrase is asked for at each declaration and never stored.")
                         .format(path=path))

    def choose_signature_image(self) -> None:
        path = Dialogs.open_file(self, self.tr("Signature image"), self.tr("Images (*.png *.jpg *.jpeg)"))
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
            Dialogs.error(self, self.tr("Choose a ward"), self.tr("Choose a ward in the list first."))
            return None
        image = self.settings.signature_image or None
        key = self.settings.signing_key if kind in ("declaration", "verification", "rejected") else None
        passphrase: str | None = None
        if key:
            passphrase = Dialogs.get_password(self, self.tr("Sign the document"),
                                              self.tr("Passphrase for the signing key {name}:")
                                              .format(name=Path(key).name))
            if passphrase is None:
                key = None
        ward_name = desk.ward(ward_id).name if ward_id is not None else None
        titles = {"provisional": self.tr("Provisional result"),
                  "verification": self.tr("Statement of verification"),
                  "rejected": self.tr("Statement of rejected ballot papers"),
                  "declaration": self.tr("Declaration of result of poll"),
                  "notice": self.tr("Notice of election result"),
                  "recounts": self.tr("Record of recounts"), "timings": self.tr("Timing report of the count"),
                  "error_report": self.tr("Error reported after the declaration")}
        title = titles[kind] + (f" — {ward_name}" if ward_name else "")
        note = self.tr("Signed with the returning officer's key.") if key else (
            self.tr("Not signed: choose a signing key in the Documents menu to sign declarations.")
            if kind == "declaration" else "")
        if kind == "provisional":
            note = self.tr("Show this to the candidates and agents: they may ask for a recount before "
                           "anything is declared. Closing the preview asks to record that it was shown.")

        def build(desk: Desk) -> bytes:  # on the worker: no widget touched
            return document_bytes(desk, kind, ward_id, key, passphrase, image)

        def done(data: bytes) -> None:
            from countdesk.gui.documents import PdfPreview, suggested_name  # noqa: PLC0415

            self.statusBar().showMessage(self.tr("{title}: ready").format(title=title), 5000)
            preview = PdfPreview(title, data, suggested_name(kind, ward_name), note, self)
            self.previews.append(preview)
            Dialogs.run(preview)
            if after is not None:
                after()

        def failed(exc: Exception) -> None:
            self.statusBar().clearMessage()
            text = (self.tr("{sentence}\n\n(code {code})").format(
                sentence=exc.sentence[:1].upper() + exc.sentence[1:], code=exc.code)
                    if isinstance(exc, AppError) else str(exc) or type(exc).__name__)
            Dialogs.error(self, self.tr("{title} not produced").format(title=titles[kind]), text)

        self.statusBar().showMessage(self.tr("Preparing: {title}…").format(title=titles[kind]))
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
            Dialogs.app_error(self, self.tr("Cannot open the store"), exc)
            return False
        if self.desk is not None:
            self.desk.close()
        self.desk = desk
        self.setWindowTitle(f"{election.authority} — {election.title} — {Path(path).name}"
                            f"{self.tr(' (read-only)') if desk.read_only else ''} — countdesk")
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
        fit_overview(self, measure)  # the ward names never cut, the window on the screen

    def open_store_dialog(self) -> None:
        path = Dialogs.open_file(self, self.tr("Open a countdesk store"),
                                 self.tr("countdesk stores (*.db);;All files (*)"))
        if path and self.open_store(path):
            self.settings.last_store = path

    def open_demo(self) -> None:
        self._open_demo("sutton")

    def open_welsh_demo(self) -> None:
        """The Welsh demo (Eryri 2022, documents in Welsh and English): from the start screen."""
        self._open_demo("wales")

    def _open_demo(self, which: str) -> None:
        try:
            path = make_demo_store(which)
        except AppError as exc:
            Dialogs.app_error(self, self.tr("Cannot open the demo"), exc)
            return
        if not self.open_store(path):
            return
        if which == "sutton":
            explain_demo(self, path)  # a fresh copy: where it is, and where the user's own store is
        else:
            self.statusBar().showMessage(self.tr(
                "Demo: a fresh copy of the Welsh demo election (Eryri 2022, documents in Welsh and "
                "English), at {0}.").format(path))

    def new_from_file(self) -> None:
        src = Dialogs.open_file(self, self.tr("Election file to import"), self.tr("Election files (*.json)"))
        if not src:
            return
        target = Dialogs.save_file(self, self.tr("Save the new store as"), str(Path(src).with_suffix(".db")),
                                   self.tr("countdesk stores (*.db)"))
        if not target:
            return
        try:
            import_election_file(target, src)
        except AppError as exc:
            Dialogs.app_error(self, self.tr("Election file not imported"), exc)
            return
        if self.open_store(target):
            self.settings.last_store = target

    # ---------------------------------------------------------------- views
    def ward_row(self, w: WardInfo) -> WardRow:
        assert self.desk is not None
        r = self.desk.result(w.id)
        return WardRow(w.id, w.name, w.seats, stage(r, w.ballot_papers_verified is not None,
                                                     keying=first_keying_begun(self.desk, w.id, r)),
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
        keep_focus(self)  # never left on a hidden button or a field off to the side

    def _fit_row(self, ward_id: int) -> None:
        fit_row(self, ward_id)

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
        if desk is None:
            return
        if ward_id is None:  # the filter hides the ward: show none, rather than one not listed
            self.no_ward_chosen()
            return
        w = desk.ward(ward_id)
        seats = self.tr("{ward} — {seats} seats") if w.seats != 1 else self.tr("{ward} — 1 seat")
        self.ward_title.setText(seats.format(ward=w.name, seats=w.seats))
        for panel in self.panels:
            panel.desk, panel.ward_id = desk, ward_id
        self.redraw_ward()

    def no_ward_chosen(self) -> None:
        self.ward_title.setText(self.tr("Choose a ward"))
        for panel in self.panels:
            panel.set_ward(self.desk, None)

    def redraw_ward(self, skip: Any = None) -> None:
        """Redraw the chosen ward's panels (but the one that started an operation and shows
        its outcome itself)."""
        for panel in self.panels:
            if panel is not skip:
                panel.set_ward(self.desk, self.current_ward_id())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not may_close(self):  # a figure typed but not entered: save, discard or go back
            event.ignore()
            return
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
