"""Issue #12 item 1, in the browser: a withdrawn item whose slug is Chinese answers 410 with
its reason (总局令第45号 第11条), at the URL a citizen has (percent-encoded by the browser)."""

import pytest

from disclosure.publishing.models import ArticlePage
from disclosure.publishing.withdrawal import withdraw
from tests.factories import article, column, organisation

REASON = "内容有误，已撤回"


@pytest.fixture
def withdrawn_with_chinese_slug(transactional_db):
    organisation()
    notices = column(title="通知公告", slug="notices")
    page = article(notices, title="关于优化营业执照办理流程的通知（测试A）")
    # A page created before short slugs (issue #12 item 9) keeps its Chinese slug.
    slug = "关于优化营业执照办理流程的通知测试a"
    ArticlePage.objects.filter(pk=page.pk).update(slug=slug, url_path=f"{notices.url_path}{slug}/")
    withdraw(ArticlePage.objects.get(pk=page.pk), user=None, reason=REASON)
    return f"/notices/{slug}/"


def test_a_withdrawn_item_with_a_chinese_slug_answers_410_with_its_reason(
    withdrawn_with_chinese_slug, live_server, desktop
):
    response = desktop.goto(live_server.url + withdrawn_with_chinese_slug)
    assert response.status == 410
    assert "%E5%85%B3" in response.url  # the browser sent the percent-encoded path
    text = desktop.locator("main").inner_text()
    assert REASON in text
    assert "关于优化营业执照办理流程的通知（测试A）" in text
