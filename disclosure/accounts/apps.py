"""Staff accounts as 等保 2.0 expects them: login throttling and lockout, the TOTP second factor,
password rules and expiry, the idle timeout, single sign-on (OIDC, CAS) from the provincial
platform, and the security log of every login, failure, logout and permission change."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "disclosure.accounts"
    label = "accounts"
    verbose_name = _("账号安全")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import lockout, signals

        signals.connect()
        lockout.connect()
