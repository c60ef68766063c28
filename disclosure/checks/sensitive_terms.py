"""Sensitive terms (错敏检测: 敏感词) from the editable
:class:`~disclosure.checks.models.SensitiveTerm` list: a severe term (a secrecy marking such as
“秘密★”, “内部资料 注意保密”) blocks publication until it is removed (政府信息公开条例 第14条:
state secrets are not disclosed; 保守国家秘密法); the others are shown to reviewers.

Ground: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》“严重表述错误”单项否决."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import lists
from .content import finding, readable_text
from .registry import Check, register

CHECK_NAME = "sensitive_terms"
KIND = "sensitive_term"


@register
class SensitiveTermCheck(Check):
    name = CHECK_NAME
    label = gettext_lazy("敏感词")
    article = "政府信息公开条例 第14条；国办秘函〔2019〕19号 政府网站检查指标“严重表述错误”"
    order = 30

    def run(self, sources):
        pattern, terms = lists.sensitive_terms()
        if pattern is None:
            return []
        findings = []
        for source in sources:
            text = readable_text(source.text)
            for match in pattern.finditer(text):
                term = terms["".join(match.group(0).split())]
                findings.append(
                    finding(
                        self.name,
                        KIND,
                        _("敏感词"),
                        source,
                        text,
                        match.start(),
                        match.end(),
                        term.severity,
                        suggestion=term.note or _("删除或改写"),
                    )
                )
        return findings

    def error_message(self, findings):
        terms = "、".join(dict.fromkeys(f"“{finding.text}”" for finding in findings))
        return _(
            "%(source)s含严重敏感词 %(terms)s，删除前不能发布（政府信息公开条例第十四条）。"
        ) % {"source": findings[0].source_label, "terms": terms}

    def record_error_message(self, counts):
        return _("含严重敏感词 %(count)s 处，请删除后再保存（政府信息公开条例第十四条）。") % {
            "count": sum(counts.values())
        }
