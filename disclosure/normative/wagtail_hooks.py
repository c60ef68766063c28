from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import modeladmin_register

from .admin_views import NormativeAdminGroup, admin_urls

modeladmin_register(NormativeAdminGroup)
hooks.register("register_admin_urls", admin_urls)


@hooks.register("register_reports_menu_item")
def register_review_reminders():
    return MenuItem(
        _("规范性文件清理提醒"), reverse("normative_review_reminders"), icon_name="date", order=910
    )
