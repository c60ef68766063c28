"""惠民政策项目资金: bad input refused, the public list filters and pages, the CSV export."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disclosure.funds.models import FundListPage, FundRecord
from tests.factories import column, department, organisation, publish


def record(dept, **fields):
    values = {
        "kind": "fund",
        "name": "小微企业首次贷款贴息",
        "amount": Decimal("120.50"),
        "recipient_count": 86,
        "recipients": "小微企业 86 户",
        "department": dept,
        "period_start": dt.date(2025, 1, 1),
        "period_end": dt.date(2025, 12, 31),
    }
    values.update(fields)
    item = FundRecord(**values)
    item.full_clean()
    item.save()
    return item


@pytest.fixture
def dept(db):
    return department("登记注册科")


def test_a_negative_amount_is_refused(dept):
    with pytest.raises(ValidationError) as error:
        record(dept, amount=Decimal("-1"))
    assert "资金金额不能为负数" in " ".join(error.value.message_dict["amount"])


def test_a_period_ending_before_it_starts_is_refused(dept):
    with pytest.raises(ValidationError) as error:
        record(dept, period_end=dt.date(2024, 1, 1))
    assert "不能早于" in error.value.message_dict["period_end"][0]


def test_a_fund_needs_an_amount(dept):
    with pytest.raises(ValidationError) as error:
        record(dept, amount=None)
    assert "须填写资金金额" in error.value.message_dict["amount"][0]


def test_history_is_kept(dept):
    item = record(dept)
    item.amount = Decimal("130")
    item.save()
    assert item.history.count() == 2


@pytest.fixture
def fund_page(dept):
    organisation()
    parent = column(title="惠民政策", slug="hmzc")
    page = FundListPage(title="惠民政策项目资金", slug="funds", live=False)
    parent.add_child(instance=page)
    page = publish(page)
    other = department("食品生产科")
    record(dept)
    record(
        other,
        kind="project",
        name="食品小作坊提升改造项目",
        amount=Decimal("45"),
        recipients="小作坊 30 家",
        period_start=dt.date(2023, 3, 1),
        period_end=dt.date(2023, 12, 31),
    )
    record(dept, name="不公开的记录", is_public=False)
    return page


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({}, "食品小作坊提升改造项目", "不公开的记录"),
        ({"kind": "project"}, "食品小作坊提升改造项目", "小微企业首次贷款贴息"),
        ({"year": "2025"}, "小微企业首次贷款贴息", "食品小作坊提升改造项目"),
        ({"q": "小作坊"}, "食品小作坊提升改造项目", "小微企业首次贷款贴息"),
    ],
)
def test_the_list_filters(fund_page, client, params, present, absent):
    html = client.get(fund_page.url, params).content.decode()
    table = html.split("</form>", 1)[1]
    assert present in table and absent not in table


def test_the_list_filters_by_department_and_shows_the_total(fund_page, client):
    dept = FundRecord.objects.get(name="小微企业首次贷款贴息").department
    html = client.get(fund_page.url, {"department": dept.pk}).content.decode()
    assert "共 1 条，资金合计 120.50 万元" in html


def test_empty_state(fund_page, client):
    html = client.get(fund_page.url, {"q": "没有这个"}).content.decode()
    assert "没有符合条件的记录" in html


def test_csv_export_follows_the_filters(fund_page, client):
    response = client.get(fund_page.url, {"format": "csv", "kind": "fund"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["类别", "名称", "政策依据", "资金金额（万元）"]
    assert [row[1] for row in rows[1:]] == ["小微企业首次贷款贴息"]
    assert rows[1][3] == "120.50"


def test_the_list_and_csv_name_only_a_live_policy(fund_page, client):
    """A fund's policy is named (and linked) only while the policy is public: a draft or a
    withdrawn policy is not disclosed through the fund list or its CSV."""
    from disclosure.policies.models import PolicyDocumentPage

    parent = fund_page.get_parent()
    live = PolicyDocumentPage(title="关于支持小微企业融资的若干措施", slug="zc1", live=False)
    parent.add_child(instance=live)
    live = publish(live)
    draft = PolicyDocumentPage(title="尚未发布的扶持政策草案", slug="zc2", live=False)
    parent.add_child(instance=draft)
    FundRecord.objects.filter(name="小微企业首次贷款贴息").update(policy=live)
    FundRecord.objects.filter(name="食品小作坊提升改造项目").update(policy=draft)

    html = client.get(fund_page.url).content.decode()
    assert "政策依据：关于支持小微企业融资的若干措施" in html
    assert "尚未发布的扶持政策草案" not in html
    response = client.get(fund_page.url, {"format": "csv"})
    rows = {row[1]: row for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["小微企业首次贷款贴息"][2] == "关于支持小微企业融资的若干措施"
    assert rows["食品小作坊提升改造项目"][2] == ""


def test_csv_cells_are_never_formulas(fund_page, client, dept):
    # Issue #11 finding 4.
    record(dept, name="@SUM(1+1)", recipients="-示范 86 户")
    response = client.get(fund_page.url, {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "'@SUM(1+1)" in text and "'-示范 86 户" in text
