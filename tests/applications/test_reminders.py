"""Due-soon and overdue lists (条例 第33条) and the daily reminders by e-mail to the assigned
department and the office; unconfirmed online requests past the one-working-day target."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from disclosure.applications import deadlines, reminders, steps
from disclosure.applications.choices import Channel
from disclosure.applications.models import InformationRequest
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR, FOI_CLERK
from tests.applications.test_steps import fields
from tests.factories import client_for, department, user_with_role

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 11, 25)  # a Wednesday


@pytest.fixture
def world():
    clerk = user_with_role("foi", FOI_CLERK)
    office = user_with_role("office", DISCLOSURE_OFFICE)
    food = department("食品安全抽检监测科")
    editor = user_with_role("zhang", EDITOR, food)

    def letter(received_on):
        request, _code = steps.register(
            clerk, received_on=received_on, **fields(channel=Channel.POST)
        )
        return request

    # Received Friday 9 October: the make-up Saturday 10 October counts, so due 5 November.
    overdue = letter(D(2026, 10, 9))
    steps.assign(overdue, clerk, food)
    soon = letter(D(2026, 11, 2))  # due 2026-11-30, 3 working days after TODAY
    later = letter(D(2026, 11, 20))  # due 2026-12-18
    unconfirmed, _code = steps.register(**fields())
    InformationRequest.objects.filter(pk=unconfirmed.pk).update(
        submitted_at=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
    )
    return {
        "clerk": clerk,
        "office": office,
        "editor": editor,
        "overdue": overdue,
        "soon": soon,
        "later": later,
        "unconfirmed": unconfirmed,
    }


def test_deadlines_sorted_by_urgency(world):
    found = {d.information_request.pk: d for d in deadlines.deadlines(TODAY)}
    assert found[world["overdue"].pk].status == deadlines.OVERDUE
    assert found[world["overdue"].pk].due_on == D(2026, 11, 5)
    assert found[world["soon"].pk].status == deadlines.DUE_SOON
    assert found[world["later"].pk].status == "later"
    assert found[world["unconfirmed"].pk].status == deadlines.UNCONFIRMED
    assert world["later"].pk not in {d.information_request.pk for d in deadlines.urgent(TODAY)}


def test_reminders_go_to_the_office_and_the_assigned_department(world):
    sent = reminders.send(TODAY)
    assert sent == 2
    to_office = next(m for m in mail.outbox if "office@example.com" in m.to)
    assert "foi@example.com" in to_office.to
    assert world["overdue"].tracking_number in to_office.body
    assert world["unconfirmed"].tracking_number in to_office.body
    assert world["later"].tracking_number not in to_office.body
    assert "1 件已逾期，1 件即将到期" in to_office.subject
    to_department = next(m for m in mail.outbox if m.to == ["zhang@example.com"])
    assert world["overdue"].tracking_number in to_department.body
    assert world["soon"].tracking_number not in to_department.body  # not assigned to it
    assert "李明" not in to_office.body + to_department.body  # no personal data by mail


def test_the_command_and_the_admin_filter(world, monkeypatch):
    call_command("application_reminders", "--dry-run")
    assert mail.outbox == []
    client = client_for(world["office"])
    listing = client.get("/admin/applications/?deadline=overdue").content.decode()
    assert world["overdue"].tracking_number in listing
    assert world["later"].tracking_number not in listing
