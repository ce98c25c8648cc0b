"""The election's notice of result and a ward's statement of the verification, as PDF bytes.

- :func:`notice_pdf`: the public notice of the result of the election (rule 50),
  every ward in order; wards not yet declared are listed as such, a
  countermanded poll with its reason and no figures.
- :func:`verification_pdf`: the statement of the result of the verification.

Built with :mod:`countdesk.reports.layout` and :mod:`countdesk.reports.tables`,
from the core's results and the records only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core import WardResult, fold
from countdesk.core.law import cite
from countdesk.core.model import REJECTED_HEADS, REJECTED_IN_PART, REJECTED_LABELS
from countdesk.core.records import ElectionInfo, VerificationSummary, WardInfo
from countdesk.reports import bilingual
from countdesk.reports.digest import notice_digest, verification_digest
from countdesk.reports.fonts import BOLD, register_fonts
from countdesk.reports.i18n import Words
from countdesk.reports.kinds import KIND_NOTICE, KIND_VERIFICATION
from countdesk.reports.layout import (
    BODY_W,
    RULE,
    Meta,
    Paragraph,
    ReportError,
    SignatureImage,
    Styles,
    check_pair,
    countermand_text,
    countermanded,
    declared_time,
    esc,
    figure,
    grid,
    heading,
    plural,
    poll_day,
    refuse_countermanded,
    render,
    signatory,
    signature_block,
    statement_name,
    styles,
    uncontested,
)
from countdesk.reports.tables import lot_lines, result_table, unfilled_sentence, unopposed_table


# ------------------------------------------------------------------ notice
def notice_pdf(election: ElectionInfo, entries: Sequence[tuple[WardInfo, WardResult]], *,
               signatory_name: str | None = None,
               signature_image: SignatureImage | None = None) -> bytes:
    """The public notice of the result of the election: every ward, in order.

    Wards not yet declared are listed as such, never with their figures. A ward
    whose poll was countermanded says so, with the reason, and that no result is
    declared. A ward with seats left unfilled (fewer candidates than seats) says
    how many, and that they will be filled at a further election.
    """
    register_fonts()
    if not entries:
        raise ReportError("the election has no wards")
    for w, r in entries:
        check_pair(w, r)
    st = styles(9, 2)
    name = (signatory_name or election.returning_officer or "").strip() or None
    title = "Returning Officer"
    if name and election.returning_officer and fold(name) != fold(election.returning_officer):
        title = "Deputy Returning Officer"
    if bilingual.applies(election):
        story = bilingual.notice_story(election, entries, st, bilingual.words_for(election), name=name,
                                       title=title, image=signature_image)
        digest = notice_digest(election, entries)
        meta = Meta(KIND_NOTICE, f"Notice of election result — {election.authority}",
                    f"Notice of election result, {election.title}, {election.authority}; "
                    f"digest (SHA-256) {digest}", name or election.authority, digest)
        return render(story, meta)
    story = heading(st, election, "NOTICE OF ELECTION RESULT", [
        esc(election.title), f"held on {esc(poll_day(election.poll_date))}"])
    story.append(Paragraph(
        f"I, <b>{statement_name(name)}</b>, being the {title} at the above election, give notice "
        "that the number of votes recorded for each candidate in each ward, and the candidates "
        "elected, were as follows.", st.body))
    story.append(Spacer(1, 3 * mm))
    seats_won: dict[str, int] = {}
    pending: list[str] = []
    abandoned: list[str] = []
    for ward, result in entries:
        block = _notice_ward(st, ward, result)
        story.append(KeepTogether(block))
        story.append(Spacer(1, 4 * mm))
        if ward.declared_at:
            for cid in result.elected:
                party = result.row(cid).candidate.party or "Independent"
                seats_won[party] = seats_won.get(party, 0) + 1
        elif countermanded(ward, result):
            abandoned.append(ward.name)
        else:
            pending.append(ward.name)
    if seats_won:
        story.append(KeepTogether(_seats_summary(st, election, seats_won, pending, abandoned)))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([signature_block(st, election, name=name, title=title,
                                               dated=_notice_date(entries), image=signature_image)]))
    digest = notice_digest(election, entries)
    meta = Meta(KIND_NOTICE, f"Notice of election result — {election.authority}",
                f"Notice of election result, {election.title}, {election.authority}; "
                f"digest (SHA-256) {digest}", name or election.authority, digest)
    return render(story, meta)


def _notice_date(entries: Sequence[tuple[WardInfo, WardResult]]) -> str:
    times = sorted(w.declared_at for w, _ in entries if w.declared_at)
    if not times:
        return ""
    return declared_time(times[-1]).split(" at ")[0]


def _notice_ward(st: Styles, ward: WardInfo, result: WardResult,
                 jurisdiction: str = "england") -> list[Flowable]:
    out: list[Flowable] = [Paragraph(
        f"{esc(ward.name)} ward <font size={st.size}>— {plural(ward.seats, 'seat')}</font>",
        st.p("wardhead", fontName=BOLD, fontSize=st.size + 2.5, leading=(st.size + 2.5) * 1.3,
             spaceAfter=2))]
    if countermanded(ward, result):
        out.append(Paragraph(
            f"<b>Poll countermanded.</b> {esc(countermand_text(ward))} No result is declared for this "
            "ward, and no votes are given: a fresh poll will be held.", st.cell))
        return out
    if not ward.declared_at:
        out.append(Paragraph(
            f"<i>Not yet declared</i> (status: {esc(result.status.value.replace('_', ' '))}).", st.cell))
        return out
    if uncontested(result):
        out.append(unopposed_table(st, result, repeat_header=False))
        out.append(Paragraph(f"No poll. Declared {esc(declared_time(ward.declared_at))}.", st.note))
        unfilled = unfilled_sentence(result)
        if unfilled:
            out.append(Paragraph(f"<b>{esc(unfilled)}</b>", st.cell))
        return out
    out.append(result_table(st, result, repeat_header=False))
    for line in lot_lines(result):
        out.append(Paragraph(f"† {line}", st.note))
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    heads = "; ".join(f"{esc(REJECTED_LABELS[h])}: <b>{figure(result.rejected.get(h))}</b>"
                      for h in REJECTED_HEADS)
    in_part = ""
    if result.seats > 1:
        in_part = (f" Ballot papers {esc(REJECTED_LABELS[REJECTED_IN_PART])}: "
                   f"{figure(result.rejected.get(REJECTED_IN_PART))}.")
    out.append(Paragraph(
        f"Rejected ballot papers {figure(result.rejected.get('total'))}, under each head "
        f"({cite(jurisdiction, 'declaration')}): "
        f"{heads}.{in_part}", st.note))
    out.append(Paragraph(
        f"Electorate {figure(result.electorate)} · "
        f"Ballot papers counted {figure(result.ballot_papers_counted)} · Turnout {turnout} · "
        f"Declared {esc(declared_time(ward.declared_at))}", st.note))
    return out


def _seats_summary(st: Styles, election: ElectionInfo, seats_won: dict[str, int],
                   pending: list[str], abandoned: Sequence[str] = ()) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Seats won, by party", st.section)]
    show_prev = bool(election.previous_seats)
    head = [Paragraph("Party", st.head), Paragraph("Seats won", st.head_num)]
    if show_prev:
        head.append(Paragraph("Held before the election", st.head_num))
    rows: list[list[Any]] = [head]
    parties = sorted(set(seats_won) | set(election.previous_seats),
                     key=lambda p: (-seats_won.get(p, 0), fold(p)))
    for party in parties:
        row = [Paragraph(esc(party), st.cell), Paragraph(figure(seats_won.get(party, 0)), st.num)]
        if show_prev:
            row.append(Paragraph(figure(election.previous_seats.get(party, 0)), st.num))
        rows.append(row)
    widths = [0.5, 0.2, 0.3] if show_prev else [0.7, 0.3]
    t = Table(rows, colWidths=[BODY_W * w for w in widths])
    t.setStyle(TableStyle(grid(st.pad)))
    out.append(t)
    if pending:
        out.append(Paragraph(f"Not included: wards not yet declared ({esc(', '.join(pending))}).", st.note))
    if abandoned:
        out.append(Paragraph(f"Not included: wards where the poll was countermanded "
                             f"({esc(', '.join(abandoned))}).", st.note))
    return out



# ------------------------------------------------------------ verification
def verification_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                     summary: VerificationSummary | None = None,
                     signatory_name: str | None = None,
                     signature_image: SignatureImage | None = None) -> bytes:
    """The statement of the result of the verification for one ward.

    With the store's verification (``summary``: each ballot box and postal
    entry, papers issued per the ballot paper account and papers counted) the
    statement lists every entry, the totals, the variance and its recorded
    explanation. Without it, only the ward's verified total is known, and the
    statement says so. Either way it compares the verified total with the
    ballot papers counted at the count.
    """
    register_fonts()
    check_pair(ward, result)
    refuse_countermanded(ward, result, "statement of the verification")
    if uncontested(result):
        raise ReportError(f"{ward.name} is uncontested: there was no poll to verify")
    if summary is not None and summary.ward_id != ward.id:
        raise ReportError(f"the verification given is for {summary.ward}, not for {ward.name}")
    boxes = summary.boxes if summary is not None else ()
    st = styles(10, 3.5) if len(boxes) < 12 else styles(9, 2)
    name, title = signatory(election, ward, signatory_name)
    w = bilingual.words_for(election)
    tx = w.text
    story = bilingual.heading_for(st, election, w, "STATEMENT OF THE RESULT OF THE VERIFICATION",
                                  bilingual.where_for(election, ward, st, w))
    story.append(Paragraph(tx(
        "I, <b>{name}</b>, being the {title} at the above election, give notice "
        "that the ballot paper accounts for this ward were verified, and that the ballot papers "
        "were then counted, as follows:", **bilingual.who(w, name, title)), st.body))
    story.append(Spacer(1, 4 * mm))
    notes: list[str] = []
    if summary is not None and boxes:
        story += _verification_boxes(st, summary, w)
        story.append(Spacer(1, 3 * mm))
        if summary.explanation and summary.explanation_current:
            who = f" ({esc(summary.explained_by)})" if summary.explained_by else ""
            text = "<br/>".join(esc(line) for line in summary.explanation.split("\n"))
            story.append(Paragraph(tx("<b>Explanation of the variance</b>{who}:", sep=" / ", who=who)
                                   + f"<br/>{text}", st.body))
            story.append(Spacer(1, 3 * mm))
        elif summary.variance:
            named = ", ".join(esc(b) for b in summary.unexplained_boxes)
            if named:
                notes.append(tx("No explanation of the variance of {v} has been recorded since the "
                               "verification was last changed (variance in: {named}); the count of "
                               "the ward waits until it is explained or the box recounted.",
                               v=f"{summary.variance:+,}", named=named))
            else:
                notes.append(tx("No explanation of the variance of {v} has been recorded since the "
                               "verification was last changed.", v=f"{summary.variance:+,}"))
        if not summary.complete:
            notes.append(tx("The verification is not complete: some entries have no papers counted yet."))

    verified = ward.ballot_papers_verified
    counted = result.ballot_papers_counted
    separate = result.papers_source in ("counted", "computed")
    if verified is not None and counted is not None and separate:
        difference = f"{counted - verified:+,}" if counted != verified else tx("none", sep=" / ")
    else:
        difference = "—"
    rows = [
        [Paragraph(tx("<b>Total ballot papers verified</b> (polling station ballot boxes and postal "
                     "ballot papers)"), st.cell), Paragraph(f"<b>{figure(verified)}</b>", st.num)],
        [Paragraph(tx("Ballot papers counted at the count (valid and rejected)"), st.cell),
         Paragraph(figure(counted) if separate else "—", st.num)],
        [Paragraph(tx("<b>Difference</b> (counted less verified)"), st.cell),
         Paragraph(f"<b>{difference}</b>", st.num)],
    ]
    t = Table(rows, colWidths=[BODY_W - 35 * mm, 35 * mm])
    t.setStyle(TableStyle(grid(st.pad, header=False)))
    story += [t, Spacer(1, 3 * mm)]
    if result.papers_source == "computed":
        notes.append(tx("The ballot papers counted were not keyed separately: in this one-seat ward they "
                       "are the valid papers (one vote each) and the rejected papers."))
    if result.ballot_papers_counted is None:
        notes.append(tx("The ballot papers have not been counted yet."))
    for warning in result.warnings:
        if warning.code == "W001":
            state = (tx("acknowledged by the returning officer", sep=" / ") if warning.acknowledged
                     else tx("not yet acknowledged", sep=" / "))
            notes.append(tx("Difference between the count and the verification: {message} ({state}).",
                           sep=" / ", message=esc(warning.message), state=state))
    if not boxes:
        notes.append(tx("No figures for the individual ballot boxes or postal ballot papers are recorded "
                       "in countdesk for this ward: they are those on the presiding officers' ballot "
                       "paper accounts and the postal voting statement, and are not repeated here."))
    for n in notes:
        story.append(Paragraph(n, st.note))
        story.append(Spacer(1, 1.5 * mm))
    story.append(Spacer(1, 10 * mm))
    story.append(KeepTogether([bilingual.signature_for(st, election, w, name=name, title=title,
                                                       at=None, image=signature_image)]))
    digest = verification_digest(election, ward, result, summary)
    meta = Meta(KIND_VERIFICATION, f"Statement of the result of the verification — {ward.name}",
                f"Statement of the result of the verification, {ward.name}, {election.authority}; "
                f"digest (SHA-256) {digest}", name or election.authority, digest, ward.id)
    return render(story, meta)


def _verification_boxes(st: Styles, summary: VerificationSummary, w: Words) -> list[Flowable]:
    tx = w.text
    head = [Paragraph(tx("Ballot box / polling station"), st.head),
            Paragraph(tx("Papers issued"), st.head_num), Paragraph(tx("Unused"), st.head_num),
            Paragraph(tx("Spoilt"), st.head_num), Paragraph(tx("Tendered"), st.head_num),
            Paragraph(tx("Papers counted"), st.head_num), Paragraph(tx("Variance"), st.head_num)]
    rows: list[list[Any]] = [head]
    for kind, prefix in (("box", ""), ("postal", tx("Postal ballot papers: ", sep=" / "))):
        for b in summary.boxes:
            if b.kind != kind:
                continue
            label = "" if "postal" in b.label.lower() else prefix
            variance = "—" if b.variance is None else (f"{b.variance:+,}" if b.variance else "0")
            rows.append([Paragraph(f"{label}{esc(b.label)}", st.cell), Paragraph(figure(b.issued), st.num),
                         Paragraph(figure(b.unused), st.num), Paragraph(figure(b.spoilt), st.num),
                         Paragraph(figure(b.tendered), st.num),
                         Paragraph(figure(b.counted), st.num), Paragraph(variance, st.num)])
    total_var = f"{summary.variance:+,}" if summary.variance else "0"
    rows.append([Paragraph(tx("<b>Total</b>", sep=" / "), st.cell),
                 Paragraph(f"<b>{figure(summary.total_issued)}</b>", st.num),
                 *(Paragraph(f"<b>{figure(total if any(v is not None for v in seen) else None)}</b>",
                             st.num)
                   for total, seen in ((summary.total_unused, [b.unused for b in summary.boxes]),
                                       (summary.total_spoilt, [b.spoilt for b in summary.boxes]),
                                       (summary.total_tendered, [b.tendered for b in summary.boxes]))),
                 Paragraph(f"<b>{figure(summary.total_counted)}</b>", st.num),
                 Paragraph(f"<b>{total_var}</b>", st.num)])
    t = Table(rows, colWidths=[BODY_W * w for w in (0.27, 0.12, 0.11, 0.1, 0.14, 0.13, 0.13)],
              repeatRows=1)
    style = grid(st.pad * 0.6)
    style.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE))
    t.setStyle(TableStyle(style))
    out: list[Flowable] = [t]
    out.append(Paragraph(tx(
        "Of the papers counted: {boxes} from ballot boxes, {postal} postal ballot papers.",
        boxes=figure(summary.box_counted), postal=figure(summary.postal_counted)), st.note))
    return out

