"""Issue #16, in the browser ("home → column → article"): a citizen starts at the home page, follows
the main navigation to a column, its sub-columns down to the column that lists an item, and opens
the item; the article shows its title and its catalogue metadata (索引号), and the breadcrumbs lead
back home."""

import pytest

from disclosure.columns.models import ColumnPage
from disclosure.publishing.models import ArticlePage


@pytest.fixture
def path_to_article(demo_portal):
    """The titles from the top column down to a live article (read before the browser)."""
    item = ArticlePage.objects.live().public().order_by("path").first()
    columns = ColumnPage.objects.live().ancestor_of(item).order_by("depth")
    return [column.title for column in columns], item.title


def test_home_to_column_to_article_by_clicking(path_to_article, live_server, desktop):
    columns, title = path_to_article
    desktop.goto(live_server.url + "/")
    navigation = desktop.get_by_role("navigation", name="主导航")
    with desktop.expect_navigation():
        navigation.get_by_role("link", name=columns[0], exact=True).click()
    assert desktop.get_by_role("heading", level=1).inner_text() == columns[0]
    for name in columns[1:]:
        with desktop.expect_navigation():
            desktop.locator("main nav.subcolumns").get_by_role(
                "link", name=name, exact=True
            ).click()
        assert desktop.get_by_role("heading", level=1).inner_text() == name
    with desktop.expect_navigation():
        desktop.locator("main ul.item-list").get_by_role("link", name=title, exact=True).click()
    assert desktop.get_by_role("heading", level=1).inner_text() == title
    assert "索引号" in desktop.locator("main").inner_text()
    with desktop.expect_navigation():
        desktop.get_by_role("navigation", name="当前位置").get_by_role("link", name="首页").click()
    assert desktop.url.rstrip("/") == live_server.url
