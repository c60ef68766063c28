"""The page cache (disclosure/publishing/page_cache.py): public pages for anonymous visitors
served from the shared cache, and every public change (publish, unpublish, expiry, withdrawal,
view restriction, public records) seen by the very next request."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from disclosure.publishing.page_cache import GENERATION_KEY, check_shared_cache
from disclosure.publishing.withdrawal import withdraw
from tests.factories import (
    article,
    column,
    organisation,
    publish_revision,
    superuser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_AGE = 60


@pytest.fixture
def page():
    organisation()
    col = column(title="通知公告", slug="notices")
    return article(col, title="第一版标题", slug="notice")


URL = "/notices/notice/"


def test_a_page_is_served_from_the_cache_the_second_time(client, page):
    first = client.get(URL)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    second = client.get(URL)
    assert second.status_code == 200 and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "第一版标题" in second.content.decode()
    assert second["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in second["Vary"]
    assert second["Content-Type"] == first["Content-Type"]
    # The query string is part of the key (sorted; tracking parameters dropped).
    assert client.get(URL + "?b=2&a=1")["X-Cache"] == "miss"
    assert client.get(URL + "?a=1&b=2&utm_source=x")["X-Cache"] == "hit"


def test_head_is_answered_from_a_cached_get(client, page):
    client.get(URL)
    response = client.head(URL)
    assert response["X-Cache"] == "hit" and response.content == b""


def test_a_new_revision_is_shown_by_the_next_request(client, page, commit):
    client.get(URL)
    page.title = "第二版标题"
    revision = page.save_revision()
    commit(publish_revision, revision)
    response = client.get(URL)
    assert response["X-Cache"] == "miss"
    assert "第二版标题" in response.content.decode()


def test_a_draft_saved_changes_nothing_public(client, page, commit):
    client.get(URL)
    page.title = "未发布的草稿"
    commit(page.save_revision)
    response = client.get(URL)
    assert response["X-Cache"] == "hit" and "第一版标题" in response.content.decode()


def test_unpublish_is_seen_by_the_next_request(client, page, commit):
    client.get(URL)
    commit(page.unpublish)
    response = client.get(URL)
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_expiry_by_publish_due_is_seen_by_the_next_request(client, commit):
    organisation()
    col = column(title="通知公告", slug="notices")
    expire_at = timezone.now() + dt.timedelta(days=1)
    article(col, slug="notice", expire_at=expire_at)
    assert client.get(URL)["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"
    with mock.patch("django.utils.timezone.now", return_value=expire_at + dt.timedelta(minutes=1)):
        commit(call_command, "publish_due", stdout=StringIO())
    assert client.get(URL).status_code == 404


def test_withdrawal_is_seen_by_the_next_request(client, page, commit):
    client.get(URL)
    commit(withdraw, page, user=None, reason="行政处罚决定已被依法撤销。")
    response = client.get(URL)
    assert response.status_code == 410
    assert "撤回" in response.content.decode()


def test_a_view_restriction_is_seen_by_the_next_request(client, page, commit):
    client.get(URL)
    commit(
        PageViewRestriction.objects.create,
        page=page.get_parent(),
        restriction_type=PageViewRestriction.LOGIN,
    )
    response = client.get(URL)
    assert response.status_code == 302 and "X-Cache" not in response


def test_a_public_record_saved_is_seen_by_the_next_request(client, page, commit):
    client.get(URL)
    commit(organisation, name="某市市场监督管理局（新名称）")
    assert client.get(URL)["X-Cache"] == "miss"


def test_a_rolled_back_change_invalidates_nothing(client, page):
    client.get(URL)
    generation = _generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.unpublish()
        raise RuntimeError("rolled back")
    assert _generation() == generation
    assert client.get(URL)["X-Cache"] == "hit"


def test_logged_in_users_are_never_served_nor_cached(page):
    anonymous = Client()
    anonymous.get(URL)
    staff = Client()
    staff.force_login(superuser())
    for _ in range(2):
        response = staff.get(URL)
        assert response.status_code == 200 and "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_pages_with_a_csrf_form_are_never_cached(client, page, commit):
    commit(
        PageViewRestriction.objects.create,
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    for _ in range(2):
        response = client.get(URL)
        assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
        assert "X-Cache" not in response
    # The application form (a view of its own, with CSRF) is not a cached page either.
    assert "X-Cache" not in client.get("/yisqgk/apply/")


def test_admin_api_and_search_are_not_cached(client, page, settings):
    # The search page has a cache of its own (search.views, tests/search/test_search_page_cache).
    settings.SEARCH_CACHE_SECONDS = 0
    for url in ("/api/items/", "/search/?q=通知", "/admin/login/"):
        client.get(url)
        assert "X-Cache" not in client.get(url), url


def test_two_processes_sharing_the_cache_stay_consistent(page, commit):
    one, two = Client(), Client()
    assert one.get(URL)["X-Cache"] == "miss"
    assert two.get(URL)["X-Cache"] == "hit"  # stored by the other
    page.title = "第二版标题"
    commit(publish_revision, page.save_revision())
    for client in (two, one):
        assert "第二版标题" in client.get(URL).content.decode()
    assert one.get(URL)["X-Cache"] == "hit"


def test_a_lost_generation_never_brings_old_pages_back(client, page):
    from django.core.cache import cache

    client.get(URL)
    cache.delete(GENERATION_KEY)
    assert client.get(URL)["X-Cache"] == "miss"


def test_off_when_page_cache_seconds_is_zero(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(URL)
    assert "X-Cache" not in client.get(URL)


def test_a_per_process_cache_is_warned_about(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [warning.id for warning in check_shared_cache(None)] == ["publishing.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert check_shared_cache(None) == []


def _generation():
    from django.core.cache import cache

    return cache.get(GENERATION_KEY)


def test_a_move_is_seen_by_the_next_request(client, page, commit):
    other = column(title="政策文件", slug="policies")
    client.get(URL)
    commit(page.move, other, pos="last-child")
    response = client.get(URL)  # Wagtail's automatic redirect from the old URL
    assert response.status_code == 301 and response["Location"] == "/policies/notice/"
    assert client.get("/policies/notice/").status_code == 200
