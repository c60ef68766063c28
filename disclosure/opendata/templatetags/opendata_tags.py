from django import template

from disclosure.opendata.registry import as_text

register = template.Library()


@register.filter
def cell(value):
    """A list cell as text: dates ISO, lists joined, empty for None."""
    return as_text(value)
