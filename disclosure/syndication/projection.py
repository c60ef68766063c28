"""Consume the outbox into the feed and the read model, in commit order.

The outbox is written in the transaction of every publish, update, unpublish, expiry and
withdrawal (``design.md``, "Contracts"). :func:`sync` takes in every event it has not seen
yet — one cheap count tells whether there is any — gives it the next feed position, records a
snapshot of the item's metadata and its content hash (from the event's revision, which never
changes), brings the item's :class:`~.models.CatalogueEntry` up to date and queues the webhook
deliveries. It runs after every commit that wrote an event (a task), before every API request,
and from ``manage.py syndication_sync``; running it twice does nothing the second time.

Why positions and not outbox ids: on PostgreSQL, two transactions can commit in the opposite
order of their ids; a reader that had already passed the higher id would miss the lower one.
Positions are handed out under a lock to what has committed, so the feed only ever grows at its
end.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from disclosure.columns.models import item_models
from disclosure.outbox.models import LIVE_KINDS, ChangeEvent
from disclosure.publishing import visibility

from . import documents, webhooks
from .models import CatalogueEntry, FeedEntry, Partner, SyncState, WebhookDelivery

logger = logging.getLogger(__name__)

BATCH = 500


def item_content_type_ids():
    return {ct.pk for ct in ContentType.objects.get_for_models(*item_models()).values()}


def pending():
    """True when the outbox has events the feed has not taken in."""
    state = SyncState.objects.filter(pk=1).values_list("ingested_events", flat=True).first()
    return ChangeEvent.objects.count() != (state or 0)


def sync(batch=BATCH, only_if_pending=True):
    """Take in every new outbox event; returns how many were taken in."""
    if only_if_pending and not pending():
        return 0
    total = 0
    while True:
        try:
            done = _sync_batch(batch)
        except IntegrityError:
            # Another process took the same events in first: nothing is lost, its
            # transaction wrote them.
            logger.info("Feed sync raced with another process; leaving it to that one")
            break
        total += done
        if done < batch:
            break
    # Webhooks are sent by the delivery worker (``manage.py deliver_webhooks --loop``), never
    # in the request that published: a partner that hangs or is down cannot slow publishing.
    return total


def _sync_batch(batch):
    item_types = item_content_type_ids()
    with transaction.atomic():
        # Write first: on SQLite this takes the database's write lock before anything is read
        # (so two processes cannot take in the same events); on PostgreSQL it locks the row.
        if not SyncState.objects.filter(pk=1).update(updated_at=timezone.now()):
            SyncState.objects.get_or_create(pk=1)
        state = SyncState.objects.select_for_update().get(pk=1)
        events = list(ChangeEvent.objects.filter(feed_entry__isnull=True).order_by("pk")[:batch])
        page_ids = {e.object_id for e in events if e.content_type_id in item_types}
        pages = public_pages(page_ids)
        # Live but not public (behind a view restriction): its events carry no document and
        # count as tombstones, as the read API does not show it.
        hidden = set(
            Page.objects.filter(pk__in=page_ids, live=True).values_list("pk", flat=True)
        ) - set(pages)
        partners = [p for p in Partner.objects.filter(active=True) if p.webhook_url]
        for event in events:
            is_item = event.content_type_id in item_types
            entry = FeedEntry(
                event=event,
                kind=event.kind,
                page_id=event.object_id,
                content_type_id=event.content_type_id,
                is_item=is_item,
            )
            if is_item and event.kind in LIVE_KINDS and event.object_id not in hidden:
                page = snapshot_page(event, pages.get(event.object_id))
                if page is not None:
                    entry.document = documents.metadata(page)
                    entry.content_hash = documents.content_hash(page)
            entry.save()
            if is_item:
                for partner in partners:
                    if partner.wants(event.kind):
                        WebhookDelivery.objects.create(
                            partner=partner,
                            entry=entry,
                            idempotency_key=f"{partner.pk}-{entry.position}",
                            next_attempt_at=webhooks.clock.now(),
                        )
        for page_id in page_ids:
            refresh_entry(page_id, pages.get(page_id))
        state.ingested_events = FeedEntry.objects.count()
        state.updated_at = timezone.now()
        state.save()
    return len(events)


def public_pages(page_ids):
    """The publicly visible items among ``page_ids`` (:mod:`disclosure.publishing.visibility`),
    by id (specific)."""
    paths = visibility.restricted_paths()
    pages = Page.objects.filter(pk__in=page_ids).live().specific()
    return {page.pk: page for page in pages if visibility.is_publicly_visible(page, paths)}


def public_entries():
    """The read model's rows of the items that are publicly visible now: the read model is
    kept from the feed; this also leaves out an item whose view restriction the feed has not
    taken in yet (or that was written without signals)."""
    return CatalogueEntry.objects.exclude(visibility.restricted_q("page__path"))


def snapshot_page(event, live_page=None):
    """The item as the event published it: the event's revision (the live page when that
    revision is the live one), else the live page."""
    if live_page is not None and event.revision_id in (None, live_page.live_revision_id):
        return live_page
    if event.revision_id:
        revision = Revision.objects.filter(pk=event.revision_id).first()
        if revision is not None:
            try:
                return revision.as_object()
            except Exception:  # noqa: BLE001 - a revision of a type since removed
                logger.warning("Revision %s cannot be read for feed entry", event.revision_id)
    return live_page


def refresh_entry(page_id, page=None):
    """Make the read model's row for one page match the page now (``page``: the page if it
    is public, already loaded)."""
    if page is None:
        page = public_pages([page_id]).get(page_id)
    if page is None:
        CatalogueEntry.objects.filter(page_id=page_id).delete()
        return
    CatalogueEntry.objects.update_or_create(
        page_id=page_id,
        defaults={
            "content_type_id": page.content_type_id,
            "published_at": page.published_at or page.first_published_at or timezone.now(),
            "modified_at": page.last_published_at or page.first_published_at or timezone.now(),
            "written_on": page.written_on,
            "validity": page.validity or "",
            "topic_id": page.topic_id,
            "content_hash": documents.content_hash(page),
            "revision_id": page.live_revision_id,
            "document": documents.metadata(page),
        },
    )


def rebuild():
    """Recompute every read-model row from the live pages (after a restore, or a page move)."""
    live_ids = set(Page.objects.live().type(*item_models()).values_list("pk", flat=True)) | set(
        CatalogueEntry.objects.values_list("page_id", flat=True)
    )
    ordered = sorted(live_ids)
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        with transaction.atomic():
            pages = public_pages(chunk)
            for page_id in chunk:
                refresh_entry(page_id, pages.get(page_id))
    return len(live_ids)
