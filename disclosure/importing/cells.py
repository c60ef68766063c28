"""Reading one cell: text, whole numbers and dates as people type them into spreadsheets
(full-width digits, ``2026年3月5日``, Excel's own numbers and dates)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def cell_text(value) -> str:
    """A cell as stripped text; an empty cell is ``""`` and a whole float (Excel stores every
    number as one) loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(values) -> bool:
    """Whether every cell of ``values`` is empty."""
    return all(not cell_text(value) for value in values)


def normalise_label(value) -> str:
    """A header cell as compared with a column's label: no spaces or byte-order mark, and
    full-width brackets (``公开内容(要素)`` is ``公开内容（要素）``)."""
    text = re.sub(r"\s+", "", cell_text(value).replace("\ufeff", ""))
    return text.replace("(", "（").replace(")", "）")


def parse_int(value) -> int | None:
    """A whole number from a number cell or from digits (full-width ones too); ``None`` for
    anything else, including a sign, a fraction or ``True``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = unicodedata.normalize("NFKC", cell_text(value))
    return int(text) if re.fullmatch(r"\d+", text, re.ASCII) else None


def parse_date(value) -> dt.date | None:
    """A date from a date cell or from ``2026-03-05``, ``2026/3/5``, ``2026.3.5``,
    ``2026年3月5日`` or ``20260305``; ``None`` when it is none of them or no such day exists."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", cell_text(value))
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None
