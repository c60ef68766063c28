"""The audit report (审核发布记录) after the whole path as the real roles, and the history of
non-page records (who, when, why)."""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone
from simple_history.utils import update_change_reason

from disclosure.departments.roles import EDITOR
from disclosure.publishing.models import ArticlePage, Topic, Withdrawal
from disclosure.publishing.withdrawal import withdraw
from tests.factories import superuser, user_with_role
from tests.review.test_moderation_workflow import act, client_for, review_data, submit_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(site):
    page = submit_article(site["editor"], site["col_a"])
    assert act(site["head"], page, "approve", {"comment": "同意"}).status_code == 302
    assert act(site["reviewer"], page, "approve", review_data(comment="已核对")).status_code == 302
    assert act(site["office"], page, "approve").status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    withdraw(page, user=site["office"], reason="决定已撤销")
    return page


def rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_report_lists_every_step_with_its_user(site, published):
    office = client_for(site["office"])
    response = office.get("/admin/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("提交审核", "审核通过", "保密审查", "发布", "撤回"):
        assert label in html
    assert published.title in html and "决定已撤销" in html

    export = office.get("/admin/audit/", {"export": "csv"})
    assert export.status_code == 200
    table = rows(export)
    assert table[0] == ["时间", "操作", "操作人", "标题", "页面ID", "负责科室", "意见或理由"]
    by_action = {}
    for row in table[1:]:
        by_action.setdefault(row[1], set()).add(row[2])
    assert by_action["提交审核"] == {site["editor"].get_username()}
    assert site["head"].get_username() in by_action["审核通过"]
    assert by_action["保密审查"] == {site["reviewer"].get_username()}
    assert by_action["撤回"] == {site["office"].get_username()}
    assert all(row[5] == "登记注册科" for row in table[1:])
    determination = [row for row in table[1:] if row[1] == "保密审查"][0]
    assert determination[6].startswith("可以公开")

    assert by_action["发布"] == {site["office"].get_username()}

    xlsx = office.get("/admin/audit/", {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [["" if cell is None else str(cell) for cell in row] for row in sheet.values]
    assert cells[0] == table[0]
    assert sorted(map(tuple, cells[1:])) == sorted(map(tuple, table[1:]))


def test_the_report_filters_by_user_department_and_date(site, published):
    office = client_for(site["office"])
    only_head = rows(office.get("/admin/audit/", {"export": "csv", "user": site["head"].pk}))
    assert len(only_head) > 1
    assert {row[2] for row in only_head[1:]} == {site["head"].get_username()}

    other_department = rows(
        office.get("/admin/audit/", {"export": "csv", "department": site["dept_b"].pk})
    )
    assert other_department == [other_department[0]]
    own_department = rows(
        office.get("/admin/audit/", {"export": "csv", "department": site["dept_a"].pk})
    )
    assert len(own_department) > 1

    before = rows(office.get("/admin/audit/", {"export": "csv", "timestamp_before": "2000-01-01"}))
    assert before == [before[0]]
    today = timezone.localdate().isoformat()
    everything = rows(office.get("/admin/audit/", {"export": "csv"}))
    today_only = rows(
        office.get(
            "/admin/audit/",
            {"export": "csv", "timestamp_after": today, "timestamp_before": today},
        )
    )
    assert len(everything) > 1 and today_only == everything
    after = rows(office.get("/admin/audit/", {"export": "csv", "timestamp_after": "2999-01-01"}))
    assert after == [after[0]]
    # The filters combine, and the HTML listing applies them too.
    both = rows(
        office.get(
            "/admin/audit/",
            {"export": "csv", "user": site["reviewer"].pk, "department": site["dept_a"].pk},
        )
    )
    assert sorted(row[1] for row in both[1:]) == ["保密审查", "审核通过"]
    html = office.get("/admin/audit/", {"department": site["dept_b"].pk}).content.decode()
    assert published.title not in html
    action = rows(office.get("/admin/audit/", {"export": "csv", "action": "publishing.withdraw"}))
    assert [row[1] for row in action[1:]] == ["撤回"]


def test_editors_do_not_see_the_report(site):
    editor = client_for(user_with_role("someone", EDITOR, site["dept_a"]))
    assert editor.get("/admin/audit/").status_code in (302, 403)


def test_history_rows_for_each_change_with_who_and_why(site, published):
    admin = superuser()
    topic = Topic.objects.create(name="市场监管", code="market")
    update_change_reason(topic, "新建主题")
    topic.name = "市场监督管理"
    topic._history_user = admin
    topic._change_reason = "规范名称"
    topic.save()
    assert topic.history.count() == 2
    latest = topic.history.first()
    assert (latest.history_user, latest.history_change_reason) == (admin, "规范名称")

    client = client_for(admin)
    response = client.get(f"/admin/audit/history/publishing/topic/{topic.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "规范名称" in html and "市场监管" in html and "市场监督管理" in html
    assert "admin" in html

    withdrawal = Withdrawal.objects.get()
    assert withdrawal.history.count() == 1
    response = client.get(f"/admin/audit/history/publishing/withdrawal/{withdrawal.pk}/")
    assert response.status_code == 200 and "新增" in response.content.decode()


def test_record_history_needs_a_permission_and_a_tracked_model(site):
    topic = Topic.objects.create(name="食品安全", code="food")
    editor = client_for(user_with_role("someone", EDITOR, site["dept_a"]))
    assert editor.get(f"/admin/audit/history/publishing/topic/{topic.pk}/").status_code in (
        302,
        403,
    )
    admin = client_for(superuser())
    assert admin.get("/admin/audit/history/outbox/changeevent/1/").status_code == 404
    assert admin.get("/admin/audit/history/publishing/topic/999999/").status_code == 404


def test_each_change_made_in_the_admin_leaves_a_history_row_with_its_user(site):
    """Create, edit and delete a non-page record over HTTP: one row each (新增, 修改, 删除), each
    with the user who made it; the record's history view still shows them after the delete."""
    admin = superuser()
    client = client_for(admin)
    response = client.post(
        "/admin/publishing/topic/create/", {"name": "知识产权", "code": "ip", "sort_order": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(code="ip")
    response = client.post(
        f"/admin/publishing/topic/edit/{topic.pk}/",
        {"name": "知识产权保护", "code": "ip", "sort_order": "2"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(f"/admin/publishing/topic/delete/{topic.pk}/")
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()

    history = Topic.history.filter(id=topic.pk).order_by("history_date", "history_id")
    assert [row.history_type for row in history] == ["+", "~", "-"]
    assert {row.history_user for row in history} == {admin}
    assert [row.name for row in history] == ["知识产权", "知识产权保护", "知识产权保护"]

    html = client.get(f"/admin/audit/history/publishing/topic/{topic.pk}/").content.decode()
    for label in ("新增", "修改", "删除", "知识产权保护"):
        assert label in html
