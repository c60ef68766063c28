"""Wagtail's site history report is the disclosure office's (issue #11 finding 6): a department's
editor saw every change of every department's pages, with who made it."""

import pytest

from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR, SYSTEM_ADMIN
from tests.factories import article, column, department, organisation, user_with_role

pytestmark = pytest.mark.django_db

URLS = ("/admin/reports/site-history/", "/admin/reports/site-history/results/")


@pytest.fixture
def history():
    organisation()
    article(column(title="监督检查", slug="jdjc", departments=[department("执法支队")]))


def test_an_editor_is_refused_the_report_and_does_not_see_it_in_the_menu(client, history):
    client.force_login(user_with_role("dengji_editor", EDITOR, department=department("登记注册科")))
    for url in URLS:
        assert client.get(url).status_code == 403
    assert "/admin/reports/site-history/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", [DISCLOSURE_OFFICE])
def test_the_office_reads_it(client, history, role):
    client.force_login(user_with_role("office", role))
    for url in URLS:
        assert client.get(url).status_code == 200


def test_the_system_administrator_without_the_office_role_is_refused(client, history):
    client.force_login(user_with_role("sysadmin", SYSTEM_ADMIN))
    assert client.get(URLS[0]).status_code == 403
