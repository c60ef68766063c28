"""审核发布记录: who submitted, approved, reviewed, published and withdrew what (条例 第17条:
the review before publication is accountable), filterable by department, user and date, and
exportable to CSV and xlsx."""

import datetime
from functools import reduce
from operator import or_

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, PageLogEntry

from disclosure.departments.models import Department

# The log actions of the publication path, with the step they stand for.
AUDIT_ACTIONS = {
    "wagtail.workflow.start": _("提交审核"),
    "wagtail.workflow.resume": _("重新提交"),
    "wagtail.workflow.approve": _("审核通过"),
    "wagtail.workflow.reject": _("退回修改"),
    "wagtail.workflow.cancel": _("终止流程"),
    "review.determination": _("保密审查"),
    "review.four_eyes_override": _("越权审核"),
    "wagtail.publish": _("发布"),
    "wagtail.publish.scheduled": _("定时发布"),
    "wagtail.schedule.revision": _("排期发布"),
    "publishing.schedule_refused": _("定时发布被拒绝"),
    "wagtail.unpublish": _("撤下"),
    "wagtail.unpublish.scheduled": _("到期下线"),
    "publishing.expire": _("到期下线原因"),
    "publishing.withdraw": _("撤回"),
}


def item_content_types():
    """The disclosure items' page types (columns and other portal pages are not audited)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    from disclosure.publishing.models import DisclosureItemPage

    models = [model for model in get_page_models() if issubclass(model, DisclosureItemPage)]
    return list(ContentType.objects.get_for_models(*models).values())


def may_audit(user):
    """The audit report is for the disclosure office and the system administrators."""
    from disclosure.departments.roles import DISCLOSURE_OFFICE, user_has_role

    return user.is_active and (user.is_superuser or user_has_role(user, DISCLOSURE_OFFICE))


def pages_of_department(department):
    """Pages at or below the columns ``department`` is responsible for."""
    from disclosure.columns.models import ColumnPage

    paths = list(ColumnPage.objects.filter(departments=department).values_list("path", flat=True))
    if not paths:
        return Page.objects.none()
    return Page.objects.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))


def users_in_the_log():
    User = get_user_model()
    ids = PageLogEntry.objects.filter(action__in=AUDIT_ACTIONS).values("user_id")
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("操作"), choices=[(key, label) for key, label in AUDIT_ACTIONS.items()]
    )
    user = django_filters.ModelChoiceFilter(
        label=_("操作人"), queryset=lambda request: users_in_the_log()
    )
    department = django_filters.ModelChoiceFilter(
        label=_("科室"),
        queryset=Department.objects.order_by("sort_order", "name"),
        method="filter_department",
    )
    timestamp = django_filters.DateFromToRangeFilter(
        label=_("日期"),
        widget=django_filters.widgets.DateRangeWidget(
            attrs={"type": "date", "placeholder": "YYYY-MM-DD"}
        ),
    )
    label = django_filters.CharFilter(label=_("标题"), lookup_expr="icontains")

    class Meta:
        model = PageLogEntry
        fields = []

    def filter_department(self, queryset, name, value):
        return queryset.filter(page__in=pages_of_department(value).values("pk"))


class AuditReportView(ReportView):
    """The audit report (审核发布记录) over the pages' log."""

    page_title = _("审核发布记录")
    header_icon = "history"
    results_template_name = "audit/report_results.html"
    filterset_class = AuditFilterSet
    index_url_name = "audit_report"
    index_results_url_name = "audit_report_results"
    paginate_by = 50
    list_export = [
        "time",
        "action_label",
        "user_display_name",
        "label",
        "page_id",
        "departments",
        "reason",
    ]
    export_headings = {
        "time": _("时间"),
        "action_label": _("操作"),
        "user_display_name": _("操作人"),
        "label": _("标题"),
        "page_id": _("页面ID"),
        "departments": _("负责科室"),
        "reason": _("意见或理由"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"audit-{datetime.date.today().isoformat()}"

    def get_queryset(self):
        return (
            PageLogEntry.objects.filter(
                action__in=AUDIT_ACTIONS, content_type__in=item_content_types()
            )
            .select_related("user", "page", "revision")
            .order_by("-timestamp", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        entries = list(object_list)
        departments = departments_by_page({entry.page_id for entry in entries})
        for entry in entries:
            entry.time = timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S")
            entry.action_label = str(AUDIT_ACTIONS.get(entry.action, entry.action))
            entry.departments = "、".join(departments.get(entry.page_id, []))
            entry.reason = reason_of(entry)
        return entries


def reason_of(entry):
    """The comment, reason or determination recorded with a log entry."""
    data = entry.data or {}
    parts = [str(data["determination_label"])] if data.get("determination_label") else []
    for key in ("reason", "override_reason", "comment"):
        if isinstance(data.get(key), str) and data[key]:
            parts.append(data[key])
            break
    return "：".join(parts)


def departments_by_page(page_ids):
    """Department names of the column above each page."""
    from disclosure.columns.models import ColumnPage

    pages = Page.objects.filter(pk__in=page_ids).only("pk", "path")
    columns = list(
        ColumnPage.objects.prefetch_related("departments").only("pk", "path").order_by("-depth")
    )
    result = {}
    for page in pages:
        for column in columns:
            if page.path.startswith(column.path):
                names = [department.name for department in column.departments.all()]
                if names:
                    result[page.pk] = names
                    break
    return result
