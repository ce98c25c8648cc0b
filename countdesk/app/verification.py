"""The verification of ballot papers (the ballot paper account per box, postal
papers, the verified total and the explanation of any variance)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from countdesk.app.errors import AppError
from countdesk.app.setup import (
    BOX_KINDS,
    EXPLAIN_VARIANCE,
    MAX_EXPLANATION,
    SET_VERIFICATION,
    SetupRefused,
    _clean,
    _optional_number,
    _require_undeclared,
    _ward,
)
from countdesk.core import fold
from countdesk.core.nominations import MAX_WARD_NAME
from countdesk.core.records import VerificationBox, VerificationSummary
from countdesk.store.db import Store, now

# ============================================================ verification
#: One entry of the verification: (label, kind "box" or "postal", issued, counted).
BoxRow = tuple[str, str, int | str | None, int | str | None]


def _box_rows(store: Store, ward_id: int) -> list[VerificationBox]:
    cur = store.conn.execute(
        "SELECT id, position, label, kind, issued, counted FROM verification_boxes WHERE ward_id = ? "
        "ORDER BY position, id", (ward_id,))
    return [VerificationBox(*r) for r in cur]


def _check_boxes(boxes: Sequence[BoxRow | VerificationBox]) -> list[dict[str, Any]]:
    if isinstance(boxes, str | bytes):
        raise SetupRefused("the boxes must be a list of (label, kind, issued, counted)")
    problems: list[str] = []
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(boxes, 1):
        where = f"row {i}"
        label_raw: object
        kind_raw: object
        issued_raw: object
        counted_raw: object
        try:
            if isinstance(entry, VerificationBox):
                label_raw, kind_raw, issued_raw, counted_raw = (
                    entry.label, entry.kind, entry.issued, entry.counted)
            else:
                label_raw, kind_raw, issued_raw, counted_raw = entry
        except (TypeError, ValueError):
            problems.append(f"{where}: expected (label, kind, issued, counted)")
            continue
        try:
            label = _clean(label_raw, "the box or station", max_len=MAX_WARD_NAME)
            where = f"row {i} ({label})"
            kind = str(kind_raw or "").strip().lower()
            if kind not in BOX_KINDS:
                raise SetupRefused(f"the kind must be 'box' or 'postal', not {kind_raw!r}")
            issued = _optional_number(issued_raw, "papers issued")
            counted = _optional_number(counted_raw, "papers counted")
        except AppError as exc:
            problems.append(f"{where}: {exc}")
            continue
        key = fold(label)
        if key in seen:
            problems.append(f"{where}: repeats row {seen[key]}")
            continue
        seen[key] = i
        out.append({"position": i, "label": label, "kind": kind, "issued": issued,
                    "counted": counted})
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise SetupRefused(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the "
                         f"verification: {shown}")
    return out


def set_verification(store: Store, ward_id: int, boxes: Sequence[BoxRow | VerificationBox],
                     actor: str | None = None) -> VerificationSummary:
    """Replace the ward's verification: each ballot box (or polling station) and each
    postal entry as ``(label, kind, issued, counted)`` with kind ``"box"`` or
    ``"postal"``; figures may be numbers, text such as ``"1,234"``, or None/"" when
    not known yet.

    Rows are matched to the stored ones by label (ignoring case and accents):
    changed rows are updated, new ones inserted, missing ones deleted, all in the
    audit log. The ward's ``ballot_papers_verified`` becomes the total counted
    when every entry has a counted figure, and None (unknown) otherwise or when
    the list is empty. A call that changes nothing writes nothing. Refused for a
    declared ward, and when the total counted exceeds the electorate."""
    w = _ward(store, ward_id)
    rows = _check_boxes(boxes)
    complete = bool(rows) and all(r["counted"] is not None for r in rows)
    total = sum(r["counted"] or 0 for r in rows)
    verified = total if complete else None
    if w.electorate is not None and total > w.electorate:
        raise SetupRefused(f"the papers counted ({total:,}) exceed {w.name}'s electorate "
                         f"({w.electorate:,})")
    _require_undeclared(w, "its verification cannot change")
    old = {fold(b.label): b for b in _box_rows(store, w.id)}
    plan: list[tuple[str, int | None, dict[str, Any]]] = []
    for r in rows:
        before = old.pop(fold(r["label"]), None)
        if before is None:
            plan.append(("insert", None, r))
        else:
            current = {"position": before.position, "label": before.label, "kind": before.kind,
                       "issued": before.issued, "counted": before.counted}
            diff = {k: v for k, v in r.items() if current[k] != v}
            if diff:
                plan.append(("update", before.id, diff))
    plan.extend(("delete", b.id, {}) for b in old.values())
    if not plan and w.ballot_papers_verified == verified:
        return verification(store, w.id)
    variance = sum(r["counted"] - r["issued"] for r in rows
                   if r["issued"] is not None and r["counted"] is not None)
    with store.transaction(SET_VERIFICATION, actor, w.id,
                       {"ward": w.name, "entries": len(rows), "total_counted": total,
                        "complete": complete, "variance": variance}) as ch:
        _require_undeclared(_ward(store, w.id), "its verification cannot change")
        for op, pk, _ in plan:
            if op == "delete":
                assert pk is not None
                store.delete(ch, "verification_boxes", pk)
        for op, pk, values in plan:
            if op == "update":
                assert pk is not None
                store.update(ch, "verification_boxes", pk, values)
            elif op == "insert":
                store.insert(ch, "verification_boxes", {"ward_id": w.id, **values})
        if w.ballot_papers_verified != verified:
            store.update(ch, "wards", w.id, {"ballot_papers_verified": verified})
    return verification(store, w.id)


def verification(store: Store, ward_id: int) -> VerificationSummary:
    """The ward's statement of verification, as it stands."""
    w = _ward(store, ward_id)
    boxes = tuple(_box_rows(store, w.id))
    issued = sum(b.issued for b in boxes if b.issued is not None)
    counted = sum(b.counted for b in boxes if b.counted is not None)
    postal = sum(b.counted for b in boxes if b.counted is not None and b.kind == "postal")
    variance = sum(v for v in (b.variance for b in boxes) if v is not None)
    st = store.conn.execute(
        "SELECT explanation, by, at FROM verification_statements WHERE ward_id = ? "
        "ORDER BY id DESC LIMIT 1", (w.id,)).fetchone()
    last_set, last_explained = _last_seqs(store, w.id)
    current = st is not None and last_explained > last_set
    return VerificationSummary(
        ward_id=w.id, ward=w.name, boxes=boxes, total_issued=issued, total_counted=counted,
        box_counted=counted - postal, postal_counted=postal,
        complete=bool(boxes) and all(b.counted is not None for b in boxes), variance=variance,
        ballot_papers_verified=w.ballot_papers_verified,
        explanation=st[0] if st else None, explained_by=st[1] if st else None,
        explained_at=st[2] if st else None, explanation_current=current,
        needs_explanation=variance != 0 and not current)


