"""The declaration and the notice of result printed in Welsh and English.

Used when the election's ``languages`` are two (``["cy", "en"]`` or ``["en", "cy"]``): every
fixed label comes from the catalogues (:mod:`countdesk.reports.i18n`) in both languages, in
the order given, in the same type; names, descriptions, addresses and figures are printed
once, as entered. An English-only election never comes here, so its documents are unchanged.
Rule citations come from the election's jurisdiction (:mod:`countdesk.core.law`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from countdesk.core import WardResult, fold
from countdesk.core.law import WALES, cite
from countdesk.core.model import REJECTED_HEADS, REJECTED_IN_PART
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.reports.fonts import BOLD
from countdesk.reports.i18n import Words, catalogue, day_in, words
from countdesk.reports.layout import (
    BODY_W,
    RULE,
    Paragraph,
    Rule,
    SignatureImage,
    Styles,
    _signature_image,
    countermand_text,
    countermanded,
    declared_time,
    esc,
    figure,
    fit,
    grid,
    plural,
    statement_name,
    uk_time,
    uncontested,
)
from countdesk.reports.layout import heading as layout_heading
from countdesk.reports.layout import signature_block as layout_signature_block
from countdesk.reports.layout import where_lines as layout_where_lines
from countdesk.reports.tables import candidate_name, candidate_rows, party_note


def applies(election: ElectionInfo) -> bool:
    """Whether an election's documents are built here: two languages, or the Welsh rules
    (whose notice of an unopposed return gives the addresses)."""
    return len(election.languages) > 1 or election.jurisdiction == WALES


def words_for(election: ElectionInfo) -> Words:
    return words(election.languages)


def ward_name(ward: WardInfo, w: Words) -> str:
    """The ward's name; with its Welsh name where it has one ('Y Bala / Bala')."""
    if ward.name_cy and fold(ward.name_cy) != fold(ward.name):
        names = {"cy": ward.name_cy, "en": ward.name}
        return " / ".join(names[lang] for lang in w.languages)
    return ward.name


def ward_names(ward: WardInfo, w: Words) -> dict[str, str]:
    """The ward's name in each language: the Welsh name (where it has one) in Welsh."""
    return {lang: esc(ward.name_cy if lang == "cy" and ward.name_cy else ward.name)
            for lang in w.languages}


def stamp(w: Words, iso: str | None) -> dict[str, str]:
    """A stored UTC time in each language: 'Dydd Gwener 6 Mai 2022 am 02:14 BST'."""
    local = uk_time(iso) if iso else None
    if local is None:
        return dict.fromkeys(w.languages, esc(iso or ""))
    at = f"{local:%H:%M} {local.tzname() or 'UTC'}"
    return {lang: esc(f"{day_in(lang, local.date())} {catalogue(lang)['at']} {at}")
            for lang in w.languages}


def seats(w: Words, n: int) -> dict[str, str]:
    return w.per("seats_1" if n == 1 else "seats_n", n=n)


def poll_date(w: Words, election: ElectionInfo, sep: str = " / ") -> str:
    try:
        return w.day(datetime.date.fromisoformat(election.poll_date), sep)
    except ValueError:
        return election.poll_date


def when(w: Words, iso: str | None) -> tuple[str, str]:
    """(the day in every language, the time) of a stored UTC time, in UK local time."""
    local = uk_time(iso) if iso else None
    if local is None:
        return "", ""
    return w.day(local.date()), f"{local:%H:%M} {local.tzname() or 'UTC'}"


def titles(w: Words, signatory_title: str) -> dict[str, str]:
    """The signatory's title in every language (a title given by hand is printed as given)."""
    for key in ("returning_officer", "deputy_returning_officer"):
        if signatory_title == catalogue("en")[key]:
            return w.per(key)
    return dict.fromkeys(w.languages, signatory_title)


def heading(st: Styles, election: ElectionInfo, w: Words, key: str,
            lines: Sequence[str]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(esc(election.authority), st.authority), Spacer(1, 2 * mm)]
    for title in w.each(key):  # one above the other, the same size
        out.append(Paragraph(esc(title), fit(st.title, title)))
    out.append(Spacer(1, 2 * mm))
    out += [Paragraph(line, st.centre) for line in lines]
    out.append(Rule(BODY_W, 1.2))
    return out


