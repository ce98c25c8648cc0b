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
from countdesk.reports import bilingual
from countdesk.reports.digest import result_digest
from countdesk.reports.fonts import register_fonts
from countdesk.reports.i18n import Words
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
    plural,
    refuse_countermanded,
    render,
    signatory,
    styles,
    uncontested,
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
    w = bilingual.words_for(election)
    st = styles(9.5, 3) if w.bilingual else styles(10.5, 4)
    tx = w.text
    name, title = signatory(election, ward, signatory_name)
    story = bilingual.heading_for(st, election, w, "STATEMENT OF REJECTED BALLOT PAPERS",
                                  bilingual.where_for(election, ward, st, w))
    story.append(Paragraph(tx(
        "I, <b>{name}</b>, being the {title} at the above election, give notice "
        "that at the count of the votes (round {n}) the number of ballot papers "
        "rejected under each head of the rules on rejected ballot papers "
        "({rule}) was as follows:", **bilingual.who(w, name, title), n=result.round_number,
        rule=cite(election.jurisdiction, "rejected")), st.body))
    story.append(Spacer(1, 4 * mm))
    story.append(_heads_table(st, result, w))
    story.append(Spacer(1, 4 * mm))
    total = result.rejected.get("total", 0)
    objected = result.objected
    papers = (plural(total, "paper") if not w.bilingual
              else {"en": plural(total, "paper"), "cy": f"{total:,} papur"})
    story.append(Paragraph(tx(
        "Of the {papers} rejected, the rejection of <b>{objected}</b> was "
        "objected to by a candidate or counting agent (endorsed “rejection objected to”).",
        papers=papers, objected=figure(objected)), st.body))
    story.append(Spacer(1, 2 * mm))
    if result.seats > 1:
        story.append(Paragraph(tx(
            "Ballot papers rejected in part (the votes clearly given counted): <b>{n}</b>.",
            n=figure(result.rejected.get(REJECTED_IN_PART))), st.body))
    else:
        story.append(Paragraph(tx(
            "No ballot paper can be rejected in part in this ward: it elects one councillor, and a "
            "voter with one vote cannot have a paper rejected in part."), st.note))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(tx(
        "Ballot papers counted {counted} · valid ballot papers {valid} · rejected {total}.",
        counted=figure(result.ballot_papers_counted), valid=figure(result.valid_papers),
        total=figure(total)), st.note))
    story.append(Spacer(1, 10 * mm))
    story.append(KeepTogether([bilingual.signature_for(st, election, w, name=name, title=title,
                                                       at=None, image=signature_image)]))
    digest = result_digest(election, ward, result)
    meta = Meta(KIND_REJECTED, f"Statement of rejected ballot papers — {ward.name}",
                f"Statement of rejected ballot papers, {ward.name}, round {result.round_number}, "
                f"{election.authority}; result digest (SHA-256) {digest}",
                name or election.authority, digest, ward.id)
    return render(story, meta)


def _heads_table(st: Any, result: WardResult, w: Words) -> Table:
    num_w = 30 * mm
    tx = w.text
    rows: list[list[Any]] = [[Paragraph(tx("Ballot papers rejected for"), st.head),
                              Paragraph(tx("Number"), st.head_num)]]
    for head in REJECTED_HEADS:
        label = esc(REJECTED_LABELS[head]) if not w.bilingual else w("head_" + head)
        rows.append([Paragraph(label, st.cell),
                     Paragraph(figure(result.rejected.get(head)), st.num)])
    rows.append([Paragraph(tx("<b>Total rejected</b>"), st.cell),
                 Paragraph(f"<b>{figure(result.rejected.get('total'))}</b>", st.num)])
    rows.append([Paragraph(tx("of which the rejection was objected to"), st.cell),
                 Paragraph(figure(result.objected), st.num)])
    t = Table(rows, colWidths=[BODY_W - num_w, num_w])
    style = grid(st.pad)
    style.append(("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE))
    t.setStyle(TableStyle(style))
    return t
