"""The review steps as seen from Wagtail's page editor.

- A locked item is not changed by whom it is locked for (403 with the reason and who can act).
- A workflow button pressed in the editor acts on the version that was submitted, as the
  dashboard's action dialog does. Wagtail would first save the editor's form as a revision by
  the reviewer — making them an author of the content under the four-eyes rule, for good, even
  when they changed nothing but a stale form (e.g. one opened before masking, which would also
  bring the masked personal data back). So: an unchanged form is not saved, the action is
  performed and said in Chinese (``outcomes``); a changed form is refused with the reason, and
  nothing is saved.
- Whoever opens an item in review and cannot conclude its step is told which step it is in and
  who can act now."""

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.admin import messages

from disclosure.upstream.wagtail import WORKFLOW_ACTION_FIELD, editor_form_has_changes

from .choices import CONCLUDING_ACTIONS
from .models import FourEyesTaskMixin, collect_refusals, who_can_conclude_text
from .outcomes import outcome_message


def refused(request, page, refusal):
    return TemplateResponse(
        request, "review/refused.html", {"refusal": refusal, "page": page}, status=403
    )


def _review_task_state(page):
    task_state = page.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, FourEyesTaskMixin):
        return None, None
    return task_state, task


def refuse_editing_a_locked_page(request, page):
    """``before_edit_page`` (POST): an item locked in review is not changed by whom it is locked
    for: 403 with the reason (Wagtail would re-render the form with a generic message).
    Cancelling the workflow stays possible for whom Wagtail lets cancel it (its submitter)."""
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
        refusal += who_can_conclude_text(task_state)
    else:
        refusal = _("该信息已锁定，您不能修改。")
    return refused(request, page, refusal)


def workflow_action_from_editor(request, page):
    """``before_edit_page`` (POST with a workflow button): see the module's docstring. The
    tasks validate the action's data again themselves; a refusal is 403 with their reason
    before anything is saved."""
    if request.method != "POST" or not request.POST.get(WORKFLOW_ACTION_FIELD):
        return None
    task_state, task = _review_task_state(page)
    if task is None:
        return None
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return refused(request, page, _("审核数据格式不正确。"))
    action = request.POST.get("workflow-action-name", "")
    refusal = task.refusal_for(task_state, request.user, action, data)
    if refusal is not None:
        return refused(request, page, refusal)
    if editor_form_has_changes(request, page):
        return refused(
            request,
            page,
            _(
                "编辑页中的内容与待审版本不同：您修改了内容，或在您打开编辑页之后内容已被修改"
                "（例如个人信息脱敏）。审核操作针对待审版本，请刷新页面后再操作；如需修改内容，"
                "请先保存草稿（您将成为本信息的作者，须由其他有权人员审核通过）。"
            ),
        )
    with collect_refusals() as refusals:
        try:
            with transaction.atomic():
                task.on_action(task_state, request.user, action, **data)
        except PermissionDenied as refusal:
            return refused(request, page, refusals[-1] if refusals else str(refusal))
    message = outcome_message(task_state.pk)
    if message:
        messages.success(request, message)
    return redirect(_next_url(request, page))


def _next_url(request, page):
    """Where Wagtail's editor goes after an action: ``next`` when safe, else the explorer."""
    next_url = request.GET.get("next") or request.POST.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("wagtailadmin_explore", args=[page.get_parent().pk])


def show_who_can_act(request, page):
    """``before_edit_page`` (GET): an item in review opened by someone who cannot conclude its
    step says which step it is in and who can act now."""
    if request.method != "GET":
        return None
    task_state, task = _review_task_state(page)
    if task is None:
        return None
    actions = [name for name, *_rest in task.get_actions(page, request.user)]
    if any(name in CONCLUDING_ACTIONS for name in actions):
        return None
    messages.info(
        request,
        _("该信息正在“%(task)s”环节审核。") % {"task": task_state.task.name}
        + who_can_conclude_text(task_state),
    )
    return None
