"""Admin of the normative database and the funds: reminders, cleanup decisions with their
history, the read-only validity log, fund records with history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure.funds.models import FundRecord
from disclosure.normative.models import CleanupDecision, NormativeDocumentPage
from tests.factories import column, department, organisation, publish, superuser

TODAY = timezone.localdate()


@pytest.fixture
def admin_client(client, db):
    organisation()
    client.force_login(superuser())
    return client


def _document(**fields):
    parent = column(title="规范性文件")
    page = NormativeDocumentPage(title="示范市某管理办法", slug="bf", live=False, **fields)
    parent.add_child(instance=page)
    return publish(page)


def test_review_reminders_list_the_documents_due(admin_client):
    _document(issued_here=True, effective_on=TODAY - dt.timedelta(days=5 * 366 + 10))
    response = admin_client.get(reverse("normative_review_reminders"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "示范市某管理办法" in html and "已逾期" in html


def test_cleanup_decision_admin_offers_only_own_documents_and_shows_history(admin_client):
    own = _document(issued_here=True)
    create = reverse("normative_cleanupdecision_modeladmin_create")
    form = admin_client.get(create).context["form"]
    assert list(form.fields["document"].queryset) == [own]
    response = admin_client.post(
        create,
        {
            "document": own.pk,
            "cleanup_year": TODAY.year,
            "outcome": "expire",
            "decided_on": TODAY.isoformat(),
            "reason": "上位法已废止",
        },
    )
    assert response.status_code == 302
    decision = CleanupDecision.objects.get()
    inspect = reverse("normative_cleanupdecision_modeladmin_inspect", args=(decision.pk,))
    assert "修改历史" in admin_client.get(inspect).content.decode()
    log = reverse("normative_validitychange_modeladmin_index")
    assert "清理决定" in admin_client.get(log).content.decode()


def test_fund_admin_refuses_a_negative_amount(admin_client):
    dept = department("登记注册科")
    response = admin_client.post(
        reverse("funds_fundrecord_modeladmin_create"),
        {
            "kind": "fund",
            "name": "贴息资金",
            "amount": "-5",
            "department": dept.pk,
            "period_start": "2025-01-01",
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    assert "资金金额不能为负数" in response.content.decode()
    assert not FundRecord.objects.exists()


def test_fund_admin_shows_history(admin_client):
    record = FundRecord.objects.create(
        kind="fund",
        name="贴息资金",
        amount=Decimal("5"),
        department=department("登记注册科"),
        period_start=dt.date(2025, 1, 1),
    )
    inspect = reverse("funds_fundrecord_modeladmin_inspect", args=(record.pk,))
    html = admin_client.get(inspect).content.decode()
    assert "修改历史" in html and "贴息资金" in html


def test_the_disclosure_office_may_record_cleanup_decisions_and_funds(client, db):
    from disclosure.departments import roles
    from tests.factories import user_with_role

    office = user_with_role("office", roles.DISCLOSURE_OFFICE)
    client.force_login(office)
    for name in (
        "normative_cleanupdecision_modeladmin_create",
        "normative_validitychange_modeladmin_index",
        "funds_fundrecord_modeladmin_create",
        "normative_review_reminders",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    assert office.has_perm("normative.change_normativesettings")
