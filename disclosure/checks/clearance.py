"""Clearing an attachment the checks cannot read (:mod:`disclosure.checks.unreadable`): only a
保密审查员, only with a reason, only for the file as it is now; recorded append-only and in the
page's history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from disclosure.upstream.wagtail import set_document_file_metadata

from .masking import can_read_originals
from .models import UnreadableClearance
from .sources import attached_documents, document_extraction

LOG_CLEAR = "checks.clear_unreadable"


@transaction.atomic
def clear_unreadable(page, document, *, user, reason):
    """Record that ``user`` checked ``document`` (attached to ``page``) by hand. Refuses
    (``PermissionDenied``) anyone but a confidentiality reviewer, and (``ValueError``, in
    Chinese) a missing reason, a file not attached to the page, or one that is readable."""
    if not can_read_originals(user):
        raise PermissionDenied(_("只有保密审查员可以确认无法检查的附件。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("请填写人工核对说明。"))
    latest = page.get_latest_revision_as_object()
    if document.pk not in {d.pk for d in attached_documents(latest)}:
        raise ValueError(_("该附件不属于此信息。"))
    if not document.file_hash:
        set_document_file_metadata(document)
        document.save(update_fields=["file_hash", "file_size"])
    extraction = document_extraction(document)
    if not extraction.unreadable:
        raise ValueError(_("该附件可以读取，无需人工确认。"))
    clearance = UnreadableClearance.objects.create(
        document=document,
        file_hash=document.file_hash,
        unreadable=extraction.unreadable[:255],
        reason=reason,
        page=page,
        cleared_by=user,
    )
    log(
        instance=page,
        action=LOG_CLEAR,
        user=user,
        data={"document": document.title, "unreadable": extraction.unreadable, "reason": reason},
    )
    return clearance
