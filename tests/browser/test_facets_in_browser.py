"""Issue #12 items 5 and 6, in the browser, on the demo data: every facet the search page
offers is a valid filter whose count is the number of results after clicking it, and no
internal type name (``app.modelname``) reaches a citizen."""

import re
from urllib.parse import quote, urljoin

QUERY = "食品安全法"
RESULT_COUNT = re.compile(r"搜索结果共 (\d+) 条")
INTERNAL_TYPE_NAME = re.compile(r"\b[a-z_]+\.[a-z_]+page\b")


def _search(page, live_server):
    response = page.goto(f"{live_server.url}/search/?q={quote(QUERY)}")
    assert response.status == 200
    return response


def _facets(page):
    """(group, label, count, href) of every facet link offered."""
    facets = []
    for group in page.locator("aside.facets section").all():
        title = group.locator("h2").inner_text()
        for item in group.locator("li").all():
            link = item.locator("a").first
            count = int(item.locator(".count").inner_text())
            facets.append((title, link.inner_text(), count, link.get_attribute("href")))
    return facets


def _result_count(page):
    match = RESULT_COUNT.search(page.locator("main").inner_text())
    return int(match.group(1)) if match else 0


def test_a_facet_count_equals_the_results_after_clicking_it(demo_portal, live_server, desktop):
    _search(desktop, live_server)
    facets = _facets(desktop)
    assert facets, "the search page offers facets for the demo query"
    wrong = []
    for group, label, count, _href in facets:
        _search(desktop, live_server)
        desktop.locator("aside.facets section", has_text=group).get_by_role(
            "link", name=label, exact=True
        ).click()
        desktop.wait_for_load_state()
        if _result_count(desktop) != count:
            wrong.append(f"{group}/{label}: 显示 {count}，点击后 {_result_count(desktop)} 条")
    assert wrong == []


def test_every_facet_offered_leads_to_a_result_page(demo_portal, live_server, desktop):
    _search(desktop, live_server)
    assert not INTERNAL_TYPE_NAME.search(desktop.locator("body").inner_text())
    search_url = desktop.url
    facets = _facets(desktop)
    assert any(group == "信息类型" for group, *_ in facets)
    for group, label, _count, href in facets:
        response = desktop.goto(urljoin(search_url, href))
        assert response.status == 200, f"{group}/{label}: HTTP {response.status}"
        text = desktop.locator("body").inner_text()  # what a citizen reads (links carry names)
        assert not INTERNAL_TYPE_NAME.search(text), f"{group}/{label}: {text[:300]}"
        assert _result_count(desktop) > 0, f"{group}/{label}: no result"
