"""Table models over the core's results. They format; they never decide."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from countdesk.core import REJECTED_FIELDS, Candidate, WardResult
from countdesk.core.progress import STAGE_MARK, Stage
from countdesk.gui.i18n import QT_TRANSLATE_NOOP, translate
from countdesk.gui.theme import colour
from countdesk.gui.words import rejected_label, stage_name

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def fmt(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def rejected_row(head: str) -> str:
    """The entry row of a head of rejected ballot papers."""
    return translate("Table", "Rejected: {head}").format(head=rejected_label(head))


class HeaderTableModel(QAbstractTableModel):
    """A flat table with fixed column headers over a list of rows."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return translate("Table", self.HEADERS[section])
        return None


@dataclass(frozen=True)
class WardRow:
    id: int
    name: str
    seats: int
    stage: Stage
    papers: int | None
    turnout: str


#: each stage's colour, by its name in the theme (:mod:`countdesk.gui.theme`)
STAGE_COLOURS: dict[Stage, str] = {
    Stage.KEYINGS_DIFFER: "error", Stage.CHECK_FIGURES: "error",
    Stage.LOT_REQUIRED: "warning", Stage.WARNING: "warning", Stage.READY: "ok", Stage.DECLARED: "info",
    Stage.UNCONTESTED: "info",
}


class WardListModel(HeaderTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("Table", "Ward"), QT_TRANSLATE_NOOP("Table", "Seats"),
               QT_TRANSLATE_NOOP("Table", "Status"), QT_TRANSLATE_NOOP("Table", "Papers"),
               QT_TRANSLATE_NOOP("Table", "Turnout"))

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[WardRow] = []
        self._where: dict[int, int] = {}

    def set_rows(self, rows: Sequence[WardRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._where = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def update_row(self, row: WardRow) -> bool:
        """Replace one ward's row (dataChanged for that row alone); False if it is not shown."""
        i = self._where.get(row.id)
        if i is None:
            return False
        if self._rows[i] != row:
            self._rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.HEADERS) - 1))
        return True

    def row_of(self, ward_id: int) -> int | None:
        return self._where.get(ward_id)

    def count(self, stage: Stage) -> int:
        return sum(1 for r in self._rows if r.stage is stage)

    def row_at(self, row: int) -> WardRow:
        return self._rows[row]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return (r.name, str(r.seats), f"{STAGE_MARK[r.stage]} {stage_name(r.stage)}",
                    fmt(r.papers), r.turnout)[col]
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 2:
            return r.stage.value
        if role == ALIGN and col in (1, 3, 4):
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and r.stage in STAGE_COLOURS:
            return QBrush(QColor(colour(STAGE_COLOURS[r.stage])))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class ResultModel(HeaderTableModel):
    """The provisional result: candidates by votes, with elected marks."""

    HEADERS = (QT_TRANSLATE_NOOP("Table", "Position"), QT_TRANSLATE_NOOP("Table", "Candidate"),
               QT_TRANSLATE_NOOP("Table", "Party"), QT_TRANSLATE_NOOP("Table", "Votes"),
               QT_TRANSLATE_NOOP("Table", "Declared"), QT_TRANSLATE_NOOP("Table", "Result"))

    def __init__(self) -> None:
        super().__init__()
        self._result: WardResult | None = None
        self._rows: list[Any] = []

    def set_result(self, result: WardResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._rows = result.by_position() if result is not None else []
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        c: Candidate = row.candidate
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return "" if row.position is None else str(row.position)
            if col == 1:
                return c.ballot_name
            if col == 2:
                return c.party
            if col == 3:
                return fmt(row.votes)
            if col == 4:
                if row.declared_votes is not None and row.declared_votes != row.votes:
                    return translate("Table", "{votes} (lot +1)").format(votes=f"{row.declared_votes:,}")
                return fmt(row.declared_votes)
            if col == 5:
                if row.elected is None:
                    return translate("Table", "⚠ Tied")
                return translate("Table", "✔ Elected") if row.elected else ""
        if role == ALIGN and col in (0, 3, 4):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and row.elected:
            from PySide6.QtGui import QFont  # noqa: PLC0415

            f = QFont()
            f.setBold(True)
            return f
        return None


@dataclass
class EntryRow:
    field: str
    label: str
    party: str
    value: int | None = None
    error: str | None = None


#: The row of a sheet's rejections objected to, beside the rejected heads.
OBJECTED_LABEL = QT_TRANSLATE_NOOP("Table", "Rejected: of (a)-(d), rejection objected to")


class EntryModel(HeaderTableModel):
    """One operator's keying of one count sheet: each figure beside a name and party.

    ``save(field, text)`` stores the value durably and returns it (None when
    cleared), or raises with a message; the model then keeps the old value
    and shows the message.
    """

    HEADERS = (QT_TRANSLATE_NOOP("Table", "Candidate or item"), QT_TRANSLATE_NOOP("Table", "Party"),
               QT_TRANSLATE_NOOP("Table", "Figure"))
    VALUE = 2

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[EntryRow] = []
        self._save: Callable[[str, str], int | None] | None = None
        self.editable = True
        self.last_error: str | None = None

    def load(self, candidates: Sequence[Candidate], values: dict[str, int | None],
             save: Callable[[str, str], int | None] | None, *, papers: bool = True,
             seats: int = 1, only: Sequence[str] | None = None) -> None:
        """``only``: show just these fields (a third keying of the differing fields)."""
        self.beginResetModel()
        self._save = save
        self.editable = save is not None
        rows = [EntryRow(f"votes:{c.id}", c.ballot_name, c.party) for c in candidates]
        for head in REJECTED_FIELDS:
            rows.append(EntryRow(f"rejected:{head}", rejected_row(head), ""))
        rows.append(EntryRow("objected", translate("Table", OBJECTED_LABEL), ""))
        if papers:
            need = (translate("Table", "(required: {seats} seats)").format(seats=seats) if seats > 1
                    else translate("Table", "(optional: one seat, worked out from the votes)"))
            rows.append(EntryRow("papers", translate("Table", "Ballot papers counted on this sheet {need}")
                                 .format(need=need), ""))
        if only is not None:
            rows = [r for r in rows if r.field in only]
        for r in rows:
            r.value = values.get(r.field)
        self._rows = rows
        self.last_error = None
        self.endResetModel()

    def rows(self) -> list[EntryRow]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.VALUE and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            if col == 0:
                return r.label
            if col == 1:
                return r.party
            if role == Qt.ItemDataRole.EditRole:
                return "" if r.value is None else str(r.value)
            if r.error:  # the message is shown below the table: the column keeps its width
                return f"✖ {fmt(r.value)}".rstrip()
            return fmt(r.value)
        if role == ALIGN and col == self.VALUE:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.VALUE and r.error:
            return QBrush(QColor(colour("error")))
        if role == Qt.ItemDataRole.ToolTipRole and r.error:
            return r.error
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.VALUE:
            return f"{r.label}, {r.party}: {fmt(r.value) or translate('Table', 'not keyed')}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.VALUE or self._save is None:
            return False
        r = self._rows[index.row()]
        text = "" if value is None else str(value)
        try:
            r.value = self._save(r.field, text)
            r.error = None
            self.last_error = None
        except Exception as exc:
            message = str(exc)
            if len(message) > 5 and message[0] in "EW" and message[1:4].isdigit() and message[4] == ":":
                message = message[5:].strip()
            r.error = message
            self.last_error = message
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.VALUE))
        return r.error is None


