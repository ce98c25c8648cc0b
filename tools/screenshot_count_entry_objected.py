"""Screenshot of the count-entry table with the row of rejections objected to (beside the
rejected heads) and the papers counted a multi-member ward must key (issue 12, items 1-2).

    QT_QPA_PLATFORM=offscreen python tools/screenshot_count_entry_objected.py
writes docs/screenshots/count-entry-objected.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COUNTDESK_HOME"] = tempfile.mkdtemp(prefix="countdesk-shots-")
    sys.path.insert(0, str(ROOT))
    from countdesk.gui.app import build_window, make_app
    from countdesk.gui.models import EntryModel

    app = make_app()
    window = build_window(argparse.Namespace(db=None, demo=True))
    window.resize(1366, 900)
    window.show()
    desk = window.desk
    assert desk is not None
    ward = desk.ward("Sutton West")
    desk.show_provisional(ward.id, by="A. N. Officer")
    desk.request_recount(ward.id, "Agent for the Conservative candidates", granted=True,
                         reason="close third seat")
    first = desk.result(ward.id, 1)
    for row in first.candidates:
        desk.save_draft(ward.id, "first", f"votes:{row.candidate.id}", str(row.votes))
    for head, n in first.rejected.items():
        if head != "total":
            desk.save_draft(ward.id, "first", f"rejected:{head}", str(n))
    desk.save_draft(ward.id, "first", "objected", "2")
    window.refresh()
    window.select_ward_by_name("Sutton West")
    window.tabs.setCurrentIndex(1)
    panel = window.entry_panel
    rows = panel.model.rows()
    papers = next(i for i, r in enumerate(rows) if r.field == "papers")
    panel.view.setCurrentIndex(panel.model.index(papers, EntryModel.VALUE))
    panel.view.scrollTo(panel.model.index(papers, EntryModel.VALUE))
    for _ in range(3):
        app.processEvents()
    out = ROOT / "docs" / "screenshots" / "count-entry-objected.png"
    window.grab().save(str(out))
    print("wrote", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
