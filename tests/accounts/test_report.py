"""安全日志 in the admin: who may read it, its filters, its CSV and xlsx exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import RequestFactory
from django.utils import timezone

from disclosure.accounts.events import record
from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.wagtail_hooks import register_security_log_menu_item
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR, SYSTEM_ADMIN
from tests.factories import client_for, superuser, user_with_role

pytestmark = pytest.mark.django_db

URL = "/admin/security-log/"


@pytest.fixture
def log():
    SecurityEvent.objects.all().delete()
    record(SecurityEventKind.LOGIN_FAILED, username="zhifa_editor", detail_note="=cmd|x")
    SecurityEvent.objects.update(address="10.9.0.1")
    record(SecurityEventKind.LOCKED_OUT, username="zhifa_editor")
    old = record(SecurityEventKind.LOGIN, username="chen")
    SecurityEvent.objects.filter(pk=old.pk).update(
        occurred_at=timezone.now() - datetime.timedelta(days=40), address="10.8.0.2"
    )


def test_only_the_office_and_superusers_read_it(log):
    assert client_for(superuser("root")).get(URL).status_code == 200
    office = user_with_role("office1", DISCLOSURE_OFFICE)
    assert client_for(office).get(URL).status_code == 200
    for role in (EDITOR, SYSTEM_ADMIN):
        response = client_for(user_with_role(f"{role}1", role)).get(URL)
        assert response.status_code in (302, 403)


def test_the_menu_item_and_chinese_labels(log):
    office = user_with_role("office1", DISCLOSURE_OFFICE)
    editor = user_with_role("editor1", EDITOR)
    item = register_security_log_menu_item()
    request = RequestFactory().get("/admin/")
    request.user = office
    assert item.is_shown(request) and str(item.label) == "安全日志"
    request.user = editor
    assert not item.is_shown(request)
    client = client_for(superuser("root"))
    page = client.get(URL).content.decode()
    for label in ("安全日志", "事件", "用户名", "来源地址", "账号或地址被锁定", "登录失败"):
        assert label in page


def test_filters(log):
    client = client_for(superuser("root"))

    def rows(**query):
        page = client.get(URL + "results/", query).content.decode()
        return page.count("<tr>") - 1

    base = SecurityEvent.objects.count()
    assert rows() == base
    assert rows(kind="locked_out") == 1
    assert rows(username="zhifa") == 2
    assert rows(address="10.8.") == 1
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert rows(occurred_at_after=since, username="") == base - 1


def test_csv_and_xlsx_exports(log):
    client = client_for(superuser("root"))
    response = client.get(URL, {"export": "csv", "kind": "login_failed"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["时间", "事件", "用户名", "操作人", "来源地址", "浏览器标识", "详情"]
    assert table[1][1:3] == ["登录失败", "zhifa_editor"] and table[1][4] == "10.9.0.1"
    # A detail that looks like a formula is never one in the spreadsheet.
    assert not table[1][6].startswith("=")

    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("时间", "事件", "用户名")
    assert {row[1] for row in values[1:]} >= {"登录失败", "账号或地址被锁定", "登录成功"}
