"""What the SQLite and PostgreSQL backends share: analysed index text and analysed queries."""

from functools import reduce

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import PlainText

from search import analysis


def analysed_value(field, value):
    """Index text for one field value: titles (and autocomplete) get pinyin as well."""
    if isinstance(field, AutocompleteField) or (
        isinstance(field, SearchField) and field.field_name == "title"
    ):
        return analysis.title_index_text(value)
    return analysis.index_text(value)


def token_groups(query):
    """Index-token groups of a PlainText or Phrase query; never empty for a non-empty query."""
    groups = analysis.query_groups(query.query_string)
    if not groups:
        # Only stopwords or punctuation: search for what was typed rather than for nothing.
        text = analysis.normalise(query.query_string)
        groups = [[word] for word in analysis.segment(text, search_mode=False)] or [
            [text.strip() or "\u2060"]
        ]
    return [[token.replace('"', " ").strip() or token for token in group] for group in groups]


def combine(query, lexeme_class, last_is_prefix, **lexeme_kwargs):
    """Lexemes for the query: tokens of a group AND-ed, groups joined with the query's operator.

    A token ending in ``*`` is a prefix (a one-character word: see ``analysis.term_tokens``).
    With ``invert`` (PostgreSQL's negated lexemes) the connectives swap (De Morgan), so that
    NOT (a AND b) is (NOT a) OR (NOT b)."""
    groups = token_groups(query)
    operator = getattr(query, "operator", "and").lower() if isinstance(query, PlainText) else "and"
    inverted = lexeme_kwargs.get("invert", False)

    def both(a, b):
        return a | b if inverted else a & b

    def either(a, b):
        return a & b if inverted else a | b

    combined_groups = []
    for position, group in enumerate(groups):
        lexemes = []
        for index, token in enumerate(group):
            last = position == len(groups) - 1 and index == len(group) - 1
            prefix = token.endswith("*") or (last and last_is_prefix)
            lexemes.append(lexeme_class(token.rstrip("*") or token, prefix=prefix, **lexeme_kwargs))
        combined_groups.append(reduce(both, lexemes))
    return reduce(either if operator == "or" else both, combined_groups)


def refresh_facets(model, object_ids):
    """The facet rows of the pages just indexed (see :mod:`search.facet_index`)."""
    from django.apps import apps

    if not apps.is_installed("search"):  # modelsearch's own test suite: no pages, no facets
        return
    from wagtail.models import Page

    from search import facet_index

    if issubclass(model, Page):
        facet_index.refresh_pages(model, [int(pk) for pk in object_ids])


def forget_facets(item):
    """Drop the facet rows of a page whose index entry is deleted (PostgreSQL; on SQLite a
    trigger of migration search.0003 does it)."""
    from django.apps import apps

    if not apps.is_installed("search"):
        return
    from wagtail.models import Page

    from search.models import FacetEntry

    if isinstance(item, Page):
        FacetEntry.objects.filter(page_id=item.pk).delete()
