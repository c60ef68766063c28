"""Withdrawal (撤回) of a published item, and the rule that published items are never deleted.

总局令第45号 第11条: when a penalty decision is changed, revoked or found unlawful or void, the
published information is withdrawn within 3 working days and the reason is made public. The
portal keeps the item (unpublished, with its revisions), stores an append-only
:class:`~disclosure.publishing.models.Withdrawal`, writes the outbox event ``withdraw`` in the
same transaction, and answers the old URL with HTTP 410 and the public notice.
"""

from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from disclosure.outbox.models import ChangeKind

LOG_WITHDRAW = "publishing.withdraw"


def public_path(page):
    """The site-relative path the page is served at (``/column/item/``), or ``""``, in the form
    Django gives ``request.path``: decoded (Wagtail gives a Chinese slug percent-encoded)."""
    parts = page.get_url_parts()
    return unquote(parts[2]) if parts else ""


def withdraw(page, *, user, reason, public_reason=True):
    """Withdraw the live ``page`` (总局令第45号 第11条): unpublish it (keeping the record), store a
    :class:`Withdrawal`, write the outbox event ``withdraw``, all in one transaction.

    Refuses (``ValidationError`` in Chinese) when the reason is empty or the page is not live.
    Returns the Withdrawal."""
    from .models import Withdrawal

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回理由。")})
    page = page.specific
    with transaction.atomic():
        # Lock the row: two simultaneous withdrawals must not both pass the ``live`` check.
        locked = type(page).objects.select_for_update().get(pk=page.pk)
        if not locked.live:
            raise ValidationError(
                _("“%(title)s”未发布，不能撤回。") % {"title": page.title}, code="not_live"
            )
        withdrawal = Withdrawal.objects.create(
            page=page,
            revision_id=locked.live_revision_id,
            user=user,
            reason=reason,
            public_reason=public_reason,
            title=page.title[:255],
            index_number=getattr(page, "index_number", "") or "",
            public_path=public_path(page)[:255],
        )
        # Read by the outbox's unpublish signal (disclosure.outbox.signals).
        page._unpublish_kind = ChangeKind.WITHDRAW
        page._unpublish_reason = reason
        try:
            page.unpublish(user=user, log_action=True)
        finally:
            del page._unpublish_kind, page._unpublish_reason
        log(
            instance=page,
            action=LOG_WITHDRAW,
            user=user,
            data={
                "withdrawal_id": withdrawal.pk,
                "reason": reason,
                "public_reason": public_reason,
            },
        )
    return withdrawal


def latest_public_withdrawal(path):
    """The latest withdrawal of a page last served at ``path`` that is still not live, for the
    410 notice; ``None`` when the page is live again or nothing was withdrawn there."""
    from .models import Withdrawal

    withdrawal = (
        Withdrawal.objects.filter(public_path=unquote(path))
        .select_related("page")
        .order_by("-pk")
        .first()
    )
    if withdrawal is None or withdrawal.page.live:
        return None
    return withdrawal


def has_been_published(page):
    """A page that went live once is part of the public record."""
    return page.first_published_at is not None or page.live


def undeletable_pages(pages):
    """The disclosure items among ``pages`` and their descendants that were ever published:
    they may be unpublished or withdrawn, never deleted (总局令第45号 第11条; design.md)."""
    from wagtail.models import Page

    from .models import DisclosureItemPage

    item_types = [model for model in _page_models() if issubclass(model, DisclosureItemPage)]
    found = []
    for page in pages:
        candidates = Page.objects.descendant_of(page, inclusive=True).filter(
            first_published_at__isnull=False
        )
        candidates = candidates.type(*item_types) if item_types else candidates.none()
        found.extend(candidates.order_by("path")[:20])
    return found


def _page_models():
    from wagtail.models import get_page_models

    return get_page_models()
