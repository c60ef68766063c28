"""Withdrawal (撤回, 总局令第45号 第11条) and the rule that a published item is never deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Page, PageLogEntry

from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from disclosure.outbox.models import ChangeEvent, ChangeKind
from disclosure.publishing.models import ArticlePage, Withdrawal
from disclosure.publishing.withdrawal import withdraw
from tests.factories import article, column, department, organisation, superuser, user_with_role

pytestmark = pytest.mark.django_db

REASON = "行政处罚决定已被依法撤销（复议决定书〔2026〕12号）。"


@pytest.fixture
def col():
    organisation()
    return column(title="行政处罚", slug="chufa")


@pytest.fixture
def admin():
    client = Client()
    client.force_login(superuser())
    return client


def test_withdraw_keeps_the_page_and_writes_record_event_and_log(col):
    page = article(col, title="处罚决定信息", slug="decision")
    user = superuser("office_admin")
    withdrawal = withdraw(page, user=user, reason=REASON)

    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.index_number  # the record keeps its number
    assert withdrawal.page_id == page.pk and withdrawal.user == user
    assert withdrawal.reason == REASON and withdrawal.public_reason
    assert withdrawal.public_path == "/chufa/decision/"
    assert withdrawal.index_number == page.index_number
    assert withdrawal.history.count() == 1
    event = ChangeEvent.objects.filter(object_id=page.pk).order_by("-pk").first()
    assert event.kind == ChangeKind.WITHDRAW
    assert event.reason == REASON
    assert PageLogEntry.objects.filter(page=page, action="publishing.withdraw").exists()
    with pytest.raises(RuntimeError):
        withdrawal.delete()


def test_the_old_url_answers_410_with_the_public_notice(client, col):
    page = article(col, title="处罚决定信息", slug="decision")
    assert client.get("/chufa/decision/").status_code == 200
    withdrawal = withdraw(page, user=None, reason=REASON)
    response = client.get("/chufa/decision/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "该信息已于" in html and "撤回" in html
    assert withdrawal.withdrawn_at.strftime("%Y") in html
    assert REASON in html
    assert "处罚决定信息" in html
    # Other missing URLs stay 404.
    assert client.get("/chufa/nothing-here/").status_code == 404


def test_a_reason_not_public_is_not_shown(client, col):
    page = article(col, slug="private-reason")
    withdraw(page, user=None, reason="涉及第三方隐私的内部理由", public_reason=False)
    response = client.get("/chufa/private-reason/")
    assert response.status_code == 410
    assert "涉及第三方隐私" not in response.content.decode()


def test_republished_after_withdrawal_is_served_again(client, col):
    from tests.factories import publish_revision

    page = article(col, slug="back-again")
    withdraw(page, user=None, reason=REASON)
    publish_revision(ArticlePage.objects.get(pk=page.pk).get_latest_revision())
    assert client.get("/chufa/back-again/").status_code == 200


def test_withdraw_refuses_an_empty_reason_and_a_page_not_live(col):
    page = article(col)
    with pytest.raises(ValidationError, match="撤回理由"):
        withdraw(page, user=None, reason="  ")
    draft = article(col, publish=False)
    with pytest.raises(ValidationError, match="未发布"):
        withdraw(draft, user=None, reason=REASON)
    assert ArticlePage.objects.get(pk=page.pk).live
    assert not Withdrawal.objects.exists()
    assert not ChangeEvent.objects.filter(kind=ChangeKind.WITHDRAW).exists()


def test_a_failed_withdrawal_leaves_nothing(col, monkeypatch):
    page = article(col)

    def fail(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(ChangeEvent, "record", fail)
    with pytest.raises(RuntimeError):
        withdraw(page, user=None, reason=REASON)
    assert ArticlePage.objects.get(pk=page.pk).live
    assert not Withdrawal.objects.exists()


# --- the admin ----------------------------------------------------------------------------


def test_withdraw_from_the_admin_needs_a_reason(admin, col):
    page = article(col, title="要撤回的信息")
    url = f"/admin/publishing/withdraw/{page.pk}/"
    edit = admin.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert url in edit  # the action menu offers it
    assert admin.get(url).status_code == 200
    response = admin.post(url, {"reason": "", "public_reason": "on"})
    assert response.status_code == 200
    assert "请填写撤回理由" in response.content.decode()
    assert ArticlePage.objects.get(pk=page.pk).live

    response = admin.post(url, {"reason": REASON, "public_reason": "on"})
    assert response.status_code == 302
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert Withdrawal.objects.get().reason == REASON
    # The record and its history are in the admin.
    listing = admin.get("/admin/withdrawals/")
    assert listing.status_code == 200 and "要撤回的信息" in listing.content.decode()


def test_an_editor_cannot_withdraw(col):
    dept = department("执法支队")
    col.departments.set([dept])
    page = article(col)
    editor = user_with_role("zhifa_editor", EDITOR, dept)
    client = Client()
    client.force_login(editor)
    assert client.post(
        f"/admin/publishing/withdraw/{page.pk}/", {"reason": REASON}
    ).status_code in (
        302,
        403,
    )
    assert ArticlePage.objects.get(pk=page.pk).live


def test_the_office_may_withdraw(col):
    page = article(col)
    office = user_with_role("office", DISCLOSURE_OFFICE)
    client = Client()
    client.force_login(office)
    response = client.post(f"/admin/publishing/withdraw/{page.pk}/", {"reason": REASON})
    assert response.status_code == 302
    assert Withdrawal.objects.get().user == office


# --- no hard delete -----------------------------------------------------------------------


def test_a_published_item_cannot_be_deleted(admin, col):
    page = article(col, title="已发布的信息")
    for method in (admin.get, admin.post):
        response = method(f"/admin/pages/{page.pk}/delete/")
        assert response.status_code == 302
    assert Page.objects.filter(pk=page.pk).exists()
    messages = admin.get(f"/admin/pages/{col.pk}/").content.decode()
    assert "已发布过的信息不能删除" in messages


def test_an_unpublished_item_stays_undeletable_and_a_draft_may_go(admin, col):
    page = article(col)
    page.unpublish()
    admin.post(f"/admin/pages/{page.pk}/delete/")
    assert Page.objects.filter(pk=page.pk).exists()
    draft = article(col, publish=False)
    response = admin.post(f"/admin/pages/{draft.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_a_column_holding_published_items_cannot_be_deleted(admin, col):
    page = article(col)
    admin.post(f"/admin/pages/{col.pk}/delete/")
    assert Page.objects.filter(pk=page.pk).exists()
    assert Page.objects.filter(pk=col.pk).exists()


def test_bulk_delete_refuses_published_items(admin, col):
    page = article(col)
    draft = article(col, publish=False)
    url = f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}&id={draft.pk}"
    response = admin.post(url)
    assert response.status_code == 302
    assert Page.objects.filter(pk=page.pk).exists()
    assert Page.objects.filter(pk=draft.pk).exists()  # nothing deleted at all


def test_a_page_with_a_chinese_slug_answers_410(client):
    # Issue #12 item 1 (blocker): the stored path was percent-encoded, the request's is not.
    from tests.factories import article, column, organisation

    organisation()
    notices = column(title="通知公告", slug="notices")
    title = "关于优化营业执照办理流程的通知（测试A）"
    page = article(notices, title=title)
    # A page created before short slugs (issue #12 item 9) keeps its Chinese slug.
    ArticlePage.objects.filter(pk=page.pk).update(
        slug="关于优化营业执照办理流程的通知测试a",
        url_path=f"{notices.url_path}关于优化营业执照办理流程的通知测试a/",
    )
    page = ArticlePage.objects.get(pk=page.pk)
    url = page.url
    assert "%E5%85%B3" in url  # percent-encoded, as Wagtail gives it
    assert client.get(url).status_code == 200
    withdraw(page, user=None, reason="内容有误，已撤回")
    response = client.get(url)
    assert response.status_code == 410
    assert "内容有误，已撤回" in response.content.decode()
