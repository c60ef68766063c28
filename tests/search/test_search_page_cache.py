"""The search page's cache (search/views.py): a query's page served whole from the shared
cache to anonymous visitors, its query still counted, and every public change, editors' pick
or synonym seen by the very next request."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryLog, Synonym
from tests.factories import article, column, organisation, superuser

pytestmark = pytest.mark.django_db

URL = "/search/"


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
