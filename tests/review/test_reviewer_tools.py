"""What the reviewer works with: the changes since the last publish side by side (metadata
included), the dashboard panel 待我审核, e-mail notices, the lock during review, and the
final step's four-eyes rule."""

import datetime as dt
import json
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import TaskState

from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from disclosure.outbox.models import ChangeEvent
from disclosure.publishing.models import ArticlePage
from disclosure.review.models import ConfidentialityDetermination
from tests.factories import article, publish_revision, user_with_role
from tests.review.test_moderation_workflow import (
    act,
    action_url,
    article_form,
    client_for,
    review_data,
    submit_article,
    task_state_of,
)

pytestmark = pytest.mark.django_db


def modal_html(user, page, action="approve"):
    response = client_for(user).get(action_url(page, action, task_state_of(page)))
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def test_a_first_publication_links_to_the_revision_under_review(site):
    page = submit_article(site["editor"], site["col_a"])
    html = modal_html(site["head"], page)
    assert "查看待审版本（首次发布）" in html
    assert f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/" in html


def test_an_edit_of_a_live_item_is_compared_side_by_side_metadata_included(site):
    live = article(
        site["col_a"],
        title="企业登记公告",
        slug="live-notice",
        document_number="示市监公告〔2026〕1号",
        summary="原来的概述",
    )
    data = article_form(
        "企业登记公告",
        "live-notice",
        document_number="示市监公告〔2026〕2号",
        summary="改过的概述",
    )
    data["action-submit"] = "action-submit"
    response = client_for(site["editor"]).post(f"/admin/pages/{live.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(pk=live.pk)
    assert page.live and page.document_number == "示市监公告〔2026〕1号"

    html = modal_html(site["head"], page)
    assert "并排对比自上次发布以来的修改" in html
    compare = f"/admin/pages/{page.pk}/revisions/compare/{page.live_revision_id}...{page.latest_revision_id}/"
    assert compare in html
    response = client_for(site["head"]).get(compare)
    assert response.status_code == 200
    text = response.content.decode()
    # Word-level diff of the metadata fields (the 目录信息 tab), side by side with the body.
    assert "文号:" in text and "内容概述:" in text
    assert (
        '示市监公告〔2026〕<span class="deletion">1号</span><span class="addition">2号</span>'
        in text
    )
    assert "原来的概述" in text and "改过的概述" in text


def test_the_dashboard_panel_lists_what_waits_for_me(site):
    page = submit_article(site["editor"], site["col_a"], title="待审的登记信息")
    head_dashboard = client_for(site["head"]).get("/admin/").content.decode()
    assert "待我审核" in head_dashboard and "待审的登记信息" in head_dashboard
    other = client_for(site["other_head"]).get("/admin/").content.decode()
    assert "待我审核" in other and "目前没有等待您审核的信息" in other
    # The author does not see their own item as waiting for them.
    editor = client_for(site["editor"]).get("/admin/").content.decode()
    assert "目前没有等待您审核的信息" in editor
    act(site["head"], page, "approve")
    reviewer = client_for(site["reviewer"]).get("/admin/").content.decode()
    assert "待审的登记信息" in reviewer and "保密审查" in reviewer


def recipients():
    return {address for message in mail.outbox for address in message.to}


def test_the_next_reviewers_and_the_authors_are_notified(site):
    mail.outbox.clear()
    page = submit_article(site["editor"], site["col_a"])
    assert "dengji_head@example.com" in recipients()
    assert "zhifa_head@example.com" not in recipients()
    assert "dengji_editor@example.com" not in recipients()

    mail.outbox.clear()
    act(site["head"], page, "approve")
    assert "reviewer@example.com" in recipients()
    assert "office@example.com" not in recipients()

    # A co-author edits the draft; the reviewer sends it back with a comment.
    co_author = user_with_role("dengji_editor2", EDITOR, site["dept_a"])
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.save_revision(user=co_author)
    mail.outbox.clear()
    response = act(site["reviewer"], page, "reject", {"comment": "请删除当事人身份证号"})
    assert response.status_code == 302
    assert {"dengji_editor@example.com", "dengji_editor2@example.com"} <= recipients()
    assert "reviewer@example.com" not in recipients()  # not the one who sent it back
    # Each author's notice carries the reviewer's comment.
    for address in ("dengji_editor@example.com", "dengji_editor2@example.com"):
        notices = [message for message in mail.outbox if address in message.to]
        assert any("请删除当事人身份证号" in message.body for message in notices), address
    state = ArticlePage.objects.get(pk=page.pk).current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES


def test_the_office_is_notified_when_the_review_is_done_and_a_rejection_there_notifies(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    mail.outbox.clear()
    act(site["reviewer"], page, "approve", review_data())
    assert "office@example.com" in recipients()
    mail.outbox.clear()
    response = act(site["office"], page, "reject", {"comment": "文号有误"})
    assert response.status_code == 302
    notices = [message for message in mail.outbox if "dengji_editor@example.com" in message.to]
    assert notices and any("文号有误" in message.body for message in notices)
    # The item waits in the author's hands again, not in anyone's 待我审核.
    for user in (site["head"], site["reviewer"], site["office"]):
        assert "目前没有等待您审核的信息" in client_for(user).get("/admin/").content.decode()


def test_editing_a_page_locked_in_review_is_refused(site):
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    before = task_state_of(page)
    data = article_form(page.title, page.slug, summary="审核中偷偷修改")
    response = client_for(site["editor"]).post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 403
    assert "已锁定" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().summary != "审核中偷偷修改"
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)


def test_a_locked_page_is_not_edited_by_claiming_to_cancel_the_workflow(site):
    """Only the submitter may cancel the workflow (and edit then); another editor of the
    department who adds "cancel" to the edit form is refused like any edit (403)."""
    page = submit_article(site["editor"], site["col_a"])
    act(site["head"], page, "approve")
    before = task_state_of(page)
    co_editor = user_with_role("dengji_editor2", EDITOR, site["dept_a"])
    data = article_form(page.title, page.slug, summary="借撤销之名修改")
    data["action-cancel-workflow"] = "true"
    response = client_for(co_editor).post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 403
    assert "已锁定" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().summary != "借撤销之名修改"
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)

    # The submitter may cancel it (Wagtail then re-renders the editor, unlocked).
    data = article_form(page.title, page.slug)
    data["action-cancel-workflow"] = "true"
    response = client_for(site["editor"]).post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code in (200, 302)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_state is None


