"""The results board: a second window for the big screen at the count venue.

Drawn with QPainter (no chart package): the authority and election, wards
declared, the control outcome once it is decided (in the press's words), the
seats won by each party as bars in party colours with the majority line, and
the latest declaration with the councillors elected. The change in each party's
seats is shown once every ward is declared (before that it would compare part
of the council with the whole of the old one). Type is sized from the
window's height, so on a 1080-line screen party names are over 40 pixels high
and the outcome over 60: readable from the back of a hall.

It updates by itself: the main window calls :meth:`ResultsBoard.refresh`
whenever its own view refreshes (after every declaration made in the app), and
a timer checks every few seconds whether a ward was declared elsewhere (by the
command line, say) and refreshes then.

Party colours come from :mod:`countdesk.exports.colours`: the colour given to
a party's candidates in set-up if any, else a default for common parties,
else a spare one. Every bar is labelled
with the party's name, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QScreen,
)
from PySide6.QtWidgets import QWidget

from countdesk.app import Desk
from countdesk.app.gather import party_colours, snapshot
from countdesk.core.summary import CouncilSummary, PartySeats
from countdesk.exports.colours import NOC_COLOUR, SPARE_COLOURS, colour_map, ink_on
from countdesk.exports.gather import Snapshot
from countdesk.gui.i18n import translate
from countdesk.gui.words import long_date

BACKGROUND = QColor("#0E1621")
PANEL = QColor("#1B2633")
TEXT = QColor("#FFFFFF")
MUTED = QColor("#C9D3DD")
RULE = QColor("#FFFFFF")

POLL_MS = 4000
MAX_BARS = 8


def readable_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    return QColor(ink_on(colour.name()))


def _signed(n: int | None) -> str:
    if n is None or n == 0:
        return "" if n is None else translate("ResultsBoard", "no change")
    return f"+{n}" if n > 0 else f"\u2212{-n}"


class ResultsBoard(QWidget):
    """The board. ``desk`` returns the main window's desk (or None when none is open)."""

    def __init__(self, desk: Callable[[], Desk | None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._desk = desk
        self.snapshot: Snapshot | None = None
        self.summary: CouncilSummary | None = None
        self.colours: dict[str, QColor] = {}
        self._seen: object = None
        self.setWindowTitle(self.tr("Results board — countdesk"))
        self.setAccessibleName(self.tr("Results board"))
        self.setMinimumSize(640, 360)
        self.resize(1280, 720)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.refresh()

    # ------------------------------------------------------------ data
    @staticmethod
    def _declarations(desk: Desk) -> object:
        """A cheap fingerprint of what has been declared (and countermanded)."""
        return [(w.id, w.declared_at, w.countermanded_at) for w in desk.wards()
                if w.declared_at or w.countermanded_at]

    def refresh(self) -> None:
        """Read the store again and repaint."""
        desk = self._desk()
        if desk is None:
            self.snapshot = self.summary = None
            self._seen = None
            self.anchor: tuple[int, str] | None = None
        else:
            #: the audit record of the latest declaration: shown, so that anyone in the hall can
            #: note it and later check the store still holds it (audit-verify --anchor)
            self.anchor = desk.latest_declaration_anchor()
            self.snapshot = snapshot(desk.store)
            self.summary = self.snapshot.summary
            names = [p.party for p in self.summary.parties]
            self.colours = {p: QColor(c) for p, c in colour_map(names, party_colours(desk.store)).items()}
            self._seen = self._declarations(desk)
        self.setAccessibleDescription(self.describe())
        self.update()

    def poll(self) -> None:
        """Refresh if a ward was declared since the last look (e.g. from the command line)."""
        desk = self._desk()
        if desk is None or not self.isVisible():
            return
        try:
            seen = self._declarations(desk)
        except Exception:  # the store was closed under us; the next refresh tells
            return
        if seen != self._seen:
            self.refresh()

    def describe(self) -> str:
        """The board in words (its accessible description, and for tests)."""
        s = self.summary
        if s is None or self.snapshot is None:
            return self.tr("No election is open.")
        parts = [self.tr("{n} of {total} wards declared").format(n=s.wards_declared, total=s.wards_total)]
        parts.append(s.control if s.control_decided and s.control else self.tr("Control not yet decided"))
        parts += [f"{p.party} {p.seats}" for p in self.bars()]
        if s.latest:
            parts.append(self.tr("Latest declaration: {ward}").format(ward=s.latest))
        if getattr(self, "anchor", None):
            parts.append(self.tr("Audit record {anchor}").format(anchor=self.anchor_words()))
        return ". ".join(parts) + "."

    def anchor_words(self) -> str:
        if not getattr(self, "anchor", None):
            return ""
        from countdesk.reports.digest import short_digest  # noqa: PLC0415

        seq, digest = self.anchor  # type: ignore[misc]
        return f"{seq} · {short_digest(digest)}"

    def bars(self) -> list[PartySeats]:
        """The parties shown: those with seats, else those that can still win most."""
        s = self.summary
        if s is None:
            return []
        with_seats = [p for p in s.parties if p.seats > 0]
        if len(with_seats) < MAX_BARS:
            rest = sorted((p for p in s.parties if p.seats == 0 and (p.most_possible or p.previous)),
                          key=lambda p: (-(p.previous or 0), -p.most_possible, -p.votes, p.party))
            with_seats += rest[:max(0, min(MAX_BARS, 6) - len(with_seats))]
        return with_seats[:MAX_BARS]

    # ------------------------------------------------------------ showing
    def show_on(self, screen: QScreen | None, full_screen: bool = True) -> None:
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        if full_screen:
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.close()
            return
        if event.key() == Qt.Key.Key_F11:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.showFullScreen()
            return
        if event.key() == Qt.Key.Key_F5:
            self.refresh()
            return
        if event.key() == Qt.Key.Key_Q:  # the latest result as a QR code (gui/board_qr.py)
            from countdesk.gui.board_qr import show_result_code  # noqa: PLC0415

            self.result_code = show_result_code(self, self._desk)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        event.accept()

    # ------------------------------------------------------------ drawing
    def _font(self, px: float, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(max(8, round(px)))
        f.setBold(bold)
        return f

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            self.paint(p, float(self.width()), float(self.height()))
        finally:
            p.end()

    def paint(self, p: QPainter, w: float, h: float) -> None:
        p.fillRect(QRectF(0, 0, w, h), BACKGROUND)
        u = min(h / 100.0, w / 160.0)  # one unit: a hundredth of the height on a 16:9 screen
        m = 3.0 * u
        s, snap = self.summary, self.snapshot
        if s is None or snap is None:
            p.setPen(TEXT)
            p.setFont(self._font(5 * u, True))
            p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, self.tr("No election is open"))
            return
        el = snap.election

        # Header: the council and the election; wards declared on the right
        right_w = 38 * u
        p.setPen(TEXT)
        p.setFont(self._font(4.6 * u, True))
        self._text(p, QRectF(m, m, w - 2 * m - right_w, 6 * u), el.authority, Qt.AlignmentFlag.AlignLeft)
        p.setPen(MUTED)
        p.setFont(self._font(2.8 * u))
        self._text(p, QRectF(m, m + 6.2 * u, w - 2 * m - right_w, 4 * u),
                   f"{el.title} · {_poll_day(el.poll_date)}", Qt.AlignmentFlag.AlignLeft)
        p.setPen(TEXT)
        p.setFont(self._font(6 * u, True))
        p.drawText(QRectF(w - m - right_w, m - 0.5 * u, right_w, 7 * u),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   self.tr("{n} of {total}").format(n=s.wards_declared, total=s.wards_total))
        p.setPen(MUTED)
        p.setFont(self._font(2.6 * u))
        p.drawText(QRectF(w - m - right_w, m + 6.4 * u, right_w, 4 * u),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.tr("wards declared"))

        # Control banner
        top = m + 12 * u
        banner = QRectF(m, top, w - 2 * m, 13 * u)
        self._control(p, banner, u, s)

        # Seats by party
        chart = QRectF(m, banner.bottom() + 3 * u, w - 2 * m, h * 0.60 - (banner.bottom() + 3 * u) + 14 * u)
        latest_top = chart.bottom() + 2 * u
        self._bars(p, chart, u, s)

        # Latest declaration
        self._latest(p, QRectF(m, latest_top, w - 2 * m, h - m - latest_top), u, s)

    def _text(self, p: QPainter, rect: QRectF, text: str, align: Qt.AlignmentFlag) -> None:
        fm = QFontMetricsF(p.font())
        shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        p.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)

    def _control(self, p: QPainter, rect: QRectF, u: float, s: CouncilSummary) -> None:
        if s.control_decided and s.control:
            fill = self.colours.get(s.controlling_party or "", QColor(NOC_COLOUR)) \
                if s.controlling_party else QColor(NOC_COLOUR)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRoundedRect(rect, 1.2 * u, 1.2 * u)
            ink = readable_on(fill)
            p.setPen(ink)
            p.setFont(self._font(6.4 * u, True))
            self._text(p, QRectF(rect.left() + 2 * u, rect.top() + 0.8 * u, rect.width() - 4 * u, 8 * u),
                       s.control.upper(), Qt.AlignmentFlag.AlignHCenter)
            note = self.tr("Majority {n} of {total} seats").format(n=s.majority, total=s.seats_total)
            if s.control_decided_after and not s.complete:
                note += self.tr(" · decided with the declaration of {ward}").format(
                    ward=s.control_decided_after)
            elif s.complete:
                note += self.tr(" · all wards declared")
            p.setFont(self._font(2.6 * u))
            self._text(p, QRectF(rect.left() + 2 * u, rect.top() + 8.6 * u, rect.width() - 4 * u, 3.6 * u),
                       note, Qt.AlignmentFlag.AlignHCenter)
            return
        p.setPen(QPen(MUTED, max(1.0, 0.3 * u)))
        p.setBrush(PANEL)
        p.drawRoundedRect(rect, 1.2 * u, 1.2 * u)
        p.setPen(TEXT)
        p.setFont(self._font(5 * u, True))
        self._text(p, QRectF(rect.left() + 2 * u, rect.top() + 1 * u, rect.width() - 4 * u, 7 * u),
                   self.tr("{n} seats needed for a majority").format(n=s.majority),
                   Qt.AlignmentFlag.AlignHCenter)
        leader = s.parties[0] if s.parties and s.parties[0].seats else None
        line = self.tr("Control not yet decided · {n} seats still to declare").format(
            n=s.seats_total - s.seats_declared)
        if leader is not None:
            line += self.tr(" · {party}: {n} more needed").format(party=leader.party,
                                                                  n=s.majority - leader.seats)
        p.setPen(MUTED)
        p.setFont(self._font(2.8 * u))
        self._text(p, QRectF(rect.left() + 2 * u, rect.top() + 8.2 * u, rect.width() - 4 * u, 4 * u),
                   line, Qt.AlignmentFlag.AlignHCenter)

    def _bars(self, p: QPainter, rect: QRectF, u: float, s: CouncilSummary) -> None:
        bars = self.bars()
        if not bars:
            return
        scale = max(int(s.majority * 1.25 + 0.999), *(b.seats for b in bars), 1)
        label_w = min(rect.width() * 0.30, 52 * u)
        value_w = 22 * u
        x0 = rect.left() + label_w + 1.5 * u
        span = rect.right() - value_w - x0
        head = 4 * u  # room for the majority label
        row_h = min(8.5 * u, (rect.height() - head) / max(len(bars), 1))
        bar_h = row_h * 0.72
        name_px = min(4.4 * u, row_h * 0.55)
        for i, party in enumerate(bars):
            y = rect.top() + head + i * row_h
            colour = self.colours.get(party.party, QColor(SPARE_COLOURS[0]))
            p.setPen(TEXT)
            p.setFont(self._font(name_px, True))
            self._text(p, QRectF(rect.left(), y, label_w, bar_h), party.party, Qt.AlignmentFlag.AlignRight)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(PANEL)
            p.drawRect(QRectF(x0, y, span, bar_h))
            width = span * party.seats / scale
            p.setBrush(colour)
            p.drawRect(QRectF(x0, y, width, bar_h))
            p.setPen(TEXT)
            p.setFont(self._font(name_px * 1.1, True))
            seats = str(party.seats)
            fm = QFontMetricsF(p.font())
            sx = x0 + width + 1.2 * u
            p.drawText(QRectF(sx, y, fm.horizontalAdvance(seats) + u, bar_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, seats)
            # the change against the previous council means something only once all wards are in
            change = _signed(party.change) if s.complete and (party.seats or party.previous) else ""
            if change:
                p.setPen(MUTED)
                p.setFont(self._font(name_px * 0.7))
                cx = sx + fm.horizontalAdvance(seats) + 1.2 * u
                p.drawText(QRectF(cx, y, rect.right() - cx, bar_h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"({change})")
        # the majority line
        mx = x0 + span * s.majority / scale
        bottom = rect.top() + head + len(bars) * row_h - (row_h - bar_h)
        pen = QPen(RULE, max(2.0, 0.45 * u))
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(mx, rect.top() + head - 0.8 * u), QPointF(mx, bottom + 0.8 * u))
        p.setPen(TEXT)
        p.setFont(self._font(2.6 * u, True))
        p.drawText(QRectF(mx - 20 * u, rect.top(), 40 * u, head - 0.8 * u),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                   self.tr("Majority {n}").format(n=s.majority))

    def _latest(self, p: QPainter, rect: QRectF, u: float, s: CouncilSummary) -> None:
        if rect.height() < 4 * u:
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PANEL)
        p.drawRoundedRect(rect, 1.2 * u, 1.2 * u)
        inner = rect.adjusted(2 * u, 1 * u, -2 * u, -1 * u)
        if not s.latest:
            p.setPen(MUTED)
            p.setFont(self._font(3.4 * u, True))
            self._text(p, inner, self.tr("No ward has been declared yet"),
                       Qt.AlignmentFlag.AlignHCenter)
            return
        p.setPen(MUTED)
        p.setFont(self._font(2.6 * u))
        self._text(p, QRectF(inner.left(), inner.top(), inner.width(), 3.6 * u),
                   self.tr("Latest declaration"),
                   Qt.AlignmentFlag.AlignLeft)
        if self.anchor_words():
            self._text(p, QRectF(inner.left(), inner.top(), inner.width(), 3.6 * u),
                       self.tr("Audit record {anchor}").format(anchor=self.anchor_words()),
                       Qt.AlignmentFlag.AlignRight)
        p.setPen(TEXT)
        p.setFont(self._font(4.2 * u, True))
        ward_line = QRectF(inner.left(), inner.top() + 3.6 * u, inner.width(), 5.4 * u)
        self._text(p, ward_line, s.latest, Qt.AlignmentFlag.AlignLeft)
        y = ward_line.bottom() + 0.6 * u
        chip = 2.4 * u
        x = inner.left()
        p.setFont(self._font(2.9 * u, True))
        fm = QFontMetricsF(p.font())
        for c in s.councillors_for(s.latest):
            text = f"{c.forenames} {c.surname.upper()} ({c.party})".strip()
            need = chip + 1 * u + fm.horizontalAdvance(text) + 3 * u
            if x + need > inner.right() and x > inner.left():
                x = inner.left()
                y += 4.2 * u
            if y + 3.6 * u > rect.bottom():
                break
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colours.get(c.party, QColor(SPARE_COLOURS[0])))
            p.drawRect(QRectF(x, y + 0.6 * u, chip, chip))
            p.setPen(TEXT)
            p.drawText(QRectF(x + chip + 1 * u, y, need, 3.6 * u),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += need


def _poll_day(iso: str) -> str:
    import datetime  # noqa: PLC0415

    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return long_date(d)


def choose_screen(parent: QWidget) -> tuple[QScreen | None, bool] | None:
    """Ask which screen to use. (screen, full screen?), or None if cancelled.

    With one screen the board opens in a window (F11 makes it full screen);
    with several, the operator picks one and it fills that screen.
    """
    from countdesk.gui.dialogs import Dialogs  # noqa: PLC0415

    screens = QGuiApplication.screens()
    if len(screens) <= 1:
        return (screens[0] if screens else None), False
    labels = []
    for i, sc in enumerate(screens, 1):
        g = sc.geometry()
        this = sc is QGuiApplication.primaryScreen()
        primary = translate("ResultsBoard", " (this screen)") if this else ""
        labels.append(translate("ResultsBoard", "Screen {i}: {name} — {width}×{height}{primary}").format(
            i=i, name=sc.name() or sc.model() or "", width=g.width(), height=g.height(), primary=primary))
    default = next((i for i, sc in enumerate(screens) if sc is not QGuiApplication.primaryScreen()), 0)
    index = Dialogs.choose(parent, translate("ResultsBoard", "Open results board"),
                           translate("ResultsBoard", "Show the results board full screen on:"), labels,
                           default)
    if index is None:
        return None
    return screens[index], True


def open_board(window: QWidget, desk: Callable[[], Desk | None]) -> ResultsBoard | None:
    """Open (or bring back) the results board of ``window`` on a screen the operator picks."""
    choice = choose_screen(window)
    if choice is None:
        return None
    screen, full = choice
    board: ResultsBoard | None = getattr(window, "results_board", None)
    if board is None:
        board = ResultsBoard(desk, window)
        window.results_board = board  # type: ignore[attr-defined]
    board.refresh()
    board.timer.start()
    board.show_on(screen, full)
    return board
