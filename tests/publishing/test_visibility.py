"""Which pages the public sees (disclosure/publishing/visibility.py)."""

import pytest
from wagtail.models import Page

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
