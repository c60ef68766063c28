"""The idle timeout and the expired-password redirect, through the admin."""

import datetime
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.sessions import LAST_ACTIVITY
from disclosure.departments.roles import EDITOR
from tests.factories import client_for, user_with_role

pytestmark = pytest.mark.django_db


def set_last_activity(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time()) - seconds_ago
    session.save()


@override_settings(STAFF_IDLE_TIMEOUT_SECONDS=1800)
def test_an_idle_staff_user_is_logged_out_with_the_reason_on_the_login_page():
    editor = user_with_role("editor1", EDITOR)
    client = client_for(editor)
    assert client.get("/admin/").status_code == 200
    assert LAST_ACTIVITY in client.session

    set_last_activity(client, 1700)
    assert client.get("/admin/").status_code == 200

    set_last_activity(client, 1801)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/pages/")
    login_page = client.get(response["Location"]).content.decode()
    assert "30 分钟没有操作" in login_page
    assert client.get("/admin/").status_code == 302  # logged out for good
    event = SecurityEvent.objects.get(kind=SecurityEventKind.IDLE_TIMEOUT)
    assert event.user == editor and event.detail == {}
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.LOGOUT).exists()


def test_the_session_lasts_at_most_a_working_day():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def expire(user, days):
    SecurityEvent.objects.filter(user=user).update(
        occurred_at=timezone.now() - datetime.timedelta(days=days)
    )


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_an_expired_password_leads_to_the_change_page_only():
    editor = user_with_role("editor1", EDITOR)
    client = client_for(editor)
    assert client.get("/admin/").status_code == 200
    expire(editor, 91)

    for path in ("/admin/", "/admin/pages/", "/admin/reports/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/account/#password"
    account = client.get("/admin/account/")
    assert account.status_code == 200 and "90 天未更换" in account.content.decode()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_EXPIRED).count() == 1

    editor.set_password("Lantern-Orchid-58")
    editor.save()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_a_fresh_account_is_not_expired_and_the_portal_is_not_redirected():
    editor = user_with_role("editor1", EDITOR)
    client = client_for(editor)
    assert client.get("/admin/").status_code == 200
    expire(editor, 91)
    assert client.get("/").status_code != 302 or client.get("/")["Location"] != "/admin/account/"
