"""Shared fragments (disclosure/publishing/page_cache.py ``shared_fragment``): the navigation
and the footer rendered once a generation for every page not yet in the page cache, and
rendered again after any change the public sees."""

from types import SimpleNamespace
from unittest import mock

import pytest
from wagtail.models import Page

from disclosure.publishing import page_cache
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site():
    organisation(name="示范市市场监督管理局", address="示范路1号")
    notices = column(title="通知公告", slug="notices")
    article(notices, title="第一条通知", slug="one")
    article(notices, title="第二条通知", slug="two")
    return notices


def _renamed_quietly(page, title):
    """A title changed in the database without any signal: only a fragment rendered again
    can show it."""
    Page.objects.filter(pk=page.pk).update(title=title)


def test_a_page_not_yet_cached_reuses_the_navigation_of_the_page_before(client, site):
    assert "通知公告" in client.get("/notices/one/").content.decode()
    _renamed_quietly(site, "改名的栏目")
    response = client.get("/notices/two/")
    assert response["X-Cache"] == "miss"  # the page itself is rendered …
    html = response.content.decode()
    assert '<a href="/notices/">通知公告</a>' in html  # … its navigation is the shared one


def test_a_change_the_public_sees_renders_the_navigation_again(client, site, commit):
    client.get("/notices/one/")
    commit(column, title="政策文件", slug="policies")  # a column published: a new generation
    html = client.get("/notices/two/").content.decode()
    assert '<a href="/policies/">政策文件</a>' in html


def test_settings_saved_render_the_footer_again(client, site, commit):
    assert "示范路1号" in client.get("/notices/one/").content.decode()
    commit(organisation, address="新城大道8号")
    html = client.get("/notices/two/").content.decode()
    assert "新城大道8号" in html and "示范路1号" not in html


def test_nothing_is_shared_when_the_page_cache_is_off(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/notices/one/")
    _renamed_quietly(site, "改名的栏目")
    assert '<a href="/notices/">改名的栏目</a>' in client.get("/notices/two/").content.decode()


def test_a_preview_renders_its_own(rf):
    request = rf.get("/")
    request.is_preview = True
    page_cache.shared_fragment(rf.get("/"), "nav", lambda: "stored")
    assert page_cache.shared_fragment(request, "nav", lambda: "fresh") == "fresh"


def test_a_failing_cache_renders_the_fragment_and_serves_the_page(client, site):
    broken = SimpleNamespace(
        get=mock.Mock(side_effect=ConnectionError("redis down")),
        set=mock.Mock(side_effect=ConnectionError("redis down")),
        add=mock.Mock(side_effect=ConnectionError("redis down")),
    )
    with mock.patch.object(page_cache, "cache", broken):
        response = client.get("/notices/one/")
    assert response.status_code == 200
    assert '<a href="/notices/">通知公告</a>' in response.content.decode()
