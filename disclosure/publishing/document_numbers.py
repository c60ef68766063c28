"""文号 (document numbers): the one place that knows how they are written.

Two forms are in use (《党政机关公文格式》GB/T 9704-2012 7.2.4 for the first; 立法法 第59条、
第77条、第88条 for the orders that promulgate laws and rules):

* **bracketed**: 机关代字〔年份〕序号号 — ``黔府办函〔2020〕23号``. The standard brackets are the
  hexagonal 〔〕, but people and older systems write ``[]``, ``［］``, ``()``, ``（）`` and ``【】``;
  the serial may be preceded by 第 and written in Chinese numerals (``〔2020〕第十一号``).
* **order number**: ××令第N号 — ``国务院令第711号``, ``国家市场监督管理总局令第45号``
  (also ``令（第45号）``; in queries often inverted: ``国务院第373号令``).

The validator of the ``document_number`` fields, the law-corpus importer and the search
analysis all read 文号 through this module, so that a spelling one of them accepts the others
accept too. :func:`normalise` gives the canonical spelling (〔〕, ASCII digits, no spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Every bracket spelling of the year, opening and closing.
OPEN_BRACKETS = "〔[［(（【"
CLOSE_BRACKETS = "〕]］)）】"
#: Han characters (with extension A and the compatibility block) and Latin letters.
_ISSUER_CHARS = r"\u3400-\u4dbf\u4e00-\u9fffa-zA-Z\uf900-\ufaff"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Serial numbers: Arabic (ASCII or full-width) or Chinese numerals.
NUMERAL = r"[0-9０-９〇零一二三四五六七八九十百千]+"
_YEAR = r"\d{4}"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# 〔2020〕23号 / [2020]第23号: the part after the issuer's code (groups: year, serial).
_BRACKETED_TAIL = (
    rf"\s*[{re.escape(OPEN_BRACKETS)}]\s*({_YEAR})\s*[{re.escape(CLOSE_BRACKETS)}]"
    rf"\s*第?\s*({NUMERAL})\s*号"
)
# 令第45号 / 令（第45号: the part after the order's issuer (group: serial).
_ORDER_TAIL = rf"令\s*[（(]?\s*第\s*({NUMERAL})\s*号"

#: A bracketed 文号 in running text (groups: issuer's code, year, serial). The issuer's code is
#: up to 16 characters; where it starts in running text cannot be told by the pattern.
BRACKETED = re.compile(rf"([{_ISSUER_CHARS}]{{1,16}}){_BRACKETED_TAIL}")
#: An order number in running text (groups: the order's name including 令, serial).
ORDER = re.compile(rf"((?:中华人民共和国)?[{_HAN}]{{1,24}}?){_ORDER_TAIL}")
#: An inverted order number, "国务院第373号令", as people often write it (groups: issuer, serial).
ORDER_INVERTED = re.compile(rf"([{_HAN}]{{1,24}}?)\s*第\s*({NUMERAL})\s*号令")

# A whole field: anything naming the issuer (group 1), then one of the two forms.
_WHOLE_BRACKETED = re.compile(rf"^(\S.*?){_BRACKETED_TAIL}$")
_WHOLE_ORDER = re.compile(rf"^(\S.*?){_ORDER_TAIL}\s*[）)]?$")


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed 文号. ``issuer`` is the issuer's code (``黔府办函``) or, for an order number,
    the order's name with 令 (``国务院令``); ``year`` is ``None`` for order numbers."""

    issuer: str
    serial: str
    year: str | None = None

    @property
    def is_order(self) -> bool:
        return self.year is None

    def __str__(self) -> str:
        serial = self.serial.translate(_FULLWIDTH_DIGITS)
        if self.is_order:
            return f"{self.issuer}第{serial}号"
        return f"{self.issuer}〔{self.year.translate(_FULLWIDTH_DIGITS)}〕{serial}号"


def bracketed_numbers(text: str) -> list[DocumentNumber]:
    """The bracketed 文号 in running ``text``, in order."""
    return [DocumentNumber(m.group(1), m.group(3), m.group(2)) for m in BRACKETED.finditer(text)]


def order_numbers(text: str) -> list[DocumentNumber]:
    """The order numbers in running ``text``, in order, without the state's name
    (中华人民共和国国务院令第711号 → 国务院令第711号)."""
    return [
        DocumentNumber(f"{m.group(1).removeprefix('中华人民共和国')}令", m.group(2))
        for m in ORDER.finditer(text)
    ]


def uninvert_orders(text: str) -> str:
    """``text`` with inverted order numbers in the standard form (国务院第373号令 →
    国务院令第373号)."""
    return ORDER_INVERTED.sub(lambda m: f"{m.group(1)}令第{m.group(2)}号", text)


def without_numbers(text: str, replacement: str = " ") -> str:
    """``text`` with every 文号 replaced."""
    return ORDER.sub(replacement, BRACKETED.sub(replacement, text))


def parse(value: str) -> DocumentNumber | None:
    """The 文号 that the whole of ``value`` is, or ``None`` when it is none."""
    value = (value or "").strip()
    if match := _WHOLE_BRACKETED.match(value):
        issuer, year, serial = match.groups()
        return DocumentNumber(re.sub(r"\s+", "", issuer), serial, year)
    if match := _WHOLE_ORDER.match(value):
        issuer, serial = match.groups()
        return DocumentNumber(re.sub(r"\s+", "", issuer) + "令", serial)
    return None


# The beginning of a bracketed 文号 as people type it, and nothing else: the issuer's code and
# the opening bracket, perhaps the year, the closing bracket and the serial (市监〔2099〕,
# 国办发〔2031, 国办发〔).
_WHOLE_PREFIX = re.compile(
    rf"^[{_ISSUER_CHARS}]{{1,16}}\s*[{re.escape(OPEN_BRACKETS)}]\s*\d{{0,4}}\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]?\s*第?\s*(?:{NUMERAL})?\s*号?$"
)


def is_document_number_query(text: str) -> bool:
    """Whether ``text`` is a 文号 and nothing else, whole or its beginning (a search for it that
    finds nothing is not relaxed to pages sharing a character with it)."""
    text = (text or "").strip()
    return bool(parse(text) or _WHOLE_PREFIX.match(text) or ORDER_INVERTED.fullmatch(text))


def is_document_number(value: str) -> bool:
    """Whether the whole of ``value`` is a 文号 in one of the spellings above."""
    return parse(value) is not None


def normalise(value: str) -> str:
    """The canonical spelling of a 文号 (〔〕 around the year, ASCII digits, no spaces, no 第
    before a bracketed serial); a value that is not a 文号 is returned stripped."""
    number = parse(value)
    return str(number) if number else (value or "").strip()


def validate_document_number(value):
    """文号 must look like ``X〔YYYY〕N号`` (any bracket spelling) or ``X令第N号``."""
    value = (value or "").strip()
    if value and not is_document_number(value):
        raise ValidationError(
            _(
                "文号“%(value)s”格式不正确，应为“机关代字〔年份〕序号号”（如 黔府办函〔2020〕23号）或“××令第N号”。"
            ),
            code="document_number",
            params={"value": value},
        )
