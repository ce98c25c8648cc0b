"""Make screenshots of each main screen into docs/screenshots/ (offscreen, no display needed).

    python tools/screenshots.py [--out DIR]

Works on a throw-away copy of the demo election in a temporary COUNTDESK_HOME, through the
Desk (the one API over a store), as the desktop app does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"the folder to write to (default {OUT})")
    parser.add_argument("--screen", action="store_true",
                        help="grab the whole screen as the user sees it (run in an X display at "
                             "1366x768 with a window manager, e.g. Xvfb and openbox), each window "
                             "at the size the program gives it")
    args = parser.parse_args(argv)
    out, screen = args.out, args.screen
    if not screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COUNTDESK_HOME"] = tempfile.mkdtemp(prefix="countdesk-shots-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from countdesk.core import REJECTED_FIELDS
    from countdesk.gui.app import build_window, make_app
    from countdesk.gui.models import EntryModel
    from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog

    out.mkdir(parents=True, exist_ok=True)
    app = make_app()

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        if screen:  # the screen as seen: the window, any dialog over it, nothing cut off
            import time

            widget.raise_()
            widget.activateWindow()
            end = time.monotonic() + 0.8
            while time.monotonic() < end:  # placed by the window manager, painted
                app.processEvents()
                time.sleep(0.02)
            app.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
        else:
            widget.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    from countdesk.gui.dialogs import Dialogs

    def capture(name: str, press: Callable[[], object]) -> None:
        """Press a button that opens a dialog: the dialog as it opens, then cancelled."""
        saved = Dialogs.run

        def run(_cls: type, dialog: QWidget) -> bool:
            dialog.show()
            shot(dialog, name)
            dialog.close()
            return False

        Dialogs.run = classmethod(run)  # type: ignore[method-assign, assignment]
        try:
            press()
        finally:
            Dialogs.run = saved  # type: ignore[method-assign]

    start = build_window(argparse.Namespace(db=None, demo=False))
    if not screen:
        start.resize(1366, 768)
    start.show()
    shot(start, "start")
    start.close()

    window = build_window(argparse.Namespace(db=None, demo=True))
    if not screen:  # on a screen: the size the program chooses for it
        window.resize(1366, 800)
    window.show()
    store = window.desk  # the Desk: every operation the desktop app runs
    assert store is not None
    window.select_ward_by_name("Nonsuch")
    shot(window, "overview-nonsuch-tie")

    # Belmont: before the provisional result (why Declare is greyed out), the sheet shown to
    # candidates and agents, and after it
    import time

    from PySide6.QtWidgets import QToolTip

    from countdesk.gui.documents import PdfPreview

    def settle(seconds: float) -> None:  # QPdfView renders pages on its own threads
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.05)

    window.select_ward_by_name("Belmont")
    shot(window, "result-before-provisional")
    declare_button = window.result_panel.declare
    QToolTip.showText(declare_button.mapToGlobal(declare_button.rect().center()),
                      declare_button.toolTip(), declare_button)
    settle(0.5)
    shot(window, "declare-disabled-reason")
    QToolTip.hideText()
    belmont = store.ward("Belmont").id
    sheet = PdfPreview("Provisional result — Belmont", store.provisional_sheet(belmont),
                       "provisional-belmont.pdf", "Show this to the candidates and agents: they may ask "
                       "for a recount before anything is declared.", window)
    sheet.show()
    settle(2)
    shot(sheet, "provisional-sheet-preview")
    sheet.close()
    store.show_provisional(belmont, by="A. N. Officer")
    window.refresh()
    window.select_ward_by_name("Belmont")
    shot(window, "result-after-provisional")
    window.select_ward_by_name("Nonsuch")

    r = window.result_panel.result
    assert r is not None
    lot = LotDialog(r, window)
    lot.witnesses.setPlainText("Agent for Samantha Bourne\nAgent for James McDermott-Hill")
    lot.group.buttons()[1].setChecked(True)
    lot.show()
    shot(lot, "record-lot")
    lot.close()

    assert r.tie is not None
    store.show_provisional(store.ward("Nonsuch").id, by="A. N. Officer")  # before the lot (rule 46(2))
    store.record_lot(store.ward("Nonsuch").id, r.tie.candidate_ids[1], "Tossing a coin",
                     ["Agent for Samantha Bourne"])
    window.refresh()
    window.select_ward_by_name("Nonsuch")
    capture("acknowledge-warning", window.result_panel.acknowledge.click)  # who, and why
    store.acknowledge(store.ward("Nonsuch").id, "W002", by="RO", explanation="checked")
    window.refresh()
    window.select_ward_by_name("Nonsuch")
    shot(window, "result-after-lot")
    declare = DeclareDialog(window.result_panel.result, "A. N. Officer", window)  # type: ignore[arg-type]
    declare.show()
    shot(declare, "declare-read-back")
    declare.close()

    # A recount request: a re-check of named bundles, refused with its reason
    recount = RecountDialog("Sutton West", window)
    recount.requested_by.setText("Agent for the Conservative candidates")
    recount.bundles_kind.setChecked(True)
    recount.bundles.setText("SW1 bundle 4, Postal bundle 12")
    recount.refused.setChecked(True)
    recount.reason.setText("The bundles were counted twice in the agents' sight")
    recount.decided_by.setText("A. N. Officer")
    recount.show()
    shot(recount, "recount-dialog")
    recount.close()

    # Key a recount of Sutton West twice, with one difference
    ward = store.ward("Sutton West")
    store.show_provisional(ward.id, by="A. N. Officer")
    store.request_recount(ward.id, "Agent for the Conservative candidates", granted=True,
                          reason="close third seat")
    cands = store.result(ward.id, 1).candidates
    for i, row in enumerate(cands):
        store.save_draft(ward.id, "first", f"votes:{row.candidate.id}", str(row.votes))
        if i == 4:
            break
    window.refresh()
    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(1)
    window.entry_panel.view.setCurrentIndex(window.entry_panel.model.index(5, EntryModel.VALUE))
    shot(window, "count-entry-first-keying")
    capture("start-keying-name", window.entry_panel.start.click)  # the keyer's name, first
    for row in cands[5:]:
        store.save_draft(ward.id, "first", f"votes:{row.candidate.id}", str(row.votes),
                         operator="Operator One")
    papers = store.result(ward.id, 1).ballot_papers_counted  # a multi-member ward's sheets carry it
    store.save_draft(ward.id, "first", "papers", str(papers), operator="Operator One")
    keyers = {"first": "Operator One", "second": "Operator Two"}

    def zeros(slot: str) -> None:  # zeros are typed, never assumed
        for field in [f"rejected:{head}" for head in REJECTED_FIELDS] + ["objected"]:
            store.save_draft(ward.id, slot, field, "0", operator=keyers[slot])

    zeros("first")
    store.finish_keying(ward.id, "first", operator="Operator One")
    zeros("second")
    for i, row in enumerate(cands):
        v = row.votes if i != 2 else (row.votes or 0) + 100
        store.save_draft(ward.id, "second", f"votes:{row.candidate.id}", str(v), operator="Operator Two")
    store.save_draft(ward.id, "second", "papers", str(papers), operator="Operator Two")
    store.finish_keying(ward.id, "second", operator="Operator Two")
    window.refresh()
    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(1)
    shot(window, "count-entry-keyings-differ")
    capture("accept-keying-supervisor", window.entry_panel.accept_first.click)
    capture("key-differing-fields-again", window.entry_panel.third.click)

    # Verification of Sutton West with one box out by two papers, and the set-up tab
    store.set_verification(ward.id, [
        ("Station SW1 (Christ Church hall)", "box", 1204, 1202, 396, 3, 1),
        ("Station SW2 (Robin Hood school)", "box", 987, 987, 513, 1, None),
        ("Postal opening 1", "postal", None, 900, None, None, None)])
    window.refresh()
    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(2)
    shot(window, "verification")
    shot(window, "verification-tab-boxes")
    window.select_ward_by_name("Nonsuch")
    window.tabs.setCurrentIndex(3)
    shot(window, "setup")

    # Declare Nonsuch and preview its sheet
    store.declare(store.ward("Nonsuch").id, by="A. N. Officer")
    data = store.declaration_bytes("Nonsuch")
    preview = PdfPreview("Declaration of result of poll — Nonsuch", data, "declaration-nonsuch.pdf",
                         "Not signed: choose a signing key in the Documents menu to sign declarations.",
                         window)
    if not screen:
        preview.resize(820, 1000)
    preview.show()
    end = time.monotonic() + 3
    while time.monotonic() < end:  # QPdfView renders pages on its own threads
        app.processEvents()
        time.sleep(0.05)
    shot(preview, "declaration-preview")
    preview.close()
    window.refresh()
    window.select_ward_by_name("Nonsuch")
    window.tabs.setCurrentIndex(0)
    capture("report-error-dialog", window.result_panel.report.click)

    # closing with a figure typed but not entered asks first (the box as it opens)
    from PySide6.QtWidgets import QMessageBox

    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(1)

    def ask(box: QMessageBox) -> int:
        box.show()
        shot(box, "close-with-figure-typed")
        box.close()
        return int(QMessageBox.StandardButton.Cancel)

    from countdesk.gui import start as start_module

    saved_exec = QMessageBox.exec
    QMessageBox.exec = ask  # type: ignore[method-assign, assignment]
    try:
        start_module.ask_save(window, "A figure is typed but not entered",
                              "“1,204” is typed for BOWEN, Sarah but not entered. Save it before closing?")
    finally:
        QMessageBox.exec = saved_exec  # type: ignore[method-assign]

    window.large_action.setChecked(True)
    window.contrast_action.setChecked(True)
    window.select_ward_by_name("Nonsuch")
    window.tabs.setCurrentIndex(0)
    shot(window, "large-type-high-contrast")
    window.large_action.setChecked(False)
    window.contrast_action.setChecked(False)
    window.close()

    # the next start: the demo copy worked on is offered again, with where it is
    again = build_window(argparse.Namespace(db=None, demo=False))
    again.show()
    shot(again, "start-reopen-demo-copy")
    again.close()
    _ = QApplication, QDialog
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
