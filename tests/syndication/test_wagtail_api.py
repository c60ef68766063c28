"""Wagtail's API v2 shows only files used by public pages, and refuses absurd offsets."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import article

pytestmark = pytest.mark.django_db


def document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title}.pdf")
    )


def test_only_documents_of_public_pages_are_listed(client, site_columns):
    public, private = document("公开附件"), document("未脱敏原件")
    article(site_columns["news"], attachments=[("document", public)])
    article(site_columns["news"], publish=False, attachments=[("document", private)])
    data = json.loads(client.get("/api/v2/documents/").content)
    assert [item["id"] for item in data["items"]] == [public.pk]
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404


def test_public_item_lists_its_attachment_with_checksum(client, site_columns):
    public = document("附件")
    page = article(site_columns["news"], attachments=[("document", public)])
    data = json.loads(client.get(f"/api/items/{page.pk}/").content)
    (attachment,) = data["attachments"]
    assert attachment["id"] == public.pk
    assert attachment["sha1"] and len(attachment["sha1"]) == 40
    assert attachment["file_size"] == len(b"%PDF-1.4 test")


def test_huge_offsets_are_a_400(client, site_columns):
    response = client.get("/api/v2/pages/", {"offset": "92233720368547758070"})
    assert response.status_code == 400
