"""Nothing but the second factor before the second factor (GB/T 22239-2019 8.1.4.1 c).

When ``STAFF_OTP_REQUIRED``, a logged-in user who may use the admin and whose session has not
verified a second factor (:func:`~disclosure.accounts.otp.is_verified`) is sent to enrolment
(no confirmed TOTP device yet) or to verification, from any address of the site — the Wagtail
admin, the portal, Django's admin — except those two pages, logout and what they load: static
files, the admin's icons and translations script, the favicon. Installed after Django's and
django-otp's authentication middleware."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from . import otp
from .otp_views import second_factor_url

#: The URL names an unverified user may reach.
OPEN_ROUTES = {
    "accounts_otp_enrol",
    "accounts_otp_verify",
    "wagtailadmin_logout",
    # What the two pages load: a redirect would answer the page's script with this page.
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "favicon",
}


def is_open(request) -> bool:
    path = request.path_info
    if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(path).url_name in OPEN_ROUTES
    except Resolver404:
        return False


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_OTP_REQUIRED
            and otp.requires_second_factor(request.user)
            and not otp.is_verified(request)
            and not is_open(request)
        ):
            next_url = request.get_full_path() if request.method == "GET" else ""
            return redirect(second_factor_url(request.user, next_url))
        return self.get_response(request)
