"""Wrong characters and misused words of official Chinese (错敏检测: 错别字、易混词), judged in
context by the editable :class:`~disclosure.checks.models.WordingRule` list, and accidentally
repeated characters or words (“的的”, “公公开”, “进行进行”) — but not legitimate reduplication
(常常, 人人, 看看; ``lists/reduplication.txt``). Never blocks publication: shown to reviewers.

Ground: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》“严重表述错误”单项否决; 国家通用语言
文字法 第5条（使用国家通用语言文字应当规范）."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import lists
from .content import finding, readable_text
from .registry import SEVERITY_NOTE, SEVERITY_WARNING, Check, register

CHECK_NAME = "wording"
KIND_RULE = "misused_word"
KIND_REPEAT = "repeated"

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
#: A word of 2–4 characters written twice in a row (进行进行).
_REPEATED_WORD = re.compile(rf"([{_HAN}]{{2,4}})\1")
#: A character written twice in a row (的的, 公公开).
_REPEATED_CHAR = re.compile(rf"([{_HAN}])\1")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
#: Function characters that are never doubled on purpose.
_FUNCTION_CHARS = frozenset("的了在和是对与及将把被为由按从于或并其向以要经")


@register
class WordingCheck(Check):
    name = CHECK_NAME
    own_content_only = True
    label = gettext_lazy("易错词和重复字")
    article = "国办秘函〔2019〕19号 政府网站检查指标“严重表述错误”；国家通用语言文字法 第5条"
    order = 50

    def run(self, sources):
        findings = []
        for source in sources:
            text = readable_text(source.text)
            if text.strip():
                findings += self.misused_words(source, text)
                findings += self.repeats(source, text)
        return findings

    def misused_words(self, source, text):
        found = []
        for rule in lists.wording_rules():
            for match in rule.pattern.finditer(text):
                if match.end() > match.start():
                    found.append(
                        finding(
                            self.name,
                            KIND_RULE,
                            _("易错词"),
                            source,
                            text,
                            match.start(),
                            match.end(),
                            rule.severity,
                            suggestion=rule.right,
                            note=rule.explanation,
                        )
                    )
        return found

    def repeats(self, source, text):
        found = []
        spans = []
        for start, end, suggestion in repeated_spans(text):
            if any(start < e and s < end for s, e in spans):
                continue
            spans.append((start, end))
            found.append(
                finding(
                    self.name,
                    KIND_REPEAT,
                    _("重复字词"),
                    source,
                    text,
                    start,
                    end,
                    SEVERITY_WARNING if len(suggestion) > 1 else SEVERITY_NOTE,
                    suggestion=suggestion,
                    note=_("疑似误输入的重复字词。"),
                )
            )
        return found


def repeated_spans(text):
    """``(start, end, suggestion)`` of each accidental repeat in ``text``: a known word written
    twice, a doubled function character, or a doubled first character of a common word or a
    doubled last one at the end of a phrase (a doubled character that joins two words —
    人民民主, 公开开展 — is not one)."""
    chars, allowed_words = lists.reduplications()
    words = lists.lexicon()
    joins = lists.joins()
    spans = []
    for match in _REPEATED_WORD.finditer(text):
        if not _allowed(text, match.start(), match.end(), allowed_words):
            unit = match.group(1)
            # Only a known word: 用信用信 in 使用信用信息 is two words meeting.
            if unit in words:
                spans.append((match.start(), match.end(), unit))
    for match in _REPEATED_CHAR.finditer(text):
        char = match.group(1)
        start, end = match.start(), match.end()
        if char in chars or _allowed(text, start, end, allowed_words):
            continue
        before = text[start - 1 : start]
        after = text[end : end + 1]
        if char in _FUNCTION_CHARS:
            # 的的 is wrong, 目的的 (目的 + 的) is right.
            if not _ends_a_word(text, start, joins) and char + after not in words:
                spans.append((start, end, char))
            continue
        # XXY where XY is a word and a new word starts at the first X (after punctuation or a
        # function character: 予以公公开), and XYY where XY is a word at the end of a phrase.
        starts_word = not _HAN_CHAR.match(before) or before in _FUNCTION_CHARS
        first_doubled = char + after in words and starts_word and before + char not in words
        last_doubled = before + char in words and not _HAN_CHAR.match(after)
        if first_doubled or last_doubled:
            spans.append((start, end, char))
    return sorted(spans)


def _ends_a_word(text, start, joins):
    """Whether the character at ``start`` ends one of ``joins`` (up to 4 characters long)."""
    return any(text[max(0, start - size + 1) : start + 1] in joins for size in (2, 3, 4))


def _allowed(text, start, end, allowed_words):
    for word in allowed_words:
        low = max(0, start - len(word))
        window = text[low : end + len(word)]
        position = window.find(word)
        while position != -1:
            if low + position <= start and low + position + len(word) >= end:
                return True
            position = window.find(word, position + 1)
    return False
