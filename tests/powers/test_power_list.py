"""权责清单: item, type, basis, department; history kept as laws change."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.powers.models import PowerItem
from tests.factories import superuser
from tests.records import power_item

pytestmark = pytest.mark.django_db


def test_changing_the_basis_needs_a_reason_and_keeps_the_old_version():
    item = power_item(legal_basis="《中华人民共和国食品安全法》（2018年修正）第一百二十二条")
    item.legal_basis = "《中华人民共和国食品安全法》（2021年修正）第一百二十二条"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "调整原因" in error.value.message_dict["adjustment_reason"][0]
    item.adjustment_reason = "食品安全法2021年修正"
    item.adjusted_on = dt.date(2021, 4, 29)
    item.full_clean()
    item.save()
    versions = item.adjustments()
    assert [v["reason"] for v in versions] == ["食品安全法2021年修正", ""]
    assert "2018年修正" in versions[1]["legal_basis"]
    assert item.history.first().history_change_reason == "食品安全法2021年修正"


def test_ended_item_needs_an_end_date_and_stays_on_record():
    item = power_item()
    item.is_active = False
    item.adjustment_reason = "法律修改，事项取消"
    with pytest.raises(ValidationError):
        item.full_clean()
    item.ended_on = dt.date(2026, 1, 1)
    item.full_clean()
    item.save()
    assert PowerItem.objects.filter(pk=item.pk).exists()
    assert not PowerItem.objects.active().filter(pk=item.pk).exists()


def test_nobody_can_delete_an_item_in_the_admin(client):
    item = power_item()
    client.force_login(superuser())
    response = client.post(f"/admin/power_items/delete/{item.pk}/")
    assert response.status_code in (302, 403)
    assert PowerItem.objects.filter(pk=item.pk).exists()


def test_admin_filters_by_kind(client):
    penalty = power_item(kind="penalty", name="对无证经营的处罚")
    licence = power_item(kind="licensing", name="食品生产许可")
    client.force_login(superuser())
    content = client.get("/admin/power_items/?kind=licensing").content.decode()
    assert licence.name in content and penalty.name not in content
