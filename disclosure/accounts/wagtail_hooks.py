from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import otp_views
from .report import SecurityLogView, may_read_security_log
from .views import lockouts_view


@hooks.register("register_admin_urls")
def register_security_log_urls():
    return [
        path("security-log/", SecurityLogView.as_view(), name="security_log"),
        path(
            "security-log/results/",
            SecurityLogView.as_view(results_only=True),
            name="security_log_results",
        ),
        path("security-log/lockouts/", lockouts_view, name="security_lockouts"),
    ]


class SecurityLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_security_log(request.user)


@hooks.register("register_reports_menu_item")
def register_security_log_menu_item():
    return SecurityLogMenuItem(_("安全日志"), reverse("security_log"), icon_name="lock", order=60)


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_active and request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("登录锁定"), reverse("security_lockouts"), icon_name="lock", order=61)


hooks.register("register_admin_urls", otp_views.admin_urls)
hooks.register("register_account_menu_item", otp_views.account_menu_item)
hooks.register("register_user_listing_buttons", otp_views.user_listing_buttons)
