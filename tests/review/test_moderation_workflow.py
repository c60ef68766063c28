"""The standard publication workflow over HTTP, as the real roles: 科室信息员 drafts and submits,
科室负责人 of the column's department approves, 保密审查员 records the determination
(总局令第45号 第5条), 政务公开办公室 gives final approval; the four-eyes rule throughout."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DEPARTMENT_HEAD,
    DISCLOSURE_OFFICE,
    EDITOR,
    role_group,
)
from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.choices import DisclosureAttribute, WithholdingGround
from disclosure.publishing.models import ArticlePage
from disclosure.review.choices import CHECKLIST_FIELDS
from disclosure.review.models import (
    ConfidentialityDetermination,
    ConfidentialityReviewTask,
    DepartmentHeadApprovalTask,
)
from disclosure.review.workflow import ensure_standard_workflow, standard_workflow
from tests.factories import (
    client_for,
    column,
    department,
    organisation,
    superuser,
    user_with_role,
)

pytestmark = pytest.mark.django_db

FULL_CHECKLIST = {name: "on" for name in CHECKLIST_FIELDS}


@pytest.fixture
def site():
    organisation()
    dept_a, dept_b = department("登记注册科"), department("执法支队")
    col_a = column(title="登记注册", slug="dengji", departments=[dept_a])
    col_b = column(title="行政处罚", slug="chufa", departments=[dept_b])
    ensure_standard_workflow()
    return {
        "dept_a": dept_a,
        "dept_b": dept_b,
        "col_a": col_a,
        "col_b": col_b,
        "editor": user_with_role("dengji_editor", EDITOR, dept_a),
        "head": user_with_role("dengji_head", DEPARTMENT_HEAD, dept_a),
        "other_head": user_with_role("zhifa_head", DEPARTMENT_HEAD, dept_b),
        "reviewer": user_with_role("reviewer", CONFIDENTIALITY_REVIEWER),
        "office": user_with_role("office", DISCLOSURE_OFFICE),
    }


def article_form(title, slug, **fields):
    data = {
        "title": title,
        "slug": slug,
        "body": rich_text("<p>根据标准目录，现将有关信息公开如下。</p>"),
        "attachments": streamfield([]),
        "comments": inline_formset([]),
        "publisher": "示范市市场监督管理局登记注册科",
        "document_number": "",
        "written_on": timezone.localdate().isoformat(),
        "published_at": "",
        "topic": "",
        "disclosure_attribute": DisclosureAttribute.PROACTIVE,
        "withholding_ground": "",
        "validity": "in_force",
        "keywords": "企业登记",
        "summary": "登记注册信息。",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    return nested_form_data(data)


def submit_article(user, col, title="企业登记信息公告", slug="notice"):
    """``user`` creates an article in ``col`` and submits it to moderation, over HTTP."""
    data = article_form(title, slug)
    data["action-submit"] = "action-submit"
    response = client_for(user).post(f"/admin/pages/add/publishing/articlepage/{col.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(slug=slug)


def task_state_of(page):
    page = ArticlePage.objects.get(pk=page.pk)
    workflow_state = page.current_workflow_state
    return workflow_state.current_task_state.specific if workflow_state else None


def action_url(page, action, task_state):
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def act(user, page, action, data=None, xhr=False):
    task_state = task_state_of(page)
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    return client_for(user).post(
        action_url(page, action, task_state), data or {"comment": ""}, **headers
    )


def refusal_text(response):
    """The reason shown with a 403: the JSON ``error`` of the modal, or the page's text."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["error"]
    return response.content.decode()


def assert_refused(response, message=None):
    """A refused workflow request answers 403 with its reason in Chinese (the page, or the
    modal's JSON), never a redirect that hides the reason."""
    assert response.status_code == 403, (response.status_code, response.get("Location"))
    text = refusal_text(response)
    assert re.search(r"[\u4e00-\u9fff]", text), text[:500]
    if message is not None:
        assert message in text, text[:3000]


def review_data(**fields):
    return {**FULL_CHECKLIST, "determination": "may_disclose", "comment": "", **fields}


def test_the_standard_workflow_and_its_assignment(site):
    workflow = standard_workflow()
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["科室负责人审核", "保密审查", "政务公开办公室终审"]
    assert isinstance(tasks[0], DepartmentHeadApprovalTask)
    assert isinstance(tasks[1], ConfidentialityReviewTask)
    assert list(tasks[2].groups.all()) == [role_group(DISCLOSURE_OFFICE)]
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page", flat=True)) == {
        site["col_a"].pk,
        site["col_b"].pk,
    }
    # Idempotent.
    counts = (Workflow.objects.count(), workflow.workflow_tasks.count())
    ensure_standard_workflow()
    assert (Workflow.objects.count(), workflow.workflow_tasks.count()) == counts
    # Items below a column follow it.
    subcolumn = column(parent=site["col_a"], title="子栏目", departments=[site["dept_a"]])
    assert subcolumn.get_workflow() == workflow


