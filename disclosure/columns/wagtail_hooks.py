from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from disclosure.departments.admin_views import DepartmentAdmin
from disclosure.publishing.admin_views import TopicAdmin

from . import page_types
from .admin_views import UpdateClassAdmin
from .timeliness_report import timeliness_report_view


def timeliness_admin_urls():
    return [path("timeliness-report/", timeliness_report_view, name="columns_timeliness_report")]


@modeladmin_register
class DisclosureSettingsGroup(ModelAdminGroup):
    """后台 → 政务公开设置: departments, topics and the columns' update classes in one menu."""

    menu_label = _("政务公开设置")
    menu_icon = "cog"
    menu_order = 300
    items = (DepartmentAdmin, TopicAdmin, UpdateClassAdmin)


hooks.register("register_admin_urls", timeliness_admin_urls)


@hooks.register("register_reports_menu_item")
def timeliness_report_menu_item():
    return MenuItem(
        _("公开时效"), reverse("columns_timeliness_report"), icon_name="date", order=710
    )


@hooks.register("before_create_page")
def refuse_structural_pages(request, parent_page, page_class):
    """Only those who set up columns create structural pages (:mod:`.page_types`)."""
    reason = page_types.refusal(request.user, page_class)
    if reason is None:
        return None
    return TemplateResponse(
        request, "columns/create_refused.html", {"refusal": reason, "page": parent_page}, status=403
    )
