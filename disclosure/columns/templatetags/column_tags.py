from django import template

from ..meta import meta_tags

register = template.Library()


@register.simple_tag
def page_meta_tags(page):
    """``{% page_meta_tags page as tags %}``: see :func:`disclosure.columns.meta.meta_tags`."""
    return meta_tags(page) if page else []
