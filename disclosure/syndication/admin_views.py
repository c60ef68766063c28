"""The admin of partners, API keys and webhook deliveries (后台 → 开放接口)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import (
    ApiKey,
    DeliveryAttempt,
    EventKinds,
    Partner,
    WebhookDelivery,
    hash_key,
)


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "link-external"
    menu_label = _("接口合作方")
    list_display = ["name", "active", "webhook_url", "rate_limit", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact"]
    list_export = ["name", "contact", "active", "webhook_url", "rate_limit", "created_at"]
    export_filename = "partners"
    form_fields = ["name", "contact", "active", "rate_limit", "webhook_url", "event_kinds"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "event_kinds":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=EventKinds.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=db_field.help_text,
            )
        if db_field.name == "webhook_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


class ApiKeyCreateView(CreateView):
    def save_instance(self):
        self.raw_key = ApiKey.PREFIX + __import__("secrets").token_urlsafe(32)
        self.form.instance.key_prefix = self.raw_key[:10]
        self.form.instance.key_hash = hash_key(self.raw_key)
        return super().save_instance()

    def get_success_message(self, instance):
        return _("已生成接口密钥，只显示这一次，请立即复制并通过安全渠道交给合作方：%(key)s") % {
            "key": self.raw_key
        }


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("接口密钥")
    add_view_class = ApiKeyCreateView
    list_display = ["partner", "label", "key_prefix", "created_at", "last_used_at", "revoked"]
    list_filter = ["partner", "revoked"]
    search_fields = ["label", "key_prefix"]
    form_fields = ["partner", "label", "revoked"]


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "mail"
    menu_label = _("Webhook 投递")
    list_display = [
        "entry",
        "partner",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
        "resend_link",
    ]
    list_filter = ["status", "partner"]
    search_fields = ["idempotency_key"]
    list_export = [
        "entry_id",
        "partner",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
    ]
    export_filename = "webhook-deliveries"
    inspect_view_enabled = True
    form_fields = []

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("resend/<int:pk>/", self.resend_view, name="resend")
        ]

    def resend_view(self, request, pk):
        from .webhooks import resend

        if not request.user.has_perm("syndication.change_webhookdelivery"):
            raise PermissionDenied  # Wagtail: back to the dashboard with its message
        delivery = get_object_or_404(
            WebhookDelivery.objects.select_related("partner", "entry"), pk=pk
        )
        if request.method == "POST":
            if resend(delivery):
                messages.success(request, _("已重新发送并送达：%(d)s") % {"d": delivery})
            else:
                messages.warning(
                    request,
                    _("已重新发送，但合作方未确认接收（或有更早的事件尚未送达）；详见投递记录。"),
                )
            return redirect(self.get_url_name("index"))
        return TemplateResponse(
            request,
            "syndication/resend_confirm.html",
            {"delivery": delivery, "header_title": _("重新发送 Webhook")},
        )


def resend_link(self):
    url = reverse("webhook_deliveries:resend", args=[self.pk])
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>', url, _("重新发送")
    )


resend_link.short_description = _("操作")
WebhookDelivery.resend_link = resend_link


class DeliveryAttemptViewSet(ModelViewSet):
    model = DeliveryAttempt
    icon = "list-ul"
    menu_label = _("投递记录")
    list_display = ["attempted_at", "delivery", "status_code", "error", "duration_ms", "manual"]
    list_filter = ["status_code", "manual", "delivery__partner"]
    list_export = ["attempted_at", "delivery", "status_code", "error", "duration_ms", "manual"]
    export_filename = "webhook-attempts"
    form_fields = []


class SyndicationGroup(ViewSetGroup):
    menu_label = _("开放接口")
    menu_icon = "link-external"
    menu_order = 350
    items = (
        PartnerViewSet("partners"),
        ApiKeyViewSet("api_keys"),
        WebhookDeliveryViewSet("webhook_deliveries"),
        DeliveryAttemptViewSet("webhook_attempts"),
    )
