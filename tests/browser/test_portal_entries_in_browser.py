"""Issue #16 items 4 and 5 in the browser: the reading modes (长者模式 large text, high contrast)
are switched from the header and persist across pages; Tab first reaches the skip link, shown
with a visible focus outline; the article's font-size buttons change its size and a print
button is offered; an emergency notice kept in a cached page is hidden once its end has passed;
the home page with its quick links does not scroll sideways at 360 px."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.organisation.models import EmergencyNotice
from disclosure.publishing.models import ArticlePage
from tests.browser.conftest import PHONE


@pytest.fixture
def article_url(demo_portal):
    return ArticlePage.objects.live().public().order_by("path").first().url


@pytest.fixture
def ended_notice(demo_portal):
    """A notice rendered into the page but whose end passes while the page is kept."""
    EmergencyNotice.objects.create(
        text="演示：系统升级期间暂停在线申请", ends_at=timezone.now() + dt.timedelta(hours=1)
    )


def _font_size(page, selector):
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


def test_reading_modes_persist_across_pages(article_url, live_server, desktop):
    desktop.goto(live_server.url + "/")
    base = _font_size(desktop, "body")
    large = desktop.get_by_role("button", name="长者模式（大字）")
    assert large.is_visible() and large.get_attribute("aria-pressed") == "false"
    large.click()
    assert large.get_attribute("aria-pressed") == "true"
    desktop.get_by_role("button", name="高对比度").click()
    desktop.goto(live_server.url + article_url)
    assert _font_size(desktop, "body") > base
    classes = desktop.evaluate("document.documentElement.className")
    assert "large-text" in classes and "high-contrast" in classes
    background = desktop.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    assert desktop.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
    desktop.get_by_role("button", name="长者模式（大字）").click()
    desktop.reload()
    assert "large-text" not in desktop.evaluate("document.documentElement.className")


def test_tab_reaches_the_skip_link_with_a_visible_outline(live_server, desktop):
    desktop.goto(live_server.url + "/")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到主要内容"
    outline = desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**#main", timeout=5000)  # the jump is not done when press() returns
    assert desktop.url.endswith("#main")


def test_the_article_font_size_and_print_buttons(article_url, live_server, desktop):
    desktop.goto(live_server.url + article_url)
    tools = desktop.get_by_role("group", name="阅读工具")
    assert tools.is_visible()
    before = _font_size(desktop, "main article")
    tools.get_by_role("button", name="大", exact=True).click()
    assert _font_size(desktop, "main article") > before
    tools.get_by_role("button", name="小", exact=True).click()
    assert _font_size(desktop, "main article") < before
    assert tools.get_by_role("button", name="打印").is_visible()


def test_an_ended_notice_is_hidden_from_a_kept_page(ended_notice, live_server, desktop):
    desktop.goto(live_server.url + "/")
    assert desktop.get_by_text("演示：系统升级期间暂停在线申请").count() == 1
    html = desktop.content()
    # The same HTML again (as a cache would serve it) two hours later: the browser hides it.
    desktop.clock.set_fixed_time(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2))
    desktop.route("**/", lambda route: route.fulfill(body=html, content_type="text/html"))
    desktop.goto(live_server.url + "/")
    assert desktop.get_by_text("演示：系统升级期间暂停在线申请").count() == 0


def test_the_home_page_fits_a_phone(demo_portal, live_server, phone):
    phone.goto(live_server.url + "/")
    assert phone.get_by_role("navigation", name="快捷入口").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
