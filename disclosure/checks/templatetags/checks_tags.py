from django import template

from ..review import findings_context

register = template.Library()


@register.inclusion_tag("checks/includes/findings.html", takes_context=True)
def check_findings(context, page):
    """The findings of ``page`` for the review screen."""
    request = context.get("request")
    result = findings_context(page, getattr(request, "user", None))
    result["embedded"] = True
    return result
