"""登录锁定 in the admin: superusers see what is locked and unlock it, recorded."""

import pytest
from django.test import Client, override_settings

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.departments.roles import DISCLOSURE_OFFICE, EDITOR
from tests.factories import client_for, superuser, user_with_role

pytestmark = pytest.mark.django_db

URL = "/admin/security-log/lockouts/"
PASSWORD = "Correct-Horse-2026"  # noqa: S105 - a test account's password


def attempt(username, password, address):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/", {"username": username, "password": password}
    )


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_superuser_sees_the_locks_and_unlocks_an_account():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    for number in range(5):
        attempt("editor1", "wrong", f"10.6.0.{number}")
    admin = superuser("root")
    client = client_for(admin)
    page = client.get(URL).content.decode()
    assert "editor1" in page and "解除锁定" in page and "10.6.0.1" not in page

    response = client.post(URL, {"kind": "username", "value": "editor1"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert "当前没有被锁定" in client.get(URL).content.decode()
    assert attempt("editor1", PASSWORD, "10.6.0.9").status_code == 302
    event = SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_CHANGED)
    assert (event.username, event.actor, event.address) == ("editor1", admin, "10.0.0.1")


def test_only_superusers():
    office = user_with_role("office1", DISCLOSURE_OFFICE)
    assert client_for(office).get(URL).status_code in (302, 403)
    response = client_for(office).post(URL, {"kind": "address", "value": "10.0.0.1"})
    assert response.status_code in (302, 403)
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.ACCOUNT_CHANGED).exists()


def test_a_bad_request_unlocks_nothing():
    client = client_for(superuser("root"))
    response = client.post(URL, {"kind": "is_superuser", "value": "x"}, follow=True)
    assert "请选择要解除的锁定" in response.content.decode()
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.ACCOUNT_CHANGED).exists()
