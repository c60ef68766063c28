"""/api/openapi.json: a valid OpenAPI 3 document, and the live responses follow it."""

import json
from datetime import date

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from cms.openapi import SEARCH_ERROR_CODES
from disclosure.columns.models import item_models
from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.choices import Validity
from search.filters import FILTER_NAMES
from search.models import Synonym
from tests.factories import article, column, organisation, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.fixture
def pages():
    organisation()
    notices = column(title="通知公告", slug="notices")
    laws = column(title="法律法规", slug="laws")
    article(notices, title="食品安全抽检结果公告", document_number="黔市监通〔2024〕12号")
    article(notices, title="第二季度食品抽检情况通报", publisher="示范市市场监督管理局")
    article(notices, title="中华人民共和国电子商务法")
    law = NormativeDocumentPage(
        title="中华人民共和国食品安全法",
        slug="food-safety-law",
        legal_category="法律",
        version_date=date(2021, 4, 29),
        written_on=date(2021, 4, 29),
        live=False,
    )
    laws.add_child(instance=law)
    return {"law": publish(law)}


def check(document, schema, instance):
    """Validate ``instance`` against ``schema`` (which may use the document's $refs)."""
    root = {**schema, "components": document["components"]}
    validator = OAS31Validator(root, format_checker=OAS31Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def response_schema(document, path, status, method="get"):
    return document["paths"][path][method]["responses"][str(status)]["content"]["application/json"][
        "schema"
    ]


def test_the_document_is_valid_openapi(document):
    validate_spec(document)
    assert document["openapi"].startswith("3.")
    # An ASCII title for client generators (issue #13 item 7); the Chinese name beside it.
    assert document["info"]["title"].isascii()
    assert document["info"]["x-title-zh"] == "政务公开平台接口"
    assert document["servers"] == [{"url": "/"}]
    # The headless API (tests/syndication/test_openapi.py) is in the same document.
    assert set(document["paths"]) >= {
        "/api/search/",
        "/api/search/suggest/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
    }


def test_the_document_matches_the_code(document):
    search = document["paths"]["/api/search/"]["get"]
    params = {p["name"]: p["schema"] for p in search["parameters"]}
    # Every parameter the endpoint accepts (anything else is unknown_parameter), and no other.
    assert set(params) == {"q", "page", "page_size", "sort", *FILTER_NAMES}
    assert params["q"]["maxLength"] == 200
    assert (params["page_size"]["minimum"], params["page_size"]["maximum"]) == (1, 50)
    assert params["sort"]["enum"] == ["relevance", "date", "written"]
    assert params["validity"]["enum"] == [
        "in_force",
        "not_yet_in_force",
        "amended",
        "expired",
        "repealed",
    ]
    assert set(params["type"]["enum"]) == {m._meta.label_lower for m in item_models()}
    assert {"publishing.articlepage", "normative.normativedocumentpage"} <= set(
        params["type"]["enum"]
    )
    error = document["components"]["schemas"]["Error"]["properties"]["error"]
    assert error["properties"]["code"]["enum"] == list(SEARCH_ERROR_CODES)
    assert set(SEARCH_ERROR_CODES) == {
        "empty_query",
        "query_too_long",
        "control_characters",
        "operators_only",
        "bad_sort",
        "bad_page",
        "page_out_of_range",
        "unknown_parameter",
        "bad_filter",
    }
    suggestions = document["components"]["schemas"]["SearchResponse"]["properties"]["suggestions"]
    assert suggestions["maxItems"] == 5


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"q": "抽检"}, True),
        ({"q": "抽检", "sort": "date", "page_size": "1", "page": "2"}, True),
        ({"q": "食品安全法"}, True),
        ({"q": "食品", "type": "normative.normativedocumentpage", "validity": "in_force"}, True),
        ({"q": "食品", "category": "法律", "year": "2021"}, True),
        ({"q": "黔市监通[2024]12号"}, True),
        ({"q": "食品抽检市场不存在的词"}, True),  # relaxed to any word
        ({"q": "抽检", "validity": "repealed"}, False),  # filtered to nothing: suggestions
    ],
)
def test_search_responses_follow_the_schema(client, document, pages, params, found):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content.decode()
    data = json.loads(response.content)
    check(document, response_schema(document, "/api/search/", 200), data)
    assert bool(data["count"]) == found
    assert ("suggestions" in data) == (not found)


