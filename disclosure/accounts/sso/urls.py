"""``/admin/sso/…``: outside Wagtail's admin URLs, which require a logged-in user."""

from django.urls import path

from . import cas, oidc

app_name = "accounts_sso"

urlpatterns = [
    path("oidc/login/", oidc.OIDCLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", oidc.OIDCCallbackView.as_view(), name="oidc_callback"),
    path("cas/login/", cas.CASLoginView.as_view(), name="cas_login"),
    path("cas/callback/", cas.CASCallbackView.as_view(), name="cas_callback"),
    path("cas/logout/", cas.CASLogoutView.as_view(), name="cas_logout"),
]
