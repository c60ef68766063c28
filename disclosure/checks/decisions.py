"""Decisions on findings (issue #17): each finding of an item can be marked 已修改 or 忽略 with a
reason; an ignored finding does not come back while its text and a little context around it stay
the same (:func:`fingerprint`). A blocking finding — one that stops publication — is ignored only
by a 保密审查员 (the override of the reviewer, with the recorded reason); a non-blocking one by
anyone who may edit the item."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _

from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, user_has_role

from .models import Decision, FindingDecision
from .scanner import KIND_LABELS, mask

#: Characters of context on each side that make a finding the same finding.
CONTEXT = 10


def fingerprint(finding, source_text):
    """The finding's identity: check, kind, source, text and ``CONTEXT`` characters around it."""
    before = source_text[max(0, finding.start - CONTEXT) : finding.start]
    after = source_text[finding.end : finding.end + CONTEXT]
    key = "|".join((finding.check, finding.kind, finding.source, before, finding.text, after))
    return hashlib.sha256(key.encode()).hexdigest()


def shown(finding):
    """What may be written down of a finding: personal data only masked."""
    if finding.kind in KIND_LABELS:
        return finding.replacement or mask(finding.kind, finding.text)
    return finding.text[:255]


def may_decide(user, page, finding):
    if finding.blocking:
        return user_has_role(user, CONFIDENTIALITY_REVIEWER)
    return (
        user_has_role(user, CONFIDENTIALITY_REVIEWER) or page.permissions_for_user(user).can_edit()
    )


def decide(page, finding, *, user, decision, reason):
    """Record ``decision`` on ``finding`` (which carries its fingerprint); refused in Chinese."""
    if decision not in Decision.values:
        raise ValueError(_("请选择处理方式。"))
    if not (reason or "").strip():
        raise ValueError(_("请填写理由。"))
    if not may_decide(user, page, finding):
        raise ValueError(_("阻止发布的问题只能由保密审查员决定忽略。"))
    return FindingDecision.objects.create(
        page_id=page.pk,
        check_name=finding.check,
        kind=finding.kind,
        fingerprint=finding.fingerprint,
        shown=shown(finding),
        decision=decision,
        reason=reason.strip(),
        decided_by=user,
    )


def latest(page_id):
    """``{fingerprint: the latest FindingDecision}`` of a page."""
    decisions = {}
    for record in FindingDecision.objects.filter(page_id=page_id).order_by("decided_at", "pk"):
        decisions[record.fingerprint] = record
    return decisions


def ignored(page_id):
    """The fingerprints whose latest decision on the page is 忽略."""
    return {key for key, record in latest(page_id).items() if record.decision == Decision.IGNORED}
