"""The desk in Welsh: every GUI string is in the Welsh catalogue and translated, the compiled
catalogue is the committed one, View → Language switches, and the Welsh screens show no
English left behind (nor clashing mnemonics)."""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from shortcut_walk import clashes, menu_scopes, widget_mnemonics, window_scopes

from countdesk.gui import i18n
from countdesk.gui.app import build_window
from countdesk.gui.main_window import MainWindow
from countdesk.gui.settings import Settings
from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog, ReportErrorDialog

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "translations.py"


def _tools() -> Any:
    spec = importlib.util.spec_from_file_location("translations_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _have_lupdate() -> bool:
    here = Path(sys.executable).parent
    return all((here / t).exists() or shutil.which(t) for t in ("pyside6-lupdate", "pyside6-lrelease"))


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.install("en")


# ------------------------------------------------------------------ the catalogue
@pytest.mark.skipif(not _have_lupdate(), reason="pyside6-lupdate and pyside6-lrelease come with PySide6")
def test_every_gui_string_is_in_the_welsh_catalogue_translated_and_compiled() -> None:
    """lupdate over the GUI's sources now, against the committed catalogue: a new string, or
    one left unfinished, fails here (tools/translations.py adds them; translate, then
    `tools/translations.py --release`)."""
    problems = _tools().check("cy")
    assert problems == []


def test_the_welsh_catalogue_is_over_95_percent_finished_and_ships_with_the_package() -> None:
    done, total = _tools().finished("cy")
    assert total > 400 and done / total > 0.95
    assert i18n.catalogue("cy").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"countdesk._resources" = ["**/*"]' in pyproject  # the .qm is package data
    spec = (ROOT / "installer" / "countdesk.spec").read_text(encoding="utf-8")
    assert '"resources" / "translations"' in spec  # and in the built program


def test_placeholders_and_markup_survive_translation() -> None:
    """Each Welsh message keeps its source's {placeholders}, %-specifiers and HTML tags,
    so that .format() and rich text work the same in both languages."""
    tools = _tools()
    bad = []
    for (context, source), text in tools.messages(tools.ts_path("cy")).items():
        if text is None:
            continue
        for pattern in (r"\{[a-z0-9_]*\}", r"%[vmn]", r"</?[a-z]+[^>]*>"):
            if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, text)):
                bad.append((context, source, text))
        if source.count("&") - 2 * source.count("&&") == 1 and text.count("&") != 1:
            bad.append((context, source, text))  # a mnemonic in English, one in Welsh
    assert bad == []


# ------------------------------------------------------------------ View → Language
def _window(qtbot: Any, db: Path, language: str | None) -> MainWindow:
    settings = Settings()
    settings.language = language
    window = build_window(argparse.Namespace(db=str(db), demo=False))
    qtbot.addWidget(window)
    window.show()
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_view_language_switches_to_cymraeg_at_once_and_back(qtbot: Any, demo_db: Path,
                                                            messages: list[tuple[str, str]]) -> None:
    """Choosing Cymraeg (and saying yes to switching now) opens the window again in Welsh, on
    the same store, ward and tab; English the same way back."""
    window = _window(qtbot, demo_db, None)  # never chosen: the system locale (English here)
    assert "&File" in _menu_titles(window) and _tab_titles(window)[0] == "&Result"
    menu: QMenu = window.language_menu
    choices = {a.text().replace("&", ""): a for a in menu.actions()}
    assert list(choices) == ["English", "Cymraeg"] and choices["English"].isChecked()
    window.select_ward_by_name("Nonsuch")
    nonsuch = window.current_ward_id()
    window.tabs.setCurrentIndex(1)
    from countdesk.gui.board import open_board

    assert open_board(window, lambda: window.desk) is not None  # the results board is up in the hall

    choices["Cymraeg"].trigger()  # the question "switch now?" is answered yes
    assert Settings().language == "cy"
    welsh: MainWindow = window.replaced_by
    qtbot.addWidget(welsh)
    assert not window.isVisible() and welsh.isVisible() and i18n.current() == "cy"
    assert _menu_titles(welsh)[:2] == ["&Ffeil", "&Dogfennau"]
    assert _tab_titles(welsh) == ["&Canlyniad", "Cofnodi'r cyf&rif", "D&ilysu", "&Sefydlu"]
    headers = [welsh.wards_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(welsh.wards_model.columnCount())]
    assert headers[:3] == ["Ward", "Seddi", "Statws"]
    assert welsh.current_ward_id() == nonsuch and welsh.tabs.currentIndex() == 1
    assert "Nonsuch — 3 sedd" in welsh.ward_title.text()
    assert welsh.desk is not None and not welsh.desk.read_only  # the store was released, then taken again
    assert welsh.results_board.isVisible() and welsh.results_board.windowTitle().startswith("Bwrdd")
    assert "wedi'u datgan" in welsh.results_board.describe()
    welsh_menu: QMenu = welsh.language_menu
    assert welsh_menu.title() == "&Iaith"
    english = next(a for a in welsh_menu.actions() if a.text() == "&English")
    assert not english.isChecked()

    english.trigger()
    assert Settings().language == "en"
    back: MainWindow = welsh.replaced_by
    qtbot.addWidget(back)
    assert "&File" in _menu_titles(back) and i18n.current() == "en" and back.current_ward_id() == nonsuch
    assert messages == []  # no error on the way


