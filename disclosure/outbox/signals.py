from wagtail.signals import page_published, page_unpublished

from .models import ChangeEvent, ChangeKind


def on_page_published(sender, instance, revision=None, **kwargs):
    # Wagtail sends ``page_published`` also when a first publish is only scheduled
    # (go_live_at in the future, the page stays not live): nothing public has changed yet;
    # the event is written when ``publish_scheduled`` makes the page live.
    if not instance.live:
        return
    ChangeEvent.record(instance, ChangeKind.PUBLISH, revision=revision)


def on_page_unpublished(sender, instance, **kwargs):
    kind = (
        ChangeKind.EXPIRE
        if instance.expired
        else getattr(instance, "_unpublish_kind", ChangeKind.UNPUBLISH)
    )
    ChangeEvent.record(instance, kind, reason=getattr(instance, "_unpublish_reason", ""))


def connect():
    page_published.connect(on_page_published, dispatch_uid="outbox_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="outbox_page_unpublished")
