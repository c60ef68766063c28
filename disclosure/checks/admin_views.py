"""Admin screens of the checks: an item's findings with the one masking action, and the
unmasked originals for confidentiality reviewers only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.documents import get_document_model
from wagtail.models import Page

from .clearance import clear_unreadable
from .masking import can_mask, can_read_originals, mask_personal_data
from .models import MaskedOriginal
from .review import findings_context


def findings_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not (can_mask(page, request.user) or can_read_originals(request.user)):
        raise PermissionDenied
    context = findings_context(page, request.user)
    context["mask_url"] = reverse("checks_mask", args=[page.pk])
    context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return TemplateResponse(request, "checks/page_findings.html", context)


@require_POST
def mask_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    records = mask_personal_data(page, user=request.user)
    if records:
        messages.success(
            request,
            _("已对“%(title)s”中的 %(count)s 处个人信息脱敏，原文仅保密审查员可查看。")
            % {"title": page.get_admin_display_title(), "count": len(records)},
        )
    else:
        messages.info(request, _("没有需要脱敏的个人信息。"))
    return redirect("checks_findings", page.pk)


@require_POST
def clear_unreadable_view(request, page_id, document_id):
    """A 保密审查员 confirms, with a reason, that an attachment the checks cannot read was checked
    by hand (:class:`~disclosure.checks.models.UnreadableClearance`)."""
    if not can_read_originals(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    document = get_object_or_404(get_document_model(), pk=document_id)
    reason = (request.POST.get("reason") or "").strip()
    if not reason:
        messages.error(request, _("请填写人工核对说明。"))
        return redirect("checks_findings", page.pk)
    try:
        clear_unreadable(page, document, user=request.user, reason=reason)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("已确认附件《%(title)s》经人工核对，可以发布。") % {"title": document.title},
        )
    return redirect("checks_findings", page.pk)


def originals_view(request, page_id):
    if not can_read_originals(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    originals = MaskedOriginal.objects.filter(page=page).select_related("masked_by")
    return TemplateResponse(
        request, "checks/originals.html", {"page": page, "originals": originals}
    )


def admin_urls():
    return [
        path("checks/page/<int:page_id>/", findings_view, name="checks_findings"),
        path("checks/page/<int:page_id>/mask/", mask_view, name="checks_mask"),
        path("checks/page/<int:page_id>/originals/", originals_view, name="checks_originals"),
        path(
            "checks/page/<int:page_id>/unreadable/<int:document_id>/clear/",
            clear_unreadable_view,
            name="checks_clear_unreadable",
        ),
    ]
