from django import template

from disclosure.review.changes import changes_url, is_first_publication

register = template.Library()


@register.simple_tag
def review_changes(page):
    """``{"url": …, "first_publication": …}`` for the reviewer's link to the changes."""
    page = page.specific
    return {"url": changes_url(page), "first_publication": is_first_publication(page)}
