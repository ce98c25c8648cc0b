"""The statement of rejected ballot papers of one ward (rule 47), as PDF bytes.

Each head (a)-(d) with its number, the total, how many of the rejections were objected
to (endorsed "rejection objected to", rule 47(3)) and, where a voter has more than one
vote, the papers rejected in part. Drawn up from the count's figures (the round that
stands), signed and dated like the other statements; its digest is the ward's result
digest, so ``countdesk verify --db`` checks it against the store.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core import Status, WardResult
from countdesk.core.law import cite
from countdesk.core.model import REJECTED_HEADS, REJECTED_IN_PART, REJECTED_LABELS
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.reports.digest import result_digest
from countdesk.reports.fonts import register_fonts
from countdesk.reports.kinds import KIND_REJECTED
from countdesk.reports.layout import (
    BODY_W,
    RULE,
    Meta,
    Paragraph,
    ReportError,
    SignatureImage,
    check_pair,
    esc,
    figure,
    grid,
    heading,
    plural,
    refuse_countermanded,
    render,
    signatory,
    signature_block,
    statement_name,
    styles,
    uncontested,
    where_lines,
)

#: The statuses whose figures are a complete count (the statement is drawn up from them).
_COUNTED = (Status.READY, Status.LOT_REQUIRED, Status.DECLARED)


def rejected_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                 signatory_name: str | None = None,
                 signature_image: SignatureImage | None = None) -> bytes:
    """The statement of rejected ballot papers for one ward, from its complete count."""
    register_fonts()
    check_pair(ward, result)
    refuse_countermanded(ward, result, "statement of rejected ballot papers")
    if uncontested(result):
        raise ReportError(f"{ward.name} is uncontested: there was no poll and no ballot papers "
                          "were rejected")
    if result.status not in _COUNTED:
        first = result.errors[0].message if result.errors else "the count is not complete"
        raise ReportError(f"{ward.name} has no complete count yet, so there is no statement of "
                          f"rejected ballot papers ({first})")
    st = styles(10.5, 4)
    name, title = signatory(election, ward, signatory_name)
    story = heading(st, election, "STATEMENT OF REJECTED BALLOT PAPERS", where_lines(election, ward, st))
    story.append(Paragraph(
        f"I, <b>{statement_name(name)}</b>, being the {esc(title)} at the above election, give notice "
        f"that at the count of the votes (round {result.round_number}) the number of ballot papers "
        "rejected under each head of the rules on rejected ballot papers "
        f"({cite(election.jurisdiction, 'rejected')}) was as follows:", st.body))
    story.append(Spacer(1, 4 * mm))
    story.append(_heads_table(st, result))
    story.append(Spacer(1, 4 * mm))
    total = result.rejected.get("total", 0)
    objected = result.objected
    story.append(Paragraph(
        f"Of the {plural(total, 'paper')} rejected, the rejection of <b>{figure(objected)}</b> was "
        "objected to by a candidate or counting agent (endorsed “rejection objected to”).", st.body))
    story.append(Spacer(1, 2 * mm))
    if result.seats > 1:
        story.append(Paragraph(
            f"Ballot papers rejected in part (the votes clearly given counted): "
            f"<b>{figure(result.rejected.get(REJECTED_IN_PART))}</b>.", st.body))
    else:
        story.append(Paragraph(
            "No ballot paper can be rejected in part in this ward: it elects one councillor, and a "
            "voter with one vote cannot have a paper rejected in part.", st.note))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(
        f"Ballot papers counted {figure(result.ballot_papers_counted)} · valid ballot papers "
        f"{figure(result.valid_papers)} · rejected {figure(total)}.", st.note))
    story.append(Spacer(1, 10 * mm))
    story.append(KeepTogether([signature_block(st, election, name=name, title=title, dated="",
                                               image=signature_image)]))
    digest = result_digest(election, ward, result)
    meta = Meta(KIND_REJECTED, f"Statement of rejected ballot papers — {ward.name}",
                f"Statement of rejected ballot papers, {ward.name}, round {result.round_number}, "
                f"{election.authority}; result digest (SHA-256) {digest}",
                name or election.authority, digest, ward.id)
    return render(story, meta)


def _heads_table(st: Any, result: WardResult) -> Table:
    num_w = 30 * mm
    rows: list[list[Any]] = [[Paragraph("Ballot papers rejected for", st.head),
                              Paragraph("Number", st.head_num)]]
    for head in REJECTED_HEADS:
        rows.append([Paragraph(esc(REJECTED_LABELS[head]), st.cell),
                     Paragraph(figure(result.rejected.get(head)), st.num)])
    rows.append([Paragraph("<b>Total rejected</b>", st.cell),
                 Paragraph(f"<b>{figure(result.rejected.get('total'))}</b>", st.num)])
    rows.append([Paragraph("of which the rejection was objected to", st.cell),
                 Paragraph(figure(result.objected), st.num)])
    t = Table(rows, colWidths=[BODY_W - num_w, num_w])
    style = grid(st.pad)
    style.append(("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE))
    t.setStyle(TableStyle(style))
    return t
