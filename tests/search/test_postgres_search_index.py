"""PostgreSQL: modelsearch's query matches ``title || body``; an expression index serves it
(search/migrations/0005, issue #21 item 3), so a search does not read every index entry."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from search import postgres_fts, service
from tests.factories import article, column, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def explain(sql, params=()):
    with connection.cursor() as cursor:
        # A handful of test rows would be read sequentially anyway: ask whether the index can
        # serve the expression at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_search_query_matches_the_indexed_expression():
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    article(notices, title="关于春节放假的通知", body="<p>放假安排。</p>")
    backend = get_search_backend()
    results = backend.search("市场", Page.objects.live())
    compiler = results.query_compiler
    sql, _params = compiler.search(compiler.get_config(backend), 0, None).query.sql_with_params()
    entries = '"wagtailsearch_indexentry"'
    assert f'({entries}."title" || {entries}."body") @@' in sql
    plan = explain(
        "SELECT COUNT(*) FROM wagtailsearch_indexentry WHERE (title || body) @@ %s::tsquery",
        ["市场"],
    )
    assert "search_entry_title_body_gin" in plan
    assert [page.title for page in results] == ["市场监管动态"]


def seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


def test_the_direct_path_holds_the_planner_to_the_indexes_for_its_statements_only():
    """search.postgres_fts.index_scans: a common word's count went through the table,
    detoasting every body (137 ms at 3.5k documents against 2 ms through the GIN index); the
    hint lasts for one search, also when it fails."""
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    seen = []
    real = postgres_fts.facet_counts
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            postgres_fts, "facet_counts", lambda *a, **k: seen.append(seqscan()) or real(*a, **k)
        )
        assert service.search("市场").count == 1
    assert seen and set(seen) == {"off"}
    assert seqscan() == "on"
    with pytest.raises(ZeroDivisionError), postgres_fts.index_scans():
        assert seqscan() == "off"
        raise ZeroDivisionError
    assert seqscan() == "on"
