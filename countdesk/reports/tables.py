"""The tables of a result, shared by the documents: candidates, rejected papers, turnout.

Each candidate's row is SURNAME, other names, then the description on the
ballot paper (with the party where the description does not say it), in
ballot-paper order. :func:`split_widths` chooses how the name and description
columns share the width; :func:`result_table` is the declaration's table of
declared votes and elected marks, reused wherever a declared result is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, TableStyle  # type: ignore[import-untyped]

from countdesk.core import REJECTED_HEADS, REJECTED_LABELS, CandidateResult, WardResult, fold
from countdesk.reports.fonts import BOLD, FAMILY
from countdesk.reports.layout import BODY_W, RULE, SHADE, Paragraph, Styles, Table, esc, figure, grid, plural

LOT_SENTENCE = ("Following an equality of votes, lots were drawn and, as a consequence, "
                "an additional vote was allotted to {name}.")


def party_note(c_desc: str, party: str) -> str:
    """The party, when the description on the ballot paper does not already say it."""
    if party and fold(party) not in fold(c_desc):
        return party
    return ""


def candidate_name(c: CandidateResult, st: Styles, width: float | None = None) -> Paragraph:
    """SURNAME, other names. A surname too long for the column is set smaller, never broken."""
    cand = c.candidate
    text = f"<b>{esc(cand.paper_surname.upper())}</b>"
    if width is not None:
        need = surname_width(c, st.size)
        room = width - CELL_PAD - 1
        if need > room:
            text = f"<font size={st.size * room / need:.2f}>{text}</font>"
    if cand.paper_forenames:
        text += f", {esc(cand.paper_forenames)}"
    return Paragraph(text, st.cell)


CELL_PAD = 10  # left and right padding of a table cell, together


def surname_width(c: CandidateResult, size: float) -> float:
    """The width of the longest word of the printed surname (it should not be broken)."""
    words = (c.candidate.paper_surname.upper() + ",").split()
    return float(max(stringWidth(w, BOLD, size) for w in words))


def split_widths(result: WardResult, st: Styles, share: float,
                 cells: tuple[list[Paragraph], list[list[Paragraph]]] | None = None
                 ) -> tuple[float, float]:
    """Widths for the name and description columns, sharing ``share`` of the body.

    Tries splits from 30/70 to 70/30, and each split where one more entry just
    fits on one line, and keeps the one that makes the table shortest (long
    names and descriptions wrap onto as few lines as possible), the most even
    among equals. The name column is kept wide enough for the longest surname
    where it can be. ``cells`` are the candidates' name and description cells
    (:func:`candidate_cells`), when the caller has made them already.
    """
    total = BODY_W * share
    names, descs = cells if cells is not None else candidate_cells(result, st)
    longest = max((surname_width(r, st.size) for r in result.candidates), default=0.0)
    min_name = min(longest + CELL_PAD + 1, total * 0.7)

    # the splits worth trying: an even grid, and each point where one more name
    # or description just fits on a single line
    tries = {total * (0.3 + 0.025 * step) for step in range(17)}
    for r in result.candidates:
        c = r.candidate
        one_line_name = (stringWidth(c.paper_surname.upper() + ", ", BOLD, st.size)
                         + stringWidth(c.paper_forenames, FAMILY, st.size) + CELL_PAD + 1)
        one_line_desc = stringWidth(c.description, FAMILY, st.size) + CELL_PAD + 1
        tries |= {one_line_name, total - one_line_desc}
    name_ws = sorted({min(max(width, min_name, total * 0.25), total * 0.75) for width in tries})
    desc_ws = [total - w for w in reversed(name_ws)]  # ascending
    name_h = [cell_heights([n], name_ws) for n in names]
    desc_h = [cell_heights(d, desc_ws)[::-1] for d in descs]
    best: tuple[float, float, float] | None = None
    for k, name_w in enumerate(name_ws):
        h = sum(max(nh[k], dh[k]) for nh, dh in zip(name_h, desc_h, strict=True))
        key = (round(h, 1), abs(name_w / total - 0.5), name_w)
        if best is None or key < best:
            best = key
    assert best is not None
    return best[2], total - best[2]


def candidate_cells(result: WardResult, st: Styles) -> tuple[list[Paragraph], list[list[Paragraph]]]:
    """Each candidate's name cell and description cell, in ballot order."""
    return ([candidate_name(r, st) for r in result.candidates],
            [description_cell(r, st) for r in result.candidates])


