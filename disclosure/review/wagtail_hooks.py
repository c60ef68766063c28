from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import editor, withheld
from .admin_views import admin_urls, may_review
from .choices import LOG_DETERMINATION, LOG_OVERRIDE, LOG_SUBSTITUTE
from .dashboard import construct_homepage_panels

hooks.register("construct_homepage_panels", construct_homepage_panels)
hooks.register("register_admin_urls", admin_urls)


class WithheldReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@hooks.register("register_reports_menu_item")
def withheld_review_menu_item():
    return WithheldReviewMenuItem(
        _("不予公开定期审查"), reverse("review_withheld_list"), icon_name="lock", order=720
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    @actions.register_action(LOG_DETERMINATION)
    class DeterminationFormatter(LogFormatter):
        label = _("保密审查结论")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            message = _("保密审查结论：%(determination)s") % {
                "determination": data.get("determination_label") or data.get("determination", "")
            }
            if data.get("withholding_ground_label"):
                message += _("（依据：%(ground)s）") % {"ground": data["withholding_ground_label"]}
            return message

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    actions.register_action(withheld.LOG_RELEASE, _("解除不予公开"), _("定期审查：解除不予公开"))
    actions.register_action(withheld.LOG_KEEP, _("继续不予公开"), _("定期审查：继续不予公开"))

    @actions.register_action(LOG_SUBSTITUTE)
    class SubstituteFormatter(LogFormatter):
        label = _("代为审核")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            heads = "、".join(data.get("heads") or []) or _("无")
            return _("政务公开办公室代为完成“%(task)s”（本栏目科室负责人：%(heads)s）") % {
                "task": (data.get("task") or {}).get("title", ""),
                "heads": heads,
            }

    @actions.register_action(LOG_OVERRIDE)
    class OverrideFormatter(LogFormatter):
        label = _("四眼原则例外审核")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("超级管理员越权审核“%(task)s”，理由：%(reason)s") % {
                "task": (data.get("task") or {}).get("title", ""),
                "reason": data.get("reason", ""),
            }


hooks.register("before_edit_page", editor.refuse_editing_a_locked_page)
hooks.register("before_edit_page", editor.workflow_action_from_editor)
hooks.register("before_edit_page", editor.show_who_can_act)
