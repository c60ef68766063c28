"""The ledger's admin: department scoping of the list, 销账 and reopen actions, the overdue
list, the upload, exports, and the training and new-media lists."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure.departments import roles
from disclosure.ledger.models import LedgerTask, TaskStatus, Training
from tests.factories import client_for, department, superuser, user_with_role

pytestmark = pytest.mark.django_db

PLAN = "2026年政务公开工作要点"
TASK_PERMISSIONS = ["view_ledgertask", "change_ledgertask", "add_ledgertask"]


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="ledger", codename__in=codenames)
    )
    return user


def task(number, lead, responsible=(), due_on=None, text=None):
    item = LedgerTask.objects.create(
        plan=PLAN,
        number=number,
        task=text or f"任务{number}",
        lead_department=lead,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=30),
    )
    item.responsible_departments.set(list(responsible))
    return item


@pytest.fixture
def setup():
    office_dept, law, registration = (
        department("办公室"),
        department("政策法规科"),
        department("登记注册科"),
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    tasks = {
        "office": task("1", office_dept, text="更新标准目录"),
        "shared": task("2", office_dept, [law], due_on=yesterday, text="政策解读"),
        "law": task("3", law, text="规范性文件清理"),
        "registration": task("4", registration, due_on=yesterday, text="登记信息公开"),
    }
    office = grant(
        user_with_role("office", roles.DISCLOSURE_OFFICE, office_dept), *TASK_PERMISSIONS
    )
    editor = grant(user_with_role("fagui", roles.EDITOR, law), *TASK_PERMISSIONS)
    return {"tasks": tasks, "office": office, "editor": editor, "law": law}


def listed(client, url="/admin/ledger_tasks/"):
    response = client.get(url)
    assert response.status_code == 200
    return {item.pk for item in response.context["object_list"]}


def test_office_sees_every_task(setup):
    assert listed(client_for(setup["office"])) == {t.pk for t in setup["tasks"].values()}


def test_department_staff_see_their_departments_tasks(setup):
    tasks = setup["tasks"]
    assert listed(client_for(setup["editor"])) == {tasks["shared"].pk, tasks["law"].pk}


def test_department_staff_cannot_open_other_tasks(setup):
    client = client_for(setup["editor"])
    other = setup["tasks"]["registration"]
    for url in (
        f"/admin/ledger_tasks/edit/{other.pk}/",
        f"/admin/ledger_tasks/inspect/{other.pk}/",
        f"/admin/ledger_tasks/{other.pk}/close/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 200
    assert client.get(f"/admin/ledger_tasks/edit/{setup['tasks']['shared'].pk}/").status_code == 200


def test_filters_overdue_status_department_and_plan(setup):
    client = client_for(setup["office"])
    tasks = setup["tasks"]
    assert listed(client, "/admin/ledger_tasks/?overdue=yes") == {
        tasks["shared"].pk,
        tasks["registration"].pk,
    }
    assert listed(client, f"/admin/ledger_tasks/?department={setup['law'].pk}") == {
        tasks["shared"].pk,
        tasks["law"].pk,
    }
    assert len(listed(client, f"/admin/ledger_tasks/?plan={PLAN}")) == 4
    assert listed(client, "/admin/ledger_tasks/?status=closed") == set()
    response = client.get("/admin/ledger_tasks/")
    assert "未销账任务 4 项，其中逾期 2 项" in response.content.decode()


def test_close_requires_evidence_then_records_who_and_when(setup):
    office = setup["office"]
    client = client_for(office)
    item = setup["tasks"]["office"]
    url = f"/admin/ledger_tasks/{item.pk}/close/"
    assert client.get(url).status_code == 200

    response = client.post(url, {"evidence_links": "", "closing_note": "完成"})
    assert response.status_code == 200
    assert "销账须提供完成佐证：至少一个链接（信息页面或网址）" in response.content.decode()
    item.refresh_from_db()
    assert item.status != TaskStatus.CLOSED

    response = client.post(url, {"evidence_links": "不是链接", "closing_note": ""})
    assert "第 1 行“不是链接”不是有效的链接" in response.content.decode()

    before = timezone.now()
    response = client.post(url, {"evidence_links": "/xxgk/bzml/", "closing_note": "完成"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == TaskStatus.CLOSED
    assert item.closed_by == office
    assert item.closed_at >= before
    assert item.closing_note == "完成"


def test_closed_task_cannot_be_edited_until_reopened(setup):
    client = client_for(setup["office"])
    item = setup["tasks"]["office"]
    item.close(setup["office"], "/xxgk/bzml/")
    response = client.get(f"/admin/ledger_tasks/edit/{item.pk}/")
    assert response.status_code == 302
    assert response.url == f"/admin/ledger_tasks/inspect/{item.pk}/"

    url = f"/admin/ledger_tasks/{item.pk}/reopen/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "请填写重新打开的原因" in response.content.decode()
    response = client.post(url, {"reason": "佐证不完整"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == TaskStatus.IN_PROGRESS
    assert item.reopen_reason == "佐证不完整"
    assert client.get(f"/admin/ledger_tasks/edit/{item.pk}/").status_code == 200
    inspect = client.get(f"/admin/ledger_tasks/inspect/{item.pk}/").content.decode()
    assert "重新打开：佐证不完整" in inspect
    assert "销账" in inspect


def test_edit_form_offers_no_closed_status(setup):
    client = client_for(setup["office"])
    item = setup["tasks"]["office"]
    form = client.get(f"/admin/ledger_tasks/edit/{item.pk}/").context["form"]
    assert [value for value, _label in form.fields["status"].choices] == [
        "not_started",
        "in_progress",
    ]


def test_close_needs_change_permission(setup):
    reader = user_with_role("reader", roles.EDITOR, setup["law"])
    grant(reader, "view_ledgertask")
    item = setup["tasks"]["law"]
    response = client_for(reader).post(
        f"/admin/ledger_tasks/{item.pk}/close/", {"evidence_links": "/xxgk/a/"}
    )
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert not item.is_closed


def test_overdue_view_counts_by_department(setup):
    response = client_for(setup["office"]).get("/admin/ledger_tasks/overdue/")
    assert response.status_code == 200
    counts = {row.department: row.count for row in response.context["departments"]}
    assert counts == {"办公室": 1, "政策法规科": 1, "登记注册科": 1}
    assert [row["task"].number for row in response.context["rows"]] == ["2", "4"]
    assert all(row["days"] == 1 for row in response.context["rows"])

    response = client_for(setup["editor"]).get("/admin/ledger_tasks/overdue/")
    assert [row["task"].number for row in response.context["rows"]] == ["2"]


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_export_is_scoped_and_labelled(setup):
    LedgerTask.objects.filter(pk=setup["tasks"]["law"].pk).update(progress="=HYPERLINK(1)")
    LedgerTask.objects.get(pk=setup["tasks"]["law"].pk).close(setup["editor"], "/xxgk/a/")
    rows = csv_rows(client_for(setup["editor"]).get("/admin/ledger_tasks/?export=csv"))
    header, *data = rows
    assert header[:6] == ["计划名称", "序号", "工作任务", "牵头科室", "责任科室", "完成时限"]
    assert "状态" in header and "销账人" in header
    assert sorted(row[1] for row in data) == ["2", "3"]
    closed = next(row for row in data if row[1] == "3")
    assert "已完成（已销账）" in closed
    assert "'=HYPERLINK(1)" in closed  # never read as a formula


def test_xlsx_export(setup):
    response = client_for(setup["office"]).get("/admin/ledger_tasks/?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_import_view(setup):
    client = client_for(setup["office"])
    content = (
        "序号,工作任务,牵头科室,责任科室,完成时限\n9,政务新媒体管理,办公室,政策法规科,长期坚持\n"
    )
    upload = SimpleUploadedFile("tasks.csv", content.encode("utf-8"), content_type="text/csv")
    response = client.post(
        "/admin/ledger_tasks/import/", {"file": upload, "plan": PLAN, "year": ""}
    )
    assert response.status_code == 302
    assert LedgerTask.objects.get(number="9").due_note == "长期坚持"

    bad = "序号,工作任务,牵头科室,责任科室,完成时限\n10,,办公室,,尽快\n"
    upload = SimpleUploadedFile("tasks.csv", bad.encode("utf-8"), content_type="text/csv")
    response = client.post(
        "/admin/ledger_tasks/import/", {"file": upload, "plan": PLAN, "year": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "共 2 处错误，未作任何改动" in page
    assert "工作任务不能为空" in page
    assert not LedgerTask.objects.filter(number="10").exists()


def test_import_view_needs_a_year_for_a_plan_without_one(setup):
    upload = SimpleUploadedFile("tasks.csv", b"x", content_type="text/csv")
    response = client_for(setup["office"]).post(
        "/admin/ledger_tasks/import/", {"file": upload, "plan": "工作要点", "year": ""}
    )
    assert "计划名称不以年份开头，请填写年度" in response.content.decode()


def test_empty_ledger_suggests_the_import():
    LedgerTask.objects.all().delete()
    page = client_for(superuser()).get("/admin/ledger_tasks/").content.decode()
    assert "台账中还没有任务" in page
    assert "/admin/ledger_tasks/import/" in page


def test_training_list_warns_without_training_this_year():
    client = client_for(superuser())
    page = client.get("/admin/trainings/").content.decode()
    year = timezone.localdate().year
    assert f"{year}年已组织政务公开培训 0 次，少于每年 1 次的要求" in page
    Training.objects.create(held_on=timezone.localdate(), topic="政务公开培训")
    page = client.get("/admin/trainings/").content.decode()
    assert f"{year}年已组织政务公开培训 1 次" in page
    assert client.get("/admin/trainings/new/").status_code == 200
    rows = csv_rows(client.get("/admin/trainings/?export=csv"))
    assert rows[0][:2] == ["培训日期", "培训主题"]


def test_training_add_with_attendance():
    office = department("办公室")
    client = client_for(superuser())
    response = client.post(
        "/admin/trainings/new/",
        {
            "held_on": "2026-03-10",
            "topic": "政府信息公开条例解读",
            "organiser": office.pk,
            "speaker": "",
            "materials_url": "",
            "notes": "",
            "attendances-TOTAL_FORMS": "1",
            "attendances-INITIAL_FORMS": "0",
            "attendances-MIN_NUM_FORMS": "0",
            "attendances-MAX_NUM_FORMS": "1000",
            "attendances-0-department": office.pk,
            "attendances-0-attendees": "12",
            "attendances-0-names": "",
            "attendances-0-ORDER": "1",
            "attendances-0-id": "",
            "attendances-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    training = Training.objects.get()
    assert training.total_attendees() == 12


def test_sample_download_and_new_media_form(setup):
    client = client_for(setup["office"])
    response = client.get("/admin/ledger_tasks/import/sample.csv")
    assert response.status_code == 200
    assert "序号,工作任务,牵头科室,责任科室,完成时限" in b"".join(
        response.streaming_content
    ).decode("utf-8")
    page = client.get("/admin/ledger_tasks/import/").content.decode()
    assert "/admin/ledger_tasks/import/sample.csv" in page
    admin = client_for(superuser())
    assert admin.get("/admin/new_media_accounts/new/").status_code == 200
    assert admin.get("/admin/ledger_tasks/new/").status_code == 200
