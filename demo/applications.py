"""Demo requests for disclosure: the year 2026 with one request in every outcome row of
the annual report's table 三, plus open ones at each step (idempotent: a second run adds none)."""

import datetime as dt

from django.contrib.auth import get_user_model

from disclosure.applications import cases, clock, steps
from disclosure.applications.choices import (
    Channel,
    ConsultationKind,
    Delivery,
    FeeBasis,
    FormWanted,
    IdentityDocument,
    Outcome,
    RemedyKind,
    RemedyResult,
    RequesterType,
    Status,
)
from disclosure.applications.models import InformationRequest
from disclosure.departments.models import Department

REQUESTER_TYPES = list(RequesterType)
WANTED = [
    "2025年本局食品安全监督抽检不合格产品的核查处置情况",
    "示范市某超市有限公司2024年行政处罚决定书",
    "本局2025年度“双随机、一公开”抽查计划及结果",
    "电梯维护保养单位的监督检查记录",
    "2023年以来本市网络餐饮服务第三方平台的检查情况",
]
CREDIT_CODE = "91520200MA6DLXKX3Q"
ID_NUMBER = "520201199001011234"


def _identity(requester_type):
    if requester_type == RequesterType.NATURAL_PERSON:
        return IdentityDocument.ID_CARD, ID_NUMBER
    return IdentityDocument.CREDIT_CODE, CREDIT_CODE


def _fields(n):
    requester_type = REQUESTER_TYPES[n % len(REQUESTER_TYPES)]
    identity_type, identity_number = _identity(requester_type)
    return {
        "channel": [Channel.ONLINE, Channel.POST, Channel.IN_PERSON][n % 3],
        "requester_type": requester_type,
        "requester_name": f"演示申请人{n + 1}",
        "identity_type": identity_type,
        "identity_number": identity_number,
        "contact_phone": "0858-0000000",
        "description": WANTED[n % len(WANTED)],
        "form_wanted": FormWanted.ELECTRONIC,
        "delivery": Delivery.EMAIL,
    }


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _conclude(information_request, outcome, clerk, reviewer, on):
    """The path to ``outcome``: its own steps where the law has them, then the reply and its
    confidentiality review."""
    if outcome == Outcome.OTHER_NO_CLARIFICATION:
        steps.request_clarification(
            information_request,
            clerk,
            items="请写明所需信息的名称或文号",
            on=on,
            due_on=on + dt.timedelta(days=15),
        )
        steps.close_without_clarification(information_request, clerk, on=on + dt.timedelta(days=16))
        return
    if outcome in (Outcome.OTHER_FEE_UNPAID, Outcome.NOT_PROCESSED_UNREASONABLE):
        steps.ask_reasons(
            information_request,
            clerk,
            request="本月内已提出 40 余件申请，数量、频次明显超过合理范围",
            on=on + dt.timedelta(days=1),
        )
        accepted = outcome == Outcome.OTHER_FEE_UNPAID
        steps.receive_reasons(
            information_request,
            clerk,
            reasons="用于行业研究" if accepted else "",
            accepted=accepted,
            on=on + dt.timedelta(days=6),
        )
        if accepted:
            notified = on + dt.timedelta(days=7)
            steps.notify_fee(
                information_request, clerk, basis=FeeBasis.PER_ITEM, nth=35, on=notified
            )
            steps.close_fee_unpaid(
                information_request, clerk, on=clock.fee_payment_due(notified) + dt.timedelta(1)
            )
            return
    if outcome == Outcome.PARTIAL:
        steps.ask_reasons(
            information_request, clerk, request="申请提供 150 页检查记录", on=on + dt.timedelta(1)
        )
        steps.receive_reasons(
            information_request, clerk, reasons="诉讼需要", accepted=True, on=on + dt.timedelta(3)
        )
        steps.notify_fee(
            information_request,
            clerk,
            basis=FeeBasis.PER_VOLUME,
            pages=150,
            on=on + dt.timedelta(days=4),
        )
        steps.record_payment(information_request, clerk, on=on + dt.timedelta(days=8))
    if outcome == Outcome.WITHHELD_THIRD_PARTY:
        consultation = steps.start_consultation(
            information_request,
            clerk,
            kind=ConsultationKind.THIRD_PARTY,
            party="示范市某食品有限公司",
            sent_on=on + dt.timedelta(days=2),
        )
        steps.record_opinion(
            consultation, clerk, answered_on=on + dt.timedelta(days=9), opinion="不同意公开"
        )
    if outcome == Outcome.NOT_PROCESSED_REPEATED:
        earlier = (
            InformationRequest.objects.filter(
                identity_number=information_request.identity_number, status=Status.REPLIED
            )
            .exclude(pk=information_request.pk)
            .first()
        )
        information_request.description = earlier.description
        information_request.save(update_fields=["description"])
        steps.mark_repeat(information_request, clerk, earlier)
    steps.reply(
        information_request,
        clerk,
        outcome=outcome,
        summary=f"经审查，按“{outcome.label}”答复。",
        on=information_request.due().on,
    )
    steps.approve_reply(information_request, reviewer, note="无涉密内容，同意发出")


