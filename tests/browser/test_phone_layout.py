"""Issue #12 item 7: the portal on a phone (360 px, the narrowest common width).

No page type scrolls sideways; a wide table scrolls inside a focusable, labelled region; the
索引号/发布机构 box stacks label over value; the navigation waits behind a toggle that works
without JavaScript; on search the results come before the facets. Desktop keeps its layout.
"""

import datetime
from urllib.parse import quote, urljoin

import pytest
from wagtail.models import Page

from disclosure.opendata.models import DatasetPage
from disclosure.publishing.models import Withdrawal
from tests.browser.conftest import PHONE
from tests.factories import article, column, organisation

WIDTH = PHONE["width"]


def _scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def page_types(demo_portal):
    """One URL of every public page type of the demo (home, columns at both levels, each item
    type's detail page, the normative database, the public lists…), every public list, and
    search with facets. Built before the browser starts (no ORM while it runs)."""
    urls = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        name = type(page).__name__
        if name == "ColumnPage":
            name = f"ColumnPage at depth {page.depth}"
        urls.setdefault(name, page.get_url())
    for dataset in DatasetPage.objects.live().order_by("path"):
        urls[f"DatasetPage {dataset.slug}"] = dataset.get_url()
    urls["search with facets"] = f"/search/?q={quote('食品安全法')}"
    urls["withdrawn item (410)"] = Withdrawal.objects.first().public_path
    urls["not found (404)"] = "/no-such-page/"
    return urls


def _with_records(page, live_server, urls):
    """``urls`` and, found in the browser, the first record page linked from each public list
    (a dataset record's 详情, the 抽检总体情况 summary)."""
    found = dict(urls)
    for name, url in urls.items():
        if not name.startswith("DatasetPage"):
            continue
        page.goto(live_server.url + url)
        detail = page.locator("main table a", has_text="详情").first
        if detail.count():
            found[f"{name} 详情"] = urljoin(page.url, detail.get_attribute("href"))
        summary = page.locator("main a", has_text="抽检总体情况").first
        if summary.count():
            found[f"{name} 抽检总体情况"] = urljoin(page.url, summary.get_attribute("href"))
    return found


def test_no_page_type_scrolls_sideways_at_360px(page_types, live_server, phone):
    urls = _with_records(phone, live_server, page_types)
    assert len(urls) > 25  # every page type and public list of the demo
    too_wide = {}
    for name, url in urls.items():
        response = phone.goto(url if url.startswith("http") else live_server.url + url)
        expected = int(name[-4:-1]) if name.endswith(")") else 200
        assert response.status == expected, f"{name} {url}: HTTP {response.status}"
        if _scroll_width(phone) > WIDTH:
            too_wide[name] = _scroll_width(phone)
    assert too_wide == {}


WIDE_TABLES = """() => [...document.querySelectorAll('main table')]
    .filter(table => table.tHead)
    .map(table => {
        const region = table.closest('[role=region]');
        return {
            caption: (table.caption && table.caption.textContent.trim())
                || table.tHead.textContent.trim().slice(0, 20),
            region: !!region,
            focusable: !!region && region.getAttribute('tabindex') === '0',
            label: region ? (region.getAttribute('aria-label') || '') : '',
            scrolls: !!region && ['auto', 'scroll'].includes(getComputedStyle(region).overflowX),
            fits: !!region && region.getBoundingClientRect().right <= window.innerWidth,
        };
    })"""


def test_a_table_scrolls_inside_a_focusable_labelled_region(page_types, live_server, phone):
    wrong = []
    tables = 0
    for name, url in page_types.items():
        phone.goto(live_server.url + url)
        for table in phone.evaluate(WIDE_TABLES):
            tables += 1
            checks = ("region", "focusable", "label", "scrolls", "fits")
            if not all(table[check] for check in checks):
                wrong.append((name, table))
    assert tables >= 12  # the public lists, the catalogue, the normative database…
    assert wrong == []


@pytest.fixture
def item(transactional_db):
    organisation()
    notices = column(title="通知公告", slug="notices")
    return article(
        notices,
        title="关于开展2026年度食品安全监督抽检工作的通知",
        written_on=datetime.date(2026, 3, 1),
    ).get_url()


def test_the_metadata_box_stacks_label_over_value(item, live_server, phone, desktop):
    phone.goto(live_server.url + item)
    assert _scroll_width(phone) <= WIDTH
    cells = phone.evaluate(
        """() => [...document.querySelectorAll('.metadata th')].map(th => {
            const td = th.nextElementSibling, a = th.getBoundingClientRect(),
                  b = td.getBoundingClientRect();
            return {label: th.textContent, below: b.top >= a.bottom - 1, width: b.width};
        })"""
    )
    assert any(cell["label"] == "索引号" for cell in cells)
    for cell in cells:
        assert cell["below"], cell  # the value under its label…
        assert cell["width"] >= WIDTH * 0.75, cell  # …and as wide as the screen
    # Desktop keeps the table: two label/value pairs a row.
    desktop.goto(live_server.url + item)
    first_row = desktop.locator(".metadata tr").first
    assert first_row.locator("th").count() == 2
    boxes = [first_row.locator(cell).first.bounding_box() for cell in ("th", "td")]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]


@pytest.fixture
def many_columns(transactional_db):
    organisation()
    titles = [f"栏目{n:02d}" for n in range(1, 18)]
    for n, title in enumerate(titles):
        column(title=title, slug=f"c{n}")
    return titles


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_navigation_waits_behind_a_toggle_on_a_phone(
    many_columns, live_server, browser, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    nav = phone.get_by_role("navigation", name="主导航")
    link = nav.get_by_role("link", name=many_columns[-1])
    assert not link.is_visible()
    assert phone.locator("main").bounding_box()["y"] < PHONE["height"] / 2
    toggle = nav.locator("summary")
    assert toggle.is_visible() and toggle.inner_text().strip() == "栏目导航"
    toggle.click()
    assert link.is_visible()
    assert _scroll_width(phone) <= WIDTH


def test_the_navigation_is_open_on_a_desktop(many_columns, live_server, desktop):
    desktop.goto(live_server.url + "/")
    nav = desktop.get_by_role("navigation", name="主导航")
    assert nav.get_by_role("link", name=many_columns[-1]).is_visible()
    assert not nav.locator("summary").is_visible()


@pytest.fixture
def search_url(transactional_db):
    organisation()
    notices = column(title="通知公告", slug="notices")
    for year in (2024, 2025, 2026):
        article(notices, title=f"{year}年食品安全抽检通知", written_on=datetime.date(year, 3, 1))
    return f"/search/?q={quote('食品安全抽检')}"


def test_search_results_come_before_the_facets_on_a_phone(search_url, live_server, phone, desktop):
    phone.goto(live_server.url + search_url)
    results = phone.locator(".search-results").bounding_box()
    facets = phone.locator("aside.facets").bounding_box()
    assert results["y"] + results["height"] <= facets["y"]
    # Desktop keeps the facets in a column left of the results.
    desktop.goto(live_server.url + search_url)
    results = desktop.locator(".search-results").bounding_box()
    facets = desktop.locator("aside.facets").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]
