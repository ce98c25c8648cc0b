"""The printed documents of the count, as PDF bytes.

Every document is built only from what the core computed (:class:`WardResult`)
and what the store holds about the election and the ward (:class:`ElectionInfo`,
:class:`WardInfo`); nothing here adds up, ranks or decides anything.

Output is deterministic (reportlab's invariant mode, no print time on the
page): the same result gives the same bytes, so a signature is the only thing
that differs between two printings.

- :func:`declaration_pdf`: the declaration of result of poll (rule 50), one
  ward per A4 sheet; for an uncontested ward, the declaration of persons
  elected unopposed. Before the ward is declared it prints as a draft.
- :func:`provisional_pdf`: the provisional result for candidates and agents.
- :func:`notice_pdf`: the notice of the result for every ward of the election.
- :func:`verification_pdf`: the statement of the result of the verification.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    KeepInFrame,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph

from countdesk import __version__
from countdesk.core import REJECTED_HEADS, REJECTED_LABELS, CandidateResult, Status, WardResult, fold
from countdesk.core.records import ElectionInfo, VerificationSummary, WardInfo
from countdesk.reports.digest import notice_digest, result_digest, short_digest, verification_digest
from countdesk.reports.fonts import BOLD, FAMILY, register_fonts
from countdesk.reports.kinds import KIND_DECLARATION, KIND_NOTICE, KIND_PROVISIONAL, KIND_VERIFICATION

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_PAD = 6  # reportlab's default frame padding, each side
BODY_W = PAGE_W - 2 * MARGIN_X - 2 * FRAME_PAD

INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.25, 0.25, 0.25)
SHADE = colors.Color(0.9, 0.9, 0.9)
ALERT = colors.Color(0.62, 0.05, 0.05)

PROVISIONAL_MARK = "PROVISIONAL — NOT A DECLARATION"
DRAFT_MARK = "DRAFT — NOT YET DECLARED"
LOT_SENTENCE = ("Following an equality of votes, lots were drawn and, as a consequence, "
                "an additional vote was allotted to {name}.")



class ReportError(Exception):
    """A document that cannot honestly be printed for this result (said in the user's words)."""


@dataclass(frozen=True)
class CorrectionNote:
    """A declared result corrected afterwards: printed on the corrected declaration."""

    reason: str
    at: str  # when the correction was recorded (ISO time)
    by: str | None
    #: what changed, one line each, e.g. "BOURNE, Samantha: 1,405 → 1,450"
    changed: tuple[str, ...] = ()


SignatureImage = str | Path | bytes


# ------------------------------------------------------------------ helpers
def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _e(text: str | None) -> str:
    return escape(text or "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def poll_day(iso_date: str) -> str:
    """'2018-05-03' -> 'Thursday 3 May 2018' (the text as given if it is not a date)."""
    try:
        d = datetime.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{d:%A} {d.day} {d:%B %Y}"


def _london() -> datetime.tzinfo:
    try:
        return ZoneInfo("Europe/London")
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def declared_time(iso: str | None) -> str:
    """A stored UTC time as UK local time: 'Friday 4 May 2018 at 02:14 BST'."""
    if not iso:
        return "not yet declared"
    try:
        at = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    local = at.astimezone(_london())
    zone = local.tzname() or "UTC"
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M} {zone}"


def signatory(election: ElectionInfo, ward: WardInfo, name: str | None = None,
              title: str | None = None) -> tuple[str | None, str]:
    """Who signs, and as what.

    The name is the one given, else the person recorded as declaring the ward,
    else the returning officer named in the election file. Anyone other than
    the named returning officer signs as Deputy Returning Officer.
    """
    who = (name or ward.declared_by or election.returning_officer or "").strip() or None
    if title:
        return who, title
    ro = election.returning_officer
    if who and ro and fold(who) != fold(ro):
        return who, "Deputy Returning Officer"
    return who, "Returning Officer"


def _party_note(c_desc: str, party: str) -> str:
    """The party, when the description on the ballot paper does not already say it."""
    if party and fold(party) not in fold(c_desc):
        return party
    return ""


# ------------------------------------------------------------------- styles
@dataclass(frozen=True)
class _Styles:
    size: float
    pad: float

    def p(self, name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": FAMILY, "fontSize": self.size,
                                "leading": self.size * 1.25, "textColor": INK}
        base.update(kw)
        return ParagraphStyle(name, **base)

    @cached_property
    def body(self) -> ParagraphStyle:
        return self.p("body", alignment=TA_LEFT, leading=self.size * 1.4)

    @cached_property
    def cell(self) -> ParagraphStyle:
        return self.p("cell", alignment=TA_LEFT)

    @cached_property
    def cell_small(self) -> ParagraphStyle:
        return self.p("cellsmall", fontSize=self.size - 1.5, leading=(self.size - 1.5) * 1.2,
                      textColor=GREY)

    @cached_property
    def num(self) -> ParagraphStyle:
        return self.p("num", alignment=TA_RIGHT)

    @cached_property
    def head(self) -> ParagraphStyle:
        return self.p("head", fontName=BOLD, fontSize=self.size - 0.5)

    @cached_property
    def head_num(self) -> ParagraphStyle:
        return self.p("headnum", fontName=BOLD, fontSize=self.size - 0.5, alignment=TA_RIGHT)

    @cached_property
    def note(self) -> ParagraphStyle:
        return self.p("note", fontSize=self.size - 1.5, leading=(self.size - 1.5) * 1.3,
                      textColor=GREY)

    @cached_property
    def centre(self) -> ParagraphStyle:
        return self.p("centre", alignment=TA_CENTER, fontSize=self.size + 1,
                      leading=(self.size + 1) * 1.3)

    @cached_property
    def authority(self) -> ParagraphStyle:
        return self.p("authority", fontName=BOLD, alignment=TA_CENTER, fontSize=15, leading=19)

    @cached_property
    def title(self) -> ParagraphStyle:
        return self.p("title", fontName=BOLD, alignment=TA_CENTER, fontSize=18, leading=23)

    @cached_property
    def subtitle(self) -> ParagraphStyle:
        return self.p("subtitle", fontName=BOLD, alignment=TA_CENTER, fontSize=12.5, leading=16)

    @cached_property
    def section(self) -> ParagraphStyle:
        return self.p("section", fontName=BOLD, fontSize=self.size + 0.5,
                      leading=(self.size + 0.5) * 1.3, spaceBefore=2)


def _styles_for(n_rows: int) -> _Styles:
    """Smaller type and tighter rows for long ballots: twenty candidates fit one sheet."""
    if n_rows <= 9:
        return _styles(10.5, 4)
    if n_rows <= 12:
        return _styles(10, 3)
    if n_rows <= 15:
        return _styles(9.5, 2.5)
    return _styles(8.5, 1.5)


@cache
def _styles(size: float, pad: float) -> _Styles:
    """One set of styles per type size, shared by every document: each paragraph
    style is made once, so a parsed paragraph can be reused (see Paragraph)."""
    return _Styles(size, pad)


def _grid(pad: float, header: bool = True) -> list[tuple[Any, ...]]:
    cmds: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 0.9, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.9, RULE)]
    return cmds


