"""No shortcut clashes (issue 16, finding 5): every mnemonic (&) in the main window with
each tab, in each menu and in each dialog, and every key shortcut, is unique in its scope;
and the Keys table in docs/guide.md is the one list of them, matching the code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from shortcut_walk import (
    clashes,
    guide_table,
    key_shortcuts,
    menu_scopes,
    widget_mnemonics,
    window_scopes,
)

from countdesk.gui.dialogs import Dialogs
from countdesk.gui.main_window import MainWindow
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog, ReportErrorDialog


def dialog_scopes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[str, str]]]:
    """Every dialog the desk shows, built on the demo (each run is cancelled at once)."""
    assert window.desk is not None
    desk = window.desk
    shown: list[Any] = []
    monkeypatch.setattr(Dialogs, "run", classmethod(lambda cls, d: shown.append(d) or False))
    nonsuch = desk.result("Nonsuch")
    shown += [LotDialog(nonsuch, window), RecountDialog("Nonsuch", window),
              DeclareDialog(desk.result("Belmont"), "Pat Example", window),
              ReportErrorDialog(desk.result("Belmont"), window)]
    from countdesk.gui.documents import PdfPreview

    shown.append(PdfPreview("Provisional result", b"%PDF-1.4\n", "x.pdf", "", window))  # its buttons
    try:  # who is at the desk: the name dialogs (issue 16, items 4 and 14)
        from countdesk.gui import people
    except ImportError:  # pragma: no cover - before the names landed
        people = None
    if people is not None:
        window.select_ward_by_name("Nonsuch")
        window.tabs.setCurrentIndex(1)
        panel = window.entry_panel
        people.start_keying(panel, "first")
        people.ask_supervisor(panel, nonsuch_id(window), "Accept?")
        warnings = desk.result("Belmont").warnings or nonsuch.warnings
        if warnings:
            people.ask_acknowledgement(window.result_panel, nonsuch_id(window), warnings)
    out: dict[str, list[tuple[str, str]]] = {}
    for dialog in shown:
        name = dialog.windowTitle().split(" — ")[0] or type(dialog).__name__
        while name in out:
            name += "'"
        out[name] = list(widget_mnemonics(dialog))
    return out


def start_scope(window: MainWindow, store: Path) -> list[tuple[str, str]]:
    """The start screen with every choice it can offer (a last store, a demo copy)."""
    from countdesk.gui.settings import Settings
    from countdesk.gui.start import StartScreen, demo_copy

    demo_copy().parent.mkdir(parents=True, exist_ok=True)
    demo_copy().write_bytes(store.read_bytes())
    Settings().last_store = str(store)
    window.settings.last_store = str(store)
    return list(widget_mnemonics(StartScreen(window)))


def nonsuch_id(window: MainWindow) -> int:
    assert window.desk is not None
    return window.desk.ward("Nonsuch").id


def test_no_mnemonic_or_shortcut_clashes_in_any_scope(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    scopes = {**window_scopes(window), **menu_scopes(window), **dialog_scopes(window, monkeypatch)}
    assert len(scopes) >= 15
    found = {name: clashes(items) for name, items in scopes.items() if clashes(items)}
    assert found == {}
    keys = [k for k, _ in key_shortcuts(window)]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    # the buttons named in the issue have their own keys, seen from the whole window
    result = dict(scopes["Result tab"])
    assert result["q"].startswith("Recount") and result["c"].startswith("Declare")
    assert result["w"].startswith("Acknowledge") and result["r"] == "Result tab"
    entry = dict(scopes["Count entry tab"])
    assert entry["u"].startswith("Supervisor") and entry["o"].startswith("Supervisor")
    assert entry["n"].startswith("Finish") and entry["f"] == "File menu"


def test_no_mnemonic_clashes_on_the_start_screen(qtbot: Any, demo_db: Path) -> None:
    import argparse

    from countdesk.gui.app import build_window
    from countdesk.gui.start import demo_copy

    demo_copy().parent.mkdir(parents=True, exist_ok=True)
    demo_copy().write_bytes(demo_db.read_bytes())  # a demo copy worked on: offered again
    window = build_window(argparse.Namespace(db=None, demo=False))
    qtbot.addWidget(window)
    assert window.desk is None
    menus = [item for item in window_scopes_menu_bar(window)]
    items = menus + list(widget_mnemonics(window.start))
    assert len(items) >= 9
    assert clashes(items) == {}


def window_scopes_menu_bar(window: MainWindow) -> list[tuple[str, str]]:
    from shortcut_walk import mnemonic

    return [(mnemonic(a.text()) or "", a.text()) for a in window.menuBar().actions() if mnemonic(a.text())]


def test_the_keys_table_in_the_guide_matches_the_code(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch, open_window: Callable[[Path], MainWindow],
        demo_db: Path) -> None:
    window = open_window(demo_db)
    window.select_ward_by_name("Nonsuch")
    table = guide_table()
    listed = {(keys, where) for keys, _what, where in table}
    # every Alt key of the window, its tabs and its dialogs is in the table, where it works
    in_code = set()
    tabs = window_scopes(window)
    always = {letter for letter, _ in tabs["Main window"]}
    for name, items in {**tabs, **dialog_scopes(window, monkeypatch),
                        "Start screen": start_scope(window, demo_db)}.items():
        for letter, _text in items:
            if name in tabs and name != "Main window" and letter in always:
                continue  # listed once, for the whole window
            in_code.add((f"Alt+{letter.upper()}", name))
    missing = sorted(in_code - listed)
    assert missing == [], "add these to the Keys table of docs/guide.md"
    alt_rows = {(k, w) for k, w in listed if k.startswith("Alt+") and len(k) == 5}
    stale = sorted(alt_rows - in_code)
    assert stale == [], "these rows of the Keys table are not in the code"
    # every key shortcut of a menu is in the table too, and no listed one is gone
    shortcuts = {k for k, _ in key_shortcuts(window)}
    listed_keys = {k for k, _ in listed}
    assert sorted(shortcuts - listed_keys) == []
    ctrl_rows = {k for k, w in listed if k.startswith("Ctrl+") and w == "Main window"}
    assert sorted(ctrl_rows - shortcuts) == []
