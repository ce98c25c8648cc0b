"""Dialogs for the returning officer's decisions: lots, recounts, the declaration read-back,
an error reported after the declaration."""

from __future__ import annotations

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
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from countdesk.core import REJECTED_FIELDS, REJECTED_LABELS, WardResult

LOT_METHODS = ("Tossing a coin", "Drawing straws", "Cutting a pack of cards", "Names drawn from a box")


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text.replace("&", ""))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class LotDialog(QDialog):
    """Record a drawing of lots: method, witnesses and the winner."""

    def __init__(self, result: WardResult, parent: QWidget | None = None, *,
                 rule: str = "rule 49") -> None:
        super().__init__(parent)
        assert result.tie is not None
        tie = result.tie
        self.setWindowTitle(f"Record drawing of lots — {result.ward}")
        self.setAccessibleName("Record drawing of lots")
        layout = QVBoxLayout(self)
        seats = tie.stake
        intro = QLabel(f"<b>Equality of votes in {result.ward}.</b> These candidates each have "
                       f"<b>{tie.votes:,}</b> votes for {seats}. The winner of the lot is treated as "
                       f"having one additional vote ({rule}).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(LOT_METHODS)
        self.method.setAccessibleName("Method of drawing lots")
        form.addRow("&Method:", self.method)
        self.witnesses = QPlainTextEdit()
        self.witnesses.setPlaceholderText("One name per line: candidates and agents present")
        self.witnesses.setAccessibleName("Witnesses, one per line")
        self.witnesses.setTabChangesFocus(True)
        self.witnesses.setFixedHeight(90)
        form.addRow("&Witnesses:", self.witnesses)
        layout.addLayout(form)
        layout.addWidget(QLabel("Winner of the lot:"))
        self.group = QButtonGroup(self)
        for cid in tie.candidate_ids:
            c = result.row(cid).candidate
            button = QRadioButton(f"{c.ballot_name} ({c.party}) — {tie.votes:,} votes")
            button.setAccessibleName(f"Winner: {c.display_name}, {c.party}")
            self.group.addButton(button, cid)
            layout.addWidget(button)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "&Record lot"))

    def accept(self) -> None:
        if self.group.checkedId() < 0:
            self.error.setText("✖ Choose the candidate who won the lot.")
            return
        if not self.method.currentText().strip():
            self.error.setText("✖ Say how the lot was drawn.")
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
        self.setWindowTitle(f"Recount request — {ward}")
        self.setAccessibleName("Recount request")
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.requested_by = QLineEdit()
        self.requested_by.setAccessibleName("Who asked for the recount")
        form.addRow("&Asked for by:", self.requested_by)
        self.full = QRadioButton("F&ull recount (every ballot paper)")
        self.bundles_kind = QRadioButton("Re-check of named &bundles")
        self.full.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.full)
        kinds.addButton(self.bundles_kind)
        form.addRow("Type:", self.full)
        form.addRow("", self.bundles_kind)
        self.bundles = QLineEdit()
        self.bundles.setAccessibleName("Bundles to re-check")
        self.bundles.setPlaceholderText("e.g. Box 3 bundle 2, Postal bundle 7 (comma between names)")
        self.bundles.setEnabled(False)
        self.bundles_kind.toggled.connect(self.bundles.setEnabled)
        form.addRow("Bundle &names:", self.bundles)
        self.granted = QRadioButton("&Granted: open a new round, keyed like the first")
        self.refused = QRadioButton("Re&fused (the request is recorded)")
        self.granted.setChecked(True)
        decisions = QButtonGroup(self)
        decisions.addButton(self.granted)
        decisions.addButton(self.refused)
        form.addRow(self.granted)
        form.addRow(self.refused)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        form.addRow("&Reason:", self.reason)
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName("Decided by")
        form.addRow("&Decided by:", self.decided_by)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        form.addRow(self.error)
        form.addRow(_buttons(self, "&Record"))

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
            self.error.setText("✖ Say who asked for the recount.")
            return
        if self.kind == "bundles" and not self.bundle_names:
            self.error.setText("✖ Name each bundle to re-check, or choose a full recount.")
            return
        if not self.reason.text().strip():
            decision = "granting" if self.granted.isChecked() else "refusing"
            self.error.setText(f"✖ Give the reason for {decision} the recount.")
            return
        super().accept()


