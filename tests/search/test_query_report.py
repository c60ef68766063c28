"""站内搜索 → 检索统计: top and zero-result queries of a period, with CSV export."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.admin_views import top_queries, zero_result_queries
from search.models import QueryLog
from tests.factories import superuser

pytestmark = pytest.mark.django_db

URL = "/admin/search/report/"


def log(query, result_count, days_ago=0, n=1):
    """``n`` searches of ``query`` on one day: one row with its counts."""
    when = timezone.now() - timedelta(days=days_ago)
    QueryLog.objects.create(
        query=query,
        result_count=result_count,
        results_total=result_count * n,
        searches=n,
        day=timezone.localtime(when).date(),
        last_seen=when,
    )


@pytest.fixture
def logs():
    log("食品安全", 12, n=3)
    log("食品安全", 8, days_ago=2)
    log("政府信息公开指南", 5, days_ago=1, n=2)
    log("电子商物法", 0, days_ago=3, n=2)
    log('=HYPERLINK("http://x")', 0, days_ago=1)
    log("去年的检索", 0, days_ago=20, n=5)
    log("很久以前", 4, days_ago=60, n=9)


@pytest.fixture
def admin_client(client):
    client.force_login(superuser())
    return client


def test_each_report_is_one_aggregation_query(logs):
    since = timezone.now() - timedelta(days=7)
    with CaptureQueriesContext(connection) as queries:
        top = top_queries(since)
    assert len(queries) == 1
    # Most searched first, then the most recently searched.
    assert [(r["query"], r["searches"]) for r in top] == [
        ("食品安全", 4),
        ("政府信息公开指南", 2),
        ("电子商物法", 2),
        ('=HYPERLINK("http://x")', 1),
    ]
    assert top[0]["average_results"] == pytest.approx(11)
    with CaptureQueriesContext(connection) as queries:
        zero = zero_result_queries(since)
    assert len(queries) == 1
    assert [r["query"] for r in zero] == ["电子商物法", '=HYPERLINK("http://x")']


def test_the_report_page_lists_the_period(admin_client, logs):
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "检索统计" in html
    # 30 days by default: the query of 20 days ago, not the one of 60.
    assert "去年的检索" in html
    assert "很久以前" not in html
    assert "11.0" in html  # the average number of results of 食品安全

    html = admin_client.get(URL, {"days": "7"}).content.decode()
    assert "食品安全" in html and "电子商物法" in html
    assert "去年的检索" not in html

    html = admin_client.get(URL, {"days": "90"}).content.decode()
    assert "很久以前" in html
    # An unsupported period falls back to the default.
    assert "去年的检索" in admin_client.get(URL, {"days": "1000"}).content.decode()


def test_csv_exports(admin_client, logs):
    response = admin_client.get(URL, {"days": "7", "export": "top"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["检索词", "检索次数", "平均结果数", "最近检索时间"]
    assert rows[1][:3] == ["食品安全", "4", "11.0"]
    assert "很久以前" not in text

    response = admin_client.get(URL, {"days": "30", "export": "zero"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[0] == ["检索词", "检索次数", "最近检索时间"]
    queries = {row[0]: row[1] for row in rows[1:]}
    assert queries["去年的检索"] == "5"
    assert queries["电子商物法"] == "2"
    # A query typed by the public is never read as a spreadsheet formula.
    assert queries['\'=HYPERLINK("http://x")'] == "1"
    assert "食品安全" not in queries


def sidebar_item(html):
    """The report's entry in the sidebar props (JSON, non-ASCII escaped), or None."""
    start = html.find('"name": "search-query-report"')
    return html[start : html.find("]", start)] if start >= 0 else None


def test_the_menu_offers_the_report_in_the_search_group(admin_client):
    html = admin_client.get("/admin/").content.decode()
    item = sidebar_item(html)
    assert json.dumps("检索统计") in item
    assert f'"url": "{URL}"' in item
    # In the 站内搜索 group, after its model admins.
    group = html.find(json.dumps("站内搜索"))
    assert 0 <= group < html.find(json.dumps("检索记录")) < html.find(item)


def test_the_report_needs_the_permission(client, logs):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("editor", password="pw")
    group = Group.objects.create(name="报表读者")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(URL).status_code == 302  # Wagtail's "permission denied" redirect
    assert client.get(URL, {"export": "zero"}).status_code == 302
    assert sidebar_item(client.get("/admin/").content.decode()) is None

    group.permissions.add(Permission.objects.get(codename="view_querylog"))
    user = get_user_model().objects.get(pk=user.pk)  # no cached permissions
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "电子商物法" in response.content.decode()
    assert sidebar_item(client.get("/admin/").content.decode())


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
