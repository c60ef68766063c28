"""What the dashboards read from the ledger: overdue tasks by department, the year's training
count against the seed plan, and the new-media accounts that are due soon or overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    MIN_TRAININGS_PER_YEAR,
    PLANNED_TRAININGS_PER_YEAR,
    AccountStatus,
    Freshness,
    LedgerTask,
    NewMediaAccount,
    trainings_in_year,
)


@dataclass
class TrainingCheck:
    """The training count of a year against the seed plan's 1–2 a year."""

    year: int
    count: int
    minimum: int = MIN_TRAININGS_PER_YEAR
    planned: int = PLANNED_TRAININGS_PER_YEAR

    @property
    def met(self) -> bool:
        return self.count >= self.minimum

    @property
    def warning(self) -> str | None:
        if self.met:
            return None
        return _("%(year)s年已组织政务公开培训 %(count)s 次，少于每年 %(minimum)s 次的要求") % {
            "year": self.year,
            "count": self.count,
            "minimum": self.minimum,
        }


def training_check(year: int | None = None) -> TrainingCheck:
    year = year or timezone.localdate().year
    return TrainingCheck(year=year, count=trainings_in_year(year))


@dataclass
class OverdueRow:
    """The overdue tasks a department leads or shares."""

    department: str
    tasks: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.tasks)


def overdue_by_department(queryset=None, today: dt.date | None = None) -> list[OverdueRow]:
    """Overdue tasks of ``queryset`` (all tasks by default) by department: a task counts for
    its lead department and for each responsible department. Departments with most first."""
    today = today or timezone.localdate()
    tasks = (LedgerTask.objects.all() if queryset is None else queryset).overdue(today)
    tasks = tasks.select_related("lead_department").prefetch_related("responsible_departments")
    rows: dict[str, OverdueRow] = {}
    for task in tasks.order_by("due_on", "pk"):
        names = [task.lead_department.name]
        names += [d.name for d in task.responsible_departments.all() if d.name not in names]
        for name in names:
            rows.setdefault(name, OverdueRow(name)).tasks.append(task)
    return sorted(rows.values(), key=lambda row: (-row.count, row.department))


def accounts_needing_update(today: dt.date | None = None) -> list[NewMediaAccount]:
    """Active accounts that are overdue, due soon or have no update date, most urgent first."""
    today = today or timezone.localdate()
    order = {Freshness.OVERDUE: 0, Freshness.UNKNOWN: 1, Freshness.DUE_SOON: 2}
    accounts = NewMediaAccount.objects.filter(status=AccountStatus.ACTIVE).select_related(
        "owner_department"
    )
    flagged = [a for a in accounts if a.freshness(today) in order]
    return sorted(
        flagged,
        key=lambda a: (order[a.freshness(today)], -(a.days_since_update(today) or 0), a.name),
    )
