"""The rules of public messages: the answer clock in working days (a make-up working Saturday
counts), the three-month inspection ceiling at month ends, and the steps' refusals in Chinese."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure.participation import rules
from disclosure.participation.choices import MessageCategory, MessageStatus, Sla
from disclosure.participation.models import PublicMessage
from disclosure.workdays.calendar import WorkdayCalendar
from disclosure.workdays.models import DayOverride
from tests.factories import department, organisation, user_with_role

pytestmark = pytest.mark.django_db

PERSON_ID = "110101199003077512"


@pytest.fixture(autouse=True)
def _site():
    organisation()


def message(**fields):
    data = {
        "category": MessageCategory.CONSULTATION,
        "subject": "食品经营许可证延续办理时限",
        "body": "请问食品经营许可证到期前多久申请延续？需要哪些材料？",
        "name": "王女士",
        "phone": "13800000000",
        **fields,
    }
    return PublicMessage.submit(**data)


def at(monkeypatch, moment):
    monkeypatch.setattr(rules, "now", lambda: moment)


def aware(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_the_answer_is_due_ten_working_days_after_arrival_and_a_make_up_saturday_counts(
    monkeypatch, settings
):
    settings.PUBLIC_MESSAGE_ANSWER_WORKING_DAYS = 10
    # Monday 2 November 2026: ten working days later is Monday 16 November.
    assert rules.answer_due(dt.date(2026, 11, 2)) == dt.date(2026, 11, 16)
    DayOverride.objects.create(date=dt.date(2026, 11, 7), is_workday=True, name="调休上班")
    assert rules.answer_due(dt.date(2026, 11, 2), WorkdayCalendar()) == dt.date(2026, 11, 13)
    at(monkeypatch, aware(2026, 11, 2, 9, 0))
    assert message().due_on == dt.date(2026, 11, 13)


@pytest.mark.parametrize(
    "received, veto",
    [
        (dt.date(2026, 3, 5), dt.date(2026, 6, 6)),
        (dt.date(2026, 11, 30), dt.date(2027, 3, 1)),  # no 30 February: the last day, then +1
        (dt.date(2027, 11, 30), dt.date(2028, 3, 1)),  # 29 February 2028 is the end
        (dt.date(2026, 5, 31), dt.date(2026, 9, 1)),
    ],
)
def test_the_inspection_ceiling_is_three_calendar_months(received, veto):
    assert rules.veto_day(received) == veto


def test_where_the_clock_stands(monkeypatch):
    at(monkeypatch, aware(2026, 3, 2, 10, 0))
    found = message()
    assert found.sla(dt.date(2026, 3, 3)) == Sla.ON_TIME
    assert found.sla(found.due_on) == Sla.DUE_SOON
    assert found.sla(found.due_on + dt.timedelta(days=1)) == Sla.OVERDUE
    assert found.sla(dt.date(2026, 6, 2)) == Sla.OVERDUE
    assert found.sla(dt.date(2026, 6, 3)) == Sla.VETO


def test_unanswered_for_three_months_decided_exactly_at_month_ends(monkeypatch):
    at(monkeypatch, aware(2026, 2, 28, 10, 0))
    late = message(subject="二月末的留言一")
    at(monkeypatch, aware(2026, 3, 1, 10, 0))
    message(subject="三月初的留言二")
    messages = PublicMessage.objects.all()
    # 28 February + 3 months = 28 May: on 28 May not yet, on 29 May it is late.
    assert rules.unanswered_for(messages, 3, dt.date(2026, 5, 28)) == []
    assert rules.unanswered_for(messages, 3, dt.date(2026, 5, 29)) == [late]
    assert len(rules.unanswered_for(messages, 3, dt.date(2026, 6, 2))) == 2


def test_answered_routed_and_invalid_messages_are_not_late(monkeypatch):
    at(monkeypatch, aware(2026, 1, 5, 10, 0))
    clerk = user_with_role("office", "disclosure_office")
    head = user_with_role("head", "department_head")
    answered = message(subject="已答复的留言")
    answered.write_answer(clerk, "答复如下。")
    answered.approve(head, publish=False, reason="涉及个案")
    message(subject="投诉：某超市售卖过期食品", category=MessageCategory.COMPLAINT)
    message(subject="重复的留言").mark_invalid(clerk, "重复提交")
    waiting = message(subject="还在等答复的留言")
    assert rules.unanswered_for(PublicMessage.objects.all(), 3, dt.date(2026, 6, 1)) == [waiting]


def test_a_complaint_is_routed_with_a_notice_and_never_published(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        found = message(
            subject="举报某商店销售假冒商品",
            category=MessageCategory.COMPLAINT,
            email="citizen@example.com",
        )
    assert found.status == MessageStatus.ROUTED and found.notice_sent_at is not None
    assert len(mail.outbox) == 1 and "12315" in mail.outbox[0].body
    assert not PublicMessage.objects.published().exists()
    with pytest.raises(ValidationError, match="不能进行此操作"):
        found.write_answer(None, "答复")


def test_a_message_moved_to_complaints_by_the_office_is_routed_too(
    django_capture_on_commit_callbacks,
):
    clerk = user_with_role("office", "disclosure_office")
    found = message(email="citizen@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        found.route_as_complaint(clerk, "反映的是消费纠纷")
    assert (found.status, found.category) == (MessageStatus.ROUTED, MessageCategory.COMPLAINT)
    assert found.history.first().history_user == clerk
    assert mail.outbox[0].to == ["citizen@example.com"]


def test_personal_data_in_the_public_text_refuses_publishing_and_nothing_changes():
    writer = user_with_role("writer", "editor")
    head = user_with_role("head", "department_head")
    found = message(body=f"我的身份证号是{PERSON_ID}，请问个体户如何办理营业执照变更？")
    found.write_answer(writer, "可以通过网上办事大厅办理。")
    with pytest.raises(ValidationError) as refused:
        found.approve(head, publish=True)
    assert "body" in refused.value.message_dict
    found.refresh_from_db()
    assert found.status == MessageStatus.AWAITING_REVIEW and found.published_at is None
    # The reviewer masks the public text: it goes out, the original stays in the history.
    found.body = "我的身份证号是110101********7512，请问个体户如何办理营业执照变更？"
    found.approve(head, publish=True)
    assert found.status == MessageStatus.PUBLISHED
    assert PERSON_ID in found.history.last().body


def test_the_answer_is_reviewed_by_someone_else_and_a_return_needs_a_reason():
    head = user_with_role("head", "department_head")
    found = message()
    found.write_answer(head, "答复。")
    with pytest.raises(ValidationError, match="答复人以外"):
        found.approve(head, publish=True)
    other = user_with_role("office", "disclosure_office")
    with pytest.raises(ValidationError) as refused:
        found.return_answer(other, "  ")
    assert "review_note" in refused.value.message_dict
    found.return_answer(other, "请补充办理地址")
    assert found.status == MessageStatus.RECEIVED and found.review_note == "请补充办理地址"


def test_replying_without_publishing_needs_a_reason_and_the_sender_is_told(
    django_capture_on_commit_callbacks,
):
    writer = user_with_role("writer", "editor")
    head = user_with_role("head", "department_head")
    found = message(email="citizen@example.com")
    found.write_answer(writer, "答复。")
    with pytest.raises(ValidationError) as refused:
        found.approve(head, publish=False)
    assert "closing_reason" in refused.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        found.approve(head, publish=False, reason="涉及留言人个人事项")
    assert found.status == MessageStatus.REPLIED
    assert found.query_code in mail.outbox[0].body


def test_withdrawing_a_published_message_keeps_the_record():
    writer = user_with_role("writer", "editor")
    head = user_with_role("head", "department_head")
    found = message()
    found.write_answer(writer, "答复。")
    found.approve(head, publish=True)
    found.withdraw(head, "内容已过时")
    assert found.status == MessageStatus.REPLIED and found.closing_reason == "内容已过时"
    assert [h.status for h in found.history.all()][:2] == ["replied", "published"]


def test_assigning_needs_a_department():
    clerk = user_with_role("office", "disclosure_office")
    found = message()
    with pytest.raises(ValidationError):
        found.assign(clerk, None)
    section = department("食品经营监管科")
    found.assign(clerk, section)
    assert PublicMessage.objects.get().department == section
