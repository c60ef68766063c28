from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import LicensingViewSetGroup, admin_urls

hooks.register("register_admin_viewset", LicensingViewSetGroup)
hooks.register("register_admin_urls", admin_urls)


@hooks.register("register_reports_menu_item")
def guide_report_menu_item():
    return MenuItem(
        _("服务指南要素检查"), reverse("licensing_guide_report"), icon_name="warning", order=700
    )
