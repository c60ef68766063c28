"""The personal-data scanner: where a text holds a natural person's ID number, mobile number,
bank card number, e-mail address or detailed home address, and how each is masked.

总局令第45号 第6条 requires personal information to be processed before a penalty decision is
published; the practice of provincial bureaus (e.g. 浙江) names what is hidden: a natural
person's home address, telephone, ID number, bank account; an organisation's bank account.

The scanner favours recall on ID and mobile numbers (a miss publishes personal data) and keeps
precision with the structure of each number (check digit, region and birth date, Luhn) and a
little context (a 批号 or 信用代码 before a number is not personal data). A number right after
its label (身份证号, 证件号码; 卡号, 账号) is personal data whatever its check digit: a typo is
still a person's number (个人信息保护法 第4条: information relating to an identified or
identifiable natural person). Offsets are character
offsets into the text as given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ID_NUMBER = "id_number"
MOBILE = "mobile"
BANK_CARD = "bank_card"
EMAIL = "email"
ADDRESS = "address"

KINDS = (ID_NUMBER, MOBILE, BANK_CARD, EMAIL, ADDRESS)

#: Labels of the kinds, for messages and the masked originals' choices.
KIND_LABELS = {
    ID_NUMBER: _("身份证号"),
    MOBILE: _("手机号码"),
    BANK_CARD: _("银行卡号"),
    EMAIL: _("电子邮箱"),
    ADDRESS: _("家庭住址"),
}


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    text: str

    def as_json(self):
        return {"kind": self.kind, "start": self.start, "end": self.end}


# --- ID numbers (GB 11643-1999) -----------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits: the province-level division (GB/T 2260), plus 71 台湾, 81 香港, 82 澳门,
# 83 (residence permits of Taiwan residents).
_PROVINCES = {
    *range(11, 16),
    *range(21, 24),
    *range(31, 38),
    *range(41, 47),
    *range(50, 55),
    *range(61, 66),
    71,
    81,
    82,
    83,
}
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
# A label right before the number (身份证号：…, 证件号码为…): the number is a person's ID number
# whatever its check digit (a typo is still a person's number).
_ID_LABEL = re.compile(
    r"(身份证|身份号码|证件号码|证件号|居民身份证|公民身份号码)[号码]*[^，。；;\n\d]{0,4}$"
)


def id_check_character(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _id_shaped(digits: str) -> bool:
    """Region and birth date of an 18-digit ID number are plausible (check digit not tested)."""
    if len(digits) != 18 or int(digits[:2]) not in _PROVINCES:
        return False
    try:
        born = dt.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


def is_id_number(value: str) -> bool:
    """An 18-digit resident ID number with a valid region, birth date and check character.
    The digits are ASCII ones (GB 11643-1999): ``str.isdigit`` alone also accepts ``²``, which
    ``int`` refuses."""
    value = value.upper()
    return (
        len(value) == 18
        and value[:17].isascii()
        and value[:17].isdigit()
        and _id_shaped(value[:17] + "0")
        and id_check_character(value[:17]) == value[17]
    )


# --- bank cards (Luhn) --------------------------------------------------------------------

_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(\d(?:[ \-]?\d){15,18})(?![0-9A-Za-z])")
_CARD_CONTEXT = re.compile(
    r"(账号|帐号|卡号|银行卡|账户|帐户|开户|借记卡|信用卡)[^，。；\n]{0,12}$"
)
# The label right before the number: a card or account number whatever its Luhn digit.
_CARD_LABEL = re.compile(r"(卡号|账号|帐号)[^，。；;\n\d]{0,4}$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# --- mobile numbers -----------------------------------------------------------------------

_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:(?:\+|00)86[ \-]?)?(1[3-9]\d[ \-]?\d{4}[ \-]?\d{4})(?![0-9A-Za-z])"
)
# A number right after one of these is a batch, serial, document or registration number.
_NOT_PERSONAL_CONTEXT = re.compile(
    r"(批号|批次|编号|序号|货号|单号|流水号|条码|型号|规格|注册号|信用代码|索引号|案号|文号|No\.?|NO\.?)"
    r"[：:\s]{0,3}$"
)

# --- e-mail -------------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
# Mailboxes of government bodies are published contact channels, not personal data.
_PUBLIC_MAIL_DOMAINS = (".gov.cn",)

# --- home addresses -----------------------------------------------------------------------

# Only words that name a natural person's dwelling: 住所 / 经营场所 of a company is public
# (registered) and is not flagged.
_ADDRESS_KEYWORDS = (
    r"(?:家庭住址|家庭地址|现住址|现住所|现居住地|现居住地址|户籍地址|户籍所在地|户籍地|居住地址|"
    r"居住地|住址|家住|现住|居住于|暂住于|暂住地|暂住)"
)
_ADDRESS_BODY = r"[\u4e00-\u9fa5A-Za-z0-9０-９\-－—#＃·]{4,60}"
_ADDRESS_RE = re.compile(rf"{_ADDRESS_KEYWORDS}\s*(?:[:：]|为|是|在)?\s*({_ADDRESS_BODY})")
# A dwelling unit (…3栋2单元501室) without a keyword before it.
_UNIT_RE = re.compile(r"\d+\s*(?:栋|幢|号楼|座)\s*\d+\s*单元\s*\d+\s*(?:室|号|户)")
_UNIT_PREFIX_CHARS = re.compile(r"[\u4e00-\u9fa50-9\-]")
_UNIT_PREFIX_MAX = 40
_DETAIL = re.compile(r"[0-9０-９一二三四五六七八九十]+\s*(?:号|室|栋|幢|单元|组|户|弄|楼)")
_PREPOSITION = re.compile(r"(?:位于|住在|在|于|至|到)(?=[\u4e00-\u9fa5])")


def _address_matches(text: str, taken=()):
    """Spans of home addresses; ``taken`` are the spans of numbers found before (an address
    does not run back into one, and one right before a dwelling unit is its prefix: masked, its
    last digits would otherwise become the prefix of an address found only then)."""
    spans = []
    for match in _ADDRESS_RE.finditer(text):
        start, end = match.span(1)
        # An address beginning inside a number found before begins after it, and one running
        # into such a number ends before it.
        start = max([start, *(e for s, e in taken if s <= start < e)])
        end = min([end, *(s for s, e in taken if start < s < end)])
        if start >= end or not _DETAIL.search(text, start, end):
            continue
        spans.append((start, end))
    for match in _UNIT_RE.finditer(text):
        start, end = match.span()
        # The address runs back over Chinese characters, digits and hyphens (no delimiter), not
        # into an address or number already found (3栋2单元501室和5栋1单元302室 are two).
        found_ends = {e for _s, e in (*spans, *taken) if e <= start}
        floor = max(0, start - _UNIT_PREFIX_MAX, *found_ends)
        while start > floor and _UNIT_PREFIX_CHARS.match(text, start - 1):
            start -= 1
        if match.start() - start < 2 and start not in found_ends:
            continue
        if any(s <= start < e or s < end <= e for s, e in spans):
            continue
        # The match cannot cross a delimiter; begin after a preposition (在, 于, 位于…) if any.
        first_digit = re.search(r"\d", text[start:end]).start()
        preposition = list(_PREPOSITION.finditer(text, start, start + first_digit))
        if preposition:
            start = preposition[-1].end()
        spans.append((start, end))
    return spans


# Full-width digits and Latin letters, one character for one, so that offsets do not move.
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]")
# A cheap first pass: most texts (laws, notices) hold no run of 11 digits at all.
_ELEVEN_DIGITS = re.compile(r"\d(?:[ \-]?\d){10}")
_WIDE_ALNUM = [*range(0xFF10, 0xFF1A), *range(0xFF20, 0xFF3B), *range(0xFF41, 0xFF5B)]
_HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in _WIDE_ALNUM})


def scan(text: str) -> list[Match]:
    """Every piece of personal data in ``text``, ordered by position, without overlaps.
    Full-width digits count as digits; offsets and matched text refer to ``text`` as given."""
    original = text
    if _FULL_WIDTH.search(text):
        text = text.translate(_HALF_WIDTH)
    found: list[Match] = []
    taken: list[tuple[int, int]] = []

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    def add(kind, start, end):
        if free(start, end):
            taken.append((start, end))
            found.append(Match(kind, start, end, original[start:end]))

    if _ELEVEN_DIGITS.search(text):  # every ID, card and mobile number has 11 digits
        for match in _ID_RE.finditer(text):
            before = text[max(0, match.start() - 12) : match.start()]
            if _ID_LABEL.search(before) or (
                is_id_number(match.group(1)) and not _NOT_PERSONAL_CONTEXT.search(before)
            ):
                add(ID_NUMBER, *match.span(1))

        for match in _CARD_RE.finditer(text):
            start, end = match.span(1)
            digits = re.sub(r"\D", "", match.group(1))
            before = text[max(0, start - 20) : start]
            labelled = _CARD_LABEL.search(before)
            if not (16 <= len(digits) <= 19) or not (labelled or luhn_valid(digits)):
                continue
            if _NOT_PERSONAL_CONTEXT.search(before):
                continue
            if _CARD_CONTEXT.search(before) or (
                digits.startswith("62") and not _id_shaped(digits[:17] + "0")
            ):
                add(BANK_CARD, start, end)

        for match in _MOBILE_RE.finditer(text):
            if _NOT_PERSONAL_CONTEXT.search(text[max(0, match.start() - 12) : match.start()]):
                continue
            add(MOBILE, *match.span(1))

    for match in _EMAIL_RE.finditer(text) if "@" in text else ():
        if match.group(0).lower().endswith(_PUBLIC_MAIL_DOMAINS):
            continue
        add(EMAIL, *match.span())

    for start, end in _address_matches(text, taken):
        add(ADDRESS, start, end)

    return sorted(found, key=lambda m: m.start)


# --- masking ------------------------------------------------------------------------------

_DIVISION = re.compile(r"自治区|自治州|省|市|区|县|旗|盟")
_STREET = re.compile(r"[路街巷道村镇乡组号]")


def mask(kind: str, value: str) -> str:
    """The masked form of ``value``: ``5202**********1234``, ``138****1234``,
    ``6222***********0123``, ``z***@example.com``, ``贵州省六盘水市钟山区****``."""
    if kind == ID_NUMBER:
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    value = value.translate(_HALF_WIDTH)
    if kind == MOBILE:
        digits = re.sub(r"\D", "", value)
        return digits[:3] + "****" + digits[-4:]
    if kind == BANK_CARD:
        digits = re.sub(r"\D", "", value)
        return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    if kind == EMAIL:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == ADDRESS:
        # Keep the administrative divisions (up to the district or county), hide the rest.
        street = _STREET.search(value)
        head = value[: street.start()] if street else value[:12]
        prefix = ""
        for match in _DIVISION.finditer(head):
            prefix = head[: match.end()]
        return prefix + "****"
    raise ValueError(kind)
