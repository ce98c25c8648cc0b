"""Walk every shortcut and mnemonic (&) of the desktop app, scope by scope: the main
window with each of its tabs, each menu, each dialog. Used by ``test_shortcuts.py`` (the
clash check and the table in docs/guide.md) and to print that table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)

from countdesk.gui.main_window import MainWindow

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide.md"


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' (lower case), or None."""
    m = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _inside(widget: QWidget, outside: tuple[QWidget, ...]) -> bool:
    return any(o is widget or o.isAncestorOf(widget) for o in outside)


def widget_mnemonics(root: QWidget, outside: tuple[QWidget, ...] = ()) -> Iterator[tuple[str, str]]:
    """(letter, text) of every button, buddied label and group box under ``root``."""
    for w in root.findChildren(QWidget):
        if outside and _inside(w, outside):
            continue
        if isinstance(w, QDialog) and w is not root:
            continue
        text = ""
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            text = w.text()
        elif isinstance(w, QGroupBox) and w.isCheckable():
            text = w.title()
        letter = mnemonic(text)
        if letter:
            yield letter, text.replace("&", "")


def window_scopes(window: MainWindow) -> dict[str, list[tuple[str, str]]]:
    """Each scope of the main window: always there (the menu bar, the tabs, the ward list
    and whatever sits outside the tabs), plus one tab's page."""
    always: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        letter = mnemonic(action.text())
        if letter:
            always.append((letter, action.text().replace("&", "") + " menu"))
    tabs = window.tabs
    for i in range(tabs.count()):
        letter = mnemonic(tabs.tabText(i))
        if letter:
            always.append((letter, tabs.tabText(i).replace("&", "") + " tab"))
    pages = tuple(tabs.widget(i) for i in range(tabs.count()))
    always += widget_mnemonics(window, outside=(*pages, window.menuBar()))
    scopes = {"Main window": always}
    for i, page in enumerate(pages):
        scopes[tabs.tabText(i).replace("&", "") + " tab"] = always + list(widget_mnemonics(page))
    return scopes


def menu_scopes(window: MainWindow) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}

    def walk(menu: QMenu, name: str) -> None:
        items = []
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter:
                items.append((letter, action.text().replace("&", "")))
            if action.menu() is not None:
                walk(action.menu(), f"{name} → {action.text().replace('&', '')}")
        out[name] = items

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), action.text().replace("&", "") + " menu")
    return out


def key_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) of every action and QShortcut with keys."""
    out = []
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty():
                out.append((seq.toString(QKeySequence.SequenceFormat.PortableText),
                            action.text().replace("&", "").rstrip("…")))
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            out.append((shortcut.key().toString(QKeySequence.SequenceFormat.PortableText),
                        shortcut.whatsThis() or shortcut.objectName()))
    return out


def clashes(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for letter, text in items:
        seen.setdefault(letter, []).append(text)
    return {k: v for k, v in seen.items() if len(v) > 1}


def guide_table() -> list[tuple[str, str, str]]:
    """The rows (keys, what, where) of the Keys table in docs/guide.md."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("## Keys")
    rows = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("Keys", "") and not set(cells[0]) <= set("-: "):
            rows.append((cells[0].strip("*` "), cells[1], cells[2]))
    return rows
