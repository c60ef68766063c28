"""Admin views of the periodic review of withheld information (条例 第18条): the due list and
the review form. Rules in :mod:`.withheld`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from disclosure.departments.roles import (
    CONFIDENTIALITY_REVIEWER,
    DISCLOSURE_OFFICE,
    user_has_role,
)

from . import withheld
from .choices import ReviewOutcome


def may_review(user) -> bool:
    """The 保密审查员 and the disclosure office review withheld information."""
    return user.is_active and (
        user.is_superuser
        or user_has_role(user, CONFIDENTIALITY_REVIEWER)
        or user_has_role(user, DISCLOSURE_OFFICE)
    )


class WithheldReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("审查结果"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("请填写审查理由。")},
    )
    next_review_on = forms.DateField(
        label=gettext_lazy("下次审查日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("继续不予公开时填写；留空则按机构设置的审查周期计算"),
        error_messages={"invalid": gettext_lazy("日期格式不正确。")},
    )

    def clean_next_review_on(self):
        value = self.cleaned_data.get("next_review_on")
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("下次审查日期应晚于今天。"))
        return value


def due_list_view(request):
    if not may_review(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    items = withheld.withheld_items(today)
    return TemplateResponse(
        request,
        "review/withheld_list.html",
        {
            "rows": [(item, item.status(today)) for item in items],
            "today": today,
            "soon_days": withheld.DUE_SOON_DAYS,
        },
    )


def review_view(request, page_id):
    if not may_review(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    item = next((i for i in withheld.withheld_items() if i.page.pk == page.pk), None)
    if item is None:
        messages.error(request, _("该信息当前不处于不予公开状态，无需审查。"))
        return redirect("review_withheld_list")
    form = WithheldReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["outcome"] == ReviewOutcome.RELEASE:
            withheld.release(page, request.user, data["reason"])
            messages.success(request, withheld.release_message(page))
            return redirect("wagtailadmin_pages:edit", page.pk)
        review = withheld.keep(page, request.user, data["reason"], data["next_review_on"])
        messages.success(
            request,
            _("“%(title)s”继续不予公开，下次审查日期：%(date)s。")
            % {"title": page.title, "date": review.next_review_on.isoformat()},
        )
        return redirect("review_withheld_list")
    return TemplateResponse(
        request, "review/withheld_review.html", {"item": item, "page": page, "form": form}
    )


def admin_urls():
    return [
        path("review/withheld/", due_list_view, name="review_withheld_list"),
        path("review/withheld/<int:page_id>/", review_view, name="review_withheld_review"),
    ]


def list_url():
    return reverse("review_withheld_list")