class DeclareDialog(QDialog):
    """The read-back before declaring: every name and figure, confirmed by the RO."""

    def __init__(self, result: WardResult, returning_officer: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Declare the result — {result.ward}")
        self.setAccessibleName("Declare the result: read back")
        layout = QVBoxLayout(self)
        rows = []
        for row in result.candidates:
            c = row.candidate
            votes = row.declared_votes
            extra = " (including one additional vote allotted by lot)" if row.lot_winner else ""
            mark = " — <b>ELECTED</b>" if row.elected else ""
            rows.append(f"<tr><td>{_esc(c.ballot_name)}</td><td>{_esc(c.description)}</td>"
                        f"<td align='right'>{'' if votes is None else f'{votes:,}'}{extra}</td>"
                        f"<td>{mark}</td></tr>")
        rejected = "".join(
            f"<tr><td colspan='2'>{_esc(REJECTED_LABELS[h])}</td><td align='right'>"
            f"{result.rejected.get(h, 0):,}</td><td></td></tr>" for h in REJECTED_FIELDS) \
            if result.rejected else ""
        elected = "; ".join(f"{result.row(i).candidate.display_name} ({result.row(i).candidate.party})"
                            for i in result.elected)
        turnout = f"{result.turnout_pct}%" if result.turnout_pct is not None else "not known"
        papers = f"{result.ballot_papers_counted:,}" if result.ballot_papers_counted is not None else "—"
        html = (f"<p>Read these names and figures back aloud before declaring.</p>"
                f"<p><b>Elected:</b> {_esc(elected)}</p>"
                f"<table cellspacing='0' cellpadding='4' border='1'>"
                f"<tr><th>Candidate</th><th>Description</th><th>Votes</th><th></th></tr>"
                f"{''.join(rows)}{rejected}</table>"
                f"<p>Ballot papers counted: {papers}. Turnout: {turnout}.</p>")
        text = QLabel(html)
        text.setWordWrap(True)
        text.setAccessibleName("Names and figures to read back")
        # every figure reachable on a laptop's 768 lines: the read-back scrolls, the
        # confirmation stays in view
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(text)
        scroll.setMinimumWidth(text.sizeHint().width() + 24)
        layout.addWidget(scroll, 1)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(text.sizeHint().width() + 60, room.width() - 40),
                        min(text.sizeHint().height() + 200, room.height() - 60))
        form = QFormLayout()
        self.by = QLineEdit(returning_officer or "")
        self.by.setAccessibleName("Declared by")
        form.addRow("Declared &by:", self.by)
        layout.addLayout(form)
        self.confirm = QCheckBox("I have read back the names of the elected and every figure, "
                                 "and they match the count")
        self.confirm.setAccessibleName("Confirm the read-back")
        layout.addWidget(self.confirm)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "&Declare and lock"))

    def accept(self) -> None:
        if not self.confirm.isChecked():
            self.error.setText("✖ Tick the read-back box first.")
            return
        super().accept()


class ReportErrorDialog(QDialog):
    """An error found after the declaration: what is wrong, and the figures believed right.
    It is recorded and reported; the declared result stays as declared."""

    def __init__(self, result: WardResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Report an error — {result.ward}")
        self.setAccessibleName("Report an error found after the declaration")
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{_esc(result.ward)} is declared: its result is final</b> and stays as "
                       "declared (only an election court can change it). Record what was found to "
                       "be wrong and the figures believed right; they are reported, never applied.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("What was found to be wrong")
        form.addRow("&What is wrong:", self.reason)
        self.votes: dict[int, QLineEdit] = {}
        for row in result.candidates:
            edit = QLineEdit()
            declared = "" if row.declared_votes is None else f"{row.declared_votes:,}"
            edit.setPlaceholderText(f"declared {declared}")
            edit.setAccessibleName(f"Votes believed right for {row.candidate.display_name}")
            self.votes[row.candidate.id] = edit
            form.addRow(f"{_esc(row.candidate.ballot_name)}:", edit)
        self.papers = QLineEdit()
        self.papers.setAccessibleName("Ballot papers counted, believed right")
        if result.ballot_papers_counted is not None:
            self.papers.setPlaceholderText(f"declared {result.ballot_papers_counted:,}")
        form.addRow("Ballot &papers counted:", self.papers)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "&Record the error"))

    @property
    def believed_votes(self) -> dict[int, str]:
        return {cid: e.text().strip() for cid, e in self.votes.items() if e.text().strip()}

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText("✖ Say what was found to be wrong.")
            return
        if not self.believed_votes and not self.papers.text().strip():
            self.error.setText("✖ Give at least one figure believed right.")
            return
        super().accept()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
