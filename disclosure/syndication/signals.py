from django.db import transaction
from django.db.models.signals import post_save

from disclosure.outbox.models import ChangeEvent


def on_change_event(sender, instance, created, **kwargs):
    """After the transaction that wrote an outbox event commits, take it into the feed."""
    if not created:
        return
    from .tasks import sync_feed

    transaction.on_commit(sync_feed.enqueue)


def connect():
    post_save.connect(on_change_event, sender=ChangeEvent, dispatch_uid="syndication_sync_feed")