def test_switching_later_takes_effect_at_the_next_start(qtbot: Any, demo_db: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from countdesk.gui.dialogs import Dialogs

    monkeypatch.setattr(Dialogs, "ask", classmethod(lambda cls, p, t, x: False))  # "not now"
    window = _window(qtbot, demo_db, None)
    cymraeg = next(a for a in window.language_menu.actions() if a.text() == "&Cymraeg")
    cymraeg.trigger()
    assert Settings().language == "cy" and window.isVisible() and not hasattr(window, "replaced_by")
    assert "&File" in _menu_titles(window) and i18n.current() == "en"
    window.close()
    welsh = _window(qtbot, demo_db, Settings().language)  # countdesk started again
    assert _menu_titles(welsh)[0] == "&Ffeil" and i18n.current() == "cy"


def test_the_first_start_follows_a_welsh_system_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Welsh,
                                                                          QLocale.Country.UnitedKingdom)))
    assert i18n.system_language() == "cy"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.English,
                                                                          QLocale.Country.UnitedKingdom)))
    assert i18n.system_language() == "en"


# ------------------------------------------------------------------ no English left behind
#: shown the same in both languages: the program's name, codes and words Welsh shares
SAME = {"countdesk", "Ward", "English", "Cymraeg", "OK", "PDF"}
DATA = re.compile(r"^([A-Z]\d{3}: |[\d\s,.%:—–()+\-×/]*$|[A-Z][A-Z'’ -]+, [^:]*:$)")  # workflow codes
# (the core's, English), figures, candidates' names as labels


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible fixed text under ``root``, in widget order."""
    out: list[tuple[str, str]] = [("title", root.windowTitle())]
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        name = type(w).__name__
        if isinstance(w, QAbstractButton | QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            out += [(name + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                    for c in range(model.columnCount())]
        if w.toolTip() and not isinstance(w, QLabel):
            out.append((name + " tooltip", w.toolTip()))
    for menu in root.findChildren(QMenu):
        out += [("menu", a.text()) for a in menu.actions()]
    tabs = getattr(root, "tabs", None)
    if tabs is not None:
        out += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    return out


def _screens(window: MainWindow) -> list[tuple[str, str]]:
    """The main window on the tied ward, each tab in turn, then the ward's dialogs."""
    window.select_ward_by_name("Nonsuch")
    seen: list[tuple[str, str]] = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        seen += _texts(window)
    desk = window.desk
    assert desk is not None
    ward = desk.ward("Nonsuch")
    result = desk.result(ward.id)
    dialogs: list[QWidget] = [RecountDialog("Nonsuch", window), DeclareDialog(result, "A. Officer", window),
                              ReportErrorDialog(result, window)]
    if result.tie is not None:
        dialogs.append(LotDialog(result, window))
    for d in dialogs:
        d.show()
        seen += _texts(d)
        d.close()
    return seen