def _heading(st: _Styles, election: ElectionInfo, title: str, lines: Sequence[str]) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(_e(election.authority), st.authority),
        Spacer(1, 2 * mm),
        Paragraph(_e(title), _fit(st.title, title)),
        Spacer(1, 2 * mm),
    ]
    out += [Paragraph(line, st.centre) for line in lines]
    out.append(_Rule(BODY_W, 1.2))
    return out


def _fit(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """The style, its type made smaller if needed so that ``text`` fits on one line."""
    width = stringWidth(text, style.fontName, style.fontSize)
    if width <= BODY_W:
        return style
    size = style.fontSize * BODY_W / width * 0.98
    return ParagraphStyle(style.name + "-fit", parent=style, fontSize=size, leading=size * 1.25)


#: Parsed paragraphs: (text, id(style)) -> (style, text, style as parsed, fragments).
#: The style is kept in the entry, so its id cannot be reused while the entry stands.
_PARSED: dict[tuple[str, int], tuple[Any, str, Any, list[Any]]] = {}
_PARSED_MAX = 4096


class Paragraph(_Paragraph):  # type: ignore[misc]
    """reportlab's Paragraph, parsing each text once and remembering its line breaks.

    - Parsing the markup was a fifth of a declaration's time, and most of a
      sheet's paragraphs (headings, labels, party descriptions) recur on every
      sheet: the parse is kept per text and style object (the styles live as long
      as the module, see ``_styles``), and each paragraph gets its own copy of the
      fragments.
    - A sheet is laid out three times over, always at the same widths: the
      one-page frame measures everything, the page frame places it, and each
      table cell is measured again as it is drawn. The line breaks are kept for
      each width.
    """

    text: str
    style: Any
    frags: list[Any]
    bulletText: Any

    def _setup(self, text: str, style: ParagraphStyle, bulletText: Any, frags: Any,
               cleaner: Callable[[str], str]) -> None:
        if frags is not None or bulletText is not None:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style))
        seen = _PARSED.get(key)
        if seen is None or seen[0] is not style:
            super()._setup(text, style, bulletText, frags, cleaner)
            if self.bulletText is None:
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                _PARSED[key] = (style, self.text, self.style, self.frags)
                self.frags = [f.clone() for f in self.frags]
            return
        _, self.text, self.style, parsed = seen
        self.frags = [f.clone() for f in parsed]
        self.bulletText = None
        self.debug = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo: dict[float, tuple[Any, ...]] = self.__dict__.setdefault("_countdesk_wraps", {})
        seen = memo.get(availWidth)
        if seen is not None:
            self.width, self._wrapWidths, self.blPara, self.height = seen
            return self.width, self.height
        w, h = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__ and self.width == availWidth:
            memo[availWidth] = (self.width, self._wrapWidths, self.blPara, self.height)
        return float(w), float(h)


class _Rule(Flowable):  # type: ignore[misc]
    """A horizontal rule with some space around it."""

    def __init__(self, width: float, thickness: float = 0.6, space: float = 3 * mm) -> None:
        super().__init__()
        self.width = width
        self.thickness = thickness
        self.space = space

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, 2 * self.space + self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(self.thickness)
        y = self.space
        self.canv.line(0, y, self.width, y)


def _candidate_name(c: CandidateResult, st: _Styles, width: float | None = None) -> Paragraph:
    """SURNAME, other names. A surname too long for the column is set smaller, never broken."""
    cand = c.candidate
    text = f"<b>{_e(cand.surname.upper())}</b>"
    if width is not None:
        need = _surname_width(c, st.size)
        room = width - CELL_PAD - 1
        if need > room:
            text = f"<font size={st.size * room / need:.2f}>{text}</font>"
    if cand.forenames:
        text += f", {_e(cand.forenames)}"
    return Paragraph(text, st.cell)


CELL_PAD = 10  # left and right padding of a table cell, together


def _surname_width(c: CandidateResult, size: float) -> float:
    """The width of the longest word of the printed surname (it should not be broken)."""
    words = (c.candidate.surname.upper() + ",").split()
    return float(max(stringWidth(w, BOLD, size) for w in words))


