from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import InformationRequestViewSet, RequestCaseViewSet, admin_urls, may_handle

hooks.register("register_admin_urls", admin_urls)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return InformationRequestViewSet("foi_applications", url_prefix="applications")


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return RequestCaseViewSet("request_cases", url_prefix="request-cases")


class RegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegisterMenuItem(
        _("登记申请"), reverse("applications_register"), icon_name="plus", order=261
    )


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return RegisterMenuItem(
        _("依申请公开统计"), reverse("applications_statistics"), icon_name="table", order=262
    )
