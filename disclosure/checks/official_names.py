"""Official names (错敏检测: 规范名称) from the editable
:class:`~disclosure.checks.models.OfficialName` registry: a wrong or outdated name of a body or a
place (工商行政管理局 after the 2018 institutional reform: 市场监督管理局) is flagged with the
correct one, unless it is marked as a former name (原…, 前…); a leader's name next to an outdated
title is flagged with the current title. Shown to reviewers, never blocking.

Ground: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》“严重表述错误”（领导人姓名、职务，
机构名称错误）单项否决."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import lists
from .content import finding, readable_text
from .models import OfficialName
from .registry import SEVERITY_WARNING, Check, register

CHECK_NAME = "official_names"
KIND_NAME = "wrong_name"
KIND_TITLE = "outdated_title"

#: A wrong name right after one of these is a former name, written on purpose (原工商局).
FORMER_MARKS = tuple("原前旧")
#: What may stand between a leader's name and the title after it.
_BETWEEN = r"[\s、，,]{0,2}(?:同志)?[\s（(]{0,2}"


@register
class OfficialNameCheck(Check):
    name = CHECK_NAME
    own_content_only = True
    label = gettext_lazy("规范名称")
    article = "国办秘函〔2019〕19号 政府网站检查指标“严重表述错误”（机构名称、领导职务）"
    order = 40

    def run(self, sources):
        names = lists.official_names()
        if not names:
            return []
        findings = []
        for source in sources:
            text = readable_text(source.text)
            if not text.strip():
                continue
            for start, end, right in wrong_name_spans(text, names):
                findings.append(
                    finding(
                        self.name,
                        KIND_NAME,
                        _("机构或地名错误"),
                        source,
                        text,
                        start,
                        end,
                        SEVERITY_WARNING,
                        suggestion=right,
                        note=_("应使用规范名称“%(name)s”。") % {"name": right},
                    )
                )
            for start, end, title, leader in outdated_title_spans(text, names):
                findings.append(
                    finding(
                        self.name,
                        KIND_TITLE,
                        _("领导职务过时"),
                        source,
                        text,
                        start,
                        end,
                        SEVERITY_WARNING,
                        suggestion=title,
                        note=_("%(name)s现任%(title)s。") % {"name": leader, "title": title},
                    )
                )
        return findings


def wrong_name_spans(text, names):
    """``(start, end, correct name)`` of each wrong or outdated body or place name (the longest
    wrong name wins where several match)."""
    wrong = {}
    for entry in names:
        if entry.kind == OfficialName.Kind.LEADER:
            continue
        for name in entry.wrong_names:
            wrong.setdefault(name, entry.name)
    if not wrong:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(wrong, key=len, reverse=True)))
    spans = []
    for match in pattern.finditer(text):
        if text[max(0, match.start() - 1) : match.start()] in FORMER_MARKS:
            continue
        spans.append((match.start(), match.end(), wrong[match.group(0)]))
    return spans


def outdated_title_spans(text, names):
    """``(start, end, current title, name)`` of each outdated title next to a leader's name
    (before it, or after it with 同志 or a bracket between); an outdated title that is the end
    of the current one (局长 in 副局长) is not outdated there."""
    spans = []
    for entry in names:
        if entry.kind != OfficialName.Kind.LEADER or not entry.outdated_titles:
            continue
        titles = "|".join(
            re.escape(t) for t in sorted(entry.outdated_titles, key=len, reverse=True)
        )
        name = re.escape(entry.name)
        pattern = re.compile(rf"(?P<before>{titles})\s?{name}|{name}{_BETWEEN}(?P<after>{titles})")
        for match in pattern.finditer(text):
            group = "before" if match.group("before") else "after"
            start, end = match.start(group), match.end(group)
            if _part_of_current(text, start, end, entry.title):
                continue
            spans.append((start, end, entry.title, entry.name))
    return spans


def _part_of_current(text, start, end, current):
    """Whether ``text[start:end]`` is only part of the current title written around it."""
    if not current:
        return False
    for title in re.split(r"[、，,]", current):
        title = title.strip()
        position = title.find(text[start:end])
        if title and position != -1:
            begin = start - position
            if text[begin : begin + len(title)] == title:
                return True
    return False