def dates(w: Words, election: ElectionInfo) -> dict[str, str] | str:
    """The poll date in each language ({"cy": "Dydd Iau 5 Mai 2022", "en": ...})."""
    try:
        d = datetime.date.fromisoformat(election.poll_date)
    except ValueError:
        return esc(election.poll_date)
    return {lang: esc(day_in(lang, d)) for lang in w.languages}


def where_lines(election: ElectionInfo, ward: WardInfo, w: Words) -> list[str]:
    return [esc(election.title),
            w("for_ward", ward=ward_names(ward, w), seats=seats(w, ward.seats)),
            w("held_on", date=dates(w, election))]


def signature_block(st: Styles, election: ElectionInfo, w: Words, *, name: str | None,
                    title: str, declared_at: str | None, image: SignatureImage | None,
                    with_time: bool = True) -> Table:
    day, at = when(w, declared_at)
    if day:
        left: list[Flowable] = [Paragraph(f"<b>{w.inline('dated')}</b> {esc(day)}", st.cell)]
        if at and with_time:
            left.append(Paragraph(f"<b>{w.inline('declared_at')}</b> {esc(at)}", st.cell))
    else:
        left = [Paragraph(f"<b>{w.inline('dated')}</b> ......................................", st.cell)]
    sig = _signature_image(image)
    right: list[Flowable] = [sig if sig is not None else Spacer(1, 11 * mm),
                             Rule(65 * mm, 0.6, 0.5 * mm),
                             Paragraph(f"<b>{esc(name) if name else '&nbsp;'}</b>", st.cell)]
    right += [Paragraph(esc(t), st.cell) for t in titles(w, title).values()]
    right.append(Paragraph(esc(election.authority), st.cell_small))
    t = Table([[left, right]], colWidths=[BODY_W - 75 * mm, 75 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def intro(w: Words, key: str, name: str | None, title: str, **values: Any) -> list[str]:
    who = esc(name) if name else None
    names = w.per("undersigned") if who is None else who
    return w.each(key, name=names, title={k: esc(v) for k, v in titles(w, title).items()}, **values)


def lot_lines(w: Words, result: WardResult) -> list[str]:
    out = []
    for lot in result.lots:
        cand = result.row(lot.winner_id).candidate
        out += w.each("lot_sentence", name=esc(cand.paper_display_name))
    return out


def description_cell(c: Any, st: Styles, w: Words) -> list[Paragraph]:
    cand = c.candidate
    out = [Paragraph(esc(cand.description) or "&nbsp;", st.cell)]
    note = party_note(cand.description, cand.party)
    if note:
        out.append(Paragraph(w.inline("party_note", party=esc(note)), st.cell_small))
    return out


def result_table(st: Styles, result: WardResult, w: Words) -> Table:
    lot_winners = {lot.winner_id for lot in result.lots}
    rows: list[list[Any]] = [[Paragraph(w("name_of_candidate"), st.head),
                              Paragraph(w("description_if_any"), st.head),
                              Paragraph(w("votes"), st.head_num), Paragraph("&nbsp;", st.head)]]
    name_w, desc_w, cells = candidate_rows(result, st, 0.68)
    for r, (name_cell, _desc) in zip(result.candidates, cells, strict=True):
        votes = figure(r.declared_votes)
        if r.candidate.id in lot_winners:
            votes += "<super>†</super>"
        rows.append([name_cell, description_cell(r, st, w), Paragraph(votes, st.num),
                     Paragraph(f"<b>{w('elected')}</b>" if r.elected else "&nbsp;", st.cell)])
    table = Table(rows, colWidths=[name_w, desc_w, BODY_W * 0.17, BODY_W * 0.15], repeatRows=1)
    table.setStyle(TableStyle(grid(st.pad)))
    return table


def unopposed_table(st: Styles, result: WardResult, w: Words, *, addresses: bool) -> Table:
    """Each candidate returned unopposed; in Wales with the address (Sch 1 rule 20(3))."""
    head = [Paragraph(w("name_of_candidate"), st.head)]
    if addresses:
        head.append(Paragraph(w("address"), st.head))
    head += [Paragraph(w("description_if_any"), st.head), Paragraph("&nbsp;", st.head)]
    rows: list[list[Any]] = [head]
    for r in result.candidates:
        row: list[Any] = [candidate_name(r, st)]
        if addresses:
            row.append(Paragraph(esc(r.candidate.address) or "&nbsp;", st.cell))
        row += [description_cell(r, st, w), Paragraph(f"<b>{w('elected_unopposed')}</b>", st.cell)]
        rows.append(row)
    widths = [0.27, 0.29, 0.25, 0.19] if addresses else [0.34, 0.40, 0.26]
    table = Table(rows, colWidths=[BODY_W * x for x in widths], repeatRows=1)
    table.setStyle(TableStyle(grid(st.pad)))
    return table


def papers_section(st: Styles, result: WardResult, w: Words) -> list[Flowable]:
    num_w = 22 * mm
    rows: list[list[Any]] = [[Paragraph(w("rejected_intro"), st.head), Paragraph("&nbsp;", st.head_num)]]
    for head in REJECTED_HEADS:
        rows.append([Paragraph(esc(w("head_" + head, sep="\n")).replace("\n", "<br/>"), st.cell),
                     Paragraph(figure(result.rejected.get(head)), st.num)])
    rows.append([Paragraph(f"<b>{w.inline('total')}</b>", st.cell),
                 Paragraph(f"<b>{figure(result.rejected.get('total'))}</b>", st.num)])
    in_part = [f"{lab}" for lab in w.each("ballot_papers_label",
                                           label=w.per("head_" + REJECTED_IN_PART))]
    rows.append([Paragraph("<br/>".join(esc(x) for x in in_part), st.cell),
                 Paragraph(figure(result.rejected.get(REJECTED_IN_PART)), st.num)])
    t = Table(rows, colWidths=[BODY_W - num_w, num_w])
    style = grid(st.pad * 0.4)
    style += [("SPAN", (0, 0), (1, 0)),
              ("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE),
              ("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE)]
    t.setStyle(TableStyle(style))
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    cells = [(w("electorate"), figure(result.electorate)),
             (w("papers_counted"), figure(result.ballot_papers_counted)),
             (w("turnout"), turnout)]
    tt = Table([[Paragraph(f"<b>{label}</b>", st.cell) for label, _ in cells],
                [Paragraph(value, st.num) for _, value in cells]],
               colWidths=[BODY_W / 3] * 3)
    ts = grid(st.pad * 0.4)
    tt.setStyle(TableStyle(ts))
    return [t, Spacer(1, 2.5 * mm), tt]


def declaration_story(election: ElectionInfo, ward: WardInfo, result: WardResult, st: Styles,
                      w: Words, *, name: str | None, title: str,
                      image: SignatureImage | None) -> list[Flowable]:
    story = heading(st, election, w, "decl_title", where_lines(election, ward, w))
    for text in intro(w, "decl_intro", name, title):
        story.append(Paragraph(text, st.body))
    story.append(Spacer(1, 3 * mm))
    story.append(result_table(st, result, w))
    story.append(Spacer(1, 1.5 * mm))
    story.append(Paragraph(w("elected_note"), st.note))
    for line in lot_lines(w, result):
        story.append(Spacer(1, 1.5 * mm))
        story.append(Paragraph(f"† {line}", st.body))
    story.append(Spacer(1, 3 * mm))
    elected = [result.row(cid).candidate for cid in result.elected]
    if elected:
        names = ", ".join(f"<b>{esc(c.paper_forenames)} {esc(c.paper_surname.upper())}</b> "
                          f"({esc(c.party or c.description)})" for c in elected)
        key = "declare_elected_1" if len(elected) == 1 else "declare_elected_n"
        for text in w.each(key, names=names, ward=ward_names(ward, w)):
            story.append(Paragraph(text, st.body))
        if result.terms:
            parts: dict[str, list[str]] = {lang: [] for lang in w.languages}
            for years in sorted(set(result.terms.values()), reverse=True):
                who = ", ".join(f"{esc(result.row(cid).candidate.paper_display_name)}"
                                for cid in result.elected if result.terms[cid] == years)
                for lang, text in w.per("term_part", names=who, years=years).items():
                    parts[lang].append(text)
            for text in w.each("terms", parts={k: "; ".join(v) for k, v in parts.items()}):
                story.append(Paragraph(text, st.body))
        story.append(Spacer(1, 3.5 * mm))
    story += papers_section(st, result, w)
    story.append(Spacer(1, 4 * mm))
    story.append(signature_block(st, election, w, name=name, title=title,
                                 declared_at=ward.declared_at, image=image))
    return story


def unfilled(w: Words, result: WardResult) -> list[str]:
    n = result.unfilled_seats
    if n <= 0:
        return []
    return w.each("unfilled_1" if n == 1 else "unfilled_n", n=n)


def unopposed_story(election: ElectionInfo, ward: WardInfo, result: WardResult, st: Styles,
                    w: Words, *, name: str | None, title: str,
                    image: SignatureImage | None) -> list[Flowable]:
    lines = [*where_lines(election, ward, w)[:2], w("poll_day", date=dates(w, election))]
    story = heading(st, election, w, "unopp_title", lines)
    key = "unopp_intro_1" if len(result.candidates) == 1 else "unopp_intro_n"
    for text in intro(w, key, name, title, seats=ward.seats):
        story.append(Paragraph(text, st.body))
    story.append(Spacer(1, 3 * mm))
    story.append(unopposed_table(st, result, w, addresses=election.jurisdiction == WALES))
    gaps = unfilled(w, result)
    if gaps:
        story.append(Spacer(1, 3 * mm))
        for text, more in zip(gaps, w.each("fewer_stood"), strict=True):
            story.append(Paragraph(f"<b>{esc(text)}</b> {esc(more)}", st.body))
    story.append(Spacer(1, 10 * mm))
    story.append(signature_block(st, election, w, name=name, title=title,
                                 declared_at=ward.declared_at, image=image))
    return story


def notice_story(election: ElectionInfo, entries: Sequence[tuple[WardInfo, WardResult]],
                 st: Styles, w: Words, *, name: str | None, title: str,
                 image: SignatureImage | None) -> list[Flowable]:
    story = heading(st, election, w, "notice_title", [
        esc(election.title), w("held_on", date=dates(w, election))])
    for text in intro(w, "notice_intro", name, title):
        story.append(Paragraph(text, st.body))
    story.append(Spacer(1, 3 * mm))
    seats_won: dict[str, int] = {}
    pending: list[str] = []
    abandoned: list[str] = []
    for ward, result in entries:
        story.append(KeepTogether(notice_ward(election, st, w, ward, result)))
        story.append(Spacer(1, 4 * mm))
        if ward.declared_at:
            for cid in result.elected:
                party = result.row(cid).candidate.party or "Independent"
                seats_won[party] = seats_won.get(party, 0) + 1
        elif countermanded(ward, result):
            abandoned.append(ward_name(ward, w))
        else:
            pending.append(ward_name(ward, w))
    if seats_won:
        story.append(KeepTogether(seats_summary(st, election, w, seats_won, pending=pending,
                                                abandoned=abandoned)))
    story.append(Spacer(1, 8 * mm))
    last = sorted(ward.declared_at for ward, _ in entries if ward.declared_at)
    story.append(KeepTogether([signature_block(st, election, w, name=name, title=title,
                                               declared_at=last[-1] if last else None,
                                               image=image, with_time=False)]))
    return story


def notice_ward(election: ElectionInfo, st: Styles, w: Words, ward: WardInfo,
                result: WardResult) -> list[Flowable]:
    seat_text = " / ".join(seats(w, ward.seats).values()) if len(set(seats(w, ward.seats).values())) > 1 \
        else next(iter(seats(w, ward.seats).values()))
    out: list[Flowable] = [Paragraph(
        f"{w.inline('ward_head', ward=ward_names(ward, w))} <font size={st.size}>— {seat_text}</font>",
        st.p("wardhead", fontName=BOLD, fontSize=st.size + 2.5, leading=(st.size + 2.5) * 1.3,
             spaceAfter=2))]
    if countermanded(ward, result):
        out.append(Paragraph(f"<b>{w.inline('countermanded')}</b> {esc(countermand_text(ward))} "
                             f"{w('countermanded_no_result', sep=' ')}", st.cell))
        return out
    if not ward.declared_at:
        out.append(Paragraph(f"<i>{w.inline('not_yet_declared')}</i> "
                             f"({esc(result.status.value.replace('_', ' '))}).", st.cell))
        return out
    declared = stamp(w, ward.declared_at)
    if uncontested(result):
        out.append(unopposed_table(st, result, w, addresses=election.jurisdiction == WALES))
        out.append(Paragraph(w("no_poll_declared", sep=" ", time=declared), st.note))
        for text in unfilled(w, result):
            out.append(Paragraph(f"<b>{esc(text)}</b>", st.cell))
        return out
    out.append(result_table(st, result, w))
    for line in lot_lines(w, result):
        out.append(Paragraph(f"† {line}", st.note))
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    rule = cite(election.jurisdiction, "declaration")
    for lang_i, lead in enumerate(w.each("rejected_under_heads",
                                         total=figure(result.rejected.get("total")), rule=rule)):
        lang = w.languages[lang_i]
        heads = "; ".join(f"{esc(w.per('head_' + h)[lang])}: <b>{figure(result.rejected.get(h))}</b>"
                          for h in REJECTED_HEADS)
        in_part = ""
        if result.seats > 1:
            label = w.per("ballot_papers_label", label=w.per("head_" + REJECTED_IN_PART))[lang]
            in_part = f" {esc(label)}: {figure(result.rejected.get(REJECTED_IN_PART))}."
        out.append(Paragraph(f"{lead} {heads}.{in_part}", st.note))
    for lang in w.languages:
        labels = catalogue(lang)
        out.append(Paragraph(
            f"{labels['electorate']} {figure(result.electorate)} · "
            f"{labels['papers_counted']} {figure(result.ballot_papers_counted)} · "
            f"{labels['turnout']} {turnout} · {labels['declared'].format(time=declared[lang])}", st.note))
    return out


def seats_summary(st: Styles, election: ElectionInfo, w: Words, seats_won: dict[str, int], *,
                  pending: list[str], abandoned: Sequence[str]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(w.inline("seats_by_party"), st.section)]
    show_prev = bool(election.previous_seats)
    head = [Paragraph(w("party"), st.head), Paragraph(w("seats_won"), st.head_num)]
    if show_prev:
        head.append(Paragraph(w("held_before"), st.head_num))
    rows: list[list[Any]] = [head]
    parties = sorted(set(seats_won) | set(election.previous_seats),
                     key=lambda p: (-seats_won.get(p, 0), fold(p)))
    for party in parties:
        row = [Paragraph(esc(party), st.cell), Paragraph(figure(seats_won.get(party, 0)), st.num)]
        if show_prev:
            row.append(Paragraph(figure(election.previous_seats.get(party, 0)), st.num))
        rows.append(row)
    widths = [0.5, 0.2, 0.3] if show_prev else [0.7, 0.3]
    t = Table(rows, colWidths=[BODY_W * x for x in widths])
    t.setStyle(TableStyle(grid(st.pad)))
    out.append(t)
    if pending:
        out.append(Paragraph(w("pending_wards", wards=esc(", ".join(pending))), st.note))
    if abandoned:
        out.append(Paragraph(w("countermanded_wards", wards=esc(", ".join(abandoned))), st.note))
    return out


# ------------------------------------------------ the other documents' frame
def heading_for(st: Styles, election: ElectionInfo, w: Words, title: str,
                lines: Sequence[str]) -> list[Flowable]:
    """The heading of a document titled ``title`` (English): as always in English only,
    each language's title one above the other with two."""
    if not w.bilingual:
        return layout_heading(st, election, title, lines)
    out: list[Flowable] = [Paragraph(esc(election.authority), st.authority), Spacer(1, 2 * mm)]
    for text in w.texts_each(title):
        out.append(Paragraph(esc(text), fit(st.title, text)))
    out.append(Spacer(1, 2 * mm))
    out += [Paragraph(line, st.centre) for line in lines]
    out.append(Rule(BODY_W, 1.2))
    return out


def where_for(election: ElectionInfo, ward: WardInfo, st: Styles, w: Words) -> list[str]:
    return where_lines(election, ward, w) if w.bilingual else layout_where_lines(election, ward, st)


def signature_for(st: Styles, election: ElectionInfo, w: Words, *, name: str | None, title: str,
                  at: str | None, image: SignatureImage | None, with_time: bool = True) -> Table:
    """The signature block, dated ``at`` (a stored UTC time; None: a line to date by hand)."""
    if not w.bilingual:
        dated = declared_time(at) if at else ""
        if dated and not with_time:
            dated = dated.split(" at ")[0]
        return layout_signature_block(st, election, name=name, title=title, dated=dated, image=image)
    return signature_block(st, election, w, name=name, title=title, declared_at=at, image=image,
                           with_time=with_time)


def who(w: Words, name: str | None, title: str) -> dict[str, Any]:
    """The values ``name`` and ``title`` of an "I, <b>{name}</b>, being the {title} ..." sentence."""
    if not w.bilingual:
        return {"name": statement_name(name), "title": esc(title)}
    return {"name": w.per("undersigned") if not name else esc(name),
            "title": {k: esc(v) for k, v in titles(w, title).items()}}


def seats_text(w: Words, n: int) -> dict[str, str] | str:
    return plural(n, "seat") if not w.bilingual else seats(w, n)
