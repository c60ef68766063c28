"""Staff login through CAS (the protocol most provincial unified identity platforms speak:
CAS 3.0 ``p3/serviceValidate`` with the user's attributes, or CAS 2.0 ``serviceValidate``), on
python-cas.

The login view sends the browser to the CAS server with a service URL that carries a fresh
``state`` kept in the session; the callback accepts a ticket only together with the state it
issued (so that nobody can log a victim into the attacker's account with a ticket of their
own) and validates the ticket for exactly that service URL at the CAS server. Then
:mod:`.mapping` makes the account. The CAS server's single logout (a ``logoutRequest`` POSTed
to the service URL, CAS 3.0 §2.3.3) ends the session the ticket opened. Every refusal is
recorded as ``SSO_FAILED`` and shown in Chinese (GB/T 22239-2019 8.1.4.1, 8.1.4.3).
"""

from importlib import import_module
from urllib.parse import urlencode
from xml.etree import ElementTree

import requests
from cas import CASClient, CASError
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from ..events import SecurityEventKind, record
from . import mapping
from .mapping import CAS, Assertion, SSORefused

BACKEND = "disclosure.accounts.sso.cas.CASBackend"
STATE = "accounts_sso_cas_state"
NEXT = "accounts_sso_cas_next"
#: Cache key of the session a service ticket opened (for single logout).
TICKET_KEY = "accounts-sso-cas-ticket:{}"
SAML_PROTOCOL = "{urn:oasis:names:tc:SAML:2.0:protocol}"


def enabled():
    return settings.CAS_ENABLED


class _TimeoutSession(requests.Session):
    """python-cas calls the CAS server without a timeout; this session adds ours."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", settings.SSO_TIMEOUT)
        return super().request(*args, **kwargs)


def service_url(request, state):
    """The callback's absolute URL with ``state``: the same at login and at validation."""
    callback = request.build_absolute_uri(reverse("accounts_sso:cas_callback"))
    return f"{callback}?{urlencode({'state': state})}"


def client(service):
    return CASClient(
        version=settings.CAS_VERSION,
        server_url=settings.CAS_SERVER_URL,
        service_url=service,
        session=_TimeoutSession(),
    )


class CASBackend(ModelBackend):
    """Validates a service ticket at the CAS server and hands the user and attributes to
    :func:`.mapping.sync_account`. Only the callback view calls it (with ``cas_ticket``): a
    password login never reaches it."""

    def authenticate(self, request, *, cas_ticket, cas_service):
        try:
            username, attributes, _pgtiou = client(cas_service).verify_ticket(cas_ticket)
        except requests.RequestException as error:
            raise SSORefused(
                "provider_unreachable",
                _("无法连接统一身份认证平台，请稍后再试或使用本平台账号登录。"),
                error=type(error).__name__,
            ) from error
        except (ElementTree.ParseError, CASError, IndexError) as error:
            raise SSORefused(
                "bad_ticket_response",
                _("统一身份认证平台的票据校验应答无法识别，请重新登录。"),
            ) from error
        if not username:
            raise SSORefused("ticket_invalid", _("登录票据无效或已过期，请重新登录。"))
        attributes = attributes or {}
        if settings.SSO_USERNAME_ATTRIBUTE:
            found = mapping.values(attributes, settings.SSO_USERNAME_ATTRIBUTE)
            username = found[0] if found else ""
        asserted = mapping.values(attributes, settings.SSO_CAS_MFA_ATTRIBUTE)
        self.assertion = Assertion(
            provider=CAS,
            username=username,
            attributes=attributes,
            second_factor=any(value in settings.SSO_CAS_MFA_VALUES for value in asserted),
        )
        user, self.detail = mapping.sync_account(self.assertion)
        return user


class CASLoginView(View):
    """Sends the browser to the CAS server's login page (404 when CAS is off)."""

    http_method_names = ["get"]

    def get(self, request):
        if not enabled():
            raise Http404
        state = get_random_string(32)
        request.session[STATE] = state
        request.session[NEXT] = mapping.safe_next(request)
        return redirect(client(service_url(request, state)).get_login_url())


@method_decorator(csrf_exempt, name="dispatch")
class CASCallbackView(View):
    """The service URL: the browser comes back with ``ticket`` (GET); the CAS server posts its
    single-logout ``logoutRequest`` here (POST, no CSRF token: it is not a browser)."""

    http_method_names = ["get", "post"]

    def get(self, request):
        if not enabled():
            raise Http404
        state = request.GET.get("state", "")
        issued = request.session.pop(STATE, None)
        ticket = request.GET.get("ticket", "")
        try:
            if not issued or not ticket or not constant_time_compare(issued, state):
                raise SSORefused(
                    "state_mismatch", _("登录状态校验失败（state 不符或已使用），请重新登录。")
                )
            backend = CASBackend()
            user = backend.authenticate(
                request, cas_ticket=ticket, cas_service=service_url(request, state)
            )
        except SSORefused as error:
            return mapping.refused(request, CAS, error)
        next_url = request.session.pop(NEXT, None) or reverse("wagtailadmin_home")
        mapping.log_in(request, user, backend.assertion, backend.detail, BACKEND)
        cache.set(
            TICKET_KEY.format(ticket),
            (request.session.session_key, user.pk),
            settings.SESSION_COOKIE_AGE,
        )
        return redirect(next_url)

    def post(self, request):
        if not enabled():
            raise Http404
        ticket = session_index(request.POST.get("logoutRequest", ""))
        opened = cache.get(TICKET_KEY.format(ticket)) if ticket else None
        if opened is not None:
            session_key, user_pk = opened
            import_module(settings.SESSION_ENGINE).SessionStore(session_key).delete()
            cache.delete(TICKET_KEY.format(ticket))
            user = auth.get_user_model().objects.filter(pk=user_pk).first()
            record(SecurityEventKind.LOGOUT, user=user, provider=CAS, single_logout=True)
        return HttpResponse(status=200)


def session_index(logout_request):
    """The ``SessionIndex`` (the service ticket) of a SAML ``LogoutRequest``; "" if none. Read
    with the standard library's parser, which fetches no external entity."""
    try:
        root = ElementTree.fromstring(logout_request)
    except ElementTree.ParseError:
        return ""
    found = root.find(f".//{SAML_PROTOCOL}SessionIndex")
    return (found.text or "").strip() if found is not None else ""


class CASLogoutView(View):
    """Ends the session here and at the CAS server (POST, like Wagtail's own logout), then
    comes back to the login page."""

    http_method_names = ["post"]

    def post(self, request):
        if not enabled():
            raise Http404
        auth.logout(request)
        login_page = request.build_absolute_uri(reverse("wagtailadmin_login"))
        return redirect(client(login_page).get_logout_url(login_page))
