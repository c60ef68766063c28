"""E-mail notifications of the review workflow, beside Wagtail's own (which already write to the
disclosure office when its step starts, and to the submitter when a step rejects):

- when the 科室负责人 or 保密审查 step starts, the users who may act on it (and are not barred
  by the four-eyes rule) are told that an item waits for them;
- when a step sends the item back, every author of the revisions since the last publish is
  told too, with the reviewer's comment (the submitter already is, by Wagtail).
"""

from django.contrib.auth import get_user_model
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_rejected


def candidate_moderators(task, page, workflow_state):
    """Active users with an e-mail address who may act on ``task`` for ``page`` now."""
    from .models import four_eyes_conflicts

    users = get_user_model().objects.filter(is_active=True, is_superuser=False).exclude(email="")
    return {
        user
        for user in users.prefetch_related("groups")
        if task._can_moderate(page, user) and not four_eyes_conflicts(page, user, workflow_state)
    }


def authors_since_last_publish(page):
    last_published_at = (
        Page.objects.filter(pk=page.pk).values_list("last_published_at", flat=True).first()
    )
    revisions = Revision.objects.for_instance(page).exclude(user=None)
    if last_published_at:
        revisions = revisions.filter(created_at__gt=last_published_at)
    return set(get_user_model().objects.filter(pk__in=revisions.values("user_id")))


class ReviewTaskSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def can_handle(self, instance, **kwargs):
        from .models import ConfidentialityReviewTask, DepartmentHeadApprovalTask

        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, DepartmentHeadApprovalTask | ConfidentialityReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object.specific
        recipients = candidate_moderators(task_state.task.specific, page, task_state.workflow_state)
        recipients.discard(kwargs.get("user"))
        return recipients


class AuthorsRejectionNotifier(WorkflowStateRejectionEmailNotifier):
    def get_recipient_users(self, workflow_state, **kwargs):
        page = workflow_state.content_object
        if not isinstance(page, Page):
            return set()
        recipients = authors_since_last_publish(page)
        recipients.discard(workflow_state.requested_by)  # Wagtail's own notifier writes to them
        recipients.discard(kwargs.get("user"))
        return recipients


review_task_submission_notifier = ReviewTaskSubmissionNotifier()
authors_rejection_notifier = AuthorsRejectionNotifier()


def connect():
    task_submitted.connect(
        review_task_submission_notifier,
        sender=TaskState,
        dispatch_uid="review_task_submitted_email_notification",
    )
    workflow_rejected.connect(
        authors_rejection_notifier,
        sender=WorkflowState,
        dispatch_uid="review_authors_rejected_email_notification",
    )
