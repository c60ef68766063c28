"""What the SQLite and PostgreSQL backends share: analysed index text and analysed queries."""

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import PlainText

from search import analysis


def analysed_value(field, value):
    """Index text for one field value: titles get bigrams and pinyin as well."""
    if isinstance(field, AutocompleteField):
        return analysis.title_index_text(value)
    if isinstance(field, SearchField) and field.field_name == "title":
        return analysis.title_index_text(value)
    return analysis.index_text(value)


def plain_text_terms(query):
    """Index terms for a PlainText query; never empty for a non-empty query string."""
    terms = analysis.query_terms(query.query_string)
    if not terms:
        # Only stopwords or punctuation: search for what was typed rather than for nothing.
        terms = analysis.segment(analysis.normalise(query.query_string), search_mode=False)
    if not terms:
        terms = [analysis.normalise(query.query_string).strip() or query.query_string]
    return [term.replace('"', " ").strip() or term for term in terms]


def phrase_terms(query):
    return plain_text_terms(PlainText(query.query_string))
