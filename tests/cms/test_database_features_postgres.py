"""The PostgreSQL the project needs is a small, common subset (issue #18 item 7, 信创): a
PostgreSQL-compatible domestic database has to provide only what docs/database.md lists. This
test reads the migrated schema of the PostgreSQL suite and fails when anything beyond that list
appears — an extension, a column type, an index method, a trigger, a function, a view — so a
new dependency on PostgreSQL is a decision written down there, not an accident."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

#: Column types (information_schema.columns.data_type) of docs/database.md.
COLUMN_TYPES = {
    "bigint",
    "boolean",
    "character varying",
    "date",
    "double precision",
    "integer",
    "jsonb",
    "numeric",
    "smallint",
    "text",
    "timestamp with time zone",
    "time without time zone",
    "uuid",
    "tsvector",
    # django-axes' counters of failed logins (GenericIPAddressField).
    "inet",
}
#: Index methods: B-tree, and GIN for the full-text columns of the search index.
INDEX_METHODS = {"btree", "gin"}


def rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def test_no_extension_is_installed():
    assert set(rows("SELECT extname FROM pg_extension")) <= {"plpgsql"}


def test_only_the_listed_column_types_are_used():
    used = set(
        rows(
            "SELECT DISTINCT data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        )
    )
    assert used - COLUMN_TYPES == set()


def test_only_btree_and_gin_indexes():
    used = set(
        rows(
            "SELECT DISTINCT am.amname FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "WHERE c.relnamespace = current_schema()::regnamespace"
        )
    )
    assert used <= INDEX_METHODS


def test_gin_indexes_only_on_the_search_index_full_text_columns():
    tables = set(
        rows(
            "SELECT DISTINCT t.relname FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE am.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace"
        )
    )
    assert tables <= {"wagtailsearch_indexentry", "modelsearch_indexentry"}


def test_no_trigger_function_view_or_materialized_view():
    assert rows("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal") == []
    assert (
        rows("SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace")
        == []
    )
    assert (
        rows(
            "SELECT relname FROM pg_class WHERE relkind IN ('v', 'm') "
            "AND relnamespace = current_schema()::regnamespace"
        )
        == []
    )
