"""The admin under the Content-Security-Policy (cms/csp.py), in Chromium: an editor logs in
through the login form and opens the page editor, whose date widgets and inline panels run
Wagtail's inline scripts; the console reports no policy violation (the ``desktop`` fixture
fails the test on one) and the editor's scripts ran (the date pickers are built)."""

import pytest

from disclosure.publishing.models import ArticlePage


@pytest.fixture
def article_id(demo_portal):
    """An article of the demo (looked up before the browser starts: no ORM inside its loop)."""
    return ArticlePage.objects.live().first().pk


def test_an_editor_logs_in_and_edits_a_page_with_no_policy_violation(
    article_id, live_server, desktop
):
    desktop.goto(live_server.url + "/admin/login/")
    desktop.fill("input[name=username]", "office")
    desktop.fill("input[name=password]", "demo-2026")
    desktop.click("button[type=submit]")
    desktop.wait_for_url(live_server.url + "/admin/")
    desktop.goto(f"{live_server.url}/admin/pages/{article_id}/edit/")
    desktop.wait_for_load_state("networkidle")
    assert desktop.locator("form#page-edit-form").count() == 1
    # The date fields' inline `initDateChooser(...)` scripts built their pickers: they ran.
    assert desktop.locator(".xdsoft_datetimepicker").count() >= 1
