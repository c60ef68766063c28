"""``{% shared_fragment %}``: a part of the portal's pages kept by the page cache once a
generation (:func:`disclosure.publishing.page_cache.shared_fragment`)."""

from django import template
from django.utils.safestring import mark_safe

from .. import page_cache

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(  # noqa: S308 - the template's own output, escaped as it rendered
            page_cache.shared_fragment(
                context.get("request"), self.name, lambda: self.nodelist.render(context)
            )
        )


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "nav" %}…{% endshared_fragment %}``: a part every page shows alike,
    kept once a generation (:func:`disclosure.publishing.page_cache.shared_fragment`)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            'usage: {% shared_fragment "name" %}…{% endshared_fragment %}'
        )
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1][1:-1], nodelist)
