"""Editors maintain their own departments' list records; the disclosure office all of them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.departments import roles
from disclosure.inspections.models import SamplingResult
from disclosure.opendata.roles import grant_role_permissions
from tests.factories import department, user_with_role
from tests.records import inspected_object, inspection_task, licence_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments():
    return department(name="登记注册科"), department(name="执法支队")


@pytest.fixture
def editor(departments):
    user = user_with_role("dengji_editor", roles.EDITOR, department=departments[0])
    grant_role_permissions()
    return user


def test_editor_edits_own_department_records_only(client, departments, editor):
    own = licence_decision()
    own.department = departments[0]
    own.save()
    other = licence_decision()
    other.department = departments[1]
    other.save()
    client.force_login(editor)
    assert client.get(f"/admin/licence_decisions/edit/{own.pk}/").status_code == 200
    response = client.get(f"/admin/licence_decisions/edit/{other.pk}/")
    assert response.status_code in (302, 403)
    assert client.get(f"/admin/licence_decisions/inspect/{other.pk}/").status_code == 200
    form = client.get("/admin/sampling_results/new/").context["form"]
    assert list(form.fields["department"].queryset) == [departments[0]]


def test_editor_edits_results_of_own_department_tasks_only(client, departments, editor):
    own_task = inspection_task(department=departments[0])
    own = inspected_object(task=own_task)
    other = inspected_object(task=inspection_task(department=departments[1]))
    client.force_login(editor)
    assert client.get(f"/admin/inspected_objects/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/inspected_objects/edit/{other.pk}/").status_code in (302, 403)
    form = client.get("/admin/inspected_objects/new/").context["form"]
    assert list(form.fields["task"].queryset) == [own_task]


def test_editor_imports_only_for_own_department(client, departments, editor):
    header = "检验报告编号,产品名称,生产日期/批号,标称生产企业名称,被抽样单位名称,抽样日期,检验依据,检验机构,检验结论,承办科室"
    line = f"GZ-1,大米,2026-02-01,甲公司,乙超市,2026-03-10,GB 2762-2022,检验所,合格,{departments[1].name}"
    upload = SimpleUploadedFile("a.csv", f"{header}\n{line}\n".encode())
    client.force_login(editor)
    response = client.post("/admin/inspections/sampling/import/", {"file": upload})
    assert "不是您所在的科室" in response.content.decode()
    assert not SamplingResult.objects.exists()
    own_line = line.replace(departments[1].name, departments[0].name)
    upload = SimpleUploadedFile("a.csv", f"{header}\n{own_line}\n".encode())
    response = client.post("/admin/inspections/sampling/import/", {"file": upload})
    assert response.status_code == 302
    assert SamplingResult.objects.get().department == departments[0]
