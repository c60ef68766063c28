"""双随机、一公开: item list, inspected-object directory, results within 20 working days."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure.inspections import rules
from tests.factories import superuser
from tests.records import bad_credit_code, inspected_object, inspection_task

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_MAKEUP_SATURDAY = dt.date(2026, 2, 13)


def test_result_due_counts_the_makeup_saturday():
    assert rules.result_due_on(FRIDAY_BEFORE_MAKEUP_SATURDAY) == dt.date(2026, 3, 19)


def test_result_overdue_only_after_the_due_day(monkeypatch):
    from django.utils import timezone

    obj = inspected_object(inspected_on=FRIDAY_BEFORE_MAKEUP_SATURDAY, outcome="no_problem")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 3, 19))
    assert not obj.result_overdue
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 3, 20))
    assert obj.result_overdue
    obj.result_published_on = dt.date(2026, 3, 20)
    assert not obj.result_overdue


def test_outcome_needs_inspection_date_and_publication_needs_outcome():
    with pytest.raises(ValidationError) as error:
        inspected_object(outcome="corrected")
    assert "inspected_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        inspected_object(result_published_on=dt.date(2026, 3, 1))
    assert "outcome" in error.value.message_dict


def test_object_with_bad_credit_code_is_refused():
    with pytest.raises(ValidationError) as error:
        inspected_object(credit_code=bad_credit_code())
    assert "校验位" in error.value.message_dict["credit_code"][0]


def test_task_dates_in_order():
    with pytest.raises(ValidationError):
        inspection_task(starts_on=dt.date(2026, 3, 3), ends_on=dt.date(2026, 3, 2))


def test_overdue_list_in_the_admin(client):
    inspected_object(party_name="超期商店", inspected_on=dt.date(2026, 1, 5), outcome="no_problem")
    client.force_login(superuser())
    response = client.get("/admin/inspections/results/overdue/")
    assert response.status_code == 200
    assert "超期商店" in response.content.decode()
    assert "已超期" in response.content.decode()


def test_due_soon_in_the_admin_list(client, monkeypatch):
    from django.utils import timezone

    inspected_object(
        party_name="临期商店", inspected_on=FRIDAY_BEFORE_MAKEUP_SATURDAY, outcome="no_problem"
    )
    # 2026-03-12 is 5 working days before the due day 2026-03-19.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 3, 12))
    client.force_login(superuser())
    content = client.get("/admin/inspections/results/overdue/").content.decode()
    assert "临期商店" in content and "即将到期" in content
