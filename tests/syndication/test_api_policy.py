"""One policy for all of /api/ (issue #11 finding 6, issue #13 item 5): the search, suggest,
Wagtail's API v2 and the OpenAPI document are rate-limited like the project's API views, with
the IETF RateLimit headers, CORS on every answer and on document downloads; behind a trusted
proxy the client is the address the proxy names."""

import pytest
from django.test import RequestFactory

from disclosure.syndication.access import client_address

pytestmark = pytest.mark.django_db

ROUTES = [
    "/api/search/?q=食品",
    "/api/search/suggest/?q=食品",
    "/api/v2/pages/",
    "/api/openapi.json",
]


@pytest.mark.parametrize("url", ROUTES)
def test_every_api_route_is_limited_with_ratelimit_headers(client, settings, url):
    settings.API_RATE_LIMIT_ANONYMOUS = 2
    first = client.get(url, HTTP_ORIGIN="https://partner.example")
    assert first["RateLimit-Limit"] == "2" and first["RateLimit-Remaining"] == "1"
    assert first["Access-Control-Allow-Origin"] == "*"
    client.get(url)
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0


def test_documents_carry_cors(client):
    response = client.get("/documents/999999/none.pdf", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("10.0.0.5", "203.0.113.9", [], "10.0.0.5"),  # no proxy trusted: the header is ignored
        ("10.0.0.5", "203.0.113.9", ["10.0.0.0/8"], "203.0.113.9"),
        ("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.7", ["10.0.0.0/8"], "203.0.113.9"),
        ("192.0.2.1", "203.0.113.9", ["10.0.0.0/8"], "192.0.2.1"),  # a client forging it
    ],
)
def test_the_client_behind_a_trusted_proxy(settings, remote, forwarded, trusted, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
