"""报告 → 公开时效（条例第二十六条）: for a year, every proactive item of the bureau's own
published that year, by the department responsible for its column, with the items published
late and by how many working days (:mod:`disclosure.publishing.timeliness`).

An item counts for every department its nearest column lists; an item in a column without
departments counts under 未指定科室. Staff of a department see their departments' rows; the
disclosure office, the system administrator and superusers see every department.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure.departments.models import Department
from disclosure.departments.roles import DISCLOSURE_OFFICE, SYSTEM_ADMIN, user_has_role
from disclosure.publishing.choices import DisclosureAttribute
from disclosure.publishing.timeliness import timeliness
from disclosure.workdays.calendar import WorkdayCalendar

from .models import ColumnPage, item_models


@dataclass
class DepartmentRow:
    name: str
    published: int = 0
    late: list = field(default_factory=list)

    @property
    def on_time(self) -> int:
        return self.published - len(self.late)

    @property
    def max_days_late(self) -> int:
        return max((row["timeliness"].days_late for row in self.late), default=0)


def _year_bounds(year):
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    return start, timezone.make_aware(dt.datetime(year + 1, 1, 1))


def column_departments():
    """``[(path, [department names])]`` of every column, deepest first."""
    columns = ColumnPage.objects.prefetch_related("departments").order_by("-depth")
    return [(column.path, [d.name for d in column.departments.all()]) for column in columns]


def departments_of(page, columns) -> list[str]:
    for path, names in columns:
        if page.path.startswith(path) and page.path != path:
            return names or [_("未指定科室")]
    return [_("未指定科室")]


def report(year: int, departments: set[str] | None = None) -> list[DepartmentRow]:
    """The rows of ``year``, one per department (``departments`` limits them), by name."""
    calendar = WorkdayCalendar()
    columns = column_departments()
    start, end = _year_bounds(year)
    rows: dict[str, DepartmentRow] = {}
    for model in item_models():
        items = model.objects.live().filter(
            written_on__isnull=False,
            disclosure_attribute=DisclosureAttribute.PROACTIVE,
            published_at__gte=start,
            published_at__lt=end,
        )
        for page in items:
            figures = timeliness(page, calendar)
            if figures is None:  # reference material of other bodies
                continue
            for name in departments_of(page, columns):
                if departments is not None and name not in departments:
                    continue
                row = rows.setdefault(name, DepartmentRow(name))
                row.published += 1
                if figures.late:
                    row.late.append({"page": page, "timeliness": figures})
    for row in rows.values():
        row.late.sort(key=lambda item: -item["timeliness"].days_late)
    return sorted(rows.values(), key=lambda row: row.name)


def visible_departments(user) -> set[str] | None:
    """``None`` (all) for the office, the system administrator and superusers; otherwise the
    names of the user's departments."""
    if (
        user.is_superuser
        or user_has_role(user, DISCLOSURE_OFFICE)
        or user_has_role(user, SYSTEM_ADMIN)
    ):
        return None
    return {department.name for department in Department.for_user(user)}


def timeliness_report_view(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year)
    rows = report(year, visible_departments(request.user))
    return TemplateResponse(
        request,
        "columns/timeliness_report.html",
        {
            "rows": rows,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "published": sum(row.published for row in rows),
            "late": sum(len(row.late) for row in rows),
        },
    )
