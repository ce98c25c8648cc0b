"""Dialogs for the returning officer's decisions: lots, recounts, the declaration read-back,
an error reported after the declaration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from countdesk.core import REJECTED_FIELDS, WardResult
from countdesk.gui.i18n import QT_TRANSLATE_NOOP
from countdesk.gui.people import enable_when_filled, no_default_commit
from countdesk.gui.theme import set_role
from countdesk.gui.words import rejected_label, stake_words

LOT_METHODS = (QT_TRANSLATE_NOOP("LotDialog", "Tossing a coin"),
               QT_TRANSLATE_NOOP("LotDialog", "Drawing straws"),
               QT_TRANSLATE_NOOP("LotDialog", "Cutting a pack of cards"),
               QT_TRANSLATE_NOOP("LotDialog", "Names drawn from a box"))


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text.replace("&", ""))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    no_default_commit(box, dialog)  # Enter in a field or Space on a stray focus never commits
    return box


def _ok(box: QDialogButtonBox) -> QPushButton:
    return box.button(QDialogButtonBox.StandardButton.Ok)


class LotDialog(QDialog):
    """Record a drawing of lots: method, witnesses and the winner."""

    def __init__(self, result: WardResult, parent: QWidget | None = None, *,
                 rule: str = "rule 49", recorded_by: str | None = None) -> None:
        super().__init__(parent)
        assert result.tie is not None
        tie = result.tie
        self.setWindowTitle(self.tr("Record drawing of lots — {ward}").format(ward=result.ward))
        self.setAccessibleName(self.tr("Record drawing of lots"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("<b>Equality of votes in {ward}.</b> These candidates each have "
                               "<b>{votes}</b> votes for {seats}. The winner of the lot is treated as "
                               "having one additional vote ({rule}).").format(
            ward=_esc(result.ward), votes=f"{tie.votes:,}", seats=stake_words(tie), rule=rule))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems([self.tr(m) for m in LOT_METHODS])
        self.method.setAccessibleName(self.tr("Method of drawing lots"))
        form.addRow(self.tr("&Method:"), self.method)
        self.witnesses = QPlainTextEdit()
        self.witnesses.setPlaceholderText(self.tr("One name per line: candidates and agents present"))
        self.witnesses.setAccessibleName(self.tr("Witnesses, one per line"))
        self.witnesses.setTabChangesFocus(True)
        self.witnesses.setFixedHeight(90)
        form.addRow(self.tr("&Witnesses:"), self.witnesses)
        self.by = QLineEdit(recorded_by or "")  # the returning officer, named
        self.by.setAccessibleName(self.tr("Lot recorded by"))
        form.addRow(self.tr("Recorded &by:"), self.by)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Winner of the lot:")))
        self.group = QButtonGroup(self)
        for cid in tie.candidate_ids:
            c = result.row(cid).candidate
            button = QRadioButton(self.tr("{name} ({party}) — {votes} votes").format(
                name=c.ballot_name, party=c.party, votes=f"{tie.votes:,}"))
            button.setAccessibleName(self.tr("Winner: {name}, {party}").format(name=c.display_name,
                                                                                 party=c.party))
            self.group.addButton(button, cid)
            layout.addWidget(button)
        self.error = QLabel("")
        set_role(self.error, "error")
        layout.addWidget(self.error)
        box = _buttons(self, self.tr("&Record lot"))
        layout.addWidget(box)
        update = enable_when_filled(_ok(box), self.by, also=lambda: self.group.checkedId() >= 0)
        self.group.idToggled.connect(lambda *_a: update())
        self.method.setFocus()

    def accept(self) -> None:
        if self.group.checkedId() < 0:
            self.error.setText(self.tr("✖ Choose the candidate who won the lot."))
            return
        if not self.by.text().strip():
            self.error.setText(self.tr("✖ Say who records the lot."))
            return
        if not self.method.currentText().strip():
            self.error.setText(self.tr("✖ Say how the lot was drawn."))
            return
        super().accept()

    @property
    def winner_id(self) -> int:
        return self.group.checkedId()

    @property
    def witness_names(self) -> list[str]:
        return [x.strip() for x in self.witnesses.toPlainText().splitlines() if x.strip()]


class RecountDialog(QDialog):
    def __init__(self, ward: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recount request — {ward}").format(ward=ward))
        self.setAccessibleName(self.tr("Recount request"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.requested_by = QLineEdit()
        self.requested_by.setAccessibleName(self.tr("Who asked for the recount"))
        form.addRow(self.tr("&Asked for by:"), self.requested_by)
        self.full = QRadioButton(self.tr("F&ull recount (every ballot paper)"))
        self.bundles_kind = QRadioButton(self.tr("Re-check of named &bundles"))
        self.full.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.full)
        kinds.addButton(self.bundles_kind)
        form.addRow(self.tr("Type:"), self.full)
        form.addRow("", self.bundles_kind)
        self.bundles = QLineEdit()
        self.bundles.setAccessibleName(self.tr("Bundles to re-check"))
        self.bundles.setPlaceholderText(self.tr("e.g. Box 3 bundle 2, Postal bundle 7 (comma between names)"))
        self.bundles.setEnabled(False)
        self.bundles_kind.toggled.connect(self.bundles.setEnabled)
        form.addRow(self.tr("Bundle &names:"), self.bundles)
        self.granted = QRadioButton(self.tr("&Granted: open a new round, keyed like the first"))
        self.refused = QRadioButton(self.tr("Re&fused (the request is recorded)"))
        self.granted.setChecked(True)
        decisions = QButtonGroup(self)
        decisions.addButton(self.granted)
        decisions.addButton(self.refused)
        form.addRow(self.granted)
        form.addRow(self.refused)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        form.addRow(self.tr("Rea&son:"), self.reason)
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName(self.tr("Decided by"))
        form.addRow(self.tr("&Decided by:"), self.decided_by)
        self.error = QLabel("")
        set_role(self.error, "error")
        form.addRow(self.error)
        box = _buttons(self, self.tr("&Record"))
        form.addRow(box)
        # the request is recorded only with who asked and the reason (required either way)
        enable_when_filled(_ok(box), self.requested_by, self.reason)
        self.requested_by.setFocus()

    @property
    def kind(self) -> str:
        return "bundles" if self.bundles_kind.isChecked() else "full"

    @property
    def bundle_names(self) -> list[str]:
        if self.kind != "bundles":
            return []
        return [n.strip() for n in self.bundles.text().split(",") if n.strip()]

    def accept(self) -> None:
        if not self.requested_by.text().strip():
            self.error.setText(self.tr("✖ Say who asked for the recount."))
            return
        if self.kind == "bundles" and not self.bundle_names:
            self.error.setText(self.tr("✖ Name each bundle to re-check, or choose a full recount."))
            return
        if not self.reason.text().strip():
            granted = self.granted.isChecked()
            self.error.setText(self.tr("✖ Give the reason for granting the recount.") if granted
                               else self.tr("✖ Give the reason for refusing the recount."))
            return
        super().accept()


class DeclareDialog(QDialog):
    """The read-back before declaring: every name and figure, confirmed by the RO."""

    def __init__(self, result: WardResult, returning_officer: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Declare the result — {ward}").format(ward=result.ward))
        self.setAccessibleName(self.tr("Declare the result: read back"))
        layout = QVBoxLayout(self)
        rows = []
        for row in result.candidates:
            c = row.candidate
            votes = row.declared_votes
            extra = self.tr(" (including one additional vote allotted by lot)") if row.lot_winner else ""
            mark = self.tr(" — <b>ELECTED</b>") if row.elected else ""
            rows.append(f"<tr><td>{_esc(c.ballot_name)}</td><td>{_esc(c.description)}</td>"
                        f"<td align='right'>{'' if votes is None else f'{votes:,}'}{extra}</td>"
                        f"<td>{mark}</td></tr>")
        rejected = "".join(
            f"<tr><td colspan='2'>{_esc(rejected_label(h))}</td><td align='right'>"
            f"{result.rejected.get(h, 0):,}</td><td></td></tr>" for h in REJECTED_FIELDS) \
            if result.rejected else ""
        elected = "; ".join(f"{result.row(i).candidate.display_name} ({result.row(i).candidate.party})"
                            for i in result.elected)
        turnout = f"{result.turnout_pct}%" if result.turnout_pct is not None else self.tr("not known")
        papers = f"{result.ballot_papers_counted:,}" if result.ballot_papers_counted is not None else "—"
        html = (self.tr("<p>Read these names and figures back aloud before declaring.</p>")
                + self.tr("<p><b>Elected:</b> {names}</p>").format(names=_esc(elected))
                + "<table cellspacing='0' cellpadding='4' border='1'>"
                + self.tr("<tr><th>Candidate</th><th>Description</th><th>Votes</th><th></th></tr>")
                + f"{''.join(rows)}{rejected}</table>"
                + self.tr("<p>Ballot papers counted: {papers}. Turnout: {turnout}.</p>").format(
                    papers=papers, turnout=turnout))
        text = QLabel(html)
        text.setWordWrap(True)
        text.setAccessibleName(self.tr("Names and figures to read back"))
        # every figure reachable on a laptop's 768 lines: the read-back scrolls, the
        # confirmation stays in view
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(text)
        scroll.setMinimumWidth(text.sizeHint().width() + 24)
        # the read-back takes the focus first: arrows, Page Down and the wheel scroll it to the
        # papers counted before the officer ticks (issue 16, finding 9)
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scroll.setAccessibleName(self.tr("Names and figures to read back (scrolls)"))
        heading = QLabel(self.tr("Names and &figures (↓ and Page Down scroll):"))
        heading.setBuddy(scroll)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        self.read_back = scroll
        scroll.setFocus()
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(text.sizeHint().width() + 60, room.width() - 40),
                        min(text.sizeHint().height() + 200, room.height() - 60))
        form = QFormLayout()
        self.by = QLineEdit(returning_officer or "")  # the election's returning officer
        self.by.setAccessibleName(self.tr("Declared by"))
        form.addRow(self.tr("Declared &by (returning officer):"), self.by)
        layout.addLayout(form)
        self.confirm = QCheckBox(self.tr("I have &read back the names of the elected and every figure, "
                                         "and they match the count"))
        self.confirm.setAccessibleName(self.tr("Confirm the read-back"))
        layout.addWidget(self.confirm)
        self.error = QLabel("")
        set_role(self.error, "error")
        layout.addWidget(self.error)
        box = _buttons(self, self.tr("&Declare and lock"))
        layout.addWidget(box)
        update = enable_when_filled(_ok(box), self.by, also=self.confirm.isChecked)
        self.confirm.toggled.connect(lambda _c: update())

    def accept(self) -> None:
        if not self.confirm.isChecked():
            self.error.setText(self.tr("✖ Tick the read-back box first."))
            return
        if not self.by.text().strip():
            self.error.setText(self.tr("✖ Say who declares the result."))
            return
        super().accept()


class ReportErrorDialog(QDialog):
    """An error found after the declaration: what is wrong, and the figures believed right.
    It is recorded and reported; the declared result stays as declared."""

    def __init__(self, result: WardResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report an error — {ward}").format(ward=result.ward))
        self.setAccessibleName(self.tr("Report an error found after the declaration"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("<b>{ward} is declared: its result is final</b> and stays as "
                               "declared (only an election court can change it). Record what was found to "
                               "be wrong and the figures believed right; they are reported, never applied.")
                       .format(ward=_esc(result.ward)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("What was found to be wrong"))
        form.addRow(self.tr("&What is wrong:"), self.reason)
        self.votes: dict[int, QLineEdit] = {}
        for row in result.candidates:
            edit = QLineEdit()
            declared = "" if row.declared_votes is None else f"{row.declared_votes:,}"
            edit.setPlaceholderText(self.tr("declared {n}").format(n=declared))
            edit.setAccessibleName(self.tr("Votes believed right for {name}").format(
                name=row.candidate.display_name))
            self.votes[row.candidate.id] = edit
            form.addRow(f"{_esc(row.candidate.ballot_name)}:", edit)
        self.papers = QLineEdit()
        self.papers.setAccessibleName(self.tr("Ballot papers counted, believed right"))
        if result.ballot_papers_counted is not None:
            self.papers.setPlaceholderText(
                self.tr("declared {n}").format(n=f"{result.ballot_papers_counted:,}"))
        form.addRow(self.tr("Ballot &papers counted:"), self.papers)
        # a long list of candidates scrolls; the buttons stay on a laptop's screen
        figures = QWidget()
        figures.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(figures)
        layout.addWidget(scroll, 1)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(figures.sizeHint().width() + 60, room.width() - 40),
                        min(figures.sizeHint().height() + 220, room.height() - 60))
        self.error = QLabel("")
        set_role(self.error, "error")
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("&Record the error")))

    @property
    def believed_votes(self) -> dict[int, str]:
        return {cid: e.text().strip() for cid, e in self.votes.items() if e.text().strip()}

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("✖ Say what was found to be wrong."))
            return
        if not self.believed_votes and not self.papers.text().strip():
            self.error.setText(self.tr("✖ Give at least one figure believed right."))
            return
        super().accept()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
