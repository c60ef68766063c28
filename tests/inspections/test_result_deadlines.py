"""The admin's list of inspection results to publish agrees with the rules it calls."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.inspections import rules
from disclosure.workdays import periods
from tests.factories import superuser
from tests.records import inspected_object

pytestmark = pytest.mark.django_db

INSPECTED_ON = dt.date(2026, 2, 13)  # due 2026-03-19 (the make-up Saturday counts)


@pytest.mark.parametrize(
    ("today", "overdue", "due_soon"),
    [
        (dt.date(2026, 3, 11), False, False),  # cut-off 03-18: one working day short
        (dt.date(2026, 3, 12), False, True),  # cut-off 03-19: exactly the due date
        (dt.date(2026, 3, 19), False, True),  # due today
        (dt.date(2026, 3, 20), True, False),
    ],
)
def test_the_list_and_the_rule_agree_at_the_cut_off(client, monkeypatch, today, overdue, due_soon):
    inspected_object(party_name="临期商店", inspected_on=INSPECTED_ON, outcome="no_problem")
    due = rules.result_due_on(INSPECTED_ON)
    assert due == dt.date(2026, 3, 19)
    status = periods.deadline_status(due, today, periods.due_soon_until(today))
    assert (status == "overdue", status == "due_soon") == (overdue, due_soon)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    client.force_login(superuser())
    response = client.get("/admin/inspections/results/overdue/")
    [row] = response.context["rows"]
    assert (row["due"], row["overdue"], row["due_soon"]) == (due, overdue, due_soon)
