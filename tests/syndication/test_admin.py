"""后台 → 开放接口: partners, API keys (shown once), deliveries with re-send, attempts."""

import re

import pytest
from django.contrib.messages import get_messages

from disclosure.syndication import projection, webhooks
from disclosure.syndication.models import ApiKey, DeliveryAttempt, Partner, WebhookDelivery
from tests.factories import article, superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser()
    client.login(username="admin", password="pw")
    return client


def test_partner_is_registered_with_its_event_kinds(admin_client):
    response = admin_client.post(
        "/admin/partners/new/",
        {
            "name": "省集约化平台",
            "contact": "",
            "active": "on",
            "rate_limit": "600",
            "webhook_url": "https://platform.example/hook",
            "event_kinds": ["unpublish", "withdraw"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get(name="省集约化平台")
    assert partner.event_kinds == ["unpublish", "withdraw"]
    assert len(partner.webhook_secret) == 64
    assert admin_client.get("/admin/partners/").status_code == 200


def test_api_key_is_shown_once_and_stored_hashed(admin_client, partner):
    response = admin_client.post("/admin/api_keys/new/", {"partner": partner.pk, "label": "生产"})
    assert response.status_code == 302
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    raw = re.search(r"dk_[A-Za-z0-9_-]+", message).group(0)
    key = ApiKey.objects.get(partner=partner)
    assert raw not in (key.key_hash, key.key_prefix)
    assert ApiKey.lookup(raw) == key
    assert admin_client.get("/admin/api_keys/").status_code == 200


def test_delivery_can_be_resent_from_the_admin(admin_client, site_columns, monkeypatch):
    partner = Partner.objects.create(name="资源库", webhook_url="https://receiver.example/hook")
    article(site_columns["news"])
    projection.sync()
    sent = []

    def fake_send(url, body, headers, timeout):
        sent.append(headers["Idempotency-Key"])
        return 204

    monkeypatch.setattr(webhooks, "http_send", fake_send)
    delivery = WebhookDelivery.objects.get(partner=partner)
    assert admin_client.get("/admin/webhook_deliveries/").status_code == 200
    confirm = admin_client.get(f"/admin/webhook_deliveries/resend/{delivery.pk}/")
    assert confirm.status_code == 200
    assert "重新发送" in confirm.content.decode()
    response = admin_client.post(f"/admin/webhook_deliveries/resend/{delivery.pk}/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.last_status_code == 204
    assert sent == [delivery.idempotency_key]
    assert DeliveryAttempt.objects.get(delivery=delivery).manual
    assert admin_client.get("/admin/webhook_attempts/").status_code == 200
