from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import admin_urls
from .models import PolicyDocumentPage
from .rules import live_interpretations_warning, missing_interpretation_warning

hooks.register("register_admin_urls", admin_urls)


@hooks.register("register_reports_menu_item")
def register_missing_interpretations_report():
    return MenuItem(
        _("未解读的政策文件"),
        reverse("policies_missing_interpretations"),
        icon_name="warning",
        order=900,
    )


PUBLISH_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def asks_for_publication(data):
    """Publishing, or submitting to the workflow whose final approval publishes."""
    if any(data.get(action) for action in PUBLISH_ACTIONS):
        return True
    return data.get("workflow-action-name") == "approve"


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_policy_without_interpretation(request, page):
    page = page.specific
    if isinstance(page, PolicyDocumentPage) and asks_for_publication(request.POST):
        warning = missing_interpretation_warning(page)
        if warning:
            messages.warning(request, warning)


@hooks.register("after_unpublish_page")
def warn_interpretations_left_live(request, page):
    page = page.specific
    warning = live_interpretations_warning(page)
    if warning:
        messages.warning(request, warning)
