"""The provisional result, the equality-of-votes banner, recounts, lots and declaring."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from countdesk.core import Status, WardResult
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.models import ResultModel
from countdesk.gui.panel import WardPanel
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog
from countdesk.store import Store, StoreError

BANNER_STYLE = ("background: #ffd54f; color: #000; border: 3px solid #8a5300; padding: 10px; "
                "font-size: 130%; font-weight: bold")


class ResultPanel(WardPanel):
    declared = Signal(int)

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__(operator)
        self.result: WardResult | None = None
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName("Equality of votes")
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        top = QHBoxLayout()
        self.round = QComboBox()
        self.round.setAccessibleName("Count round")
        self.round.currentIndexChanged.connect(lambda _i: self._show())
        round_label = QLabel("R&ound:")
        round_label.setBuddy(self.round)
        top.addWidget(round_label)
        top.addWidget(self.round)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = ResultModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Provisional result, candidates by votes")
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Margin, rejected papers and turnout")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.issues = QVBoxLayout()
        layout.addLayout(self.issues)
        buttons = QHBoxLayout()
        self.lot = QPushButton("Record drawing of &lots…")
        self.recount = QPushButton("&Recount request…")
        self.declare = QPushButton("&Declare result…")
        for b, fn in ((self.lot, self._record_lot), (self.recount, self._recount),
                      (self.declare, self._declare)):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            b.clicked.connect(fn)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_ward(self, store: Store | None, ward_id: int | None) -> None:
        self.store, self.ward_id = store, ward_id
        self.round.blockSignals(True)
        self.round.clear()
        if store is not None and ward_id is not None:
            rounds = store.rounds(ward_id)
            for _rid, number in rounds:
                label = "first count" if number == 1 else f"recount {number - 1}"
                self.round.addItem(f"Round {number} ({label})", number)
            self.round.setCurrentIndex(len(rounds) - 1)
        self.round.blockSignals(False)
        self._show()

    def _show(self) -> None:
        store, ward_id = self.store, self.ward_id
        while self.issues.count():
            item = self.issues.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
                old.deleteLater()
        if store is None or ward_id is None:
            self.result = None
            self.model.set_result(None)
            self.banner.setVisible(False)
            self.summary.setText("")
            for b in (self.lot, self.recount, self.declare):
                b.setEnabled(False)
            return
        number = self.round.currentData()
        latest = self.round.currentIndex() == self.round.count() - 1
        r = store.result(ward_id, number)
        self.result = r
        self.model.set_result(r)
        if r.tie is not None:
            names = " and ".join(f"{r.row(i).candidate.display_name} ({r.row(i).candidate.party})"
                                 for i in r.tie.candidate_ids)
            seats = f"{r.tie.seats} seat{'s' if r.tie.seats != 1 else ''}"
            self.banner.setText(f"⚠ EQUALITY OF VOTES — {names} each have {r.tie.votes:,} votes for "
                                f"{seats}. The returning officer must decide by lot (rule 49): "
                                "press “Record drawing of lots”.")
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)
        parts = []
        if r.margin is not None and r.status is not Status.INCOMPLETE:
            parts.append(f"Margin for the last seat: {r.margin:,} vote{'s' if r.margin != 1 else ''}.")
        if r.ballot_papers_counted is not None:
            src = " (the verified total)" if r.papers_source == "verified" else ""
            parts.append(f"Ballot papers counted: {r.ballot_papers_counted:,}{src}.")
            parts.append(f"Rejected: {r.rejected.get('total', 0):,}.")
        if r.turnout_pct is not None:
            parts.append(f"Turnout: {r.turnout_pct}%.")
        status = r.status.value.replace("_", " ")
        self.summary.setText(f"<b>Status: {status}.</b> " + " ".join(parts))
        for e in r.errors:
            label = QLabel(f"✖ <b>{e.code}</b> {e.message}. {e.action}")
            label.setWordWrap(True)
            label.setStyleSheet("color: #b00020")
            label.setAccessibleName(f"Error {e.code}")
            self.issues.addWidget(label)
        for w in r.warnings:
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            mark = "✔ acknowledged" if w.acknowledged else "⚠ needs acknowledging"
            label = QLabel(f"<b>{w.code}</b> ({mark}): {w.message}. {w.action}")
            label.setWordWrap(True)
            label.setStyleSheet("" if w.acknowledged else "color: #8a5300")
            h.addWidget(label, 1)
            if not w.acknowledged and latest and r.status is not Status.DECLARED:
                button = QPushButton(f"Acknowledge {w.code}")
                button.setAccessibleName(f"Acknowledge warning {w.code}")
                button.clicked.connect(lambda _c=False, code=w.code: self._acknowledge(code))
                h.addWidget(button)
            self.issues.addWidget(row)
        self.lot.setEnabled(latest and r.status is Status.LOT_REQUIRED)
        self.recount.setEnabled(latest and r.status in (Status.READY, Status.LOT_REQUIRED))
        self.declare.setEnabled(latest and r.status is Status.READY)

    # ---------------------------------------------------------- actions
    def _acknowledge(self, code: str) -> None:
        if self.store is None or self.ward_id is None:
            return
        try:
            self.store.acknowledge(self.ward_id, code, by=self.actor())
        except StoreError as exc:
            Dialogs.error(self, "Not acknowledged", str(exc))
        self._after()

    def _record_lot(self) -> None:
        if self.store is None or self.ward_id is None or self.result is None or self.result.tie is None:
            return
        dialog = LotDialog(self.result, self)
        if not Dialogs.run(dialog):
            return
        try:
            self.store.record_lot(self.ward_id, dialog.winner_id, dialog.method.currentText(),
                                  dialog.witness_names, by=self.actor())
        except StoreError as exc:
            Dialogs.error(self, "Lot not recorded", str(exc))
        self._after()

    def _recount(self) -> None:
        if self.store is None or self.ward_id is None or self.result is None:
            return
        dialog = RecountDialog(self.result.ward, self)
        if not Dialogs.run(dialog):
            return
        try:
            self.store.request_recount(
                self.ward_id, dialog.requested_by.text(), granted=dialog.granted.isChecked(),
                reason=dialog.reason.text(), decided_by=dialog.decided_by.text().strip() or None)
        except StoreError as exc:
            Dialogs.error(self, "Recount not recorded", str(exc))
        self._after()

    def _declare(self) -> None:
        if self.store is None or self.ward_id is None or self.result is None:
            return
        r = self.result
        if r.unacknowledged:
            codes = ", ".join(w.code for w in r.unacknowledged)
            Dialogs.error(self, "Warnings to acknowledge",
                          f"Acknowledge these warnings before declaring: {codes}.")
            return
        dialog = DeclareDialog(r, self.store.election().returning_officer, self)
        if not Dialogs.run(dialog):
            return
        ward_id = self.ward_id
        try:
            self.store.declare(ward_id, by=dialog.by.text().strip() or None)
        except StoreError as exc:
            Dialogs.error(self, "Not declared", str(exc))
            self._after()
            return
        self._after()
        self.declared.emit(ward_id)

    def _after(self) -> None:
        self.set_ward(self.store, self.ward_id)
        self.changed.emit()