def _split_widths(result: WardResult, st: _Styles, share: float,
                  cells: tuple[list[Paragraph], list[list[Paragraph]]] | None = None
                  ) -> tuple[float, float]:
    """Widths for the name and description columns, sharing ``share`` of the body.

    Tries splits from 30/70 to 70/30, and each split where one more entry just
    fits on one line, and keeps the one that makes the table shortest (long
    names and descriptions wrap onto as few lines as possible), the most even
    among equals. The name column is kept wide enough for the longest surname
    where it can be. ``cells`` are the candidates' name and description cells
    (:func:`_candidate_cells`), when the caller has made them already.
    """
    total = BODY_W * share
    names, descs = cells if cells is not None else _candidate_cells(result, st)
    longest = max((_surname_width(r, st.size) for r in result.candidates), default=0.0)
    min_name = min(longest + CELL_PAD + 1, total * 0.7)

    # the splits worth trying: an even grid, and each point where one more name
    # or description just fits on a single line
    tries = {total * (0.3 + 0.025 * step) for step in range(17)}
    for r in result.candidates:
        c = r.candidate
        one_line_name = (stringWidth(c.surname.upper() + ", ", BOLD, st.size)
                         + stringWidth(c.forenames, FAMILY, st.size) + CELL_PAD + 1)
        one_line_desc = stringWidth(c.description, FAMILY, st.size) + CELL_PAD + 1
        tries |= {one_line_name, total - one_line_desc}
    name_ws = sorted({min(max(width, min_name, total * 0.25), total * 0.75) for width in tries})
    desc_ws = [total - w for w in reversed(name_ws)]  # ascending
    name_h = [_heights([n], name_ws) for n in names]
    desc_h = [_heights(d, desc_ws)[::-1] for d in descs]
    best: tuple[float, float, float] | None = None
    for k, name_w in enumerate(name_ws):
        h = sum(max(nh[k], dh[k]) for nh, dh in zip(name_h, desc_h, strict=True))
        key = (round(h, 1), abs(name_w / total - 0.5), name_w)
        if best is None or key < best:
            best = key
    assert best is not None
    return best[2], total - best[2]


def _candidate_cells(result: WardResult, st: _Styles) -> tuple[list[Paragraph], list[list[Paragraph]]]:
    """Each candidate's name cell and description cell, in ballot order."""
    return ([_candidate_name(r, st) for r in result.candidates],
            [_description(r, st) for r in result.candidates])


def _candidate_rows(result: WardResult, st: _Styles, share: float
                    ) -> tuple[float, float, list[tuple[Paragraph, list[Paragraph]]]]:
    """The name and description column widths (:func:`_split_widths`) and each
    candidate's two cells at those widths (a surname too long for its column set
    smaller); the cells measured to choose the widths are the ones printed."""
    names, descs = _candidate_cells(result, st)
    name_w, desc_w = _split_widths(result, st, share, (names, descs))
    fitted = [name if _surname_width(r, st.size) <= name_w - CELL_PAD - 1
              else _candidate_name(r, st, name_w)
              for r, name in zip(result.candidates, names, strict=True)]
    return name_w, desc_w, list(zip(fitted, descs, strict=True))


def _heights(parts: Sequence[Paragraph], widths: Sequence[float]) -> list[float]:
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


def _description(c: CandidateResult, st: _Styles) -> list[Paragraph]:
    cand = c.candidate
    out = [Paragraph(_e(cand.description) or "&nbsp;", st.cell)]
    note = _party_note(cand.description, cand.party)
    if note:
        out.append(Paragraph(f"Party: {_e(note)}", st.cell_small))
    return out


