"""Short slugs for new items (issue #12 item 9)."""

import pytest

from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, organisation, publish

pytestmark = pytest.mark.django_db

TITLE = "关于优化营业执照办理流程的通知（测试A）"


@pytest.fixture
def notices():
    organisation()
    return column(title="通知公告", slug="notices")


def test_a_new_item_titled_in_chinese_gets_a_short_ascii_slug(notices):
    page = ArticlePage(title=TITLE, slug="关于优化营业执照办理流程的通知测试a", live=False)
    notices.add_child(instance=page)
    assert page.slug.isascii() and len(page.slug) == 9  # 2026-0001
    second = ArticlePage(title=TITLE + "二", slug="", live=False)
    notices.add_child(instance=second)
    assert second.slug != page.slug and second.slug.isascii()
    published = publish(page)
    assert len(published.url) < 40


def test_an_existing_page_keeps_its_slug_and_its_url_answers(client, notices):
    old = article(notices, title="旧信息", slug="ascii-slug")
    ArticlePage.objects.filter(pk=old.pk).update(
        slug="旧的中文地址", url_path=old.url_path.replace("ascii-slug", "旧的中文地址")
    )
    old = ArticlePage.objects.get(pk=old.pk)
    old.title = "旧信息（修改）"
    old.save()
    assert old.slug == "旧的中文地址"
    assert client.get("/notices/旧的中文地址/").status_code == 200


def test_an_ascii_slug_chosen_by_the_editor_is_kept(notices):
    page = ArticlePage(title=TITLE, slug="yyzz-notice", live=False)
    notices.add_child(instance=page)
    assert page.slug == "yyzz-notice"
