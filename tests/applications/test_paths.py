"""The other paths of an information request: reasons for an unreasonable volume (条例 第35条),
the information processing fee (第42条, 国办函〔2020〕109号), repeated requests (第36条第六项),
the reply's confidentiality review with the released files checked for personal data, archiving
(第45条) and reconsideration / litigation (第51条). Due dates are computed by hand in the
comments."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from disclosure.applications import fees, repeats, steps
from disclosure.applications.choices import (
    FeeBasis,
    FileKind,
    Outcome,
    RemedyKind,
    RemedyResult,
    Status,
)
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, FOI_CLERK
from tests.applications.test_steps import fields
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

D = dt.date
# November 2026 has no holiday: received Monday 2 November, 20 working days → Monday 30 November.
NOVEMBER_2 = D(2026, 11, 2)


@pytest.fixture
def clerk():
    return user_with_role("foi", FOI_CLERK)


@pytest.fixture
def reviewer():
    return user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)


def received(clerk, on=NOVEMBER_2, **overrides):
    information_request, _code = steps.register(**fields(**overrides))
    return steps.confirm_receipt(information_request, clerk, on=on)


def replied(clerk, reviewer, outcome=Outcome.GRANTED, on=NOVEMBER_2, **overrides):
    information_request = received(clerk, on=on, **overrides)
    steps.reply(information_request, clerk, outcome=outcome, summary="予以公开", on=on)
    return steps.approve_reply(information_request, reviewer)


# --- 第35条 -------------------------------------------------------------------------------


def test_unreasonable_volume_asks_for_reasons_before_refusing(clerk):
    information_request = received(clerk)
    with pytest.raises(steps.StepRefused, match="第三十五条"):
        steps.reply(
            information_request, clerk, outcome=Outcome.NOT_PROCESSED_UNREASONABLE, summary=""
        )
    steps.ask_reasons(
        information_request, clerk, request="一个月内提出 60 件申请", on=D(2026, 11, 3)
    )
    assert information_request.status == Status.REASONS
    assert information_request.due().on == D(2026, 11, 30)  # the clock is not paused
    with pytest.raises(steps.StepRefused, match="不能答复"):
        steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="")
    with pytest.raises(steps.StepRefused, match="不确定延迟答复期限"):
        steps.receive_reasons(
            information_request, clerk, reasons="", accepted=False, deferred_to=D(2026, 12, 30)
        )
    steps.receive_reasons(
        information_request, clerk, reasons="", accepted=False, on=D(2026, 11, 10)
    )
    steps.reply(
        information_request,
        clerk,
        outcome=Outcome.NOT_PROCESSED_UNREASONABLE,
        summary="不予处理",
        on=D(2026, 11, 11),
    )
    assert information_request.outcome == Outcome.NOT_PROCESSED_UNREASONABLE


def test_reasonable_but_too_much_sets_a_later_date(clerk):
    information_request = received(clerk)
    steps.ask_reasons(information_request, clerk, request="申请 300 份案卷", on=D(2026, 11, 3))
    with pytest.raises(steps.StepRefused, match="应晚于现在的答复期限（2026-11-30）"):
        steps.receive_reasons(
            information_request,
            clerk,
            reasons="研究需要",
            accepted=True,
            deferred_to=D(2026, 11, 20),
            deferred_reason="数量大",
        )
    steps.receive_reasons(
        information_request,
        clerk,
        reasons="研究需要",
        accepted=True,
        deferred_to=D(2026, 12, 30),
        deferred_reason="需调取 300 份案卷",
        on=D(2026, 11, 6),
    )
    due = information_request.due()
    assert due.on == D(2026, 12, 30) and due.deferred
    assert information_request.status == Status.RECEIVED


# --- 第42条 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nth", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300)]
)
def test_per_item_fee_of_the_nth_request_in_a_month(nth, fee):
    assert fees.per_item_fee(nth) == fee


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_volume_fee_by_pages(pages, fee):
    assert fees.per_volume_fee(pages) == fee


def test_a_fee_only_after_reasons_and_the_clock_stops_until_paid(clerk):
    information_request = received(clerk)
    with pytest.raises(steps.StepRefused, match="第四十二条"):
        steps.notify_fee(information_request, clerk, basis=FeeBasis.PER_ITEM, nth=12)
    steps.ask_reasons(information_request, clerk, request="本月第 12 件", on=D(2026, 11, 3))
    steps.receive_reasons(information_request, clerk, reasons="维权需要", accepted=True)
    with pytest.raises(steps.StepRefused, match="不收费"):
        steps.notify_fee(information_request, clerk, basis=FeeBasis.PER_ITEM, nth=3)
    steps.notify_fee(information_request, clerk, basis=FeeBasis.PER_ITEM, nth=12, on=D(2026, 11, 5))
    assert information_request.fee_amount == 100 and information_request.status == Status.FEE
    steps.record_payment(information_request, clerk, on=D(2026, 11, 12))
    # Not counted: 6, 9, 10, 11, 12 November (5 working days) → 30 November + 5 = 7 December.
    due = information_request.due()
    assert due.on == D(2026, 12, 7) and due.paused_days == 5
    assert information_request.status == Status.RECEIVED


def test_an_unpaid_fee_ends_the_request(clerk):
    information_request = received(clerk)
    steps.ask_reasons(information_request, clerk, request="300 页", on=D(2026, 11, 3))
    steps.receive_reasons(information_request, clerk, reasons="", accepted=True)
    steps.notify_fee(
        information_request, clerk, basis=FeeBasis.PER_VOLUME, pages=120, on=D(2026, 11, 5)
    )
    assert information_request.fee_amount == 70 * 10 + 20 * 20
    # 20 working days after 5 November: 3 December.
    with pytest.raises(steps.StepRefused, match="2026-12-03"):
        steps.close_fee_unpaid(information_request, clerk, on=D(2026, 12, 3))
    with pytest.raises(steps.StepRefused, match="缴费期限已过"):
        steps.record_payment(information_request, clerk, on=D(2026, 12, 4))
    steps.close_fee_unpaid(information_request, clerk, on=D(2026, 12, 4))
    assert information_request.status == Status.CLOSED
    assert information_request.outcome == Outcome.OTHER_FEE_UNPAID
    with pytest.raises(steps.StepRefused, match="不能直接选择"):
        steps.reply(received(clerk), clerk, outcome=Outcome.OTHER_FEE_UNPAID, summary="")


# --- 第36条第六项 ---------------------------------------------------------------------------


def test_a_repeated_request_is_found_and_linked(clerk, reviewer):
    earlier = replied(clerk, reviewer, description="2025年本局食品抽检不合格产品的处置情况")
    again = received(clerk, description="请公开贵局2025年食品抽检不合格产品处置情况")
    other_subject = received(clerk, description="电梯维护保养单位的监督检查记录")
    someone_else = received(
        clerk,
        identity_number="110101199003071234"[:17] + "9",
        description="2025年本局食品抽检不合格产品的处置情况",
    )
    assert [r for r, _score in repeats.candidates(again)] == [earlier]
    assert repeats.candidates(other_subject) == []
    assert repeats.candidates(someone_else) == []
    with pytest.raises(steps.StepRefused, match="先关联原申请"):
        steps.reply(again, clerk, outcome=Outcome.NOT_PROCESSED_REPEATED, summary="")
    with pytest.raises(steps.StepRefused, match="同一申请人"):
        steps.mark_repeat(someone_else, clerk, earlier)
    steps.mark_repeat(again, clerk, earlier)
    steps.reply(again, clerk, outcome=Outcome.NOT_PROCESSED_REPEATED, summary="不予重复处理")
    assert again.repeat_of == earlier and earlier.repeats.get() == again


# --- the reply's confidentiality review --------------------------------------------------


def test_the_drafter_cannot_review_and_only_a_reviewer_can(clerk, reviewer):
    information_request = received(clerk)
    steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="予以公开")
    with pytest.raises(steps.StepRefused, match="保密审查员"):
        steps.approve_reply(information_request, clerk)
    clerk.groups.add(reviewer.groups.get())
    with pytest.raises(steps.StepRefused, match="拟稿人不能审查"):
        steps.approve_reply(information_request, clerk)
    with pytest.raises(steps.StepRefused, match="退回的理由"):
        steps.return_reply(information_request, reviewer, note="")
    steps.return_reply(information_request, reviewer, note="答复依据引用有误")
    assert information_request.status == Status.RECEIVED and information_request.outcome == ""
    assert information_request.history.first().history_change_reason.startswith("保密审查退回")


def test_personal_data_in_the_reply_or_a_released_file_blocks_until_explained(clerk, reviewer):
    information_request = received(clerk)
    steps.attach(
        information_request,
        clerk,
        kind=FileKind.RELEASED,
        name="名单.txt",
        content=ContentFile("当事人张三，身份证号 110101199003077512".encode()),
    )
    steps.reply(information_request, clerk, outcome=Outcome.PARTIAL, summary="联系电话 13812345678")
    with pytest.raises(steps.StepRefused) as refusal:
        steps.approve_reply(information_request, reviewer)
    message = str(refusal.value)
    assert "答复内容：手机号码" in message and "文件“名单.txt”：身份证号" in message
    assert information_request.status == Status.REPLY_REVIEW
    steps.approve_reply(information_request, reviewer, override="申请人本人的信息，向本人提供")
    assert information_request.status == Status.REPLIED
    assert "申请人本人的信息" in information_request.reply_review_note
    with pytest.raises(steps.StepRefused, match="答复已发出"):
        steps.attach(
            information_request,
            clerk,
            kind=FileKind.RELEASED,
            name="晚了.txt",
            content=ContentFile(b"late"),
        )


def test_an_unreadable_released_file_is_a_finding(clerk, reviewer):
    information_request = received(clerk)
    steps.attach(
        information_request,
        clerk,
        kind=FileKind.RELEASED,
        name="坏文件.pdf",
        content=ContentFile(b"%PDF-1.4 broken"),
    )
    steps.reply(information_request, clerk, outcome=Outcome.GRANTED, summary="予以公开")
    with pytest.raises(steps.StepRefused, match="无法检查"):
        steps.approve_reply(information_request, reviewer)


# --- 第45条 and 第51条 ----------------------------------------------------------------------


def test_archive_and_remedies(clerk, reviewer):
    information_request = received(clerk)
    with pytest.raises(steps.StepRefused, match="答复或终止后"):
        steps.archive(information_request, clerk)
    steps.reply(
        information_request,
        clerk,
        outcome=Outcome.WITHHELD_PROCESS,
        summary="过程性信息",
        on=D(2026, 11, 20),
    )
    steps.approve_reply(information_request, reviewer)
    steps.archive(information_request, clerk, reference="2026-YSQ-001", on=D(2026, 12, 1))
    with pytest.raises(steps.StepRefused, match="已归档"):
        steps.archive(information_request, clerk)
    with pytest.raises(steps.StepRefused, match="不能早于答复之日"):
        steps.add_remedy(
            information_request,
            clerk,
            kind=RemedyKind.RECONSIDERATION,
            body="示范市人民政府",
            filed_on=D(2026, 10, 1),
        )
    remedy = steps.add_remedy(
        information_request,
        clerk,
        kind=RemedyKind.RECONSIDERATION,
        body="示范市人民政府",
        case_number="示府复〔2026〕12号",
        filed_on=D(2026, 12, 2),
    )
    assert remedy.result == ""  # 尚未审结
    with pytest.raises(steps.StepRefused, match="审结日期"):
        steps.conclude_remedy(
            remedy, clerk, result=RemedyResult.MAINTAINED, concluded_on=D(2026, 12, 1)
        )
    steps.conclude_remedy(remedy, clerk, result=RemedyResult.CORRECTED, concluded_on=D(2027, 1, 20))
    assert remedy.history.count() == 2
