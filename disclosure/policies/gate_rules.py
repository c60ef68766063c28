"""Policy interpretations' rule of the publication gate (:mod:`disclosure.publishing.rules`)."""

from disclosure.publishing.rules import register

from . import rules
from .models import InterpretationPage


@register("policies.interpretation_after_policy", "实施方案 二(二)：发布、解读、回应有序衔接")
def interpretation_after_policy(page, revision):
    """An interpretation names the policy it explains and cannot go live before it."""
    if not isinstance(page, InterpretationPage):
        return {}
    return rules.interpretation_errors(page)
