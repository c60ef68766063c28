"""The check that nothing goes out unread (总局令第45号 第6条; 个人信息保护法 第25条): an attachment
whose text the checks cannot read — an image or scan OCR could not read, an encrypted, corrupt or
unknown file, one too large — is a blocking finding "无法检查：<reason>" until the file is
replaced by a readable one or a confidentiality reviewer clears it with a recorded reason
(:class:`~disclosure.checks.models.UnreadableClearance`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .registry import Check, Finding, register

CHECK_NAME = "unreadable"
KIND = "unreadable"


@register
class UnreadableAttachmentCheck(Check):
    name = CHECK_NAME
    label = gettext_lazy("无法检查的附件")
    article = "总局令第45号 第6条；个人信息保护法 第25条"
    order = 20

    def run(self, sources):
        return [
            Finding(
                check=self.name,
                kind=KIND,
                kind_label=_("无法检查"),
                source=source.name,
                source_label=source.label,
                start=0,
                end=0,
                text=source.unreadable,
                extra={"document_id": source.document_id},
            )
            for source in sources
            if source.unreadable
        ]

    def error_message(self, findings):
        return _(
            "%(items)s。请上传可读取的文件（文字版 PDF、DOCX 等），或由保密审查员人工核对后确认"
            "（须填写说明；总局令第45号第六条）。"
        ) % {
            "items": "；".join(
                _("%(source)s无法检查：%(reason)s") % {"source": f.source_label, "reason": f.text}
                for f in findings
            )
        }
