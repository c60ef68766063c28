from django.http import JsonResponse
from django.template.response import TemplateResponse
from wagtail.models import TaskState

from .models import FourEyesTaskMixin, final_approval_refusal


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
        match = request.resolver_match
        if (
            request.method != "POST"
            or match is None
            or match.view_name != "wagtailadmin_pages:workflow_action"
            or not request.user.is_authenticated
        ):
            return None
        task_state = (
            TaskState.objects.filter(pk=view_kwargs.get("task_state_id"))
            .select_related("workflow_state")
            .first()
        )
        if task_state is None or str(task_state.workflow_state.object_id) != str(
            view_kwargs.get("page_id")
        ):
            return None
        action = view_kwargs.get("action_name", "")
        task = task_state.task.specific
        xhr = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if isinstance(task, FourEyesTaskMixin):
            if xhr:
                # The modal shows the form's own errors; the task refuses the rest itself.
                refusal = None
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
            return None
        if xhr:
            return JsonResponse({"step": "error", "error": refusal}, status=403)
        page = task_state.workflow_state.content_object
        return TemplateResponse(
            request, "review/refused.html", {"refusal": refusal, "page": page}, status=403
        )
