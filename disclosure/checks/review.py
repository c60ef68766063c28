"""What the confidentiality reviewer sees: the findings of an item's latest content.

For the review screen (``disclosure/review``): ``findings_context(page, user)`` or the template
tag ``{% load checks_tags %}{% check_findings page %}`` (template
``checks/includes/findings.html``)."""

from django.utils.translation import gettext as _

from . import decisions
from .masking import can_mask, can_read_originals
from .models import FindingDecision, MaskedOriginal
from .personal_data import CHECK_NAME as PERSONAL_DATA
from .registry import get_check, run_checks
from .unreadable import CHECK_NAME as UNREADABLE

#: The checks of personal data and unreadable attachments, shown in their own table (what the
#: confidentiality reviewer masks or clears); the content checks (错敏检测) in another.
PRIVACY_CHECKS = {PERSONAL_DATA, UNREADABLE}


def findings_context(page, user=None):
    """Findings of ``page``'s latest revision: personal data shown masked (a finding in an
    attachment cannot be masked in place; only its masked form is shown), and the content
    checks' findings with their severity, context and suggested fix."""
    from .scanner import mask

    latest = page.get_latest_revision_as_object() if page.pk else page
    rows = []
    content_rows = []
    for finding in run_checks(latest):
        if finding.check not in PRIVACY_CHECKS:
            before, found, after = finding.extra.get("context") or ("", finding.text, "")
            content_rows.append(
                {
                    "check": finding.check,
                    "check_label": get_check(finding.check).label,
                    "kind": finding.kind_label,
                    "source": finding.source_label,
                    "severity": finding.severity,
                    "severity_label": finding.severity_label,
                    "before": before,
                    "text": found,
                    "after": after,
                    "suggestion": finding.suggestion,
                    "note": finding.extra.get("note", ""),
                    "blocking": finding.blocking,
                    "fingerprint": finding.fingerprint,
                    "may_decide": bool(
                        user and page.pk and decisions.may_decide(user, page, finding)
                    ),
                }
            )
            continue
        shown = finding.replacement
        if not shown and finding.check == "personal_data":
            shown = mask(finding.kind, finding.text)
        rows.append(
            {
                "document_id": finding.extra.get("document_id"),
                "unreadable": finding.check == UNREADABLE,
                "check": finding.check,
                "kind": finding.kind_label,
                "source": finding.source_label,
                "shown": shown or finding.text,
                "maskable": finding.maskable,
                "blocking": finding.blocking,
                "fingerprint": finding.fingerprint,
                "may_decide": bool(user and page.pk and decisions.may_decide(user, page, finding)),
                # A finding shown to the reviewer without blocking (law titles, links): what
                # is wrong and the suggested fix.
                "message": finding.extra.get("message", ""),
                "suggestion": finding.extra.get("suggestion", ""),
            }
        )
    masked_count = MaskedOriginal.objects.filter(page_id=page.pk).count() if page.pk else 0
    return {
        "page": page,
        "findings": rows,
        "content_findings": content_rows,
        "content_blocking_count": sum(1 for row in content_rows if row["blocking"]),
        "maskable_count": sum(1 for row in rows if row["maskable"]),
        "blocking_count": sum(1 for row in rows if row["blocking"]),
        "masked_count": masked_count,
        "may_mask": bool(user and can_mask(page, user)),
        "may_read_originals": bool(user and can_read_originals(user)),
        "may_clear_unreadable": bool(user and can_read_originals(user)),
        "unreadable_count": sum(1 for row in rows if row["unreadable"]),
        "decisions": (
            FindingDecision.objects.filter(page_id=page.pk).select_related("decided_by")
            if page.pk
            else []
        ),
        "legend": _("发布前检查：个人信息和无法检查的附件（总局令第45号第六条）"),
    }
