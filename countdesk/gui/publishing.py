"""Documents → Publish results…: the results site written into a chosen folder (a USB stick,
say) off the GUI thread, and, when chosen, again after every declaration.

The site is built and written whole by :meth:`Desk.publish_site` on a worker with its own
read-only desk (:class:`~countdesk.gui.ops.QueryOp`). The folder and the choice to publish
after every declaration are remembered in the settings. When a signing key is chosen, its
passphrase is asked once and kept in memory for this session only, so that publishing after
a declaration does not stop the count to ask again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from countdesk.app import Desk
from countdesk.app.publishing import Published
from countdesk.gui.dialogs import Dialogs
from countdesk.gui.i18n import translate
from countdesk.gui.ops import QueryOp

if TYPE_CHECKING:
    from countdesk.gui.main_window import MainWindow


def add_publish_actions(window: MainWindow, menu: QMenu) -> None:
    """*Publish results…* in the Documents menu."""
    action = QAction(translate("Publish", "P&ublish results…"), window)  # Alt+P: the provisional sheet
    action.triggered.connect(lambda _c=False: publish_dialog(window))
    menu.addAction(action)


def follow_declarations(window: MainWindow) -> None:
    """Publish again after each declaration made in this window, when that was chosen."""
    window.result_panel.declared.connect(lambda _ward_id: publish_after_declaration(window))


def remembered(window: MainWindow) -> tuple[str | None, bool]:
    """(the folder published to, publish again after every declaration)."""
    return window.settings.publish_folder, window.settings.publish_after_declaration


def remember(window: MainWindow, folder: str, after: bool) -> None:
    window.settings.publish_folder = folder
    window.settings.publish_after_declaration = after


def publish_dialog(window: MainWindow) -> QueryOp[Published] | None:
    """Ask for the folder and whether to publish again after every declaration, then publish."""
    if window.desk is None:
        return None
    chosen = Dialogs.choose_folder(window, translate("Publish", "Publish the results site into the folder"))
    if not chosen:
        return None
    after = Dialogs.ask(window, translate("Publish", "Publish results"), translate(
        "Publish", "Publish the site into this folder again after every declaration?"))
    remember(window, chosen, after)
    return publish(window, Path(chosen), ask_passphrase=True)


def publish_after_declaration(window: MainWindow) -> QueryOp[Published] | None:
    folder, after = remembered(window)
    if not (after and folder):
        return None
    return publish(window, Path(folder), ask_passphrase=False)


def publish(window: MainWindow, folder: Path, *, ask_passphrase: bool) -> QueryOp[Published] | None:
    """Publish into ``folder`` off the GUI thread; the outcome in the status bar (a refusal in a
    message box)."""
    if window.desk is None:
        return None
    key = window.settings.signing_key or None
    passphrase: str | None = getattr(window, "_publish_passphrase", None)
    if key and passphrase is None and ask_passphrase:
        passphrase = Dialogs.get_password(window, translate("Publish", "Sign the declarations"), translate(
            "Publish", "Passphrase for the signing key {name} (kept until countdesk closes, to publish "
            "after each declaration):").format(name=Path(key).name))
        window._publish_passphrase = passphrase  # type: ignore[attr-defined]
    image = window.settings.signature_image or None

    def run(d: Desk) -> Published:  # on the worker: no widget touched
        signer = None
        if key and passphrase is not None:
            from countdesk.reports.signing import load_signer  # noqa: PLC0415 - read once

            signer = load_signer(key, passphrase)
        return d.publish_site(folder, signer=signer, signature_image=image)

    def finished(done: Published) -> None:
        text = translate(
            "Publish", "Results published to {folder} ({n} of {total} wards declared{signed}).").format(
            folder=done.folder, n=done.wards_declared, total=done.wards_total,
            signed=translate("Publish", ", declarations signed") if done.signed else "")
        window.statusBar().showMessage(text, 10000)

    def failed(exc: Exception) -> None:
        Dialogs.error(window, translate("Publish", "Results not published"), str(exc) or type(exc).__name__)

    op: QueryOp[Published] = QueryOp(window, run, finished).failure(failed)
    return op.run_in_background()
