"""A head's own submission (issue #12 item 4): when no head of the column's departments may
conclude the department step, the disclosure office stands in, recorded as such; one person
concludes one step of a run; the messages say who can act (item 3)."""

import pytest
from wagtail.models import PageLogEntry

from disclosure.departments.roles import DEPARTMENT_HEAD, DISCLOSURE_OFFICE, EDITOR
from disclosure.publishing.models import ArticlePage
from disclosure.review.dashboard import task_states_awaiting
from tests.factories import client_for, user_with_role
from tests.review.test_moderation_workflow import (
    act,
    assert_refused,
    review_data,
    submit_article,
    task_state_of,
)

pytestmark = pytest.mark.django_db


def head_who_writes(site):
    """The only head of 登记注册科, who also writes (the issue's case)."""
    head = site["head"]
    head.groups.add(*site["editor"].groups.filter(role__code=EDITOR))
    return head


def actions(user, page):
    state = task_state_of(page)
    return [name for name, *_rest in state.task.specific.get_actions(page, user)]


def test_the_office_stands_in_for_a_head_who_submitted_their_own_item(site):
    head = head_who_writes(site)
    page = submit_article(head, site["col_a"], slug="own")
    assert actions(head, page) == ["reject"]
    assert_refused(act(head, page, "approve"), "此环节现在可由office审核")

    # The office sees it in 待我审核 and may approve the department step.
    assert [row["page"].pk for row in task_states_awaiting(site["office"])] == [page.pk]
    assert actions(site["office"], page) == ["reject", "approve"]
    assert act(site["office"], page, "approve").status_code == 302
    assert task_state_of(page).task.name == "保密审查"
    entry = PageLogEntry.objects.get(page=page, action="review.substitute_approval")
    assert entry.user == site["office"] and entry.data["heads"] == ["dengji_head"]
    history = client_for(site["office"]).get(f"/admin/pages/{page.pk}/history/")
    assert "政务公开办公室代为完成“科室负责人审核”" in history.content.decode()

    # Each step is a different person's: the same office member cannot give final approval.
    act(site["reviewer"], page, "approve", review_data())
    assert_refused(act(site["office"], page, "approve"), "您已审核通过本流程的其他环节")
    other_office = user_with_role("office2", DISCLOSURE_OFFICE)
    assert act(other_office, page, "approve").status_code == 302
    assert ArticlePage.objects.get(pk=page.pk).live


def test_no_stand_in_while_another_head_of_the_department_can_act(site):
    head = head_who_writes(site)
    deputy = user_with_role("dengji_deputy", DEPARTMENT_HEAD, site["dept_a"])
    page = submit_article(head, site["col_a"], slug="own")
    assert actions(site["office"], page) == []
    assert task_states_awaiting(site["office"]) == []
    assert_refused(act(site["office"], page, "approve"))
    assert_refused(act(head, page, "approve"), "此环节现在可由dengji_deputy审核")
    assert act(deputy, page, "approve").status_code == 302
    assert not PageLogEntry.objects.filter(page=page, action="review.substitute_approval").exists()


def test_an_ordinary_item_is_not_offered_to_the_office_at_the_department_step(site):
    page = submit_article(site["editor"], site["col_a"])
    assert actions(site["office"], page) == []
    assert_refused(act(site["office"], page, "approve"))
