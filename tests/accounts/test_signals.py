"""Every account event lands in the security log with the right account, actor and address."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.departments.roles import EDITOR
from tests.factories import client_for, superuser, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-2026"  # noqa: S105 - a test account's password


def events(kind):
    return SecurityEvent.objects.filter(kind=kind).order_by("pk")


def test_login_failed_login_and_logout_through_wagtail():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    client = Client(REMOTE_ADDR="10.0.0.5", HTTP_USER_AGENT="Firefox")
    client.post("/admin/login/", {"username": "editor1", "password": "not-it"})
    client.post("/admin/login/", {"username": "ghost", "password": "not-it-either"})
    client.post("/admin/login/", {"username": "editor1", "password": PASSWORD})
    client.post("/admin/logout/")

    failed = list(events(SecurityEventKind.LOGIN_FAILED))
    assert [(e.username, e.user_id is not None, e.address) for e in failed] == [
        ("editor1", True, "10.0.0.5"),
        ("ghost", False, "10.0.0.5"),
    ]
    assert all("not-it" not in str(e.detail) for e in failed)
    login = events(SecurityEventKind.LOGIN).get()
    assert (login.username, login.actor, login.user_agent) == ("editor1", None, "Firefox")
    logout = events(SecurityEventKind.LOGOUT).get()
    assert logout.username == "editor1" and logout.address == "10.0.0.5"


def test_account_created_changed_password_and_deleted_with_the_admin_as_actor():
    admin = superuser("root")
    client = client_for(admin)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newcomer",
            "email": "newcomer@example.com",
            "first_name": "新",
            "last_name": "人",
            "password1": "Lantern-Orchid-58",
            "password2": "Lantern-Orchid-58",
            "is_active": "on",
        },
        REMOTE_ADDR="10.0.0.7",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = events(SecurityEventKind.USER_CREATED).get(username="newcomer")
    assert created.actor == admin and created.address == "10.0.0.7"
    assert created.detail == {"is_active": True, "is_staff": False, "is_superuser": False}

    user = get_user_model().objects.get(username="newcomer")
    user.set_password("Another-Lantern-59")
    user.save()
    changed = events(SecurityEventKind.PASSWORD_CHANGED).get(username="newcomer")
    assert changed.actor is None and "Lantern" not in str(changed.detail)

    user.is_superuser = True
    user.is_active = False
    user.save()
    flags = events(SecurityEventKind.ACCOUNT_CHANGED).get(username="newcomer")
    assert flags.detail == {"changes": {"is_active": [True, False], "is_superuser": [False, True]}}

    user.delete()
    deleted = events(SecurityEventKind.USER_DELETED).get()
    assert deleted.username == "newcomer" and deleted.user is None


def test_a_login_saves_last_login_without_an_account_event():
    user_with_role("editor1", EDITOR, password=PASSWORD)
    Client().post("/admin/login/", {"username": "editor1", "password": PASSWORD})
    assert not events(SecurityEventKind.ACCOUNT_CHANGED).exists()
    assert not events(SecurityEventKind.PASSWORD_CHANGED).exists()


def test_groups_in_both_directions_and_cleared():
    editor = user_with_role("editor1", EDITOR)
    group = Group.objects.create(name="临时组")
    editor.groups.add(group)
    group.user_set.remove(editor)
    editor.groups.add(group)
    editor.groups.clear()
    logged = [e.detail for e in events(SecurityEventKind.GROUPS_CHANGED).filter(username="editor1")]
    assert logged[-4:-1] == [{"added": ["临时组"]}, {"removed": ["临时组"]}, {"added": ["临时组"]}]
    # clear() names every group the account was in (its role's too).
    assert "临时组" in logged[-1]["removed"] and len(logged[-1]["removed"]) == 2


def test_permissions_of_a_user_and_of_a_group():
    editor = user_with_role("editor1", EDITOR)
    first_pk = SecurityEvent.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    permission = Permission.objects.get(codename="add_user")
    editor.user_permissions.add(permission)
    group = Group.objects.create(name="临时组")
    group.permissions.add(permission)
    permission.group_set.remove(group)
    logged = events(SecurityEventKind.PERMISSIONS_CHANGED).filter(pk__gt=first_pk)
    user_event, group_added, group_removed = logged
    assert user_event.detail == {"added": ["auth.add_user"]}
    assert group_added.detail == {"group": "临时组", "added": ["auth.add_user"]}
    assert group_removed.detail == {"group": "临时组", "removed": ["auth.add_user"]}


def test_the_actor_of_a_group_change_in_the_admin():
    admin = superuser("root")
    editor = user_with_role("editor1", EDITOR)
    group = Group.objects.create(name="临时组")
    response = client_for(admin).post(
        f"/admin/users/edit/{editor.pk}/",
        {
            "username": "editor1",
            "email": "editor1@example.com",
            "first_name": "登记",
            "last_name": "陈",
            "is_active": "on",
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    event = events(SecurityEventKind.GROUPS_CHANGED).filter(username="editor1").last()
    assert event.actor == admin
    assert "临时组" in str(event.detail)
