"""Issue #16, in the browser ("comment on a consultation and see the feedback section after the
deadline", injected clock): a citizen comments on an open draft decision, answering the page's
question; the office approves the comment in the admin and it shows on the page; with the clock
past the deadline the form is gone and the feedback on the opinions shows with the final
decision."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from disclosure.consultations import rules
from disclosure.consultations.choices import FeedbackOutcome
from disclosure.consultations.models import ConsultationPage, FeedbackEntry
from disclosure.policies.models import PolicyDocumentPage
from tests.factories import column, organisation, publish, user_with_role

QUESTION = re.compile(r"(\d+)\s*加\s*(\d+)\s*等于几")
OPENS, CLOSES = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
COMMENT = "建议在征求意见稿中明确快检结果的公示时间。"


def at(day, hour=12):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def clock(monkeypatch):
    """The consultations' clock, read by the live server's thread too (same process)."""
    now = {"value": at(dt.date(2026, 3, 10))}
    monkeypatch.setattr(rules, "now", lambda: now["value"])
    return now


@pytest.fixture
def consultation_url(transactional_db, clock):
    """An open consultation whose feedback is already written (shown only after the deadline),
    and the office's login. Built before the browser."""
    organisation()
    user_with_role("office_b", "disclosure_office", password="pw-office-1")
    policies = column(title="政策文件", slug="zcwj")
    decision = PolicyDocumentPage(title="农贸市场食品安全管理办法", slug="decision", live=False)
    policies.add_child(instance=decision)
    decision = publish(decision)
    drafts = column(title="重大决策预公开", slug="zqyj")
    page = ConsultationPage(
        title="农贸市场食品安全管理办法（征求意见稿）",
        slug="draft",
        body="<p>第一条 为加强农贸市场食品安全管理……</p>",
        opens_on=OPENS,
        closes_on=CLOSES,
        feedback_summary="<p>共收到意见建议若干条，经研究采纳如下。</p>",
        final_decision=decision,
        live=False,
    )
    drafts.add_child(instance=page)
    page.feedback_entries.add(
        FeedbackEntry(opinion="明确快检结果公示时间", outcome=FeedbackOutcome.ADOPTED),
        FeedbackEntry(
            opinion="取消摊位费",
            outcome=FeedbackOutcome.NOT_ADOPTED,
            reason="不属于本局职权范围。",
        ),
    )
    publish(page)
    return "/zqyj/draft/"


def _submit(page, control):
    with page.expect_navigation():
        control.click()


def test_comment_moderate_and_see_the_feedback_after_the_deadline(
    consultation_url, clock, live_server, browser
):
    citizen = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = citizen.new_page()
    page.goto(live_server.url + consultation_url)
    assert "征求意见中" in page.locator("main").inner_text()
    form = page.locator("main form")
    form.get_by_label("联系方式").fill("13600000000")
    form.get_by_label("意见建议").fill(COMMENT)
    a, b = QUESTION.search(form.locator("label[for=id_answer]").inner_text()).groups()
    form.locator("#id_answer").fill(str(int(a) + int(b)))
    _submit(page, page.get_by_role("button", name="提交意见"))
    assert "经审核后公开" in page.locator("main").inner_text()
    assert COMMENT not in page.locator("main ol.comments").all_inner_texts()

    admin = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", "office_b")
    admin.fill("input[name=password]", "pw-office-1")
    admin.click("button[type=submit]")
    admin.wait_for_url(live_server.url + "/admin/")
    admin.goto(live_server.url + "/admin/consultations/comments/")
    admin.get_by_role("link", name=re.compile("建议在征求意见稿中")).first.click()
    admin.wait_for_url(re.compile(r".*/moderate/$"))
    admin.get_by_label("通过，在页面公开").check()
    _submit(admin, admin.locator("main form button[type=submit]"))

    page.goto(live_server.url + consultation_url)
    assert COMMENT in page.locator("main ol.comments").inner_text()
    assert "13600000000" not in page.locator("main").inner_text()

    clock["value"] = at(dt.date(2026, 4, 1), 0)  # the deadline has passed
    page.goto(live_server.url + consultation_url)
    main = page.locator("main")
    assert page.locator("main form").count() == 0
    assert "已反馈" in main.inner_text()
    feedback = page.locator("section.feedback")
    assert "不属于本局职权范围。" in feedback.inner_text()
    assert feedback.get_by_role("link", name="农贸市场食品安全管理办法").count() == 1
