"""The statistics equal the records: tables 三 and 四 of the annual report counted from requests
across a year boundary, with the 勾稽 check and last year's carry-over equal to this year's."""

import datetime as dt

import pytest

from disclosure.applications import statistics, steps
from disclosure.applications.choices import (
    Channel,
    Outcome,
    RemedyKind,
    RemedyResult,
    RequesterType,
)
from disclosure.departments.roles import CONFIDENTIALITY_REVIEWER, DISCLOSURE_OFFICE, FOI_CLERK
from tests.applications.test_steps import fields
from tests.factories import client_for, department, user_with_role

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def records():
    clerk = user_with_role("foi", FOI_CLERK)
    reviewer = user_with_role("reviewer", CONFIDENTIALITY_REVIEWER)
    food = department("食品安全抽检监测科")

    def letter(received_on, requester_type=RequesterType.NATURAL_PERSON, **overrides):
        request, _code = steps.register(
            clerk,
            received_on=received_on,
            **fields(channel=Channel.POST, requester_type=requester_type, **overrides),
        )
        return request

    def answer(request, outcome, on):
        steps.reply(request, clerk, outcome=outcome, summary="", on=on)
        return steps.approve_reply(request, reviewer)

    made = {}
    made["a"] = answer(letter(D(2025, 12, 22)), Outcome.GRANTED, D(2026, 1, 15))
    made["b"] = letter(D(2026, 3, 2), RequesterType.COMMERCIAL)
    steps.assign(made["b"], clerk, food)
    answer(made["b"], Outcome.WITHHELD_PROCESS, D(2026, 3, 20))
    made["c"] = letter(D(2026, 11, 30), RequesterType.RESEARCH)  # open at the end of 2026
    made["d"] = answer(letter(D(2025, 6, 1)), Outcome.GRANTED, D(2025, 6, 20))
    made["e"], _code = steps.register(**fields())  # online, never confirmed: not received
    made["f"] = letter(D(2026, 11, 2), RequesterType.LEGAL_SERVICES)
    steps.reply(made["f"], clerk, outcome=Outcome.GRANTED, summary="")  # still in review
    made["g"] = letter(D(2026, 5, 4))
    steps.request_clarification(
        made["g"], clerk, items="请写明文号", on=D(2026, 5, 6), due_on=D(2026, 5, 20)
    )
    steps.close_without_clarification(made["g"], clerk, on=D(2026, 5, 21))
    remedy = steps.add_remedy(
        made["b"],
        clerk,
        kind=RemedyKind.RECONSIDERATION,
        body="示范市人民政府",
        filed_on=D(2026, 4, 1),
    )
    steps.conclude_remedy(remedy, clerk, result=RemedyResult.CORRECTED, concluded_on=D(2027, 1, 10))
    made["food"] = food
    return made


def test_table_three_counts_every_request_once(records):
    three = statistics.table_three(*statistics.year_bounds(2026))
    natural, commercial = RequesterType.NATURAL_PERSON, RequesterType.COMMERCIAL
    assert three.cell("new") == 4  # b, c, f, g
    assert three.cell("new", natural) == 1 and three.cell("new", commercial) == 1
    assert three.cell("carried_in") == 1 and three.cell("carried_in", natural) == 1  # a
    assert three.cell(Outcome.GRANTED) == 1  # a; f's reply is still in review
    assert three.cell(Outcome.WITHHELD_PROCESS, commercial) == 1
    assert three.cell(Outcome.OTHER_NO_CLARIFICATION, natural) == 1
    assert three.cell("total") == 3
    assert three.cell("carried_out") == 2  # c, f
    assert three.cell("carried_out", RequesterType.LEGAL_SERVICES) == 1
    assert statistics.check(three) == []


def test_last_years_carry_over_is_this_years_carry_in(records):
    last = statistics.table_three(*statistics.year_bounds(2025))
    this = statistics.table_three(*statistics.year_bounds(2026))
    assert last.cell("new") == 2 and last.cell("total") == 1
    for column in [*statistics.COLUMNS, None]:
        assert last.cell("carried_out", column) == this.cell("carried_in", column)


def test_a_department_and_a_period(records):
    food = statistics.table_three(*statistics.year_bounds(2026), department=records["food"])
    assert food.cell("new") == 1 and food.cell(Outcome.WITHHELD_PROCESS) == 1
    march = statistics.table_three(D(2026, 3, 1), D(2026, 3, 31))
    assert march.cell("new") == 1 and march.cell("total") == 1
    assert statistics.check(march) == []


def test_table_four_by_result_at_the_end_of_the_period(records):
    this_year = statistics.table_four(*statistics.year_bounds(2026))
    assert this_year.cell(RemedyKind.RECONSIDERATION, statistics.PENDING) == 1
    next_year = statistics.table_four(*statistics.year_bounds(2027))
    assert next_year.cell(RemedyKind.RECONSIDERATION, RemedyResult.CORRECTED) == 1
    assert next_year.total(RemedyKind.RECONSIDERATION) == 1
    assert (
        statistics.table_four(*statistics.year_bounds(2028)).total(RemedyKind.RECONSIDERATION) == 0
    )


def test_the_report_page_and_its_export(records):
    office = user_with_role("office", DISCLOSURE_OFFICE)
    client = client_for(office)
    page = client.get("/admin/applications/statistics/?year=2026").content.decode()
    assert "一、本年新收政府信息公开申请数量" in page and "四、结转下年度继续办理" in page
    assert "尚未审结" in page
    export = client.get("/admin/applications/statistics/?year=2026&format=csv")
    text = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "一、本年新收政府信息公开申请数量,1,1,1,0,1,0,4" in text.replace("\r", "")
    bad = client.get("/admin/applications/statistics/?year=abc", follow=True).content.decode()
    assert "年份或日期格式不正确" in bad
