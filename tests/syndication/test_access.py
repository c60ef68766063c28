"""Access: public reads, per-key rate limits with clear 429s, CORS, GET only."""

import json

import pytest
from django.test import override_settings

from disclosure.syndication.models import ApiKey
from tests.factories import article

pytestmark = pytest.mark.django_db


@override_settings(API_RATE_LIMIT_ANONYMOUS=3)
def test_anonymous_clients_are_limited_per_address(client, site_columns):
    for _ in range(3):
        response = client.get("/api/items/")
        assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "3"
    assert response["X-RateLimit-Remaining"] == "0"
    response = client.get("/api/items/")
    assert response.status_code == 429
    data = json.loads(response.content)
    assert data["error"]["code"] == "rate_limited"
    assert "每分钟最多 3 次" in data["error"]["message"]
    assert int(response["Retry-After"]) >= 1
    # Another address has its own budget.
    assert client.get("/api/items/", REMOTE_ADDR="10.0.0.9").status_code == 200


@override_settings(API_RATE_LIMIT_ANONYMOUS=1)
def test_the_budget_renews_in_the_next_minute(client, site_columns, monkeypatch):
    from disclosure.syndication import access

    monkeypatch.setattr(access, "now", lambda: 1_800_000_059.5)
    client.get("/api/items/")
    refused = client.get("/api/items/")
    assert refused.status_code == 429 and refused["Retry-After"] == "1"
    monkeypatch.setattr(access, "now", lambda: 1_800_000_060.5)
    assert client.get("/api/items/").status_code == 200


@override_settings(API_RATE_LIMIT_ANONYMOUS=1)
def test_a_partner_key_has_its_own_higher_limit(client, site_columns, partner, api_key):
    client.get("/api/items/")
    assert client.get("/api/items/").status_code == 429
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}
    for _ in range(5):
        response = client.get("/api/items/", **auth)
        assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == str(partner.rate_limit)


def test_bad_or_revoked_keys_are_refused_not_ignored(client, site_columns, partner):
    key, raw = ApiKey.issue(partner)
    assert client.get("/api/items/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    key.revoked = True
    key.save()
    response = client.get("/api/items/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert json.loads(response.content)["error"]["code"] == "invalid_api_key"
    assert client.get("/api/items/", HTTP_X_API_KEY="x" * 500).status_code == 401


def test_only_get(client, site_columns):
    response = client.post("/api/items/")
    assert response.status_code == 405
    assert json.loads(response.content)["error"]["code"] == "method_not_allowed"
    assert client.head("/api/items/").status_code == 200


@override_settings(API_CORS_ALLOWED_ORIGINS=["https://gov.example.cn"])
def test_cors_is_configurable(client, site_columns):
    article(site_columns["news"])
    allowed = client.get("/api/items/", HTTP_ORIGIN="https://gov.example.cn")
    assert allowed["Access-Control-Allow-Origin"] == "https://gov.example.cn"
    other = client.get("/api/items/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        "/api/feed/",
        HTTP_ORIGIN="https://gov.example.cn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]


def test_any_origin_by_default(client, site_columns):
    response = client.get("/api/items/", HTTP_ORIGIN="https://any.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_api_paths_are_json_404s(client, site_columns):
    for path in ("/api/nothing/", "/api/v2/pages/null,null/"):
        response = client.get(path)
        assert response.status_code == 404
        assert json.loads(response.content)["error"]["code"] == "not_found"
