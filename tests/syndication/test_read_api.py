"""The read API: public items with catalogue metadata, filters, ordering, cursors, 304s."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from disclosure.publishing.choices import Validity
from disclosure.publishing.models import Topic
from tests.factories import article

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    return response, (json.loads(response.content) if response.content else None)


def all_items(client, **params):
    seen, cursor = [], None
    while True:
        query = dict(params, page_size=2)
        if cursor:
            query["cursor"] = cursor
        response, data = get(client, "/api/items/", **query)
        assert response.status_code == 200, data
        seen += data["results"]
        cursor = data["next_cursor"]
        if not cursor:
            return seen


def test_list_shows_public_items_with_catalogue_metadata(client, site_columns):
    topic = Topic.objects.create(name="食品安全", code="food")
    page = article(
        site_columns["sub"],
        title="2026年第一期食品抽检公告",
        document_number="示市监通〔2026〕3号",
        publisher="示范市市场监督管理局",
        written_on=dt.date(2026, 1, 5),
        topic=topic,
        summary="抽检结果",
        body="<p>正文</p>",
    )
    article(site_columns["news"], title="草稿", publish=False)
    response, data = get(client, "/api/items/")
    assert response.status_code == 200
    assert [item["id"] for item in data["results"]] == [page.pk]
    item = data["results"][0]
    assert item["index_number"] == page.index_number and item["index_number"]
    assert item["document_number"] == "示市监通〔2026〕3号"
    assert item["publisher"] == "示范市市场监督管理局"
    assert item["written_on"] == "2026-01-05"
    assert item["topic"] == {"code": "food", "name": "食品安全"}
    assert item["disclosure_attribute"] == "proactive"
    assert item["validity"] == Validity.IN_FORCE
    assert [c["title"] for c in item["columns"]] == ["通知公告", "抽检公告"]
    # The column's department first, then those of the columns above it.
    assert [d["name"] for d in item["departments"]] == ["政策法规科", "办公室"]
    assert item["type"] == "publishing.articlepage"
    assert len(item["content_hash"]) == 64
    assert item["url"].endswith("/notices/sampling/" + page.slug + "/")


def test_detail_has_fields_and_etag(client, site_columns):
    page = article(site_columns["news"], title="工作动态一", body="<p>内容</p>")
    response, data = get(client, f"/api/items/{page.pk}/")
    assert response.status_code == 200
    assert data["fields"]["body"] == "<p>内容</p>"
    assert data["attachments"] == []
    etag = response["ETag"]
    again = client.get(f"/api/items/{page.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    since = client.get(f"/api/items/{page.pk}/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    listing = client.get("/api/items/")
    assert client.get("/api/items/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_unpublished_and_draft_items_are_not_found(client, site_columns):
    page = article(site_columns["news"])
    page.unpublish()
    draft = article(site_columns["news"], publish=False)
    for pk in (page.pk, draft.pk, 999999):
        response, data = get(client, f"/api/items/{pk}/")
        assert response.status_code == 404
        assert data["error"]["code"] == "not_found"
    assert get(client, "/api/items/")[1]["results"] == []


def test_cursor_pages_cover_everything_once(client, site_columns):
    pages = [article(site_columns["news"], title=f"信息{i}") for i in range(5)]
    seen = all_items(client)
    assert sorted(item["id"] for item in seen) == sorted(p.pk for p in pages)
    ascending = all_items(client, ordering="published_at")
    assert [i["id"] for i in ascending] == [i["id"] for i in reversed(seen)]


def test_filters(client, site_columns):
    old = article(site_columns["sub"], title="旧", written_on=dt.date(2020, 1, 1))
    new = article(site_columns["news"], title="新", validity=Validity.REPEALED)
    ids = lambda **p: {i["id"] for i in all_items(client, **p)}  # noqa: E731
    assert ids(column=site_columns["notices"].pk) == {old.pk}
    assert ids(department=site_columns["office"].pk) == {old.pk, new.pk}
    assert ids(department=site_columns["law"].pk) == {old.pk}
    assert ids(validity="repealed") == {new.pk}
    assert ids(type="publishing.articlepage") == {old.pk, new.pk}
    assert ids(written_to="2020-12-31") == {old.pk}
    today = timezone.localdate().isoformat()
    assert ids(published_from=today, published_to=today) == {old.pk, new.pk}
    assert ids(modified_since=(timezone.now() + dt.timedelta(hours=1)).isoformat()) == set()


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"colour": "red"}, "unknown_parameter"),
        ({"published_from": "2026-13-01"}, "bad_filter"),
        ({"published_from": "yesterday"}, "bad_filter"),
        ({"modified_since": "2026-02-30T00:00"}, "bad_filter"),
        ({"type": "auth.user"}, "bad_filter"),
        ({"validity": "maybe"}, "bad_filter"),
        ({"column": "0"}, "bad_filter"),
        ({"column": "99999999"}, "bad_filter"),
        ({"department": "x"}, "bad_filter"),
        ({"page_size": "1000"}, "bad_page_size"),
        ({"page_size": "0"}, "bad_page_size"),
        ({"ordering": "title"}, "bad_ordering"),
        ({"cursor": "never-issued"}, "bad_cursor"),
    ],
)
def test_bad_input_is_a_400_in_the_error_shape(client, site_columns, params, code):
    response, data = get(client, "/api/items/", **params)
    assert response.status_code == 400
    assert data["error"]["code"] == code
    assert data["error"]["message"]


def test_cursor_from_other_filters_is_refused(client, site_columns):
    for i in range(3):
        article(site_columns["news"], title=f"信息{i}")
    cursor = get(client, "/api/items/", page_size=1)[1]["next_cursor"]
    response, data = get(client, "/api/items/", cursor=cursor, ordering="published_at")
    assert response.status_code == 400
    assert data["error"]["code"] == "bad_cursor"


def test_non_public_attribute_never_appears(client, site_columns):
    page = article(site_columns["news"], title="公开")
    from disclosure.syndication import projection

    # A proactive item published, then forced to 依申请公开 in the database behind the admin's
    # back: the read model drops it when it is next refreshed.
    type(page).objects.filter(pk=page.pk).update(disclosure_attribute="on_request")
    projection.refresh_entry(page.pk)
    assert get(client, f"/api/items/{page.pk}/")[0].status_code == 404


def test_columns_and_feeds(client, site_columns):
    page = article(site_columns["sub"], title="抽检公告一", summary="摘要")
    response, data = get(client, "/api/columns/")
    assert response.status_code == 200
    by_title = {c["title"]: c for c in data["results"]}
    assert by_title["抽检公告"]["parent_id"] == site_columns["notices"].pk
    rss = client.get(f"/api/columns/{site_columns['notices'].pk}/rss/")
    assert rss.status_code == 200
    assert "抽检公告一" in rss.content.decode()
    atom = client.get(f"/api/columns/{site_columns['notices'].pk}/atom/")
    assert atom.status_code == 200
    assert "http://www.w3.org/2005/Atom" in atom.content.decode()
    # Issue #13 item 7: entry ids are IRIs (RFC 4287 §4.2.6), tag: URIs (RFC 4151).
    import re
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [
        e.findtext("a:id", namespaces=ns)
        for e in ET.fromstring(atom.content).findall("a:entry", ns)
    ]
    assert ids[0].endswith(f":item:{page.pk}") and all(
        re.fullmatch(r"tag:[a-z0-9.\-]+,\d{4}-\d{2}-\d{2}:item:\d+", i) for i in ids
    )
    assert ids and all(re.fullmatch(r"tag:[a-z0-9.\-]+,\d{4}-\d{2}-\d{2}:item:\d+", i) for i in ids)
    missing = client.get("/api/columns/999999/rss/")
    assert missing.status_code == 404
    assert json.loads(missing.content)["error"]["code"] == "not_found"


def test_exports(client, site_columns):
    page = article(site_columns["news"], title="导出测试", document_number="示市监通〔2026〕9号")
    response = client.get("/api/export/catalogue.json")
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    assert [item["id"] for item in data] == [page.pk]
    csv_response = client.get("/api/export/catalogue.csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("ID,类型,标题,索引号,文号")
    assert "示市监通〔2026〕9号" in row and page.index_number in row


def test_reference_laws_are_no_part_of_the_catalogue_export(client, site_columns):
    # Issue #14 item 11: a law of another body is published without the bureau's 索引号 and is
    # left out of the bureau's catalogue; the read API still carries it.
    from disclosure.normative.models import NormativeDocumentPage
    from tests.factories import publish

    own = article(site_columns["news"], title="本局信息")
    law = NormativeDocumentPage(
        title="中华人民共和国食品安全法",
        slug="food-safety-law",
        live=False,
        publisher="全国人民代表大会常务委员会",
        issued_here=False,
    )
    site_columns["news"].add_child(instance=law)
    law = publish(law)
    assert law.index_number is None and law.live
    exported = json.loads(b"".join(client.get("/api/export/catalogue.json").streaming_content))
    assert [item["id"] for item in exported] == [own.pk]
    assert client.get(f"/api/items/{law.pk}/").status_code == 200


@pytest.mark.parametrize("public_reason", [True, False])
def test_a_withdrawn_item_is_410_with_its_reason_and_the_feed_carries_it(
    client, partner_client, site_columns, public_reason
):
    # Issue #13 item 4: the portal gave 410 and the reason, the API a bare 404 and tombstone.
    from disclosure.publishing.withdrawal import withdraw
    from disclosure.syndication import projection

    page = article(site_columns["news"], title="将撤回的信息")
    withdraw(page, user=None, reason="处罚决定已撤销", public_reason=public_reason)
    projection.sync()
    response = client.get(f"/api/items/{page.pk}/")
    assert response.status_code == 410
    body = response.json()
    assert body["error"]["code"] == "withdrawn"
    assert body["reason"] == ("处罚决定已撤销" if public_reason else None)
    assert body["withdrawn_at"].endswith("+08:00")
    events = partner_client.get("/api/feed/").json()["events"]
    withdrawn = [e for e in events if e["kind"] == "withdraw"]
    assert withdrawn[-1]["withdrawal"] == {
        "withdrawn_at": body["withdrawn_at"],
        "reason": body["reason"],
    }
    assert all(e["withdrawal"] is None for e in events if e["kind"] != "withdraw")