def _signature_image(image: SignatureImage | None) -> Flowable | None:
    if image is None:
        return None
    source: Any = io.BytesIO(image) if isinstance(image, bytes) else str(image)
    try:
        reader = ImageReader(source)
        w, h = reader.getSize()
    except Exception as exc:
        raise ReportError(f"the signature image cannot be read: {exc}") from None
    max_w, max_h = 55 * mm, 16 * mm
    scale = min(max_w / w, max_h / h)
    if isinstance(image, bytes):
        source = io.BytesIO(image)
    img = Image(source, width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


def _signature_block(st: _Styles, election: ElectionInfo, *, name: str | None, title: str,
                     dated: str, image: SignatureImage | None) -> Table:
    sig = _signature_image(image)
    if dated:
        day, _, at = dated.partition(" at ")
        left: list[Flowable] = [Paragraph(f"<b>Dated</b> {_e(day)}", st.cell)]
        if at:
            left.append(Paragraph(f"<b>Declared at</b> {_e(at)}", st.cell))
    else:
        left = [Paragraph("<b>Dated</b> ..................................................", st.cell)]
    right: list[Flowable] = []
    if sig is not None:
        right.append(sig)
    else:
        right.append(Spacer(1, 11 * mm))
    right.append(_Rule(65 * mm, 0.6, 0.5 * mm))
    right.append(Paragraph(f"<b>{_e(name) if name else '&nbsp;'}</b>", st.cell))
    right.append(Paragraph(_e(title), st.cell))
    right.append(Paragraph(_e(election.authority), st.cell_small))
    t = Table([[left, right]], colWidths=[BODY_W - 75 * mm, 75 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _rejected_table(st: _Styles, result: WardResult) -> Table:
    num_w = 22 * mm
    rows: list[list[Any]] = [[Paragraph("The number of ballot papers rejected was as follows:", st.head),
                              Paragraph("&nbsp;", st.head_num)]]
    for head in REJECTED_HEADS:
        rows.append([Paragraph(_e(REJECTED_LABELS[head]), st.cell),
                     Paragraph(_n(result.rejected.get(head)), st.num)])
    rows.append([Paragraph("<b>Total</b>", st.cell),
                 Paragraph(f"<b>{_n(result.rejected.get('total'))}</b>", st.num)])
    label = REJECTED_LABELS["rejected_in_part"]
    rows.append([Paragraph(f"Ballot papers {_e(label)}", st.cell),
                 Paragraph(_n(result.rejected.get("rejected_in_part")), st.num)])
    t = Table(rows, colWidths=[BODY_W - num_w, num_w])
    style = _grid(st.pad * 0.4)
    style += [("SPAN", (0, 0), (1, 0)),
              ("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.9, RULE),
              ("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE)]
    t.setStyle(TableStyle(style))
    return t


def _turnout_table(st: _Styles, result: WardResult) -> Table:
    """Electorate, ballot papers counted and turnout, in one ruled row."""
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    cells = [("Electorate", _n(result.electorate)),
             ("Ballot papers counted", _n(result.ballot_papers_counted)),
             ("Turnout", turnout)]
    row: list[Any] = []
    for label, value in cells:
        row += [Paragraph(f"<b>{label}</b>", st.cell), Paragraph(value, st.num)]
    t = Table([row], colWidths=[BODY_W * w for w in (0.16, 0.12, 0.30, 0.13, 0.13, 0.16)])
    style = _grid(st.pad * 0.4, header=False)
    style += [("BACKGROUND", (i, 0), (i, 0), SHADE) for i in (0, 2, 4)]
    t.setStyle(TableStyle(style))
    return t


def _papers_section(st: _Styles, result: WardResult) -> list[Flowable]:
    """Rejected papers under each head, then electorate, papers counted and turnout."""
    return [_rejected_table(st, result), Spacer(1, 2.5 * mm), _turnout_table(st, result)]


def _lot_lines(result: WardResult) -> list[str]:
    out = []
    for lot in result.lots:
        cand = result.row(lot.winner_id).candidate
        out.append(LOT_SENTENCE.format(name=_e(cand.display_name)))
    return out


def _check_pair(ward: WardInfo, result: WardResult) -> None:
    if fold(ward.name) != fold(result.ward):
        raise ReportError(f"the result given is for {result.ward}, not for {ward.name}")


def _uncontested(result: WardResult) -> bool:
    return (len(result.candidates) <= result.seats
            and all(r.votes is None for r in result.candidates))


# --------------------------------------------------------------- rendering
@dataclass(frozen=True)
class _Meta:
    kind: str
    title: str
    subject: str
    author: str
    digest: str
    ward_id: int | None = None

    @property
    def keywords(self) -> str:
        parts = [f"countdesk-kind:{self.kind}"]
        if self.ward_id is not None:
            parts.append(f"countdesk-ward-id:{self.ward_id}")
        parts.append(f"countdesk-digest:sha256:{self.digest}")
        return " ".join(parts)


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """Draws the footer (digest, 'Page N of M') once the page count is known."""

    def __init__(self, *args: Any, footer: str = "", footer_right: str = "", **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._footer = footer
        self._footer_right = footer_right
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, 1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        y = MARGIN_BOTTOM - 9 * mm
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        left, right = MARGIN_X + FRAME_PAD, PAGE_W - MARGIN_X - FRAME_PAD
        self.line(left, y + 10, right, y + 10)
        self.setFillColor(GREY)
        self.setFont(FAMILY, 7.5)
        self.drawString(left, y, self._footer)
        self.setFont(BOLD, 8)
        self.setFillColor(INK)
        self.drawRightString(right, y, f"Page {number} of {total}")
        if self._footer_right:
            self.setFont(FAMILY, 7)
            self.setFillColor(GREY)
            self.drawString(left, y - 10, self._footer_right)
        self.restoreState()


def _watermark(text: str) -> Callable[[Canvas, Any], None]:
    def draw(canv: Canvas, doc: Any) -> None:
        canv.saveState()
        angle = math.degrees(math.atan2(PAGE_H, PAGE_W))
        diagonal = math.hypot(PAGE_W, PAGE_H)
        size = min(48.0, 0.78 * diagonal / max(1.0, stringWidth(text, BOLD, 1)))
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(angle)
        canv.setFillColor(ALERT)
        canv.setFillAlpha(0.15)
        canv.setFont(BOLD, size)
        canv.drawCentredString(0, -size / 3, text)
        canv.restoreState()
    return draw


def _render(story: list[Flowable], meta: _Meta, *, watermark: str | None = None,
            footer_note: str = "") -> bytes:
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=meta.title, author=meta.author, subject=meta.subject,
        keywords=meta.keywords, creator=f"countdesk {__version__}", producer=f"countdesk {__version__}",
        invariant=1)
    on_page = _watermark(watermark) if watermark else (lambda canv, doc: None)
    what = "Result digest" if meta.kind in (KIND_DECLARATION, KIND_PROVISIONAL) else "Digest"
    footer = f"{what} (SHA-256) {short_digest(meta.digest)} · check with: countdesk verify FILE.pdf"
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=partial(_PagedCanvas, footer=footer, footer_right=footer_note))
    return buf.getvalue()


def _one_page(story: list[Flowable]) -> list[Flowable]:
    """Keep a sheet on one page: if it would not fit, it is scaled down to fit."""
    height = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PAD - 1
    return [KeepInFrame(BODY_W, height, story, mode="shrink")]


# -------------------------------------------------------------- declaration
def declaration_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                    signatory_name: str | None = None, signatory_title: str | None = None,
                    signature_image: SignatureImage | None = None,
                    correction: CorrectionNote | None = None) -> bytes:
    """The declaration of result of poll for one ward, on one A4 sheet.

    Printed from a declared ward (``ward.declared_at`` set). For a ward that is
    ready but not yet declared it prints as a draft, watermarked
    "DRAFT — NOT YET DECLARED", for reading back before declaring. With a
    ``correction`` (a declared result corrected afterwards) it is titled
    "Corrected declaration" and says what was corrected, when, by whom and why.
    """
    register_fonts()
    _check_pair(ward, result)
    if result.status not in (Status.READY, Status.DECLARED, Status.UNCONTESTED):
        raise ReportError(f"{ward.name} cannot be printed as a declaration: its status is "
                          f"{result.status.value.replace('_', ' ')}")
    name, title = signatory(election, ward, signatory_name, signatory_title)
    digest = result_digest(election, ward, result)
    if _uncontested(result):
        story = _unopposed_story(election, ward, result, name=name, title=title, image=signature_image)
        kind_title = "Declaration of persons elected unopposed"
    else:
        story = _declaration_story(election, ward, result, name=name, title=title,
                                   image=signature_image, correction=correction)
        kind_title = "Declaration of result of poll"
        if correction is not None:
            kind_title = "Corrected declaration of result of poll"
    meta = _Meta(KIND_DECLARATION, f"{kind_title} — {ward.name}",
                 f"{kind_title}, {ward.name}, {election.authority}; result digest (SHA-256) {digest}",
                 name or election.authority, digest, ward.id)
    return _render(_one_page(story), meta, watermark=None if ward.declared_at else DRAFT_MARK)


def _where(election: ElectionInfo, ward: WardInfo, st: _Styles) -> list[str]:
    return [f"{_e(election.title)}",
            f"for the <b>{_e(ward.name)}</b> ward ({_plural(ward.seats, 'seat')})",
            f"held on {_e(poll_day(election.poll_date))}"]


def _statement_name(name: str | None) -> str:
    return _e(name) if name else "the undersigned"


def _declaration_story(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                       name: str | None, title: str, image: SignatureImage | None,
                       correction: CorrectionNote | None = None) -> list[Flowable]:
    st = _styles_for(len(result.candidates))
    heading = "DECLARATION OF RESULT OF POLL"
    if correction is not None:
        heading = "CORRECTED DECLARATION OF RESULT OF POLL"
    story = _heading(st, election, heading, _where(election, ward, st))
    if correction is not None:
        by = f" by {_e(correction.by)}" if correction.by else ""
        changed = "; ".join(_e(c) for c in correction.changed)
        story.append(Paragraph(
            f"<font color='#9e0d0d'><b>This corrects the declaration made on "
            f"{_e(declared_time(ward.declared_at))}.</b></font> Corrected on "
            f"{_e(declared_time(correction.at))}{by}, because: {_e(correction.reason)}"
            + (f". Corrected figures: {changed}." if changed else "."), st.body))
        story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(
        f"I, <b>{_statement_name(name)}</b>, being the {_e(title)} at the above election, give notice "
        "that the number of votes recorded for each candidate was as follows:", st.body))
    story.append(Spacer(1, 3 * mm))

    lot_winners = {lot.winner_id for lot in result.lots}
    rows: list[list[Any]] = [[Paragraph("Name of candidate", st.head),
                              Paragraph("Description (if any)", st.head),
                              Paragraph("Votes", st.head_num),
                              Paragraph("&nbsp;", st.head)]]
    name_w, desc_w, cells = _candidate_rows(result, st, 0.76)
    for r, (name_cell, desc_cell) in zip(result.candidates, cells, strict=True):
        votes = _n(r.declared_votes)
        if r.candidate.id in lot_winners:
            votes += "<super>†</super>"
        rows.append([name_cell, desc_cell, Paragraph(votes, st.num),
                     Paragraph("<b>Elected</b>" if r.elected else "&nbsp;", st.cell)])
    table = Table(rows, colWidths=[name_w, desc_w, BODY_W * 0.12, BODY_W * 0.12], repeatRows=1)
    table.setStyle(TableStyle(_grid(st.pad)))
    story.append(table)
    story.append(Spacer(1, 1.5 * mm))
    story.append(Paragraph("The word ‘Elected’ appears against the name of each candidate elected.",
                           st.note))
    for line in _lot_lines(result):
        story.append(Spacer(1, 1.5 * mm))
        story.append(Paragraph(f"† {line}", st.body))
    story.append(Spacer(1, 3 * mm))
    elected = [result.row(cid).candidate for cid in result.elected]
    if elected:
        names = _join([f"<b>{_e(c.forenames)} {_e(c.surname.upper())}</b> ({_e(c.party or c.description)})"
                       for c in elected])
        verb = "is" if len(elected) == 1 else "are"
        story.append(Paragraph(
            f"And I declare that {names} {verb} duly elected for the {_e(ward.name)} ward.", st.body))
        story.append(Spacer(1, 3.5 * mm))
    story += _papers_section(st, result)
    story.append(Spacer(1, 4 * mm))
    story.append(_signature_block(st, election, name=name, title=title,
                                  dated=declared_time(ward.declared_at), image=image))
    return story


def _unopposed_story(election: ElectionInfo, ward: WardInfo, result: WardResult, *,
                     name: str | None, title: str, image: SignatureImage | None) -> list[Flowable]:
    st = _styles_for(len(result.candidates))
    story = _heading(st, election, "DECLARATION OF PERSONS ELECTED UNOPPOSED",
                     [*_where(election, ward, st)[:2], f"poll day {_e(poll_day(election.poll_date))}"])
    story.append(Paragraph(
        f"I, <b>{_statement_name(name)}</b>, being the {_e(title)} at the above election, give notice "
        f"that the number of candidates standing nominated did not exceed the number of "
        f"Councillors to be elected ({ward.seats}), that no poll was taken, and that the following "
        f"{'is' if len(result.candidates) == 1 else 'are'} duly elected without a contest:", st.body))
    story.append(Spacer(1, 3 * mm))
    rows: list[list[Any]] = [[Paragraph("Name of candidate", st.head),
                              Paragraph("Description (if any)", st.head), Paragraph("&nbsp;", st.head)]]
    for r in result.candidates:
        rows.append([_candidate_name(r, st), _description(r, st),
                     Paragraph("<b>Elected unopposed</b>", st.cell)])
    table = Table(rows, colWidths=[BODY_W * 0.36, BODY_W * 0.38, BODY_W * 0.26], repeatRows=1)
    table.setStyle(TableStyle(_grid(st.pad)))
    story.append(table)
    story.append(Spacer(1, 10 * mm))
    story.append(_signature_block(st, election, name=name, title=title,
                                  dated=declared_time(ward.declared_at), image=image))
    return story


# -------------------------------------------------------------- provisional
def provisional_pdf(election: ElectionInfo, ward: WardInfo, result: WardResult) -> bytes:
    """The provisional result for candidates and agents, watermarked as not a declaration."""
    register_fonts()
    _check_pair(ward, result)
    if result.status is Status.UNCONTESTED or _uncontested(result):
        raise ReportError(f"{ward.name} is uncontested: there was no poll and no provisional result")
    if result.status is Status.INCOMPLETE:
        first = result.errors[0].message if result.errors else "the count is not complete"
        raise ReportError(f"{ward.name} has no provisional result yet ({first})")
    st = _styles_for(len(result.candidates) + 3)
    seats = _plural(ward.seats, "seat")
    story = _heading(st, election, "PROVISIONAL RESULT", [
        f"<b>{_e(ward.name)}</b> ward — {seats} — {_e(poll_day(election.poll_date))}",
        f"Round {result.round_number} of the count · shown to candidates and agents · "
        "this is not a declaration"])

    if result.tie is not None:
        tied = [result.row(cid).candidate for cid in result.tie.candidate_ids]
        names = _join([f"{c.ballot_name} ({c.party or c.description})" for c in tied])
        banner = Paragraph(
            f"<b>EQUALITY OF VOTES — LOTS MUST BE DRAWN (rule 49)</b><br/>{_e(names)} each have "
            f"{_n(result.tie.votes)} votes for {_plural(result.tie.seats, 'seat')}. The returning "
            "officer decides between them by lot; the winner is treated as having one more vote.",
            st.p("banner", textColor=ALERT, alignment=TA_CENTER, leading=st.size * 1.35))
        bt = Table([[banner]], colWidths=[BODY_W])
        bt.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.6, ALERT),
                                ("TOPPADDING", (0, 0), (-1, -1), 6),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story += [bt, Spacer(1, 4 * mm)]

    show_declared = any(r.declared_votes != r.votes for r in result.candidates)
    head = [Paragraph("Pos.", st.head_num), Paragraph("Candidate", st.head),
            Paragraph("Description / party", st.head), Paragraph("Votes", st.head_num)]
    if show_declared:
        head.append(Paragraph("After lot", st.head_num))
    head.append(Paragraph("&nbsp;", st.head))
    rows: list[list[Any]] = [head]
    for r in result.by_position():
        mark = {True: "<b>Elected</b>", False: "&nbsp;",
                None: "<font color='#9e0d0d'><b>TIED</b></font>"}[r.elected]
        row: list[Any] = [Paragraph("" if r.position is None else str(r.position), st.num),
                          _candidate_name(r, st), _description(r, st), Paragraph(_n(r.votes), st.num)]
        if show_declared:
            row.append(Paragraph(_n(r.declared_votes) if r.declared_votes != r.votes else "&nbsp;",
                                 st.num))
        row.append(Paragraph(mark, st.cell))
        rows.append(row)
    widths = [0.06, 0.29, 0.34, 0.1, 0.1, 0.11] if show_declared else [0.07, 0.33, 0.34, 0.12, 0.14]
    table = Table(rows, colWidths=[BODY_W * w for w in widths], repeatRows=1)
    table.setStyle(TableStyle(_grid(st.pad)))
    story += [table, Spacer(1, 2 * mm)]
    if result.margin is not None:
        ranked = result.by_position()
        if len(ranked) > result.seats:
            last_in, first_out = ranked[result.seats - 1], ranked[result.seats]
            story.append(Paragraph(
                f"Margin for the last seat, on the votes counted: <b>{_plural(result.margin, 'vote')}</b> "
                f"({_e(last_in.candidate.ballot_name)}, {_e(last_in.candidate.party)}: {_n(last_in.votes)}; "
                f"{_e(first_out.candidate.ballot_name)}, {_e(first_out.candidate.party)}: "
                f"{_n(first_out.votes)}).", st.body))
            story.append(Spacer(1, 1.5 * mm))
    for lot in result.lots:
        cand = result.row(lot.winner_id).candidate
        witnesses = f", witnessed by {_e(', '.join(lot.witnesses))}" if lot.witnesses else ""
        story.append(Paragraph(
            f"{LOT_SENTENCE.format(name=_e(cand.display_name))} Method: {_e(lot.method)}{witnesses}.",
            st.body))
    story.append(Spacer(1, 3 * mm))
    story += _papers_section(st, result)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(
        "Any candidate or election agent may ask the returning officer for a recount before the "
        "result is declared. The figures may change after a recount; only the declaration of result "
        "of poll, signed by the returning officer, is the result.", st.note))
    digest = result_digest(election, ward, result)
    meta = _Meta(KIND_PROVISIONAL, f"Provisional result — {ward.name}",
                 f"Provisional result (not a declaration), {ward.name}, round {result.round_number}, "
                 f"{election.authority}; result digest (SHA-256) {digest}",
                 election.returning_officer or election.authority, digest, ward.id)
    return _render(_one_page(story), meta, watermark=PROVISIONAL_MARK,
                   footer_note=f"Provisional — round {result.round_number} — not a declaration")


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ------------------------------------------------------------------ notice
def notice_pdf(election: ElectionInfo, entries: Sequence[tuple[WardInfo, WardResult]], *,
               signatory_name: str | None = None,
               signature_image: SignatureImage | None = None) -> bytes:
    """The public notice of the result of the election: every ward, in order.

    Wards not yet declared are listed as such, never with their figures.
    """
    register_fonts()
    if not entries:
        raise ReportError("the election has no wards")
    for w, r in entries:
        _check_pair(w, r)
    st = _styles(9, 2)
    name = (signatory_name or election.returning_officer or "").strip() or None
    title = "Returning Officer"
    if name and election.returning_officer and fold(name) != fold(election.returning_officer):
        title = "Deputy Returning Officer"
    story = _heading(st, election, "NOTICE OF ELECTION RESULT", [
        _e(election.title), f"held on {_e(poll_day(election.poll_date))}"])
    story.append(Paragraph(
        f"I, <b>{_statement_name(name)}</b>, being the {title} at the above election, give notice "
        "that the number of votes recorded for each candidate in each ward, and the candidates "
        "elected, were as follows.", st.body))
    story.append(Spacer(1, 3 * mm))
    seats_won: dict[str, int] = {}
    pending: list[str] = []
    for ward, result in entries:
        block = _notice_ward(st, ward, result)
        story.append(KeepTogether(block))
        story.append(Spacer(1, 4 * mm))
        if ward.declared_at:
            for cid in result.elected:
                party = result.row(cid).candidate.party or "Independent"
                seats_won[party] = seats_won.get(party, 0) + 1
        else:
            pending.append(ward.name)
    if seats_won:
        story.append(KeepTogether(_seats_summary(st, election, seats_won, pending)))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([_signature_block(st, election, name=name, title=title,
                                                dated=_notice_date(entries), image=signature_image)]))
    digest = notice_digest(election, entries)
    meta = _Meta(KIND_NOTICE, f"Notice of election result — {election.authority}",
                 f"Notice of election result, {election.title}, {election.authority}; "
                 f"digest (SHA-256) {digest}", name or election.authority, digest)
    return _render(story, meta)