REMEDIES = {
    Outcome.WITHHELD_PROCESS: [
        (RemedyKind.RECONSIDERATION, "示范市人民政府", RemedyResult.MAINTAINED),
    ],
    Outcome.UNAVAILABLE_NOT_HELD: [
        (RemedyKind.RECONSIDERATION, "示范市人民政府", RemedyResult.CORRECTED),
    ],
    Outcome.WITHHELD_THIRD_PARTY: [
        (RemedyKind.LITIGATION_DIRECT, "示范市钟山区人民法院", ""),
    ],
    Outcome.WITHHELD_ENFORCEMENT_FILE: [
        (RemedyKind.RECONSIDERATION, "示范市人民政府", RemedyResult.MAINTAINED),
        (RemedyKind.LITIGATION_AFTER, "示范市钟山区人民法院", RemedyResult.OTHER),
    ],
}


def _remedies(information_request, outcome, clerk):
    filed = information_request.replied_on
    for n, (kind, body, result) in enumerate(REMEDIES.get(outcome, [])):
        filed = filed + dt.timedelta(days=20 * (n + 1))
        remedy = steps.add_remedy(
            information_request,
            clerk,
            kind=kind,
            body=body,
            filed_on=filed,
            case_number=f"（2026）示{n + 1}号",
        )
        if result:
            steps.conclude_remedy(
                remedy, clerk, result=result, concluded_on=filed + dt.timedelta(days=15)
            )


def load():
    if InformationRequest.objects.exists():
        return 0
    clerk, office, reviewer = _user("foi"), _user("office"), _user("reviewer")
    department = Department.objects.order_by("pk").first()
    created = 0
    # Carried over from 2025 into 2026 (the annual report's 上年结转).
    carried, _code = steps.register(clerk, received_on=dt.date(2025, 12, 22), **_fields(50))
    steps.reply(
        carried, clerk, outcome=Outcome.GRANTED, summary="予以公开。", on=dt.date(2026, 1, 15)
    )
    steps.approve_reply(carried, reviewer)
    created += 1
    received = dt.date(2026, 1, 12)
    for n, outcome in enumerate(Outcome):
        fields = _fields(n)
        on = received + dt.timedelta(days=14 * n)
        kwargs = {} if fields["channel"] == Channel.ONLINE else {"received_on": on}
        information_request, _code = steps.register(clerk, **kwargs, **fields)
        if information_request.received_on is None:
            steps.confirm_receipt(information_request, clerk, on=on)
        if department is not None:
            steps.assign(information_request, clerk, department)
        _conclude(information_request, outcome, clerk, reviewer, on)
        _remedies(information_request, outcome, clerk)
        if n % 2 == 0:
            steps.archive(
                information_request,
                clerk,
                reference=f"2026-YSQ-{n + 1:03d}",
                on=information_request.replied_on + dt.timedelta(days=10),
            )
        created += 1
    # The case library: two anonymised cases published.
    for outcome, commentary in (
        (
            Outcome.WITHHELD_PROCESS,
            "过程性信息不予公开时，应在告知书中说明属于哪一类过程性信息及理由。",
        ),
        (
            Outcome.WITHHELD_THIRD_PARTY,
            "涉及商业秘密的，应书面征求第三方意见，并记录是否存在公共利益考量。",
        ),
    ):
        source = InformationRequest.objects.filter(outcome=outcome).first()
        case = cases.draft_from(source, office)
        case.commentary = commentary
        case.published = True
        case.full_clean()
        case.save()
    # Open requests, one at each step, received in the last weeks.
    today = dt.date.today()
    open_steps = ("submitted", "received", "clarification", "consulting", "extended")
    open_steps += ("reasons", "fee", "reply_review")
    for n, step in enumerate(open_steps):
        fields = _fields(n + 30)
        fields["channel"] = Channel.ONLINE
        information_request, _code = steps.register(clerk, **fields)
        created += 1
        if step == "submitted":
            continue
        steps.confirm_receipt(information_request, clerk, on=today - dt.timedelta(days=7 + n))
        if step == "clarification":
            steps.request_clarification(
                information_request,
                clerk,
                items="请补充所需信息的时间范围",
                on=information_request.received_on,
                due_on=today + dt.timedelta(days=10),
            )
        elif step == "consulting":
            steps.start_consultation(
                information_request,
                clerk,
                kind=ConsultationKind.OTHER_AGENCY,
                party="示范市商务局",
                sent_on=information_request.received_on,
            )
        elif step == "extended" and office is not None:
            steps.extend(
                information_request, office, workdays=15, reason="申请内容涉及多个科室，需汇总核实"
            )
        elif step in ("reasons", "fee"):
            steps.ask_reasons(
                information_request,
                clerk,
                request="一个月内申请 30 余件",
                on=information_request.received_on,
            )
            if step == "fee":
                steps.receive_reasons(information_request, clerk, reasons="研究需要", accepted=True)
                steps.notify_fee(information_request, clerk, basis=FeeBasis.PER_ITEM, nth=31)
        elif step == "reply_review":
            steps.reply(
                information_request,
                clerk,
                outcome=Outcome.GRANTED,
                summary="予以公开，提供电子文件。",
            )
    return created
