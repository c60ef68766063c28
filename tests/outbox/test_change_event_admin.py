"""The outbox in the admin: listed and inspected, never added, edited or deleted."""

import pytest
from django.contrib.auth import get_user_model

from disclosure.outbox.models import ChangeEvent, ChangeKind
from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(user)
    return client


def test_the_outbox_lists_and_inspects(admin_client):
    organisation()
    page = article(column(title="通知公告", slug="notices"), title="一则通知")
    event = ChangeEvent.objects.filter(object_id=page.pk, kind=ChangeKind.PUBLISH).first()
    response = admin_client.get("/admin/change_events/")
    assert response.status_code == 200
    assert "一则通知" in response.content.decode()
    assert admin_client.get(f"/admin/change_events/inspect/{event.pk}/").status_code == 200


def test_nobody_edits_or_deletes_events(admin_client):
    organisation()
    page = article(column(title="通知公告", slug="notices"), title="一则通知")
    event = ChangeEvent.objects.filter(object_id=page.pk).first()
    assert admin_client.get(f"/admin/change_events/edit/{event.pk}/").status_code in (302, 403)
    assert admin_client.post(f"/admin/change_events/delete/{event.pk}/").status_code in (302, 403)
    assert ChangeEvent.objects.filter(pk=event.pk).exists()
