"""Migration 0008: the article places stored one list an article become one list a field
(markdown_body.ArticleIndex), and back."""

import importlib
import json

import pytest
from django.apps import apps

from disclosure.normative.models import NormativeDocumentPage
from disclosure.publishing import markdown_body
from tests.factories import column, normative_document

migration = importlib.import_module("disclosure.normative.migrations.0008_article_index_by_field")

BODY = "## 第一章 总则\n\n第一条 为了保护消费者。\n\n## 第二章 义务\n\n第二条 经营者应当依法经营。"


@pytest.mark.django_db
def test_stored_places_are_rewritten_one_list_a_field_and_back():
    document = normative_document(column(title="法律法规", slug="laws"), "甲法", "a", BODY)
    one_list_an_article = json.loads(json.dumps(markdown_body.article_spans(BODY)))
    NormativeDocumentPage.objects.filter(pk=document.pk).update(article_index=one_list_an_article)

    migration.by_field(apps, None)
    stored = NormativeDocumentPage.objects.get(pk=document.pk).article_index
    assert stored == markdown_body.ArticleIndex.of(BODY).stored()

    migration.by_article(apps, None)
    assert NormativeDocumentPage.objects.get(pk=document.pk).article_index == one_list_an_article
