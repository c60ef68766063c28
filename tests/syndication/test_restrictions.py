"""A view restriction (password, login, groups) on an item or a column above it takes the item
off every public endpoint of the project, with a tombstone in the feed; taking the restriction
off brings it back with a publish event (issue #11, finding 1)."""

import json

import pytest
from wagtail.models import PageViewRestriction

from disclosure.outbox.models import ChangeEvent
from disclosure.syndication import projection
from tests.factories import article
from tests.syndication.test_feed import read_api_state, read_feed, rebuild

pytestmark = pytest.mark.django_db


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")


def public_endpoints(client, site_columns, page):
    """What each anonymous endpoint shows of ``page``: ``{endpoint: shown}``."""
    items = json.loads(client.get("/api/items/", {"page_size": 100}).content)["results"]
    export = json.loads(b"".join(client.get("/api/export/catalogue.json").streaming_content))
    csv = b"".join(client.get("/api/export/catalogue.csv").streaming_content).decode("utf-8-sig")
    shown = {
        "detail": client.get(f"/api/items/{page.pk}/").status_code == 200,
        "list": page.pk in {item["id"] for item in items},
        "export.json": page.pk in {item["id"] for item in export},
        "export.csv": page.index_number in csv,
    }
    for name in ("notices", "sub"):
        for feed in ("rss", "atom"):
            response = client.get(f"/api/columns/{site_columns[name].pk}/{feed}/")
            shown[f"{name}.{feed}"] = (
                response.status_code == 200
                and f":item:{page.pk}<" in response.content.decode()  # its tag: id / guid
            )
    return shown


@pytest.mark.parametrize("where", ["item", "column", "column above"])
def test_a_restricted_item_leaves_every_endpoint_and_comes_back(
    client, partner_client, site_columns, where
):
    page = article(site_columns["sub"], title="抽检公告（设访问限制）", body="<p>正文</p>")
    kept = article(site_columns["sub"], title="抽检公告（公开）")
    assert all(public_endpoints(client, site_columns, page).values())
    restricted = {"item": page, "column": site_columns["sub"], "column above": None}[where]
    restriction = restrict(restricted or site_columns["notices"], PageViewRestriction.LOGIN)

    assert client.get(f"/api/items/{page.pk}/").status_code == 404
    assert not any(public_endpoints(client, site_columns, page).values())
    events = [e for e in read_feed(partner_client)[0] if e["id"] == page.pk]
    assert events[-1]["tombstone"] and events[-1]["document"] is None
    assert rebuild(read_feed(partner_client)[0]) == read_api_state(client)
    if where == "item":
        # The column is still public, with its other items.
        assert public_endpoints(client, site_columns, kept)["sub.rss"]

    restriction.delete()
    assert all(public_endpoints(client, site_columns, page).values())
    events = [e for e in read_feed(partner_client)[0] if e["id"] == page.pk]
    assert events[-1]["kind"] == "publish" and not events[-1]["tombstone"]
    assert events[-1]["content_hash"] == events[0]["content_hash"]
    assert rebuild(read_feed(partner_client)[0]) == read_api_state(client)


def test_one_event_per_change_of_visibility(site_columns):
    page = article(site_columns["sub"], title="抽检公告")
    draft = article(site_columns["sub"], title="草稿", publish=False)
    before = ChangeEvent.objects.count()
    last_pk = ChangeEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    on_item = restrict(page)
    assert ChangeEvent.objects.count() == before + 1
    # The item is hidden already: a restriction on its column changes nothing for it.
    on_column = restrict(site_columns["sub"])
    events = ChangeEvent.objects.filter(pk__gt=last_pk)
    assert [e.object_id for e in events] == [page.pk, site_columns["sub"].pk]
    assert draft.pk not in {e.object_id for e in events}
    on_item.delete()
    assert ChangeEvent.objects.count() == before + 2
    on_column.delete()
    last = ChangeEvent.objects.order_by("-pk")[:2]
    assert {e.object_id for e in last} == {page.pk, site_columns["sub"].pk}
    assert {e.kind for e in last} == {"publish"}
    # A restriction changed from password to login: nothing changes for the public.
    restriction = restrict(page)
    count = ChangeEvent.objects.count()
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    assert ChangeEvent.objects.count() == count


def test_the_read_endpoints_hide_a_restriction_the_feed_has_not_taken_in(client, site_columns):
    """A restriction written without signals (bulk) is still honoured by the read paths."""
    page = article(site_columns["sub"], title="抽检公告")
    projection.sync()
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert not any(public_endpoints(client, site_columns, page).values())


def test_a_restricted_column_has_no_public_feed(client, site_columns):
    article(site_columns["sub"], title="抽检公告")
    restrict(site_columns["notices"])
    for name in ("notices", "sub"):
        assert client.get(f"/api/columns/{site_columns[name].pk}/rss/").status_code == 404
    assert client.get(f"/api/columns/{site_columns['news'].pk}/rss/").status_code == 200


def test_moving_an_item_into_or_out_of_a_restricted_column(client, partner_client, site_columns):
    page = article(site_columns["news"], title="工作动态（将移动）")
    restrict(site_columns["sub"], PageViewRestriction.LOGIN)
    projection.sync()
    page.move(site_columns["sub"], pos="last-child")
    assert client.get(f"/api/items/{page.pk}/").status_code == 404
    events = [e for e in read_feed(partner_client)[0] if e["id"] == page.pk]
    assert events[-1]["tombstone"]
    assert rebuild(read_feed(partner_client)[0]) == read_api_state(client)

    page.refresh_from_db()
    site_columns["news"].refresh_from_db()
    page.move(site_columns["news"], pos="last-child")
    assert client.get(f"/api/items/{page.pk}/").status_code == 200
    events = [e for e in read_feed(partner_client)[0] if e["id"] == page.pk]
    assert events[-1]["kind"] == "publish" and not events[-1]["tombstone"]
    assert rebuild(read_feed(partner_client)[0]) == read_api_state(client)
