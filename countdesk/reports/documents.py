"""The printed documents of a ward's result, as PDF bytes.

Every document is built only from what the core computed (:class:`WardResult`)
and the records of the election and the ward (:class:`ElectionInfo`,
:class:`WardInfo`, from :mod:`countdesk.core.records`); nothing here adds up,
ranks or decides anything.

Output is deterministic (reportlab's invariant mode, no print time on the
page): the same result gives the same bytes, so a signature is the only thing
that differs between two printings.

- :func:`declaration_pdf`: the declaration of result of poll (rule 50), one
  ward per A4 sheet; for an uncontested ward, the declaration of persons
  elected unopposed. Before the ward is declared it prints as a draft. A
  declared result is final: the sheet always shows the figures as declared.
- :func:`provisional_pdf`: the provisional result for candidates and agents.
- :func:`notice_pdf`: the notice of the result for every ward of the election,
  and :func:`verification_pdf`: the statement of the result of the verification
  (both in :mod:`countdesk.reports.notices`).
- :func:`error_report_pdf`: the statement of an error reported after the
  declaration (in :mod:`countdesk.reports.error_report`).

The page-layout toolkit is :mod:`countdesk.reports.layout`, the tables of a
result :mod:`countdesk.reports.tables`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core import Status, WardResult
from countdesk.core.law import cite
from countdesk.core.people import Acknowledgement
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.reports import bilingual
from countdesk.reports.acknowledgements import acknowledgements_section
from countdesk.reports.digest import result_digest
from countdesk.reports.error_report import error_report_pdf
from countdesk.reports.fonts import BOLD, FAMILY, register_fonts
from countdesk.reports.kinds import KIND_DECLARATION, KIND_PROVISIONAL
from countdesk.reports.layout import (
    ALERT,
    BODY_W,
    DRAFT_MARK,
    PROVISIONAL_MARK,
    Meta,
    Paragraph,
    ReportError,
    SignatureImage,
    Styles,
    check_pair,
    declared_time,
    esc,
    figure,
    grid,
    heading,
    join_and,
    one_page,
    plural,
    poll_day,
    refuse_countermanded,
    render,
    signatory,
    signature_block,
    statement_name,
    styles_for,
    uncontested,
    where_lines,
)
from countdesk.reports.notices import notice_pdf, verification_pdf
from countdesk.reports.tables import (
    CELL_PAD,
    LOT_SENTENCE,
    candidate_name,
    description_cell,
    lot_lines,
    papers_section,
    result_table,
    split_widths,
    surname_width,
    unfilled_sentence,
    unopposed_table,
)

__all__ = [
    "CorrectionNote", "ReportError", "SignatureImage", "declaration_pdf", "declared_time",
    "error_report_pdf", "notice_pdf", "poll_day", "provisional_pdf", "signatory",
    "verification_pdf",
]

# The layout helpers under the names they had when they lived here (tests/test_report_layout.py
# reads them from this module).
_Styles = Styles
_styles_for = styles_for
_candidate_name = candidate_name
_description = description_cell
_surname_width = surname_width
_split_widths = split_widths
_KEPT_FOR_LAYOUT_TESTS = (BOLD, FAMILY, CELL_PAD, BODY_W)

NOTE_INK = "#9e0d0d"
STANDS = "The declared result stands unless an election court decides otherwise."


@dataclass(frozen=True)
class CorrectionNote:
    """An error reported after the declaration, recorded by the old ``correct`` command.

    Printed as a note on the declaration, which itself always shows the figures as
    declared: nothing changes a declared result (only an election court can).
    """

    reason: str
    at: str  # when the error was recorded (ISO time)
    by: str | None
    #: what was reported, one line each, declared → reported, e.g. "BOURNE, Samantha: 1,405 → 1,450"
    changed: tuple[str, ...] = ()


# -------------------------------------------------------------- declaration
def declaration_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                    signatory_name: str | None = None, signatory_title: str | None = None,
                    signature_image: SignatureImage | None = None,
                    correction: CorrectionNote | None = None,
                    anchor: tuple[int, str] | None = None) -> bytes:
    """The declaration of result of poll for one ward, on one A4 sheet.

    Printed from a declared ward (``ward.declared_at`` set), with the result as
    declared. For a ward that is ready but not yet declared it prints as a draft,
    watermarked "DRAFT — NOT YET DECLARED", for reading back before declaring.
    With a ``correction`` (an error recorded after the declaration by the old
    ``correct`` command) the sheet adds a note saying what was reported, when,
    by whom and why, and that the declared result stands; the figures printed
    are still those declared. A countermanded poll has no declaration. ``anchor`` is the
    audit record of the declaration (its number and hash), printed in the footer and written
    into the metadata: ``audit-verify --anchor`` checks a store still holds it.
    """
    register_fonts()
    check_pair(ward, result)
    refuse_countermanded(ward, result, "declaration")
    if result.status not in (Status.READY, Status.DECLARED, Status.UNCONTESTED):
        raise ReportError(f"{ward.name} cannot be printed as a declaration: its status is "
                          f"{result.status.value.replace('_', ' ')}")
    name, title = signatory(election, ward, signatory_name, signatory_title)
    digest = result_digest(election, ward, result)
    if uncontested(result):
        kind_title = "Declaration of persons elected unopposed"
        if bilingual.applies(election):
            story = bilingual.unopposed_story(election, ward, result, styles_for(len(result.candidates)),
                                              bilingual.words_for(election), name=name, title=title,
                                              image=signature_image)
        else:
            story = _unopposed_story(election, ward, result, name=name, title=title,
                                     image=signature_image)
    else:
        kind_title = "Declaration of result of poll"
        if bilingual.applies(election):
            story = bilingual.declaration_story(
                election, ward, result, styles_for(len(result.candidates) + 2),
                bilingual.words_for(election), name=name, title=title, image=signature_image)
        else:
            story = _declaration_story(election, ward, result, name=name, title=title,
                                       image=signature_image)
    if correction is not None:
        story += _correction_note(styles_for(len(result.candidates)), ward, correction)
    meta = Meta(KIND_DECLARATION, f"{kind_title} — {ward.name}",
                f"{kind_title}, {ward.name}, {election.authority}; result digest (SHA-256) {digest}",
                name or election.authority, digest, ward.id, anchor if ward.declared_at else None)
    return render(one_page(story), meta, watermark=None if ward.declared_at else DRAFT_MARK)


def _declaration_story(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                       name: str | None, title: str, image: SignatureImage | None) -> list[Flowable]:
    st = styles_for(len(result.candidates))
    story = heading(st, election, "DECLARATION OF RESULT OF POLL", where_lines(election, ward, st))
    story.append(Paragraph(
        f"I, <b>{statement_name(name)}</b>, being the {esc(title)} at the above election, give notice "
        "that the number of votes recorded for each candidate was as follows:", st.body))
    story.append(Spacer(1, 3 * mm))
    story.append(result_table(st, result))
    story.append(Spacer(1, 1.5 * mm))
    story.append(Paragraph("The word ‘Elected’ appears against the name of each candidate elected.",
                           st.note))
    for line in lot_lines(result):
        story.append(Spacer(1, 1.5 * mm))
        story.append(Paragraph(f"† {line}", st.body))
    story.append(Spacer(1, 3 * mm))
    elected = [result.row(cid).candidate for cid in result.elected]
    if elected:
        names = join_and([f"<b>{esc(c.paper_forenames)} {esc(c.paper_surname.upper())}</b> "
                          f"({esc(c.party or c.description)})" for c in elected])
        verb = "is" if len(elected) == 1 else "are"
        story.append(Paragraph(
            f"And I declare that {names} {verb} duly elected for the {esc(ward.name)} ward.", st.body))
        story += terms_lines(st, result)
        story.append(Spacer(1, 3.5 * mm))
    story += papers_section(st, result)
    story.append(Spacer(1, 4 * mm))
    story.append(signature_block(st, election, name=name, title=title,
                                 dated=declared_time(ward.declared_at), image=image))
    return story


def terms_lines(st: Styles, result: WardResult) -> list[Flowable]:
    """Where the ward has terms of office: who is elected for which term (the elected with
    most votes for the longer terms). Nothing for any other ward, so its sheet is unchanged."""
    if not result.terms:
        return []
    parts = []
    for years in sorted(set(result.terms.values()), reverse=True):
        who = [result.row(cid).candidate for cid in result.elected if result.terms[cid] == years]
        names = join_and([f"{esc(c.paper_forenames)} {esc(c.paper_surname.upper())}" for c in who])
        parts.append(f"{names} for {years} years")
    return [Spacer(1, 1.5 * mm), Paragraph("Terms of office: " + "; ".join(parts) + ".", st.body)]


def _unopposed_story(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                     name: str | None, title: str, image: SignatureImage | None) -> list[Flowable]:
    st = styles_for(len(result.candidates))
    story = heading(st, election, "DECLARATION OF PERSONS ELECTED UNOPPOSED",
                    [*where_lines(election, ward, st)[:2], f"poll day {esc(poll_day(election.poll_date))}"])
    story.append(Paragraph(
        f"I, <b>{statement_name(name)}</b>, being the {esc(title)} at the above election, give notice "
        f"that the number of candidates standing nominated did not exceed the number of "
        f"Councillors to be elected ({ward.seats}), that no poll was taken, and that the following "
        f"{'is' if len(result.candidates) == 1 else 'are'} duly elected without a contest:", st.body))
    story.append(Spacer(1, 3 * mm))
    story.append(unopposed_table(st, result))
    unfilled = unfilled_sentence(result)
    if unfilled:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(
            f"<b>{esc(unfilled)}</b> Fewer candidates stood than there are seats to fill.", st.body))
    story.append(Spacer(1, 10 * mm))
    story.append(signature_block(st, election, name=name, title=title,
                                 dated=declared_time(ward.declared_at), image=image))
    return story


def _correction_note(st: Styles, ward: WardInfo, note: CorrectionNote) -> list[Flowable]:
    """The note of an error reported after the declaration: what, when, by whom and why."""
    by = f" by {esc(note.by)}" if note.by else ""
    text = (f"<b>Error reported after the declaration.</b> On {esc(declared_time(note.at))}{by}, "
            f"an error was reported in the figures declared on {esc(declared_time(ward.declared_at))}, "
            f"because: {esc(note.reason.rstrip('.'))}.")
    if note.changed:
        text += (" What was reported (as declared → as reported): "
                 + "; ".join(esc(c) for c in note.changed) + ".")
    text += (" These figures were not applied: this sheet shows the result as declared. "
             f"<font color='{NOTE_INK}'><b>{STANDS}</b></font>")
    box = Table([[Paragraph(text, st.body)]], colWidths=[BODY_W])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, ALERT),
                             ("TOPPADDING", (0, 0), (-1, -1), 5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    return [Spacer(1, 5 * mm), box]


# -------------------------------------------------------------- provisional
def provisional_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult,
                    acknowledgements: Sequence[Acknowledgement] = ()) -> bytes:
    """The provisional result for candidates and agents, watermarked as not a declaration,
    with each warning and who acknowledged it (``acknowledgements``). In Welsh and English
    when the election's documents are bilingual."""
    register_fonts()
    check_pair(ward, result)
    refuse_countermanded(ward, result, "provisional result")
    if result.status is Status.UNCONTESTED or uncontested(result):
        raise ReportError(f"{ward.name} is uncontested: there was no poll and no provisional result")
    if result.status is Status.INCOMPLETE:
        first = result.errors[0].message if result.errors else "the count is not complete"
        raise ReportError(f"{ward.name} has no provisional result yet ({first})")
    st = styles_for(len(result.candidates) + 3)
    w = bilingual.words_for(election)
    t = w.text
    n = result.round_number
    if w.bilingual:
        place: dict[str, Any] = {"ward": bilingual.ward_names(ward, w),
                                 "seats": bilingual.seats(w, ward.seats),
                                 "date": bilingual.dates(w, election)}
    else:
        place = {"ward": esc(ward.name), "seats": plural(ward.seats, "seat"),
                 "date": esc(poll_day(election.poll_date))}
    story = bilingual.heading_for(st, election, w, "PROVISIONAL RESULT", [
        t("<b>{ward}</b> ward — {seats} — {date}", **place),
        t("Round {n} of the count · shown to candidates and agents · this is not a declaration", n=n)])

    if result.tie is not None:
        tied = [result.row(cid).candidate for cid in result.tie.candidate_ids]
        names = join_and([f"{c.ballot_paper_name} ({c.party or c.description})" for c in tied])
        stake = (bilingual.seats_text(w, result.tie.seats) if result.tie.kind == "seat"
                 else esc(result.tie.stake))
        banner = Paragraph(
            t("<b>EQUALITY OF VOTES — LOTS MUST BE DRAWN ({rule})</b><br/>{names} each have "
              "{votes} votes for {stake}. The returning officer decides between them by lot; the "
              "winner is treated as having one more vote.", rule=cite(election.jurisdiction, "lots"),
              names=esc(names), votes=figure(result.tie.votes), stake=stake),
            st.p("banner", textColor=ALERT, alignment=TA_CENTER, leading=st.size * 1.35))
        bt = Table([[banner]], colWidths=[BODY_W])
        bt.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.6, ALERT),
                                ("TOPPADDING", (0, 0), (-1, -1), 6),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story += [bt, Spacer(1, 4 * mm)]

    show_declared = any(r.declared_votes != r.votes for r in result.candidates)
    head = [Paragraph(t("Pos."), st.head_num), Paragraph(t("Candidate"), st.head),
            Paragraph(t("Description / party"), st.head), Paragraph(t("Votes"), st.head_num)]
    if show_declared:
        head.append(Paragraph(t("After lot"), st.head_num))
    head.append(Paragraph("&nbsp;", st.head))
    rows: list[list[Any]] = [head]
    elected, tied_mark = t("<b>Elected</b>"), t("<font color='#9e0d0d'><b>TIED</b></font>")
    for r in result.by_position():
        mark = {True: elected, False: "&nbsp;", None: tied_mark}[r.elected]
        row: list[Any] = [Paragraph("" if r.position is None else str(r.position), st.num),
                          candidate_name(r, st), description_cell(r, st), Paragraph(figure(r.votes), st.num)]
        if show_declared:
            row.append(Paragraph(figure(r.declared_votes) if r.declared_votes != r.votes else "&nbsp;",
                                 st.num))
        row.append(Paragraph(mark, st.cell))
        rows.append(row)
    widths = [0.06, 0.29, 0.34, 0.1, 0.1, 0.11] if show_declared else [0.07, 0.33, 0.34, 0.12, 0.14]
    if w.bilingual:
        widths = [0.09, 0.25, 0.25, 0.14, 0.14, 0.13] if show_declared else [0.09, 0.28, 0.28, 0.17, 0.18]
    table = Table(rows, colWidths=[BODY_W * x for x in widths], repeatRows=1)
    table.setStyle(TableStyle(grid(st.pad)))
    story += [table, Spacer(1, 2 * mm)]
    if result.margin is not None:
        ranked = result.by_position()
        if len(ranked) > result.seats:
            last_in, first_out = ranked[result.seats - 1], ranked[result.seats]
            margin = (plural(result.margin, "vote") if not w.bilingual else
                      {"en": plural(result.margin, "vote"), "cy": f"{result.margin} pleidlais"})
            story.append(Paragraph(t(
                "Margin for the last seat, on the votes counted: <b>{margin}</b> "
                "({a}, {pa}: {va}; {b}, {pb}: {vb}).", margin=margin,
                a=esc(last_in.candidate.ballot_paper_name), pa=esc(last_in.candidate.party),
                va=figure(last_in.votes), b=esc(first_out.candidate.ballot_paper_name),
                pb=esc(first_out.candidate.party), vb=figure(first_out.votes)), st.body))
            story.append(Spacer(1, 1.5 * mm))
    for lot in result.lots:
        cand = result.row(lot.winner_id).candidate
        witnesses = (t(", witnessed by {names}", sep="", names=esc(", ".join(lot.witnesses)))
                     if lot.witnesses and not w.bilingual else "")
        if w.bilingual:
            parts = dict(zip(w.languages, w.texts_each(", witnessed by {names}",
                                                       names=esc(", ".join(lot.witnesses))),
                             strict=True)) if lot.witnesses else dict.fromkeys(w.languages, "")
            story.append(Paragraph(t("{lot} Method: {method}{witnesses}.",
                                     lot=w.per("lot_sentence", name=esc(cand.paper_display_name)),
                                     method=esc(lot.method), witnesses=parts), st.body))
        else:
            story.append(Paragraph(
                f"{LOT_SENTENCE.format(name=esc(cand.paper_display_name))} Method: {esc(lot.method)}"
                f"{witnesses}.", st.body))
    story.append(Spacer(1, 3 * mm))
    story += bilingual.papers_section(st, result, w) if w.bilingual else papers_section(st, result)
    story += acknowledgements_section(st, election, result, acknowledgements)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(t(
        "Any candidate or election agent may ask the returning officer for a recount before the "
        "result is declared. The figures may change after a recount; only the declaration of result "
        "of poll, signed by the returning officer, is the result."), st.note))
    digest = result_digest(election, ward, result)
    meta = Meta(KIND_PROVISIONAL, f"Provisional result — {ward.name}",
                f"Provisional result (not a declaration), {ward.name}, round {result.round_number}, "
                f"{election.authority}; result digest (SHA-256) {digest}",
                election.returning_officer or election.authority, digest, ward.id)
    return render(one_page(story), meta,
                  watermark=t(PROVISIONAL_MARK, sep=" / ") if w.bilingual else PROVISIONAL_MARK,
                  footer_note=t("Provisional — round {n} — not a declaration", sep=" / ", n=n))