def test_the_happy_path_as_the_real_roles(site):
    page = submit_article(site["editor"], site["col_a"])
    assert not page.live
    state = task_state_of(page)
    assert isinstance(state, TaskState) and state.task.name == "科室负责人审核"

    response = act(site["head"], page, "approve")
    assert response.status_code == 302
    assert task_state_of(page).task.name == "保密审查"

    response = act(site["reviewer"], page, "approve", review_data(comment="已核对"))
    assert response.status_code == 302
    assert task_state_of(page).task.name == "政务公开办公室终审"
    determination = ConfidentialityDetermination.objects.get(page=page)
    assert determination.determination == "may_disclose"
    assert determination.reviewer == site["reviewer"]
    assert determination.checklist == dict.fromkeys(CHECKLIST_FIELDS, True)
    assert determination.revision_id == page.latest_revision_id

    response = act(site["office"], page, "approve")
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.index_number
    assert page.current_workflow_state is None
    assert ChangeEvent.objects.filter(object_id=page.pk, kind="publish").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="review.determination").exists()


def test_the_reviewer_sees_the_page_and_the_modal_with_the_checklist(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    reviewer = client_for(site["reviewer"])
    assert reviewer.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    response = reviewer.get(action_url(page, "approve", task_state_of(page)))
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "不涉及国家秘密" in html and "可以公开" in html
    # The dashboard lists it as awaiting the reviewer.
    assert page.title in reviewer.get("/admin/").content.decode()


def test_incomplete_checklist_is_refused(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    before = task_state_of(page)
    incomplete = review_data(no_trade_secret="")
    del incomplete["no_trade_secret"]

    # The modal shows the reason.
    response = act(site["reviewer"], page, "approve", incomplete, xhr=True)
    assert response.status_code == 200
    assert "保密审查清单必须全部勾选" in json.loads(response.content)["html"]
    # A plain POST is refused with the reason (403).
    assert_refused(act(site["reviewer"], page, "approve", incomplete), "保密审查清单必须全部勾选")
    # The page editor passes the collected data to the task unvalidated: the task refuses.
    reviewer = client_for(site["reviewer"])
    edit = reviewer.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **article_form(page.title, page.slug),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps(
                {"determination": "may_disclose", "no_state_secret": True}
            ),
        },
    )
    assert_refused(edit, "保密审查清单必须全部勾选")
    assert ArticlePage.objects.get(pk=page.pk).latest_revision_id == before.revision_id
    # And directly.
    task = before.task.specific
    with pytest.raises(PermissionDenied, match="保密审查清单必须全部勾选"):
        task.on_action(before, site["reviewer"], "approve", determination="may_disclose")

    after = task_state_of(page)
    assert after.pk == before.pk and after.status == TaskState.STATUS_IN_PROGRESS
    assert not ConfidentialityDetermination.objects.exists()
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_partial_needs_an_explanation_and_withhold_needs_a_ground(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    state = task_state_of(page)
    task = state.task.specific
    with pytest.raises(PermissionDenied, match="说明已作的处理"):
        task.on_action(state, site["reviewer"], "approve", **review_data(determination="partial"))
    with pytest.raises(PermissionDenied, match="必须选择不予公开依据"):
        task.on_action(state, site["reviewer"], "withhold", determination="withhold")
    with pytest.raises(PermissionDenied, match="不能审查通过"):
        task.on_action(
            state,
            site["reviewer"],
            "approve",
            **review_data(determination="withhold", withholding_ground="state_secret"),
        )
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    # 部分公开 with its explanation goes on.
    response = act(
        site["reviewer"],
        page,
        "approve",
        review_data(determination="partial", comment="已删除身份证号"),
    )
    assert response.status_code == 302
    assert task_state_of(page).task.name == "政务公开办公室终审"
    assert ConfidentialityDetermination.objects.get().determination == "partial"


def test_head_of_another_department_cannot_approve(site):
    page = submit_article(site["editor"], site["col_a"])
    before = task_state_of(page)
    assert_refused(act(site["other_head"], page, "approve"), "负责科室的科室负责人")
    assert_refused(act(site["other_head"], page, "approve", xhr=True), "负责科室的科室负责人")
    task = before.task.specific
    with pytest.raises(PermissionDenied, match="负责科室的科室负责人"):
        task.on_action(before, site["other_head"], "approve", comment="")
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)


