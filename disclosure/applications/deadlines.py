"""What is due: open information requests by their reply's due date (条例 第33条, computed by
:mod:`disclosure.applications.clock`), overdue or due soon (the shared due-soon window of
:mod:`disclosure.workdays.periods`), and online requests still waiting for the clerk's
confirmation of receipt — the one-working-day target told to the requester (第31条). The
admin's list filters and the e-mail reminders (``manage.py application_reminders``) read this
one module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from disclosure.workdays import periods
from disclosure.workdays.calendar import WorkdayCalendar

from . import clock
from .choices import OPEN_STATUSES, Status
from .models import InformationRequest

#: The clerk confirms an online request within this many working days (the target shown to
#: the requester on the form).
CONFIRMATION_WORKDAYS = 1

OVERDUE = "overdue"
DUE_SOON = "due_soon"
UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Deadline:
    information_request: InformationRequest
    due_on: dt.date
    status: str  # OVERDUE, DUE_SOON, UNCONFIRMED or "later"
    label: str  # the due date as shown (预计, 延迟答复)


def deadlines(today=None, calendar=None, queryset=None):
    """Every open request with its due date, most urgent first."""
    calendar = calendar or WorkdayCalendar()
    today = today or timezone.localdate()
    soon_until = periods.due_soon_until(today, calendar)
    queryset = queryset if queryset is not None else InformationRequest.objects.all()
    found = []
    open_requests = queryset.filter(status__in=[*OPEN_STATUSES, Status.SUBMITTED])
    for information_request in open_requests.select_related("department"):
        if information_request.status == Status.SUBMITTED:
            submitted_on = timezone.localtime(information_request.submitted_at).date()
            target = calendar.add_workdays(submitted_on, CONFIRMATION_WORKDAYS)
            if target < today:
                found.append(Deadline(information_request, target, UNCONFIRMED, target.isoformat()))
            continue
        due = information_request.due(calendar)
        if due is None:  # waiting for the requester's clarification
            continue
        status = periods.deadline_status(due.on, today, soon_until)
        found.append(Deadline(information_request, due.on, status, clock.format_due(due)))
    return sorted(found, key=lambda d: d.due_on)


def urgent(today=None, calendar=None, queryset=None):
    """The deadlines that need attention: overdue, due soon, unconfirmed."""
    return [
        d
        for d in deadlines(today, calendar, queryset)
        if d.status in (OVERDUE, DUE_SOON, UNCONFIRMED)
    ]
