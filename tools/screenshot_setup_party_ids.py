"""The set-up tab with party ids, commonly used names and ballot positions
(docs/screenshots/setup-party-ids.png), offscreen, on a throw-away copy of the sample."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["COUNTDESK_HOME"] = tempfile.mkdtemp(prefix="cd-shot-")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from countdesk.app import Desk  # noqa: E402
from countdesk.app.files import import_election_file  # noqa: E402

db = Path(tempfile.mkdtemp()) / "sample.db"
import_election_file(db, ROOT / "seeds" / "sample-ties.json")
with Desk.open(db) as desk:
    w = desk.ward("old town").id
    rows = {c.surname: c.id for c in desk.candidate_rows(w)}
    ids = {"Jessop": "PP52", "Kettering": "PP52", "Lyle": "PP53", "Marchetti": "PP53",
           "Nairn": "PP90", "Oduya": "PP63", "Pickering": "ynmp-party:2"}
    order = ["Jessop", "Kettering", "Lyle", "Marchetti", "Nairn", "Pickering", "Oduya"]
    for s, cid in rows.items():
        desk.update_candidate(cid, party_id=ids[s], ballot_position=str(order.index(s) + 1))
    desk.update_candidate(rows["Kettering"], commonly_used_forenames="Jim")
    desk.update_candidate(rows["Marchetti"], commonly_used_surname="Marchetti-Brown")
from PySide6.QtWidgets import QScrollArea  # noqa: E402

from countdesk.gui.app import build_window, make_app  # noqa: E402

app = make_app()
window = build_window(argparse.Namespace(db=str(db), demo=False))
window.resize(2150, 760)
window.show()
window.select_ward_by_name("Old Town")
window.tabs.setCurrentIndex(3)
panel = window.setup_panel
for _ in range(5):
    app.processEvents()
panel.cand_view.resizeColumnsToContents()
# scroll the set-up tab down to the candidates
sa = panel.findChild(QScrollArea)
sa.verticalScrollBar().setValue(sa.verticalScrollBar().maximum())
hb = panel.cand_view.horizontalScrollBar()
hb.setValue(0)
for _ in range(5):
    app.processEvents()
window.grab().save(str(ROOT / "docs/screenshots/setup-party-ids.png"))
print("wrote", ROOT / "docs/screenshots/setup-party-ids.png")
