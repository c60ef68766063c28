from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import InspectionsViewSetGroup, admin_urls

hooks.register("register_admin_viewset", InspectionsViewSetGroup)
hooks.register("register_admin_urls", admin_urls)


@hooks.register("register_reports_menu_item")
def overdue_results_menu_item():
    return MenuItem(
        _("抽查结果公示期限"), reverse("inspection_overdue"), icon_name="time", order=710
    )


@hooks.register("register_reports_menu_item")
def sampling_summary_menu_item():
    return MenuItem(_("抽检总体情况"), reverse("sampling_summary"), icon_name="table", order=711)