def reach_the_office(site, page):
    act(site["head"], page, "approve")
    act(site["reviewer"], page, "approve", review_data())
    assert task_state_of(page).task.name == "政务公开办公室终审"


def test_the_office_approver_may_not_be_the_submitter(site):
    office_author = site["office"]
    office_author.groups.add(*site["editor"].groups.all())
    site["dept_a"].add_member(office_author)
    page = submit_article(office_author, site["col_a"], slug="by-office")
    reach_the_office(site, page)
    before = task_state_of(page)

    response = act(office_author, page, "approve")
    assert response.status_code == 403
    assert "四眼原则" in response.content.decode()
    with pytest.raises(PermissionDenied, match="四眼原则"):
        before.task.specific.on_action(before, office_author, "approve", comment="")
    after = task_state_of(page)
    assert (after.pk, after.status) == (before.pk, TaskState.STATUS_IN_PROGRESS)
    assert not ArticlePage.objects.get(pk=page.pk).live

    other_office = user_with_role("office2", DISCLOSURE_OFFICE)
    assert act(other_office, page, "approve").status_code == 302
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_forged_plain_post_gets_a_chinese_403(site):
    page = submit_article(site["editor"], site["col_a"])
    response = act(site["reviewer"], page, "approve", review_data())
    assert response.status_code == 403
    assert "只有本栏目负责科室的科室负责人" in response.content.decode()
    response = act(site["head"], page, "publish-now")
    assert response.status_code == 403
    assert "不支持的审核操作" in response.content.decode()
    assert task_state_of(page).task.name == "科室负责人审核"


def test_an_edit_after_the_review_needs_a_new_review(site):
    page = submit_article(site["editor"], site["col_a"])
    reach_the_office(site, page)
    # The office edits the reviewed text: that revision has no determination, and the earlier
    # approvals do not count for it (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT).
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.summary = "终审时改过"
    draft.save_revision(user=site["office"])
    other_office = user_with_role("office2", DISCLOSURE_OFFICE)
    assert act(other_office, page, "approve").status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert task_state_of(page).task.name == "科室负责人审核"
    assert ConfidentialityDetermination.objects.filter(page=page).count() == 1


def test_revisions_publish_this_version_needs_its_determination(site):
    """Wagtail's "publish this version" of an old revision goes through ``publish`` too."""
    page = article(site["col_a"], slug="versions")
    old = page.get_latest_revision()
    page.summary = "第二版"
    publish_revision(page.save_revision())
    unreviewed = ArticlePage.objects.get(pk=page.pk)
    unreviewed.summary = "第三版（未审）"
    third = unreviewed.save_revision()
    with pytest.raises(Exception, match="未经保密审查"):
        third.publish()
    old.publish()  # the first version was reviewed (a system determination)
    assert ArticlePage.objects.get(pk=page.pk).live_revision_id == old.pk


def test_a_scheduled_item_goes_live_from_the_command_after_the_whole_path(site):
    """Publish "scheduled" (item 1): the office's approval of a revision with a future 发布时间
    schedules it; ``publish_due`` (cron) publishes that reviewed revision when it is due."""
    go_live = (timezone.localtime() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    data = article_form(
        "定时发布的公告", "scheduled", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    data["action-submit"] = "action-submit"
    response = client_for(site["editor"]).post(
        f"/admin/pages/add/publishing/articlepage/{site['col_a'].pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ArticlePage.objects.get(slug="scheduled")
    reach_the_office(site, page)
    assert act(site["office"], page, "approve").status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live and page.current_workflow_state is None
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at == go_live
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()

    with mock.patch("django.utils.timezone.now", return_value=go_live + dt.timedelta(minutes=1)):
        call_command("publish_due", stdout=StringIO(), stderr=StringIO())
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == revision.pk and page.index_number
    assert ChangeEvent.objects.filter(object_id=page.pk, kind="publish").count() == 1
