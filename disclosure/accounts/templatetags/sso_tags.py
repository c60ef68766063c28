from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def sso_providers():
    """``(label, login URL)`` of each enabled single sign-on, for the login page's buttons."""
    enabled = [
        ("OIDC", "accounts_sso:oidc_login", settings.OIDC_ENABLED),
        ("CAS", "accounts_sso:cas_login", settings.CAS_ENABLED),
    ]
    enabled = [(protocol, name) for protocol, name, on in enabled if on]
    label = _("统一身份认证登录")
    return [
        (f"{label}（{protocol}）" if len(enabled) > 1 else label, reverse(name))
        for protocol, name in enabled
    ]
