"""Penalty notices' rules of the publication gate (:mod:`disclosure.publishing.rules`), from
总局令第45号 (市场监督管理行政处罚信息公示规定); the rules themselves are in :mod:`.rules`."""

from django.core.exceptions import NON_FIELD_ERRORS

from disclosure.publishing.rules import register

from . import rules
from .choices import RequestStatus
from .models import EarlyEndApplication, PenaltyNoticePage


@register("enforcement.penalty_notice_content", "总局令第45号 第2条、第4条")
def penalty_notice_content(page, revision):
    """A penalty notice names what 第4条 requires; a warning-only penalty (第2条第2款) and a
    decision concerning a minor are not published."""
    if not isinstance(page, PenaltyNoticePage):
        return {}
    return rules.publication_refusals(page)


@register("enforcement.publicity_ended", "总局令第45号 第13条、第14条")
def publicity_ended(page, revision):
    """Once its publicity has ended (the period ran out, or it was ended early on application)
    a notice does not go live again."""
    if not isinstance(page, PenaltyNoticePage):
        return {}
    ended_early = bool(page.pk) and (
        EarlyEndApplication.objects.filter(
            notice_id=page.pk, status=RequestStatus.ACCEPTED
        ).exists()
    )
    ended = rules.publicity_ended_refusal(page, ended_early=ended_early)
    return {NON_FIELD_ERRORS: ended} if ended else {}
