"""The standard catalogue in the Wagtail admin, over HTTP: listing, edit form and the tools."""

import io

import pytest
from catalogue_testutils import add_column, csv_bytes, good_row
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from disclosure.catalogue.io import HEADER, SHIPPED_CATALOGUE
from disclosure.catalogue.models import CatalogueItem

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/catalogue/catalogueitem/"


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


def upload(client, name, data):
    return client.post(
        reverse("catalogue_import"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def test_index_lists_items_with_tool_buttons(superuser_client, imported):
    response = superuser_client.get(INDEX_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "标准目录" in html
    assert "食品生产经营许可服务指南" in html
    # The 牵头科室 filter offers only departments that lead an item.
    assert "应急宣传科</a>" in html and "各起草科室</a>" not in html
    assert "牵头科室" in html and "栏目数" in html
    for name in ("catalogue_import", "catalogue_export_csv", "catalogue_export_xlsx"):
        assert f'href="{reverse(name)}"' in html
    assert f'href="{reverse("catalogue_coverage")}"' in html


def test_index_counts_live_columns(superuser_client, imported):
    add_column("行政许可公示", "xzxkgs", [13, 14])
    add_column("许可信息", "xkxx", [13])
    add_column("草稿栏目", "draft", [13, 15], live=False)
    response = superuser_client.get(INDEX_URL, {"o": "-5"})  # most columns first
    assert response.status_code == 200
    counts = [(row.number, row.live_column_count) for row in response.context["object_list"][:4]]
    assert counts[:2] == [(13, 2), (14, 1)]
    assert counts[2][1] == 0


def test_create_form(superuser_client):
    response = superuser_client.get("/admin/catalogue/catalogueitem/create/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "公开渠道和载体" in html and 'name="channels"' in html


def test_index_filters_and_search(superuser_client, imported):
    response = superuser_client.get(INDEX_URL, {"q": "抽检"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "食品安全抽检信息" in html and "机构职能" not in html
    response = superuser_client.get(INDEX_URL, {"category": "财政信息"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "部门预算和决算" in html and "机构职能" not in html
    lead = CatalogueItem.objects.get(number=29).lead_department
    response = superuser_client.get(INDEX_URL, {"lead_department__id__exact": lead.pk})
    html = response.content.decode()
    assert "突发公共卫生事件和食品药品安全信息" in html and "机构职能" not in html


def test_edit_form_has_channel_checkboxes_and_saves(superuser_client, imported):
    item = CatalogueItem.objects.get(number=29)
    url = reverse("catalogue_catalogueitem_modeladmin_edit", args=[item.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="channels" value="press_conference"' in html

    data = {
        "number": item.number,
        "category": item.category,
        "item": item.item,
        "content_elements": item.content_elements,
        "legal_basis": item.legal_basis,
        "time_limit": item.time_limit,
        "lead_department": item.lead_department_id,
        "responsible_departments": [item.lead_department_id],
        "channels": ["website", "broadcast"],
        "audience": "public",
        "method": "proactive",
        "level": "city",
        "suggested_column": item.suggested_column,
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.channels == ["website", "broadcast"]


def test_import_page(superuser_client):
    response = superuser_client.get(reverse("catalogue_import"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "导入标准目录" in html and 'type="file"' in html
    assert "、".join(HEADER) in html


def test_upload_bad_csv_shows_errors_in_chinese(superuser_client):
    rows = [good_row(1), good_row(2, 公开渠道和载体="微信群"), good_row("abc")]
    response = upload(superuser_client, "目录.csv", csv_bytes(rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "共 2 处错误，未作任何改动" in html
    assert "第 3 行" in html and "公开渠道和载体“微信群”无法识别" in html
    assert "第 4 行" in html and "序号“abc”不是正整数" in html
    assert CatalogueItem.objects.count() == 0


def test_upload_unreadable_file_shows_form_error(superuser_client):
    response = upload(superuser_client, "目录.xlsx", b"not a workbook")
    assert "无法读取 Excel 文件" in response.content.decode()
    response = upload(superuser_client, "目录.xls", b"whatever")
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert CatalogueItem.objects.count() == 0


def test_upload_good_csv(superuser_client):
    response = upload(superuser_client, "catalogue.csv", SHIPPED_CATALOGUE.read_bytes())
    assert response.redirect_chain[-1][0] == INDEX_URL
    assert "新增 36 条，更新 0 条" in response.content.decode()
    assert CatalogueItem.objects.count() == 36
    record = CatalogueItem.objects.get(number=1).history.first()
    assert record.history_user == superuser_client.user
    assert record.history_change_reason == "导入：catalogue.csv"

    response = upload(superuser_client, "catalogue.csv", SHIPPED_CATALOGUE.read_bytes())
    assert "新增 0 条，更新 36 条" in response.content.decode()
    assert CatalogueItem.objects.count() == 36

    response = upload(superuser_client, "one.csv", csv_bytes([good_row(37)]))
    html = response.content.decode()
    assert "新增 1 条，更新 0 条" in html
    assert "文件中没有的 36 个已有事项保持不变" in html


def test_export_csv(superuser_client, imported):
    response = superuser_client.get(reverse("catalogue_export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".csv" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert len(lines) == 37
    assert "政府网站;两微一端;发布会/听证会" in lines[29]


def test_export_xlsx(superuser_client, imported):
    response = superuser_client.get(reverse("catalogue_export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) == 37
    assert rows[7][:3] == (7, "政策文件", "政策解读")
    assert rows[7][6] == "政策法规科;各起草科室"


def test_coverage_page(superuser_client, imported):
    response = superuser_client.get(reverse("catalogue_coverage"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "标准目录覆盖检查" in html
    assert "共 36 个标准目录事项，其中 0 个已有已发布的栏目" in html
    assert "政府信息公开工作年度报告" in html


def test_tools_need_change_permission(client, imported):
    user = get_user_model().objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name in (
        "catalogue_import",
        "catalogue_export_csv",
        "catalogue_export_xlsx",
        "catalogue_coverage",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(
        reverse("catalogue_import"),
        {"file": SimpleUploadedFile("x.csv", csv_bytes([good_row(99)]))},
    )
    assert response.status_code == 302
    assert not CatalogueItem.objects.filter(number=99).exists()

    user.user_permissions.add(Permission.objects.get(codename="change_catalogueitem"))
    user = get_user_model().objects.get(pk=user.pk)  # drop the permission cache
    client.force_login(user)
    assert client.get(reverse("catalogue_export_csv")).status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("catalogue_import"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_exports_never_write_a_formula(superuser_client, imported):
    # Issue #11 finding 4: text that starts like a formula stays text, in CSV and in xlsx.
    CatalogueItem.objects.filter(pk=CatalogueItem.objects.order_by("pk")[0].pk).update(
        item="=HYPERLINK(1)"
    )
    text = superuser_client.get(reverse("catalogue_export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    workbook = load_workbook(
        io.BytesIO(superuser_client.get(reverse("catalogue_export_xlsx")).content)
    )
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert cells and all(c.data_type == "s" for c in cells)
