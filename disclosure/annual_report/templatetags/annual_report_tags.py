from django import template

from disclosure.printing.document import as_cell as printing_cell

register = template.Library()


@register.filter
def as_cell(value):
    """A table cell of :mod:`disclosure.printing.document` (a plain value becomes a cell)."""
    return printing_cell(value)
