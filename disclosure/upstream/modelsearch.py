"""modelsearch's private API and tables (written against modelsearch 1.3.2).

The Chinese search backends (:mod:`search.backends`) are modelsearch's database and OpenSearch
backends with the Chinese analysis swapped in. modelsearch offers no hook for the indexer or
the analysis, and its SQLite backend scores every match with a correlated subquery that costs
seconds over a large corpus; so the portal

- indexes with its own ``ObjectIndexer`` subclasses (``prepare_field``, and the indexer's
  ``id``/``title``/``autocomplete``/``body`` on SQLite) and refreshes the title norms as the
  stock ``add_items`` does (``SQLiteIndex._refresh_title_norms``); on PostgreSQL it swaps its
  indexer into the stock module for one ``add_items`` call (:func:`postgres_indexer`);
- writes the index entries of a bulk import itself, with the title norms the stock code would
  compute (:func:`new_title_norms`), because every update of an entry makes FTS5 index it again
  (speed);
- queries modelsearch's ``IndexEntry`` table and its FTS5 table with raw SQL (:mod:`search.fts`,
  :mod:`search.facet_index`): the FTS5 rowid is the entry's id, the FTS5 columns are
  :data:`FTS_COLUMNS` in that order (``bm25()`` weights follow it), entries name their object
  by ``content_type_id`` and ``object_id`` (text);
- overrides the private query and mapping methods of the OpenSearch backend
  (:data:`OPENSEARCH_PRIVATE_HOOKS`, in :mod:`search.backends.opensearch`).

Pinned by ``tests/upstream/test_modelsearch.py``.
"""

import threading
from contextlib import contextmanager

from django.db.models import Avg
from django.db.models.functions import Length
from modelsearch.conf import get_app_config

#: The columns of modelsearch's FTS5 table in their order (migration 0002 of modelsearch).
FTS_COLUMNS = ("autocomplete", "body", "title")

#: The fields of an index entry the raw SQL reads or writes.
ENTRY_FIELDS = ("id", "content_type_id", "object_id", "title", "autocomplete", "body", "title_norm")

#: The private methods of modelsearch's OpenSearch classes that the Chinese backend overrides
#: or calls, by class (the same names in ``opensearch2`` and ``opensearch3``).
OPENSEARCH_PRIVATE_HOOKS = {
    "Mapping": ("_get_document_field_data",),
    "SearchQueryCompiler": (
        "_compile_plaintext_query",
        "_compile_phrase_query",
        "_compile_fuzzy_query",
    ),
}

#: The attribute of modelsearch's OpenSearch query compiler that the engine path
#: (``search/engine_direct.py``) reads: the catch-all fields with their boosts.
OPENSEARCH_COMPILER_ATTRIBUTES = ("remapped_fields",)


def index_entry_model():
    """modelsearch's ``IndexEntry`` model (one row per indexed object)."""
    return get_app_config().get_model("IndexEntry")


def index_entry_table():
    """The table of :func:`index_entry_model`."""
    return index_entry_model()._meta.db_table


def fts_table():
    """modelsearch's FTS5 table on SQLite (rowid = the entry's id, columns :data:`FTS_COLUMNS`)."""
    return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table


def refresh_title_norms(index):
    """Set the title norm of the entries just written, as the stock SQLite ``add_items`` does
    after writing them (``SQLiteIndex._refresh_title_norms``)."""
    index._refresh_title_norms()


def new_title_norms(index, titles):
    """The title norm of each new entry with one of ``titles``, as ``_refresh_title_norms``
    would set it after they are written: ``lavg / len(title)`` (1.0 for an empty title), lavg
    the average length of the non-empty titles of the index with the new ones counted. Two
    queries, and no update of the entries (each update makes FTS5 index the entry again)."""
    existing = index.entries.annotate(length=Length("title")).filter(length__gt=0)
    count = existing.count()
    average = existing.aggregate(average=Avg("length"))["average"] or 0
    lengths = [len(title) for title in titles if title]
    if lengths:
        average = (average * count + sum(lengths)) / (count + len(lengths))
    return [average / len(title) if title else 1.0 for title in titles]


_indexer_swap = threading.Lock()


@contextmanager
def postgres_indexer(indexer_class):
    """Within the block, modelsearch's PostgreSQL ``add_items`` indexes with ``indexer_class``:
    it builds one SQL statement around the module-level ``ObjectIndexer``, which is swapped
    here, one block at a time."""
    # That module needs django.contrib.postgres (psycopg): imported only where it is used, as
    # search.backends.database picks the backend for the database in use.
    from modelsearch.backends.database.postgres import postgres as stock

    with _indexer_swap:
        original = stock.ObjectIndexer
        stock.ObjectIndexer = indexer_class
        try:
            yield
        finally:
            stock.ObjectIndexer = original
