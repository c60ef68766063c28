"""Issue #19, in the browser ("Done when": a browser test submits a request on the portal
and looks it up with the code): a citizen fills the 在线申请 form (条例 第29条), answers the
arithmetic question read from the page, keeps the tracking number and query code, and sees the
status at 申请查询; a wrong code shows nothing of the requester. At 360 px nothing scrolls
sideways, and from the keyboard every field is reached with a visible label."""

import re

import pytest

from disclosure.checks.scanner import id_check_character
from tests.browser.conftest import PHONE
from tests.factories import organisation

NAME = "王晓华"
ID_FIRST17 = "44030519851201123"
ID_NUMBER = ID_FIRST17 + id_check_character(ID_FIRST17)
PHONE_NUMBER = "13912345678"
DESCRIPTION = "2025年本局对辖区农贸市场开展食品安全监督抽检的结果及不合格食品的核查处置情况"
QUESTION = re.compile(r"(\d+)\s*加\s*(\d+)\s*等于几")
WIDTH = PHONE["width"]


@pytest.fixture
def portal(transactional_db):
    """The bureau the portal speaks for (site name, footer). Built before the browser."""
    organisation()


def _scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def _fill_application(page, answer=None):
    """Fill the form as a citizen (自然人 with a 居民身份证) and answer the question the page
    asks (or give ``answer``)."""
    form = page.locator("main form")
    form.get_by_label("申请人类型").select_option(label="自然人")
    form.get_by_label("申请人姓名或名称").fill(NAME)
    form.get_by_label("身份证明类型").select_option(label="居民身份证")
    form.get_by_label("身份证明号码").fill(ID_NUMBER)
    form.get_by_label("联系电话").fill(PHONE_NUMBER)
    form.get_by_label("所需信息的名称").fill(DESCRIPTION)
    form.get_by_label("载体形式").select_option(label="电子")
    form.get_by_label("获取信息的方式").select_option(label="网上查看")
    question = form.locator("label[for=id_answer]").inner_text()
    a, b = QUESTION.search(question).groups()
    form.locator("#id_answer").fill(str(int(a) + int(b)) if answer is None else answer)


def _submit(page, control, key=None):
    """Submit a form (click ``control``, or press ``key`` in it) and wait for the page that
    answers (the POST answers at the same URL, so the URL cannot be waited for)."""
    with page.expect_navigation():
        if key:
            control.press(key)
        else:
            control.click()


def _value_after(page, term):
    """The ``<dd>`` after the ``<dt>`` that reads ``term``."""
    return (
        page.locator("main dt", has_text=re.compile(f"^{term}$"))
        .locator("xpath=following-sibling::dd[1]")
        .inner_text()
        .strip()
    )


def _apply(page, live_server):
    """Submit a request; its (tracking number, query code) as the confirmation shows."""
    page.goto(live_server.url + "/yisqgk/apply/")
    _fill_application(page)
    _submit(page, page.get_by_role("button", name="提交申请"))
    assert page.get_by_role("heading", level=1).inner_text() == "申请已提交"
    return _value_after(page, "申请编号"), _value_after(page, "查询码")


