"""The statement of an error reported after the declaration, as PDF bytes.

Once a result is declared it cannot be recounted or changed: the returning
officer has no power to re-declare (Nelson, Marsden West, 2023). An error found
afterwards is recorded (:class:`~countdesk.core.records.ErrorReport`) and
reported, never applied. This statement shows the result exactly as declared
(the declaration's own table), then what is believed wrong, field by field, with
the declared figure and the figure reported, the reason, and who reported it
and when; and it says plainly that the declared result stands unless an
election court decides otherwise.

Its digest is the declared result's (:func:`countdesk.reports.digest.result_digest`),
so ``countdesk verify --db`` checks it against the ward's declared result.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core import REJECTED_FIELDS, REJECTED_LABELS, WardResult
from countdesk.core.model import PAPERS_FIELD
from countdesk.core.records import ElectionInfo, ErrorReport, WardInfo
from countdesk.reports import bilingual
from countdesk.reports.digest import result_digest
from countdesk.reports.fonts import register_fonts
from countdesk.reports.i18n import Words
from countdesk.reports.kinds import KIND_ERROR_REPORT
from countdesk.reports.layout import (
    ALERT,
    BODY_W,
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
    one_page,
    render,
    signatory,
    styles_for,
    uncontested,
)
from countdesk.reports.tables import lot_lines, result_table

TITLE = "Statement of an error reported after the declaration"
STANDS = ("The declared result stands unless an election court decides otherwise "
          "(Representation of the People Act 1983, Part III). This statement does not change it.")


def error_report_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult, report: ErrorReport,
                     *, signature_image: SignatureImage | None = None) -> bytes:
    """The statement of an error reported after ``ward`` was declared, on one A4 sheet.

    ``result`` is the ward's result as declared; ``report`` the error recorded
    (``report.believed``: the figures believed right, by field; ``report.declared``:
    the declared figures of those fields). Refused for a ward not declared (an
    error found before the declaration is put right by a recount) and for an
    uncontested ward (nothing was counted).
    """
    register_fonts()
    check_pair(ward, result)
    if report.ward_id != ward.id:
        raise ReportError(f"the error report given is for another ward, not for {ward.name}")
    if ward.declared_at is None:
        raise ReportError(f"{ward.name} has not been declared: an error found before the declaration "
                          "is put right at the count (by a recount), not reported afterwards")
    if uncontested(result):
        raise ReportError(f"{ward.name} was uncontested: no votes were counted, so there are no "
                          "declared figures an error could be reported in")
    if not report.believed:
        raise ReportError("the error report names no figure believed wrong")
    st = styles_for(len(result.candidates) + len(report.believed) + 6)
    name, title = signatory(election, ward)
    w = bilingual.words_for(election)
    tx = w.text
    story = bilingual.heading_for(st, election, w, TITLE.upper(),
                                  bilingual.where_for(election, ward, st, w))
    story.append(_stands_box(st, w))
    story.append(Spacer(1, 3 * mm))
    if w.bilingual:
        place: dict[str, Any] = {"ward": bilingual.ward_names(ward, w),
                                 "at": bilingual.stamp(w, ward.declared_at)}
    else:
        place = {"ward": esc(ward.name), "at": esc(declared_time(ward.declared_at))}
    story.append(Paragraph(tx(
        "The result of the poll in the <b>{ward}</b> ward was declared on {at}. After the "
        "declaration, an error was reported in its figures. This statement records that report; "
        "the result as declared was:", **place), st.body))
    story.append(Spacer(1, 2 * mm))
    story.append(bilingual.result_table(st, result, w) if w.bilingual else result_table(st, result))
    for line in (bilingual.lot_lines(w, result) if w.bilingual else lot_lines(result)):
        story.append(Paragraph(f"† {line}", st.note))
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    story.append(Paragraph(tx(
        "Rejected ballot papers {rejected} · Ballot papers counted {counted} · "
        "Electorate {electorate} · Turnout {turnout} (as declared)",
        rejected=figure(result.rejected.get("total")), counted=figure(result.ballot_papers_counted),
        electorate=figure(result.electorate), turnout=turnout), st.note))
    story.append(Spacer(1, 4 * mm))
    story += _reported(st, result, report, w)
    story.append(Spacer(1, 8 * mm))
    story.append(bilingual.signature_for(st, election, w, name=name, title=title, at=None,
                                         image=signature_image))
    digest = result_digest(election, ward, result)
    meta = Meta(KIND_ERROR_REPORT, f"{TITLE} — {ward.name}",
                f"{TITLE}, {ward.name}, {election.authority}; the declared result stands; "
                f"declared result digest (SHA-256) {digest}",
                name or election.authority, digest, ward.id)
    return render(one_page(story), meta, footer_note=(
        tx("The declared result stands", sep=" / ") if w.bilingual
        else "The declared result stands unless an election court decides otherwise"))


def _stands_box(st: Styles, w: Words) -> Table:
    text = Paragraph("<br/>".join(f"<b>{esc(line)}</b>" for line in w.texts_each(STANDS)),
                     st.p("stands", textColor=ALERT, alignment=TA_CENTER, leading=st.size * 1.35))
    box = Table([[text]], colWidths=[BODY_W])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.6, ALERT),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return box


def _field_order(result: WardResult, fields: dict[str, int]) -> list[str]:
    """Candidates in ballot order, then the rejected papers by head, then papers counted,
    then anything else as given."""
    known = [f"votes:{r.candidate.id}" for r in result.candidates]
    known += [f"rejected:{h}" for h in REJECTED_FIELDS] + [PAPERS_FIELD]
    return [f for f in known if f in fields] + [f for f in fields if f not in known]


def _label(st: Styles, result: WardResult, field: str, w: Words) -> Paragraph:
    tx = w.text
    kind, _, rest = field.partition(":")
    if kind == "votes":
        try:
            cand = result.row(int(rest)).candidate
        except (KeyError, ValueError):
            return Paragraph(tx("Votes for candidate {id} (not on the declaration)", id=esc(rest)),
                             st.cell)
        who = f"<b>{esc(cand.surname.upper())}</b>"
        if cand.forenames:
            who += f", {esc(cand.forenames)}"
        party = esc(cand.party or cand.description or "Independent")
        return Paragraph(tx("Votes for {who} ({party})", sep="<br/>", who=who, party=party), st.cell)
    if kind == "rejected":
        if w.bilingual and rest in REJECTED_LABELS:
            label: Any = w.per("head_" + rest)
        else:
            label = esc(REJECTED_LABELS.get(rest, rest.replace("_", " ")))
        if rest == "rejected_in_part":
            return Paragraph(tx("Ballot papers {label}", label=label), st.cell)
        return Paragraph(tx("Ballot papers rejected for {label}", label=label), st.cell)
    if field == PAPERS_FIELD:
        return Paragraph(tx("Ballot papers counted (valid and rejected)"), st.cell)
    return Paragraph(esc(field), st.cell)


def _declared_figure(result: WardResult, report: ErrorReport, field: str) -> int | None:
    if field in report.declared:
        return report.declared[field]
    kind, _, rest = field.partition(":")
    if kind == "votes":
        try:
            return result.row(int(rest)).declared_votes
        except (KeyError, ValueError):
            return None
    if kind == "rejected":
        return result.rejected.get(rest)
    if field == PAPERS_FIELD:
        return result.ballot_papers_counted
    return None


def _reported(st: Styles, result: WardResult, report: ErrorReport, w: Words) -> list[Flowable]:
    tx = w.text
    out: list[Flowable] = [Paragraph(tx("What is reported to be wrong", sep=" / "), st.section),
                           Spacer(1, 1 * mm)]
    rows: list[list[Any]] = [[Paragraph(tx("Figure"), st.head), Paragraph(tx("As declared"), st.head_num),
                              Paragraph(tx("As reported"), st.head_num),
                              Paragraph(tx("Difference"), st.head_num)]]
    for field in _field_order(result, report.believed):
        declared = _declared_figure(result, report, field)
        believed = report.believed[field]
        diff = "—" if declared is None else (f"{believed - declared:+,}" if believed != declared else "0")
        rows.append([_label(st, result, field, w), Paragraph(figure(declared), st.num),
                     Paragraph(f"<b>{figure(believed)}</b>", st.num), Paragraph(diff, st.num)])
    shares = (0.46, 0.18, 0.18, 0.18) if w.bilingual else (0.52, 0.16, 0.16, 0.16)
    table = Table(rows, colWidths=[BODY_W * x for x in shares], repeatRows=1)
    table.setStyle(TableStyle(grid(st.pad)))
    out += [table, Spacer(1, 2.5 * mm)]
    reason = "<br/>".join(esc(line) for line in report.reason.strip().split("\n")) or "—"
    out.append(Paragraph(tx("<b>Reason given:</b>", sep=" / ") + f" {reason}", st.body))
    who: Any = esc(report.by) if report.by else tx("(no name recorded)", sep=" / ")
    at: Any = (bilingual.stamp(w, report.at) if w.bilingual else esc(declared_time(report.at)))
    out.append(Paragraph(tx("<b>Reported by</b> {who} <b>on</b> {at}.", who=who, at=at), st.body))
    out.append(Spacer(1, 2 * mm))
    out.append(Paragraph(tx(
        "These figures have not been applied and nothing has been recounted: the declaration, as "
        "signed, shows the result. Anyone who believes the declared result is wrong may question it "
        "by an election petition to an election court."), st.note))
    return out
