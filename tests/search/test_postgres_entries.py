"""PostgreSQL: the Chinese indexer reads an object's search fields once and writes its vectors as
SQL text (search/backends/postgres.py ``ChineseObjectIndexer``); what it reads and writes is what
modelsearch's own indexer reads and compiles (issue #21 item 3: the bulk import's statements)."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres import postgres as stock

from search.backends.postgres import ChineseObjectIndexer
from tests.factories import article, column, normative_document, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

NAMES = ("title", "autocomplete", "body")


class StockWalk(ChineseObjectIndexer):
    """The stock properties (each walks every field) over the same analysed values."""

    title = stock.ObjectIndexer.title
    body = stock.ObjectIndexer.body
    autocomplete = stock.ObjectIndexer.autocomplete
    title_text = stock.ObjectIndexer.title_text
    body_text = stock.ObjectIndexer.body_text


def compiled(indexer, name):
    """The stock SQL of the vector ``name``: the ``as_vector`` expression compiled as the stock
    ``add_items`` compiles it."""
    entry = stock.IndexEntry
    compiler = stock.InsertQuery(entry).get_compiler(connection=connection)
    value = compiler.prepare_value(entry._meta.get_field(name), getattr(indexer, name))
    sql, params = value.as_sql(compiler, connection)
    return sql, list(params)


@pytest.fixture
def pages():
    organisation()
    notices = column(title="通知公告", slug="notices")
    laws = column(title="法律法规", slug="laws")
    return [
        article(
            notices, title="关于春节放假的通知", body="<p>市场主体登记。</p>", summary="放假安排"
        ),
        article(notices, title="价格", body=""),
        normative_document(
            laws,
            "中华人民共和国广告法",
            "ad-law",
            "第一条 为了规范广告活动，制定本法。\n第二条 广告主应当对广告内容的真实性负责。",
            document_number="主席令第二十二号",
            publisher="全国人民代表大会常务委员会",
            keywords="广告 虚假广告",
        ),
    ]


def test_the_fields_read_once_are_the_ones_the_stock_properties_read(pages):
    backend = get_search_backend()
    for page in pages:
        ours, theirs = ChineseObjectIndexer(page, backend), StockWalk(page, backend)
        assert ours.title_text == theirs.title_text
        assert ours.body_text == theirs.body_text
        for name in NAMES:
            assert compiled(ours, name) == compiled(theirs, name), (page.title, name)


def test_the_vectors_sql_is_the_stock_compiled_sql(pages):
    backend = get_search_backend()
    seen = set()
    for page in pages:
        indexer = ChineseObjectIndexer(page, backend)
        for name in NAMES:
            sql, params = indexer.vector_sql(name)
            assert (sql, params) == compiled(indexer, name), (page.title, name)
            seen.add(sql.count("||"))
    unconfigured = ChineseObjectIndexer(pages[2], backend)
    unconfigured.config = None  # a backend without SEARCH_CONFIG
    assert unconfigured.vector_sql("body") == compiled(unconfigured, "body")
    # Not vacuous: an empty vector (the article without a body), one text and several joined.
    assert ChineseObjectIndexer(pages[1], backend).vector_sql("body")[0].startswith("to_tsvector(")
    assert 0 in seen and max(seen) >= 2


def test_the_vectors_written_by_the_sql_equal_the_stock_ones(pages):
    backend = get_search_backend()
    for page in pages:
        indexer = ChineseObjectIndexer(page, backend)
        with connection.cursor() as cursor:
            for name in NAMES:
                ours, ours_params = indexer.vector_sql(name)
                theirs, theirs_params = compiled(StockWalk(page, backend), name)
                cursor.execute(
                    f"SELECT ({ours})::text, ({theirs})::text", [*ours_params, *theirs_params]
                )
                written, expected = cursor.fetchone()
                assert written == expected
