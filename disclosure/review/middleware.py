from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail.models import Page, TaskState

from disclosure.upstream.wagtail import (
    is_page_edit_with_workflow_action,
    is_workflow_action,
    workflow_action_target,
)

from .models import FourEyesTaskMixin, collect_refusals, final_approval_refusal
from .outcomes import outcome_message


class WorkflowActionRefusalMiddleware:
    """Refuse a workflow action posted to Wagtail's action URL with the reason in Chinese and
    HTTP 403 (Wagtail would redirect to the dashboard with a generic message, or, when the
    publication gate refuses the final approval, fail with a 500). Nothing is changed: the
    checks are the tasks' own (``refusal_for``) and the gate (``final_approval_refusal``); the
    task checks everything again when it acts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        if is_page_edit_with_workflow_action(request):
            return self.edit_with_workflow_action(request, view_func, view_args, view_kwargs)
        if not is_workflow_action(request):
            return None
        page_id, action, task_state_id = workflow_action_target(view_kwargs)
        task_state = (
            TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
        )
        if task_state is None:
            return None
        task = task_state.task.specific
        xhr = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if str(task_state.workflow_state.object_id) != str(page_id):
            # A forged request: the step of one page posted under another page's URL (Wagtail
            # checks the rights on the page in the URL; the task refuses, but generically).
            refusal = gettext("该审核环节不属于此页面，请求无效。")
        elif isinstance(task, FourEyesTaskMixin):
            if xhr:
                # The modal shows the form's own errors (Wagtail re-renders it); who may act
                # is refused here, in Chinese, instead of an empty 403.
                refusal = task.permission_refusal(
                    task_state, request.user, action, request.POST.get("override_reason", "")
                )
            else:
                data = {
                    key: request.POST.get(key)
                    for key in request.POST
                    if key != "csrfmiddlewaretoken"
                }
                refusal = task.refusal_for(task_state, request.user, action, data)
        else:
            allowed = [
                name
                for name, *_rest in task.get_actions(
                    task_state.workflow_state.content_object, request.user
                )
            ]
            refusal = final_approval_refusal(task_state, action) if action in allowed else None
        if refusal is None:
            # The task checks everything again when it acts; a refusal then is shown too.
            response = self.run_refusing(request, view_func, view_args, view_kwargs)
            if response.status_code < 400:
                message = outcome_message(task_state_id)
                if message:
                    messages.success(request, message)
            return response
        if xhr:
            return JsonResponse({"step": "error", "error": refusal}, status=403)
        page = task_state.workflow_state.content_object
        return TemplateResponse(
            request, "review/refused.html", {"refusal": refusal, "page": page}, status=403
        )

    def edit_with_workflow_action(self, request, view_func, view_args, view_kwargs):
        """The page editor saves the submitted changes as a revision by the user and then runs
        the workflow action; a task that refuses then (e.g. the four-eyes rule: the user has
        just created a revision) would leave the revision saved behind Wagtail's generic
        "no permission" redirect. The whole request is one transaction: a refusal keeps
        nothing and answers 403 in Chinese."""
        return self.run_refusing(request, view_func, view_args, view_kwargs)

    def run_refusing(self, request, view_func, view_args, view_kwargs):
        """Run the view in one transaction; when a review task refused while it ran
        (``collect_refusals``; Wagtail's admin turns the PermissionDenied into a generic
        redirect or an empty 403), roll everything back and answer 403 with the reason."""
        refusals = []
        try:
            with collect_refusals() as refusals, transaction.atomic():
                response = view_func(request, *view_args, **view_kwargs)
                if refusals:
                    transaction.set_rollback(True)
        except PermissionDenied:
            if not refusals:
                raise
        else:
            if not refusals:
                return response
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"step": "error", "error": refusals[-1]}, status=403)
        page = Page.objects.filter(pk=workflow_action_target(view_kwargs)[0]).first()
        return TemplateResponse(
            request, "review/refused.html", {"refusal": refusals[-1], "page": page}, status=403
        )