def test_the_author_cannot_approve_their_own_work(site):
    author = user_with_role("dengji_both", EDITOR, site["dept_a"])
    author.groups.add(*site["head"].groups.filter(role__code=DEPARTMENT_HEAD))
    page = submit_article(author, site["col_a"], slug="own")
    before = task_state_of(page)
    task = before.task.specific
    assert [name for name, *_rest in task.get_actions(page, author)] == ["reject"]
    assert_refused(act(author, page, "approve"), "四眼原则")
    assert_refused(act(author, page, "approve", xhr=True), "四眼原则")
    with pytest.raises(PermissionDenied, match="四眼原则"):
        task.on_action(before, author, "approve", comment="")
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)
    # Another head of the department may.
    assert act(site["head"], page, "approve").status_code == 302
    assert task_state_of(page).task.name == "保密审查"


def test_a_head_who_edited_the_draft_cannot_approve_it(site):
    page = submit_article(site["editor"], site["col_a"])
    draft = page.get_latest_revision_as_object()
    draft.summary = "负责人改过的概述"
    draft.save_revision(user=site["head"])
    state = task_state_of(page)
    with pytest.raises(PermissionDenied, match="编辑过"):
        state.task.specific.on_action(state, site["head"], "approve", comment="")


def test_superusers_need_an_override_reason_which_is_logged(site):
    admin = superuser()
    page = submit_article(admin, site["col_a"], slug="by-admin")
    state = task_state_of(page)
    task = state.task.specific
    actions = task.get_actions(page, admin)
    assert ("approve", True) in [(name, modal) for name, _label, modal in actions]
    assert_refused(act(admin, page, "approve", {"comment": ""}), "必须填写越权审核理由")
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    # A reason from someone who is not a superuser is not honoured.
    with pytest.raises(PermissionDenied):
        task.on_action(state, site["editor"], "approve", override_reason="紧急")

    response = act(
        admin, page, "approve", {"comment": "", "override_reason": "节日值班，负责人出差"}
    )
    assert response.status_code == 302
    assert task_state_of(page).task.name == "保密审查"
    entry = PageLogEntry.objects.get(page=page, action="review.four_eyes_override")
    assert entry.data["reason"] == "节日值班，负责人出差"
    assert entry.user == admin


def test_a_forged_approve_by_someone_without_rights_is_refused(site):
    page = submit_article(site["editor"], site["col_a"])
    before = task_state_of(page)
    outsider = user_with_role("fagui_editor", EDITOR, site["dept_b"])
    for user in (outsider, site["editor"], site["reviewer"], site["office"]):
        assert_refused(act(user, page, "approve"))
    # The reviewer may not jump the head's step even by calling the task directly.
    with pytest.raises(PermissionDenied):
        before.task.specific.on_action(before, site["reviewer"], "approve", comment="")
    act(site["head"], page, "approve")
    state = task_state_of(page)
    for user in (outsider, site["head"], site["office"]):
        assert_refused(act(user, page, "approve", review_data()))
    after = task_state_of(page)
    assert (after.pk, after.status) == (state.pk, TaskState.STATUS_IN_PROGRESS)
    assert not ConfidentialityDetermination.objects.exists()
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_forged_requests_outside_the_form_are_refused_with_a_chinese_403(site):
    """Requests the workflow's form never sends: a step of one page under another page's URL,
    an action the step does not offer, a replay of a finished step, workflow data forged into
    the page editor. Each is refused (403, in Chinese) and nothing changes."""
    page = submit_article(site["editor"], site["col_a"])
    other_editor = user_with_role("zhifa_editor", EDITOR, site["dept_b"])
    other = submit_article(other_editor, site["col_b"], slug="other")
    head_step = task_state_of(page)

    # The head of department B may act on ``other``, not on ``page``'s step.
    forged = client_for(site["other_head"]).post(
        f"/admin/pages/workflow/action/{other.pk}/approve/{head_step.pk}/", {"comment": ""}
    )
    assert_refused(forged, "不属于此页面")
    # An action the head's step does not have.
    assert_refused(
        act(site["head"], page, "withhold", {"determination": "withhold"}), "不支持的审核操作"
    )
    assert (task_state_of(page).pk, task_state_of(page).status) == (
        head_step.pk,
        TaskState.STATUS_IN_PROGRESS,
    )
    assert task_state_of(other).task.name == "科室负责人审核"

    # A replay of the head's approval once the step is over.
    assert act(site["head"], page, "approve").status_code == 302
    review_step = task_state_of(page)
    replay = client_for(site["head"]).post(action_url(page, "approve", head_step), {})
    assert_refused(replay, "已经结束")

    # Workflow data forged into the page editor's form by the reviewer: "withhold" without a
    # ground, and an approval with the checklist claimed in a field the form does not have.
    reviewer = client_for(site["reviewer"])
    for name, extra in (
        ("withhold", {"determination": "withhold"}),
        ("approve", {"determination": "may_disclose", "checklist": "all"}),
    ):
        response = reviewer.post(
            f"/admin/pages/{page.pk}/edit/",
            {
                **article_form(page.title, page.slug, summary="伪造的修改"),
                "action-workflow-action": "true",
                "workflow-action-name": name,
                "workflow-action-extra-data": json.dumps(extra),
            },
        )
        assert_refused(response)
    response = reviewer.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **article_form(page.title, page.slug),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "[1, 2]",
        },
    )
    assert_refused(response, "审核数据格式不正确")

    after = task_state_of(page)
    assert (after.pk, after.status) == (review_step.pk, TaskState.STATUS_IN_PROGRESS)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().summary != "伪造的修改"
    assert not page.live
    assert not ConfidentialityDetermination.objects.exists()


