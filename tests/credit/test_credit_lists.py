"""经营异常名录 and 严重违法失信名单: entry and removal; removal keeps the record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.credit.models import ListEntry
from tests.factories import superuser
from tests.records import bad_credit_code, list_entry

pytestmark = pytest.mark.django_db


def test_removal_keeps_the_entry_with_its_reason_date_and_body():
    entry = list_entry()
    entry.remove(
        reason="已补报并公示年度报告，申请移出",
        removed_on=dt.date(2025, 9, 1),
        authority="示范市市场监督管理局",
        document_number="示市监移〔2025〕3号",
    )
    entry.refresh_from_db()
    assert not entry.is_current
    assert entry.status_display() == "已移出"
    assert ListEntry.objects.removed().get() == entry
    assert not ListEntry.objects.current().exists()
    assert [r.history_change_reason for r in entry.history.order_by("history_id")] == [
        None,
        "移出名单",
    ]


def test_removal_needs_reason_date_and_body_together():
    entry = list_entry()
    with pytest.raises(ValidationError) as error:
        entry.remove(reason="已补报", removed_on=None, authority="")
    assert set(error.value.message_dict) == {"removed_on", "removal_authority"}


def test_removal_cannot_precede_entry():
    entry = list_entry(entry_on=dt.date(2025, 7, 10))
    with pytest.raises(ValidationError) as error:
        entry.remove(
            reason="已补报", removed_on=dt.date(2025, 7, 9), authority="示范市市场监督管理局"
        )
    assert "移出日期不能早于列入日期" in error.value.message_dict["removed_on"][0]


def test_entry_with_bad_credit_code_is_refused():
    with pytest.raises(ValidationError) as error:
        list_entry(credit_code=bad_credit_code())
    assert "校验位" in error.value.message_dict["credit_code"][0]


def test_three_years_on_the_abnormal_list_is_due_for_the_serious_list():
    entry = list_entry(entry_on=dt.date(2023, 3, 1))
    assert not entry.due_for_serious_list(today=dt.date(2026, 2, 28))
    assert entry.due_for_serious_list(today=dt.date(2026, 3, 1))
    leap = list_entry(entry_on=dt.date(2024, 2, 29))
    assert not leap.due_for_serious_list(today=dt.date(2027, 2, 28))
    assert leap.due_for_serious_list(today=dt.date(2027, 3, 1))


def test_nobody_can_delete_an_entry_in_the_admin(client):
    entry = list_entry()
    client.force_login(superuser())
    response = client.post(f"/admin/credit_list_entries/delete/{entry.pk}/")
    assert response.status_code in (302, 403)
    assert ListEntry.objects.filter(pk=entry.pk).exists()
    listing = client.get("/admin/credit_list_entries/?status=current")
    assert listing.status_code == 200
    assert entry.party_name in listing.content.decode()


def test_personal_data_in_the_reason_is_refused():
    with pytest.raises(ValidationError) as error:
        list_entry(entry_reason="法定代表人身份证号 11010519491231002X 的企业未公示年报")
    assert "个人信息" in error.value.message_dict["entry_reason"][0]
