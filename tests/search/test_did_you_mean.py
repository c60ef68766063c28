"""「您是不是要找」: a search with nothing to show, even relaxed, offers close titles."""

import json

import pytest

from search import fts, views
from search.models import QueryLog
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices():
    organisation()
    notices = column(title="通知公告", slug="notices")
    article(notices, title="中华人民共和国电子商务法", slug="e-commerce-law")
    article(notices, title="关于春节放假的通知", slug="spring-festival")
    return notices


ONLY_FTS = pytest.mark.skipif(
    not fts.available(),
    reason="relaxing to any word differs by backend: elsewhere 电子 alone still matches",
)


@ONLY_FTS
def test_the_api_offers_suggestions_when_nothing_is_found(client, notices):
    # A typo, sorted by date, is relaxed to any of its words: 电子 finds the law (a word in no
    # page, 商贸, is not kept alone: search.fts.relaxed_groups), as on every backend.
    data = json.loads(client.get("/api/search/", {"q": "电子商贸法规", "sort": "date"}).content)
    assert [r["title"] for r in data["results"]] == ["中华人民共和国电子商务法"]
    # A filter that leaves nothing: the titles close to the query, whatever the filter.
    data = json.loads(
        client.get("/api/search/", {"q": "电子商务法", "validity": "repealed"}).content
    )
    assert (data["count"], data["results"]) == (0, [])
    assert [s["title"] for s in data["suggestions"]] == ["中华人民共和国电子商务法"]


def test_no_suggestions_when_something_is_shown(client, notices):
    found = json.loads(client.get("/api/search/", {"q": "电子商务法"}).content)
    assert found["count"] == 1
    assert "suggestions" not in found
    # By relevance the title channel already shows the close title: no need to suggest it.
    typo = json.loads(client.get("/api/search/", {"q": "电子商物法"}).content)
    assert [r["title"] for r in typo["results"]] == ["中华人民共和国电子商务法"]
    assert "suggestions" not in typo
    html = client.get("/search/", {"q": "电子商务法"}).content.decode()
    assert "您是不是要找" not in html


def test_at_most_five_suggestions_and_an_empty_list_when_none(client, notices):
    for n in range(8):
        article(notices, title=f"放假安排通知第{n}号")
    data = json.loads(client.get("/api/search/", {"q": "放假", "validity": "repealed"}).content)
    assert data["count"] == 0
    assert len(data["suggestions"]) == 5
    data = json.loads(client.get("/api/search/", {"q": "zzzzqqq"}).content)
    assert (data["count"], data["results"], data["suggestions"]) == (0, [], [])


def test_suggestion_errors_are_swallowed(monkeypatch):
    from search.service import SearchQueryError

    def refuse(query, limit):
        raise SearchQueryError("检索词不能只包含符号", code="operators_only")

    monkeypatch.setattr(views.service, "suggest", refuse)
    assert views.did_you_mean("whatever") == []


@ONLY_FTS
def test_the_portal_page_offers_links(client, notices):
    response = client.get("/search/", {"q": "电子商务法", "validity": "repealed"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有找到与“电子商务法”相关的信息" in html
    assert "您是不是要找：" in html
    assert '<a href="/notices/e-commerce-law/">中华人民共和国电子商务法</a>' in html
    assert "关于春节放假的通知" not in html
    assert QueryLog.objects.filter(query="电子商务法", result_count=0).count() == 1


def test_the_portal_page_says_nothing_when_there_is_nothing_to_suggest(client, notices):
    html = client.get("/search/", {"q": "zzzzqqq"}).content.decode()
    assert "没有找到与“zzzzqqq”相关的信息" in html
    assert "您是不是要找" not in html


@pytest.mark.parametrize("query", ["商务〔2099〕", "国发〔2031〕99号", "国务院令第999号"])
def test_a_document_number_that_matches_nothing_is_not_found(client, notices, query):
    # Issue #12 item 10: no relaxing to pages that share a character of the number, no title
    # channel either; suggestions instead.
    data = json.loads(client.get("/api/search/", {"q": query}).content)
    assert (data["count"], data["results"]) == (0, [])
    response = client.get("/search/", {"q": query})
    assert "没有找到与" in response.content.decode()
