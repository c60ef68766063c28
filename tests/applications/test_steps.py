"""Each step of handling an application (条例 第30–36条) on the clock, refused in Chinese when
the law does not allow it, every change kept with who and why."""

import datetime as dt

import pytest

from disclosure.applications import steps
from disclosure.applications.choices import (
    ApplicantType,
    Channel,
    ConsultationKind,
    Delivery,
    FormWanted,
    IdentityDocument,
    Outcome,
    Status,
)
from disclosure.applications.models import Application
from disclosure.departments.roles import DISCLOSURE_OFFICE, FOI_CLERK
from tests.factories import department, user_with_role

pytestmark = pytest.mark.django_db

D = dt.date


def fields(**overrides):
    return {
        "channel": Channel.ONLINE,
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "applicant_name": "李明",
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
    application, _code = steps.register(**fields())
    return steps.confirm_receipt(application, clerk, on=on)


def test_an_online_application_counts_from_the_clerks_confirmation(clerk):
    application, code = steps.register(**fields())
    assert application.tracking_number.startswith("YSQ") and application.status == Status.SUBMITTED
    assert application.due() is None
    assert application.code_matches(code) and not application.code_matches("WRONG123")
    assert code not in application.code_digest
    steps.confirm_receipt(application, clerk, on=D(2026, 9, 18))
    assert application.due().on == D(2026, 10, 22)
    with pytest.raises(steps.StepRefused, match="已确认收到"):
        steps.confirm_receipt(application, clerk)


def test_a_letter_carries_its_signed_for_date(clerk):
    with pytest.raises(steps.StepRefused, match="第三十一条"):
        steps.register(clerk, **fields(channel=Channel.POST))
    application, _code = steps.register(
        clerk, received_on=D(2026, 2, 6), **fields(channel=Channel.POST)
    )
    assert application.status == Status.RECEIVED and application.due().on == D(2026, 3, 12)


def test_correction_once_within_seven_working_days_then_the_clock_restarts(clerk):
    application = received(clerk)
    with pytest.raises(steps.StepRefused, match="2026-09-29 前"):
        steps.request_correction(
            application, clerk, items="请写明文号", on=D(2026, 9, 30), due_on=D(2026, 10, 30)
        )
    steps.request_correction(
        application, clerk, items="请写明文号", on=D(2026, 9, 22), due_on=D(2026, 10, 30)
    )
    assert application.due() is None  # the applicant is correcting
    with pytest.raises(steps.StepRefused, match="只能要求一次"):
        steps.request_correction(
            application, clerk, items="再补", on=D(2026, 9, 23), due_on=D(2026, 10, 30)
        )
    steps.receive_correction(application, clerk, on=D(2026, 10, 9))
    assert application.due().on == D(2026, 11, 5)


def test_no_correction_in_time_is_deemed_withdrawn(clerk):
    application = received(clerk)
    steps.request_correction(
        application, clerk, items="请写明文号", on=D(2026, 9, 22), due_on=D(2026, 10, 30)
    )
    with pytest.raises(steps.StepRefused, match="尚未届满"):
        steps.close_without_correction(application, clerk, on=D(2026, 10, 30))
    steps.close_without_correction(application, clerk, on=D(2026, 11, 2))
    assert (application.status, application.outcome) == (
        Status.CLOSED,
        Outcome.OTHER_NO_CORRECTION,
    )


def test_a_consultation_stops_the_clock_and_blocks_the_reply(clerk):
    application = received(clerk)
    consultation = steps.start_consultation(
        application,
        clerk,
        kind=ConsultationKind.THIRD_PARTY,
        party="示范市某食品有限公司",
        sent_on=D(2026, 9, 22),
    )
    assert application.status == Status.CONSULTING
    assert consultation.due_on == D(2026, 10, 20)
    with pytest.raises(steps.StepRefused, match="仍有征求意见"):
        steps.reply(application, clerk, outcome=Outcome.GRANTED, summary="")
    steps.record_opinion(consultation, clerk, answered_on=D(2026, 10, 13), opinion="不同意公开")
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.due().on == D(2026, 11, 5)


def test_an_extension_needs_the_office_and_happens_once(clerk):
    application = received(clerk, on=D(2026, 9, 18))
    office = user_with_role("office", DISCLOSURE_OFFICE)
    with pytest.raises(steps.StepRefused, match="负责人同意"):
        steps.extend(application, clerk, workdays=10, reason="涉及面广", on=D(2026, 10, 20))
    with pytest.raises(steps.StepRefused, match="不超过 20"):
        steps.extend(application, office, workdays=25, reason="涉及面广", on=D(2026, 10, 20))
    with pytest.raises(steps.StepRefused, match="已过"):
        steps.extend(application, office, workdays=10, reason="涉及面广", on=D(2026, 10, 23))
    steps.extend(application, office, workdays=20, reason="涉及面广", on=D(2026, 10, 20))
    assert application.due().on == D(2026, 11, 19)
    with pytest.raises(steps.StepRefused, match="延长过一次"):
        steps.extend(application, office, workdays=5, reason="再延", on=D(2026, 10, 20))


def test_the_reply_and_the_history(clerk):
    application = received(clerk)
    steps.assign(application, clerk, department("食品安全抽检监测科"))
    steps.reply(application, clerk, outcome=Outcome.PARTIAL, summary="部分公开", on=D(2026, 10, 15))
    application = Application.objects.get(pk=application.pk)
    assert application.status == Status.REPLIED and application.due() is None
    reasons = [h.history_change_reason for h in application.history.order_by("history_id")]
    assert reasons == [
        "登记申请",
        "确认收到申请",
        "分办至食品安全抽检监测科",
        "答复申请人：（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert application.history.first().history_user == clerk
    with pytest.raises(steps.StepRefused, match="不能答复"):
        steps.reply(application, clerk, outcome=Outcome.GRANTED, summary="")


def test_every_outcome_is_a_row_of_the_annual_report():
    assert len(Outcome.choices) == 2 + 8 + 3 + 5 + 3
