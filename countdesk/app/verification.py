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
#: One entry of the verification: (label, kind "box" or "postal", issued, counted), or with
#: the rest of the ballot paper account: (label, kind, issued, counted, unused, spoilt, tendered).
Figure = int | str | None
BoxRow = tuple[str, str, Figure, Figure] | tuple[str, str, Figure, Figure, Figure, Figure, Figure]
#: The optional figures of the ballot paper account, in the order of a BoxRow.
ACCOUNT = ("unused", "spoilt", "tendered")


def _box_rows(store: Store, ward_id: int) -> list[VerificationBox]:
    cur = store.conn.execute(
        "SELECT id, position, label, kind, issued, counted, unused, spoilt, tendered "
        "FROM verification_boxes WHERE ward_id = ? "
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
        account_raw: tuple[object, ...] = (None, None, None)
        try:
            if isinstance(entry, VerificationBox):
                label_raw, kind_raw, issued_raw, counted_raw = (
                    entry.label, entry.kind, entry.issued, entry.counted)
                account_raw = (entry.unused, entry.spoilt, entry.tendered)
            elif len(entry) == 7:
                label_raw, kind_raw, issued_raw, counted_raw, *rest = entry
                account_raw = tuple(rest)
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
            account = {k: _optional_number(v, f"papers {k}") for k, v in zip(ACCOUNT, account_raw,
                                                                              strict=True)}
        except AppError as exc:
            problems.append(f"{where}: {exc}")
            continue
        key = fold(label)
        if key in seen:
            problems.append(f"{where}: repeats row {seen[key]}")
            continue
        seen[key] = i
        out.append({"position": i, "label": label, "kind": kind, "issued": issued,
                    "counted": counted, **account})
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
                       "issued": before.issued, "counted": before.counted,
                       "unused": before.unused, "spoilt": before.spoilt,
                       "tendered": before.tendered}
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


def record_box(store: Store, ward_id: int, label: str, *, postal: bool = False,
               issued: Figure = None, counted: Figure = None, unused: Figure = None,
               spoilt: Figure = None, tendered: Figure = None,
               actor: str | None = None) -> VerificationSummary:
    """Record one ballot box (or postal batch) of the ward's verification: its ballot paper
    account (papers issued, and optionally unused, spoilt and tendered) and the papers
    counted at verification. A box of the same label (ignoring case and accents) has its
    figures replaced; a new one is added after the others. Papers issued are required for
    a ballot box, papers counted always. Audited like the whole verification; refused for
    a declared ward."""
    w = _ward(store, ward_id)
    _require_undeclared(w, "its verification cannot change")
    name = _clean(label, "the box or station", max_len=MAX_WARD_NAME)
    kind = "postal" if postal else "box"
    if counted is None or (isinstance(counted, str) and not counted.strip()):
        raise SetupRefused(f"give the papers counted at verification for {name}")
    if kind == "box" and (issued is None or (isinstance(issued, str) and not issued.strip())):
        raise SetupRefused(f"give the papers issued (from the ballot paper account) for {name}")
    try:
        figures = [_optional_number(v, f"papers {k}") for k, v in (
            ("issued", issued), ("counted", counted), ("unused", unused), ("spoilt", spoilt),
            ("tendered", tendered))]
    except AppError as exc:
        raise SetupRefused(f"{name}: {exc}") from None
    entry: BoxRow = (name, kind, *figures)  # type: ignore[assignment]
    rows: list[BoxRow | VerificationBox] = []
    replaced = False
    for b in _box_rows(store, w.id):
        if fold(b.label) == fold(name):
            if b.kind != kind:
                raise SetupRefused(f"{b.label} is recorded as "
                                   f"{'postal papers' if b.kind == 'postal' else 'a ballot box'}; "
                                   f"{'leave out' if b.kind == 'box' else 'add'} --postal, or "
                                   "choose another name")
            rows.append(entry)
            replaced = True
        else:
            rows.append(b)
    if not replaced:
        rows.append(entry)
    return set_verification(store, w.id, rows, actor)


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
        needs_explanation=variance != 0 and not current,
        total_unused=sum(b.unused or 0 for b in boxes), total_spoilt=sum(b.spoilt or 0 for b in boxes),
        total_tendered=sum(b.tendered or 0 for b in boxes))


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

