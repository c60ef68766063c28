"""Consultations' rule of the publication gate (:mod:`disclosure.publishing.rules`)."""

from disclosure.publishing.rules import register

from . import rules
from .models import ConsultationPage


@register("consultations.comment_period", "重大行政决策程序暂行条例 第15条")
def comment_period(page, revision):
    """A draft decision goes out for comment with a period of at least 30 days, or a shorter one
    with its reason stated."""
    if not isinstance(page, ConsultationPage):
        return {}
    return rules.period_errors(page.opens_on, page.closes_on, page.short_period_reason)
