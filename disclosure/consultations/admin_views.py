"""Admin of the public's comments on consultations (后台 → 重大决策预公开意见): the list with
filters and exports, the history, and moderation: approve (the gate's record rules on the
public fields first) or reject with a reason. The disclosure office sees every comment; a
department's staff see the comments on their department's consultations."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import Button

from disclosure.departments.models import Department
from disclosure.departments.roles import DISCLOSURE_OFFICE, user_has_role
from disclosure.opendata.viewsets import (
    HistoryInspectView,
    RecordViewSet,
)

from .models import ConsultationComment

CHANGE = "consultations.change_consultationcomment"


def visible_comments(user, queryset=None):
    queryset = ConsultationComment.objects.all() if queryset is None else queryset
    if user.is_superuser or user_has_role(user, DISCLOSURE_OFFICE):
        return queryset
    return queryset.filter(consultation__department__in=Department.for_user(user))


class CommentIndexView(IndexView):
    def get_base_queryset(self):
        return visible_comments(
            self.request.user, super().get_base_queryset().select_related("consultation")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(CHANGE):
            url = reverse("consultation_comments:moderate", args=[instance.pk])
            buttons.append(MenuItem(_("审核"), url=url, icon_name="check", priority=5))
        return buttons


class CommentInspectView(HistoryInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_comments(self.request.user), pk=self.pk)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(CHANGE):
            url = reverse("consultation_comments:moderate", args=[self.object.pk])
            buttons.append(Button(_("审核"), url=url, icon_name="check", priority=5))
        return buttons


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核决定"),
        choices=[
            ("approve", gettext_lazy("通过，在页面公开")),
            ("reject", gettext_lazy("不予通过")),
        ],
        widget=forms.RadioSelect,
    )
    rejection_reason = forms.CharField(
        label=gettext_lazy("不予通过的理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def moderate_view(request, pk):
    """审核: the comment, what the gate finds in its public text, and the decision."""
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    comment = get_object_or_404(visible_comments(request.user), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                comment.approve(request.user)
            else:
                comment.reject(request.user, form.cleaned_data["rejection_reason"])
        except ValidationError as error:
            comment.refresh_from_db()
            for field, texts in error.message_dict.items():
                target = field if field in form.fields else None
                for text in texts:
                    form.add_error(target, text)
        else:
            messages.success(
                request, _("已审核：%(status)s") % {"status": comment.get_status_display()}
            )
            return redirect("consultation_comments:index")
    return TemplateResponse(
        request,
        "consultations/admin/moderate.html",
        {
            "comment": comment,
            "form": form,
            "header_title": _("审核公众意见"),
            "index_url": reverse("consultation_comments:index"),
        },
    )


def edit_redirect_view(request, pk):
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    return redirect("consultation_comments:moderate", pk)


class ConsultationCommentViewSet(RecordViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = gettext_lazy("重大决策预公开意见")
    add_to_admin_menu = True
    menu_order = 291
    url_prefix = "consultations/comments"
    name = "consultation_comments"
    copy_view_enabled = False
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    form_fields = ["status"]
    list_display = ["text", "consultation", "author_name", "submitted_at", "status"]
    list_filter = ["status", "consultation"]
    search_fields = ["text", "author_name"]
    list_export = [
        "consultation",
        "author_name",
        "contact",
        "text",
        "submitted_at",
        "get_status_display",
        "rejection_reason",
        "moderated_at",
        "moderated_by",
    ]
    export_headings = {"get_status_display": gettext_lazy("审核状态")}
    export_filename = "consultation-comments"

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "edit"]
        return patterns + [
            path("edit/<int:pk>/", edit_redirect_view, name="edit"),
            path("<int:pk>/moderate/", moderate_view, name="moderate"),
        ]
