"""Make docs/screenshots/results-board.png: the results board on the demo, offscreen.

    python tools/board_screenshot.py [--wards N] [--out FILE] [--size 1920x1080]

Works on a throw-away copy of the demo election: the Nonsuch lot is drawn
(McDermott-Hill wins), then the first N wards (default 16, the declaration
that decides control) are declared in ward order.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wards", type=int, default=16)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "results-board.png"))
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COUNTDESK_HOME"] = tempfile.mkdtemp(prefix="countdesk-board-")
    sys.path.insert(0, str(ROOT))
    from countdesk.gui.app import make_app
    from countdesk.gui.board import ResultsBoard
    from countdesk.store import Store
    from countdesk.store.importer import import_into

    app = make_app()
    db = Path(os.environ["COUNTDESK_HOME"]) / "demo.db"
    import_into(db, ROOT / "seeds" / "demo-sutton-2018.json", actor="screenshot")
    store = Store.open(db)
    for w in store.wards()[:args.wards]:
        r = store.result(w.id)
        if r.tie is not None:
            winner = next(c for c in r.tie.candidate_ids if r.row(c).candidate.surname == "McDermott-Hill")
            store.record_lot(w.id, winner, "coin toss")
        for warning in store.result(w.id).unacknowledged:
            store.acknowledge(w.id, warning.code, by="RO", explanation="checked")
        store.declare(w.id, by="A. N. Officer")
    board = ResultsBoard(lambda: store)
    width, height = (int(x) for x in args.size.split("x"))
    board.resize(width, height)
    board.show()
    for _ in range(3):
        app.processEvents()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    board.grab().save(args.out)
    print("wrote", args.out)
    board.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
