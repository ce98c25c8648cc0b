"""The page-layout toolkit shared by every printed document of the count.

A4 page geometry, colours and type styles; a Paragraph that parses each text
once; rules, ruled grids and the centred heading; the signature block; the
paged canvas (footer with the digest and "Page N of M"), the watermark and
:func:`render`, which turns a story into deterministic PDF bytes (reportlab's
invariant mode); and the small formatting helpers (:func:`figure`,
:func:`esc`, :func:`poll_day`, :func:`declared_time`, :func:`signatory`).

The candidate tables (names, descriptions, the column split, rejected papers,
turnout) are in :mod:`countdesk.reports.tables`; the documents themselves in
:mod:`countdesk.reports.documents` and :mod:`countdesk.reports.notices`.
Nothing here adds up, ranks or decides anything.
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
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

from countdesk import __version__
from countdesk.core import Status, WardResult, fold
from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.reports.digest import short_digest
from countdesk.reports.fonts import BOLD, FAMILY, register_fonts
from countdesk.reports.kinds import RESULT_DIGEST_KINDS

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


class ReportError(Exception):
    """A document that cannot honestly be printed for this result (said in the user's words)."""


#: A signature image: a file path, or the image's bytes (PNG or JPEG).
SignatureImage = str | Path | bytes


# ------------------------------------------------------------------ helpers
def figure(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def esc(text: str | None) -> str:
    return escape(text or "")


def plural(n: int, word: str) -> str:
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


def uk_time(iso: str) -> datetime.datetime | None:
    """A stored UTC time (ISO 8601) in UK local time; None when it is not a time."""
    try:
        at = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    return at.astimezone(_london())


def declared_time(iso: str | None) -> str:
    """A stored UTC time as UK local time: 'Friday 4 May 2018 at 02:14 BST'."""
    if not iso:
        return "not yet declared"
    local = uk_time(iso)
    if local is None:
        return iso
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




def where_lines(election: ElectionInfo, ward: WardInfo, st: Styles) -> list[str]:
    return [f"{esc(election.title)}",
            f"for the <b>{esc(ward.name)}</b> ward ({plural(ward.seats, 'seat')})",
            f"held on {esc(poll_day(election.poll_date))}"]


def statement_name(name: str | None) -> str:
    return esc(name) if name else "the undersigned"




def join_and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]



def check_pair(ward: WardInfo, result: WardResult) -> None:
    if fold(ward.name) != fold(result.ward):
        raise ReportError(f"the result given is for {result.ward}, not for {ward.name}")


def uncontested(result: WardResult) -> bool:
    return (len(result.candidates) <= result.seats
            and all(r.votes is None for r in result.candidates))


def countermanded(ward: WardInfo, result: WardResult) -> bool:
    """The poll in the ward was countermanded (and so nothing was declared)."""
    return result.status is Status.COUNTERMANDED or (
        ward.countermanded_at is not None and ward.declared_at is None)


def countermand_text(ward: WardInfo) -> str:
    """'The poll was countermanded on Friday 4 May 2018 by A. Officer because: reason.'"""
    when = f" on {declared_time(ward.countermanded_at).split(' at ')[0]}" if ward.countermanded_at else ""
    by = f" by {ward.countermanded_by}" if ward.countermanded_by else ""
    why = f" because: {ward.countermand_reason.rstrip('.')}" if ward.countermand_reason else ""
    return f"The poll was countermanded{when}{by}{why}."


def refuse_countermanded(ward: WardInfo, result: WardResult, document: str) -> None:
    """ReportError, in words, for a document that a countermanded poll cannot have."""
    if countermanded(ward, result):
        raise ReportError(f"{ward.name} has no {document}: {countermand_text(ward)} "
                          "No count was made and no result is declared.")



# ------------------------------------------------------------------- styles
@dataclass(frozen=True)
class Styles:
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


def styles_for(n_rows: int) -> Styles:
    """Smaller type and tighter rows for long ballots: twenty candidates fit one sheet."""
    if n_rows <= 9:
        return styles(10.5, 4)
    if n_rows <= 12:
        return styles(10, 3)
    if n_rows <= 15:
        return styles(9.5, 2.5)
    return styles(8.5, 1.5)


@cache
def styles(size: float, pad: float) -> Styles:
    """One set of styles per type size, shared by every document: each paragraph
    style is made once, so a parsed paragraph can be reused (see Paragraph)."""
    return Styles(size, pad)


def grid(pad: float, header: bool = True) -> list[tuple[Any, ...]]:
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


def heading(st: Styles, election: ElectionInfo, title: str, lines: Sequence[str]) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(esc(election.authority), st.authority),
        Spacer(1, 2 * mm),
        Paragraph(esc(title), fit(st.title, title)),
        Spacer(1, 2 * mm),
    ]
    out += [Paragraph(line, st.centre) for line in lines]
    out.append(Rule(BODY_W, 1.2))
    return out


