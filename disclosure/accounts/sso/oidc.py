"""Staff login through OpenID Connect (the authorization code flow with PKCE, OpenID Connect
Core 1.0 §3.1 and RFC 7636), on mozilla-django-oidc.

The login view sends the browser to the provider with a fresh ``state`` and ``nonce`` kept in
the session; the callback accepts only a ``state`` it issued (once), exchanges the code at the
token endpoint, and accepts the ID token only when its signature verifies with the provider's
key (JWKS) in the configured algorithm and its ``nonce``, ``aud`` and ``iss`` are ours and it is
not expired (Core 3.1.3.7). Then :mod:`.mapping` makes the account. Every refusal is recorded
as ``SSO_FAILED`` with its reason and shown in Chinese (GB/T 22239-2019 8.1.4.1, 8.1.4.3).
"""

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from . import mapping
from .mapping import OIDC, Assertion, SSORefused

BACKEND = "disclosure.accounts.sso.oidc.OIDCBackend"
#: ``amr`` values (RFC 8176) that say the provider used more than a password.
SECOND_FACTOR_AMR = {"mfa", "otp", "hwk", "sms"}


def enabled():
    return settings.OIDC_ENABLED


class OIDCBackend(OIDCAuthenticationBackend):
    """Exchanges the code, verifies the ID token and hands its claims (with the userinfo
    endpoint's) to :func:`.mapping.sync_account`. Only the callback view calls it, with the
    ``oidc_nonce`` it kept: a password login never reaches it (Django passes a backend only the
    credentials its ``authenticate`` accepts)."""

    def authenticate(self, request, *, oidc_nonce, oidc_code_verifier=None):
        self.request = request
        token_info = self.get_token(
            {
                "client_id": self.OIDC_RP_CLIENT_ID,
                "client_secret": self.OIDC_RP_CLIENT_SECRET,
                "grant_type": "authorization_code",
                "code": request.GET["code"],
                "redirect_uri": absolutify(
                    request, reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL)
                ),
                **({"code_verifier": oidc_code_verifier} if oidc_code_verifier else {}),
            }
        )
        id_token = token_info.get("id_token")
        if not id_token:
            raise SuspiciousOperation("no id_token in the token response")
        payload = self.verify_token(id_token, nonce=oidc_nonce)
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(token_info.get("access_token"), id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):  # Core 5.3.2
                raise SuspiciousOperation("userinfo sub differs from the ID token's")
            claims.update({key: value for key, value in userinfo.items() if key != "amr"})
        self.assertion = Assertion(
            provider=OIDC,
            username=self.username(claims),
            attributes=claims,
            second_factor=bool(SECOND_FACTOR_AMR & set(mapping.values(payload, "amr"))),
        )
        user, self.detail = mapping.sync_account(self.assertion)
        return user

    @staticmethod
    def username(claims):
        if settings.SSO_USERNAME_ATTRIBUTE:
            found = mapping.values(claims, settings.SSO_USERNAME_ATTRIBUTE)
        else:
            found = mapping.values(claims, "preferred_username") or mapping.values(claims, "sub")
        return found[0] if found else ""

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc checks the signature, algorithm and nonce; the audience, expiry
        and issuer are checked here (it leaves them out)."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token not issued to this client (aud)")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences without our azp")
        if "exp" not in payload:
            raise SuspiciousOperation("ID token without exp")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from another issuer (iss)")
        return payload


class OIDCLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's authorization endpoint (404 when OIDC is off)."""

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class OIDCCallbackView(View):
    """Where the provider sends the browser back with ``code`` and ``state``."""

    http_method_names = ["get"]

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            user, backend = self.authenticate(request)
        except SSORefused as error:
            return mapping.refused(request, OIDC, error)
        next_url = request.session.pop("oidc_login_next", None) or reverse("wagtailadmin_home")
        mapping.log_in(request, user, backend.assertion, backend.detail, BACKEND)
        return redirect(next_url)

    def authenticate(self, request):
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        issued = states.pop(state, None)  # a state is good for one callback only
        request.session["oidc_states"] = states
        if request.GET.get("error"):
            raise SSORefused(
                "provider_error",
                _("统一身份认证平台未完成登录（%(error)s），请重新登录。")
                % {"error": request.GET["error"][:100]},
            )
        if issued is None or not request.GET.get("code"):
            raise SSORefused(
                "state_mismatch", _("登录状态校验失败（state 不符或已使用），请重新登录。")
            )
        backend = OIDCBackend()
        try:
            user = backend.authenticate(
                request,
                oidc_nonce=issued.get("nonce"),
                oidc_code_verifier=issued.get("code_verifier"),
            )
        except requests.HTTPError as error:
            raise SSORefused(
                "token_refused",
                _("统一身份认证平台拒绝签发身份令牌，请重新登录。"),
                status=error.response.status_code if error.response is not None else None,
            ) from error
        except requests.RequestException as error:
            raise SSORefused(
                "provider_unreachable",
                _("无法连接统一身份认证平台，请稍后再试或使用本平台账号登录。"),
                error=type(error).__name__,
            ) from error
        except (SuspiciousOperation, KeyError) as error:
            raise SSORefused(
                "bad_token",
                _("身份令牌校验未通过（签名、签发方、接收方或有效期不符），请重新登录。"),
                error=str(error)[:200],
            ) from error
        return user, backend
