import json

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import withheld
from .admin_views import admin_urls, may_review
from .choices import LOG_DETERMINATION, LOG_OVERRIDE
from .dashboard import construct_homepage_panels
from .models import FourEyesTaskMixin

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

    @actions.register_action(LOG_OVERRIDE)
    class OverrideFormatter(LogFormatter):
        label = _("四眼原则例外审核")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("超级管理员越权审核“%(task)s”，理由：%(reason)s") % {
                "task": (data.get("task") or {}).get("title", ""),
                "reason": data.get("reason", ""),
            }


@hooks.register("before_edit_page")
def refuse_editing_a_locked_page(request, page):
    """An item locked in review is not changed by whom it is locked for: 403 with the reason
    (Wagtail would re-render the form with a generic message). Cancelling the workflow stays
    possible for whom Wagtail lets cancel it (its submitter), not for whoever asks to."""
    if request.method != "POST":
        return None
    workflow_state = page.current_workflow_state
    if (
        request.POST.get("action-cancel-workflow")
        and workflow_state is not None
        and workflow_state.user_can_cancel(request.user)
    ):
        return None
    lock = page.get_lock()
    if lock is None or not lock.for_user(request.user):
        return None
    task_state = page.current_workflow_task_state
    if task_state is not None:
        refusal = _(
            "该信息正在“%(task)s”环节审核，已锁定，您不能修改；如需修改，请等待退回或由提交人撤销审核流程。"
        ) % {"task": task_state.task.name}
    else:
        refusal = _("该信息已锁定，您不能修改。")
    return TemplateResponse(
        request, "review/refused.html", {"refusal": refusal, "page": page}, status=403
    )


@hooks.register("before_edit_page")
def refuse_invalid_workflow_action(request, page):
    """The page editor passes the data of a workflow action to the task without validating it.
    The review tasks validate it again themselves (and refuse with PermissionDenied); this hook
    refuses first with their Chinese reason and HTTP 403, like the action URL does
    (``WorkflowActionRefusalMiddleware``), before anything is saved."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, FourEyesTaskMixin):
        return None
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        refusal = str(_("审核数据格式不正确。"))
    else:
        action = request.POST.get("workflow-action-name", "")
        refusal = task.refusal_for(task_state, request.user, action, data)
    if refusal is None:
        return None
    return TemplateResponse(
        request, "review/refused.html", {"refusal": refusal, "page": page}, status=403
    )
