"""The summary sheet for the press: the council's composition after the election.

Built from :func:`countdesk.app.gather.snapshot` (every ward's result from
the core) and the core's council summary: the control outcome, a chart of the
seats won by each party in party colours with the majority line (reportlab
graphics), the seats, change and votes by party, the turnout, and the
councillors elected in each ward. Only declared wards count; while any ward is
still to declare the sheet says so, lists it, and is watermarked.

Same type, styles, footer and determinism as the other documents
(:mod:`countdesk.reports.layout`). Its digest covers every ward's declared
result (as the notice's does) and the previous holdings, so ``countdesk verify
--db`` tells whether the sheet still matches the store.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core.summary import CouncilSummary, PartySeats
from countdesk.exports.colours import NOC_COLOUR, colour_map, ink_on
from countdesk.exports.gather import Snapshot
from countdesk.reports import bilingual
from countdesk.reports.digest import canonical_json, notice_digest, sha256_hex
from countdesk.reports.fonts import BOLD, register_fonts
from countdesk.reports.kinds import KIND_SUMMARY
from countdesk.reports.layout import (
    BODY_W,
    RULE,
    Meta,
    Styles,
    countermanded,
    declared_time,
    esc,
    grid,
    poll_day,
    render,
)
from countdesk.reports.tables import unfilled_sentence

SUMMARY_FORMAT = "countdesk-summary-digest/1"
INCOMPLETE_MARK = "NOT ALL WARDS DECLARED"


def summary_digest(snap: Snapshot) -> str:
    """Every ward's declared result (the notice's digest) and the previous holdings."""
    entries = [(w.info, w.result) for w in snap.wards]
    return sha256_hex(canonical_json({
        "format": SUMMARY_FORMAT,
        "notice": notice_digest(snap.election, entries),
        "previous_seats": dict(sorted(snap.election.previous_seats.items())),
    }))


def _signed(n: int | None) -> str:
    if n is None:
        return "—"
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def seats_chart(s: CouncilSummary, parties: list[PartySeats], colours: dict[str, str],
                width: float = BODY_W, majority_label: str = "Majority {n}") -> Drawing:
    """Horizontal bars of seats by party in party colours, with the majority line."""
    register_fonts()
    row_h, bar_h, head = 8.5 * mm, 6.2 * mm, 7 * mm
    height = head + row_h * max(len(parties), 1) + 2 * mm
    d = Drawing(width, height)
    label_w = min(max((stringWidth(p.party, BOLD, 9.5) for p in parties), default=0) + 4, width * 0.34)
    x0 = label_w + 2
    span = width - x0 - 16 * mm
    scale = max(int(s.majority * 1.25 + 0.999), *(p.seats for p in parties), 1)
    for i, p in enumerate(parties):
        y = height - head - (i + 1) * row_h + (row_h - bar_h) / 2
        d.add(String(label_w, y + bar_h / 2 - 3.3, p.party, fontName=BOLD, fontSize=9.5,
                     textAnchor="end"))
        d.add(Rect(x0, y, span, bar_h, fillColor=colors.Color(0.93, 0.93, 0.93), strokeColor=None))
        w = span * p.seats / scale
        if w > 0:
            d.add(Rect(x0, y, w, bar_h, fillColor=colors.HexColor(colours.get(p.party, "#888888")),
                       strokeColor=colors.Color(0.2, 0.2, 0.2), strokeWidth=0.4))
        d.add(String(x0 + w + 3, y + bar_h / 2 - 3.5, str(p.seats), fontName=BOLD, fontSize=10.5))
    mx = x0 + span * s.majority / scale
    d.add(Line(mx, 2 * mm, mx, height - head + 1.5 * mm, strokeColor=RULE, strokeWidth=1.1,
               strokeDashArray=[3, 2]))
    d.add(String(mx, height - head + 2.5 * mm, majority_label.format(n=s.majority), fontName=BOLD,
                 fontSize=8.5, textAnchor="middle"))
    return d


class _DrawingFlowable(Flowable):  # type: ignore[misc]
    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.drawing.width, self.drawing.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF  # type: ignore[import-untyped]  # noqa: PLC0415

        renderPDF.draw(self.drawing, self.canv, 0, 0)


def summary_pdf(snap: Snapshot, colours_from_setup: dict[str, str] | None = None, *,
                anchor: tuple[int, str] | None = None) -> bytes:
    """The summary sheet as PDF bytes."""
    register_fonts()
    el = snap.election
    s = snap.summary
    st = Styles(9.5, 2.5)
    w = bilingual.words_for(el)
    tx = w.text
    colours = colour_map([p.party for p in s.parties], colours_from_setup)
    held = (tx("held on {date}", date=bilingual.dates(w, el)) if w.bilingual
            else f"held on {esc(poll_day(el.poll_date))}")
    story: list[Flowable] = bilingual.heading_for(st, el, w, "SUMMARY OF RESULTS", [esc(el.title), held])

    # Where the count stands
    if s.complete:
        standing = tx("All {n} wards declared ({seats} seats).", n=s.wards_total, seats=s.seats_total)
    else:
        standing = tx("<b>{n} of {total} wards declared</b> ({seats} of {seats_total} seats). Wards "
                      "not yet declared are not included in the figures below.", n=s.wards_declared,
                      total=s.wards_total, seats=s.seats_declared, seats_total=s.seats_total)
    story.append(Paragraph(standing, st.body))
    story.append(Spacer(1, 3 * mm))

    # Control
    if s.control_decided and s.control:
        fill = colours.get(s.controlling_party or "", NOC_COLOUR) if s.controlling_party else NOC_COLOUR
        words = esc(s.control) if not w.bilingual else "<br/>".join(
            esc(_control_in(lang, s.control)) for lang in w.languages)
        if not w.bilingual:
            how = f"A majority is {s.majority} of the {s.seats_total} seats."
            if s.control_decided_after and s.control_decided_wards:
                how += (f" Control was decided by the declaration of {esc(s.control_decided_after)}, "
                        f"the {_ordinal(s.control_decided_wards)} ward declared.")
        else:
            how = tx("A majority is {n} of the {seats} seats.", sep=" / ", n=s.majority,
                     seats=s.seats_total)
            if s.control_decided_after and s.control_decided_wards:
                how += "<br/>" + tx("Control was decided by the declaration of {ward} (ward {n} to "
                                    "be declared).", sep=" / ", ward=esc(s.control_decided_after),
                                    n=s.control_decided_wards)
    else:
        fill, words = "#FFFFFF", tx("Control not yet decided", sep=" / ")
        how = tx("A majority is {n} of the {seats} seats; {left} seats are still to be declared.",
                 n=s.majority, seats=s.seats_total, left=s.seats_total - s.seats_declared)
    ink = ink_on(fill)
    banner = Table([[Paragraph(f"<b>{words}</b>",
                               st.p("control", fontName=BOLD, fontSize=20, leading=25, alignment=1,
                                    textColor=colors.HexColor(ink)))],
                    [Paragraph(how, st.p("controlnote", fontSize=9, leading=12, alignment=1,
                                         textColor=colors.HexColor(ink)))]],
                   colWidths=[BODY_W])
    banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill)),
                                ("BOX", (0, 0), (-1, -1), 1.0, RULE),
                                ("TOPPADDING", (0, 0), (-1, -1), 5),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story += [banner, Spacer(1, 4 * mm)]

    # Seats chart
    shown = [p for p in s.parties if p.seats > 0 or (p.previous or 0) > 0] or list(s.parties[:6])
    story.append(Paragraph(tx("Seats won, by party", sep=" / "), st.section))
    story.append(Spacer(1, 1 * mm))
    story.append(_DrawingFlowable(seats_chart(s, shown, colours,
                                              majority_label=tx("Majority {n}", sep=" / "))))
    story.append(Spacer(1, 3 * mm))

    # Composition table
    show_prev = any(p.previous is not None for p in s.parties)
    # the change means something only once every ward is in (before, it would compare part of
    # the new council with the whole of the old one)
    show_change = show_prev and s.complete
    head = [Paragraph(tx("Party"), st.head), Paragraph(tx("Seats won"), st.head_num)]
    if show_prev:
        head.append(Paragraph(tx("Held before"), st.head_num))
    if show_change:
        head.append(Paragraph(tx("Change"), st.head_num))
    head += [Paragraph(tx("Votes"), st.head_num), Paragraph(tx("Share of votes"), st.head_num)]
    rows: list[list[Any]] = [head]
    for p in s.parties:
        row = [Paragraph(esc(p.party), st.cell), Paragraph(f"<b>{p.seats}</b>", st.num)]
        if show_prev:
            row.append(Paragraph("—" if p.previous is None else str(p.previous), st.num))
        if show_change:
            row.append(Paragraph(_signed(p.change), st.num))
        share = "—" if p.vote_share_pct is None else f"{p.vote_share_pct}%"
        row += [Paragraph(f"{p.votes:,}", st.num), Paragraph(share, st.num)]
        rows.append(row)
    total = [Paragraph(tx("<b>Total</b>", sep=" / "), st.cell),
             Paragraph(f"<b>{s.seats_declared}</b>", st.num)]
    if show_prev:
        total.append(Paragraph(str(sum(p.previous or 0 for p in s.parties)), st.num))
    if show_change:
        total.append(Paragraph("", st.num))
    total += [Paragraph(f"<b>{s.votes_total:,}</b>", st.num), Paragraph("", st.num)]
    rows.append(total)
    widths = ([0.34, 0.12, 0.13, 0.11, 0.15, 0.15] if show_change else
              [0.4, 0.14, 0.14, 0.16, 0.16] if show_prev else [0.46, 0.16, 0.2, 0.18])
    t = Table(rows, colWidths=[BODY_W * w for w in widths], repeatRows=1)
    style = grid(st.pad)
    style.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE))
    t.setStyle(TableStyle(style))
    story += [KeepTogether([t]), Spacer(1, 1.5 * mm)]
    notes = []
    if show_prev and not s.complete:
        notes.append(tx("The change in each party's seats is given once every ward is declared."))
    notes.append(tx("Votes are those counted for each party's candidates in the declared wards; each "
                    "voter could vote for as many candidates as there were seats in the ward."))
    for n in notes:
        story.append(Paragraph(n, st.note))
    story.append(Spacer(1, 2.5 * mm))
    if s.turnout_pct is not None:
        story.append(Paragraph(tx(
            "<b>Turnout {pct}%</b>: {counted} ballot papers counted, "
            "electorate {electorate} (the declared wards where there was a poll).",
            pct=s.turnout_pct, counted=f"{s.ballot_papers_counted:,}",
            electorate=f"{s.electorate:,}"), st.body))
        story.append(Spacer(1, 3 * mm))

    # Councillors elected, by ward
    story.append(Paragraph(tx("Councillors elected, by ward", sep=" / "), st.section))
    story.append(Spacer(1, 1 * mm))
    rows = [[Paragraph(tx("Ward"), st.head), Paragraph(tx("Councillors elected (party)"), st.head)]]
    for ward in snap.wards:
        if countermanded(ward.info, ward.result):
            rows.append([Paragraph(f"<b>{esc(ward.info.name)}</b>", st.cell),
                         Paragraph(tx("<i>poll countermanded: no result; a fresh poll will be held</i>"),
                                   st.cell)])
            continue
        if not ward.declared:
            rows.append([Paragraph(f"<b>{esc(ward.info.name)}</b>", st.cell),
                         Paragraph(tx("<i>not yet declared</i>", sep=" / "), st.cell)])
            continue
        lines = []
        for c in s.councillors_for(ward.info.name):
            name = f"<b>{esc(c.surname.upper())}</b>" + (f", {esc(c.forenames)}" if c.forenames else "")
            name += f" ({esc(c.party)})"
            if c.unopposed:
                name += " <font size=8 color='#595959'>" + tx("elected unopposed", sep=" / ") + "</font>"
            lines.append(name)
        unfilled = (unfilled_sentence(ward.result) if not w.bilingual
                    else " / ".join(bilingual.unfilled(w, ward.result)))
        if unfilled:
            lines.append(f"<font size=8 color='#595959'>{esc(unfilled)}</font>")
        at = declared_time(ward.info.declared_at).partition(" at ")[2]
        when = (f"<br/><font size=7.5 color='#595959'>{tx('declared {at}', sep=' / ', at=esc(at))}</font>"
                if at else "")
        shown_name = esc(ward.info.name) if not w.bilingual else esc(bilingual.ward_name(ward.info, w))
        ward_cell = Paragraph(f"<b>{shown_name}</b>{when}", st.cell)
        rows.append([ward_cell, Paragraph("<br/>".join(lines), st.cell)])
    t = Table(rows, colWidths=[BODY_W * 0.34, BODY_W * 0.66], repeatRows=1)
    style = grid(st.pad * 0.6)
    style.append(("VALIGN", (0, 1), (-1, -1), "TOP"))
    t.setStyle(TableStyle(style))
    story.append(t)
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(tx(
        "From the declarations of result of poll: {n} of {total} wards declared; the latest, {latest}.",
        n=s.wards_declared, total=s.wards_total, latest=esc(s.latest or "—")), st.note))

    digest = summary_digest(snap)
    meta = Meta(KIND_SUMMARY, f"Summary of results — {el.authority}",
                f"Summary of results, {el.title}, {el.authority}; digest (SHA-256) {digest}",
                el.returning_officer or el.authority, digest, anchor=anchor)
    return render(story, meta, watermark=None if s.complete else tx(INCOMPLETE_MARK, sep=" / "),
                  footer_note="" if s.complete else
                  (tx("{n} of {total} wards declared", sep=" / ", n=s.wards_declared,
                      total=s.wards_total) if w.bilingual else
                   f"{s.wards_declared} of {s.wards_total} wards declared — not the final result"))


_CONTROL_CY = ((" gain from ", " yn ennill oddi wrth "), (" lose to ", " yn colli i "))


def _control_in(lang: str, control: str) -> str:
    """The core's words for control ("Labour gain from No overall control") in ``lang``."""
    if lang != "cy":
        return control
    text = control.replace("No overall control", "Dim rheolaeth gyffredinol")
    for en, cy in _CONTROL_CY:
        text = text.replace(en, cy)
    if text.endswith(" hold"):
        text = text[: -len(" hold")] + " yn cadw"
    elif text.endswith(" win"):
        text = text[: -len(" win")] + " yn ennill"
    return text

