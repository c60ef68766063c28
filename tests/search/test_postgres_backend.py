"""PostgreSQL: the Chinese index writes its entries with their title norm in one statement
(search/backends/postgres.py, issue #21 item 3); the rows are the ones modelsearch's own
``add_items`` (insert, then ``_refresh_title_norms``) writes with the same indexer."""

import pytest
from modelsearch.backends import get_search_backend

from disclosure.upstream.modelsearch import index_entry_model, postgres_indexer
from search.models import FacetEntry
from tests.factories import article, column, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

COLUMNS = ("content_type_id", "object_id", "title", "autocomplete", "body", "title_norm")


def snapshot():
    """The entries by object, every value as PostgreSQL stores it (vectors as text)."""
    from django.db import connection

    table = index_entry_model()._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title::text, autocomplete::text, body::text, "  # noqa: S608
            f"title_norm, title_text, body_text FROM {table} ORDER BY content_type_id, object_id"
        )
        return cursor.fetchall()


def reset():
    index_entry_model().objects.all().delete()
    FacetEntry.objects.all().delete()


def write_twice(add_items, model, first, second, coincidence):
    """Index ``first``, then ``second`` (new pages and one of ``first`` again, renamed), with
    ``coincidence`` (an entry of ``first``) holding a title norm of exactly 1.0 in between, as
    the stock refresh recomputes every such entry."""
    reset()
    add_items(model, first)
    index_entry_model().objects.filter(object_id=str(coincidence.pk)).update(title_norm=1.0)
    add_items(model, second)
    return snapshot()


def test_entries_equal_the_stock_ones():
    from modelsearch.backends.database.postgres import postgres as stock

    from search.backends.postgres import ChineseObjectIndexer

    organisation()
    notices = column(title="通知公告", slug="notices")
    titles = ["市场监管动态", "关于春节放假的通知", "食品安全抽检信息公告（2024年第3期）", "价格"]
    first = [article(notices, title=t, body=f"<p>{t}的正文。市场主体登记。</p>") for t in titles]
    more = ["反不正当竞争执法典型案例", "关于开展2025年计量器具强制检定工作的通知"]
    second = [article(notices, title=t, body=f"<p>{t}。</p>") for t in more]
    first[1].title = "关于春节放假安排的通知（更正）"
    second.append(first[1])
    model = type(first[0])
    index = get_search_backend().get_index_for_model(model)

    ours = write_twice(index.add_items, model, first, second, first[0])

    def stock_add_items(model, objs):
        with postgres_indexer(ChineseObjectIndexer):
            stock.PostgresIndex.add_items(index, model, objs)

    theirs = write_twice(stock_add_items, model, first, second, first[0])
    assert ours == theirs
    assert len(ours) == len(first) + len(more)
    norms = {row[5] for row in ours}
    assert len(norms) > 2  # the norms differ by title length: the check is not vacuous
    renamed = next(row for row in ours if row[1] == str(first[1].pk))
    assert "更正" in renamed[6]


def test_facet_rows_are_written_with_the_entries():
    organisation()
    notices = column(title="通知公告", slug="notices")
    page = article(notices, title="市场监管动态", body="<p>市场主体登记。</p>")
    entry = index_entry_model().objects.get(object_id=str(page.pk))
    assert FacetEntry.objects.filter(entry_id=entry.pk, page_id=page.pk, live=True).exists()
