"""The admin's Content-Security-Policy: the site's policy (``CONTENT_SECURITY_POLICY``) plus
'unsafe-inline' for scripts and styles, which Wagtail's admin widgets (date pickers, inline
panels) still write inline. The portal keeps the strict policy.

Built with django-csp's public ``csp_update`` decorator, applied to the rest of the middleware
chain for the admin's paths (``CSP_ADMIN_PREFIXES``)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from django.conf import settings

ADMIN_ADDITIONS = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
#: Wagtail's preview panel frames the admin's preview views.
ADMIN_REPLACEMENTS = {"frame-ancestors": [SELF]}


class AdminPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_response = csp_replace(ADMIN_REPLACEMENTS)(
            csp_update(ADMIN_ADDITIONS)(get_response)
        )

    def __call__(self, request):
        if request.path.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
            return self.admin_response(request)
        return self.get_response(request)
