from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import submission
from .admin_views import admin_urls, may_see_site_scan
from .clearance import LOG_CLEAR
from .masking import LOG_MASK, can_mask, can_read_originals
from .viewsets import ContentListsGroup


@hooks.register("register_admin_urls")
def register_check_urls():
    return admin_urls()


@hooks.register("register_admin_viewset")
def register_content_lists():
    return ContentListsGroup()


class SiteScanMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_site_scan(request.user)


@hooks.register("register_reports_menu_item")
def register_site_scan_menu_item():
    return SiteScanMenuItem(
        _("全站内容检查"), reverse("checks_site_scan"), icon_name="warning", order=720
    )


@hooks.register("register_log_actions")
def register_mask_log_action(actions):
    actions.register_action(LOG_MASK, _("个人信息脱敏"), _("个人信息脱敏"))
    actions.register_action(
        LOG_CLEAR, _("确认无法检查的附件"), _("保密审查员确认无法检查的附件已人工核对")
    )


@hooks.register("register_page_header_buttons")
def findings_button(page, user, view_name, next_url=None):
    from disclosure.publishing.models import DisclosureItemPage

    if isinstance(page.specific_deferred, DisclosureItemPage) and (
        can_mask(page, user) or can_read_originals(user)
    ):
        yield PageMenuItem(
            _("发布前检查"),
            reverse("checks_findings", args=[page.pk]),
            icon_name="warning",
            priority=66,
            page=page,
        )


hooks.register("before_publish_page", submission.refuse_publication_with_findings)
hooks.register("before_edit_page", submission.show_findings_in_editor)
hooks.register("after_create_page", submission.warn_on_submission)
hooks.register("after_edit_page", submission.warn_on_submission)
