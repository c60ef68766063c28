"""The search caches: a search asked again is answered from the shared cache — the result ids,
count and facets of the service (search/result_cache.py) and the portal's whole search page for
anonymous visitors (search/views.py) — its query still counted, and every public change,
editors' pick or synonym seen by the very next search."""

from unittest import mock

import pytest
from django.core.cache import cache
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from disclosure.publishing.withdrawal import withdraw
from search import filters as search_filters
from search import service
from search.models import QueryLog, Synonym
from tests.factories import article, column, organisation, superuser

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SEARCH_CACHE_SECONDS = 60


@pytest.fixture
def notices():
    organisation()
    col = column(title="通知公告", slug="notices")
    article(col, title="关于开展双随机抽查的通知", body="<p>本局将开展双随机抽查工作。</p>")
    return col


# --- the result cache (search/result_cache.py) ---------------------------------------------


@pytest.fixture
def finds():
    """Counts the searches that ran (not answered from the cache)."""
    with mock.patch.object(service, "_find", wraps=service._find) as spy:
        yield spy


def titles(outcome):
    return [r.title for r in outcome.results]


def test_a_search_asked_again_is_answered_from_the_cache(notices, finds):
    first = service.search("双随机抽查", log_source="portal")
    second = service.search("双随机抽查", log_source="portal")
    assert finds.call_count == 1
    assert titles(second) == titles(first) == ["关于开展双随机抽查的通知"]
    assert (second.count, second.relaxed, second.facets) == (first.count, False, first.facets)
    assert "<mark>" in second.results[0].search_snippet
    # Every query is counted, cached or not.
    assert QueryLog.objects.get(query="双随机抽查").searches == 2


def test_sort_page_size_and_filters_are_part_of_the_key(notices, finds):
    service.search("双随机抽查")
    service.search("双随机抽查", sort="date")
    service.search("双随机抽查", page_size=10)
    service.search("双随机抽查", filters=search_filters.SearchFilters(year=2020))
    assert finds.call_count == 4
    service.search("双随机抽查", filters=search_filters.SearchFilters(year=2020))
    assert finds.call_count == 4


def test_a_new_page_is_found_by_the_next_search(notices, commit):
    assert service.search("双随机抽查").count == 1
    commit(article, notices, title="双随机抽查结果公示", body="<p>双随机抽查结果。</p>")
    outcome = service.search("双随机抽查")
    assert outcome.count == 2 and "双随机抽查结果公示" in titles(outcome)


def test_unpublish_and_withdrawal_are_seen_by_the_next_search(notices, commit):
    second = commit(article, notices, title="双随机抽查结果公示", body="<p>双随机抽查结果。</p>")
    third = commit(article, notices, title="双随机抽查工作方案", body="<p>双随机抽查方案。</p>")
    assert service.search("双随机抽查").count == 3
    commit(second.unpublish)
    assert "双随机抽查结果公示" not in titles(service.search("双随机抽查"))
    commit(withdraw, third, user=None, reason="方案已废止。")
    outcome = service.search("双随机抽查")
    assert outcome.count == 1 and titles(outcome) == ["关于开展双随机抽查的通知"]


def test_off_without_a_shared_page_cache(notices, finds, settings):
    settings.PAGE_CACHE_SECONDS = 0
    service.search("双随机抽查")
    service.search("双随机抽查")
    assert finds.call_count == 2
    settings.PAGE_CACHE_SECONDS = 300
    settings.SEARCH_CACHE_SECONDS = 0
    service.search("双随机抽查")
    service.search("双随机抽查")
    assert finds.call_count == 4


def test_a_search_on_a_callers_queryset_is_not_cached(notices, finds):
    service.search("双随机抽查", queryset=Page.objects.live().specific())
    service.search("双随机抽查", queryset=Page.objects.live().specific())
    assert finds.call_count == 2


def test_an_unreachable_cache_serves_the_search(notices, finds):
    with (
        mock.patch.object(cache, "get", side_effect=ConnectionError("down")),
        mock.patch.object(cache, "set", side_effect=ConnectionError("down")),
    ):
        outcome = service.search("双随机抽查")
    assert titles(outcome) == ["关于开展双随机抽查的通知"]
    assert finds.call_count == 1


# --- the search page (search/views.py) -------------------------------------------------------


def test_a_query_asked_again_is_served_whole_and_still_counted(client, notices):
    first = client.get(URL, {"q": "双随机抽查"})
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    second = client.get(URL, {"q": "双随机抽查"})
    assert second["X-Cache"] == "hit" and second.content == first.content
    assert "关于开展双随机抽查的通知" in second.content.decode()
    assert second["Cache-Control"] == "public, max-age=60"
    assert QueryLog.objects.get(query="双随机抽查", source="portal").searches == 2
    # Another page, filter or query is another key.
    assert client.get(URL, {"q": "双随机抽查", "year": "2020"})["X-Cache"] == "miss"


def test_a_new_page_is_found_by_the_next_request(client, notices, commit):
    client.get(URL, {"q": "双随机抽查"})
    commit(article, notices, title="双随机抽查结果公示", body="<p>双随机抽查结果。</p>")
    response = client.get(URL, {"q": "双随机抽查"})
    assert response["X-Cache"] == "miss" and "双随机抽查结果公示" in response.content.decode()


def test_an_editors_pick_and_a_synonym_are_seen_by_the_next_request(client, notices, commit):
    guide = article(notices, title="市场监管办事指南", body="<p>办事指南。</p>")
    client.get(URL, {"q": "双随机抽查"})
    commit(SearchPromotion.objects.create, query=Query.get("双随机抽查"), page=guide, sort_order=0)
    response = client.get(URL, {"q": "双随机抽查"})
    assert response["X-Cache"] == "miss" and "市场监管办事指南" in response.content.decode()
    assert client.get(URL, {"q": "双随机抽查"})["X-Cache"] == "hit"
    commit(Synonym.objects.create, terms="双随机抽查，随机抽查")
    assert client.get(URL, {"q": "双随机抽查"})["X-Cache"] == "miss"


def test_staff_errors_and_empty_queries_are_never_cached(client, notices):
    assert client.get(URL, {"q": "双随机抽查", "validity": "坏值"}).status_code == 400
    assert "X-Cache" not in client.get(URL, {"q": "双随机抽查", "validity": "坏值"})
    assert "X-Cache" not in client.get(URL)
    client.force_login(superuser())
    client.get(URL, {"q": "双随机抽查"})
    assert "X-Cache" not in client.get(URL, {"q": "双随机抽查"})


def test_off_with_the_page_cache(client, notices, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(URL, {"q": "双随机抽查"})
    assert "X-Cache" not in client.get(URL, {"q": "双随机抽查"})
