"""A draft decision on the portal: comments posted while open (the question, a limit per
address, Chinese errors), shown only once approved through the gate's record rules; after the
deadline the form is gone and the feedback shows; the page cache never serves a page that
changes by itself; the gate refuses a period shorter than 30 days without a reason."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.consultations import rules
from disclosure.consultations.choices import CommentStatus, FeedbackOutcome
from disclosure.consultations.models import (
    ConsultationComment,
    ConsultationPage,
    FeedbackEntry,
)
from disclosure.policies.models import PolicyDocumentPage
from disclosure.public_forms import CHALLENGE_SALT
from disclosure.publishing.rules import publication_errors
from tests.factories import (
    article,
    column,
    organisation,
    publish,
    publish_revision,
    user_with_role,
)

pytestmark = pytest.mark.django_db

OPENS, CLOSES = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
URL = "/zqyj/draft/"
PERSON_ID = "110101199003077512"


def at(day, hour=12):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The consultations' one clock, set to the middle of the period."""
    now = {"value": at(dt.date(2026, 3, 10))}
    monkeypatch.setattr(rules, "now", lambda: now["value"])
    cache.clear()
    return now


@pytest.fixture
def consultation():
    organisation()
    col = column(title="重大决策预公开", slug="zqyj")
    page = ConsultationPage(
        title="关于调整本市农贸市场摊位管理规定的征求意见稿",
        slug="draft",
        body="<p>第一条 为规范农贸市场摊位管理……</p>",
        drafting_notes="<p>起草说明……</p>",
        opens_on=OPENS,
        closes_on=CLOSES,
        live=False,
    )
    col.add_child(instance=page)
    return publish(page)


def comment_data(client, **overrides):
    html = client.get(URL).content.decode()
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    a, b, _nonce = signing.loads(token, salt=CHALLENGE_SALT)
    return {
        "author_name": "市民老李",
        "contact": "13800000000",
        "text": "建议保留早市摊位，方便老年人买菜。",
        "challenge": token,
        "answer": str(a + b),
        **overrides,
    }


def test_a_comment_is_received_moderated_and_then_shown(client, consultation):
    page = client.get(URL)
    assert "发表意见" in page.content.decode() and "还剩 22 天" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    response = client.post(URL, comment_data(client))
    assert response.status_code == 201 and "经审核后公开" in response.content.decode()
    comment = ConsultationComment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "建议保留早市摊位" not in client.get(URL).content.decode()
    comment.approve(user_with_role("office", "disclosure_office"))
    html = client.get(URL).content.decode()
    assert "建议保留早市摊位" in html and "13800000000" not in html


@pytest.mark.parametrize(
    "overrides, text",
    [
        ({"text": "好"}, "意见内容太短"),
        ({"contact": ""}, "必需字段"),
        ({"answer": "999"}, "验证问题的答案不正确"),
    ],
)
def test_bad_comments_are_explained_and_nothing_is_kept(client, consultation, overrides, text):
    response = client.post(URL, comment_data(client, **overrides))
    assert response.status_code == 200 and text in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_a_flood_from_one_address_is_refused(client, consultation, settings):
    settings.CONSULTATION_COMMENT_RATE_LIMIT = 1
    assert client.post(URL, comment_data(client)).status_code == 201
    refused = client.post(URL, comment_data(client))
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_personal_data_refuses_approval_and_a_rejection_needs_a_reason(consultation):
    office = user_with_role("office", "disclosure_office")
    comment = ConsultationComment.objects.create(
        consultation=consultation, contact="x", text=f"我的身份证号{PERSON_ID}，建议取消收费。"
    )
    with pytest.raises(ValidationError) as refused:
        comment.approve(office)
    assert "text" in refused.value.message_dict
    assert ConsultationComment.objects.get().status == CommentStatus.PENDING
    with pytest.raises(ValidationError):
        comment.reject(office, " ")
    comment.reject(office, "含个人信息")
    assert ConsultationComment.objects.get().status == CommentStatus.REJECTED
    assert comment.history.first().history_user == office


def test_after_the_deadline_the_form_closes_and_the_feedback_shows(client, consultation, clock):
    clock["value"] = at(dt.date(2026, 4, 1), 0)
    html = client.get(URL).content.decode()
    assert "发表意见" not in html and "已截止" in html
    assert client.post(URL, {"text": "迟到的意见"}).status_code == 409
    policy_column = column(title="政策文件", slug="zcwj")
    final = article(policy_column, title="最终决策不是政策文件")
    consultation.final_decision_id = final.pk
    with pytest.raises(ValidationError) as refused:
        consultation.full_clean()
    assert "final_decision" in refused.value.message_dict
    consultation.final_decision_id = None
    consultation.feedback_summary = "<p>共收到意见，经研究……</p>"
    consultation.feedback_entries.add(
        FeedbackEntry(opinion="保留早市摊位", opinion_count=3, outcome=FeedbackOutcome.ADOPTED),
        FeedbackEntry(
            opinion="取消摊位费",
            opinion_count=2,
            outcome=FeedbackOutcome.NOT_ADOPTED,
            reason="摊位费已列入收费目录清单，由价格主管部门核定。",
        ),
    )
    consultation.offline_comment_count = 4
    publish_revision(consultation.save_revision())
    html = client.get(URL).content.decode()
    assert "已反馈" in html and "意见采纳情况" in html
    assert "共收到意见 4 条，其中采纳 3 条，部分采纳 0 条，未采纳 2 条。" in html
    assert "摊位费已列入收费目录清单" in html


