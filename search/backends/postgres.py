"""PostgreSQL full-text search with Chinese analysis.

PostgreSQL's parser keeps an unbroken run of Chinese characters as one token; the index text
is therefore the analysed token stream, vectorised with the ``simple`` configuration (no
English stemming of the tokens we produce), and queries are cut the same way."""

import logging
import queue
import threading

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, TextField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from disclosure.upstream.modelsearch import index_entry_table, postgres_indexer

from .common import analysed_value, combine, forget_facets, refresh_facets

logger = logging.getLogger(__name__)


class ChineseObjectIndexer(stock.ObjectIndexer):
    """The stock indexer with Chinese analysis, its fields read once and its vectors written as
    SQL text.

    The stock ``title``, ``body``, ``autocomplete``, ``title_text`` and ``body_text`` each walk
    every search field of the object (reading each value, with an ``apps.is_installed`` check a
    value); here they share one walk (:attr:`prepared`) and keep the stock selection of fields.
    :meth:`vector_sql` writes the SQL of a vector as the stock ``as_vector`` expression compiles
    to, without building and compiling Django expressions (the entries statement 2.35 → 0.23 ms
    a law on PostgreSQL, issue #21 item 3); ``tests/search/test_postgres_entries.py`` holds it
    to the stock SQL."""

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

    @cached_property
    def prepared(self):
        """``(field, weight, value)`` of every search field of the object, in order."""
        return [
            item for field in self.search_fields for item in self.prepare_field(self.obj, field)
        ]

    def _texts(self, name):
        """``(value, weight)`` of the fields the stock property ``name`` reads."""
        if name == "autocomplete":
            return [(v, w) for f, w, v in self.prepared if isinstance(f, AutocompleteField)]
        is_title = name == "title"
        return [
            (v, w)
            for f, w, v in self.prepared
            if isinstance(f, SearchField) and (f.field_name == "title") == is_title
        ]

    @cached_property
    def title(self):
        return self.as_vector(self._texts("title"))

    @cached_property
    def body(self):
        return self.as_vector(self._texts("body"))

    @cached_property
    def autocomplete(self):
        return self.as_vector(self._texts("autocomplete"), for_autocomplete=True)

    @cached_property
    def title_text(self):
        return _joined(self._texts("title"))

    @cached_property
    def body_text(self):
        return _joined(self._texts("body"))

    def vector_sql(self, name):
        """``(sql, params)`` of the vector of ``name`` (title, body or autocomplete): each
        non-empty text weighted and vectorised with the configuration, concatenated in the
        stock's balanced order; an empty text's vector when there is none."""
        texts = [(text.strip(), weight) for text, weight in self._texts(name)]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return "to_tsvector(COALESCE(%s, %s))", ["", ""]
        config = self.autocomplete_config if name == "autocomplete" else self.config
        if config:
            one = "setweight(to_tsvector(%s::regconfig, COALESCE(%s, %s)), %s)"
            parts = [(one, [config, text, "", weight]) for text, weight in texts]
        else:
            one = "setweight(to_tsvector(COALESCE(%s, %s)), %s)"
            parts = [(one, [text, "", weight]) for text, weight in texts]
        return _concatenated(parts)


def _joined(texts):
    """The plain text of ``(value, weight)`` pairs, as the stock ``title_text``/``body_text``."""
    return " ".join(stripped for value, _ in texts if (stripped := value.strip()))


