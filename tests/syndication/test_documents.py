"""What goes out about an item: only declared public fields; the hash is about content."""

import pytest

from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing.models import ArticlePage
from disclosure.syndication import documents
from tests.factories import article

pytestmark = pytest.mark.django_db


def test_only_declared_fields_are_public(monkeypatch):
    assert documents.public_field_names(ArticlePage) == ["body"]
    names = documents.public_field_names(NormativeDocumentPage)
    assert "effective_on" in names and "body" in names
    assert "corpus_id" not in names and "content_hash" not in names
    # A page type's own api_fields decide; names that are not fields are ignored.
    monkeypatch.setattr(
        ArticlePage, "api_fields", ["summary", "body", "no_such_field"], raising=False
    )
    assert documents.public_field_names(ArticlePage) == ["body"]


def test_hash_follows_content_not_location_or_bookkeeping(site_columns):
    page = article(site_columns["news"], title="原标题", body="<p>一</p>")
    before = documents.content_hash(page)
    page.last_published_at = None
    page.url_path = "/elsewhere/"
    assert documents.content_hash(page) == before
    page.body = "<p>二</p>"
    assert documents.content_hash(page) != before