def test_the_welsh_desk_shows_no_english_left_behind(qtbot: Any, demo_db: Path, tmp_path: Path,
                                                    messages: list[tuple[str, str]]) -> None:
    """The same screens in English and in Welsh, text by text: a fixed text that reads the
    same in both is a string that missed the translation (names, figures and the core's
    coded refusals aside)."""
    english = _window(qtbot, demo_db, "en")
    before = _screens(english)
    english.close()
    copy = tmp_path / "again.db"
    shutil.copy(demo_db, copy)
    welsh = _window(qtbot, copy, "cy")
    after = _screens(welsh)
    welsh.close()
    assert [w for w, _ in before] == [w for w, _ in after]  # the same widgets, in order
    left = sorted({(where, en) for (where, en), (_, cy) in zip(before, after, strict=True)
                   if en == cy and re.search(r"[A-Za-z]{3}", en) and en.replace("&", "") not in SAME
                   and not DATA.match(en) and "countdesk" not in en.lower()})
    assert not left, "untranslated:\n" + "\n".join(f"{where}: {text!r}" for where, text in left)


def test_welsh_mnemonics_do_not_clash(qtbot: Any, demo_db: Path) -> None:
    """Each Alt+letter leads to one place in each scope, in Welsh as in English."""
    welsh = _window(qtbot, demo_db, "cy")
    welsh.select_ward_by_name("Nonsuch")
    scopes = {**window_scopes(welsh), **menu_scopes(welsh)}
    desk = welsh.desk
    assert desk is not None
    result = desk.result(desk.ward("Nonsuch").id)
    dialogs: list[QWidget] = [RecountDialog("Nonsuch", welsh), DeclareDialog(result, "A. Officer", welsh),
                              ReportErrorDialog(result, welsh)]
    if result.tie is not None:
        dialogs.append(LotDialog(result, welsh))
    for d in dialogs:
        scopes[type(d).__name__] = list(widget_mnemonics(d))
    found = {name: c for name, items in scopes.items() if (c := clashes(items))}
    assert found == {}
    assert all(scopes[type(d).__name__] for d in dialogs)  # the dialogs' letters were walked


def test_each_tr_call_has_the_context_lupdate_gives_it() -> None:
    """pyside6-lupdate files ``self.tr("…")`` under the class it is written in, but Qt looks it up
    under the class of ``self`` at run time, and ``window.tr("…")`` under "window": so ``tr`` only
    on ``self`` and only in classes nothing subclasses (else ``translate("Context", "…")``)."""
    import ast

    wrong: list[str] = []
    users: dict[str, str] = {}
    subclassed: set[str] = set()
    for path in sorted((ROOT / "countdesk" / "gui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                subclassed |= {b.id for b in node.bases if isinstance(b, ast.Name)}
                if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "tr"
                       for n in ast.walk(node)):
                    users[node.name] = path.name
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")):
                wrong.append(f"{path.name}:{node.lineno}: {ast.unparse(node.func)}(…)")
    wrong += [f"{users[c]}: {c} is subclassed but uses self.tr" for c in sorted(subclassed & set(users))]
    assert wrong == []


#: Qt calls whose string arguments the user sees (or hears), and countdesk's dialog helpers
SHOWN = {"setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName", "setTitle",
         "showMessage", "say", "addMenu", "addTab", "addRow", "addItem", "setLabelText", "QLabel",
         "QPushButton", "QAction", "QCheckBox", "QRadioButton", "QGroupBox", "error", "info", "ask",
         "get_text", "get_password", "open_file", "save_file", "choose", "choose_folder"}


#: shown as they are in either language: the languages' own names, the bilingual title of the switch
SAME_IN_BOTH = ("English", "Cymraeg", "Language / Iaith")


def test_no_gui_string_bypasses_the_translation_system() -> None:
    """A literal with words handed straight to a widget or a message box never reaches the
    catalogue: each must go through tr()/translate() (names of the program and languages aside)."""
    import ast

    def words(node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return ""

    found = []
    for path in sorted((ROOT / "countdesk" / "gui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in SHOWN:
                continue
            for arg in node.args[:1] if name == "addItem" else node.args:  # addItem(text, data)
                text = words(arg).replace("countdesk", "")
                if re.search(r"[A-Za-z]{2}", text) and text.strip(" &") not in SAME_IN_BOTH:
                    found.append(f"{path.name}:{node.lineno}: {words(arg)!r}")
    assert not found, "\n".join(found)