def test_a_law_result_carries_its_version_date(client, document, pages):
    data = json.loads(client.get("/api/search/", {"q": "食品安全法"}).content)
    law = next(r for r in data["results"] if r["id"] == pages["law"].pk)
    assert law["type"] == "normative.normativedocumentpage"
    assert law["version_date"] == "2021-04-29"
    assert law["validity"] == Validity.IN_FORCE
    assert law["index_number"] is None  # reference material of another body (issue #14 item 11)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": ""}, "empty_query"),
        ({"q": "食" * 201}, "query_too_long"),
        ({"q": "食品\x01"}, "control_characters"),
        ({"q": "***"}, "operators_only"),
        ({"q": "抽检", "sort": "popularity"}, "bad_sort"),
        ({"q": "抽检", "page": "0"}, "bad_page"),
        ({"q": "抽检", "page_size": "51"}, "bad_page"),
        ({"q": "抽检", "page": "9"}, "page_out_of_range"),
        ({"q": "抽检", "colour": "red"}, "unknown_parameter"),
        ({"q": "抽检", "validity": "valid"}, "bad_filter"),
        ({"q": "抽检", "type": "wagtailcore.page"}, "bad_filter"),
        ({"q": "抽检", "year": "二〇二一"}, "bad_filter"),
    ],
)
def test_search_errors_follow_the_one_error_shape(client, document, pages, params, code):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    data = json.loads(response.content)
    check(document, response_schema(document, "/api/search/", 400), data)
    assert data["error"]["code"] == code
    assert any("\u4e00" <= c <= "\u9fff" for c in data["error"]["message"])
    # Chinese as such, not \\u escapes.
    assert "\\u" not in response.content.decode()


def test_suggest_responses_follow_the_schema(client, document, pages):
    path = "/api/search/suggest/"
    for q in ("抽检", "dianzi", "不存在"):
        response = client.get(path, {"q": q})
        assert response.status_code == 200
        check(document, response_schema(document, path, 200), json.loads(response.content))
    response = client.get(path, {"q": ""})
    assert response.status_code == 400
    check(document, response_schema(document, path, 400), json.loads(response.content))


def test_wagtail_pages_api_follows_the_schema(client, document, pages):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    data = json.loads(response.content)
    check(document, response_schema(document, "/api/v2/pages/", 200), data)
    detail_path = "/api/v2/pages/{id}/"
    response = client.get(f"/api/v2/pages/{pages['law'].pk}/")
    assert response.status_code == 200
    check(document, response_schema(document, detail_path, 200), json.loads(response.content))
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    check(document, response_schema(document, detail_path, 404), json.loads(response.content))
    response = client.get("/api/v2/pages/", {"limit": "x"})
    assert response.status_code == 400
    check(document, response_schema(document, "/api/v2/pages/", 400), json.loads(response.content))


def test_a_question_searched_in_legal_wording_follows_the_schema(client, document, pages):
    Synonym.objects.create(terms="抽查，抽检", kind=Synonym.Kind.EVERYDAY)
    response = client.get("/api/search/", {"q": "抽查结果在哪里看"})
    data = json.loads(response.content)
    check(document, response_schema(document, "/api/search/", 200), data)
    assert data["everyday_words"] == [{"word": "抽查", "legal": ["抽检"]}]
    assert json.loads(client.get("/api/search/", {"q": "抽检"}).content)["everyday_words"] == []