def fit(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """The style, its type made smaller if needed so that ``text`` fits on one line."""
    width = stringWidth(text, style.fontName, style.fontSize)
    if width <= BODY_W:
        return style
    size = style.fontSize * BODY_W / width * 0.98
    return ParagraphStyle(style.name + "-fit", parent=style, fontSize=size, leading=size * 1.25)


#: Parsed paragraphs: (text, id(style)) -> (style, text, style as parsed, fragments, line
#: breaks by width). The style is kept in the entry, so its id cannot be reused while the
#: entry stands; every paragraph of that text and style shares the line breaks.
_PARSED: dict[tuple[str, int], tuple[Any, str, Any, list[Any], dict[float, tuple[Any, ...]]]] = {}
#: at most this many texts kept: with their line breaks, about 10 KB each (London's 624
#: declarations printed in one process: 11 MiB more at 2,048, 28 MiB at 4,096)
_PARSED_MAX = 2048


class Paragraph(_Paragraph):  # type: ignore[misc]
    """reportlab's Paragraph, parsing each text once and remembering its line breaks.

    - Parsing the markup was a fifth of a declaration's time, and most of a
      sheet's paragraphs (headings, labels, party descriptions) recur on every
      sheet: the parse is kept per text and style object (the styles live as long
      as the module, see ``styles``), and each paragraph gets its own copy of the
      fragments.
    - A sheet is laid out three times over, always at the same widths: the
      one-page frame measures everything, the page frame places it, and each
      table cell is measured again as it is drawn. The line breaks are kept for
      each width, and shared by every paragraph of the same text and style (a
      sheet's labels, its parties' descriptions, the next sheet's, and the widths
      the column split tries): each is laid out once. Line breaking depends on
      nothing else, so a shared one is the one it would have made itself.
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
                self._countdesk_wraps: dict[float, tuple[Any, ...]] = {}
                _PARSED[key] = (style, self.text, self.style, self.frags, self._countdesk_wraps)
                self.frags = [f.clone() for f in self.frags]
            return
        _, self.text, self.style, parsed, self._countdesk_wraps = seen
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


class Table(_Table):  # type: ignore[misc]
    """reportlab's Table, measured once for each height it is offered.

    A one-page sheet measures its tables, then measures them again as it draws them,
    at its width less a rounding allowance. With every column's width given in points
    (as all of countdesk's tables have), the width offered changes nothing: the second
    measure is the first one's result."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        fixed = all(isinstance(w, int | float) for w in self._argW)
        if fixed and self.__dict__.get("_countdesk_measured") == availHeight:
            self.availWidth = availWidth
            return self._width, self._height
        w, h = super().wrap(availWidth, availHeight)
        self._countdesk_measured = availHeight if fixed else None
        return w, h


class Rule(Flowable):  # type: ignore[misc]
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


def signature_block(st: Styles, election: ElectionInfo, *, name: str | None, title: str,
                    dated: str, image: SignatureImage | None) -> Table:
    sig = _signature_image(image)
    if dated:
        day, _, at = dated.partition(" at ")
        left: list[Flowable] = [Paragraph(f"<b>Dated</b> {esc(day)}", st.cell)]
        if at:
            left.append(Paragraph(f"<b>Declared at</b> {esc(at)}", st.cell))
    else:
        left = [Paragraph("<b>Dated</b> ..................................................", st.cell)]
    right: list[Flowable] = []
    if sig is not None:
        right.append(sig)
    else:
        right.append(Spacer(1, 11 * mm))
    right.append(Rule(65 * mm, 0.6, 0.5 * mm))
    right.append(Paragraph(f"<b>{esc(name) if name else '&nbsp;'}</b>", st.cell))
    right.append(Paragraph(esc(title), st.cell))
    right.append(Paragraph(esc(election.authority), st.cell_small))
    t = Table([[left, right]], colWidths=[BODY_W - 75 * mm, 75 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


# --------------------------------------------------------------- rendering
@dataclass(frozen=True)
class Meta:
    kind: str
    title: str
    subject: str
    author: str
    digest: str
    ward_id: int | None = None
    #: the audit record the document stands on (its sequence number and hash), printed and
    #: written into the metadata: an anchor of the store's log outside the file
    anchor: tuple[int, str] | None = None

    @property
    def keywords(self) -> str:
        parts = [f"countdesk-kind:{self.kind}"]
        if self.ward_id is not None:
            parts.append(f"countdesk-ward-id:{self.ward_id}")
        parts.append(f"countdesk-digest:sha256:{self.digest}")
        if self.anchor is not None:
            parts.append(f"countdesk-anchor:{self.anchor[0]}:{self.anchor[1]}")
        return " ".join(parts)


class PagedCanvas(Canvas):  # type: ignore[misc]
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


def watermark_painter(text: str) -> Callable[[Canvas, Any], None]:
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


def render(story: list[Flowable], meta: Meta, *, watermark: str | None = None,
           footer_note: str = "") -> bytes:
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=meta.title, author=meta.author, subject=meta.subject,
        keywords=meta.keywords, creator=f"countdesk {__version__}", producer=f"countdesk {__version__}",
        invariant=1)
    on_page = watermark_painter(watermark) if watermark else (lambda canv, doc: None)
    what = "Result digest" if meta.kind in RESULT_DIGEST_KINDS else "Digest"
    footer = f"{what} (SHA-256) {short_digest(meta.digest)} · check with: countdesk verify FILE.pdf"
    if meta.anchor is not None:
        anchor = (f"Stands on audit record {meta.anchor[0]} ({short_digest(meta.anchor[1])}): a store "
                  "is checked against this sheet with countdesk audit-verify --anchor FILE.pdf")
        footer_note = f"{footer_note} · {anchor}" if footer_note else anchor
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=partial(PagedCanvas, footer=footer, footer_right=footer_note))
    return buf.getvalue()


def one_page(story: list[Flowable]) -> list[Flowable]:
    """Keep a sheet on one page: if it would not fit, it is scaled down to fit."""
    height = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PAD - 1
    return [KeepInFrame(BODY_W, height, story, mode="shrink")]