def candidate_rows(result: WardResult, st: Styles, share: float
                   ) -> tuple[float, float, list[tuple[Paragraph, list[Paragraph]]]]:
    """The name and description column widths (:func:`split_widths`) and each
    candidate's two cells at those widths (a surname too long for its column set
    smaller); the cells measured to choose the widths are the ones printed."""
    names, descs = candidate_cells(result, st)
    name_w, desc_w = split_widths(result, st, share, (names, descs))
    fitted = [name if surname_width(r, st.size) <= name_w - CELL_PAD - 1
              else candidate_name(r, st, name_w)
              for r, name in zip(result.candidates, names, strict=True)]
    return name_w, desc_w, list(zip(fitted, descs, strict=True))


def cell_heights(parts: Sequence[Paragraph], widths: Sequence[float]) -> list[float]:
    """The height of a cell holding ``parts`` at each of ``widths`` (ascending).

    Lines are filled greedily, so a paragraph none of whose words is wider than
    the narrowest width never grows taller as its column widens: when two widths
    give it the same height, every width between them does too, and only the
    widths around each step are wrapped, not every width (a declaration tries
    some forty splits of thirteen rows). A paragraph with a word that must be
    split at some width (reportlab then breaks the word, and the height can go
    up and down) is wrapped at every width.
    """
    n = len(widths)
    out = [0.0] * n
    for p in parts:
        known: dict[int, float] = {}

        def at(i: int, p: Paragraph = p, known: dict[int, float] = known) -> float:
            if i not in known:
                known[i] = float(p.wrap(widths[i] - CELL_PAD, 10_000)[1])
            return known[i]

        heights = [0.0] * n
        spans = [(0, n - 1)] if n else []
        if n and p.minWidth() >= widths[0] - CELL_PAD - 0.01:
            spans = [(i, i) for i in range(n)]
        elif n and at(n - 1) and len(p.blPara.lines) == 1:
            # one line at the widest (p.blPara is that wrap's): one line at every
            # width the text fits in, so only the narrower widths need wrapping
            line = p.blPara.lines[0]
            extra = line[0] if isinstance(line, tuple) else line.extraSpace
            natural = widths[n - 1] - CELL_PAD - extra
            fits = next(i for i in range(n) if widths[i] - CELL_PAD >= natural + 1e-6 or i == n - 1)
            heights[fits:] = [known[n - 1]] * (n - fits)
            spans = [(0, fits)] if fits else []
        while spans:
            lo, hi = spans.pop()
            if at(lo) == at(hi):
                heights[lo:hi + 1] = [known[lo]] * (hi - lo + 1)
            elif hi - lo == 1:
                heights[lo], heights[hi] = known[lo], known[hi]
            else:
                mid = (lo + hi) // 2
                spans += [(lo, mid), (mid, hi)]
        for i in range(n):
            out[i] += heights[i]
    return out


def description_cell(c: CandidateResult, st: Styles) -> list[Paragraph]:
    cand = c.candidate
    out = [Paragraph(esc(cand.description) or "&nbsp;", st.cell)]
    note = party_note(cand.description, cand.party)
    if note:
        out.append(Paragraph(f"Party: {esc(note)}", st.cell_small))
    return out


