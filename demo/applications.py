"""Demo applications for disclosure: the year 2026 with one application in every outcome row of
the annual report's table 三, plus open ones at each step (idempotent: a second run adds none)."""

import datetime as dt

from django.contrib.auth import get_user_model

from disclosure.applications import steps
from disclosure.applications.choices import (
    ApplicantType,
    Channel,
    ConsultationKind,
    Delivery,
    FormWanted,
    IdentityDocument,
    Outcome,
)
from disclosure.applications.models import Application
from disclosure.departments.models import Department

APPLICANT_TYPES = list(ApplicantType)
WANTED = [
    "2025年本局食品安全监督抽检不合格产品的核查处置情况",
    "示范市某超市有限公司2024年行政处罚决定书",
    "本局2025年度“双随机、一公开”抽查计划及结果",
    "电梯维护保养单位的监督检查记录",
    "2023年以来本市网络餐饮服务第三方平台的检查情况",
]
CREDIT_CODE = "91520200MA6DLXKX3Q"
ID_NUMBER = "520201199001011234"


def _identity(applicant_type):
    if applicant_type == ApplicantType.NATURAL_PERSON:
        return IdentityDocument.ID_CARD, ID_NUMBER
    return IdentityDocument.CREDIT_CODE, CREDIT_CODE


def _fields(n):
    applicant_type = APPLICANT_TYPES[n % len(APPLICANT_TYPES)]
    identity_type, identity_number = _identity(applicant_type)
    return {
        "channel": [Channel.ONLINE, Channel.POST, Channel.IN_PERSON][n % 3],
        "applicant_type": applicant_type,
        "applicant_name": f"演示申请人{n + 1}",
        "identity_type": identity_type,
        "identity_number": identity_number,
        "contact_phone": "0858-0000000",
        "description": WANTED[n % len(WANTED)],
        "form_wanted": FormWanted.ELECTRONIC,
        "delivery": Delivery.EMAIL,
    }


def load():
    if Application.objects.exists():
        return 0
    clerk = get_user_model().objects.filter(username="foi").first()
    office = get_user_model().objects.filter(username="office").first()
    department = Department.objects.order_by("pk").first()
    created = 0
    received = dt.date(2026, 1, 12)
    for n, outcome in enumerate(Outcome):
        fields = _fields(n)
        on = received + dt.timedelta(days=14 * n)
        kwargs = {} if fields["channel"] == Channel.ONLINE else {"received_on": on}
        application, _code = steps.register(clerk, **kwargs, **fields)
        if application.received_on is None:
            steps.confirm_receipt(application, clerk, on=on)
        if department is not None:
            steps.assign(application, clerk, department)
        if outcome == Outcome.OTHER_NO_CORRECTION:
            steps.request_correction(
                application,
                clerk,
                items="请写明所需信息的名称或文号",
                on=on,
                due_on=on + dt.timedelta(days=15),
            )
            steps.close_without_correction(application, clerk, on=on + dt.timedelta(days=16))
        else:
            if outcome == Outcome.WITHHELD_THIRD_PARTY:
                consultation = steps.start_consultation(
                    application,
                    clerk,
                    kind=ConsultationKind.THIRD_PARTY,
                    party="示范市某食品有限公司",
                    sent_on=on + dt.timedelta(days=2),
                )
                steps.record_opinion(
                    consultation, clerk, answered_on=on + dt.timedelta(days=9), opinion="不同意公开"
                )
            steps.reply(
                application,
                clerk,
                outcome=outcome,
                summary=f"经审查，按“{outcome.label}”答复。",
                on=application.due().on,
            )
        created += 1
    # Open applications, one at each step, received in the last weeks.
    today = dt.date.today()
    for n, step in enumerate(("submitted", "received", "correction", "consulting", "extended")):
        fields = _fields(n + 30)
        fields["channel"] = Channel.ONLINE
        application, _code = steps.register(clerk, **fields)
        created += 1
        if step == "submitted":
            continue
        steps.confirm_receipt(application, clerk, on=today - dt.timedelta(days=7 + n))
        if step == "correction":
            steps.request_correction(
                application,
                clerk,
                items="请补充所需信息的时间范围",
                on=application.received_on,
                due_on=today + dt.timedelta(days=10),
            )
        elif step == "consulting":
            steps.start_consultation(
                application,
                clerk,
                kind=ConsultationKind.OTHER_AGENCY,
                party="示范市商务局",
                sent_on=application.received_on,
            )
        elif step == "extended" and office is not None:
            steps.extend(
                application, office, workdays=15, reason="申请内容涉及多个科室，需汇总核实"
            )
    return created
