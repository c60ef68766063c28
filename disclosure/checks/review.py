"""What the confidentiality reviewer sees: the findings of an item's latest content.

For the review screen (``disclosure/review``): ``findings_context(page, user)`` or the template
tag ``{% load checks_tags %}{% check_findings page %}`` (template
``checks/includes/findings.html``)."""

from django.utils.translation import gettext as _

from . import decisions
from .masking import can_mask, can_read_originals
from .models import FindingDecision, MaskedOriginal
from .registry import run_checks
from .unreadable import CHECK_NAME as UNREADABLE


def findings_context(page, user=None):
    """Findings of ``page``'s latest revision, shown masked (a finding in an attachment cannot be
    masked in place; only its masked form is shown)."""
    from .scanner import mask

    latest = page.get_latest_revision_as_object() if page.pk else page
    rows = []
    for finding in run_checks(latest):
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
