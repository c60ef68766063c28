from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return views.sees_everything(request.user)


@hooks.register("register_admin_urls")
def assessment_admin_urls():
    return [
        path("assessment/quotas/", views.quota_view, name="assessment_quotas"),
        path("assessment/readiness/", views.readiness_view, name="assessment_readiness"),
    ]


@hooks.register("register_reports_menu_item")
def quota_menu_item():
    return MenuItem(_("信息发布考核"), reverse("assessment_quotas"), icon_name="table", order=720)


@hooks.register("register_reports_menu_item")
def readiness_menu_item():
    return OfficeMenuItem(
        _("网站检查指标"), reverse("assessment_readiness"), icon_name="warning", order=730
    )
