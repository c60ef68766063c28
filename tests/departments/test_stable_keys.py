"""Roles and the standard workflow are found by their codes: the admin may rename their groups,
workflow and steps (display labels) without losing permissions or the workflow's assignment."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from disclosure.checks.masking import can_read_originals
from disclosure.departments.models import RoleGroup, WorkflowKey
from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    EDITOR,
    ROLE_NAMES,
    ROLES,
    ensure_roles,
    is_member,
    role_group,
    user_has_role,
)
from disclosure.opendata.roles import grant_role_permissions
from disclosure.review.models import DepartmentHeadApprovalTask
from disclosure.review.workflow import (
    STANDARD_WORKFLOW,
    STANDARD_WORKFLOW_NAME,
    ensure_standard_workflow,
    standard_workflow,
)
from tests.factories import column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db


def rename_every_role_group():
    for group in Group.objects.filter(role__isnull=False):
        group.name = f"改名后的{group.name}"
        group.save()


def test_renamed_role_groups_keep_their_roles_and_permissions():
    editor = user_with_role("editor", EDITOR)
    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    office = user_with_role("office", DISCLOSURE_OFFICE)
    groups = (Group.objects.count(), RoleGroup.objects.count())
    rename_every_role_group()

    assert ensure_roles() == {code: role_group(code) for code in ROLES}
    grant_role_permissions()
    assert (Group.objects.count(), RoleGroup.objects.count()) == groups
    assert role_group(EDITOR).name == f"改名后的{ROLE_NAMES[EDITOR]}"
    assert user_has_role(office, DISCLOSURE_OFFICE) and not user_has_role(editor, DISCLOSURE_OFFICE)
    assert is_member(reviewer, CONFIDENTIALITY_REVIEWER) and can_read_originals(reviewer)
    assert not can_read_originals(editor)
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("licensing.add_licensingitem")
    assert office.has_perm("catalogue.change_catalogueitem")


def test_a_renamed_workflow_and_steps_stay_the_standard_workflow():
    organisation()
    col = column(title="登记注册", slug="dengji", departments=[department("登记注册科")])
    workflow = ensure_standard_workflow()
    counts = (Workflow.objects.count(), Task.objects.count(), workflow.workflow_tasks.count())
    workflow.name = "市场监管局发布流程"
    workflow.save()
    for task in workflow.tasks:
        task.name = f"{task.name}（改）"
        task.save()
    rename_every_role_group()

    assert ensure_standard_workflow() == workflow
    assert (Workflow.objects.count(), Task.objects.count(), workflow.workflow_tasks.count()) == (
        counts
    )
    assert standard_workflow().name == "市场监管局发布流程"
    assert WorkflowPage.objects.get(page=col).workflow == workflow
    assert col.get_workflow() == workflow
    office_step = workflow.tasks.last().specific
    assert list(office_step.groups.all()) == [role_group(DISCLOSURE_OFFICE)]


def test_the_workflow_keeps_the_step_the_admin_chose():
    organisation()
    workflow = ensure_standard_workflow()
    chosen = DepartmentHeadApprovalTask.objects.create(name="分管领导审核")
    WorkflowTask.objects.filter(workflow=workflow, sort_order=0).update(task=chosen)

    ensure_standard_workflow()
    assert [task.pk for task in workflow.tasks][0] == chosen.pk


def test_the_migrations_attach_codes_to_the_existing_groups_and_workflow_by_name():
    ensure_roles()
    workflow = Workflow.objects.create(name=STANDARD_WORKFLOW_NAME, active=True)
    RoleGroup.objects.all().delete()

    importlib.import_module("disclosure.departments.migrations.0002_rolegroup").attach_codes(
        apps, None
    )
    importlib.import_module("disclosure.departments.migrations.0003_workflowkey").attach_code(
        apps, None
    )

    assert {rg.code: rg.group.name for rg in RoleGroup.objects.all()} == ROLE_NAMES
    assert WorkflowKey.objects.get(code=STANDARD_WORKFLOW).workflow == workflow
    assert standard_workflow() == workflow
