"""The search result cache (search/result_cache.py): a search asked again is answered from the
shared cache, and every public change is seen by the very next search."""

from unittest import mock

import pytest
from django.core.cache import cache
from wagtail.models import Page

from disclosure.publishing.withdrawal import withdraw
from search import filters as search_filters
from search import service
from search.models import QueryLog
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SEARCH_CACHE_SECONDS = 60


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def notices():
    organisation()
    col = column(title="通知公告", slug="notices")
    article(col, title="关于开展双随机抽查的通知", body="<p>本局将开展双随机抽查工作。</p>")
    return col


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
