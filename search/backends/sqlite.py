"""SQLite FTS5 with Chinese analysis: the stored index text is the analysed token stream
(segmented, simplified, half-width, document numbers canonical), and queries are cut the
same way, so that ``市场`` finds ``六盘水市市场监督管理局``."""

from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from disclosure.upstream.modelsearch import refresh_title_norms

from .common import analysed_value, combine, refresh_facets


class ChineseObjectIndexer(stock.ObjectIndexer):
    def prepare_field(self, obj, field):
        # title, body and autocomplete each walk every field: analyse each value once.
        cache = self.__dict__.setdefault("_analysed", {})
        for current_field, value in super().prepare_field(obj, field):
            if isinstance(current_field, SearchField | AutocompleteField):
                key = (type(current_field), current_field.field_name, value)
                if key not in cache:
                    cache[key] = analysed_value(current_field, value)
                value = cache[key]
            yield current_field, value


class ChineseSQLiteIndex(stock.SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch offers no hook for the indexer: the stock method with our indexer.
        if not model.get_search_fields():
            return
        indexers = [ChineseObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in existing:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            [
                stock.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in existing
            ]
        )
        refresh_title_norms(self)
        refresh_facets(model, data.keys())


class ChineseQueryMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            combined = combine(query, Lexeme, self.LAST_TERM_IS_PREFIX)
            return SearchQueryExpression(combined, config=config)
        return super().build_search_query_content(query, config=config)


class ChineseSQLiteSearchQueryCompiler(ChineseQueryMixin, stock.SQLiteSearchQueryCompiler):
    pass


class ChineseSQLiteAutocompleteQueryCompiler(
    ChineseQueryMixin, stock.SQLiteAutocompleteQueryCompiler
):
    pass


class ChineseSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex


SearchBackend = ChineseSQLiteSearchBackend
