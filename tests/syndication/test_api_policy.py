"""One policy for all of /api/ (issue #11 finding 6, issue #13 item 5): the search, suggest,
Wagtail's API v2 and the OpenAPI document are rate-limited like the project's API views, with
the IETF RateLimit headers, CORS on every answer and on document downloads. (Behind a trusted
proxy the client is the address the proxy names: tests/test_client_address.py.)"""

import pytest

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


def test_an_endpoint_without_its_slash_is_redirected(client):
    # Issue #13 item 7: /api/items was a JSON 404.
    response = client.get("/api/items?page_size=5")
    assert response.status_code == 301
    assert response["Location"] == "/api/items/?page_size=5"
    assert client.get("/api/nothing-here").status_code == 404


@pytest.mark.parametrize("url", ["/api/items/", "/api/columns/", *ROUTES])
def test_every_json_answer_names_its_charset(client, url):
    response = client.get(url)
    assert response["Content-Type"].replace(" ", "") == "application/json;charset=utf-8"


def test_api_answers_are_compressed_when_the_client_accepts_it(client):
    # Issue #13 item 5: a 100-item page was 71 KB uncompressed.
    from tests.factories import article, column, organisation

    organisation()
    notices = column(title="通知公告", slug="notices")
    for n in range(30):
        article(notices, title=f"压缩测试信息 {n}", summary="摘要" * 40)
    response = client.get("/api/items/", {"page_size": 100}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    portal = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in portal
