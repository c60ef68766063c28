"""The public list of penalty notices, its filters and exports, the notice page, and the admin
screens (deadlines, decision change)."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from enforcement_testutils import penalty_list, penalty_notice

from disclosure.enforcement.choices import PenaltyKind
from disclosure.enforcement.models import PenaltyNoticePage
from tests.factories import department, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    zhifa, dengji = department("执法支队"), department("登记注册科")
    listing = penalty_list(departments=[zhifa])
    big = penalty_notice(
        listing,
        party_name="示范市甲食品有限公司",
        fine_amount=Decimal("80000"),
        department=zhifa,
        decided_on=dt.date(2026, 3, 2),
    )
    small = penalty_notice(
        listing,
        party_name="示范市乙药房",
        penalty_kinds=[PenaltyKind.FINE],
        fine_amount=Decimal("3000"),
        department=dengji,
        decided_on=dt.date(2025, 6, 1),
        party_credit_code="11520200MB15762018",
    )
    criticism = penalty_notice(
        listing,
        party_name="示范市丙眼镜店",
        penalty_kinds=[PenaltyKind.CIRCULATED_CRITICISM],
        fine_amount=None,
        decided_on=dt.date(2026, 4, 1),
    )
    draft = penalty_notice(listing, publish_page=False, party_name="未发布的丁公司")
    return {
        "listing": listing,
        "big": big,
        "small": small,
        "criticism": criticism,
        "draft": draft,
        "zhifa": zhifa,
    }


def names(response):
    html = response.content.decode()
    return {name for name in ("甲食品", "乙药房", "丙眼镜店", "丁公司") if name in html}


def test_the_list_shows_live_notices(client, data):
    response = client.get(data["listing"].url)
    assert response.status_code == 200
    assert names(response) == {"甲食品", "乙药房", "丙眼镜店"}
    html = response.content.decode()
    assert '<th scope="col">决定书文号</th>' in html
    assert "export/csv/" in html and "export/json/" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"year": "2025"}, {"乙药房"}),
        ({"kind": "circulated_criticism"}, {"丙眼镜店"}),
        ({"kind": "confiscation"}, {"甲食品"}),
        ({"party": "药房"}, {"乙药房"}),
        ({"fine_min": "5000"}, {"甲食品"}),
        ({"fine_max": "5000"}, {"乙药房"}),
        ({"fine_min": "1000", "fine_max": "100000"}, {"甲食品", "乙药房"}),
    ],
)
def test_filters(client, data, query, expected):
    assert names(client.get(data["listing"].url, query)) == expected


def test_filter_by_department(client, data):
    response = client.get(data["listing"].url, {"department": data["zhifa"].pk})
    assert names(response) == {"甲食品"}


def test_a_bad_filter_shows_a_chinese_error_and_no_rows(client, data):
    response = client.get(data["listing"].url, {"fine_min": "abc"})
    html = response.content.decode()
    assert "罚款金额必须是数字。" in html
    assert names(response) == set()
    response = client.get(data["listing"].url, {"fine_min": "9000", "fine_max": "10"})
    assert "罚款金额上限不能小于下限。" in response.content.decode()


def test_csv_export_follows_the_filters(client, data):
    response = client.get(data["listing"].url + "export/csv/", {"year": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["索引号", "行政处罚决定书文号", "当事人"]
    parties = sorted(row[2] for row in rows[1:])
    assert parties == ["示范市丙眼镜店", "示范市甲食品有限公司"]
    big = next(row for row in rows if row[2] == "示范市甲食品有限公司")
    assert "罚款、没收违法所得、没收非法财物" in big
    assert "80000.00" in big


def test_json_export(client, data):
    response = client.get(data["listing"].url + "export/json/", {"kind": "fine"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["count"] == 2
    record = next(r for r in payload["results"] if r["party_name"] == "示范市乙药房")
    assert record["fine_amount"] == "3000.00"
    assert record["penalty_kinds"] == ["fine"]
    assert record["decided_on"] == "2025-06-01"
    assert record["index_number"]
    assert record["publicity_ends_at"]
    bad = client.get(data["listing"].url + "export/json/", {"fine_max": "x"})
    # Issue #12 item 14: the error shape of every other API answer.
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["code"] == "invalid_filter"
    assert "罚款金额必须是数字" in error["message"]
    assert "fine_max" in error["fields"]


def test_csv_times_are_written_as_people_read_them(client, data):
    # Issue #12 item 14: no raw ISO timestamps; publicity ends at 24:00 of its last day.
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(data["listing"].url + "export/csv/").content.decode("utf-8-sig"))
        )
    )
    row = next(r for r in rows if r["当事人"] == "示范市甲食品有限公司")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row["公示日期"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} 24:00", row["公示截止"])
    assert row["决定日期"] == "2026-03-02"


def test_the_list_and_the_notice_write_the_fine_alike(client, data):
    # Issue #12 item 14: 80000.00 in the list, 80,000.00 元 on the notice.
    assert "80,000.00" in client.get(data["listing"].url).content.decode()
    assert "80,000.00 元" in client.get(data["big"].url).content.decode()


def test_the_notice_page_shows_the_summary_before_the_decision(client, data):
    response = client.get(data["big"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("行政处罚信息摘要") < html.index("行政处罚决定书</h2>")
    for text in (
        "示市监处罚〔2026〕",
        "91110000600037341L",
        "销售不符合食品安全标准的食品",
        "80,000.00 元",
    ):
        assert text in html


def test_empty_state(client, db):
    listing = penalty_list()
    assert "没有符合条件的行政处罚信息。" in client.get(listing.url).content.decode()


# --- admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(superuser())
    return client


def test_deadlines_screen(admin_client, data):
    response = admin_client.get("/admin/enforcement/deadlines/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "已逾期" in html and data["draft"].title in html


def test_decision_change_screen_withdraws(admin_client, data):
    url = f"/admin/enforcement/notice/{data['big'].pk}/decision-change/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"kind": "revoked", "occurred_on": "", "reason": ""})
    html = response.content.decode()
    assert "请填写变更、撤销或确认日期。" in html and "请填写撤回理由" in html
    assert PenaltyNoticePage.objects.get(pk=data["big"].pk).live
    response = admin_client.post(
        url, {"kind": "revoked", "occurred_on": "2026-11-02", "reason": "复议撤销。"}
    )
    assert response.status_code == 302
    assert not PenaltyNoticePage.objects.get(pk=data["big"].pk).live


def test_admin_record_lists(admin_client, data):
    for url in (
        "/admin/enforcement_decision_changes/",
        "/admin/enforcement_corrections/",
        "/admin/enforcement_early_end/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_the_edit_form_requires_the_decision_date_on_submit(admin_client, data):
    from wagtail.test.utils.form_data import querydict_from_html

    page = data["draft"]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    form = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    form["decided_on"] = ""
    form["action-submit"] = "1"
    form.setdefault("attachments-count", "0")
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 200
    assert "请填写作出处罚决定的日期。" in response.content.decode()


def test_record_inspect_shows_the_history(admin_client, data):
    from disclosure.enforcement import services
    from disclosure.enforcement.models import CorrectionRequest

    request = CorrectionRequest.objects.create(
        notice=data["big"], requester="示范市甲食品有限公司", inaccuracy="罚款金额有误。"
    )
    services.decide_correction(request, accepted=False, response="经核实无误。", user=None)
    response = admin_client.get(f"/admin/enforcement_corrections/inspect/{request.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "经核实无误。" in html


def test_csv_cells_are_never_formulas(client, data):
    # Issue #11 finding 4: a party name from a decision is public text.
    PenaltyNoticePage.objects.filter(pk=data["big"].pk).update(party_name="=1+1")
    rows = list(
        csv.reader(
            io.StringIO(client.get(data["listing"].url + "export/csv/").content.decode("utf-8-sig"))
        )
    )
    assert any("'=1+1" in row for row in rows)
