"""Count entry with double entry, sheet by sheet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from countdesk.core import SheetState, WardResult
from countdesk.core.entry import field_label
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.models import CompareModel, EntryModel
from countdesk.gui.panel import WardPanel
from countdesk.store import Store, StoreError


class EntryView(QTableView):
    """Keyboard-first: type a figure, press Enter or Tab, the next figure is ready."""

    def __init__(self) -> None:
        super().__init__()
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Figures for this sheet")

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return super().moveCursor(action, modifiers)
        row = self.currentIndex().row()
        last = model.rowCount() - 1
        A = QAbstractItemView.CursorAction
        if action in (A.MoveNext, A.MoveDown):
            return model.index(min(row + 1, last), EntryModel.VALUE)
        if action in (A.MovePrevious, A.MoveUp):
            return model.index(max(row - 1, 0), EntryModel.VALUE)
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.edit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        H = QAbstractItemDelegate.EndEditHint
        model = self.model()
        failed = isinstance(model, EntryModel) and model.last_error is not None
        if failed and hint in (H.EditNextItem, H.EditPreviousItem):
            hint = H.NoHint  # stay on the figure that was refused
        super().closeEditor(editor, hint)
        if isinstance(model, EntryModel) and not failed and hint in (H.SubmitModelCache, H.NoHint):
            index = self.currentIndex()
            if index.row() < model.rowCount() - 1:
                self.setCurrentIndex(model.index(index.row() + 1, EntryModel.VALUE))


class EntryPanel(WardPanel):
    """Key one count sheet: first keying, second keying, differences and their resolution."""

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__(operator)
        self.slot: str | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Count sheet")
        self.sheet.currentIndexChanged.connect(lambda _i: self._load())
        sheet_label = QLabel("Count &sheet:")
        sheet_label.setBuddy(self.sheet)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet, 1)
        self.add_sheet = QPushButton("&Add count sheet…")
        self.add_sheet.setAccessibleName("Add count sheet")
        self.add_sheet.clicked.connect(self._add_sheet)
        top.addWidget(self.add_sheet)
        layout.addLayout(top)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Sheet state")
        self.state.setStyleSheet("font-weight: bold; font-size: 120%")
        layout.addWidget(self.state)
        self.model = EntryModel()
        self.compare = CompareModel()
        self.view = EntryView()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.view, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Entry message")
        layout.addWidget(self.message)
        self.model.dataChanged.connect(self._after_edit)
        buttons = QHBoxLayout()
        self.finish = QPushButton("&Finish keying")
        self.finish.setAccessibleName("Finish keying")
        self.finish.clicked.connect(self._finish)
        buttons.addWidget(self.finish)
        self.rekey_first = QPushButton("Re-key &first")
        self.rekey_second = QPushButton("Re-key s&econd")
        self.accept_first = QPushButton("Supervisor: accept first keying")
        self.accept_second = QPushButton("Supervisor: accept second keying")
        for b, slot in ((self.rekey_first, "first"), (self.rekey_second, "second")):
            b.setAccessibleName(b.text().replace("&", ""))
            b.clicked.connect(lambda _c=False, s=slot: self._start_rekey(s))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        supervisor = QHBoxLayout()  # a row of its own, so the tab stays narrow enough
        for b, slot in ((self.accept_first, "first"), (self.accept_second, "second")):
            b.setAccessibleName(b.text())
            b.clicked.connect(lambda _c=False, s=slot: self._accept(s))
            supervisor.addWidget(b)
        supervisor.addStretch(1)
        layout.addLayout(supervisor)
        self._rekey: str | None = None

    # ------------------------------------------------------------------
    def set_ward(self, store: Store | None, ward_id: int | None) -> None:
        same_ward = ward_id == self.ward_id
        keep = self.sheet.currentText() if same_ward else ""
        self.store, self.ward_id = store, ward_id
        self._rekey = None
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if store is not None and ward_id is not None:
            r = store.result(ward_id)
            for s in r.sheets:
                self.sheet.addItem(s.name)
            if keep and self.sheet.findText(keep) >= 0:
                self.sheet.setCurrentText(keep)
        self.sheet.blockSignals(False)
        self._load()

    def _result(self) -> WardResult | None:
        if self.store is None or self.ward_id is None:
            return None
        return self.store.result(self.ward_id)

    def _load(self) -> None:
        r = self._result()
        for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second):
            b.setVisible(False)
        self.finish.setVisible(False)
        self.message.setText("")
        self.add_sheet.setEnabled(r is not None and r.status.value not in ("declared", "uncontested"))
        if r is None or self.store is None or self.ward_id is None:
            self.state.setText("Choose a ward.")
            self.model.load([], {}, None)
            return
        candidates = [row.candidate for row in r.candidates]
        if not r.sheets:
            text = ("This ward is uncontested: there is no poll and no count." if r.status.value ==
                    "uncontested" else "This round has no count sheets yet.")
            self.state.setText(text)
            self.model.load([], {}, None)
            return
        name = self.sheet.currentText() or r.sheets[0].name
        sheet = next((s for s in r.sheets if s.name == name), r.sheets[0])
        double = self.store.election().double_entry
        declared = r.status.value == "declared"
        self.slot = None
        if declared:
            self.state.setText("★ Declared: the figures are locked.")
        elif sheet.state is SheetState.ACCEPTED:
            self.state.setText(f"✔ Sheet “{sheet.name}” is accepted ({sheet.source}). "
                               "Its figures can only change through a recount.")
        elif sheet.state is SheetState.DIFFERENT and self._rekey is None:
            labels = "; ".join(field_label(f, candidates) for f in sheet.differences)
            self.state.setText(f"✖ The two keyings of “{sheet.name}” differ on: {labels}. "
                               "Check the paper sheet, then re-key, or the supervisor accepts the "
                               "keying that matches it.")
            for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second):
                b.setVisible(True)
            sheets = dict(self.store.sheet_inputs(self.store.current_round(self.ward_id)[0]))
            raw = next(s for s in sheets.values() if s.name == sheet.name)
            self.compare.load(candidates, dict(raw.first.values) if raw.first else {},
                              dict(raw.second.values) if raw.second else {})
            self.view.setModel(self.compare)
            self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.view.setAccessibleName("The two keyings side by side")
            return
        else:
            if self._rekey is not None:
                self.slot = self._rekey
            elif sheet.state is SheetState.EMPTY:
                self.slot = "first"
            else:
                self.slot = "second"
            who = ("A second operator keys the same sheet without seeing the first keying."
                   if self.slot == "second" else
                   ("Double entry is on: a second operator will key this sheet again."
                    if double else "Double entry is off: this keying becomes the count."))
            self.state.setText(f"✎ {self.slot.capitalize()} keying of “{sheet.name}”. {who} "
                               "Each figure is saved as soon as you press Enter.")
            self.finish.setText(f"&Finish {self.slot} keying")
            self.finish.setVisible(True)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName("Figures for this sheet")
        if self.slot is None:
            shown = sheet.figures.as_fields() if sheet.figures is not None and not declared else {}
            if declared and sheet.figures is not None:
                shown = sheet.figures.as_fields()
            self.model.load(candidates, dict(shown), None)
            return
        slot = self.slot
        drafts: dict[str, int | None] = dict(self.store.drafts(self.ward_id, slot, sheet=sheet.name))
        store, ward_id = self.store, self.ward_id

        def save(field: str, text: str) -> int | None:
            return store.save_draft(ward_id, slot, field, text, sheet=sheet.name,
                                    operator=self.actor())

        self.model.load(candidates, drafts, save)
        self.view.setCurrentIndex(self.model.index(0, EntryModel.VALUE))

    def _after_edit(self, *_args: object) -> None:
        if self.model.last_error:
            self.message.setText(f"✖ Not saved: {self.model.last_error}")
            self.message.setStyleSheet("color: #b00020; font-weight: bold")
        else:
            self.message.setText("✔ Saved.")
            self.message.setStyleSheet("color: #1b5e20")

    def _finish(self) -> None:
        if self.store is None or self.ward_id is None or self.slot is None:
            return
        try:
            r = self.store.finish_keying(self.ward_id, self.slot, sheet=self.sheet.currentText(),
                                         operator=self.actor())
        except StoreError as exc:
            text = str(exc)
            if text[:1] == "E" and text[1:4].isdigit():
                text = text[5:].strip()
            self.message.setText(f"✖ {text}")
            self.message.setStyleSheet("color: #b00020; font-weight: bold")
            return
        self._rekey = None
        sheet = next((s for s in r.sheets if s.name == self.sheet.currentText()), None)
        self._load()
        if sheet is not None and sheet.state is SheetState.ACCEPTED:
            self.message.setText(f"✔ The {self.slot or 'keying'} matched: sheet accepted.")
        self.changed.emit()

    def _start_rekey(self, slot: str) -> None:
        self._rekey = slot
        self._load()

    def _accept(self, slot: str) -> None:
        if self.store is None or self.ward_id is None:
            return
        if not Dialogs.ask(self, "Accept a keying",
                           f"Accept the {slot} keying as the count for this sheet? Do this only "
                           "when it matches the paper sheet."):
            return
        try:
            self.store.accept_keying(self.ward_id, slot, sheet=self.sheet.currentText(),
                                     by=self.actor())
        except StoreError as exc:
            Dialogs.error(self, "Not accepted", str(exc))
            return
        self._load()
        self.changed.emit()

    def _add_sheet(self) -> None:
        if self.store is None or self.ward_id is None:
            return
        name = Dialogs.get_text(self, "Add count sheet", "Name of the counting table:")
        if not name or not name.strip():
            return
        try:
            self.store.add_sheet(self.ward_id, name, actor=self.actor())
        except StoreError as exc:
            Dialogs.error(self, "Sheet not added", str(exc))
            return
        self.set_ward(self.store, self.ward_id)
        self.sheet.setCurrentText(name.strip())
        self.changed.emit()

