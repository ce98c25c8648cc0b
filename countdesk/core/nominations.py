"""The statement of persons nominated, read from a CSV file (pure: bytes in, rows out).

The caller reads the file and hands over its bytes. Columns (a heading row is
required; headings ignore case, and spaces, underscores and hyphens are the
same): ``ward``, ``surname``, ``forenames`` (or ``other names``),
``description``, and optionally ``party`` (defaults to the description),
``colour`` (``#RRGGBB``), ``seats`` and ``electorate`` (needed only for wards
that do not exist yet; they must agree across the rows of one ward).

Text may be UTF-8 (with or without a byte order mark) or Windows-1252 as
Excel writes "CSV (Comma delimited)"; UTF-16 ("Unicode Text"), workbooks and
other binary files are refused with a message saying how to save the file.
Commas, semicolons (Excel in many European locales) and tabs are recognised
from the heading row; an Excel ``sep=;`` first line is honoured.

Every line is checked; all the bad lines are reported together in one
:class:`NominationsError`, and a file with any bad line yields nothing.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from countdesk.core.ballot import fold, positions_problem, same_person
from countdesk.core.electionfile import MAX_ADDRESS, ElectionFileError, clean_text
from countdesk.core.model import Candidate
from countdesk.core.parties import PartyIdError, clean_party_id
from countdesk.core.validation import FigureError, parse_figure

#: A statement of persons nominated is a few kilobytes; refuse anything absurd.
MAX_BYTES = 5 * 1024 * 1024
#: The longest ward name accepted (as in the ward set-up).
MAX_WARD_NAME = 100
#: How many problems the one-line summary spells out (``.problems`` has them all).
SUMMARY_PROBLEMS = 5

#: Heading (folded, spaces for underscores and hyphens) -> field.
HEADINGS: dict[str, str] = {
    "ward": "ward",
    "ward name": "ward",
    "surname": "surname",
    "forenames": "forenames",
    "other names": "forenames",
    "description": "description",
    "party": "party",
    "colour": "colour",
    "color": "colour",
    "seats": "seats",
    "electorate": "electorate",
    "party id": "party_id",
    "commonly used forenames": "commonly_used_forenames",
    "commonly used other names": "commonly_used_forenames",
    "commonly used surname": "commonly_used_surname",
    "ballot position": "ballot_position",
    "address": "address",
    "home address": "address",
}
REQUIRED_COLUMNS: tuple[str, ...] = ("ward", "surname", "forenames", "description")
COLUMNS: tuple[str, ...] = (*REQUIRED_COLUMNS, "party", "colour", "seats", "electorate",
                            "party_id", "commonly_used_forenames", "commonly_used_surname",
                            "ballot_position", "address")

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_SEP_LINE = re.compile(r"sep=(.)", re.IGNORECASE)
_SAVE_AS = "save it from Excel as \"CSV UTF-8 (Comma delimited)\""


class NominationsError(ValueError):
    """A nominations file that cannot be imported.

    ``problems`` lists every problem as ``(line, message)``; line 0 means the
    file as a whole. ``str()`` is a one-line summary naming the lines.
    """

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems: list[tuple[int, str]] = list(problems) or [(0, "the file cannot be read")]
        super().__init__(summarise(self.problems))


def summarise(problems: list[tuple[int, str]]) -> str:
    """``3 bad lines: line 4: surname is empty; line 7: ...`` (or the file-level reason)."""
    lines = sorted({n for n, _ in problems if n > 0})
    shown = [f"line {n}: {m}" if n > 0 else m for n, m in problems[:SUMMARY_PROBLEMS]]
    more = len(problems) - len(shown)
    text = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    if not lines:
        return text
    return f"{len(lines)} bad line{'s' if len(lines) != 1 else ''}: {text}"


@dataclass(frozen=True)
class Nomination:
    """One candidate from the statement of persons nominated.

    ``seats`` and ``electorate`` are the ward's, taken from whichever lines of
    that ward give them (None when no line does). ``ward`` is spelt as on the
    ward's first line. ``line`` is the file line the row starts on.
    """

    ward: str
    surname: str
    forenames: str
    description: str
    party: str
    colour: str | None
    seats: int | None
    electorate: int | None
    line: int
    party_id: str | None = None
    commonly_used_forenames: str = ""
    commonly_used_surname: str = ""
    ballot_position: int | None = None
    #: the candidate's address (printed on a Welsh notice of an unopposed return only)
    address: str = ""


def check_colour(value: str | None, where: str = "colour") -> str | None:
    """A party colour ``#RRGGBB`` (returned in capitals), or None when empty."""
    text = (value or "").strip()
    if not text:
        return None
    if not _COLOUR.fullmatch(text):
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise ElectionFileError(f"{where} {shown!r} is not a colour like #1F6FB2")
    return text.upper()


