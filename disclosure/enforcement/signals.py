"""The publicity end (第13条) is set as the page's ``expire_at`` at every publication, computed
from the FIRST publication: a correction republishes the page but does not restart the period.
Expiry itself (unpublish, outbox ``expire``) is ``publish_scheduled``'s job; the page and its
revisions stay in the admin."""

from wagtail.signals import page_published

from . import rules


def set_publicity_end(sender, instance, revision=None, **kwargs):
    if not instance.live:
        return
    ends_at = rules.notice_publicity_ends_at(instance)
    if ends_at and instance.expire_at != ends_at:
        type(instance).objects.filter(pk=instance.pk).update(expire_at=ends_at)
        instance.expire_at = ends_at
        if revision is not None:
            content = dict(revision.content)
            content["expire_at"] = ends_at.isoformat()
            type(revision).objects.filter(pk=revision.pk).update(content=content)


def connect():
    from .models import PenaltyNoticePage

    page_published.connect(
        set_publicity_end, sender=PenaltyNoticePage, dispatch_uid="enforcement_publicity_end"
    )
