"""The portal's public lists: filters, pagination, empty state, CSV and JSON export."""

import csv
import datetime as dt
import io

import pytest

from disclosure.opendata.exports import PAGE_SIZE
from tests.factories import department
from tests.records import (
    dataset_page,
    inspected_object,
    licence_decision,
    licensing_item,
    list_entry,
    power_item,
    sampling_result,
)

pytestmark = pytest.mark.django_db


def test_empty_state(client):
    page = dataset_page("licence_decisions")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "暂无公开记录" in response.content.decode()


def test_table_with_headers_and_filters(client):
    first = licence_decision(party_name="示范市甲餐饮有限公司", decided_on=dt.date(2026, 3, 2))
    second = licence_decision(
        party_name="示范市乙超市有限公司",
        decided_on=dt.date(2025, 6, 2),
        kind="renew",
        published_on=dt.date(2025, 6, 5),
        valid_from=dt.date(2025, 6, 2),
    )
    page = dataset_page("licence_decisions")
    content = client.get(page.url).content.decode()
    assert '<th scope="col">行政相对人名称</th>' in content
    assert first.party_name in content and second.party_name in content
    content = client.get(page.url, {"year": "2025"}).content.decode()
    assert second.party_name in content and first.party_name not in content
    content = client.get(page.url, {"kind": "grant"}).content.decode()
    assert first.party_name in content and second.party_name not in content
    content = client.get(page.url, {"name": "乙超市"}).content.decode()
    assert second.party_name in content and first.party_name not in content
    content = client.get(page.url, {"department": first.department_id}).content.decode()
    assert first.party_name in content and second.party_name not in content
    content = client.get(page.url, {"name": "不存在"}).content.decode()
    assert "没有符合条件的记录" in content


def test_bad_filter_is_refused_in_chinese(client):
    page = dataset_page("licence_decisions")
    response = client.get(page.url, {"year": "二〇二六"})
    assert response.status_code == 400
    assert "年份“二〇二六”应为四位数字" in response.content.decode()
    response = client.get(page.url + "json/", {"kind": "approve"})
    assert response.status_code == 400
    assert "类别“approve”无法识别" in response.json()["error"]["message"]


def test_pagination(client):
    lab = department()
    for _n in range(PAGE_SIZE + 1):
        sampling_result(department=lab)
    page = dataset_page("sampling_results")
    content = client.get(page.url).content.decode()
    assert f"第 1 / 2 页，共 {PAGE_SIZE + 1} 条" in content
    assert client.get(page.url, {"page": 2}).status_code == 200


def test_csv_export_has_every_column_and_the_filtered_rows(client):
    lab = department()
    sampling_result(department=lab, product_name="合格大米")
    sampling_result(
        department=lab,
        product_name="问题大米",
        verdict="fail",
        nonconforming_items="镉（以Cd计）",
        disposal_status="in_progress",
    )
    page = dataset_page("sampling_results")
    response = client.get(page.url + "csv/", {"kind": "fail"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["检验报告编号", "抽检类别", "食品（产品）分类", "产品名称"]
    assert len(rows) == 2
    assert "问题大米" in rows[1] and "不合格" in rows[1]


def test_json_export(client):
    entry = list_entry(party_name="示范市丙商贸有限公司")
    page = dataset_page("abnormal_operations")
    data = client.get(page.url + "json/").json()
    assert data["dataset"] == "abnormal_operations"
    assert data["count"] == 1
    record = data["results"][0]
    assert record["party_name"] == entry.party_name
    assert record["credit_code"] == entry.credit_code
    assert record["entry_on"] == "2025-07-10"
    assert record["status"] == "在列"
    assert data["fields"]["entry_reason"] == "列入原因"
    assert client.get(page.url + "json/", {"page_size": "0"}).status_code == 400


def test_serious_list_shows_only_its_kind(client):
    list_entry(party_name="异常企业")
    list_entry(party_name="失信企业", kind="serious")
    page = dataset_page("serious_violations")
    content = client.get(page.url).content.decode()
    assert "失信企业" in content and "异常企业" not in content


def test_detail_shows_the_service_guide(client):
    item = licensing_item(name="食品经营许可（新办）")
    page = dataset_page("licensing_items")
    response = client.get(f"{page.url}{item.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    for label in ["设定依据", "申请条件", "申请材料", "办理流程", "收费依据及标准", "投诉电话"]:
        assert f'<th scope="row">{label}</th>' in content
    assert client.get(f"{page.url}999999/").status_code == 404


def test_inspection_results_only_once_published(client):
    inspected_object(
        party_name="已公示商店",
        inspected_on=dt.date(2026, 3, 2),
        outcome="no_problem",
        result_published_on=dt.date(2026, 3, 5),
    )
    inspected_object(
        party_name="未公示商店", inspected_on=dt.date(2026, 3, 2), outcome="no_problem"
    )
    results = dataset_page("inspection_results")
    content = client.get(results.url).content.decode()
    assert "已公示商店" in content and "未公示商店" not in content
    directory = dataset_page("inspected_objects")
    content = client.get(directory.url).content.decode()
    assert "已公示商店" in content and "未公示商店" in content


def test_sampling_summary_route(client):
    lab = department()
    sampling_result(department=lab)
    page = dataset_page("sampling_results")
    response = client.get(page.url + "summary/")
    assert response.status_code == 200
    assert "合格率 100.00%" in response.content.decode()
    other = dataset_page("power_items")
    assert client.get(other.url + "summary/").status_code == 404


def test_power_list_detail_shows_adjustments(client):
    item = power_item()
    item.legal_basis = "《中华人民共和国食品安全法》（2021年修正）第一百二十二条"
    item.adjustment_reason = "食品安全法2021年修正"
    item.adjusted_on = dt.date(2021, 4, 29)
    item.full_clean()
    item.save()
    page = dataset_page("power_items")
    content = client.get(f"{page.url}{item.pk}/").content.decode()
    assert "2021-04-29：食品安全法2021年修正" in content


def test_office_maintains_the_lists_editors_only_see_them(client):
    from disclosure.departments import roles
    from disclosure.opendata.roles import grant_role_permissions
    from tests.factories import user_with_role

    office = user_with_role("office1", roles.DISCLOSURE_OFFICE)
    editor = user_with_role("editor1", roles.EDITOR)
    grant_role_permissions()
    assert office.has_perm("inspections.add_samplingresult")
    assert office.has_perm("credit.change_listentry")
    assert not office.has_perm("credit.delete_listentry")
    assert editor.has_perm("licensing.change_licencedecision")
    assert not editor.has_perm("licensing.delete_licencedecision")
    client.force_login(office)
    assert client.get("/admin/sampling_results/").status_code == 200
    assert client.get("/admin/inspections/sampling/import/").status_code == 200


def test_credit_list_filters_current_and_removed_entries(client):
    current = list_entry(party_name="在列企业")
    removed = list_entry(party_name="移出企业")
    removed.remove(
        reason="已补报年报", removed_on=dt.date(2025, 9, 1), authority="示范市市场监督管理局"
    )
    page = dataset_page("abnormal_operations")
    content = client.get(page.url, {"kind": "current"}).content.decode()
    assert current.party_name in content and removed.party_name not in content
    data = client.get(page.url + "json/", {"kind": "removed"}).json()
    assert [r["party_name"] for r in data["results"]] == [removed.party_name]
    assert data["results"][0]["removed_on"] == "2025-09-01"
