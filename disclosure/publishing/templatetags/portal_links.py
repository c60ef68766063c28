"""``{% portal_url page %}``: Wagtail's ``{% pageurl page %}`` for the portal's links, each URL
path reversed once a process (:func:`disclosure.publishing.links.page_url`)."""

from django import template

from ..links import page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_url(context, page):
    """The URL ``{% pageurl page %}`` writes (nothing for a page without one)."""
    return page_url(page, context.get("request")) or ""