def rejected_table(st: Styles, result: WardResult) -> Table:
    num_w = 22 * mm
    rows: list[list[Any]] = [[Paragraph("The number of ballot papers rejected was as follows:", st.head),
                              Paragraph("&nbsp;", st.head_num)]]
    for head in REJECTED_HEADS:
        rows.append([Paragraph(esc(REJECTED_LABELS[head]), st.cell),
                     Paragraph(figure(result.rejected.get(head)), st.num)])
    rows.append([Paragraph("<b>Total</b>", st.cell),
                 Paragraph(f"<b>{figure(result.rejected.get('total'))}</b>", st.num)])
    label = REJECTED_LABELS["rejected_in_part"]
    rows.append([Paragraph(f"Ballot papers {esc(label)}", st.cell),
                 Paragraph(figure(result.rejected.get("rejected_in_part")), st.num)])
    t = Table(rows, colWidths=[BODY_W - num_w, num_w])
    style = grid(st.pad * 0.4)
    style += [("SPAN", (0, 0), (1, 0)),
              ("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE),
              ("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE)]
    t.setStyle(TableStyle(style))
    return t


def turnout_table(st: Styles, result: WardResult) -> Table:
    """Electorate, ballot papers counted and turnout, in one ruled row."""
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    cells = [("Electorate", figure(result.electorate)),
             ("Ballot papers counted", figure(result.ballot_papers_counted)),
             ("Turnout", turnout)]
    row: list[Any] = []
    for label, value in cells:
        row += [Paragraph(f"<b>{label}</b>", st.cell), Paragraph(value, st.num)]
    t = Table([row], colWidths=[BODY_W * w for w in (0.16, 0.12, 0.30, 0.13, 0.13, 0.16)])
    style = grid(st.pad * 0.4, header=False)
    style += [("BACKGROUND", (i, 0), (i, 0), SHADE) for i in (0, 2, 4)]
    t.setStyle(TableStyle(style))
    return t


def papers_section(st: Styles, result: WardResult) -> list[Flowable]:
    """Rejected papers under each head, then electorate, papers counted and turnout."""
    return [rejected_table(st, result), Spacer(1, 2.5 * mm), turnout_table(st, result)]


def lot_lines(result: WardResult) -> list[str]:
    out = []
    for lot in result.lots:
        cand = result.row(lot.winner_id).candidate
        out.append(LOT_SENTENCE.format(name=esc(cand.paper_display_name)))
    return out



def result_table(st: Styles, result: WardResult, *, repeat_header: bool = True) -> Table:
    """The declaration's table: each candidate in ballot order with their description, the
    votes declared (``†`` against a lot winner's) and ‘Elected’ against those elected."""
    lot_winners = {lot.winner_id for lot in result.lots}
    rows: list[list[Any]] = [[Paragraph("Name of candidate", st.head),
                              Paragraph("Description (if any)", st.head),
                              Paragraph("Votes", st.head_num),
                              Paragraph("&nbsp;", st.head)]]
    name_w, desc_w, cells = candidate_rows(result, st, 0.76)
    for r, (name_cell, desc_cell) in zip(result.candidates, cells, strict=True):
        votes = figure(r.declared_votes)
        if r.candidate.id in lot_winners:
            votes += "<super>†</super>"
        rows.append([name_cell, desc_cell, Paragraph(votes, st.num),
                     Paragraph("<b>Elected</b>" if r.elected else "&nbsp;", st.cell)])
    table = Table(rows, colWidths=[name_w, desc_w, BODY_W * 0.12, BODY_W * 0.12],
                  repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle(grid(st.pad)))
    return table


def unopposed_table(st: Styles, result: WardResult, *, repeat_header: bool = True) -> Table:
    """Each candidate returned unopposed, in ballot order."""
    rows: list[list[Any]] = [[Paragraph("Name of candidate", st.head),
                              Paragraph("Description (if any)", st.head), Paragraph("&nbsp;", st.head)]]
    for r in result.candidates:
        rows.append([candidate_name(r, st), description_cell(r, st),
                     Paragraph("<b>Elected unopposed</b>", st.cell)])
    table = Table(rows, colWidths=[BODY_W * 0.36, BODY_W * 0.38, BODY_W * 0.26],
                  repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle(grid(st.pad)))
    return table


def unfilled_sentence(result: WardResult) -> str:
    """'1 seat remains unfilled and will be filled at a further election.' ('' when none)."""
    n = result.unfilled_seats
    if n <= 0:
        return ""
    verb = "remains" if n == 1 else "remain"
    return f"{plural(n, 'seat')} {verb} unfilled and will be filled at a further election."
