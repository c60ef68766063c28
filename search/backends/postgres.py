"""PostgreSQL full-text search with Chinese analysis.

PostgreSQL's parser keeps an unbroken run of Chinese characters as one token; the index text
is therefore the analysed token stream, vectorised with the ``simple`` configuration (no
English stemming of the tokens we produce), and queries are cut the same way."""

from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Phrase, PlainText

from disclosure.upstream.modelsearch import postgres_indexer

from .common import analysed_value, combine, forget_facets, refresh_facets


class ChineseObjectIndexer(stock.ObjectIndexer):
    def prepare_field(self, obj, field):
        # title, body and autocomplete each walk every field: analyse each value once.
        cache = self.__dict__.setdefault("_analysed", {})
        for current_field, weight, value in super().prepare_field(obj, field):
            if isinstance(current_field, SearchField | AutocompleteField):
                key = (type(current_field), current_field.field_name, value)
                if key not in cache:
                    cache[key] = analysed_value(current_field, value)
                value = cache[key]
            yield current_field, weight, value


class ChinesePostgresIndex(stock.PostgresIndex):
    def add_items(self, model, objs):
        # modelsearch offers no hook for the indexer: ours, swapped in for this call.
        with postgres_indexer(ChineseObjectIndexer):
            result = super().add_items(model, objs)
        # The facet rows of the direct path (search.postgres_fts), as on SQLite.
        refresh_facets(model, [obj.pk for obj in objs])
        return result

    def delete_item(self, item):
        super().delete_item(item)
        forget_facets(item)


class ChineseQueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText | Phrase):
            combined = combine(query, Lexeme, self.LAST_TERM_IS_PREFIX, invert=invert)
            return stock.SearchQuery(combined, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class ChinesePostgresSearchQueryCompiler(ChineseQueryMixin, stock.PostgresSearchQueryCompiler):
    pass


class ChinesePostgresAutocompleteQueryCompiler(
    ChineseQueryMixin, stock.PostgresAutocompleteQueryCompiler
):
    pass


class ChinesePostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


SearchBackend = ChinesePostgresSearchBackend