def _notice_date(entries: Sequence[tuple[WardInfo, WardResult]]) -> str:
    times = sorted(w.declared_at for w, _ in entries if w.declared_at)
    if not times:
        return ""
    return declared_time(times[-1]).split(" at ")[0]


def _notice_ward(st: _Styles, ward: WardInfo, result: WardResult) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(
        f"{_e(ward.name)} ward <font size={st.size}>— {_plural(ward.seats, 'seat')}</font>",
        st.p("wardhead", fontName=BOLD, fontSize=st.size + 2.5, leading=(st.size + 2.5) * 1.3,
             spaceAfter=2))]
    if not ward.declared_at:
        out.append(Paragraph(
            f"<i>Not yet declared</i> (status: {_e(result.status.value.replace('_', ' '))}).", st.cell))
        return out
    if _uncontested(result):
        rows: list[list[Any]] = [[Paragraph("Name of candidate", st.head),
                                  Paragraph("Description (if any)", st.head), Paragraph("&nbsp;", st.head)]]
        for r in result.candidates:
            rows.append([_candidate_name(r, st), _description(r, st),
                         Paragraph("<b>Elected unopposed</b>", st.cell)])
        t = Table(rows, colWidths=[BODY_W * 0.36, BODY_W * 0.38, BODY_W * 0.26])
        t.setStyle(TableStyle(_grid(st.pad)))
        out.append(t)
        out.append(Paragraph(f"No poll. Declared {_e(declared_time(ward.declared_at))}.", st.note))
        return out
    lot_winners = {lot.winner_id for lot in result.lots}
    rows = [[Paragraph("Name of candidate", st.head), Paragraph("Description (if any)", st.head),
             Paragraph("Votes", st.head_num), Paragraph("&nbsp;", st.head)]]
    name_w, desc_w, cells = _candidate_rows(result, st, 0.76)
    for r, (name_cell, desc_cell) in zip(result.candidates, cells, strict=True):
        votes = _n(r.declared_votes) + ("<super>†</super>" if r.candidate.id in lot_winners else "")
        rows.append([name_cell, desc_cell, Paragraph(votes, st.num),
                     Paragraph("<b>Elected</b>" if r.elected else "&nbsp;", st.cell)])
    t = Table(rows, colWidths=[name_w, desc_w, BODY_W * 0.12, BODY_W * 0.12])
    t.setStyle(TableStyle(_grid(st.pad)))
    out.append(t)
    for line in _lot_lines(result):
        out.append(Paragraph(f"† {line}", st.note))
    turnout = "—" if result.turnout_pct is None else f"{result.turnout_pct}%"
    out.append(Paragraph(
        f"Rejected ballot papers {_n(result.rejected.get('total'))} · Electorate {_n(result.electorate)} · "
        f"Ballot papers counted {_n(result.ballot_papers_counted)} · Turnout {turnout} · "
        f"Declared {_e(declared_time(ward.declared_at))}", st.note))
    return out


