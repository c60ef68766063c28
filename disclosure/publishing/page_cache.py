"""The page cache: whole responses of public portal pages for anonymous visitors, kept in
Django's cache (``CACHE_URL``: Redis shared by every app process in production).

What is cached: a ``GET`` of a page Wagtail serves (``wagtail_serve``, its sub-routes included)
from a visitor without a session or messages cookie and without ``Authorization``, answered 200
with nothing personal in it: no cookie set, no CSRF token used (forms: the password form of a
restricted page, the application form), the session not written, no ``Vary: Cookie`` and no
``private``/``no-store``/``no-cache`` from the view. ``HEAD`` is answered from a cached ``GET``.
Never cached: the admin, the API (its own policies and rate limits, ``/api/``), documents (their
own access rule, :mod:`.document_access`), search results (``/search/``: the query log counts
every query, so the search page keeps its own cache under this generation, ``search.views``), the
application pages (``/yisqgk/``), errors and redirects.

The key is the host, scheme, path and the query string (parameters sorted, ``utm_*`` dropped),
under a **site-wide generation**: a token kept in the same cache and replaced after the commit
of every change that can alter what the public sees, so every process sharing the cache stops
serving the old pages at once (a process never keeps a page of its own):

- every outbox event (:mod:`disclosure.outbox`): publish, update, unpublish, expiry
  (``publish_due``), withdrawal (:mod:`.withdrawal`), a view restriction put on or taken off and
  a move into or out of a restricted section (:mod:`.restrictions`): they are written in the
  transaction of the change, so a change that is rolled back invalidates nothing;
- any page move (URLs and menus change even where visibility does not) and page deletion;
- any save or delete of the records of the apps whose records are public as soon as saved
  (the public lists, settings shown on every page, the catalogue, …: :data:`PUBLIC_RECORD_APPS`),
  and of Wagtail's sites, documents and images.

The generation is replaced after the commit (``transaction.on_commit``), never before: a request
served between the change and its commit would otherwise cache the old state under the new
generation. It is a fresh random token, not a counter, so a generation evicted from the cache can
never bring old pages back. Anything else a page shows (a time-dependent text) is at most
``PAGE_CACHE_SECONDS`` old; browsers and proxies get ``Cache-Control: public,
max-age=PAGE_CACHE_MAX_AGE`` (short: they do not see the invalidation). ``X-Cache: hit|miss``
tells the benchmarks and the tests what happened. When the cache cannot be reached the page is
served uncached (logged), never refused.

``PAGE_CACHE_SECONDS`` = 0 turns it off; it is off by default without ``CACHE_URL``, because a
local-memory cache is per process: the process that commits a change (``publish_due`` in cron,
another app worker) could not invalidate the others' pages (system check ``publishing.W001``).
"""

import hashlib
import logging
import secrets
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Page
from wagtail.signals import post_page_move

from disclosure.outbox.models import ChangeEvent

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Apps whose records are public as soon as they are saved (no outbox event): a save or a
# delete of one of their (non-page, non-historical) models invalidates every cached page.
PUBLIC_RECORD_APPS = frozenset(
    {
        "organisation",
        "departments",
        "catalogue",
        "columns",
        "publishing",
        "normative",
        "policies",
        "gazette",
        "funds",
        "enforcement",
        "licensing",
        "inspections",
        "credit",
        "powers",
        "opendata",
        "home",
        "wagtailcore",  # Site, view restrictions (their events come through the outbox too)
        "wagtaildocs",
        "wagtailimages",
        "wagtailredirects",
        "wagtailsearchpromotions",  # editors' picks, shown on the cached search pages
    }
)
# Wagtail models written while pages are edited or served (drafts, workflow, renditions made
# on first view): none changes what the public sees.
IGNORED_MODELS = frozenset(
    {
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailimages.rendition",
        "publishing.indexnumbersequence",
    }
)
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/search/", "/yisqgk/", "/favicon.ico")
CACHEABLE_URL_NAMES = frozenset({"wagtail_serve"})
MAX_BYTES = 2 * 1024 * 1024
DROPPED_PARAMETERS = ("utm_",)
STORED_HEADERS_SKIPPED = frozenset({"set-cookie", "x-cache", "cache-control"})


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- the generation -------------------------------------------------------------------------


def current_generation():
    """The token every key carries; a missing one (first start, eviction) is created once for
    all processes (``add`` is atomic)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Make every cached page stale, in every process sharing the cache."""
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    except Exception:  # the cache is down: pages age out after PAGE_CACHE_SECONDS
        logger.exception("page cache: the generation could not be replaced")


def invalidate_on_commit(using=None):
    """Bump the generation after the current transaction commits (at once outside one). A
    rolled-back change bumps nothing; a transaction of many changes bumps once per change
    (one cache write each, after the commit)."""
    transaction.on_commit(bump_generation, using=using)


def _is_public_record(model):
    meta = model._meta
    if meta.label_lower in IGNORED_MODELS or meta.app_label not in PUBLIC_RECORD_APPS:
        return False
    if issubclass(model, Page) and model is not Page:
        return False  # pages change publicly only through publish/unpublish (outbox events)
    return not model.__name__.startswith("Historical")


def on_change_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        invalidate_on_commit(kwargs.get("using"))


def on_record_changed(sender, instance, raw=False, **kwargs):
    if raw or not _is_public_record(sender):
        return
    if sender is Page and kwargs.get("signal") is post_save:
        return  # a draft saved; going live writes an outbox event
    invalidate_on_commit(kwargs.get("using"))


