"""The change feed: append-only, in commit order, with tombstones; a partner that replays it
from the start rebuilds exactly what the read API shows (issue #7, "done when")."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from disclosure.publishing.choices import Validity
from disclosure.publishing.withdrawal import withdraw
from disclosure.syndication import projection
from disclosure.syndication.models import FeedEntry
from tests.factories import article, publish_revision, superuser

pytestmark = pytest.mark.django_db


def read_feed(client, after=0, limit=3):
    """Follow the feed like a partner: page by ``next_after`` until ``has_more`` is false."""
    events = []
    while True:
        response = client.get("/api/feed/", {"after": after, "limit": limit})
        assert response.status_code == 200, response.content
        data = json.loads(response.content)
        events += data["events"]
        after = data["next_after"]
        if not data["has_more"]:
            return events, after


def rebuild(events, state=None):
    """A partner's local copy: id → content hash; tombstones delete."""
    state = dict(state or {})
    for event in events:
        if event["tombstone"]:
            state.pop(event["id"], None)
        else:
            state[event["id"]] = event["content_hash"]
    return state


def read_api_state(client):
    state, cursor = {}, None
    while True:
        params = {"page_size": 2}
        if cursor:
            params["cursor"] = cursor
        data = json.loads(client.get("/api/items/", params).content)
        state.update({item["id"]: item["content_hash"] for item in data["results"]})
        cursor = data["next_cursor"]
        if not cursor:
            return state


def edit(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    publish_revision(page.save_revision())
    return type(page).objects.get(pk=page.pk)


def test_replay_from_the_start_rebuilds_the_public_state(client, partner_client, site_columns):
    call_command("import_corpus", "--limit", "4", "--no-progress")
    news, sub = site_columns["news"], site_columns["sub"]
    kept = article(news, title="保留", body="<p>一</p>")
    edited = edit(article(news, title="修改前"), title="修改后", body="<p>改</p>")
    unpublished = article(sub, title="撤下")
    unpublished.unpublish()
    withdrawn = article(sub, title="撤回")
    withdraw(withdrawn, user=superuser(), reason="信息有误")
    expired = article(news, title="到期")
    expired.unpublish(set_expired=True)
    republished = article(news, title="再发布")
    republished.unpublish()
    publish_revision(republished.get_latest_revision())
    draft = article(news, title="草稿", publish=False)
    restricted = article(news, title="设访问限制")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    unrestricted = article(sub, title="取消访问限制")
    restriction = PageViewRestriction.objects.create(
        page=unrestricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    # A partner follows the feed halfway, the site changes, the partner continues.
    first, position = read_feed(partner_client)
    edit(kept, validity=Validity.AMENDED)
    restriction.delete()
    rest, _position = read_feed(partner_client, after=position)
    events = first + rest

    replayed = rebuild(events)
    api = read_api_state(client)
    assert replayed == api
    assert kept.pk in api and edited.pk in api and republished.pk in api
    assert unrestricted.pk in api
    for gone in (unpublished, withdrawn, expired, draft, restricted):
        assert gone.pk not in api
    assert {e["kind"] for e in events} >= {"publish", "update", "unpublish", "withdraw", "expire"}
    positions = [e["position"] for e in events]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    tombstone = next(e for e in events if e["kind"] == "withdraw")
    assert tombstone["document"] is None and tombstone["content_hash"] is None
    # Replaying once more from the start gives the same state (the feed is append-only).
    assert rebuild(read_feed(partner_client, limit=50)[0]) == api


def test_the_feed_needs_a_valid_key(client, site_columns, api_key):
    response = client.get("/api/feed/")
    assert response.status_code == 401
    assert json.loads(response.content)["error"]["code"] == "api_key_required"
    response = client.get("/api/feed/", HTTP_AUTHORIZATION="Bearer dk_not-a-key")
    assert response.status_code == 401
    assert json.loads(response.content)["error"]["code"] == "invalid_api_key"
    response = client.get("/api/feed/", HTTP_X_API_KEY=api_key)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"after": "-1"}, "bad_cursor"),
        ({"after": "abc"}, "bad_cursor"),
        ({"after": "999999"}, "bad_cursor"),
        ({"limit": "100000"}, "bad_page_size"),
        ({"since": "1"}, "unknown_parameter"),
    ],
)
def test_feed_bad_input(partner_client, site_columns, params, code):
    response = partner_client.get("/api/feed/", params)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["code"] == code


def test_late_commits_get_later_positions(site_columns):
    """Positions follow the order events became visible, not outbox ids: an event that
    committed late with a lower id (two transactions on PostgreSQL) comes after what a reader
    already has, so a reader paging by position never misses it."""
    from disclosure.outbox.models import ChangeEvent, ChangeKind

    early = article(site_columns["news"], title="一")
    late = article(site_columns["news"], title="二")
    projection.sync()
    head = FeedEntry.objects.order_by("-position").first().position
    template = ChangeEvent.objects.filter(object_id=late.pk).first()

    def event(pk, page):
        # bulk_create: the model's save() refuses a row with its id already set.
        ChangeEvent.objects.bulk_create(
            [
                ChangeEvent(
                    pk=pk,
                    kind=ChangeKind.UPDATE,
                    content_type=template.content_type,
                    object_id=page.pk,
                    title=page.title,
                    revision_id=page.live_revision_id,
                )
            ]
        )

    top = ChangeEvent.objects.order_by("-pk").first().pk
    event(top + 10, early)  # committed first
    projection.sync()
    event(top + 5, late)  # a lower id, committed later
    projection.sync()
    new = list(
        FeedEntry.objects.filter(position__gt=head)
        .order_by("position")
        .values_list("event_id", flat=True)
    )
    assert new == [top + 10, top + 5]
    # Syncing again takes in nothing and writes nothing.
    count = FeedEntry.objects.count()
    assert projection.sync() == 0 and FeedEntry.objects.count() == count


def test_feed_entries_are_append_only(site_columns):
    article(site_columns["news"])
    projection.sync()
    entry = FeedEntry.objects.first()
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_restricted_item_is_a_tombstone_in_the_feed(client, partner_client, site_columns):
    from wagtail.models import PageViewRestriction

    page = article(site_columns["news"], title="内部")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    edit(page, title="内部（修改）")
    events = [e for e in read_feed(partner_client)[0] if e["id"] == page.pk]
    assert events[-1]["kind"] == "update" and events[-1]["tombstone"]
    assert page.pk not in read_api_state(client)
    assert rebuild(read_feed(partner_client)[0]) == read_api_state(client)
