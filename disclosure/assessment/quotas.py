"""信息发布考核: items each responsible department publishes per quarter and per year, against
the seed plan's quota (二(一): each responsible department publishes **at least 2 items a
quarter and at least 10 a year**).

Counted: live, proactive items (主动公开) of the bureau's own — not the reference laws of other
bodies (a normative document counts only when ``issued_here``) — by their 责任科室 (the item's
``department``; none → 未指定科室) and by the local date of their first publication
(``published_at``, else ``first_published_at``). Every active department that is not a
placeholder (各业务科室) has a row, with 0 when it published nothing.

A quarter still running warns when it ends within :data:`WARNING_DAYS` days and the department
is below its quota."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.columns.models import item_models
from disclosure.departments.models import Department
from disclosure.publishing.choices import DisclosureAttribute

#: Seed plan 二(一): at least this many items a quarter …
QUARTER_QUOTA = 2
#: … and this many a year.
YEAR_QUOTA = 10
#: A running quarter warns this many days before it ends (``settings.QUOTA_WARNING_DAYS``).
WARNING_DAYS = 15
QUARTERS = (1, 2, 3, 4)

MET, SHORT, WARNING, RUNNING, FUTURE = "met", "short", "warning", "running", "future"


def warning_days():
    return getattr(settings, "QUOTA_WARNING_DAYS", WARNING_DAYS)


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


@dataclass
class QuarterCell:
    count: int
    status: str  # MET, SHORT (ended below quota), WARNING, RUNNING or FUTURE
    days_left: int | None = None

    @property
    def shortfall(self):
        return max(QUARTER_QUOTA - self.count, 0)


@dataclass
class DepartmentRow:
    name: str
    department_id: int | None
    quarters: list = field(default_factory=list)
    total: int = 0
    year_status: str = RUNNING

    @property
    def year_shortfall(self):
        return max(YEAR_QUOTA - self.total, 0)


def _status(count, quota, start, end, today):
    if count >= quota:
        return MET, None
    if today > end:
        return SHORT, None
    if today < start:
        return FUTURE, None
    days_left = (end - today).days
    return (WARNING if days_left <= warning_days() else RUNNING), days_left


def _own_items(model):
    queryset = model.objects.live().filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
    if any(f.name == "issued_here" for f in model._meta.fields):
        queryset = queryset.filter(issued_here=True)
    return queryset


def counts(year):
    """``{(department_id or None, quarter): count}`` of the items published in ``year``."""
    result = {}
    for model in item_models():
        rows = _own_items(model).values_list("department_id", "published_at", "first_published_at")
        for department_id, published_at, first_published_at in rows:
            moment = published_at or first_published_at
            if moment is None:
                continue
            day = timezone.localtime(moment).date()
            if day.year != year:
                continue
            key = (department_id, quarter_of(day))
            result[key] = result.get(key, 0) + 1
    return result


def report(year, today=None, departments=None):
    """One :class:`DepartmentRow` per department (``departments``: a set of ids to keep, or
    ``None`` for all), in the admin's order, then 未指定科室 when items have no department."""
    today = today or timezone.localdate()
    found = counts(year)
    listed = [
        (d.pk, d.name)
        for d in Department.objects.filter(is_active=True).order_by("sort_order", "name")
        if not d.is_placeholder
    ]
    if any(department_id is None for department_id, _q in found):
        listed.append((None, _("未指定科室")))
    rows = []
    for department_id, name in listed:
        if departments is not None and department_id not in departments:
            continue
        row = DepartmentRow(name=name, department_id=department_id)
        for quarter in QUARTERS:
            count = found.get((department_id, quarter), 0)
            start, end = quarter_bounds(year, quarter)
            status, days_left = _status(count, QUARTER_QUOTA, start, end, today)
            row.quarters.append(QuarterCell(count, status, days_left))
            row.total += count
        row.year_status, _days = _status(
            row.total, YEAR_QUOTA, dt.date(year, 1, 1), dt.date(year, 12, 31), today
        )
        if row.year_status == WARNING and quarter_of(today) < 4:
            row.year_status = RUNNING  # the year's warning comes in its last weeks only
        rows.append(row)
    return rows


def warnings(rows, today=None):
    """The running quarter's shortfalls that need action now, as Chinese sentences."""
    messages = []
    for row in rows:
        for quarter, cell in zip(QUARTERS, row.quarters, strict=True):
            if cell.status == WARNING:
                messages.append(
                    _(
                        "%(name)s：第%(quarter)s季度已发布 %(count)s 条，距季度末还有 %(days)s 天，"
                        "还差 %(short)s 条。"
                    )
                    % {
                        "name": row.name,
                        "quarter": quarter,
                        "count": cell.count,
                        "days": cell.days_left,
                        "short": cell.shortfall,
                    }
                )
    return messages
