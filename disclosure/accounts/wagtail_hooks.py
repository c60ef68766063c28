from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report import SecurityLogView, may_read_security_log


@hooks.register("register_admin_urls")
def register_security_log_urls():
    return [
        path("security-log/", SecurityLogView.as_view(), name="security_log"),
        path(
            "security-log/results/",
            SecurityLogView.as_view(results_only=True),
            name="security_log_results",
        ),
    ]


class SecurityLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_security_log(request.user)


@hooks.register("register_reports_menu_item")
def register_security_log_menu_item():
    return SecurityLogMenuItem(_("安全日志"), reverse("security_log"), icon_name="lock", order=60)
