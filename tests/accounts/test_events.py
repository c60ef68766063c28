import pytest
from django.test import RequestFactory

from disclosure.accounts.events import record
from disclosure.accounts.models import SecurityEvent, SecurityEventKind
from disclosure.departments.roles import EDITOR, SYSTEM_ADMIN
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_an_event_keeps_who_from_where_and_survives_the_account():
    editor = user_with_role("editor1", EDITOR)
    admin = user_with_role("admin1", SYSTEM_ADMIN)
    request = RequestFactory().post("/admin/", HTTP_USER_AGENT="Chromium", REMOTE_ADDR="10.0.0.9")
    request.user = admin
    event = record(SecurityEventKind.GROUPS_CHANGED, request=request, user=editor, added=["x"])
    assert (event.username, event.actor_username, event.address) == (
        "editor1",
        "admin1",
        "10.0.0.9",
    )
    assert event.user_agent == "Chromium" and event.detail == {"added": ["x"]}
    editor.delete()
    event.refresh_from_db()
    assert event.user is None and event.username == "editor1"


def test_a_failed_login_names_the_account_tried_and_the_log_is_append_only():
    event = record(SecurityEventKind.LOGIN_FAILED, username="nobody")
    assert event.user is None and event.username == "nobody" and event.actor is None
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
    assert SecurityEvent.objects.filter(username="nobody").count() == 1
