"""Wagtail's API v2 shows only files used by public pages, and refuses absurd offsets."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import article, pdf_bytes

pytestmark = pytest.mark.django_db


def document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(pdf_bytes("test"), name=f"{title}.pdf")
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
    assert attachment["file_size"] == len(pdf_bytes("test"))


def test_huge_offsets_are_a_400(client, site_columns):
    response = client.get("/api/v2/pages/", {"offset": "92233720368547758070"})
    assert response.status_code == 400


# --- issue #13 items 6 and 7 ------------------------------------------------------------------

SECONDS_LOCAL = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$"


def test_v2_serves_the_public_fields_of_an_item(client, site_columns):
    """`?type=publishing.ArticlePage&fields=*` gave only id, title and meta; `fields=body,
    index_number` was a 400."""
    page = article(site_columns["news"], title="内容开放", body="<p>正文内容</p>")
    listing = client.get("/api/v2/pages/", {"type": "publishing.ArticlePage", "fields": "*"})
    assert listing.status_code == 200
    (item,) = listing.json()["items"]
    assert item["body"] == "<p>正文内容</p>" and item["index_number"] == page.index_number
    chosen = client.get(
        "/api/v2/pages/", {"type": "publishing.ArticlePage", "fields": "body,index_number"}
    )
    assert chosen.status_code == 200
    assert set(chosen.json()["items"][0]) == {"id", "meta", "title", "body", "index_number"}


def test_every_item_type_opens_the_same_fields_in_v2_as_in_items(client, site_columns):
    from disclosure.columns.models import item_models
    from disclosure.publishing.api_fields import METADATA_FIELDS
    from disclosure.syndication.documents import computed_field_names, public_field_names

    for model in item_models():
        declared = [field.name for field in model.api_fields]
        own = [*public_field_names(model), *computed_field_names(model)]
        expected = [*METADATA_FIELDS, "department", "attachments", *own]
        assert declared == expected, model

    page = article(site_columns["news"], title="字段一致")
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    items = client.get(f"/api/items/{page.pk}/").json()
    opened = {*METADATA_FIELDS, "attachments", "body"}
    assert opened <= set(v2)
    assert opened - {"body"} <= set(items) and v2["body"] == items["fields"]["body"]
    assert v2["department"] == items["department"]


def test_v2_errors_have_the_common_shape(client, site_columns):
    bad = client.get("/api/v2/pages/", {"fields": "nonexistent"})
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "bad_request"
    assert bad.json()["error"]["message"].startswith("参数有误")
    missing = client.get("/api/v2/pages/999999/")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "页面不存在或未公开"}}


def test_one_datetime_style_in_items_feed_and_v2(client, site_columns, partner_client):
    import re

    page = article(site_columns["news"], title="时间格式")
    v2 = client.get(f"/api/v2/pages/{page.pk}/", {"fields": "*"}).json()
    assert re.match(SECONDS_LOCAL, v2["meta"]["first_published_at"]), v2["meta"]
    assert re.match(SECONDS_LOCAL, v2["published_at"]), v2["published_at"]
    items = client.get("/api/items/").json()["results"]
    assert re.match(SECONDS_LOCAL, items[0]["modified_at"])
    assert re.match(SECONDS_LOCAL, items[0]["published_at"])
    events = partner_client.get("/api/feed/").json()["events"]
    assert events and all(re.match(SECONDS_LOCAL, e["occurred_at"]) for e in events)


def test_links_to_the_next_page_and_details_name_the_base_host(client, site_columns, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://scjg.example.gov.cn"
    for n in range(3):
        article(site_columns["news"], title=f"翻页{n}")
    data = client.get("/api/items/", {"page_size": 1}, HTTP_HOST="127.0.0.1:8000").json()
    assert data["next"].startswith("https://scjg.example.gov.cn/api/items/?")
    assert data["results"][0]["detail_url"].startswith("https://scjg.example.gov.cn/api/items/")
