"""The two reports in the admin: who sees them, what they show, their CSV and xlsx."""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone

from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from disclosure.publishing.models import ArticlePage
from tests.factories import article, client_for, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    organisation()
    law = department("政策法规科")
    registry = department("登记注册科")
    law_column = column(title="政策文件", slug="zcwj", departments=[law])
    column(title="登记公告", slug="djgg", departments=[registry])
    for _n in range(3):
        page = article(law_column)
        moment = (
            timezone.now().replace(month=1, day=15) if timezone.now().month > 1 else timezone.now()
        )
        ArticlePage.objects.filter(pk=page.pk).update(
            published_at=moment, first_published_at=moment
        )
    return {
        "office": user_with_role("office", DISCLOSURE_OFFICE),
        "editor": user_with_role("reg_editor", EDITOR, registry),
    }


def test_the_office_sees_every_department_with_a_chart(site):
    response = client_for(site["office"]).get("/admin/assessment/quotas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "政策法规科" in html and "登记注册科" in html
    assert "每季度至少发布 2 条、全年至少 10 条" in html
    rows = {row.name: row for row in response.context["rows"]}
    assert rows["政策法规科"].total == 3


def test_a_department_sees_its_own_row_only(site):
    response = client_for(site["editor"]).get("/admin/assessment/quotas/")
    assert [row.name for row in response.context["rows"]] == ["登记注册科"]
    assert client_for(site["editor"]).get("/admin/assessment/readiness/").status_code in (302, 403)


def test_quota_csv_and_xlsx(site):
    client = client_for(site["office"])
    year = timezone.localdate().year
    response = client.get(f"/admin/assessment/quotas/?year={year}&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["科室", "第1季度", "第1季度情况"]
    law = next(row for row in rows if row[0] == "政策法规科")
    assert law[-2] == "3"
    xlsx = client.get(f"/admin/assessment/quotas/?year={year}&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "科室" and sheet.max_row == len(rows)


def test_the_readiness_report_and_its_export(site):
    client = client_for(site["office"])
    html = client.get("/admin/assessment/readiness/").content.decode()
    assert "单项否决指标" in html and "空白栏目" in html and "未接入" in html
    export = client.get("/admin/assessment/readiness/?format=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "栏目" and {row[0] for row in rows[1:]} == {"政策文件", "登记公告"}
