"""The admin screens of the moderation path show no English (issue #12 item 11): the dashboard,
the explorer, the page editor of an item in review, the workflow dialogs, the editor's
validation errors and the history, as each role of the path. Users have Chinese names, as in a
real bureau; the Latin words that may remain are names and codes (``admin_text.ALLOWED``)."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.cms.admin_text import english_in, json_texts
from tests.factories import client_for
from tests.review.test_moderation_workflow import (
    action_url,
    review_data,
    submit_article,
    task_state_of,
)
from tests.review.test_moderation_workflow import site as review_site  # noqa: F401

pytestmark = pytest.mark.django_db

NAMES = {"editor": "王芳", "head": "李强", "reviewer": "赵敏", "office": "陈静"}


@pytest.fixture
def path(review_site):  # noqa: F811 - the review tests' fixture
    site = review_site
    for role, name in NAMES.items():
        user = site[role]
        user.last_name, user.first_name = name[0], name[1:]
        user.save()
    page = submit_article(site["editor"], site["col_a"])
    return site, page


def english(response_or_html):
    html = response_or_html
    if not isinstance(html, str):
        assert html.status_code == 200, html.status_code
        html = html.content.decode()
    return english_in(html)


@pytest.mark.parametrize("role", list(NAMES))
def test_the_screens_of_each_role_are_in_chinese(path, role):
    site, page = path
    client = client_for(site[role])
    screens = {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{site['col_a'].pk}/",
        # The explorer in ordering mode (drag handles, "Item 1 of 1" for screen readers).
        "explorer ordering": f"/admin/pages/{site['col_a'].pk}/?ordering=ord",
        "editor": f"/admin/pages/{page.pk}/edit/",
        "history": f"/admin/pages/{page.pk}/history/",
        "search": "/admin/pages/search/?q=企业",
    }
    leaks = {}
    for name, url in screens.items():
        response = client.get(url)
        if response.status_code == 200:
            found = english(response)
            if found:
                leaks[name] = found
    assert leaks == {}


def test_the_workflow_dialogs_are_in_chinese(path):
    site, page = path
    state = task_state_of(page)
    for action in ("approve", "reject"):
        response = client_for(site["head"]).get(action_url(page, action, state))
        assert english(response.json()["html"]) == [], action
    client_for(site["head"]).post(action_url(page, "approve", state), {"comment": ""})
    state = task_state_of(page)
    for action in ("approve", "reject", "withhold"):
        response = client_for(site["reviewer"]).get(action_url(page, action, state))
        assert english(response.json()["html"]) == [], action
    # A dialog answered with errors (the checklist not ticked).
    response = client_for(site["reviewer"]).post(
        action_url(page, "approve", state),
        {"determination": "may_disclose"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert english(response.json()["html"]) == []
    # The last step's dialogs, the disclosure office's.
    client_for(site["reviewer"]).post(action_url(page, "approve", state), review_data())
    state = task_state_of(page)
    assert state.task.name == "政务公开办公室终审"
    for action in ("approve", "reject"):
        response = client_for(site["office"]).get(action_url(page, action, state))
        assert english(response.json()["html"]) == [], action


def assert_errors_in_chinese(client, url):
    """Post the editor's form at ``url`` with an empty title: the answer lists the errors, and
    nothing on it is English."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")
    data["title"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be saved" not in html
    assert english(html) == []


def test_the_editors_validation_errors_are_in_chinese(path):
    site, _page = path
    url = f"/admin/pages/add/publishing/articlepage/{site['col_a'].pk}/"
    assert_errors_in_chinese(client_for(site["editor"]), url)


def test_the_editors_validation_errors_on_an_item_in_review_are_in_chinese(path):
    """The head corrects the item under review and leaves the title empty: the editor answers
    with its errors, in Chinese, and so do its checks panel and menus."""
    site, page = path
    assert_errors_in_chinese(client_for(site["head"]), f"/admin/pages/{page.pk}/edit/")


def test_the_menus_and_the_checks_panel_are_in_chinese(path):
    """What Wagtail's scripts show from the page's JSON data: the sidebar's help menu
    ("Shortcuts") and the checks panel's accessibility messages."""
    site, page = path
    html = client_for(site["editor"]).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    texts = json_texts(html)
    assert "快捷键" in texts and "有空标题" in texts
    assert [text for text in texts if english_in(f"<p>{text}</p>")] == []


def test_the_admin_is_branded(path):
    site, page = path
    html = client_for(site["office"]).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.strip().endswith("- 政府信息公开平台") and "Wagtail" not in title
    login = client_for(site["office"]).get("/admin/login/")
    assert "Sign in" not in login.content.decode()
