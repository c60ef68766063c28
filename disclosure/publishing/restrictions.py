"""A view restriction put on or taken off a page is a public change (issue #11).

Putting a restriction on a page (or a column above it) takes every live page below it off the
public record as surely as unpublishing it; taking the restriction off brings them back, and so
does moving a page into or out of a restricted section. For each live, 主动公开 page whose
visibility (:mod:`.visibility`) changes, an outbox event is written from the restriction's
``post_save``/``post_delete`` (Wagtail's ``post_page_move`` for moves), inside the caller's
transaction when there is one: an ``update`` that the feed turns into a tombstone (the page is no
longer public when the feed takes it in), or a ``publish`` when the page becomes public again.
Pages already hidden by another restriction get no event. The read paths also filter on the
restrictions themselves (``disclosure.syndication.projection.public_entries``), so a restriction
whose events are late or missing never shows a hidden page.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from disclosure.outbox.models import ChangeEvent, ChangeKind

from .visibility import is_proactive, is_restricted, restricted_paths, restricted_q

REASON_RESTRICTED = _("设置了访问限制（密码、登录或用户组），不再公开")
REASON_UNRESTRICTED = _("取消了访问限制，恢复公开")
REASON_MOVED_IN = _("移入设有访问限制的栏目，不再公开")
REASON_MOVED_OUT = _("移出设有访问限制的栏目，恢复公开")


def affected_pages(restriction):
    """The live, 主动公开 pages at and below the restricted page that no other restriction
    hides: those whose visibility this restriction decides."""
    root = Page.objects.filter(pk=restriction.page_id).values_list("path", flat=True).first()
    if root is None:
        return []
    return _live_pages_below(root, restricted_paths(exclude=restriction.pk))


def _live_pages_below(root, hiding_paths):
    """The live, 主动公开 pages at and below the path ``root`` that none of ``hiding_paths``
    hides."""
    pages = (
        Page.objects.filter(path__startswith=root, live=True)
        .exclude(restricted_q(paths=hiding_paths))
        .order_by("path")
        .specific()
    )
    return [page for page in pages if is_proactive(page)]


def record_visibility_change(restriction, hidden):
    """Write the outbox event of every page whose visibility ``restriction`` changed:
    ``hidden`` after it was put on, visible again after it was taken off."""
    reason = REASON_RESTRICTED if hidden else REASON_UNRESTRICTED
    record_events(affected_pages(restriction), hidden, reason)


def record_events(pages, hidden, reason):
    """An event for each of ``pages``, which just became ``hidden`` (or visible again)."""
    with transaction.atomic():
        for page in pages:
            if hidden:
                ChangeEvent.record(page, ChangeKind.UPDATE, page.live_revision, reason=str(reason))
            else:
                ChangeEvent.record(
                    page, ChangeKind.PUBLISH, page.live_revision, reason=str(reason), keep_kind=True
                )


def on_restriction_saved(sender, instance, created, raw=False, **kwargs):
    # Changing a restriction's type (password → login) changes nothing for the public.
    if created and not raw:
        record_visibility_change(instance, hidden=True)


def on_restriction_deleted(sender, instance, **kwargs):
    record_visibility_change(instance, hidden=False)


def on_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A page moved out of or into a restricted section: its subtree changes visibility, except
    where a restriction inside the subtree (which moved with it) hides it anyway."""
    paths = restricted_paths()
    parents = Page.objects.in_bulk([parent_page_before.pk, parent_page_after.pk])
    before = is_restricted(parents[parent_page_before.pk], paths)
    after = is_restricted(parents[parent_page_after.pk], paths)
    if before != after:
        inside = [path for path in paths if path.startswith(instance.path)]
        reason = REASON_MOVED_IN if after else REASON_MOVED_OUT
        record_events(_live_pages_below(instance.path, inside), after, reason)


def connect():
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="publishing_restricted"
    )
    post_delete.connect(
        on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="publishing_unrestricted"
    )
    post_page_move.connect(on_page_moved, dispatch_uid="publishing_moved_restricted")
