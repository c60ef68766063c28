"""Admin screens of the checks: an item's findings with the one masking action, and the
unmasked originals for confidentiality reviewers only."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.documents import get_document_model
from wagtail.models import Page

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    user_has_role,
)

from . import decisions, site_scan
from .clearance import clear_unreadable
from .masking import can_mask, can_read_originals, mask_personal_data
from .models import MaskedOriginal, ScanRun
from .registry import run_checks
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


@require_POST
def decide_view(request, page_id):
    """Mark one finding of the item's latest content 已修改 or 忽略, with the reason."""
    page = get_object_or_404(Page, pk=page_id).specific
    latest = page.get_latest_revision_as_object()
    fingerprint = request.POST.get("fingerprint", "")
    finding = next(
        (f for f in run_checks(latest, include_ignored=True) if f.fingerprint == fingerprint), None
    )
    if finding is None:
        messages.error(request, _("该检查结果已不存在（内容可能已修改）。"))
        return redirect("checks_findings", page.pk)
    try:
        decisions.decide(
            page,
            finding,
            user=request.user,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已记录。"))
    return redirect("checks_findings", page.pk)


def site_scan_view(request):
    """The site-wide scan's report: the latest run's counts by kind, department and column, the
    trend over runs, and its CSV export (``?format=csv``) for the rectification report."""
    if not may_see_site_scan(request.user):
        raise PermissionDenied
    run = ScanRun.objects.filter(finished_at__isnull=False).first()
    if run is not None and request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = _("全站检查结果-%(date)s.csv") % {"date": f"{run.started_at:%Y%m%d}"}
        response["Content-Disposition"] = content_disposition_header(True, name)
        response.write("\ufeff")
        site_scan.write_csv(response, run)
        return response
    context = {"run": run, "trend": site_scan.trend()}
    if run is not None:
        counts = site_scan.summary(run)
        context.update(
            {
                "by_kind": counts["kind"].most_common(),
                "by_department": counts["department"].most_common(),
                "by_column": counts["column"].most_common(20),
                "findings": run.findings.order_by("-blocking", "pk")[:200],
                "total": run.findings.count(),
            }
        )
    return TemplateResponse(request, "checks/site_scan.html", context)


def may_see_site_scan(user):
    return user_has_role(user, DISCLOSURE_OFFICE) or user_has_role(user, CONFIDENTIALITY_REVIEWER)


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
        path("checks/page/<int:page_id>/decide/", decide_view, name="checks_decide"),
        path("checks/site-scan/", site_scan_view, name="checks_site_scan"),
        path("checks/page/<int:page_id>/originals/", originals_view, name="checks_originals"),
        path(
            "checks/page/<int:page_id>/unreadable/<int:document_id>/clear/",
            clear_unreadable_view,
            name="checks_clear_unreadable",
        ),
    ]