def parse_nominations(data: bytes) -> list[Nomination]:
    """Read and check a whole nominations CSV file. Raises NominationsError."""
    text = _decode(data)
    lines = text.split("\n")
    numbered = [(i, line) for i, line in enumerate(lines, 1)]
    first = next(((n, line) for n, line in numbered if line.strip(" \t,;")), None)
    if first is None:
        raise NominationsError([(0, "the file is empty")])
    header_line, header_text = first
    delimiter: str | None = None
    sep = _SEP_LINE.fullmatch(header_text.strip())
    if sep:
        delimiter = sep.group(1)
        after = next(((n, line) for n, line in numbered[header_line:] if line.strip(" \t,;")), None)
        if after is None:
            raise NominationsError([(0, "the file has no heading row")])
        header_line, header_text = after
    if delimiter is None:
        delimiter = _sniff(header_text)
    columns = _header(header_text, delimiter, header_line)
    rows = _records(lines[header_line:], delimiter, header_line)
    return _check_rows(rows, columns)


# ------------------------------------------------------------------ decoding
def _decode(data: bytes) -> str:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise NominationsError([(0, "the file could not be read as bytes")])
    raw = bytes(data)
    if len(raw) > MAX_BYTES:
        raise NominationsError([(0, f"the file is {len(raw) // 1024:,} KB; a statement of persons "
                                    "nominated is far smaller (is this the right file?)")])
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise NominationsError([(0, f"the file is saved as UTF-32 text; {_SAVE_AS}")])
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NominationsError([(0, "the file is saved as UTF-16 (Excel's \"Unicode Text\"); "
                                    f"{_SAVE_AS}")])
    if raw.startswith(b"PK\x03\x04"):
        raise NominationsError([(0, "this is an Excel workbook (.xlsx) or another zip file, not a "
                                    f"CSV file; {_SAVE_AS}")])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise NominationsError([(0, f"this is an old Excel workbook (.xls), not a CSV file; {_SAVE_AS}")])
    if raw.startswith(b"%PDF"):
        raise NominationsError([(0, "this is a PDF, not a CSV file; type the nominations into a "
                                    f"spreadsheet and {_SAVE_AS}")])
    if b"\x00" in raw:
        nuls = raw.count(b"\x00")
        odd = raw[1::2].count(b"\x00")
        even = raw[0::2].count(b"\x00")
        if nuls * 3 >= len(raw) and max(odd, even) * 10 >= nuls * 9:
            raise NominationsError([(0, "the file looks like UTF-16 text (Excel's \"Unicode Text\"); "
                                        f"{_SAVE_AS}")])
        where = _line_of(raw, raw.index(b"\x00"))
        raise NominationsError([(0, f"the file holds binary data (a NUL byte on line {where}), "
                                    "not CSV text")])
    if not raw.replace(codecs.BOM_UTF8, b"", 1).strip():
        raise NominationsError([(0, "the file is empty")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if raw.startswith(codecs.BOM_UTF8):
            raise NominationsError([(_line_of(raw, exc.start),
                                     f"the file says it is UTF-8 but byte 0x{raw[exc.start]:02X} is "
                                     f"not UTF-8 (the file mixes encodings); {_SAVE_AS}")]) from None
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise NominationsError([(_line_of(raw, exc2.start),
                                     f"byte 0x{raw[exc2.start]:02X} is neither UTF-8 nor Windows-1252 "
                                     f"text: this is not a CSV text file; {_SAVE_AS}")]) from None
    text = text.rstrip("\x1a")  # an old DOS end-of-file mark
    controls = len(_CONTROLS.findall(text))
    if controls > 8 and controls * 20 > len(text):
        raise NominationsError([(0, "the file holds binary data, not CSV text")])
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Control characters that do not belong in CSV text (tab and line ends do).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _line_of(raw: bytes, pos: int) -> int:
    return raw.count(b"\n", 0, pos) + 1


# -------------------------------------------------------------------- header
def _heading(cell: str) -> str:
    return " ".join(fold(cell).replace("_", " ").replace("-", " ").split())


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _sniff(header: str) -> str:
    best, best_known = ",", -1
    for delimiter in (",", ";", "\t"):
        known = sum(1 for cell in _split(header, delimiter) if _heading(cell) in HEADINGS)
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _header(text: str, delimiter: str, line: int) -> list[str | None]:
    """The field of each column (None for a column without a heading)."""
    cells = _split(text, delimiter)
    columns: list[str | None] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for cell in cells:
        name = _heading(cell)
        if not name:
            columns.append(None)
            continue
        field = HEADINGS.get(name)
        if field is None:
            shown = cell.strip() if len(cell.strip()) <= 30 else cell.strip()[:30] + "…"
            problems.append(f"unknown column {shown!r}")
            columns.append(None)
            continue
        if field in seen:
            problems.append(f"the columns {seen[field]!r} and {cell.strip()!r} are the same column")
        seen[field] = cell.strip()
        columns.append(field)
    if not seen:
        shown = ", ".join(repr(c.strip()[:30]) for c in cells[:4] if c.strip())
        raise NominationsError([(line, "the first line must be a heading row naming the columns ("
                                       + ", ".join(REQUIRED_COLUMNS) + ", …)"
                                       + (f"; it reads {shown}" if shown else ""))])
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        problems.append("the heading row has no " + ", ".join(repr(m) for m in missing)
                        + " column" + ("s" if len(missing) > 1 else ""))
    if problems:
        problems[-1] += " (the columns are: " + ", ".join(COLUMNS) + ")"
        raise NominationsError([(line, p) for p in problems])
    return columns


# -------------------------------------------------------------------- rows
def _records(lines: list[str], delimiter: str, offset: int) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record after the heading row, with the file line it starts on."""
    source = (line + "\n" for line in lines)
    reader = csv.reader(source, delimiter=delimiter, strict=False)
    previous = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise NominationsError([(offset + previous + 1, f"this line cannot be read as CSV ({exc})")]) \
                from None
        start = offset + previous + 1
        previous = reader.line_num
        yield start, record


@dataclass
class _Ward:
    name: str
    line: int
    seats: int | None = None
    seats_line: int = 0
    electorate: int | None = None
    electorate_line: int = 0


def _check_rows(rows: Iterator[tuple[int, list[str]]], columns: list[str | None]) -> list[Nomination]:
    problems: list[tuple[int, str]] = []
    wards: dict[str, _Ward] = {}
    kept: list[tuple[str, int, dict[str, str]]] = []  # (ward key, line, cleaned fields)
    people: dict[str, list[tuple[Candidate, int]]] = {}
    for line, record in rows:
        if not any(cell.strip() for cell in record):
            continue  # blank line, or an empty spreadsheet row (",,,,")
        before = len(problems)

        def bad(message: str, line: int = line) -> None:
            problems.append((line, message))

        values: dict[str, str] = {}
        for i, cell in enumerate(record):
            field = columns[i] if i < len(columns) else None
            if field is None:
                if cell.strip():
                    where = f"column {i + 1}"
                    bad(f"there is a value in {where}, which has no heading" if i < len(columns)
                        else f"there are more values than columns (a value in {where})")
                continue
            values[field] = cell
        cleaned: dict[str, str] = {}
        for field in ("ward", "surname", "forenames", "description", "party",
                      "commonly_used_forenames", "commonly_used_surname", "address"):
            label = "ward name" if field == "ward" else field.replace("_", " ")
            limit = {"ward": MAX_WARD_NAME, "address": MAX_ADDRESS}.get(field, 200)
            try:
                cleaned[field] = clean_text(values.get(field, ""), label,
                                            required=field in ("ward", "surname"), max_len=limit)
            except ElectionFileError as exc:
                bad(str(exc))
        try:
            colour = check_colour(values.get("colour", ""), "colour")
        except ElectionFileError as exc:
            bad(str(exc))
            colour = None
        try:
            party_id = clean_party_id(values.get("party_id", ""))
        except PartyIdError as exc:
            bad(f"party_id {exc}")
            party_id = None
        position = _number(values.get("ballot_position", ""), "ballot position", bad)
        seats = _number(values.get("seats", ""), "seats", bad)
        electorate = _number(values.get("electorate", ""), "electorate", bad)
        if len(problems) > before or "ward" not in cleaned:
            continue
        key = fold(cleaned["ward"])
        ward = wards.setdefault(key, _Ward(cleaned["ward"], line))
        if seats is not None:
            if ward.seats is not None and ward.seats != seats:
                bad(f"seats {seats} for {ward.name} differs from {ward.seats} on line {ward.seats_line}")
            elif ward.seats is None:
                ward.seats, ward.seats_line = seats, line
        if electorate is not None:
            if ward.electorate is not None and ward.electorate != electorate:
                bad(f"electorate {electorate:,} for {ward.name} differs from {ward.electorate:,} "
                    f"on line {ward.electorate_line}")
            elif ward.electorate is None:
                ward.electorate, ward.electorate_line = electorate, line
        party = cleaned["party"] or cleaned["description"] or "Independent"
        person = Candidate(0, cleaned["surname"], cleaned["forenames"], cleaned["description"], party,
                           party_id, cleaned["commonly_used_forenames"],
                           cleaned["commonly_used_surname"], position)
        for other, other_line in people.get(key, []):
            if same_person(person, other):
                what = f" ({person.description})" if person.description else ""
                bad(f"{person.ballot_name}{what} in {ward.name} repeats line {other_line}")
                break
        else:
            people.setdefault(key, []).append((person, line))
        if len(problems) > before:
            continue
        cleaned["party"] = party
        if colour:
            cleaned["colour"] = colour
        kept.append((key, line, cleaned))
    for key, listed in people.items():
        problem = positions_problem(p for p, _ in listed)
        if problem:
            problems.append((listed[0][1], f"{wards[key].name}: {problem}"))
    if problems:
        raise NominationsError(sorted(problems, key=lambda p: p[0]))
    if not kept:
        raise NominationsError([(0, "the file has a heading row but no candidates")])
    person_of = {line: p for listed in people.values() for p, line in listed}
    out: list[Nomination] = []
    for key, line, c in kept:
        ward = wards[key]
        out.append(Nomination(
            ward=ward.name, surname=c["surname"], forenames=c["forenames"],
            description=c["description"], party=c["party"], colour=c.get("colour"),
            seats=ward.seats, electorate=ward.electorate, line=line,
            party_id=person_of[line].party_id,
            commonly_used_forenames=c["commonly_used_forenames"],
            commonly_used_surname=c["commonly_used_surname"],
            ballot_position=person_of[line].ballot_position, address=c["address"]))
    return out


def _number(cell: str, what: str, bad: Callable[[str], None]) -> int | None:
    text = cell.strip()
    if not text:
        return None
    try:
        number = parse_figure(text, what)
    except FigureError as exc:
        bad(exc.message)
        return None
    if number < 1:
        bad(f"{what} must be at least 1 (got {number})")
        return None
    return number
