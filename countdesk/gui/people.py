"""Who is at the desk: the dialog that asks a name (and, for a warning, why) before a keying
starts or a supervisor decides, and the rules every committing dialog follows.

* A dialog that commits has no default button: Enter in a field and Space on a stray
  focus never commit it. Its first field has the focus; the commit button is reached by
  Tab or its Alt+letter, and stays disabled until every required field is filled.
* The name is checked by the application layer as soon as it is given (a keyer of the
  sheet cannot be its supervisor; the second keyer is not the first), and a refusal is
  shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from countdesk.app import AppError
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate
from countdesk.gui.theme import set_role

if TYPE_CHECKING:
    from countdesk.core.validation import Issue as ResultWarning
    from countdesk.gui.entry import EntryPanel
    from countdesk.gui.panel import WardPanel


class _NoDefault(QObject):
    """Takes the default away from every button of a dialog once it is shown (a button box
    makes its first OK button the default when it is shown)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            for button in watched.findChildren(QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        return False


def no_default_commit(box: QDialogButtonBox, dialog: QWidget) -> None:
    """No button of ``box`` commits on Enter from a field, or becomes the default when it
    gets the focus (Space on a focused button still presses it: an explicit choice)."""
    for button in box.buttons():
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
    keeper = _NoDefault(dialog)
    dialog.installEventFilter(keeper)


def enable_when_filled(button: QAbstractButton, *fields: QLineEdit | QPlainTextEdit,
                       also: Callable[[], bool] | None = None) -> Callable[[], None]:
    """Keep ``button`` disabled until every field holds more than spaces (and ``also()``
    holds); returns the update function, to call when something else changes."""
    def text(f: QLineEdit | QPlainTextEdit) -> str:
        return f.text() if isinstance(f, QLineEdit) else f.toPlainText()

    def update() -> None:
        button.setEnabled(all(text(f).strip() for f in fields) and (also is None or also()))

    for f in fields:
        f.textChanged.connect(update)
    update()
    return update


class NameDialog(QDialog):
    """Ask who keys a sheet or takes a decision: a name, and where asked a short
    explanation and which warning. ``check(name, explanation, choice)`` returns None when
    the application layer accepts it, else the sentence shown in the dialog."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, name_label: str, commit: str,
                 *, check: Callable[[str, str, int], str | None] | None = None,
                 name: str = "", explanation_label: str | None = None,
                 choices: Sequence[str] = (), choice_label: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self._check = check
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.choice = QComboBox()
        self.choice.addItems(list(choices))
        self.choice.setAccessibleName(choice_label.replace("&", "").rstrip(":"))
        if len(choices) > 1:
            form.addRow(choice_label, self.choice)
        self.name = QLineEdit(name)
        self.name.setAccessibleName(name_label.replace("&", "").rstrip(":"))
        form.addRow(name_label, self.name)
        self.explanation = QPlainTextEdit()
        self.explanation.setTabChangesFocus(True)
        self.explanation.setFixedHeight(70)
        if explanation_label is not None:
            self.explanation.setAccessibleName(explanation_label.replace("&", "").rstrip(":"))
            form.addRow(explanation_label, self.explanation)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Why not"))
        set_role(self.error, "error")
        layout.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.commit = box.button(QDialogButtonBox.StandardButton.Ok)
        self.commit.setText(commit)
        self.commit.setAccessibleName(commit.replace("&", "").rstrip("…"))
        no_default_commit(box, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        fields: list[QLineEdit | QPlainTextEdit] = [self.name]
        if explanation_label is not None:
            fields.append(self.explanation)
        enable_when_filled(self.commit, *fields)
        (self.choice if len(choices) > 1 else self.name).setFocus()

    @property
    def given_name(self) -> str:
        return " ".join(self.name.text().split())

    @property
    def given_explanation(self) -> str:
        return self.explanation.toPlainText().strip()

    def accept(self) -> None:
        if not self.commit.isEnabled():  # Enter cannot get round a required field
            return
        if self._check is not None:
            refusal = self._check(self.given_name, self.given_explanation, self.choice.currentIndex())
            if refusal:
                self.error.setText(f"✖ {refusal[:1].upper()}{refusal[1:]}")
                self.name.setFocus()
                self.name.selectAll()
                return
        super().accept()


def _refusal(call: Callable[[], object]) -> str | None:
    """None when the application layer accepts, else its sentence (with its code)."""
    try:
        call()
    except AppError as exc:
        return f"{exc.sentence} ({exc.code})"
    return None


def start_keying(panel: EntryPanel, slot: str) -> bool:
    """Ask who keys the ``slot`` keying ("first", "second", "third") of the panel's sheet
    before any figure is keyed; the application layer checks the name at once."""
    desk, ward_id, sheet = panel.desk, panel.ward_id, panel.sheet.currentText()
    if desk is None or ward_id is None or not sheet:
        return False
    intro = {
        "first": translate("People", "Who is keying the first keying of “{sheet}”? Your name is "
                           "recorded with every figure you key."),
        "second": translate("People", "Who is keying the second keying of “{sheet}”? It is keyed by "
                            "someone other than the first keyer, from the paper sheet, without seeing "
                            "the first keying."),
        "third": translate("People", "The two keyings of “{sheet}” differ. A third person, who keyed "
                           "neither, keys only the differing fields from the paper sheet, without "
                           "looking at either keying. Where the third figure matches one of the two, "
                           "that figure stands."),
    }[slot].format(sheet=sheet)
    title = {"first": translate("People", "Start the first keying"),
             "second": translate("People", "Start the second keying"),
             "third": translate("People", "Key the differing fields again")}[slot]
    dialog = NameDialog(panel, title, intro, translate("People", "Your &name:"),
                        translate("People", "&Start keying"),
                        check=lambda name, _e, _c: _refusal(
                            lambda: desk.check_keyer(ward_id, slot, name, sheet=sheet)))
    if not Dialogs.run(dialog):
        return False
    panel.keyers[(ward_id, sheet, slot)] = dialog.given_name
    if slot == "third":
        panel._rekey = "third"  # the panel keys the differing fields next
    panel.redraw()
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, panel.model.VALUE))
    return True


def slot_words(slot: str) -> str:
    return {"first": translate("People", "first keying"), "second": translate("People", "second keying"),
            "third": translate("People", "third keying of the differing fields")}.get(slot, slot)


def third_words(panel: EntryPanel, sheet: str, n: int) -> tuple[str, str]:
    """What the panel says during a third keying of the differing fields."""
    return (translate("People", "✎ Third keying of “{sheet}”: only the {n} differing field(s).")
            .format(sheet=sheet, n=n),
            translate("People", "Key them from the paper sheet, without looking at either keying."))


def keyer_words(panel: EntryPanel, ward_id: int, sheet: str, slot: str) -> str:
    name = panel.keyer(ward_id, sheet, slot)
    if name is None:
        return translate("People", "Press Start keying (Alt+K) and give your name first: figures are "
                         "keyed only under a name.")
    return translate("People", "Keyed by {name}.").format(name=name)


def focus_first_empty(panel: EntryPanel) -> None:
    """Put the cursor on the first empty figure (after finishing was refused for it)."""
    for i, row in enumerate(panel.model.rows()):
        if row.value is None:
            panel.view.setFocus()
            panel.view.setCurrentIndex(panel.model.index(i, panel.model.VALUE))
            return


def ask_supervisor(panel: WardPanel, ward_id: int, question: str) -> str | None:
    """The name of the supervisor accepting a keying: named, and keyed none of the sheets."""
    desk = panel.desk
    if desk is None:
        return None
    dialog = NameDialog(panel, translate("People", "Accept a keying"), question,
                        translate("People", "Supervisor's &name:"),
                        translate("People", "&Accept this keying"),
                        check=lambda name, _e, _c: _refusal(
                            lambda: desk.check_decider(ward_id, name, "accepting a keying")))
    return dialog.given_name if Dialogs.run(dialog) else None


def ask_acknowledgement(panel: WardPanel, ward_id: int, pending: Sequence[ResultWarning]
                        ) -> tuple[str, str, str] | None:
    """Which warning, who acknowledges it and why: (code, name, explanation), or None."""
    desk = panel.desk
    if desk is None or not pending:
        return None
    choices = [f"{w.code}: {w.message}" for w in pending]
    intro = (translate("People", "Read the warning and check the figures. The explanation is kept "
                       "in the record and printed on the provisional sheet.") + "\n\n" + choices[0]
             if len(pending) == 1 else
             translate("People", "Choose the warning, check the figures, and say why they stand. The "
                       "explanation is kept in the record and printed on the provisional sheet."))

    def check(name: str, explanation: str, index: int) -> str | None:
        code = pending[max(index, 0)].code
        return _refusal(lambda: desk.check_decider(ward_id, name, f"acknowledging warning {code}"))

    dialog = NameDialog(panel, translate("People", "Acknowledge a warning"), intro,
                        translate("People", "Acknowledged &by:"), translate("People", "&Acknowledge"),
                        check=check, explanation_label=translate("People", "&Why the figures stand:"),
                        choices=choices,
                        choice_label=translate("People", "&Warning:"))
    if not Dialogs.run(dialog):
        return None
    code = pending[max(dialog.choice.currentIndex(), 0)].code
    return code, dialog.given_name, dialog.given_explanation
