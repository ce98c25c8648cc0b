"""The desk's language: Qt's translation system over the catalogues in ``resources/translations``.

Every user-visible string of the desktop app goes through Qt's translation system:
``self.tr("…")`` in a class that is never subclassed, else ``translate("Context", "…")``,
and ``QT_TRANSLATE_NOOP("Context", "…")`` for words kept in tables and translated when
shown. ``pyside6-lupdate`` extracts them into ``resources/translations/countdesk_cy.ts``;
``pyside6-lrelease`` compiles that into the ``.qm`` loaded here (``tools/translations.py``
does both; ``resources/README.md`` says how).

What the application layer and the core say (refusals, validation messages, rule
citations) is not translated here: the command line stays English, and so do those
sentences. Names, parties and descriptions are shown as entered.

The language is chosen in *View → Language* and kept in the settings; the first time,
it follows the system's locale (Welsh: Cymraeg). Switching asks whether to open the window again
in the new language now (same store, ward and tab; the old window closes as on quitting, so a
typed figure is saved or kept) or from the next start: a window half in one language and half in
the other would be worse than either.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup

from countdesk.resources import resource_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from countdesk.gui.main_window import MainWindow

    def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
        """Marks ``text`` for pyside6-lupdate and returns it untranslated (typed: PySide6's
        stub says ``object``)."""
        ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

#: code → the language's own name (as shown in the menu)
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
DEFAULT = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``; ``pyside6-lupdate`` finds every ``translate("Ctx", "…")``."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> Path:
    return resource_dir() / "translations"


def catalogue(language: str) -> Path:
    """The compiled catalogue (``.qm``) of a language."""
    return translations_dir() / f"countdesk_{language}.qm"


def system_language() -> str:
    """The system locale's language if the desk speaks it (Welsh → ``cy``), else English."""
    return "cy" if QLocale.system().language() == QLocale.Language.Welsh else DEFAULT


def known(language: str | None) -> str:
    return language if language in LANGUAGES else DEFAULT


_installed: list[QTranslator] = []
_language = [DEFAULT]  # the language installed now


def install(language: str) -> bool:
    """Make ``language`` the desk's language from now on (new widgets take it). True when
    its catalogue was loaded (English needs none)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    language = known(language)
    _language[0] = DEFAULT
    if language == DEFAULT:
        return True
    translator = QTranslator(app)
    if not translator.load(str(catalogue(language))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    _language[0] = language
    return True


def current() -> str:
    """The language now installed."""
    return _language[0]


# Qt's own words on standard buttons (Qt ships no Welsh catalogue of its own): the contexts
# and sources are Qt's, so that the one countdesk catalogue translates them too.
QT_WORDS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QFileDialog", "Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Save"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Choose"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory:"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
)


#: what switching asks, in both languages (the new one first)
SWITCH_NOW = {
    "en": "Switch to English now? The window opens again on the same ward and tab; nothing is lost.\n"
          "(No: countdesk will be in English the next time it starts.)\n\n"
          "Newid i'r Saesneg nawr? Bydd y ffenestr yn agor eto ar yr un ward a'r un tab; ni chollir dim.\n"
          "(Na: bydd countdesk yn Saesneg y tro nesaf y bydd yn dechrau.)",
    "cy": "Newid i'r Gymraeg nawr? Bydd y ffenestr yn agor eto ar yr un ward a'r un tab; ni chollir dim.\n"
          "(Na: bydd countdesk yn Gymraeg y tro nesaf y bydd yn dechrau.)\n\n"
          "Switch to Welsh now? The window opens again on the same ward and tab; nothing is lost.\n"
          "(No: countdesk will be in Welsh the next time it starts.)",
}


def add_language_menu(window: MainWindow, view: QMenu) -> QMenu:
    """*View → Language*: English, Cymraeg (each in its own language), the choice kept in the
    settings; the window can open again in it at once."""
    menu = view.addMenu(translate("MainWindow", "Lan&guage"))
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = known(window.settings.language or system_language())
    for code, name in LANGUAGES.items():
        action = QAction("&" + name, menu, checkable=True)
        action.setChecked(code == chosen)
        action.setData(code)
        action.triggered.connect(lambda _c=False, c=code: choose(window, c))
        group.addAction(action)
        menu.addAction(action)
    window.language_menu = menu  # type: ignore[attr-defined]
    return menu


def choose(window: MainWindow, code: str) -> MainWindow | None:
    """Keep ``code`` as the desk's language and, if the user agrees, open the window again in
    it now (the new window, or None: from the next start)."""
    from countdesk.gui.dialogs import Dialogs  # noqa: PLC0415

    window.settings.language = code
    if code == current() or not Dialogs.ask(window, "Language / Iaith", SWITCH_NOW[code]):
        return None
    return reopen(window, code)


def reopen(window: MainWindow, code: str) -> MainWindow | None:
    """The main window again, in ``code``, on the same store, ward and tab: the old one closes
    as on quitting (a typed figure is saved, discarded or kept, and its store is released first),
    then the new one opens the store. None if the user went back to the typed figure."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from countdesk.gui.main_window import MainWindow  # noqa: PLC0415 - it imports this module

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    path = window.desk.path if window.desk is not None else None
    ward, tab, geometry = window.current_ward_id(), window.tabs.currentIndex(), window.saveGeometry()
    operator = window.operator_edit.text()
    keyers = dict(getattr(window.entry_panel, "keyers", {}))  # who is keying which sheet
    board = getattr(window, "results_board", None)  # the results board on the hall's screen
    on_screen = (board.screen(), board.isFullScreen()) if board is not None and board.isVisible() else None
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the old window closes before the new one shows
    try:
        if not window.close():
            return None
        install(code)
        new = MainWindow(window.settings)
        new.restoreGeometry(geometry)
        new.operator_edit.setText(operator)
        if hasattr(new.entry_panel, "keyers"):
            new.entry_panel.keyers.update(keyers)
        if hasattr(window, "_publish_passphrase"):  # kept until countdesk closes (publishing.py)
            new._publish_passphrase = window._publish_passphrase  # type: ignore[attr-defined]
        new.show()
        if path is not None and new.open_store(path):
            if ward is not None:
                new.select_ward(ward)
            new.tabs.setCurrentIndex(tab)
        if on_screen is not None:
            from countdesk.gui.board import ResultsBoard  # noqa: PLC0415

            new.results_board = ResultsBoard(lambda: new.desk, new)  # type: ignore[attr-defined]
            new.results_board.show_on(*on_screen)  # type: ignore[attr-defined]
    finally:
        app.setQuitOnLastWindowClosed(quits)
    window.replaced_by = new  # type: ignore[attr-defined]
    return new
