"""报告 → 公开时效 (条例 第26条) by department (issue #14 item 9)."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.departments.roles import DEPARTMENT_HEAD, DISCLOSURE_OFFICE
from disclosure.publishing.models import ArticlePage
from tests.factories import article, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db


def published_on(page, day):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    ArticlePage.objects.filter(pk=page.pk).update(published_at=moment)


@pytest.fixture
def items():
    organisation()
    zhifa, dengji = department("执法支队"), department("登记注册科")
    inspections = column(title="监督检查", slug="jdjc", departments=[zhifa])
    services = column(title="办事服务", slug="bsfw", departments=[dengji])
    late = article(inspections, title="逾期的检查结果", written_on=dt.date(2026, 4, 20))
    published_on(late, dt.date(2026, 5, 22))  # due 05-20: two working days late
    on_time = article(services, title="按时的办事指南", written_on=dt.date(2026, 4, 20))
    published_on(on_time, dt.date(2026, 5, 20))
    return {"zhifa": zhifa, "dengji": dengji}


def test_the_report_counts_late_items_by_department(client, items):
    office = user_with_role("office", DISCLOSURE_OFFICE)
    client.force_login(office)
    response = client.get("/admin/timeliness-report/", {"year": "2026"})
    assert response.status_code == 200
    rows = {row.name: row for row in response.context["rows"]}
    assert (rows["执法支队"].published, len(rows["执法支队"].late)) == (1, 1)
    assert rows["执法支队"].max_days_late == 2
    assert (rows["登记注册科"].published, rows["登记注册科"].on_time) == (1, 1)
    assert "逾期的检查结果" in response.content.decode()


def test_a_department_sees_its_own_row(client, items):
    head = user_with_role("head", DEPARTMENT_HEAD, department=items["dengji"])
    client.force_login(head)
    rows = client.get("/admin/timeliness-report/", {"year": "2026"}).context["rows"]
    assert [row.name for row in rows] == ["登记注册科"]