def _last_seqs(store: Store, ward_id: int) -> tuple[int, int]:
    """Audit sequence numbers of the last change of the boxes and the last explanation."""
    row = store.conn.execute(
        "SELECT COALESCE(MAX(CASE WHEN action = ? THEN seq END), 0), "
        "       COALESCE(MAX(CASE WHEN action = ? THEN seq END), 0) "
        "FROM audit WHERE ward_id = ?", (SET_VERIFICATION, EXPLAIN_VARIANCE, ward_id)).fetchone()
    return int(row[0]), int(row[1])


def _explanation(text: object) -> str:
    if not isinstance(text, str):
        raise SetupRefused("the explanation must be text")
    lines = [_clean(line, "the explanation", required=False, max_len=MAX_EXPLANATION)
             for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    if not out.strip():
        raise SetupRefused("the explanation is empty")
    if len(out) > MAX_EXPLANATION:
        raise SetupRefused(f"the explanation is {len(out):,} characters long; the limit is "
                         f"{MAX_EXPLANATION:,}")
    return out


def explain_variance(store: Store, ward_id: int, explanation: str,
                     by: str | None = None) -> VerificationSummary:
    """Record the explanation of the verification's variance (appended; earlier ones
    stay in the record). Several lines are allowed. Refused for a declared ward and
    for a ward with no verification entries yet."""
    w = _ward(store, ward_id)
    text = _explanation(explanation)
    by_t = _clean(by, "the name of who explains", required=False) or None
    with store.transaction(EXPLAIN_VARIANCE, by_t, w.id, {"ward": w.name}) as ch:
        _require_undeclared(w, "its verification cannot change")
        if not _box_rows(store, w.id):
            raise SetupRefused(f"{w.name} has no ballot boxes or postal papers recorded yet; "
                             "enter the verification first")
        store.insert(ch, "verification_statements", {
            "ward_id": w.id, "explanation": text, "by": by_t, "at": now()})
    return verification(store, w.id)

