"""The record of recounts of a ward, and the timing report of the count, as PDF bytes.

*The record of recounts* prints every round of a ward with its figures side by side
(each candidate's name and party beside every figure), then every recount request: who
asked, its type (a full recount or a re-check of named bundles), the decision, the
reason and the time. *The timing report* gives, per ward, when the first ballot box
was verified, the first count sheet keyed, the provisional result shown and the result
declared, for the Electoral Commission's post-election return and the press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core.count_records import RECOUNT_KINDS, RecountRecord, WardTimings
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.reports import bilingual
from countdesk.reports.digest import canonical_json, sha256_hex
from countdesk.reports.fonts import register_fonts
from countdesk.reports.i18n import Words
from countdesk.reports.kinds import KIND_RECOUNTS, KIND_TIMINGS
from countdesk.reports.layout import (
    BODY_W,
    RULE,
    Meta,
    Paragraph,
    ReportError,
    Styles,
    esc,
    figure,
    grid,
    poll_day,
    render,
    styles,
    uk_time,
)
from countdesk.reports.tables import party_note

RECOUNTS_FORMAT = "countdesk-recounts-digest/1"
TIMINGS_FORMAT = "countdesk-timings-digest/1"


def _time(iso: str | None, *, zone_name: bool = True, numeric: bool = False) -> str:
    """A stored UTC time as UK local time, short: '4 May 02:14 BST' (— when not yet);
    ``numeric``: '04/05 02:14 BST', the same in Welsh and English."""
    if not iso:
        return "—"
    local = uk_time(iso)
    if local is None:
        return iso
    text = f"{local:%d/%m %H:%M}" if numeric else f"{local.day} {local:%b} {local:%H:%M}"
    return f"{text} {local.tzname() or 'UTC'}" if zone_name else text


# ------------------------------------------------------------------ recounts
def recounts_digest(election: ElectionInfo, record: RecountRecord) -> str:
    payload: dict[str, Any] = {
        "format": RECOUNTS_FORMAT, "authority": election.authority, "title": election.title,
        "ward_id": record.ward_id, "ward": record.ward,
        "rounds": [{"round": r.round_number, "papers": r.ballot_papers_counted,
                    "rejected": dict(r.rejected),
                    "votes": {str(c.candidate.id): c.votes for c in r.candidates}}
                   for r in record.rounds],
        "requests": [{"round": q.round_number, "requested_by": q.requested_by, "kind": q.kind,
                      "bundles": list(q.bundles), "granted": q.granted, "reason": q.reason,
                      "decided_by": q.decided_by, "at": q.at} for q in record.requests],
    }
    return sha256_hex(canonical_json(payload))


def _rounds_table(st: Styles, record: RecountRecord, w: Words) -> Table:
    tx = w.text
    rounds = record.rounds
    n = len(rounds)
    num_w = min(26 * mm, (BODY_W * 0.5) / max(n, 1))
    name_w = BODY_W - num_w * n
    head = [Paragraph(tx("Candidate (description)"), st.head)]
    head += [Paragraph(tx("Round {n}<br/>count" if r.round_number == 1 else "Round {n}<br/>recount",
                          n=r.round_number), st.head_num)
             for r in rounds]
    rows: list[list[Any]] = [head]
    last = rounds[-1]
    for c in last.candidates:
        cand = c.candidate
        note = party_note(cand.description, cand.party)
        party = esc(cand.description or cand.party) + (f" — {esc(note)}" if note else "")
        cell = [Paragraph(f"<b>{esc(cand.surname.upper())}</b>, {esc(cand.forenames)}", st.cell),
                Paragraph(party or "&nbsp;", st.cell_small)]
        figs = []
        for r in rounds:
            row = next((x for x in r.candidates if x.candidate.id == cand.id), None)
            figs.append(Paragraph(figure(None if row is None else row.votes), st.num))
        rows.append([cell, *figs])
    rejected = [Paragraph(tx("Rejected ballot papers"), st.cell)]
    rejected += [Paragraph(figure(r.rejected.get("total") if r.rejected else None), st.num)
                 for r in rounds]
    papers = [Paragraph(tx("Ballot papers counted"), st.cell)]
    papers += [Paragraph(figure(r.ballot_papers_counted), st.num) for r in rounds]
    rows += [rejected, papers]
    t = Table(rows, colWidths=[name_w] + [num_w] * n, repeatRows=1)
    style = grid(st.pad * 0.6)
    style.append(("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE))
    t.setStyle(TableStyle(style))
    return t


def _requests_table(st: Styles, record: RecountRecord, w: Words) -> Table:
    tx = w.text
    head = [Paragraph(tx(h), st.head) for h in
            ("Round", "Asked for by", "Type", "Decision", "Reason", "Time")]
    rows: list[list[Any]] = [head]
    for q in record.requests:
        if w.bilingual:
            kind = tx(RECOUNT_KINDS.get(q.kind, q.kind))
            if q.kind == "bundles" and q.bundles:
                kind += ": " + esc(", ".join(q.bundles))
            decision = (tx(q.decision + " by {who}", who=esc(q.decided_by)) if q.decided_by
                        else tx(q.decision))
        else:
            kind = esc(q.kind_words)
            decision = q.decision + (f" by {esc(q.decided_by)}" if q.decided_by else "")
        rows.append([Paragraph(str(q.round_number), st.cell), Paragraph(esc(q.requested_by), st.cell),
                     Paragraph(kind, st.cell), Paragraph(decision, st.cell),
                     Paragraph(esc(q.reason) or "—", st.cell),
                     Paragraph(esc(_time(q.at, numeric=w.bilingual)), st.cell)])
    shares = (0.11, 0.16, 0.16, 0.21, 0.2, 0.16) if w.bilingual else (0.1, 0.18, 0.2, 0.16, 0.2, 0.16)
    widths = [BODY_W * x for x in shares]
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle(grid(st.pad * 0.6)))
    return t


def recounts_pdf(election: ElectionInfo, ward: WardInfo, record: RecountRecord) -> bytes:
    """The record of recounts of one ward: every round's figures side by side, and every
    recount request with who asked, its type, the decision, the reason and the time."""
    register_fonts()
    if record.ward_id != ward.id:
        raise ReportError(f"the record given is for {record.ward}, not for {ward.name}")
    if not record.rounds:
        raise ReportError(f"{ward.name} has no round of the count")
    st = styles(9.5, 2.5) if len(record.rounds[-1].candidates) < 12 else styles(8.5, 1.5)
    w = bilingual.words_for(election)
    tx = w.text
    story = bilingual.heading_for(st, election, w, "RECORD OF RECOUNTS",
                                  bilingual.where_for(election, ward, st, w))
    story.append(Spacer(1, 4 * mm))
    n = len(record.rounds)
    if w.bilingual:
        story.append(Paragraph(tx("The ballot papers of this ward were counted {n} time(s) "
                                  "({r} recount(s)). The figures of every round, side by side:",
                                  n=n, r=n - 1), st.body))
    else:
        story.append(Paragraph(
            f"The ballot papers of this ward were counted {'once' if n == 1 else f'{n} times'}"
            f" ({n - 1} recount{'s' if n - 1 != 1 else ''}). The figures of every round, "
            "side by side:", st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(_rounds_table(st, record, w))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(tx("Recount requests", sep=" / "), st.section))
    story.append(Spacer(1, 1.5 * mm))
    if record.requests:
        story.append(_requests_table(st, record, w))
    else:
        story.append(Paragraph(tx("No recount was asked for in this ward."), st.body))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(tx(
        "A recount opens a new round counted like the first; the figures of earlier rounds are "
        "kept. A re-check of named bundles recounts those bundles only; a full recount every "
        "ballot paper."), st.note))
    digest = recounts_digest(election, record)
    meta = Meta(KIND_RECOUNTS, f"Record of recounts — {ward.name}",
                f"Record of recounts, {ward.name}, {election.authority}; digest (SHA-256) {digest}",
                election.returning_officer or election.authority, digest, ward.id)
    return render(story, meta)


# ------------------------------------------------------------------- timings
def timings_digest(election: ElectionInfo, rows: Sequence[WardTimings]) -> str:
    payload = {"format": TIMINGS_FORMAT, "authority": election.authority,
               "title": election.title, "wards": [t.as_json() for t in rows]}
    return sha256_hex(canonical_json(payload))


def timings_pdf(election: ElectionInfo, rows: Sequence[WardTimings]) -> bytes:
    """The timing report of the count: per ward, the first ballot box verified, the first
    count sheet keyed, the provisional result shown and the declaration."""
    register_fonts()
    st = styles(9.5, 2.5) if len(rows) <= 30 else styles(8.5, 1.5)
    w = bilingual.words_for(election)
    tx = w.text
    held = (tx("held on {date}", date=bilingual.dates(w, election)) if w.bilingual
            else f"held on {esc(poll_day(election.poll_date))}")
    story: list[Flowable] = bilingual.heading_for(st, election, w, "TIMING REPORT OF THE COUNT", [
        esc(election.title), held])
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(tx(
        "When each ward reached each stage of its count, from countdesk's audit log (UK local "
        "time: GMT, or BST in summer). The provisional result is the latest shown to candidates "
        "and agents."), st.body))
    story.append(Spacer(1, 2 * mm))
    head = [Paragraph(tx(h), st.head) for h in ("Ward", "First ballot box verified",
                                                 "First count sheet keyed",
                                                 "Provisional result shown", "Declared")]
    table: list[list[Any]] = [head]
    for t in rows:
        table.append([Paragraph(esc(t.ward), st.cell)] + [
            Paragraph(esc(_time(v, zone_name=False, numeric=w.bilingual)), st.cell) for v in
            (t.first_box_at, t.first_keying_at, t.provisional_at, t.declared_at)])
    widths = [BODY_W * w for w in (0.24, 0.19, 0.19, 0.19, 0.19)]
    tab = Table(table, colWidths=widths, repeatRows=1)
    tab.setStyle(TableStyle(grid(st.pad * 0.6)))
    story.append(tab)
    declared = [t for t in rows if t.declared_at]
    story.append(Spacer(1, 3 * mm))
    if w.bilingual:
        last = (tx("Last declaration: {at}.", sep=" / ",
                   at=esc(_time(max(t.declared_at or "" for t in declared), numeric=True)))
                if declared else "")
        story.append(Paragraph(tx("{n} of {total} wards declared.", sep=" / ", n=len(declared),
                                  total=len(rows)) + ("<br/>" + last if last else ""), st.note))
    else:
        story.append(Paragraph(
            f"{len(declared)} of {len(rows)} wards declared."
            + (f" Last declaration: {esc(_time(max(t.declared_at or '' for t in declared)))}."
               if declared else ""), st.note))
    digest = timings_digest(election, rows)
    meta = Meta(KIND_TIMINGS, f"Timing report of the count — {election.authority}",
                f"Timing report of the count, {election.authority}; digest (SHA-256) {digest}",
                election.returning_officer or election.authority, digest)
    return render(story, meta)