def on_page_moved(sender, instance, **kwargs):
    invalidate_on_commit()


def on_registered_record_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate_on_commit(kwargs.get("using"))


def invalidate_on_changes_of(model):
    """A model of an app above this one whose saves and deletes change what the public sees
    (its app registers it in ``ready``: the search's synonyms change the results of their
    words): each replaces the generation after its commit."""
    uid = f"page_cache_registered_{model._meta.label_lower}"
    post_save.connect(on_registered_record_changed, sender=model, dispatch_uid=uid + "_saved")
    post_delete.connect(on_registered_record_changed, sender=model, dispatch_uid=uid + "_deleted")


def connect():
    post_save.connect(on_change_event, sender=ChangeEvent, dispatch_uid="page_cache_event")
    post_save.connect(on_record_changed, dispatch_uid="page_cache_record_saved")
    post_delete.connect(on_record_changed, dispatch_uid="page_cache_record_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="page_cache_page_moved")


def generation_for(request):
    """The generation, read once a request (by the middleware or the first shared fragment)."""
    if not hasattr(request, "page_cache_generation"):
        request.page_cache_generation = current_generation()
    return request.page_cache_generation


# --- shared fragments -----------------------------------------------------------------------


def shared_fragment(request, name, render):
    """A part every portal page shows alike (``{% shared_fragment %}``: the navigation, the
    footer; not the emergency notices, which end at their own time), rendered once a generation
    for every page that shows it, so a page not yet in the cache renders only what is its own.
    Kept under the same generation as the pages, so whatever replaces the generation (a column
    published, the settings saved) renders it again; it is at most ``PAGE_CACHE_SECONDS`` old,
    as a page is. Rendered fresh when the page cache is off, in a preview, or when the cache
    fails."""
    if not enabled() or request is None or getattr(request, "is_preview", False):
        return render()
    try:
        key = ":".join(
            ["pagecache", generation_for(request), "fragment", name, request.get_host()]
            + [translation.get_language() or ""]
        )
        stored = cache.get(key)
    except Exception:
        logger.exception("page cache: the fragment %s could not be read", name)
        return render()
    if stored is not None:
        return stored
    rendered = render()
    try:
        cache.set(key, rendered, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("page cache: the fragment %s could not be stored", name)
    return rendered


# --- the middleware -------------------------------------------------------------------------


def cache_key(request, generation):
    parameters = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not name.startswith(DROPPED_PARAMETERS)
    )
    identity = "\n".join(
        [request.scheme, request.get_host(), request.path, urlencode(parameters)]
    ).encode()
    return f"pagecache:{generation}:{hashlib.sha256(identity).hexdigest()}"


def request_is_cacheable(request):
    if request.path.startswith(SKIPPED_PREFIXES) or request.path.startswith(
        (settings.STATIC_URL, settings.MEDIA_URL)
    ):
        return False
    return request_is_anonymous_read(request)


def request_is_anonymous_read(request):
    """A ``GET`` or ``HEAD`` from a visitor without a session, messages or ``Authorization``:
    what it is answered cannot depend on who asks (also the search page's cache,
    :mod:`search.views`)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    # A session cookie may carry a login or per-visitor state; a messages cookie, messages the
    # page would show. The CSRF cookie changes nothing a cached page shows.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def response_is_cacheable(request, response, url_names=CACHEABLE_URL_NAMES):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in url_names:
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie set, or a CSRF token put in a form
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    vary = response.get("Vary", "").lower()
    control = response.get("Cache-Control", "").lower()
    if "cookie" in vary or any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return len(response.content) <= MAX_BYTES


def public_headers(response):
    response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_MAX_AGE}"
    patch_vary_headers(response, ("Cookie",))
    return response


class PageCacheMiddleware:
    """Serves and stores the page cache (see the module's docstring); last in ``MIDDLEWARE``, so
    every middleware above it (security headers, the withdrawn-page notice, …) still acts on a
    cached answer as on a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not request_is_cacheable(request):
            return self.get_response(request)
        try:
            key = cache_key(request, generation_for(request))
            stored = cache.get(key)
        except Exception:
            logger.exception("page cache: the cache could not be read")
            return self.get_response(request)
        if stored is not None:
            return from_cache(request, stored)
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return response
        return store(key, response, settings.PAGE_CACHE_SECONDS)


def store(key, response, seconds, extra=None):
    """Keep ``response`` under ``key`` for ``seconds`` (with ``extra``, what the caller needs
    again on a hit) and return it as a miss; unstored and unmarked when the cache fails."""
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in STORED_HEADERS_SKIPPED
    ]
    try:
        cache.set(key, (response.content, headers, extra), seconds)
    except Exception:
        logger.exception("page cache: the page could not be stored")
        return response
    response["X-Cache"] = "miss"
    return public_headers(response)


def from_cache(request, stored):
    """The response of what :func:`store` kept (entries of before ``extra`` had two parts)."""
    content, headers = stored[:2]
    response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
    response["Content-Length"] = str(len(content))
    response["X-Cache"] = "hit"
    return public_headers(response)


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs, **kwargs):
    """The page cache needs a cache every process shares (Redis via ``CACHE_URL``)."""
    if not enabled():
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            checks.Warning(
                "PAGE_CACHE_SECONDS > 0 with a per-process cache: changes committed by another "
                "process (publish_due, other workers) do not invalidate this process's pages.",
                hint="Set CACHE_URL (Redis) or PAGE_CACHE_SECONDS=0.",
                id="publishing.W001",
            )
        ]
    return []
