"""Each step of handling a request (条例 第30–36条) on the clock, refused in Chinese when
the law does not allow it, every change kept with who and why."""

import datetime as dt

import pytest

from disclosure.applications import steps
from disclosure.applications.choices import (
    Channel,
    ConsultationKind,
    Delivery,
    FormWanted,
    IdentityDocument,
    Outcome,
    RequesterType,
    Status,
)
from disclosure.applications.models import InformationRequest
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE, FOI_CLERK
from tests.factories import department, user_with_role

pytestmark = pytest.mark.django_db

D = dt.date


def fields(**overrides):
    return {
        "channel": Channel.ONLINE,
        "requester_type": RequesterType.NATURAL_PERSON,
        "requester_name": "李明",
        "identity_type": IdentityDocument.ID_CARD,
        "identity_number": "110101199003077512",
        "contact_phone": "13800000000",
        "description": "2025年本局食品抽检不合格产品的处置情况",
        "form_wanted": FormWanted.ELECTRONIC,
        "delivery": Delivery.EMAIL,
        **overrides,
    }


@pytest.fixture
def clerk():
    return user_with_role("foi", FOI_CLERK)


SEPTEMBER_18 = D(2026, 9, 18)


def received(clerk, on=SEPTEMBER_18):
    information_request, _code = steps.register(**fields())
    return steps.confirm_receipt(information_request, clerk, on=on)


def test_an_online_application_counts_from_the_clerks_confirmation(clerk):
    information_request, code = steps.register(**fields())
    assert (
        information_request.tracking_number.startswith("YSQ")
        and information_request.status == Status.SUBMITTED
    )
    assert information_request.due() is None
    assert information_request.code_matches(code) and not information_request.code_matches(
        "WRONG123"
    )
    assert code not in information_request.code_digest
    steps.confirm_receipt(information_request, clerk, on=D(2026, 9, 18))
    assert information_request.due().on == D(2026, 10, 22)
    with pytest.raises(steps.StepRefused, match="已确认收到"):
        steps.confirm_receipt(information_request, clerk)


def test_a_letter_carries_its_signed_for_date(clerk):
    with pytest.raises(steps.StepRefused, match="第三十一条"):
        steps.register(clerk, **fields(channel=Channel.POST))
    information_request, _code = steps.register(
        clerk, received_on=D(2026, 2, 6), **fields(channel=Channel.POST)
    )
    assert information_request.status == Status.RECEIVED and information_request.due().on == D(
        2026, 3, 12
    )


def test_clarification_once_within_seven_working_days_then_the_clock_restarts(clerk):
    information_request = received(clerk)
    with pytest.raises(steps.StepRefused, match="2026-09-29 前"):
        steps.request_clarification(
            information_request,
            clerk,
            items="请写明文号",
            on=D(2026, 9, 30),
            due_on=D(2026, 10, 30),
        )
    steps.request_clarification(
        information_request, clerk, items="请写明文号", on=D(2026, 9, 22), due_on=D(2026, 10, 30)
    )
    assert information_request.due() is None  # the requester is correcting
    with pytest.raises(steps.StepRefused, match="只能要求一次"):
        steps.request_clarification(
            information_request, clerk, items="再补", on=D(2026, 9, 23), due_on=D(2026, 10, 30)
        )
    steps.receive_clarification(information_request, clerk, on=D(2026, 10, 9))
    assert information_request.due().on == D(2026, 11, 5)


def test_no_clarification_in_time_is_deemed_withdrawn(clerk):
    information_request = received(clerk)
    steps.request_clarification(
        information_request, clerk, items="请写明文号", on=D(2026, 9, 22), due_on=D(2026, 10, 30)
    )
    with pytest.raises(steps.StepRefused, match="尚未届满"):
        steps.close_without_clarification(information_request, clerk, on=D(2026, 10, 30))
    steps.close_without_clarification(information_request, clerk, on=D(2026, 11, 2))
    assert (information_request.status, information_request.outcome) == (
        Status.CLOSED,
        Outcome.OTHER_NO_CLARIFICATION,
    )


def test_a_consultation_stops_the_clock_and_blocks_the_reply(clerk):
    information_request = received(clerk)
    consultation = steps.start_consultation(
        information_request,
        clerk,
        kind=ConsultationKind.THIRD_PARTY,
        party="示范市某食品有限公司",
        sent_on=D(2026, 9, 22),
    )
    assert information_request.status == Status.CONSULTING
    assert consultation.due_on == D(2026, 10, 20)
    with pytest.raises(steps.StepRefused, match="仍有征求意见"):
        steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="")
    steps.record_opinion(consultation, clerk, answered_on=D(2026, 10, 13), opinion="不同意公开")
    information_request.refresh_from_db()
    assert information_request.status == Status.RECEIVED
    assert information_request.due().on == D(2026, 11, 5)


def test_an_extension_needs_the_office_and_happens_once(clerk):
    information_request = received(clerk, on=D(2026, 9, 18))
    office = user_with_role("office", DISCLOSURE_OFFICE)
    with pytest.raises(steps.StepRefused, match="负责人同意"):
        steps.extend(information_request, clerk, workdays=10, reason="涉及面广", on=D(2026, 10, 20))
    with pytest.raises(steps.StepRefused, match="不超过 20"):
        steps.extend(
            information_request, office, workdays=25, reason="涉及面广", on=D(2026, 10, 20)
        )
    with pytest.raises(steps.StepRefused, match="已过"):
        steps.extend(
            information_request, office, workdays=10, reason="涉及面广", on=D(2026, 10, 23)
        )
    steps.extend(information_request, office, workdays=20, reason="涉及面广", on=D(2026, 10, 20))
    assert information_request.due().on == D(2026, 11, 19)
    with pytest.raises(steps.StepRefused, match="延长过一次"):
        steps.extend(information_request, office, workdays=5, reason="再延", on=D(2026, 10, 20))


def test_the_reply_and_the_history(clerk):
    information_request = received(clerk)
    steps.assign(information_request, clerk, department("食品安全抽检监测科"))
    steps.reply(
        information_request, clerk, outcome=Outcome.PARTIAL, summary="部分公开", on=D(2026, 10, 15)
    )
    assert information_request.status == Status.REPLY_REVIEW
    assert information_request.due().on == D(2026, 10, 22)  # not sent yet: the clock runs
    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    steps.approve_reply(information_request, reviewer, note="无涉密内容")
    information_request = InformationRequest.objects.get(pk=information_request.pk)
    assert information_request.status == Status.REPLIED and information_request.due() is None
    assert information_request.replied_on == D(2026, 10, 15)
    reasons = [h.history_change_reason for h in information_request.history.order_by("history_id")]
    assert reasons == [
        "登记申请",
        "确认收到申请",
        "分办至食品安全抽检监测科",
        "拟定答复：（二）部分公开（区分处理的，只计这一情形，不计其他情形），提交保密审查",
        "保密审查通过，答复申请人：（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert information_request.history.first().history_user == reviewer
    assert information_request.history.last().history_user is None  # online, by the requester
    with pytest.raises(steps.StepRefused, match="不能答复"):
        steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="")


def test_every_outcome_is_a_row_of_the_annual_report():
    assert len(Outcome.choices) == 2 + 8 + 3 + 5 + 3
