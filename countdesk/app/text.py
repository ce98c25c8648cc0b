"""Cleaning free text typed by a user (names, reasons), refused in words."""

from __future__ import annotations

from countdesk.app.errors import AppError
from countdesk.core.electionfile import ElectionFileError, clean_text


def clean(value: object, what: str, *, required: bool = True, max_len: int = 200) -> str:
    try:
        return clean_text(value, what, required=required, max_len=max_len)
    except ElectionFileError as exc:
        raise AppError("A010", str(exc)) from None
