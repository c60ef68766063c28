"""Every disclosure item records its 责任科室 (issue #15 item 2): by default the first department of
its nearest column that names one; the editor may change it; the APIs show it."""

import io

import pytest
from django.core.management import call_command

from disclosure.departments.models import DepartmentKind
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, department, organisation, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def columns(db):
    organisation()
    office = department("办公室")
    law = department("政策法规科")
    everyone = department("各业务科室", kind=DepartmentKind.PLACEHOLDER)
    top = column(title="政务公开", slug="open", departments=[office])
    named = column(parent=top, title="政策文件", slug="policy", departments=[everyone, law])
    unnamed = column(parent=top, title="通知公告", slug="notices")
    return {"office": office, "law": law, "named": named, "unnamed": unnamed, "top": top}


def test_an_item_takes_the_first_real_department_of_its_column(columns):
    page = article(columns["named"], title="责任科室默认")
    assert page.department == columns["law"]  # the placeholder 各业务科室 is skipped


def test_a_column_without_departments_passes_to_the_column_above(columns):
    assert article(columns["unnamed"]).department == columns["office"]


def test_the_editor_chosen_department_is_kept(columns):
    page = article(columns["named"], department=columns["office"])
    page.title = "再次保存"
    page.save()
    assert ArticlePage.objects.get(pk=page.pk).department == columns["office"]


def test_the_admin_create_form_proposes_the_column_department(client, columns):
    client.force_login(superuser())
    url = f"/admin/pages/add/publishing/articlepage/{columns['named'].pk}/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["department"] == columns["law"].pk
    choices = [label for _value, label in form.fields["department"].choices]
    assert "政策法规科" in choices and "各业务科室" not in choices
    assert "责任科室" in response.content.decode()


def test_the_apis_show_the_department(client, columns):
    page = article(columns["named"], title="接口中的责任科室")
    expected = {"id": columns["law"].pk, "name": "政策法规科"}
    assert client.get(f"/api/items/{page.pk}/").json()["department"] == expected
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["department"] == expected


def test_assign_item_departments_fills_the_items_made_before_the_field(columns):
    page = article(columns["named"])
    ArticlePage.objects.filter(pk=page.pk).update(department=None)
    out = io.StringIO()
    call_command("assign_item_departments", stdout=out)
    assert ArticlePage.objects.get(pk=page.pk).department == columns["law"]
    assert "补填责任科室 1 条" in out.getvalue()
