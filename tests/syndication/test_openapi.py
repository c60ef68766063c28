"""The one OpenAPI document covers the headless API, and live responses follow it."""

import json

import pytest
from django.test import Client
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from disclosure.syndication.openapi import ERROR_CODES
from tests.factories import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return json.loads(client.get("/api/openapi.json").content)


def check(document, path, status, data, method="get"):
    schema = document["paths"][path][method]["responses"][str(status)]["content"]
    schema = next(iter(schema.values()))["schema"]
    root = {**schema, "components": document["components"]}
    validator = OAS31Validator(root, format_checker=OAS31Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_document_is_valid_and_covers_every_endpoint(document):
    validate_spec(document)
    assert {
        "/api/search/",
        "/api/search/suggest/",
        "/api/items/",
        "/api/items/{id}/",
        "/api/columns/",
        "/api/columns/{id}/rss/",
        "/api/columns/{id}/atom/",
        "/api/feed/",
        "/api/export/catalogue.json",
        "/api/export/catalogue.csv",
    } <= set(document["paths"])
    codes = document["components"]["schemas"]["ApiError"]["properties"]["error"]["properties"]
    assert codes["code"]["enum"] == list(ERROR_CODES)


def test_responses_follow_the_document(client, api_key, document, site_columns):
    partner_client = Client(HTTP_AUTHORIZATION=f"Bearer {api_key}")
    page = article(site_columns["sub"], title="抽检公告", body="<p>正文</p>")
    page.unpublish()
    page = article(site_columns["sub"], title="抽检公告二")
    data = json.loads(client.get("/api/items/", {"page_size": 1}).content)
    check(document, "/api/items/", 200, data)
    check(
        document, "/api/items/{id}/", 200, json.loads(client.get(f"/api/items/{page.pk}/").content)
    )
    check(document, "/api/items/{id}/", 404, json.loads(client.get("/api/items/1/").content))
    check(document, "/api/columns/", 200, json.loads(client.get("/api/columns/").content))
    check(document, "/api/feed/", 200, json.loads(partner_client.get("/api/feed/").content))
    check(document, "/api/feed/", 401, json.loads(client.get("/api/feed/").content))
    check(document, "/api/items/", 400, json.loads(client.get("/api/items/", {"x": 1}).content))
    exported = json.loads(b"".join(client.get("/api/export/catalogue.json").streaming_content))
    check(document, "/api/export/catalogue.json", 200, exported)


def test_the_webhook_is_documented(client):
    # Issue #13 item 2: an OpenAPI 3.1 `webhooks` section with the signature, the 5-minute
    # tolerance and de-duplication on the signed position.
    document = json.loads(client.get("/api/openapi.json").content)
    hook = document["webhooks"]["changeEvent"]["post"]
    assert hook["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FeedEvent"
    }
    headers = {p["name"] for p in hook["parameters"] if p["in"] == "header"}
    assert {"X-Disclosure-Timestamp", "X-Disclosure-Signature", "Idempotency-Key"} <= headers
    assert "5 分钟" in hook["description"] and "position" in hook["description"]


def test_the_type_filter_is_a_comma_list_and_v2_media_are_documented(client):
    """Issue #13 items 6 and 7: a generated client can send several types; the v2 images and
    documents are in the document."""
    document = client.get("/api/openapi.json").json()
    (param,) = [
        p for p in document["paths"]["/api/items/"]["get"]["parameters"] if p["name"] == "type"
    ]
    assert param["schema"]["type"] == "array"
    assert (param["style"], param["explode"]) == ("form", False)
    for path in (
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
    ):
        assert path in document["paths"], path