def _concatenated(parts):
    """``(sql, params)`` of ``parts`` joined with ``||`` as modelsearch's ``balanced_reduce``
    pairs them: halves, each in parentheses."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    first_sql, first_params = _concatenated(parts[:middle])
    second_sql, second_params = _concatenated(parts[middle:])
    return f"({first_sql} || {second_sql})", [*first_params, *second_params]


class ChinesePostgresIndex(stock.PostgresIndex):
    def add_items(self, model, objs):
        if model.get_search_fields():
            self._write_entries(model, [ChineseObjectIndexer(obj, self.backend) for obj in objs])
        # The facet rows of the direct path (search.postgres_fts), as on SQLite.
        refresh_facets(model, [obj.pk for obj in objs])

    def _write_entries(self, model, indexers):
        """The entries of ``indexers``, as modelsearch's ``add_items`` writes them, with their
        title norm set by the same statement.

        The stock code inserts each entry with a title norm of 1.0 and then sets the norm of
        every entry still at 1.0 to ``lavg / length(title)`` (``_refresh_title_norms``):
        updating an entry writes a new row version, whose GIN index entries (title, body,
        autocomplete, title || body: thousands of lexemes a page) are all inserted again, which
        took a third of the time of a bulk import (issue #21 item 3). Here ``lavg`` (the
        average title length of the entries with a title once these are written) is computed
        in the insert, and the stock refresh then finds only the entries whose norm is 1.0 by
        coincidence, as it would have, and sets them to the same values.

        The stock refresh reads ``lavg`` into Python (a float) and sends it back as a literal,
        which PostgreSQL reads as a ``numeric``: the division is a numeric one, rounded to a
        double when stored. The statement does the same with the float's text, which is the
        shortest that reads back as the same float, as Python's, when ``extra_float_digits`` is
        above 0 (the default since PostgreSQL 12); otherwise the stock code does the work."""
        statement = self.entries_statement(model, indexers)
        if statement is None:
            if indexers:
                with postgres_indexer(ChineseObjectIndexer):
                    super().add_items(model, [indexer.obj for indexer in indexers])
            return
        self.write_entries(statement)

    def entries_statement(self, model, indexers):
        """``(sql, params)`` of the statement of :meth:`_write_entries`, to run on any connection
        to the same database (:meth:`write_entries`); None when there is nothing to write or the
        stock code must do the work (``extra_float_digits`` at 0 or below)."""
        if not indexers or not self._shortest_float_text():
            return None
        entry = stock.IndexEntry
        connection = self.write_connection
        content_type = get_content_type_pk(model)
        rows, params = [], []
        for indexer in indexers:
            row_params, vectors = [content_type, indexer.id], []
            for name in ("title", "autocomplete", "body"):
                sql, vector_params = indexer.vector_sql(name)
                vectors.append(sql)
                row_params.extend(vector_params)
            row_params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s::integer, %s::text, {', '.join(vectors)}, %s::text, %s::text)")
            params.extend(row_params)
        table = connection.ops.quote_name(entry._meta.db_table)
        columns = "content_type_id, object_id, title, autocomplete, body, title_text, body_text"
        sql = (
            f"WITH new_entry ({columns}) AS (VALUES {', '.join(rows)}), "  # noqa: S608
            "lavg AS (SELECT AVG(LENGTH(t.title))::double precision AS value FROM ("
            f"SELECT e.title FROM {table} e WHERE NOT EXISTS (SELECT 1 FROM new_entry n "
            "WHERE n.content_type_id = e.content_type_id AND n.object_id = e.object_id) "
            "UNION ALL SELECT title FROM new_entry) t WHERE LENGTH(t.title) > 0) "
            f"INSERT INTO {table} ({columns}, title_norm) "
            f"SELECT {', '.join('n.' + c for c in columns.split(', '))}, "
            "CASE WHEN LENGTH(n.title) > 0 THEN (lavg.value::text::numeric "
            "/ LENGTH(n.title))::double precision ELSE 1.0 END "
            "FROM new_entry n CROSS JOIN lavg "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete, "
            "body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
            "body_text = EXCLUDED.body_text"
        )
        return sql, params

    def write_entries(self, statement):
        """Run a statement of :meth:`entries_statement` on this index's connection."""
        with self.write_connection.cursor() as cursor:
            cursor.execute(*statement)
        self._refresh_title_norms()

    def delete_item(self, item):
        super().delete_item(item)
        forget_facets(item)

    def _shortest_float_text(self):
        with self.write_connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('extra_float_digits')::integer > 0")
            return cursor.fetchone()[0]


