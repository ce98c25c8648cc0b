"""Set-up (election, ward, candidates, nominations CSV) and verification, per ward.

Every change is an operation of the desk run through :class:`~countdesk.gui.ops.CollectionOp`
(the passphrase asked for where one is needed, a refusal shown in one place). What
set-up may still change comes from the desk (``desk.setup_state``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from countdesk.app import AppError
from countdesk.app.setup import NominationsRefused
from countdesk.core.records import NominationsImport, VerificationSummary
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import QT_TRANSLATE_NOOP, translate
from countdesk.gui.models import HeaderTableModel
from countdesk.gui.ops import CollectionOp, QueryOp
from countdesk.gui.panel import WardPanel
from countdesk.gui.theme import colour

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole


class _Table(HeaderTableModel):
    """A small editable table whose edits are saved by a callback that may refuse them."""

    def __init__(self) -> None:
        super().__init__()
        self.editable = False
        self.last_error: str | None = None

    @property
    def rows(self) -> list[list[Any]]:
        return self._rows

    @rows.setter
    def rows(self, value: list[list[Any]]) -> None:
        self._rows = value

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and self.editable else base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role in (DISPLAY, EDIT):
            if value is None:
                return ""
            return f"{value:,}" if isinstance(value, int) and role == DISPLAY else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def save(self, row: int, column: int, text: str) -> bool:
        """Store one edited cell (True: saved); each editable table says how. This one is
        read-only."""
        return False

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or not self.editable:
            return False
        return self.save(index.row(), index.column(), str(value))


class CandidatesModel(_Table):
    HEADERS = (QT_TRANSLATE_NOOP("Table", "Surname"), QT_TRANSLATE_NOOP("Table", "Other names"),
               QT_TRANSLATE_NOOP("Table", "Description"), QT_TRANSLATE_NOOP("Table", "Party"),
               QT_TRANSLATE_NOOP("Table", "Colour"), QT_TRANSLATE_NOOP("Table", "Party id"),
               QT_TRANSLATE_NOOP("Table", "Commonly used other names"),
               QT_TRANSLATE_NOOP("Table", "Commonly used surname"),
               QT_TRANSLATE_NOOP("Table", "Ballot position"))
    FIELDS = ("surname", "forenames", "description", "party", "colour", "party_id",
              "commonly_used_forenames", "commonly_used_surname", "ballot_position")

    def __init__(self, panel: WardPanel) -> None:
        super().__init__()
        self.ids: list[int] = []
        self.panel = panel

    def load(self, infos: list[Any], editable: bool) -> None:
        self.beginResetModel()
        self.ids = [c.id for c in infos]
        self.rows = [[c.surname, c.forenames, c.description, c.party, c.colour, c.party_id,
                      c.commonly_used_forenames, c.commonly_used_surname, c.ballot_position]
                     for c in infos]
        self.editable = editable
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if (role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 4
                and self.rows[index.row()][4]):
            return QColor(str(self.rows[index.row()][4]))
        return super().data(index, role)

    def save(self, row: int, column: int, text: str) -> bool:
        value: str | None = text
        if column == 4 and not text.strip():
            value = None
        cid, change = self.ids[row], {self.FIELDS[column]: value}
        return self.panel.op(lambda desk: desk.update_candidate(cid, actor=self.panel.actor(), **change),
                             name="update_candidate", title=translate("SetupPanel", "Not saved")).run()


class BoxesModel(_Table):
    HEADERS = (QT_TRANSLATE_NOOP("Table", "Ballot box or station"), QT_TRANSLATE_NOOP("Table", "Kind"),
               QT_TRANSLATE_NOOP("Table", "Issued"), QT_TRANSLATE_NOOP("Table", "Counted"),
               QT_TRANSLATE_NOOP("Table", "Variance"), QT_TRANSLATE_NOOP("Table", "Unused"),
               QT_TRANSLATE_NOOP("Table", "Spoilt"), QT_TRANSLATE_NOOP("Table", "Tendered"))

    def __init__(self, panel: WardPanel) -> None:
        super().__init__()
        self.panel = panel

    def load(self, summary: VerificationSummary, editable: bool) -> None:
        self.beginResetModel()
        self.rows = [[b.label, b.kind, b.issued, b.counted, b.variance, b.unused, b.spoilt,
                      b.tendered] for b in summary.boxes]
        self.editable = editable
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (1, 4):
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if index.isValid() and index.column() == 4:
            v = self.rows[index.row()][4]
            if role == DISPLAY:
                return "" if v is None else ("0" if v == 0 else f"{v:+,}")
            if role == Qt.ItemDataRole.ForegroundRole and v:
                return QBrush(QColor(colour("error")))
        if index.isValid() and index.column() == 1 and role == DISPLAY:
            return self.tr("postal") if self.rows[index.row()][1] == "postal" else self.tr("ballot box")
        return super().data(index, role)

    def commit(self, rows: list[list[Any]], title: str | None = None) -> bool:
        ward_id = self.panel.ward_id
        if ward_id is None:
            return False
        boxes = [(r[0], r[1], r[2], r[3], r[5], r[6], r[7]) for r in rows]
        return self.panel.op(lambda desk: desk.set_verification(ward_id, boxes, actor=self.panel.actor()),
                             name="set_verification", title=title or self.tr("Not saved")).run()

    def save(self, row: int, column: int, text: str) -> bool:
        rows = [list(r) for r in self.rows]
        rows[row][column] = text.strip() if column == 0 else (text.strip() or None)
        return self.commit(rows)


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.DoubleClicked)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _button(text: str, fn: Callable[[], None]) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(text.replace("&", "").rstrip("…"))
    b.clicked.connect(lambda _c=False: fn())
    return b


class SetupPanel(WardPanel):
    """Election details, the ward, and its candidates (locked once the count starts)."""

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__(operator)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inner)
        election = QGroupBox(self.tr("Election"))
        ef = QFormLayout(election)
        self.authority = QLineEdit()
        self.title = QLineEdit()
        self.poll_date = QLineEdit()
        self.poll_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.ro = QLineEdit()
        self.double_entry = QCheckBox(self.tr("Double entry: each count sheet is keyed twice"))
        for label, w in ((self.tr("A&uthority:"), self.authority), (self.tr("Tit&le:"), self.title),
                         (self.tr("Poll date:"), self.poll_date), (self.tr("Returnin&g officer:"), self.ro)):
            w.setAccessibleName(label.replace("&", "").rstrip(":"))
            ef.addRow(label, w)
        self.double_entry.setAccessibleName(self.tr("Double entry"))
        ef.addRow(self.double_entry)
        # Whose rules, and the documents' languages (issue 13): see docs/wales.md.
        self.rules = QComboBox()
        self.rules.addItem(self.tr("England (SI 2006/3304)"), "england")
        self.rules.addItem(self.tr("Wales (Wales Rules 2021, SI 2021/1459)"), "wales")
        self.languages = QComboBox()
        for text, langs in ((self.tr("English"), "en"), ("Cymraeg / English", "cy,en"),
                            ("English / Cymraeg", "en,cy")):
            self.languages.addItem(text, langs)
        for label, combo in ((self.tr("Rules:"), self.rules),
                             (self.tr("Documents in:"), self.languages)):
            combo.setAccessibleName(label.rstrip(":"))
            ef.addRow(label, combo)
        ef.addRow(_button(self.tr("&Save election details"), self._save_election))
        layout.addWidget(election)

        ward = QGroupBox(self.tr("Ward"))
        wf = QFormLayout(ward)
        self.ward_name = QLineEdit()
        self.seats = QLineEdit()
        self.electorate = QLineEdit()
        self.ward_name_cy = QLineEdit()
        self.ward_name_cy.setPlaceholderText(self.tr("only where it differs, e.g. Abermaw"))
        for label, w in ((self.tr("&Name:"), self.ward_name), (self.tr("Se&ats:"), self.seats),
                         (self.tr("Electorate:"), self.electorate),
                         (self.tr("Welsh name:"), self.ward_name_cy)):
            w.setAccessibleName("Ward " + label.replace("&", "").rstrip(":").lower())
            wf.addRow(label, w)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Save &ward"), self._save_ward))
        row.addWidget(_button(self.tr("Add a new ward…"), self._add_ward))
        row.addWidget(_button(self.tr("I&mport nominations (CSV)…"), self._import_csv))
        row.addStretch(1)
        wf.addRow(row)
        layout.addWidget(ward)

        cands = QGroupBox(self.tr("Candidates (as on the statement of persons nominated)"))
        cl = QVBoxLayout(cands)
        self.lock_state = QLabel()
        self.lock_state.setWordWrap(True)
        self.lock_state.setAccessibleName(self.tr("Candidate list lock"))
        cl.addWidget(self.lock_state)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setAccessibleName(self.tr("Set-up notices"))
        cl.addWidget(self.notices)
        self.candidates = CandidatesModel(self)
        self.cand_view = _table(self.candidates, "Candidates")
        self.cand_view.setMinimumHeight(320)
        cl.addWidget(self.cand_view, 1)
        add = QHBoxLayout()
        self.new_surname = QLineEdit()
        self.new_forenames = QLineEdit()
        self.new_description = QLineEdit()
        for w, ph in ((self.new_surname, self.tr("Surname")), (self.new_forenames, self.tr("Other names")),
                      (self.new_description, self.tr("Description"))):
            w.setPlaceholderText(ph)
            w.setAccessibleName("New candidate: " + ph.lower())
            add.addWidget(w)
        self.add_button = _button(self.tr("Add &candidate"), self._add_candidate)
        self.remove_button = _button(self.tr("Rem&ove selected"), self._remove_candidate)
        self.unlock_button = _button(self.tr("Unloc&k candidate list…"), self._unlock)
        # no mnemonic: every letter of "Address" is taken in this tab (docs/guide.md, Keys)
        self.address_button = _button(self.tr("Address…"), self._address)
        add.addWidget(self.add_button)
        add.addWidget(self.address_button)
        add.addWidget(self.remove_button)
        add.addWidget(self.unlock_button)
        cl.addLayout(add)
        layout.addWidget(cands, 1)

    def redraw(self) -> None:
        desk, ward_id = self.desk, self.ward_id
        if desk is None or ward_id is None:
            return
        el = desk.election()
        self.authority.setText(el.authority)
        self.title.setText(el.title)
        self.poll_date.setText(el.poll_date)
        self.ro.setText(el.returning_officer or "")
        self.double_entry.setChecked(el.double_entry)
        self.rules.setCurrentIndex(max(0, self.rules.findData(el.jurisdiction)))
        self.languages.setCurrentIndex(max(0, self.languages.findData(",".join(el.languages))))
        w = desk.ward(ward_id)
        self.ward_name_cy.setText(w.name_cy or "")
        self.ward_name.setText(w.name)
        self.seats.setText(str(w.seats))
        self.electorate.setText("" if w.electorate is None else str(w.electorate))
        state = desk.setup_state(ward_id)
        self.candidates.load(desk.candidate_rows(ward_id), state.can_edit_candidates)
        notices = desk.setup_notices(ward_id)
        self.notices.setText("\n".join(self.tr("Notice: {notice}").format(notice=n) for n in notices))
        self.notices.setVisible(bool(notices))
        self.seats.setReadOnly(not state.can_change_seats)
        if state.can_add_remove_candidates:
            self.lock_state.setText(
                self.tr("✎ The candidate list can be edited: click a cell or type over it."))
        else:
            self.lock_state.setText(self.tr("Locked: {reason}").format(reason=state.reason))
        for w_ in (self.new_surname, self.new_forenames, self.new_description, self.add_button,
                   self.remove_button):
            w_.setEnabled(state.can_add_remove_candidates)
        self.unlock_button.setEnabled(state.locked and not state.declared)

    def _run(self, op: Callable[[Any], object], title: str, name: str, what: str | None = None) -> bool:
        return CollectionOp(self, op, name=name, title=title, what=what).run()

    def _save_election(self) -> None:
        if self.desk is None:
            return
        self._run(lambda desk: desk.update_election(
            authority=self.authority.text(), title=self.title.text(),
            poll_date=self.poll_date.text().strip(), returning_officer=self.ro.text().strip() or None,
            double_entry=self.double_entry.isChecked(), actor=self.actor()),
            self.tr("Election details not saved"), "update_election", self.tr("turning double entry off"))
        jurisdiction, languages = self.rules.currentData(), self.languages.currentData()
        self._run(lambda desk: desk.set_rules(jurisdiction=jurisdiction, languages=languages,
                                              actor=self.actor()),
                  self.tr("Rules and languages not saved"), "set_rules")

    def _save_ward(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        w = self.desk.ward(ward_id)
        seats = self.seats.text().strip()
        self._run(lambda desk: desk.update_ward(
            ward_id, name=self.ward_name.text(), seats=None if seats == str(w.seats) else seats,
            electorate=self.electorate.text().strip() or None, actor=self.actor()),
            self.tr("Ward not saved"), "update_ward")
        name_cy = self.ward_name_cy.text()
        if name_cy.strip() != (w.name_cy or ""):
            self._run(lambda desk: desk.set_ward_name_cy(ward_id, name_cy, actor=self.actor()),
                      self.tr("Welsh name not saved"), "set_ward_name_cy")

    def _add_ward(self) -> None:
        if self.desk is None:
            return
        name = Dialogs.get_text(self, self.tr("Add a ward"),
                                self.tr("Ward name (as in the notice of election):"))
        if not name:
            return
        seats = Dialogs.get_text(self, self.tr("Add a ward"),
                                 self.tr("Seats in {ward}:").format(ward=name.strip()))
        if not seats:
            return
        self._run(lambda desk: desk.add_ward(name, seats, actor=self.actor()), self.tr("Ward not added"),
                  "add_ward")

    def _import_csv(self) -> None:
        if self.desk is None:
            return
        path = Dialogs.open_file(self, self.tr("Statement of persons nominated (CSV)"),
                                 self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            Dialogs.error(self, self.tr("Cannot read the file"), f"{path}: {exc.strerror}")
            return

        def refused(exc: AppError) -> None:
            if isinstance(exc, NominationsRefused):
                lines = "\n".join(self.tr("line {n}: {problem}").format(n=n, problem=m) if n else m
                                  for n, m in exc.problems[:30])
                Dialogs.error(self, self.tr("Nothing imported"),
                              self.tr("The file has problems; nothing was imported.") + f"\n\n{lines}")
            else:
                Dialogs.app_error(self, self.tr("Nothing imported"), exc)

        def imported(summary: NominationsImport) -> None:
            notes = "\n".join(summary.notes)
            Dialogs.info(self, self.tr("Nominations imported"),
                         self.tr("{n} candidates imported").format(n=summary.candidates_added)
                         + (self.tr("; new wards: {wards}").format(wards=", ".join(summary.wards_added))
                            if summary.wards_added else "")
                         + (f"\n\n{notes}" if notes else ""))

        def failed(exc: Exception) -> None:
            if isinstance(exc, AppError):
                refused(exc)
            else:
                Dialogs.error(self, self.tr("Nothing imported"), f"{exc or type(exc).__name__}")

        actor = self.actor()
        # off the GUI thread: a statement of thousands of candidates takes seconds to check
        self.import_op = QueryOp(self, lambda desk: desk.import_nominations(data, actor=actor),
                                 imported, writes=True).failure(failed).with_progress(
            self.tr("Reading and checking {file} ({size} MB)…").format(file=Path(path).name,
                                                                      size=f"{len(data) / 1e6:.1f}"),
            title=self.tr("Importing the statement of persons nominated")).run_in_background()

    def _add_candidate(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id = self.ward_id
        surname, forenames = self.new_surname.text(), self.new_forenames.text()
        description = self.new_description.text()
        if self._run(lambda desk: desk.add_candidate(ward_id, surname, forenames, description,
                                                     actor=self.actor()),
                     self.tr("Candidate not added"), "add_candidate"):
            for w in (self.new_surname, self.new_forenames, self.new_description):
                w.clear()
            self.new_surname.setFocus()

    def _address(self) -> None:
        """The selected candidate's address (printed on a Welsh notice of an unopposed return)."""
        if self.desk is None:
            return
        row = self.cand_view.currentIndex().row()
        if row < 0:
            return
        cid = self.candidates.ids[row]
        name = f"{self.candidates.rows[row][0]}, {self.candidates.rows[row][1]}"
        address = Dialogs.get_text(self, self.tr("Candidate's address"),
                                   self.tr("Address of {name}, on one line:").format(name=name))
        if address is None:
            return
        self._run(lambda desk: desk.set_candidate_address(cid, address, actor=self.actor()),
                  self.tr("Address not saved"), "set_candidate_address")

    def _remove_candidate(self) -> None:
        if self.desk is None:
            return
        row = self.cand_view.currentIndex().row()
        if row < 0:
            return
        cid = self.candidates.ids[row]
        name = f"{self.candidates.rows[row][0]}, {self.candidates.rows[row][1]}"
        if not Dialogs.ask(self, self.tr("Remove candidate"),
                           self.tr("Remove {name} from this ward?").format(name=name)):
            return
        self._run(lambda desk: desk.remove_candidate(cid, actor=self.actor()),
                  self.tr("Candidate not removed"),
                  "remove_candidate")

    def _unlock(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        reason = Dialogs.get_text(self, self.tr("Unlock the candidate list"),
                                  self.tr("Reason (recorded in the audit log), e.g. 'misspelt surname':"))
        if not reason or not reason.strip():
            return
        ward_id, name = self.ward_id, self.current_ward_name()
        self._run(lambda desk: desk.unlock_candidates(ward_id, reason, self.actor() or "unknown"),
                  self.tr("Not unlocked"), "unlock_candidates",
                  self.tr("unlocking the candidate list of {ward}").format(ward=name))


class VerificationPanel(WardPanel):
    """Ballot boxes and postal papers against the ballot paper accounts, with the variance."""

    def __init__(self, operator: Callable[[], str]) -> None:
        super().__init__(operator)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("For each ballot box, key the papers issued (from the presiding officer's "
                               "ballot paper account) and the papers counted face down, with the unused, "
                               "spoilt and tendered papers of the account; add the postal ballot papers. "
                               "The verified total is the sum of the papers counted. A box whose variance "
                               "is not explained keeps the ward from the count."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes = BoxesModel(self)
        self.view = _table(self.boxes, "Ballot boxes and postal papers")
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("&Add ballot box…"), lambda: self._add("box")))
        row.addWidget(_button(self.tr("Add p&ostal papers…"), lambda: self._add("postal")))
        row.addWidget(_button(self.tr("Remove &selected"), self._remove))
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Verification totals"))
        layout.addWidget(self.summary)
        ex = QHBoxLayout()
        self.explanation = QLineEdit()
        self.explanation.setPlaceholderText(
            self.tr("Explanation of the variance (required when it is not zero)"))
        self.explanation.setAccessibleName(self.tr("Explanation of the variance"))
        ex.addWidget(self.explanation, 1)
        ex.addWidget(_button(self.tr("Record e&xplanation"), self._explain))
        layout.addLayout(ex)

    def redraw(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        s = self.desk.verification(self.ward_id)
        w = self.desk.ward(self.ward_id)
        self.boxes.load(s, editable=not w.declared_at)
        verified = (self.tr("not known") if s.ballot_papers_verified is None
                    else f"{s.ballot_papers_verified:,}")
        text = self.tr("<b>Ballot papers verified: {verified}</b> — boxes {boxes}, postal {postal}. "
                       "Issued per ballot paper accounts: {issued}. Variance: {variance}.").format(
            verified=verified, boxes=f"{s.box_counted:,}", postal=f"{s.postal_counted:,}",
            issued=f"{s.total_issued:,}", variance=f"{s.variance:+,}")
        if s.total_unused or s.total_spoilt or s.total_tendered:
            text += " " + self.tr("Unused {unused}, spoilt {spoilt}, tendered {tendered}.").format(
                unused=f"{s.total_unused:,}", spoilt=f"{s.total_spoilt:,}", tendered=f"{s.total_tendered:,}")
        if s.needs_explanation:
            boxes = ", ".join(s.unexplained_boxes)
            explain = (self.tr("✖ Explain the variance before the count ({boxes}), or recount the box.")
                       .format(boxes=boxes) if boxes
                       else self.tr("✖ Explain the variance before the count, or recount the box."))
            text += f" <span style='color:{colour('error')}'><b>{explain}</b></span>"
        elif s.explanation:
            text += " " + self.tr("✔ Explained: “{explanation}”").format(explanation=s.explanation)
        self.summary.setText(text)
        self.explanation.setText(s.explanation or "")

    def _add(self, kind: str) -> None:
        if self.desk is None or self.ward_id is None:
            return
        label = Dialogs.get_text(self, self.tr("Add"),
                                 self.tr("Ballot box or polling station:") if kind == "box"
                                 else self.tr("Label for these postal papers (e.g. 'Postal opening 1'):"))
        if not label or not label.strip():
            return
        rows = [list(r) for r in self.boxes.rows] + [[label.strip(), kind] + [None] * 6]
        self.boxes.commit(rows, self.tr("Not added"))

    def _remove(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0:
            return
        rows = [list(r) for i, r in enumerate(self.boxes.rows) if i != row]
        self.boxes.commit(rows, self.tr("Not removed"))

    def _explain(self) -> None:
        if self.desk is None or self.ward_id is None:
            return
        ward_id, text = self.ward_id, self.explanation.text()
        CollectionOp(self, lambda desk: desk.explain_variance(ward_id, text, by=self.actor()),
                     name="explain_variance", title=self.tr("Explanation not recorded")).run()
