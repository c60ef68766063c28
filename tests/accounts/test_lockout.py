"""Lockout through the real Wagtail login view (POST /admin/login/), axes on as in production."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from disclosure.accounts.lockout import unlock
from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.departments.roles import EDITOR
from tests.factories import superuser, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

PASSWORD = "Correct-Horse-2026"  # noqa: S105 - a test account's password


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5):
        yield


def attempt(username, password, address="10.1.1.1"):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/", {"username": username, "password": password}
    )


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_thirty_wrong_passwords_then_the_right_one_is_refused_and_the_lockout_logged():
    user_with_role("zhifa_editor", EDITOR, password=PASSWORD)
    for number in range(30):
        response = attempt("zhifa_editor", f"wrong-{number}")
        assert not logged_in(response)
    response = attempt("zhifa_editor", PASSWORD)
    assert not logged_in(response)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "15 分钟" in page and 'name="password"' in page
    locked = SecurityEvent.objects.filter(kind=SecurityEventKind.LOCKED_OUT)
    assert locked.count() == 1
    event = locked.get()
    assert (event.username, event.user.username, event.address) == (
        "zhifa_editor",
        "zhifa_editor",
        "10.1.1.1",
    )
    assert event.detail["failures_of_account"] == 5 and event.detail["limit"] == 5
    failed = SecurityEvent.objects.filter(kind=SecurityEventKind.LOGIN_FAILED)
    assert failed.count() == 31
    assert all("wrong" not in str(detail) for detail in failed.values_list("detail", flat=True))
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.LOGIN).exists()


def test_the_account_is_locked_from_every_address():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    for number in range(5):
        attempt("editor1", "wrong", address=f"10.2.0.{number}")
    assert not logged_in(attempt("editor1", PASSWORD, address="10.9.9.9"))


def test_one_address_is_locked_across_several_accounts():
    for number in range(6):
        user_with_role(f"user{number}", EDITOR, password=PASSWORD)
    for number in range(5):
        attempt(f"user{number}", "wrong", address="10.3.3.3")
    # An account not tried yet, with its right password, from the locked address: refused.
    assert not logged_in(attempt("user5", PASSWORD, address="10.3.3.3"))
    # From another address it logs in.
    assert logged_in(attempt("user5", PASSWORD, address="10.4.4.4"))
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOCKED_OUT)
    assert event.address == "10.3.3.3" and event.detail["failures_of_address"] == 5


@override_settings(TRUSTED_PROXIES=["192.168.0.1"])
def test_behind_the_proxy_the_client_address_is_counted_not_the_proxy():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    for number in range(5):
        Client(REMOTE_ADDR="192.168.0.1", HTTP_X_FORWARDED_FOR=f"10.5.0.{number}").post(
            "/admin/login/", {"username": f"nobody{number}", "password": "wrong"}
        )
    # Five clients behind one proxy, one failure each: none of them is locked.
    response = Client(REMOTE_ADDR="192.168.0.1", HTTP_X_FORWARDED_FOR="10.5.0.9").post(
        "/admin/login/", {"username": "editor1", "password": PASSWORD}
    )
    assert logged_in(response)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        f"10.5.0.{number}" for number in range(5)
    }


def test_the_cool_off_ends():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    for _number in range(5):
        attempt("editor1", "wrong")
    assert not logged_in(attempt("editor1", PASSWORD))
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert logged_in(attempt("editor1", PASSWORD))


def test_a_superuser_unlocks_an_account_and_it_is_recorded():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    admin = superuser("root")
    for _number in range(5):
        attempt("editor1", "wrong")
    call_command("unlock_login", username="editor1", by="root")
    assert logged_in(attempt("editor1", PASSWORD))
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_CHANGED)
    assert event.username == "editor1" and event.actor == admin
    assert event.detail == {"unlocked": {"username": "editor1"}, "attempts_removed": 1}


def test_a_superuser_unlocks_an_address():
    for number in range(6):
        user_with_role(f"user{number}", EDITOR, password=PASSWORD)
    admin = superuser("root")
    for number in range(5):
        attempt(f"user{number}", "wrong", address="10.3.3.3")
    assert not logged_in(attempt("user5", PASSWORD, address="10.3.3.3"))
    assert unlock(address="10.3.3.3", actor=admin) == 6
    assert logged_in(attempt("user5", PASSWORD, address="10.3.3.3"))
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_CHANGED)
    assert event.detail["unlocked"] == {"address": "10.3.3.3"} and event.actor == admin


def test_only_a_superuser_may_unlock():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    with pytest.raises(CommandError, match="不是有效的超级管理员"):
        call_command("unlock_login", username="editor1", by="editor1")
    with pytest.raises(CommandError, match="请指定"):
        superuser("root")
        call_command("unlock_login", by="root")


def test_a_good_login_still_works_and_axes_keeps_no_access_log():
    from axes.models import AccessLog

    user_with_role("editor1", EDITOR, password=PASSWORD)
    assert logged_in(attempt("editor1", PASSWORD))
    assert not AccessLog.objects.exists()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.LOGIN, username="editor1").exists()
