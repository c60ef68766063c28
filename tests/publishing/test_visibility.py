"""Which pages the public sees (disclosure/publishing/visibility.py)."""

import pytest
from wagtail.models import Page, PageViewRestriction

from disclosure.publishing.visibility import restricted_below, visible_pages
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


def test_the_tree_root_is_never_visible():
    """The root page belongs to no site and has no URL; once named in Chinese (全部站点) it
    matched queries on PostgreSQL and came back as a search result without a URL."""
    organisation()
    page = article(column(title="通知公告", slug="notices"), title="全部站点的通知")
    root = Page.get_first_root_node()
    visible = visible_pages(Page.objects.all())
    assert root.live and not visible.filter(pk=root.pk).exists()
    assert visible.filter(pk=page.pk).exists()


def test_a_list_leaves_out_the_restrictions_below_it_not_those_it_stands_under():
    page = Page(path="000100010002")
    paths = ["0001", "000100010002", "0001000100020003", "000100010003", "00010001000200040001"]
    assert restricted_below(page, paths) == ["0001000100020003", "00010001000200040001"]


def _wagtails(page):
    """Wagtail's own view restrictions of ``page`` (the method the portal's pages override)."""
    return sorted(Page.get_view_restrictions(page).values_list("pk", flat=True))


def _ours(page):
    return sorted(page.get_view_restrictions().values_list("pk", flat=True))


def test_a_pages_view_restrictions_are_those_wagtail_finds(client, django_assert_num_queries):
    organisation()
    notices = column(title="通知公告", slug="notices")
    inner = column(parent=notices, title="内部通知", slug="inner")
    page = article(inner, title="内部通知一", slug="n1")
    other = column(title="其他栏目", slug="other")
    assert _ours(page) == _wagtails(page) == []
    with django_assert_num_queries(1):  # Wagtail's: the ancestors, then the restrictions
        assert list(page.get_view_restrictions()) == []
    on_column = PageViewRestriction.objects.create(
        page=inner, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    on_page = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert _ours(page) == _wagtails(page) == sorted([on_column.pk, on_page.pk])
    assert _ours(inner) == _wagtails(inner) == [on_column.pk]
    assert _ours(other) == _wagtails(other) == []
    # An alias stands under its original's restrictions, not its own place's.
    alias = inner.create_alias(parent=other, update_slug="inner-alias")
    assert _ours(alias) == _wagtails(alias) == [on_column.pk]
    # The admin's privacy dialog orders them; the portal still asks for the password.
    assert list(inner.get_view_restrictions().order_by("-page__depth")) == [on_column]
    response = client.get(page.url)
    assert response.status_code == 200 and "内部通知一" not in response.content.decode()
