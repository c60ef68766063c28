"""The dashboard panel 待我审核: what waits for the current user's review, with the link to
what changed since the last publish."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Task, TaskState

from .changes import changes_url


def task_states_awaiting(user):
    """In-progress steps of page workflows that ``user`` may act on now, oldest first."""
    ids = set()
    for task in Task.objects.filter(active=True).specific():
        ids.update(task.get_task_states_user_can_moderate(user).values_list("pk", flat=True))
    states = (
        TaskState.objects.filter(pk__in=ids, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by", "revision")
        .order_by("started_at")
    )
    rows = []
    for state in states:
        page = state.workflow_state.content_object
        if page is None or not hasattr(page, "get_url_parts"):
            continue
        page = page.specific
        rows.append(
            {
                "page": page,
                "task": state.task.specific,
                "requested_by": state.workflow_state.requested_by,
                "started_at": state.started_at,
                "changes_url": changes_url(page),
            }
        )
    return rows


class AwaitingMyReviewPanel(Component):
    name = "awaiting_my_review"
    order = 90
    template_name = "review/awaiting_my_review_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"rows": task_states_awaiting(self.user), "heading": _("待我审核")}


#: Wagtail's own "awaiting your review" panel, which lists the same steps as 待我审核 (without
#: the four-eyes rule's reasons or the link to the changes).
WAGTAIL_REVIEW_PANEL = "workflow_objects_to_moderate"


def construct_homepage_panels(request, panels):
    """One review panel on the dashboard: 待我审核 replaces Wagtail's."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != WAGTAIL_REVIEW_PANEL]
    panels.append(AwaitingMyReviewPanel(request.user))
