"""The themes meet WCAG 2.1 AA (4.5:1 for text) for every colour pair they draw, the
W002 warning is legible in high contrast, every control shows where the focus is, and a
theme is switched in place (issue 16: themes; finding 1's amber-on-black W002)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from gui_helpers import show_provisional
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from countdesk.gui import theme
from countdesk.gui.main_window import MainWindow
from countdesk.gui.models import STAGE_COLOURS

AA = 4.5


def test_the_contrast_formula_matches_wcag() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the known near miss
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("t", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda t: t.name)
def test_every_text_colour_pair_meets_aa(t: theme.Theme) -> None:
    low = [(what, fg, bg, round(theme.contrast(fg, bg), 2)) for what, fg, bg in t.text_pairs()
           if theme.contrast(fg, bg) < AA]
    assert low == []
    # the ward statuses are drawn in the theme's message colours, on table rows
    assert set(STAGE_COLOURS.values()) <= {"error", "warning", "ok", "info"}


def test_the_old_high_contrast_failures_are_gone() -> None:
    """The W002 text was dark amber (#8a5300) on black: 2.9:1."""
    assert theme.contrast("#8a5300", "#000000") < AA
    hc = theme.HIGH_CONTRAST
    assert theme.contrast(hc.warning, hc.roles[QPalette.ColorRole.Window]) >= 7


def test_switching_themes_sets_the_palette_in_place_and_recolours_the_w002_line(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    show_provisional(qtbot, monkeypatch, window, "Nonsuch")
    panel = window.result_panel
    from gui_helpers import drive_dialog

    def fill_lot(d: Any) -> None:
        d.group.buttons()[0].setChecked(True)

    drive_dialog(monkeypatch, fill_lot)
    panel.lot.click()
    assert "W002" in panel.issues.text()
    assert theme.NORMAL.warning in panel.issues.text()
    children = len(window.findChildren(object))
    window.contrast_action.trigger()  # View → High contrast
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    # the warning line is redrawn in the high-contrast colour, legible on black
    assert theme.HIGH_CONTRAST.warning in panel.issues.text()
    assert "#8a5300" not in panel.issues.text()
    assert theme.HIGH_CONTRAST.banner_background in app.styleSheet()
    # the same window and widgets, not a new one
    assert len(window.findChildren(object)) == children and window.isVisible()
    window.large_action.trigger()
    assert app.font().pointSizeF() > 0 and window.settings.large_type
    window.contrast_action.trigger()
    window.large_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.NORMAL.roles[
        QPalette.ColorRole.Window]
    assert theme.NORMAL.warning in panel.issues.text()


@pytest.mark.parametrize("t", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda t: t.name)
def test_every_kind_of_control_has_a_visible_focus_ring(t: theme.Theme) -> None:
    sheet = theme.style_sheet(t)
    for control in ("QPushButton:focus", "QLineEdit:focus", "QComboBox:focus", "QTableView:focus",
                    "QCheckBox:focus", "QRadioButton:focus", "QPlainTextEdit:focus",
                    "QTabBar::tab:focus", "QAbstractScrollArea:focus"):
        assert control in sheet
    assert f"3px solid {t.focus}" in sheet
    # the ring stands out against the window and the table (3:1, WCAG 1.4.11)
    for bg in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert theme.contrast(t.focus, t.roles[bg]) >= 3


@pytest.mark.parametrize("t", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda t: t.name)
def test_a_disabled_button_looks_disabled_yet_stays_legible(t: theme.Theme) -> None:
    assert f"QPushButton:disabled {{ border-style: dashed; color: {theme.muted(t)}; }}" in theme.style_sheet(t)
    button = t.roles[QPalette.ColorRole.Button]
    assert 3 <= theme.contrast(theme.muted(t), button) < theme.contrast(
        t.roles[QPalette.ColorRole.ButtonText], button)
