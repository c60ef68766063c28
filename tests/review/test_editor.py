"""The review steps from Wagtail's page editor (disclosure/review/editor.py): masking is not
authorship, a stale or changed form never becomes the reviewer's revision, the message says
what happened and who can act now (issue #12 items 3 and 12)."""

import json

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from disclosure.checks.scanner import id_check_character
from disclosure.publishing.models import ArticlePage
from tests.factories import article, client_for
from tests.review.test_moderation_workflow import (
    act,
    assert_refused,
    review_data,
    submit_article,
    task_state_of,
)

pytestmark = pytest.mark.django_db

ID = "11010119900307" + "751"
ID = ID + id_check_character(ID)
BODY = f"<p>经营者张三（身份证号{ID}，联系电话13812345678）。</p>"


def editor_form(user, page):
    response = client_for(user).get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.setdefault("attachments-count", "0")  # set by the StreamField's JavaScript
    return data


def press(user, page, data, action="approve", extra=None, follow=False):
    """Post the editor's form ``data`` with a workflow button pressed."""
    data = data.copy()
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps(extra or {"comment": ""})
    return client_for(user).post(f"/admin/pages/{page.pk}/edit/", data, follow=follow)


def submitted_with_personal_data(site):
    """The issue's case: personal data typed into the form that submits (the form checks the
    stored draft, so the submission passes with a warning)."""
    page = article(site["col_a"], publish=False, body="<p>见附件。</p>", title="处罚决定")
    data = editor_form(site["editor"], page)
    data["body"] = rich_text(BODY)
    data["action-submit"] = "1"
    response = client_for(site["editor"]).post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    return ArticlePage.objects.get(pk=page.pk)


def revisions_by(user, page):
    return Revision.objects.filter(object_id=str(page.pk), user=user).count()


def test_the_head_masks_as_told_and_still_approves_from_the_editor(site):
    page = submitted_with_personal_data(site)
    assert client_for(site["head"]).post(f"/admin/checks/page/{page.pk}/mask/").status_code == 302
    assert ID not in ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().body

    response = press(site["head"], page, editor_form(site["head"], page))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert task_state_of(page).task.name == "保密审查"
    assert revisions_by(site["head"], page) == 0


def test_the_reviewer_masks_and_still_approves_in_the_dialog(site):
    page = submitted_with_personal_data(site)
    act(site["head"], page, "approve")
    assert (
        client_for(site["reviewer"]).post(f"/admin/checks/page/{page.pk}/mask/").status_code == 302
    )
    assert act(site["reviewer"], page, "approve", review_data()).status_code == 302
    assert act(site["office"], page, "approve").status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and ID not in page.body


def test_a_form_opened_before_masking_is_refused_and_saves_nothing(site):
    """The stale form carries the unmasked original: pressing a button on it neither brings
    the original back nor makes the head an author; after sending it back and resubmitting,
    the head approves as usual."""
    page = submitted_with_personal_data(site)
    stale = editor_form(site["head"], page)
    client_for(site["head"]).post(f"/admin/checks/page/{page.pk}/mask/")

    for action in ("reject", "approve"):
        assert_refused(press(site["head"], page, stale, action), "请刷新页面后再操作")
    assert revisions_by(site["head"], page) == 0
    assert ID not in ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().body

    assert press(site["head"], page, editor_form(site["head"], page), "reject").status_code == 302
    data = editor_form(site["editor"], page)
    data["action-submit"] = "1"
    assert client_for(site["editor"]).post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert press(site["head"], page, editor_form(site["head"], page)).status_code == 302
    assert task_state_of(page).task.name == "保密审查"


def test_changes_made_in_the_editor_are_not_approved_with_the_button(site):
    page = submit_article(site["editor"], site["col_a"])
    data = editor_form(site["head"], page)
    data["title"] = "企业登记信息公告（负责人改）"
    assert_refused(press(site["head"], page, data), "审核操作针对待审版本")
    assert revisions_by(site["head"], page) == 0
    assert task_state_of(page).task.name == "科室负责人审核"


def test_each_action_says_what_happened(site):
    page = submit_article(site["editor"], site["col_a"])
    response = press(site["head"], page, editor_form(site["head"], page), follow=True)
    html = response.content.decode()
    assert "已审核通过“企业登记信息公告”，已转入“保密审查”环节" in html
    assert "已被更新" not in html

    response = press(
        site["reviewer"],
        page,
        editor_form(site["reviewer"], page),
        extra=review_data(),
        follow=True,
    )
    assert "已转入“政务公开办公室终审”环节" in response.content.decode()

    response = press(site["office"], page, editor_form(site["office"], page), follow=True)
    html = response.content.decode()
    assert "已终审通过，“企业登记信息公告”已发布" in html and "已被更新" not in html


def test_who_can_act_is_said_to_whoever_cannot(site):
    page = submit_article(site["editor"], site["col_a"])
    html = client_for(site["office"]).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "该信息正在“科室负责人审核”环节审核。此环节现在可由dengji_head审核。" in html
    html = client_for(site["head"]).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "此环节现在可由" not in html


def test_the_override_reason_is_offered_to_superusers_only(site):
    from tests.factories import superuser

    page = submit_article(site["editor"], site["col_a"])
    state = task_state_of(page)
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/"
    assert "越权审核理由" not in client_for(site["head"]).get(url).json()["html"]
    assert "越权审核理由" in client_for(superuser()).get(url).json()["html"]
