"""安全日志: the security log in the admin (等保 2.0, GB/T 22239-2019 8.1.4.3 c: 审计记录应受到保护,
d: 对审计进程进行保护) for the system administrators (superusers) and the disclosure office only —
filterable by event, username, address and date, exportable to CSV and xlsx (through Wagtail's
report export, which writes every cell with :mod:`disclosure.spreadsheets`)."""

import datetime
import json

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from disclosure.departments.roles import DISCLOSURE_OFFICE, user_has_role

from .models import SecurityEvent, SecurityEventKind


def may_read_security_log(user):
    """The system administrators (superusers) and the disclosure office."""
    return user.is_active and user_has_role(user, DISCLOSURE_OFFICE)


class SecurityLogFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("事件"), choices=SecurityEventKind.choices)
    username = django_filters.CharFilter(label=_("用户名"), lookup_expr="icontains")
    address = django_filters.CharFilter(label=_("来源地址"), lookup_expr="startswith")
    occurred_at = django_filters.DateFromToRangeFilter(
        label=_("日期"),
        widget=django_filters.widgets.DateRangeWidget(
            attrs={"type": "date", "placeholder": "YYYY-MM-DD"}
        ),
    )

    class Meta:
        model = SecurityEvent
        fields = []


def describe(detail):
    """The event's detail as one line (what changed, the counts); JSON keeps it exact."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""


class SecurityLogView(ReportView):
    page_title = _("安全日志")
    header_icon = "lock"
    results_template_name = "accounts/security_log_results.html"
    filterset_class = SecurityLogFilterSet
    index_url_name = "security_log"
    index_results_url_name = "security_log_results"
    paginate_by = 50
    list_export = [
        "time",
        "kind_label",
        "username",
        "actor_username",
        "address",
        "user_agent",
        "detail_text",
    ]
    export_headings = {
        "time": _("时间"),
        "kind_label": _("事件"),
        "username": _("用户名"),
        "actor_username": _("操作人"),
        "address": _("来源地址"),
        "user_agent": _("浏览器标识"),
        "detail_text": _("详情"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_read_security_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"security-log-{datetime.date.today().isoformat()}"

    def get_queryset(self):
        return SecurityEvent.objects.order_by("-occurred_at", "-pk")

    def decorate_paginated_queryset(self, object_list):
        events = list(object_list)
        for event in events:
            event.time = timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S")
            event.kind_label = str(event.get_kind_display())
            event.detail_text = describe(event.detail)
        return events