class BackgroundEntryWriter:
    """Writes the index entries and facet rows of pages already committed, in a thread with a
    connection of its own, while the caller goes on with its next batch (a bulk import,
    issue #21 item 3).

    The entries statement of a batch (``tsvector`` of its bigram text and the GIN indexes of
    title, body, autocomplete and ``title || body``) is half of what PostgreSQL does in an
    import; in the importer's thread it waited for it. Here PostgreSQL builds the entries of
    batch N on a second backend process while the importer validates and writes batch N + 1
    (its pages, revisions, events) on the first: both cores work.

    - :meth:`prepare` (the caller's thread, within the batch's transaction) builds the entries
      statement from the pages in memory, with the analysis the caller holds; it returns None
      for what this writer does not take (another index, the stock fallback of
      :meth:`ChinesePostgresIndex.entries_statement`), which the caller indexes itself.
    - :meth:`submit` after the batch committed: its pages are live before their entries are
      written (seconds; search finds them once written).
    - :meth:`close` waits for the last batch and returns the ``(model, ids)`` of the jobs that
      failed (logged): the caller indexes those itself. A process that dies in between leaves
      committed pages without entries: :func:`unindexed` finds them.

    One job waits at most (a batch's statement holds megabytes of text)."""

    def __init__(self):
        self.jobs = queue.Queue(maxsize=1)
        self.failed = []
        self.backends = []  # those it took jobs of
        self.thread = threading.Thread(target=self._run, name="index-entries", daemon=True)
        self.thread.start()

    def prepare(self, backend, model, objs):
        index = backend.get_index_for_model(model)
        if not isinstance(index, ChinesePostgresIndex) or not objs:
            return None
        statement = None
        if model.get_search_fields():
            indexers = [ChineseObjectIndexer(obj, backend) for obj in objs]
            statement = index.entries_statement(model, indexers)
            if statement is None:
                return None
        if backend not in self.backends:
            self.backends.append(backend)
        return backend, model, [obj.pk for obj in objs], statement

    def submit(self, job):
        if not self._put(job):
            self.failed.append(job[1:3])  # the thread is gone: the caller indexes these

    def close(self):
        if self._put(None):
            self.thread.join()
        return self.failed

    def _put(self, item):
        """Queue ``item`` once there is room; False if the thread has stopped."""
        while self.thread.is_alive():
            try:
                self.jobs.put(item, timeout=1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self):
        try:
            while (job := self.jobs.get()) is not None:
                backend, model, ids, statement = job
                try:
                    index = backend.get_index_for_model(model)  # this thread's connection
                    with transaction.atomic():
                        if statement is not None:
                            index.write_entries(statement)
                        refresh_facets(model, ids)
                except Exception:  # noqa: BLE001 - reported to the caller, which indexes them
                    logger.exception("index entries of %d %s not written", len(ids), model)
                    self.failed.append((model, ids))
        finally:
            connection.close()


def unindexed(pages):
    """The pages of the queryset ``pages`` that have no index entry (one statement)."""
    entries = stock.IndexEntry.objects.filter(
        content_type_id=get_content_type_pk(pages.model),
        object_id=Cast(OuterRef("pk"), TextField()),
    )
    return pages.exclude(Exists(entries))


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


def analyse_entries(index):
    """Fresh planner statistics of the index entries: the relaxed match reads the size of the
    index from them (:func:`search.postgres_fts.index_size_sql`), and statistics taken while the
    table held mostly dead rows (after a rebuild deleted and wrote every entry, before autovacuum
    analysed it) made every word common: a question then found only what its titles found."""
    connection = index.write_connection
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(index_entry_table())}")


class ChineseRebuilder(stock.PostgresSearchRebuilder):
    def finish(self):
        super().finish()
        analyse_entries(self.index)


class ChineseAtomicRebuilder(stock.PostgresSearchAtomicRebuilder):
    def finish(self):
        super().finish()
        analyse_entries(self.index)


class ChinesePostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex
    rebuilder_class = ChineseRebuilder
    atomic_rebuilder_class = ChineseAtomicRebuilder

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": "simple", **params})


SearchBackend = ChinesePostgresSearchBackend
