"""Count entry with double entry, sheet by sheet.

Which keying a sheet takes next comes from the desk (``desk.next_slot``), and every
keying and supervisor control is enabled exactly when the ward's workflow allows it.
"""

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

from countdesk.app import AppError, Desk
from countdesk.core import SheetState
from countdesk.core.entry import field_label
from countdesk.core.workflow import Action
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.models import CompareModel, EntryModel
from countdesk.gui.panel import WardPanel, show_verdict


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
        self.action_buttons = {Action.KEY_FIRST: self.rekey_first, Action.KEY_SECOND: self.rekey_second,
                               Action.ACCEPT_KEYING: self.accept_first, Action.ADD_SHEET: self.add_sheet}
        self._rekey: str | None = None

    # ------------------------------------------------------------------
    def set_ward(self, desk: Desk | None, ward_id: int | None) -> None:
        if ward_id != self.ward_id:
            self._rekey = None
        super().set_ward(desk, ward_id)

    def redraw(self) -> None:
        keep = self.sheet.currentText()
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if self.desk is not None and self.ward_id is not None:
            for _sid, s in self.desk.sheets(self.ward_id):
                self.sheet.addItem(s.name)
            if keep and self.sheet.findText(keep) >= 0:
                self.sheet.setCurrentText(keep)
        self.sheet.blockSignals(False)
        self._load()

    def _load(self) -> None:
        desk, ward_id = self.desk, self.ward_id
        for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second):
            b.setVisible(False)
        self.finish.setVisible(False)
        self.message.setText("")
        self.slot = None
        if desk is None or ward_id is None:
            self.state.setText("Choose a ward.")
            self.model.load([], {}, None)
            self.show_verdicts(None)
            show_verdict_none(self.finish)
            return
        r = desk.result(ward_id)
        candidates = [row.candidate for row in r.candidates]
        sheets = [s for _, s in desk.sheets(ward_id)]
        name = self.sheet.currentText() or (sheets[0].name if sheets else "")
        verdicts = {a: desk.check(ward_id, a, name or None) for a in self.action_buttons}
        verdicts[Action.ADD_SHEET] = desk.check(ward_id, Action.ADD_SHEET)
        self.show_verdicts(verdicts)
        if not sheets or not r.sheets:
            why = verdicts[Action.KEY_FIRST]
            self.state.setText(f"{why.reason[:1].upper()}{why.reason[1:]}." if why.reason
                               else "This round has no count sheets yet.")
            self.model.load([], {}, None)
            show_verdict_none(self.finish)
            return
        sheet = next((s for s in r.sheets if s.name == name), r.sheets[0])
        double = desk.election().double_entry
        slot = self._rekey if self._rekey is not None and verdicts[_SLOT[self._rekey]].allowed \
            else desk.next_slot(ward_id, sheet.name)
        self.slot = slot
        finish_verdict = desk.check(ward_id, _SLOT[slot], sheet.name) if slot else None
        if slot is None and verdicts[Action.ACCEPT_KEYING].allowed:
            labels = "; ".join(field_label(f, candidates) for f in sheet.differences)
            self.state.setText(f"✖ The two keyings of “{sheet.name}” differ on: {labels}. "
                               "Check the paper sheet, then re-key, or the supervisor accepts the "
                               "keying that matches it.")
            for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second):
                b.setVisible(True)
            show_verdict(self.accept_second, verdicts[Action.ACCEPT_KEYING])
            raw = next(s for _, s in desk.sheets(ward_id) if s.name == sheet.name)
            self.compare.load(candidates, dict(raw.first.values) if raw.first else {},
                              dict(raw.second.values) if raw.second else {})
            self.view.setModel(self.compare)
            self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.view.setAccessibleName("The two keyings side by side")
            return
        if slot is None:
            why = verdicts[Action.KEY_FIRST]
            if sheet.state is SheetState.ACCEPTED and why.code in (None, "F010"):
                self.state.setText(f"✔ Sheet “{sheet.name}” is accepted ({sheet.source}). "
                                   "Its figures can only change through a recount.")
            else:  # the ward takes no keying at all (declared, countermanded, uncontested)
                self.state.setText(f"{why.reason[:1].upper()}{why.reason[1:]}.")
        else:
            who = ("A second operator keys the same sheet without seeing the first keying."
                   if slot == "second" else
                   ("Double entry is on: a second operator will key this sheet again."
                    if double else "Double entry is off: this keying becomes the count."))
            self.state.setText(f"✎ {slot.capitalize()} keying of “{sheet.name}”. {who} "
                               "Each figure is saved as soon as you press Enter.")
            self.finish.setText(f"&Finish {slot} keying")
            self.finish.setVisible(True)
            if finish_verdict is not None:
                show_verdict(self.finish, finish_verdict)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName("Figures for this sheet")
        if slot is None:
            shown = sheet.figures.as_fields() if sheet.figures is not None else {}
            self.model.load(candidates, dict(shown), None, seats=r.seats)
            return
        drafts: dict[str, int | None] = dict(desk.drafts(ward_id, slot, sheet=sheet.name))
        sheet_name = sheet.name

        def save(field: str, text: str) -> int | None:
            return self._save_figure(ward_id, slot, field, text, sheet_name)

        self.model.load(candidates, drafts, save, seats=r.seats)
        self.view.setCurrentIndex(self.model.index(0, EntryModel.VALUE))

    def _save_figure(self, ward_id: int, slot: str, field: str, text: str, sheet: str) -> int | None:
        """Save one keyed figure durably (a refusal is shown beside the figure)."""
        refused: list[AppError] = []
        op = self.op(lambda desk: desk.save_draft(ward_id, slot, field, text, sheet=sheet,
                                                  operator=self.actor()),
                     name="save_draft").failure(refused.append)
        op.initiator = self  # the figure is shown already: the rest of the window follows
        if not op.run():
            if refused:
                raise ValueError(refused[0].sentence)
            raise ValueError("not saved")
        return op.result

    def _after_edit(self, *_args: object) -> None:
        if self.model.last_error:
            self.message.setText(f"✖ Not saved: {self.model.last_error}")
            self.message.setStyleSheet("color: #b00020; font-weight: bold")
        else:
            self.message.setText("✔ Saved.")
            self.message.setStyleSheet("color: #1b5e20")

    def _finish(self) -> None:
        if self.desk is None or self.ward_id is None or self.slot is None:
            return
        ward_id, slot, sheet = self.ward_id, self.slot, self.sheet.currentText()
        refused: list[AppError] = []
        op = self.op(lambda desk: desk.finish_keying(ward_id, slot, sheet=sheet, operator=self.actor()),
                     name="finish_keying").failure(refused.append)
        previous, self._rekey = self._rekey, None  # the redraw after it shows the next keying
        if not op.run():
            self._rekey = previous
            if refused:
                self.message.setText(f"✖ {refused[0].sentence[:1].upper()}{refused[0].sentence[1:]}")
                self.message.setStyleSheet("color: #b00020; font-weight: bold")
            return
        r = op.result
        done = next((s for s in r.sheets if s.name == sheet), None) if r is not None else None
        if done is not None and done.state is SheetState.ACCEPTED:
            self.message.setText(f"✔ The {slot} keying matched: sheet accepted.")

    def _start_rekey(self, slot: str) -> None:
        self._rekey = slot
        self._load()

    def _accept(self, slot: str) -> None:
        if self.desk is None or self.ward_id is None:
            return
        if not Dialogs.ask(self, "Accept a keying",
                           f"Accept the {slot} keying as the count for this sheet? Do this only "
                           "when it matches the paper sheet."):
            return
        ward_id, sheet = self.ward_id, self.sheet.currentText()
        self.op(lambda desk: desk.accept_keying(ward_id, slot, sheet=sheet, by=self.actor()),
                name="accept_keying", title="Not accepted",
                what=f"accepting the {slot} keying of “{sheet}”").run()

    def _add_sheet(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        name = Dialogs.get_text(self, "Add count sheet", "Name of the counting table:")
        if not name or not name.strip():
            return
        ward_id = self.ward_id
        self.sheet.blockSignals(True)
        self.sheet.addItem(name.strip())  # shown once the window redraws the ward
        self.sheet.setCurrentText(name.strip())
        self.sheet.blockSignals(False)
        self.op(lambda desk: desk.add_sheet(ward_id, name, actor=self.actor()), name="add_sheet",
                title="Sheet not added").run()


_SLOT = {"first": Action.KEY_FIRST, "second": Action.KEY_SECOND}


def show_verdict_none(button: QPushButton) -> None:
    button.setEnabled(False)
    button.setToolTip("")
    button.setAccessibleDescription("")
