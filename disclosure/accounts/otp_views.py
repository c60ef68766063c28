"""The admin's pages of the second factor (GB/T 22239-2019 8.1.4.1 c): enrolment and
verification (reachable before verification, see :mod:`.otp_middleware`), the user's own status
page with new recovery codes, and a superuser's reset of another user's factor. The rules are in
:mod:`.otp`."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.button import Button

from . import otp


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=40,
        error_messages={"required": gettext_lazy("请输入验证码。")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = gettext_lazy("绑定后，手机应用每 30 秒显示一个新的 6 位数字。")
        field.widget.attrs.update({"inputmode": "numeric", "maxlength": "6"})


class VerifyForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = gettext_lazy(
            "输入手机应用显示的 6 位数字；手机不在身边时，输入一个恢复码（每个只能用一次）。"
        )


def next_url(request) -> str:
    """Where to go after verification: ``next`` when it is an address of this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def second_factor_url(user, next_url="") -> str:
    """Enrolment when ``user`` has no confirmed TOTP device, else verification; then ``next``."""
    name = "accounts_otp_verify" if otp.totp_device(user) else "accounts_otp_enrol"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def logged_out(request, attempt):
    messages.error(request, attempt.message)
    return redirect("wagtailadmin_login")


@never_cache
def enrol_view(request):
    if otp.totp_device(request.user) is not None:
        if otp.is_verified(request):
            return redirect("accounts_otp_status")
        return redirect(second_factor_url(request.user, next_url(request)))
    device = otp.pending_device(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt, codes = otp.confirm_enrolment(request, device, form.cleaned_data["code"])
        if attempt.logged_out:
            return logged_out(request, attempt)
        if attempt.accepted:
            return TemplateResponse(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": next_url(request), "enrolled": True},
            )
        form.add_error("code", attempt.message)
    return TemplateResponse(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr_svg": otp.qr_svg(device),
            "secret": otp.secret_base32(device),
            "next": next_url(request),
        },
    )


@never_cache
def verify_view(request):
    if otp.totp_device(request.user) is None:
        return redirect(second_factor_url(request.user, next_url(request)))
    if otp.is_verified(request):
        return redirect(next_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = otp.verify(request, form.cleaned_data["code"])
        if attempt.logged_out:
            return logged_out(request, attempt)
        if attempt.accepted:
            if attempt.method == "recovery":
                messages.warning(
                    request,
                    _("已使用一个恢复码，还剩 %(left)d 个。可在“账户 → 动态口令”中重新生成。")
                    % {"left": otp.recovery_codes_left(request.user)},
                )
            return redirect(next_url(request))
        form.add_error("code", attempt.message)
    return TemplateResponse(
        request, "accounts/otp_verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
def status_view(request):
    device = otp.totp_device(request.user)
    return TemplateResponse(
        request,
        "accounts/otp_status.html",
        {
            "device": device,
            "recovery_left": otp.recovery_codes_left(request.user),
            "required": otp.requires_second_factor(request.user),
        },
    )


@never_cache
@require_POST
def recovery_codes_view(request):
    if otp.totp_device(request.user) is None:
        return redirect("accounts_otp_enrol")
    codes = otp.regenerate_recovery_codes(request)
    return TemplateResponse(
        request,
        "accounts/otp_recovery_codes.html",
        {"codes": codes, "next": reverse("accounts_otp_status"), "enrolled": False},
    )


@never_cache
def reset_view(request, pk):
    """A superuser removes another user's second factor (a lost phone); they enrol again."""
    if not request.user.is_superuser:
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        otp.reset(user, request=request)
        messages.success(
            request,
            _("已重置“%(user)s”的动态口令，该用户下次登录时须重新绑定。")
            % {"user": user.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "accounts/otp_reset.html",
        {"target": user, "enrolled": otp.totp_device(user) is not None},
    )


def admin_urls():
    return [
        path("accounts/otp/", status_view, name="accounts_otp_status"),
        path("accounts/otp/enrol/", enrol_view, name="accounts_otp_enrol"),
        path("accounts/otp/verify/", verify_view, name="accounts_otp_verify"),
        path(
            "accounts/otp/recovery-codes/",
            recovery_codes_view,
            name="accounts_otp_recovery_codes",
        ),
        path("accounts/otp/reset/<int:pk>/", reset_view, name="accounts_otp_reset"),
    ]


def account_menu_item(request):
    """On the admin's account page (账户 → 更多操作)."""
    return {
        "url": reverse("accounts_otp_status"),
        "label": _("动态口令"),
        "help_text": _("查看第二重身份鉴别（动态口令）的状态，重新生成恢复码。"),
    }


def user_listing_buttons(user, request_user):
    """In the admin's user list, for superusers: reset the user's second factor."""
    if not request_user.is_superuser:
        return []
    return [
        Button(
            _("重置动态口令"),
            reverse("accounts_otp_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
