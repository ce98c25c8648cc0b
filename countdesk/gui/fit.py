"""The main window's widths: the ward overview as wide as its names need, the chosen
ward's tabs their room, and the whole window on the screen (issue 16, finding 3: larger
type pushed the window past a 1366-pixel screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow

#: the width the chosen ward's tabs need (the result table and its buttons)
RIGHT_PANE = 690


def fit_overview(window: MainWindow, measure: bool = True) -> None:
    """Give the ward overview the width its columns need (ward names are never cut)."""
    view, header = window.ward_view, window.ward_view.horizontalHeader()
    if measure:
        view.resizeColumnsToContents()
        # what the columns need (the last one stretches, so the header's length is not it)
        window.setProperty("overview_width", sum(
            max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())))
    layout = window.overview.layout()
    margins = layout.contentsMargins() if layout is not None else window.contentsMargins()
    measured = window.property("overview_width")
    wanted = ((int(measured) if measured is not None else header.length())
              + view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
              + 2 * view.frameWidth() + margins.left() + margins.right() + 12)
    total = max(window.splitter.width(), window.width())
    left = max(min(wanted, total - RIGHT_PANE), total // 3)  # the chosen ward keeps its room
    # a floor, so that a later layout pass (fonts applied, the window placed) keeps it; but
    # never one that pushes the window off the screen (larger type on a laptop)
    screen = window.screen().availableGeometry().width() - 8
    pane = window.splitter.widget(1)
    right = ((pane.minimumSizeHint().width() if pane is not None else RIGHT_PANE)
             + window.splitter.handleWidth())
    window.overview.setMinimumWidth(max(0, min(left, wanted, screen - right - 2 * margins.left())))
    window.splitter.setSizes([left, total - left])
    if window.width() > screen:  # grown past the screen by a larger type: back inside it
        window.resize(screen, window.height())


def fit_row(window: MainWindow, ward_id: int) -> None:
    """Widen a column of the overview if one changed row needs it (nothing is cut)."""
    row = window.wards_model.row_of(ward_id)
    if row is None:
        return
    header = window.ward_view.horizontalHeader()
    delegate = window.ward_view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(window.ward_view)
    for col in range(window.wards_model.columnCount()):
        index = window.proxy.mapFromSource(window.wards_model.index(row, col))
        width = delegate.sizeHint(option, index).width() + 2 * window.ward_view.frameWidth()
        if index.isValid() and width > header.sectionSize(col):
            header.resizeSection(col, width)
    # the overview itself keeps its width (widening it squeezed the candidates' names on the
    # right); a column pushed past its edge is reached by scrolling the list sideways
