"""What a reply releases is checked before it is sent: the reply's text and every released file
pass the personal-data scanner of :mod:`disclosure.checks` (the same scanner and the same
extraction — OCR, legacy Word — as the publication gate); a file that cannot be read is a
finding too (个人信息保护法 第25条; 条例 第15条、第37条: third parties' personal data is
withheld or masked)."""

from django.utils.translation import gettext as _

from disclosure.checks.extraction import extract
from disclosure.checks.scanner import KIND_LABELS, scan

from .choices import FileKind


def _describe(matches):
    kinds = []
    for match in matches:
        label = str(KIND_LABELS.get(match.kind, match.kind))
        if label not in kinds:
            kinds.append(label)
    return "、".join(kinds)


def findings(information_request):
    """Findings in Chinese, one per source: ``答复内容：身份证号码``, ``文件“x.pdf”：无法检查（…）``."""
    found = []
    matches = scan(information_request.reply_summary or "")
    if matches:
        found.append(_("答复内容：%(kinds)s") % {"kinds": _describe(matches)})
    for item in information_request.files.filter(kind=FileKind.RELEASED):
        with item.file.open("rb") as handle:
            extraction = extract(item.name, handle.read())
        if extraction.unreadable:
            found.append(
                _("文件“%(name)s”：无法检查（%(reason)s）")
                % {"name": item.name, "reason": extraction.unreadable}
            )
        matches = scan(extraction.text)
        if matches:
            found.append(
                _("文件“%(name)s”：%(kinds)s") % {"name": item.name, "kinds": _describe(matches)}
            )
    return found