def test_a_rejected_opinion_needs_its_reason():
    entry = FeedbackEntry(opinion="取消摊位费", outcome=FeedbackOutcome.NOT_ADOPTED)
    with pytest.raises(ValidationError) as refused:
        entry.clean()
    assert "reason" in refused.value.message_dict


def test_the_page_cache_keeps_the_page_only_after_the_deadline(
    client, consultation, clock, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    clock["value"] = at(dt.date(2026, 2, 20))  # before the opening: the form will appear
    client.get(URL)
    assert client.get(URL).get("X-Cache") != "hit"
    clock["value"] = at(dt.date(2026, 4, 2))
    assert client.get(URL)["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"
    # A comment approved after the deadline is seen at once.
    comment = ConsultationComment.objects.create(
        consultation=consultation, contact="x", text="截止前通过信函提交的意见"
    )
    office = user_with_role("office", "disclosure_office")
    with django_capture_on_commit_callbacks(execute=True):
        comment.approve(office)
    response = client.get(URL)
    assert response["X-Cache"] == "miss" and "截止前通过信函提交的意见" in response.content.decode()


def test_a_short_period_without_a_reason_is_refused_when_saved_and_by_the_gate(consultation):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.closes_on = dt.date(2026, 3, 20)
    with pytest.raises(ValidationError) as refused:
        page.save_revision()
    assert "第十五条" in str(refused.value)
    assert "closes_on" in publication_errors(page)
    page.short_period_reason = "节前食品安全形势紧急"
    assert "closes_on" not in publication_errors(page)


def test_the_column_lists_each_consultation_with_its_status(client, consultation, clock):
    html = client.get("/zqyj/").content.decode()
    assert "征求意见中，还剩 22 天" in html  # 10 March to 31 March, both counted
    clock["value"] = at(CLOSES)
    cache.clear()
    assert "征求意见中，还剩 1 天" in client.get("/zqyj/").content.decode()
    clock["value"] = at(dt.date(2026, 4, 1), 0)
    cache.clear()
    html = client.get("/zqyj/").content.decode()
    assert "已截止" in html and "还剩" not in html
    consultation.feedback_summary = "<p>经研究……</p>"
    publish_revision(consultation.save_revision())
    assert "已反馈" in client.get("/zqyj/").content.decode()


def test_the_api_carries_the_status_the_feedback_and_the_final_decision(
    client, consultation, clock
):
    url = f"/api/v2/pages/{consultation.pk}/"
    data = client.get(url).json()
    assert data["feedback"]["status"] == "open" and data["feedback"]["days_left"] == 22
    assert data["feedback"]["final_decision"] is None
    ConsultationComment.objects.create(consultation=consultation, text="建议保留早市摊位。")
    clock["value"] = at(dt.date(2026, 4, 1), 0)
    decision = PolicyDocumentPage(
        title="关于农贸市场摊位管理的规定", slug="decision", body="<p>正文</p>", live=False
    )
    column(title="政策文件", slug="zcwj").add_child(instance=decision)
    decision = publish(decision)
    consultation.offline_comment_count = 4
    consultation.final_decision_id = decision.pk
    consultation.feedback_entries.add(
        FeedbackEntry(opinion="保留早市摊位", opinion_count=3, outcome=FeedbackOutcome.ADOPTED)
    )
    publish_revision(consultation.save_revision())
    feedback = client.get(url).json()["feedback"]
    assert feedback["status"] == "answered" and feedback["status_label"] == "已反馈"
    assert feedback["comments_received"] == 5 and feedback["comments_shown"] == 0
    assert feedback["opinions"][FeedbackOutcome.ADOPTED] == 3
    assert feedback["final_decision"]["id"] == decision.pk
    assert client.get(url).json()["offline_comment_count"] == 4
    # The headless API shows the same, computed when asked (never stored in the feed).
    partner = client.get(f"/api/items/{consultation.pk}/").json()["fields"]
    assert partner["feedback"] == feedback and partner["offline_comment_count"] == 4


def test_the_partner_api_never_answers_not_modified_for_a_status_that_moved(
    client, consultation, clock
):
    """The status changes at the deadline without the item being edited: the detail is
    revalidated by its ETag (the body), not by the item's modification time."""
    url = f"/api/items/{consultation.pk}/"
    first = client.get(url)
    assert "Last-Modified" not in first and first.json()["fields"]["feedback"]["status"] == "open"
    clock["value"] = at(dt.date(2026, 4, 1), 0)
    again = client.get(
        url,
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE="Thu, 01 Jan 2099 00:00:00 GMT",
    )
    assert again.status_code == 200 and again.json()["fields"]["feedback"]["status"] == "closed"
    assert client.get(url, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
