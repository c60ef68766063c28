"""Session rules for staff (等保 2.0, GB/T 22239-2019 8.1.4.1 b: 当登录连接超时自动退出; 8.1.4.1 a:
口令定期更换).

- :class:`IdleTimeoutMiddleware` logs a staff user out after ``STAFF_IDLE_TIMEOUT_SECONDS``
  without a request (recorded IDLE_TIMEOUT) and sends them to the login page with the reason.
- :class:`PasswordExpiryMiddleware` sends a staff user whose password is older than
  ``PASSWORD_MAX_AGE_DAYS`` to Wagtail's change-password page — and nowhere else in the admin —
  until they change it (recorded PASSWORD_EXPIRED once per expiry).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .events import record
from .models import SecurityEvent, SecurityEventKind
from .passwords import max_age, password_changed_at, password_expired
from .sessions import LAST_ACTIVITY
from .signals import LOGOUT_KIND
from .staff import is_staff_user

#: The last request's time is written at most this often (not a session write per request);
#: the timeout can thus come this much early, never late.
ACTIVITY_RESOLUTION_SECONDS = 60


def _is_admin_path(request):
    return request.path.startswith(reverse("wagtailadmin_home"))


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and is_staff_user(user):
            timeout = settings.STAFF_IDLE_TIMEOUT_SECONDS
            now = time.time()
            last = request.session.get(LAST_ACTIVITY)
            if timeout > 0 and last is not None and now - last > timeout:
                return self.time_out(request, idle=int(now - last))
            step = min(ACTIVITY_RESOLUTION_SECONDS, timeout / 10) if timeout > 0 else 0
            if last is None or now - last >= step:
                request.session[LAST_ACTIVITY] = int(now)
        return self.get_response(request)

    def time_out(self, request, idle):
        setattr(request, LOGOUT_KIND, SecurityEventKind.IDLE_TIMEOUT)
        logout(request)
        minutes = max(1, settings.STAFF_IDLE_TIMEOUT_SECONDS // 60)
        messages.warning(
            request,
            _("您已超过 %(minutes)d 分钟没有操作，为保障账号安全已自动退出，请重新登录。")
            % {"minutes": minutes},
        )
        if _is_admin_path(request):
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return self.get_response(request)


#: Where a user with an expired password may still go: the page to change it, and out.
EXPIRED_PASSWORD_ALLOWED = {
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_javascript_catalog",
}


class PasswordExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            max_age() is not None
            and user is not None
            and _is_admin_path(request)
            and is_staff_user(user)
            and not self.allowed(request)
        ):
            changed_at = password_changed_at(user)
            if password_expired(user, changed_at=changed_at):
                return self.refuse(request, user, changed_at)
        return self.get_response(request)

    def refuse(self, request, user, changed_at):
        self.record_once(request, user, changed_at)
        messages.warning(
            request,
            _("您的密码已超过 %(days)d 天未更换，请先修改密码再使用后台。")
            % {"days": settings.PASSWORD_MAX_AGE_DAYS},
        )
        return redirect(reverse("wagtailadmin_account") + "#password")

    @staticmethod
    def allowed(request):
        try:
            return resolve(request.path_info).url_name in EXPIRED_PASSWORD_ALLOWED
        except Resolver404:
            return False

    @staticmethod
    def record_once(request, user, changed_at):
        expired = SecurityEvent.objects.filter(
            user=user, kind=SecurityEventKind.PASSWORD_EXPIRED, occurred_at__gte=changed_at
        )
        if not expired.exists():
            record(
                SecurityEventKind.PASSWORD_EXPIRED,
                request=request,
                user=user,
                changed_at=changed_at.isoformat(),
            )
