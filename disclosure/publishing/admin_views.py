from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_modeladmin.options import ModelAdmin

from . import permissions
from .models import Topic, Withdrawal
from .withdrawal import withdraw


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_label = _("主题分类")
    menu_icon = "tag"
    list_display = ("name", "code", "sort_order")
    search_fields = ("name", "code")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写撤回理由。")},
    )
    public_reason = forms.BooleanField(
        label=_("在原网址公示撤回理由"), required=False, initial=True
    )


def withdraw_view(request, page_id):
    """撤回 a live disclosure item with a required reason (总局令第45号 第11条)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_withdraw(page, request.user):
        raise PermissionDenied
    cancel_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(
                page,
                user=request.user,
                reason=form.cleaned_data["reason"],
                public_reason=form.cleaned_data["public_reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("“%(title)s”已撤回，记录已保留。") % {"title": page.title})
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(
        request,
        "publishing/withdraw.html",
        {
            "page": page,
            "form": form,
            "action_url": reverse("publishing_withdraw", args=[page.pk]),
            "cancel_url": cancel_url,
        },
    )


def can_withdraw(page, user):
    from .models import DisclosureItemPage

    return (
        isinstance(page, DisclosureItemPage)
        and page.live
        and page.permissions_for_user(user).can_unpublish()
    )


class WithdrawalIndexView(IndexView):
    def get_base_queryset(self):
        # The records of the columns the user's departments are responsible for (the office,
        # reviewers and administrators see all): the internal reasons are not everyone's.
        return permissions.scope(super().get_base_queryset(), self.request.user)


class WithdrawalInspectView(InspectView):
    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        if not permissions.scope(Withdrawal.objects.filter(pk=record.pk), self.request.user):
            raise Http404
        return record


class WithdrawalViewSet(ModelViewSet):
    """撤回记录: read-only, append-only; each record's history is shown by its inspect view."""

    model = Withdrawal
    icon = "warning"
    menu_label = _("撤回记录")
    add_to_admin_menu = False
    list_display = ["title", "index_number", "user", "withdrawn_at", "public_reason"]
    list_filter = ["public_reason", "withdrawn_at"]
    search_fields = ["title", "index_number", "reason"]
    inspect_view_enabled = True
    index_view_class = WithdrawalIndexView
    inspect_view_class = WithdrawalInspectView
    form_fields = ["reason"]
    list_export = [
        "title",
        "index_number",
        "public_path",
        "reason",
        "public_reason",
        "withdrawn_at",
    ]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Append-only records: every admin user may view them, nobody adds, edits or deletes."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm("wagtailadmin.access_admin")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def admin_urls():
    return [path("publishing/withdraw/<int:page_id>/", withdraw_view, name="publishing_withdraw")]
