"""The app's two colour themes (normal and high contrast) and its type sizes.

Every colour the screens use comes from here: the palette roles, the message colours
(errors, warnings, saved), the equality-of-votes banner and the focus ring. Each text
colour meets WCAG 2.1 AA (4.5:1) against every background it is drawn on; the test
suite computes the ratio of each pair (``tests/gui/test_theme_contrast.py``).

Switching a theme sets the application's palette and style sheet in place: no window
is recreated. Labels say what they are with a ``role`` property (``error``, ``warning``,
``ok``), which the style sheet colours in the current theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

R = QPalette.ColorRole


@dataclass(frozen=True)
class Theme:
    name: str
    roles: dict[QPalette.ColorRole, str]
    error: str
    warning: str
    ok: str
    info: str
    focus: str
    banner_text: str
    banner_background: str
    banner_border: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """Every (what, text colour, background) pair this theme draws."""
        r = self.roles
        pairs = [("window text", r[R.WindowText], r[R.Window]),
                 ("table text", r[R.Text], r[R.Base]),
                 ("table text, alternate rows", r[R.Text], r[R.AlternateBase]),
                 ("button text", r[R.ButtonText], r[R.Button]),
                 ("selected text", r[R.HighlightedText], r[R.Highlight]),
                 ("tooltip", r[R.ToolTipText], r[R.ToolTipBase]),
                 ("placeholder", r[R.PlaceholderText], r[R.Base]),
                 ("link", r[R.Link], r[R.Base]),
                 ("W002 banner", self.banner_text, self.banner_background)]
        for name in ("error", "warning", "ok", "info"):
            colour = getattr(self, name)
            for bg_name, bg in (("window", r[R.Window]), ("table", r[R.Base]),
                                ("alternate rows", r[R.AlternateBase])):
                pairs.append((f"{name} on {bg_name}", colour, bg))
        return pairs


NORMAL = Theme(
    "normal",
    {R.Window: "#efefef", R.WindowText: "#000000", R.Base: "#ffffff", R.AlternateBase: "#f2f2f2",
     R.Text: "#000000", R.Button: "#e6e6e6", R.ButtonText: "#000000", R.Highlight: "#1f5fa8",
     R.HighlightedText: "#ffffff", R.ToolTipBase: "#ffffe1", R.ToolTipText: "#000000",
     R.PlaceholderText: "#595959", R.Link: "#0b4f9c", R.BrightText: "#ffffff"},
    error="#b00020", warning="#7a4a00", ok="#1b5e20", info="#0d47a1", focus="#1f5fa8",
    banner_text="#000000", banner_background="#ffd54f", banner_border="#7a4a00")

HIGH_CONTRAST = Theme(
    "high contrast",
    {R.Window: "#000000", R.WindowText: "#ffffff", R.Base: "#000000", R.AlternateBase: "#1c1c1c",
     R.Text: "#ffffff", R.Button: "#000000", R.ButtonText: "#ffff00", R.Highlight: "#ffff00",
     R.HighlightedText: "#000000", R.ToolTipBase: "#000000", R.ToolTipText: "#ffffff",
     R.PlaceholderText: "#c8c8c8", R.Link: "#8fd0ff", R.BrightText: "#ffffff"},
    error="#ff8a80", warning="#ffd54f", ok="#a5d6a7", info="#90caf9", focus="#00ffff",
    banner_text="#ffff00", banner_background="#000000", banner_border="#ffff00")

#: the theme in use (set by :func:`apply`)
CURRENT: dict[str, Theme] = {"theme": NORMAL}


def current() -> Theme:
    return CURRENT["theme"]


def colour(name: str) -> str:
    """A message colour of the current theme: ``error``, ``warning``, ``ok`` or ``info``."""
    return str(getattr(current(), name))


def palette(theme: Theme) -> QPalette:
    p = QPalette()
    for role, value in theme.roles.items():
        p.setColor(QPalette.ColorGroup.All, role, QColor(value))
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(muted(theme)))
    return p


def muted(theme: Theme) -> str:
    """Disabled controls' text: still legible (3:1 and more), plainly not live (with a dashed
    border on buttons; WCAG exempts inactive controls from 4.5:1)."""
    return "#6e6e6e" if theme is NORMAL else "#a0a0a0"


def style_sheet(theme: Theme) -> str:
    """The application's style sheet: a visible focus ring on every control, and the
    colours of labels that carry a ``role``."""
    f, r = theme.focus, theme.roles
    border = "#767676" if theme is NORMAL else "#ffff00"
    return f"""
QPushButton {{ border: 1px solid {border}; border-radius: 3px; padding: 4px 10px;
  background: {r[R.Button]}; color: {r[R.ButtonText]}; }}
QPushButton:disabled {{ border-style: dashed; color: {muted(theme)}; }}
QPushButton:focus {{ border: 3px solid {f}; padding: 2px 8px; }}
QLineEdit, QComboBox, QPlainTextEdit, QSpinBox {{ border: 1px solid {border}; padding: 2px; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus {{ border: 3px solid {f};
  padding: 0px; }}
QTableView, QListView, QScrollArea {{ border: 1px solid {border}; }}
QTableView:focus, QListView:focus, QAbstractScrollArea:focus {{ border: 3px solid {f}; }}
QCheckBox:focus, QRadioButton:focus {{ border: 3px solid {f}; }}
QTabBar::tab:focus {{ border: 3px solid {f}; }}
QLabel[role="error"] {{ color: {theme.error}; font-weight: bold; }}
QLabel[role="warning"] {{ color: {theme.warning}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {theme.ok}; }}
QLabel[role="banner"] {{ background: {theme.banner_background}; color: {theme.banner_text};
  border: 3px solid {theme.banner_border}; padding: 10px; font-size: 130%; font-weight: bold; }}
"""


def set_role(label: QWidget, role: str) -> None:
    """Colour a label as ``error``, ``warning``, ``ok`` or ``banner`` (or "" for plain text),
    in whichever theme is current."""
    if label.property("role") == role:
        return
    label.setProperty("role", role)
    style = label.style()
    style.unpolish(label)
    style.polish(label)


def apply(app: QApplication, *, high_contrast: bool, large_type: bool) -> Theme:
    """Set the theme and the type size of the running app (no window is recreated)."""
    theme = HIGH_CONTRAST if high_contrast else NORMAL
    CURRENT["theme"] = theme
    base = getattr(app, "_countdesk_base_font", None)
    if base is None:
        base = QFont(app.font())
        app._countdesk_base_font = base  # type: ignore[attr-defined]
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * (1.4 if large_type else 1.15))
    app.setFont(font)
    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme))
    return theme


def luminance(hex_colour: str) -> float:
    """The relative luminance of an sRGB colour (WCAG 2.1)."""
    c = QColor(hex_colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else float(((s + 0.055) / 1.055) ** 2.4)

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