class CompareModel(HeaderTableModel):
    """Two differing keyings side by side, for the supervisor (read-only)."""

    HEADERS = (QT_TRANSLATE_NOOP("Table", "Candidate or item"), QT_TRANSLATE_NOOP("Table", "Party"),
               QT_TRANSLATE_NOOP("Table", "First keying"), QT_TRANSLATE_NOOP("Table", "Second keying"), "")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, str, int | None, int | None]] = []

    def load(self, candidates: Sequence[Candidate], first: dict[str, int], second: dict[str, int]) -> None:
        self.beginResetModel()
        rows = [(f"votes:{c.id}", c.ballot_name, c.party) for c in candidates]
        rows += [(f"rejected:{h}", rejected_row(h), "") for h in REJECTED_FIELDS]
        rows.append(("objected", translate("Table", OBJECTED_LABEL), ""))
        rows.append(("papers", translate("Table", "Ballot papers counted on this sheet"), ""))
        self._rows = [(label, party, first.get(f), second.get(f)) for f, label, party in rows]
        self.endResetModel()

    def differs(self, row: int) -> bool:
        return self._rows[row][2] != self._rows[row][3]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        label, party, a, b = self._rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return (label, party, fmt(a), fmt(b), translate("Table", "✖ differs") if a != b else "")[col]
        if role == ALIGN and col in (2, 3):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and a != b:
            from PySide6.QtGui import QFont  # noqa: PLC0415

            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and a != b and col == 4:
            return QBrush(QColor(colour("error")))
        return None
