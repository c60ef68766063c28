"""The Chinese-aware database backend behind ``.search()`` (SQLite here, PostgreSQL in CI)."""

import pytest

from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    organisation()
    return column(title="通知公告", slug="notices")


def titles(query, **kwargs):
    return {page.title for page in ArticlePage.objects.live().search(query, **kwargs)}


def test_word_inside_an_unbroken_run_of_chinese(notices):
    article(notices, title="六盘水市市场监督管理局关于开展双随机抽查的通知")
    article(notices, title="关于春节放假的通知")
    assert titles("市场") == {"六盘水市市场监督管理局关于开展双随机抽查的通知"}
    assert titles("双随机") == {"六盘水市市场监督管理局关于开展双随机抽查的通知"}
    assert titles("放假") == {"关于春节放假的通知"}


def test_traditional_characters_find_simplified_text(notices):
    article(notices, title="关于消费者权益保护的公告")
    assert titles("消費者權益") == {"关于消费者权益保护的公告"}


def test_document_number_in_any_bracket_spelling(notices):
    article(notices, title="关于印发实施方案的通知", document_number="黔府办函〔2020〕23号")
    for spelling in ("黔府办函[2020]23号", "黔府办函(2020)23号", "黔府办函〔2020〕23号"):
        assert titles(spelling) == {"关于印发实施方案的通知"}, spelling


def test_pinyin_of_a_title(notices):
    article(notices, title="食品安全抽检结果公告")
    assert titles("shipinanquan") == {"食品安全抽检结果公告"}
    assert titles("spaqcjjggg") == {"食品安全抽检结果公告"}


def test_or_operator_ranks_partial_matches(notices):
    article(notices, title="中华人民共和国食品安全法实施细则")
    assert titles("食品安全 不存在的词") == set()
    assert titles("食品安全 不存在的词", operator="or") == {"中华人民共和国食品安全法实施细则"}


def test_unpublished_and_deleted_pages_leave_the_results(notices):
    page = article(notices, title="市场监管动态")
    assert titles("市场监管") == {"市场监管动态"}
    page.unpublish()
    assert titles("市场监管") == set()
