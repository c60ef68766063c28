"""What a reviewer compares: the revision under review against the last published one."""

from django.urls import reverse

LOG_PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def last_published_revision(page):
    """The revision last made live (also after an unpublish or withdrawal), or ``None``."""
    if page.live_revision_id:
        return page.live_revision
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page=page, action__in=LOG_PUBLISH_ACTIONS)
        .exclude(revision=None)
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def changes_url(page, revision=None):
    """Wagtail's side-by-side comparison of the last published revision with ``revision`` (the
    latest by default), every field of the edit form included (the 目录信息 tab too); for an
    item never published, the preview of the revision itself."""
    revision = revision or page.get_latest_revision()
    if revision is None:
        return ""
    published = last_published_revision(page)
    if published is not None and published.pk != revision.pk:
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={
                "pk": page.pk,
                "revision_id_a": published.pk,
                "revision_id_b": revision.pk,
            },
        )
    return reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])


def is_first_publication(page):
    return last_published_revision(page) is None


__all__ = ["changes_url", "is_first_publication", "last_published_revision"]
