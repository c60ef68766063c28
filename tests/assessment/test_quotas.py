"""信息发布考核 counted by hand: items per department per quarter against ≥ 2 a quarter and ≥ 10 a
year (seed plan 二(一)), quarter boundaries in local time, warnings before a quarter ends."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from disclosure.assessment import quotas
from disclosure.departments.models import DepartmentKind
from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, department, organisation, publish

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 12, 20)  # 11 days before the end of the fourth quarter


def at(*args):
    return dt.datetime(*args, tzinfo=LOCAL)


def published(col, moment, **fields):
    page = article(col, **fields)
    ArticlePage.objects.filter(pk=page.pk).update(published_at=moment, first_published_at=moment)
    return page


@pytest.fixture
def year(db):
    organisation()
    law = department("政策法规科", sort_order=1)
    registry = department("登记注册科", sort_order=2)
    department("各业务科室", kind=DepartmentKind.PLACEHOLDER)
    law_column = column(title="政策文件", slug="zcwj", departments=[law])
    column(title="登记公告", slug="djgg", departments=[registry])
    unassigned = column(title="其他信息", slug="qt")
    published(law_column, at(2026, 1, 5, 9))
    published(law_column, at(2026, 3, 31, 23, 30))  # still the first quarter, local time
    published(law_column, at(2026, 4, 1, 0, 10))  # the second quarter
    published(law_column, at(2026, 7, 1, 9))
    published(law_column, at(2026, 9, 30, 18))
    published(law_column, at(2026, 12, 1, 9))
    published(law_column, at(2025, 12, 31, 9))  # last year
    published(unassigned, at(2026, 5, 5, 9))
    article(law_column, publish=False)  # a draft
    law_ref = NormativeDocumentPage(title="中华人民共和国产品质量法", slug="cpzlf", live=False)
    law_column.add_child(instance=law_ref)
    publish(law_ref)  # reference law: never counted
    NormativeDocumentPage.objects.filter(pk=law_ref.pk).update(published_at=at(2026, 2, 1, 9))
    return {"law": law, "registry": registry}


def test_counts_by_department_and_quarter(year):
    rows = {row.name: row for row in quotas.report(2026, today=TODAY)}
    assert list(rows) == ["政策法规科", "登记注册科", "未指定科室"]  # no placeholder row
    law = rows["政策法规科"]
    assert [c.count for c in law.quarters] == [2, 1, 2, 1]
    assert law.total == 6
    assert [c.status for c in law.quarters] == ["met", "short", "met", "warning"]
    assert law.quarters[1].shortfall == 1 and law.quarters[3].days_left == 11
    assert law.year_status == "warning" and law.year_shortfall == 4
    registry = rows["登记注册科"]
    assert [c.count for c in registry.quarters] == [0, 0, 0, 0]
    assert [c.status for c in registry.quarters] == ["short", "short", "short", "warning"]
    assert [c.count for c in rows["未指定科室"].quarters] == [0, 1, 0, 0]


def test_a_quarter_not_yet_ending_is_running_and_a_future_one_is_not_judged(year):
    rows = {row.name: row for row in quotas.report(2026, today=dt.date(2026, 5, 10))}
    assert [c.status for c in rows["登记注册科"].quarters] == [
        "short",
        "running",
        "future",
        "future",
    ]
    assert rows["登记注册科"].year_status == "running"


def test_warnings_name_the_department_and_the_shortfall(year):
    messages = quotas.warnings(quotas.report(2026, today=TODAY))
    assert "政策法规科：第4季度已发布 1 条，距季度末还有 11 天，还差 1 条。" in messages
    assert any(m.startswith("登记注册科：第4季度已发布 0 条") for m in messages)


def test_a_department_sees_only_its_rows(year):
    rows = quotas.report(2026, today=TODAY, departments={year["registry"].pk})
    assert [row.name for row in rows] == ["登记注册科"]


def test_last_year_is_counted_apart(year):
    rows = {row.name: row for row in quotas.report(2025, today=TODAY)}
    assert rows["政策法规科"].total == 1 and rows["政策法规科"].year_status == "short"


def test_quarter_bounds():
    assert quotas.quarter_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quotas.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
