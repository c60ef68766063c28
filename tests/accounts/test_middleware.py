"""The idle timeout and the expired-password redirect, through the admin."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.accounts.passwords import password_expired
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
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_EXPIRED).exists()
    expire(editor, 91)
    response = client.get("/")
    assert response.get("Location") != "/admin/account/#password"


@override_settings(AXES_ENABLED=True, PASSWORD_MAX_AGE_DAYS=90)
def test_the_demo_users_log_in_with_the_documented_password_and_are_not_expired():
    from django.test import Client

    from demo.site import DEMO_PASSWORD, load_users

    load_users()
    for username in ("admin", "office", "dengji_editor"):
        client = Client()
        response = client.post("/admin/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/admin/", username
        user = get_user_model().objects.get(username=username)
        assert not password_expired(user), username


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_changing_the_expired_password_on_wagtails_account_page_lets_the_user_back_in():
    editor = user_with_role(
        "editor1", EDITOR, password="Old-Lantern-2025", first_name="小明", last_name="林"
    )
    client = client_for(editor)
    expire(editor, 91)
    page = client.get("/admin/account/")
    data = {}
    for panel in page.context["panels_by_tab"].values():
        for settings_panel in panel:
            form = settings_panel.get_form()
            for field in form:
                value = field.value()
                if value not in (None, "", False):
                    data[field.html_name] = value
    data.update(
        {
            "password-old_password": "Old-Lantern-2025",
            "password-new_password1": "Lantern-Orchid-58",
            "password-new_password2": "Lantern-Orchid-58",
        }
    )
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(
        kind=SecurityEventKind.PASSWORD_CHANGED, user=editor, actor=None
    ).exists()


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_a_weak_new_password_is_refused_on_the_account_page():
    editor = user_with_role("zhifa_editor", EDITOR, password="Old-Lantern-2025")
    client = client_for(editor)
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": "Old-Lantern-2025",
            "password-new_password1": "zhifa2026",
            "password-new_password2": "zhifa2026",
        },
    )
    assert response.status_code == 200
    assert "姓名拼音" in response.content.decode()
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED).exists()
