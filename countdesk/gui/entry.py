"""Count entry with double entry, sheet by sheet.

Which keying a sheet takes next comes from the desk (``desk.next_slot``), and every
keying and supervisor control is enabled exactly when the ward's workflow allows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
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
from countdesk.gui.i18n import translate
from countdesk.gui.models import CompareModel, EntryModel
from countdesk.gui.panel import WardPanel, show_verdict
from countdesk.gui.people import ask_supervisor, focus_first_empty, keyer_words, start_keying, third_words
from countdesk.gui.theme import set_role


class EntryView(QTableView):
    """Keyboard-first: type a figure, press Enter or Tab, the next figure is ready.

    Every key lands in a figure or is answered: the current cell is always a figure, and
    a key typed where nothing can be keyed emits :attr:`refused` (the panel says why)."""

    #: a key was typed where no figure can be keyed (the text typed)
    refused = Signal(str)

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
        self.setAccessibleName(self.tr("Figures for this sheet"))
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as tall as the type needs, no taller: a 15-candidate ward's sheet (21 rows)
        fits a 1366×768 screen without scrolling."""
        height = self.fontMetrics().height() + 3
        header = self.verticalHeader()
        header.setMinimumSectionSize(height)
        header.setDefaultSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def _keyed(self) -> EntryModel | None:
        """The model when figures are typed into it (not the read-only views)."""
        model = self.model()
        return model if isinstance(model, EntryModel) and model.rowCount() else None

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self._keyed()
        if model is None:
            return super().moveCursor(action, modifiers)
        row = self.currentIndex().row()
        last = model.rowCount() - 1
        A = QAbstractItemView.CursorAction
        if action in (A.MoveNext, A.MoveDown):
            return model.index(min(row + 1, last), EntryModel.VALUE)
        if action in (A.MovePrevious, A.MoveUp):
            return model.index(max(row - 1, 0), EntryModel.VALUE)
        if action is A.MoveHome:  # Home and Ctrl+Home: the first figure, never a name
            return model.index(0, EntryModel.VALUE)
        if action is A.MoveEnd:
            return model.index(last, EntryModel.VALUE)
        # Page Up/Down keep the row they reach; Left/Right stay on the figure
        target = super().moveCursor(action, modifiers)
        return model.index(target.row() if target.isValid() else max(row, 0), EntryModel.VALUE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        editing = self.state() == QAbstractItemView.State.EditingState
        ctrl = Qt.KeyboardModifier.ControlModifier
        model = self._keyed()
        row, last = self.currentIndex().row(), (model.rowCount() - 1 if model is not None else 0)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not editing and (
                mods & ctrl or model is None or (key == Qt.Key.Key_Tab and row >= last)
                or (key == Qt.Key.Key_Backtab and row <= 0)):
            # Ctrl+Tab, Tab past the last figure (or in a read-only view) leave the table
            # (without tab-key navigation, or the view would send itself Tab again)
            self.setTabKeyNavigation(False)
            self.focusNextPrevChild(key == Qt.Key.Key_Tab)
            self.setTabKeyNavigation(True)
            return
        if model is not None and not editing:
            index = self.currentIndex()
            if not index.isValid() or index.column() != EntryModel.VALUE:
                # a name or party cell is current (a mouse click): the figure of its row takes the key
                self.setCurrentIndex(model.index(max(index.row(), 0), EntryModel.VALUE))
            if event.text().strip() and not model.editable:
                self.refused.emit(event.text())
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            if model is not None and not model.editable:
                self.refused.emit("")
                return
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
        self.sheet.setAccessibleName(self.tr("Count sheet"))
        self.sheet.currentIndexChanged.connect(lambda _i: self._load())
        sheet_label = QLabel(self.tr("Count &sheet:"))
        sheet_label.setBuddy(self.sheet)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet, 1)
        self.add_sheet = QPushButton(self.tr("&Add count sheet…"))
        self.add_sheet.setAccessibleName(self.tr("Add count sheet"))
        self.add_sheet.clicked.connect(self._add_sheet)
        top.addWidget(self.add_sheet)
        layout.addLayout(top)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Sheet state"))
        self.state.setStyleSheet("font-weight: bold")  # two lines at most on a laptop
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
        self.message.setAccessibleName(self.tr("Entry message"))
        layout.addWidget(self.message)
        self.model.dataChanged.connect(self._after_edit)
        self.view.refused.connect(self._refused)
        buttons = QHBoxLayout()
        # who keys is asked when a keying starts (never a name left over from the last one)
        self.start = QPushButton(self.tr("Start &keying…"))
        self.start.setAccessibleName(self.tr("Start keying: give your name"))
        self.start.clicked.connect(lambda: start_keying(self, self.slot or "first"))
        buttons.addWidget(self.start)
        self.finish = QPushButton(self.tr("Fi&nish keying"))
        self.finish.setAccessibleName(self.tr("Finish keying"))
        self.finish.clicked.connect(self._finish)
        buttons.addWidget(self.finish)
        self.rekey_first = QPushButton(self.tr("Re-ke&y first"))
        self.rekey_second = QPushButton(self.tr("Re-key se&cond"))
        self.accept_first = QPushButton(self.tr("S&upervisor: accept first keying"))
        self.accept_second = QPushButton(self.tr("Supervis&or: accept second keying"))
        # the differing fields only, keyed blind by a third person (issue 16, item 13)
        self.third = QPushButton(self.tr("Key the differing fields a&gain…"))
        self.third.setAccessibleName(self.tr("Key the differing fields again, by a third person"))
        self.third.clicked.connect(lambda: start_keying(self, "third"))
        buttons.addWidget(self.third)
        for b, slot in ((self.rekey_first, "first"), (self.rekey_second, "second")):
            b.setAccessibleName(b.text().replace("&", ""))
            b.clicked.connect(lambda _c=False, s=slot: self._start_rekey(s))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        supervisor = QHBoxLayout()  # a row of its own, so the tab stays narrow enough
        for b, slot in ((self.accept_first, "first"), (self.accept_second, "second")):
            b.setAccessibleName(b.text().replace("&", ""))
            b.clicked.connect(lambda _c=False, s=slot: self._accept(s))
            supervisor.addWidget(b)
        supervisor.addStretch(1)
        layout.addLayout(supervisor)
        self.action_buttons = {Action.KEY_FIRST: self.rekey_first, Action.KEY_SECOND: self.rekey_second,
                               Action.ACCEPT_KEYING: self.accept_first, Action.ADD_SHEET: self.add_sheet,
                               Action.KEY_THIRD: self.third}
        self._rekey: str | None = None
        #: who is keying each unfinished keying: (ward id, sheet, slot) -> name
        self.keyers: dict[tuple[int, str, str], str] = {}

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
        for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second,
                  self.start, self.third):
            b.setVisible(False)
        self.finish.setVisible(False)
        self.message.setText("")
        self.slot = None
        if desk is None or ward_id is None:
            self.state.setText(self.tr("Choose a ward."))
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
                               else self.tr("This round has no count sheets yet."))
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
            self.state.setText(self.tr("✖ The two keyings of “{sheet}” differ on: {labels}. "
                                       "Check the paper sheet, then re-key, or the supervisor accepts the "
                                       "keying that matches it.").format(sheet=sheet.name, labels=labels))
            for b in (self.rekey_first, self.rekey_second, self.accept_first, self.accept_second,
                      self.third):
                b.setVisible(True)
            show_verdict(self.accept_second, verdicts[Action.ACCEPT_KEYING])
            raw = next(s for _, s in desk.sheets(ward_id) if s.name == sheet.name)
            self.compare.load(candidates, dict(raw.first.values) if raw.first else {},
                              dict(raw.second.values) if raw.second else {})
            self.view.setModel(self.compare)
            self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.view.setAccessibleName(self.tr("The two keyings side by side"))
            differing = [i for i in range(self.compare.rowCount()) if self.compare.differs(i)]
            first = self.compare.index(differing[0] if differing else 0, 0)
            self.view.setCurrentIndex(first)  # the first difference in view, whatever was shown before
            self.view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)
            return
        if slot is None:
            why = verdicts[Action.KEY_FIRST]
            if sheet.state is SheetState.ACCEPTED and why.code in (None, "F010"):
                self.state.setText(self.tr("✔ Sheet “{sheet}” is accepted ({source}). "
                                           "Its figures can only change through a recount.")
                                   .format(sheet=sheet.name, source=sheet.source))
            else:  # the ward takes no keying at all (declared, countermanded, uncontested)
                self.state.setText(f"{why.reason[:1].upper()}{why.reason[1:]}.")
        else:
            who = (self.tr("A second operator keys the same sheet without seeing the first keying.")
                   if slot == "second" else
                   (self.tr("Double entry is on: a second operator will key this sheet again.")
                    if double else self.tr("Double entry is off: this keying becomes the count.")))
            keying = (self.tr("✎ Second keying of “{sheet}”.") if slot == "second"
                      else self.tr("✎ First keying of “{sheet}”.")).format(sheet=sheet.name)
            saved = self.tr("Each figure is saved as soon as you press Enter.")
            if slot == "third":
                keying, who = third_words(self, sheet.name, len(sheet.differences))
            self.state.setText(f"{keying} {who} {saved} {keyer_words(self, ward_id, sheet.name, slot)}")
            self.finish.setText(self.tr("Fi&nish second keying") if slot == "second"
                                else self.tr("Fi&nish the third keying") if slot == "third"
                                else self.tr("Fi&nish first keying"))
            self.finish.setVisible(True)
            if finish_verdict is not None:
                show_verdict(self.finish, finish_verdict)
            if self.keyer(ward_id, sheet.name, slot) is None:
                self.start.setVisible(True)
                self.finish.setEnabled(False)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAccessibleName(self.tr("Figures for this sheet"))
        if slot is None:
            shown = sheet.figures.as_fields() if sheet.figures is not None else {}
            self.model.load(candidates, dict(shown), None, seats=r.seats)
            return
        drafts: dict[str, int | None] = dict(desk.drafts(ward_id, slot, sheet=sheet.name))
        sheet_name = sheet.name

        def save(field: str, text: str) -> int | None:
            return self._save_figure(ward_id, slot, field, text, sheet_name)

        named = self.keyer(ward_id, sheet.name, slot) is not None  # figures only under a name
        self.model.load(candidates, drafts, save if named else None, seats=r.seats,
                        only=sheet.differences if slot == "third" else None)
        self.view.setCurrentIndex(self.model.index(0, EntryModel.VALUE))

    def _save_figure(self, ward_id: int, slot: str, field: str, text: str, sheet: str) -> int | None:
        """Save one keyed figure durably (a refusal is shown beside the figure)."""
        refused: list[AppError] = []
        keyer = self.keyer(ward_id, sheet, slot)
        op = self.op(lambda desk: desk.save_draft(ward_id, slot, field, text, sheet=sheet,
                                                  operator=keyer),
                     name="save_draft").failure(refused.append)
        op.initiator = self  # the figure is shown already: the rest of the window follows
        if not op.run():
            if refused:
                raise ValueError(refused[0].sentence)
            raise ValueError(self.tr("not saved"))
        return op.result

    def _after_edit(self, *_args: object) -> None:
        if self.model.last_error:
            self.message.setText(self.tr("✖ Not saved: {error}").format(error=self.model.last_error))
            set_role(self.message, "error")
        else:
            self.message.setText(self.tr("✔ Saved."))
            set_role(self.message, "ok")

    def _refused(self, typed: str) -> None:
        """A key typed where no figure can be keyed: say why, instead of dropping it."""
        why = self.state.text() or translate("EntryPanel", "Choose a ward and a count sheet first.")
        what = (translate("EntryPanel", "“{0}” was not keyed: ").format(typed) if typed
                else translate("EntryPanel", "Nothing to key here: "))
        self.message.setText(f"✖ {what}{why}")
        set_role(self.message, "error")

    def _finish(self) -> None:
        if self.desk is None or self.ward_id is None or self.slot is None:
            return
        ward_id, slot, sheet = self.ward_id, self.slot, self.sheet.currentText()
        refused: list[AppError] = []
        keyer = self.keyer(ward_id, sheet, slot)
        op = self.op(lambda desk: desk.finish_keying(ward_id, slot, sheet=sheet, operator=keyer),
                     name="finish_keying").failure(refused.append)
        previous, self._rekey = self._rekey, None  # the redraw after it shows the next keying
        if not op.run():
            self._rekey = previous
            if refused:
                self.message.setText(f"✖ {refused[0].sentence[:1].upper()}{refused[0].sentence[1:]}")
                set_role(self.message, "error")
                if refused[0].code == "E110":  # empty figures: asked about, never taken as 0
                    focus_first_empty(self)
            return
        self.keyers.pop((ward_id, sheet, slot), None)  # the next keying asks its own name
        r = op.result
        done = next((s for s in r.sheets if s.name == sheet), None) if r is not None else None
        if done is not None and done.state is SheetState.ACCEPTED:
            self.message.setText(self.tr("✔ The second keying matched: sheet accepted.") if slot == "second"
                                 else self.tr("✔ The first keying matched: sheet accepted."))

    def keyer(self, ward_id: int, sheet: str, slot: str) -> str | None:
        """Who keys the unfinished ``slot`` keying: named when it started (or, after a
        restart, on its latest saved figure); None until someone gives their name."""
        name = self.keyers.get((ward_id, sheet, slot))
        if name is None and self.desk is not None:
            name = self.desk.keyer(ward_id, slot, sheet=sheet)
        return name

    def _start_rekey(self, slot: str) -> None:
        self._rekey = slot
        self._load()

    def _accept(self, slot: str) -> None:
        if self.desk is None or self.ward_id is None:
            return
        question = (self.tr("Accept the second keying as the count for this sheet? Do this only "
                            "when it matches the paper sheet.") if slot == "second" else
                    self.tr("Accept the first keying as the count for this sheet? Do this only "
                            "when it matches the paper sheet."))
        ward_id, sheet = self.ward_id, self.sheet.currentText()
        by = ask_supervisor(self, ward_id, question)  # named, and keyed none of the sheets
        if by is None:
            return
        self.op(lambda desk: desk.accept_keying(ward_id, slot, sheet=sheet, by=by),
                name="accept_keying", title=self.tr("Not accepted"),
                what=(self.tr("accepting the second keying of “{sheet}”") if slot == "second"
                      else self.tr("accepting the first keying of “{sheet}”")).format(sheet=sheet)).run()

    def _add_sheet(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        name = Dialogs.get_text(self, self.tr("Add count sheet"), self.tr("Name of the counting table:"))
        if not name or not name.strip():
            return
        ward_id = self.ward_id
        self.sheet.blockSignals(True)
        self.sheet.addItem(name.strip())  # shown once the window redraws the ward
        self.sheet.setCurrentText(name.strip())
        self.sheet.blockSignals(False)
        self.op(lambda desk: desk.add_sheet(ward_id, name, actor=self.actor()), name="add_sheet",
                title=self.tr("Sheet not added")).run()


_SLOT = {"first": Action.KEY_FIRST, "second": Action.KEY_SECOND, "third": Action.KEY_THIRD}


def show_verdict_none(button: QPushButton) -> None:
    button.setEnabled(False)
    button.setToolTip("")
    button.setAccessibleDescription("")
