"""A page's URL as the portal links it: what Wagtail's ``page.get_url(request)`` answers, with
each URL path reversed once a process.

Wagtail reverses its ``wagtail_serve`` pattern for every link it writes (~50 µs on this
project's machine), and an uncached home page writes ~45 of them: its navigation, its columns,
its latest items (~2.5 ms of ~20, issue #16). What a page's path below its site's root reverses
to depends on nothing but that path, the URLconf and the script prefix, so it is kept
(:func:`served_path`). Everything else is Wagtail's rule, read from ``Site.get_site_root_paths``
(public API): the site whose root the page is under — the request's own site first when the page
is under several —, a path relative to the site when that site is the request's or there is only
one site, the site's root URL before it otherwise. A page type that makes its own URLs
(``get_url_parts`` overridden), and Wagtail's internationalisation, are left to Wagtail.
"""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from wagtail.models import Page, Site


@functools.lru_cache(maxsize=8192)
def served_path(urlconf, script_prefix, path):
    """``reverse("wagtail_serve", args=(path,))`` under ``urlconf`` and ``script_prefix`` (the
    arguments it depends on: kept per all three). Raises ``NoReverseMatch`` as ``reverse``."""
    return reverse("wagtail_serve", urlconf=urlconf, args=(path,))


def _site_root_paths(request):
    """``Site.get_site_root_paths()``, read once a request."""
    if request is None:
        return Site.get_site_root_paths()
    if not hasattr(request, "_portal_site_root_paths"):
        request._portal_site_root_paths = Site.get_site_root_paths()
    return request._portal_site_root_paths


def page_url(page, request=None):
    """``page.get_url(request)``: the page's URL, relative to the request's site when it is
    there, ``None`` when the page is under no site or not routable (see the module)."""
    if type(page).get_url_parts is not Page.get_url_parts or getattr(
        settings, "WAGTAIL_I18N_ENABLED", False
    ):
        return page.get_url(request)
    roots = _site_root_paths(request)
    under = [root for root in roots if page.url_path.startswith(root.root_path)]
    if not under:
        return None
    current = Site.find_for_request(request) if request is not None else None
    chosen = under[0]
    if current is not None and len({root.site_id for root in under}) > 1:
        chosen = next((root for root in under if root.site_id == current.pk), chosen)
    try:
        path = served_path(
            get_urlconf(), get_script_prefix(), page.url_path[len(chosen.root_path) :]
        )
    except NoReverseMatch:
        return None
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    one_site = len({root.site_id for root in roots}) == 1
    if one_site or (current is not None and chosen.site_id == current.pk):
        return path
    return chosen.root_url + path
