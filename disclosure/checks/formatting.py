"""Format rules of official text (错敏检测: 格式规范), never blocking: the year of a 文号 in
hexagonal brackets 〔〕 (《党政机关公文格式》GB/T 9704-2012 7.2.4; the 文号 format is
:mod:`disclosure.publishing.document_numbers`), dates in running Chinese text written as
2025年1月5日 rather than 2025.1.5 / 2025-1-5 / 2025/1/5 (GB/T 15835-2011《出版物上数字用法》),
and full-width punctuation between Chinese characters (GB/T 15834-2011《标点符号用法》)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.publishing import document_numbers

from .content import finding, readable_text
from .registry import SEVERITY_NOTE, SEVERITY_WARNING, Check, register

CHECK_NAME = "format"
KIND_BRACKETS = "document_number_brackets"
KIND_DATE = "date_format"
KIND_PUNCTUATION = "half_width_punctuation"

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
#: 2025.1.5, 2025-01-05, 2025/1/5 (not inside a longer number, a version or a path).
DATE = re.compile(r"(?<![0-9A-Za-z_./\-])(\d{4})([./\-])(\d{1,2})\2(\d{1,2})(?![0-9A-Za-z_./\-])")
#: Full-width punctuation and the closing brackets of Chinese text, next to which a date is in
#: running Chinese text too.
_CHINESE_MARKS = "，。；：、！？“”‘’（）《》〔〕【】"
HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
#: A half-width mark between two Chinese characters (or a Chinese character and a full-width
#: mark); brackets when either side is Chinese.
_PUNCTUATION = re.compile(
    rf"(?<=[{_HAN}])[,;:?!](?=[{_HAN}{_CHINESE_MARKS}“])"
    rf"|(?<=[{_HAN}{_CHINESE_MARKS}])[,;:?!](?=[{_HAN}])"
    rf"|(?<=[{_HAN}])\(|\((?=[{_HAN}])|(?<=[{_HAN}])\)|\)(?=[{_HAN}])"
)


@register
class FormatCheck(Check):
    name = CHECK_NAME
    own_content_only = True
    label = gettext_lazy("格式规范")
    article = "GB/T 9704-2012 7.2.4（发文字号）；GB/T 15835-2011；GB/T 15834-2011"
    order = 60

    def run(self, sources):
        findings = []
        for source in sources:
            text = readable_text(source.text)
            if not text.strip():
                continue
            taken = []
            for start, end, suggestion in bracket_spans(text):
                taken.append((start, end))
                findings.append(
                    finding(
                        self.name,
                        KIND_BRACKETS,
                        _("文号括号"),
                        source,
                        text,
                        start,
                        end,
                        SEVERITY_WARNING,
                        suggestion=suggestion,
                        note=_("发文字号的年份用六角括号〔〕。"),
                    )
                )
            for start, end, suggestion in date_spans(text):
                findings.append(
                    finding(
                        self.name,
                        KIND_DATE,
                        _("日期格式"),
                        source,
                        text,
                        start,
                        end,
                        SEVERITY_NOTE,
                        suggestion=suggestion,
                        note=_("正文中的日期写作“2025年1月5日”。"),
                    )
                )
            for match in _PUNCTUATION.finditer(text):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                findings.append(
                    finding(
                        self.name,
                        KIND_PUNCTUATION,
                        _("半角标点"),
                        source,
                        text,
                        match.start(),
                        match.end(),
                        SEVERITY_NOTE,
                        suggestion=HALF_WIDTH[match.group(0)],
                        note=_("中文之间用全角标点。"),
                    )
                )
        return findings


def bracket_spans(text):
    """``(start, end, suggestion)`` of each 文号 year written in other brackets than 〔〕."""
    spans = []
    for match in document_numbers.BRACKETED.finditer(text):
        opening = match.start(2) - 1
        while text[opening].isspace():
            opening -= 1
        closing = match.end(2)
        while text[closing].isspace():
            closing += 1
        if text[opening] == "〔" and text[closing] == "〕":
            continue
        spans.append((opening, closing + 1, f"〔{match.group(2)}〕"))
    return spans


def date_spans(text):
    """``(start, end, suggestion)`` of each date written with dots, dashes or slashes in running
    Chinese text (next to a Chinese character or mark)."""
    spans = []
    for match in DATE.finditer(text):
        year, month, day = match.group(1), int(match.group(3)), int(match.group(4))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        around = (
            text[max(0, match.start() - 1) : match.start()] + text[match.end() : match.end() + 1]
        )
        if not re.search(rf"[{_HAN}{_CHINESE_MARKS}]", around):
            continue
        spans.append(
            (
                match.start(),
                match.end(),
                _("%(year)s年%(month)s月%(day)s日") % {"year": year, "month": month, "day": day},
            )
        )
    return spans
