"""The 依申请公开案例库: a case drafted from a concluded request carries no personal data of the
requester; publishing passes the gate's personal-data rule; the portal lists published cases
only, by outcome group, with pagination."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.applications import cases, steps
from disclosure.applications.choices import Outcome
from disclosure.applications.models import RequestCase
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE, FOI_CLERK
from tests.applications.test_steps import fields
from tests.factories import client_for, organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def concluded():
    organisation()
    clerk = user_with_role("foi", FOI_CLERK)
    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    request, _code = steps.register(**fields(requester_name="王小明"))
    steps.confirm_receipt(request, clerk, on=dt.date(2026, 11, 2))
    steps.reply(request, clerk, outcome=Outcome.WITHHELD_PROCESS, summary="属于过程性信息。")
    steps.approve_reply(request, reviewer)
    return request


def test_a_draft_case_names_the_requester_by_type_only(concluded):
    case = cases.draft_from(concluded)
    text = " ".join(getattr(case, name) for name in RequestCase.PUBLIC_FIELDS)
    assert "王小明" not in text and concluded.identity_number not in text
    assert "自然人" in case.facts and "第十六条" in case.legal_basis
    assert not case.published
    with pytest.raises(ValueError, match="答复或终止后"):
        cases.draft_from(steps.register(**fields())[0])


def test_publishing_refuses_personal_data(concluded):
    case = cases.draft_from(concluded)
    case.published = True
    case.commentary = "申请人王小明多次来电"
    with pytest.raises(ValidationError) as refused:
        case.full_clean()
    assert "申请人姓名" in str(refused.value.message_dict["commentary"])
    case.commentary = "联系电话 13812345678"
    with pytest.raises(ValidationError):
        case.full_clean()
    case.commentary = "过程性信息的认定应说明理由。"
    case.full_clean()
    case.save()
    assert case.published_on is not None


def test_the_portal_lists_published_cases_by_group(client, concluded):
    hidden = cases.draft_from(concluded)
    shown = cases.draft_from(concluded)
    shown.published = True
    shown.title = "过程性信息不予公开案例"
    shown.save()
    hidden.title = "未公开的案例"
    hidden.save()
    page = client.get("/yisqgk/cases/").content.decode()
    assert "过程性信息不予公开案例" in page and "未公开的案例" not in page
    assert client.get(f"/yisqgk/cases/{hidden.pk}/").status_code == 404
    assert "属于过程性信息" in client.get(f"/yisqgk/cases/{shown.pk}/").content.decode()
    assert "过程性信息不予公开案例" in client.get("/yisqgk/cases/?group=withheld").content.decode()
    assert "暂无公开的案例" in client.get("/yisqgk/cases/?group=granted").content.decode()
    for n in range(25):
        RequestCase.objects.create(
            title=f"案例{n}",
            requester_type="natural_person",
            outcome="granted",
            facts="申请公开抽检结果",
            handling="予以公开",
            published=True,
        )
    first = client.get("/yisqgk/cases/").content.decode()
    assert "第 1 页，共 2 页" in first


def test_the_clerk_drafts_a_case_from_the_handling_page(concluded):
    office = user_with_role("office", DISCLOSURE_OFFICE)
    client = client_for(office)
    response = client.post(f"/admin/applications/{concluded.pk}/handle/", {"step": "case"})
    case = RequestCase.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/edit/{case.pk}/")
    edit = client.get(response["Location"]).content.decode()
    assert "案例标题" in edit
