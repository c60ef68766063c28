from django import template

from .. import page_types as page_types_rules
from ..meta import meta_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta_tags(context, page):
    """``{% page_meta_tags page as tags %}``: see :func:`disclosure.columns.meta.meta_tags`."""
    return meta_tags(page, context.get("request")) if page else []


@register.simple_tag(takes_context=True)
def offered_page_types(context, page_types):
    """The page types the current user may create (:mod:`disclosure.columns.page_types`)."""
    return page_types_rules.offered_page_types(context["request"].user, page_types)
