"""Login lockout (等保 2.0, GB/T 22239-2019 8.1.4.1 b: 应具有登录失败处理功能, 应配置并启用结束会话、
限制非法登录次数) with django-axes: after ``AXES_FAILURE_LIMIT`` failed logins an account is
locked, and separately the address they came from (``AXES_LOCKOUT_PARAMETERS``: either trips
it), until ``AXES_COOLOFF_TIME`` has passed since the last attempt — the right password included.

This module is the project's side of it: the login page that says so in Chinese
(``AXES_LOCKOUT_CALLABLE``), the LOCKED_OUT event in the security log (once per lockout; the
refused attempts during it are LOGIN_FAILED events) and the superuser's unlock
(``manage.py unlock_login``, or 报告 → 登录锁定 in the admin), recorded too.
"""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Q, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .events import record
from .models import SecurityEventKind


def lockout_message(request=None):
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    if minutes:
        return _(
            "登录失败次数过多，该账号或您所在的地址已被锁定。请 %(minutes)d 分钟后再试"
            "（锁定期间每次尝试都会重新计时），或联系系统管理员解除锁定。"
        ) % {"minutes": minutes}
    return _("登录失败次数过多，该账号或您所在的地址已被锁定，请联系系统管理员解除锁定。")


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's login page again, with the lockout as its error (not a bare 403): the form
    Wagtail rendered for the refused attempt, its "wrong password" error replaced."""
    message = lockout_message(request)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is not None and form.is_bound:
        form.errors.clear()
        form.add_error(None, message)
        response = TemplateResponse(request, original_response.template_name, context, status=429)
    else:
        response = TemplateResponse(
            request, "accounts/locked_out.html", {"message": message}, status=429
        )
    return response.render()


def failures(username="", address=""):
    """Failed attempts counted now against an account and against an address."""

    def total(**lookup):
        counted = AccessAttempt.objects.filter(**lookup).aggregate(n=Sum("failures_since_start"))
        return counted["n"] or 0

    return {
        "account": total(username=username) if username else 0,
        "address": total(ip_address=address) if address else 0,
    }


def on_locked_out(sender, request, username, ip_address, **kwargs):
    """One LOCKED_OUT event when the limit is reached; axes signals again on every attempt
    during the lockout (each one resets the cool-off), and those are logged as failed logins."""
    credentials = getattr(request, "axes_credentials", None)
    counted = getattr(request, "axes_failures_since_start", None)
    if counted is not None and counted != get_failure_limit(request, credentials):
        return
    User = get_user_model()
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username or ""}).first()
    counts = failures(username or "", ip_address or "")
    record(
        SecurityEventKind.LOCKED_OUT,
        request=request,
        user=user,
        username=username or "",
        failures_of_account=counts["account"],
        failures_of_address=counts["address"],
        limit=get_failure_limit(request, credentials),
    )


def locks(now=None):
    """The accounts and addresses locked now: ``[(kind, value, failures, last attempt)]``, kind
    ``"username"`` or ``"address"``."""
    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=(now or timezone.now()) - cool_off)
    found = []
    for kind, field in (("username", "username"), ("address", "ip_address")):
        rows = (
            attempts.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        found += [(kind, row[field], row["failures"], row["last"]) for row in rows]
    return found


def unlock(*, username="", address="", actor=None, request=None):
    """Clear the failed attempts of an account and/or an address (a superuser's decision,
    recorded as ACCOUNT_CHANGED with ``unlocked``). Returns how many attempt records went."""
    if not username and not address:
        raise ValueError(_("请指定要解除锁定的用户名或地址。"))
    lookup = Q(pk__in=[])
    if username:
        lookup |= Q(username=username)
    if address:
        lookup |= Q(ip_address=address)
    removed, _by_model = AccessAttempt.objects.filter(lookup).delete()
    User = get_user_model()
    user = (
        User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if username
        else None
    )
    unlocked = {
        key: value for key, value in (("username", username), ("address", address)) if value
    }
    record(
        SecurityEventKind.ACCOUNT_CHANGED,
        request=request,
        user=user,
        username=username,
        actor=actor,
        unlocked=unlocked,
        attempts_removed=removed,
    )
    return removed


def connect():
    user_locked_out.connect(on_locked_out, dispatch_uid="accounts.locked_out")
