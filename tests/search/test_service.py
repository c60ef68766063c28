"""The search path behind the portal page and /api/search/."""

import json

import pytest

from search import service
from search.models import QueryLog, Synonym
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    organisation()
    return column(title="通知公告", slug="notices")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "empty_query"),
        ("   ", "empty_query"),
        ("食" * 201, "query_too_long"),
        ("食品\x00", "control_characters"),
        ("*** -- ()", "operators_only"),
    ],
)
def test_bad_queries_are_refused_in_chinese(query, code):
    with pytest.raises(service.SearchQueryError) as raised:
        service.search(query)
    assert raised.value.code == code
    assert any("\u4e00" <= c <= "\u9fff" for c in raised.value.messages[0])


def test_bad_paging_is_refused(notices):
    article(notices, title="市场监管动态")
    for kwargs in (
        {"page": 0},
        {"page_size": 0},
        {"page_size": 51},
        {"page": "x"},
        {"sort": "popularity"},
    ):
        with pytest.raises(service.SearchQueryError):
            service.search("市场", **kwargs)
    with pytest.raises(service.SearchQueryError) as raised:
        service.search("市场", page=5)
    assert raised.value.code == "page_out_of_range"


def test_exact_document_number_comes_first(notices):
    for n in range(5):
        article(notices, title=f"关于黔府办函〔2020〕23号文件的第{n}次说明")
    target = article(notices, title="实施方案", document_number="黔府办函〔2020〕23号")
    outcome = service.search("黔府办函[2020]23号")
    assert outcome.results[0].pk == target.pk


def test_short_name_finds_the_full_title_first(notices):
    article(notices, title="关于学习中华人民共和国食品安全法的通知")
    law = article(notices, title="中华人民共和国食品安全法")
    article(notices, title="中华人民共和国食品安全法实施条例")
    assert service.search("食品安全法").results[0].pk == law.pk


def test_typo_finds_the_title(notices):
    law = article(notices, title="中华人民共和国反垄断法")
    article(notices, title="关于春节放假的通知")
    # A wrong one-character word is left out when longer words remain.
    assert service.search("中华人民共和国反垄断去").results[0].pk == law.pk
    # A word that matches nothing relaxes the query to any word.
    outcome = service.search("反垄断法规章制度汇编")
    assert outcome.relaxed
    assert outcome.results[0].pk == law.pk


def test_synonyms_from_the_admin(notices):
    page = article(notices, title="示范市市场监督管理局年度工作总结")
    assert (
        service.search("市场监管局年度总结").count == 0
        or service.search("市场监管局年度总结").relaxed is not False
    )
    Synonym.objects.create(terms="市场监管局，市场监督管理局")
    outcome = service.search("市场监管局年度工作总结")
    assert not outcome.relaxed
    assert outcome.results[0].pk == page.pk


def test_queries_are_logged(notices):
    article(notices, title="市场监管动态")
    service.search("市场监管", log_source="portal")
    service.search("不存在的内容啊", log_source="api")
    assert QueryLog.objects.get(source="portal").result_count == 1
    assert QueryLog.objects.filter(source="api").count() == 1


def test_api_search_shape_and_errors(client, notices):
    item = article(notices, title="食品安全抽检结果公告", document_number="黔市监通〔2024〕12号")
    response = client.get("/api/search/", {"q": "抽检"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == 1
    result = data["results"][0]
    assert result["title"] == "食品安全抽检结果公告"
    assert result["document_number"] == "黔市监通〔2024〕12号"
    assert result["type"] == "publishing.articlepage"
    assert result["url"].endswith(item.url)
    assert data["facets"]["type"] == {"publishing.articlepage": 1}
    for params in (
        {"q": ""},
        {"q": "抽检", "page": "0"},
        {"q": "抽检", "colour": "red"},
        {"q": "抽检", "page": "9"},
    ):
        response = client.get("/api/search/", params)
        assert response.status_code == 400, params
        error = json.loads(response.content)["error"]
        assert error["code"] and error["message"]


def test_portal_page_shows_a_helpful_message_for_bad_input(client):
    response = client.get("/search/", {"q": "***"})
    assert response.status_code == 400
    assert "检索词不能只包含符号" in response.content.decode()


def test_editors_picks_come_first(notices):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    article(notices, title="市场监管工作动态")
    guide = article(notices, title="办事指南汇编")
    SearchPromotion.objects.create(query=Query.get("市场监管"), page=guide, sort_order=0)
    outcome = service.search("市场监管")
    assert [p.pk for p in outcome.results][:1] == [guide.pk]


def test_suggestions_while_typing(client, notices):
    article(notices, title="中华人民共和国反垄断法")
    article(notices, title="关于春节放假的通知")
    data = json.loads(client.get("/api/search/suggest/", {"q": "反垄"}).content)
    assert [s["title"] for s in data["suggestions"]] == ["中华人民共和国反垄断法"]
    data = json.loads(client.get("/api/search/suggest/", {"q": "fanlong"}).content)
    assert [s["title"] for s in data["suggestions"]] == ["中华人民共和国反垄断法"]
    assert client.get("/api/search/suggest/", {"q": ""}).status_code == 400


def test_suggestions_forgive_a_typo_on_every_database(notices):
    """Issue #21 item 7: the suggestions come from the title channel of the database in use
    (FTS5 on SQLite, tsvector on PostgreSQL), not modelsearch's prefix autocomplete, which
    finds nothing for a typo."""
    article(notices, title="药品管理办法")
    article(notices, title="药品管理办法实施细则")
    article(notices, title="医疗器械监督管理条例")
    assert [p.title for p in service.suggest("药品管里办法")] == [
        "药品管理办法",
        "药品管理办法实施细则",
    ]


def test_a_query_with_nothing_searchable_finds_nothing_without_error(db):
    outcome = service.search("{\U000ebc4e\U00069131")
    assert outcome.count == 0
    assert outcome.results == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/search/", "/search/"])
def test_a_huge_page_number_is_a_400_not_a_500(client, url):
    # Issue #11 finding 6: page=99999999999999999999 overflowed the database's integer.
    response = client.get(url, {"q": "食品", "page": "99999999999999999999"})
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["error"]["code"] == "bad_page"
    else:
        assert "页码过大" in response.content.decode()


@pytest.mark.django_db
def test_a_query_searched_again_the_same_day_is_counted_in_one_row(client):
    # Issue #11 finding 6: every anonymous search wrote a row.
    for _ in range(3):
        client.get("/api/search/", {"q": "食品安全"})
    row = QueryLog.objects.get(source="api")
    assert (row.query, row.searches, row.results_total) == ("食品安全", 3, 0)
