"""modelsearch's private API and tables as :mod:`disclosure.upstream.modelsearch` (and through it
the search's raw SQL and the bulk importer) uses them."""

import importlib
import inspect
from importlib.metadata import version

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL
from wagtail.models import Page

from disclosure.publishing.models import ArticlePage
from disclosure.upstream import modelsearch as upstream
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="modelsearch's FTS5 index exists on SQLite only"
)


def test_written_against_modelsearch_1_3_2():
    assert version("modelsearch") == "1.3.2", "check disclosure/upstream/modelsearch.py"


def columns(table):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def test_the_entry_table_has_the_columns_the_raw_sql_reads():
    assert upstream.index_entry_table() == upstream.index_entry_model()._meta.db_table
    assert set(upstream.ENTRY_FIELDS) <= set(columns(upstream.index_entry_table()))


@pytest.fixture
def indexed():
    """A published article: indexed by the default backend."""
    organisation()
    return article(column(title="通知公告"), title="食品安全抽检信息公告")


def entry_of(page):
    return upstream.index_entry_model().objects.get(
        content_type=ContentType.objects.get_for_model(type(page)), object_id=str(page.pk)
    )


@sqlite_only
def test_the_fts_table_has_its_columns_in_the_order_the_weights_follow():
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({upstream.fts_table()})")
        assert tuple(row[1] for row in cursor.fetchall()) == upstream.FTS_COLUMNS


@sqlite_only
def test_the_fts_rowid_is_the_entry_id(indexed):
    entry = entry_of(indexed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, title FROM {upstream.fts_table()} WHERE rowid = %s",  # noqa: S608
            [entry.pk],
        )
        assert cursor.fetchall() == [(entry.pk, entry.title)]


@sqlite_only
def test_new_title_norms_are_the_ones_refresh_title_norms_sets(indexed):
    index = get_search_backend().get_index_for_model(ArticlePage)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    titles = ["食品 安全", "", "市场 监督 管理 局 公告 通知"]
    expected = upstream.new_title_norms(index, titles)
    rows = upstream.index_entry_model().objects.bulk_create(
        upstream.index_entry_model()(
            content_type=content_type, object_id=str(90000 + number), title=title, body=""
        )
        for number, title in enumerate(titles)
    )
    upstream.refresh_title_norms(index)
    written = [upstream.index_entry_model().objects.get(pk=row.pk).title_norm for row in rows]
    assert written == pytest.approx(expected)
    assert expected[1] == 1.0


@sqlite_only
def test_the_sqlite_indexer_exposes_the_values_the_bulk_import_writes(indexed):
    sqlite = importlib.import_module("modelsearch.backends.database.sqlite.sqlite")
    indexer = sqlite.ObjectIndexer(indexed, get_search_backend())
    entry = entry_of(indexed)
    assert indexer.id == entry.object_id
    for name in ("title", "autocomplete", "body"):
        assert isinstance(getattr(indexer, name), str)
    assert callable(sqlite.SQLiteIndex._refresh_title_norms)


def test_postgres_indexer_swaps_the_module_level_indexer_and_restores_it():
    postgres = importlib.import_module("modelsearch.backends.database.postgres.postgres")
    original = postgres.ObjectIndexer

    class Indexer(original):
        pass

    with upstream.postgres_indexer(Indexer):
        assert postgres.ObjectIndexer is Indexer
        # The stock add_items builds its indexers from the module-level name.
        assert "ObjectIndexer(" in inspect.getsource(postgres.PostgresIndex.add_items)
    assert postgres.ObjectIndexer is original


@pytest.mark.parametrize("major", [2, 3])
def test_the_opensearch_hooks_exist_with_the_signatures_overridden(major):
    pytest.importorskip("opensearchpy")
    stock = importlib.import_module(f"modelsearch.backends.opensearch{major}")
    ours = importlib.import_module("search.backends.opensearch")
    for suffix, names in upstream.OPENSEARCH_PRIVATE_HOOKS.items():
        stock_class = getattr(stock, f"OpenSearch{major}{suffix}")
        our_class = getattr(ours, f"ChineseOpenSearch{major}{suffix}")
        for name in names:
            assert callable(getattr(stock_class, name, None)), f"{stock_class.__name__}.{name}"
            assert inspect.signature(getattr(stock_class, name)) == inspect.signature(
                getattr(our_class, name)
            ), f"{stock_class.__name__}.{name}"


@pytest.mark.parametrize("major", [2, 3])
def test_the_opensearch_compiler_attributes_the_engine_path_reads(major):
    pytest.importorskip("opensearchpy")
    ours = importlib.import_module("search.backends.opensearch")
    compiler_class = getattr(ours, f"ChineseOpenSearch{major}SearchQueryCompiler")
    compiler = compiler_class(Page.objects.all(), MATCH_ALL, fields=None, order_by_relevance=True)
    for name in upstream.OPENSEARCH_COMPILER_ATTRIBUTES:
        fields = getattr(compiler, name)
        assert fields and all(hasattr(field, "field_name_with_boost") for field in fields)
    assert isinstance(compiler.get_filters(), list)
