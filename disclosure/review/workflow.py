"""The standard publication workflow (标准发布流程): 科室负责人审核 → 保密审查 → 政务公开办公室终审.

The workflow is found by its code (:class:`~disclosure.departments.models.WorkflowKey`) and its
steps by their task types, never by name: the names below are only the labels they are created
with, which the admin may rename."""

from django.db import transaction
from wagtail.models import GroupApprovalTask, Site, Workflow, WorkflowPage, WorkflowTask

from disclosure.departments.models import WorkflowKey
from disclosure.departments.roles import DISCLOSURE_OFFICE, ensure_roles

from .models import (
    ConfidentialityReviewTask,
    DepartmentHeadApprovalTask,
    DisclosureOfficeApprovalTask,
)

#: The standard workflow's code, and the name it is created with.
STANDARD_WORKFLOW = "standard"
STANDARD_WORKFLOW_NAME = "标准发布流程"
HEAD_TASK = "科室负责人审核"
REVIEW_TASK = "保密审查"
OFFICE_TASK = "政务公开办公室终审"


def standard_workflow():
    """The standard workflow, or ``None`` before :func:`ensure_standard_workflow` has run."""
    return Workflow.objects.filter(key__code=STANDARD_WORKFLOW).first()


def _task(model, name, workflow):
    """The workflow's step of type ``model`` (else the first of that type, active ones first),
    created as ``name`` when there is none."""
    tasks = model.objects.order_by("-active", "pk")
    task = tasks.filter(workflow_tasks__workflow=workflow).first() or tasks.first()
    if task is None:
        task = model.objects.create(name=name)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return task


@transaction.atomic
def ensure_standard_workflow():
    """Create (or repair) the standard workflow and assign it to every top-level column (the
    ColumnPages directly below each site's home page); safe to run any number of times.
    The workflow is made to consist of exactly its three steps, in order."""
    from disclosure.columns.models import ColumnPage

    groups = ensure_roles()
    workflow = standard_workflow()
    if workflow is None:
        workflow = Workflow.objects.create(name=STANDARD_WORKFLOW_NAME, active=True)
        WorkflowKey.objects.create(code=STANDARD_WORKFLOW, workflow=workflow)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    head = _task(DepartmentHeadApprovalTask, HEAD_TASK, workflow)
    review = _task(ConfidentialityReviewTask, REVIEW_TASK, workflow)
    office = _task(DisclosureOfficeApprovalTask, OFFICE_TASK, workflow)
    # Before the office step applied the four-eyes rule it was a stock GroupApprovalTask (a
    # one-off repair of old data, found by the name it was created with).
    GroupApprovalTask.objects.filter(name=OFFICE_TASK, active=True).exclude(pk=office.pk).update(
        active=False
    )
    office.groups.set([groups[DISCLOSURE_OFFICE]])
    tasks = [head, review, office]

    WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )

    for site in Site.objects.all():
        for column in ColumnPage.objects.child_of(site.root_page):
            WorkflowPage.objects.update_or_create(page=column, defaults={"workflow": workflow})
    return workflow
