"""Screenshots of the main screens with the desk in Welsh (Cymraeg) into docs/screenshots/cy-*.png.

    Xvfb :12 -screen 0 1366x768x24 &  DISPLAY=:12 openbox &
    DISPLAY=:12 python tools/screenshots_cy.py --screen

Without --screen it draws offscreen (each window at 1366×768). Works on a throw-away copy of
the demo election in a temporary COUNTDESK_HOME whose settings choose Cymraeg.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--screen", action="store_true", help="grab the screen (an X display at 1366x768)")
    parser.add_argument("--language", default="cy", help="cy (default), or en to compare")
    args = parser.parse_args(argv)
    out, screen = args.out, args.screen
    if not screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COUNTDESK_HOME"] = tempfile.mkdtemp(prefix="countdesk-shots-cy-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QWidget

    from countdesk.gui.app import build_window, make_app
    from countdesk.gui.models import EntryModel
    from countdesk.gui.settings import Settings
    from countdesk.gui.ward_dialogs import DeclareDialog, LotDialog, RecountDialog

    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    Settings().language = args.language
    prefix = f"{args.language}-"

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        if screen:
            widget.raise_()
            widget.activateWindow()
            end = time.monotonic() + 0.8
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)
            app.primaryScreen().grabWindow(0).save(str(out / f"{prefix}{name}.png"))
        else:
            widget.grab().save(str(out / f"{prefix}{name}.png"))
        print("wrote", out / f"{prefix}{name}.png")

    start = build_window(argparse.Namespace(db=None, demo=False))
    start.show()
    shot(start, "start")
    start.close()

    window = build_window(argparse.Namespace(db=None, demo=True))
    window.show()
    desk = window.desk
    assert desk is not None
    window.select_ward_by_name("Nonsuch")
    shot(window, "overview")

    r = window.result_panel.result
    assert r is not None and r.tie is not None
    lot = LotDialog(r, window)
    lot.witnesses.setPlainText("Asiant Samantha Bourne\nAsiant James McDermott-Hill")
    lot.group.buttons()[1].setChecked(True)
    lot.show()
    shot(lot, "record-lot")
    lot.close()

    nonsuch = desk.ward("Nonsuch").id
    desk.show_provisional(nonsuch, by="A. N. Officer")
    desk.record_lot(nonsuch, r.tie.candidate_ids[1], "Taflu ceiniog", ["Asiant Samantha Bourne"])
    desk.acknowledge(nonsuch, "W002", by="RO", explanation="wedi'i wirio")
    window.refresh()
    window.select_ward_by_name("Nonsuch")
    shot(window, "result")
    result = window.result_panel.result
    assert result is not None
    declare = DeclareDialog(result, "A. N. Officer", window)
    declare.show()
    shot(declare, "declare-read-back")
    declare.close()

    recount = RecountDialog("Sutton West", window)
    recount.requested_by.setText("Asiant yr ymgeiswyr Ceidwadol")
    recount.show()
    shot(recount, "recount-dialog")
    recount.close()

    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(1)
    window.entry_panel.view.setCurrentIndex(window.entry_panel.model.index(0, EntryModel.VALUE))
    shot(window, "count-entry")
    window.tabs.setCurrentIndex(2)
    shot(window, "verification")
    window.tabs.setCurrentIndex(3)
    shot(window, "setup")
    window.tabs.setCurrentIndex(0)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
