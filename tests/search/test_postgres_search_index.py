"""PostgreSQL: modelsearch's query matches ``title || body``; an expression index serves it
(search/migrations/0005, issue #21 item 3), so a search does not read every index entry."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from wagtail.models import Page

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
