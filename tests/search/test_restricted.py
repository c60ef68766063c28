"""A page under a view restriction (on itself or a column above it) is found by no public search
path: the search API, the portal's search page, suggestions and editors' picks (issue #11)."""

import json

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.factories import article, column, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    organisation()
    notices = column(title="通知公告", slug="notices")
    sub = column(parent=notices, title="抽检公告", slug="sampling")
    return {
        "notices": notices,
        "sub": sub,
        "restricted": article(sub, title="反垄断执法内部通报"),
        "public": article(notices, title="反垄断执法工作动态"),
    }


def found(client, query):
    search = json.loads(client.get("/api/search/", {"q": query}).content)["results"]
    suggest = json.loads(client.get("/api/search/suggest/", {"q": query}).content)
    portal = client.get("/search/", {"q": query}).content.decode()
    return (
        {r["title"] for r in search},
        {s["title"] for s in suggest["suggestions"]},
        portal,
    )


@pytest.mark.parametrize("where", ["restricted", "sub", "notices"])
def test_a_restricted_page_is_not_found(client, pages, where):
    SearchPromotion.objects.create(
        query=Query.get("反垄断执法"), page=pages["restricted"], sort_order=0
    )
    PageViewRestriction.objects.create(
        page=pages[where], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    search, suggest, portal = found(client, "反垄断执法")
    assert "反垄断执法内部通报" not in search | suggest
    assert "反垄断执法内部通报" not in portal
    if where == "restricted":
        assert "反垄断执法工作动态" in search and "反垄断执法工作动态" in suggest
