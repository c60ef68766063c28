"""The two reports of the assessment (报告 menu): 信息发布考核 (:mod:`.quotas`) and 网站检查指标
(:mod:`.indicators`), each with CSV and xlsx (``?format=csv|xlsx``).

The disclosure office, the system administrator and superusers see every department; other
staff see their own departments' rows of the quota report, and the readiness report is the
office's."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.departments.models import Department
from disclosure.departments.roles import DISCLOSURE_OFFICE, SYSTEM_ADMIN, user_has_role

from . import chart, exports, indicators, quotas

FORMATS = ("csv", "xlsx")


def sees_everything(user):
    return (
        user.is_superuser
        or user_has_role(user, DISCLOSURE_OFFICE)
        or user_has_role(user, SYSTEM_ADMIN)
    )


def _year(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    return min(max(year, 2000), this_year), this_year


STATUS_LABELS = {
    quotas.MET: gettext_lazy("达标"),
    quotas.SHORT: gettext_lazy("未达标"),
    quotas.WARNING: gettext_lazy("即将到期未达标"),
    quotas.RUNNING: gettext_lazy("进行中"),
    quotas.FUTURE: "",
}


def quota_view(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    year, this_year = _year(request)
    departments = None
    if not sees_everything(request.user):
        departments = set(Department.for_user(request.user).values_list("pk", flat=True))
    rows = quotas.report(year, departments=departments)
    file_format = request.GET.get("format")
    if file_format in FORMATS:
        headings = [_("科室")]
        for q in quotas.QUARTERS:
            headings += [_("第%(q)s季度") % {"q": q}, _("第%(q)s季度情况") % {"q": q}]
        headings += [_("全年"), _("全年情况")]
        table = []
        for row in rows:
            cells = [row.name]
            for cell in row.quarters:
                cells += [cell.count, str(STATUS_LABELS[cell.status])]
            cells += [row.total, str(STATUS_LABELS[row.year_status])]
            table.append(cells)
        return exports.response(table, headings, f"quota-{year}", file_format)
    return TemplateResponse(
        request,
        "assessment/quota_report.html",
        {
            "rows": rows,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "chart": chart.quota_chart(rows, year),
            "warnings": quotas.warnings(rows),
            "quarter_quota": quotas.QUARTER_QUOTA,
            "year_quota": quotas.YEAR_QUOTA,
            "status_labels": STATUS_LABELS,
        },
    )


COLUMN_STATUS = {
    indicators.OK: gettext_lazy("正常"),
    indicators.DUE: gettext_lazy("即将超期"),
    indicators.OVERDUE: gettext_lazy("超期未更新"),
    indicators.IRREGULAR: gettext_lazy("不定期"),
}
VETO_STATUS = {
    indicators.PASSED: gettext_lazy("正常"),
    indicators.WARNING: gettext_lazy("预警"),
    indicators.TRIPPED: gettext_lazy("触发否决"),
    indicators.UNKNOWN: gettext_lazy("未接入"),
}


def readiness_view(request):
    if not (request.user.has_perm("wagtailadmin.access_admin") and sees_everything(request.user)):
        raise PermissionDenied
    vetoes, states, late, home_day = indicators.readiness()
    file_format = request.GET.get("format")
    if file_format in FORMATS:
        headings = [
            _("栏目"),
            _("更新类别（天）"),
            _("最近更新"),
            _("距今天数"),
            _("状态"),
            _("空白栏目"),
        ]
        table = [
            [
                state.column.title,
                state.interval if state.interval is not None else _("不定期"),
                state.last_update.isoformat() if state.last_update else "",
                state.days if state.days is not None else "",
                str(COLUMN_STATUS[state.status]),
                _("是") if state.blank else "",
            ]
            for state in states
        ]
        return exports.response(table, headings, "columns-readiness", file_format)
    return TemplateResponse(
        request,
        "assessment/readiness_report.html",
        {
            "vetoes": vetoes,
            "veto_status": VETO_STATUS,
            "states": states,
            "column_status": COLUMN_STATUS,
            "blank": [s for s in states if s.blank],
            "late": late[:100],
            "late_count": len(late),
            "home_day": home_day,
        },
    )
