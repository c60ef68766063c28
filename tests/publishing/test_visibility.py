"""Which pages the public sees (disclosure/publishing/visibility.py)."""

import pytest
from wagtail.models import Page

from disclosure.publishing.visibility import visible_pages
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
