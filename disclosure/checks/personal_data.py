"""The first registered check: personal data (总局令第45号 第6条 — personal information is
processed before publication; what is hidden follows provincial practice, see ``domain.md``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import scanner
from .registry import Check, Finding, register

CHECK_NAME = "personal_data"


@register
class PersonalDataCheck(Check):
    name = CHECK_NAME
    label = gettext_lazy("个人信息")
    article = "总局令第45号 第6条；个人信息保护法 第25条"
    order = 10

    def run(self, sources):
        findings = []
        for source in sources:
            for match in scanner.scan(source.text):
                findings.append(
                    Finding(
                        check=self.name,
                        kind=match.kind,
                        kind_label=scanner.KIND_LABELS[match.kind],
                        source=source.name,
                        source_label=source.label,
                        start=match.start,
                        end=match.end,
                        text=match.text,
                        replacement=(
                            scanner.mask(match.kind, match.text) if source.maskable else ""
                        ),
                        extra={"document_id": source.document_id},
                    )
                )
        return findings

    def error_message(self, findings):
        counts = {}
        for finding in findings:
            counts[finding.kind_label] = counts.get(finding.kind_label, 0) + 1
        summary = "、".join(
            _("%(label)s %(count)s 处") % {"label": label, "count": count}
            for label, count in counts.items()
        )
        if all(finding.maskable for finding in findings):
            return _(
                "%(source)s含未脱敏的个人信息（%(summary)s），请先执行“个人信息脱敏”后再发布"
                "（总局令第45号第六条）。"
            ) % {"source": findings[0].source_label, "summary": summary}
        sources = "、".join(sorted({finding.source_label for finding in findings}))
        return _(
            "%(sources)s含个人信息（%(summary)s），请上传已脱敏的附件后再发布"
            "（总局令第45号第六条）。"
        ) % {"sources": sources, "summary": summary}