def test_withhold_ends_the_workflow_and_the_item_never_goes_live(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    response = act(
        site["reviewer"],
        page,
        "withhold",
        {"determination": "withhold", "withholding_ground": "state_secret", "comment": "涉密"},
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.current_workflow_state is None
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_CANCELLED
    latest = page.get_latest_revision_as_object()
    assert latest.disclosure_attribute == DisclosureAttribute.WITHHELD
    assert latest.withholding_ground == WithholdingGround.STATE_SECRET
    assert page.disclosure_attribute == DisclosureAttribute.WITHHELD
    determination = ConfidentialityDetermination.objects.get(page=page)
    assert determination.determination == "withhold"
    assert determination.withholding_ground == "state_secret"
    entry = PageLogEntry.objects.get(page=page, action="review.determination")
    assert entry.data["determination"] == "withhold"
    # Shown in the page history with its Chinese label.
    history = client_for(site["office"]).get(f"/admin/pages/{page.pk}/history/")
    assert "保密审查结论" in history.content.decode()
    # Any later attempt to publish is refused by the gate.
    with pytest.raises(Exception, match="不能在网站发布"):
        page.get_latest_revision().publish()
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()


def test_reject_with_withhold_determination_also_withholds(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    act(
        site["reviewer"],
        page,
        "reject",
        {"determination": "withhold", "withholding_ground": "third_party_rights"},
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_state is None
    assert page.disclosure_attribute == DisclosureAttribute.WITHHELD


def test_reject_sends_back_for_changes(site):
    page = submit_article(site["editor"], site["col_a"])
    assert act(site["head"], page, "reject", {"comment": "请补充文号"}).status_code == 302
    state = ArticlePage.objects.get(pk=page.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_determinations_are_append_only(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    act(site["reviewer"], page, "approve", review_data())
    determination = ConfidentialityDetermination.objects.get()
    with pytest.raises(RuntimeError):
        determination.save()
    with pytest.raises(RuntimeError):
        determination.delete()


def test_editing_and_approving_in_one_request_is_refused_and_saves_nothing(site):
    """The page editor saves the reviewer's changes as a revision before it runs the workflow
    action; an approval by that reviewer would then break the four-eyes rule. Refused (403, in
    Chinese) before anything is saved: not the revision, not the approval."""
    page = submit_article(site["editor"], site["col_a"])
    before = task_state_of(page)
    revisions = ArticlePage.objects.get(pk=page.pk).revisions.count()
    response = client_for(site["head"]).post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **article_form(page.title, page.slug, summary="负责人顺手改过的概述"),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "同意"}),
        },
    )
    assert_refused(response, "审核操作针对待审版本")
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.revisions.count() == revisions
    assert page.get_latest_revision_as_object().summary != "负责人顺手改过的概述"
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)


def test_the_steps_approved_from_the_page_editor_as_the_real_roles(site):
    """The editor's own buttons: each role opens the page, submits the form unchanged with
    the workflow action (the modal's data in ``workflow-action-extra-data``), and the item
    moves on; the last approval publishes it."""
    from wagtail.test.utils.form_data import querydict_from_html

    page = submit_article(site["editor"], site["col_a"])
    steps = [
        (site["head"], {"comment": "同意"}, "保密审查"),
        (site["reviewer"], review_data(comment="已核对"), "政务公开办公室终审"),
        (site["office"], {"comment": ""}, None),
    ]
    for user, extra, next_step in steps:
        client = client_for(user)
        form = client.get(f"/admin/pages/{page.pk}/edit/")
        assert form.status_code == 200
        data = querydict_from_html(form.content.decode(), form_id="page-edit-form")
        data.setdefault("attachments-count", "0")  # set by the StreamField's JavaScript
        data["action-workflow-action"] = "true"
        data["workflow-action-name"] = "approve"
        data["workflow-action-extra-data"] = json.dumps(extra)
        response = client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302, refusal_text(response)[:3000]
        state = task_state_of(page)
        assert (state.task.name if state else None) == next_step
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert ConfidentialityDetermination.objects.get(page=page).reviewer == site["reviewer"]