def _seats_summary(st: _Styles, election: ElectionInfo, seats_won: dict[str, int],
                   pending: list[str]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Seats won, by party", st.section)]
    show_prev = bool(election.previous_seats)
    head = [Paragraph("Party", st.head), Paragraph("Seats won", st.head_num)]
    if show_prev:
        head.append(Paragraph("Held before the election", st.head_num))
    rows: list[list[Any]] = [head]
    parties = sorted(set(seats_won) | set(election.previous_seats),
                     key=lambda p: (-seats_won.get(p, 0), fold(p)))
    for party in parties:
        row = [Paragraph(_e(party), st.cell), Paragraph(_n(seats_won.get(party, 0)), st.num)]
        if show_prev:
            row.append(Paragraph(_n(election.previous_seats.get(party, 0)), st.num))
        rows.append(row)
    widths = [0.5, 0.2, 0.3] if show_prev else [0.7, 0.3]
    t = Table(rows, colWidths=[BODY_W * w for w in widths])
    t.setStyle(TableStyle(_grid(st.pad)))
    out.append(t)
    if pending:
        out.append(Paragraph(f"Not included: wards not yet declared ({_e(', '.join(pending))}).", st.note))
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
    _check_pair(ward, result)
    if _uncontested(result):
        raise ReportError(f"{ward.name} is uncontested: there was no poll to verify")
    if summary is not None and summary.ward_id != ward.id:
        raise ReportError(f"the verification given is for {summary.ward}, not for {ward.name}")
    boxes = summary.boxes if summary is not None else ()
    st = _styles(10, 3.5) if len(boxes) < 12 else _styles(9, 2)
    name, title = signatory(election, ward, signatory_name)
    story = _heading(st, election, "STATEMENT OF THE RESULT OF THE VERIFICATION",
                     _where(election, ward, st))
    story.append(Paragraph(
        f"I, <b>{_statement_name(name)}</b>, being the {_e(title)} at the above election, give notice "
        "that the ballot paper accounts for this ward were verified, and that the ballot papers "
        "were then counted, as follows:", st.body))
    story.append(Spacer(1, 4 * mm))
    notes: list[str] = []
    if summary is not None and boxes:
        story += _verification_boxes(st, summary)
        story.append(Spacer(1, 3 * mm))
        if summary.explanation and summary.explanation_current:
            who = f" ({_e(summary.explained_by)})" if summary.explained_by else ""
            text = "<br/>".join(_e(line) for line in summary.explanation.split("\n"))
            story.append(Paragraph(f"<b>Explanation of the variance</b>{who}:<br/>{text}", st.body))
            story.append(Spacer(1, 3 * mm))
        elif summary.variance:
            notes.append(f"No explanation of the variance of {summary.variance:+,} has been recorded "
                         "since the verification was last changed.")
        if not summary.complete:
            notes.append("The verification is not complete: some entries have no papers counted yet.")

    verified = ward.ballot_papers_verified
    counted = result.ballot_papers_counted
    separate = result.papers_source == "counted"
    if verified is not None and counted is not None and separate:
        difference = f"{counted - verified:+,}" if counted != verified else "none"
    else:
        difference = "—"
    rows = [
        [Paragraph("<b>Total ballot papers verified</b> (polling station ballot boxes and postal "
                   "ballot papers)", st.cell), Paragraph(f"<b>{_n(verified)}</b>", st.num)],
        [Paragraph("Ballot papers counted at the count (valid and rejected)", st.cell),
         Paragraph(_n(counted) if separate else "—", st.num)],
        [Paragraph("<b>Difference</b> (counted less verified)", st.cell),
         Paragraph(f"<b>{difference}</b>", st.num)],
    ]
    t = Table(rows, colWidths=[BODY_W - 35 * mm, 35 * mm])
    t.setStyle(TableStyle(_grid(st.pad, header=False)))
    story += [t, Spacer(1, 3 * mm)]
    if not separate and counted is not None:
        notes.append("No separate figure for the ballot papers counted was recorded for this ward; "
                     "the verified total stands as the number of ballot papers counted.")
    if result.ballot_papers_counted is None:
        notes.append("The ballot papers have not been counted yet.")
    for w in result.warnings:
        if w.code == "W001":
            state = "acknowledged by the returning officer" if w.acknowledged else "not yet acknowledged"
            notes.append(f"Difference between the count and the verification: {_e(w.message)} ({state}).")
    if not boxes:
        notes.append("No figures for the individual ballot boxes or postal ballot papers are recorded "
                     "in countdesk for this ward: they are those on the presiding officers' ballot "
                     "paper accounts and the postal voting statement, and are not repeated here.")
    for n in notes:
        story.append(Paragraph(n, st.note))
        story.append(Spacer(1, 1.5 * mm))
    story.append(Spacer(1, 10 * mm))
    story.append(KeepTogether([_signature_block(st, election, name=name, title=title, dated="",
                                                image=signature_image)]))
    digest = verification_digest(election, ward, result, summary)
    meta = _Meta(KIND_VERIFICATION, f"Statement of the result of the verification — {ward.name}",
                 f"Statement of the result of the verification, {ward.name}, {election.authority}; "
                 f"digest (SHA-256) {digest}", name or election.authority, digest, ward.id)
    return _render(story, meta)


def _verification_boxes(st: _Styles, summary: VerificationSummary) -> list[Flowable]:
    head = [Paragraph("Ballot box / polling station", st.head),
            Paragraph("Papers issued (ballot paper account)", st.head_num),
            Paragraph("Papers counted", st.head_num), Paragraph("Variance", st.head_num)]
    rows: list[list[Any]] = [head]
    for kind, prefix in (("box", ""), ("postal", "Postal ballot papers: ")):
        for b in summary.boxes:
            if b.kind != kind:
                continue
            label = "" if "postal" in b.label.lower() else prefix
            variance = "—" if b.variance is None else (f"{b.variance:+,}" if b.variance else "0")
            rows.append([Paragraph(f"{label}{_e(b.label)}", st.cell), Paragraph(_n(b.issued), st.num),
                         Paragraph(_n(b.counted), st.num), Paragraph(variance, st.num)])
    total_var = f"{summary.variance:+,}" if summary.variance else "0"
    rows.append([Paragraph("<b>Total</b>", st.cell), Paragraph(f"<b>{_n(summary.total_issued)}</b>", st.num),
                 Paragraph(f"<b>{_n(summary.total_counted)}</b>", st.num),
                 Paragraph(f"<b>{total_var}</b>", st.num)])
    t = Table(rows, colWidths=[BODY_W * w for w in (0.43, 0.21, 0.18, 0.18)], repeatRows=1)
    style = _grid(st.pad * 0.6)
    style.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.9, RULE))
    t.setStyle(TableStyle(style))
    out: list[Flowable] = [t]
    out.append(Paragraph(
        f"Of the papers counted: {_n(summary.box_counted)} from ballot boxes, "
        f"{_n(summary.postal_counted)} postal ballot papers.", st.note))
    return out
