from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from disclosure.upstream import wagtail as wagtail_adapter

from .history import record_history_view
from .report import AuditReportView, may_audit


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("audit/", AuditReportView.as_view(), name="audit_report"),
        path(
            "audit/results/",
            AuditReportView.as_view(results_only=True),
            name="audit_report_results",
        ),
        path(
            "audit/history/<str:app_label>/<str:model_name>/<str:pk>/",
            record_history_view,
            name="audit_record_history",
        ),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return may_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return AuditMenuItem(_("审核发布记录"), reverse("audit_report"), icon_name="history", order=50)


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    """Wagtail's site history report is the office's (see :mod:`.middleware`)."""
    if not may_audit(request.user):
        menu_items[:] = [
            item for item in menu_items if item.name != wagtail_adapter.SITE_HISTORY_MENU_ITEM
        ]
