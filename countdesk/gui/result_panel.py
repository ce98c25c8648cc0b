"""The provisional result, the equality-of-votes banner, and the returning officer's
decisions: show the provisional result, recounts, lots, warnings, the declaration, a
countermanded poll, an error reported after the declaration.

Every button is enabled exactly when the ward's workflow (:mod:`countdesk.core.workflow`,
asked through the desk) allows its action, and says why not when it does not.
"""

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
)

from countdesk.app import Desk
from countdesk.core import WardResult
from countdesk.core.workflow import Action
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate
from countdesk.gui.models import ResultModel
from countdesk.gui.ops import host_of
from countdesk.gui.panel import WardPanel
from countdesk.gui.people import ask_acknowledgement
from countdesk.gui.theme import colour, set_role
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog, ReportErrorDialog
from countdesk.gui.words import month_name, stake_words, status_name


def when(iso: str) -> str:
    """A stored time (ISO 8601, UTC or local) as count staff say it: 02:14 on 4 May."""
    import datetime  # noqa: PLC0415

    try:
        t = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if t.tzinfo is not None:
        t = t.astimezone()
    return translate("ResultPanel", "{time} on {day} {month}").format(
        time=f"{t:%H:%M}", day=t.day, month=month_name(t.month))


class ResultPanel(WardPanel):
    #: a ward was declared here (the window shows its declaration and backs up)
    declared = Signal(int)
    #: an error was reported for a ward (the window shows the statement)
    error_reported = Signal(int)

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__(operator)
        self.result: WardResult | None = None
        self._round_shown: int | None = None
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        set_role(self.banner, "banner")  # the theme's colours (gui/theme.py)
        self.banner.setAccessibleName(self.tr("Equality of votes"))
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setAccessibleName(self.tr("Ward status"))
        self.status_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_line)
        top = QHBoxLayout()
        self.round = QComboBox()
        self.round.setAccessibleName(self.tr("Count round"))
        self.round.currentIndexChanged.connect(lambda _i: self._show_round())
        round_label = QLabel(self.tr("R&ound:"))
        round_label.setBuddy(self.round)
        top.addWidget(round_label)
        top.addWidget(self.round)
        top.addStretch(1)
        layout.addLayout(top)
        self.model = ResultModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Provisional result, candidates by votes"))
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Margin, rejected papers and turnout"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.issues = QLabel()
        self.issues.setWordWrap(True)
        self.issues.setAccessibleName(self.tr("Errors and warnings"))
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.issues)
        self.provisional = QPushButton(self.tr("S&how provisional result…"))
        self.lot = QPushButton(self.tr("Record drawing of &lots…"))
        # Alt+R: the Result tab (docs/guide.md, Keys)
        self.recount = QPushButton(self.tr("Recount re&quest…"))
        self.acknowledge = QPushButton(self.tr("Ackno&wledge warning…"))
        self.declare = QPushButton(self.tr("De&clare result…"))  # Alt+D is the Documents menu
        self.countermand = QPushButton(self.tr("Co&untermand poll…"))
        self.report = QPushButton(self.tr("Report a&n error…"))
        self.action_buttons = {
            Action.SHOW_PROVISIONAL: self.provisional, Action.RECORD_LOT: self.lot,
            Action.RECOUNT: self.recount, Action.ACKNOWLEDGE: self.acknowledge,
            Action.DECLARE: self.declare, Action.COUNTERMAND: self.countermand,
            Action.REPORT_ERROR: self.report}
        handlers = {self.provisional: self._show_provisional, self.lot: self._record_lot,
                    self.recount: self._recount, self.acknowledge: self._acknowledge,
                    self.declare: self._declare, self.countermand: self._countermand,
                    self.report: self._report_error}
        # in the order of the night: show the provisional result, deal with any recount
        # request, draw lots, acknowledge warnings, declare (two rows: a laptop's width)
        rows = ((self.provisional, self.recount, self.lot),
                (self.acknowledge, self.declare, self.countermand, self.report))
        for row in rows:
            line = QHBoxLayout()
            for b in row:
                b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
                b.clicked.connect(lambda _c=False, fn=handlers[b]: fn())
                line.addWidget(b)
            line.addStretch(1)
            layout.addLayout(line)
        self.show_verdicts(None)

    # ------------------------------------------------------------------ view
    def redraw(self) -> None:
        desk, ward_id = self.desk, self.ward_id
        if desk is None or ward_id is None:
            self.round.clear()
            self.result = None
            self.model.set_result(None)
            self.banner.setVisible(False)
            self.status_line.setText("")
            self.summary.setText("")
            self.issues.setText("")
            self.show_verdicts(None)
            return
        rounds = desk.rounds(ward_id)
        earlier = self.round.currentIndex() < self.round.count() - 1  # the user chose an old round
        keep = self.round.currentData() if self._round_shown == ward_id and earlier else None
        self.round.blockSignals(True)
        self.round.clear()
        for number in rounds:
            label = (self.tr("Round 1 (first count)") if number == 1
                     else self.tr("Round {n} (recount {recount})").format(n=number, recount=number - 1))
            self.round.addItem(label, number)
        index = self.round.findData(keep) if keep is not None else -1
        self.round.setCurrentIndex(index if index >= 0 else len(rounds) - 1)
        self.round.blockSignals(False)
        self._round_shown = ward_id
        self._status(desk, ward_id)
        self._show_round()
        self.show_verdicts(desk.verdicts(ward_id))

    def _status(self, desk: Desk, ward_id: int) -> None:
        info = desk.ward(ward_id)
        current = desk.result(ward_id)
        status = status_name(current.status)
        if current.unacknowledged and not info.declared_at:  # "ready" would not be true yet
            status = self.tr("{status}, but {codes} must be acknowledged before declaring").format(
                status=status, codes=", ".join(w.code for w in current.unacknowledged))
        parts = [self.tr("<b>Status: {status}.</b>").format(status=status)]
        if info.countermanded_at:
            by = self.tr(" by {name}").format(name=info.countermanded_by) if info.countermanded_by else ""
            parts.append(self.tr("The poll was countermanded at {when}{by}: {reason}. There is no count and "
                                 "no declaration.").format(when=when(info.countermanded_at), by=by,
                                                           reason=info.countermand_reason or ""))
        elif info.declared_at:
            by = self.tr(" by {name}").format(name=info.declared_by) if info.declared_by else ""
            parts.append(self.tr("★ Declared at {when}{by}: the result is final.").format(
                when=when(info.declared_at), by=by))
            reports = desk.error_reports(ward_id)
            if reports:
                one = len(reports) == 1
                parts.append((self.tr("1 error reported since (recorded, never applied).") if one
                              else self.tr("{n} errors reported since (recorded, never applied)."))
                             .format(n=len(reports)))
        elif current.candidates and current.sheets:
            shown = desk.provisional(ward_id)
            if shown is not None:
                by = self.tr(" by {name}").format(name=shown.by) if shown.by else ""
                parts.append(self.tr("✔ Provisional result of round {n} shown to candidates and agents at "
                                     "{when}{by}.").format(n=shown.round_number, when=when(shown.at), by=by))
            else:
                parts.append(self.tr("○ Provisional result not yet shown to candidates and agents for "
                                     "these figures."))
        self.status_line.setText(" ".join(parts))

    def _show_round(self) -> None:
        desk, ward_id = self.desk, self.ward_id
        if desk is None or ward_id is None or self.round.count() == 0:
            return
        r = desk.result(ward_id, self.round.currentData())
        self.result = r
        self.model.set_result(r)
        if r.tie is not None:
            names = self.tr(" and ").join(f"{r.row(i).candidate.display_name} ({r.row(i).candidate.party})"
                                 for i in r.tie.candidate_ids)
            self.banner.setText(self.tr("⚠ EQUALITY OF VOTES — {names} each have {votes} votes for {seats}. "
                                        "The returning officer must decide by lot ({rule}): show the "
                                        "provisional result, then press “Record drawing of lots”.").format(
                names=names, votes=f"{r.tie.votes:,}", seats=stake_words(r.tie), rule=desk.cite("lots")))
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)
        parts = []
        if r.margin is not None and r.tie is None and r.elected:
            parts.append((self.tr("Margin for the last seat: 1 vote.") if r.margin == 1
                          else self.tr("Margin for the last seat: {n} votes.")).format(n=f"{r.margin:,}"))
        if r.unfilled_seats:
            parts.append(self.tr("Seats left unfilled: {n}.").format(n=r.unfilled_seats))
        if r.ballot_papers_counted is not None:
            src = self.tr(" (computed: valid papers + rejected)") if r.papers_source == "computed" else ""
            parts.append(self.tr("Ballot papers counted: {n}{computed}.").format(
                n=f"{r.ballot_papers_counted:,}", computed=src))
            parts.append(self.tr("Rejected: {n}.").format(n=f"{r.rejected.get('total', 0):,}"))
        if r.turnout_pct is not None:
            parts.append(self.tr("Turnout: {pct}%.").format(pct=r.turnout_pct))
        self.summary.setText(" ".join(parts))
        lines = [f"<span style='color:{colour('error')}'>✖ <b>{e.code}</b> {_esc(e.message)}. "
                 f"{_esc(e.action)}</span>" for e in r.errors]
        for w in r.warnings:
            mark = self.tr("✔ acknowledged") if w.acknowledged else self.tr("⚠ needs acknowledging")
            style = "" if w.acknowledged else f" style='color:{colour('warning')}'"
            lines.append(f"<span{style}><b>{w.code}</b> ({mark}): {_esc(w.message)}. "
                         f"{_esc(w.action)}</span>")
        self.issues.setText("<br>".join(lines))
        self.issues.setVisible(bool(lines))
        pending = [w.code for w in desk.result(ward_id).unacknowledged]
        self.acknowledge.setText(self.tr("Ackno&wledge {code}").format(code=pending[0]) if len(pending) == 1
                                 else self.tr("Ackno&wledge warning…"))

    # --------------------------------------------------------------- actions
    def _by(self) -> str | None:
        """Who takes a decision: the operator, else the election's returning officer."""
        if self.actor():
            return self.actor()
        return self.desk.election().returning_officer if self.desk is not None else None

    def _show_provisional(self) -> None:
        """Print the provisional sheet (preview), then record that it was shown."""
        ward_id = self.ward_id
        if self.desk is None or ward_id is None:
            return
        host_of(self).show_document("provisional", ward_id,
                                    after=lambda: self.record_provisional(ward_id))

    def record_provisional(self, ward_id: int) -> bool:
        if self.desk is None:
            return False
        name = self.desk.ward(ward_id).name
        by = self._by()
        who = self.tr(" by {name}").format(name=by) if by else ""
        if not Dialogs.ask(self, self.tr("Provisional result shown"),
                           self.tr("Record that the provisional result of {ward} was shown to the "
                                   "candidates and agents{by}, now? They may ask for a recount before "
                                   "anything is declared.").format(ward=name, by=who)):
            return False
        return self.op(lambda desk: desk.show_provisional(ward_id, by=by), name="show_provisional",
                       title=self.tr("Provisional result not recorded")).run()

    def _acknowledge(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        pending = self.desk.result(ward_id).unacknowledged
        if not pending:
            return
        # by a named supervisor who keyed none of the sheets, with a short explanation
        answer = ask_acknowledgement(self, ward_id, pending)
        if answer is None:
            return
        code, by, explanation = answer
        self.op(lambda desk: desk.acknowledge(ward_id, code, by=by, explanation=explanation),
                name="acknowledge", title=self.tr("Not acknowledged")).run()

    def _record_lot(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        current = self.desk.result(ward_id)
        if current.tie is None:
            return
        dialog = LotDialog(current, self, rule=self.desk.cite("lots"),
                           recorded_by=self.desk.election().returning_officer)
        if not Dialogs.run(dialog):
            return
        self.op(lambda desk: desk.record_lot(ward_id, dialog.winner_id, dialog.method.currentText(),
                                             dialog.witness_names, by=dialog.by.text().strip()),
                name="record_lot", title=self.tr("Lot not recorded"),
                what=self.tr("recording the drawing of lots in {ward}").format(ward=current.ward)).run()

    def _recount(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        dialog = RecountDialog(self.current_ward_name(), self)
        if not Dialogs.run(dialog):
            return
        self.op(lambda desk: desk.request_recount(
            ward_id, dialog.requested_by.text(), granted=dialog.granted.isChecked(),
            reason=dialog.reason.text(), decided_by=dialog.decided_by.text().strip() or None,
            kind=dialog.kind, bundles=dialog.bundle_names),
            name="request_recount", title=self.tr("Recount not recorded")).run()

    def _declare(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        dialog = DeclareDialog(self.desk.result(ward_id), self.desk.election().returning_officer, self)
        if not Dialogs.run(dialog):
            return
        by = dialog.by.text().strip() or None
        what = self.tr("declaring the result of {ward}").format(ward=self.current_ward_name())
        if self.op(lambda desk: desk.declare(ward_id, by=by), name="declare", title=self.tr("Not declared"),
                   what=what).run():
            self.declared.emit(ward_id)

    def _countermand(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id, name = self.ward_id, self.current_ward_name()
        reason = Dialogs.get_text(self, self.tr("Countermand the poll — {ward}").format(ward=name),
                                  self.tr("Why is the poll countermanded (e.g. the death of a candidate)?"))
        if not reason or not reason.strip():
            return
        if not Dialogs.ask(self, self.tr("Countermand the poll"),
                           self.tr("Countermand the poll in {ward}? There will be no count and no "
                                   "declaration; a new poll will be held.").format(ward=name)):
            return
        self.op(lambda desk: desk.countermand(ward_id, reason, by=self._by()), name="countermand",
                title=self.tr("Poll not countermanded"),
                what=self.tr("countermanding the poll in {ward}").format(ward=name)).run()

    def _report_error(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id, name = self.ward_id, self.current_ward_name()
        dialog = ReportErrorDialog(self.desk.result(ward_id), self)
        if not Dialogs.run(dialog):
            return
        reason, votes = dialog.reason.text(), dialog.believed_votes
        papers = dialog.papers.text().strip() or None
        if self.op(lambda desk: desk.report_error(ward_id, reason, votes=votes, papers=papers,
                                                  by=self._by()),
                   name="report_error", title=self.tr("Error not reported"),
                   what=self.tr("reporting an error in {ward}").format(ward=name)).run():
            self.error_reported.emit(ward_id)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