def _look_up(page, live_server, number, code):
    page.goto(live_server.url + "/yisqgk/track/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    _submit(page, page.get_by_label("查询码"), key="Enter")  # from the keyboard
    return page.locator("main").inner_text()


def test_a_citizen_applies_and_looks_it_up_with_the_code(portal, live_server, desktop):
    number, code = _apply(desktop, live_server)
    assert re.fullmatch(r"YSQ\d{4}\d+", number) and re.fullmatch(r"[A-Z0-9]{6,}", code)

    status = _look_up(desktop, live_server, number, code)
    assert desktop.get_by_role("heading", level=1).inner_text() == "申请办理情况"
    assert number in status
    assert "已提交，待确认收到" in status and "待工作人员确认" in status

    wrong = _look_up(desktop, live_server, number, "WRONG123")
    assert "申请编号或查询码不正确" in wrong
    assert desktop.get_by_role("heading", level=1).inner_text() == "申请查询"
    for secret in (NAME, ID_NUMBER, PHONE_NUMBER, "已提交", "收到申请之日"):
        assert secret not in desktop.content()


def test_a_wrong_answer_is_explained_in_chinese_and_a_new_question_asked(
    portal, live_server, desktop
):
    desktop.goto(live_server.url + "/yisqgk/apply/")
    _fill_application(desktop, answer="99")
    _submit(desktop, desktop.get_by_role("button", name="提交申请"))
    assert "验证问题的答案不正确" in desktop.locator("main").inner_text()
    # What the citizen typed is kept; a fresh question is asked and answered.
    assert desktop.get_by_label("申请人姓名或名称").input_value() == NAME
    question = desktop.locator("label[for=id_answer]").inner_text()
    a, b = QUESTION.search(question).groups()
    desktop.locator("#id_answer").fill(str(int(a) + int(b)))
    _submit(desktop, desktop.get_by_role("button", name="提交申请"))
    assert desktop.get_by_role("heading", level=1).inner_text() == "申请已提交"


OUTSIDE_THE_COLUMN = """() => {
    const main = document.querySelector('main'), style = getComputedStyle(main);
    const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
    return [...main.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
        .filter(el => el.getBoundingClientRect().right > right + 0.5)
        .map(el => el.id || el.tagName);
}"""


def test_no_application_page_scrolls_sideways_at_360px(portal, live_server, phone):
    too_wide = {}

    def check(name):
        if _scroll_width(phone) > WIDTH:
            too_wide[name] = _scroll_width(phone)
        if outside := phone.evaluate(OUTSIDE_THE_COLUMN):  # into the margin, or off the screen
            too_wide[f"{name}: fields outside the column"] = outside

    phone.goto(live_server.url + "/yisqgk/apply/")
    check("apply")
    _submit(phone, phone.get_by_role("button", name="提交申请"))  # everything missing: every error
    assert phone.locator("main .error").count() >= 5
    check("apply with errors")
    number, code = _apply(phone, live_server)
    check("submitted")
    _look_up(phone, live_server, number, code)
    check("status")
    _look_up(phone, live_server, number, "WRONG123")
    check("track with error")
    assert too_wide == {}


FIELDS = """() => [...document.querySelectorAll(
        'main form input:not([type=hidden]), main form select, main form textarea')]
    .map(el => {
        const label = el.labels && el.labels[0], box = label && label.getBoundingClientRect();
        return {
            id: el.id,
            role: el.tagName === 'SELECT' ? 'combobox' : (el.type === 'file' ? 'button' : 'textbox'),
            label: label ? label.innerText.trim() : '',
            visible: !!box && box.width > 1 && box.height > 1,
        };
    })"""

FOCUSED = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {
        id: el.id,
        tag: el.tagName.toLowerCase(),
        text: el.innerText ? el.innerText.trim() : '',
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
}"""


@pytest.mark.parametrize("url", ["/yisqgk/apply/", "/yisqgk/track/"])
def test_every_field_is_reached_by_keyboard_with_a_visible_label(portal, live_server, desktop, url):
    desktop.goto(live_server.url + url)
    assert desktop.get_by_role("main").count() == 1  # one main landmark, one #main
    assert desktop.locator("#main").count() == 1
    fields = desktop.evaluate(FIELDS)
    assert len(fields) >= 2
    for field in fields:
        assert field["label"] and field["visible"], field
        # Its accessible name is the label's words (the "*" of a required field is shown, not
        # read out as 星号; the field says it is required): found by it, as a screen reader
        # announces it.
        name = field["label"].removesuffix("*").strip()
        by_name = desktop.get_by_role(field["role"], name=name, exact=True)
        assert by_name.count() == 1 and by_name.evaluate("el => el.id") == field["id"], field
    if any(field["label"].endswith("*") for field in fields):
        assert "带 * 号的为必填项" in desktop.locator("main").inner_text()

    # The skip link first, then into the form: every field in order, with a visible focus.
    desktop.keyboard.press("Tab")
    assert desktop.evaluate(FOCUSED)["text"] == "跳到主要内容"
    desktop.keyboard.press("Enter")
    reached = []
    for _step in range(60):
        desktop.keyboard.press("Tab")
        focused = desktop.evaluate(FOCUSED)
        if focused["tag"] in ("input", "select", "textarea"):
            assert focused["outline"], focused
            reached.append(focused["id"])
        if focused["tag"] == "button":
            assert focused["outline"], focused
            break
    assert reached == [field["id"] for field in fields]


DESCRIBED = """() => [...document.querySelectorAll('main form [aria-invalid=true]')].map(el => {
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    return {
        id: el.id,
        description: ids.map(id => (document.getElementById(id) || {}).innerText || '').join(' '),
    };
})"""


def test_each_error_is_announced_with_its_field(portal, live_server, desktop):
    desktop.goto(live_server.url + "/yisqgk/apply/")
    _fill_application(desktop, answer="99")
    desktop.locator("#id_identity_number").fill(ID_FIRST17 + "0")  # a wrong check character
    _submit(desktop, desktop.get_by_role("button", name="提交申请"))
    described = {field["id"]: field["description"].strip() for field in desktop.evaluate(DESCRIBED)}
    assert described == {
        "id_identity_number": "居民身份证号码不正确，请核对。",
        "id_answer": "验证问题的答案不正确。",
    }
