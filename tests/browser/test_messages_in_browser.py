"""Issue #16, in the browser ("post a message and see it answered and published"): a citizen
posts a 政民互动 message on a phone, answering the page's arithmetic question, and keeps the query
code; the department's editor answers it in the admin, the department head approves it for
publication, and the citizen finds the message with its answer on the portal and by the code."""

import re

import pytest

from tests.browser.conftest import PHONE
from tests.factories import department, organisation, user_with_role

QUESTION = re.compile(r"(\d+)\s*加\s*(\d+)\s*等于几")
SUBJECT = "农贸市场电子秤检定问题"
ANSWER = "农贸市场使用的电子秤属于强制检定的计量器具，每年检定一次，请认准检定合格标志。"


@pytest.fixture
def bureau(transactional_db):
    """The bureau, one department with an editor and a head (built before the browser)."""
    organisation()
    section = department("计量科")
    user_with_role("jiliang_editor", "editor", department=section, password="pw-editor-1")
    user_with_role("jiliang_head", "department_head", department=section, password="pw-head-1")
    return section.pk


def _submit(page, control):
    with page.expect_navigation():
        control.click()


def _log_in(browser, live_server, username, password):
    """A page of a new browser context (its own cookies) logged in as ``username``."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_a_message_is_posted_answered_reviewed_and_published(bureau, live_server, browser):
    citizen = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    citizen.goto(live_server.url + "/hudong/write/")
    form = citizen.locator("main form")
    form.get_by_label("留言类别").select_option(label="咨询")
    form.get_by_label("涉及科室（可不选）").select_option(label="计量科")
    form.get_by_label("标题").fill(SUBJECT)
    form.get_by_label("留言内容").fill("菜市场里的电子秤多久检定一次？怎么辨别是否合格？")
    form.get_by_label("姓名或称呼").fill("钱阿姨")
    form.get_by_label("联系电话").fill("13700000000")
    a, b = QUESTION.search(form.locator("label[for=id_answer]").inner_text()).groups()
    form.locator("#id_answer").fill(str(int(a) + int(b)))
    _submit(citizen, citizen.get_by_role("button", name="提交留言"))
    assert citizen.get_by_role("heading", level=1).inner_text() == "留言已提交"
    code = citizen.locator("strong.code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{10}", code)
    assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    admin = _log_in(browser, live_server, "jiliang_editor", "pw-editor-1")
    admin.goto(live_server.url + "/admin/participation/messages/")
    admin.get_by_role("link", name=SUBJECT).first.click()  # the title leads to 办理
    admin.wait_for_url(re.compile(r".*/process/$"))
    admin.locator("textarea[name=answer]").fill(ANSWER)
    _submit(admin, admin.locator("form:has(input[value=answer]) button[type=submit]"))
    assert "答复已提交审核" in admin.content()

    admin = _log_in(browser, live_server, "jiliang_head", "pw-head-1")
    admin.goto(live_server.url + "/admin/participation/messages/?status=awaiting_review")
    admin.get_by_role("link", name=SUBJECT).first.click()
    admin.wait_for_url(re.compile(r".*/process/$"))
    review = admin.locator("form:has(input[value=review])")
    review.get_by_label("通过，连同答复公开").check()
    _submit(admin, review.locator("button[type=submit]"))
    assert "审核通过，留言和答复已公开" in admin.content()

    citizen.goto(live_server.url + "/hudong/")
    citizen.get_by_role("link", name=SUBJECT).click()
    text = citizen.locator("main").inner_text()
    assert ANSWER in text and "13700000000" not in text
    citizen.goto(live_server.url + "/hudong/lookup/")
    citizen.get_by_label("查询码").fill(code.lower())
    _submit(citizen, citizen.get_by_role("button", name="查询"))
    assert "已答复" in citizen.locator("main").inner_text()
